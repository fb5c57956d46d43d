"""Fills kaoping's workbooks with openpyxl, as an office would (tests/office/run):

    fill.py DIR

For each unit of examples/*.json (in name order), the form of its kind
(kaoping template --kind KIND --format xlsx) filled in and saved as
DIR/openpyxl/NN-NAME.xlsx; and the workbook of units (template without
--kind: a sheet per kind, a sheet per list) with every unit, saved as
DIR/rows.xlsx, the examples in the order of its rows in DIR/rows-order.
Values go in as a person types them: numbers as numbers, days as dates,
yes and no as 是 and 否, lists one record a row on their sheets."""
import datetime
import glob
import json
import os
import re
import subprocess
import sys

import openpyxl

KAOPING = os.environ.get("KAOPING", "build/kaoping")
RULES = "rules/2013.kp"
out = sys.argv[1]
os.makedirs(out + "/openpyxl", exist_ok=True)


def kaoping(*args):
    return subprocess.run([KAOPING, *args], check=True, capture_output=True, text=True).stdout


def cell_value(v):
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return datetime.date.fromisoformat(v)
    return v


def labels(guide):
    """key -> label, from the guide of the JSON template"""
    return {k: g.split(" · ")[0] for k, g in guide.items()}


def list_sheet(wb, key, label):
    for name in (label, key):
        if name in wb.sheetnames:
            return wb[name]
    raise SystemExit("no sheet for the list %s" % key)


def columns(ws, lab, prefix):
    """header text -> the key of a fact (prefix "") or of a field (prefix "villages[].")"""
    by = {}
    for k, l in lab.items():
        if k.startswith(prefix) and "[]" not in k[len(prefix):]:
            by[l] = k[len(prefix):]
            by[k[len(prefix):]] = k[len(prefix):]
    return [by.get(c.value) for c in ws[1]]


def add_records(ws, cols, records, unit=None):
    for rec in records:
        row = [None] * len(cols)
        for i, k in enumerate(cols):
            if k is not None and k in rec:
                row[i] = cell_value(rec[k])
        if unit is not None:
            row[0] = unit
        ws.append(row)


units = []
for path in sorted(glob.glob("examples/*.json")):
    data = json.load(open(path, encoding="utf-8"))
    for u in data if isinstance(data, list) else [data]:
        units.append((path, u))

# one form per unit
for n, (path, u) in enumerate(units):
    kind = u["kind"]
    lab = labels(json.loads(kaoping("template", RULES, "--kind", kind))["guide"])
    book = "%s/openpyxl/%02d-%s.xlsx" % (out, n, os.path.basename(path)[:-5])
    kaoping("template", RULES, "--kind", kind, "--format", "xlsx", "-o", book)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    facts = u.get("facts", {})
    for row in ws.iter_rows(min_row=2):
        key, value = row[0].value, row[2]
        if key in ("name", "kind", "year"):
            if key in u:
                value.value = u[key]
        elif key in facts:
            value.value = cell_value(facts[key])
    for key, v in facts.items():
        if isinstance(v, list):
            ls = list_sheet(wb, key, lab.get(key))
            add_records(ls, columns(ls, lab, key + "[]."), v)
    wb.save(book)

# the workbook of units
guide = json.loads(kaoping("template", RULES))["guide"]
lab = labels(guide)
kinds = dict(re.findall(r"(\w+) \(([^)]*)\)", guide["kind"]))  # id -> label
ids = {l: i for i, l in kinds.items()}
kaoping("template", RULES, "--format", "xlsx", "-o", out + "/rows.xlsx")
wb = openpyxl.load_workbook(out + "/rows.xlsx")
order = []
for sheet in wb.worksheets:
    kind = ids.get(sheet.title, sheet.title)
    if kind not in kinds:
        continue
    cols = columns(sheet, lab, "")
    for path, u in units:
        if u["kind"] not in (kind, kinds[kind]):
            continue
        order.append(path)
        row = [None] * len(cols)
        row[0] = u["name"]
        if "year" in u and sheet.cell(1, 2).value in ("year", "年度"):
            row[1] = u["year"]
        for i, k in enumerate(cols):
            if k is not None and k in u.get("facts", {}):
                row[i] = cell_value(u["facts"][k])
        sheet.append(row)
        for key, v in u.get("facts", {}).items():
            if isinstance(v, list):
                ls = list_sheet(wb, key, lab.get(key))
                add_records(ls, columns(ls, lab, key + "[]."), v, unit=u["name"])
wb.save(out + "/rows.xlsx")
open(out + "/rows-order", "w").write("\n".join(order) + "\n")
