/* ast.h - the tree the parser builds for a standard. Every node lives in
 * the standard's arena. The parser only builds (ast_* calls); the checker
 * (check.c) resolves names and types and fills the fields marked "checker". */
#ifndef KP_AST_H
#define KP_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "decimal.h"
#include "diag.h"
#include "value.h"

/* ---- types of facts and expressions ---------------------------------- */

typedef enum {
    TY_ERROR, /* already reported: silences follow-on errors */
    TY_INTEGER,
    TY_DECIMAL,
    TY_PERCENT,
    TY_BOOLEAN,
    TY_DATE,
    TY_TEXT,
    TY_ENUM,
    TY_LIST,
} TypeKind;

typedef struct StrList {
    const char *s;
    Span span;
    struct StrList *next;
} StrList;

struct Fact;

typedef struct TypeSpec {
    TypeKind kind;
    StrList *members;    /* enum: values in order */
    struct Fact *fields; /* list: the record's fields */
} TypeSpec;

/* ---- expressions ----------------------------------------------------- */

typedef enum {
    EX_NUMBER,
    EX_BOOL,
    EX_STRING,
    EX_DATE,
    EX_NAME,
    EX_POINTS,
    EX_NEG,
    EX_NOT,
    EX_BINARY,
    EX_AND,
    EX_OR,
    EX_IF,
    EX_CALL,
    EX_TIERS,
} ExprKind;

typedef enum {
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_EQ,
    OP_NE,
    OP_LT,
    OP_LE,
    OP_GT,
    OP_GE,
} BinOp;

typedef struct ExprList {
    struct Expr *e;
    struct ExprList *next;
} ExprList;

typedef struct TierBand {
    BinOp op; /* OP_GE or OP_GT, OP_LE, OP_LT, OP_EQ */
    struct Expr *bound, *value;
    Span span;
    struct TierBand *next;
} TierBand;

/* Built-in functions, resolved by the checker. */
typedef enum {
    FN_NONE,
    FN_MIN,
    FN_MAX,
    FN_ROUND,
    FN_COUNT,
    FN_SHARE,
    FN_SUM,
    FN_AVG,
    FN_AGG_MIN,
    FN_AGG_MAX,
    FN_ANY,
    FN_ALL,
} Builtin;

typedef struct Expr {
    ExprKind kind;
    Span span;
    union {
        struct {
            Dec value;
            bool percent;
        } num;
        bool boolean;
        const char *str;
        int32_t date; /* days since 1970-01-01 */
        struct {
            const char *name;
        } name;
        struct {
            BinOp op;
            struct Expr *lhs, *rhs;
        } bin;                /* also AND/OR */
        struct Expr *operand; /* NEG, NOT */
        struct {
            struct Expr *cond, *then_, *else_;
        } ifx;
        struct {
            const char *name;
            Span name_span;
            ExprList *args;
            struct Expr *where;
        } call;
        struct {
            struct Expr *subject;
            TierBand *bands;
            struct Expr *otherwise;
        } tiers;
    } u;
    /* checker */
    TypeKind type;
    const struct Fact *type_fact; /* enum or list: the fact declaring it */
    int slot;                     /* EX_NAME: fact slot, or field index when is_field;
                                     EX_STRING compared with an enum: the member's index */
    bool is_field;
    Builtin fn;
} Expr;

/* ---- declarations ---------------------------------------------------- */

typedef struct Fact {
    const char *name;
    Span name_span, span;
    TypeSpec type;
    const char *label;
    Expr *lo, *hi, *def; /* optional */
    struct Fact *next;
    /* checker */
    const char *renames; /* a revision: the base's fact this one replaces under a new name */
    Span renames_span;
    const char *alias;                   /* another key the data may give it by (the name of another year) */
    Value lo_value, hi_value, def_value; /* present when given */
    bool is_field;
    int slot; /* index in a unit's fact array, or field index */
    bool used;
    uint32_t needed_by; /* kinds (bit per kind) scored on something reading it */
    uint32_t asked_by;  /* kinds with a task done by it (optional: absent is not done) */
    const char *key;    /* `key "date"`: the data's key for it, or NULL (its name) */
    Span key_span;
    bool empty_default; /* `default []`: a list left out is empty */
    Span empty_span;
} Fact;

/* The key a unit's data gives the fact by: its `key`, else its name. */
static inline const char *fact_key(const Fact *f) {
    return f->key ? f->key : f->name;
}

typedef enum { RULE_DEDUCT, RULE_ADD, RULE_SCORE } RuleKind;
typedef enum { STEP_DEFAULT, STEP_STARTED, STEP_COMPLETED, STEP_PRO_RATA } StepMode;
typedef enum { GAP_NONE, GAP_BELOW, GAP_ABOVE } GapDir;

typedef enum { OPT_WHEN, OPT_STEP, OPT_CAP, OPT_MODE, OPT_DEADLINE, OPT_FINAL } RuleOptKind;
typedef struct RuleOpt {
    RuleOptKind kind;
    Expr *e;
    StepMode mode;
    Span span;
    struct RuleOpt *next;
} RuleOpt;

typedef struct Rule {
    RuleKind kind;
    Span span;
    Expr *amount; /* deduct/add: points per step; score: the score */
    Expr *per;    /* NULL: a fixed amount */
    GapDir gap;
    Expr *bound;   /* with GAP_BELOW/ABOVE */
    RuleOpt *opts; /* as written; folded by the checker into the fields below */
    struct Rule *next;
    /* checker */
    Expr *when, *step, *cap;
    Expr *deadline;          /* the date its rectification is due, if written */
    bool final;              /* what it deducts cannot be won back (an incident happened) */
    const struct Task *task; /* a task's late or missed deduction, put on its item */
    bool on_missed;          /* ... for a missed task, else for a late one */
    StepMode mode;
    bool mode_given; /* started/completed/pro_rata written out */
    int index;       /* within its item */
} Rule;

typedef enum { PART_CATEGORY, PART_GROUP, PART_ITEM, PART_BONUS, PART_PENALTY } PartKind;

/* Categories, groups, items, the bonus section and penalties share one
 * shape; the checker says which statements each may hold. */
typedef struct Part {
    PartKind kind;
    Span span, id_span, kw_span;
    const char *id, *title;
    Expr *points; /* optional */
    Expr *cap;    /* bonus section */
    StrList *responsible;
    StrList *applies;
    const char *content, *method;
    bool no_floor;
    Span floor_span;
    Expr *deadline; /* items: the date their rectification is due */
    const char *in; /* a revision's part added into a base's category or group */
    Span in_span;
    struct Part *children;
    Rule *rules;
    struct Part *next;
    /* checker */
    struct Part *parent;
    Dec pts; /* points value (0 when none) */
    Dec cap_value;
    bool has_cap;
    uint32_t kinds; /* kinds scored on it */
    int index;      /* items and penalties: index into results; parts: part index */
    int nrules;
    const StrList *owners; /* responsible, inherited */
} Part;

typedef struct Veto {
    const char *id, *title, *reason;
    Span span, id_span;
    Expr *when;
    struct Veto *next;
    int index;
} Veto;

typedef struct Kind {
    const char *id, *label;
    Span span;
    struct Kind *next;
    int index;
} Kind;

typedef enum { BAND_GE, BAND_GT, BAND_OTHERWISE } BandOp;
typedef struct GradeBand {
    const char *name;
    BandOp op;
    Expr *bound;
    bool fail;
    Span span;
    struct GradeBand *next;
    Dec value; /* checker */
} GradeBand;

/* ---- campaign time: phases and tasks ----------------------------------- */

typedef struct Phase {
    const char *id, *title;
    Span span, id_span;
    Expr *from, *to;
    bool overlaps;   /* may overlap the phase before it */
    bool inspection; /* the inspection: rectification is due by its start */
    struct Phase *next;
    /* checker */
    int32_t start, end;
    int index;
} Phase;

typedef struct TaskPenalty {
    bool missed; /* for a missed task, else for a late one */
    Expr *amount;
    const char *item;
    Span item_span, span;
    struct TaskPenalty *next;
} TaskPenalty;

typedef struct Task {
    const char *id, *title;
    Span span, id_span;
    const char *phase;
    Span phase_span;
    Expr *due, *from; /* the due date; from: the window's first day, optional */
    StrList *responsible, *applies;
    const char *done; /* a date fact, or a list whose records carry a date field */
    Span done_span;
    const char *done_field; /* done N of LIST.FIELD */
    Expr *done_count;
    TaskPenalty *penalties;
    struct Task *next;
    /* checker */
    const Phase *ph;
    int32_t due_day, from_day;
    uint32_t kinds;
    const Fact *done_fact;
    int field, count;
    int index;
} Task;

/* ---- test cases (kaoping test) ---------------------------------------- */

/* A record in a list literal: { name: "東村", model: true } */
typedef struct FieldInit {
    const char *name;
    Span name_span;
    Expr *value;
    struct FieldInit *next;
} FieldInit;

typedef struct RecordInit {
    FieldInit *fields;
    Span span;
    struct RecordInit *next;
} RecordInit;

typedef struct SetFact {
    const char *name;
    Span name_span, span;
    Expr *value;      /* a literal; NULL for a list */
    RecordInit *rows; /* a list literal [ {...}, ... ] */
    bool is_list;
    struct SetFact *next;
    const Fact *fact; /* checker */
} SetFact;

typedef enum {
    EXPECT_ITEM,
    EXPECT_PART,
    EXPECT_TOTAL,
    EXPECT_GRADE,
    EXPECT_VETO,
    EXPECT_NO_VETO,
    EXPECT_PASS,
    EXPECT_FAIL,
    EXPECT_RECT,
    EXPECT_NO_RECT,
} ExpectKind;

typedef struct Expect {
    ExpectKind kind;
    const char *id; /* item, category or group, veto, rectified item; NULL: any */
    Span id_span, span;
    Expr *value;       /* EXPECT_ITEM, EXPECT_PART, EXPECT_TOTAL */
    const char *grade; /* EXPECT_GRADE */
    struct Expect *next;
    /* checker */
    const Part *part;
    const Veto *veto;
    Dec number;
} Expect;

typedef struct TestCase {
    const char *name;
    Span span;
    const char *kind;
    Span kind_span;
    const char *data; /* a JSON file of facts to start from, relative to the test's file */
    Span data_span;
    SetFact *sets;
    Expect *expects;
    const Source *src; /* the file holding the case */
    struct TestCase *next;
} TestCase;

/* ---- revisions: a standard written as changes to an earlier one ------------- */

/* What a revision removes, moves or replaces: a part (PartKind 0..4) or one of these. */
enum { REV_VETO = 10, REV_FACT, REV_PHASE, REV_TASK, REV_KIND };
typedef enum { REV_REMOVE, REV_MOVE, REV_REPLACE } RevOp;

typedef struct Revision {
    RevOp op;
    int what; /* PartKind or REV_* */
    const char *id;
    Span id_span, span;
    const char *to; /* move: the new category or group */
    Span to_span;
    bool points_only; /* replace item X points N; */
    Part *part;       /* replace: the new declaration */
    struct Veto *veto;
    Fact *fact;
    struct Phase *phase;
    struct Task *task;
    struct Revision *next;
} Revision;

typedef enum { HDR_YEAR, HDR_TOTAL, HDR_DECIMALS, HDR_GRADE, HDR_SUMS_WARN } HeaderKind;

typedef struct Standard {
    const Source *src;
    const char *title;
    Span span, title_span;
    bool has_header;
    int keyword_set; /* the keyword set the file is mostly written in (lex.h LEX_EN...) */
    Expr *year, *total, *decimals;
    Span year_span;
    bool sums_warn;
    GradeBand *grades;
    Kind *kinds;
    Fact *facts;
    Part *parts; /* categories, bonus sections and penalties, in order */
    Veto *vetoes;
    Phase *phases;
    Task *tasks;
    TestCase *tests;
    /* a revision: its base (a file relative to this one, or a title and a year
     * in this file's folder) and its changes; merged by revise.c */
    bool revises;
    const char *revises_file, *revises_title;
    Expr *revises_year;
    Span revises_span;
    Revision *revisions;
    const char *base_path;   /* after merging: the file of the base */
    const char *chosen_from; /* eval --rules-dir: the folder it was chosen from for its year */
    /* checker: flat tables for evaluation */
    int year_value, decimals_value;
    Dec total_value;
    int nkinds, nfacts, nitems, nparts, nvetoes, ngrades, nphases, ntasks;
    Phase **phase_tab;
    Task **task_tab;
    int32_t inspection_start; /* the inspection phase's first day, or INT32_MIN */
    Kind **kind_tab;
    Fact **fact_tab;   /* by slot */
    Fact **fact_index; /* by name (equal names by slot), for check_find_fact */
    Part **item_tab; /* items of categories and bonus, and penalties, in order */
    Part **part_tab; /* categories, groups, bonus sections in order */
    Veto **veto_tab;
    GradeBand **grade_tab;
} Standard;

/* ---- builders (called from grammar actions) -------------------------- */

typedef struct AstCtx {
    Arena *arena;
    Standard *std;
    const Source *src;
    DiagSink *diag;
    bool tests_only; /* a tests file: only test cases may appear */
} AstCtx;

Expr *ast_number(AstCtx *c, const char *text, size_t len, Span sp);
Expr *ast_bool(AstCtx *c, bool v, Span sp);
Expr *ast_string(AstCtx *c, const char *s, Span sp);
Expr *ast_date(AstCtx *c, int32_t days, Span sp);
Expr *ast_name(AstCtx *c, const char *name, Span sp);
Expr *ast_points(AstCtx *c, Span sp);
Expr *ast_unary(AstCtx *c, ExprKind k, Expr *e, Span sp);
Expr *ast_binary(AstCtx *c, BinOp op, Expr *l, Expr *r, Span sp);
Expr *ast_logic(AstCtx *c, ExprKind k, Expr *l, Expr *r, Span sp);
Expr *ast_if(AstCtx *c, Expr *cond, Expr *a, Expr *b, Span sp);
Expr *ast_call(AstCtx *c, const char *name, Span name_sp, ExprList *args, Expr *where, Span sp);
Expr *ast_tiers(AstCtx *c, Expr *subject, TierBand *bands, Expr *otherwise, Span sp);
TierBand *ast_band(AstCtx *c, TierBand *list, BinOp op, Expr *bound, Expr *value, Span sp);
ExprList *ast_exprs(AstCtx *c, ExprList *list, Expr *e);
ExprList *ast_exprs_cons(AstCtx *c, Expr *e, ExprList *rest);

StrList *ast_strs(AstCtx *c, StrList *list, const char *s, Span sp);
Fact *ast_fact(AstCtx *c, const char *name, Span name_sp, TypeSpec t, const char *label, Expr *lo, Expr *hi, Expr *def,
               Span sp);
Fact *ast_facts(Fact *list, Fact *f);
TypeSpec ast_type(TypeKind k, StrList *members, Fact *fields);

Rule *ast_rule(AstCtx *c, RuleKind k, Expr *amount, Expr *per, GapDir gap, Expr *bound, RuleOpt *opts, Span sp);
RuleOpt *ast_opt(AstCtx *c, RuleOpt *list, RuleOptKind k, Expr *e, StepMode m, Span sp);

/* part bodies are built statement by statement */
Part *ast_part(AstCtx *c, PartKind k, const char *id, Span id_sp, const char *title, Expr *points, Expr *cap,
               Span kw_sp);
Part *ast_part_body(AstCtx *c);
Part *ast_part_end(Part *head, Part *body, Span sp);
Part *ast_part_responsible(Part *p, StrList *owners);
Part *ast_part_applies(Part *p, StrList *kinds);
Part *ast_part_content(Part *p, const char *s);
Part *ast_part_method(Part *p, const char *s);
Part *ast_part_floor(Part *p, Span sp);
Part *ast_part_rule(Part *p, Rule *r);
Part *ast_part_child(Part *p, Part *child);

void ast_header_year(AstCtx *c, Expr *e, Span sp);
void ast_header_total(AstCtx *c, Expr *e);
void ast_header_decimals(AstCtx *c, Expr *e);
void ast_header_grade(AstCtx *c, const char *name, BandOp op, Expr *bound, bool fail, Span sp);
void ast_header_sums_warn(AstCtx *c);
void ast_standard(AstCtx *c, const char *title, Span title_sp, Span sp);
void ast_add_kind(AstCtx *c, const char *id, const char *label, Span sp);
void ast_add_fact(AstCtx *c, Fact *f);
void ast_add_part(AstCtx *c, Part *p);
void ast_add_veto(AstCtx *c, const char *id, Span id_sp, const char *title, Expr *when, const char *reason, Span sp);
struct Veto *ast_veto(AstCtx *c, const char *id, Span id_sp, const char *title, Expr *when, const char *reason,
                      Span sp);
struct Phase *ast_phase(AstCtx *c, const char *id, Span id_sp, const char *title, Expr *from, Expr *to, int flags,
                        Span sp);

/* revisions */
void ast_header_revises(AstCtx *c, const char *file, const char *title, Expr *year, Span sp);
void ast_revise(AstCtx *c, RevOp op, int what, const char *id, Span id_sp, const char *to, Span to_sp, Span sp);
void ast_replace_part(AstCtx *c, Part *p, bool points_only, Span sp);
void ast_replace_veto(AstCtx *c, struct Veto *v);
void ast_replace_fact(AstCtx *c, Fact *f);
void ast_replace_phase(AstCtx *c, struct Phase *p);
void ast_replace_task(AstCtx *c, struct Task *t, Span sp);
Fact *ast_fact_renames(AstCtx *c, Fact *f, const char *old, Span sp);
Fact *ast_field_renames(AstCtx *c, Fact *f, const char *old, Span sp);
/* `key "date"` (NULL: none) and `default []` (empty) on a fact or field. */
Fact *ast_fact_opts(AstCtx *c, Fact *f, const char *key, Span key_sp, bool empty, Span empty_sp);
Part *ast_part_in(AstCtx *c, Part *p, const char *parent, Span sp);

void ast_add_phase(AstCtx *c, const char *id, Span id_sp, const char *title, Expr *from, Expr *to, int flags, Span sp);
Task *ast_task(AstCtx *c, const char *id, Span id_sp, const char *title);
Task *ast_task_phase(AstCtx *c, Task *t, const char *phase, Span sp);
Task *ast_task_due(AstCtx *c, Task *t, Expr *from, Expr *due);
Task *ast_task_owners(Task *t, StrList *owners);
Task *ast_task_applies(Task *t, StrList *kinds);
Task *ast_task_done(AstCtx *c, Task *t, const char *fact, Span sp, Expr *count, const char *field);
Task *ast_task_penalty(AstCtx *c, Task *t, bool missed, Expr *amount, const char *item, Span item_sp, Span sp);
void ast_add_task(AstCtx *c, Task *t, Span sp);
Part *ast_part_deadline(Part *p, Expr *e);

TestCase *ast_test(AstCtx *c, const char *name, Span sp);
TestCase *ast_test_kind(AstCtx *c, TestCase *t, const char *kind, Span sp);
TestCase *ast_test_data(AstCtx *c, TestCase *t, const char *path, Span sp);
TestCase *ast_test_set(AstCtx *c, TestCase *t, const char *name, Span name_sp, Expr *value, RecordInit *rows,
                       bool is_list, Span sp);
TestCase *ast_test_expect(TestCase *t, Expect *x);
Expect *ast_expect(AstCtx *c, ExpectKind k, const char *id, Span id_sp, Expr *value, const char *grade, Span sp);
RecordInit *ast_record(AstCtx *c, RecordInit *list, FieldInit *fields, Span sp);
FieldInit *ast_field_init(AstCtx *c, FieldInit *list, const char *name, Span name_sp, Expr *value);
void ast_add_test(AstCtx *c, TestCase *t, Span sp);

/* Source text of a span, for messages and reports. */
const char *ast_text(Arena *a, const Source *src, Span sp);

#endif
