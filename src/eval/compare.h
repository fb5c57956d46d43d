/* compare.h - one unit across two years (kaoping compare): its total, grade
 * and categories under the old standard with the old data (A) and under the
 * new standard with the new data (C), the change split exactly into
 *   unit effect     = B - A   (the unit changed: both under the old standard)
 *   standard effect = C - B   (the standard changed: both on the new data)
 * where B scores the new data under the old standard (the new data moved to
 * the old year: dates back by the years between, renamed facts under their
 * old names, and facts the old standard needs that the new data lacks taken
 * from the old data). B - A + C - B = C - A to the last digit. */
#ifndef KP_COMPARE_H
#define KP_COMPARE_H

#include "diff.h"
#include "eval.h"

/* A row: a category, a bonus section, the penalties, or the total. */
typedef struct CompareRow {
    const char *id, *title;
    bool in_old, in_new;
    Dec before, middle, after; /* A, B, C: 0 where the row is not in that standard */
    Dec unit, standard, change;
} CompareRow;

/* An item whose score moved, and by how much (standard or unit effect). */
typedef struct CompareItem {
    const char *id, *title;
    Dec from, to, effect;
    const DiffEntry *why; /* the item's change between the standards, or NULL */
    bool by_task;         /* an unchanged item whose task deductions moved */
} CompareItem;

typedef struct Comparison {
    const char *name;
    const Unit *old_unit, *new_unit;
    const Result *a, *b, *c; /* b NULL when the new data cannot be read under the old standard */
    const char *b_error;     /* ... and why */
    CompareRow *rows;        /* categories, bonus sections, penalties, in the new standard's order; then the total */
    int nrows;
    CompareItem *unit_items, *std_items; /* largest effect first */
    int nunit_items, nstd_items;
    int years; /* new year - old year */
} Comparison;

/* The standard effect and unit effect of one unit's pair of results: the
 * arithmetic, separate for the unit tests. */
void compare_split(Comparison *c, const Diff *diff, Arena *arena);

#endif
