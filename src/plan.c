/* plan.c - the rectifications that lift a unit to a grade (see plan.h).
 * Every rectifiable entry is a candidate; its gain is recomputed through
 * the total's own formula (items scaled to the standard's total and
 * rounded, plus the bonus, minus the penalties), so the plan's totals are
 * what eval would print. Cheapest first: the most points per step taken. */
#include "plan.h"

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

/* The graded total if items regained `items` points and penalties `pen`. */
static Dec total_with(const Result *res, Dec items, Dec pen) {
    const Standard *s = res->std;
    Dec score = add(res->items_score, items), scaled = score, t;
    if (dec_cmp(res->items_max, s->total_value)) {
        Dec x;
        if (dec_mul(score, s->total_value, &x) == DEC_OK && dec_div(x, res->items_max, &x) == DEC_OK &&
            dec_round(x, s->decimals_value, &x) == DEC_OK)
            scaled = x;
    }
    t = sub(add(scaled, res->bonus), sub(res->penalty, pen));
    return dec_sign(t) < 0 ? dec_zero() : t;
}

static Dec effort_of(const RuleResult *rr) {
    if (rr->rule->per && dec_sign(rr->steps) > 0) return rr->steps;
    return dec_int(1);
}

typedef struct Cand {
    const Rectification *x;
    Dec effort, per_effort;
    bool penalty;
} Cand;

static int cheapest_first(const void *a, const void *b) {
    const Cand *x = a, *y = b;
    int c = dec_cmp(y->per_effort, x->per_effort);
    if (c) return c;
    c = dec_cmp(y->x->lost, x->x->lost);
    if (c) return c;
    return x->x < y->x ? -1 : x->x > y->x;
}

/* The least total in band g (exclusive bands need one unit above). */
static Dec band_floor(const Standard *s, int g) {
    const GradeBand *b = s->grade_tab[g];
    if (b->op != BAND_GT) return b->value;
    Dec unit;
    int64_t den = 1;
    for (int i = 0; i < s->decimals_value; i++) den *= 10;
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
    if (res->nvetoes) { /* no score makes a vetoed unit pass */
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
    /* candidates: what can be won back */
    Cand *c = arena_alloc(arena, sizeof *c * (size_t)(res->nrect + 1));
    int n = 0;
    for (int i = 0; i < res->nrect; i++) {
        const Rectification *x = &res->rect[i];
        if (x->rule->rule->final) {
            p->fixed_lost = add(p->fixed_lost, x->lost);
            continue;
        }
        c[n].x = x;
        c[n].penalty = x->item->item->kind == PART_PENALTY;
        c[n].effort = effort_of(x->rule);
        if (dec_div(x->lost, c[n].effort, &c[n].per_effort) != DEC_OK) c[n].per_effort = x->lost;
        n++;
    }
    qsort(c, (size_t)n, sizeof *c, cheapest_first);
    p->steps = arena_alloc(arena, sizeof(PlanStep) * (size_t)(n + 1));
    Dec items = dec_zero(), pen = dec_zero(), before = res->total;
    p->outcome = PLAN_SHORT;
    for (int i = 0; i < n; i++) {
        if (c[i].penalty)
            pen = add(pen, c[i].x->lost);
        else
            items = add(items, c[i].x->lost);
        PlanStep *st = &p->steps[p->nsteps++];
        st->entry = c[i].x;
        st->effort = c[i].effort;
        st->total = total_with(res, items, pen);
        st->gain = sub(st->total, before);
        before = st->total;
        if (dec_cmp(st->total, goal) >= 0) {
            p->outcome = PLAN_REACHED;
            break;
        }
    }
    return p;
}
