/* load_rows.c - a CSV of units: a header row naming the columns (name,
 * kind, year and one column per fact, by the fact's name or by its label,
 * in traditional or simplified characters), then one unit per row. A list
 * fact's records come from a second CSV (--list FACT=FILE.csv) with a column
 * naming the unit and one column per field. Each row becomes a JSON unit
 * read by load_json.c, so every form of data is validated alike; a
 * diagnostic points at the row's cell. */
#include "load_rows.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "csv.h"
#include "diag.h"
#include "limits.h"
#include "script.h"

/* ---- records and cells ------------------------------------------------------ */

typedef CsvCell Cell; /* text unquoted and trimmed; begin..end: the cell as written in the record */

/* Splits one record (its line breaks joined by line_record) into cells. */
static Cell *split(const char *s, size_t len, int *n) {
    const char *p = s;
    Cell *cells = csv_record(&p, s + len, n, NULL);
    if (!cells) { /* an empty record: one empty cell */
        cells = arena_xrealloc(NULL, sizeof *cells);
        cells[0] = (Cell){arena_xrealloc(NULL, 1), {0, 1}};
        cells[0].text[0] = '\0';
        *n = 1;
    }
    return cells;
}

static void free_cells(Cell *c, int n) {
    csv_free(c, n);
}

/* ---- header words ------------------------------------------------------------- */

static bool one_of(const char *s, const char *const *words) {
    for (; *words; words++)
        if (!strcmp(s, *words)) return true;
    return false;
}

static const char *const NAME_WORDS[] = {"name", "unit", "名稱", "名称", "單位", "单位", "單位名稱", "单位名称", NULL};
static const char *const KIND_WORDS[] = {"kind", "類型", "类型", "單位類型", "单位类型", NULL};
static const char *const YEAR_WORDS[] = {"year", "年度", "年份", NULL};

/* The fact (among facts, or the fields of a list) a header cell names: its
 * name, else its label, else its label in the other script. *twice is set
 * when two facts have that label. */
static const Fact *match_fact(const Fact *const *facts, int n, const char *h, const Fact **twice) {
    *twice = NULL;
    for (int i = 0; i < n; i++)
        if (!strcmp(fact_key(facts[i]), h)) return facts[i];
    const Fact *found = NULL;
    for (int pass = 0; pass < 2 && !found; pass++)
        for (int i = 0; i < n; i++) {
            const char *l = facts[i]->label;
            if (!l || !(pass ? script_equal(l, h) : !strcmp(l, h))) continue;
            if (found) {
                *twice = facts[i];
                return found;
            }
            found = facts[i];
        }
    return found;
}

/* ---- lists: a second CSV keyed by unit ---------------------------------------- */

typedef struct ListEntry {
    char *unit;
    cJSON *records;
    int line; /* of its first record */
    bool used;
} ListEntry;

typedef struct ListFile {
    const Fact *fact;
    const char *path;
    Source src;     /* kept while the diagnostics about it may be printed */
    ListEntry *tab; /* open addressing by the unit's name */
    size_t cap, count;
} ListFile;

struct RowLists {
    ListFile *files;
    int n;
    bool failed; /* a file could not be used: no warning about unused records */
};

static size_t hash(const char *s) {
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static ListEntry *entry(ListFile *lf, const char *unit, bool add) {
    if (add && (lf->count + 1) * 2 > lf->cap) {
        ListFile grown = {.cap = lf->cap ? lf->cap * 2 : 64};
        grown.tab = calloc(grown.cap, sizeof *grown.tab);
        if (!grown.tab) arena_out_of_memory();
        for (size_t i = 0; i < lf->cap; i++)
            if (lf->tab[i].unit) *entry(&grown, lf->tab[i].unit, true) = lf->tab[i];
        free(lf->tab);
        lf->tab = grown.tab;
        lf->cap = grown.cap;
    }
    if (!lf->cap) return NULL;
    for (size_t i = hash(unit) & (lf->cap - 1);; i = (i + 1) & (lf->cap - 1)) {
        ListEntry *e = &lf->tab[i];
        if (!e->unit) {
            if (!add) return NULL;
            lf->count++;
            return e;
        }
        if (!strcmp(e->unit, unit)) return e;
    }
}

static bool load_list_file(ListFile *lf, DiagSink *d) {
    Source *s = &lf->src;
    if (!source_read(s, lf->path, KP_MAX_DATA_FILE, d)) return false;
    if (!source_utf8(s, d, "K0408", "save the data as UTF-8 (in Excel: Save As, CSV UTF-8)")) return false;
    const Source src = *s;
    const Fact *fields[KP_MAX_FACTS];
    int nf = 0;
    for (const Fact *f = lf->fact->type.fields; f && nf < KP_MAX_FACTS; f = f->next)
        fields[nf++] = f;
    size_t pos = src.len >= 3 && !memcmp(src.text, "\xEF\xBB\xBF", 3) ? 3 : 0;
    int line = 1, unit_col = -1, ncols = 0;
    const Fact **cols = NULL;
    bool ok = true;
    while (pos < src.len && ok) {
        /* one record: up to a line break outside quotes */
        size_t end = pos;
        bool quoted = false;
        int breaks = 0;
        for (; end < src.len && (quoted || src.text[end] != '\n'); end++) {
            if (src.text[end] == '"') quoted = !quoted;
            if (src.text[end] == '\n') breaks++;
        }
        int n;
        Cell *c = split(src.text + pos, end - pos, &n);
        for (int i = 0; i < n; i++)
            c[i].span.begin += (uint32_t)pos, c[i].span.end += (uint32_t)pos;
        if (line == 1) {
            cols = calloc((size_t)n + 1, sizeof *cols);
            ncols = n;
            for (int i = 0; i < n && ok; i++) {
                const Fact *twice;
                if (one_of(c[i].text, NAME_WORDS) && unit_col < 0) {
                    unit_col = i;
                } else if (!(cols[i] = match_fact(fields, nf, c[i].text, &twice))) {
                    diag_at(d, DIAG_WARNING, "K0411", s, c[i].span,
                            "column '%s' is not a field of the list '%s'; it is ignored", c[i].text,
                            fact_key(lf->fact));
                } else if (twice) {
                    diag_at(d, DIAG_ERROR, "K0411", s, c[i].span,
                            "column '%s' is the label of the fields '%s' and '%s': write the field's name", c[i].text,
                            fact_key(cols[i]), fact_key(twice));
                    ok = false;
                }
            }
            if (ok && unit_col < 0) {
                diag_file(d, DIAG_ERROR, "K0411", s,
                          "a list's CSV needs a column naming the unit of each record: unit (or 單位, name, 名稱)");
                ok = false;
            }
        } else if (n > unit_col && c[unit_col].text[0]) {
            ListEntry *e = entry(lf, c[unit_col].text, true);
            if (!e->unit) {
                e->unit = strdup(c[unit_col].text);
                e->records = cJSON_CreateArray();
                e->line = line;
                if (!e->unit || !e->records) arena_out_of_memory();
            }
            cJSON *rec = cJSON_CreateObject();
            for (int i = 0; i < n && i < ncols; i++)
                if (cols[i] && c[i].text[0]) cJSON_AddStringToObject(rec, fact_key(cols[i]), c[i].text);
            cJSON_AddItemToArray(e->records, rec);
        }
        free_cells(c, n);
        line += 1 + breaks;
        pos = end + 1;
    }
    if (line == 1) {
        diag_file(d, DIAG_ERROR, "K0411", s, "the file is empty: a list's CSV starts with a header row");
        ok = false;
    }
    free(cols);
    return ok;
}

RowLists *rows_lists_load(const Standard *std, const char *const *specs, int n, DiagSink *d, bool *ok_out) {
    RowLists *l = calloc(1, sizeof *l);
    if (!l) arena_out_of_memory();
    l->files = calloc((size_t)n, sizeof *l->files);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        const char *eq = strchr(specs[i], '=');
        char name[KP_MAX_NAME + 1] = "";
        if (eq && (size_t)(eq - specs[i]) <= KP_MAX_NAME) memcpy(name, specs[i], (size_t)(eq - specs[i]));
        const Fact *f = NULL;
        for (int k = 0; eq && k < std->nfacts && !f; k++)
            if (!strcmp(fact_key(std->fact_tab[k]), name) && std->fact_tab[k]->type.kind == TY_LIST)
                f = std->fact_tab[k];
        if (!f) {
            Source s = {.path = "kaoping"};
            diag_file(d, DIAG_ERROR, "K0411", &s, "--list %s: write FACT=FILE.csv, FACT a list fact of the standard",
                      specs[i]);
            ok = false;
            break;
        }
        l->files[l->n] = (ListFile){.fact = f, .path = eq + 1};
        ok = load_list_file(&l->files[l->n++], d);
    }
    /* even when unusable, l keeps the files the diagnostics point into */
    l->failed = !ok;
    *ok_out = ok;
    return l;
}

void rows_lists_free(RowLists *l, DiagSink *d) {
    if (!l) return;
    for (int i = 0; i < l->n; i++) {
        ListFile *lf = &l->files[i];
        for (size_t k = 0; k < lf->cap; k++) {
            ListEntry *e = &lf->tab[k];
            if (!e->unit) continue;
            if (d && !l->failed && !e->used) {
                Source s = {.path = lf->path};
                diag_file(d, DIAG_WARNING, "K0411", &s,
                          "line %d: no CSV row is the unit \"%s\": its %d records of %s are not read", e->line, e->unit,
                          cJSON_GetArraySize(e->records), fact_key(lf->fact));
            }
            free(e->unit);
            cJSON_Delete(e->records);
        }
        free(lf->tab);
        source_free(&lf->src);
    }
    free(l->files);
    free(l);
}

/* ---- the CSV of units ------------------------------------------------------------ */

typedef enum { COL_IGNORE, COL_NAME, COL_KIND, COL_YEAR, COL_FACT } ColKind;

struct CsvRows {
    const Standard *std;
    RowLists *lists;
    ColKind *kind;
    const Fact **fact;
    int ncols, name_col, kind_col, year_col;
};

bool rows_is_form(const Source *header) {
    int n;
    Cell *c = split(header->text, header->len, &n);
    bool fact = false, value = false;
    for (int i = 0; i < n; i++)
        fact |= !strcmp(c[i].text, "fact"), value |= !strcmp(c[i].text, "value");
    free_cells(c, n);
    return fact || value;
}

CsvRows *rows_open(const Standard *std, const char *path, RowLists *lists, const Source *header, DiagSink *d) {
    (void)path;
    CsvRows *r = calloc(1, sizeof *r);
    if (!r) arena_out_of_memory();
    r->std = std;
    r->lists = lists;
    r->name_col = r->kind_col = r->year_col = -1;
    int n;
    Cell *c = split(header->text, header->len, &n);
    r->ncols = n;
    r->kind = calloc((size_t)n, sizeof *r->kind);
    r->fact = calloc((size_t)n, sizeof *r->fact);
    const Fact **facts = (const Fact **)std->fact_tab;
    bool ok = r->kind && r->fact;
    for (int i = 0; i < n && ok; i++) {
        const char *h = c[i].text;
        const Fact *twice = NULL, *f = NULL;
        int *special = one_of(h, NAME_WORDS)   ? &r->name_col
                       : one_of(h, KIND_WORDS) ? &r->kind_col
                       : one_of(h, YEAR_WORDS) ? &r->year_col
                                               : NULL;
        if (special && *special < 0) {
            *special = i;
            r->kind[i] = special == &r->name_col ? COL_NAME : special == &r->kind_col ? COL_KIND : COL_YEAR;
            continue;
        }
        if (!h[0]) continue;
        f = match_fact(facts, std->nfacts, h, &twice);
        if (!f) {
            diag_at(d, DIAG_WARNING, "K0410", header, c[i].span,
                    "column '%s' is not a fact of the standard (nor name, kind, year); it is ignored", h);
        } else if (twice) {
            diag_at(d, DIAG_ERROR, "K0410", header, c[i].span,
                    "column '%s' is the label of the facts '%s' and '%s': write the fact's name", h, fact_key(f),
                    fact_key(twice));
            ok = false;
        } else if (f->type.kind == TY_LIST) {
            Diag *g = diag_at(d, DIAG_WARNING, "K0410", header, c[i].span,
                              "fact '%s' (%s) is a list: its records come from a second CSV; the column is ignored",
                              fact_key(f), check_fact_label(f));
            diag_help(d, g, "kaoping eval RULES UNITS.csv --list %s=FILE.csv", fact_key(f));
        } else {
            for (int k = 0; k < i && ok; k++)
                if (r->fact[k] == f) {
                    diag_at(d, DIAG_ERROR, "K0410", header, c[i].span, "column '%s' gives the fact '%s' a second time",
                            h, fact_key(f));
                    ok = false;
                }
            r->kind[i] = COL_FACT;
            r->fact[i] = f;
        }
    }
    if (ok && r->name_col < 0) {
        diag_file(d, DIAG_ERROR, "K0410", header,
                  "a CSV of units needs a column 'name' (or 名稱, 單位) with each unit's name; "
                  "a CSV form has the columns fact and value");
        ok = false;
    }
    free_cells(c, n);
    if (!ok) {
        rows_close(r);
        return NULL;
    }
    return r;
}

void rows_close(CsvRows *r) {
    if (!r) return;
    free(r->kind);
    free(r->fact);
    free(r);
}

typedef struct RowCells {
    const CsvRows *rows;
    int n;
    Span spans[]; /* by column */
} RowCells;

/* A key's cell in the row; anything else (a list's record) at the name. */
static bool find_cell(void *ctx, const char *key, Span *sp) {
    const RowCells *rc = ctx;
    const CsvRows *r = rc->rows;
    int col = !strcmp(key, "kind") ? r->kind_col : !strcmp(key, "year") ? r->year_col : -1;
    for (int i = 0; i < r->ncols && col < 0; i++)
        if (r->kind[i] == COL_FACT && !strcmp(fact_key(r->fact[i]), key)) col = i;
    if (col < 0 || col >= rc->n) col = r->name_col;
    if (col < 0 || col >= rc->n) return false;
    *sp = rc->spans[col];
    return true;
}

bool rows_unit(CsvRows *r, Job *j) {
    int n;
    Cell *c = split(j->text.text, j->text.len, &n);
    bool blank = true;
    for (int i = 0; i < n; i++)
        blank &= !c[i].text[0];
    if (blank) {
        free_cells(c, n);
        return false;
    }
    cJSON *u = cJSON_CreateObject(), *facts = cJSON_CreateObject();
    const char *name = "";
    for (int i = 0; i < n && i < r->ncols; i++) {
        const char *v = c[i].text;
        if (!v[0]) continue;
        switch (r->kind[i]) {
        case COL_NAME:
            cJSON_AddStringToObject(u, "name", v);
            name = v;
            break;
        case COL_KIND: cJSON_AddStringToObject(u, "kind", v); break;
        case COL_YEAR:
            /* a year of digits is a number; anything else reaches the loader as text, which says so */
            if (strspn(v, "0123456789") == strlen(v) && strlen(v) <= 4)
                cJSON_AddNumberToObject(u, "year", atoi(v));
            else
                cJSON_AddStringToObject(u, "year", v);
            break;
        case COL_FACT: cJSON_AddStringToObject(facts, fact_key(r->fact[i]), v); break;
        case COL_IGNORE: break;
        }
    }
    for (int k = 0; r->lists && k < r->lists->n; k++) {
        ListFile *lf = &r->lists->files[k];
        ListEntry *e = name[0] ? entry(lf, name, false) : NULL;
        if (e) e->used = true;
        cJSON_AddItemToObject(facts, fact_key(lf->fact), e ? cJSON_Duplicate(e->records, true) : cJSON_CreateArray());
    }
    cJSON_AddItemToObject(u, "facts", facts);
    RowCells *rc = arena_xrealloc(NULL, sizeof *rc + sizeof(Span) * (size_t)(n + 1));
    rc->rows = r;
    rc->n = n;
    for (int i = 0; i < n; i++)
        rc->spans[i] = c[i].span;
    free_cells(c, n);
    j->owned = u;
    j->value = u;
    j->locate = (LoadLocate){find_cell, rc};
    j->locate_data = rc;
    return true;
}
