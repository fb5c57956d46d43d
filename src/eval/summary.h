/* summary.h - the county's summary across every unit scored: grades,
 * vetoes, the ranking, mean and spread per category, the items that lose
 * the most points, and the rectification load of each responsible unit.
 * An accumulator: summary_add one Result at a time (the Result may be freed
 * right after), then summary_finish, then read the struct (render_summary.c
 * prints it as text or JSON; an HTML report may draw from it alike).
 *
 * Exact arithmetic: each score is taken at the standard's decimals as a
 * whole number of hundredths (or whatever the decimals are) and summed in
 * 128-bit integers. The mean is the exact quotient, shown rounded half away
 * from zero at the standard's decimals; the spread is the population
 * standard deviation, sqrt(n*sum(x^2) - sum(x)^2) / n, computed with an
 * integer square root and rounded the same way: no binary floating point. */
#ifndef KP_SUMMARY_H
#define KP_SUMMARY_H

#include "eval.h"

/* Mean and spread of one score (the total, or a category's) over the units
 * it applies to. Set by summary_finish. */
typedef struct SummaryStat {
    const Part *part; /* a category, or NULL for the total */
    long units;       /* units it applies to */
    Dec mean, min, max, sd;
    Dec points;          /* the mean of its points that apply (a category's items can apply by kind), rounded alike */
    Dec share;           /* mean / points x 100, exact (a percentage; 0 when points is 0) */
    __int128 sum, sumsq; /* internal: scaled sums */
    __int128 points_sum; /* internal */
    int64_t lo, hi;      /* internal: scaled min and max */
} SummaryStat;

/* One unit in the ranking (its name and kind copied: the Result is gone). */
typedef struct SummaryUnit {
    const char *name, *file;
    int kind;  /* index into the standard's kinds (0 when it has none) */
    Dec total; /* the graded total */
    int grade; /* index into the standard's grades (final: a veto may have forced it); -1: none */
    bool pass, vetoed;
    long rank;                                      /* 1 = highest total; equal totals share a rank (1, 2, 2, 4) */
    long kind_rank;                                 /* the same among the units of its kind */
    bool grade_forced, disqualified, total_changed; /* what its vetoes did */
} SummaryUnit;

/* An item's (or a penalty's) losses over the units it applies to. */
typedef struct SummaryItem {
    const Part *item;
    long applies, losing; /* units it applies to; units that lost points on it */
    Dec lost;             /* points lost, summed over the units (a penalty: taken) */
    int64_t scaled;       /* internal */
} SummaryItem;

/* The rectification entries of one responsible unit (owner), over units. */
typedef struct SummaryOwner {
    const char *owner; /* "" for entries with no responsible unit */
    long entries, overdue;
    Dec lost;       /* points at stake */
    int64_t scaled; /* internal */
} SummaryOwner;

typedef struct Summary {
    const Standard *std;
    long units;          /* units scored */
    long not_scored;     /* units read but not scored (summary_skip) */
    long *by_grade;      /* [std->ngrades]: units in each grade (final: a veto may have forced it) */
    long passed, failed; /* failed includes the vetoed */
    long vetoed;         /* units with at least one veto */
    long *by_veto;       /* [std->nvetoes]: units each veto fired for */
    SummaryStat total;   /* the graded total */
    SummaryStat *cats;   /* [ncats]: each category, in the standard's order */
    int ncats;
    SummaryUnit *ranking;  /* [units]: after summary_finish, best first (input order among equals) */
    SummaryItem *items;    /* [std->nitems] in the standard's order */
    SummaryItem **weakest; /* [nweakest]: items that lost points, most lost first */
    int nweakest;
    SummaryOwner *owners; /* [nowners]: after summary_finish, most points at stake first */
    int nowners;
    /* internal */
    Arena *arena;
    long cap;
    int owners_cap;
    /* vetoes' effects and outputs */
    long forced;           /* units whose grade a veto forced (counted in by_grade by that grade) */
    Dec *output_sum;       /* [std->noutputs]: numeric outputs summed over the units */
    bool *output_overflow; /* [std->noutputs]: the sum went past what a decimal holds (output_sum is not it) */
    long *output_yes;      /* [std->noutputs]: yes/no outputs: units with yes */
} Summary;

Summary *summary_new(const Standard *std);
/* Adds a scored unit (res->error must be NULL). */
void summary_add(Summary *s, const Result *res);
/* Counts a unit read but not scored (its data had errors, or its scoring
 * failed). */
void summary_skip(Summary *s);
/* Sorts and computes the means and spreads; call once, after the last add. */
void summary_finish(Summary *s);
void summary_free(Summary *s);

#endif
