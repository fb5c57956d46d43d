"""The model of make bench's synthetic standard (see gen.py): its facts,
categories, items and their rules, bonus, penalties and vetoes, drawn from
random.Random(seed). gen.py writes it for kaoping and writes the units;
gen_peers.py writes it for CLIPS and Zen.
"""
import random

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


