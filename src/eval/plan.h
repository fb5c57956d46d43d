/* plan.h - 'kaoping plan': for a unit below a grade, the points it needs
 * and the rectifications that would get it there, cheapest first. A plan is
 * computed from a result (eval.h); render_plan.c prints it. */
#ifndef KP_PLAN_H
#define KP_PLAN_H

#include "eval.h"

typedef struct PlanStep {
    const ItemResult *item;    /* the item (or penalty) the rule belongs to */
    const RuleResult *rule;    /* the deduction won back */
    const Rectification *entry; /* its rectification entry, or NULL (its share of a floored item was 0) */
    Dec effort; /* steps to take: the rule's counted steps, a count, or 1 */
    Dec points; /* the item's points (a penalty's) won back by this step */
    Dec gain;   /* what it adds to the graded total */
    Dec total;  /* the graded total once this step and those before it are taken */
} PlanStep;

typedef enum {
    PLAN_REACHED,   /* the steps reach the target */
    PLAN_ALREADY,   /* the unit already has the target grade or better */
    PLAN_TOP,       /* the unit has the top grade: nothing above it */
    PLAN_VETOED,    /* a veto fired: no score reaches a grade that passes */
    PLAN_SHORT,     /* even every rectifiable entry falls short */
    PLAN_NOT_SCORED /* the unit could not be scored */
} PlanOutcome;

typedef struct Plan {
    const Result *res;
    int target;     /* index into std->grade_tab */
    Dec needed;     /* points the graded total must gain */
    Dec fixed_lost; /* points lost to deductions that cannot be rectified */
    PlanOutcome outcome;
    PlanStep *steps;
    int nsteps;     /* steps proposed (all rectifiable entries when short) */
} Plan;

/* target: a grade index, or -1 for the next grade up. */
Plan *plan_unit(const Result *res, int target, Arena *arena);

#endif
