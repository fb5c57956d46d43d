"""The synthetic standard (standard.py) for the peers: CLIPS rules and the
driver's slot table, and a GoRules Zen decision (JDM). Both compute in
integer tenths of a point, as gen.py explains.
"""
import json

from standard import BONUS_CAP, GRADES, KINDS, TOTAL, rule_facts

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


