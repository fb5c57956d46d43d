/* table_read.c - a standard's table from CSV, Excel or Word (see
 * table_read.h). The workbook and the document are read by xlsx_read.c:
 * the same zip archive and streamed XML, with the same caps. */
#include "table_read.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "limits.h"
#include "xlsx_read.h"

/* A standard's table: at most 10,000 parts (limits.h), a few columns. More
 * is not a standard's table: it is not read on, and said so. */
enum { MAX_CELLS = 64, MAX_ROWS = KP_MAX_PARTS + 1000 };

static bool ends_with(const char *path, const char *ext) {
    size_t n = strlen(path), e = strlen(ext);
    return n > e && !strcasecmp(path + n - e, ext);
}

static char *trimmed(const char *s, size_t n) {
    while (n > 0 && strchr(" \t\r\n", *s))
        s++, n--;
    while (n > 0 && strchr(" \t\r\n", s[n - 1]))
        n--;
    char *out = malloc(n + 1);
    if (!out) arena_out_of_memory();
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* A new row, or NULL past MAX_ROWS (t->too_big). */
static TableRow *new_row(Table *t, int line) {
    if (t->nrows >= MAX_ROWS) return t->too_big = true, NULL;
    if (t->nrows == t->cap)
        t->rows = arena_xrealloc(t->rows, sizeof *t->rows * (size_t)(t->cap = t->cap ? t->cap * 2 : 64));
    TableRow *r = &t->rows[t->nrows++];
    *r = (TableRow){.line = line};
    return r;
}

static void add_cell(TableRow *r, char *text) {
    if (!r || r->n >= MAX_CELLS) {
        free(text);
        return;
    }
    r->cell = arena_xrealloc(r->cell, sizeof *r->cell * (size_t)(r->n + 1));
    r->cell[r->n++] = text;
}

void table_free(Table *t) {
    for (int i = 0; i < t->nrows; i++) {
        for (int k = 0; k < t->rows[i].n; k++)
            free(t->rows[i].cell[k]);
        free(t->rows[i].cell);
    }
    free(t->rows);
    free(t->title);
    memset(t, 0, sizeof *t);
}

/* ---- CSV -------------------------------------------------------------------- */

static bool read_csv(const char *path, Table *t, DiagSink *d) {
    Source src;
    if (!source_read(&src, path, KP_MAX_DATA_FILE, d)) return false;
    if (!source_utf8(&src, d, "K0801", "save the table as UTF-8 (in Excel: Save As, CSV UTF-8)")) {
        source_free(&src);
        return false;
    }
    const char *s = src.text, *end = src.text + src.len;
    if (src.len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3;
    int line = 1, n, breaks;
    CsvCell *cells;
    while ((cells = csv_record(&s, end, &n, &breaks)) != NULL) {
        TableRow *r = new_row(t, line);
        for (int i = 0; r && i < n && i < MAX_CELLS; i++)
            add_cell(r, trimmed(cells[i].text, strlen(cells[i].text)));
        csv_free(cells, n);
        if (!r) break;
        line += breaks;
    }
    source_free(&src);
    return true;
}

/* ---- Excel: the first sheet ---------------------------------------------------- */

static bool read_xlsx(const char *path, Table *t, DiagSink *d) {
    XlsxBook b;
    if (!xlsx_read(&b, path, d)) return false;
    const XlsxSheet *s = &b.sheets[0];
    for (int i = 0; i < s->ncells;) {
        int row = s->cells[i].row, last = i;
        while (last < s->ncells && s->cells[last].row == row)
            last++;
        TableRow *r = new_row(t, row + 1);
        if (!r) break;
        int ncols = s->cells[last - 1].col + 1;
        for (int c = 0; c < ncols && c < MAX_CELLS; c++) {
            const XlsxCell *x = xlsx_cell(s, row, c);
            add_cell(r, trimmed(x ? x->text : "", x ? strlen(x->text) : 0));
        }
        i = last;
    }
    /* a cell merged down repeats its text in the rows it covers */
    for (int m = 0; m < s->nmerges; m++) {
        const XlsxMerge *g = &s->merges[m];
        const XlsxCell *top = xlsx_cell(s, g->row1, g->col1);
        if (!top || g->row2 == g->row1) continue;
        int lo = 0, hi = t->nrows; /* rows are in sheet order: the first below the merge's top */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (t->rows[mid].line - 1 <= g->row1)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (int i = lo; i < t->nrows && t->rows[i].line - 1 <= g->row2; i++) {
            TableRow *r = &t->rows[i];
            while (r->n <= g->col1 && r->n < MAX_CELLS)
                add_cell(r, trimmed("", 0));
            if (g->col1 < r->n && !*r->cell[g->col1]) {
                free(r->cell[g->col1]);
                r->cell[g->col1] = trimmed(top->text, strlen(top->text));
            }
        }
    }
    xlsx_free(&b);
    return true;
}

/* ---- Word: the tables of word/document.xml ---------------------------------------- */

typedef struct Doc {
    Table *t;
    int depth;   /* tables open */
    int ntables; /* read so far */
    int line;    /* rows so far */
    TableRow *row;
    char *text; /* the cell's text, or the paragraph's outside tables */
    size_t n, cap;
    bool in_t, in_cell, too_long;
    int span, merge; /* the cell's w:gridSpan; w:vMerge: 0 none, 1 restart, 2 continue */
    int col;         /* grid column of the next cell */
    char **prev;     /* the previous row's texts by grid column (for w:vMerge) */
    int nprev, nprev_cap;
    char **cur;
    int ncur, ncur_cap;
} Doc;

static void doc_text_reset(Doc *x) {
    x->n = 0, x->too_long = false;
    if (x->text) x->text[0] = '\0';
}

static void put_grid(char ***tab, int *n, int *cap, int col, const char *s) {
    while (*n <= col) {
        if (*n == *cap) *tab = arena_xrealloc(*tab, sizeof **tab * (size_t)(*cap = *cap ? *cap * 2 : 16));
        (*tab)[(*n)++] = NULL;
    }
    free((*tab)[col]);
    (*tab)[col] = s ? strdup(s) : NULL;
}

static void doc_start(void *ctx, const char *name, const char **attrs) {
    Doc *x = ctx;
    if (!strcmp(name, "tbl")) {
        if (x->depth++ == 0) x->ntables++;
    } else if (x->depth != 1) {
        if (!strcmp(name, "t") && x->depth == 0) x->in_t = true;
    } else if (!strcmp(name, "tr")) {
        x->row = new_row(x->t, ++x->line);
        x->col = 0;
        for (int i = 0; i < x->ncur; i++)
            free(x->cur[i]);
        x->ncur = 0;
    } else if (!strcmp(name, "tc")) {
        x->in_cell = true, x->span = 1, x->merge = 0;
        doc_text_reset(x);
    } else if (!strcmp(name, "gridSpan")) {
        const char *v = xlsx_attr(attrs, "val");
        long n = v ? strtol(v, NULL, 10) : 1;
        x->span = n >= 1 && n <= MAX_CELLS ? (int)n : 1;
    } else if (!strcmp(name, "vMerge")) {
        const char *v = xlsx_attr(attrs, "val");
        x->merge = v && !strcmp(v, "restart") ? 1 : 2;
    } else if (!strcmp(name, "t") && x->in_cell) {
        x->in_t = true;
    }
}

static void doc_end(void *ctx, const char *name) {
    Doc *x = ctx;
    if (!strcmp(name, "tbl")) {
        if (--x->depth == 0) { /* the next table's merges start afresh */
            for (int i = 0; i < x->nprev; i++)
                free(x->prev[i]), x->prev[i] = NULL;
        }
        return;
    }
    if (!strcmp(name, "t")) {
        x->in_t = false;
        return;
    }
    if (x->depth == 0 && !strcmp(name, "p")) { /* a paragraph before the first table: the title */
        if (!x->t->title && x->ntables == 0 && x->n > 0) x->t->title = trimmed(x->text, x->n);
        doc_text_reset(x);
        return;
    }
    if (x->depth != 1) return;
    if (!strcmp(name, "tc")) {
        if (x->row && x->col < MAX_CELLS) { /* cells past MAX_CELLS are not a standard's columns */
            const char *s = x->n ? x->text : "";
            if (x->merge == 2) s = x->col < x->nprev && x->prev[x->col] ? x->prev[x->col] : "";
            add_cell(x->row, trimmed(s, strlen(s)));
            put_grid(&x->cur, &x->ncur, &x->ncur_cap, x->col, s);
            for (int k = 1; k < x->span; k++) {
                add_cell(x->row, trimmed("", 0));
                put_grid(&x->cur, &x->ncur, &x->ncur_cap, x->col + k, NULL);
            }
            x->col += x->span;
        }
        x->in_cell = false;
        doc_text_reset(x);
    } else if (!strcmp(name, "tr")) {
        for (int i = 0; i < x->ncur; i++)
            put_grid(&x->prev, &x->nprev, &x->nprev_cap, i, x->cur[i]);
        for (int i = x->ncur; i < x->nprev; i++)
            put_grid(&x->prev, &x->nprev, &x->nprev_cap, i, NULL);
        x->row = NULL;
    }
}

static void doc_text(void *ctx, const char *s, int len) {
    Doc *x = ctx;
    if (!x->in_t || x->too_long || (x->depth > 1)) return;
    if (x->n + (size_t)len > KP_MAX_STRING) {
        x->too_long = true;
        return;
    }
    if (x->n + (size_t)len + 1 > x->cap) x->text = arena_xrealloc(x->text, x->cap = (x->n + (size_t)len + 1) * 2);
    memcpy(x->text + x->n, s, (size_t)len);
    x->n += (size_t)len;
    x->text[x->n] = '\0';
}

static bool read_docx(const char *path, Table *t, DiagSink *d) {
    XlsxZip *z = xlsx_zip_open(path, d);
    if (!z) return false;
    Doc x = {.t = t};
    XlsxXml h = {.start = doc_start, .end = doc_end, .text = doc_text, .ctx = &x};
    bool ok = xlsx_zip_has(z, "word/document.xml");
    if (!ok) {
        Source s = {.path = path};
        diag_file(d, DIAG_ERROR, "K0801", &s, "it is not a Word document: it holds no word/document.xml");
    } else {
        ok = xlsx_zip_xml(z, "word/document.xml", &h, d);
    }
    for (int i = 0; i < x.nprev; i++)
        free(x.prev[i]);
    for (int i = 0; i < x.ncur; i++)
        free(x.cur[i]);
    free(x.prev);
    free(x.cur);
    free(x.text);
    xlsx_zip_close(z);
    return ok;
}

bool table_read(const char *path, Table *t, DiagSink *d) {
    memset(t, 0, sizeof *t);
    bool ok;
    if (ends_with(path, ".xlsx"))
        ok = read_xlsx(path, t, d);
    else if (ends_with(path, ".docx"))
        ok = read_docx(path, t, d);
    else
        ok = read_csv(path, t, d);
    if (ok && t->too_big) {
        Source src = {.path = path};
        diag_file(d, DIAG_ERROR, "K0801", &src,
                  "the table has more than %d rows: a standard's table has at most %d parts", MAX_ROWS, KP_MAX_PARTS);
        ok = false;
    }
    if (!ok) table_free(t);
    return ok;
}
