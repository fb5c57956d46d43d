/* check_calendar.c - the checker for the unit in expressions ('kind',
 * 'year'), a rule's 'applies', and the calendar built-ins: periods, the
 * parts of a date, and rounding to whole steps (evaluated by calendar.c). */
#include <string.h>

#include "calendar.h"
#include "check_impl.h"
#include "i18n.h"

/* "town, village": the declared kinds, for messages. */
static const char *kind_list(Ctx *c) {
    const char *s = "";
    for (const Kind *k = c->std->kinds; k; k = k->next)
        s = arena_printf(c->arena, "%s%s%s", s, *s ? ", " : "", k->id);
    return s;
}

TypeKind check_unit_expr(Ctx *c, Expr *e) {
    if (e->kind == EX_YEAR) return e->type = TY_INTEGER;
    if (!c->std->kinds) {
        Diag *g = check_err(c, e->span, "K0216", "'kind' is the unit's kind, but the standard declares no kinds");
        diag_help(c->diag, g, "declare the kinds first: kinds town \"鎮\", village \"村\";");
        return e->type = TY_ERROR;
    }
    return e->type = TY_KIND;
}

/* One side of 'kind == X': a declared kind, by id or label. */
static bool resolve_kind(Ctx *c, Expr *x) {
    if (x->kind == EX_KIND) return check_unit_expr(c, x) != TY_ERROR;
    const char *name = x->kind == EX_NAME ? x->u.name.name : x->kind == EX_STRING ? x->u.str : NULL;
    if (!name) {
        Diag *g = check_err(c, x->span, "K0216", "the unit's kind is compared with a declared kind, not with %s",
                            check_type_name(check_expr(c, x)));
        diag_help(c->diag, g, "write kind == %s", c->std->kinds ? c->std->kinds->id : "town");
        return false;
    }
    int k = check_find_kind(c->std, name);
    if (k < 0 || k >= 30) {
        Diag *g = check_err(c, x->span, "K0230", "unknown unit kind '%s'", name);
        if (c->std->kinds)
            diag_help(c->diag, g, "the kinds are %s", kind_list(c));
        else
            diag_help(c->diag, g, "declare the kinds first: kinds town \"鎮\", village \"村\";");
        return false;
    }
    x->type = TY_KIND;
    x->slot = k;
    return true;
}

TypeKind check_kind_binary(Ctx *c, Expr *e) {
    BinOp op = e->u.bin.op;
    if (op < OP_EQ) return check_calendar_misuse(c, e, TY_KIND, TY_KIND);
    if (op != OP_EQ && op != OP_NE) {
        Diag *g = check_err(c, e->span, "K0216", "kinds have no order: compare the unit's kind with == or !=");
        diag_help(c->diag, g, "write kind == %s or kind != %s", c->std->kinds ? c->std->kinds->id : "town",
                  c->std->kinds ? c->std->kinds->id : "town");
        return e->type = TY_ERROR;
    }
    bool ok = resolve_kind(c, e->u.bin.lhs);
    ok &= resolve_kind(c, e->u.bin.rhs);
    return e->type = ok ? TY_BOOLEAN : TY_ERROR;
}

/* A kind or a period where arithmetic wants numbers: say how to write it. */
TypeKind check_calendar_misuse(Ctx *c, Expr *e, TypeKind a, TypeKind b) {
    Diag *g;
    if (a == TY_KIND || b == TY_KIND) {
        g = check_err(c, e->span, "K0216", "the unit's kind is not a number: compare it, as in kind == %s",
                      c->std->kinds ? c->std->kinds->id : "town");
        diag_help(c->diag, g, "for an amount by kind write (if kind == %s then 4 else 2)",
                  c->std->kinds ? c->std->kinds->id : "town");
    } else {
        g = check_err(c, e->span, "K0217", "a period is added to a date or taken from it: date + %s",
                      ast_text(c->arena, c->src, (a == TY_PERIOD ? e->u.bin.lhs : e->u.bin.rhs)->span));
        diag_help(c->diag, g, "write assessment_date - years(3), not years(3) - assessment_date");
    }
    return e->type = TY_ERROR;
}

static int arg_count(const ExprList *a) {
    int n = 0;
    for (; a; a = a->next)
        n++;
    return n;
}

/* years(n), months(n), days(n); month(d), day(d), year_of(d) or year(d); ceil(x), floor(x), ceil(x, step) */
TypeKind check_calendar_call(Ctx *c, Expr *e) {
    const char *name = e->u.call.name;
    ExprList *args = e->u.call.args;
    int n = arg_count(args);
    Builtin fn = e->fn;
    bool period = fn == FN_YEARS || fn == FN_MONTHS || fn == FN_DAYS;
    bool part = fn == FN_MONTH || fn == FN_DAY || fn == FN_YEAR_OF;
    if (period || part) {
        if (n != 1) {
            check_err(c, e->span, "K0207",
                      period ? N_("%s() takes one whole number: %s(3)") : N_("%s() takes one date: %s(d)"), name, name);
            return e->type = TY_ERROR;
        }
        TypeKind t = check_expr(c, args->e);
        if (t == TY_ERROR) return e->type = TY_ERROR;
        if (period && t != TY_INTEGER) {
            check_err(c, args->e->span, "K0203", "%s() counts whole %s, but this is %s", name,
                      fn == FN_YEARS    ? _("years")
                      : fn == FN_MONTHS ? _("months")
                                        : _("days"),
                      check_type_name(t));
            return e->type = TY_ERROR;
        }
        if (part && t != TY_DATE) {
            check_err(c, args->e->span, "K0203", "%s() reads a date, but this is %s", name, check_type_name(t));
            return e->type = TY_ERROR;
        }
        return e->type = cal_type(fn, &t, 1);
    }
    /* ceil, floor */
    if (n < 1 || n > 2) {
        check_err(c, e->span, "K0207", "%s() takes a number and an optional step: %s(x) or %s(x, 0.5)", name, name,
                  name);
        return e->type = TY_ERROR;
    }
    TypeKind types[2] = {TY_ERROR, TY_INTEGER};
    int i = 0;
    for (ExprList *a = args; a; a = a->next, i++) {
        types[i] = check_expr(c, a->e);
        if (types[i] == TY_ERROR) return e->type = TY_ERROR;
        if (!check_is_num(types[i])) {
            check_err(c, a->e->span, "K0203",
                      i ? N_("the step of %s() must be a number, but this is %s")
                        : N_("%s() rounds a number, but this is %s"),
                      name, check_type_name(types[i]));
            return e->type = TY_ERROR;
        }
    }
    if (n == 2) {
        const Expr *st = args->next->e;
        if (st->kind == EX_NUMBER && dec_sign(st->u.num.value) <= 0) {
            check_err(c, st->span, "K0222", "a step must be more than 0");
            return e->type = TY_ERROR;
        }
        check_percent_literal(c, args->e, st);
    }
    return e->type = cal_type(fn, types, n);
}

/* A rule's 'applies': the kinds it exists for, among its item's. */
void check_rule_kinds(Ctx *c, const Part *item, Rule *r) {
    r->kinds = item->kinds;
    if (!r->applies) return;
    uint32_t mask = check_kinds(c, r->applies);
    for (const StrList *s = r->applies; s; s = s->next) {
        int k = check_find_kind(c->std, s->s);
        if (k >= 0 && k < 30 && !((item->kinds >> k) & 1u)) {
            Diag *g = check_err(c, s->span, "K0223", "the item '%s' does not apply to kind '%s'",
                                item->id ? item->id : "", s->s);
            diag_help(c->diag, g, "a rule applies to some of its item's kinds; the item's 'applies' names them");
        }
    }
    r->kinds = mask & item->kinds;
}
