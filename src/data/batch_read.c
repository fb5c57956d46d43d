/* batch_read.c - the inputs of a batch (see batch_read.h): each is turned into
 * jobs, one per unit, submitted in input order. A JSON file of one unit is
 * read whole (and any that is not a plain array of units); JSON Lines and CSV files of
 * units are read a line (a record) at a time, so memory does not grow with
 * their length; so is a JSON array of units, an element at a time. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch_read.h"
#include "diag.h"
#include "limits.h"
#include "lines.h"
#include "load_direct.h"
#include "load_rows.h"

enum { BLOCK = 1 << 16 };

typedef struct ReadState {
    RowLists *lists;
    char **paths; /* folder entries, kept until every unit has been written */
    int npaths, cap;
    FILE *spool;       /* two passes: standard input, copied for the second */
    bool stdin_read;   /* this pass has read standard input already */
    bool spool_failed; /* ... and it could not be copied */
} ReadState;

static ReadState *state(Batch *b) {
    void **slot = batch_read_state(b);
    if (!*slot) {
        *slot = calloc(1, sizeof(ReadState));
        if (!*slot) {
            diag_cli(DIAG_ERROR, "out of memory");
            exit(3);
        }
    }
    return *slot;
}

static bool ends_with(const char *path, const char *ext) {
    size_t n = strlen(path), e = strlen(ext);
    return n > e && !strcasecmp(path + n - e, ext);
}

/* A note about a file, printed in its place among the units. */
static Job *note(Batch *b) {
    return batch_job(b, JOB_NOTE);
}

/* Opens a regular file for reading (a FIFO must not hang the run). */
static FILE *open_data(const char *path, Job *n) {
    Source s = {.path = path};
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        diag_file(&n->diag, DIAG_ERROR, "K0001", &s, "cannot open file: %s", strerror(errno));
        if (fd >= 0) close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_file(&n->diag, DIAG_ERROR, "K0001", &s, "cannot read it: it is not a regular file");
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) close(fd);
    return f;
}

/* A line (or record) longer than the limit, reported at its first column. */
static void too_long(Batch *b, const char *path, long line, const char *what) {
    Job *n = note(b);
    n->text.path = path;
    n->text.text = strdup(" ");
    n->text.len = n->text.text ? 1 : 0;
    n->text.line0 = (int)line - 1;
    Span sp = {0, 1};
    diag_at(&n->diag, DIAG_ERROR, "K0409", &n->text, sp,
            "the %s is longer than %d MiB, the most kaoping reads; it is skipped", what, KP_MAX_DATA_LINE >> 20);
    batch_submit(b, n);
}

/* ---- JSON Lines: one unit per line ------------------------------------------ */

static void read_jsonl(Batch *b, FILE *f, const char *path) {
    LineReader r = {.f = f};
    char *buf = NULL;
    size_t len = 0, cap = 0;
    bool long_line;
    while (line_next(&r, &buf, &len, &cap, KP_MAX_DATA_LINE, false, &long_line)) {
        if (long_line) {
            too_long(b, path, r.line, "line");
            continue;
        }
        size_t from = r.line == 1 && len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
        if (len > from && buf[len - 1] == '\r') len--;
        if (strspn(buf + from, " \t\r") >= len - from) continue; /* a blank line */
        Job *j = batch_job(b, JOB_LINE);
        j->text.path = path;
        j->text.len = len - from;
        j->text.text = arena_xrealloc(NULL, len - from + 1);
        memcpy(j->text.text, buf + from, len - from);
        j->text.text[len - from] = '\0';
        j->text.line0 = (int)r.line - 1;
        j->src = &j->text;
        j->index = (int)r.line - 1;
        const char *nul = memchr(j->text.text, '\0', j->text.len);
        if (nul) {
            Span sp = {(uint32_t)(nul - j->text.text), (uint32_t)(nul - j->text.text) + 1};
            diag_at(&j->diag, DIAG_ERROR, "K0003", &j->text, sp, "the line holds a NUL byte: it is not text");
            j->form = JOB_NOTE;
        }
        batch_submit(b, j);
    }
    if (ferror(f)) {
        Job *n = note(b);
        Source s = {.path = path};
        diag_file(&n->diag, DIAG_ERROR, "K0001", &s, "cannot read file");
        batch_submit(b, n);
    }
    free(buf);
    free(r.blk);
}

/* ---- a JSON file: one unit, or an array of units; a workbook made JSON ------- */

/* An array of units is read an element at a time, as JSON Lines are, so
 * memory does not grow with the file: a first reading checks that every
 * element is a unit { ... } of strict JSON; the second reads the file again,
 * finds the same elements and submits each as it is found, with the whole
 * lines it is on (line numbers, columns and the lines shown under
 * diagnostics are the file's), or, on a line much longer than itself (a
 * file without line breaks), alone with the columns before it on its line.
 * Nothing is kept of an element once it is submitted. Anything else (one
 * unit, an empty list, a file that is not JSON, too large...) is read
 * whole, below, and reported as it always was. */
typedef struct Elem {
    off_t line_start, start, end, line_end; /* line_end: its last line's '\n' or '\r' (or the end) */
    long line;                              /* the line it starts on, from 1 */
} Elem;

typedef struct ArrayScan {
    Batch *b; /* the second reading's batch; NULL on the first, which only checks */
    const char *path;
    int fd;
    char *blk; /* the block in hand: the file's bytes from base */
    off_t base;
    size_t got;
    char *text; /* the first reading: an element begun in an earlier block, to check it */
    size_t len, tcap;
    Elem e;       /* the element being read */
    size_t count; /* elements found so far */
    /* the second reading: the bytes after an element read ahead for the end
     * of its line: no line break in [clear_from, clear_to), one at clear_to
     * (or the end of the file) when hit */
    char *look;
    off_t clear_from, clear_to;
    bool hit;
    off_t cur; /* cut elements: the offset where col was counted to */
    size_t col;
} ArrayScan;

/* Whether one element's text is a unit of strict JSON (nothing reported). */
static bool elem_ok(const char *path, const char *text, size_t len) {
    if (direct_json_ok(text, len)) return true; /* plain JSON: no need of cJSON's tree to know */
    Source src = {.path = path, .text = (char *)text, .len = len};
    DiagSink quiet;
    diag_init(&quiet);
    struct cJSON *t = load_json_parse(&src, &quiet, false);
    bool ok = t && !quiet.errors;
    cJSON_Delete(t);
    diag_free(&quiet);
    return ok;
}

/* The first '\n' or '\r' of s[0..n), or NULL. */
static const char *first_break(const char *s, size_t n) {
    const char *nl = memchr(s, '\n', n);
    const char *cr = memchr(s, '\r', nl ? (size_t)(nl - s) : n);
    return cr ? cr : nl;
}

/* The columns of s[0..n) counted on from col, a line break starting again at 0. */
static size_t columns_on(const char *s, size_t n, size_t col) {
    for (size_t i = 0; i < n;) {
        const char *brk = first_break(s + i, n - i);
        if (!brk) return diag_columns(s + i, n - i, col);
        i = (size_t)(brk - s) + 1;
        col = 0;
    }
    return col;
}

/* An element on a line much longer than itself (many units on one line, a
 * file written without line breaks): its job holds the element alone, its
 * text starting col0 columns into its line, not the whole line. */
static bool cut_from_line(const Elem *e) {
    return e->line_end - e->line_start > 2 * (e->end - e->start) + (1 << 16);
}

static ssize_t read_some(int fd, char *buf, size_t n, off_t at, bool positioned) {
    ssize_t r;
    do
        r = positioned ? pread(fd, buf, n, at) : read(fd, buf, n);
    while (r < 0 && errno == EINTR);
    return r;
}

/* n bytes at off: from the block in hand when it holds them, else read. */
static bool read_at(const ArrayScan *a, off_t off, char *dst, size_t n) {
    if (off >= a->base && off + (off_t)n <= a->base + (off_t)a->got) {
        memcpy(dst, a->blk + (off - a->base), n);
        return true;
    }
    for (ssize_t r; n > 0; dst += r, off += r, n -= (size_t)r)
        if ((r = read_some(a->fd, dst, n, off, true)) <= 0) return false;
    return true;
}

/* Where the line an element ends on ends (end: just after its '}'): the
 * first line break from end on, or the end of the file; or, with none
 * before enough, an offset past end and from enough on (all cut_from_line
 * needs to know, and that the line goes on after the element). Each byte
 * is read ahead once for all the elements that end on one line. */
static off_t line_end_from(ArrayScan *a, off_t end, off_t enough) {
    if (end < a->clear_from || end > a->clear_to) { /* another line */
        a->clear_from = a->clear_to = end;
        a->hit = false;
    }
    size_t want = 1024; /* what is read grows: most lines end soon after their element */
    while (!a->hit && (a->clear_to <= end || a->clear_to < enough)) { /* whether it goes on: the byte at end at least */
        off_t at = a->clear_to;
        const char *s = a->look;
        ssize_t n;
        if (at >= a->base && at < a->base + (off_t)a->got) {
            s = a->blk + (at - a->base);
            n = (ssize_t)(a->got - (size_t)(at - a->base));
        } else {
            if (!a->look) s = a->look = arena_xrealloc(NULL, BLOCK);
            n = read_some(a->fd, a->look, want, at, true);
            if (want < BLOCK) want *= 2;
        }
        if (n <= 0) { /* the end of the file (or it cannot be read: the same here) */
            a->hit = true;
            break;
        }
        const char *brk = first_break(s, (size_t)n);
        a->clear_to = at + (brk ? brk - s : n);
        a->hit = brk != NULL;
    }
    return a->clear_to;
}

/* The second reading: the element just found, a job of its own with its
 * lines (or alone, cut from a long line). */
static void submit_element(ArrayScan *a) {
    Elem *e = &a->e;
    e->line_end = line_end_from(a, e->end, e->line_start + 2 * (e->end - e->start) + (1 << 16) + 1);
    bool cut = cut_from_line(e);
    if (cut) { /* the columns before it on its line, counted on from the last place */
        char gap[4096];
        if (a->cur < e->line_start || a->cur > e->start) a->cur = e->line_start, a->col = 0;
        while (a->cur < e->start) {
            size_t want = (size_t)(e->start - a->cur) < sizeof gap ? (size_t)(e->start - a->cur) : sizeof gap;
            if (!read_at(a, a->cur, gap, want)) break;
            a->col = columns_on(gap, want, a->col);
            a->cur += (off_t)want;
        }
    }
    off_t from = cut ? e->start : e->line_start, to = cut ? e->end : e->line_end;
    Job *j = batch_job(a->b, JOB_LINE);
    size_t len = (size_t)(to - from);
    j->text.path = a->path;
    j->text.text = arena_xrealloc(NULL, len + 1);
    if (!read_at(a, from, j->text.text, len)) len = 0;
    j->text.text[len] = '\0';
    j->text.len = len;
    j->text.line0 = (int)e->line - 1;
    j->src = &j->text;
    j->at = (uint32_t)(e->start - from);
    j->end = (uint32_t)(e->end - from);
    if (j->end > len) j->at = j->end = 0; /* the file changed: its text is then reported */
    if (cut) {
        j->text.col0 = (uint32_t)a->col;
        j->text.goes_on = e->end < e->line_end;
        a->col = columns_on(j->text.text, len, a->col);
        a->cur = e->end;
    }
    j->index = (int)a->count - 1;
    batch_submit(a->b, j);
}

/* The first reading keeps an element's bytes that are in hand, when it
 * goes on in the next block; false past the longest element read. */
static bool keep(ArrayScan *a, const char *s, size_t n) {
    if (a->len + n > KP_MAX_DATA_LINE) return false;
    if (a->len + n > a->tcap) {
        while (a->len + n > a->tcap)
            a->tcap = a->tcap ? a->tcap * 2 : BLOCK;
        a->text = arena_xrealloc(a->text, a->tcap);
    }
    memcpy(a->text + a->len, s, n);
    a->len += n;
    return true;
}

/* An element's closing '}' at blk[to - 1], its text from blk[from] (or
 * from an earlier block): checked on the first reading, submitted on the
 * second. */
static bool element_done(ArrayScan *a, size_t from, size_t to) {
    a->count++;
    if (a->b) { /* no longer than the first reading let through, unless the file changed since */
        if (a->e.end - a->e.start > KP_MAX_DATA_LINE) return false;
        submit_element(a);
        return true;
    }
    if (!a->len) return to - from <= KP_MAX_DATA_LINE && elem_ok(a->path, a->blk + from, to - from);
    return keep(a, a->blk, to) && elem_ok(a->path, a->text, a->len);
}

/* The bytes an element's reading stops at: a string's quote or escape, a
 * bracket, a line break, a NUL; the others are passed over at speed. */
static const bool stops[256] = {
    ['"'] = 1, ['\\'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1, ['\n'] = 1, ['\r'] = 1, ['\0'] = 1};

/* Reads the file from its start: true when it holds '[' units ']' that can
 * be read one at a time (on the first reading, each checked; on the second,
 * each submitted as it is found). */
static bool scan_array(ArrayScan *a) {
    enum { START, BEFORE, IN, AFTER, TRAILER } st = START;
    off_t line_start = 0;
    long line = 1;
    int depth = 0;
    bool str = false, esc = false, cr = false, ok = lseek(a->fd, 0, SEEK_SET) == 0;
    ssize_t got = 0;
    a->base = 0;
    a->got = 0;
    a->count = 0;
    while (ok && (got = read_some(a->fd, a->blk, BLOCK, 0, false)) > 0) {
        const unsigned char *p = (const unsigned char *)a->blk;
        size_t n = (size_t)got, from = 0; /* from: where the element being read begins in the block */
        a->got = n;
        for (size_t k = 0; k < n && ok; k++) {
            if (st == IN && !cr && !esc) {
                while (k < n && !stops[p[k]])
                    k++;
                if (k == n) break;
            }
            char ch = (char)p[k];
            off_t pos = a->base + (off_t)k;
            if (cr && ch != '\n') { /* a lone '\r' ended the line */
                line++;
                line_start = pos;
            }
            cr = false;
            if (ch == '\0') ok = false;
            if (ch == '\n') {
                line++;
                line_start = pos + 1;
            } else if (ch == '\r') {
                cr = true;
            }
            if (st == IN) {
                if (str) {
                    if (esc)
                        esc = false;
                    else if (ch == '\\')
                        esc = true;
                    else if (ch == '"')
                        str = false;
                } else if (ch == '"') {
                    str = true;
                } else if (ch == '{' || ch == '[') {
                    if (++depth > 500) ok = false; /* cJSON counts the array's level too: leave it to the whole */
                } else if ((ch == '}' || ch == ']') && --depth == 0) {
                    a->e.end = pos + 1;
                    ok = element_done(a, from, k + 1);
                    st = AFTER;
                }
                continue;
            }
            if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') continue;
            if (st == START && ch == '[') {
                st = BEFORE;
            } else if (st == BEFORE && ch == '{') {
                a->e = (Elem){line_start, pos, 0, 0, line};
                a->len = 0;
                from = k;
                depth = 1;
                st = IN;
            } else if (st == AFTER && ch == ',') {
                st = BEFORE;
            } else if (st == AFTER && ch == ']') {
                st = TRAILER;
            } else {
                ok = false; /* not a list of units { ... }, or an empty one */
            }
        }
        if (ok && st == IN && !a->b) ok = keep(a, a->blk + from, n - from); /* it goes on in the next block */
        a->base += got;
    }
    return ok && got == 0 && st == TRAILER;
}

/* True when path was an array of units, read an element at a time. */
static bool read_json_array(Batch *b, const char *path) {
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > KP_MAX_DATA_FILE) {
        if (fd >= 0) close(fd);
        return false;
    }
    ArrayScan a = {.path = path, .fd = fd, .blk = arena_xrealloc(NULL, BLOCK)};
    bool ok = scan_array(&a);
    free(a.text);
    a.b = b;
    if (ok && !scan_array(&a)) { /* it changed since the first reading, or cannot be read again */
        Job *n = note(b);
        Source s = {.path = path};
        diag_file(&n->diag, DIAG_ERROR, "K0001", &s, "cannot read file");
        batch_submit(b, n);
    }
    free(a.look);
    free(a.blk);
    close(fd);
    return ok;
}

static void read_json(Batch *b, const char *path) {
    if (read_json_array(b, path)) return;
    /* the holder owns the text and the tree; it is written after the units
     * that point into them, and frees them then */
    Job *h = note(b);
    if (!load_read(batch_standard(b), path, &h->text, &h->diag)) {
        batch_submit(b, h);
        return;
    }
    cJSON *root = load_json_parse(&h->text, &h->diag, false);
    if (!root) {
        batch_submit(b, h);
        return;
    }
    h->owned = root;
    int noffs = 0;
    uint32_t *offs = load_json_offsets(&h->text, &noffs);
    if (!offs) {
        diag_cli(DIAG_ERROR, "out of memory");
        exit(3);
    }
    if (cJSON_IsArray(root) && !root->child)
        diag_file(&h->diag, DIAG_WARNING, "K0405", &h->text, "the file holds no unit: the list [ ] is empty");
    int i = 0;
    for (const cJSON *u = cJSON_IsArray(root) ? root->child : root; u; u = cJSON_IsArray(root) ? u->next : NULL, i++) {
        Job *j = batch_job(b, JOB_VALUE);
        j->src = &h->text;
        j->value = u;
        j->at = i < noffs ? offs[i] : 0;
        j->index = i;
        batch_submit(b, j);
    }
    free(offs);
    batch_submit(b, h);
}

/* ---- CSV: a form (one unit), or a CSV of units (one per row) ----------------- */

/* The standard a CSV form is loaded against: the run's, or with --rules-dir
 * the one of the year the form gives (NULL, reported, when there is none). */
static const Standard *form_standard(Batch *b, Job *j) {
    const BatchOptions *o = batch_options(b);
    if (!o->standard_for) return batch_standard(b);
    DiagSink quiet; /* the form's own errors are reported when it is loaded */
    diag_init(&quiet);
    cJSON *unit = load_csv_unit(&j->text, &quiet);
    diag_free(&quiet);
    if (!unit) return batch_standard(b);
    const Standard *std = o->standard_for(o->standard_ctx, unit, &j->diag, &j->text, (Span){0, 1});
    cJSON_Delete(unit);
    return std;
}

static void read_csv_form(Batch *b, const char *path) {
    Job *j = batch_job(b, JOB_UNIT);
    LoadedUnits lu = {0};
    const Standard *std = NULL;
    if (!source_read(&j->text, path, KP_MAX_DATA_FILE, &j->diag) || !(std = form_standard(b, j)) ||
        !load_csv(std, &j->text, &j->diag, &lu)) {
        j->form = JOB_NOTE;
    } else {
        for (int i = 1; i < lu.count; i++)
            unit_free(lu.units[i]);
        j->unit = lu.count ? lu.units[0] : NULL;
        if (j->unit) j->unit->src = &j->text;
        if (!j->unit) j->form = JOB_NOTE;
        free(lu.units);
    }
    batch_submit(b, j);
}

static void read_csv(Batch *b, const char *path) {
    Job *n = note(b);
    FILE *f = open_data(path, n);
    if (!f) {
        batch_submit(b, n);
        return;
    }
    LineReader r = {.f = f};
    char *buf = NULL;
    size_t len = 0, cap = 0;
    bool long_rec = false;
    bool any = line_record(&r, &buf, &len, &cap, KP_MAX_DATA_LINE, &long_rec);
    size_t bom = any && len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    Source header = {.path = path, .text = any ? buf + bom : (char *)"", .len = any ? len - bom : 0};
    if (any && !long_rec && rows_is_form(&header)) {
        fclose(f);
        free(buf);
        free(r.blk);
        batch_job_free(n);
        read_csv_form(b, path);
        return;
    }
    CsvRows *rows = NULL;
    /* the note keeps the header's text: its diagnostics point into it */
    n->text.path = path;
    n->text.len = header.len;
    n->text.text = arena_xrealloc(NULL, header.len + 1);
    memcpy(n->text.text, header.text, header.len);
    n->text.text[header.len] = '\0';
    ReadState *rs = *batch_read_state(b);
    if (!any) {
        diag_file(&n->diag, DIAG_ERROR, "K0410", &n->text,
                  "the file is empty: a CSV of units starts with a header row");
    } else if (long_rec)
        too_long(b, path, 1, "header row");
    else if (source_utf8(&n->text, &n->diag, "K0408", "save the data as UTF-8 (in Excel: Save As, CSV UTF-8)"))
        rows = rows_open(batch_standard(b), path, rs ? rs->lists : NULL, &n->text, &n->diag);
    if (!rows) batch_fail(b, 2);
    batch_submit(b, n);
    while (rows) {
        long first = r.line + 1;
        if (!line_record(&r, &buf, &len, &cap, KP_MAX_DATA_LINE, &long_rec)) break;
        if (long_rec) {
            too_long(b, path, first, "row");
            continue;
        }
        Job *j = batch_job(b, JOB_VALUE);
        j->text.path = path;
        j->text.text = arena_xrealloc(NULL, len + 1);
        memcpy(j->text.text, buf, len + 1);
        j->text.len = len;
        j->text.line0 = (int)first - 1;
        j->src = &j->text;
        j->index = (int)first - 1;
        if (!rows_unit(rows, j)) {
            batch_job_free(j);
            continue;
        }
        batch_submit(b, j);
    }
    if (ferror(f)) {
        Job *e = note(b);
        Source s = {.path = path};
        diag_file(&e->diag, DIAG_ERROR, "K0001", &s, "cannot read file");
        batch_submit(b, e);
    }
    batch_drain(b); /* the jobs' carets read the columns of rows */
    rows_close(rows);
    fclose(f);
    free(buf);
    free(r.blk);
}

/* ---- inputs ----------------------------------------------------------------- */

static bool is_data(const char *name) {
    return ends_with(name, ".json") || ends_with(name, ".jsonl") || ends_with(name, ".ndjson") ||
           ends_with(name, ".csv") || ends_with(name, ".xlsx");
}

static void read_file(Batch *b, const char *path) {
    if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) {
        Job *n = note(b);
        FILE *f = open_data(path, n);
        batch_submit(b, n);
        if (!f) return;
        read_jsonl(b, f, path);
        fclose(f);
    } else if (ends_with(path, ".csv")) {
        read_csv(b, path);
    } else {
        read_json(b, path);
    }
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder: its data files (.json, .jsonl, .ndjson, .csv, .xlsx), in name order;
 * other files and sub-folders are not read. */
static void read_dir(Batch *b, const char *path) {
    ReadState *s = state(b);
    DIR *d = opendir(path);
    Job *n = note(b);
    if (!d) {
        Source src = {.path = path};
        diag_file(&n->diag, DIAG_ERROR, "K0001", &src, "cannot open folder: %s", strerror(errno));
        batch_submit(b, n);
        return;
    }
    int first = s->npaths;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' || !is_data(e->d_name)) continue;
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        char *full = arena_xrealloc(NULL, len);
        snprintf(full, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        struct stat st;
        if (stat(full, &st) != 0 || S_ISDIR(st.st_mode)) {
            free(full);
            continue;
        }
        if (s->npaths == s->cap)
            s->paths = arena_xrealloc(s->paths, sizeof *s->paths * (size_t)(s->cap = s->cap ? s->cap * 2 : 64));
        s->paths[s->npaths++] = full;
    }
    closedir(d);
    if (s->npaths == first) {
        Source src = {.path = path};
        diag_file(&n->diag, DIAG_WARNING, "K0405", &src,
                  "the folder holds no data file (.json, .jsonl, .ndjson, .csv, .xlsx)");
    }
    batch_submit(b, n);
    qsort(s->paths + first, (size_t)(s->npaths - first), sizeof *s->paths, by_name);
    for (int i = first; i < s->npaths; i++)
        read_file(b, s->paths[i]);
}

/* Standard input, in a run that reads its inputs twice: copied to a
 * temporary file (deleted when closed) on the first pass, read from it on
 * both. Once per pass: a second "-" finds it at its end, as in one pass. */
static void read_stdin_twice(Batch *b) {
    ReadState *s = state(b);
    if (s->stdin_read) return;
    s->stdin_read = true;
    if (!s->spool && !s->spool_failed) {
        char *blk = arena_xrealloc(NULL, BLOCK);
        size_t got;
        s->spool = tmpfile();
        while (s->spool && (got = fread(blk, 1, BLOCK, stdin)) > 0)
            if (fwrite(blk, 1, got, s->spool) != got) fclose(s->spool), s->spool = NULL;
        free(blk);
        if (s->spool && (fflush(s->spool) != 0 || ferror(stdin))) fclose(s->spool), s->spool = NULL;
        s->spool_failed = !s->spool;
    }
    if (s->spool_failed) { /* said on each pass: the first pass's notes are not printed */
        Job *n = note(b);
        Source src = {.path = "<stdin>"};
        diag_file(&n->diag, DIAG_ERROR, "K0001", &src,
                  "cannot keep standard input for a second reading in a temporary file");
        batch_fail(b, 2);
        batch_submit(b, n);
        return;
    }
    rewind(s->spool);
    read_jsonl(b, s->spool, "<stdin>");
}

void batch_read_rewind(Batch *b) {
    ReadState *s = *batch_read_state(b);
    if (s) s->stdin_read = false;
}

void batch_read_input(Batch *b, const char *path) {
    struct stat st;
    if (!strcmp(path, "-")) {
        if (batch_two_pass(b))
            read_stdin_twice(b);
        else
            read_jsonl(b, stdin, "<stdin>");
    } else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        read_dir(b, path);
    } else {
        read_file(b, path);
    }
}

bool batch_read_lists(Batch *b, DiagSink *d) {
    const BatchOptions *o = batch_options(b);
    if (o->nlists == 0) return true;
    bool ok;
    state(b)->lists = rows_lists_load(batch_standard(b), o->lists, o->nlists, d, &ok);
    return ok;
}

void batch_read_done(Batch *b) {
    ReadState *s = *batch_read_state(b);
    if (!s) return;
    if (s->lists) {
        Job *n = note(b);
        rows_lists_free(s->lists, &n->diag);
        batch_submit(b, n);
    }
    batch_drain(b);
    for (int i = 0; i < s->npaths; i++)
        free(s->paths[i]);
    free(s->paths);
    if (s->spool) fclose(s->spool);
    free(s);
    *batch_read_state(b) = NULL;
}
