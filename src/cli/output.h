/* output.h - where a report goes: standard output, or FILE written whole
 * or not at all. FILE is written to a temporary file beside it
 * (FILE.tmp.XXXXXX), removed if the run is interrupted (SIGINT, SIGTERM)
 * and renamed over FILE once complete: FILE keeps its permissions, and a
 * symbolic link is written through to its target. A FILE that is a device
 * or a pipe (/dev/null, a FIFO) is written to directly. */
#ifndef KP_OUTPUT_H
#define KP_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

typedef struct Output {
    FILE *f;          /* where to write */
    const char *path; /* NULL: stdout */
    char *real;       /* path with links resolved, when it exists */
    char *tmp;        /* NULL: written directly */
} Output;

/* Opens path (NULL: standard output); false after saying why on stderr. */
bool output_open(Output *o, const char *path);
/* Keeps the output when keep (renames it into place), else discards it;
 * false after saying why when it could not be written. */
bool output_close(Output *o, bool keep);

#endif
