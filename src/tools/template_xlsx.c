/* template_xlsx.c - the template as an Excel workbook to hand to a village
 * (see template.h), written with libxlsxwriter. With a kind: a form sheet
 * with the columns of the CSV form (fact, guide, value) and a sheet per
 * list fact (a header row of its fields, a record a row). Without: a sheet
 * of units per kind (a unit a row: its name, year and a column per fact) and a sheet per list
 * fact whose first column names each record's unit. Every cell to fill is
 * validated from the fact's declaration (a drop-down for enums and yes/no,
 * whole or decimal numbers within the bounds, dates), required ones are
 * tinted, and each sheet is protected but for the cells to fill. The
 * headers and the guide are in the user's language; load_xlsx.c reads the
 * workbook back in any of them.
 *
 * Defaults are written as Excel holds them: a day as a date, a number as a
 * number. libxlsxwriter takes a double and writes it back with 16
 * significant digits, so a default of at most 15 significant digits reads
 * back as written (load_xlsx.c reads the cell's text); a longer one is
 * written as text. libxlsxwriter is loaded when the first template is
 * written (office_lib.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "load.h"
#include "office_lib.h"
#include "template.h"
#include "width.h"

enum { ROWS = 100000, INPUT_MAX = 250 };

typedef enum { W_FACT, W_GUIDE, W_VALUE, W_NAME, W_UNIT, W_FORM, W_YEAR } Word;

/* The header words in the user's language (load_xlsx.c knows them all). */
static const char *word(Word w) {
    static const char *const en[] = {"fact", "guide", "value", "name", "unit", "form", "year"};
    static const char *const tw[] = {"事項", "說明", "填寫", "名稱", "單位", "表單", "年度"};
    static const char *const cn[] = {"事项", "说明", "填写", "名称", "单位", "表单", "年度"};
    const char *l = i18n_language();
    return (!strcmp(l, "zh_TW") ? tw : !strcmp(l, "zh_CN") ? cn : en)[w];
}

static bool chinese(void) {
    return strcmp(i18n_language(), "en") != 0;
}

typedef struct Book {
    const OfficeWriter *lib;
    lxw_workbook *wb;
    lxw_format *head, *guide, *locked, *fill, *need, *fill_date, *need_date, *fill_text, *need_text;
} Book;

static bool required(const Fact *f) {
    return !f->def_value.present && !f->optional && !f->given_read && !(f->asked_by && !f->needed_by) &&
           f->type.kind != TY_LIST;
}

/* The format of a cell to fill for f. */
static lxw_format *fill_format(const Book *b, const Fact *f) {
    bool need = required(f);
    if (f->type.kind == TY_DATE) return need ? b->need_date : b->fill_date;
    if (f->type.kind == TY_TEXT) return need ? b->need_text : b->fill_text;
    return need ? b->need : b->fill;
}

/* At most max bytes of s, cut at a character's start. */
static void cut(char *s, size_t max) {
    if (strlen(s) > max) s[utf8_whole(s, max)] = '\0';
}

/* ---- validation ------------------------------------------------------------------ */

static void date_formula(const Value *v, char *buf, size_t cap) {
    int y, m, d;
    dates_to_civil(v->u.date, &y, &m, &d);
    snprintf(buf, cap, "DATE(%d,%d,%d)", y, m, d);
}

/* The rows r1..r2 of column col take values of f. */
static void validate(const Book *b, lxw_worksheet *ws, int r1, int r2, int col, const Fact *f) {
    lxw_data_validation v = {0};
    char lo[64] = "", hi[64] = "", input[INPUT_MAX + 8];
    char *list[64] = {0};
    char *guide = template_guide(f, true);
    snprintf(input, sizeof input, "%s", guide ? guide : "");
    free(guide);
    cut(input, INPUT_MAX);
    v.input_message = input;
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    switch (f->type.kind) {
    case TY_INTEGER:
    case TY_DECIMAL:
    case TY_PERCENT:
        v.validate =
            f->type.kind == TY_INTEGER ? LXW_VALIDATION_TYPE_INTEGER_FORMULA : LXW_VALIDATION_TYPE_DECIMAL_FORMULA;
        if (f->lo_value.present) template_value(f, &f->lo_value, lo, sizeof lo);
        if (f->hi_value.present) template_value(f, &f->hi_value, hi, sizeof hi);
        if (!*lo) snprintf(lo, sizeof lo, "-1E+15");
        if (!*hi) snprintf(hi, sizeof hi, "1E+15");
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_formula = lo, v.maximum_formula = hi;
        break;
    case TY_DATE:
        v.validate = LXW_VALIDATION_TYPE_DATE_FORMULA;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        if (f->lo_value.present)
            date_formula(&f->lo_value, lo, sizeof lo);
        else
            snprintf(lo, sizeof lo, "DATE(1900,1,1)");
        if (f->hi_value.present)
            date_formula(&f->hi_value, hi, sizeof hi);
        else
            snprintf(hi, sizeof hi, "DATE(9999,12,31)");
        v.minimum_formula = lo, v.maximum_formula = hi;
        break;
    case TY_BOOLEAN:
        v.validate = LXW_VALIDATION_TYPE_LIST;
        list[0] = chinese() ? "是" : "yes", list[1] = chinese() ? "否" : "no";
        v.value_list = list;
        break;
    case TY_ENUM: {
        /* Excel keeps at most 255 characters of a list: a longer one is no drop-down */
        size_t len = 0;
        int n = 0;
        bool plain = true; /* a comma or a quote in a value would break Excel's list */
        for (const StrList *m = f->type.members; m && n < 63; m = m->next) {
            len += strlen(m->s) + 1, list[n++] = (char *)(uintptr_t)m->s; /* libxlsxwriter only reads it */
            plain &= !strpbrk(m->s, ",\"");
        }
        /* a list cut short would refuse the values left out: none then */
        if (len > 255 || n == 63 || !plain || f->type.members == NULL) break;
        v.validate = LXW_VALIDATION_TYPE_LIST;
        v.value_list = list;
        break;
    }
    default: break;
    }
    if (v.validate == LXW_VALIDATION_TYPE_NONE) { /* text, or a long enum: at most the bytes kaoping reads */
        v.validate = LXW_VALIDATION_TYPE_LENGTH;
        v.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
        v.value_number = 16384;
    }
    if (r1 == r2)
        b->lib->worksheet_data_validation_cell(ws, (lxw_row_t)r1, (lxw_col_t)col, &v);
    else
        b->lib->worksheet_data_validation_range(ws, (lxw_row_t)r1, (lxw_col_t)col, (lxw_row_t)r2, (lxw_col_t)col, &v);
}

/* A fact's default in its cell, as Excel holds such a value. */
static void write_default(const Book *b, lxw_worksheet *ws, int row, int col, const Fact *f) {
    lxw_format *fmt = fill_format(b, f);
    if (!f->def_value.present || f->type.kind == TY_LIST) {
        b->lib->worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, fmt);
        return;
    }
    char text[128];
    template_value(f, &f->def_value, text, sizeof text);
    size_t digits = strspn(text, "-") + strcspn(text, "eE");
    switch (f->type.kind) {
    case TY_DATE: {
        int y, m, d;
        dates_to_civil(f->def_value.u.date, &y, &m, &d);
        lxw_datetime dt = {.year = y, .month = m, .day = d};
        b->lib->worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt, fmt);
        return;
    }
    case TY_BOOLEAN:
        b->lib->worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
                                       f->def_value.u.b ? (chinese() ? "是" : "yes") : (chinese() ? "否" : "no"), fmt);
        return;
    case TY_INTEGER:
    case TY_DECIMAL:
    case TY_PERCENT:
        if (digits <= 16) {             /* 15 digits, a sign or a point */
            Dec v = f->def_value.u.num; /* a percentage's cell holds its points, as its text */
            if (f->type.kind == TY_PERCENT && dec_mul(v, dec_int(100), &v) != DEC_OK) break;
            b->lib->worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, dec_to_double(v), fmt);
            return;
        }
        break;
    default: break;
    }
    b->lib->worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, fmt);
}

static void protect(const Book *b, lxw_worksheet *ws) {
    lxw_protection p = {.format_columns = 1, .format_rows = 1};
    b->lib->worksheet_protect(ws, NULL, &p);
}

/* The sheet's name: the label when Excel takes it as a name, else the id. */
/* The sheet's name: the label, else the id, else (neither fits Excel's 31
 * characters, or both are taken) the id cut and numbered: a sheet is never
 * left out. */
static const char *sheet_name(const Book *b, const char *label, const char *id) {
    if (label && b->lib->workbook_validate_sheet_name(b->wb, label) == LXW_NO_ERROR) return label;
    if (b->lib->workbook_validate_sheet_name(b->wb, id) == LXW_NO_ERROR) return id;
    static char name[32];
    for (int k = 1; k < 1000; k++) {
        snprintf(name, sizeof name, "%.24s_%d", id, k);
        if (b->lib->workbook_validate_sheet_name(b->wb, name) == LXW_NO_ERROR) return name;
    }
    return id;
}

/* A header cell: the fact's label when no other fact of the sheet has it,
 * else its id; its guide as a comment. */
static void header(const Book *b, lxw_worksheet *ws, int col, const Fact *f, const Fact *const *peers, int n) {
    const char *h = f->label && !load_xlsx_header_word(f->label) ? f->label : fact_key(f);
    for (int i = 0; i < n; i++)
        if (peers[i] != f && peers[i]->label && f->label && !strcmp(peers[i]->label, f->label)) h = fact_key(f);
    const OfficeWriter *w = b->lib;
    w->worksheet_write_string(ws, 0, (lxw_col_t)col, h, b->head);
    char *g = template_guide(f, true);
    if (g) w->worksheet_write_comment(ws, 0, (lxw_col_t)col, g);
    free(g);
    w->worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, 18, fill_format(b, f));
    validate(b, ws, 1, ROWS, col, f);
}

/* A sheet per list fact: its fields' columns (a list of values: one column
 * of values), after a unit column in a workbook of units. */
static void list_sheet(const Book *b, const Fact *l, bool unit_col) {
    const OfficeWriter *w = b->lib;
    lxw_worksheet *ws = w->workbook_add_worksheet(b->wb, sheet_name(b, l->label, fact_key(l)));
    if (!ws) return;
    int col = 0;
    if (unit_col) {
        w->worksheet_write_string(ws, 0, 0, word(W_UNIT), b->head);
        w->worksheet_set_column(ws, 0, 0, 18, b->fill_text);
        col++;
    }
    const Fact *fields[256];
    int n = 0;
    for (const Fact *fl = l->type.fields; fl && n < 256; fl = fl->next)
        if (fl->type.kind != TY_LIST) fields[n++] = fl; /* a list in each record is JSON data's */
    for (int i = 0; i < n; i++)
        header(b, ws, col + i, fields[i], fields, n);
    /* a list of values: one column, the value, a value a row */
    if (l->type.of_values) w->worksheet_write_string(ws, 0, (lxw_col_t)col, word(W_VALUE), b->head);
    w->worksheet_freeze_panes(ws, 1, 0);
    protect(b, ws);
}

static void form_sheet(const Book *b, const Standard *std, int kind) {
    const OfficeWriter *w = b->lib;
    lxw_worksheet *ws = w->workbook_add_worksheet(b->wb, word(W_FORM));
    w->worksheet_set_column(ws, 0, 0, 22, NULL);
    w->worksheet_set_column(ws, 1, 1, 60, NULL);
    w->worksheet_set_column(ws, 2, 2, 24, NULL);
    w->worksheet_write_string(ws, 0, 0, word(W_FACT), b->head);
    w->worksheet_write_string(ws, 0, 1, word(W_GUIDE), b->head);
    w->worksheet_write_string(ws, 0, 2, word(W_VALUE), b->head);
    int row = 1;
    w->worksheet_write_string(ws, (lxw_row_t)row, 0, "name", b->locked);
    w->worksheet_write_string(ws, (lxw_row_t)row, 1, _("the unit's name"), b->guide);
    w->worksheet_write_blank(ws, (lxw_row_t)row++, 2, b->need_text);
    if (std->nkinds) {
        w->worksheet_write_string(ws, (lxw_row_t)row, 0, "kind", b->locked);
        w->worksheet_write_string(ws, (lxw_row_t)row, 1, _("the unit's kind"), b->guide);
        w->worksheet_write_string(ws, (lxw_row_t)row, 2, std->kind_tab[kind]->id, b->need_text);
        char *kinds[64] = {0};
        size_t len = 0;
        for (int k = 0; k < std->nkinds && k < 63; k++)
            kinds[k] = (char *)(uintptr_t)std->kind_tab[k]->id, len += strlen(kinds[k]) + 1;
        lxw_data_validation v = {.validate = LXW_VALIDATION_TYPE_LIST, .value_list = kinds};
        if (len <= 255 && std->nkinds < 63) /* Excel keeps no longer list: no drop-down then */
            w->worksheet_data_validation_cell(ws, (lxw_row_t)row, 2, &v);
        row++;
    }
    w->worksheet_write_string(ws, (lxw_row_t)row, 0, "year", b->locked);
    w->worksheet_write_string(ws, (lxw_row_t)row, 1, _("the standard's year"), b->guide);
    w->worksheet_write_number(ws, (lxw_row_t)row, 2, std->year_value, b->fill);
    lxw_data_validation year = {.validate = LXW_VALIDATION_TYPE_INTEGER,
                                .criteria = LXW_VALIDATION_CRITERIA_EQUAL_TO,
                                .value_number = std->year_value};
    w->worksheet_data_validation_cell(ws, (lxw_row_t)row++, 2, &year);
    for (int i = 0; i < std->nfacts; i++) {
        const Fact *f = std->fact_tab[i];
        if (!template_wanted(f, kind) || f->type.kind == TY_LIST) continue;
        char *g = template_guide(f, true);
        w->worksheet_write_string(ws, (lxw_row_t)row, 0, fact_key(f), b->locked);
        w->worksheet_write_string(ws, (lxw_row_t)row, 1, g ? g : "", b->guide);
        free(g);
        write_default(b, ws, row, 2, f);
        validate(b, ws, row, row, 2, f);
        row++;
    }
    w->worksheet_freeze_panes(ws, 1, 0);
    protect(b, ws);
}

/* A sheet of units of one kind: the name, then a column per fact. */
/* Whether a list fact has this key or label (its sheet is named so). */
static bool names_a_list(const Standard *std, const char *name) {
    for (int i = 0; i < std->nfacts; i++) {
        const Fact *f = std->fact_tab[i];
        if (f->type.kind == TY_LIST && (!strcmp(fact_key(f), name) || (f->label && !strcmp(f->label, name))))
            return true;
    }
    return false;
}

static void rows_sheet(const Book *b, const Standard *std, int kind) {
    const OfficeWriter *w = b->lib;
    const Kind *k = kind >= 0 ? std->kind_tab[kind] : NULL;
    /* a kind labelled as a list is named by its id: the reader takes a list's name for its sheet */
    const char *name = k ? sheet_name(b, names_a_list(std, k->label) ? NULL : k->label, k->id) : "units";
    lxw_worksheet *ws = w->workbook_add_worksheet(b->wb, name);
    if (!ws) return;
    w->worksheet_write_string(ws, 0, 0, word(W_NAME), b->head);
    w->worksheet_set_column(ws, 0, 0, 18, b->need_text);
    w->worksheet_write_string(ws, 0, 1, word(W_YEAR), b->head);
    w->worksheet_write_comment(ws, 0, 1, _("the standard's year"));
    w->worksheet_set_column(ws, 1, 1, 8, b->fill);
    lxw_data_validation year = {.validate = LXW_VALIDATION_TYPE_INTEGER,
                                .criteria = LXW_VALIDATION_CRITERIA_EQUAL_TO,
                                .value_number = std->year_value};
    w->worksheet_data_validation_range(ws, 1, 1, ROWS, 1, &year);
    const Fact **facts = malloc(sizeof *facts * (size_t)(std->nfacts + 1));
    if (!facts) arena_out_of_memory();
    int n = 0;
    for (int i = 0; i < std->nfacts; i++)
        if (template_wanted(std->fact_tab[i], kind) && std->fact_tab[i]->type.kind != TY_LIST)
            facts[n++] = std->fact_tab[i];
    for (int i = 0; i < n && i < 16000; i++)
        header(b, ws, 2 + i, facts[i], facts, n);
    free(facts);
    w->worksheet_freeze_panes(ws, 1, 2);
    protect(b, ws);
}

static lxw_format *fill_look(const Book *b, bool need, const char *numfmt) {
    const OfficeWriter *w = b->lib;
    lxw_format *f = w->workbook_add_format(b->wb);
    w->format_set_unlocked(f);
    w->format_set_border(f, LXW_BORDER_THIN);
    w->format_set_border_color(f, 0xBFBFBF);
    if (need) w->format_set_bg_color(f, 0xFFF2CC); /* required: pale yellow */
    if (numfmt) w->format_set_num_format(f, numfmt);
    return f;
}

bool template_xlsx(const Standard *std, int kind, const char *path, const char **error) {
    const OfficeWriter *w = office_lib_writer(error);
    if (!w) return false;
    lxw_workbook *wb = w->workbook_new(path);
    if (!wb) return false;
    Book b = {.lib = w, .wb = wb};
    b.head = w->workbook_add_format(wb);
    w->format_set_bold(b.head);
    w->format_set_bg_color(b.head, 0xD9E1F2);
    b.locked = w->workbook_add_format(wb);
    b.guide = w->workbook_add_format(wb);
    w->format_set_text_wrap(b.guide);
    w->format_set_font_color(b.guide, 0x595959);
    b.fill = fill_look(&b, false, NULL), b.need = fill_look(&b, true, NULL);
    b.fill_date = fill_look(&b, false, "yyyy-mm-dd"), b.need_date = fill_look(&b, true, "yyyy-mm-dd");
    b.fill_text = fill_look(&b, false, "@"), b.need_text = fill_look(&b, true, "@");
    if (kind >= 0 || std->nkinds == 0) {
        form_sheet(&b, std, kind);
    } else {
        for (int k = 0; k < std->nkinds; k++)
            rows_sheet(&b, std, k);
    }
    for (int i = 0; i < std->nfacts; i++) {
        const Fact *f = std->fact_tab[i];
        if (template_wanted(f, kind) && f->type.kind == TY_LIST) list_sheet(&b, f, kind < 0 && std->nkinds > 0);
    }
    lxw_error err = w->workbook_close(wb);
    if (err != LXW_NO_ERROR) *error = w->lxw_strerror(err);
    return err == LXW_NO_ERROR;
}
