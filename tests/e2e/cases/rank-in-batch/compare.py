# Compares kaoping's JSON Lines (stdin) with expected.jsonl of the acceptance
# case rank-in-batch: total, grade, part scores and the signed amounts of the
# rules that fired, both by the standard's own numbers (1, 2, 3; 3a: the
# delayed projects, 3b: the last two), exactly.
import json, sys
from decimal import Decimal as D
exp = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = {}
for line in sys.stdin:
    u = json.loads(line)
    got[u["name"]] = u
ok = 0
for e in exp:
    g = got.get(e["name"])
    if g is None:
        print("missing", e["name"])
        continue
    if "error" in e:
        ok += g["status"] == "error"
        continue
    parts = {c["number"]: D(str(c["score"])) for c in g["categories"]}
    rules = {}
    for c in g["categories"]:
        for it in c["items"]:
            for r in it["rules"]:
                amt = D(str(r["amount"]))
                if r["number"] and r["fired"] and amt:
                    rules[r["number"]] = amt
    good = (D(e["total"]) == D(str(g["total"])) and e["grade"] == g["grade"]
            and all(D(v) == parts[k] for k, v in e["parts"].items())
            and {k: D(v) for k, v in e["rules"].items()} == rules)
    if not good:
        print("differs:", e["name"], g["total"], parts, rules)
    ok += good
print("%d of %d units as expected" % (ok, len(exp)))
