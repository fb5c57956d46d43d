/* render_compare.c - kaoping compare as text and as JSON (schema:
 * doc/revisions.md). Formats what compare.c computed; computes nothing. */
#include <cjson/cJSON.h>
#include <string.h>

#include "i18n.h"
#include "render.h"
#include "render_compare.h"

static const char *signed_dec(Arena *a, Dec d, int places) {
    return dec_sign(d) > 0 ? arena_printf(a, "+%s", render_dec(a, d, places)) : render_dec(a, d, places);
}

static const char *outcome(Arena *a, const Result *r) {
    const char *g = r->grade >= 0 ? r->std->grade_tab[r->grade]->name : "-";
    return arena_printf(a, "%s%s", g, r->nvetoes ? _(" (vetoed)") : r->pass ? "" : _(" (fails)"));
}

/* Why the standard moved an item's score. */
static const char *why(Arena *a, const CompareItem *x, int years) {
    const DiffEntry *e = x->why;
    if (!e) return x->by_task ? _("its tasks' dates changed") : _("the scaling or the inputs it reads changed");
    unsigned ch = e->changes;
    if (ch & DIFF_ADDED) return _("added");
    if (ch & DIFF_REMOVED) return _("removed");
    if (ch & DIFF_POINTS)
        return arena_printf(a, _("points %s -> %s"), render_dec(a, e->old_points, 6), render_dec(a, e->new_points, 6));
    if (e->nparams) {
        const DiffParam *p = &e->params[0];
        const char *more = e->nparams > 1 ? arena_printf(a, _(" (and %d more)"), e->nparams - 1) : "";
        const char *label = strcmp(p->what, "threshold") && strcmp(p->what, "amount") && strcmp(p->what, "counting")
                                ? arena_printf(a, _("rule %d"), p->rule)
                                : p->what;
        return arena_printf(a, "%s: %s -> %s%s", label, p->before ? p->before : _("(none)"),
                            p->after ? p->after : _("(none)"), more);
    }
    if ((ch & DIFF_MOVED) && (ch & DIFF_APPLIES))
        return arena_printf(a, _("moved to %s; applies to %s (was %s)"),
                            e->new_cat->id ? e->new_cat->id : e->new_cat->title, e->kinds_after, e->kinds_before);
    if (ch & DIFF_APPLIES) return arena_printf(a, _("applies to %s (was %s)"), e->kinds_after, e->kinds_before);
    if (ch & DIFF_MOVED) return _("moved");
    (void)years;
    return _("changed");
}

enum { LABEL_W = 34, COL_W = 10 };

static void cells(FILE *out, const char *label, const char *c1, const char *c2, const char *c3, const char *c4,
                  const char *c5) {
    fputs("  ", out);
    render_pad(out, label, LABEL_W, false);
    render_pad(out, c1, COL_W, true);
    render_pad(out, c2, COL_W, true);
    render_pad(out, c3, COL_W, true);
    render_pad(out, c4, COL_W, true);
    render_pad(out, c5, COL_W, true);
    fputc('\n', out);
}

static void item_list(FILE *out, const char *heading, const CompareItem *v, int n, bool reasons, int years, int places,
                      Arena *a) {
    fprintf(out, "\n%s\n", heading);
    if (!n) fprintf(out, _("  none\n"));
    for (int i = 0; i < n; i++) {
        const CompareItem *x = &v[i];
        fputs("  ", out);
        render_pad(out, arena_printf(a, "%s %s", x->id, x->title ? x->title : ""), LABEL_W, false);
        render_pad(out, render_dec(a, x->from, places), COL_W, true);
        render_pad(out, render_dec(a, x->to, places), COL_W, true);
        render_pad(out, signed_dec(a, x->effect, places), COL_W, true);
        if (reasons) fprintf(out, "  %s", why(a, x, years));
        fputc('\n', out);
    }
}

void render_compare_text(FILE *out, const Comparison *c, const Diff *diff, Arena *a) {
    const Standard *o = c->a->std, *n = c->c->std;
    int places = n->decimals_value > o->decimals_value ? n->decimals_value : o->decimals_value;
    const char *yo = arena_printf(a, "%d", o->year_value), *yn = arena_printf(a, "%d", n->year_value);
    fprintf(out, "== %s: %d -> %d\n", render_clean(a, c->name), o->year_value, n->year_value);
    fprintf(out, _("Standard %s -> %s\n"), diff->old_path, diff->new_path);
    fprintf(out, _("Data     %s -> %s\n"), c->old_unit->src->path, c->new_unit->src->path);
    fprintf(out, _("Grade    %s -> %s\n"), outcome(a, c->a), outcome(a, c->c));
    if (!c->b)
        fprintf(out, _("Split    none: the %d data cannot be scored under the %d standard (%s)\n"), n->year_value,
                o->year_value, c->b_error ? c->b_error : "?");
    fputc('\n', out);
    cells(out, "", yo, yn, _("change"), c->b ? _("unit") : "", c->b ? _("standard") : "");
    for (int i = 0; i < c->nrows; i++) {
        const CompareRow *r = &c->rows[i];
        if (!r->id && !strcmp(r->title, "penalties, taken off") && !dec_sign(r->before) && !dec_sign(r->after))
            continue;
        const char *label = r->id ? arena_printf(a, "%s %s", r->id, r->title) : _(r->title);
        if (i == c->nrows - 1)
            fputs("  ------------------------------------------------------------------------------------\n", out);
        cells(out, label, r->in_old ? render_dec(a, r->before, places) : "-",
              r->in_new ? render_dec(a, r->after, places) : "-", signed_dec(a, r->change, places),
              c->b ? signed_dec(a, r->unit, places) : "", c->b ? signed_dec(a, r->standard, places) : "");
    }
    if (!c->b) return;
    item_list(out,
              arena_printf(a, _("Moved by the unit: its %s data against its %s data, both under the %s standard"), yn,
                           yo, yo),
              c->unit_items, c->nunit_items, false, c->years, places, a);
    item_list(out,
              arena_printf(a, _("Moved by the standard: its %s data under the %s and the %s standard"), yn, yo, yn),
              c->std_items, c->nstd_items, true, c->years, places, a);
    fprintf(out,
            _("\nMethod: unit = (%s standard, %s data) - (%s standard, %s data); standard = (%s standard, %s data) - "
              "(%s standard, %s data);\n        unit + standard = change. Categories before scaling; total after.\n"),
            yo, yn, yo, yo, yn, yn, yo, yn);
}

/* ---- JSON ------------------------------------------------------------------ */

static cJSON *side(const Result *r, const char *std_path, int places) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "standard", std_path);
    cJSON_AddStringToObject(o, "data", r->unit->src->path);
    cJSON_AddNumberToObject(o, "year", r->std->year_value);
    render_json_number(o, "total", r->total, places);
    if (r->grade >= 0)
        cJSON_AddStringToObject(o, "grade", r->std->grade_tab[r->grade]->name);
    else
        cJSON_AddNullToObject(o, "grade");
    cJSON_AddBoolToObject(o, "pass", r->pass);
    cJSON_AddBoolToObject(o, "vetoed", r->nvetoes > 0);
    return o;
}

static cJSON *items_json(const CompareItem *v, int n, bool reasons, int years, int places, Arena *a) {
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", v[i].id);
        render_json_number(o, "before", v[i].from, places);
        render_json_number(o, "after", v[i].to, places);
        render_json_number(o, "effect", v[i].effect, places);
        if (reasons) cJSON_AddStringToObject(o, "why", why(a, &v[i], years));
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

cJSON *render_compare_json(const Comparison *c, Arena *a) {
    const Standard *o = c->a->std, *n = c->c->std;
    int places = n->decimals_value > o->decimals_value ? n->decimals_value : o->decimals_value;
    cJSON *u = cJSON_CreateObject();
    cJSON_AddStringToObject(u, "name", c->name);
    cJSON_AddItemToObject(u, "old", side(c->a, o->src->path, places));
    cJSON_AddItemToObject(u, "new", side(c->c, n->src->path, places));
    cJSON_AddBoolToObject(u, "split", c->b != NULL);
    if (!c->b) cJSON_AddStringToObject(u, "split_error", c->b_error ? c->b_error : "");
    cJSON *rows = cJSON_AddArrayToObject(u, "rows");
    for (int i = 0; i < c->nrows; i++) {
        const CompareRow *r = &c->rows[i];
        cJSON *x = cJSON_CreateObject();
        if (r->id)
            cJSON_AddStringToObject(x, "id", r->id);
        else
            cJSON_AddNullToObject(x, "id");
        cJSON_AddStringToObject(x, "title", r->title);
        if (r->in_old)
            render_json_number(x, "before", r->before, places);
        else
            cJSON_AddNullToObject(x, "before");
        if (r->in_new)
            render_json_number(x, "after", r->after, places);
        else
            cJSON_AddNullToObject(x, "after");
        render_json_number(x, "change", r->change, places);
        if (c->b) {
            render_json_number(x, "unit", r->unit, places);
            render_json_number(x, "standard", r->standard, places);
        }
        cJSON_AddItemToArray(rows, x);
    }
    cJSON_AddItemToObject(u, "unit_items", items_json(c->unit_items, c->nunit_items, false, c->years, places, a));
    cJSON_AddItemToObject(u, "standard_items", items_json(c->std_items, c->nstd_items, true, c->years, places, a));
    return u;
}
