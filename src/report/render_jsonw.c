/* render_jsonw.c - JSON text written straight into a buffer, in cJSON's
 * layout (see render_jsonw.h). cJSON_Print puts a line break after '{' and
 * after each member, a tab before each member per level (an array is a
 * level too), a tab after the colon, ", " between elements of an array
 * (which stays on one line), and the closing brace one level out. */
#include "render_jsonw.h"

#include <stdint.h>
#include <string.h>

/* Room for n more bytes (n <= JW_BUF) at the end of the buffer. */
static inline char *room(JsonW *w, size_t n) {
    if (n > JW_BUF - w->len) jw_flush(w);
    return w->buf + w->len;
}

static void put(JsonW *w, const char *s, size_t n) {
    if (n > JW_BUF - w->len) {
        jw_flush(w);
        if (n > JW_BUF) {
            fwrite(s, 1, n, w->out);
            return;
        }
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static inline void put1(JsonW *w, char c) {
    if (w->len == JW_BUF) jw_flush(w);
    w->buf[w->len++] = c;
}

static void indent(JsonW *w, int n) {
    char *p = room(w, (size_t)n);
    memset(p, '\t', (size_t)n);
    w->len += (size_t)n;
}

void jw_start(JsonW *w, FILE *out, int depth) {
    w->out = out;
    w->pretty = depth >= 0;
    w->depth = depth < 0 ? 0 : depth;
    w->first = true;
    w->in_array = 0;
    w->len = 0;
}

void jw_flush(JsonW *w) {
    if (w->len) fwrite(w->buf, 1, w->len, w->out);
    w->len = 0;
}

/* Before a value: in an array, the separator from the element before. */
static void value(JsonW *w) {
    if (w->depth < JW_MAX_DEPTH && (w->in_array >> w->depth & 1) && !w->first) put(w, ", ", w->pretty ? 2 : 1);
    w->first = false;
}

static void open(JsonW *w, char c, bool array) {
    value(w);
    put1(w, c);
    w->depth++;
    if (w->depth < JW_MAX_DEPTH) {
        if (array)
            w->in_array |= (uint64_t)1 << w->depth;
        else
            w->in_array &= ~((uint64_t)1 << w->depth);
    }
    w->first = true;
}

void jw_object(JsonW *w) {
    open(w, '{', false);
    if (w->pretty) put1(w, '\n');
}

void jw_end_object(JsonW *w) {
    if (w->pretty) {
        if (!w->first) put1(w, '\n');
        indent(w, w->depth - 1);
    }
    put1(w, '}');
    w->depth--;
    w->first = false;
}

void jw_array(JsonW *w) {
    open(w, '[', true);
}

void jw_end_array(JsonW *w) {
    put1(w, ']');
    w->depth--;
    w->first = false;
}

/* What cJSON writes for each byte of a string: 0 the byte itself, else the
 * letter after the backslash ('u': \u00XX). */
static const char esc[256] = {
    ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't', ['"'] = '"', ['\\'] = '\\',
    [0] = 'u',    [1] = 'u',    [2] = 'u',    [3] = 'u',    [4] = 'u',    [5] = 'u',   [6] = 'u',
    [7] = 'u',    [11] = 'u',   [14] = 'u',   [15] = 'u',   [16] = 'u',   [17] = 'u',  [18] = 'u',
    [19] = 'u',   [20] = 'u',   [21] = 'u',   [22] = 'u',   [23] = 'u',   [24] = 'u',  [25] = 'u',
    [26] = 'u',   [27] = 'u',   [28] = 'u',   [29] = 'u',   [30] = 'u',   [31] = 'u',
};

static const char hex[] = "0123456789abcdef";

/* Escapes s[0..n) to p, which has room for 6 n bytes; returns the end. */
/* Whether any of 8 bytes is below 0x20, '"' or '\\' (bytes of 0x80 and
 * over never count): the bit tricks of "Bit Twiddling Hacks". */
static inline bool any_escape8(uint64_t x) {
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return (((x - ones * 0x20) | (q - ones) | (b - ones)) & ~x & high) != 0;
}

static inline char *escape_to(char *p, const char *s, size_t n) {
    size_t i = 0;
    for (uint64_t x; i + 8 <= n; i += 8) { /* 8 bytes at a time while none needs an escape */
        memcpy(&x, s + i, 8);
        if (any_escape8(x)) break;
        memcpy(p, &x, 8);
        p += 8;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char e = esc[c];
        if (!e) {
            *p++ = (char)c;
        } else if (e == 'u') {
            memcpy(p, "\\u00", 4);
            p[4] = hex[c >> 4];
            p[5] = hex[c & 15];
            p += 6;
        } else {
            p[0] = '\\';
            p[1] = e;
            p += 2;
        }
    }
    return p;
}

void jw_escaped(JsonW *w, const char *s, size_t n) {
    /* in pieces that fit the buffer escaped */
    while (n) {
        size_t k = n < JW_BUF / 6 ? n : JW_BUF / 6;
        char *p = room(w, 6 * k);
        w->len = (size_t)(escape_to(p, s, k) - w->buf);
        s += k;
        n -= k;
    }
}

void jw_key(JsonW *w, const char *key) {
    size_t n = strlen(key);
    if (n > JW_BUF / 8) { /* a key of kilobytes: in pieces */
        if (!w->first) put(w, ",\n", w->pretty ? 2 : 1);
        w->first = false;
        if (w->pretty) indent(w, w->depth);
        put1(w, '"');
        jw_escaped(w, key, n);
        put(w, "\":\t", w->pretty ? 3 : 2);
        return;
    }
    char *p = room(w, 6 * n + (size_t)w->depth + 8), *q = p;
    if (!w->first) {
        *q++ = ',';
        if (w->pretty) *q++ = '\n';
    }
    w->first = false;
    if (w->pretty)
        for (int i = 0; i < w->depth; i++)
            *q++ = '\t';
    *q++ = '"';
    q = escape_to(q, key, n);
    *q++ = '"';
    *q++ = ':';
    if (w->pretty) *q++ = '\t';
    w->len += (size_t)(q - p);
}

void jw_strn(JsonW *w, const char *s, size_t n) {
    value(w);
    if (n > JW_BUF / 8) {
        put1(w, '"');
        jw_escaped(w, s, n);
        put1(w, '"');
        return;
    }
    char *p = room(w, 6 * n + 2), *q = p;
    *q++ = '"';
    q = escape_to(q, s, n);
    *q++ = '"';
    w->len += (size_t)(q - p);
}

void jw_str(JsonW *w, const char *s) {
    if (s)
        jw_strn(w, s, strlen(s));
    else
        jw_null(w);
}

void jw_raw(JsonW *w, const char *s, size_t n) {
    value(w);
    put(w, s, n);
}

void jw_frag(JsonW *w, const char *s, size_t n) {
    if (!n) return;
    put(w, s, n);
    w->first = false;
}

void jw_frag_value(JsonW *w, const char *s, size_t n) {
    value(w);
    put(w, s, n);
}

void jw_null(JsonW *w) {
    jw_raw(w, "null", 4);
}

void jw_bool(JsonW *w, bool b) {
    if (b)
        jw_raw(w, "true", 4);
    else
        jw_raw(w, "false", 5);
}

void jw_int(JsonW *w, long long v) {
    value(w);
    char *p = room(w, 20);
    w->len = (size_t)(dec_int_text(p, v) - w->buf);
}

void jw_dec(JsonW *w, Dec d, int places) {
    if (d.den == 1) { /* a whole number: its digits, as dec_format writes them */
        jw_int(w, d.num);
        return;
    }
    char b[64];
    size_t n = dec_format(d, places, b, sizeof b);
    jw_raw(w, b, n);
}

void jw_member_dec(JsonW *w, Dec d, int places) {
    if (d.den == 1) { /* after its key: no separator */
        char *p = room(w, 20);
        w->len = (size_t)(dec_int_text(p, d.num) - w->buf);
        return;
    }
    jw_dec(w, d, places);
}
