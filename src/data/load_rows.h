/* load_rows.h - a CSV of units, one per row, and the list files of --list
 * (load_rows.c): each row becomes a job of the batch (batch_job.h). */
#ifndef KP_LOAD_ROWS_H
#define KP_LOAD_ROWS_H

#include "batch_job.h"

typedef struct RowLists RowLists;
typedef struct CsvRows CsvRows;
/* Reads the list files FACT=FILE.csv (whole: they are indexed by unit);
 * *ok false when one is unusable (reported in d). Free it with
 * rows_lists_free after d is printed, in either case. */
RowLists *rows_lists_load(const Standard *std, const char *const *specs, int n, DiagSink *d, bool *ok);
/* Warns about list rows for units that never came, then frees. */
void rows_lists_free(RowLists *l, DiagSink *d);
/* header: the first record's text (already read, BOM skipped). */
CsvRows *rows_open(const Standard *std, const char *path, RowLists *lists, const Source *header, DiagSink *d);
/* Fills j (text, value, locate) from the next record's text; false when
 * the row is empty (nothing to score). */
bool rows_unit(CsvRows *r, Job *j);
void rows_close(CsvRows *r);
/* True when the header names a column fact or value: a CSV form. */
bool rows_is_form(const Source *header);

#endif
