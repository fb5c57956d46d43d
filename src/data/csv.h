/* csv.h - the one reader of a CSV record (RFC 4180), for every CSV kaoping
 * reads: a form (load_csv.c), a CSV of units and --list files
 * (load_rows.c), a standard's table (table_read.c). */
#ifndef KP_CSV_H
#define KP_CSV_H

#include "diag.h"

typedef struct CsvCell {
    char *text; /* unquoted ("" undone), spaces and tabs around it trimmed; malloc'd */
    Span span;  /* the cell as written: offsets from the record's start */
} CsvCell;

/* The record at *p (before end): its cells, *n of them (malloc'd: csv_free),
 * with *p moved past its line break ("\n", "\r\n" or "\r"). A quoted cell
 * keeps its line breaks; *breaks counts those and the record's own, when
 * not NULL. NULL at the end of the text (an empty text: no record). */
CsvCell *csv_record(const char **p, const char *end, int *n, int *breaks);
void csv_free(CsvCell *cells, int n);

#endif
