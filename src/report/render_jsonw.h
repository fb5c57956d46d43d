/* render_jsonw.h - JSON text written straight into a buffer, laid out
 * byte for byte as cJSON prints a tree of the same members (cJSON_Print
 * with its tabs, or cJSON_PrintUnformatted), without building the tree:
 * the scorecard of a unit is tens of kilobytes, and a tree of it costs a
 * malloc and a free per member. Strings are escaped as cJSON escapes them
 * (", \, \b \f \n \r \t, other bytes below 0x20 as \u00XX; UTF-8 and 0x7F
 * kept); numbers are written from exact decimal text. */
#ifndef KP_RENDER_JSONW_H
#define KP_RENDER_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "decimal.h"

enum { JW_BUF = 32768, JW_MAX_DEPTH = 64 };

typedef struct JsonW {
    FILE *out;
    int depth;         /* levels of nesting, cJSON's (arrays count) */
    bool pretty;       /* cJSON_Print's layout, else one line */
    bool first;        /* nothing written yet in the innermost container */
    uint64_t in_array; /* bit d: the container at depth d is an array */
    size_t len;        /* bytes in buf, not yet written to out */
    char buf[JW_BUF];
} JsonW;

/* Starts writing to out: compact (depth < 0), or formatted as if printed
 * `depth` levels deep (a unit of the JSON document: 2). */
void jw_start(JsonW *w, FILE *out, int depth);
/* Writes what the buffer holds to out. */
void jw_flush(JsonW *w);

void jw_object(JsonW *w); /* { */
void jw_end_object(JsonW *w);
void jw_array(JsonW *w); /* [ */
void jw_end_array(JsonW *w);
/* A member's key; its value follows. */
void jw_key(JsonW *w, const char *key);

/* Values (an element of an array, or after jw_key). */
void jw_str(JsonW *w, const char *s); /* NULL: null */
void jw_strn(JsonW *w, const char *s, size_t n);
void jw_null(JsonW *w);
void jw_bool(JsonW *w, bool b);
void jw_int(JsonW *w, long long v);
/* A number from its exact decimal text, at most `places` decimals. */
void jw_dec(JsonW *w, Dec d, int places);
/* Text already JSON (a number, a string with its quotes), as it is. */
void jw_raw(JsonW *w, const char *s, size_t n);

/* A member whose key is a string literal that needs no escape (plain
 * ASCII, no quote or backslash), and its value; the key's length is known
 * when compiled, and the key is copied where it is written (these macros
 * do not compile with a key that is not a literal: give such a key to
 * jw_key). */
static inline void jw_key_lit(JsonW *w, const char *key, size_t n);
/* a member's value after jw_key_lit: a number from its exact decimal text */
void jw_member_dec(JsonW *w, Dec d, int places);
#define JW_LIT(key) "" key, sizeof(key) - 1
#define jw_k(w, key) jw_key_lit(w, JW_LIT(key))
#define jw_kstr(w, key, s) (jw_key_lit(w, JW_LIT(key)), jw_str(w, s))
#define jw_kbool(w, key, b) (jw_key_lit(w, JW_LIT(key)), jw_bool(w, b))
#define jw_kint(w, key, v) (jw_key_lit(w, JW_LIT(key)), jw_int(w, v))
#define jw_kdec(w, key, d, places) (jw_key_lit(w, JW_LIT(key)), jw_member_dec(w, d, places))

/* inline, so that the key's length is a constant where it is copied */
static inline void jw_key_lit(JsonW *w, const char *key, size_t n) {
    if (n > JW_BUF / 2) {
        jw_key(w, key);
        return;
    }
    int d = w->pretty ? w->depth : 0;
    if (n + (size_t)d + 6 > JW_BUF - w->len) jw_flush(w);
    char *q = w->buf + w->len;
    if (!w->first) {
        *q++ = ',';
        if (w->pretty) *q++ = '\n';
    }
    w->first = false;
    for (int i = 0; i < d; i++)
        *q++ = '\t';
    *q++ = '"';
    memcpy(q, key, n);
    q += n;
    *q++ = '"';
    *q++ = ':';
    if (w->pretty) *q++ = '\t';
    w->len = (size_t)(q - w->buf);
}

/* Members written before (by this writer, in the same layout and at the
 * same depth), copied as they are. */
void jw_frag(JsonW *w, const char *s, size_t n);
/* A value written before (an object, an array...), as jw_frag. */
void jw_frag_value(JsonW *w, const char *s, size_t n);

/* Bytes of text with JSON's escapes, no quotes, into the buffer (for a
 * string written in pieces: jw_raw the quotes). */
void jw_escaped(JsonW *w, const char *s, size_t n);

#endif
