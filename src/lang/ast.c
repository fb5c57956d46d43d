/* ast.c - builders for the tree (see ast.h). Called from grammar actions;
 * they allocate and link, and judge nothing. */
#include "ast.h"
#include "ast_impl.h"

#include <string.h>

static Expr *expr_new(AstCtx *c, ExprKind k, Span sp) {
    Expr *e = arena_alloc(c->arena, sizeof *e);
    e->kind = k;
    e->span = sp;
    e->slot = -1;
    return e;
}

Expr *ast_number(AstCtx *c, const char *text, size_t len, Span sp) {
    Expr *e = expr_new(c, EX_NUMBER, sp);
    e->u.num.percent = len > 0 && text[len - 1] == '%';
    if (dec_parse(text, len, &e->u.num.value) != DEC_OK) {
        diag_at(c->diag, DIAG_ERROR, "K0105", c->src, sp,
                "number cannot be kept exactly: at most 9223372036854775807, or 18 digits with decimals");
        e->u.num.value = dec_zero();
    }
    return e;
}

Expr *ast_bool(AstCtx *c, bool v, Span sp) {
    Expr *e = expr_new(c, EX_BOOL, sp);
    e->u.boolean = v;
    return e;
}

Expr *ast_string(AstCtx *c, const char *s, Span sp) {
    Expr *e = expr_new(c, EX_STRING, sp);
    e->u.str = s;
    return e;
}

Expr *ast_date(AstCtx *c, int32_t days, Span sp) {
    Expr *e = expr_new(c, EX_DATE, sp);
    e->u.date = days;
    return e;
}

Expr *ast_name(AstCtx *c, const char *name, Span sp) {
    Expr *e = expr_new(c, EX_NAME, sp);
    e->u.name.name = name;
    return e;
}

Expr *ast_points(AstCtx *c, Span sp) {
    return expr_new(c, EX_POINTS, sp);
}

Expr *ast_unary(AstCtx *c, ExprKind k, Expr *x, Span sp) {
    Expr *e = expr_new(c, k, sp);
    e->u.operand = x;
    return e;
}

Expr *ast_binary(AstCtx *c, BinOp op, Expr *l, Expr *r, Span sp) {
    Expr *e = expr_new(c, EX_BINARY, sp);
    e->u.bin.op = op;
    e->u.bin.lhs = l;
    e->u.bin.rhs = r;
    return e;
}

Expr *ast_logic(AstCtx *c, ExprKind k, Expr *l, Expr *r, Span sp) {
    Expr *e = expr_new(c, k, sp);
    e->u.bin.lhs = l;
    e->u.bin.rhs = r;
    return e;
}

Expr *ast_if(AstCtx *c, Expr *cond, Expr *a, Expr *b, Span sp) {
    Expr *e = expr_new(c, EX_IF, sp);
    e->u.ifx.cond = cond;
    e->u.ifx.then_ = a;
    e->u.ifx.else_ = b;
    return e;
}

Expr *ast_call(AstCtx *c, const char *name, Span name_sp, ExprList *args, Expr *where, Span sp) {
    Expr *e = expr_new(c, EX_CALL, sp);
    e->u.call.name = name;
    e->u.call.name_span = name_sp;
    e->u.call.args = args;
    e->u.call.where = where;
    return e;
}

Expr *ast_tiers(AstCtx *c, Expr *subject, TierBand *bands, Expr *otherwise, Span sp) {
    Expr *e = expr_new(c, EX_TIERS, sp);
    e->u.tiers.subject = subject;
    e->u.tiers.bands = bands;
    e->u.tiers.otherwise = otherwise;
    return e;
}

TierBand *ast_band(AstCtx *c, TierBand *list, BinOp op, Expr *bound, Expr *value, Span sp) {
    TierBand *b = arena_alloc(c->arena, sizeof *b);
    b->op = op;
    b->bound = bound;
    b->value = value;
    b->span = sp;
    APPEND(TierBand, list, b);
}

ExprList *ast_exprs(AstCtx *c, ExprList *list, Expr *e) {
    ExprList *n = arena_alloc(c->arena, sizeof *n);
    n->e = e;
    APPEND(ExprList, list, n);
}

ExprList *ast_exprs_cons(AstCtx *c, Expr *e, ExprList *rest) {
    ExprList *n = arena_alloc(c->arena, sizeof *n);
    n->e = e;
    n->next = rest;
    return n;
}

Expr *ast_each_range(AstCtx *c, Expr *lo, Expr *hi, Span sp) {
    Expr *e = expr_new(c, EX_EACH, sp);
    e->u.each.lo = lo;
    e->u.each.hi = hi;
    return e;
}

Expr *ast_each_list(AstCtx *c, const char *list, Span list_sp, const char *field, Span field_sp, Span sp) {
    Expr *e = expr_new(c, EX_EACH, sp);
    e->u.each.list = ast_name(c, list, list_sp);
    e->u.each.field = field;
    e->u.each.field_span = field_sp;
    return e;
}

/* NAME in SOURCE, distinct SOURCE: the name (or 'it') each value goes by */
Expr *ast_each_bind(Expr *each, const char *var, Span var_sp, bool distinct, Span sp) {
    if (var) {
        each->u.each.var = var;
        each->u.each.var_span = var_sp;
    }
    each->u.each.distinct |= distinct;
    each->span = sp;
    return each;
}

/* list of T: a list whose records hold one field, 'it' */
TypeSpec ast_list_of(AstCtx *c, TypeSpec elem, Span sp) {
    TypeSpec t = {TY_LIST, NULL, ast_fact(c, "it", sp, elem, NULL, NULL, NULL, NULL, sp), true};
    return t;
}

StrList *ast_strs(AstCtx *c, StrList *list, const char *s, Span sp) {
    StrList *n = arena_alloc(c->arena, sizeof *n);
    n->s = s;
    n->span = sp;
    APPEND(StrList, list, n);
}

TypeSpec ast_type(TypeKind k, StrList *members, Fact *fields) {
    TypeSpec t = {k, members, fields, false};
    return t;
}

Fact *ast_fact(AstCtx *c, const char *name, Span name_sp, TypeSpec t, const char *label, Expr *lo, Expr *hi, Expr *def,
               Span sp) {
    Fact *f = arena_alloc(c->arena, sizeof *f);
    f->name = name;
    f->name_span = name_sp;
    f->span = sp;
    f->type = t;
    f->label = label;
    f->lo = lo;
    f->hi = hi;
    f->def = def;
    f->slot = -1;
    return f;
}

Fact *ast_facts(Fact *list, Fact *f) {
    APPEND(Fact, list, f);
}

Rule *ast_rule(AstCtx *c, RuleKind k, Expr *amount, Expr *per, GapDir gap, Expr *bound, RuleOpt *opts, Span sp) {
    Rule *r = arena_alloc(c->arena, sizeof *r);
    r->kind = k;
    r->amount = amount;
    r->per = per;
    r->gap = gap;
    r->bound = bound;
    r->opts = opts;
    r->span = sp;
    return r;
}

RuleOpt *ast_opt(AstCtx *c, RuleOpt *list, RuleOptKind k, Expr *e, StepMode m, Span sp) {
    RuleOpt *o = arena_alloc(c->arena, sizeof *o);
    o->kind = k;
    o->e = e;
    o->mode = m;
    o->span = sp;
    APPEND(RuleOpt, list, o);
}

Part *ast_part(AstCtx *c, PartKind k, const char *id, Span id_sp, const char *title, Expr *points, Expr *cap,
               Span kw_sp) {
    Part *p = arena_alloc(c->arena, sizeof *p);
    p->kind = k;
    p->id = id;
    p->id_span = id_sp;
    p->title = title;
    p->points = points;
    p->cap = cap;
    p->kw_span = kw_sp;
    return p;
}

Part *ast_part_body(AstCtx *c) {
    return arena_alloc(c->arena, sizeof(Part));
}

Part *ast_part_end(Part *head, Part *body, Span sp) {
    head->span = sp;
    head->responsible = body->responsible;
    head->applies = body->applies;
    head->content = body->content;
    head->method = body->method;
    head->no_floor = body->no_floor;
    head->floor_span = body->floor_span;
    if (body->cap) head->cap = body->cap;
    head->no_cap = body->no_cap;
    head->cap_span = body->cap_span;
    head->add_after_floor = body->add_after_floor;
    head->order_span = body->order_span;
    head->applies_when = body->applies_when;
    head->add_cap = body->add_cap;
    head->kind_points = body->kind_points;
    head->scaled = body->scaled;
    head->scaled_span = body->scaled_span;
    head->weight = body->weight;
    head->deadline = body->deadline;
    head->children = body->children;
    head->last_child = body->last_child;
    head->rules = body->rules;
    return head;
}

static StrList *strs_concat(StrList *a, StrList *b) {
    APPEND(StrList, a, b);
}

Part *ast_part_responsible(Part *p, StrList *owners) {
    p->responsible = strs_concat(p->responsible, owners);
    return p;
}

Part *ast_part_applies(Part *p, StrList *kinds) {
    p->applies = strs_concat(p->applies, kinds);
    return p;
}

Part *ast_part_content(Part *p, const char *s) {
    p->content = s;
    return p;
}

Part *ast_part_method(Part *p, const char *s) {
    p->method = s;
    return p;
}

Part *ast_part_floor(Part *p, Span sp) {
    p->no_floor = true;
    p->floor_span = sp;
    return p;
}

Part *ast_part_cap(Part *p, Expr *cap, bool none, Span sp) {
    p->cap = none ? NULL : cap;
    p->no_cap = none;
    p->cap_span = sp;
    return p;
}

Part *ast_part_order(Part *p, Span sp) {
    p->add_after_floor = true;
    p->order_span = sp;
    return p;
}

Part *ast_part_add_cap(Part *p, Expr *cap) {
    p->add_cap = cap;
    return p;
}

Part *ast_part_kind_points(AstCtx *c, Part *p, StrList *kinds, Expr *points, Span sp) {
    KindPoints *k = arena_alloc(c->arena, sizeof *k);
    k->kinds = kinds;
    k->points = points;
    k->span = sp;
    KindPoints **at = &p->kind_points;
    while (*at)
        at = &(*at)->next;
    *at = k;
    return p;
}

Part *ast_part_scaled(Part *p, Span sp) {
    p->scaled = true;
    p->scaled_span = sp;
    return p;
}

Part *ast_part_weight(Part *p, Expr *w) {
    p->weight = w;
    return p;
}

Part *ast_part_applies_when(Part *p, Expr *cond) {
    p->applies_when = cond;
    return p;
}

static Rule *rules_append(Rule *list, Rule *r) {
    APPEND(Rule, list, r);
}

Part *ast_part_rule(Part *p, Rule *r) {
    p->rules = rules_append(p->rules, r);
    return p;
}

static Part *parts_append(Part *list, Part *q) {
    APPEND(Part, list, q);
}

/* At the end kept, not found by walking: a category of 10,000 items is
 * read in linear time. */
Part *ast_part_child(Part *p, Part *child) {
    if (p->last_child)
        p->last_child->next = child;
    else
        p->children = parts_append(p->children, child);
    for (p->last_child = child; p->last_child->next;)
        p->last_child = p->last_child->next;
    return p;
}

/* Header statements in a tests file are reported once, by ast_standard. */
void ast_header_year(AstCtx *c, Expr *e, Span sp) {
    if (c->tests_only) return;
    c->std->year = e;
    c->std->year_span = sp;
}

void ast_header_total(AstCtx *c, Expr *e) {
    if (!c->tests_only) c->std->total = e;
}
void ast_header_decimals(AstCtx *c, Expr *e) {
    if (!c->tests_only) c->std->decimals = e;
}
void ast_header_sums_warn(AstCtx *c) {
    if (!c->tests_only) c->std->sums_warn = true;
}

static GradeBand *grades_append(GradeBand *list, GradeBand *g) {
    APPEND(GradeBand, list, g);
}

void ast_header_grade(AstCtx *c, const char *name, BandOp op, Expr *bound, bool fail, Span sp) {
    if (c->tests_only) return;
    GradeBand *g = arena_alloc(c->arena, sizeof *g);
    g->name = name;
    g->op = op;
    g->bound = bound;
    g->fail = fail;
    g->span = sp;
    c->std->grades = grades_append(c->std->grades, g);
}

/* In a tests file only test cases may stand: the standard is the rule file. */
static bool tests_only(AstCtx *c, Span sp) {
    if (!c->tests_only) return false;
    diag_at(c->diag, DIAG_ERROR, "K0110", c->src, sp,
            "a tests file holds only test cases: write this in the rule file");
    return true;
}

void ast_standard(AstCtx *c, const char *title, Span title_sp, Span sp) {
    Standard *s = c->std;
    if (tests_only(c, sp)) return;
    if (s->has_header) {
        diag_at(c->diag, DIAG_ERROR, "K0106", c->src, title_sp,
                "a second 'standard' header: a file holds one standard");
        return;
    }
    s->has_header = true;
    s->title = title;
    s->title_span = title_sp;
    s->span = sp;
}

static Kind *kinds_append(Kind *list, Kind *k) {
    APPEND(Kind, list, k);
}

void ast_add_kind(AstCtx *c, const char *id, const char *label, Span sp) {
    if (tests_only(c, sp)) return;
    Kind *k = arena_alloc(c->arena, sizeof *k);
    k->id = id;
    k->label = label ? label : id;
    k->span = sp;
    c->std->kinds = kinds_append(c->std->kinds, k);
}

void ast_add_fact(AstCtx *c, Fact *f) {
    if (tests_only(c, f->span)) return;
    c->std->facts = ast_facts(c->std->facts, f);
}

void ast_add_part(AstCtx *c, Part *p) {
    if (tests_only(c, p->kw_span)) return;
    c->std->parts = parts_append(c->std->parts, p);
}

static Veto *vetoes_append(Veto *list, Veto *v) {
    APPEND(Veto, list, v);
}

Veto *ast_veto(AstCtx *c, const char *id, Span id_sp, const char *title, Expr *when, const char *reason, Span sp) {
    Veto *v = arena_alloc(c->arena, sizeof *v);
    v->id = id;
    v->id_span = id_sp;
    v->title = title ? title : id;
    v->when = when;
    v->reason = reason;
    v->span = sp;
    return v;
}

void ast_add_veto(AstCtx *c, const char *id, Span id_sp, const char *title, Expr *when, const char *reason, Span sp) {
    if (tests_only(c, sp)) return;
    c->std->vetoes = vetoes_append(c->std->vetoes, ast_veto(c, id, id_sp, title, when, reason, sp));
}

/* ---- campaign time --------------------------------------------------------- */

static Phase *phases_append(Phase *list, Phase *x) {
    APPEND(Phase, list, x);
}
static Task *tasks_append(Task *list, Task *x) {
    APPEND(Task, list, x);
}
static TaskPenalty *penalties_append(TaskPenalty *list, TaskPenalty *x) {
    APPEND(TaskPenalty, list, x);
}

Phase *ast_phase(AstCtx *c, const char *id, Span id_sp, const char *title, Expr *from, Expr *to, int flags, Span sp) {
    Phase *p = arena_alloc(c->arena, sizeof *p);
    p->id = id;
    p->id_span = id_sp;
    p->title = title ? title : id;
    p->from = from;
    p->to = to;
    p->overlaps = flags & 1;
    p->inspection = flags & 2;
    p->span = sp;
    return p;
}

void ast_add_phase(AstCtx *c, const char *id, Span id_sp, const char *title, Expr *from, Expr *to, int flags, Span sp) {
    if (tests_only(c, sp)) return;
    c->std->phases = phases_append(c->std->phases, ast_phase(c, id, id_sp, title, from, to, flags, sp));
}

Task *ast_task(AstCtx *c, const char *id, Span id_sp, const char *title) {
    Task *t = arena_alloc(c->arena, sizeof *t);
    t->id = id;
    t->id_span = id_sp;
    t->title = title ? title : id;
    return t;
}

Task *ast_task_phase(AstCtx *c, Task *t, const char *phase, Span sp) {
    if (t->phase) diag_at(c->diag, DIAG_ERROR, "K0111", c->src, sp, "this task already names its phase");
    t->phase = phase;
    t->phase_span = sp;
    return t;
}

Task *ast_task_due(AstCtx *c, Task *t, Expr *from, Expr *due) {
    if (t->due) diag_at(c->diag, DIAG_ERROR, "K0111", c->src, due->span, "this task already has a due date");
    t->from = from;
    t->due = due;
    return t;
}

Task *ast_task_owners(Task *t, StrList *owners) {
    t->responsible = strs_concat(t->responsible, owners);
    return t;
}

Task *ast_task_applies(Task *t, StrList *kinds) {
    t->applies = strs_concat(t->applies, kinds);
    return t;
}

Task *ast_task_done(AstCtx *c, Task *t, const char *fact, Span sp, Expr *count, const char *field) {
    if (t->done) diag_at(c->diag, DIAG_ERROR, "K0111", c->src, sp, "this task already says how it is done");
    t->done = fact;
    t->done_span = sp;
    t->done_count = count;
    t->done_field = field;
    return t;
}

Task *ast_task_penalty(AstCtx *c, Task *t, bool missed, Expr *amount, const char *item, Span item_sp, Span sp) {
    TaskPenalty *x = arena_alloc(c->arena, sizeof *x);
    x->missed = missed;
    x->amount = amount;
    x->item = item;
    x->item_span = item_sp;
    x->span = sp;
    t->penalties = penalties_append(t->penalties, x);
    return t;
}

void ast_add_task(AstCtx *c, Task *t, Span sp) {
    if (tests_only(c, sp)) return;
    t->span = sp;
    c->std->tasks = tasks_append(c->std->tasks, t);
}

Part *ast_part_deadline(Part *p, Expr *e) {
    p->deadline = e;
    return p;
}

/* number "1.2" in a part's head; a second one replaces the first (the
 * checker reports it) */
Part *ast_part_number(Part *p, const char *number, Span sp) {
    if (p->number) p->number_twice = true;
    p->number = number;
    p->number_span = sp;
    return p;
}

/* ---- revisions: what a standard changes in the one it revises ------------ */

void ast_header_revises(AstCtx *c, const char *file, const char *title, Expr *year, Span sp) {
    Standard *s = c->std;
    if (c->tests_only) return;
    if (s->revises) {
        diag_at(c->diag, DIAG_ERROR, "K0709", c->src, sp, "a second 'revises': a standard revises one standard");
        return;
    }
    s->revises = true;
    s->revises_file = file;
    s->revises_title = title;
    s->revises_year = year;
    s->revises_span = sp;
}

static Revision *revisions_append(Revision *list, Revision *r) {
    APPEND(Revision, list, r);
}

static Revision *revision(AstCtx *c, RevOp op, int what, const char *id, Span id_sp, Span sp) {
    Revision *r = arena_alloc(c->arena, sizeof *r);
    r->op = op;
    r->what = what;
    r->id = id;
    r->id_span = id_sp;
    r->span = sp;
    if (!tests_only(c, sp)) c->std->revisions = revisions_append(c->std->revisions, r);
    return r;
}

void ast_revise(AstCtx *c, RevOp op, int what, const char *id, Span id_sp, const char *to, Span to_sp, Span sp) {
    Revision *r = revision(c, op, what, id, id_sp, sp);
    r->to = to;
    r->to_span = to_sp;
}

void ast_replace_part(AstCtx *c, Part *p, bool points_only, Span sp) {
    Revision *r = revision(c, REV_REPLACE, (int)p->kind, p->id, p->id_span, sp);
    r->part = p;
    r->points_only = points_only;
}

void ast_replace_veto(AstCtx *c, Veto *v) {
    revision(c, REV_REPLACE, REV_VETO, v->id, v->id_span, v->span)->veto = v;
}

void ast_replace_fact(AstCtx *c, Fact *f) {
    revision(c, REV_REPLACE, REV_FACT, f->name, f->name_span, f->span)->fact = f;
}

void ast_replace_phase(AstCtx *c, Phase *p) {
    revision(c, REV_REPLACE, REV_PHASE, p->id, p->id_span, p->span)->phase = p;
}

void ast_replace_task(AstCtx *c, Task *t, Span sp) {
    t->span = sp;
    revision(c, REV_REPLACE, REV_TASK, t->id, t->id_span, sp)->task = t;
}

Fact *ast_fact_renames(AstCtx *c, Fact *f, const char *old, Span sp) {
    (void)c;
    f->renames = old;
    f->renames_span = sp;
    f->alias = old;
    return f;
}

Fact *ast_field_renames(AstCtx *c, Fact *f, const char *old, Span sp) {
    if (old) diag_at(c->diag, DIAG_ERROR, "K0707", c->src, sp, "a list's field cannot rename: only a fact can");
    return f;
}

FactOpts *ast_fact_opts_new(AstCtx *c, Span sp) {
    FactOpts *o = arena_alloc(c->arena, sizeof *o);
    o->renames_span = o->key_span = o->empty_span = o->optional_span = sp;
    return o;
}

Fact *ast_fact_opts(AstCtx *c, Fact *f, const char *key, Span key_sp, bool empty, Span empty_sp) {
    (void)c;
    f->key = key;
    f->key_span = key_sp;
    f->empty_default = empty;
    f->empty_span = empty_sp;
    return f;
}

Part *ast_part_in(AstCtx *c, Part *p, const char *parent, Span sp) {
    (void)c;
    p->in = parent;
    p->in_span = sp;
    return p;
}

const char *ast_text(Arena *a, const Source *src, Span sp) {
    src = source_at(src, &sp);
    if (sp.end > src->len) sp.end = (uint32_t)src->len;
    if (sp.begin > sp.end) sp.begin = sp.end;
    /* fold runs of white space so a rule written over lines reads as one */
    char *out = arena_alloc(a, sp.end - sp.begin + 1);
    size_t n = 0;
    bool space = false;
    for (uint32_t i = sp.begin; i < sp.end; i++) {
        char ch = src->text[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = n > 0;
            continue;
        }
        if (space) out[n++] = ' ';
        space = false;
        out[n++] = ch;
    }
    out[n] = '\0';
    return out;
}

void ast_add_require(AstCtx *c, Expr *cond, const char *reason, Span sp) {
    Require *r = arena_alloc(c->arena, sizeof *r);
    r->cond = cond;
    r->reason = reason;
    r->span = sp;
    Require *list = c->std->requires;
    if (!list) {
        c->std->requires = r;
        return;
    }
    while (list->next)
        list = list->next;
    list->next = r;
}

Fact *ast_fact_optional(Fact *f, bool optional, Span sp) {
    if (f && optional) f->optional = true, f->optional_span = sp;
    return f;
}

void ast_header_floor_none(AstCtx *c) {
    c->std->no_floor_total = true;
}

void ast_header_add_after_floor(AstCtx *c) {
    c->std->add_after_floor = true;
}

/* ---- named expressions, a rule's kinds, the unit in expressions ------------- */

Let *ast_let(AstCtx *c, const char *name, Span name_sp, const char *label, Expr *e, Span sp) {
    Let *l = arena_alloc(c->arena, sizeof *l);
    l->name = name;
    l->name_span = name_sp;
    l->label = label;
    l->e = e;
    l->span = sp;
    return l;
}

static Let *lets_append(Let *list, Let *l) {
    APPEND(Let, list, l);
}

void ast_add_let(AstCtx *c, Let *l) {
    if (tests_only(c, l->span)) return;
    c->std->lets = lets_append(c->std->lets, l);
}

void ast_replace_let(AstCtx *c, Let *l) {
    revision(c, REV_REPLACE, REV_LET, l->name, l->name_span, l->span)->let = l;
}

RuleOpt *ast_opt_applies(AstCtx *c, RuleOpt *list, StrList *kinds, Span sp) {
    RuleOpt *o = arena_alloc(c->arena, sizeof *o);
    o->kind = OPT_APPLIES;
    o->names = kinds;
    o->span = sp;
    APPEND(RuleOpt, list, o);
}

Expr *ast_unit_kind(AstCtx *c, Span sp) {
    return expr_new(c, EX_KIND, sp);
}

Expr *ast_unit_year(AstCtx *c, Span sp) {
    return expr_new(c, EX_YEAR, sp);
}

/* ---- veto effects and outputs ------------------------------------------------ */

VetoEffectSpec ast_effect(VetoEffect k, const char *grade, Expr *amount, Span sp, bool written) {
    VetoEffectSpec e = {.effect = k, .grade = grade, .amount = amount, .span = sp, .written = written};
    return e;
}

Veto *ast_veto_set_effect(Veto *v, VetoEffectSpec e) {
    v->effect = e;
    return v;
}

void ast_add_veto_effect(AstCtx *c, Veto *v, VetoEffectSpec e) {
    if (tests_only(c, v->span)) return;
    c->std->vetoes = vetoes_append(c->std->vetoes, ast_veto_set_effect(v, e));
}

Expr *ast_result(AstCtx *c, ExprKind k, Span sp) {
    return expr_new(c, k, sp);
}

static OutputDef *outputs_append(OutputDef *list, OutputDef *o) {
    APPEND(OutputDef, list, o);
}

OutputDef *ast_output(AstCtx *c, const char *id, Span id_sp, const char *label, Expr *value, Span sp) {
    OutputDef *o = arena_alloc(c->arena, sizeof *o);
    o->id = id;
    o->id_span = id_sp;
    o->label = label;
    o->value = value;
    o->span = sp;
    return o;
}

void ast_add_output(AstCtx *c, OutputDef *o) {
    if (tests_only(c, o->span)) return;
    c->std->outputs = outputs_append(c->std->outputs, o);
}

void ast_replace_output(AstCtx *c, OutputDef *o) {
    revision(c, REV_REPLACE, REV_OUTPUT, o->id, o->id_span, o->span)->output = o;
}
