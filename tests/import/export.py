"""A standard exported as the table an office keeps, for the round trip of
kaoping import (tests/e2e/cases/import-2013-roundtrip):

    export.py RULES.kp DIR

reads the categories, groups and items of a rule file in the canonical
layout (kaoping fmt) and writes three tables of them, each laid out as
offices do:
  DIR/table.csv   a heading row per category (一) and group ((一)), then
                  its items: 序號, 項目, 考核內容, 分值, 評分方法, 責任單位;
  DIR/table.xlsx  a column 類別 merged down over each category's rows,
                  groups as rows "(一)依法決策(36分)";
  DIR/table.docx  the same in Word: 類別 merged with w:vMerge, each group's
                  row one cell spanning the others (w:gridSpan).
Also DIR/expected: the categories, groups and items, one a line."""
import re
import sys
import zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, "tests/e2e")
import xlsx_book as xb  # noqa: E402

rules, out = sys.argv[1], sys.argv[2]
NUM = "零一二三四五六七八九十"


def cn(n):
    return NUM[n] if n <= 10 else ("十" + NUM[n - 10] if n < 20 else NUM[n // 10] + "十" + (NUM[n % 10] if n % 10 else ""))


parts = []  # (level, id, title, points, content, method, responsible)
title = "?"
cur = None
for line in open(rules, encoding="utf-8"):
    m = re.match(r'standard "([^"]*)"', line)
    if m:
        title = m.group(1)
    m = re.match(r'^(\s*)(category|group|item) (\w+) "([^"]*)" points ([\d.]+) \{', line)
    if m and (m.group(2) == "category" or parts):
        cur = [{"category": 1, "group": 2, "item": 3}[m.group(2)], m.group(3), m.group(4), m.group(5), "", "", ""]
        parts.append(cur)
        continue
    if re.match(r"^[a-z]", line) and not line.startswith("category"):
        if parts:
            cur = None
            if not line.startswith(("fact", "kinds", "standard")):
                break
        continue
    if cur and cur[0] == 3:
        for key, idx in (("content", 4), ("method", 5)):
            m = re.match(r'^\s*%s "(.*)";' % key, line)
            if m:
                cur[idx] = m.group(1).replace('\\"', '"')
        m = re.match(r'^\s*responsible (.*);', line)
        if m:
            cur[6] = "、".join(re.findall(r'"([^"]*)"', m.group(1)))

with open(out + "/expected", "w", encoding="utf-8") as f:
    for p in parts:
        f.write("%s %s %s %s\n" % (["", "category", "group", "item"][p[0]], p[2], p[3], p[1] if p[0] == 3 else ""))

HEAD = ["序號", "項目", "考核內容", "分值", "評分方法", "責任單位"]


def csv_cell(s):
    return '"%s"' % s.replace('"', '""') if any(c in s for c in ',"\n') else s


rows, ncat, ngroup = [], 0, 0
for p in parts:
    if p[0] == 1:
        ncat += 1
        ngroup = 0
        rows.append([cn(ncat), p[2], "", p[3], "", ""])
    elif p[0] == 2:
        ngroup += 1
        rows.append(["（%s）" % cn(ngroup), p[2], "", p[3], "", ""])
    else:
        rows.append([p[1], p[2], p[4], p[3], p[5], p[6]])
with open(out + "/table.csv", "w", encoding="utf-8") as f:
    f.write("\ufeff" + title + "\r\n" + ",".join(HEAD) + "\r\n")
    for r in rows:
        f.write(",".join(csv_cell(c) for c in r) + "\r\n")

# Excel and Word: a 類別 column merged down over each category
cat_rows, merges, ngroup = [], [], 0
catname, first = None, None
for p in parts:
    if p[0] == 1:
        if first is not None and len(cat_rows) + 2 > first:
            merges.append("A%d:A%d" % (first, len(cat_rows) + 2))
        catname, first, ngroup = "%s（%s分）" % (p[2], p[3]), len(cat_rows) + 3, 0
        continue
    if p[0] == 2:
        ngroup += 1
        cat_rows.append((catname, ["（%s）%s（%s分）" % (cn(ngroup), p[2], p[3])], True))
    else:
        cat_rows.append((catname, [p[1], p[2], p[4], p[3], p[5], p[6]], False))
merges.append("A%d:A%d" % (first, len(cat_rows) + 2))
sheet = [[title], ["類別"] + HEAD]
for i, (c, cells, _) in enumerate(cat_rows):
    top = any(m.startswith("A%d:" % (i + 3)) for m in merges)
    sheet.append([c if top else None] + cells)
xb.book(out + "/table.xlsx", [("考評標準", sheet)], merges=merges)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def tc(text, merge=None, span=1):
    pr = ""
    if span > 1:
        pr += '<w:gridSpan w:val="%d"/>' % span
    if merge:
        pr += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    return "<w:tc>%s<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % (
        "<w:tcPr>%s</w:tcPr>" % pr if pr else "", escape(text))


body = ['<w:p><w:r><w:t>%s</w:t></w:r></w:p><w:tbl>' % escape(title)]
body.append("<w:tr>%s</w:tr>" % "".join(tc(h) for h in ["類別"] + HEAD))
last = None
for c, cells, group in cat_rows:
    first_cell = tc(c, "restart") if c != last else tc("", "continue")
    last = c
    rest = tc(cells[0], span=6) if group else "".join(tc(x) for x in cells)
    body.append("<w:tr>%s%s</w:tr>" % (first_cell, rest))
body.append("</w:tbl>")
doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="%s"><w:body>%s</w:body>'
       '</w:document>' % (W, "".join(body)))
with zipfile.ZipFile(out + "/table.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    z.writestr("word/document.xml", doc)
