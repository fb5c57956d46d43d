/* plan.c - the rectifications that lift a unit to a grade (see plan.h).
 * Every rectifiable entry is a candidate; its gain is recomputed through
 * the total's own formula (items scaled to the standard's total and
 * rounded, plus the bonus, minus the penalties), so the plan's totals are
 * what eval would print. Cheapest first: the most points per step taken. */
#include "plan.h"

#include "bounds.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static Dec add(Dec a, Dec b) {
    Dec r;
    return dec_add(a, b, &r) == DEC_OK ? r : a;
}

static Dec sub(Dec a, Dec b) {
    Dec r;
    return dec_sub(a, b, &r) == DEC_OK ? r : a;
}

/* Which fired rules a plan wins back, per item; the totals are recomputed
 * from the items' rule amounts, so an item's floor, its other rules and the
 * scaling all count as eval counts them. */
typedef struct Choice {
    const ItemResult *ir;
    int rule; /* index into ir->rules */
} Choice;

static bool chosen(const Choice *set, int n, const ItemResult *ir, int rule) {
    for (int i = 0; i < n; i++)
        if (set[i].ir == ir && set[i].rule == rule) return true;
    return false;
}

/* The late deduction that replaces a missed one once the task is done now. */
static Dec late_instead(const ItemResult *ir, const Rule *missed) {
    for (int k = 0; k < ir->item->nrules; k++) {
        const Rule *r = ir->rules[k].rule;
        if (r && r->task == missed->task && !r->on_missed && r->amount->kind == EX_NUMBER)
            return r->amount->u.num.value;
    }
    return dec_zero();
}

/* An item's score (a penalty's amount) with the chosen rules won back. */
static Dec item_with(const ItemResult *ir, const Choice *set, int n) {
    const Part *p = ir->item;
    Dec base = ir->base, ded = dec_zero(), added = ir->added;
    for (int k = 0; k < p->nrules; k++) {
        const RuleResult *rr = &ir->rules[k];
        if (!rr->fired) continue;
        bool won = chosen(set, n, ir, k);
        if (rr->rule->kind == RULE_SCORE) {
            if (won) base = ir->points;
        } else if (rr->rule->kind == RULE_ADJUST) {
            if (dec_sign(rr->amount) < 0) ded = sub(ded, rr->amount);
        } else if (rr->rule->kind == RULE_DEDUCT) {
            if (!won)
                ded = add(ded, rr->amount);
            else if (rr->rule->task && rr->rule->on_missed)
                ded = add(ded, late_instead(ir, rr->rule));
        }
    }
    if (p->kind == PART_PENALTY) return ded;
    bool zeroed = false;
    for (int k = 0; k < p->nrules; k++)
        if (ir->rules[k].fired && ir->rules[k].rule->kind == RULE_ZERO && !chosen(set, n, ir, k)) zeroed = true;
    if (zeroed) return dec_zero();
    PartTally t = {.points = ir->points, .base = base, .deducted = ded, .added = added}, out;
    DecStatus st = DEC_OK;
    bool scored_up = p->parent && p->parent->kind == PART_BONUS;
    PartBounds b = bounds_of(p);
    return bounds_item(&b, &t, scored_up, &out, &st);
}

/* A category's or group's score with the chosen rules won back: through
 * its parts' bounds, as eval computes it (a group's floor may swallow a gain). */
static PartTally part_with(const Result *res, const Part *p, const Choice *set, int n) {
    PartTally t = {0}, out = {0};
    bool any = false;
    for (const Part *ch = p->children; ch; ch = ch->next) {
        PartTally c;
        if (ch->kind == PART_ITEM) {
            const ItemResult *ir = &res->items[ch->index];
            if (!ir->applies) continue;
            bool touched = false;
            for (int k = 0; k < n; k++)
                touched |= set[k].ir == ir;
            c = (PartTally){.points = ir->points,
                            .base = touched ? item_with(ir, set, n) : ir->score,
                            .deducted = ir->deducted,
                            .added = ir->added_counted};
            if (touched) { /* what it deducts now, for a part that floors first */
                Dec lost = sub(ir->score, c.base);
                c.deducted = add(c.deducted, lost);
            }
        } else {
            if (!res->parts[ch->index].applies) continue;
            c = part_with(res, ch, set, n);
        }
        any = true;
        t.points = add(t.points, c.points);
        t.base = add(t.base, c.base);
        t.deducted = add(t.deducted, c.deducted);
        t.added = add(t.added, c.added);
    }
    if (!any) return out;
    t.own = check_part_points(p, res->unit->kind);
    t.places = res->std->decimals_value;
    DecStatus st = DEC_OK;
    Dec s = bounds_part(p, &t, &out, &st);
    out.base = s;            /* the part's score, for its parent's sum */
    out.added = out.counted; /* and the additions that counted in it */
    return out;
}

/* The graded total with the chosen rules won back. */
static Dec total_with(const Result *res, const Choice *set, int n) {
    const Standard *s = res->std;
    Dec items = dec_zero(), pen = res->penalty;
    for (int i = 0; i < s->nitems; i++) {
        const ItemResult *ir = &res->items[i];
        bool touched = false;
        for (int k = 0; k < n; k++)
            touched |= set[k].ir == ir;
        if (touched && ir->item->kind == PART_PENALTY) pen = add(sub(pen, ir->score), item_with(ir, set, n));
    }
    for (const Part *p = s->parts; p; p = p->next)
        if (p->kind == PART_CATEGORY && res->parts[p->index].applies) {
            Dec w;
            if (dec_mul(part_with(res, p, set, n).base, p->weight_value, &w) == DEC_OK) items = add(items, w);
        }
    if (s->weighted) dec_round(items, s->decimals_value, &items);
    Dec scaled = items, t;
    if (dec_cmp(res->items_max, s->total_value)) {
        Dec x;
        if (dec_mul(items, s->total_value, &x) == DEC_OK && dec_div(x, res->items_max, &x) == DEC_OK &&
            dec_round(x, s->decimals_value, &x) == DEC_OK)
            scaled = x;
    }
    t = sub(add(scaled, res->bonus), pen);
    if (dec_sign(t) < 0 && !s->no_floor_total) t = dec_zero();
    t = sub(t, res->veto_deducted); /* a 'deduct' veto that fired stays, as in eval_vetoes */
    return dec_sign(t) < 0 && !s->no_floor_total ? dec_zero() : t;
}

static Dec effort_of(const RuleResult *rr) {
    if (rr->rule->per && dec_sign(rr->steps) > 0) return rr->steps;
    return dec_int(1);
}

typedef struct Cand {
    Choice c;
    const Rectification *x; /* its rectification entry, when it has one */
    Dec effort, alone, per_effort;
} Cand;

static int cheapest_first(const void *a, const void *b) {
    const Cand *x = a, *y = b;
    int c = dec_cmp(y->per_effort, x->per_effort);
    if (c) return c;
    c = dec_cmp(y->alone, x->alone);
    if (c) return c;
    if (x->c.ir != y->c.ir) return x->c.ir < y->c.ir ? -1 : 1;
    return x->c.rule - y->c.rule;
}

/* The least total in band g (exclusive bands need one unit above). */
static Dec band_floor(const Standard *s, int g) {
    const GradeBand *b = s->grade_tab[g];
    if (b->op != BAND_GT) return b->value;
    Dec unit;
    int64_t den = 1;
    for (int i = 0; i < s->decimals_value; i++)
        den *= 10;
    dec_frac(1, den, &unit);
    return add(b->value, unit);
}

Plan *plan_unit(const Result *res, int target, Arena *arena) {
    const Standard *s = res->std;
    Plan *p = arena_alloc(arena, sizeof *p);
    p->res = res;
    if (res->error) {
        p->outcome = PLAN_NOT_SCORED;
        return p;
    }
    bool forced = false; /* a fired grade veto caps the grade whatever the score */
    for (int v = 0; v < s->nvetoes; v++)
        forced |= res->vetoes[v] && s->veto_tab[v]->effect.effect == VETO_GRADE;
    if (res->disqualified || res->zeroed || forced) { /* no score makes such a unit pass */
        p->outcome = PLAN_VETOED;
        p->target = target < 0 ? (res->grade > 0 ? res->grade - 1 : 0) : target;
        return p;
    }
    if (target < 0) {
        /* the next grade up: the nearest band above the unit's */
        if (res->grade == 0) {
            p->outcome = PLAN_TOP;
            p->target = 0;
            return p;
        }
        target = res->grade - 1;
    }
    p->target = target;
    if (target >= res->grade) {
        p->outcome = PLAN_ALREADY;
        return p;
    }
    Dec goal = band_floor(s, target);
    p->needed = sub(goal, res->total);
    /* candidates: every fired deduction or score that can be won back,
     * including those whose share of a floored item's loss is 0 */
    int cap = 0;
    for (int i = 0; i < s->nitems; i++)
        cap += s->item_tab[i]->nrules;
    Cand *c = arena_alloc(arena, sizeof *c * (size_t)(cap + 1));
    int n = 0;
    for (int i = 0; i < s->nitems; i++) {
        const ItemResult *ir = &res->items[i];
        if (!ir->applies) continue;
        for (int k = 0; k < ir->item->nrules; k++) {
            const RuleResult *rr = &ir->rules[k];
            if (!rr->fired || rr->rule->kind == RULE_ADD || rr->rule->kind == RULE_ADJUST) continue;
            if (rr->rule->kind == RULE_SCORE && !dec_cmp(rr->amount, ir->points)) continue;
            if (rr->rule->final) {
                p->fixed_lost = add(p->fixed_lost, rr->lost);
                continue;
            }
            Cand *x = &c[n];
            x->c = (Choice){ir, k};
            x->x = NULL;
            for (int r = 0; r < res->nrect; r++)
                if (res->rect[r].rule == rr) x->x = &res->rect[r];
            x->effort = effort_of(rr);
            x->alone = sub(total_with(res, &x->c, 1), res->total);
            if (dec_div(x->alone, x->effort, &x->per_effort) != DEC_OK) x->per_effort = x->alone;
            n++;
        }
    }
    qsort(c, (size_t)n, sizeof *c, cheapest_first);
    p->steps = arena_alloc(arena, sizeof(PlanStep) * (size_t)(n + 1));
    Choice *set = arena_alloc(arena, sizeof *set * (size_t)(n + 1));
    Dec before = res->total;
    p->outcome = PLAN_SHORT;
    for (int i = 0; i < n; i++) {
        set[i] = c[i].c;
        PlanStep *st = &p->steps[p->nsteps++];
        st->item = c[i].c.ir;
        st->rule = &c[i].c.ir->rules[c[i].c.rule];
        st->entry = c[i].x;
        st->effort = c[i].effort;
        st->total = total_with(res, set, i + 1);
        st->gain = sub(st->total, before);
        st->points = sub(item_with(c[i].c.ir, set, i + 1), item_with(c[i].c.ir, set, i));
        if (c[i].c.ir->item->kind == PART_PENALTY) st->points = sub(dec_zero(), st->points);
        before = st->total;
        if (dec_cmp(st->total, goal) >= 0) {
            p->outcome = PLAN_REACHED;
            break;
        }
    }
    return p;
}
