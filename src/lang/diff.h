/* diff.h - what changed between two checked standards (kaoping diff), any
 * two, revision or not: items matched by id (added, removed, moved between
 * categories, re-pointed, retitled, rules changed parameter by parameter),
 * categories and groups with their points before and after, vetoes, grade
 * bands, phases, tasks and facts. Computed here, formatted by render_diff.c. */
#ifndef KP_DIFF_H
#define KP_DIFF_H

#include <stdio.h>

#include "ast.h"

/* One parameter of a rule that changed: "threshold", "below 95%", "below 98%". */
typedef struct DiffParam {
    int rule;                   /* 1-based, in the item's rules as written */
    const char *what;           /* amount, per, threshold, when, step, cap, counting, final, deadline, rule */
    const char *before, *after; /* NULL: the rule (or the option) is not there */
} DiffParam;

enum {
    DIFF_ADDED = 1 << 0,
    DIFF_REMOVED = 1 << 1,
    DIFF_MOVED = 1 << 2,
    DIFF_POINTS = 1 << 3,
    DIFF_TITLE = 1 << 4,
    DIFF_RULES = 1 << 5,
    DIFF_APPLIES = 1 << 6,
    DIFF_WORDING = 1 << 7, /* content or method */
    DIFF_DEADLINE = 1 << 8,
    DIFF_CONDITION = 1 << 9, /* a veto's condition */
    DIFF_DATES = 1 << 10,    /* a phase's or task's dates */
    DIFF_TYPE = 1 << 11,     /* a fact's type, bounds or default */
    DIFF_RENAMED = 1 << 12,  /* a fact under a new name */
    DIFF_BOUND = 1 << 13,    /* a grade band's bound or fail mark */
    DIFF_BOUNDS = 1 << 14,   /* a part's floor, caps, bonus order, applies when, kind points, scaling, weight */
    DIFF_NUMBER = 1 << 15,   /* a part's own number ("1.2") */
};

/* An item (or a penalty) that changed, or a category or group, a veto, a
 * grade band, a phase, a task, a fact: old and new are NULL when absent. */
typedef struct DiffEntry {
    const char *id;
    const void *old, *new_;
    unsigned changes;              /* DIFF_* */
    const Part *old_cat, *new_cat; /* items: their top-level part in each */
    Dec old_points, new_points;
    Dec delta; /* categories and groups in both: new_points - old_points */
    DiffParam *params;
    int nparams;
    const char *before, *after;             /* vetoes: condition; grades: bound; phases, tasks: dates; facts: type;
                                               items: deadline */
    const char *kinds_before, *kinds_after; /* items: the kinds it applies to, when they changed */
    const char *bounds_before, *bounds_after; /* parts: their bounds statements, when they changed */
} DiffEntry;

typedef struct Diff {
    const Standard *old, *new_;
    const char *old_path, *new_path;
    DiffEntry *items; /* changed items and penalties: the new standard's order, then the removed */
    int nitems;
    DiffEntry *parts; /* every category, bonus section and group of either, changed or not */
    int nparts;
    DiffEntry *vetoes, *grades, *phases, *tasks, *facts; /* changed only */
    int nvetoes, ngrades, nphases, ntasks, nfacts;
    int added, removed, moved, repointed, retitled, rules; /* items */
    bool header_changed;                                   /* title, year, total or decimals */
    DiffEntry *lets; /* named expressions that changed (before, after: their expressions) */
    int nlets;
    DiffEntry *outputs;  /* outputs that changed (before, after: their expressions) */
    int noutputs;
    DiffEntry *requires; /* requirements added or removed (id: "require"; before, after: the condition) */
    int nrequires;
} Diff;

/* Compares two checked standards; everything in arena. */
Diff *diff_standards(const Standard *old, const Standard *new_, Arena *arena);
/* The item entry of an id, or NULL when it did not change. */
const DiffEntry *diff_item(const Diff *d, const char *id);
/* True when nothing differs. */
bool diff_empty(const Diff *d);

/* render_diff.c: text grouped by category, and JSON (doc/revisions.md). */
void render_diff_text(FILE *out, const Diff *d, Arena *arena);
struct cJSON *render_diff_json(const Diff *d, Arena *arena);

#endif
