/* eval_impl.h - what the evaluator's two files share (eval.c scores,
 * eval_expr.c computes expressions): the environment of one unit's
 * evaluation, exact arithmetic that records the first failure, and the
 * expression functions the scoring calls. Not for other modules. */
#ifndef KP_EVAL_IMPL_H
#define KP_EVAL_IMPL_H

#include "eval.h"

/* Inside aggregates: the record (or the value) each one stands on, innermost first. */
typedef struct Frame {
    const Value *row;
    const struct Frame *up;
} Frame;

typedef struct Env {
    const EvalOptions *opt;
    Arena *arena;
    RuleResult *tracing; /* explaining: the rule whose steps are kept */
    int trace_cap;
    const Standard *std;
    const struct Program *program; /* std compiled (program.h) */
    const Unit *unit;
    Result *res;
    const Frame *frame;           /* inside an aggregate: the current row, and the aggregates' around it */
    Dec points;                   /* the item being scored */
    Span at;                      /* the rule being evaluated, for errors */
    bool absent;                  /* an optional fact read was absent: the rule does not fire */
    RuleResult *rule;             /* the rule being evaluated: what it saw of the peers */
    const RuleResult *item_rules; /* the rules of the item being scored, so far: fired("1.1a") */
    Arena *res_arena;             /* the result's arena */
    RuleResult *rules;            /* the next item's rule results (the unit's, in the standard's order) */
    RuleResult *scratch;          /* scores only: the rule results every item reuses */
    Value *lets;                  /* named expressions' values, computed when first read */
    bool *let_done;
    /* explaining (kept steps): */
    int tdepth, tchain; /* shown compound expressions around the one evaluated, and its chain */
    bool collect;       /* an outermost aggregate: keep the records that count */
    TraceMember *mem;   /* ... here */
    int nmem, mem_cap;
    int mem_name;         /* the field naming a record; -1: its place; -2: the value itself */
    const Fact *mem_fact; /* the type of the names (NULL: integers of a range) */
    int64_t mem_total;
    bool mem_ready; /* the aggregate just evaluated left its records in mem */
} Env;

/* ---- arithmetic with overflow ------------------------------------------- */

static inline void fail(Env *e, const char *why) {
    if (!e->res->error) {
        e->res->error = why;
        e->res->error_span = e->at;
    }
}

static inline Dec chk(Env *e, DecStatus st, Dec v) {
    if (st == DEC_OK) return v;
    fail(e, st == DEC_DIV_ZERO ? "division by zero" : "a number too large for exact arithmetic");
    return dec_zero();
}

static inline Dec add(Env *e, Dec a, Dec b) {
    Dec r;
    DecStatus s = dec_add(a, b, &r);
    return chk(e, s, r);
}
static inline Dec sub(Env *e, Dec a, Dec b) {
    Dec r;
    DecStatus s = dec_sub(a, b, &r);
    return chk(e, s, r);
}
static inline Dec mul(Env *e, Dec a, Dec b) {
    Dec r;
    DecStatus s = dec_mul(a, b, &r);
    return chk(e, s, r);
}
static inline Dec dvd(Env *e, Dec a, Dec b) {
    Dec r;
    DecStatus s = dec_div(a, b, &r);
    return chk(e, s, r);
}
static inline Dec rnd(Env *e, Dec a, int places) {
    Dec r;
    DecStatus s = dec_round(a, places, &r);
    return chk(e, s, r);
}

/* ---- expressions (eval_expr.c) ------------------------------------------- */

Value ev_eval(Env *e, const Expr *x);
bool ev_truth(Env *e, const Expr *x);
Dec ev_number(Env *e, const Expr *x);
bool ev_holds(BinOp op, int c);
void ev_keep_num(Env *e, TraceKind k, Dec d);

#endif
