/* template.h - 'kaoping template': a blank data file for one unit kind,
 * every fact that kind needs with its label, type, bounds and default as
 * guidance, in a shape 'kaoping eval' reads once it is filled in. */
#ifndef KP_TEMPLATE_H
#define KP_TEMPLATE_H

#include <stdio.h>

#include "ast.h"

/* kind: an index into the standard's kinds, or -1 for every kind. */
void template_json(const Standard *std, int kind, FILE *out);
void template_csv(const Standard *std, int kind, FILE *out);
/* A CSV of units: a header row (name, kind, year, each fact but lists by
 * its name) and one row to copy for each unit. */
void template_csv_rows(const Standard *std, int kind, FILE *out);

#endif
