/* check_part.c - the checker's part tree: categories, groups, items, bonus
 * sections and penalties (ids, titles, points and caps, what each may hold,
 * the sums of their points), the rules of each item, and the flat tables of
 * items and parts. check.c calls it for each top-level part. */
#include <string.h>

#include "check_impl.h"
#include "i18n.h"
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

void check_part(Ctx *c, Part *p, Part *parent, Tables *t, StrMap *ids) {
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
    p->kinds = p->applies ? check_kinds(c, p->applies) : parent ? parent->kinds : check_all_kinds(c->std);
    p->owners = p->responsible ? p->responsible : parent ? parent->owners : NULL;
    if (p->add_after_floor && p->kind == PART_ITEM && !p->points && !in_bonus)
        check_warn(c, p->order_span, "K0312", "'add after floor' changes nothing here: an item without points has no floor");
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
