/* load_jsontext.c - the JSON text read a second time (see load_jsontext.h).
 * cJSON builds the tree; this strict recursive reader walks the text beside
 * it, node for node, to keep what cJSON drops (the digits of numbers, where
 * containers start) and to say plainly why a text is not JSON. */
#include "load_jsontext.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lex.h"

enum { MAX_DEPTH = 1000 };

typedef struct Scan {
    const Source *src;
    const char *t;
    size_t len, i;
    DiagSink *diag;
    const char *what; /* "file" or "line" */
    bool failed;
    int depth;
    uint32_t open[MAX_DEPTH + 2]; /* where each open '{', '[' or '"' is */
} Scan;

/* ---- faults ---------------------------------------------------------------- */

static Diag *fault(Scan *s, uint32_t at, uint32_t len, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static Diag *fault(Scan *s, uint32_t at, uint32_t len, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap);
    va_end(ap);
    s->failed = true;
    if (at >= s->len && s->len > 0) at = (uint32_t)s->len - 1;
    Span sp = {at, at + (len ? len : 1)};
    if (sp.end > s->len) sp.end = (uint32_t)s->len;
    return diag_at(s->diag, DIAG_ERROR, "K0403", s->src, sp, "%s", msg);
}

/* The text stops with something still open: name what and where. */
static void cut_short(Scan *s) {
    uint32_t last = (uint32_t)s->len;
    while (last > 0 && strchr(" \t\r\n", s->t[last - 1]))
        last--;
    uint32_t at = s->open[s->depth];
    int line, col;
    diag_position(s->src, at, &line, &col);
    char opener = s->t[at], closer = opener == '{' ? '}' : opener == '[' ? ']' : '"';
    s->failed = true;
    Span sp = {last ? last - 1 : 0, last ? last : 1};
    if (sp.end > s->len) sp = (Span){0, 0};
    Diag *g = diag_at(s->diag, DIAG_ERROR, "K0403", s->src, sp,
                      "malformed JSON: the %s ends before the '%c' opened at line %d, column %d is closed", s->what,
                      opener, line, col);
    diag_help(s->diag, g, "the %s is cut short, or a '%c' is missing", s->what, closer);
}

static void unexpected(Scan *s) {
    uint32_t cp = lex_codepoint(s->t + s->i);
    int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    char ch[8];
    memcpy(ch, s->t + s->i, (size_t)n);
    ch[n] = '\0';
    Diag *g = fault(s, (uint32_t)s->i, (uint32_t)n, N_("malformed JSON: unexpected '%s' here"), ch);
    if (cp == 0xFF0C || cp == 0xFF1A || cp == 0x201C || cp == 0x201D)
        diag_help(s->diag, g, "JSON needs ASCII punctuation: , : \" (not the full-width forms)");
    else if (cp == '\'')
        diag_help(s->diag, g, "JSON puts text in double quotes: \"...\"");
}

/* ---- the reader ------------------------------------------------------------- */

static void skip_ws(Scan *s) {
    while (s->i < s->len && (s->t[s->i] == ' ' || s->t[s->i] == '\t' || s->t[s->i] == '\r' || s->t[s->i] == '\n'))
        s->i++;
}

static bool at_end(Scan *s) {
    if (s->i < s->len) return false;
    cut_short(s);
    return true;
}

static int hex4(const char *p) {
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A string at s->i (its '"'). */
static bool string(Scan *s) {
    s->open[s->depth] = (uint32_t)s->i;
    for (s->i++;;) {
        if (s->i >= s->len) {
            cut_short(s);
            return false;
        }
        unsigned char c = (unsigned char)s->t[s->i];
        if (c == '"') {
            s->i++;
            return true;
        }
        if ((c == '\n' || c == '\r') && s->i + strspn(s->t + s->i, " \t\r\n") >= s->len) {
            cut_short(s); /* the last line stops inside quotes */
            return false;
        }
        if (c < 0x20) {
            fault(s, (uint32_t)s->i, 1,
                  N_("malformed JSON: %s inside quotes: write a line break as \\n and a tab as \\t"),
                  c == '\n'   ? _("a line break")
                  : c == '\t' ? _("a tab")
                              : _("a control character"));
            return false;
        }
        if (c != '\\') {
            s->i++;
            continue;
        }
        if (s->i + 1 >= s->len) {
            cut_short(s);
            return false;
        }
        char e = s->t[s->i + 1];
        if (e != 'u') {
            if (!strchr("\"\\/bfnrt", e)) {
                char esc[3] = {'\\', e, 0};
                fault(
                    s, (uint32_t)s->i, 2,
                    N_("malformed JSON: '%s' is not an escape JSON knows (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
                    esc);
                return false;
            }
            s->i += 2;
            continue;
        }
        int v = s->i + 6 <= s->len ? hex4(s->t + s->i + 2) : -1;
        if (v < 0) {
            if (s->i + 6 > s->len && strspn(s->t + s->i + 2, "0123456789abcdefABCDEF") == s->len - s->i - 2) {
                cut_short(s);
                return false;
            }
            fault(s, (uint32_t)s->i, 2, N_("malformed JSON: '%s' must be followed by four hex digits (\\u4e2d)"),
                  "\\u");
            return false;
        }
        if (v >= 0xD800 && v <= 0xDBFF && s->i + 12 <= s->len && s->t[s->i + 6] == '\\' && s->t[s->i + 7] == 'u') {
            int lo = hex4(s->t + s->i + 8);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                s->i += 12;
                continue;
            }
        }
        if (v >= 0xD800 && v <= 0xDFFF) {
            char esc[8];
            memcpy(esc, s->t + s->i, 6);
            esc[6] = '\0';
            Diag *g = fault(s, (uint32_t)s->i, 6,
                            N_("malformed JSON: '%s' is half of a UTF-16 surrogate pair, not a character"), esc);
            diag_help(s->diag, g, "write the character itself, or both halves of the pair (\\ud83d\\ude00)");
            return false;
        }
        s->i += 6;
    }
}

/* Whether a number may stay a plain cJSON number: a whole number of at most
 * 15 digits and no exponent, which a double holds exactly (counts, years).
 * Every other number keeps the digits written, read by dec_parse. */
static bool exact_as_double(const char *p, size_t n) {
    size_t k = 0, whole = 0, frac = 0;
    if (k < n && p[k] == '-') k++;
    while (k < n && p[k] >= '0' && p[k] <= '9')
        k++, whole++;
    if (k < n && p[k] == '.')
        for (k++; k < n && p[k] >= '0' && p[k] <= '9'; k++)
            frac++;
    if (k != n) return false;        /* an exponent */
    return frac == 0 && whole <= 15; /* a whole number a double holds exactly; a fraction keeps its digits */
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? at s->i */
static bool number(Scan *s, cJSON *n) {
    size_t b = s->i, i = s->i;
    const char *t = s->t;
    if (i < s->len && t[i] == '-') i++;
    bool ok = i < s->len && t[i] >= '0' && t[i] <= '9';
    if (ok && t[i] == '0')
        i++;
    else
        while (i < s->len && t[i] >= '0' && t[i] <= '9')
            i++;
    if (ok && i < s->len && t[i] == '.') {
        size_t f = ++i;
        while (i < s->len && t[i] >= '0' && t[i] <= '9')
            i++;
        ok = i > f;
    }
    if (ok && i < s->len && (t[i] == 'e' || t[i] == 'E')) {
        i++;
        if (i < s->len && (t[i] == '+' || t[i] == '-')) i++;
        size_t e = i;
        while (i < s->len && t[i] >= '0' && t[i] <= '9')
            i++;
        ok = i > e;
    }
    /* what a number's text runs to, for the message */
    size_t end = i;
    while (end < s->len && strchr("0123456789+-.eE", t[end]))
        end++;
    if (!ok || end != i) {
        char tok[40];
        size_t k = end - b < sizeof tok - 4 ? end - b : sizeof tok - 4;
        memcpy(tok, t + b, k);
        strcpy(tok + k, end - b > k ? "..." : "");
        fault(s, (uint32_t)b, (uint32_t)(end - b),
              N_("malformed JSON: '%s' is not a number as JSON writes it (12, -0.5, 1e3)"), tok);
        return false;
    }
    if (i - b > 60) {
        fault(s, (uint32_t)b, (uint32_t)(i - b),
              N_("malformed JSON: a number of more than %d characters, the most kaoping reads"), 60);
        return false;
    }
    s->i = i;
    if (n && cJSON_IsNumber(n) && !exact_as_double(t + b, i - b)) {
        char *digits = cJSON_malloc(i - b + 1);
        if (digits) {
            memcpy(digits, t + b, i - b);
            digits[i - b] = '\0';
            n->type = cJSON_Raw; /* printed as written; valueint and valuedouble stay */
            n->valuestring = digits;
        }
    }
    return true;
}

static bool value(Scan *s, cJSON *n);

static bool container(Scan *s, cJSON *n, bool obj) {
    char close = obj ? '}' : ']';
    if (s->depth >= MAX_DEPTH) {
        fault(s, (uint32_t)s->i, 1, N_("malformed JSON: nested more than %d levels deep, the most kaoping reads"),
              MAX_DEPTH);
        return false;
    }
    s->open[++s->depth] = (uint32_t)s->i;
    if (n && (obj ? cJSON_IsObject(n) : cJSON_IsArray(n)))
        n->valueint = (int)s->i + 1; /* unused by cJSON for containers */
    else
        n = NULL;
    cJSON *child = n ? n->child : NULL;
    s->i++;
    skip_ws(s);
    if (at_end(s)) return false;
    if (s->t[s->i] == close) {
        s->i++;
        s->depth--;
        return true;
    }
    for (;;) {
        if (obj) {
            if (s->t[s->i] != '"') {
                unexpected(s);
                return false;
            }
            s->depth++;
            bool ok = string(s);
            s->depth--;
            if (!ok) return false;
            skip_ws(s);
            if (at_end(s)) return false;
            if (s->t[s->i] != ':') {
                unexpected(s);
                return false;
            }
            s->i++;
        }
        if (!value(s, child)) return false;
        if (child) child = child->next;
        skip_ws(s);
        if (at_end(s)) return false;
        if (s->t[s->i] == close) {
            s->i++;
            s->depth--;
            return true;
        }
        if (s->t[s->i] != ',') {
            unexpected(s);
            return false;
        }
        size_t comma = s->i++;
        skip_ws(s);
        if (at_end(s)) return false;
        if (s->t[s->i] == close) {
            char c[2] = {close, 0};
            Diag *g = fault(s, (uint32_t)comma, 1,
                            N_("malformed JSON: a comma before '%s': JSON allows none after the last entry"), c);
            diag_help(s->diag, g, "remove this ','");
            return false;
        }
    }
}

static bool literal(Scan *s, const char *word) {
    size_t n = strlen(word);
    if (s->i + n <= s->len && !memcmp(s->t + s->i, word, n)) {
        s->i += n;
        return true;
    }
    size_t k = 0; /* the text stops inside the word */
    while (k < n && s->i + k < s->len && s->t[s->i + k] == word[k])
        k++;
    if (k < n && s->i + k + strspn(s->t + s->i + k, " \t\r\n") >= s->len) {
        s->i = s->len;
        return !at_end(s);
    }
    unexpected(s);
    return false;
}

static bool value(Scan *s, cJSON *n) {
    skip_ws(s);
    if (at_end(s)) return false;
    char c = s->t[s->i];
    switch (c) {
    case '{': return container(s, n, true);
    case '[': return container(s, n, false);
    case '"': {
        s->depth++;
        bool ok = string(s);
        s->depth--;
        return ok;
    }
    case 't': return literal(s, "true");
    case 'f': return literal(s, "false");
    case 'n': return literal(s, "null");
    default:
        /* +1 and .5 too, to say what JSON writes instead */
        if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) return number(s, n);
        unexpected(s);
        return false;
    }
}

bool jtext_scan(const Source *src, cJSON *tree, DiagSink *diag, bool line) {
    return jtext_scan_range(src, 0, (uint32_t)src->len, tree, diag, line);
}

bool jtext_scan_range(const Source *src, uint32_t from, uint32_t to, cJSON *tree, DiagSink *diag, bool line) {
    Scan s = (Scan){.src = src, .t = src->text, .len = to, .i = from, .diag = diag, .what = line ? "line" : "file"};
    skip_ws(&s);
    if (s.i >= s.len) {
        diag_file(diag, DIAG_ERROR, "K0403", src,
                  "the file is empty: expected a unit { ... } or a list of units [ ... ]");
        return false;
    }
    s.open[0] = (uint32_t)s.i;
    if (!value(&s, tree)) return false;
    skip_ws(&s);
    if (s.i < s.len) {
        Span sp = {(uint32_t)s.i, (uint32_t)s.i + 1};
        Diag *g =
            diag_at(diag, DIAG_ERROR, "K0403", src, sp, "malformed JSON: more data after the end of the first value");
        diag_help(diag, g,
                  line ? "a line of JSON Lines holds one unit { ... }"
                       : "a file holds one unit { ... } or one list of units [ {...}, {...} ]");
        return false;
    }
    return true;
}

const char *jtext_digits(const cJSON *j) {
    return j && cJSON_IsRaw(j) ? j->valuestring : NULL;
}

bool jtext_is_number(const cJSON *j) {
    return cJSON_IsNumber(j) || (j && cJSON_IsRaw(j));
}

bool jtext_offset(const cJSON *j, uint32_t *off) {
    if (!j || !(cJSON_IsObject(j) || cJSON_IsArray(j)) || j->valueint <= 0) return false;
    *off = (uint32_t)j->valueint - 1;
    return true;
}

/* ---- positions in the text, for messages (cJSON keeps none) ---------------- */

/* The offset just past the JSON value that starts at from (or the text's end). */
static uint32_t value_end(const Source *src, uint32_t from) {
    int depth = 0;
    bool str = false;
    for (uint32_t i = from; i < src->len; i++) {
        char ch = src->text[i];
        if (str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                str = false;
        } else if (ch == '"')
            str = true;
        else if (ch == '[' || ch == '{')
            depth++;
        else if ((ch == ']' || ch == '}') && --depth <= 0)
            return i + 1;
    }
    return (uint32_t)src->len;
}

bool jtext_find_key(const Source *src, uint32_t from, const char *key, int nth, Span *sp) {
    size_t klen = strlen(key);
    if (klen == 0 || from >= src->len) return false;
    const char *end = src->text + value_end(src, from);
    /* the text may hold NUL bytes: search by length, not with strstr */
    for (const char *p = src->text + from + 1; p + klen + 1 <= end; p++) {
        if (p[-1] != '"' || memcmp(p, key, klen) != 0 || p[klen] != '"') continue;
        const char *q = p + klen + 1;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
            q++;
        if (q >= end || *q != ':' || --nth > 0) continue;
        sp->begin = (uint32_t)(p - 1 - src->text);
        sp->end = (uint32_t)(p + klen + 1 - src->text);
        return true;
    }
    return false;
}

uint32_t *jtext_element_offsets(const Source *src, int *n) {
    const char *t = src->text;
    size_t i = src->len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3) ? 3 : 0; /* a byte-order mark */
    while (i < src->len && strchr(" \t\r\n", t[i]) && t[i])
        i++;
    int cap = 16, k = 0;
    uint32_t *offs = malloc(sizeof *offs * (size_t)cap);
    if (!offs) return NULL;
    if (i >= src->len || t[i] != '[') {
        offs[0] = (uint32_t)i;
        *n = 1;
        return offs;
    }
    int depth = 0;
    bool str = false, want = false; /* want: the next value starts an element */
    for (; i < src->len; i++) {
        char ch = t[i];
        if (str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                str = false;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') continue;
        if (want && ch != ']') {
            if (k == cap) {
                uint32_t *no = realloc(offs, sizeof *offs * (size_t)(cap *= 2));
                if (!no) break;
                offs = no;
            }
            offs[k++] = (uint32_t)i;
        }
        want = false;
        if (ch == '"')
            str = true;
        else if (ch == '[' || ch == '{')
            want = depth++ == 0;
        else if (ch == ']' || ch == '}')
            depth--;
        else if (ch == ',' && depth == 1)
            want = true;
    }
    *n = k;
    return offs;
}

bool jtext_element_span(const Source *src, const cJSON *j, int index, Span *sp) {
    uint32_t i;
    if (src->made || !jtext_offset(j, &i) || i >= src->len || src->text[i] != '[') return false;
    for (int k = 0;; k++) {
        i++; /* past '[' or ',' */
        while (i < src->len && strchr(" \t\r\n", src->text[i]) && src->text[i])
            i++;
        uint32_t b = i, e;
        if (i >= src->len) return false;
        if (src->text[i] == '[' || src->text[i] == '{') {
            e = value_end(src, i);
        } else if (src->text[i] == '"') {
            for (e = i + 1; e < src->len && src->text[e] != '"'; e++)
                if (src->text[e] == '\\') e++;
            e = e < src->len ? e + 1 : e;
        } else {
            for (e = i; e < src->len && !strchr(",]} \t\r\n", src->text[e]) && src->text[e]; e++)
                ;
        }
        if (k == index) return *sp = (Span){b, e > b ? e : b + 1}, true;
        for (i = e; i < src->len && src->text[i] != ',' && src->text[i] != ']'; i++)
            ;
        if (i >= src->len || src->text[i] == ']') return false;
    }
}
