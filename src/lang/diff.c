/* diff.c - what changed between two standards (see diff.h). Expressions are
 * compared as trees, not as text, so layout and comments do not count, and
 * a fact renamed by the new standard (renames) reads as its old name. */
#include "diff.h"

#include <string.h>

#include "dates.h"
#include "lex.h"
#include "parser.h"

typedef struct Ctx {
    Arena *arena;
    const Standard *old, *new_;
} Ctx;

/* ---- comparing expressions ------------------------------------------------ */

/* True when the new standard's name n stands for the old standard's name o. */
static bool same_name(const Ctx *c, const char *o, const char *n) {
    if (!strcmp(o, n)) return true;
    for (const Fact *f = c->new_->facts; f; f = f->next)
        if (f->renames && !strcmp(f->name, n) && !strcmp(f->renames, o)) return true;
    return false;
}

static bool same_expr(const Ctx *c, const Expr *a, const Expr *b) {
    if (!a || !b) return a == b;
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case EX_NUMBER: return dec_cmp(a->u.num.value, b->u.num.value) == 0 && a->u.num.percent == b->u.num.percent;
    case EX_BOOL: return a->u.boolean == b->u.boolean;
    case EX_STRING: return !strcmp(a->u.str, b->u.str);
    case EX_DATE: return a->u.date == b->u.date;
    case EX_NAME: return same_name(c, a->u.name.name, b->u.name.name);
    case EX_POINTS:
    case EX_KIND:
    case EX_YEAR: return true;
    case EX_TOTAL:
    case EX_GRADE: return true;
    case EX_NEG:
    case EX_NOT: return same_expr(c, a->u.operand, b->u.operand);
    case EX_BINARY:
    case EX_AND:
    case EX_OR:
        return a->u.bin.op == b->u.bin.op && same_expr(c, a->u.bin.lhs, b->u.bin.lhs) &&
               same_expr(c, a->u.bin.rhs, b->u.bin.rhs);
    case EX_IF:
        return same_expr(c, a->u.ifx.cond, b->u.ifx.cond) && same_expr(c, a->u.ifx.then_, b->u.ifx.then_) &&
               same_expr(c, a->u.ifx.else_, b->u.ifx.else_);
    case EX_CALL: {
        if (strcmp(a->u.call.name, b->u.call.name) || !same_expr(c, a->u.call.where, b->u.call.where)) return false;
        const ExprList *x = a->u.call.args, *y = b->u.call.args;
        for (; x && y; x = x->next, y = y->next)
            if (!same_expr(c, x->e, y->e)) return false;
        return !x && !y;
    }
    case EX_TIERS: {
        if (!same_expr(c, a->u.tiers.subject, b->u.tiers.subject) ||
            !same_expr(c, a->u.tiers.otherwise, b->u.tiers.otherwise))
            return false;
        const TierBand *x = a->u.tiers.bands, *y = b->u.tiers.bands;
        for (; x && y; x = x->next, y = y->next)
            if (x->op != y->op || !same_expr(c, x->bound, y->bound) || !same_expr(c, x->value, y->value)) return false;
        return !x && !y;
    }
    case EX_EACH:
        return !a->u.each.var == !b->u.each.var && (!a->u.each.var || !strcmp(a->u.each.var, b->u.each.var)) &&
               a->u.each.distinct == b->u.each.distinct && same_expr(c, a->u.each.lo, b->u.each.lo) &&
               same_expr(c, a->u.each.hi, b->u.each.hi) && same_expr(c, a->u.each.list, b->u.each.list) &&
               !a->u.each.field == !b->u.each.field && (!a->u.each.field || !strcmp(a->u.each.field, b->u.each.field));
    }
    return false;
}

static const char *text_of(const Ctx *c, const Standard *s, const Expr *e) {
    return e ? ast_text(c->arena, s->src, e->span) : NULL;
}

/* A part's bounds as the statements that state them, in one line: what
 * diff compares and shows (floor none; cap none; add after floor; ...). */
static const char *bounds_text(const Ctx *c, const Standard *s, const Part *p) {
    const char *t = "";
    int set = s->keyword_set; /* the standard's own keywords: 下限 無, not floor none */
#define KW(tok) lex_spelling(tok, set)
#define BOUND(...) t = arena_printf(c->arena, "%s%s" , *t ? arena_printf(c->arena, "%s ", t) : "", arena_printf(c->arena, __VA_ARGS__))
    if (p->no_floor) BOUND("%s %s;", KW(FLOOR), KW(NONE));
    if (p->no_cap) BOUND("%s %s;", KW(CAP), KW(NONE));
    else if (p->cap && p->kind != PART_BONUS) BOUND("%s %s;", KW(CAP), text_of(c, s, p->cap));
    if (p->add_cap) BOUND("%s %s %s;", KW(ADD), KW(CAP), text_of(c, s, p->add_cap));
    if (p->add_after_floor && !(p->parent ? p->parent->add_after_floor : s->add_after_floor))
        BOUND("%s %s %s;", KW(ADD), KW(AFTER), KW(FLOOR));
    if (p->applies_when) BOUND("%s %s %s;", KW(APPLIES), KW(WHEN), text_of(c, s, p->applies_when));
    for (const KindPoints *k = p->kind_points; k; k = k->next)
        BOUND("%s;", ast_text(c->arena, s->src, k->span));
    if (p->scaled) BOUND("%s;", KW(SCALED));
    if (p->weight) BOUND("%s %s;", KW(WEIGHT), text_of(c, s, p->weight));
#undef BOUND
#undef KW
    return *t ? t : NULL;
}

/* ---- rules, parameter by parameter ---------------------------------------- */

typedef struct Params {
    DiffParam *v;
    int n, cap;
} Params;

static void param(const Ctx *c, Params *p, int rule, const char *what, const char *before, const char *after) {
    if (p->n == p->cap) {
        DiffParam *more = arena_alloc(c->arena, sizeof *more * (size_t)(p->cap = p->cap ? p->cap * 2 : 4));
        if (p->n) memcpy(more, p->v, sizeof *more * (size_t)p->n);
        p->v = more;
    }
    p->v[p->n++] = (DiffParam){rule, what, before, after};
}

static const char *mode_word(StepMode m) {
    return m == STEP_STARTED ? "started" : m == STEP_COMPLETED ? "completed" : m == STEP_PRO_RATA ? "pro_rata" : NULL;
}

/* A rule's 'applies' as written: "applies town, village". */
static bool names_equal(const StrList *a, const StrList *b) {
    for (; a && b; a = a->next, b = b->next)
        if (strcmp(a->s, b->s)) return false;
    return !a && !b;
}

static const char *names_text(const Ctx *c, const StrList *l) {
    const char *s = "applies";
    for (const char *sep = " "; l; l = l->next, sep = ", ")
        s = arena_printf(c->arena, "%s%s%s", s, sep, l->s);
    return s;
}

/* One option of two rules: changed, added or dropped. */
static void option(const Ctx *c, Params *p, int k, const char *what, const char *kw, const Expr *a, const Expr *b) {
    if (same_expr(c, a, b)) return;
    param(c, p, k, what, a ? arena_printf(c->arena, "%s %s", kw, text_of(c, c->old, a)) : NULL,
          b ? arena_printf(c->arena, "%s %s", kw, text_of(c, c->new_, b)) : NULL);
}

static void compare_rule(const Ctx *c, Params *p, int k, const Rule *a, const Rule *b) {
    if (a->kind != b->kind || !a->per != !b->per || a->gap != b->gap) {
        param(c, p, k, "rule", ast_text(c->arena, c->old->src, a->span), ast_text(c->arena, c->new_->src, b->span));
        return;
    }
    /* the words of the new standard's own keyword set (扣, 每, 低於...) */
    int set = c->new_->keyword_set;
    static const int kw[] = {DEDUCT, ADD, SCORE, ZERO, ADJUST};
    option(c, p, k, "amount", lex_spelling(kw[a->kind], set), a->amount, b->amount);
    option(c, p, k, "per", lex_spelling(PER, set), a->per, b->per);
    option(c, p, k, "threshold", lex_spelling(a->gap == GAP_ABOVE ? ABOVE : BELOW, set), a->bound, b->bound);
    option(c, p, k, "when", lex_spelling(WHEN, set), a->when, b->when);
    option(c, p, k, "step", lex_spelling(STEP, set), a->step, b->step);
    option(c, p, k, "cap", lex_spelling(CAP, set), a->cap, b->cap);
    option(c, p, k, "deadline", lex_spelling(DEADLINE, set), a->deadline, b->deadline);
    if (a->mode != b->mode) param(c, p, k, "counting", mode_word(a->mode), mode_word(b->mode));
    if (a->final != b->final)
        param(c, p, k, "final", a->final ? lex_spelling(FINAL, set) : NULL, b->final ? lex_spelling(FINAL, set) : NULL);
    if (!a->number != !b->number || (a->number && strcmp(a->number, b->number)))
        param(c, p, k, "number", a->number, b->number);
    if (!names_equal(a->applies, b->applies))
        param(c, p, k, "applies", a->applies ? names_text(c, a->applies) : NULL,
              b->applies ? names_text(c, b->applies) : NULL);
}

/* The next rule as written, from r on (a task's deductions are compared
 * with the tasks). */
static const Rule *own_rule(const Rule *r) {
    while (r && r->task)
        r = r->next;
    return r;
}

/* The rules of an item, side by side, however many. */
static void compare_rules(const Ctx *c, Params *p, const Part *a, const Part *b) {
    const Rule *x = own_rule(a->rules), *y = own_rule(b->rules);
    for (int k = 1; x || y; k++) {
        if (x && y)
            compare_rule(c, p, k, x, y);
        else if (x)
            param(c, p, k, "rule", ast_text(c->arena, c->old->src, x->span), NULL);
        else
            param(c, p, k, "rule", NULL, ast_text(c->arena, c->new_->src, y->span));
        x = x ? own_rule(x->next) : NULL;
        y = y ? own_rule(y->next) : NULL;
    }
}

/* ---- parts ----------------------------------------------------------------- */

static const Part *top_of(const Part *p) {
    while (p->parent)
        p = p->parent;
    return p;
}

static bool same_str(const char *a, const char *b) {
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* "town, village": the kinds of a mask, by id */
static const char *kinds_text(const Ctx *c, const Standard *s, uint32_t mask) {
    const char *t = "";
    for (int k = 0; k < s->nkinds; k++)
        if (mask >> k & 1) t = arena_printf(c->arena, "%s%s%s", t, *t ? ", " : "", s->kind_tab[k]->id);
    return *t ? t : "none";
}

/* True when every kind of mask in s is also in other's mask, by id. */
static bool kinds_within(const Standard *s, uint32_t mask, const Standard *other, uint32_t other_mask) {
    for (int k = 0; k < s->nkinds; k++) {
        if (!(mask >> k & 1)) continue;
        bool found = false;
        for (int m = 0; m < other->nkinds && !found; m++)
            found = (other_mask >> m & 1) && !strcmp(other->kind_tab[m]->id, s->kind_tab[k]->id);
        if (!found) return false;
    }
    return true;
}

/* The kinds a part applies to, compared across standards by id, both ways:
 * a kind only the new standard has counts too. */
static bool same_kinds(const Ctx *c, const Part *a, const Part *b) {
    return kinds_within(c->old, a->kinds, c->new_, b->kinds) && kinds_within(c->new_, b->kinds, c->old, a->kinds);
}

static const Part *find_item(const Standard *s, const char *id) {
    for (int i = 0; i < s->nitems; i++)
        if (s->item_tab[i]->id && !strcmp(s->item_tab[i]->id, id)) return s->item_tab[i];
    return NULL;
}

static const Part *find_part(const Standard *s, const char *id) {
    for (int i = 0; i < s->nparts; i++)
        if (s->part_tab[i]->id && !strcmp(s->part_tab[i]->id, id)) return s->part_tab[i];
    return NULL;
}

/* A growable array of entries. */
typedef struct Entries {
    DiffEntry *v;
    int n, cap;
} Entries;

static DiffEntry *entry(const Ctx *c, Entries *e, const char *id, const void *old, const void *new_) {
    if (e->n == e->cap) {
        DiffEntry *more = arena_alloc(c->arena, sizeof *more * (size_t)(e->cap = e->cap ? e->cap * 2 : 16));
        if (e->n) memcpy(more, e->v, sizeof *more * (size_t)e->n);
        e->v = more;
    }
    DiffEntry *x = &e->v[e->n++];
    *x = (DiffEntry){.id = id, .old = old, .new_ = new_};
    return x;
}

static void diff_items(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (int i = 0; i < c->new_->nitems; i++) {
        const Part *b = c->new_->item_tab[i], *a = b->id ? find_item(c->old, b->id) : NULL;
        if (!b->id) continue;
        unsigned ch = 0;
        Params p = {0};
        if (!a) {
            ch = DIFF_ADDED;
        } else {
            const Part *pa = a->parent, *pb = b->parent;
            if (!same_str(pa ? pa->id : NULL, pb ? pb->id : NULL) || !same_str(top_of(a)->id, top_of(b)->id))
                ch |= DIFF_MOVED;
            if (dec_cmp(a->pts, b->pts)) ch |= DIFF_POINTS;
            if (!same_str(a->title, b->title)) ch |= DIFF_TITLE;
            if (!same_str(a->number, b->number)) ch |= DIFF_NUMBER;
            if (!same_kinds(c, a, b)) ch |= DIFF_APPLIES;
            if (!same_str(a->content, b->content) || !same_str(a->method, b->method)) ch |= DIFF_WORDING;
            if (!same_expr(c, a->deadline, b->deadline)) ch |= DIFF_DEADLINE;
            if (!same_str(bounds_text(c, c->old, a), bounds_text(c, c->new_, b))) ch |= DIFF_BOUNDS;
            compare_rules(c, &p, a, b);
            if (p.n) ch |= DIFF_RULES;
        }
        if (!ch) continue;
        DiffEntry *x = entry(c, &e, b->id, a, b);
        x->changes = ch;
        x->params = p.v;
        x->nparams = p.n;
        x->new_cat = top_of(b);
        x->new_points = b->pts;
        if (a) x->old_cat = top_of(a), x->old_points = a->pts;
        if (ch & DIFF_APPLIES) {
            x->kinds_before = kinds_text(c, c->old, a->kinds);
            x->kinds_after = kinds_text(c, c->new_, b->kinds);
        }
        if (ch & DIFF_DEADLINE) {
            x->before = text_of(c, c->old, a->deadline);
            x->after = text_of(c, c->new_, b->deadline);
        }
        if (ch & DIFF_BOUNDS) {
            x->bounds_before = bounds_text(c, c->old, a);
            x->bounds_after = bounds_text(c, c->new_, b);
        }
    }
    for (int i = 0; i < c->old->nitems; i++) {
        const Part *a = c->old->item_tab[i];
        if (!a->id || find_item(c->new_, a->id)) continue;
        DiffEntry *x = entry(c, &e, a->id, a, NULL);
        x->changes = DIFF_REMOVED;
        x->old_cat = top_of(a);
        x->old_points = a->pts;
    }
    d->items = e.v;
    d->nitems = e.n;
    for (int i = 0; i < e.n; i++) {
        unsigned ch = e.v[i].changes;
        d->added += !!(ch & DIFF_ADDED);
        d->removed += !!(ch & DIFF_REMOVED);
        d->moved += !!(ch & DIFF_MOVED);
        d->repointed += !!(ch & DIFF_POINTS);
        d->retitled += !!(ch & DIFF_TITLE);
        d->rules += !!(ch & DIFF_RULES);
    }
}

/* Every category, bonus section and group: the new order, then the removed. */
static void diff_parts(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (int i = 0; i < c->new_->nparts; i++) {
        const Part *b = c->new_->part_tab[i], *a = b->id ? find_part(c->old, b->id) : NULL;
        if (!b->id && b->kind == PART_BONUS) /* a bonus section without an id: matched by title */
            for (int k = 0; k < c->old->nparts && !a; k++)
                if (c->old->part_tab[k]->kind == PART_BONUS && same_str(c->old->part_tab[k]->title, b->title))
                    a = c->old->part_tab[k];
        DiffEntry *x = entry(c, &e, b->id, a, b);
        x->new_points = b->kind == PART_BONUS ? b->cap_value : b->pts;
        x->new_cat = top_of(b);
        if (!a) {
            x->changes = DIFF_ADDED;
            continue;
        }
        x->old_points = a->kind == PART_BONUS ? a->cap_value : a->pts;
        x->old_cat = top_of(a);
        if (dec_sub(x->new_points, x->old_points, &x->delta) != DEC_OK) x->delta = dec_zero();
        if (dec_cmp(x->old_points, x->new_points)) x->changes |= DIFF_POINTS;
        if (!same_str(a->title, b->title)) x->changes |= DIFF_TITLE;
        if (!same_str(a->number, b->number)) x->changes |= DIFF_NUMBER;
        if (a->parent && (!b->parent || !same_str(a->parent->id, b->parent->id))) x->changes |= DIFF_MOVED;
        x->bounds_before = bounds_text(c, c->old, a);
        x->bounds_after = bounds_text(c, c->new_, b);
        if (!same_str(x->bounds_before, x->bounds_after)) x->changes |= DIFF_BOUNDS;
    }
    for (int i = 0; i < c->old->nparts; i++) {
        const Part *a = c->old->part_tab[i];
        if (!a->id || find_part(c->new_, a->id)) continue;
        DiffEntry *x = entry(c, &e, a->id, a, NULL);
        x->changes = DIFF_REMOVED;
        x->old_points = a->kind == PART_BONUS ? a->cap_value : a->pts;
        x->old_cat = top_of(a);
    }
    d->parts = e.v;
    d->nparts = e.n;
}

/* ---- vetoes, grade bands, phases, tasks, facts ------------------------------- */

static void diff_vetoes(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (int i = 0; i < c->new_->nvetoes; i++) {
        const Veto *b = c->new_->veto_tab[i], *a = NULL;
        for (int k = 0; k < c->old->nvetoes; k++)
            if (!strcmp(c->old->veto_tab[k]->id, b->id)) a = c->old->veto_tab[k];
        /* what a veto does (disqualify, grade, deduct, zero) is part of its condition's change */
        bool same_effect = a && a->effect.effect == b->effect.effect && same_str(a->effect.grade, b->effect.grade) &&
                           same_expr(c, a->effect.amount, b->effect.amount);
        unsigned ch = !a ? DIFF_ADDED
                         : (same_expr(c, a->when, b->when) && same_effect ? 0 : DIFF_CONDITION) |
                               (same_str(a->title, b->title) && same_str(a->reason, b->reason) ? 0 : DIFF_WORDING);
        if (!ch) continue;
        DiffEntry *x = entry(c, &e, b->id, a, b);
        x->changes = ch;
        x->before = a ? text_of(c, c->old, a->when) : NULL;
        x->after = text_of(c, c->new_, b->when);
        if (a && !same_effect) {
            x->before = ast_text(c->arena, c->old->src, (Span){a->when->span.begin, a->effect.span.end});
            x->after = ast_text(c->arena, c->new_->src, (Span){b->when->span.begin, b->effect.span.end});
        }
    }
    for (int k = 0; k < c->old->nvetoes; k++) {
        const Veto *a = c->old->veto_tab[k];
        bool kept = false;
        for (int i = 0; i < c->new_->nvetoes; i++)
            kept |= !strcmp(c->new_->veto_tab[i]->id, a->id);
        if (kept) continue;
        DiffEntry *x = entry(c, &e, a->id, a, NULL);
        x->changes = DIFF_REMOVED;
        x->before = text_of(c, c->old, a->when);
    }
    d->vetoes = e.v;
    d->nvetoes = e.n;
}

/* Named expressions, by name: added, removed, or defined anew. */
static void diff_lets(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (int i = 0; i < c->new_->nlets; i++) {
        const Let *b = c->new_->let_tab[i], *a = NULL;
        for (int k = 0; k < c->old->nlets; k++)
            if (!strcmp(c->old->let_tab[k]->name, b->name)) a = c->old->let_tab[k];
        unsigned ch =
            !a ? DIFF_ADDED
               : (same_expr(c, a->e, b->e) ? 0 : DIFF_CONDITION) | (same_str(a->label, b->label) ? 0 : DIFF_WORDING);
        if (!ch) continue;
        DiffEntry *x = entry(c, &e, b->name, a, b);
        x->changes = ch;
        x->before = a ? text_of(c, c->old, a->e) : NULL;
        x->after = text_of(c, c->new_, b->e);
    }
    for (int k = 0; k < c->old->nlets; k++) {
        const Let *a = c->old->let_tab[k];
        bool kept = false;
        for (int i = 0; i < c->new_->nlets; i++)
            kept |= !strcmp(c->new_->let_tab[i]->name, a->name);
        if (kept) continue;
        DiffEntry *x = entry(c, &e, a->name, a, NULL);
        x->changes = DIFF_REMOVED;
        x->before = text_of(c, c->old, a->e);
    }
    d->lets = e.v;
    d->nlets = e.n;
}

/* Outputs, by id: added, removed, or computed anew. */
static void diff_outputs(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (int i = 0; i < c->new_->noutputs; i++) {
        const OutputDef *b = c->new_->output_tab[i], *a = NULL;
        for (int k = 0; k < c->old->noutputs; k++)
            if (!strcmp(c->old->output_tab[k]->id, b->id)) a = c->old->output_tab[k];
        unsigned ch = !a ? DIFF_ADDED
                         : (same_expr(c, a->value, b->value) ? 0 : DIFF_CONDITION) |
                               (same_str(a->label, b->label) ? 0 : DIFF_WORDING);
        if (!ch) continue;
        DiffEntry *x = entry(c, &e, b->id, a, b);
        x->changes = ch;
        x->before = a ? text_of(c, c->old, a->value) : NULL;
        x->after = text_of(c, c->new_, b->value);
    }
    for (int k = 0; k < c->old->noutputs; k++) {
        const OutputDef *a = c->old->output_tab[k];
        bool kept = false;
        for (int i = 0; i < c->new_->noutputs; i++)
            kept |= !strcmp(c->new_->output_tab[i]->id, a->id);
        if (kept) continue;
        DiffEntry *x = entry(c, &e, a->id, a, NULL);
        x->changes = DIFF_REMOVED;
        x->before = text_of(c, c->old, a->value);
    }
    d->outputs = e.v;
    d->noutputs = e.n;
}

/* Requirements have no id: one is kept when the other standard states the
 * same condition; else it is added or removed. */
static bool has_require(const Ctx *c, const Standard *s, const Require *q) {
    for (const Require *o = s->requires; o; o = o->next)
        if (same_expr(c, o->cond, q->cond)) return true;
    return false;
}

static void diff_requires(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (const Require *b = c->new_->requires; b; b = b->next) {
        if (has_require(c, c->old, b)) continue;
        DiffEntry *x = entry(c, &e, "require", NULL, b);
        x->changes = DIFF_ADDED;
        x->after = text_of(c, c->new_, b->cond);
    }
    for (const Require *a = c->old->requires; a; a = a->next) {
        if (has_require(c, c->new_, a)) continue;
        DiffEntry *x = entry(c, &e, "require", a, NULL);
        x->changes = DIFF_REMOVED;
        x->before = text_of(c, c->old, a->cond);
    }
    d->requires = e.v;
    d->nrequires = e.n;
}

static const char *band_text(const Ctx *c, const GradeBand *g) {
    if (g->op == BAND_OTHERWISE) return "otherwise";
    char buf[64];
    dec_format(g->value, 6, buf, sizeof buf);
    return arena_printf(c->arena, "%s %s%s", g->op == BAND_GE ? ">=" : ">", buf, g->fail ? " fail" : "");
}

static void diff_grades(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (int i = 0; i < c->new_->ngrades; i++) {
        const GradeBand *b = c->new_->grade_tab[i], *a = NULL;
        for (int k = 0; k < c->old->ngrades; k++)
            if (!strcmp(c->old->grade_tab[k]->name, b->name)) a = c->old->grade_tab[k];
        const char *before = a ? band_text(c, a) : NULL, *after = band_text(c, b);
        if (before && !strcmp(before, after)) continue;
        DiffEntry *x = entry(c, &e, b->name, a, b);
        x->changes = a ? DIFF_BOUND : DIFF_ADDED;
        x->before = before;
        x->after = after;
    }
    for (int k = 0; k < c->old->ngrades; k++) {
        const GradeBand *a = c->old->grade_tab[k];
        bool kept = false;
        for (int i = 0; i < c->new_->ngrades; i++)
            kept |= !strcmp(c->new_->grade_tab[i]->name, a->name);
        if (kept) continue;
        DiffEntry *x = entry(c, &e, a->name, a, NULL);
        x->changes = DIFF_REMOVED;
        x->before = band_text(c, a);
    }
    d->grades = e.v;
    d->ngrades = e.n;
}

static const char *day(const Ctx *c, int32_t days) {
    int y, m, dd;
    dates_to_civil(days, &y, &m, &dd);
    return arena_printf(c->arena, "%04d-%02d-%02d", y, m, dd);
}

static const char *phase_text(const Ctx *c, const Phase *p) {
    return arena_printf(c->arena, "%s to %s%s%s", day(c, p->start), day(c, p->end), p->overlaps ? " overlaps" : "",
                        p->inspection ? " inspection" : "");
}

static const char *task_text(const Ctx *c, const Task *t) {
    return arena_printf(c->arena, "%s%s%s, phase %s", t->from ? day(c, t->from_day) : "", t->from ? " to " : "due ",
                        day(c, t->due_day), t->phase);
}

/* Phases and tasks: matched by id, compared by their dates as text. */
static void diff_dated(const Ctx *c, Entries *e, const char *id, const void *a, const void *b, const char *ta,
                       const char *tb, const char *title_a, const char *title_b) {
    unsigned ch = !a ? DIFF_ADDED : !b ? DIFF_REMOVED : 0;
    if (a && b) ch = (strcmp(ta, tb) ? DIFF_DATES : 0) | (same_str(title_a, title_b) ? 0 : DIFF_TITLE);
    if (!ch) return;
    DiffEntry *x = entry(c, e, id, a, b);
    x->changes = ch, x->before = ta, x->after = tb;
}

static void diff_phases(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (int i = 0; i < c->new_->nphases; i++) {
        const Phase *b = c->new_->phase_tab[i], *a = NULL;
        for (int k = 0; k < c->old->nphases; k++)
            if (!strcmp(c->old->phase_tab[k]->id, b->id)) a = c->old->phase_tab[k];
        diff_dated(c, &e, b->id, a, b, a ? phase_text(c, a) : NULL, phase_text(c, b), a ? a->title : NULL, b->title);
    }
    for (int k = 0; k < c->old->nphases; k++) {
        const Phase *a = c->old->phase_tab[k], *b = NULL;
        for (int i = 0; i < c->new_->nphases; i++)
            if (!strcmp(c->new_->phase_tab[i]->id, a->id)) b = c->new_->phase_tab[i];
        if (!b) diff_dated(c, &e, a->id, a, NULL, phase_text(c, a), NULL, a->title, NULL);
    }
    d->phases = e.v;
    d->nphases = e.n;
}

static void diff_tasks(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (int i = 0; i < c->new_->ntasks; i++) {
        const Task *b = c->new_->task_tab[i], *a = NULL;
        for (int k = 0; k < c->old->ntasks; k++)
            if (!strcmp(c->old->task_tab[k]->id, b->id)) a = c->old->task_tab[k];
        diff_dated(c, &e, b->id, a, b, a ? task_text(c, a) : NULL, task_text(c, b), a ? a->title : NULL, b->title);
    }
    for (int k = 0; k < c->old->ntasks; k++) {
        const Task *a = c->old->task_tab[k], *b = NULL;
        for (int i = 0; i < c->new_->ntasks; i++)
            if (!strcmp(c->new_->task_tab[i]->id, a->id)) b = c->new_->task_tab[i];
        if (!b) diff_dated(c, &e, a->id, a, NULL, task_text(c, a), NULL, a->title, NULL);
    }
    d->tasks = e.v;
    d->ntasks = e.n;
}

static const char *type_text(const Ctx *c, const Standard *s, const Fact *f) {
    static const char *const names[] = {"?",    "integer", "decimal", "percent", "boolean",
                                        "date", "text",    "enum",    "list"};
    const char *t = names[f->type.kind];
    if (f->type.kind == TY_LIST && f->type.of_values) /* list of T: the values' type and bounds */
        return arena_printf(c->arena, "list of %s", type_text(c, s, f->type.fields));
    if (f->lo || f->hi)
        t = arena_printf(c->arena, "%s in %s..%s", t, f->lo ? text_of(c, s, f->lo) : "",
                         f->hi ? text_of(c, s, f->hi) : "");
    if (f->def) t = arena_printf(c->arena, "%s default %s", t, text_of(c, s, f->def));
    if (f->empty_default) t = arena_printf(c->arena, "%s default []", t);
    if (f->key) t = arena_printf(c->arena, "%s key \"%s\"", t, f->key); /* the data's key is part of the fact */
    if (f->optional) t = arena_printf(c->arena, "%s optional", t);
    return t;
}

/* Type, bounds and default compared as values (true and 是 are one). */
static bool same_type(const Ctx *c, const Fact *a, const Fact *b) {
    if (a->type.kind != b->type.kind || !same_expr(c, a->lo, b->lo) || !same_expr(c, a->hi, b->hi) ||
        !same_expr(c, a->def, b->def) || a->empty_default != b->empty_default || a->optional != b->optional ||
        a->type.of_values != b->type.of_values ||
        ((a->key || b->key) && strcmp(fact_key(a), fact_key(b))))
        return false;
    const StrList *x = a->type.members, *y = b->type.members;
    for (; x && y; x = x->next, y = y->next)
        if (strcmp(x->s, y->s)) return false;
    if (x || y) return false;
    const Fact *fx = a->type.fields, *fy = b->type.fields;
    for (; fx && fy; fx = fx->next, fy = fy->next)
        if (strcmp(fx->name, fy->name) || !same_type(c, fx, fy)) return false;
    return !fx && !fy;
}

static void diff_facts(const Ctx *c, Diff *d) {
    Entries e = {0};
    for (const Fact *b = c->new_->facts; b; b = b->next) {
        const Fact *a = NULL;
        for (const Fact *f = c->old->facts; f && !a; f = f->next)
            if (same_name(c, f->name, b->name)) a = f;
        const char *before = a ? type_text(c, c->old, a) : NULL, *after = type_text(c, c->new_, b);
        unsigned ch = !a ? DIFF_ADDED
                         : (strcmp(a->name, b->name) ? DIFF_RENAMED : 0) | (same_type(c, a, b) ? 0 : DIFF_TYPE) |
                               (same_str(a->label, b->label) ? 0 : DIFF_TITLE);
        if (!ch) continue;
        DiffEntry *x = entry(c, &e, b->name, a, b);
        x->changes = ch, x->before = before, x->after = after;
    }
    for (const Fact *a = c->old->facts; a; a = a->next) {
        bool kept = false;
        for (const Fact *b = c->new_->facts; b && !kept; b = b->next)
            kept = same_name(c, a->name, b->name);
        if (kept) continue;
        DiffEntry *x = entry(c, &e, a->name, a, NULL);
        x->changes = DIFF_REMOVED, x->before = type_text(c, c->old, a);
    }
    d->facts = e.v;
    d->nfacts = e.n;
}

Diff *diff_standards(const Standard *old, const Standard *new_, Arena *arena) {
    Ctx c = {arena, old, new_};
    Diff *d = arena_alloc(arena, sizeof *d);
    d->old = old;
    d->new_ = new_;
    d->header_changed = !same_str(old->title, new_->title) || old->year_value != new_->year_value ||
                        dec_cmp(old->total_value, new_->total_value) || old->decimals_value != new_->decimals_value ||
                        old->no_floor_total != new_->no_floor_total || old->add_after_floor != new_->add_after_floor;
    diff_items(&c, d);
    diff_parts(&c, d);
    diff_vetoes(&c, d);
    diff_grades(&c, d);
    diff_phases(&c, d);
    diff_tasks(&c, d);
    diff_facts(&c, d);
    diff_lets(&c, d);
    diff_outputs(&c, d);
    diff_requires(&c, d);
    return d;
}

const DiffEntry *diff_item(const Diff *d, const char *id) {
    for (int i = 0; i < d->nitems; i++)
        if (!strcmp(d->items[i].id, id)) return &d->items[i];
    return NULL;
}

bool diff_empty(const Diff *d) {
    if (d->header_changed || d->nitems || d->nvetoes || d->ngrades || d->nphases || d->ntasks || d->nfacts || d->nlets ||
        d->noutputs || d->nrequires)
        return false;
    for (int i = 0; i < d->nparts; i++)
        if (d->parts[i].changes) return false;
    return true;
}
