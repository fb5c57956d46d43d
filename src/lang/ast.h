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
    TY_PERIOD, /* years(n), months(n), days(n): added to or taken from a date */
    TY_KIND,   /* the unit's kind, or a declared kind compared with it */
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
    bool of_values;      /* list of T: fields is one field 'it' of type T, the value itself */
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
    EX_KIND, /* 'kind': the unit's kind */
    EX_YEAR, /* 'year': the unit's year */
    EX_EACH, /* an aggregate's first argument: NAME in LO..HI, NAME in LIST[.FIELD], distinct LIST[.FIELD] */
    EX_TOTAL, /* outputs: the unit's final total */
    EX_GRADE, /* outputs: the unit's final grade, as text */
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
    FN_GIVEN, /* given(fact): the fact is present in the unit's data */
    /* peer functions (peer.h): the fact's values in the other units of the run */
    FN_RANK,      /* 1 + peers with a strictly greater value */
    FN_RANK_LOW,  /* 1 + peers with a strictly lower value */
    FN_PEERS,     /* peers with a value (the unit itself included) */
    FN_PEER_MAX,  /* best(), peer_max() */
    FN_PEER_MIN,  /* peer_min() */
    FN_PEER_MEAN, /* peer_mean() */
    FN_YEARS, /* calendar.c: periods, parts of a date, whole steps */
    FN_MONTHS,
    FN_DAYS,
    FN_MONTH,
    FN_DAY,
    FN_YEAR_OF,
    FN_CEIL,
    FN_FLOOR,
    FN_VETOED, /* vetoed(ID): did the veto fire (outputs); Expr.slot is its index */
    FN_PART_SCORE,  /* part_score(ID): a part's score for the unit, 0 where it does not apply (outputs) */
    FN_PART_POINTS, /* part_points(ID): the points of a part that apply to the unit (outputs) */
    FN_FIRED,  /* fired("1.1a"): did a rule written before, in the same item, fire; Expr.slot is its index there */
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
        struct {
            const char *var; /* the name bound to each value; NULL: 'it' */
            Span var_span;
            struct Expr *lo, *hi; /* a range of integers, or NULL */
            struct Expr *list;    /* a list (EX_NAME) */
            const char *field;    /* LIST.FIELD: the field's values; NULL: the list's values */
            Span field_span;
            bool distinct; /* each different value once */
        } each;
    } u;
    /* checker */
    TypeKind type;
    const struct Fact *type_fact; /* enum or list: the fact declaring it */
    int slot;                     /* EX_NAME: fact slot, or field index when is_field;
                                     EX_STRING compared with an enum: the member's index */
    bool is_field;
    Builtin fn;
    const struct Let *let; /* EX_NAME naming a 'let': its declaration (checker) */
    int up; /* EX_NAME of a field or a bound name: how many aggregates out its list is (0: the innermost) */
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
    bool optional; /* may be absent: given(x) tells; a rule reading it absent does not fire */
    Span optional_span;
    uint32_t needed_by; /* kinds (bit per kind) scored on something reading it */
    uint32_t asked_by;  /* kinds with a task done by it (optional: absent is not done) */
    bool given_read;    /* read by given(): it may be absent from the data */
    bool peer_read;     /* read by a peer function: its values are gathered over the run */
    const char *key;    /* `key "date"`: the data's key for it, or NULL (its name) */
    Span key_span;
    bool empty_default; /* `default []`: a list left out is empty */
    Span empty_span;
    const char *shown; /* "label (key)", how reports name it (label: its name when it has none), or NULL */
    size_t shown_len;
} Fact;

/* The key a unit's data gives the fact by: its `key`, else its name. */
static inline const char *fact_key(const Fact *f) {
    return f->key ? f->key : f->name;
}

/* RULE_ZERO: the item scores 0 whatever else (不得分); RULE_ADJUST: a signed
 * change either way (a judged 加減分) */
typedef enum { RULE_DEDUCT, RULE_ADD, RULE_SCORE, RULE_ZERO, RULE_ADJUST } RuleKind;
typedef enum { STEP_DEFAULT, STEP_STARTED, STEP_COMPLETED, STEP_PRO_RATA } StepMode;
typedef enum { GAP_NONE, GAP_BELOW, GAP_ABOVE } GapDir;

typedef enum {
    OPT_WHEN,
    OPT_STEP,
    OPT_CAP,
    OPT_MODE,
    OPT_DEADLINE,
    OPT_FINAL,
    OPT_NUMBER,
    OPT_APPLIES
} RuleOptKind;
typedef struct RuleOpt {
    RuleOptKind kind;
    Expr *e;
    StepMode mode;
    Span span;
    struct RuleOpt *next;
    StrList *names; /* OPT_APPLIES: the kinds the rule exists for */
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
    const char *number; /* the standard's own number ("1a"), or NULL */
    Span number_span;
    /* 'applies' on the rule: the kinds it exists for, as written (NULL: its
     * item's), and as a mask (checker) */
    const StrList *applies;
    uint32_t kinds;
} Rule;

typedef enum { PART_CATEGORY, PART_GROUP, PART_ITEM, PART_BONUS, PART_PENALTY } PartKind;

/* kind vertical points 15;  a variant of the table for some kinds */
typedef struct KindPoints {
    StrList *kinds;
    Expr *points;
    Span span;
    struct KindPoints *next;
    uint32_t mask; /* checker */
    Dec value;
} KindPoints;

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
    struct Part *last_child; /* parser: the end of children, where the next is appended */
    Rule *rules;
    struct Part *next;
    /* the part's bounds (doc/language.md, "Points and floors at every level") */
    bool no_cap;           /* cap none: may end above its points */
    Span cap_span;         /* where 'cap ...;' was written in the body */
    bool add_after_floor;  /* add after floor: deductions stop at the floor first */
    Span order_span;
    Expr *applies_when;    /* applies when CONDITION: otherwise it leaves the maximum */
    Expr *add_cap;         /* add cap N: the most its additions count, together */
    KindPoints *kind_points; /* other points for some kinds */
    bool scaled;           /* scaled: its score is scaled to its points when fewer apply (折算) */
    Span scaled_span;
    Expr *weight;          /* weight 80%: a category's share in a weighted total */
    /* checker */
    Dec add_cap_value;
    Dec weight_value; /* 1 without a weight */
    bool implicit;     /* the item the checker made of a category's or group's own rules */
    bool holds_points; /* its points are its own: its parts carry none */
    bool sum_part;     /* its score is the sum of its parts' (they carry the points) */
    struct Part *parent;
    Dec pts; /* points value (0 when none) */
    Dec cap_value;
    bool has_cap;
    uint32_t kinds; /* kinds scored on it */
    int index;      /* items and penalties: index into results; parts: part index */
    int nrules;
    const StrList *owners; /* responsible, inherited */
    const char *number;    /* the standard's own number ("1.2"), or NULL */
    Span number_span;
    bool number_twice; /* the head wrote 'number' twice */
} Part;

/* What a veto does when it fires (一票否決 means different things). */
typedef enum {
    VETO_DISQUALIFY, /* the unit fails; score and grade by score kept (the default) */
    VETO_GRADE,      /* the grade is forced: a named one, or the worst; score kept */
    VETO_DEDUCT,     /* a fixed penalty off the total, which stops at 0 */
    VETO_ZERO,       /* the total is 0 */
} VetoEffect;

typedef struct VetoEffectSpec {
    VetoEffect effect;
    bool written;      /* the effect word is in the source (not the default) */
    const char *grade; /* VETO_GRADE: the grade named; NULL: the worst */
    Expr *amount;      /* VETO_DEDUCT */
    Span span;
} VetoEffectSpec;

typedef struct Veto {
    const char *id, *title, *reason;
    Span span, id_span;
    Expr *when;
    struct Veto *next;
    int index;
    VetoEffectSpec effect;
    int grade_index; /* checker: VETO_GRADE, the forced grade's index in grade_tab */
} Veto;

/* require CONDITION [reason "..."]: a unit whose data breaks it is rejected */
typedef struct Require {
    Expr *cond;
    const char *reason;
    Span span;
    struct Require *next;
} Require;
/* A named result that is not points: output ID ["label"] = EXPR; (a reward
 * in yuan, an eligibility). Its type is its expression's. */
typedef struct OutputDef {
    const char *id, *label;
    Span span, id_span;
    Expr *value;
    struct OutputDef *next;
    int index; /* checker */
} OutputDef;

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

/* A named expression: let window_start "label" = assessment_date - years(3); */
typedef struct Let {
    const char *name, *label;
    Span name_span, span;
    Expr *e;
    struct Let *next;
    /* checker */
    int index;
    int state;       /* 0 not checked, 1 being checked (a cycle), 2 checked */
    uint32_t marked; /* kinds already propagated to the facts it reads */
    bool used;
} Let;

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
    EXPECT_RULE, /* a rule named by its number: its signed amount */
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
    bool by_number;   /* id is the standard's own number of a part or rule */
    const Rule *rule; /* EXPECT_RULE */
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
enum { REV_VETO = 10, REV_FACT, REV_PHASE, REV_TASK, REV_KIND, REV_LET, REV_OUTPUT };
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
    struct Let *let;
    struct OutputDef *output;
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
    Require *requires;
    bool weighted;        /* some category has a weight: the total is their weighted sum, rounded */
    bool no_floor_total;  /* floor none; in the header: the total may fall below 0 */
    bool add_after_floor; /* add after floor; in the header: every part's default */
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
    Part **item_tab;   /* items of categories and bonus, and penalties, in order */
    Part **part_tab;   /* categories, groups, bonus sections in order */
    Veto **veto_tab;
    GradeBand **grade_tab;
    Let *lets; /* named expressions, in order */
    int nlets;
    Let **let_tab;
    /* outputs: results beside the score, in order (noutputs, output_tab by the checker) */
    OutputDef *outputs;
    int noutputs;
    OutputDef **output_tab;
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
/* an aggregate's source: a range lo..hi, or list[.field] (field may be NULL) */
Expr *ast_each_range(AstCtx *c, Expr *lo, Expr *hi, Span sp);
Expr *ast_each_list(AstCtx *c, const char *list, Span list_sp, const char *field, Span field_sp, Span sp);
Expr *ast_each_bind(Expr *each, const char *var, Span var_sp, bool distinct, Span sp);
TypeSpec ast_list_of(AstCtx *c, TypeSpec elem, Span sp);

StrList *ast_strs(AstCtx *c, StrList *list, const char *s, Span sp);
Fact *ast_fact(AstCtx *c, const char *name, Span name_sp, TypeSpec t, const char *label, Expr *lo, Expr *hi, Expr *def,
               Span sp);
Fact *ast_facts(Fact *list, Fact *f);
Fact *ast_fact_optional(Fact *f, bool optional, Span sp);
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
Part *ast_part_cap(Part *p, Expr *cap, bool none, Span sp);
Part *ast_part_order(Part *p, Span sp);
Part *ast_part_add_cap(Part *p, Expr *cap);
Part *ast_part_kind_points(AstCtx *c, Part *p, StrList *kinds, Expr *points, Span sp);
Part *ast_part_scaled(Part *p, Span sp);
Part *ast_part_weight(Part *p, Expr *w);
Part *ast_part_applies_when(Part *p, Expr *cond);
void ast_add_require(AstCtx *c, Expr *cond, const char *reason, Span sp);
void ast_header_floor_none(AstCtx *c);
void ast_header_add_after_floor(AstCtx *c);
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

/* veto effects and outputs */
VetoEffectSpec ast_effect(VetoEffect k, const char *grade, Expr *amount, Span sp, bool written);
struct Veto *ast_veto_set_effect(struct Veto *v, VetoEffectSpec e);
void ast_add_veto_effect(AstCtx *c, struct Veto *v, VetoEffectSpec e);
Expr *ast_result(AstCtx *c, ExprKind k, Span sp);
OutputDef *ast_output(AstCtx *c, const char *id, Span id_sp, const char *label, Expr *value, Span sp);
void ast_add_output(AstCtx *c, OutputDef *o);
void ast_replace_output(AstCtx *c, OutputDef *o);

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
/* What may follow a fact's type, as the parser gathers it (in the arena:
 * the parser's stack of values holds a pointer, not the whole). */
typedef struct FactOpts {
    Expr *lo, *hi, *def;
    const char *renames, *key;
    Span renames_span, key_span, empty_span, optional_span;
    bool empty, optional;
} FactOpts;
FactOpts *ast_fact_opts_new(AstCtx *c, Span sp);
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
Part *ast_part_number(Part *p, const char *number, Span sp);
Expect *ast_expect_number(AstCtx *c, ExpectKind k, const char *number, Span num_sp, Expr *value, Span sp);
Expect *ast_expect_word(AstCtx *c, const char *word, Span word_sp, const char *number, Span num_sp, Expr *value,
                        Span sp);

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

/* named expressions, and a rule's kinds */
Let *ast_let(AstCtx *c, const char *name, Span name_sp, const char *label, Expr *e, Span sp);
void ast_add_let(AstCtx *c, Let *l);
void ast_replace_let(AstCtx *c, Let *l);
RuleOpt *ast_opt_applies(AstCtx *c, RuleOpt *list, StrList *kinds, Span sp);
Expr *ast_unit_kind(AstCtx *c, Span sp);
Expr *ast_unit_year(AstCtx *c, Span sp);

/* Source text of a span, for messages and reports. */
const char *ast_text(Arena *a, const Source *src, Span sp);

#endif
