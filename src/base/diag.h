/* diag.h - diagnostics: records queued in a sink the caller owns, and one
 * printer that shows file:line:col, the source line and a caret aligned by
 * display width (CJK characters are two columns). */
#ifndef KP_DIAG_H
#define KP_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

/* A byte range in a source text. */
typedef struct Span {
    uint32_t begin, end;
} Span;

/* A file read whole into memory (rule file or data file). */
typedef struct Source {
    const char *path;
    char *text; /* NUL-terminated, owned by the source */
    size_t len;
    bool made; /* text made by kaoping (a test's unit), not a file: no positions */
    /* A revised standard's spans cover several files: each file's spans
     * start at its origin, and next is the file it revises (revise.c). */
    uint32_t origin;
    const struct Source *next;
    int line0;     /* lines before text in its file (a JSON line, a CSV record read
                      alone); positions are printed as line0 + the line in text */
    uint32_t col0; /* display columns before text on its first line (a unit cut
                      from a long line of its file): added to that line's columns,
                      and the line is shown with "..." before it */
    bool goes_on;  /* ... and its last line goes on in the file: "..." after it */
    /* A workbook read as JSON text, one cell a line (load_xlsx.c): cells[L-1]
     * names the cell of line L ("表單!C7"), printed instead of line:col and
     * with no excerpt. One allocation, freed by source_free. */
    char **cells;
    int ncells;
    /* diag.c's own: in a long text, the last position it found (of text, len),
     * where the next one later in the text starts counting */
    struct {
        const char *text;
        size_t len, col;
        uint32_t off, start;
        int line;
    } pos;
} Source;

/* Display columns of s[0..len) counted on from col, as diagnostics count
 * them (a tab to the next multiple of 8, a CJK character two). */
size_t diag_columns(const char *s, size_t len, size_t col);

/* The file of a chain holding span sp, with *sp made relative to it. */
const Source *source_at(const Source *src, Span *sp);

typedef enum { DIAG_ERROR, DIAG_WARNING } DiagLevel;

typedef struct Diag {
    DiagLevel level;
    const char *code;  /* stable code, e.g. "K0101" (for tests) */
    const char *path;  /* the file the message is about, or "kaoping" */
    const Source *src; /* for positions; NULL for messages with none */
    bool has_span;     /* false: "file: error: ..." with no line */
    Span span;
    char *msg;
    char *label; /* printed after the caret, may be NULL */
    char *help;  /* "= help: ..." line, may be NULL */
    struct Diag *next;
} Diag;

typedef struct DiagSink {
    Arena *arena;
    Diag *head, *tail;
    int errors, warnings;
    int max_errors;   /* stop recording errors after this many (20) */
    int max_warnings; /* and warnings after this many (100) */
    bool overflowed, warnings_cut;
} DiagSink;

void diag_init(DiagSink *d);
void diag_free(DiagSink *d);
/* Adds a record with a span in src. */
Diag *diag_at(DiagSink *d, DiagLevel lv, const char *code, const Source *src, Span sp, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Adds a record about a file (src may be NULL) with no position. */
Diag *diag_file(DiagSink *d, DiagLevel lv, const char *code, const Source *src, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_label(DiagSink *d, Diag *g, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_help(DiagSink *d, Diag *g, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool diag_too_many(const DiagSink *d);
/* True when a record of this level would no longer be kept. */
bool diag_full(const DiagSink *d, DiagLevel lv);
/* "kaoping: error: MSG" (or warning) on standard error at once, for
 * problems of the command line that have no place in a file. */
void diag_cli(DiagLevel lv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints every record, in order, then "too many errors" when cut off. */
void diag_print(const DiagSink *d, FILE *out);
/* Prints one record. */
void diag_print_one(const Diag *g, FILE *out);
/* Line (1-based) and display column (1-based) of a byte offset. */
void diag_position(const Source *src, uint32_t offset, int *line, int *col);
/* Line and display column (1-based) of a record; 0, 0 when it has none. */
void diag_where(const Diag *g, int *line, int *col);

/* Reads a whole text file of at most max bytes; on failure (unreadable,
 * too large, a NUL byte) adds an error and returns false. */
bool source_read(Source *s, const char *path, size_t max, DiagSink *d);
void source_free(Source *s);
/* True when src is valid UTF-8; else an error (code, help) at the first bad byte. */
bool source_utf8(const Source *src, DiagSink *d, const char *code, const char *help);

#endif
