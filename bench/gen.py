#!/usr/bin/env python3
"""Synthetic assessment standard and units for `make bench`.

    bench/gen.py standard DIR [--seed S]        writes DIR/std.kp (kaoping),
                                                DIR/std.clp and DIR/std.slots
                                                (CLIPS), DIR/std.jdm.json (Zen)
    bench/gen.py units FILE N [--seed S] [--unit-seed U]
                                                writes N units, JSON Lines

One model of the standard (12 categories, 165 items, 1000 points, 7 vetoes,
a capped bonus section, two penalties, five grade bands) is written out for
each engine. Every form of scoring the bundled 2013 standard uses appears in
about its proportion there: deductions per count (some capped, some only
when a condition holds), fixed deductions on a condition, percentage bars
(started, completed and pro-rata steps, steps of 5%), counts below a bar and
above a baseline, tiered scores over a rate and over an enum, proportional
scores, first-that-holds score chains, date deadlines and weeks late, an
item scored upward from 0, items that apply to some kinds only (so totals
are scaled to 1000). Lists of sub-units are left out (see README.md).

The standard has `decimals 1` and every amount is a whole or half point, so
the peers compute exactly in integer tenths of a point; the only rounding
(proportional scores and the scaling to 1000) is half up on non-negative
values, written out in integer arithmetic for them.

Everything is drawn from random.Random(seed): the same seed gives the same
bytes. Units depend on the standard's seed and on their own seed.

The model is in standard.py; this file writes it for kaoping and writes the
units; gen_peers.py writes it for CLIPS and Zen.
"""

import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_peers import write_clips, write_zen  # noqa: E402
from standard import BONUS_CAP, GRADES, KINDS, KIND_SHARE, TOTAL, Model, day_str, needed, tenths  # noqa: E402

# =========================================================================
# kaoping
# =========================================================================
def kp_cond(c):
    k = c[0]
    if k == "not":
        return "not %s" % c[1].id
    if k == "flag":
        return c[1].id
    if k == "gt0":
        return "%s > 0" % c[1].id
    if k == "enum_lt":
        return '%s < "%s"' % (c[1].id, c[1].values[c[2]])
    if k == "and_not":
        return "%s and not %s" % (c[1].id, c[2].id)
    if k == "date_gt":
        return "%s > %s" % (c[1].id, day_str(c[2]))
    raise AssertionError(k)


def kp_pct(t):
    return tenths(t) + "%"


def kp_rule(r):
    f = r["form"]
    opt = ""
    if r.get("cap") is not None:
        opt += " cap " + tenths(r["cap"])
    if f not in ("score",) and r.get("cond"):
        opt += " when " + kp_cond(r["cond"])
    if f == "per":
        return "deduct %s per %s%s" % (tenths(r["a"]), r["f"].id, opt)
    if f == "add":
        return "add %s per %s%s" % (tenths(r["a"]), r["f"].id, opt)
    if f == "when":
        return "%s %s%s" % ("add" if r.get("add") else "deduct", tenths(r["a"]), opt)
    if f == "below_pct":
        s = "deduct %s per %s below %s" % (tenths(r["a"]), r["f"].id, kp_pct(r["bar"]))
        if r["step"] != 10:
            s += " step " + kp_pct(r["step"])
        if r["mode"] != "started":
            s += " " + r["mode"]
        return s + opt
    if f == "below_int":
        return "deduct %s per %s below %d%s" % (tenths(r["a"]), r["f"].id, r["bar"], opt)
    if f == "above_ref":
        return "deduct %s per %s above %s%s" % (tenths(r["a"]), r["f"].id, r["ref"].id, opt)
    if f == "tiers_pct":
        bands = " ".join("%s %s: %s;" % (op, kp_pct(b), tier_value(v, r)) for op, b, v in r["bands"])
        return "score tiers %s { %s else: 0; }" % (r["f"].id, bands)
    if f == "tiers_enum":
        bands = " ".join('== "%s": %s;' % (r["f"].values[o], tenths(v)) for o, v in r["bands"])
        return "score tiers %s { %s else: 0; }" % (r["f"].id, bands)
    if f == "prop":
        return "score points * %s / %s" % (r["f"].id, r["target"].id)
    if f == "score":
        return "score %s%s" % (tenths(r["val"]), " when " + kp_cond(r["cond"]) if r["cond"] else "")
    if f == "date_weeks":
        return "deduct %s per %s - %s step 7%s" % (tenths(r["a"]), r["f"].id, day_str(r["due"]), opt)
    raise AssertionError(f)


def tier_value(v, r):
    """a band's score as the 2013 standard writes it: points, points * 80%"""
    p10 = r["bands"][0][2]
    if v == p10:
        return "points"
    if v * 10 % p10 == 0:
        return "points * %d%%" % (v * 100 // p10)
    return tenths(v)


def write_kp(m, path):
    o = []
    o.append("// Synthetic standard for `make bench`, written by bench/gen.py: do not edit.\n")
    o.append('standard "基準測試標準(合成)" {\n  year 2013;\n  total %d;\n  decimals 1;\n' % TOTAL)
    for name, op, bound, fail in GRADES:
        if op is None:
            o.append('  grade "%s" otherwise;\n' % name)
        else:
            o.append('  grade "%s" %s %d%s;\n' % (name, op, bound, " fail" if fail else ""))
    o.append("}\n\n")
    o.append("kinds %s;\n\n" % ", ".join('%s "%s"' % k for k in KINDS))
    for f in m.facts:
        t = {"cnt": "integer", "act": "integer", "ref": "integer", "cur": "integer",
             "target": "integer", "done": "integer", "pct": "percent", "bool": "boolean",
             "date": "date"}.get(f.type)
        if f.type == "enum":
            t = "enum(%s)" % ", ".join('"%s"' % v for v in f.values)
        s = 'fact %s: %s "%s"' % (f.id, t, f.label)
        if f.type == "pct":
            s += " in 0%..100%"
        elif f.type == "date":
            s += " in 2013-01-01..2013-12-31"
        elif f.lo is not None:
            s += " in %d.." % f.lo
        if f.default is not None:
            d = f.default
            s += " default %s" % ("true" if d is True else "false" if d is False else
                                  '"%s"' % d if isinstance(d, str) else d)
        o.append(s + ";\n")
    o.append("\n")

    def item(it, ind):
        s = '%sitem %s "%s" points %d {\n' % (ind, it["id"], it["title"], it["points"])
        s += '%s  responsible "%s";\n' % (ind, it["responsible"])
        if it["applies"]:
            s += "%s  applies %s;\n" % (ind, ", ".join(it["applies"]))
        for r in it["rules"]:
            s += "%s  %s;\n" % (ind, kp_rule(r))
        return s + "%s}\n" % ind

    for cid, title, points, groups in m.cats:
        o.append('category %s "%s" points %d {\n' % (cid, title, points))
        for gid, gt, items in groups:
            if gid:
                o.append('  group %s "%s" points %d {\n' % (gid, gt, sum(i["points"] for i in items)))
                o.extend(item(it, "    ") for it in items)
                o.append("  }\n")
            else:
                o.extend(item(it, "  ") for it in items)
        o.append("}\n\n")
    o.append('bonus "加分項目" cap %d {\n' % BONUS_CAP)
    for b in m.bonus:
        o.append('  item %s "%s" points %d {\n' % (b["id"], b["title"], b["points"]))
        for r in b["rules"]:
            o.append("    %s;\n" % kp_rule(r))
        o.append("  }\n")
    o.append("}\n\n")
    for p in m.penalties:
        o.append('penalty %s "%s" {\n  deduct %s per %s final;\n}\n\n'
                 % (p["id"], p["title"], tenths(p["a"]), p["f"].id))
    for vid, title, f in m.vetoes:
        o.append('veto %s "%s" when %s > 0\n    reason "%s,不予申報";\n' % (vid, title, f.id, title))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("".join(o))



def gen_value(rng, f, q, unit):
    g = f.gen
    if g[0] == "cnt":
        pzero = g[1] + (1 - g[1]) * (q - 0.8) if g[1] < 0.99 else g[1]
        return 0 if rng.random() < pzero else rng.randint(1, g[2])
    if g[0] == "act":
        bar = g[1]
        return bar + rng.randint(0, 3) if rng.random() < q else max(0, bar - rng.randint(1, 3))
    if g[0] == "pct":
        bar = g[1]
        if rng.random() < q:
            return rng.randint(min(bar, 1000), 1000)
        return rng.randint(max(0, bar - 150), max(0, bar - 1))
    if g[0] == "bool":
        good = rng.random() < g[1] * (0.5 + q / 2) / 0.95
        return good if g[2] else not good
    if g[0] == "enum":
        n = len(f.values)
        return f.values[min(n - 1, int(rng.random() ** (1 - q + 0.3) * n))]
    if g[0] == "date":
        due = g[1]
        return due - rng.randint(0, 60) if rng.random() < q else due + rng.randint(1, 40)
    if g[0] == "ref":
        return rng.randint(2, 10)
    if g[0] == "cur":
        ref = unit.get(g[1].id, 5)
        return max(0, ref - rng.randint(0, 3)) if rng.random() < q else ref + rng.randint(1, 4)
    if g[0] == "target":
        return rng.randint(1, 8)
    if g[0] == "done":
        t = unit.get(g[1].id, 4)
        return t + rng.randint(0, 2) if rng.random() < q else rng.randint(0, t)
    raise AssertionError(g)


def json_value(f, v):
    if f.type == "pct":
        return tenths(v)
    if f.type == "date":
        return '"%s"' % day_str(v)
    if f.type == "bool":
        return "true" if v else "false"
    if f.type == "enum":
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def write_units(m, path, n, seed):
    rng = random.Random(seed)
    need = needed(m)
    kinds = [k for k, w in KIND_SHARE for _ in range(w)]
    # facts in an order where a baseline comes before what reads it
    order = sorted(m.facts, key=lambda f: (f.gen[0] in ("cur", "done"), m.facts.index(f)))
    with open(path, "w", encoding="utf-8") as fh:
        for u in range(1, n + 1):
            kind = rng.choice(kinds)
            q = rng.uniform(0.5, 1.0)
            vals = {}
            parts = []
            for f in order:
                nk = need.get(f.id, ())
                if nk is not None and kind not in nk:
                    continue
                v = gen_value(rng, f, q, vals)
                vals[f.id] = v
                # a count or flag at its default is often left out, as evaluators do
                if f.default is not None and v == f.default and rng.random() < 0.5:
                    continue
                parts.append('"%s":%s' % (f.id, json_value(f, v)))
            fh.write('{"name":"u%07d","kind":"%s","year":2013,"facts":{%s}}\n'
                     % (u, kind, ",".join(parts)))



def main(argv):
    args = list(argv)
    opts = {"--seed": "2013", "--unit-seed": None}
    for o in list(opts):
        if o in args:
            i = args.index(o)
            opts[o] = args[i + 1]
            del args[i:i + 2]
    seed = int(opts["--seed"])
    m = Model(seed)
    if len(args) == 2 and args[0] == "standard":
        d = args[1]
        write_kp(m, d + "/std.kp")
        write_clips(m, d + "/std.clp", d + "/std.slots")
        write_zen(m, d + "/std.jdm.json")
        return 0
    if len(args) == 3 and args[0] == "units":
        useed = int(opts["--unit-seed"]) if opts["--unit-seed"] else seed * 7919 + int(args[2])
        write_units(m, args[1], int(args[2]), useed)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
