/* compare.c - one unit across two years (see compare.h): the exact split
 * of the differences of its three evaluations A, B, C. */
#include "compare.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---- the split ------------------------------------------------------------------ */

static Dec sub(Dec a, Dec b) {
    Dec r = {0, 1};
    if (dec_sub(a, b, &r) != DEC_OK) r = dec_zero(); /* scores are small: never reached */
    return r;
}

static const Part *part_by_id(const Standard *s, const char *id, const char *title) {
    for (int i = 0; i < s->nparts; i++) {
        const Part *p = s->part_tab[i];
        if (p->parent) continue;
        if (id ? p->id && !strcmp(p->id, id) : !p->id && title && p->title && !strcmp(p->title, title)) return p;
    }
    return NULL;
}

/* A top-level part's score in a result: a category's items, a bonus section's counted score. */
static Dec part_score(const Result *r, const Part *p) {
    if (!r || !p) return dec_zero();
    const PartResult *pr = &r->parts[p->index];
    if (!pr->applies) return dec_zero();
    return p->kind == PART_BONUS ? pr->counted : pr->score;
}

static Dec item_score(const Result *r, const char *id) {
    if (!r) return dec_zero();
    for (int i = 0; i < r->std->nitems; i++) {
        const Part *p = r->std->item_tab[i];
        if (p->id && !strcmp(p->id, id)) return r->items[i].applies ? r->items[i].score : dec_zero();
    }
    return dec_zero();
}

static const Part *item_by_id(const Standard *s, const char *id) {
    for (int i = 0; i < s->nitems; i++)
        if (s->item_tab[i]->id && !strcmp(s->item_tab[i]->id, id)) return s->item_tab[i];
    return NULL;
}

static void row(Comparison *c, CompareRow *r, const char *id, const char *title, Dec a, Dec b, Dec cc) {
    r->id = id;
    r->title = title;
    r->before = a;
    r->middle = b;
    r->after = cc;
    r->change = sub(cc, a);
    if (c->b) {
        r->unit = sub(b, a);
        r->standard = sub(cc, b);
    }
}

static int by_effect(const void *x, const void *y) {
    const CompareItem *a = x, *b = y;
    Dec ea = a->effect, eb = b->effect;
    if (dec_sign(ea) < 0) dec_neg(ea, &ea);
    if (dec_sign(eb) < 0) dec_neg(eb, &eb);
    int k = dec_cmp(eb, ea);
    return k ? k : strcmp(a->id, b->id);
}

static bool has_task_rules(const Part *p) {
    for (const Rule *r = p ? p->rules : NULL; r; r = r->next)
        if (r->task) return true;
    return false;
}

/* Items whose score differs between two results (ids of either standard). */
static CompareItem *moved_items(const Result *from, const Result *to, const Diff *diff, Arena *arena, int *n) {
    const Standard *s1 = from->std, *s2 = to->std;
    CompareItem *v = arena_alloc(arena, sizeof *v * (size_t)(s1->nitems + s2->nitems + 1));
    *n = 0;
    for (int pass = 0; pass < 2; pass++) {
        const Standard *s = pass ? s1 : s2;
        for (int i = 0; i < s->nitems; i++) {
            const Part *p = s->item_tab[i];
            if (!p->id || (pass && item_by_id(s2, p->id))) continue; /* each id once */
            Dec a = item_score(from, p->id), b = item_score(to, p->id);
            if (!dec_cmp(a, b)) continue;
            CompareItem *x = &v[(*n)++];
            x->id = p->id;
            x->title = p->title;
            x->from = a;
            x->to = b;
            x->effect = sub(b, a);
            x->why = s1 != s2 && diff ? diff_item(diff, p->id) : NULL;
            x->by_task = s1 != s2 && !x->why && has_task_rules(p);
        }
    }
    qsort(v, (size_t)*n, sizeof *v, by_effect);
    return v;
}

void compare_split(Comparison *c, const Diff *diff, Arena *arena) {
    const Standard *old = c->a->std, *new_ = c->c->std;
    int cap = old->nparts + new_->nparts + 4;
    c->rows = arena_alloc(arena, sizeof *c->rows * (size_t)cap);
    c->nrows = 0;
    const Result *b = c->b;
    /* the new standard's categories and bonus sections, then the old one's it dropped */
    for (int pass = 0; pass < 2; pass++) {
        const Standard *s = pass ? old : new_;
        for (int i = 0; i < s->nparts; i++) {
            const Part *p = s->part_tab[i];
            if (p->parent) continue;
            const Part *po = pass ? p : part_by_id(old, p->id, p->title);
            const Part *pn = pass ? part_by_id(new_, p->id, p->title) : p;
            if (pass && pn) continue;
            bool applies = (po && c->a->parts[po->index].applies) || (pn && c->c->parts[pn->index].applies) ||
                           (po && b && b->parts[po->index].applies);
            if (!applies && p->kind != PART_BONUS) continue; /* not for this unit's kind in either year */
            CompareRow *r = &c->rows[c->nrows++];
            row(c, r, p->id, p->title, part_score(c->a, po), part_score(b, po), part_score(c->c, pn));
            r->in_old = po != NULL;
            r->in_new = pn != NULL;
        }
    }
    CompareRow *r = &c->rows[c->nrows++];
    row(c, r, NULL, N_("penalties, taken off"), c->a->penalty, b ? b->penalty : dec_zero(), c->c->penalty);
    r->in_old = r->in_new = true;
    r = &c->rows[c->nrows++];
    row(c, r, NULL, N_("items, scaled"), c->a->items_scaled, b ? b->items_scaled : dec_zero(), c->c->items_scaled);
    r->in_old = r->in_new = true;
    r = &c->rows[c->nrows++];
    row(c, r, NULL, N_("total"), c->a->total, b ? b->total : dec_zero(), c->c->total);
    r->in_old = r->in_new = true;
    if (b) {
        c->unit_items = moved_items(c->a, b, NULL, arena, &c->nunit_items);
        c->std_items = moved_items(b, c->c, diff, arena, &c->nstd_items);
    }
}
