"""Seeds of fuzz_xlsx (make fuzz, make fuzz-smoke): small workbooks of the
2013 standard's facts, made with tests/e2e/xlsx_book.py and stored
uncompressed so that the fuzzer's mutations reach their XML.

    python3 fuzz/xlsx_seeds.py DIR"""
import os
import sys
import zipfile

sys.path.insert(0, "tests/e2e")
import xlsx_book as xb  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def stored(path, *args, **kw):
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
