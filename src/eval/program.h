/* program.h - a checked standard compiled once for scoring many units: each
 * rule's numbers and condition resolved to constants and fact slots, in one
 * dense array, so that scoring a unit reads them without walking the rule's
 * expressions. Only what needs no tree is compiled (a number, a fact, 'F',
 * 'not F', 'F op literal'); the rest keeps its expression, and so does a
 * fact the unit does not give: the evaluator then asks the tree, which says
 * what is absent or missing. The evaluator's answers are the same either
 * way (eval.c, rule_number and rule_truth); explaining always walks the tree. */
#ifndef KP_PROGRAM_H
#define KP_PROGRAM_H

#include "arena.h"
#include "ast.h"
#include "bounds.h"

typedef enum { OPERAND_NONE, OPERAND_TREE, OPERAND_CONST, OPERAND_FACT, OPERAND_TIERS } OperandKind;

/* A number a rule reads: a constant, a fact's value, or its expression
 * (the rule's, as written); NONE: the rule has none (no step, no cap).
 * Eight bytes: a unit reads every rule's code, which must stay in cache. */
typedef struct Operand {
    uint8_t kind; /* an OperandKind */
    int32_t at;   /* OPERAND_FACT: the fact's slot; OPERAND_CONST: its place in Program.constants;
                     OPERAND_TIERS: its place in Program.tiers */
} Operand;

/* What a band of 'score tiers' gives: a number, the item's points, or its
 * points times a number (points * 80%). */
typedef enum { TIER_CONST, TIER_POINTS, TIER_POINTS_TIMES } TierValueKind;
typedef struct TierValue {
    uint8_t kind; /* a TierValueKind */
    int32_t at;   /* the number's place in Program.constants */
} TierValue;

typedef struct TierCode {
    uint8_t op;    /* a BinOp */
    int32_t bound; /* as Condition.literal */
    TierValue value;
} TierCode;

/* 'score tiers F { op bound: value; ... else: value }' on a fact of a
 * number, a date or an enum, with literal bounds. */
typedef struct TiersCode {
    uint8_t type; /* the fact's TypeKind */
    int32_t slot;
    int nbands;
    const TierCode *bands;
    TierValue otherwise;
} TiersCode;

typedef enum { CONDITION_NONE, CONDITION_TREE, CONDITION_FACT, CONDITION_NOT_FACT, CONDITION_COMPARE } ConditionKind;

/* A rule's 'when': a boolean fact, its negation, or a fact compared with a
 * literal of its type (a number, a date, an enum's member). */
typedef struct Condition {
    uint8_t kind; /* a ConditionKind */
    uint8_t op;   /* a BinOp: CONDITION_COMPARE */
    uint8_t type; /* a TypeKind: the fact's, how the two compare */
    int32_t slot;
    int32_t literal; /* a date, a boolean, a member's index; a number's place in Program.constants */
} Condition;

/* What scoring reads of a rule, together, in 80 bytes: the rule itself
 * only for an expression not compiled. */
typedef struct RuleCode {
    const Rule *rule;
    Span span;
    uint32_t kinds; /* the kinds it is for (every kind when its item's) */
    uint8_t kind;   /* a RuleKind */
    uint8_t gap;    /* a GapDir */
    uint8_t mode;   /* a StepMode */
    bool mode_given;
    bool task;        /* a task's late or missed deduction */
    bool per_percent; /* 'per' counts a percentage: its step is 1% */
    Operand amount, per, step, bound, cap;
    Condition when;
} RuleCode;

/* What scoring reads of an item, together, instead of across its part;
 * what every item needs within its first 64 bytes. */
typedef struct ItemCode {
    const Part *item;
    uint32_t kinds; /* the kinds it is scored on */
    int nrules;
    bool scored_up;   /* in the bonus section, or a penalty: it starts at 0 */
    bool in_bonus;    /* ... in the bonus section */
    bool penalty;     /* ... a penalty */
    bool conditional; /* 'applies when' on it or a part above it */
    bool own_points;  /* points for some kinds of its own (check_part_points) */
    Dec points;       /* else its points */
    PartBounds bounds;
    const Dec *points_by_kind; /* own_points: by kind index (Program.nkinds of them) */
} ItemCode;

typedef struct Program {
    const Standard *std; /* what it was compiled from (a run of many years scores others too) */
    int nrules;          /* of every item */
    int nkinds;          /* kinds points_by_kind knows */
    int most_rules;      /* the most an item has */
    ItemCode *items;     /* by item index */
    int *first_rule;     /* by item index: its rules' place in rules */
    RuleCode *rules;     /* every item's rules, in the standard's order */
    Dec *constants;      /* the rules' numbers */
    int nconstants;
    TiersCode *tiers; /* the rules' 'score tiers' compiled */
    int ntiers;
    /* the parts' children, by part index, in order: an item's index, or
     * for a category or group, -1 - its part index */
    int *first_child; /* std->nparts + 1 */
    int *children;
    /* the order of scoring: an item's index, or -1 - a part's index for a
     * part whose children are all scored (so a part sums results still in
     * the cache); items in the standard's order */
    int *schedule;
    int nschedule;
    int *penalties; /* the penalties' item indices, in order */
    int npenalties;
} Program;

/* Compiles std (checked); everything is allocated in arena. */
Program *program_new(const Standard *std, Arena *arena);

/* The children of the part at index i of std->part_tab: *n of them. */
static inline const int *program_children(const Program *p, int i, int *n) {
    *n = p->first_child[i + 1] - p->first_child[i];
    return p->children + p->first_child[i];
}

/* The codes of the rules of the item at index i of std->item_tab. */
static inline const RuleCode *program_rules(const Program *p, int i) {
    return p->rules + p->first_rule[i];
}

#endif
