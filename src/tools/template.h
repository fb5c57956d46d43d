/* template.h - 'kaoping template': a blank data file for one unit kind,
 * every fact that kind needs with its label, type, bounds and default as
 * guidance, in a shape 'kaoping eval' reads once it is filled in. */
#ifndef KP_TEMPLATE_H
#define KP_TEMPLATE_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"

/* kind: an index into the standard's kinds, or -1 for every kind. */
void template_json(const Standard *std, int kind, FILE *out);
void template_csv(const Standard *std, int kind, FILE *out);
/* A CSV of units: a header row (name, kind, year, each fact but lists by
 * its name) and one row to copy for each unit. */
void template_csv_rows(const Standard *std, int kind, FILE *out);
/* A workbook to fill in (template_xlsx.c): with a kind, a form sheet (fact,
 * guide, value) and a sheet per list fact; without, a sheet of units per
 * kind and a sheet per list fact with a unit column. Cells are validated
 * from the declarations and the sheets protected but for the cells to
 * fill. Written to path; false when it cannot be, with *error saying why
 * when that is known (libxlsxwriter cannot be loaded, or its error), else
 * NULL. */
bool template_xlsx(const Standard *std, int kind, const char *path, const char **error);

/* What template_*.c share (template.c): */
/* Whether a fact is asked of units of kind (-1: of any kind). */
bool template_wanted(const Fact *f, int kind);
/* "label · type · from 0 to 50 · default 0", malloc'd; in the user's
 * language when tr. */
char *template_guide(const Fact *f, bool tr);
/* A value as data writes it: 96 for 96%, "2013-07-01", "AA". */
void template_value(const Fact *f, const Value *v, char *buf, size_t cap);

#endif
