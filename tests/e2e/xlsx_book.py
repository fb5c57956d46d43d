"""Workbooks written cell by cell, as Excel stores them, for the end-to-end
cases that read workbooks (xlsx-*): shared and inline strings, numbers,
formulas with their cached values, booleans, errors, date and percentage
formats; and broken ones. Python's standard library only.

    import sys; sys.path.insert(0, "tests/e2e"); import xlsx_book as xb
    xb.book("f.xlsx", [("form", [["fact", "value"], ["name", xb.s("東村")]])])

A row is a list of cells; a cell is None (empty), a str (a shared string),
an int or a str made by n(), s(), inline(), formula(), boolean(), error()
or date(). Styles: 0 General, 1 a date (built-in 14), 2 a percentage
(built-in 9), 3 a custom date yyyy/m/d, 4 a custom percentage 0.0%."""
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<styleSheet xmlns="%s"><numFmts count="2">'
    '<numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="0.0%%"/></numFmts>'
    '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="9"/>'
    '<xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>' % MAIN)


class Cell:
    def __init__(self, xml):
        self.xml = xml


def n(text, style=0):
    """a number, written as text ("0.905", "1E-3")"""
    return Cell('<c r="{ref}"%s><v>%s</v></c>' % (' s="%d"' % style if style else "", text))


def s(text):
    """a shared string"""
    return text


def inline(text):
    return Cell('<c r="{ref}" t="inlineStr"><is><t>%s</t></is></c>' % escape(text))


def rich_inline(*runs):
    return Cell('<c r="{ref}" t="inlineStr"><is>%s</is></c>' %
                "".join("<r><t>%s</t></r>" % escape(r) for r in runs))


def formula(f, cached, kind="n", style=0):
    t = ' t="%s"' % kind if kind != "n" else ""
    st = ' s="%d"' % style if style else ""
    return Cell('<c r="{ref}"%s%s><f>%s</f><v>%s</v></c>' % (st, t, escape(f), escape(cached)))


def boolean(b):
    return Cell('<c r="{ref}" t="b"><v>%d</v></c>' % (1 if b else 0))


def error(text):
    return Cell('<c r="{ref}" t="e"><v>%s</v></c>' % escape(text))


def date(serial, style=1):
    return n(str(serial), style)


def col_name(c):
    out = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        out = chr(65 + r) + out
    return out


def sheet_xml(rows, strings, merges=()):
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>' % MAIN]
    for r, row in enumerate(rows):
        out.append('<row r="%d">' % (r + 1))
        for c, cell in enumerate(row):
            ref = "%s%d" % (col_name(c), r + 1)
            if cell is None:
                continue
            if isinstance(cell, int):
                cell = n(str(cell))
            if isinstance(cell, str):
                if cell not in strings:
                    strings.append(cell)
                cell = Cell('<c r="{ref}" t="s"><v>%d</v></c>' % strings.index(cell))
            out.append(cell.xml.replace("{ref}", ref))
        out.append("</row>")
    out.append("</sheetData>")
    if merges:
        out.append('<mergeCells count="%d">%s</mergeCells>' % (len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges)))
    out.append("</worksheet>")
    return "".join(out)


def book(path, sheets, date1904=False, parts=None, skip=(), merges=()):
    """sheets: [(name, rows or raw XML text)]; parts: {name: text} written
    as well (or instead of the made ones); skip: parts left out; merges:
    the merged ranges of the first sheet ("A2:A7")."""
    strings = []
    files = {}
    for i, (name, rows) in enumerate(sheets):
        files["xl/worksheets/sheet%d.xml" % (i + 1)] = rows if isinstance(rows, (str, bytes)) else sheet_xml(
            rows, strings, merges if i == 0 else ())
    files["xl/sharedStrings.xml"] = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s">%s</sst>' % (
        MAIN, "".join("<si><t>%s</t></si>" % escape(t) for t in strings))
    files["xl/styles.xml"] = STYLES
    files["xl/workbook.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s">%s<sheets>%s</sheets></workbook>' %
        (MAIN, RELS, '<workbookPr date1904="1"/>' if date1904 else "",
         "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(nm), i + 1, i + 1)
                 for i, (nm, _) in enumerate(sheets))))
    rels = ['<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, RELS, i + 1)
            for i in range(len(sheets))]
    rels.append('<Relationship Id="rS" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % RELS)
    rels.append('<Relationship Id="rT" Type="%s/styles" Target="/xl/styles.xml"/>' % RELS)
    files["xl/_rels/workbook.xml.rels"] = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">%s</Relationships>' % (
        PKG, "".join(rels))
    files["[Content_Types].xml"] = '<?xml version="1.0" encoding="UTF-8"?><Types/>'
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            if name not in skip:
                z.writestr(name, text)
