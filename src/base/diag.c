/* diag.c - diagnostic records and their text printer (see diag.h). */
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "width.h"

void diag_init(DiagSink *d) {
    memset(d, 0, sizeof *d);
    d->arena = arena_new();
    d->max_errors = 20;
    d->max_warnings = 100;
}

void diag_free(DiagSink *d) {
    arena_free(d->arena);
    d->arena = NULL;
    d->head = d->tail = NULL;
}

bool diag_too_many(const DiagSink *d) {
    return d->overflowed;
}

bool diag_full(const DiagSink *d, DiagLevel lv) {
    return lv == DIAG_ERROR ? d->errors >= d->max_errors : d->warnings >= d->max_warnings;
}

static Diag *diag_push(DiagSink *d, DiagLevel lv, const char *code, const Source *src, const char *fmt, va_list ap) {
    if (lv == DIAG_ERROR) {
        d->errors++;
        if (d->errors > d->max_errors) {
            d->overflowed = true;
            return NULL;
        }
    } else {
        d->warnings++;
        if (d->warnings > d->max_warnings) {
            d->warnings_cut = true;
            return NULL;
        }
    }
    Diag *g = arena_alloc(d->arena, sizeof *g);
    g->level = lv;
    g->code = code;
    /* the path is copied: a made source (a test's unit, a CSV form read as
     * JSON) may be gone when the records are printed; it has no positions */
    g->path = arena_strdup(d->arena, src ? src->path : "kaoping");
    g->src = src && !src->made ? src : NULL;
    va_list cp;
    va_copy(cp, ap);
    fmt = _(fmt);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    g->msg = arena_alloc(d->arena, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(g->msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    if (d->tail)
        d->tail->next = g;
    else
        d->head = g;
    d->tail = g;
    return g;
}

const Source *source_at(const Source *src, Span *sp) {
    for (const Source *s = src; s; s = s->next)
        if (sp->begin >= s->origin && sp->begin <= s->origin + s->len) {
            sp->end = sp->end >= sp->begin ? sp->end - s->origin : sp->begin - s->origin;
            sp->begin -= s->origin;
            return s;
        }
    return src;
}

Diag *diag_at(DiagSink *d, DiagLevel lv, const char *code, const Source *src, Span sp, const char *fmt, ...) {
    if (src) src = source_at(src, &sp);
    va_list ap;
    va_start(ap, fmt);
    Diag *g = diag_push(d, lv, code, src, fmt, ap);
    va_end(ap);
    if (g) {
        g->has_span = g->src != NULL;
        g->span = sp;
    }
    return g;
}

Diag *diag_file(DiagSink *d, DiagLevel lv, const char *code, const Source *src, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Diag *g = diag_push(d, lv, code, src, fmt, ap);
    va_end(ap);
    return g;
}

static char *diag_vformat(DiagSink *d, const char *fmt, va_list ap) {
    va_list cp;
    va_copy(cp, ap);
    fmt = _(fmt);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *s = arena_alloc(d->arena, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    return s;
}

void diag_label(DiagSink *d, Diag *g, const char *fmt, ...) {
    if (!g) return;
    va_list ap;
    va_start(ap, fmt);
    g->label = diag_vformat(d, fmt, ap);
    va_end(ap);
}

void diag_help(DiagSink *d, Diag *g, const char *fmt, ...) {
    if (!g) return;
    va_list ap;
    va_start(ap, fmt);
    g->help = diag_vformat(d, fmt, ap);
    va_end(ap);
}

/* Display columns of s[0..len) from col, as the printer shows it: a control
 * byte other than tab prints as '?', one column. */
static size_t shown_advance(const char *s, size_t len, size_t col) {
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x20 && b < 0x7F) { /* printable ASCII: one column (most of a JSON file) */
            col++, i++;
            continue;
        }
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) n = 1, cp = 0xFFFD;
        col = (cp < 0x20 && cp != '\t') || cp == 0x7F ? col + 1 : width_advance(s + i, (size_t)n, col);
        i += (size_t)n;
    }
    return col;
}

size_t diag_columns(const char *s, size_t len, size_t col) {
    return shown_advance(s, len, col);
}

/* Whether s[0..len) shows wider than cols: stops reading there. */
static bool shown_wider(const char *s, size_t len, size_t cols) {
    size_t i = 0, col = 0;
    while (i < len && col <= cols) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) n = 1, cp = 0xFFFD;
        col = (cp < 0x20 && cp != '\t') || cp == 0x7F ? col + 1 : width_advance(s + i, (size_t)n, col);
        i += (size_t)n;
    }
    return col > cols;
}

/* A text this long keeps its last position (Source.pos): each message of a
 * large one-line JSON file then costs the distance from the one before, not
 * from the start of the file. Sources may be read on several threads. */
enum { POS_CACHED = 1 << 16 };
static pthread_mutex_t pos_lock = PTHREAD_MUTEX_INITIALIZER;

/* The line holding offset (1-based in text), its start, and the display
 * columns before offset on it. A line ends at "\n", "\r\n" or a lone "\r". */
static void locate(const Source *src, uint32_t off, int *line, uint32_t *start, size_t *col) {
    if (off > src->len) off = (uint32_t)src->len;
    bool cached = src->len >= POS_CACHED;
    uint32_t from = 0, ls = 0;
    int n = 1;
    size_t c = 0;
    Source *m = (Source *)src; /* the cache is not the text: const to every caller */
    if (cached) {
        pthread_mutex_lock(&pos_lock);
        if (m->pos.text == src->text && m->pos.len == src->len && m->pos.off <= off)
            from = m->pos.off, ls = m->pos.start, n = m->pos.line, c = m->pos.col;
    }
    uint32_t from_ls = ls;
    for (uint32_t i = from; i < off; i++) {
        char ch = src->text[i];
        if (ch == '\n' || (ch == '\r' && (i + 1 >= src->len || src->text[i + 1] != '\n'))) {
            n++;
            ls = i + 1;
        }
    }
    /* the columns go on from the cached offset when it starts a character on
     * the same line (an ASCII byte or a lead byte: never inside a sequence) */
    unsigned char at = from < src->len ? (unsigned char)src->text[from] : 0;
    if (ls == from_ls && from > ls && (at < 0x80 || at >= 0xC0))
        c = shown_advance(src->text + from, off - from, c);
    else
        c = shown_advance(src->text + ls, off - ls, 0);
    if (cached) {
        m->pos.text = src->text, m->pos.len = src->len;
        m->pos.off = off, m->pos.start = ls, m->pos.line = n, m->pos.col = c;
        pthread_mutex_unlock(&pos_lock);
    }
    *line = n;
    *start = ls;
    *col = c;
}

/* Start of the line holding offset, and its number. */
static uint32_t line_start(const Source *src, uint32_t off, int *line) {
    uint32_t start;
    size_t col;
    locate(src, off, line, &start, &col);
    return start;
}

/* The end of the line holding from, or from + most when it goes on further. */
static uint32_t line_end(const Source *src, uint32_t from, uint32_t most) {
    uint32_t e = from, stop = src->len - from > most ? from + most : (uint32_t)src->len;
    while (e < stop && src->text[e] != '\n' && src->text[e] != '\r')
        e++;
    return e;
}

/* Position of an offset in src's own text. */
static void position_in(const Source *src, uint32_t offset, int *line, int *col) {
    uint32_t start;
    size_t c;
    locate(src, offset, line, &start, &c);
    if (*line == 1) c += src->col0; /* the text starts inside its file's line */
    *line += src->line0;
    *col = (int)c + 1;
}

void diag_position(const Source *src, uint32_t offset, int *line, int *col) {
    Span sp = {offset, offset};
    src = source_at(src, &sp);
    position_in(src, sp.begin, line, col);
}

void diag_where(const Diag *g, int *line, int *col) {
    *line = *col = 0;
    if (g->has_span && g->src) position_in(g->src, g->span.begin, line, col);
}

/* Prints the source line with bad bytes shown as '?', so the terminal and
 * the caret agree on widths. */
static void print_line(FILE *out, const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n == 0 || (cp < 0x20 && cp != '\t') || cp == 0x7F) {
            fputc('?', out);
            i++;
            continue;
        }
        fwrite(s + i, 1, (size_t)n, out);
        i += (size_t)n;
    }
}

/* A message, with control characters from data (a unit's name, a value)
 * shown as '?' so they cannot move the cursor or forge lines. */
static void print_text(FILE *out, const char *s) {
    for (; *s; s++)
        fputc(((unsigned char)*s < 0x20 || *s == 0x7F) ? '?' : *s, out);
}

/* Byte offset reached by advancing from `from`, `c` display columns into
 * its line, to column `cols`, not passing `limit`. */
static uint32_t advance_cols(const Source *src, uint32_t from, uint32_t limit, size_t c, size_t cols) {
    uint32_t i = from;
    while (i < limit && c < cols) {
        uint32_t cp;
        int n = utf8_decode(src->text + i, limit - i, &cp);
        if (n == 0) n = 1;
        c = shown_advance(src->text + i, (size_t)n, c);
        i += (uint32_t)n;
    }
    return i;
}

/* advance_cols(src, ls, b, 0, cols) on the line starting at ls, where b is
 * colb columns in, cols < colb: from a stretch before b without tabs (whose
 * widths do not depend on where they start), not from the line's start */
static uint32_t window_from(const Source *src, uint32_t ls, uint32_t b, size_t colb, size_t cols) {
    for (uint32_t back = 512; back < b - ls; back *= 2) {
        uint32_t p = b - back;
        while (p > ls && (unsigned char)src->text[p] >= 0x80) /* an ASCII byte starts a character */
            p--;
        if (p <= ls || memchr(src->text + p, '\t', b - p)) break;
        size_t w = shown_advance(src->text + p, b - p, 0);
        if (w > colb) break;
        if (colb - w < cols) return advance_cols(src, p, b, colb - w, cols);
    }
    return advance_cols(src, ls, b, 0, cols);
}

enum { WINDOW = 100 }; /* a long line shows this many columns around the caret */
/* bytes after the caret looked at for the line's end: more than WINDOW
 * columns of any text but the most contrived */
enum { WINDOW_BYTES = 1 << 16 };

void diag_print_one(const Diag *g, FILE *out) {
    const char *lv = g->level == DIAG_ERROR ? _("error") : _("warning");
    const char *help = _("help");
    const char *path = g->path;
    if (!g->has_span) {
        fprintf(out, "%s: %s: ", path, lv);
        print_text(out, g->msg);
        fputc('\n', out);
        if (g->help) fprintf(out, "  = %s: %s\n", help, g->help);
        return;
    }
    const Source *src = g->src;
    int line, col;
    position_in(src, g->span.begin, &line, &col);
    if (src->cells && line - src->line0 >= 1 && line - src->line0 <= src->ncells && src->cells[line - src->line0 - 1]) {
        fprintf(out, "%s:%s: %s: ", path, src->cells[line - src->line0 - 1], lv);
        print_text(out, g->msg);
        fputc('\n', out);
        if (g->help) fprintf(out, "  = %s: %s\n", help, g->help);
        return;
    }
    fprintf(out, "%s:%d:%d: %s: ", path, line, col, lv);
    print_text(out, g->msg);
    fputc('\n', out);
    int in_text;
    uint32_t ls = line_start(src, g->span.begin, &in_text);
    if (in_text == 1 && src->col0) col -= (int)src->col0; /* columns within the text, for the window */
    /* the line's end is looked for from the caret, and not further than a
     * window can show: a one-line file of 24 MB is not read to its end for
     * each message */
    uint32_t b = g->span.begin < src->len ? g->span.begin : (uint32_t)src->len;
    uint32_t le = line_end(src, b < ls ? ls : b, WINDOW_BYTES);
    bool cut_short =
        (le < src->len && src->text[le] != '\n' && src->text[le] != '\r') || (le == src->len && src->goes_on);
    if (b > le) b = le;
    /* a very long line is cut to a window that holds the caret */
    const char *pre = in_text == 1 && src->col0 ? "..." : "", *post = "";
    bool long_line = shown_wider(src->text + ls, le - ls, WINDOW + 20);
    if (long_line && col > WINDOW / 2 + 10) {
        uint32_t from = window_from(src, ls, b, (size_t)col - 1, (size_t)col - 1 - WINDOW / 2);
        /* step to a code point boundary */
        while (from < b && (src->text[from] & 0xC0) == 0x80)
            from++;
        ls = from;
        pre = "...";
    }
    uint32_t cut = long_line ? advance_cols(src, ls, le, 0, WINDOW) : le;
    if (cut < le || cut_short) le = cut, post = "...";
    char num[16];
    int w = snprintf(num, sizeof num, "%d", line);
    fprintf(out, "%*s |\n", w, "");
    fprintf(out, "%s | %s", num, pre);
    print_line(out, src->text + ls, le - ls);
    if (*post) fputs(post, out);
    fputc('\n', out);
    /* caret: spaces up to the start (tabs kept so they line up), then one
     * '^' per display column of the span on this line (at least one) */
    fprintf(out, "%*s | %s", w, "", *pre ? "   " : "");
    size_t c0 = 0;
    for (uint32_t i = ls; i < b;) {
        uint32_t cp;
        int n = utf8_decode(src->text + i, b - i, &cp);
        if (n == 0) n = 1;
        size_t c1 = shown_advance(src->text + i, (size_t)n, c0);
        if (src->text[i] == '\t')
            fputc('\t', out);
        else
            for (size_t k = c0; k < c1; k++)
                fputc(' ', out);
        c0 = c1;
        i += (uint32_t)n;
    }
    uint32_t e = g->span.end < le ? g->span.end : le;
    size_t carets = e > b ? shown_advance(src->text + b, e - b, c0) - c0 : 1;
    if (carets == 0) carets = 1;
    for (size_t k = 0; k < carets; k++)
        fputc('^', out);
    if (g->label) fprintf(out, " %s", g->label);
    fputc('\n', out);
    if (g->help) fprintf(out, "%*s = %s: %s\n", w, "", help, g->help);
}

void diag_cli(DiagLevel lv, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "kaoping: %s: ", lv == DIAG_ERROR ? _("error") : _("warning"));
    vfprintf(stderr, _(fmt), ap);
    fputc('\n', stderr);
    va_end(ap);
}

void diag_print(const DiagSink *d, FILE *out) {
    for (const Diag *g = d->head; g; g = g->next)
        diag_print_one(g, out);
    if (d->warnings_cut)
        fprintf(out, _("kaoping: warning: %d more warnings not shown\n"), d->warnings - d->max_warnings);
    if (d->overflowed) fprintf(out, _("kaoping: error: too many errors; stopping after %d\n"), d->max_errors);
}

/* A copy, in d's arena, of the line of src holding offset off (at most
 * KEPT bytes either side of it), placed as it stands in its file (line0,
 * col0, goes_on), and *sp the span of off's byte in it. A record about why a
 * file cannot be read points at this: the caller's Source, often on its
 * stack, may be gone when the record is printed. src itself for a text
 * without positions, a workbook's cells or a chain of files. */
enum { KEPT = 4096 };
static const Source *kept_line(DiagSink *d, const Source *src, uint32_t off, Span *sp) {
    *sp = (Span){off, off + 1};
    if (src->made || src->cells || src->next || src->origin || off >= src->len) return src;
    const char *t = src->text;
    uint32_t ls = off, le = off;
    while (ls > 0 && t[ls - 1] != '\n' && t[ls - 1] != '\r')
        ls--;
    while (le < src->len && t[le] != '\n' && t[le] != '\r')
        le++;
    int line = 1;
    for (uint32_t i = 0; i < ls; i++)
        if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= src->len || t[i + 1] != '\n'))) line++;
    uint32_t from = off - ls > KEPT ? off - KEPT : ls, to = le - off > KEPT ? off + KEPT : le;
    while (from < off && ((unsigned char)t[from] & 0xC0) == 0x80) /* whole characters */
        from++;
    Source *k = arena_alloc(d->arena, sizeof *k);
    k->path = arena_strdup(d->arena, src->path);
    k->text = arena_strndup(d->arena, t + from, to - from);
    k->len = to - from;
    k->line0 = src->line0 + line - 1;
    k->col0 = (uint32_t)diag_columns(t + ls, from - ls, line == 1 ? src->col0 : 0);
    k->goes_on = to < le || (le == src->len && src->goes_on);
    *sp = (Span){off - from, off - from + 1};
    return k;
}

bool source_utf8(const Source *src, DiagSink *d, const char *code, const char *help) {
    size_t bad;
    if (utf8_valid(src->text, src->len, &bad)) return true;
    Span sp;
    const Source *at = kept_line(d, src, (uint32_t)bad, &sp);
    Diag *g = diag_at(d, DIAG_ERROR, code, at, sp, "the file is not valid UTF-8 (byte 0x%02X at offset %zu)",
                      (unsigned char)src->text[bad], bad);
    diag_help(d, g, "%s", help);
    return false;
}

bool source_read(Source *s, const char *path, size_t max, DiagSink *d) {
    memset(s, 0, sizeof *s);
    s->path = path;
    /* O_NONBLOCK: a FIFO must not hang the run; only a regular file is read */
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        diag_file(d, DIAG_ERROR, "K0001", s, "cannot open file: %s", strerror(errno));
        if (fd >= 0) close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_file(d, DIAG_ERROR, "K0001", s, "cannot read it: %s",
                  S_ISDIR(st.st_mode) ? "it is a folder" : "it is not a regular file");
        close(fd);
        return false;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        diag_file(d, DIAG_ERROR, "K0001", s, "cannot open file: %s", strerror(errno));
        close(fd);
        return false;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        if (len + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0) break;
        if (len > max) break;
    }
    bool err = ferror(f) != 0;
    fclose(f);
    if (!buf || err) {
        free(buf);
        diag_file(d, DIAG_ERROR, "K0001", s, "cannot read file");
        return false;
    }
    if (len > max) {
        free(buf);
        diag_file(d, DIAG_ERROR, "K0002", s, "the file is larger than %zu MiB, the most kaoping reads", max >> 20);
        return false;
    }
    buf[len] = '\0';
    s->text = buf;
    s->len = len;
    const char *nul = memchr(buf, '\0', len);
    if (nul) { /* said at a copy of its line: the text is freed, and s may be the caller's for a moment only */
        Span sp;
        const Source *at = kept_line(d, s, (uint32_t)(nul - buf), &sp);
        diag_at(d, DIAG_ERROR, "K0003", at, sp, "the file holds a NUL byte (offset %zu): it is not a text file",
                (size_t)(nul - buf));
        source_free(s);
        s->len = 0;
        return false;
    }
    return true;
}

void source_free(Source *s) {
    free(s->text);
    s->text = NULL;
    free(s->cells);
    s->cells = NULL;
}
