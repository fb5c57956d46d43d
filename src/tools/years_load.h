/* years_load.h - the standards of a shelf (years.h) loaded, merged with
 * what they revise and checked, and each unit scored against the standard
 * of its own year (eval --rules-dir). */
#ifndef KP_YEARS_LOAD_H
#define KP_YEARS_LOAD_H

#include "years.h"

/* Scans dir for eval --rules-dir and loads its latest standard: its path
 * (the run's standard for everything but scoring), or NULL (reported). */
const char *years_open(YearShelf *shelf, const char *dir, DiagSink *diag);

/* Loads every standard of the shelf (their errors reported), so that
 * years_standard_for only reads: eval --rules-dir scores on threads. */
void years_load_all(YearShelf *shelf, DiagSink *diag);
/* BatchOptions.standard_for over a shelf (ctx) loaded whole: the standard
 * of the unit's year, or NULL after saying why. */
struct cJSON;
const Standard *years_standard_for(void *ctx, const struct cJSON *unit, DiagSink *diag, const Source *src, Span at);

#endif
