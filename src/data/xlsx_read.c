/* xlsx_read.c - a workbook's cells (see xlsx_read.h): its sheets, shared
 * strings, styles (which numbers are dates or percents) and merged ranges,
 * read through the zip and XML half (xlsx_zip.c). */
#include "xlsx_read.h"

#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "limits.h"

/* ---- cell names and values ---------------------------------------------------- */

void xlsx_cell_name(const char *sheet, int row, int col, char *buf, size_t cap) {
    char letters[8];
    int n = 0;
    for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    char ref[24];
    int w = 0;
    while (n > 0)
        ref[w++] = letters[--n];
    snprintf(ref + w, sizeof ref - (size_t)w, "%d", row + 1);
    bool quote = false;
    for (const unsigned char *p = (const unsigned char *)sheet; *p; p++)
        if (*p < 0x80 &&
            !(*p == '_' || *p == '.' || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')))
            quote = true;
    if (quote)
        snprintf(buf, cap, "'%s'!%s", sheet, ref);
    else
        snprintf(buf, cap, "%s!%s", sheet, ref);
}

/* "B7" -> row 6, column 1; false when it is no cell reference. */
static bool parse_ref(const char *r, int *row, int *col) {
    int c = 0, k = 0;
    for (; r[k] >= 'A' && r[k] <= 'Z' && k < 4; k++)
        c = c * 26 + (r[k] - 'A' + 1);
    if (k == 0 || c > XLSX_MAX_COLS) return false;
    long n = 0;
    int j = k;
    for (; r[j] >= '0' && r[j] <= '9' && j - k < 8; j++)
        n = n * 10 + (r[j] - '0');
    if (j == k || r[j] || n < 1) return false;
    *row = (int)(n - 1);
    *col = c - 1;
    return true;
}

bool xlsx_serial_date(const char *digits, bool date1904, char *buf, size_t cap) {
    long n = 0;
    const char *p = digits;
    for (; *p >= '0' && *p <= '9'; p++) {
        n = n * 10 + (*p - '0');
        if (n > 3000000) return false;
    }
    if (p == digits) return false;
    if (*p == '.') /* a time of day: the date is the whole part */
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
    if (*p) return false;
    int32_t days;
    if (date1904)
        days = dates_from_civil(1904, 1, 1) + (int32_t)n;
    else if (n >= 1 && n < 60)
        days = dates_from_civil(1899, 12, 31) + (int32_t)n;
    else if (n > 60)
        days = dates_from_civil(1899, 12, 30) + (int32_t)n; /* Excel counts a 29 February 1900 */
    else
        return false;
    int y, m, d;
    dates_to_civil(days, &y, &m, &d);
    if (y < 1900 || y > 9999) return false;
    snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
    return true;
}

char *xlsx_number_digits(char *t) {
    enum { EXCEL_DIGITS = 15 };
    char d[72], out[80];
    size_t nd = 0, ip = 0, i = t[0] == '-';
    bool point = false;
    for (; t[i] && t[i] != 'e' && t[i] != 'E'; i++) {
        if (t[i] == '.' && !point) {
            point = true;
            ip = nd;
        } else if (t[i] >= '0' && t[i] <= '9' && nd < 64) {
            d[nd++] = t[i];
        } else {
            return t; /* not a number Excel writes: the loader says what it is */
        }
    }
    if (!point) ip = nd;
    size_t fs = 0; /* the first significant digit */
    while (fs < nd && d[fs] == '0')
        fs++;
    if (nd - fs <= EXCEL_DIGITS) return t;
    size_t keep = fs + EXCEL_DIGITS;
    bool up = d[keep] >= '5';
    for (size_t k = keep; k < nd; k++)
        d[k] = '0';
    for (size_t k = keep; up && k-- > 0;) {
        up = d[k] == '9';
        d[k] = up ? '0' : (char)(d[k] + 1);
    }
    size_t w = 0, from = 0;
    if (t[0] == '-') out[w++] = '-';
    if (up) out[w++] = '1'; /* 999...9.5 carried into a new first digit */
    while (!up && from + 1 < ip && d[from] == '0')
        from++;
    if (ip == 0 && !up) out[w++] = '0';
    for (size_t k = from; k < ip; k++)
        out[w++] = d[k];
    size_t end = nd;
    while (end > ip && d[end - 1] == '0')
        end--;
    if (end > ip) {
        out[w++] = '.';
        for (size_t k = ip; k < end; k++)
            out[w++] = d[k];
    }
    size_t e = strlen(t + i); /* the exponent stays */
    char *n = malloc(w + e + 1);
    if (!n) arena_out_of_memory();
    memcpy(n, out, w);
    memcpy(n + w, t + i, e + 1);
    free(t);
    return n;
}

/* A number in percentage points: "0.955" -> "95.5%", "1E-3" -> "1E-1%". */
static char *percent_text(const char *t) {
    size_t n = strlen(t);
    char *out = malloc(n + 8);
    if (!out) arena_out_of_memory();
    const char *e = strpbrk(t, "eE");
    if (e) {
        long x = strtol(e + 1, NULL, 10); /* points: two more; an exponent past reason stays past it */
        snprintf(out, n + 8, "%.*sE%ld%%", (int)(e - t), t, x > 100000 || x < -100000 ? x : x + 2);
        return out;
    }
    size_t w = 0, i = 0;
    if (t[i] == '-') out[w++] = t[i++];
    const char *dot = strchr(t + i, '.');
    char digits[64 + 4];
    size_t nd = 0, point;
    if (n > 60) { /* too long to be exact: the loader says so */
        snprintf(out, n + 8, "%sE2%%", t);
        return out;
    }
    for (const char *p = t + i; *p; p++)
        if (*p != '.') digits[nd++] = *p;
    point = (dot ? (size_t)(dot - (t + i)) : nd) + 2;
    while (nd < point)
        digits[nd++] = '0';
    size_t lead = 0; /* leading zeros before the point, one kept */
    while (lead + 1 < point && digits[lead] == '0')
        lead++;
    memcpy(out + w, digits + lead, point - lead);
    w += point - lead;
    size_t end = nd;
    while (end > point && digits[end - 1] == '0')
        end--;
    if (end > point) {
        out[w++] = '.';
        memcpy(out + w, digits + point, end - point);
        w += end - point;
    }
    out[w++] = '%';
    out[w] = '\0';
    return out;
}

/* ---- styles: which cell formats are dates or percentages ----------------------- */

typedef struct Styles {
    char *fmt_kind; /* by numFmtId < 1024 for custom ones: 'd', 'p' or 0 */
    char *xf_kind;  /* by cellXfs index */
    int nxf, cap;
    bool in_xfs;
} Styles;

static char format_kind(const char *code) {
    bool quoted = false, bracket = false, date = false;
    for (const char *p = code; *p; p++) {
        if (*p == '"') quoted = !quoted;
        if (quoted) continue;
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        if (*p == '[') bracket = true;
        if (*p == ']') bracket = false;
        if (bracket) continue;
        if (*p == '%') return 'p';
        if (strchr("ymdYMD", *p)) date = true;
    }
    return date ? 'd' : 0;
}

static char builtin_kind(int id) {
    if (id == 9 || id == 10) return 'p';
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
        return 'd';
    return 0;
}

static void styles_start(void *ctx, const char *name, const char **attrs) {
    Styles *s = ctx;
    if (!strcmp(name, "numFmt")) {
        const char *id = xlsx_attr(attrs, "numFmtId"), *code = xlsx_attr(attrs, "formatCode");
        long n = id ? strtol(id, NULL, 10) : -1;
        if (n >= 0 && n < 1024 && code) s->fmt_kind[n] = format_kind(code);
    } else if (!strcmp(name, "cellXfs")) {
        s->in_xfs = true;
    } else if (!strcmp(name, "xf") && s->in_xfs && s->nxf < 65536) {
        const char *id = xlsx_attr(attrs, "numFmtId");
        long n = id ? strtol(id, NULL, 10) : 0;
        if (s->nxf == s->cap) s->xf_kind = arena_xrealloc(s->xf_kind, (size_t)(s->cap = s->cap ? s->cap * 2 : 64));
        s->xf_kind[s->nxf++] = n >= 0 && n < 164 && builtin_kind((int)n) ? builtin_kind((int)n)
                               : n >= 0 && n < 1024                      ? s->fmt_kind[n]
                                                                         : 0;
    }
}

static void styles_end(void *ctx, const char *name) {
    Styles *s = ctx;
    if (!strcmp(name, "cellXfs")) s->in_xfs = false;
}

/* ---- text collected between tags, capped ----------------------------------------- */

typedef struct Text {
    char *s;
    size_t n, cap;
    bool too_long;
} Text;

static void text_add(Text *t, const char *s, int len) {
    if (t->too_long) return;
    if (t->n + (size_t)len > KP_MAX_STRING) {
        t->too_long = true;
        return;
    }
    if (t->n + (size_t)len + 1 > t->cap) {
        t->cap = (t->n + (size_t)len + 1) * 2;
        t->s = arena_xrealloc(t->s, t->cap);
    }
    memcpy(t->s + t->n, s, (size_t)len);
    t->n += (size_t)len;
    t->s[t->n] = '\0';
}

/* The text trimmed of spaces, tabs and line breaks, as a new string. */
static char *text_take(const Text *t) {
    size_t b = 0, e = t->n;
    while (b < e && strchr(" \t\r\n", t->s[b]))
        b++;
    while (e > b && strchr(" \t\r\n", t->s[e - 1]))
        e--;
    char *out = malloc(e - b + 1);
    if (!out) arena_out_of_memory();
    if (e > b) memcpy(out, t->s + b, e - b);
    out[e - b] = '\0';
    return out;
}

/* ---- shared strings ------------------------------------------------------------ */

typedef struct Strings {
    XlsxBook *b;
    Text t;
    int cap, depth_rph;
    bool in_t;
} Strings;

static void sst_start(void *ctx, const char *name, const char **attrs) {
    (void)attrs;
    Strings *s = ctx;
    if (!strcmp(name, "si")) {
        s->t.n = 0, s->t.too_long = false;
        if (s->t.s) s->t.s[0] = '\0';
    } else if (!strcmp(name, "rPh")) {
        s->depth_rph++; /* the phonetic guide of East Asian text is not the text */
    } else if (!strcmp(name, "t")) {
        s->in_t = true;
    }
}

static void sst_end(void *ctx, const char *name) {
    Strings *s = ctx;
    if (!strcmp(name, "t")) {
        s->in_t = false;
    } else if (!strcmp(name, "rPh")) {
        s->depth_rph--;
    } else if (!strcmp(name, "si")) {
        XlsxBook *b = s->b;
        if (b->nstrings == s->cap)
            b->strings = arena_xrealloc(b->strings, sizeof *b->strings * (size_t)(s->cap = s->cap ? s->cap * 2 : 64));
        b->strings[b->nstrings++] = s->t.too_long ? NULL : text_take(&s->t);
    }
}

static void sst_text(void *ctx, const char *str, int len) {
    Strings *s = ctx;
    if (s->in_t && !s->depth_rph) text_add(&s->t, str, len);
}

/* ---- workbook and its relationships ------------------------------------------ */

typedef struct Rel {
    char *id, *target, *type;
} Rel;

typedef struct Book {
    XlsxBook *b;
    Rel *rels;
    int nrels, cap;
    char **rids; /* each sheet's r:id */
} Book;

static void book_start(void *ctx, const char *name, const char **attrs) {
    Book *k = ctx;
    XlsxBook *b = k->b;
    if (!strcmp(name, "workbookPr")) {
        const char *v = xlsx_attr(attrs, "date1904");
        b->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
    } else if (!strcmp(name, "sheet") && b->nsheets < XLSX_MAX_SHEETS) {
        const char *n = xlsx_attr(attrs, "name"), *id = xlsx_attr(attrs, "id");
        if (!n || !id) return;
        if (!b->sheets) {
            b->sheets = calloc(XLSX_MAX_SHEETS, sizeof *b->sheets);
            k->rids = calloc(XLSX_MAX_SHEETS, sizeof *k->rids);
            if (!b->sheets || !k->rids) arena_out_of_memory();
        }
        b->sheets[b->nsheets].name = strdup(n);
        k->rids[b->nsheets] = strdup(id);
        if (!b->sheets[b->nsheets].name || !k->rids[b->nsheets]) arena_out_of_memory();
        b->nsheets++;
    }
}

static void rels_start(void *ctx, const char *name, const char **attrs) {
    Book *k = ctx;
    if (strcmp(name, "Relationship") || k->nrels >= 4096) return;
    const char *id = xlsx_attr(attrs, "Id"), *target = xlsx_attr(attrs, "Target"), *type = xlsx_attr(attrs, "Type");
    if (!id || !target) return;
    if (k->nrels == k->cap)
        k->rels = arena_xrealloc(k->rels, sizeof *k->rels * (size_t)(k->cap = k->cap ? k->cap * 2 : 16));
    Rel *r = &k->rels[k->nrels++];
    r->id = strdup(id);
    r->type = strdup(type ? type : "");
    /* relative to xl/, or absolute from the package's root */
    size_t n = strlen(target) + 4;
    r->target = malloc(n);
    if (!r->id || !r->type || !r->target) arena_out_of_memory();
    if (target[0] == '/')
        snprintf(r->target, n, "%s", target + 1);
    else
        snprintf(r->target, n, "xl/%s", target);
}

static const char *rel_by(const Book *k, const char *id, const char *type_tail) {
    for (int i = 0; i < k->nrels; i++) {
        const Rel *r = &k->rels[i];
        if (id && !strcmp(r->id, id)) return r->target;
        size_t n = strlen(r->type), t = type_tail ? strlen(type_tail) : 0;
        if (type_tail && n >= t && !strcmp(r->type + n - t, type_tail)) return r->target;
    }
    return NULL;
}

/* ---- a sheet ---------------------------------------------------------------- */

typedef struct SheetRead {
    XlsxBook *b;
    XlsxSheet *s;
    const Styles *st;
    XlsxXml *x;
    int *total; /* cells of the workbook so far */
    const char *path;
    DiagSink *d;
    Text t;
    int row, col, cap;
    char type[12];
    char style;
    bool in_cell, in_value, in_is, failed;
    int rph;
} SheetRead;

static void cell_error(SheetRead *r, int row, int col, const char *what) {
    char name[400], where[700];
    xlsx_cell_name(r->s->name, row, col, name, sizeof name);
    snprintf(where, sizeof where, "%s:%s", r->path, name);
    Source src = {.path = where};
    diag_file(r->d, DIAG_ERROR, "K0412", &src, "%s", what);
    r->failed = true;
}

static void sheet_start(void *ctx, const char *name, const char **attrs) {
    SheetRead *r = ctx;
    if (!strcmp(name, "row")) {
        const char *n = xlsx_attr(attrs, "r");
        long v = n ? strtol(n, NULL, 10) : r->row + 2;
        r->row = v >= 1 && v <= 1048576 ? (int)(v - 1) : r->row + 1;
        r->col = -1;
        if (r->row >= XLSX_MAX_ROWS) {
            char msg[200];
            snprintf(msg, sizeof msg, _("the sheet has more than %d rows, the most kaoping reads"), XLSX_MAX_ROWS);
            cell_error(r, r->row, 0, msg);
            r->x->stop = true;
        }
    } else if (!strcmp(name, "c")) {
        const char *ref = xlsx_attr(attrs, "r"), *t = xlsx_attr(attrs, "t"), *s = xlsx_attr(attrs, "s");
        int row = r->row, col = r->col + 1;
        if (ref && !parse_ref(ref, &row, &col)) row = r->row, col = r->col + 1;
        r->row = row, r->col = col;
        snprintf(r->type, sizeof r->type, "%s", t ? t : "n");
        long si = s ? strtol(s, NULL, 10) : 0;
        r->style = si >= 0 && si < r->st->nxf ? r->st->xf_kind[si] : 0;
        r->in_cell = true;
        r->t.n = 0, r->t.too_long = false;
        if (r->t.s) r->t.s[0] = '\0';
    } else if (!strcmp(name, "mergeCell")) {
        const char *ref = xlsx_attr(attrs, "ref"), *colon = ref ? strchr(ref, ':') : NULL;
        char a[16];
        XlsxMerge g;
        if (!colon || colon - ref >= (long)sizeof a || r->s->nmerges >= XLSX_MAX_MERGES) return;
        memcpy(a, ref, (size_t)(colon - ref));
        a[colon - ref] = '\0';
        if (!parse_ref(a, &g.row1, &g.col1) || !parse_ref(colon + 1, &g.row2, &g.col2)) return;
        r->s->merges = arena_xrealloc(r->s->merges, sizeof *r->s->merges * (size_t)(r->s->nmerges + 1));
        r->s->merges[r->s->nmerges++] = g;
    } else if (r->in_cell && !strcmp(name, "v")) {
        r->in_value = true;
    } else if (r->in_cell && !strcmp(name, "is")) {
        r->in_is = true;
    } else if (r->in_is && !strcmp(name, "rPh")) {
        r->rph++;
    } else if (r->in_is && !strcmp(name, "t")) {
        r->in_value = true;
    }
}

static void add_cell(SheetRead *r, XlsxKind kind, char *text, bool owned) {
    if (!*text) {
        if (owned) free(text);
        return;
    }
    XlsxSheet *s = r->s;
    if ((*r->total)++ >= XLSX_MAX_CELLS) { /* memory: about 32 bytes a cell, besides its text */
        if (owned) free(text);
        char msg[200];
        snprintf(msg, sizeof msg, _("the workbook has more than %d cells with a value, the most kaoping reads"),
                 XLSX_MAX_CELLS);
        cell_error(r, r->row, r->col, msg);
        r->x->stop = true;
        return;
    }
    if (s->ncells == r->cap)
        s->cells = arena_xrealloc(s->cells, sizeof *s->cells * (size_t)(r->cap = r->cap ? r->cap * 2 : 256));
    s->cells[s->ncells++] = (XlsxCell){r->row, r->col, kind, text, owned};
    if (r->row + 1 > s->nrows) s->nrows = r->row + 1;
}

static void end_cell(SheetRead *r) {
    r->in_cell = false;
    if (r->t.too_long) {
        char msg[200];
        snprintf(msg, sizeof msg, _("the cell holds more than %d bytes, the most kaoping reads"), KP_MAX_STRING);
        cell_error(r, r->row, r->col, msg);
        return;
    }
    const char *t = r->type;
    if (!strcmp(t, "s")) {
        char *stop = NULL;
        long i = r->t.n ? strtol(r->t.s, &stop, 10) : -1;
        if (i < 0 || i >= r->b->nstrings || !stop || *stop) { /* "abc", "2.9": no string's index */
            cell_error(r, r->row, r->col, _("the cell names a shared string the workbook does not have"));
        } else if (!r->b->strings[i]) {
            char msg[200];
            snprintf(msg, sizeof msg, _("the cell holds more than %d bytes, the most kaoping reads"), KP_MAX_STRING);
            cell_error(r, r->row, r->col, msg);
        } else {
            add_cell(r, XLSX_TEXT, r->b->strings[i], false);
        }
        return;
    }
    char *text = text_take(&r->t);
    if (!strcmp(t, "inlineStr") || !strcmp(t, "str")) {
        add_cell(r, XLSX_TEXT, text, true);
    } else if (!strcmp(t, "b")) {
        bool yes = !strcmp(text, "1") || !strcmp(text, "true"), no = !strcmp(text, "0") || !strcmp(text, "false");
        if (yes || no) {
            free(text);
            add_cell(r, XLSX_BOOL, strdup(yes ? "true" : "false"), true);
        } else { /* not a boolean Excel writes: the loader says what it is not */
            add_cell(r, XLSX_TEXT, text, true);
        }
    } else if (!strcmp(t, "e")) {
        add_cell(r, XLSX_ERROR, text, true);
    } else if (!strcmp(t, "d")) { /* an ISO 8601 date (strict Open XML) */
        if (strlen(text) > 10 && text[10] == 'T') text[10] = '\0';
        add_cell(r, XLSX_DATE, text, true);
    } else if (r->style == 'd') {
        char day[16];
        if (xlsx_serial_date(text, r->b->date1904, day, sizeof day)) {
            free(text);
            add_cell(r, XLSX_DATE, strdup(day), true);
        } else {
            add_cell(r, XLSX_NUMBER, text, true);
        }
    } else if (r->style == 'p' && *text) {
        text = xlsx_number_digits(text);
        char *p = percent_text(text);
        free(text);
        add_cell(r, XLSX_PERCENT, p, true);
    } else {
        add_cell(r, XLSX_NUMBER, xlsx_number_digits(text), true);
    }
}

static void sheet_end(void *ctx, const char *name) {
    SheetRead *r = ctx;
    if (!strcmp(name, "c") && r->in_cell)
        end_cell(r);
    else if (!strcmp(name, "v") || (!strcmp(name, "t") && r->in_is))
        r->in_value = false;
    else if (!strcmp(name, "is"))
        r->in_is = false;
    else if (!strcmp(name, "rPh") && r->rph)
        r->rph--;
}

static void sheet_text(void *ctx, const char *s, int len) {
    SheetRead *r = ctx;
    if (r->in_value && !r->rph) text_add(&r->t, s, len);
}

/* ---- the workbook ------------------------------------------------------------------ */

static int by_place(const void *a, const void *b) {
    const XlsxCell *x = a, *y = b;
    return x->row != y->row ? (x->row > y->row) - (x->row < y->row) : (x->col > y->col) - (x->col < y->col);
}

bool xlsx_read(XlsxBook *b, const char *path, DiagSink *d) {
    memset(b, 0, sizeof *b);
    XlsxZip *z = xlsx_zip_open(path, d);
    if (!z) return false;
    Book k = {.b = b};
    bool ok = true;
    if (!xlsx_zip_has(z, "xl/workbook.xml")) {
        xlsx_file_error(d, path, N_("it holds no workbook (xl/workbook.xml)"), NULL);
        ok = false;
    }
    XlsxXml x = {.start = rels_start, .ctx = &k};
    if (ok && xlsx_zip_has(z, "xl/_rels/workbook.xml.rels")) ok = xlsx_zip_xml(z, "xl/_rels/workbook.xml.rels", &x, d);
    x = (XlsxXml){.start = book_start, .ctx = &k};
    if (ok) ok = xlsx_zip_xml(z, "xl/workbook.xml", &x, d);
    Styles st = {.fmt_kind = calloc(1024, 1)};
    if (!st.fmt_kind) arena_out_of_memory();
    const char *part = rel_by(&k, NULL, "/styles");
    if (ok && part && xlsx_zip_has(z, part)) {
        x = (XlsxXml){.start = styles_start, .end = styles_end, .ctx = &st};
        ok = xlsx_zip_xml(z, part, &x, d);
    }
    part = rel_by(&k, NULL, "/sharedStrings");
    Strings ss = {.b = b};
    if (ok && part && xlsx_zip_has(z, part)) {
        x = (XlsxXml){.start = sst_start, .end = sst_end, .text = sst_text, .ctx = &ss};
        ok = xlsx_zip_xml(z, part, &x, d);
    }
    free(ss.t.s);
    if (ok && b->nsheets == 0) {
        xlsx_file_error(d, path, N_("it holds no sheet"), NULL);
        ok = false;
    }
    int cells = 0;
    for (int i = 0; ok && i < b->nsheets; i++) {
        const char *target = rel_by(&k, k.rids[i], NULL);
        if (!target || !xlsx_zip_has(z, target)) {
            xlsx_file_error(d, path, N_("a sheet's part is missing"), b->sheets[i].name);
            ok = false;
            break;
        }
        SheetRead r = {
            .b = b, .s = &b->sheets[i], .st = &st, .x = &x, .total = &cells, .path = path, .d = d, .row = -1};
        x = (XlsxXml){.start = sheet_start, .end = sheet_end, .text = sheet_text, .ctx = &r};
        ok = xlsx_zip_xml(z, target, &x, d) && !r.failed;
        free(r.t.s);
        XlsxSheet *s = &b->sheets[i];
        if (s->ncells) qsort(s->cells, (size_t)s->ncells, sizeof *s->cells, by_place);
    }
    free(st.fmt_kind);
    free(st.xf_kind);
    for (int i = 0; i < k.nrels; i++)
        free(k.rels[i].id), free(k.rels[i].target), free(k.rels[i].type);
    free(k.rels);
    for (int i = 0; k.rids && i < b->nsheets; i++)
        free(k.rids[i]);
    free(k.rids);
    xlsx_zip_close(z);
    if (!ok) xlsx_free(b);
    return ok;
}

void xlsx_free(XlsxBook *b) {
    for (int i = 0; i < b->nsheets; i++) {
        XlsxSheet *s = &b->sheets[i];
        for (int c = 0; c < s->ncells; c++)
            if (s->cells[c].owned) free(s->cells[c].text);
        free(s->cells);
        free(s->merges);
        free(s->name);
    }
    free(b->sheets);
    for (int i = 0; i < b->nstrings; i++)
        free(b->strings[i]);
    free(b->strings);
    memset(b, 0, sizeof *b);
}

const XlsxCell *xlsx_cell(const XlsxSheet *s, int row, int col) {
    int lo = 0, hi = s->ncells - 1; /* cells are in order, mostly: search, then scan */
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const XlsxCell *c = &s->cells[mid];
        if (c->row == row && c->col == col) return c;
        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}
