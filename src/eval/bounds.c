/* bounds.c - a part's bounds (see bounds.h): an item's score from its
 * start, deductions and additions; a category's or group's from its parts'.
 * Exact decimals; arithmetic trouble is left in *st for the caller. */
#include "bounds.h"

static Dec tally(DecStatus *st, DecStatus got, Dec v) {
    if (got != DEC_OK && *st == DEC_OK) *st = got;
    return v;
}
static inline Dec t_add(DecStatus *st, Dec a, Dec b) {
    Dec r = dec_zero();
    return tally(st, dec_add(a, b, &r), r);
}
static inline Dec t_sub(DecStatus *st, Dec a, Dec b) {
    Dec r = dec_zero();
    return tally(st, dec_sub(a, b, &r), r);
}

/* 'cap points' is the points for the unit's kind; 'cap N' a number */
static Dec cap_of(const Part *p, Dec points) {
    return p->cap && p->cap->kind == EX_POINTS ? points : p->cap_value;
}

/* Capped at top: what its additions still count (a part above it sums them). */
static void cap_at(DecStatus *st, Dec *s, Dec top, PartTally *out) {
    Dec over = t_sub(st, *s, top);
    out->counted = dec_max(dec_zero(), t_sub(st, out->counted, over));
    *s = top;
    out->capped = true;
}

PartBounds bounds_of(const Part *p) {
    return (PartBounds){.cap_value = p->cap_value,
                        .add_cap_value = p->add_cap_value,
                        .points = p->points != NULL,
                        .add_cap = p->add_cap != NULL,
                        .cap_points = p->cap && p->cap->kind == EX_POINTS,
                        .has_cap = p->has_cap,
                        .no_cap = p->no_cap,
                        .no_floor = p->no_floor,
                        .add_after_floor = p->add_after_floor};
}

Dec bounds_item(const PartBounds *p, const PartTally *t, bool scored_up, PartTally *out, DecStatus *st) {
    /* only what it changes: scoring calls it for every item of every unit */
    out->added = t->added, out->floored = t->floored, out->capped = t->capped;
    if (p->add_cap && dec_cmp(out->added, p->add_cap_value) > 0) out->added = p->add_cap_value, out->capped = true;
    out->counted = out->added;
    if (!p->points && !scored_up) return t_add(st, t_sub(st, t->base, t->deducted), out->added);
    Dec s = t_sub(st, t->base, t->deducted);
    if (!p->add_after_floor) s = t_add(st, s, out->added);
    if (dec_sign(s) < 0 && !p->no_floor) s = dec_zero(), out->floored = true;
    if (p->add_after_floor) s = t_add(st, s, out->added);
    if (p->no_cap) return s;
    Dec top = scored_up    ? (p->has_cap ? p->cap_value : s)
              : p->has_cap ? (p->cap_points ? t->points : p->cap_value)
                           : t->points;
    if (dec_cmp(s, top) > 0) cap_at(st, &s, top, out);
    return s;
}

Dec bounds_part(const Part *p, const PartTally *t, PartTally *out, DecStatus *st) {
    *out = *t;
    Dec sum = t->base;
    if (p->add_cap && dec_cmp(out->added, p->add_cap_value) > 0) { /* its items' additions together */
        sum = t_sub(st, sum, t_sub(st, out->added, p->add_cap_value));
        out->added = p->add_cap_value, out->capped = true;
    }
    out->counted = out->added;
    Dec s = sum;
    if (p->holds_points) {
        out->points = t->own;
        s = p->add_after_floor ? t_sub(st, t->own, out->deducted) : t_add(st, t->own, sum);
        if (dec_sign(s) < 0 && !p->no_floor) s = dec_zero(), out->floored = true;
        if (p->add_after_floor) s = t_add(st, s, out->added);
        Dec top = p->has_cap ? cap_of(p, t->own) : t->own;
        if (!p->no_cap && dec_cmp(s, top) > 0) cap_at(st, &s, top, out);
    } else if (p->scaled && dec_sign(out->points) > 0 && dec_cmp(out->points, t->own) != 0) {
        /* 折算: the score on the points that apply, scaled to its own */
        Dec x = dec_zero();
        tally(st, dec_mul(s, t->own, &x), x);
        tally(st, dec_div(x, out->points, &x), x);
        tally(st, dec_round(x, t->places, &s), s);
        out->points = t->own;
    } else if (p->has_cap && p->kind != PART_BONUS && dec_cmp(s, cap_of(p, t->own)) > 0) {
        cap_at(st, &s, cap_of(p, t->own), out);
    }
    return s;
}
