/* render_xlsx.c - the results as an Excel workbook (libxlsxwriter), three
 * sheets: summary (one row per unit, failed units tinted red, vetoed ones
 * deeper red and bold), scorecards (one row per unit and item) and
 * rectifications (every entry, grouped by responsible unit). Header rows
 * are frozen and filtered, columns are as wide as their text (a Chinese
 * character counts two), scores are numbers shown with the standard's
 * decimal places.
 *
 * libxlsxwriter takes numbers as double: each score, already rounded to
 * the standard's decimals, is handed over by dec_to_double (decimal.h, the
 * one place an exact decimal becomes a double): the double nearest it, the
 * one a spreadsheet holds for that decimal when it is typed in (a number of
 * more than 15 significant digits, which no double holds, is written as
 * its text instead: put_num). The
 * library writes it with 16 significant digits (978.93 as
 * 978.9299999999999), which reads back as the same double, and Excel
 * shows it with the standard's decimals; kaoping reads such a cell back
 * as 978.93 (xlsx_number_digits). No score is ever computed in a double. It
 * prints with printf, so LC_NUMERIC must stay "C" (a decimal comma would
 * break the file): set only the locale categories that messages need.
 * libxlsxwriter is loaded when the first workbook is begun (office_lib.h). */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "office_lib.h"
#include "render.h"
#include "width.h"

enum { MAX_COLS = 16, MAX_WIDTH = 70, MAX_CELL = 32000 };

typedef struct Sheet {
    const OfficeWriter *lib;
    lxw_worksheet *ws;
    lxw_row_t row; /* the next row to write */
    int ncols, width[MAX_COLS];
    bool full; /* Excel's last row was reached: the rest is left out */
} Sheet;

/* A rectification entry for one responsible unit, kept in the spill file
 * at off until the end, when the entries are written grouped by owner. */
typedef struct RectRef {
    int owner, seq;
    long off;
} RectRef;

enum { RECT_FIELDS = 7 }; /* unit, item, title, seen, to do, rule, deadline */
static const char *const states[] = {N_("open"), N_("OVERDUE"), N_("cannot be rectified")};

typedef enum { LOOK_PLAIN, LOOK_FAIL, LOOK_VETO, NLOOKS } Look;

struct XlsxDoc {
    const OfficeWriter *lib;
    lxw_workbook *wb;
    const Standard *std;
    Sheet summary, cards, rect;
    lxw_format *head, *text[NLOOKS], *num[NLOOKS], *red;
    Arena *arena;  /* the responsible units' names */
    FILE *spill;   /* the rectification entries, until the end */
    RectRef *rows; /* where each one is, to group them by owner */
    int nrows, caprows;
    const char **owners;
    int nowners, capowners;
    bool lost; /* an entry could not be kept (out of memory): the workbook is not kept */
};

static const char *clip(Arena *a, const char *s) {
    if (!s) return "";
    s = render_clean(a, s);
    size_t n = strlen(s);
    if (n <= MAX_CELL) return s;
    n = utf8_whole(s, MAX_CELL); /* Excel's limit is 32767 characters: cut at a character */
    return arena_strndup(a, s, n);
}

static void fit(Sheet *sh, int col, size_t w) {
    if (col < MAX_COLS && (int)w > sh->width[col]) sh->width[col] = w > MAX_WIDTH ? MAX_WIDTH : (int)w;
}

static bool row_ok(Sheet *sh) {
    if (sh->row >= LXW_ROW_MAX) sh->full = true;
    return !sh->full;
}

static void put_str(Sheet *sh, Arena *a, int col, const char *s, lxw_format *fmt) {
    s = clip(a, s);
    fit(sh, col, width_str(s));
    if (*s || fmt) sh->lib->worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, s, fmt);
}

/* Significant digits of a decimal's text ("-0.0125": 3). */
static int significant_digits(const char *s) {
    int n = 0;
    bool lead = true;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') continue;
        if (*s == '0' && lead) continue;
        lead = false;
        n++;
    }
    return n;
}

/* A score as a number cell: rounded to the standard's decimals, then the
 * double libxlsxwriter takes (dec_to_double). A number of more than 15
 * significant digits (an output in yuan, say) has no double that reads back
 * as it: it is written as its exact text instead, not changed. */
static void put_num(Sheet *sh, int col, Dec d, int places, lxw_format *fmt) {
    char buf[64];
    dec_format(d, places, buf, sizeof buf);
    fit(sh, col, strlen(buf) + 1);
    if (significant_digits(buf) > 15) {
        sh->lib->worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, buf, fmt);
        return;
    }
    Dec r;
    if (dec_round(d, places, &r) != DEC_OK) r = d;
    sh->lib->worksheet_write_number(sh->ws, sh->row, (lxw_col_t)col, dec_to_double(r), fmt);
}

static void put_int(Sheet *sh, int col, int n, lxw_format *fmt) {
    put_num(sh, col, dec_int(n), 0, fmt);
}

/* A sheet named name (in the user's language when Excel takes the
 * translation as a sheet name, else in English), with a header row of the
 * cols (marked with N_, shown translated). */
static void header(XlsxDoc *d, Sheet *sh, const char *name, const char *const *cols) {
    const OfficeWriter *w = d->lib;
    const char *local = _(name);
    sh->lib = w;
    sh->ws =
        w->workbook_add_worksheet(d->wb, w->workbook_validate_sheet_name(d->wb, local) == LXW_NO_ERROR ? local : name);
    for (sh->ncols = 0; cols[sh->ncols]; sh->ncols++) {
        const char *col = _(cols[sh->ncols]);
        w->worksheet_write_string(sh->ws, 0, (lxw_col_t)sh->ncols, col, d->head);
        fit(sh, sh->ncols, width_str(col) + 3); /* room for the filter button */
    }
    w->worksheet_freeze_panes(sh->ws, 1, 0);
    sh->row = 1;
}

static lxw_format *format(XlsxDoc *d, Look look, const char *numfmt) {
    const OfficeWriter *w = d->lib;
    lxw_format *f = w->workbook_add_format(d->wb);
    if (numfmt) w->format_set_num_format(f, numfmt);
    if (look == LOOK_FAIL) w->format_set_bg_color(f, 0xFFC7CE), w->format_set_font_color(f, 0x9C0006);
    if (look == LOOK_VETO)
        w->format_set_bg_color(f, 0xFF8080), w->format_set_font_color(f, 0x6E0000), w->format_set_bold(f);
    return f;
}

/* What render_xlsx_begin holds before its document is whole: freed, and the
 * workbook's file (libxlsxwriter frees a workbook only by writing it)
 * removed, when out of memory unwinds past it. */
typedef struct {
    const OfficeWriter *lib;
    lxw_workbook *wb;
    FILE *spill;
    const char *path;
    Arena *arena;
} Partial;

static void partial_free(void *p) {
    Partial *part = p;
    part->lib->workbook_close(part->wb);
    remove(part->path);
    fclose(part->spill);
    if (part->arena) arena_free(part->arena);
}

static void free_arena(void *a) {
    arena_free(a);
}

XlsxDoc *render_xlsx_begin(const Standard *std, const char *path, const char **error) {
    const OfficeWriter *w = office_lib_writer(error);
    if (!w) return NULL;
    /* rows go to temporary files as they are finished (each sheet is
     * written row after row), so memory does not grow with the units */
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = w->workbook_new_opt(path, &opt);
    if (!wb) return NULL;
    FILE *spill = tmpfile();
    if (!spill) {
        w->workbook_close(wb);
        return NULL;
    }
    Partial part = {w, wb, spill, path, NULL};
    arena_oom_cleanup(partial_free, &part); /* libkaoping: out of memory in here unwinds past it */
    Arena *a = part.arena = arena_new();
    XlsxDoc *d = arena_alloc(a, sizeof *d);
    d->arena = a;
    d->spill = spill;
    d->lib = w;
    d->wb = wb;
    d->std = std;
    int places = std->decimals_value;
    char numfmt[16] = "0";
    if (places > 0) {
        strcpy(numfmt, "0.");
        for (int i = 0; i < places && i < 9; i++)
            strcat(numfmt, "0");
    }
    d->head = w->workbook_add_format(wb);
    w->format_set_bold(d->head);
    w->format_set_bg_color(d->head, 0xDDE5F0);
    w->format_set_bottom(d->head, LXW_BORDER_THIN);
    for (int l = 0; l < NLOOKS; l++) {
        d->text[l] = l == LOOK_PLAIN ? NULL : format(d, (Look)l, NULL);
        d->num[l] = format(d, (Look)l, numfmt);
    }
    d->red = w->workbook_add_format(wb);
    w->format_set_font_color(d->red, 0xC00000);
    w->format_set_bold(d->red);
    static const char *const summary[] = {N_("unit"),
                                          N_("kind"),
                                          N_("year"),
                                          N_("total"),
                                          N_("grade"),
                                          N_("result"),
                                          N_("vetoes"),
                                          N_("items score"),
                                          N_("items points"),
                                          N_("items scaled"),
                                          N_("bonus"),
                                          N_("penalties"),
                                          N_("rectification entries"),
                                          N_("points to rectify"),
                                          N_("file"),
                                          NULL};
    static const char *const cards[] = {N_("unit"), N_("kind"),       N_("year"),        N_("category"),
                                        N_("item"), N_("title"),      N_("points"),      N_("score"),
                                        N_("lost"), N_("deductions"), N_("responsible"), NULL};
    static const char *const rect[] = {N_("responsible"), N_("unit"),  N_("item"),  N_("title"),
                                       N_("lost"),        N_("seen"),  N_("to do"), N_("rule"),
                                       N_("deadline"),    N_("state"), NULL};
    /* no grade column without grades; a column per output, after the file */
    const char **cols = arena_alloc(d->arena, sizeof *cols * (size_t)(16 + std->noutputs));
    int nc = 0;
    for (int i = 0; summary[i]; i++)
        if (std->ngrades || strcmp(summary[i], "grade")) cols[nc++] = summary[i];
    for (int i = 0; i < std->noutputs; i++)
        cols[nc++] = render_output_label(std->output_tab[i]);
    cols[nc] = NULL;
    header(d, &d->summary, N_("summary"), cols);
    header(d, &d->cards, N_("scorecards"), cards);
    header(d, &d->rect, N_("rectifications"), rect);
    arena_oom_cleanup(NULL, NULL);
    return d;
}

static void unit_cells(XlsxDoc *d, Sheet *sh, const Unit *u, Look look) {
    put_str(sh, u->arena, 0, u->name, d->text[look]);
    put_str(sh, u->arena, 1, u->kind_name, NULL);
    put_int(sh, 2, u->year ? u->year : d->std->year_value, NULL);
}

static void summary_row(XlsxDoc *d, const Result *res) {
    Sheet *sh = &d->summary;
    if (!row_ok(sh)) return;
    const Standard *s = d->std;
    const Unit *u = res->unit;
    Arena *a = u->arena;
    int places = s->decimals_value;
    Look look = res->error ? LOOK_FAIL : res->nvetoes ? LOOK_VETO : res->pass ? LOOK_PLAIN : LOOK_FAIL;
    lxw_format *t = d->text[look], *n = d->num[look];
    int k = s->ngrades ? 0 : -1; /* the columns after the grade move left without one */
    unit_cells(d, sh, u, look);
    if (res->error) {
        put_str(sh, a, 5 + k, arena_printf(a, _("not scored: %s"), res->error), t);
    } else {
        put_num(sh, 3, res->total, places, n);
        if (s->ngrades) put_str(sh, a, 4, render_grade_name(res), t);
        put_str(sh, a, 5 + k,
                res->disqualified   ? _("VETOED")
                : res->grade_forced ? _("grade forced by a veto")
                : res->pass         ? _("passes")
                                    : _("fails"),
                t);
        const char *v = "";
        for (int i = 0; i < s->nvetoes; i++)
            if (res->vetoes[i]) {
                v = arena_printf(a, "%s%s%s %s", v, *v ? "; " : "", s->veto_tab[i]->id, s->veto_tab[i]->title);
                if (s->veto_tab[i]->effect.effect != VETO_DISQUALIFY)
                    v = arena_printf(a, "%s [%s]", v, render_veto_effect(a, res, i));
            }
        put_str(sh, a, 6 + k, v, t);
        put_num(sh, 7 + k, res->items_score, places, n);
        put_num(sh, 8 + k, res->items_max, places, n);
        put_num(sh, 9 + k, res->items_scaled, places, n);
        put_num(sh, 10 + k, res->bonus, places, n);
        put_num(sh, 11 + k, res->penalty, places, n);
        put_int(sh, 12 + k, res->nrect, t);
        put_num(sh, 13 + k, res->rect_lost, places, n);
        for (int i = 0; i < s->noutputs; i++) {
            TypeKind ty = s->output_tab[i]->value->type;
            if (!res->outputs[i].present) continue; /* an absent optional fact: an empty cell */
            if (ty == TY_INTEGER || ty == TY_DECIMAL)
                put_num(sh, 15 + k + i, res->outputs[i].u.num, places, n);
            else
                put_str(sh, a, 15 + k + i, render_output_value(a, res, i), t);
        }
    }
    put_str(sh, a, 14 + k, u->src->path, NULL);
    sh->row++;
}

static void card_row(XlsxDoc *d, const Result *res, const Part *category, const ItemResult *ir, Look look) {
    Sheet *sh = &d->cards;
    if (!row_ok(sh)) return;
    Arena *a = res->unit->arena;
    const Part *p = ir->item;
    int places = d->std->decimals_value;
    bool bonus = category->kind == PART_BONUS, penalty = p->kind == PART_PENALTY;
    unit_cells(d, sh, res->unit, look);
    put_str(sh, a, 3, penalty ? _("penalty") : render_part_title(a, category), NULL);
    put_str(sh, a, 4, p->id, NULL);
    put_str(sh, a, 5, render_part_title(a, p), NULL);
    bool change = bonus || penalty || !p->points; /* no points of its own: its score is a change */
    if (!change) put_num(sh, 6, ir->points, places, d->num[LOOK_PLAIN]);
    Dec score = ir->score;
    if (penalty && dec_neg(score, &score) != DEC_OK) score = ir->score;
    put_num(sh, 7, score, places, d->num[LOOK_PLAIN]);
    if (!change) put_num(sh, 8, ir->lost, places, d->num[LOOK_PLAIN]);
    put_str(sh, a, 9, render_deductions(a, res, ir), NULL);
    put_str(sh, a, 10, render_owners(a, p), NULL);
    sh->row++;
}

static void card_rows(XlsxDoc *d, const Result *res, const Part *category, const Part *p, Look look) {
    for (const Part *c = p->children; c; c = c->next) {
        if (c->kind == PART_GROUP && res->parts[c->index].applies)
            card_rows(d, res, category, c, look);
        else if (c->kind == PART_ITEM && res->items[c->index].applies)
            card_row(d, res, category, &res->items[c->index], look);
    }
}

static int owner_index(XlsxDoc *d, const char *name) {
    for (int i = 0; i < d->nowners; i++)
        if (!strcmp(d->owners[i], name)) return i;
    if (d->nowners == d->capowners) {
        int cap = d->capowners ? d->capowners * 2 : 32;
        const char **more = arena_alloc(d->arena, sizeof *more * (size_t)cap);
        if (d->nowners) memcpy(more, d->owners, sizeof *more * (size_t)d->nowners);
        d->owners = more;
        d->capowners = cap;
    }
    d->owners[d->nowners] = arena_strdup(d->arena, name);
    return d->nowners++;
}

static void spill_str(FILE *f, const char *s) {
    uint32_t n = (uint32_t)strlen(s);
    fwrite(&n, sizeof n, 1, f);
    fwrite(s, 1, n, f);
}

/* Keeps each entry, once per responsible unit, in the spill file: memory
 * holds only where it is. */
static void keep_rect(XlsxDoc *d, const Result *res) {
    Arena *a = res->unit->arena;
    for (int i = 0; i < res->nrect; i++) {
        const Rectification *x = &res->rect[i];
        const Rule *r = x->rule->rule;
        const StrList *own = r->task && r->task->responsible ? r->task->responsible : x->item->item->owners;
        const StrList none = {.s = _("(none named)")};
        for (const StrList *o = own ? own : &none; o; o = o->next) {
            if (d->nrows == d->caprows) {
                int cap = d->caprows ? d->caprows * 2 : 256;
                RectRef *more = realloc(d->rows, sizeof *more * (size_t)cap);
                if (!more) {
                    d->lost = true;
                    return;
                }
                d->rows = more;
                d->caprows = cap;
            }
            RectRef *w = &d->rows[d->nrows];
            w->seq = d->nrows++;
            w->owner = owner_index(d, o->s);
            w->off = ftell(d->spill);
            uint8_t state = r->final ? 2 : x->rule->overdue ? 1 : 0;
            fwrite(&x->lost, sizeof x->lost, 1, d->spill);
            fwrite(&state, 1, 1, d->spill);
            spill_str(d->spill, res->unit->name);
            spill_str(d->spill, x->item->item->id ? x->item->item->id : "");
            spill_str(d->spill, render_part_title(a, x->item->item));
            spill_str(d->spill, render_saw(a, res, x->rule));
            spill_str(d->spill, render_target(a, res, x->rule));
            spill_str(d->spill, render_rule_numbered(a, res->std, r));
            spill_str(d->spill, !r->final && x->rule->has_deadline ? render_day(a, x->rule->deadline) : "");
        }
    }
}

void render_xlsx_unit(XlsxDoc *d, const Result *res) {
    summary_row(d, res);
    if (res->error) return;
    Look look = res->nvetoes ? LOOK_VETO : res->pass ? LOOK_PLAIN : LOOK_FAIL;
    for (const Part *p = d->std->parts; p; p = p->next) {
        if (p->kind == PART_PENALTY) {
            if (res->items[p->index].applies) card_row(d, res, p, &res->items[p->index], look);
        } else if (p->kind == PART_BONUS || res->parts[p->index].applies) {
            card_rows(d, res, p, p, look);
        }
    }
    keep_rect(d, res);
}

void render_xlsx_invalid(XlsxDoc *d, const Unit *u) {
    Sheet *sh = &d->summary;
    if (!row_ok(sh)) return;
    put_str(sh, u->arena, 0, u->name, d->text[LOOK_FAIL]); /* its kind and year may be what was wrong */
    int k = d->std->ngrades ? 0 : -1;                      /* no grade column */
    put_str(sh, u->arena, 5 + k, _("not scored: its data has errors"), d->text[LOOK_FAIL]);
    put_str(sh, u->arena, 14 + k, u->src->path, NULL);
    sh->row++;
}

static int by_owner(const void *pa, const void *pb) {
    const RectRef *a = pa, *b = pb;
    if (a->owner != b->owner) return a->owner < b->owner ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

static void finish(Sheet *sh) {
    for (int c = 0; c < sh->ncols; c++)
        sh->lib->worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, (c < MAX_COLS ? sh->width[c] : 10) + 2, NULL);
    sh->lib->worksheet_autofilter(sh->ws, 0, 0, sh->row > 1 ? sh->row - 1 : 1, (lxw_col_t)(sh->ncols - 1));
}

/* Reads back one entry of the spill file at off; false when it cannot. */
static bool unspill(FILE *f, long off, Arena *a, Dec *lost, uint8_t *state, const char **fields) {
    if (fseek(f, off, SEEK_SET) != 0 || fread(lost, sizeof *lost, 1, f) != 1 || fread(state, 1, 1, f) != 1 ||
        *state > 2)
        return false;
    for (int i = 0; i < RECT_FIELDS; i++) {
        uint32_t n;
        if (fread(&n, sizeof n, 1, f) != 1 || n > (1u << 30)) return false;
        char *s = arena_alloc(a, (size_t)n + 1);
        if (fread(s, 1, n, f) != n) return false;
        fields[i] = s;
    }
    return true;
}

static bool write_rect(XlsxDoc *d) {
    Sheet *sh = &d->rect;
    bool ok = fflush(d->spill) == 0 && !ferror(d->spill);
    if (d->nrows) qsort(d->rows, (size_t)d->nrows, sizeof *d->rows, by_owner);
    for (int i = 0; ok && i < d->nrows && row_ok(sh); i++, sh->row++) {
        Arena *a = arena_new(); /* one entry's text at a time */
        arena_oom_cleanup(free_arena, a);
        Dec lost;
        uint8_t state;
        const char *f[RECT_FIELDS];
        ok = unspill(d->spill, d->rows[i].off, a, &lost, &state, f);
        if (ok) {
            lxw_format *red = state == 1 ? d->red : NULL;
            put_str(sh, a, 0, d->owners[d->rows[i].owner], NULL);
            for (int k = 0; k < 3; k++)
                put_str(sh, a, 1 + k, f[k], NULL);
            put_num(sh, 4, lost, d->std->decimals_value, d->num[LOOK_PLAIN]);
            for (int k = 3; k < RECT_FIELDS; k++)
                put_str(sh, a, 2 + k, f[k], k == 6 ? red : NULL);
            put_str(sh, a, 9, _(states[state]), red);
        }
        arena_oom_cleanup(NULL, NULL);
        arena_free(a);
    }
    return ok;
}

void render_xlsx_abandon(XlsxDoc *d) {
    const char *error;
    d->lost = true; /* no rectification sheet: it would allocate */
    render_xlsx_end(d, &error);
}

bool render_xlsx_end(XlsxDoc *d, const char **error) {
    bool kept = !d->lost && write_rect(d);
    finish(&d->summary);
    finish(&d->cards);
    finish(&d->rect);
    bool full = d->summary.full || d->cards.full || d->rect.full;
    const OfficeWriter *w = d->lib;
    lxw_error err = w->workbook_close(d->wb);
    fclose(d->spill);
    free(d->rows);
    arena_free(d->arena);
    *error = err != LXW_NO_ERROR ? w->lxw_strerror(err)
             : !kept             ? "the rectification list could not be kept in a temporary file"
             : full              ? "more rows than an Excel sheet holds (1048576): write csv instead"
                                 : NULL;
    return !*error;
}
