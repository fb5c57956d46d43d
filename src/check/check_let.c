/* check_let.c - named expressions: let window_start = assessment_date - years(3);
 * Each is checked once, where first used (so a cycle is found at the use
 * that closes it), outside any item or list; the facts it reads are needed
 * by every kind scored on something that uses it. */
#include <string.h>

#include "check_impl.h"
#include "i18n.h"
#include "strmap.h"

Let *check_find_let(const Standard *std, const char *name) {
    for (Let *l = std->lets; l; l = l->next)
        if (strcmp(l->name, name) == 0) return l;
    return NULL;
}

void check_lets_start(Ctx *c) {
    Standard *s = c->std;
    int n = 0;
    StrMap *names = strmap_new(c->arena);
    for (Let *l = s->lets; l; l = l->next) {
        l->index = n++;
        for (const StrMapEntry *e = strmap_get(names, l->name); e; e = e->next) {
            const Let *o = e->value;
            int line, col;
            diag_position(c->src, o->name_span.begin, &line, &col);
            Diag *g = check_err(c, l->name_span, "K0268", "'%s' is defined twice", l->name);
            l->used = true; /* reported */
            diag_help(c->diag, g, "the first 'let %s' is at line %d", l->name, line);
        }
        strmap_add(names, l->name, l);
        const Fact *f = check_find_fact(s, l->name);
        if (f) {
            int line, col;
            diag_position(c->src, f->name_span.begin, &line, &col);
            Diag *g = check_err(c, l->name_span, "K0268", "'%s' is already a fact", l->name);
            l->used = true; /* reported */
            diag_help(c->diag, g, "the fact is declared at line %d; give the 'let' another name", line);
        }
    }
    s->nlets = n;
    s->let_tab = arena_alloc(c->arena, sizeof(Let *) * (size_t)(n ? n : 1));
    for (Let *l = s->lets; l; l = l->next)
        s->let_tab[l->index] = l;
}

static void check_let(Ctx *c, Let *l) {
    Ctx saved = *c;
    c->item = NULL;
    c->rule = NULL;
    c->scope = NULL;     /* computed outside any list's row: a field there is out of scope */
    c->in_output = false; /* and total, grade, vetoed() are an output's only */
    c->kinds = 0; /* the facts it reads are marked needed where it is used */
    l->state = 1;
    TypeKind t = check_expr(c, l->e);
    if (t == TY_LIST)
        check_err(c, l->e->span, "K0206", "a 'let' names a value, not a list: count it, as in count(%s)",
                  ast_text(c->arena, c->src, l->e->span));
    l->state = 2;
    c->item = saved.item;
    c->rule = saved.rule;
    c->scope = saved.scope;
    c->in_output = saved.in_output;
    c->kinds = saved.kinds;
}

/* The facts an expression reads (lets included) are needed by these kinds. */
static void mark(Standard *s, const Expr *e, uint32_t kinds, int depth);

static void mark_let(Standard *s, Let *l, uint32_t kinds, int depth) {
    if ((kinds & ~l->marked) == 0 || l->state != 2) return;
    l->marked |= kinds;
    mark(s, l->e, kinds, depth + 1);
}

static void mark(Standard *s, const Expr *e, uint32_t kinds, int depth) {
    if (!e || depth > KP_MAX_DEPTH * 4) return;
    switch (e->kind) {
    case EX_NAME:
        if (e->let)
            mark_let(s, (Let *)e->let, kinds, depth);
        else if (e->type_fact && !e->is_field && e->type != TY_KIND && e->slot >= 0 && e->slot < s->nfacts)
            s->fact_tab[e->slot]->needed_by |= kinds;
        return;
    case EX_NEG:
    case EX_NOT: mark(s, e->u.operand, kinds, depth + 1); return;
    case EX_BINARY:
    case EX_AND:
    case EX_OR:
        mark(s, e->u.bin.lhs, kinds, depth + 1);
        mark(s, e->u.bin.rhs, kinds, depth + 1);
        return;
    case EX_IF:
        mark(s, e->u.ifx.cond, kinds, depth + 1);
        mark(s, e->u.ifx.then_, kinds, depth + 1);
        mark(s, e->u.ifx.else_, kinds, depth + 1);
        return;
    case EX_CALL:
        for (const ExprList *a = e->u.call.args; a; a = a->next)
            mark(s, a->e, kinds, depth + 1);
        mark(s, e->u.call.where, kinds, depth + 1);
        return;
    case EX_TIERS:
        mark(s, e->u.tiers.subject, kinds, depth + 1);
        for (const TierBand *b = e->u.tiers.bands; b; b = b->next) {
            mark(s, b->bound, kinds, depth + 1);
            mark(s, b->value, kinds, depth + 1);
        }
        mark(s, e->u.tiers.otherwise, kinds, depth + 1);
        return;
    default: return;
    }
}

TypeKind check_let_ref(Ctx *c, Expr *e, Let *l) {
    l->used = true;
    if (l->state == 1) {
        Diag *g = check_err(c, e->span, "K0269", "'%s' is defined through itself", l->name);
        diag_help(c->diag, g, "a 'let' may use other lets, but not itself, directly or through another");
        return e->type = TY_ERROR;
    }
    if (l->state == 0) check_let(c, l);
    e->let = l;
    e->type = l->e->type;
    e->type_fact = l->e->type_fact;
    if (e->type == TY_LIST) e->type = TY_ERROR; /* reported at the let */
    mark_let(c->std, l, c->kinds, 0);
    return e->type;
}

void check_lets_end(Ctx *c) {
    for (Let *l = c->std->lets; l; l = l->next) {
        if (l->state == 0) check_let(c, l);
        if (!l->used) {
            Diag *g = check_warn(c, l->name_span, "K0311", "'%s' is defined but never used", l->name);
            diag_help(c->diag, g, "remove it, or use it in a rule or a veto");
        }
    }
}
