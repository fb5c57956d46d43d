/* load_xlsx.c - units from an Excel workbook (what 'kaoping template
 * --format xlsx' writes and a village fills in). The workbook's cells
 * (xlsx_read.c) become the JSON text of its units, one cell a line, read
 * by load_json.c like any data, so every form of data is validated alike;
 * the text's Source names each line's cell, and a diagnostic is printed at
 * it: "form.xlsx:表單!C7: error: ...".
 *
 * Sheets are read by what their first row says:
 * - a form: a column fact (事項/事项) and a column value (填寫/填写), one fact
 *   a row, and name, kind and year as rows; one unit;
 * - units, one a row: a column name (名稱, 單位...) and one column per fact,
 *   by id or label; the kind is a column, or the sheet's name when it names
 *   a kind;
 * - a list: a sheet named by a list fact (its id or label), a column per
 *   field and, in a workbook of units, a column unit (單位) naming each
 *   record's unit; for a list of values, one column (值, value), a value a
 *   row;
 * - any other sheet is not read. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "i18n.h"
#include "limits.h"
#include "load.h"
#include "script.h"
#include "xlsx_read.h"

bool load_is_xlsx(const char *path) {
    size_t n = strlen(path);
    return n > 5 && !strcasecmp(path + n - 5, ".xlsx");
}

/* ---- header words ------------------------------------------------------------- */

static const char *const FACT_WORDS[] = {"fact", "事項", "事项", NULL};
static const char *const VALUE_WORDS[] = {"value", "填寫", "填写", NULL};
static const char *const NAME_WORDS[] = {"name", "名稱", "名称", "單位名稱", "单位名称", NULL};
static const char *const UNIT_WORDS[] = {"unit", "單位", "单位", NULL};
static const char *const KIND_WORDS[] = {"kind", "類型", "类型", "單位類型", "单位类型", NULL};
static const char *const YEAR_WORDS[] = {"year", "年度", "年份", NULL};

static bool one_of(const char *s, const char *const *words) {
    for (; *words; words++)
        if (!strcmp(s, *words)) return true;
    return false;
}

bool load_xlsx_header_word(const char *s) {
    const char *const *all[] = {FACT_WORDS, VALUE_WORDS, NAME_WORDS, UNIT_WORDS, KIND_WORDS, YEAR_WORDS};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (one_of(s, all[i])) return true;
    return false;
}

/* Text and label alike but for spaces around either (a label " 次數 "). */
static bool same_trimmed(const char *a, const char *b) {
    while (*a == ' ' || *a == '\t')
        a++;
    while (*b == ' ' || *b == '\t')
        b++;
    size_t na = strlen(a), nb = strlen(b);
    while (na && (a[na - 1] == ' ' || a[na - 1] == '\t'))
        na--;
    while (nb && (b[nb - 1] == ' ' || b[nb - 1] == '\t'))
        nb--;
    return na == nb && !memcmp(a, b, na);
}

/* The fact (of the standard, or a field of a list) a header cell names: its
 * key, else its label in either script. */
static const Fact *named_fact(const Standard *std, const Fact *list, const char *h) {
    if (!std) return NULL;
    int n = list ? 0 : std->nfacts;
    const Fact *fields = list ? list->type.fields : NULL;
    for (const Fact *f = fields; f; f = f->next)
        if (!strcmp(fact_key(f), h)) return f;
    for (int i = 0; i < n; i++)
        if (!strcmp(fact_key(std->fact_tab[i]), h)) return std->fact_tab[i];
    for (int pass = 0; pass < 2; pass++) {
        for (const Fact *f = fields; f; f = f->next)
            if (f->label && (pass ? script_equal(f->label, h) : same_trimmed(f->label, h))) return f;
        for (int i = 0; i < n; i++) {
            const char *l = std->fact_tab[i]->label;
            if (l && (pass ? script_equal(l, h) : same_trimmed(l, h))) return std->fact_tab[i];
        }
    }
    return NULL;
}

/* ---- the text made: one cell a line -------------------------------------------- */

typedef struct Out {
    char *s;
    size_t n, cap;
    char *names; /* each line's cell name, NUL-separated */
    size_t nn, ncap;
    int lines;
    const char *path;
    DiagSink *d;
    const XlsxBook *b;
    const Standard *std;
    const char **units; /* the names of the units written (cells' texts) */
    int nunits;
} Out;

static void named_unit(Out *o, const char *name) {
    if (!name) return;
    o->units = arena_xrealloc(o->units, sizeof *o->units * (size_t)(o->nunits + 1));
    o->units[o->nunits++] = name;
}

static void put(Out *o, const char *s, size_t n) {
    if (o->n + n + 1 > o->cap) o->s = arena_xrealloc(o->s, o->cap = (o->n + n + 1) * 2);
    memcpy(o->s + o->n, s, n);
    o->n += n;
    o->s[o->n] = '\0';
}

static void put_json(Out *o, const char *s) {
    put(o, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\', esc[1] = (char)*p;
            put(o, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            put(o, esc, 6);
        } else {
            put(o, (const char *)p, 1);
        }
    }
    put(o, "\"", 1);
}

/* Ends the line, naming its cell. */
static void end_line(Out *o, const char *cell) {
    put(o, "\n", 1);
    size_t n = strlen(cell) + 1;
    if (o->nn + n > o->ncap) o->names = arena_xrealloc(o->names, o->ncap = (o->nn + n) * 2);
    memcpy(o->names + o->nn, cell, n);
    o->nn += n;
    o->lines++;
}

static void cell_name(const XlsxSheet *s, int row, int col, char *buf, size_t cap) {
    xlsx_cell_name(s->name, row, col, buf, cap);
}

/* A diagnostic at a cell, with no unit yet (a header). */
static void at_cell(Out *o, DiagLevel lv, const XlsxSheet *s, int row, int col, const char *msg) {
    char name[400], where[800];
    cell_name(s, row, col, name, sizeof name);
    snprintf(where, sizeof where, "%s:%s", o->path, name);
    Source src = {.path = where};
    diag_file(o->d, lv, "K0412", &src, "%s", msg);
}

/* A value as the cell holds it, a date serial made a day for a date fact. */
static void value_text(Out *o, const char *key, const XlsxCell *c, const Fact *f) {
    char day[16];
    const char *v = c->text;
    if (f && f->type.kind == TY_DATE && c->kind == XLSX_NUMBER && xlsx_serial_date(v, o->b->date1904, day, sizeof day))
        v = day;
    if (!f && key && !strcmp(key, "year") && *v && strspn(v, "0123456789") == strlen(v) && strlen(v) <= 4)
        put(o, v, strlen(v)); /* a year is a number; anything else reaches the loader as text, which says so */
    else
        put_json(o, v);
}

/* A member "key": value on its own line, named by its cell; *first tells
 * whether a comma goes before it. */
static void member(Out *o, bool *first, const char *key, const XlsxSheet *s, const XlsxCell *c, const Fact *f) {
    if (!*first) put(o, ",", 1);
    *first = false;
    put_json(o, key);
    put(o, ": ", 2);
    value_text(o, key, c, f);
    char name[400];
    cell_name(s, c->row, c->col, name, sizeof name);
    end_line(o, name);
}

/* ---- sheets ------------------------------------------------------------------ */

typedef enum { SHEET_OTHER, SHEET_FORM, SHEET_ROWS, SHEET_LIST } SheetKind;

typedef struct Sheet {
    const XlsxSheet *s;
    SheetKind kind;
    const Fact *list; /* SHEET_LIST */
    int fact_col, value_col, name_col, kind_col, year_col, unit_col;
    const Fact **col_fact; /* by column of the header: a fact or field, or NULL */
    int ncols;
    int kind_of_sheet; /* the kind the sheet's name gives, or -1 */
} Sheet;

static int header_col(const XlsxSheet *s, const char *const *words) {
    for (int i = 0; i < s->ncells && s->cells[i].row == 0; i++)
        if (one_of(s->cells[i].text, words)) return s->cells[i].col;
    return -1;
}

static const Fact *list_named(const Standard *std, const char *name) {
    const Fact *f = named_fact(std, NULL, name);
    return f && f->type.kind == TY_LIST ? f : NULL;
}

static void classify(Out *o, Sheet *sh) {
    const XlsxSheet *s = sh->s;
    sh->fact_col = header_col(s, FACT_WORDS), sh->value_col = header_col(s, VALUE_WORDS);
    sh->name_col = header_col(s, NAME_WORDS), sh->kind_col = header_col(s, KIND_WORDS);
    sh->year_col = header_col(s, YEAR_WORDS), sh->unit_col = header_col(s, UNIT_WORDS);
    sh->kind_of_sheet = o->std && o->std->nkinds ? check_find_kind(o->std, s->name) : -1;
    if ((sh->list = list_named(o->std, s->name)) != NULL)
        sh->kind = SHEET_LIST;
    else if (sh->fact_col >= 0 && sh->value_col >= 0)
        sh->kind = SHEET_FORM;
    else if (sh->name_col >= 0 || (sh->unit_col >= 0 && sh->fact_col < 0))
        sh->kind = SHEET_ROWS;
    if (sh->kind == SHEET_ROWS && sh->name_col < 0) sh->name_col = sh->unit_col, sh->unit_col = -1;
    if (sh->kind != SHEET_ROWS && sh->kind != SHEET_LIST) return;
    for (int i = 0; i < s->ncells && s->cells[i].row == 0; i++)
        if (s->cells[i].col + 1 > sh->ncols) sh->ncols = s->cells[i].col + 1;
    sh->col_fact = calloc((size_t)sh->ncols + 1, sizeof *sh->col_fact);
    if (!sh->col_fact) arena_out_of_memory();
    for (int i = 0; i < s->ncells && s->cells[i].row == 0; i++) {
        const XlsxCell *c = &s->cells[i];
        if (c->col == sh->name_col || c->col == sh->kind_col || c->col == sh->year_col || c->col == sh->unit_col)
            if (sh->kind == SHEET_ROWS || c->col == sh->unit_col) continue;
        const Fact *f = named_fact(o->std, sh->list, c->text);
        /* a list of values: its one column is the value (值, value) or named as the list */
        if (!f && sh->list && sh->list->type.of_values &&
            (one_of(c->text, VALUE_WORDS) || named_fact(o->std, NULL, c->text) == sh->list))
            f = sh->list->type.fields;
        char msg[600];
        if (!f && sh->kind == SHEET_LIST && c->col == sh->name_col) continue; /* a unit column, by another word */
        if (!f) {
            snprintf(msg, sizeof msg, _("the column \"%s\" names no %s: it is not read"), c->text,
                     sh->list ? _("field of the list") : _("fact"));
            at_cell(o, DIAG_WARNING, s, 0, c->col, msg);
        } else if (sh->kind == SHEET_ROWS && f->type.kind == TY_LIST) {
            snprintf(msg, sizeof msg, _("the column \"%s\" is a list: its records go on a sheet named %s"), c->text,
                     fact_key(f));
            at_cell(o, DIAG_WARNING, s, 0, c->col, msg);
        } else if (f->type.kind == TY_LIST) {
            snprintf(msg, sizeof msg, _("the column \"%s\" is a list in each record: write such data as JSON"),
                     c->text);
            at_cell(o, DIAG_WARNING, s, 0, c->col, msg);
        } else {
            sh->col_fact[c->col] = f;
        }
    }
    if (sh->kind == SHEET_LIST && sh->unit_col < 0 && sh->name_col >= 0 && !sh->col_fact[sh->name_col])
        sh->unit_col = sh->name_col;
}

/* The first and one-past-last cell of a row, from *i on. */
static int row_end(const XlsxSheet *s, int i) {
    int r = s->cells[i].row, k = i;
    while (k < s->ncells && s->cells[k].row == r)
        k++;
    return k;
}

/* The records of a list sheet for the unit named unit (all of them when
 * unit is NULL), as a JSON array member. */
static void list_member(Out *o, bool *first, const Sheet *sh, const char *unit) {
    const XlsxSheet *s = sh->s;
    char anchor[400];
    cell_name(s, 0, 0, anchor, sizeof anchor);
    if (!*first) put(o, ",", 1);
    *first = false;
    put_json(o, fact_key(sh->list));
    put(o, ": [", 3);
    end_line(o, anchor);
    bool first_rec = true;
    for (int i = 0; i < s->ncells;) {
        int e = row_end(s, i);
        if (s->cells[i].row == 0) {
            i = e;
            continue;
        }
        const XlsxCell *u = sh->unit_col >= 0 ? xlsx_cell(s, s->cells[i].row, sh->unit_col) : NULL;
        bool any = false;
        for (int k = i; k < e && !any; k++)
            any = s->cells[k].col < sh->ncols && sh->col_fact[s->cells[k].col];
        if (!any || (unit && (!u || strcmp(u->text, unit)))) {
            i = e;
            continue;
        }
        if (sh->list->type.of_values) { /* a value a row, in its column */
            for (int k = i; k < e; k++) {
                const XlsxCell *c = &s->cells[k];
                const Fact *f = c->col < sh->ncols ? sh->col_fact[c->col] : NULL;
                if (!f) continue;
                if (!first_rec) put(o, ",", 1);
                first_rec = false;
                value_text(o, NULL, c, f);
                char name[400];
                cell_name(s, c->row, c->col, name, sizeof name);
                end_line(o, name);
                break;
            }
            i = e;
            continue;
        }
        if (!first_rec) put(o, ",", 1);
        first_rec = false;
        put(o, "{", 1);
        char name[400];
        cell_name(s, s->cells[i].row, s->cells[i].col, name, sizeof name);
        end_line(o, name);
        bool first_field = true;
        for (int k = i; k < e; k++) {
            const XlsxCell *c = &s->cells[k];
            const Fact *f = c->col < sh->ncols ? sh->col_fact[c->col] : NULL;
            if (f) member(o, &first_field, fact_key(f), s, c, f);
        }
        put(o, "}", 1);
        end_line(o, name);
        i = e;
    }
    put(o, "]", 1);
    end_line(o, anchor);
}

/* Every list sheet's records for this unit (named, or the one unit). */
static void unit_lists(Out *o, bool *first, const Sheet *sheets, int n, const char *unit, bool only_unit) {
    for (int i = 0; i < n; i++) {
        const Sheet *sh = &sheets[i];
        if (sh->kind != SHEET_LIST) continue;
        if (sh->unit_col >= 0 && unit)
            list_member(o, first, sh, unit);
        else if (sh->unit_col < 0 && only_unit)
            list_member(o, first, sh, NULL);
    }
}

static void kind_member(Out *o, bool *first, const Sheet *sh, const char *cell) {
    if (!*first) put(o, ",", 1);
    *first = false;
    put(o, "\"kind\": ", 8);
    put_json(o, o->std->kind_tab[sh->kind_of_sheet]->id);
    end_line(o, cell);
}

/* A form sheet: one unit. */
static void form_unit(Out *o, const Sheet *sh, const Sheet *sheets, int n, bool only_unit) {
    const XlsxSheet *s = sh->s;
    char anchor[400];
    cell_name(s, 0, sh->value_col, anchor, sizeof anchor);
    put(o, "{", 1);
    end_line(o, anchor);
    bool first = true, kind = false;
    const char *unit = NULL;
    /* name, kind and year first, then "facts" */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            if (!kind && sh->kind_of_sheet >= 0) kind_member(o, &first, sh, anchor);
            if (!first) put(o, ",", 1);
            put(o, "\"facts\": {", 10);
            end_line(o, anchor);
            first = true;
        }
        for (int i = 0; i < s->ncells; i++) {
            const XlsxCell *c = &s->cells[i];
            if (c->row == 0 || c->col != sh->fact_col) continue;
            const XlsxCell *v = xlsx_cell(s, c->row, sh->value_col);
            bool head = !strcmp(c->text, "name") || !strcmp(c->text, "kind") || !strcmp(c->text, "year");
            if (!v || head != (pass == 0)) continue;
            if (!strcmp(c->text, "name")) unit = v->text;
            if (!strcmp(c->text, "kind")) kind = true;
            const Fact *f = head ? NULL : named_fact(o->std, NULL, c->text);
            if (f && f->type.kind == TY_LIST) continue; /* its records are on its sheet */
            member(o, &first, f ? fact_key(f) : c->text, s, v, f);
        }
    }
    named_unit(o, unit);
    unit_lists(o, &first, sheets, n, unit, only_unit);
    put(o, "}}", 2);
    end_line(o, anchor);
}

/* A sheet of units, one a row. */
static void row_units(Out *o, const Sheet *sh, const Sheet *sheets, int n, bool *first_unit) {
    const XlsxSheet *s = sh->s;
    for (int i = 0; i < s->ncells;) {
        int e = row_end(s, i), row = s->cells[i].row;
        bool any = false;
        for (int k = i; k < e && !any; k++) {
            int col = s->cells[k].col;
            any = col == sh->name_col || col == sh->kind_col || col == sh->year_col ||
                  (col < sh->ncols && sh->col_fact[col]);
        }
        if (row == 0 || !any) {
            i = e;
            continue;
        }
        if (!*first_unit) put(o, ",", 1);
        *first_unit = false;
        char anchor[400];
        cell_name(s, row, sh->name_col, anchor, sizeof anchor);
        put(o, "{", 1);
        end_line(o, anchor);
        bool first = true;
        const XlsxCell *name = xlsx_cell(s, row, sh->name_col), *kind = NULL;
        if (name) member(o, &first, "name", s, name, NULL);
        if (sh->kind_col >= 0 && (kind = xlsx_cell(s, row, sh->kind_col)) != NULL)
            member(o, &first, "kind", s, kind, NULL);
        else if (sh->kind_of_sheet >= 0)
            kind_member(o, &first, sh, anchor);
        const XlsxCell *year = sh->year_col >= 0 ? xlsx_cell(s, row, sh->year_col) : NULL;
        if (year) member(o, &first, "year", s, year, NULL);
        if (!first) put(o, ",", 1);
        put(o, "\"facts\": {", 10);
        end_line(o, anchor);
        first = true;
        for (int k = i; k < e; k++) {
            const XlsxCell *c = &s->cells[k];
            const Fact *f = c->col < sh->ncols ? sh->col_fact[c->col] : NULL;
            if (f) member(o, &first, fact_key(f), s, c, f);
        }
        named_unit(o, name ? name->text : NULL);
        unit_lists(o, &first, sheets, n, name ? name->text : NULL, false);
        put(o, "}}", 2);
        end_line(o, anchor);
        i = e;
    }
}

/* Records of a list sheet whose unit no sheet of units names: a warning at
 * the unit's cell (a misspelt name would lose them silently). */
static void unclaimed(Out *o, const Sheet *sh) {
    if (sh->kind != SHEET_LIST || sh->unit_col < 0) return;
    for (int i = 0; i < sh->s->ncells; i++) {
        const XlsxCell *c = &sh->s->cells[i];
        if (c->row == 0 || c->col != sh->unit_col) continue;
        bool known = false;
        for (int k = 0; k < o->nunits && !known; k++)
            known = !strcmp(o->units[k], c->text);
        if (known) continue;
        char msg[600];
        snprintf(msg, sizeof msg, _("no unit is named \"%s\": this record of %s is not read"), c->text,
                 fact_key(sh->list));
        at_cell(o, DIAG_WARNING, sh->s, c->row, c->col, msg);
    }
}

bool load_xlsx_source(const Standard *std, const char *path, Source *out, DiagSink *d) {
    memset(out, 0, sizeof *out);
    out->path = path;
    XlsxBook b;
    if (!xlsx_read(&b, path, d)) return false;
    Out o = {.path = path, .d = d, .b = &b, .std = std};
    Sheet *sheets = calloc((size_t)b.nsheets, sizeof *sheets);
    if (!sheets) arena_out_of_memory();
    int forms = 0, rows = 0;
    for (int i = 0; i < b.nsheets; i++) {
        sheets[i].s = &b.sheets[i];
        classify(&o, &sheets[i]);
        forms += sheets[i].kind == SHEET_FORM;
        rows += sheets[i].kind == SHEET_ROWS;
    }
    bool ok = forms + rows > 0;
    if (!ok) {
        Source s = {.path = path};
        Diag *g = diag_file(d, DIAG_ERROR, "K0412", &s,
                            "the workbook has no sheet of units: a form (columns fact and value) or a sheet with a "
                            "column name and one column per fact");
        if (g) diag_help(d, g, "kaoping template RULES --format xlsx writes one");
    }
    put(&o, "[", 1);
    end_line(&o, b.nsheets ? b.sheets[0].name : "");
    bool first = true;
    for (int i = 0; ok && i < b.nsheets; i++) {
        if (sheets[i].kind == SHEET_FORM) {
            if (!first) put(&o, ",", 1);
            first = false;
            form_unit(&o, &sheets[i], sheets, b.nsheets, forms == 1 && rows == 0);
        } else if (sheets[i].kind == SHEET_ROWS) {
            row_units(&o, &sheets[i], sheets, b.nsheets, &first);
        }
    }
    put(&o, "]", 1);
    end_line(&o, b.nsheets ? b.sheets[0].name : "");
    for (int i = 0; ok && i < b.nsheets; i++)
        unclaimed(&o, &sheets[i]);
    free(o.units);
    for (int i = 0; i < b.nsheets; i++)
        free(sheets[i].col_fact);
    free(sheets);
    xlsx_free(&b);
    if (!ok) {
        free(o.s);
        free(o.names);
        return false;
    }
    /* the names: an array of pointers followed by the strings, one block */
    char **cells = arena_xrealloc(NULL, sizeof *cells * (size_t)o.lines + o.nn);
    char *str = (char *)(cells + o.lines);
    memcpy(str, o.names, o.nn);
    for (int i = 0; i < o.lines; i++) {
        cells[i] = *str ? str : NULL;
        str += strlen(str) + 1;
    }
    free(o.names);
    out->text = o.s;
    out->len = o.n;
    out->cells = cells;
    out->ncells = o.lines;
    return true;
}

bool load_read(const Standard *std, const char *path, Source *out, DiagSink *d) {
    if (load_is_xlsx(path)) return load_xlsx_source(std, path, out, d);
    return source_read(out, path, KP_MAX_DATA_FILE, d);
}
