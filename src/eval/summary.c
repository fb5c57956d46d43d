/* summary.c - the summary accumulator (see summary.h). */
#include "summary.h"
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void) {
    arena_oom_escape();
    diag_cli(DIAG_ERROR, "out of memory");
    exit(3);
}

static void *grow(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) oom();
    return q;
}

static int64_t pow10_(int p) {
    int64_t x = 1;
    while (p-- > 0)
        x *= 10;
    return x;
}

/* d at the standard's decimals, as a whole number of its smallest steps. */
static int64_t scaled(const Summary *s, Dec d) {
    int p = s->std->decimals_value;
    Dec r;
    if (dec_round(d, p, &r) != DEC_OK) r = d;
    if (r.den == 0) return 0;
    return r.num * (pow10_(p) / r.den);
}

/* x / 10^places as a Dec, rounded half away from zero when it does not fit. */
static Dec unscale(__int128 num, __int128 den, int places) {
    /* q = round(num / den), at the standard's decimals */
    bool neg = (num < 0) != (den < 0);
    __int128 an = num < 0 ? -num : num, ad = den < 0 ? -den : den;
    __int128 q = (2 * an + ad) / (2 * ad);
    if (neg) q = -q;
    Dec out;
    if (dec_frac((int64_t)q, pow10_(places), &out) != DEC_OK) out = dec_zero();
    return out;
}

static void stat_add(SummaryStat *st, int64_t x, int64_t points) {
    st->points_sum += points;
    if (st->units == 0 || x < st->lo) st->lo = x;
    if (st->units == 0 || x > st->hi) st->hi = x;
    st->units++;
    st->sum += x;
    st->sumsq += (__int128)x * x;
}

static void stat_finish(SummaryStat *st, int places) {
    if (st->units == 0) return;
    __int128 n = st->units;
    st->mean = unscale(st->sum, n, places);
    st->points = unscale(st->points_sum, n, places);
    Dec pct;
    if (dec_sign(st->points) > 0 && dec_mul(st->mean, dec_int(100), &pct) == DEC_OK &&
        dec_div(pct, st->points, &pct) == DEC_OK)
        st->share = pct;
    st->min = unscale(st->lo, 1, places);
    st->max = unscale(st->hi, 1, places);
    /* sd = sqrt(D) / n with D = n*sumsq - sum^2: the largest m with
     * ((2m - 1) n)^2 <= 4D is sqrt(D)/n rounded half up */
    __int128 D = n * st->sumsq - st->sum * st->sum;
    __int128 lo = 0, hi = 1;
    while (((2 * hi - 1) * n) * ((2 * hi - 1) * n) <= 4 * D)
        hi *= 2;
    while (hi - lo > 1) {
        __int128 mid = (lo + hi) / 2;
        if (((2 * mid - 1) * n) * ((2 * mid - 1) * n) <= 4 * D)
            lo = mid;
        else
            hi = mid;
    }
    st->sd = unscale(lo, 1, places);
}

static void summary_drop(void *s) {
    summary_free(s);
}

Summary *summary_new(const Standard *std) {
    Summary *s = calloc(1, sizeof *s);
    if (!s) oom();
    arena_oom_cleanup(summary_drop, s); /* libkaoping: out of memory in here unwinds past it */
    s->std = std;
    s->arena = arena_new();
    s->by_grade = arena_alloc(s->arena, sizeof(long) * (size_t)(std->ngrades + 1));
    s->by_veto = arena_alloc(s->arena, sizeof(long) * (size_t)(std->nvetoes + 1));
    s->output_sum = arena_alloc(s->arena, sizeof(Dec) * (size_t)(std->noutputs + 1));
    s->output_overflow = arena_alloc(s->arena, sizeof(bool) * (size_t)(std->noutputs + 1));
    s->output_yes = arena_alloc(s->arena, sizeof(long) * (size_t)(std->noutputs + 1));
    for (const Part *p = std->parts; p; p = p->next)
        s->ncats += p->kind == PART_CATEGORY;
    s->cats = arena_alloc(s->arena, sizeof(SummaryStat) * (size_t)(s->ncats + 1));
    int c = 0;
    for (const Part *p = std->parts; p; p = p->next)
        if (p->kind == PART_CATEGORY) s->cats[c++].part = p;
    s->items = arena_alloc(s->arena, sizeof(SummaryItem) * (size_t)(std->nitems + 1));
    for (int i = 0; i < std->nitems; i++)
        s->items[i].item = std->item_tab[i];
    arena_oom_cleanup(NULL, NULL);
    return s;
}

static SummaryOwner *owner(Summary *s, const char *name) {
    for (int i = 0; i < s->nowners; i++)
        if (!strcmp(s->owners[i].owner, name)) return &s->owners[i];
    if (s->nowners == s->owners_cap)
        s->owners =
            grow(s->owners, sizeof *s->owners * (size_t)(s->owners_cap = s->owners_cap ? s->owners_cap * 2 : 16));
    SummaryOwner *o = &s->owners[s->nowners++];
    memset(o, 0, sizeof *o);
    o->owner = name;
    return o;
}

/* The units of one file share its name. */
static const char *file_name(Summary *s, const char *path) {
    if (s->units > 1 && !strcmp(s->ranking[s->units - 2].file, path)) return s->ranking[s->units - 2].file;
    return arena_strdup(s->arena, path);
}

void summary_add(Summary *s, const Result *res) {
    const Standard *std = s->std;
    const Unit *u = res->unit;
    s->units++;
    if (res->grade >= 0) s->by_grade[res->grade]++;
    s->forced += res->grade_forced;
    for (int i = 0; i < std->noutputs; i++) {
        TypeKind t = std->output_tab[i]->value->type;
        if (!res->outputs[i].present) continue; /* no value: it read an absent optional fact */
        if (t == TY_BOOLEAN)
            s->output_yes[i] += res->outputs[i].u.b;
        else if ((t == TY_INTEGER || t == TY_DECIMAL || t == TY_PERCENT) && !s->output_overflow[i])
            s->output_overflow[i] = dec_add(s->output_sum[i], res->outputs[i].u.num, &s->output_sum[i]) != DEC_OK;
    }
    if (res->pass)
        s->passed++;
    else
        s->failed++;
    if (res->nvetoes) s->vetoed++;
    for (int v = 0; v < std->nvetoes; v++)
        s->by_veto[v] += res->vetoes[v];
    stat_add(&s->total, scaled(s, res->total), scaled(s, std->total_value));
    for (int c = 0; c < s->ncats; c++) {
        const PartResult *pr = &res->parts[s->cats[c].part->index];
        if (pr->applies) stat_add(&s->cats[c], scaled(s, pr->score), scaled(s, pr->points));
    }
    if (s->units > s->cap)
        s->ranking = grow(s->ranking, sizeof *s->ranking * (size_t)(s->cap = s->cap ? s->cap * 2 : 256));
    s->ranking[s->units - 1] = (SummaryUnit){
        .name = arena_strdup(s->arena, u->name),
        .file = file_name(s, u->src ? u->src->path : ""),
        .kind = u->kind,
        .total = res->total,
        .grade = res->grade,
        .pass = res->pass,
        .vetoed = res->nvetoes > 0,
        .grade_forced = res->grade_forced,
        .disqualified = res->disqualified,
        .total_changed = dec_cmp(res->total, res->score_total) != 0,
    };
    for (int i = 0; i < std->nitems; i++) {
        const ItemResult *ir = &res->items[i];
        SummaryItem *si = &s->items[i];
        const Part *p = ir->item;
        bool bonus = p->parent && p->parent->kind == PART_BONUS;
        if (!ir->applies || bonus) continue;
        int64_t lost = scaled(s, p->kind == PART_PENALTY ? ir->score : ir->lost);
        si->applies++;
        if (lost > 0) si->losing++, si->scaled += lost;
    }
    for (int i = 0; i < res->nrect; i++) {
        const Rectification *r = &res->rect[i];
        const Rule *rule = r->rule->rule;
        const StrList *who = rule->task && rule->task->responsible ? rule->task->responsible : r->item->item->owners;
        int64_t lost = scaled(s, r->lost);
        if (!who) {
            SummaryOwner *o = owner(s, "");
            o->entries++, o->scaled += lost, o->overdue += r->rule->overdue;
        }
        for (; who; who = who->next) {
            SummaryOwner *o = owner(s, who->s);
            o->entries++, o->scaled += lost, o->overdue += r->rule->overdue;
        }
    }
}

void summary_skip(Summary *s) {
    s->not_scored++;
}

static int by_lost(const void *a, const void *b) {
    const SummaryItem *x = *(SummaryItem *const *)a, *y = *(SummaryItem *const *)b;
    if (x->scaled != y->scaled) return x->scaled < y->scaled ? 1 : -1;
    return x->item->index < y->item->index ? -1 : x->item->index > y->item->index;
}

static int by_stake(const void *a, const void *b) {
    const SummaryOwner *x = a, *y = b;
    if (x->scaled != y->scaled) return x->scaled < y->scaled ? 1 : -1;
    if (x->entries != y->entries) return x->entries < y->entries ? 1 : -1;
    return 0;
}

/* The ranking, highest total first, in the input's order among equals
 * (qsort is not stable). */
DEC_SORT_DESC(sort_ranking, SummaryUnit, total)

void summary_finish(Summary *s) {
    const Standard *std = s->std;
    int places = std->decimals_value;
    stat_finish(&s->total, places);
    for (int c = 0; c < s->ncats; c++)
        stat_finish(&s->cats[c], places);
    SummaryUnit *tmp = grow(NULL, sizeof *tmp * (size_t)(s->units + 1));
    sort_ranking(s->ranking, (size_t)s->units, tmp);
    free(tmp);
    long *kind_seen = arena_alloc(s->arena, sizeof(long) * (size_t)(std->nkinds + 1));
    Dec *kind_last = arena_alloc(s->arena, sizeof(Dec) * (size_t)(std->nkinds + 1));
    long *kind_rank = arena_alloc(s->arena, sizeof(long) * (size_t)(std->nkinds + 1));
    for (long i = 0; i < s->units; i++) {
        SummaryUnit *u = &s->ranking[i];
        u->rank = i > 0 && dec_cmp(u->total, s->ranking[i - 1].total) == 0 ? s->ranking[i - 1].rank : i + 1;
        int k = u->kind;
        kind_seen[k]++;
        kind_rank[k] = kind_seen[k] > 1 && dec_cmp(u->total, kind_last[k]) == 0 ? kind_rank[k] : kind_seen[k];
        kind_last[k] = u->total;
        u->kind_rank = kind_rank[k];
    }
    s->weakest = arena_alloc(s->arena, sizeof(SummaryItem *) * (size_t)(std->nitems + 1));
    for (int i = 0; i < std->nitems; i++) {
        SummaryItem *si = &s->items[i];
        si->lost = unscale(si->scaled, 1, places);
        if (si->scaled > 0) s->weakest[s->nweakest++] = si;
    }
    qsort(s->weakest, (size_t)s->nweakest, sizeof *s->weakest, by_lost);
    for (int i = 0; i < s->nowners; i++)
        s->owners[i].lost = unscale(s->owners[i].scaled, 1, places);
    /* equal stakes keep their first appearance: sort by stake, stably */
    for (int i = 1; i < s->nowners; i++)
        for (int j = i; j > 0 && by_stake(&s->owners[j - 1], &s->owners[j]) > 0; j--) {
            SummaryOwner t = s->owners[j];
            s->owners[j] = s->owners[j - 1];
            s->owners[j - 1] = t;
        }
}

void summary_free(Summary *s) {
    if (!s) return;
    free(s->ranking);
    free(s->owners);
    arena_free(s->arena);
    free(s);
}
