/* table_read.h - a table of a standard, as an office keeps it, read into
 * rows of cell texts for 'kaoping import' (import.c): a CSV file, the first
 * sheet of an Excel workbook (.xlsx) or the tables of a Word document
 * (.docx). Merged cells are undone: a cell merged down (Word's w:vMerge,
 * Excel's merged ranges) repeats its text in each row it covers, a cell
 * merged across (w:gridSpan) holds its text in its first column and leaves
 * the others empty. */
#ifndef KP_TABLE_READ_H
#define KP_TABLE_READ_H

#include <stdbool.h>

#include "diag.h"

typedef struct TableRow {
    char **cell; /* trimmed text, never NULL */
    int n;
    int line; /* the row's number in its file (a CSV line, a sheet row, a Word table's row) */
} TableRow;

typedef struct Table {
    TableRow *rows;
    int nrows, cap;
    char *title;  /* a line of text above the table (the document's first paragraph), or NULL */
    bool too_big; /* more rows than a standard's table has (the rest not read) */
} Table;

/* Reads the table at path by its extension (.csv, .xlsx, .docx, any case);
 * false after errors in d. */
bool table_read(const char *path, Table *t, DiagSink *d);
void table_free(Table *t);

#endif
