/* peer.c - the values of the other units of a run (see peer.h): gathered
 * by group (standard, kind, year), one sorted column per fact that a peer
 * function reads. */
#include "peer.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"

typedef struct Column {
    Dec *v;
    size_t n, cap;
    Dec mean;
    bool mean_ok;
} Column;

typedef struct Group {
    const Standard *std;
    int kind, year;
    long units;
    Column *cols; /* one per fact of std read by a peer function, by slot order */
} Group;

typedef struct StdCols {
    const Standard *std;
    int ncols;
    int *col; /* by slot: the column, or -1 */
} StdCols;

struct PeerTable {
    Group *groups;
    size_t ngroups, cap;
    StdCols *stds;
    size_t nstds;
};

bool peer_uses(const Standard *std) {
    for (int i = 0; std && i < std->nfacts; i++)
        if (std->fact_tab[i]->peer_read) return true;
    return false;
}

bool peer_reads_kind(const Standard *std, int kind) {
    for (int i = 0; std && i < std->nfacts; i++) {
        const Fact *f = std->fact_tab[i];
        if (f->peer_read && ((f->needed_by >> kind) & 1u)) return true;
    }
    return false;
}

PeerTable *peer_table_new(void) {
    PeerTable *t = calloc(1, sizeof *t);
    return t ? t : arena_out_of_memory();
}

static const StdCols *find_std(const PeerTable *t, const Standard *std) {
    for (size_t i = 0; t && i < t->nstds; i++)
        if (t->stds[i].std == std) return &t->stds[i];
    return NULL;
}

static const StdCols *std_cols(PeerTable *t, const Standard *std) {
    const StdCols *found = find_std(t, std);
    if (found) return found;
    t->stds = arena_xrealloc(t->stds, sizeof *t->stds * (t->nstds + 1));
    StdCols *s = &t->stds[t->nstds++];
    s->std = std;
    s->ncols = 0;
    s->col = arena_xrealloc(NULL, sizeof *s->col * (size_t)(std->nfacts + 1));
    for (int i = 0; i < std->nfacts; i++)
        s->col[i] = std->fact_tab[i]->peer_read ? s->ncols++ : -1;
    return s;
}

/* The year a unit is scored for: its own, or its standard's. */
static int year_of(const Unit *u) {
    return u->year ? u->year : u->std ? u->std->year_value : 0;
}

static Group *find_group(const PeerTable *t, const Unit *u) {
    int year = year_of(u);
    for (size_t i = 0; t && i < t->ngroups; i++) {
        Group *g = &t->groups[i];
        if (g->std == u->std && g->kind == u->kind && g->year == year) return g;
    }
    return NULL;
}

void peer_table_add(PeerTable *t, const Unit *u) {
    if (!u->std || u->invalid) return;
    const StdCols *s = std_cols(t, u->std);
    Group *g = find_group(t, u);
    if (!g) {
        if (t->ngroups == t->cap)
            t->groups = arena_xrealloc(t->groups, sizeof *t->groups * (t->cap = t->cap ? t->cap * 2 : 8));
        g = &t->groups[t->ngroups++];
        *g = (Group){.std = u->std, .kind = u->kind, .year = year_of(u)};
        g->cols = arena_xrealloc(NULL, sizeof *g->cols * (size_t)(s->ncols ? s->ncols : 1));
        memset(g->cols, 0, sizeof *g->cols * (size_t)(s->ncols ? s->ncols : 1));
    }
    g->units++;
    for (int i = 0; i < u->std->nfacts; i++) {
        const Value *v = &u->facts[i];
        if (s->col[i] < 0 || !v->present) continue;
        Column *c = &g->cols[s->col[i]];
        if (c->n == c->cap) c->v = arena_xrealloc(c->v, sizeof *c->v * (c->cap = c->cap ? c->cap * 2 : 16));
        c->v[c->n++] = v->u.num;
    }
}

static int by_value(const void *a, const void *b) {
    return dec_cmp(*(const Dec *)a, *(const Dec *)b);
}

void peer_table_seal(PeerTable *t) {
    for (size_t i = 0; i < t->ngroups; i++) {
        Group *g = &t->groups[i];
        const StdCols *s = find_std(t, g->std);
        for (int k = 0; k < s->ncols; k++) {
            Column *c = &g->cols[k];
            qsort(c->v, c->n, sizeof *c->v, by_value);
            Dec sum = dec_zero();
            c->mean_ok = c->n > 0;
            for (size_t j = 0; j < c->n && c->mean_ok; j++)
                c->mean_ok = dec_add(sum, c->v[j], &sum) == DEC_OK;
            if (c->mean_ok) c->mean_ok = dec_div(sum, dec_int((int64_t)c->n), &c->mean) == DEC_OK;
        }
    }
}

void peer_table_free(PeerTable *t) {
    if (!t) return;
    for (size_t i = 0; i < t->ngroups; i++) {
        const StdCols *s = find_std(t, t->groups[i].std);
        for (int k = 0; k < s->ncols; k++)
            free(t->groups[i].cols[k].v);
        free(t->groups[i].cols);
    }
    for (size_t i = 0; i < t->nstds; i++)
        free(t->stds[i].col);
    free(t->groups);
    free(t->stds);
    free(t);
}

long peer_group_size(const PeerTable *t, const Unit *u) {
    const Group *g = find_group(t, u);
    return g ? g->units : 0;
}

/* How many of the sorted v[0..n) are below x (or, with or_equal, at most x). */
static size_t count_below(const Dec *v, size_t n, Dec x, bool or_equal) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = dec_cmp(v[mid], x);
        if (c < 0 || (or_equal && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool peer_eval(const PeerTable *t, const Unit *u, const Expr *x, Dec *out, PeerSeen *seen, const char **why) {
    const Fact *f = x->u.call.args->e->type_fact;
    const Value *own = &u->facts[f->slot];
    /* the fact's values among the peers: the table's column, or the unit's own */
    const Group *g = find_group(t, u);
    const StdCols *s = g ? find_std(t, u->std) : NULL;
    const Column *col = s && s->col[f->slot] >= 0 ? &g->cols[s->col[f->slot]] : NULL;
    Column alone = {.v = (Dec *)&own->u.num, .n = own->present, .mean = own->u.num, .mean_ok = own->present};
    if (!col) col = &alone;
    bool record = seen && (!seen->fact || seen->fact == f);
    if (record) {
        seen->fact = f;
        seen->n = (long)col->n;
        seen->has_value = own->present;
        if (own->present) seen->value = own->u.num;
    }
    switch (x->fn) {
    case FN_PEERS: *out = dec_int((int64_t)col->n); return true;
    case FN_RANK:
    case FN_RANK_LOW: {
        if (!own->present) {
            *why = x->fn == FN_RANK
                       ? N_("rank() of a fact missing from the unit's data: guard the rule with 'when given(...)'")
                       : N_("rank_low() of a fact missing from the unit's data: guard the rule with 'when given(...)'");
            return false;
        }
        size_t before = x->fn == FN_RANK ? col->n - count_below(col->v, col->n, own->u.num, true)
                                         : count_below(col->v, col->n, own->u.num, false);
        *out = dec_int((int64_t)before + 1);
        if (record) seen->rank = (long)before + 1, seen->low = x->fn == FN_RANK_LOW;
        return true;
    }
    default: break;
    }
    if (col->n == 0) {
        *why = N_("no unit of its kind has a value to compare: guard the rule with 'when given(...)'");
        return false;
    }
    if (x->fn == FN_PEER_MEAN && !col->mean_ok) {
        *why = N_("a number too large for exact arithmetic");
        return false;
    }
    *out = x->fn == FN_PEER_MAX ? col->v[col->n - 1] : x->fn == FN_PEER_MIN ? col->v[0] : col->mean;
    if (record) seen->ref_fn = x->fn, seen->ref = *out;
    return true;
}
