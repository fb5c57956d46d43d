/* lines.c - lines from a stream (see lines.h). */
#include "lines.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"

enum { BLOCK = 1 << 16 };

bool line_next(LineReader *r, char **buf, size_t *len, size_t *cap, size_t max, bool append, bool *too_long) {
    if (!append) *len = 0, *too_long = false;
    if (!r->blk) r->blk = arena_xrealloc(NULL, BLOCK);
    bool any = false;
    for (;;) {
        if (r->bpos == r->blen) {
            if (r->eof) break;
            r->blen = fread(r->blk, 1, BLOCK, r->f);
            r->bpos = 0;
            if (r->blen == 0) {
                r->eof = true;
                break;
            }
        }
        any = true;
        char *from = r->blk + r->bpos, *nl = memchr(from, '\n', r->blen - r->bpos);
        size_t n = nl ? (size_t)(nl - from) : r->blen - r->bpos;
        if (*len + n > max) {
            *too_long = true;
        } else {
            if (*len + n + 1 > *cap) {
                *cap = (*len + n + 1) * 2 > max + 1 ? max + 1 : (*len + n + 1) * 2;
                if (*cap < *len + n + 1) *cap = *len + n + 1;
                *buf = arena_xrealloc(*buf, *cap);
            }
            memcpy(*buf + *len, from, n);
            *len += n;
            (*buf)[*len] = '\0';
        }
        r->bpos += n + (nl != NULL);
        if (nl) break;
    }
    if (any) r->line++;
    return any;
}

bool line_record(LineReader *r, char **buf, size_t *len, size_t *cap, size_t max, bool *too_long) {
    if (!line_next(r, buf, len, cap, max, false, too_long)) return false;
    bool quoted = false;
    size_t scanned = 0;
    for (;;) {
        for (; scanned < *len; scanned++)
            if ((*buf)[scanned] == '"') quoted = !quoted;
        if (!quoted || *too_long) break;
        /* a quote is open: the line break is part of the cell */
        if (*len + 2 > *cap) *buf = arena_xrealloc(*buf, *cap = (*len + 2) * 2);
        (*buf)[(*len)++] = '\n';
        (*buf)[*len] = '\0';
        scanned = *len;
        if (!line_next(r, buf, len, cap, max, true, too_long)) break;
    }
    if (*len && (*buf)[*len - 1] == '\r') (*buf)[--*len] = '\0';
    return true;
}
