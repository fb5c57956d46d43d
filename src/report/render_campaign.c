/* render_campaign.c - the campaign on one screen ('kaoping timeline') and a
 * unit's plan to the next grade ('kaoping plan'), as text or JSON. They
 * print what eval.c and plan.c computed. */
#include <cjson/cJSON.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "render.h"
#include "width.h"

/* ---- plan ------------------------------------------------------------------ */

static const char *unit_head(Arena *a, const Result *res) {
    const Standard *s = res->std;
    const Unit *u = res->unit;
    return arena_printf(
        a, "== %s%s · %d %s", render_clean(a, u->name),
        *u->kind_name ? arena_printf(a, " (%s %s)", u->kind_name, s->nkinds ? s->kind_tab[u->kind]->label : "") : "",
        s->year_value, s->title);
}

void render_plan_text(FILE *out, const Plan *p) {
    const Result *res = p->res;
    const Standard *s = res->std;
    Arena *a = res->unit->arena;
    int places = s->decimals_value;
    fprintf(out, "%s\n", unit_head(a, res));
    if (p->outcome == PLAN_NOT_SCORED) {
        fprintf(out, _("   not scored: %s\n"), res->error);
        return;
    }
    const char *grade = s->grade_tab[res->grade]->name, *target = s->grade_tab[p->target]->name;
    fprintf(out, _("Now      %s, %s\n"), render_dec(a, res->total, places), grade);
    switch (p->outcome) {
    case PLAN_TOP: fprintf(out, _("Plan     nothing to do: %s is the top grade\n"), grade); return;
    case PLAN_ALREADY: fprintf(out, _("Plan     nothing to do: the unit already has %s or better\n"), target); return;
    case PLAN_VETOED:
        fprintf(out, _("Plan     no plan helps: a veto fired, and a vetoed unit fails whatever its score\n"));
        for (int v = 0; v < s->nvetoes; v++)
            if (res->vetoes[v]) fprintf(out, _("         veto %s %s\n"), s->veto_tab[v]->id, s->veto_tab[v]->title);
        return;
    default: break;
    }
    fprintf(out, _("Target   %s: %s more %s needed\n"), target, render_dec(a, p->needed, places),
            dec_cmp(p->needed, dec_int(1)) ? _("points") : _("point"));
    if (p->outcome == PLAN_SHORT) {
        Dec best = p->nsteps ? p->steps[p->nsteps - 1].total : res->total;
        fprintf(out, _("Plan     %s cannot be reached: winning back everything that can be rectified gives %s"), target,
                render_dec(a, best, places));
        if (dec_sign(p->fixed_lost))
            fprintf(out, _("; %s points were lost to deductions that cannot be rectified"),
                    render_dec(a, p->fixed_lost, places));
        fputc('\n', out);
        if (!p->nsteps) return;
        fputs(_("         what can be won back, cheapest first:\n"), out);
    } else {
        fprintf(out, _("Plan     %d %s, cheapest first (most points for the least work):\n"), p->nsteps,
                p->nsteps == 1 ? _("step") : _("steps"));
    }
    for (int i = 0; i < p->nsteps; i++) {
        const PlanStep *st = &p->steps[i];
        const Part *item = st->item->item;
        fprintf(out, "%3d. +%-7s %s %s\n", i + 1, render_dec(a, st->gain, places), item->id ? item->id : "",
                render_part_title(a, item));
        const char *owners = render_entry_owners(a, item, st->rule->rule);
        if (*owners) fprintf(out, _("             owner   %s\n"), owners);
        fprintf(out, _("             to do   %s\n"), render_target(a, res, st->rule));
        fprintf(out, _("             gains   %s of the item's points; total then %s\n"),
                render_dec(a, st->points, places), render_dec(a, st->total, places));
        if (st->rule->has_deadline)
            fprintf(out, _("             by      %s%s\n"), render_day(a, st->rule->deadline),
                    st->rule->overdue ? _(" (OVERDUE)") : "");
    }
}

cJSON *render_plan_json(const Plan *p) {
    const Result *res = p->res;
    const Standard *s = res->std;
    Arena *a = res->unit->arena;
    int places = s->decimals_value;
    static const char *outcomes[] = {"reached", "already", "top", "vetoed", "short", "not_scored"};
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", res->unit->name);
    cJSON_AddStringToObject(o, "outcome", outcomes[p->outcome]);
    if (p->outcome == PLAN_NOT_SCORED) return o;
    render_json_number(o, "total", res->total, places);
    cJSON_AddStringToObject(o, "grade", s->grade_tab[res->grade]->name);
    cJSON_AddStringToObject(o, "target", s->grade_tab[p->target]->name);
    if (p->outcome == PLAN_VETOED) {
        cJSON *v = cJSON_AddArrayToObject(o, "vetoes");
        for (int k = 0; k < s->nvetoes; k++)
            if (res->vetoes[k]) cJSON_AddItemToArray(v, cJSON_CreateString(s->veto_tab[k]->id));
    }
    if (p->outcome != PLAN_REACHED && p->outcome != PLAN_SHORT) return o;
    render_json_number(o, "needed", p->needed, places);
    render_json_number(o, "cannot_be_rectified", p->fixed_lost, places);
    cJSON *steps = cJSON_AddArrayToObject(o, "steps");
    for (int i = 0; i < p->nsteps; i++) {
        const PlanStep *st = &p->steps[i];
        const Part *item = st->item->item;
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "item", item->id ? item->id : "");
        if (item->number)
            cJSON_AddStringToObject(j, "number", item->number);
        else
            cJSON_AddNullToObject(j, "number");
        cJSON_AddStringToObject(j, "title", item->title);
        cJSON_AddStringToObject(j, "rule", render_rule_text(a, s, st->rule->rule));
        cJSON_AddStringToObject(j, "target", render_target(a, res, st->rule));
        cJSON_AddStringToObject(j, "responsible", render_entry_owners(a, item, st->rule->rule));
        render_json_number(j, "points", st->points, places);
        render_json_number(j, "gain", st->gain, places);
        render_json_number(j, "total", st->total, places);
        render_json_number(j, "effort", st->effort, 9);
        if (st->rule->has_deadline) {
            cJSON_AddStringToObject(j, "deadline", render_day(a, st->rule->deadline));
            cJSON_AddBoolToObject(j, "overdue", st->rule->overdue);
        }
        cJSON_AddItemToArray(steps, j);
    }
    return o;
}

/* ---- timeline ----------------------------------------------------------------- */

enum { LABEL_W = 36, CHART_W = 60 }; /* 36 + 2 + 60 + 1 columns: a 100-column screen */

typedef struct Scale {
    int32_t first, last; /* the days the chart spans */
} Scale;

static int column(const Scale *sc, int32_t day) {
    if (day <= sc->first) return 0;
    if (day >= sc->last) return CHART_W - 1;
    return (int)((int64_t)(day - sc->first) * (CHART_W - 1) / (sc->last - sc->first));
}

static void bar(FILE *out, const char *label, const Scale *sc, int32_t from, int32_t to, char fill, char end,
                int as_of_col) {
    render_pad(out, label, LABEL_W, false);
    fputs(" |", out);
    int a = column(sc, from), b = column(sc, to);
    for (int c = 0; c < CHART_W; c++) {
        char ch = c >= a && c <= b ? (c == b && end ? end : fill) : (c == as_of_col ? ':' : ' ');
        fputc(ch, out);
    }
    fputs("|\n", out);
}

/* s cut to at most w display columns ("..." when cut). */
static const char *fit(Arena *a, const char *s, size_t w) {
    if (width_str(s) <= w) return s;
    size_t n = strlen(s), i = 0, col = 0;
    while (i < n) {
        uint32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        if (k <= 0) k = 1;
        size_t c2 = width_advance(s + i, (size_t)k, col);
        if (c2 > w - 3) break;
        col = c2;
        i += (size_t)k;
    }
    return arena_printf(a, "%.*s...", (int)i, s);
}

enum { SCREEN_W = 100, UNIT_W = 12 }; /* a line's width; a unit's column in the status table */

void render_timeline_text(FILE *out, const Standard *s, Arena *a, int32_t as_of, const Result **units, int nunits) {
    if (!s->nphases) {
        fprintf(out, _("%d %s: the standard has no phases or tasks\n"), s->year_value, s->title);
        return;
    }
    Scale sc = {s->phase_tab[0]->start, s->phase_tab[0]->end};
    for (int p = 0; p < s->nphases; p++) {
        if (s->phase_tab[p]->start < sc.first) sc.first = s->phase_tab[p]->start;
        if (s->phase_tab[p]->end > sc.last) sc.last = s->phase_tab[p]->end;
    }
    int32_t last = sc.last;
    if (sc.last == sc.first) sc.last++;
    int as_of_col = as_of >= sc.first && as_of <= sc.last ? column(&sc, as_of) : -1;
    const char *head = arena_printf(a, _("%d %s: %s to %s, as of %s%s"), s->year_value, s->title,
                                    render_day(a, sc.first), render_day(a, last), render_day(a, as_of),
                                    as_of < sc.first ? _(" (before the campaign)")
                                    : as_of > last   ? _(" (after it)")
                                                     : "");
    fprintf(out, "%s\n", fit(a, head, SCREEN_W));
    /* the axis: the first day of each month (with its year when the campaign spans two) */
    char axis[CHART_W + 1];
    memset(axis, ' ', CHART_W);
    axis[CHART_W] = '\0';
    int y, m, d, y0;
    dates_to_civil(sc.first, &y, &m, &d);
    y0 = y;
    int ylast, mlast, dlast;
    dates_to_civil(last, &ylast, &mlast, &dlast);
    int next_free = 0;
    for (int32_t day = dates_from_civil(y, m, 1); day <= sc.last;) {
        int c = column(&sc, day);
        if (day >= sc.first && c >= next_free) {
            int yy, mm, dd;
            dates_to_civil(day, &yy, &mm, &dd);
            char lab[16];
            if (ylast != y0 && (mm == 1 || day == dates_from_civil(y0, m, 1)))
                snprintf(lab, sizeof lab, "%04d-%02d", yy, mm);
            else
                snprintf(lab, sizeof lab, "%02d", mm);
            size_t len = strlen(lab);
            if ((size_t)c + len <= CHART_W) {
                memcpy(axis + c, lab, len);
                next_free = c + (int)len + 1;
            }
        }
        if (++m == 13) m = 1, y++;
        day = dates_from_civil(y, m, 1);
    }
    render_pad(out, _("month"), LABEL_W, false);
    fprintf(out, "  %s\n", axis);
    for (int p = 0; p < s->nphases; p++) {
        const Phase *ph = s->phase_tab[p];
        bar(out, fit(a, arena_printf(a, "%s %s", ph->id, ph->title), LABEL_W), &sc, ph->start, ph->end, '#', 0,
            as_of_col);
        for (int i = 0; i < s->ntasks; i++) {
            const Task *t = s->task_tab[i];
            if (t->ph != ph) continue;
            bar(out, fit(a, arena_printf(a, "  %s %s", t->id, t->title), LABEL_W), &sc, t->from_day, t->due_day, '=',
                '|', as_of_col);
        }
    }
    if (as_of_col >= 0) {
        /* "^ 2013-10-15" under the day, or "2013-10-15 ^" when it would run past the screen */
        render_pad(out, "", LABEL_W, false);
        if (as_of_col + 13 <= CHART_W + 1)
            fprintf(out, "  %*s^ %s\n", as_of_col, "", render_day(a, as_of));
        else
            fprintf(out, "  %*s%s ^\n", as_of_col - 11, "", render_day(a, as_of));
    }
    if (!nunits) return;
    /* each unit's status on each task, in blocks of units that fit the screen */
    fputs(_("\nTasks by unit (ok done on time, LATE done late, OVER overdue, soon due soon, - not due, n/a)\n"), out);
    static const char *marks[] = {"n/a", "ok", "LATE", "OVER", "soon", "-"};
    int per_block = (SCREEN_W - LABEL_W) / (UNIT_W + 1);
    for (int from = 0; from < nunits; from += per_block) {
        int to = from + per_block < nunits ? from + per_block : nunits;
        if (from) fputc('\n', out);
        render_pad(out, _("task"), LABEL_W, false);
        for (int k = from; k < to; k++) {
            fputc(' ', out);
            render_pad(out, fit(a, units[k]->error ? "?" : render_clean(a, units[k]->unit->name), UNIT_W), UNIT_W,
                       false);
        }
        fputc('\n', out);
        for (int i = 0; i < s->ntasks; i++) {
            const Task *t = s->task_tab[i];
            render_pad(out, fit(a, arena_printf(a, _("%s due %s"), t->id, render_day(a, t->due_day)), LABEL_W), LABEL_W,
                       false);
            for (int k = from; k < to; k++) {
                fputc(' ', out);
                render_pad(out, units[k]->error ? "?" : marks[units[k]->tasks[i].status], UNIT_W, false);
            }
            fputc('\n', out);
        }
    }
}
