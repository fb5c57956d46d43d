/* xlsx_read.h - Office Open XML packages read safely: a zip archive
 * (libzip) whose XML parts are streamed through expat, every size capped,
 * and on top of it the cells of an Excel workbook (.xlsx) as the text Excel
 * stores. The zip and XML half (xlsx_zip.h) serves Word documents too.
 *
 * Every problem is one error in the DiagSink, about the file or about a
 * cell ("book.xlsx:表單!C7: error: ..."); nothing crashes and memory stays
 * bounded: at most XLSX_MAX_PART bytes of XML a part, XLSX_MAX_TOTAL in all,
 * XLSX_MAX_ROWS rows a sheet, XLSX_MAX_CELLS cells in all, KP_MAX_STRING
 * bytes a cell. */
#ifndef KP_XLSX_READ_H
#define KP_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "xlsx_zip.h"

enum {
    XLSX_MAX_ROWS = 100001, /* rows of a sheet: a header and 100000 records */
    XLSX_MAX_COLS = 16384,  /* Excel's own: A to XFD */
    XLSX_MAX_SHEETS = 256,
    XLSX_MAX_CELLS = 4000000, /* cells with a value in the workbook */
    XLSX_MAX_MERGES = 65536,  /* merged ranges of one sheet */
};

/* ---- workbook cells ---------------------------------------------------- */

typedef enum {
    XLSX_TEXT,    /* a string: shared, inline or a formula's */
    XLSX_NUMBER,  /* digits as stored: "3.25", "1E-3" */
    XLSX_DATE,    /* a number formatted as a date: text is YYYY-MM-DD */
    XLSX_PERCENT, /* a number formatted as a percentage: text is in points, "95%" */
    XLSX_BOOL,    /* text "true" or "false" */
    XLSX_ERROR,   /* text "#DIV/0!" ... */
} XlsxKind;

typedef struct XlsxCell {
    int row, col; /* 0-based */
    XlsxKind kind;
    char *text; /* never NULL, never empty; trimmed of spaces, tabs and line breaks around it */
    bool owned; /* else text is one of the book's shared strings */
} XlsxCell;

/* A range of merged cells: its value is the top-left cell's. */
typedef struct XlsxMerge {
    int row1, col1, row2, col2;
} XlsxMerge;

typedef struct XlsxSheet {
    char *name;
    XlsxCell *cells; /* in row, then column order */
    int ncells, nrows;
    XlsxMerge *merges;
    int nmerges;
} XlsxSheet;

typedef struct XlsxBook {
    XlsxSheet *sheets; /* in the workbook's order */
    int nsheets;
    bool date1904;  /* dates count from 1904-01-01 (old Mac workbooks) */
    char **strings; /* the shared strings (NULL: one too long to read) */
    int nstrings;
} XlsxBook;

/* Reads every sheet of the workbook at path; false after errors in d. */
bool xlsx_read(XlsxBook *b, const char *path, DiagSink *d);
void xlsx_free(XlsxBook *b);
/* "表單!C7" (the sheet's name quoted when Excel would) into buf. */
void xlsx_cell_name(const char *sheet, int row, int col, char *buf, size_t cap);
/* The cell at row, col of a sheet, or NULL. */
const XlsxCell *xlsx_cell(const XlsxSheet *s, int row, int col);
/* A date serial of the 1900 (or 1904) system as YYYY-MM-DD; false when it
 * is not a day from 1900-01-01 to 9999-12-31. */
bool xlsx_serial_date(const char *digits, bool date1904, char *buf, size_t cap);
/* A number cell's text (malloc'd, freed or returned) as the decimal it
 * stands for: a cell holds
 * a double, which writers print with 16 or 17 significant digits (978.93
 * as "978.9299999999999"); Excel keeps 15, so a text of more is rounded
 * to 15 significant digits, half up, on its digits (no floating point):
 * "978.9299999999999" is "978.93". Any other text is left as it is. */
char *xlsx_number_digits(char *text);

#endif
