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
"""
import json
import random
import sys

KINDS = [("town", "鎮"), ("village", "村"), ("community", "社區"), ("department", "部門")]
KIND_SHARE = [("village", 60), ("community", 15), ("town", 10), ("department", 15)]
CATEGORIES = [  # id, title, points, items
    ("party", "黨委依法執政", 100, 17), ("gov", "政府依法行政", 120, 20),
    ("justice", "公正司法", 80, 13), ("economy", "經濟法治建設", 60, 10),
    ("grassroots", "基層民主法治建設", 100, 17), ("publicity", "法制宣傳教育", 120, 20),
    ("service", "法律服務", 60, 10), ("stability", "社會安定和諧", 100, 16),
    ("oversight", "法治監督機制", 60, 10), ("org", "組織保障", 60, 10),
    ("survey", "民意調查", 100, 15), ("routine", "平時考核", 40, 7),
]
TOTAL = 1000
# grade bands: name, op, bound (points), fail
GRADES = [("優秀", ">=", 900, False), ("良好", ">", 850, False), ("合格", ">=", 800, False),
          ("基本合格", ">=", 700, True), ("不合格", None, None, True)]
BONUS_CAP = 20
ENUM_LEVELS = ["差", "合格", "良好", "優秀"]
ENUM_STARS = ["無", "A", "AA", "AAA"]
YEAR_START = 15706  # 2013-01-01 as days since 1970-01-01

# scoring forms and their weights (rules of the 2013 standard, counted)
FORMS = [("per", 26), ("per_cap", 6), ("per_when", 3), ("when_bool", 14), ("when_int", 4),
         ("when_enum", 3), ("when_and", 3), ("below_pct", 12), ("below_pct_pro", 8),
         ("below_pct_step", 6), ("below_pct_completed", 2), ("below_int", 6),
         ("above_ref", 3), ("tiers_pct", 7), ("tiers_enum", 2), ("prop", 2), ("chain", 2),
         ("date_when", 5), ("date_weeks", 2), ("score0_add", 1)]


def day_str(d):
    import datetime
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=d)).isoformat()


def tenths(t):
    """A value in tenths as a kaoping number: 955 -> '95.5', 950 -> '95'."""
    return str(t // 10) if t % 10 == 0 else "%d.%d" % (t // 10, t % 10)


class Fact:
    def __init__(self, fid, ftype, label, default=None, lo=None, gen=None, values=None):
        self.id, self.type, self.label, self.default = fid, ftype, label, default
        self.lo, self.gen, self.values = lo, gen, values


class Model:
    """The standard: facts, items (with rules), bonus, penalties, vetoes."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.facts = []
        self.cats = []  # (id, title, points, [groups]); group = (id, title, [items]) or None
        self.bonus = []
        self.penalties = []
        self.vetoes = []
        self._build()

    # --- facts --------------------------------------------------------------
    def fact(self, ftype, **kw):
        fid = "f%03d_%s" % (len(self.facts) + 1, ftype)
        label = "指標%03d" % (len(self.facts) + 1)
        f = Fact(fid, ftype, label, **kw)
        self.facts.append(f)
        return f

    def count(self, pzero=0.75, hi=4):
        return self.fact("cnt", default=0, lo=0, gen=("cnt", pzero, hi))

    def activity(self, bar):
        return self.fact("act", default=0, lo=0, gen=("act", bar))

    def rate(self, bar):
        return self.fact("pct", gen=("pct", bar))

    def flag(self, pgood=0.85, good=True):
        return self.fact("bool", default=False, gen=("bool", pgood, good))

    def enum(self, values, default=None):
        return self.fact("enum", default=default, values=values, gen=("enum",))

    def date(self, due):
        return self.fact("date", gen=("date", due))

    # --- rules --------------------------------------------------------------
    def amount(self, points, choices=(1, 2, 0.5, 3)):
        a = self.rng.choice([c for c in choices if c <= points] or [0.5])
        return int(round(a * 10))

    def make_rules(self, points):
        """A list of rules (dicts) for an item of `points` points."""
        r = self.rng
        form = r.choices([f for f, _ in FORMS], [w for _, w in FORMS])[0]
        P = points
        if form == "per":
            return [dict(form="per", a=self.amount(P), f=self.count())]
        if form == "per_cap":
            a = self.amount(P)
            return [dict(form="per", a=a, f=self.count(0.5, 6), cap=max(a, P * 10 // 2))]
        if form == "per_when":
            g = self.flag(0.8)
            return [dict(form="when", a=min(P, 6) * 10, cond=("not", g)),
                    dict(form="below_int", a=self.amount(P), f=self.activity(4), bar=4,
                         cond=("flag", g))]
        if form == "when_bool":
            return [dict(form="when", a=self.amount(P, (2, 3, 4, 1)), cond=("not", self.flag()))]
        if form == "when_int":
            return [dict(form="when", a=self.amount(P, (2, 3, 4)), cond=("gt0", self.count(0.85, 3)))]
        if form == "when_enum":
            e = self.enum(ENUM_STARS, default="無")
            return [dict(form="when", a=self.amount(P, (4, 3, 2)), cond=("enum_lt", e, 2))]
        if form == "when_and":
            g, h = self.flag(0.9), self.flag(0.85)
            return [dict(form="when", a=self.amount(P, (4, 3, 2)), cond=("and_not", g, h))]
        if form.startswith("below_pct"):
            bar = r.choice([900, 950, 1000, 850, 800])
            f = self.rate(bar)
            a = self.amount(P, (1, 2, 1, 0.5))
            rule = dict(form="below_pct", a=a, f=f, bar=bar, step=10, mode="started")
            if form == "below_pct_pro":
                rule.update(mode="pro_rata", a=max(10, a // 10 * 10))
            elif form == "below_pct_step":
                rule.update(step=50, a=self.amount(P, (2, 1)))
            elif form == "below_pct_completed":
                rule.update(mode="completed")
            if r.random() < 0.3 or form == "below_pct_step":
                rule["cap"] = P * 10
            return [rule]
        if form == "below_int":
            bar = r.choice([2, 4, 6, 12])
            rule = dict(form="below_int", a=self.amount(P), f=self.activity(bar), bar=bar)
            if r.random() < 0.3:
                rule["cap"] = max(rule["a"], P * 10 // 2)
            return [rule]
        if form == "above_ref":
            ref = self.fact("ref", lo=0, gen=("ref",))
            cur = self.fact("cur", default=0, lo=0, gen=("cur", ref))
            return [dict(form="above_ref", a=self.amount(P, (2, 1, 3)), f=cur, ref=ref,
                         cap=P * 10)]
        if form == "tiers_pct":
            hi = r.choice([950, 900])
            f = self.rate(hi)
            return [dict(form="tiers_pct", f=f, bands=[(">=", hi, P * 10), (">=", hi - 100, P * 8),
                                                      (">", hi - 200, P * 6)], other=0)]
        if form == "tiers_enum":
            e = self.enum(ENUM_LEVELS)
            return [dict(form="tiers_enum", f=e, bands=[(3, P * 10), (2, P * 8), (1, P * 5)],
                         other=0)]
        if form == "prop":
            target = self.fact("target", lo=1, gen=("target",))
            done = self.fact("done", default=0, lo=0, gen=("done", target))
            return [dict(form="prop", p=P, f=done, target=target)]
        if form == "chain":
            g, h = self.flag(0.6), self.flag(0.7)
            return [dict(form="score", val=P * 10, cond=("flag", g)),
                    dict(form="score", val=P * 5, cond=("flag", h)),
                    dict(form="score", val=0, cond=None)]
        if form == "date_when":
            due = YEAR_START + r.randrange(120, 300)
            return [dict(form="when", a=self.amount(P, (2, 3, 4)), cond=("date_gt", self.date(due), due))]
        if form == "date_weeks":
            due = YEAR_START + r.randrange(120, 300)
            return [dict(form="date_weeks", a=self.amount(P, (1, 2)), f=self.date(due), due=due,
                         cap=P * 10)]
        if form == "score0_add":
            return [dict(form="score", val=0, cond=None),
                    dict(form="add", a=5, f=self.fact("cnt", default=0, lo=0, gen=("cnt", 0.1, 2 * P + 2)))]
        raise AssertionError(form)

    def split(self, total, n, lo=2):
        """n whole numbers of at least lo adding up to total."""
        w = [self.rng.uniform(0.5, 1.5) for _ in range(n)]
        rest = total - lo * n
        parts = [lo + int(rest * x / sum(w)) for x in w]
        i = 0
        while sum(parts) < total:
            parts[i % n] += 1
            i += 1
        return parts

    def applies(self):
        r = self.rng.random()
        if r < 0.55:
            return None
        if r < 0.75:
            return ["town", "village", "community"]
        if r < 0.85:
            return ["town"]
        if r < 0.93:
            return ["village", "community"]
        return ["department", "town"]

    def _build(self):
        n_item = 0
        for ci, (cid, title, points, n) in enumerate(CATEGORIES):
            pts = self.split(points, n)
            items = []
            for k, p in enumerate(pts):
                n_item += 1
                items.append(dict(id="i%d_%d" % (ci + 1, k + 1), title="考評項目%03d" % n_item,
                                  points=p, applies=self.applies(), rules=self.make_rules(p),
                                  responsible="責任單位%02d" % self.rng.randrange(1, 25)))
            if n >= 12:  # bigger categories in three groups, like the 2013 standard
                cut = [0, n // 3, 2 * n // 3, n]
                groups = [("%s_g%d" % (cid, g + 1), "%s第%d組" % (title, g + 1),
                           items[cut[g]:cut[g + 1]]) for g in range(3)]
            else:
                groups = [(None, None, items)]
            self.cats.append((cid, title, points, groups))
        assert n_item == 165
        for i, (p, a) in enumerate([(12, 40), (6, 20), (5, 50)]):
            if i < 2:
                rules = [dict(form="add", a=a, f=self.count(0.7, 3))]
            else:
                rules = [dict(form="when", a=a, cond=("flag", self.flag(0.8, good=False)), add=True)]
            self.bonus.append(dict(id="b%d" % (i + 1), title="加分項目%d" % (i + 1), points=p,
                                   rules=rules))
        self.penalties = [dict(id="x1", title="較大安全責任事故", a=200, f=self.count(0.97, 2)),
                          dict(id="x2", title="被上級通報批評", a=50, f=self.count(0.9, 3))]
        for v in range(7):
            self.vetoes.append(("v%d" % (v + 1), "否決事項%d" % (v + 1), self.count(0.993, 2)))

    def items(self):
        for cid, title, points, groups in self.cats:
            for gid, gt, items in groups:
                yield from items

    def items_max(self, kind):
        return sum(it["points"] for it in self.items()
                   if it["applies"] is None or kind in it["applies"])


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


# =========================================================================
# Expressions in integer tenths, for CLIPS (prefix) and Zen (infix)
# =========================================================================
class Clips:
    """Values: integers (percentages in tenths of a point, dates in days),
    booleans as the symbols TRUE/FALSE, enums as their rank."""

    @staticmethod
    def v(f):
        return "?" + f.id

    def cond(self, c):
        k = c[0]
        if k == "not":
            return "(eq %s FALSE)" % self.v(c[1])
        if k == "flag":
            return "(eq %s TRUE)" % self.v(c[1])
        if k == "gt0":
            return "(> %s 0)" % self.v(c[1])
        if k == "enum_lt":
            return "(< %s %d)" % (self.v(c[1]), c[2])
        if k == "and_not":
            return "(and (eq %s TRUE) (eq %s FALSE))" % (self.v(c[1]), self.v(c[2]))
        if k == "date_gt":
            return "(> %s %d)" % (self.v(c[1]), c[2])
        raise AssertionError(k)

    def steps(self, gap, step, mode):
        """whole steps in a gap of 0 or more"""
        if mode == "started":
            return "(div (+ %s %d) %d)" % (gap, step - 1, step) if step != 1 else gap
        if mode == "completed":
            return "(div %s %d)" % (gap, step)
        raise AssertionError(mode)

    def capped(self, e, r):
        return "(min %s %d)" % (e, r["cap"]) if r.get("cap") is not None else e

    def value(self, r):
        """the rule's deduction (or addition) in tenths, 0 when it does not fire"""
        f = r["form"]
        if f in ("per", "add"):
            e = "(* %d (max 0 %s))" % (r["a"], self.v(r["f"]))
        elif f == "when":
            e = str(r["a"])
        elif f == "below_pct":
            gap = "(max 0 (- %d %s))" % (r["bar"], self.v(r["f"]))
            if r["mode"] == "pro_rata":   # a whole amount per point: a/10 * gap
                e = "(* %d %s)" % (r["a"] // 10, gap)
            else:
                e = "(* %d %s)" % (r["a"], self.steps(gap, r["step"], r["mode"]))
        elif f == "below_int":
            e = "(* %d (max 0 (- %d %s)))" % (r["a"], r["bar"], self.v(r["f"]))
        elif f == "above_ref":
            e = "(* %d (max 0 (- %s %s)))" % (r["a"], self.v(r["f"]), self.v(r["ref"]))
        elif f == "date_weeks":
            gap = "(max 0 (- %s %d))" % (self.v(r["f"]), r["due"])
            e = "(* %d %s)" % (r["a"], self.steps(gap, 7, "started"))
        else:
            raise AssertionError(f)
        return self.capped(e, r)

    def start(self, rules, P10):
        """the item's starting value: the first score rule that holds"""
        out = str(P10)
        for r in reversed([r for r in rules if r["form"] in ("score", "tiers_pct", "tiers_enum", "prop")]):
            f = r["form"]
            if f == "score":
                out = str(r["val"]) if not r["cond"] else "(if %s then %d else %s)" % (self.cond(r["cond"]), r["val"], out)
            elif f == "tiers_pct" or f == "tiers_enum":
                e = str(r["other"])
                for band in reversed(r["bands"]):
                    if f == "tiers_pct":
                        op, b, val = band
                        e = "(if (%s %s %d) then %d else %s)" % (op, self.v(r["f"]), b, val, e)
                    else:
                        o, val = band
                        e = "(if (= %s %d) then %d else %s)" % (self.v(r["f"]), o, val, e)
                out = e
            elif f == "prop":  # round(P*10*done/target), half up
                out = "(div (+ (* %d %s) %s) (* 2 %s))" % (2 * r["p"] * 10, self.v(r["f"]),
                                                          self.v(r["target"]), self.v(r["target"]))
        return out


def clips_item_body(cl, it, P10, start_needed=True):
    ded, add = [], []
    for r in it["rules"]:
        if r["form"] in ("score", "tiers_pct", "tiers_enum", "prop"):
            continue
        v = cl.value(r)
        if r.get("cond") and r["form"] != "when":
            v = "(if %s then %s else 0)" % (cl.cond(r["cond"]), v)
        elif r["form"] == "when":
            v = "(if %s then %s else 0)" % (cl.cond(r["cond"]), v)
        (add if r["form"] == "add" or r.get("add") else ded).append(v)
    e = cl.start(it["rules"], P10)
    if ded:
        e = "(- %s %s)" % (e, " ".join(ded))
    if add:
        e = "(+ %s %s)" % (e, " ".join(add))
    return e


def rule_facts(rules):
    seen = []
    for r in rules:
        for k in ("f", "ref", "target"):
            if r.get(k) is not None and r[k] not in seen:
                seen.append(r[k])
        c = r.get("cond")
        if c:
            for x in c[1:]:
                if isinstance(x, Fact) and x not in seen:
                    seen.append(x)
    return seen


def fact_groups(m):
    """CLIPS templates: one per category (the facts its items read), one `x`
    for the facts of the bonus, penalties and vetoes. Returns a list of
    (template, [facts]) and fact id -> template."""
    where = {}
    for ci, (cid, title, points, groups) in enumerate(m.cats):
        for gid, gt, items in groups:
            for it in items:
                for f in rule_facts(it["rules"]):
                    where.setdefault(f.id, "c%d" % (ci + 1))
    for f in m.facts:
        where.setdefault(f.id, "x")
    names = ["c%d" % (i + 1) for i in range(len(m.cats))] + ["x"]
    return [(t, [f for f in m.facts if where[f.id] == t]) for t in names], where


def write_clips(m, clp, slots):
    cl = Clips()
    groups, where = fact_groups(m)
    o = [";; Synthetic standard for `make bench`, written by bench/gen.py: do not edit.\n",
         ";; A unit is asserted as one `unit` fact (name, kind) and one fact per\n",
         ";; category holding the facts its items read (c1..c12; x for the bonus,\n",
         ";; penalties and vetoes): CLIPS's cost per activation grows with the\n",
         ";; width of the facts it matched, so narrow facts are its fast layout.\n",
         ";; One rule per item scores it into ?*items*; vetoes, bonus and penalties\n",
         ";; likewise; the total rule (lowest salience) scales, grades and resets.\n",
         ";; Points are integer tenths; percentages tenths of a point; dates days.\n"]
    o.append("(deftemplate unit (slot name (type STRING)) (slot kind (type SYMBOL)))\n")
    for t, fs in groups:
        o.append("(deftemplate %s (slot kind (type SYMBOL))\n" % t)
        for f in fs:
            d = {"bool": "FALSE", "enum": str(f.values.index(f.default)) if f.default else "0"}.get(f.type, "0")
            o.append("  (slot %s (default %s))\n" % (f.id, d))
        o.append(")\n")
    o.append("(defglobal ?*items* = 0 ?*bonus* = 0 ?*penalty* = 0 ?*vetoed* = 0\n"
             "  ?*total* = 0 ?*grade* = \"\" ?*pass* = 0)\n")

    def pattern(fs, kinds):
        ts = sorted(set(where[f.id] for f in fs)) or ["unit"]
        out = []
        for t in ts:
            s = "(%s" % t
            if kinds:
                s += " (kind %s)" % "|".join(kinds)
            for f in fs:
                if where[f.id] == t:
                    s += " (%s ?%s)" % (f.id, f.id)
            out.append(s + ")")
        return " ".join(out)

    for it in m.items():
        P10 = it["points"] * 10
        o.append("(defrule %s (declare (salience 10)) %s\n  => (bind ?*items* (+ ?*items* (max 0 (min %d %s)))))\n"
                 % (it["id"], pattern(rule_facts(it["rules"]), it["applies"]), P10,
                    clips_item_body(cl, it, P10)))
    for b in m.bonus:
        vals = []
        for r in b["rules"]:
            v = cl.value(r)
            if r.get("cond"):
                v = "(if %s then %s else 0)" % (cl.cond(r["cond"]), v)
            vals.append(v)
        o.append("(defrule %s (declare (salience 10)) %s\n  => (bind ?*bonus* (+ ?*bonus* (min %d (+ 0 %s)))))\n"
                 % (b["id"], pattern(rule_facts(b["rules"]), None), b["points"] * 10, " ".join(vals)))
    for p in m.penalties:
        o.append("(defrule %s (declare (salience 10)) (%s (%s ?n&:(> ?n 0)))\n  => (bind ?*penalty* (+ ?*penalty* (* %d ?n))))\n"
                 % (p["id"], where[p["f"].id], p["f"].id, p["a"]))
    for vid, title, f in m.vetoes:
        o.append("(defrule %s (declare (salience 10)) (%s (%s ?n&:(> ?n 0)))\n  => (bind ?*vetoed* 1))\n"
                 % (vid, where[f.id], f.id))
    # scale: items (tenths) * total / items_max, rounded half up
    maxes = " ".join("(case %s then %d)" % (k, m.items_max(k)) for k, _ in KINDS)
    grade = '"%s"' % GRADES[-1][0]
    passes = "0"
    for name, op, bound, fail in reversed(GRADES[:-1]):
        grade = '(if (%s ?t %d) then "%s" else %s)' % (op, bound * 10, name, grade)
        passes = "(if (%s ?t %d) then %d else %s)" % (op, bound * 10, 0 if fail else 1, passes)
    o.append("(defrule total (declare (salience -10)) (unit (kind ?k))\n  =>\n"
             "  (bind ?m (switch ?k %s))\n"
             "  (bind ?s (div (+ (* 2 %d ?*items*) ?m) (* 2 ?m)))\n"
             "  (bind ?t (max 0 (- (+ ?s (min %d ?*bonus*)) ?*penalty*)))\n"
             "  (bind ?*total* ?t)\n  (bind ?*grade* %s)\n"
             "  (bind ?*pass* (if (= ?*vetoed* 1) then 0 else %s))\n"
             "  (bind ?*items* 0) (bind ?*bonus* 0) (bind ?*penalty* 0) (bind ?*vetoed* 0))\n"
             % (maxes, TOTAL, BONUS_CAP * 10, grade, passes))
    with open(clp, "w", encoding="utf-8") as fh:
        fh.write("".join(o))
    # slot table for the driver: templates, then per fact: id, type (i integer,
    # p percent in tenths, b boolean, e enum rank, d date in days), template,
    # enum values
    with open(slots, "w", encoding="utf-8") as fh:
        fh.write("\t".join(["templates"] + [t for t, _ in groups]) + "\n")
        for f in m.facts:
            t = {"pct": "p", "bool": "b", "enum": "e", "date": "d"}.get(f.type, "i")
            fh.write("\t".join([f.id, t, where[f.id]] + (f.values if f.type == "enum" else [])) + "\n")


class Zen(Clips):
    """The same arithmetic in the ZEN expression language (decimal numbers)."""

    @staticmethod
    def v(f):
        if f.type == "pct":
            return "round((%s ?? 0) * 10)" % f.id
        if f.type == "bool":
            return "(%s ?? false)" % f.id
        if f.type == "date":
            return "(date(%s) / 86400)" % f.id
        if f.type == "enum":
            return f.id if f.default is None else '(%s ?? "%s")' % (f.id, f.default)
        return "(%s ?? 0)" % f.id

    def cond(self, c):
        k = c[0]
        if k == "not":
            return "not %s" % self.v(c[1])
        if k == "flag":
            return self.v(c[1])
        if k == "gt0":
            return "%s > 0" % self.v(c[1])
        if k == "enum_lt":
            return "%s in [%s]" % (self.v(c[1]), ", ".join('"%s"' % x for x in c[1].values[:c[2]]))
        if k == "and_not":
            return "(%s and not %s)" % (self.v(c[1]), self.v(c[2]))
        if k == "date_gt":
            return "%s > %d" % (self.v(c[1]), c[2])
        raise AssertionError(k)

    def steps(self, gap, step, mode):
        if mode == "started":
            return "ceil(%s / %d)" % (gap, step)
        return "floor(%s / %d)" % (gap, step)

    def capped(self, e, r):
        return "min([%s, %d])" % (e, r["cap"]) if r.get("cap") is not None else e

    def value(self, r):
        f = r["form"]
        if f in ("per", "add"):
            e = "%d * max([0, %s])" % (r["a"], self.v(r["f"]))
        elif f == "when":
            e = str(r["a"])
        elif f == "below_pct":
            gap = "max([0, %d - %s])" % (r["bar"], self.v(r["f"]))
            if r["mode"] == "pro_rata":
                e = "%d * %s" % (r["a"] // 10, gap)
            else:
                e = "%d * %s" % (r["a"], self.steps(gap, r["step"], r["mode"]))
        elif f == "below_int":
            e = "%d * max([0, %d - %s])" % (r["a"], r["bar"], self.v(r["f"]))
        elif f == "above_ref":
            e = "%d * max([0, %s - %s])" % (r["a"], self.v(r["f"]), self.v(r["ref"]))
        elif f == "date_weeks":
            e = "%d * ceil(max([0, %s - %d]) / 7)" % (r["a"], self.v(r["f"]), r["due"])
        else:
            raise AssertionError(f)
        return self.capped(e, r)

    def start(self, rules, P10):
        out = str(P10)
        for r in reversed([r for r in rules if r["form"] in ("score", "tiers_pct", "tiers_enum", "prop")]):
            f = r["form"]
            if f == "score":
                out = str(r["val"]) if not r["cond"] else "(%s ? %d : %s)" % (self.cond(r["cond"]), r["val"], out)
            elif f in ("tiers_pct", "tiers_enum"):
                e = str(r["other"])
                for band in reversed(r["bands"]):
                    if f == "tiers_pct":
                        op, b, val = band
                        e = "(%s %s %d ? %d : %s)" % (self.v(r["f"]), op, b, val, e)
                    else:
                        o, val = band
                        e = '(%s == "%s" ? %d : %s)' % (self.v(r["f"]), r["f"].values[o], val, e)
                out = e
            elif f == "prop":
                out = "floor((%d * %s + %s) / (2 * %s))" % (2 * r["p"] * 10, self.v(r["f"]),
                                                            self.v(r["target"]), self.v(r["target"]))
        return out


def write_zen(m, path):
    z = Zen()
    ex = []

    def add(key, value):
        ex.append({"id": "e%d" % len(ex), "key": key, "value": value})

    for it in m.items():
        P10 = it["points"] * 10
        parts = ["(%s)" % z.start(it["rules"], P10)]
        for r in it["rules"]:
            if r["form"] in ("score", "tiers_pct", "tiers_enum", "prop"):
                continue
            v = z.value(r)
            if r.get("cond"):
                v = "(%s ? %s : 0)" % (z.cond(r["cond"]), v)
            parts.append(("+ " if r["form"] == "add" else "- ") + "(%s)" % v)
        e = "max([0, min([%d, %s])])" % (P10, " ".join(parts))
        if it["applies"]:
            e = "(kind in [%s] ? %s : 0)" % (", ".join('"%s"' % k for k in it["applies"]), e)
        add(it["id"], e)
    add("items", " + ".join("$.%s" % it["id"] for it in m.items()))
    bon = []
    for b in m.bonus:
        vals = []
        for r in b["rules"]:
            v = z.value(r)
            if r.get("cond"):
                v = "(%s ? %s : 0)" % (z.cond(r["cond"]), v)
            vals.append(v)
        bon.append("min([%d, %s])" % (b["points"] * 10, " + ".join(vals)))
    add("bonus", "min([%d, %s])" % (BONUS_CAP * 10, " + ".join(bon)))
    add("penalty", " + ".join("%d * %s" % (p["a"], z.v(p["f"])) for p in m.penalties))
    add("vetoed", " or ".join("%s > 0" % z.v(f) for _, _, f in m.vetoes))
    maxes = "0"
    for k, _ in reversed(KINDS):
        maxes = '(kind == "%s" ? %d : %s)' % (k, m.items_max(k), maxes)
    add("max", maxes)
    # a second node reads the first's keys and gives only what is printed:
    # the first node's 170 keys are not converted back to JavaScript
    res = []

    def put(key, value):
        res.append({"id": "r%d" % len(res), "key": key, "value": value})

    put("total", "max([0, floor((2 * %d * items + max) / (2 * max)) + bonus - penalty])" % TOTAL)
    grade, passes = '"%s"' % GRADES[-1][0], "false"
    for name, op, bound, fail in reversed(GRADES[:-1]):
        grade = '($.total %s %d ? "%s" : %s)' % (op, bound * 10, name, grade)
        passes = "($.total %s %d ? %s : %s)" % (op, bound * 10, "false" if fail else "true", passes)
    put("grade", grade)
    put("pass", "not vetoed and %s" % passes)
    jdm = {"nodes": [
        {"id": "in", "type": "inputNode", "name": "unit", "position": {"x": 0, "y": 0}},
        {"id": "score", "type": "expressionNode", "name": "items", "position": {"x": 300, "y": 0},
         "content": {"expressions": ex}},
        {"id": "grade", "type": "expressionNode", "name": "total", "position": {"x": 600, "y": 0},
         "content": {"expressions": res}},
        {"id": "out", "type": "outputNode", "name": "result", "position": {"x": 900, "y": 0}}],
        "edges": [{"id": "a", "sourceId": "in", "targetId": "score", "type": "edge"},
                  {"id": "b", "sourceId": "score", "targetId": "grade", "type": "edge"},
                  {"id": "c", "sourceId": "grade", "targetId": "out", "type": "edge"}]}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(jdm, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


# =========================================================================
# Units
# =========================================================================
def needed(m):
    """fact -> kinds that need it (None: every kind)"""
    need = {}
    for it in m.items():
        for f in rule_facts(it["rules"]):
            prev = need.get(f.id, [])
            if prev is None or it["applies"] is None:
                need[f.id] = None
            else:
                need[f.id] = sorted(set(prev) | set(it["applies"]))
    for b in m.bonus:
        for f in rule_facts(b["rules"]):
            need[f.id] = None
    for p in m.penalties:
        need[p["f"].id] = None
    for _, _, f in m.vetoes:
        need[f.id] = None
    return need


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
