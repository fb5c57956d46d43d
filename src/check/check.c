/* check.c - the checker's structure pass (see check.h): rules, parts and
 * their points, header and grade bands, facts, and the flat tables. */
#include <stdlib.h>
#include <string.h>

#include "check_impl.h"
#include "i18n.h"
#include "limits.h"
#include "strmap.h"

/* ---- static reach of a rule: what a fact's bounds allow ------------------ */

/* Range of a number expression when it is a literal or a bounded fact. */
static void expr_range(const Expr *e, bool *has_lo, Dec *lo, bool *has_hi, Dec *hi) {
    *has_lo = *has_hi = false;
    if (e->kind == EX_NUMBER) {
        *has_lo = *has_hi = true;
        *lo = *hi = e->u.num.value;
    } else if (e->kind == EX_NAME && e->type_fact && check_is_num(e->type_fact->type.kind)) {
        const Fact *f = e->type_fact;
        if ((*has_lo = f->lo_value.present)) *lo = f->lo_value.u.num;
        if ((*has_hi = f->hi_value.present)) *hi = f->hi_value.u.num;
    } else if (e->kind == EX_CALL && (e->fn == FN_SHARE)) {
        *has_lo = *has_hi = true;
        *lo = dec_zero();
        *hi = dec_int(1);
    } else if (e->kind == EX_CALL && e->fn == FN_COUNT) {
        *has_lo = true;
        *lo = dec_zero();
    }
}

/* True when a < b (or a <= b with strict false) can never hold. */
static bool never_less(const Expr *a, const Expr *b, bool strict) {
    bool alo, ahi, blo, bhi;
    Dec al, ah, bl, bh;
    expr_range(a, &alo, &al, &ahi, &ah);
    expr_range(b, &blo, &bl, &bhi, &bh);
    if (!alo || !bhi) return false;
    int cmp = dec_cmp(al, bh);
    return strict ? cmp >= 0 : cmp > 0;
}

static bool never_true(const Expr *e) {
    if (e->kind == EX_BOOL) return !e->u.boolean;
    if (e->kind == EX_AND) return never_true(e->u.bin.lhs) || never_true(e->u.bin.rhs);
    if (e->kind == EX_OR) return never_true(e->u.bin.lhs) && never_true(e->u.bin.rhs);
    if (e->kind != EX_BINARY) return false;
    const Expr *l = e->u.bin.lhs, *r = e->u.bin.rhs;
    if (!check_is_num(l->type) || !check_is_num(r->type)) return false;
    switch (e->u.bin.op) {
    case OP_LT: return never_less(l, r, true);
    case OP_LE: return never_less(l, r, false);
    case OP_GT: return never_less(r, l, true);
    case OP_GE: return never_less(r, l, false);
    default: return false;
    }
}

/* ---- rules ---------------------------------------------------------------- */

static void fold_opts(Ctx *c, Rule *r) {
    for (RuleOpt *o = r->opts; o; o = o->next) {
        if (o->kind == OPT_DEADLINE) {
            r->deadline = o->e;
            continue;
        }
        if (o->kind == OPT_FINAL) {
            r->final = true;
            continue;
        }
        if (o->kind == OPT_NUMBER) {
            if (r->number) check_err(c, o->span, "K0220", "this rule already has a number");
            r->number = o->e->u.str;
            r->number_span = o->e->span;
            continue;
        }
        if (o->kind == OPT_APPLIES) {
            if (r->applies) check_err(c, o->span, "K0220", "this rule already says which kinds it applies to");
            r->applies = o->names;
            continue;
        }
        Expr **slot = o->kind == OPT_WHEN   ? &r->when
                      : o->kind == OPT_STEP ? &r->step
                      : o->kind == OPT_CAP  ? &r->cap
                                            : NULL;
        if (slot) {
            if (*slot) {
                check_err(c, o->span, "K0220", "this rule already has %s",
                          o->kind == OPT_WHEN   ? _("a 'when' condition: join them with 'and'")
                          : o->kind == OPT_STEP ? _("a 'step'")
                                                : _("a 'cap'"));
            }
            *slot = o->e;
        } else {
            if (r->mode != STEP_DEFAULT) check_err(c, o->span, "K0220", "this rule already says how to count steps");
            r->mode = o->mode;
            r->mode_given = true;
        }
    }
    if (r->mode == STEP_DEFAULT) r->mode = r->kind == RULE_ADD ? STEP_COMPLETED : STEP_STARTED;
}

/* An addition to an item capped at its points counts only up to what the
 * item lost: on an item of 0 points, or one nothing can take points from,
 * it never counts; one larger than the item's points never counts whole. */
static void check_add_counts(Ctx *c, const Part *item, const Rule *r) {
    bool in_bonus = item->parent && item->parent->kind == PART_BONUS;
    if (!item->points || in_bonus || item->no_cap || (item->has_cap && dec_cmp(item->cap_value, item->pts) > 0)) return;
    bool lowers = false; /* a deduct, a score, a zero or an adjust may leave room below the points */
    for (const Rule *o = item->rules; o; o = o->next)
        lowers |= o->kind != RULE_ADD;
    if (dec_is_zero(item->pts) || !lowers) {
        Diag *g = check_warn(c, r->span, "K0310", "this addition can never count: the item stops at its %s points",
                             check_fmt_dec(c, item->pts));
        diag_help(c->diag, g,
                  "let the item pass its points with 'cap none;' or 'cap N;', or move the rule to a bonus section");
        return;
    }
    if (r->amount->kind == EX_NUMBER && dec_cmp(r->amount->u.num.value, item->pts) > 0) {
        Diag *g = check_warn(c, r->amount->span, "K0310",
                             r->per ? N_("one step adds %s, more than the item's %s points")
                                    : N_("this rule adds %s, more than the item's %s points"),
                             check_fmt_dec(c, r->amount->u.num.value), check_fmt_dec(c, item->pts));
        diag_help(c->diag, g, "the item stops at its points; check the points of the rule and of the item");
    }
}

static void check_rule(Ctx *c, Part *item, Rule *r) {
    int errors = c->diag->errors;
    fold_opts(c, r);
    check_rule_kinds(c, item, r);
    c->kinds = r->kinds; /* what it reads is needed only by the kinds it exists for */
    const char *kw = r->kind == RULE_DEDUCT   ? "deduct"
                     : r->kind == RULE_ADD    ? "add"
                     : r->kind == RULE_ZERO   ? "zero"
                     : r->kind == RULE_ADJUST ? "adjust"
                                              : "score";
    if (item->kind == PART_PENALTY && r->kind != RULE_DEDUCT)
        check_err(c, r->span, "K0221", "a penalty only deducts: use 'deduct', not '%s'", kw);
    if (item->kind == PART_ITEM && item->parent && item->parent->kind == PART_BONUS && r->kind != RULE_ADD)
        check_err(c, r->span, "K0221", "a bonus item only adds: use 'add', not '%s'", kw);
    if (r->kind != RULE_ZERO)
        check_number_expr(c, r->amount, r->kind == RULE_SCORE ? N_("the score") : N_("the points"));
    if ((r->kind == RULE_ZERO || r->kind == RULE_ADJUST) && (r->per || r->step || r->cap))
        check_err(c, r->span, "K0221", "'%s' takes no 'per', 'step' or 'cap'", kw);
    if (r->kind == RULE_ZERO && !item->points)
        check_err(c, r->span, "K0221", "'zero' sets an item's score to 0: the item needs points");
    if (r->per) check_number_expr(c, r->per, "what is counted after 'per'");
    if (r->bound) {
        check_number_expr(c, r->bound,
                          r->gap == GAP_BELOW ? N_("the value after 'below'") : N_("the value after 'above'"));
        check_percent_literal(c, r->per, r->bound);
    }
    if (r->step) {
        check_number_expr(c, r->step, "the step");
        if (!r->per)
            check_err(c, r->step->span, "K0222", "'step' goes with 'per': deduct 1 per x below 95%% step 0.5%%");
        if (r->step->kind == EX_NUMBER && dec_sign(r->step->u.num.value) <= 0)
            check_err(c, r->step->span, "K0222", "a step must be more than 0");
    }
    if (r->cap) check_number_expr(c, r->cap, "the cap");
    if (r->when) check_condition(c, r->when, "the condition after 'when'");
    if (r->kind == RULE_SCORE && r->per)
        check_err(c, r->span, "K0221", "'score' sets the item's score; it takes no 'per'");
    if (r->per && r->gap == GAP_NONE && r->per->kind == EX_NUMBER)
        check_warn(c, r->per->span, "K0302", "'per' a fixed number: did you mean a fact here?");

    /* what can be seen statically, in a rule that has no error */
    if (r->kind == RULE_ADD && item->kind == PART_ITEM && c->diag->errors == errors) check_add_counts(c, item, r);
    if (r->kind != RULE_DEDUCT || item->kind != PART_ITEM || c->diag->errors != errors) return;
    if ((r->when && never_true(r->when)) || (r->per && r->gap == GAP_BELOW && never_less(r->per, r->bound, true)) ||
        (r->per && r->gap == GAP_ABOVE && never_less(r->bound, r->per, true))) {
        Diag *g = check_warn(c, r->span, "K0303", "this rule can never fire");
        diag_help(c->diag, g, "the fact's declared bounds never meet the rule's condition");
    }
    if (r->amount->kind == EX_NUMBER && item->points && dec_cmp(r->amount->u.num.value, item->pts) > 0) {
        Diag *g = check_warn(c, r->amount->span, "K0304",
                             r->per ? N_("one step deducts %s, more than the item's %s points")
                                    : N_("this rule deducts %s, more than the item's %s points"),
                             check_fmt_dec(c, r->amount->u.num.value), check_fmt_dec(c, item->pts));
        diag_help(c->diag, g, "the item stops at 0; check the points of the rule and of the item");
    }
}

/* ---- parts: categories, groups, items, bonus, penalties ----------------- */

static const char *article(PartKind k) {
    return k == PART_ITEM ? "an" : "a";
}

static int by_fact_name(const void *a, const void *b) {
    const Fact *x = *(Fact *const *)a, *y = *(Fact *const *)b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->slot > y->slot) - (x->slot < y->slot);
}

static uint32_t all_kinds(const Standard *s) {
    return s->nkinds ? (uint32_t)((1ull << s->nkinds) - 1) : 1u;
}

typedef struct Tables {
    Part **items, **parts;
    int nitems, nparts, cap_items, cap_parts;
} Tables;

static void push_part(Ctx *c, Part ***tab, int *n, int *cap, Part *p) {
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 64;
        Part **t = arena_alloc(c->arena, sizeof(Part *) * (size_t)nc);
        if (*n) memcpy(t, *tab, sizeof(Part *) * (size_t)*n);
        *tab = t;
        *cap = nc;
    }
    (*tab)[(*n)++] = p;
}

/* ids: every id so far, each with the parts that carry it in file order */
static void check_unique_id(Ctx *c, Part *p, StrMap *ids) {
    if (!p->id) return;
    const StrMapEntry *first = strmap_get(ids, p->id);
    if (first) {
        const Part *o = first->value;
        int line, col;
        diag_position(c->src, o->id_span.begin, &line, &col);
        Diag *g = check_err(c, p->id_span, "K0231", "duplicate id '%s'", p->id);
        diag_help(c->diag, g, "'%s' is already the id of the %s at line %d", p->id, check_part_word(o->kind), line);
    }
    strmap_add(ids, p->id, p);
}

static bool allowed_child(PartKind parent, PartKind child) {
    switch (parent) {
    case PART_CATEGORY: return child == PART_GROUP || child == PART_ITEM;
    case PART_GROUP: return child == PART_ITEM;
    case PART_BONUS: return child == PART_ITEM;
    default: return false;
    }
}

/* A category or group written with rules and no parts of its own is scored
 * as one item: the checker makes that item, with the part's points, bounds
 * and rules; the part then sums it like any other. The item shares the
 * part's number (one row of the table): numbers are checked on the part, and
 * JSON's score tree gives it on the part only. */
static void make_own_item(Ctx *c, Part *p) {
    Part *it = arena_alloc(c->arena, sizeof *it);
    *it = *p;
    it->kind = PART_ITEM;
    it->implicit = true;
    it->children = NULL;
    it->next = NULL;
    it->applies = NULL;
    it->applies_when = NULL;
    it->responsible = NULL;
    it->scaled = false;
    it->weight = NULL;
    p->add_cap = NULL;
    p->kind_points = NULL;
    p->rules = NULL;
    p->children = it;
    if (p->kind == PART_BONUS) { /* the section keeps its cap; its item only adds */
        it->cap = NULL;
        return;
    }
    p->cap = NULL;
    p->no_cap = false;
    p->no_floor = false;
    p->add_after_floor = false;
    p->deadline = NULL;
}

Dec check_part_points(const Part *p, int kind) {
    for (const KindPoints *k = p->kind_points; k; k = k->next)
        if ((k->mask >> kind) & 1u) return k->value;
    return p->pts;
}

/* kind K points N; scaled; weight W */
static void check_variants(Ctx *c, Part *p) {
    for (KindPoints *k = p->kind_points; k; k = k->next) {
        k->mask = check_kinds(c, k->kinds);
        if (check_const_number(c, k->points, &k->value, "points") && dec_sign(k->value) < 0)
            check_err(c, k->points->span, "K0233", "points cannot be negative");
        if (!p->points)
            check_err(c, k->span, "K0233",
                      "points for some kinds need points for the others: write points N after its title");
    }
    if (p->scaled && p->kind != PART_CATEGORY && p->kind != PART_GROUP)
        check_err(c, p->scaled_span, "K0235", "'scaled' belongs to a category or group");
    p->weight_value = dec_int(1);
    if (p->weight) {
        if (p->kind != PART_CATEGORY)
            check_err(c, p->weight->span, "K0235", "'weight' belongs to a category");
        else if (check_const_number(c, p->weight, &p->weight_value, "the weight") && dec_sign(p->weight_value) <= 0)
            check_err(c, p->weight->span, "K0233", "a weight must be more than 0");
        c->std->weighted = true;
    }
}

/* 'cap N', 'cap points': the most the part may score */
static void check_part_cap(Ctx *c, Part *p) {
    if (!p->cap) return;
    if (p->cap->kind == EX_POINTS) {
        if (!p->points && p->kind != PART_BONUS)
            check_err(c, p->cap->span, "K0234", "'cap points' needs points on the %s", check_part_word(p->kind));
        p->cap_value = p->pts;
        p->has_cap = true;
    } else if (check_const_number(c, p->cap, &p->cap_value, p->kind == PART_BONUS ? "the bonus cap" : "the cap")) {
        p->has_cap = true;
    }
}

static void check_part(Ctx *c, Part *p, Part *parent, Tables *t, StrMap *ids) {
    p->parent = parent;
    if (!p->implicit) check_unique_id(c, p, ids);
    if (!p->title)
        check_err(c, p->id_span, "K0232", "%s %s needs a title in quotes", article(p->kind), check_part_word(p->kind));
    if (p->kind != PART_BONUS && !p->id)
        check_err(c, p->kw_span, "K0232", "%s %s needs an id before its title", article(p->kind),
                  check_part_word(p->kind));

    /* a part with rules and no parts of its own: its item takes them, and its
     * bounds, before either is checked (each statement is checked once) */
    if (p->kind != PART_ITEM && p->kind != PART_PENALTY && p->rules && !p->children) make_own_item(c, p);
    /* points: optional; a part's parts either all carry points (it sums them)
     * or none do (its points are its own, or it is a signed part) */
    bool in_bonus = parent && parent->kind == PART_BONUS;
    if (p->points) {
        if (check_const_number(c, p->points, &p->pts, "points") && dec_sign(p->pts) < 0)
            check_err(c, p->points->span, "K0233", "points cannot be negative");
        if (p->kind == PART_PENALTY || p->kind == PART_BONUS)
            check_err(c, p->points->span, "K0233", "a %s has no points of its own%s", check_part_word(p->kind),
                      p->kind == PART_BONUS ? ": write its cap as 'cap N'" : "");
        if (in_bonus) p->has_cap = true, p->cap_value = p->pts; /* a bonus item's points cap it */
    }
    if (p->cap && p->kind != PART_BONUS && in_bonus)
        check_err(c, p->cap->span, "K0234", "a bonus item's cap is its points: write points N");
    else if (p->kind != PART_BONUS)
        check_part_cap(c, p);
    else if (p->cap && check_const_number(c, p->cap, &p->cap_value, "the bonus cap"))
        p->has_cap = true;
    if (p->no_cap && p->kind == PART_BONUS)
        check_err(c, p->cap_span, "K0234", "a bonus section without a cap leaves out 'cap N'");
    /* kinds, owners and the order of floor and bonus, inherited */
    p->kinds = p->applies ? check_kinds(c, p->applies) : parent ? parent->kinds : all_kinds(c->std);
    p->owners = p->responsible ? p->responsible : parent ? parent->owners : NULL;
    if (!p->add_after_floor) p->add_after_floor = parent ? parent->add_after_floor : c->std->add_after_floor;
    if (p->add_cap && check_const_number(c, p->add_cap, &p->add_cap_value, "the cap of its additions") &&
        dec_sign(p->add_cap_value) < 0)
        check_err(c, p->add_cap->span, "K0234", "a cap cannot be negative");
    if (p->applies_when) {
        uint32_t kinds = c->kinds;
        c->kinds = p->kinds;
        check_condition(c, p->applies_when, "the condition after 'applies when'");
        c->kinds = kinds;
    }
    check_variants(c, p);
    if (p->no_floor && (p->kind == PART_BONUS || p->kind == PART_PENALTY))
        check_err(c, p->floor_span, "K0235", "'floor none' belongs to a category, group or item");

    if (p->kind == PART_ITEM || p->kind == PART_PENALTY) {
        if (p->children)
            check_err(c, p->children->kw_span, "K0236", "a %s holds rules, not other parts", check_part_word(p->kind));
        p->holds_points = p->points && !in_bonus;
        p->index = t->nitems;
        push_part(c, &t->items, &t->nitems, &t->cap_items, p);
        c->item = p;
        c->kinds = p->kinds;
        int i = 0;
        for (Rule *r = p->rules; r; r = r->next) {
            r->index = i++;
            c->rule = r;
            check_rule(c, p, r);
            c->rule = NULL;
            c->kinds = p->kinds;
        }
        p->nrules = i;
        c->item = NULL;
        if (!p->rules && p->kind == PART_PENALTY)
            check_warn(c, p->id_span, "K0305", "penalty '%s' has no rule: it never deducts", p->id ? p->id : p->title);
        return;
    }
    if (p->rules)
        check_err(c, p->rules->span, "K0236", "rules belong in an item, or in a %s with no parts of its own",
                  check_part_word(p->kind));
    p->index = t->nparts;
    push_part(c, &t->parts, &t->nparts, &t->cap_parts, p);
    Dec sum = dec_zero();
    const Part *with = NULL, *without = NULL;
    for (Part *ch = p->children; ch; ch = ch->next) {
        if (!allowed_child(p->kind, ch->kind)) {
            check_err(c, ch->kw_span, "K0236", "a %s cannot hold a %s", check_part_word(p->kind),
                      check_part_word(ch->kind));
            continue;
        }
        check_part(c, ch, p, t, ids);
        if (ch->points || ch->sum_part)
            with = with ? with : ch;
        else
            without = without ? without : ch;
        if (dec_add(sum, ch->pts, &sum) != DEC_OK) {
            check_err(c, ch->kw_span, "K0233", "points too large to add up exactly");
            return;
        }
    }
    if (p->kind == PART_BONUS) return;
    if (!p->children) {
        Diag *g = check_err(c, p->id_span, "K0238", "the %s '%s' holds nothing to score", check_part_word(p->kind),
                            p->id ? p->id : "");
        diag_help(c->diag, g, "give it items, or scoring rules of its own");
        return;
    }
    if (with && without) {
        Diag *g = check_err(c, without->kw_span, "K0237", "the %s '%s' has no points, but the %s '%s' beside it has",
                            check_part_word(without->kind), without->id ? without->id : "", check_part_word(with->kind),
                            with->id ? with->id : "");
        diag_help(c->diag, g, "give every part of %s '%s' points, or none (then the points are the %s's own)",
                  check_part_word(p->kind), p->id ? p->id : "", check_part_word(p->kind));
        return;
    }
    if (with) {
        p->sum_part = true;
        if (!p->points) p->pts = sum;
    } else {
        p->holds_points = p->points != NULL;
    }
    if (p->cap && p->cap->kind == EX_POINTS) p->cap_value = p->pts;
    if (p->sum_part && p->points && dec_cmp(sum, p->pts) != 0) {
        Diag *g = diag_at(c->diag, c->std->sums_warn ? DIAG_WARNING : DIAG_ERROR, "K0301", c->src, p->points->span,
                          "the parts of %s '%s' add up to %s, not its %s points", check_part_word(p->kind),
                          p->id ? p->id : "", check_fmt_dec(c, sum), check_fmt_dec(c, p->pts));
        if (!c->std->sums_warn)
            diag_help(c->diag, g, "fix the points, or write 'sums warn;' in the header to accept it");
    }
}

/* ---- header: year, total, grade bands ----------------------------------- */

static void check_header(Ctx *c) {
    Standard *s = c->std;
    Span at = s->title_span;
    Dec v;
    if (!s->year)
        check_err(c, at, "K0240", "the header has no year: write year 2013;");
    else if (check_const_number(c, s->year, &v, "the year")) {
        if (!dec_is_int(v) || v.num < 1900 || v.num > 9999)
            check_err(c, s->year->span, "K0240", "the year must be a year like 2013");
        else
            s->year_value = (int)v.num;
    }
    if (!s->total)
        check_err(c, at, "K0241", "the header has no total: write total 1000;");
    else if (check_const_number(c, s->total, &s->total_value, "the total") && dec_sign(s->total_value) <= 0)
        check_err(c, s->total->span, "K0241", "the total must be more than 0");
    s->decimals_value = 2;
    if (s->decimals && check_const_number(c, s->decimals, &v, "decimals")) {
        if (!dec_is_int(v) || v.num < 0 || v.num > 6)
            check_err(c, s->decimals->span, "K0242", "decimals must be a whole number from 0 to 6");
        else
            s->decimals_value = (int)v.num;
    }
    int n = 0;
    const GradeBand *prev = NULL;
    for (GradeBand *g = s->grades; g; g = g->next, n++) {
        if (prev && prev->op == BAND_OTHERWISE)
            check_err(c, g->span, "K0243", "no grade can follow the 'otherwise' grade");
        if (g->op != BAND_OTHERWISE && check_const_number(c, g->bound, &g->value, "a grade's bound")) {
            int order = prev && prev->op != BAND_OTHERWISE ? dec_cmp(g->value, prev->value) : -1;
            /* "> 80" then ">= 80" gives exactly 80 its own band */
            if (order > 0 || (order == 0 && !(prev->op == BAND_GT && g->op == BAND_GE))) {
                Diag *d = check_err(c, g->bound->span, "K0243", "grade bands out of order: %s is not below %s",
                                    check_fmt_dec(c, g->value), check_fmt_dec(c, prev->value));
                diag_help(c->diag, d, "write the grades from the highest down");
            }
            if (s->total && dec_cmp(g->value, s->total_value) > 0)
                check_err(c, g->bound->span, "K0243", "the grade's bound %s is above the total %s",
                          check_fmt_dec(c, g->value), check_fmt_dec(c, s->total_value));
        }
        prev = g;
    }
    /* no bands at all: a standard without grades (every unit's grade is none) */
    if (prev && prev->op != BAND_OTHERWISE)
        check_err(c, prev->span, "K0244", "the last grade must be an 'otherwise' grade for units below every band");
    s->ngrades = n;
    s->grade_tab = arena_alloc(c->arena, sizeof(GradeBand *) * (size_t)(n ? n : 1));
    n = 0;
    for (GradeBand *g = s->grades; g; g = g->next)
        s->grade_tab[n++] = g;
}

/* ---- facts ----------------------------------------------------------------- */

static void check_fact_bounds(Ctx *c, Fact *f, TypeKind t);
/* The keys the data gives facts by (a `key`, else the name): written, and
 * one for each of the facts, or of a list's fields. */
static void check_fact_keys(Ctx *c, const Fact *list) {
    StrMap *keys = strmap_new(c->arena);
    for (const Fact *f = list; f; f = f->next) {
        if (f->key && (!f->key[0] || strlen(f->key) > KP_MAX_NAME))
            check_err(c, f->key_span, "K0256", "a key is the data's name for the fact: 1 to %d bytes", KP_MAX_NAME);
        for (const StrMapEntry *e = strmap_get(keys, fact_key(f)); e; e = e->next) {
            const Fact *o = e->value;
            if (f->key || o->key) {
                Diag *g =
                    check_err(c, f->key ? f->key_span : f->name_span, "K0256",
                              "the data's key \"%s\" would name both '%s' and '%s'", fact_key(f), o->name, f->name);
                diag_help(c->diag, g, "give each a key of its own: key \"...\"");
            }
        }
        strmap_add(keys, fact_key(f), (void *)f);
    }
}

/* `default []`: a list left out of the data is empty. */
static void check_empty_default(Ctx *c, Fact *f) {
    if (f->type.kind == TY_LIST && f->def) {
        Diag *g = check_err(c, f->def->span, "K0257", "a list's default is written default []");
        diag_help(c->diag, g, "default [] reads a list left out of the data as empty");
    }
    if (!f->empty_default) return;
    if (f->type.kind != TY_LIST) {
        Diag *g =
            check_err(c, f->empty_span, "K0257", "default [] is for a list, not for %s", check_type_name(f->type.kind));
        diag_help(c->diag, g, "write a value of its type, e.g. default 0");
        return;
    }
    f->def_value = (Value){.type = TY_LIST, .present = true};
    for (const Fact *fl = f->type.fields; fl; fl = fl->next)
        f->def_value.u.list.fields++;
}

static void check_fact(Ctx *c, Fact *f, int slot, bool is_field) {
    f->slot = slot;
    f->is_field = is_field;
    TypeKind t = f->type.kind;
    if (!f->label) {
        Diag *g = check_warn(c, f->name_span, "K0306", "fact '%s' has no label", f->name);
        diag_help(c->diag, g, "a label in quotes tells evaluators what to collect: fact %s: ... \"label\";", f->name);
    }
    if (t == TY_ENUM) {
        StrMap *seen = strmap_new(c->arena);
        for (StrList *m = f->type.members; m; m = m->next) {
            for (const StrMapEntry *e = strmap_get(seen, m->s); e; e = e->next)
                check_err(c, m->span, "K0250", "\"%s\" is listed twice", m->s);
            strmap_add(seen, m->s, m);
        }
    }
    if (t == TY_LIST && f->type.of_values) {
        /* list of T: the bounds and the label hold for each value, 'it' */
        Fact *it = f->type.fields;
        it->lo = f->lo, it->hi = f->hi, it->label = f->label;
        f->lo = f->hi = NULL;
        if (f->def) check_err(c, f->def->span, "K0253", "a list has no default: a unit without values gives []");
        if (it->type.kind == TY_LIST)
            check_err(c, f->name_span, "K0252", "a list of lists: declare records with a list field");
        check_fact_bounds(c, it, it->type.kind);
        it->slot = 0;
        it->is_field = true;
        return;
    }
    if (t == TY_LIST) {
        int i = 0;
        StrMap *seen = strmap_new(c->arena);
        for (Fact *fl = f->type.fields; fl; fl = fl->next, i++) {
            for (const StrMapEntry *e = strmap_get(seen, fl->name); e; e = e->next)
                check_err(c, fl->name_span, "K0251", "duplicate field '%s'", fl->name);
            strmap_add(seen, fl->name, fl);
            if (check_find_fact(c->std, fl->name)) {
                Diag *g = check_warn(c, fl->name_span, "K0308", "field '%s' has the name of a fact", fl->name);
                diag_help(c->diag, g, "inside count(%s where ...) the field hides the fact; rename one of them",
                          f->name);
            }
            check_fact(c, fl, i, true);
        }
        check_fact_keys(c, f->type.fields);
        check_empty_default(c, f);
        if (f->lo || f->hi)
            check_err(c, (f->lo ? f->lo : f->hi)->span, "K0253", "bounds apply to numbers and dates, not to %s",
                      check_type_name(t));
        return;
    }
    check_empty_default(c, f);
    check_fact_bounds(c, f, t);
}

/* Bounds and default of a fact, a field or the values of a list of values. */
static void check_fact_bounds(Ctx *c, Fact *f, TypeKind t) {
    if ((f->lo || f->hi) && !check_is_num(t) && t != TY_DATE)
        check_err(c, (f->lo ? f->lo : f->hi)->span, "K0253", "bounds apply to numbers and dates, not to %s",
                  check_type_name(t));
    else {
        if (f->lo) check_const_value(c, f->lo, t, f, &f->lo_value);
        if (f->hi) check_const_value(c, f->hi, t, f, &f->hi_value);
        if (f->lo_value.present && f->hi_value.present && check_is_num(t) &&
            dec_cmp(f->lo_value.u.num, f->hi_value.u.num) > 0)
            check_err(c, f->lo->span, "K0253", "the lower bound is above the upper bound");
    }
    if (f->def && check_const_value(c, f->def, t, f, &f->def_value) && check_is_num(t)) {
        if ((f->lo_value.present && dec_cmp(f->def_value.u.num, f->lo_value.u.num) < 0) ||
            (f->hi_value.present && dec_cmp(f->def_value.u.num, f->hi_value.u.num) > 0))
            check_err(c, f->def->span, "K0253", "the default is outside the fact's bounds");
    }
}

/* ---- test cases: names resolved, values typed -------------------------- */

static const Part *find_part(const Standard *s, const char *id, bool item) {
    if (item) {
        for (int i = 0; i < s->nitems; i++)
            if (s->item_tab[i]->id && !strcmp(s->item_tab[i]->id, id)) return s->item_tab[i];
    } else {
        for (int i = 0; i < s->nparts; i++)
            if (s->part_tab[i]->id && !strcmp(s->part_tab[i]->id, id)) return s->part_tab[i];
    }
    return NULL;
}

static const Veto *find_veto(const Standard *s, const char *id) {
    for (const Veto *v = s->vetoes; v; v = v->next)
        if (!strcmp(v->id, id)) return v;
    return NULL;
}

/* A value written in a test: a literal of the fact's type. */
static void check_set_value(Ctx *c, const Fact *f, const Expr *e) {
    Value v;
    const Expr *lit = e->kind == EX_NEG ? e->u.operand : e;
    if (f->type.kind == TY_PERCENT && lit->kind == EX_NUMBER && !lit->u.num.percent && !dec_is_zero(lit->u.num.value)) {
        const char *t = ast_text(c->arena, c->src, lit->span);
        Diag *g = check_err(c, lit->span, "K0214", "'%s' is a plain number, but '%s' is a percentage", t, f->name);
        diag_help(c->diag, g, "write %s%% for %s percent", t, t);
        return;
    }
    check_const_value(c, e, f->type.kind, f, &v);
}

static void check_set(Ctx *c, SetFact *x, const TestCase *t) {
    for (const SetFact *o = t->sets; o != x; o = o->next)
        if (!strcmp(o->name, x->name)) {
            check_err(c, x->name_span, "K0270", "'%s' is set twice in this test", x->name);
            break;
        }
    const Fact *f = check_find_fact(c->std, x->name);
    x->fact = f;
    if (!f) {
        check_err(c, x->name_span, "K0201", "unknown fact '%s'", x->name);
        return;
    }
    if (x->is_list != (f->type.kind == TY_LIST)) {
        check_err(c, x->span, "K0271", x->is_list ? "'%s' is not a list" : "'%s' is a list: set it to [ {...}, ... ]",
                  x->name);
        return;
    }
    if (!x->is_list) {
        check_set_value(c, f, x->value);
        return;
    }
    for (const RecordInit *r = x->rows; r; r = r->next)
        for (const FieldInit *fi = r->fields; fi; fi = fi->next) {
            const Fact *field = NULL;
            for (const Fact *fl = f->type.fields; fl; fl = fl->next)
                if (!strcmp(fl->name, fi->name)) field = fl;
            if (!field)
                check_err(c, fi->name_span, "K0272", "the list '%s' has no field '%s'", f->name, fi->name);
            else
                check_set_value(c, field, fi->value);
        }
}

/* expect item|category|group|part|rule "NUMBER" = N: the standard's own number */
static void check_expect_number(Ctx *c, Expect *x) {
    const Standard *s = c->std;
    const Part *p = check_find_numbered_part(s, x->id);
    const Rule *r = x->kind == EXPECT_RULE || !p ? check_find_numbered_rule(s, x->id, &x->part) : NULL;
    if (x->kind == EXPECT_RULE) {
        if (!(x->rule = r)) check_err(c, x->id_span, "K0273", "no rule numbered \"%s\"", x->id);
    } else if (!p) {
        Diag *g = check_err(c, x->id_span, "K0273", "no part numbered \"%s\"", x->id);
        if (r) diag_help(c->diag, g, "\"%s\" is the number of a rule: write expect rule \"%s\" = ...", x->id, x->id);
    } else if (x->kind == EXPECT_ITEM && p->kind != PART_ITEM && p->kind != PART_PENALTY) {
        check_err(c, x->id_span, "K0273", "\"%s\" is not the number of an item", x->id);
    } else {
        x->part = p;
        /* an item or penalty is scored in the items' table, the others in the parts' */
        x->kind = p->kind == PART_ITEM || p->kind == PART_PENALTY ? EXPECT_ITEM : EXPECT_PART;
    }
    if (x->value) check_const_number(c, x->value, &x->number, "an expected score");
}

static void check_expect(Ctx *c, Expect *x) {
    const Standard *s = c->std;
    if (x->by_number) {
        check_expect_number(c, x);
        return;
    }
    switch (x->kind) {
    case EXPECT_ITEM:
    case EXPECT_RECT:
    case EXPECT_NO_RECT:
        if (!x->id) break;
        if (!(x->part = find_part(s, x->id, true))) check_err(c, x->id_span, "K0273", "no item '%s'", x->id);
        break;
    case EXPECT_PART:
        if (!(x->part = find_part(s, x->id, false)))
            check_err(c, x->id_span, "K0273", "no category or group '%s'", x->id);
        break;
    case EXPECT_VETO:
    case EXPECT_NO_VETO:
        if (x->id && !(x->veto = find_veto(s, x->id))) check_err(c, x->id_span, "K0273", "no veto '%s'", x->id);
        break;
    case EXPECT_GRADE: {
        if (!s->grades) {
            check_err(c, x->id_span, "K0267", "the standard has no grades: a test cannot expect one");
            break;
        }
        bool found = false;
        for (const GradeBand *g = s->grades; g; g = g->next)
            found |= !strcmp(g->name, x->grade);
        if (!found) check_err(c, x->id_span, "K0273", "no grade \"%s\"", x->grade);
        break;
    }
    default: break;
    }
    if (x->value) check_const_number(c, x->value, &x->number, "an expected score");
}

static void check_tests(Ctx *c) {
    for (TestCase *t = c->std->tests; t; t = t->next) {
        c->src = t->src;
        for (const TestCase *o = c->std->tests; o != t; o = o->next)
            if (!strcmp(o->name, t->name)) {
                int line, col;
                diag_position(o->src, o->span.begin, &line, &col);
                Diag *g = check_err(c, t->span, "K0274", "a second test named \"%s\"", t->name);
                diag_help(c->diag, g, "the first is in %s at line %d", o->src->path, line);
            }
        if (t->kind && check_find_kind(c->std, t->kind) < 0)
            check_err(c, t->kind_span, "K0230", "unknown unit kind '%s'", t->kind);
        for (SetFact *x = t->sets; x; x = x->next)
            check_set(c, x, t);
        for (Expect *x = t->expects; x; x = x->next)
            check_expect(c, x);
        if (!t->expects) check_warn(c, t->span, "K0309", "test \"%s\" expects nothing: it cannot fail", t->name);
    }
    c->src = c->std->src;
}

/* ---- entry point ------------------------------------------------------------ */

bool check_standard(Standard *s, Arena *arena, DiagSink *diag) {
    Ctx c = {.std = s, .arena = arena, .diag = diag, .src = s->src};
    int errors_before = diag->errors;
    if (s->has_header) check_header(&c);

    int nk = 0;
    StrMap *kind_ids = strmap_new(arena);
    for (Kind *k = s->kinds; k; k = k->next) {
        for (const StrMapEntry *e = strmap_get(kind_ids, k->id); e; e = e->next)
            check_err(&c, k->span, "K0260", "duplicate kind '%s'", k->id);
        strmap_add(kind_ids, k->id, k);
        k->index = nk++;
    }
    if (nk > 30) check_err(&c, s->kinds->span, "K0260", "at most 30 unit kinds");
    s->nkinds = nk > 30 ? 30 : nk;
    s->kind_tab = arena_alloc(arena, sizeof(Kind *) * (size_t)(nk ? nk : 1));
    nk = 0;
    for (Kind *k = s->kinds; k; k = k->next)
        s->kind_tab[nk++] = k;

    int nf = 0;
    for (Fact *f = s->facts; f; f = f->next)
        f->slot = nf++; /* as check_fact() numbers them: the index's order among equal names */
    s->nfacts = nf;
    s->fact_tab = arena_alloc(arena, sizeof(Fact *) * (size_t)(nf ? nf : 1));
    nf = 0;
    for (Fact *f = s->facts; f; f = f->next)
        s->fact_tab[nf++] = f;
    /* a unit's data names facts by the hundred, and so do the checks of lets
     * and fields: find them by binary search */
    Fact **index = arena_alloc(arena, sizeof(Fact *) * (size_t)(nf ? nf : 1));
    memcpy(index, s->fact_tab, sizeof(Fact *) * (size_t)nf);
    qsort(index, (size_t)nf, sizeof *index, by_fact_name);
    s->fact_index = index;

    nf = 0;
    check_lets_start(&c);
    StrMap *fact_names = strmap_new(arena);
    for (Fact *f = s->facts; f; f = f->next) {
        for (const StrMapEntry *e = strmap_get(fact_names, f->name); e; e = e->next) {
            const Fact *o = e->value;
            int line, col;
            diag_position(c.src, o->name_span.begin, &line, &col);
            Diag *g = check_err(&c, f->name_span, "K0261", "fact '%s' is declared twice", f->name);
            diag_help(diag, g, "the first declaration is at line %d", line);
        }
        strmap_add(fact_names, f->name, f);
        check_fact(&c, f, nf++, false);
    }
    check_fact_keys(&c, s->facts);
    s->nfacts = nf;
    if (nf > KP_MAX_FACTS) check_err(&c, s->facts->name_span, "K0264", "%d facts: at most %d", nf, KP_MAX_FACTS);

    Tables t = {0};
    StrMap *ids = strmap_new(arena);
    Dec sum = dec_zero();
    Span last = s->title_span;
    bool any_category = false;
    for (Part *p = s->parts; p; p = p->next) {
        if (p->kind == PART_GROUP || p->kind == PART_ITEM) {
            check_err(&c, p->kw_span, "K0236", "a %s belongs inside a category", check_part_word(p->kind));
            continue;
        }
        check_part(&c, p, NULL, &t, ids);
        Dec weighted = p->pts; /* a weighted category counts its share of the total */
        if (p->kind == PART_CATEGORY && dec_mul(p->pts, p->weight_value, &weighted) != DEC_OK) weighted = p->pts;
        if (p->kind == PART_CATEGORY) {
            if (dec_add(sum, weighted, &sum) != DEC_OK) {
                check_err(&c, p->kw_span, "K0233", "points too large to add up exactly");
                sum = dec_zero();
            }
            any_category = true;
            last = p->points ? p->points->span : p->kw_span;
        }
    }
    if (s->has_header && s->total && any_category && dec_cmp(sum, s->total_value) != 0) {
        Diag *g = diag_at(diag, s->sums_warn ? DIAG_WARNING : DIAG_ERROR, "K0301", c.src, s->total->span,
                          s->weighted ? N_("the categories' points times their weights add up to %s, not the total %s")
                                      : N_("the categories add up to %s, not the total %s"),
                          check_fmt_dec(&c, sum), check_fmt_dec(&c, s->total_value));
        (void)last;
        if (!s->sums_warn) diag_help(diag, g, "fix the points, or write 'sums warn;' in the header to accept it");
    }
    if (s->has_header && !any_category)
        check_err(&c, s->title_span, "K0262", "the standard has no category: nothing would be scored");
    if (t.nitems + t.nparts > KP_MAX_PARTS)
        check_err(&c, s->title_span, "K0264", "%d categories, groups and items: at most %d", t.nitems + t.nparts,
                  KP_MAX_PARTS);
    check_numbers(&c);
    s->item_tab = t.items;
    s->nitems = t.nitems;
    s->part_tab = t.parts;
    s->nparts = t.nparts;

    for (Require *q = s->requires; q; q = q->next) {
        c.kinds = all_kinds(s);
        check_condition(&c, q->cond, "the condition after 'require'");
    }
    int nv = 0;
    StrMap *veto_ids = strmap_new(arena);
    for (Veto *v = s->vetoes; v; v = v->next) {
        for (const StrMapEntry *e = strmap_get(veto_ids, v->id); e; e = e->next)
            check_err(&c, v->id_span, "K0263", "duplicate veto '%s'", v->id);
        strmap_add(veto_ids, v->id, v);
        c.kinds = all_kinds(s);
        check_condition(&c, v->when, "a veto's condition");
        check_veto_effect(&c, v);
        v->index = nv++;
    }
    s->nvetoes = nv;
    s->veto_tab = arena_alloc(arena, sizeof(Veto *) * (size_t)(nv ? nv : 1));
    nv = 0;
    for (Veto *v = s->vetoes; v; v = v->next)
        s->veto_tab[nv++] = v;

    check_outputs(&c, all_kinds(s));
    check_campaign(&c, all_kinds(s));
    check_lets_end(&c);
    check_tests(&c);
    for (Fact *f = s->facts; f; f = f->next)
        if (!f->used) {
            Diag *g = check_warn(&c, f->name_span, "K0307", "fact '%s' is declared but never used", f->name);
            diag_help(diag, g, "remove it, or score it in an item");
        }
    return diag->errors == errors_before;
}
