/* eval.h - the evaluator: a pure function from a checked standard and one
 * unit's facts to a result. It computes every number a report shows;
 * renderers only format them. */
#ifndef KP_EVAL_H
#define KP_EVAL_H

#include "ast.h"
#include "unit.h"

/* Where a task stands on the as-of date. */
typedef enum {
    TASK_NOT_APPLICABLE, /* not for this unit's kind */
    TASK_ON_TIME,        /* done by its due date */
    TASK_LATE,           /* done, after its due date (days: how late) */
    TASK_OVERDUE,        /* not done, past its due date (days: how long) */
    TASK_DUE_SOON,       /* not done, due within the 'soon' days (days: how many left) */
    TASK_NOT_DUE,        /* not done, not due yet (days: how many left) */
} TaskStatus;

typedef struct TaskResult {
    const Task *task;
    TaskStatus status;
    int32_t done_on; /* the day it was done (ON_TIME, LATE) */
    int days;
} TaskResult;

typedef struct PhaseResult {
    const Phase *phase;
    int tasks, done; /* tasks that apply, and how many of them are done */
    bool complete;
} PhaseResult;

/* How to evaluate: the day to stand on (tasks, deadlines) and how many
 * days ahead a task counts as due soon. */
typedef struct EvalOptions {
    int32_t as_of;
    int soon;
    bool explain;                  /* keep every step (RuleResult.trace) */
    const struct PeerTable *peers; /* the run's other units (peer.h); NULL: each unit is its own only peer */
    const struct Program *program; /* the standard compiled (program.h); NULL, or another standard's: compiled here */
    /* only the unit's scores are read (items', parts', the total, grade,
     * pass, vetoes, outputs): ItemResult.rules is NULL, and there is no
     * rectification list (Result.rect), deadline or rule target */
    bool scores_only;
} EvalOptions;

typedef enum {
    TARGET_NONE,      /* nothing to aim at (a score below the full points) */
    TARGET_RAISE,     /* raise `subject` to `goal` */
    TARGET_LOWER,     /* lower `subject` to `goal` */
    TARGET_ZERO,      /* bring the count `subject` to 0 */
    TARGET_CONDITION, /* make the rule's condition false */
    TARGET_TASK,      /* do the task (rule->task) */
} TargetKind;

/* One step of a rule's evaluation, kept when explaining (kaoping explain). */
typedef enum {
    TR_VALUE,   /* an expression and its value (facts read, sub-results) */
    TR_GAP,     /* how far the value is below (or above) the bar */
    TR_STEPS,   /* the gap divided by the step */
    TR_COUNTED, /* the steps counted: started steps whole, completed only, or pro rata */
    TR_TIMES,   /* points per step x steps */
    TR_CAPPED,  /* the rule's cap applied */
    TR_ROUNDED, /* rounded to the standard's decimals */
    TR_MEMBERS, /* the records (or values) of an aggregate that counted */
} TraceKind;

/* One record of an aggregate that counted (passed its 'where'). */
typedef struct TraceMember {
    int index;      /* its place in the list (0-based); a range's value counts from lo */
    bool named;     /* name holds what names it: a text field, the value itself */
    Value name;     /* ... else it is shown by its place */
    bool has_value; /* sum, avg, min, max: what it gave */
    Dec value;
} TraceMember;

typedef struct TraceStep {
    TraceKind kind;
    const Expr *expr;           /* TR_VALUE; TR_MEMBERS: the aggregate */
    Value value;                /* TR_VALUE: its value; other steps: value.u.num; TR_MEMBERS: how many records in all */
    const TraceMember *members; /* TR_MEMBERS */
    int nmembers;
    const struct Fact *name_fact; /* TR_MEMBERS: the type of the names (NULL: integers) */
} TraceStep;

typedef struct RuleResult {
    const Rule *rule;
    Dec amount;     /* points the rule deducts (or adds, or the score it sets), rounded */
    Dec lost;       /* the part of the item's lost points put down to this rule */
    Dec steps;      /* per rules: steps counted */
    Dec per_step;   /* per rules: the points of one step */
    Dec step, gap;  /* per rules: the step, and the distance to the bar */
    Dec value, bar; /* per rules (has_value): the value counted and the bar */
    const Expr *subject;
    Dec goal;
    Dec short_by;          /* whole counts: how many more (or fewer) reach the goal; else 0 */
    TraceStep *trace;      /* explained evaluations only */
    struct PeerSeen *peer; /* what a peer function read (peer.h), or NULL */
    StepMode mode;         /* per rules: how the steps were counted */
    TargetKind target;
    int32_t deadline;
    int ntrace;
    /* the flags together: a unit's rule results are many, and zeroed for each unit */
    bool fired;
    bool has_value;
    bool goal_inclusive; /* goal reached at the value itself (>=), or only beyond it */
    bool has_deadline;   /* rectification: due by deadline (rule, item, or the inspection) */
    bool overdue;        /* ... and the as-of day is past it */
} RuleResult;

typedef struct ItemResult {
    const Part *item;
    bool applies;
    bool floored, capped;
    int nfired; /* how many of its rules fired: readers skip an item with none without reading its rules */
    Dec points; /* the item's points (0 for bonus and penalties) */
    Dec base;   /* starting value: points, or what a 'score' rule set */
    Dec deducted, added;
    Dec added_counted; /* what of its additions counted within its caps (its part sums this) */
    Dec score;         /* final; for a penalty, the points it takes off the total */
    Dec lost;          /* points - score */
    RuleResult *rules; /* item->nrules */
} ItemResult;

typedef struct PartResult {
    const Part *part;
    bool applies;
    Dec points; /* the points of its items that apply to the unit */
    Dec score;
    Dec lost;            /* points - score */
    Dec counted;         /* a bonus section: its score within its cap */
    Dec deducted, added; /* what its items took and gave, before any floor */
    Dec added_counted;   /* what of the additions counted within its caps */
    bool floored, capped;
} PartResult;

typedef struct Rectification {
    const ItemResult *item;
    const RuleResult *rule;
    Dec lost;
} Rectification;

typedef struct Result {
    const Standard *std;
    const Unit *unit;
    const char *error;            /* NULL, or why the unit could not be scored */
    Span error_span;              /* in the standard */
    bool rejected;                /* the error is data breaking a 'require': the unit is invalid */
    const struct Require *broken; /* ... that requirement (render_rejection locates it) */
    ItemResult *items;            /* std->nitems */
    PartResult *parts;            /* std->nparts */
    Dec items_score;              /* sum of the scores of the items that apply */
    Dec items_max;                /* sum of their points */
    Dec items_scaled;             /* items_score scaled to the standard's total (折算) */
    Dec bonus_raw, bonus, penalty;
    Dec raw_total; /* items_score + bonus - penalty */
    Dec total;     /* items_scaled + bonus - penalty, floored at 0: graded */
    int grade;     /* index into std->grade_tab; -1 when the standard has no grades */
    bool pass;
    bool *vetoes; /* std->nvetoes */
    int nvetoes;  /* how many fired */
    Rectification *rect;
    int nrect;
    int32_t as_of;
    TaskResult *tasks;   /* std->ntasks */
    PhaseResult *phases; /* std->nphases */
    Dec rect_lost;       /* the points of all rectification entries */
    /* what the vetoes that fired did (language.md, "Vetoes") */
    Dec score_total;   /* the total before any veto acted; total is after */
    Dec veto_deducted; /* the fixed penalties of the vetoes that fired, summed */
    Dec *veto_amounts; /* std->nvetoes: a fired 'deduct' veto's penalty, else 0 */
    bool zeroed;       /* a 'zero' veto set the total to 0 */
    int band_grade;    /* the band of the total; grade differs when a veto forced it */
    bool grade_forced; /* a 'grade' veto lowered the grade below band_grade */
    bool disqualified; /* a disqualifying veto fired: the unit fails */
    Value *outputs;    /* std->noutputs, in order */
} Result;

/* Scores one unit; everything is allocated in arena. */
Result *eval_unit_with(const Standard *std, const Unit *u, Arena *arena, const EvalOptions *opt);
/* The same standing on the day after the campaign's last day (the last
 * phase's end; the standard's year's 31 December without phases), when
 * every task is due: the final assessment. soon = 14. */
Result *eval_unit(const Standard *std, const Unit *u, Arena *arena);
Result *eval_unit_explained(const Standard *std, const Unit *u, Arena *arena);
/* The campaign's last day, the default as-of day of tests. */
int32_t eval_campaign_end(const Standard *std);

/* A rule's amount with its sign, as a standard's table reads it: negative
 * for a deduction that fired and for a 'zero' (不得分: the item's points it
 * takes), positive for an addition, signed for an adjustment, the score a
 * score rule set; 0 when it did not fire. */
static inline Dec eval_rule_signed(const RuleResult *rr) {
    Dec d = dec_zero();
    if (!rr->fired) return d;
    bool takes = rr->rule->kind == RULE_DEDUCT || rr->rule->kind == RULE_ZERO;
    if (!takes || dec_neg(rr->amount, &d) != DEC_OK) d = rr->amount;
    return d;
}

#endif
