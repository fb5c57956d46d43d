/* check_output.c - the checker's part for what a veto does and for
 * outputs: a forced grade must be one of the standard's grades, a fixed
 * penalty a number; an output's expression may read facts, and also the
 * unit's final total, its grade and whether a veto fired. */
#include <string.h>

#include "check_impl.h"
#include "i18n.h"
#include "strmap.h"

/* ---- veto effects ---------------------------------------------------------- */

void check_veto_effect(Ctx *c, Veto *v) {
    const Standard *s = c->std;
    VetoEffectSpec *e = &v->effect;
    v->grade_index = -1;
    switch (e->effect) {
    case VETO_GRADE:
        if (s->ngrades == 0) {
            Diag *d = check_err(c, e->span, "K0265", "veto '%s' forces a grade, but the standard has no grades", v->id);
            diag_help(c->diag, d, "write grade bands in the header, or another effect: deduct 30, zero, disqualify");
            break;
        }
        if (!e->grade) {
            v->grade_index = s->ngrades - 1;
            break;
        }
        for (int g = 0; g < s->ngrades; g++)
            if (!strcmp(s->grade_tab[g]->name, e->grade)) v->grade_index = g;
        if (v->grade_index < 0) {
            Diag *d = check_err(c, e->span, "K0265",
                                "veto '%s' forces the grade \"%s\", which the header does not have", v->id, e->grade);
            diag_help(c->diag, d, "the grades are the header's 'grade' lines; 'grade worst' is the lowest");
        }
        break;
    case VETO_DEDUCT: check_number_expr(c, e->amount, "a veto's deduction"); break;
    case VETO_DISQUALIFY:
    case VETO_ZERO: break;
    }
}

/* ---- total, grade, vetoed(ID) ------------------------------------------------ */

TypeKind check_result_expr(Ctx *c, Expr *e) {
    bool total = e->kind == EX_TOTAL;
    if (!c->in_output) {
        check_err(c, e->span, "K0266",
                  total ? N_("the unit's 'total' can only be read in an output")
                        : N_("the unit's 'grade' can only be read in an output"));
        return e->type = TY_ERROR;
    }
    if (!total && c->std->ngrades == 0) {
        check_err(c, e->span, "K0266", "the standard has no grades: an output cannot read 'grade'");
        return e->type = TY_ERROR;
    }
    return e->type = total ? TY_DECIMAL : TY_TEXT;
}

TypeKind check_vetoed(Ctx *c, Expr *e) {
    const ExprList *args = e->u.call.args;
    if (!c->in_output) {
        check_err(c, e->u.call.name_span, "K0266", "vetoed() can only be read in an output");
        return e->type = TY_ERROR;
    }
    if (!args || args->next || args->e->kind != EX_NAME || e->u.call.where) {
        check_err(c, e->span, "K0207", "vetoed() takes the id of one veto: vetoed(v1)");
        return e->type = TY_ERROR;
    }
    const char *id = args->e->u.name.name;
    for (const Veto *v = c->std->vetoes; v; v = v->next)
        if (!strcmp(v->id, id)) {
            e->fn = FN_VETOED;
            e->slot = v->index;
            return e->type = TY_BOOLEAN;
        }
    check_err(c, args->e->span, "K0266", "no veto '%s'", id);
    return e->type = TY_ERROR;
}

/* part_score(ID), part_points(ID): a category's, group's or item's score and
 * the points of it that apply (a total before 折算, an applicable maximum) */
TypeKind check_part_result(Ctx *c, Expr *e) {
    const ExprList *args = e->u.call.args;
    const char *name = e->u.call.name;
    if (!c->in_output) {
        check_err(c, e->u.call.name_span, "K0266", "%s() can only be read in an output", name);
        return e->type = TY_ERROR;
    }
    if (!args || args->next || args->e->kind != EX_NAME || e->u.call.where) {
        check_err(c, e->span, "K0207", "%s() takes the id of one category, group or item: %s(c1)", name, name);
        return e->type = TY_ERROR;
    }
    const char *id = args->e->u.name.name;
    const Part *found = NULL;
    for (int i = 0; i < c->std->nparts && !found; i++)
        if (c->std->part_tab[i]->id && !strcmp(c->std->part_tab[i]->id, id)) found = c->std->part_tab[i];
    for (int i = 0; i < c->std->nitems && !found; i++)
        if (c->std->item_tab[i]->id && !c->std->item_tab[i]->implicit && !strcmp(c->std->item_tab[i]->id, id))
            found = c->std->item_tab[i];
    if (!found || found->kind == PART_PENALTY) {
        check_err(c, args->e->span, "K0266", "no category, group or item '%s'", id);
        return e->type = TY_ERROR;
    }
    e->fn = strcmp(name, "part_score") ? FN_PART_POINTS : FN_PART_SCORE;
    e->slot = found->index;
    e->is_field = found->kind == PART_ITEM; /* an item's result, else a part's */
    return e->type = TY_DECIMAL;
}

/* ---- outputs ---------------------------------------------------------------- */

void check_outputs(Ctx *c, uint32_t all_kinds) {
    Standard *s = c->std;
    int n = 0;
    StrMap *ids = strmap_new(c->arena);
    for (OutputDef *o = s->outputs; o; o = o->next) {
        for (const StrMapEntry *e = strmap_get(ids, o->id); e; e = e->next)
            check_err(c, o->id_span, "K0266", "duplicate output '%s'", o->id);
        strmap_add(ids, o->id, o);
        c->kinds = all_kinds;
        c->in_output = true;
        TypeKind t = check_expr(c, o->value);
        c->in_output = false;
        if (t == TY_LIST)
            check_err(c, o->value->span, "K0266",
                      "an output is a single value, but this is a list: count it or sum it");
        o->index = n++;
    }
    s->noutputs = n;
    s->output_tab = arena_alloc(c->arena, sizeof(OutputDef *) * (size_t)(n ? n : 1));
    n = 0;
    for (OutputDef *o = s->outputs; o; o = o->next)
        s->output_tab[n++] = o;
}
