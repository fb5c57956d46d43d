/* render_summary.c - the summary (summary.h) as text or JSON. Formats only:
 * every number comes from summary_finish. */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "i18n.h"
#include "render.h"
#include "summary.h"

enum { WEAKEST = 10 }; /* items listed as losing the most points */

static const char *num(Arena *a, Dec d, const Summary *s) {
    return render_dec(a, d, s->std->decimals_value);
}

static const char *kind_id(const Summary *s, int k) {
    return s->std->nkinds ? s->std->kind_tab[k]->id : "";
}

static void stat_row(FILE *out, Arena *a, const Summary *s, const char *title, const SummaryStat *st) {
    fputs("  ", out);
    render_pad(out, title, 40, false);
    fprintf(out, " %6ld", st->units);
    const Dec v[4] = {st->mean, st->min, st->max, st->sd};
    for (int i = 0; i < 4; i++) {
        fputc(' ', out);
        render_pad(out, st->units ? num(a, v[i], s) : "-", 8, true);
    }
    fputc('\n', out);
}

void render_summary_text(FILE *out, const Summary *s) {
    const Standard *std = s->std;
    Arena *a = arena_new();
    fprintf(out, _("== Summary · %d %s\n"), std->year_value, render_clean(a, std->title));
    fprintf(out, _("Units    %ld scored: %ld pass, %ld fail (%ld vetoed)"), s->units, s->passed, s->failed, s->vetoed);
    if (s->not_scored) fprintf(out, _("; %ld not scored (see the errors)"), s->not_scored);
    fputc('\n', out);
    fputs(_("Grades  "), out);
    for (int g = 0; g < std->ngrades; g++)
        fprintf(out, "%s %s %ld", g ? "," : "", std->grade_tab[g]->name, s->by_grade[g]);
    if (!std->ngrades) fputs(_(" none (the standard has no grades)"), out);
    if (s->forced) fprintf(out, _("; %ld forced by a veto"), s->forced);
    fputc('\n', out);
    render_summary_outputs_text(out, a, s);
    /* the vetoes that fired, with how many units each */
    fputs(_("Vetoes  "), out);
    int fired = 0;
    for (int v = 0; v < std->nvetoes; v++)
        if (s->by_veto[v])
            fprintf(out, "%s %s %s: %ld %s", fired++ ? "\n        " : "", std->veto_tab[v]->id, std->veto_tab[v]->title,
                    s->by_veto[v], s->by_veto[v] == 1 ? _("unit") : _("units"));
    if (!fired) fputs(_(" none"), out);
    fputs("\n\n  ", out);
    render_pad(out, _("Mean and spread"), 40, false);
    fputs(_("  units     mean      min      max       sd\n"), out);
    stat_row(out, a, s, _("Total"), &s->total);
    for (int c = 0; c < s->ncats; c++)
        stat_row(out, a, s, s->cats[c].part->title, &s->cats[c]);

    fputs(_("\nRanking by total\n   Rank  "), out);
    render_pad(out, _("Unit"), 24, false);
    fputs(std->nkinds ? _(" Kind       In kind     Total  Grade\n") : _("     Total  Grade\n"), out);
    for (long i = 0; i < s->units; i++) {
        const SummaryUnit *u = &s->ranking[i];
        fprintf(out, "  %5ld  ", u->rank);
        render_pad(out, render_clean(a, u->name), 24, false);
        if (std->nkinds) {
            fputc(' ', out);
            render_pad(out, kind_id(s, u->kind), 10, false);
            fprintf(out, " %7ld", u->kind_rank);
        }
        fputc(' ', out);
        render_pad(out, num(a, u->total, s), 9, true);
        fprintf(out, "  %s%s\n", u->grade >= 0 ? std->grade_tab[u->grade]->name : "-", render_summary_mark(u));
    }

    fprintf(out, _("\nItems losing the most points%s\n"), s->nweakest ? "" : _(": none lost points"));
    if (s->nweakest) {
        fputs("  ", out);
        render_pad(out, _("Item"), 40, false);
        fputs(_("  units  losing      lost\n"), out);
    }
    for (int i = 0; i < s->nweakest && i < WEAKEST; i++) {
        const SummaryItem *w = s->weakest[i];
        fputs("  ", out);
        render_pad(out, arena_printf(a, "%s %s", w->item->id ? w->item->id : "", w->item->title), 40, false);
        fprintf(out, " %6ld  %6ld  ", w->applies, w->losing);
        render_pad(out, arena_printf(a, "-%s", num(a, w->lost, s)), 8, true);
        fputc('\n', out);
    }

    fprintf(out, _("\nRectification load by responsible unit%s\n"), s->nowners ? "" : _(": no entries"));
    if (s->nowners) {
        fputs("  ", out);
        render_pad(out, _("Responsible"), 30, false);
        fputs(_(" entries  overdue    points\n"), out);
    }
    for (int i = 0; i < s->nowners; i++) {
        const SummaryOwner *o = &s->owners[i];
        fputs("  ", out);
        render_pad(out, o->owner[0] ? o->owner : _("(none named)"), 30, false);
        fprintf(out, " %7ld  %7ld  ", o->entries, o->overdue);
        render_pad(out, num(a, o->lost, s), 8, true);
        fputc('\n', out);
    }
    arena_free(a);
}

static cJSON *stat_json(const Summary *s, const SummaryStat *st) {
    int p = s->std->decimals_value;
    cJSON *o = cJSON_CreateObject();
    if (st->part) {
        cJSON_AddStringToObject(o, "id", st->part->id ? st->part->id : "");
        cJSON_AddStringToObject(o, "title", st->part->title);
    } else {
        cJSON_AddStringToObject(o, "id", "total");
    }
    render_json_number(o, "units", dec_int(st->units), 0);
    if (st->units) {
        render_json_number(o, "mean", st->mean, p);
        render_json_number(o, "min", st->min, p);
        render_json_number(o, "max", st->max, p);
        render_json_number(o, "sd", st->sd, p);
    }
    return o;
}

cJSON *render_summary_json(const Summary *s) {
    const Standard *std = s->std;
    int p = std->decimals_value;
    cJSON *o = cJSON_CreateObject();
    render_json_number(o, "units", dec_int(s->units), 0);
    render_json_number(o, "not_scored", dec_int(s->not_scored), 0);
    render_json_number(o, "pass", dec_int(s->passed), 0);
    render_json_number(o, "fail", dec_int(s->failed), 0);
    render_json_number(o, "vetoed", dec_int(s->vetoed), 0);
    cJSON *g = cJSON_AddArrayToObject(o, "grades");
    for (int i = 0; i < std->ngrades; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "grade", std->grade_tab[i]->name);
        render_json_number(e, "units", dec_int(s->by_grade[i]), 0);
        cJSON_AddItemToArray(g, e);
    }
    cJSON *v = cJSON_AddArrayToObject(o, "vetoes");
    for (int i = 0; i < std->nvetoes; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "id", std->veto_tab[i]->id);
        cJSON_AddStringToObject(e, "title", std->veto_tab[i]->title);
        render_json_number(e, "units", dec_int(s->by_veto[i]), 0);
        cJSON_AddItemToArray(v, e);
    }
    if (s->forced) render_json_number(o, "grade_forced", dec_int(s->forced), 0);
    render_summary_outputs_json(o, s);
    cJSON *st = cJSON_AddArrayToObject(o, "stats");
    cJSON_AddItemToArray(st, stat_json(s, &s->total));
    for (int c = 0; c < s->ncats; c++)
        cJSON_AddItemToArray(st, stat_json(s, &s->cats[c]));
    cJSON *r = cJSON_AddArrayToObject(o, "ranking");
    for (long i = 0; i < s->units; i++) {
        const SummaryUnit *u = &s->ranking[i];
        cJSON *e = cJSON_CreateObject();
        render_json_number(e, "rank", dec_int(u->rank), 0);
        cJSON_AddStringToObject(e, "name", u->name);
        cJSON_AddStringToObject(e, "file", u->file);
        cJSON_AddStringToObject(e, "kind", kind_id(s, u->kind));
        render_json_number(e, "kind_rank", dec_int(u->kind_rank), 0);
        render_json_number(e, "total", u->total, p);
        if (u->grade >= 0)
            cJSON_AddStringToObject(e, "grade", std->grade_tab[u->grade]->name);
        else
            cJSON_AddNullToObject(e, "grade");
        if (u->grade_forced) cJSON_AddBoolToObject(e, "grade_forced", true);
        cJSON_AddBoolToObject(e, "pass", u->pass);
        cJSON_AddBoolToObject(e, "vetoed", u->vetoed);
        cJSON_AddItemToArray(r, e);
    }
    cJSON *w = cJSON_AddArrayToObject(o, "weakest_items");
    for (int i = 0; i < s->nweakest && i < WEAKEST; i++) {
        const SummaryItem *si = s->weakest[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "id", si->item->id ? si->item->id : "");
        cJSON_AddStringToObject(e, "title", si->item->title);
        render_json_number(e, "units", dec_int(si->applies), 0);
        render_json_number(e, "losing", dec_int(si->losing), 0);
        render_json_number(e, "lost", si->lost, p);
        cJSON_AddItemToArray(w, e);
    }
    cJSON *ow = cJSON_AddArrayToObject(o, "responsible");
    for (int i = 0; i < s->nowners; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "responsible", s->owners[i].owner);
        render_json_number(e, "entries", dec_int(s->owners[i].entries), 0);
        render_json_number(e, "overdue", dec_int(s->owners[i].overdue), 0);
        render_json_number(e, "points", s->owners[i].lost, p);
        cJSON_AddItemToArray(ow, e);
    }
    return o;
}
