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

#endif
