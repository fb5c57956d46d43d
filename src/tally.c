/* tally.c - a minimal tally of many units for the HTML summary page (see
 * tally.h: to be replaced by issue 10's src/summary.[ch]). */
#include "tally.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

Tally *tally_new(const Standard *std) {
    Arena *a = arena_new();
    Tally *t = arena_alloc(a, sizeof *t);
    t->arena = a;
    t->std = std;
    t->grades = arena_alloc(a, sizeof *t->grades * (size_t)(std->ngrades ? std->ngrades : 1));
    t->items = arena_alloc(a, sizeof *t->items * (size_t)(std->nitems ? std->nitems : 1));
    t->parts = arena_alloc(a, sizeof *t->parts * (size_t)(std->nparts ? std->nparts : 1));
    for (int i = 0; i < std->nitems; i++)
        t->items[i].item = std->item_tab[i];
    for (int i = 0; i < std->nparts; i++)
        t->parts[i].part = std->part_tab[i];
    return t;
}

void tally_free(Tally *t) {
    if (!t) return;
    free(t->units);
    arena_free(t->arena);
}

static void sum(Tally *t, Dec *acc, Dec d) {
    Dec r;
    if (dec_add(*acc, d, &r) == DEC_OK)
        *acc = r;
    else
        t->overflow = true;
}

static TallyUnit *new_unit(Tally *t, const Unit *u) {
    if (t->nunits == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        TallyUnit *more = realloc(t->units, sizeof *more * (size_t)cap);
        if (!more) return NULL;
        t->units = more;
        t->cap = cap;
    }
    TallyUnit *x = &t->units[t->nunits];
    memset(x, 0, sizeof *x);
    x->order = t->nunits++;
    x->name = arena_strdup(t->arena, u->name ? u->name : "");
    x->kind = arena_strdup(t->arena, u->kind_name ? u->kind_name : "");
    x->kind_index = u->kind;
    return x;
}

void tally_add_invalid(Tally *t, const Unit *u) {
    if (new_unit(t, u)) t->nunscored++;
}

void tally_add(Tally *t, const Result *res) {
    const Standard *s = t->std;
    TallyUnit *x = new_unit(t, res->unit);
    if (!x) return;
    if (res->error) {
        t->nunscored++;
        return;
    }
    x->scored = true;
    x->total = res->total;
    x->grade = res->grade;
    x->pass = res->pass;
    x->vetoed = res->nvetoes > 0;
    t->nscored++;
    t->npass += res->pass;
    if (x->vetoed)
        t->nvetoed++;
    else
        t->grades[res->grade]++;
    for (int i = 0; i < s->nitems; i++) {
        const ItemResult *ir = &res->items[i];
        if (!ir->applies) continue;
        TallyItem *ti = &t->items[i];
        ti->units++;
        if (dec_sign(ir->lost) > 0) {
            ti->units_short++;
            sum(t, &ti->lost, ir->lost);
        }
    }
    for (int i = 0; i < s->nparts; i++) {
        const PartResult *pr = &res->parts[i];
        if (!pr->applies || pr->part->kind != PART_CATEGORY) continue;
        TallyCategory *tc = &t->parts[i];
        tc->units++;
        sum(t, &tc->score, pr->score);
        sum(t, &tc->points, pr->points);
    }
}

static int by_total(const void *pa, const void *pb) {
    const TallyUnit *a = *(const TallyUnit *const *)pa, *b = *(const TallyUnit *const *)pb;
    int c = dec_cmp(b->total, a->total);
    return c ? c : (a->order > b->order) - (a->order < b->order);
}

const TallyUnit **tally_ranking(Tally *t, int *n) {
    const TallyUnit **r = arena_alloc(t->arena, sizeof *r * (size_t)(t->nscored ? t->nscored : 1));
    int k = 0;
    for (int i = 0; i < t->nunits; i++)
        if (t->units[i].scored) r[k++] = &t->units[i];
    qsort(r, (size_t)k, sizeof *r, by_total);
    /* ranks within each kind */
    int nk = t->std->nkinds > 0 ? t->std->nkinds : 1;
    int *seen = arena_alloc(t->arena, sizeof *seen * (size_t)nk);
    for (int i = 0; i < k; i++) {
        int kind = r[i]->kind_index >= 0 && r[i]->kind_index < nk ? r[i]->kind_index : 0;
        ((TallyUnit *)r[i])->kind_rank = ++seen[kind];
    }
    *n = k;
    return r;
}

int tally_weakest(const Tally *t, const TallyItem **out, int max) {
    int n = 0;
    for (int i = 0; i < t->std->nitems; i++) {
        const TallyItem *ti = &t->items[i];
        if (dec_sign(ti->lost) <= 0) continue;
        /* insertion into the top `max`, most lost first, ties in standard order */
        int at = n < max ? n : max;
        while (at > 0 && dec_cmp(ti->lost, out[at - 1]->lost) > 0)
            at--;
        if (at >= max) continue;
        int last = n < max ? n : max - 1;
        for (int j = last; j > at; j--)
            out[j] = out[j - 1];
        out[at] = ti;
        if (n < max) n++;
    }
    return n;
}

bool tally_category_rate(const Tally *t, const Part *category, Dec *rate) {
    const TallyCategory *tc = &t->parts[category->index];
    if (!tc->units || dec_sign(tc->points) <= 0) return false;
    return dec_div(tc->score, tc->points, rate) == DEC_OK;
}
