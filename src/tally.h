/* tally.h - a minimal tally of many units' results, for the summary page
 * of the HTML report: grade counts, a ranking by total, the items that
 * lost the most points across units, each category's score against its
 * points.
 *
 * TO BE REPLACED by the county summary of issue 10 (src/summary.h,
 * summary_add(Summary *, const Result *)) once it lands on main: the HTML
 * renderer reads only the functions below, so swapping means rewriting
 * render_html_summary() over Summary and deleting this module.
 *
 * A tally copies what it keeps (names, numbers): the results it is given
 * may be freed right after tally_add, as in a streaming run. */
#ifndef KP_TALLY_H
#define KP_TALLY_H

#include "eval.h"

typedef struct TallyUnit {
    const char *name, *kind; /* copies */
    int kind_index;          /* into std->kind_tab (0 without kinds) */
    int order;               /* 0-based, in the order added */
    bool scored;             /* false: invalid data or could not be scored */
    Dec total;
    int grade; /* by score, into std->grade_tab */
    bool pass, vetoed;
    int kind_rank; /* 1-based rank within its kind (scored units) */
} TallyUnit;

typedef struct TallyItem {
    const Part *item;
    Dec lost;        /* points lost by all units together */
    int units;       /* units it applies to */
    int units_short; /* units that lost points on it */
} TallyItem;

typedef struct TallyCategory {
    const Part *part;
    Dec score, points; /* sums over the units it applies to */
    int units;
} TallyCategory;

typedef struct Tally {
    const Standard *std;
    int nunits, nscored, npass, nvetoed, nunscored;
    int *grades; /* std->ngrades: scored units not vetoed, by grade */
    TallyUnit *units;
    int cap;
    TallyItem *items;     /* std->nitems */
    TallyCategory *parts; /* std->nparts (only categories are summed) */
    bool overflow;        /* some sum did not fit: those sums are left short */
    Arena *arena;
} Tally;

Tally *tally_new(const Standard *std);
void tally_add(Tally *t, const Result *res);
/* A unit whose data had errors: counted, not scored. */
void tally_add_invalid(Tally *t, const Unit *u);
/* The scored units by total, highest first (ties in the order added);
 * sets each one's kind_rank. *n: how many. Allocated in the tally. */
const TallyUnit **tally_ranking(Tally *t, int *n);
/* Up to max items that lost the most points (over 0), most first. */
int tally_weakest(const Tally *t, const TallyItem **out, int max);
/* A category's score as a share of its points over all units, in [0, 1];
 * false when it applied to no unit. */
bool tally_category_rate(const Tally *t, const Part *category, Dec *rate);
void tally_free(Tally *t);

#endif
