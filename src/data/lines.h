/* lines.h - lines from a stream, read in blocks, so that memory does not
 * grow with a file's length: JSON Lines, and CSV records (a line break
 * inside quotes is part of the cell). */
#ifndef KP_LINES_H
#define KP_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct LineReader {
    FILE *f;
    char *blk; /* the block read; free() it when done */
    size_t blen, bpos;
    bool eof;
    long line; /* lines read so far */
} LineReader;

/* The next line, without its "\n", into *buf (at most max bytes kept; more
 * sets *too_long); appended to what *buf holds when append. False at the end. */
bool line_next(LineReader *r, char **buf, size_t *len, size_t *cap, size_t max, bool append, bool *too_long);
/* One CSV record: lines are joined while a quote is open; a final "\r" is
 * dropped. False at the end. */
bool line_record(LineReader *r, char **buf, size_t *len, size_t *cap, size_t max, bool *too_long);

#endif
