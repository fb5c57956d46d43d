/* check_expr.c - the checker's expressions: names resolved to slots, types
 * inferred, built-ins and aggregates resolved (helpers: check_util.c). */
#include <stdio.h>
#include <string.h>

#include "check_impl.h"
#include "i18n.h"
#include "lex.h"

/* ---- "did you mean" ------------------------------------------------------ */

/* Levenshtein distance over bytes, for "did you mean". */
static size_t edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 60 || lb > 60) return 99;
    size_t row[61];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

static const char *closest_fact(Ctx *c, const char *name) {
    const char *best = NULL;
    size_t bd = 3;
    for (const Fact *f = c->std->facts; f; f = f->next) {
        size_t d = edit_distance(name, f->name);
        if (d < bd) bd = d, best = f->name;
    }
    for (const Scope *sc = c->scope; sc; sc = sc->up)
        for (const Fact *f = sc->list ? sc->list->type.fields : NULL; f; f = f->next) {
            size_t d = edit_distance(name, f->name);
            if (d < bd) bd = d, best = f->name;
        }
    return best;
}

/* ---- expressions --------------------------------------------------------- */

static void expect_type(Ctx *c, Expr *e, TypeKind want, const char *where) {
    where = _(where);
    TypeKind t = check_expr(c, e);
    if (t == TY_ERROR || t == want || (check_is_num(want) && check_is_num(t))) return;
    check_err(c, e->span, "K0203", "%s must be %s, but this is %s", where, check_type_name(want), check_type_name(t));
}

static TypeKind num_result(BinOp op, TypeKind a, TypeKind b) {
    if (op == OP_DIV) return TY_DECIMAL;
    if (op == OP_MUL) return (a == TY_INTEGER && b == TY_INTEGER) ? TY_INTEGER : TY_DECIMAL;
    if (a == TY_PERCENT || b == TY_PERCENT) return TY_PERCENT;
    return (a == TY_INTEGER && b == TY_INTEGER) ? TY_INTEGER : TY_DECIMAL;
}

/* A percentage against a plain non-zero number (rate < 95) is almost always
 * a forgotten '%': 95 would mean 9500%. */
void check_percent_literal(Ctx *c, const Expr *l, const Expr *r) {
    const Expr *lit = NULL, *pct = NULL;
    if (l->type == TY_PERCENT && r->kind == EX_NUMBER && !r->u.num.percent) pct = l, lit = r;
    if (r->type == TY_PERCENT && l->kind == EX_NUMBER && !l->u.num.percent) pct = r, lit = l;
    if (!lit || dec_is_zero(lit->u.num.value)) return;
    const char *t = ast_text(c->arena, c->src, lit->span);
    Diag *g = check_err(c, lit->span, "K0214", "'%s' is a plain number, but '%s' is a percentage", t,
                        ast_text(c->arena, c->src, pct->span));
    diag_help(c->diag, g, "write %s%% for %s percent", t, t);
}

static bool comparable(Ctx *c, Expr *l, TypeKind a, Expr *r, TypeKind b, BinOp op) {
    if (a == TY_ERROR || b == TY_ERROR) return true;
    if (check_is_num(a) && check_is_num(b)) {
        check_percent_literal(c, l, r);
        return true;
    }
    if (a == TY_DATE && b == TY_DATE) return true;
    if (a == TY_BOOLEAN && b == TY_BOOLEAN) return op == OP_EQ || op == OP_NE;
    if (a == TY_TEXT && b == TY_TEXT) return op == OP_EQ || op == OP_NE;
    /* an enum against one of its values written as a string */
    if (a == TY_ENUM && b == TY_ENUM) return l->type_fact == r->type_fact;
    if (a == TY_ENUM && r->kind == EX_STRING) {
        r->slot = check_enum_member(l->type_fact, r->u.str); /* the member, matched across scripts */
        if (r->slot < 0) {
            Diag *g =
                check_err(c, r->span, "K0210", "\"%s\" is not one of the values of '%s'", r->u.str, l->type_fact->name);
            diag_help(c->diag, g, "the values, lowest first, are those of enum(...) in its 'fact' line");
        }
        r->type = TY_ENUM;
        r->type_fact = l->type_fact;
        return true;
    }
    if (b == TY_ENUM && l->kind == EX_STRING) return comparable(c, r, b, l, a, op);
    return false;
}

/* The list (a fact's or, nested, a field's) declaring a field named name. */
static const Fact *list_with_field(const Fact *facts, const char *name) {
    for (const Fact *f = facts; f; f = f->next) {
        if (f->type.kind != TY_LIST) continue;
        for (const Fact *fl = f->type.fields; fl; fl = fl->next)
            if (!f->type.of_values && strcmp(fl->name, name) == 0) return f;
        const Fact *inner = list_with_field(f->type.fields, name);
        if (inner) return inner;
    }
    return NULL;
}

/* A field, or a name bound by 'in', of an aggregate out to the standard's facts. */
static bool scope_name(Ctx *c, Expr *e, const char *name) {
    int up = 0;
    for (const Scope *sc = c->scope; sc; sc = sc->up, up++) {
        if (sc->var) {
            if (strcmp(sc->var, name) != 0) continue;
            e->is_field = true;
            e->slot = 0;
            e->up = up;
            e->type_fact = sc->var_fact;
            e->type = sc->var_type;
            return true;
        }
        for (Fact *f = sc->list->type.fields; f; f = f->next)
            if (strcmp(f->name, name) == 0) {
                e->is_field = true;
                e->slot = f->slot;
                e->up = up;
                e->type_fact = f;
                f->used = true;
                e->type = f->type.kind;
                return true;
            }
    }
    return false;
}

/* A field or 'it' used outside the aggregates that give it a value. */
static bool out_of_scope(Ctx *c, Expr *e, const char *name) {
    if (!strcmp(name, "it")) {
        Diag *g =
            check_err(c, e->span, "K0216", "'it' is a value of a list of values, but no aggregate here counts one");
        diag_help(c->diag, g, "use it inside an aggregate over a list of values: count(ratings where it >= 4)");
        return true;
    }
    const Fact *list = list_with_field(c->std->facts, name);
    if (!list) return false;
    Diag *g = check_err(c, e->span, "K0216",
                        "'%s' is a field of the list '%s': it has a value only inside an aggregate over '%s'", name,
                        list->name, list->name);
    diag_help(c->diag, g, "count(%s where %s ...), sum(%s, %s): the field of each record in turn", list->name, name,
              list->name, name);
    return true;
}

static TypeKind check_name(Ctx *c, Expr *e) {
    const char *name = e->u.name.name;
    if (scope_name(c, e, name)) return e->type;
    Fact *f = check_find_fact(c->std, name); /* by the index once the facts are declared */
    if (f) {
        e->slot = f->slot;
        e->type_fact = f;
        f->used = true;
        f->needed_by |= c->kinds;
        return e->type = f->type.kind;
    }
    if (out_of_scope(c, e, name)) return e->type = TY_ERROR;
    Let *l = check_find_let(c->std, name);
    if (l) return check_let_ref(c, e, l);
    Diag *g = check_err(c, e->span, "K0201", "unknown fact '%s'", name);
    const char *near = closest_fact(c, name);
    const char *glued = lex_glued_help(c->arena, name, strlen(name));
    if (glued)
        diag_help(c->diag, g, "%s", glued);
    else if (near)
        diag_help(c->diag, g, "did you mean '%s'?", near);
    else
        diag_help(c->diag, g, "declare it first: fact %s: integer \"label\";", name);
    return e->type = TY_ERROR;
}

static const struct {
    const char *name;
    Builtin scalar, aggregate;
} builtins[] = {
    {"min", FN_MIN, FN_AGG_MIN},
    {"max", FN_MAX, FN_AGG_MAX},
    {"round", FN_ROUND, FN_NONE},
    {"count", FN_NONE, FN_COUNT},
    {"share", FN_NONE, FN_SHARE},
    {"sum", FN_NONE, FN_SUM},
    {"avg", FN_NONE, FN_AVG},
    {"any", FN_NONE, FN_ANY},
    {"all", FN_NONE, FN_ALL},
    {"given", FN_GIVEN, FN_NONE},
    {"rank", FN_RANK, FN_NONE},
    {"rank_low", FN_RANK_LOW, FN_NONE},
    {"peers", FN_PEERS, FN_NONE},
    {"best", FN_PEER_MAX, FN_NONE},
    {"peer_max", FN_PEER_MAX, FN_NONE},
    {"peer_min", FN_PEER_MIN, FN_NONE},
    {"peer_mean", FN_PEER_MEAN, FN_NONE},
    {"years", FN_YEARS, FN_NONE},
    {"months", FN_MONTHS, FN_NONE},
    {"days", FN_DAYS, FN_NONE},
    {"month", FN_MONTH, FN_NONE},
    {"day", FN_DAY, FN_NONE},
    {"year_of", FN_YEAR_OF, FN_NONE},
    {"year", FN_YEAR_OF, FN_NONE},
    {"ceil", FN_CEIL, FN_NONE},
    {"floor", FN_FLOOR, FN_NONE},
};

static int arg_count(const ExprList *a) {
    int n = 0;
    for (; a; a = a->next)
        n++;
    return n;
}

/* What an aggregate runs over, with the scope it opens: a list (its fields,
 * or 'it'), or NAME in LO..HI / LIST / LIST.FIELD (the name), 'distinct'. */
static bool check_source(Ctx *c, Expr *e, const char *fn, Scope *sc) {
    if (e->kind != EX_EACH) {
        if (check_expr(c, e) == TY_ERROR) return false;
        if (e->type != TY_LIST || e->kind != EX_NAME) {
            check_err(c, e->span, "K0206", "%s() counts over a list fact; '%s' is not a list", fn,
                      ast_text(c->arena, c->src, e->span));
            return false;
        }
        sc->list = e->type_fact;
        return true;
    }
    e->type = TY_LIST;
    sc->var = e->u.each.var ? e->u.each.var : "it";
    if (e->u.each.lo) {
        bool ok = true;
        for (Expr *b = e->u.each.lo; b; b = b == e->u.each.lo ? e->u.each.hi : NULL) {
            TypeKind t = check_expr(c, b);
            if (t != TY_ERROR && t != TY_INTEGER) {
                check_err(c, b->span, "K0217", "a range runs over whole numbers, but this is %s", check_type_name(t));
                ok = false;
            }
            ok &= t != TY_ERROR;
        }
        sc->var_type = TY_INTEGER;
        return ok;
    }
    Expr *l = e->u.each.list;
    if (check_expr(c, l) == TY_ERROR) return false;
    if (l->type != TY_LIST) {
        check_err(c, l->span, "K0206", "%s() counts over a list fact; '%s' is not a list", fn, l->u.name.name);
        return false;
    }
    const Fact *lf = l->type_fact, *field = NULL;
    e->type_fact = lf;
    if (e->u.each.field) {
        for (const Fact *f = lf->type.of_values ? NULL : lf->type.fields; f && !field; f = f->next)
            if (!strcmp(f->name, e->u.each.field)) field = f;
        if (!field) {
            check_err(c, e->u.each.field_span, "K0272", "the list '%s' has no field '%s'", lf->name, e->u.each.field);
            return false;
        }
        ((Fact *)field)->used = true;
    } else if (!lf->type.of_values) {
        Diag *g = check_err(c, l->span, "K0217", "'%s' holds records, not values: name the field whose values count",
                            lf->name);
        diag_help(c->diag, g, "write %s.FIELD, like %s.%s", lf->name, lf->name,
                  lf->type.fields ? lf->type.fields->name : "name");
        return false;
    } else {
        field = lf->type.fields;
    }
    if (field->type.kind == TY_LIST) {
        check_err(c, e->u.each.field_span, "K0217", "'%s' is a list: count over it inside an aggregate over '%s'",
                  field->name, lf->name);
        return false;
    }
    e->slot = field->slot;
    sc->var_type = field->type.kind;
    sc->var_fact = field;
    return true;
}

static TypeKind check_aggregate(Ctx *c, Expr *e, Builtin fn) {
    ExprList *args = e->u.call.args;
    int n = arg_count(args);
    const char *name = e->u.call.name;
    Expr *list = args->e;
    Scope sc = {.up = c->scope};
    if (!check_source(c, list, name, &sc)) return e->type = TY_ERROR;
    bool values = sc.var || sc.list->type.of_values;
    bool needs_value = fn == FN_SUM || fn == FN_AVG || fn == FN_AGG_MIN || fn == FN_AGG_MAX;
    if (needs_value && n == 1 && values) {
        /* sum(ratings): the values themselves */
        ExprList *it = arena_alloc(c->arena, sizeof *it);
        it->e = arena_alloc(c->arena, sizeof *it->e);
        it->e->kind = EX_NAME;
        it->e->span = list->span;
        it->e->u.name.name = sc.var ? sc.var : "it";
        args->next = it;
        n = 2;
    }
    if (n != (needs_value ? 2 : 1)) {
        check_err(c, e->span, "K0207",
                  needs_value ? N_("%s() takes a list and a value: %s(list, field)")
                              : N_("%s() takes one list: %s(list where condition)"),
                  name, name);
        return e->type = TY_ERROR;
    }
    if ((fn == FN_SHARE || fn == FN_ANY || fn == FN_ALL) && !e->u.call.where) {
        check_err(c, e->span, "K0207", "%s() needs a condition: %s(%s where ...)", name, name,
                  ast_text(c->arena, c->src, list->span));
        return e->type = TY_ERROR;
    }
    const Scope *outer_scope = c->scope;
    c->scope = &sc;
    if (e->u.call.where) expect_type(c, e->u.call.where, TY_BOOLEAN, "the condition after 'where'");
    TypeKind vt = TY_INTEGER;
    if (needs_value) {
        vt = check_expr(c, args->next->e);
        if (vt != TY_ERROR && !check_is_num(vt))
            check_err(c, args->next->e->span, "K0203",
                      fn == FN_SUM || fn == FN_AVG ? N_("%s() adds up numbers, but this is %s")
                                                   : N_("%s() over a list compares numbers, but this is %s"),
                      name, check_type_name(vt));
    }
    c->scope = outer_scope;
    e->fn = fn;
    switch (fn) {
    case FN_COUNT: return e->type = TY_INTEGER;
    case FN_SHARE: return e->type = TY_PERCENT;
    case FN_ANY:
    case FN_ALL: return e->type = TY_BOOLEAN;
    case FN_AVG: return e->type = vt == TY_PERCENT ? TY_PERCENT : TY_DECIMAL;
    default: return e->type = vt == TY_ERROR ? TY_ERROR : vt;
    }
}

/* given(fact), and the peer functions rank, rank_low, peers, best (peer_max),
 * peer_min, peer_mean: one fact, named. A fact read by given() may be absent
 * from the data; one read by a peer function has its values gathered over
 * the run (peer.h). */
static TypeKind check_fact_fn(Ctx *c, Expr *e) {
    const char *name = e->u.call.name;
    ExprList *args = e->u.call.args;
    bool given = e->fn == FN_GIVEN;
    if (arg_count(args) != 1 || e->u.call.where || args->e->kind != EX_NAME) {
        check_err(c, e->span, "K0207",
                  given ? N_("%s() takes one fact: %s(fact)") : N_("%s() takes one numeric fact: %s(fact)"), name,
                  name);
        return e->type = TY_ERROR;
    }
    Expr *x = args->e;
    TypeKind t = check_expr(c, x);
    if (t == TY_ERROR) return e->type = TY_ERROR;
    if (t == TY_LIST) {
        check_err(c, x->span, "K0206", "%s() reads a fact's value; '%s' is a list", name, x->u.name.name);
        return e->type = TY_ERROR;
    }
    Fact *f = (Fact *)x->type_fact;
    if (given) {
        if (!x->is_field) f->given_read = true;
        return e->type = TY_BOOLEAN;
    }
    if (x->is_field) {
        check_err(c, x->span, "K0207", "%s() compares a fact of the unit with the other units; '%s' is a list's field",
                  name, x->u.name.name);
        return e->type = TY_ERROR;
    }
    if (!check_is_num(t)) {
        check_err(c, x->span, "K0203", "%s() compares numbers, but this is %s", name, check_type_name(t));
        return e->type = TY_ERROR;
    }
    f->peer_read = true;
    switch (e->fn) {
    case FN_RANK:
    case FN_RANK_LOW:
    case FN_PEERS: return e->type = TY_INTEGER;
    case FN_PEER_MEAN: return e->type = t == TY_PERCENT ? TY_PERCENT : TY_DECIMAL;
    default: return e->type = t;
    }
}

static TypeKind check_call(Ctx *c, Expr *e) {
    const char *name = e->u.call.name;
    if (!strcmp(name, "vetoed")) return check_vetoed(c, e);
    if (!strcmp(name, "part_score") || !strcmp(name, "part_points")) return check_part_result(c, e);
    if (!strcmp(name, "fired")) return check_fired(c, e);
    size_t i, nb = sizeof builtins / sizeof builtins[0];
    for (i = 0; i < nb; i++)
        if (strcmp(builtins[i].name, name) == 0) break;
    if (i == nb) {
        check_err(c, e->u.call.name_span, "K0205",
                  "unknown function '%s': the functions are min, max, round, ceil, floor, count, share, sum, avg, any, "
                  "all, years, months, days, year, month, day, given, rank, rank_low, peers, best, peer_max, peer_min, "
                  "peer_mean",
                  name);
        return e->type = TY_ERROR;
    }
    ExprList *args = e->u.call.args;
    bool first_is_list = args && args->e->kind == EX_EACH;
    if (args && args->e->kind == EX_NAME) {
        Expr probe = *args->e; /* a field in scope hides a fact */
        const Fact *f = check_find_fact(c->std, args->e->u.name.name);
        first_is_list = scope_name(c, &probe, probe.u.name.name) ? probe.type == TY_LIST : f && f->type.kind == TY_LIST;
    }
    if (builtins[i].aggregate != FN_NONE && (first_is_list || builtins[i].scalar == FN_NONE || e->u.call.where))
        return check_aggregate(c, e, builtins[i].aggregate);
    e->fn = builtins[i].scalar;
    if (e->fn >= FN_GIVEN && e->fn <= FN_PEER_MEAN) return check_fact_fn(c, e);
    int n = arg_count(args);
    if (e->u.call.where) {
        check_err(c, e->u.call.where->span, "K0207", "%s() of values takes no 'where': a filter goes with a list",
                  name);
        return e->type = TY_ERROR;
    }
    if (e->fn >= FN_YEARS) return check_calendar_call(c, e);
    if (e->fn == FN_ROUND) {
        if (n != 2) {
            check_err(c, e->span, "K0207", "round() takes a number and a count of decimals: round(x, 1)");
            return e->type = TY_ERROR;
        }
        expect_type(c, args->e, TY_DECIMAL, "the value to round");
        Dec places;
        if (check_const_number(c, args->next->e, &places, "the count of decimals")) {
            if (!dec_is_int(places) || places.num < 0 || places.num > 9)
                check_err(c, args->next->e->span, "K0208", "round() keeps 0 to 9 decimals");
        }
        return e->type = args->e->type == TY_PERCENT ? TY_PERCENT : TY_DECIMAL;
    }
    /* min, max over values */
    if (n < 2) {
        check_err(c, e->span, "K0207", "%s() of values takes two or more: %s(a, b)", name, name);
        return e->type = TY_ERROR;
    }
    TypeKind t = TY_ERROR;
    bool all_int = true, any_pct = false;
    for (ExprList *a = args; a; a = a->next) {
        TypeKind at = check_expr(c, a->e);
        if (at == TY_ERROR) continue;
        if (!check_is_num(at) && at != TY_DATE)
            check_err(c, a->e->span, "K0203", "%s() compares numbers or dates, but this is %s", name,
                      check_type_name(at));
        if (t != TY_ERROR && (t == TY_DATE) != (at == TY_DATE))
            check_err(c, a->e->span, "K0204", "%s() cannot compare a date with a number", name);
        all_int &= at == TY_INTEGER;
        any_pct |= at == TY_PERCENT;
        t = at;
    }
    if (t == TY_DATE || t == TY_ERROR) return e->type = t;
    return e->type = all_int ? TY_INTEGER : any_pct ? TY_PERCENT : TY_DECIMAL;
}

static TypeKind check_binary(Ctx *c, Expr *e) {
    BinOp op = e->u.bin.op;
    Expr *l = e->u.bin.lhs, *r = e->u.bin.rhs;
    if (l->kind == EX_KIND || r->kind == EX_KIND) return check_kind_binary(c, e);
    TypeKind a = check_expr(c, l), b = check_expr(c, r);
    if (op >= OP_EQ) {
        if (!comparable(c, l, a, r, b, op)) {
            Diag *g =
                check_err(c, e->span, "K0204", "cannot compare %s with %s", check_type_name(a), check_type_name(b));
            if ((a == TY_DATE) != (b == TY_DATE)) diag_help(c->diag, g, "write a date as 2013-07-01");
            return e->type = TY_ERROR;
        }
        return e->type = TY_BOOLEAN;
    }
    if (a == TY_ERROR || b == TY_ERROR) return e->type = TY_ERROR;
    if (op == OP_DIV && r->kind == EX_NUMBER && dec_is_zero(r->u.num.value)) {
        check_err(c, r->span, "K0213", "division by zero");
        return e->type = TY_ERROR;
    }
    if (a == TY_DATE && b == TY_DATE && op == OP_SUB) return e->type = TY_INTEGER;
    if (a == TY_DATE && b == TY_INTEGER && (op == OP_ADD || op == OP_SUB)) return e->type = TY_DATE;
    if (a == TY_DATE && b == TY_PERIOD && (op == OP_ADD || op == OP_SUB)) return e->type = TY_DATE;
    if (a == TY_KIND || b == TY_KIND || a == TY_PERIOD || b == TY_PERIOD) return check_calendar_misuse(c, e, a, b);
    if (check_is_num(a) && check_is_num(b)) return e->type = num_result(op, a, b);
    static const char *ops[] = {"+", "-", "*", "/"};
    check_err(c, e->span, "K0204", "cannot use '%s' on %s and %s", ops[op], check_type_name(a), check_type_name(b));
    return e->type = TY_ERROR;
}

static TypeKind check_tiers(Ctx *c, Expr *e) {
    Expr *subj = e->u.tiers.subject;
    TypeKind st = check_expr(c, subj);
    TypeKind vt = TY_INTEGER;
    for (TierBand *b = e->u.tiers.bands; b; b = b->next) {
        TypeKind bt = check_expr(c, b->bound);
        if (!comparable(c, subj, st, b->bound, bt, b->op))
            check_err(c, b->bound->span, "K0204", "a band of tiers compares %s with %s", check_type_name(st),
                      check_type_name(bt));
        TypeKind t = check_expr(c, b->value);
        if (t != TY_ERROR && !check_is_num(t))
            check_err(c, b->value->span, "K0203", "a band's value must be a number, but this is %s",
                      check_type_name(t));
        if (t != TY_INTEGER) vt = TY_DECIMAL;
    }
    expect_type(c, e->u.tiers.otherwise, TY_DECIMAL, "the 'else' value of tiers");
    if (e->u.tiers.otherwise->type != TY_INTEGER) vt = TY_DECIMAL;
    return e->type = vt;
}

static TypeKind check_node(Ctx *c, Expr *e);

/* Expressions nest at most CHECK_MAX_DEPTH deep (a chain a + b + c + ...
 * counts one level a term): deeper ones are refused before anything
 * recursive walks them, so no later stage can run out of stack. */
TypeKind check_expr(Ctx *c, Expr *e) {
    if (c->depth >= CHECK_MAX_DEPTH) {
        if (!c->too_deep)
            check_err(c, e->span, "K0215", "this expression nests more than %d levels deep: split it", CHECK_MAX_DEPTH);
        c->too_deep = true;
        return e->type = TY_ERROR;
    }
    c->depth++;
    TypeKind t = check_node(c, e);
    c->depth--;
    return t;
}

static TypeKind check_node(Ctx *c, Expr *e) {
    switch (e->kind) {
    case EX_NUMBER:
        return e->type = e->u.num.percent ? TY_PERCENT : dec_is_int(e->u.num.value) ? TY_INTEGER : TY_DECIMAL;
    case EX_BOOL: return e->type = TY_BOOLEAN;
    case EX_STRING: return e->type = TY_TEXT;
    case EX_DATE: return e->type = TY_DATE;
    case EX_NAME: {
        TypeKind t = check_name(c, e);
        return t;
    }
    case EX_POINTS:
        if (!c->item || c->item->kind != PART_ITEM) {
            check_err(c, e->span, "K0209", "'points' is an item's points: use it inside an item");
            return e->type = TY_ERROR;
        }
        return e->type = TY_DECIMAL;
    case EX_NEG: {
        TypeKind t = check_expr(c, e->u.operand);
        if (t != TY_ERROR && !check_is_num(t)) {
            check_err(c, e->span, "K0204", "cannot negate %s", check_type_name(t));
            return e->type = TY_ERROR;
        }
        return e->type = t;
    }
    case EX_NOT: expect_type(c, e->u.operand, TY_BOOLEAN, "the operand of 'not'"); return e->type = TY_BOOLEAN;
    case EX_AND:
    case EX_OR:
        expect_type(c, e->u.bin.lhs, TY_BOOLEAN,
                    e->kind == EX_AND ? N_("each side of 'and'") : N_("each side of 'or'"));
        expect_type(c, e->u.bin.rhs, TY_BOOLEAN,
                    e->kind == EX_AND ? N_("each side of 'and'") : N_("each side of 'or'"));
        return e->type = TY_BOOLEAN;
    case EX_BINARY: return check_binary(c, e);
    case EX_IF: {
        expect_type(c, e->u.ifx.cond, TY_BOOLEAN, "the condition after 'if'");
        TypeKind a = check_expr(c, e->u.ifx.then_), b = check_expr(c, e->u.ifx.else_);
        if (a == TY_ERROR || b == TY_ERROR) return e->type = TY_ERROR;
        if (check_is_num(a) && check_is_num(b)) return e->type = a == b ? a : TY_DECIMAL;
        if (a == TY_LIST || b == TY_LIST) {
            check_err(c, e->span, "K0206", "'if' cannot choose a list: write if ... then count(a) else count(b)");
            return e->type = TY_ERROR;
        }
        if (a == TY_ENUM && b == TY_ENUM && e->u.ifx.then_->type_fact != e->u.ifx.else_->type_fact) {
            check_err(c, e->span, "K0204", "'then' and 'else' give values of two different enums");
            return e->type = TY_ERROR;
        }
        if (a != b) {
            check_err(c, e->span, "K0204", "'then' gives %s but 'else' gives %s", check_type_name(a),
                      check_type_name(b));
            return e->type = TY_ERROR;
        }
        e->type_fact = e->u.ifx.then_->type_fact;
        return e->type = a;
    }
    case EX_CALL: return check_call(c, e);
    case EX_TIERS: return check_tiers(c, e);
    case EX_KIND:
    case EX_YEAR: return check_unit_expr(c, e);
    case EX_EACH: /* the grammar puts it only first in a call's arguments */
        check_err(c, e->span, "K0217",
                  "'in' and 'distinct' name what an aggregate counts: count(m in 1..12 where ...)");
        return e->type = TY_ERROR;
    case EX_TOTAL:
    case EX_GRADE: return check_result_expr(c, e);
    }
    return e->type = TY_ERROR;
}

/* A bare list name is only an aggregate's first argument. */
static void reject_list(Ctx *c, const Expr *e) {
    if (e->type == TY_LIST)
        check_err(c, e->span, "K0206", "'%s' is a list: count it with count(%s) or share(%s where ...)",
                  ast_text(c->arena, c->src, e->span), ast_text(c->arena, c->src, e->span),
                  ast_text(c->arena, c->src, e->span));
}

void check_number_expr(Ctx *c, Expr *e, const char *where) {
    where = _(where);
    TypeKind t = check_expr(c, e);
    reject_list(c, e);
    if (t != TY_ERROR && t != TY_LIST && !check_is_num(t))
        check_err(c, e->span, "K0203", "%s must be a number, but this is %s", where, check_type_name(t));
}

void check_condition(Ctx *c, Expr *e, const char *where) {
    where = _(where);
    TypeKind t = check_expr(c, e);
    reject_list(c, e);
    if (t != TY_ERROR && t != TY_LIST && t != TY_BOOLEAN)
        check_err(c, e->span, "K0203", "%s must be a yes/no condition, but this is %s", where, check_type_name(t));
}
