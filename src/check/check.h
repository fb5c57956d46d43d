/* check.h - the checker: the only place that judges a standard. It resolves
 * names to slots, types every expression, checks that points add up, and
 * builds the flat tables the evaluator indexes. */
#ifndef KP_CHECK_H
#define KP_CHECK_H

#include <stdbool.h>

#include "ast.h"

/* True when the standard has no errors (warnings allowed). */
bool check_standard(Standard *std, Arena *arena, DiagSink *diag);

/* The fact or field named name, or NULL. */
Fact *check_find_fact(const Standard *std, const char *name);
/* The kind with this id or label, or -1. */
int check_find_kind(const Standard *std, const char *name);
/* Index of an enum member, or -1. */
int check_enum_member(const Fact *f, const char *s);
/* A part's points for a unit of this kind: its 'kind K points N' when one
 * names the kind, else its points. */
Dec check_part_points(const Part *p, int kind);
/* Label of a fact or field (its name when it has none). */
const char *check_fact_label(const Fact *f);

#endif
