/* verify.h - 'kaoping test': runs the test cases written beside a standard
 * (test blocks in the rule file and in NAME.tests.kp) and reports each
 * failing case with its file:line, expected and actual values. */
#ifndef KP_VERIFY_H
#define KP_VERIFY_H

#include <stdio.h>

#include "ast.h"

typedef struct VerifyStats {
    int passed, failed;
    int errors;         /* cases whose unit could not be built (a data file missing) */
    int items, covered; /* items with a losing and a keeping case */
} VerifyStats;

/* Runs every test case of a checked standard. Failures go to out, data
 * problems to diag (printed by the caller). A case's data file must lie in
 * the folder of the file holding the case unless allow_outside. */
void verify_standard(const Standard *std, bool allow_outside, FILE *out, DiagSink *diag, VerifyStats *stats);
/* Prints the items that lack a losing or a keeping case. */
void verify_coverage(const Standard *std, FILE *out, VerifyStats *stats);

#endif
