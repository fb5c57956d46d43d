/* eval_expr.c - the value of an expression for one unit (see eval_impl.h):
 * facts, optional facts, operators, aggregates over lists and their
 * named sources, peers, calendar functions, named expressions, and the
 * steps kept when explaining. Exact throughout. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "eval_impl.h"
#include "i18n.h"
#include "lex.h"
#include "limits.h"
#include "peer.h"

/* ---- expressions ------------------------------------------------------------ */

Value ev_eval(Env *e, const Expr *x);

static Value num(Dec d) {
    Value v = {.type = TY_DECIMAL, .present = true};
    v.u.num = d;
    return v;
}

static Value boolean(bool b) {
    Value v = {.type = TY_BOOLEAN, .present = true};
    v.u.b = b;
    return v;
}

bool ev_truth(Env *e, const Expr *x) {
    return ev_eval(e, x).u.b;
}
Dec ev_number(Env *e, const Expr *x) {
    return ev_eval(e, x).u.num;
}

static int compare(const Value *a, const Value *b) {
    switch (a->type) {
    case TY_DATE: return (a->u.date > b->u.date) - (a->u.date < b->u.date);
    case TY_BOOLEAN: return (int)a->u.b - (int)b->u.b;
    case TY_TEXT: return strcmp(a->u.text, b->u.text);
    case TY_ENUM:
    case TY_KIND: return (a->u.member > b->u.member) - (a->u.member < b->u.member);
    default: return dec_cmp(a->u.num, b->u.num);
    }
}

bool ev_holds(BinOp op, int c) {
    switch (op) {
    case OP_EQ: return c == 0;
    case OP_NE: return c != 0;
    case OP_LT: return c < 0;
    case OP_LE: return c <= 0;
    case OP_GT: return c > 0;
    case OP_GE: return c >= 0;
    default: return false;
    }
}

/* A string literal compared with an enum is the member's index. */
static Value operand(Env *e, const Expr *x) {
    if (x->kind == EX_STRING && x->type == TY_ENUM) {
        Value v = {.type = TY_ENUM, .present = true};
        v.u.member = x->slot;
        return v;
    }
    if (x->kind == EX_NAME && x->type == TY_KIND && !x->let) { /* a declared kind: kind == town */
        Value v = {.type = TY_KIND, .present = true};
        v.u.member = x->slot;
        return v;
    }
    return ev_eval(e, x);
}

static Value eval_binary(Env *e, const Expr *x) {
    Value a = operand(e, x->u.bin.lhs), b = operand(e, x->u.bin.rhs);
    BinOp op = x->u.bin.op;
    if (op >= OP_EQ) return boolean(ev_holds(op, compare(&a, &b)));
    if (a.type == TY_DATE && b.type == TY_DATE) return num(dec_int((int64_t)a.u.date - b.u.date));
    if (x->u.bin.rhs->type == TY_PERIOD) { /* calendar.c: 2024-02-29 - years(3) is 2021-02-28 */
        Value v = a;
        if (!cal_shift(a.u.date, b.u.period.months, b.u.period.days, op == OP_SUB, &v.u.date))
            fail(e, "a date out of range (1900 to 9999)");
        return v;
    }
    if (a.type == TY_DATE) {
        Value v = a;
        Dec d = b.u.num;
        if (!dec_is_int(d) || d.num < -3000000 || d.num > 3000000) {
            fail(e, dec_is_int(d) ? "a date out of range" : "a fraction of a day added to a date");
            return v;
        }
        int64_t days = op == OP_ADD ? (int64_t)a.u.date + d.num : (int64_t)a.u.date - d.num;
        if (days < -25567 || days > 2932896)
            fail(e, "a date out of range (1900 to 9999)");
        else
            v.u.date = (int32_t)days;
        return v;
    }
    switch (op) {
    case OP_ADD: return num(add(e, a.u.num, b.u.num));
    case OP_SUB: return num(sub(e, a.u.num, b.u.num));
    case OP_MUL: return num(mul(e, a.u.num, b.u.num));
    default: return num(dvd(e, a.u.num, b.u.num));
    }
}

/* A name's value: a fact, or a field (a bound value) of an aggregate x->up out. */
static const Value *name_value(Env *e, const Expr *x) {
    if (!x->is_field) return &e->unit->facts[x->slot];
    const Frame *f = e->frame;
    for (int i = 0; i < x->up; i++)
        f = f->up;
    return &f->row[x->slot];
}

static const Value *list_of(Env *e, const Expr *x, int *rows, int *fields) {
    const Value *v = name_value(e, x);
    *rows = v->present ? v->u.list.rows : 0;
    *fields = v->present ? v->u.list.fields : 0;
    return v->present ? v->u.list.cells : NULL;
}

typedef struct Agg {
    int64_t n, total; /* passing where, and all */
    Dec acc;
    bool any;
} Agg;

/* Explaining: a record of the outermost aggregate that counted. */
static void member(Env *e, int index, const Value *row, const Dec *v) {
    if (e->nmem == e->mem_cap) {
        int cap = e->mem_cap ? e->mem_cap * 2 : 16;
        TraceMember *more = arena_alloc(e->arena, sizeof *more * (size_t)cap);
        if (e->nmem) memcpy(more, e->mem, sizeof *more * (size_t)e->nmem);
        e->mem = more;
        e->mem_cap = cap;
    }
    TraceMember m = {.index = index, .named = e->mem_name != -1, .has_value = v != NULL};
    if (m.named) m.name = row[e->mem_name < 0 ? 0 : e->mem_name];
    if (v) m.value = *v;
    e->mem[e->nmem++] = m;
}

/* One record or value of an aggregate. */
static void visit(Env *e, const Expr *x, Agg *g, Frame *fr, const Value *row, int index) {
    const Expr *what = x->u.call.args->next ? x->u.call.args->next->e : NULL;
    bool outermost = e->collect && !fr->up;
    fr->row = row;
    g->total++;
    if (x->u.call.where && !ev_truth(e, x->u.call.where)) return;
    g->n++;
    if (!what) {
        if (outermost) member(e, index, row, NULL);
        return;
    }
    Dec v = ev_number(e, what);
    if (outermost) member(e, index, row, &v);
    if (x->fn == FN_AGG_MIN)
        g->acc = g->any ? dec_min(g->acc, v) : v;
    else if (x->fn == FN_AGG_MAX)
        g->acc = g->any ? dec_max(g->acc, v) : v;
    else
        g->acc = add(e, g->acc, v);
    g->any = true;
}

typedef struct Keyed {
    const Value *v;
    int at;
} Keyed;

/* absent values (an optional field a record leaves out) sort first and are no value */
static int compare_present(const Value *a, const Value *b) {
    if (!a->present || !b->present) return (int)a->present - (int)b->present;
    return compare(a, b);
}

static int by_value(const void *a, const void *b) {
    const Keyed *x = a, *y = b;
    int c = compare_present(x->v, y->v);
    return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* distinct: keep[r] for the first of each value (sorted, so n log n); free it. */
static bool *first_of_each(Env *e, const Value *cells, int rows, int stride) {
    Keyed *k = malloc(sizeof *k * (size_t)rows);
    bool *keep = malloc((size_t)rows);
    if (!k || !keep) {
        free(k);
        free(keep);
        fail(e, "out of memory");
        return NULL;
    }
    for (int r = 0; r < rows; r++)
        k[r] = (Keyed){cells + (size_t)r * (size_t)stride, r};
    qsort(k, (size_t)rows, sizeof *k, by_value);
    for (int r = 0; r < rows; r++)
        keep[k[r].at] = k[r].v->present && (r == 0 || compare_present(k[r - 1].v, k[r].v) != 0);
    free(k);
    return keep;
}

/* Runs over a range lo..hi, a list's records, its values or a field's values
 * (each different one once when distinct). */
static void run_source(Env *e, const Expr *x, Agg *g, Frame *fr) {
    const Expr *src = x->u.call.args->e;
    if (src->kind == EX_EACH && src->u.each.lo) {
        Dec lo = ev_number(e, src->u.each.lo), hi = ev_number(e, src->u.each.hi);
        int64_t span = dec_cmp(hi, lo) < 0 ? 0 : sub(e, hi, lo).num + 1;
        if (span > KP_MAX_RECORDS || span < 0) {
            fail(e, "a range of more than 100000 values");
            return;
        }
        e->frame = fr;
        for (int64_t i = 0; i < span && !e->res->error; i++) {
            Value v = num(add(e, lo, dec_int(i)));
            v.type = TY_INTEGER;
            visit(e, x, g, fr, &v, (int)i);
        }
        return;
    }
    int rows, fields;
    const Value *cells = list_of(e, src->kind == EX_EACH ? src->u.each.list : src, &rows, &fields);
    if (src->kind == EX_EACH) cells = cells ? cells + src->slot : NULL; /* the field's (or the value's) column */
    bool distinct = src->kind == EX_EACH && src->u.each.distinct && rows;
    bool *keep = distinct ? first_of_each(e, cells, rows, fields) : NULL;
    if (distinct && !keep) return;
    e->frame = fr;
    for (int r = 0; r < rows; r++)
        if (!keep || keep[r]) visit(e, x, g, fr, cells + (size_t)r * (size_t)fields, r);
    free(keep);
}

/* Explaining: what names the records of an outermost aggregate's source. */
static void name_members(Env *e, const Expr *x) {
    const Expr *src = x->u.call.args->e;
    const Expr *list = src->kind == EX_EACH ? src->u.each.list : src;
    const Fact *lf = list ? list->type_fact : NULL;
    e->collect = true;
    e->nmem = e->mem_cap = 0;
    e->mem = NULL;
    e->mem_name = -1;
    e->mem_fact = NULL;
    if (src->kind == EX_EACH && src->u.each.lo) {
        e->mem_name = -2; /* a range: the integer itself */
        return;
    }
    if (!lf || lf->type.kind != TY_LIST) return;
    for (const Fact *f = lf->type.fields; f; f = f->next) {
        bool it = src->kind == EX_EACH && src->u.each.field ? !strcmp(f->name, src->u.each.field) : lf->type.of_values;
        if (it || (!(src->kind == EX_EACH && src->u.each.field) && f->type.kind == TY_TEXT)) {
            e->mem_name = it ? -2 : f->slot;
            e->mem_fact = f;
            return;
        }
    }
}

static Value eval_aggregate(Env *e, const Expr *x) {
    const Frame *outer = e->frame;
    Frame fr = {NULL, outer};
    Agg g = {0, 0, dec_zero(), false};
    if (e->tracing && !outer) name_members(e, x);
    run_source(e, x, &g, &fr);
    e->frame = outer;
    if (e->collect && !outer) {
        e->collect = false;
        e->mem_ready = true;
        e->mem_total = g.total;
    }
    switch (x->fn) {
    case FN_COUNT: return num(dec_int(g.n));
    case FN_SHARE: return num(g.total ? dvd(e, dec_int(g.n), dec_int(g.total)) : dec_zero());
    case FN_ANY: return boolean(g.n > 0);
    case FN_ALL: return boolean(g.n == g.total);
    case FN_AVG: return num(g.n ? dvd(e, g.acc, dec_int(g.n)) : dec_zero());
    default: return num(g.acc);
    }
}

/* A peer function (peer.h): the unit against the other units of the run. */
static Value eval_peer(Env *e, const Expr *x) {
    RuleResult *rr = e->rule;
    if (rr && !rr->peer) rr->peer = arena_alloc(e->res_arena, sizeof *rr->peer);
    Dec d = dec_zero();
    const char *why = NULL;
    if (!peer_eval(e->opt->peers, e->unit, x, &d, rr ? rr->peer : NULL, &why)) fail(e, why);
    Value v = num(d);
    v.type = x->type;
    return v;
}

static Value eval_call(Env *e, const Expr *x) {
    const ExprList *a = x->u.call.args;
    switch (x->fn) {
    case FN_ROUND: {
        /* a percentage rounds in percentage points: 94.96% to 1 decimal is 95.0% */
        int places = (int)a->next->e->u.num.value.num + (a->e->type == TY_PERCENT ? 2 : 0);
        return num(rnd(e, ev_number(e, a->e), places));
    }
    case FN_MIN:
    case FN_MAX: {
        Value best = operand(e, a->e);
        for (a = a->next; a; a = a->next) {
            Value v = operand(e, a->e);
            int c = compare(&v, &best);
            if (x->fn == FN_MIN ? c < 0 : c > 0) best = v;
        }
        return best;
    }
    case FN_GIVEN: {
        const Expr *f = a->e;
        return boolean(name_value(e, f)->present);
    }
    case FN_RANK:
    case FN_RANK_LOW:
    case FN_PEERS:
    case FN_PEER_MAX:
    case FN_PEER_MIN:
    case FN_PEER_MEAN: return eval_peer(e, x);
    case FN_YEARS:
    case FN_MONTHS:
    case FN_DAYS:
    case FN_MONTH:
    case FN_DAY:
    case FN_YEAR_OF:
    case FN_CEIL:
    case FN_FLOOR: {
        Value args[2] = {{0}, {0}};
        TypeKind types[2] = {TY_ERROR, TY_ERROR};
        int n = 0;
        for (; a && n < 2; a = a->next, n++)
            args[n] = ev_eval(e, a->e), types[n] = a->e->type;
        const char *err = NULL;
        Value v = cal_call(x->fn, args, types, n, &err);
        if (err) fail(e, err);
        return v;
    }
    case FN_VETOED: return boolean(e->res->vetoes[x->slot]);
    case FN_PART_SCORE:
    case FN_PART_POINTS: {
        bool applies = x->is_field ? e->res->items[x->slot].applies : e->res->parts[x->slot].applies;
        Dec score = x->is_field ? e->res->items[x->slot].score : e->res->parts[x->slot].score;
        Dec pts = x->is_field ? e->res->items[x->slot].points : e->res->parts[x->slot].points;
        return num(!applies ? dec_zero() : x->fn == FN_PART_SCORE ? score : pts);
    }
    case FN_FIRED: return boolean(e->item_rules && e->item_rules[x->slot].fired); /* written before: evaluated */
    default: return eval_aggregate(e, x);
    }
}

/* 'and' and 'or' over facts that may be absent, in three values: a side
 * that read an absent optional fact is unknown; 'or' holds when a known side
 * holds and 'and' fails when a known side fails, whatever the other; else
 * the whole is unknown (and what reads it does not fire). The order of the
 * sides does not matter. */
static Value logic(Env *e, const Expr *x, bool is_or) {
    bool outer = e->absent;
    e->absent = false;
    bool a = ev_truth(e, x->u.bin.lhs), unknown_a = e->absent;
    if (!unknown_a && a == is_or) {
        e->absent = outer;
        return boolean(a);
    }
    e->absent = false;
    bool b = ev_truth(e, x->u.bin.rhs), unknown_b = e->absent;
    if (!unknown_b && b == is_or) {
        e->absent = outer;
        return boolean(b);
    }
    e->absent = outer || unknown_a || unknown_b;
    return boolean(is_or ? a || b : a && b);
}

/* A named expression, computed once per unit when first read, outside
 * any list's row and without its steps: explain shows it by name. */
static Value eval_let(Env *e, const Let *l) {
    if (e->let_done[l->index]) {
        Value v = e->lets[l->index];
        if (!v.present) e->absent = true; /* it read an absent optional fact: so does its reader */
        v.present = true;
        return v;
    }
    const Frame *frame = e->frame;
    RuleResult *tracing = e->tracing;
    bool absent = e->absent;
    e->frame = NULL;
    e->tracing = NULL;
    e->absent = false;
    Value v = ev_eval(e, l->e);
    bool read_absent = e->absent;
    e->frame = frame;
    e->tracing = tracing;
    e->absent = absent || read_absent;
    e->lets[l->index] = v;
    e->lets[l->index].present = !read_absent;
    e->let_done[l->index] = true;
    return v;
}

/* ---- the explanation: steps kept only when asked --------------------------- */

static void keep(Env *e, TraceKind k, const Expr *x, Value v) {
    RuleResult *rr = e->tracing;
    if (rr->ntrace == e->trace_cap) {
        int cap = e->trace_cap ? e->trace_cap * 2 : 16;
        TraceStep *more = arena_alloc(e->arena, sizeof *more * (size_t)cap);
        if (rr->ntrace) memcpy(more, rr->trace, sizeof *more * (size_t)rr->ntrace);
        rr->trace = more;
        e->trace_cap = cap;
    }
    rr->trace[rr->ntrace++] = (TraceStep){.kind = k, .expr = x, .value = v};
}

void ev_keep_num(Env *e, TraceKind k, Dec d) {
    if (e->tracing) keep(e, k, NULL, num(d));
}

static Value eval_node(Env *e, const Expr *x);

/* A fact or a named expression already shown for this rule. */
static bool kept_name(const Env *e, const Expr *x) {
    for (int i = 0; i < e->tracing->ntrace; i++) {
        const Expr *k = e->tracing->trace[i].expr;
        if (e->tracing->trace[i].kind != TR_VALUE || k->kind != EX_NAME || k->is_field) continue;
        if (x->let ? k->let == x->let : !k->let && k->slot == x->slot) return true;
    }
    return false;
}

/* An expression whose text holds the texts of others (an aggregate shows
 * its records instead; a name, a literal holds none). */
static bool compound(const Expr *x) {
    switch (x->kind) {
    case EX_NEG:
    case EX_NOT:
    case EX_BINARY:
    case EX_AND:
    case EX_OR:
    case EX_IF:
    case EX_TIERS: return true;
    case EX_CALL:
        return x->fn == FN_MIN || x->fn == FN_MAX || x->fn == FN_ROUND || (x->fn >= FN_YEARS && x->fn <= FN_FLOOR);
    default: return false;
    }
}

/* The links of a chain a and b and c, a + b - c, a * b * c show once, whole. */
static int chain_of(const Expr *x) {
    if (x->kind == EX_AND) return 1;
    if (x->kind == EX_OR) return 2;
    if (x->kind == EX_BINARY && (x->u.bin.op == OP_ADD || x->u.bin.op == OP_SUB)) return 3;
    if (x->kind == EX_BINARY && x->u.bin.op == OP_MUL) return 4;
    return 0;
}

/* Shown compound expressions: the one a rule evaluates, its operands and
 * theirs; deeper ones show their facts only, so an explanation grows
 * linearly with the expression. */
enum { KEPT_DEPTH = 3 };

/* The steps worth showing: the facts and named expressions read, the
 * aggregates with the records that counted, and the compound expressions
 * down to KEPT_DEPTH, each once. Inside an aggregate's records only the
 * facts and named expressions from outside it are, once. */
Value ev_eval(Env *e, const Expr *x) {
    if (!e->tracing) return eval_node(e, x);
    if (e->frame) {
        Value v = eval_node(e, x);
        if (x->kind == EX_NAME && !x->is_field && !kept_name(e, x)) keep(e, TR_VALUE, x, v);
        return v;
    }
    int depth = e->tdepth, chain = e->tchain;
    bool show = x->kind != EX_NUMBER && x->kind != EX_BOOL && x->kind != EX_STRING && x->kind != EX_DATE;
    e->tchain = 0;
    if (compound(x)) {
        e->tchain = chain_of(x);
        if (e->tchain && e->tchain == chain) {
            show = false; /* a link of the chain around it */
        } else {
            show = depth < KEPT_DEPTH;
            e->tdepth = depth + 1;
        }
    }
    Value v = eval_node(e, x);
    e->tdepth = depth;
    e->tchain = chain;
    if (show) keep(e, TR_VALUE, x, v);
    if (e->mem_ready && x->kind == EX_CALL && !compound(x)) {
        e->mem_ready = false;
        RuleResult *rr = e->tracing;
        keep(e, TR_MEMBERS, x, num(dec_int(e->mem_total)));
        rr->trace[rr->ntrace - 1].members = e->mem;
        rr->trace[rr->ntrace - 1].nmembers = e->nmem;
        rr->trace[rr->ntrace - 1].name_fact = e->mem_fact;
    }
    return v;
}

static Value eval_node(Env *e, const Expr *x) {
    switch (x->kind) {
    case EX_NUMBER: return num(x->u.num.value);
    case EX_BOOL: return boolean(x->u.boolean);
    case EX_STRING: {
        Value v = {.type = TY_TEXT, .present = true};
        v.u.text = x->u.str;
        return v;
    }
    case EX_DATE: {
        Value v = {.type = TY_DATE, .present = true};
        v.u.date = x->u.date;
        return v;
    }
    case EX_KIND: {
        Value v = {.type = TY_KIND, .present = true};
        v.u.member = e->unit->kind;
        return v;
    }
    case EX_YEAR: return num(dec_int(e->unit->year ? e->unit->year : e->std->year_value));
    case EX_NAME: {
        if (x->let) return eval_let(e, x->let);
        const Value *v = name_value(e, x);
        if (!v->present && x->type_fact && (x->type_fact->optional || x->type_fact->given_read)) {
            e->absent = true; /* what reads it does not count (doc/language.md, Optional facts) */
            Value z = num(dec_zero());
            z.type = x->type;
            return z;
        }
        if (!v->present) {
            fail(e, "a fact this rule reads is missing from the data");
            Value z = num(dec_zero());
            z.type = x->type;
            return z;
        }
        return *v;
    }
    case EX_POINTS: return num(e->points);
    case EX_NEG: {
        Value v = ev_eval(e, x->u.operand);
        v.u.num = sub(e, dec_zero(), v.u.num);
        return v;
    }
    case EX_NOT: return boolean(!ev_truth(e, x->u.operand));
    case EX_AND: return logic(e, x, false);
    case EX_OR: return logic(e, x, true);
    case EX_BINARY: return eval_binary(e, x);
    case EX_IF: return ev_truth(e, x->u.ifx.cond) ? ev_eval(e, x->u.ifx.then_) : ev_eval(e, x->u.ifx.else_);
    case EX_CALL: return eval_call(e, x);
    case EX_TOTAL: return num(e->res->total);
    case EX_GRADE: {
        Value v = {.type = TY_TEXT, .present = true};
        v.u.text = e->res->grade >= 0 ? e->std->grade_tab[e->res->grade]->name : "";
        return v;
    }
    case EX_TIERS: {
        Value s = ev_eval(e, x->u.tiers.subject);
        for (const TierBand *b = x->u.tiers.bands; b; b = b->next) {
            Value bound = operand(e, b->bound);
            if (ev_holds(b->op, compare(&s, &bound))) return ev_eval(e, b->value);
        }
        return ev_eval(e, x->u.tiers.otherwise);
    }
    case EX_EACH: break; /* only an aggregate's source (run_source) */
    }
    return num(dec_zero());
}
