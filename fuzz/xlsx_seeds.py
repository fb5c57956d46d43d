"""Seeds of fuzz_xlsx (make fuzz, make fuzz-smoke): small workbooks of the
2013 standard's facts, made with tests/e2e/xlsx_book.py, a standard's
table as a workbook and as a Word document with merged cells, all stored
uncompressed so that the fuzzer's mutations reach their XML.

    python3 fuzz/xlsx_seeds.py DIR"""
import os
import sys
import zipfile

sys.path.insert(0, "tests/e2e")
import xlsx_book as xb  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def stored(path, *args, **kw):  # noqa: E302
    xb.book(path, *args, **kw)
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in parts:
            z.writestr(name, data)


stored(out + "/form.xlsx", [
    ("表單", [["事項", "說明", "填寫"], ["name", None, xb.inline("東村")], ["kind", None, "村"],
             ["year", None, 2013], ["party_meetings", None, xb.formula("2+2", "4")],
             ["consult_rate", None, xb.n("0.955", 2)], ["plan_date", None, xb.date(41470)],
             ["has_adviser", None, xb.boolean(True)], ["discretion_status", None, "未制定"],
             ["cleanup_date", None, "2013-09-10"], ["hall_rating", None, xb.error("#N/A")]]),
    ("迎接督導檢查記錄", [["date", "passed"], [xb.date(41500, 3), "是"]]),
])
stored(out + "/rows.xlsx", [
    ("村", [["名稱", "年度", "consult_rate", "plan_date"], ["东村", 2013, xb.n("9.1E1"), xb.date(40065, 3)],
           [xb.rich_inline("西", "村"), None, xb.n("0.9", 4), "2013-02-30"]]),
], date1904=True)
stored(out + "/units.xlsx", [
    ("units", [["unit", "kind", "year"], ["城關鎮", "town", 2013]]),
    ("villages", [["unit", "name"], ["城關鎮", "東村"]]),
])

stored(out + "/table.xlsx", [
    ("表", [["2013年度考評標準"], ["類別", "序號", "項目", "考核內容", "分值", "評分方法", "責任單位"],
           ["一、民主管理（30分）", "p1", "會議", "每年至少召開四次。", 10, "每少一次扣2分，扣完為止。", "村委會、支部"],
           [None, "p2", "公開", "公開率不低於95%。", 20, "低於95%的，每低一個百分點扣1分；未公開的扣5分。", "村委會"]]),
], merges=["A3:A4"])
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def tc(text, pr=""):
    return "<w:tc>%s<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % ("<w:tcPr>%s</w:tcPr>" % pr if pr else "", text)


doc = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>2015年度細則</w:t></w:r>'
       '</w:p><w:tbl><w:tr>%s</w:tr><w:tr>%s%s</w:tr><w:tr>%s%s</w:tr></w:tbl></w:body></w:document>' % (
           W, "".join(tc(h) for h in ["類別", "編號", "考評內容", "標準分", "考核辦法", "牽頭單位"]),
           tc("平安建設", '<w:vMerge w:val="restart"/>'), tc("（一）調解（10分）", '<w:gridSpan w:val="5"/>'),
           tc("", "<w:vMerge/>"), "".join(tc(x) for x in ["a1", "無刑事案件。", "10", "每發生一起扣3分。", "綜治中心"])))
with zipfile.ZipFile(out + "/table.docx", "w", zipfile.ZIP_STORED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", doc)
