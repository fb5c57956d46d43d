/* render_text.c - the scorecard as text for a terminal or a printout:
 * columns aligned by display width, so Chinese titles line up. */
#include <string.h>

#include "i18n.h"
#include "render.h"

enum { TITLE_W = 52, NUM_W = 9 };

static void rule_line(FILE *out, int indent, const char *label, const char *text) {
    fprintf(out, "%*s", indent, "");
    render_pad(out, _(label), 8, false);
    fprintf(out, "%s\n", text);
}

/* A heading of the scorecard's top lines, padded to 9 columns: "Total    " */
static void head(FILE *out, const char *label) {
    render_pad(out, label, 9, false);
}

/* One row of the table: title (indented), points, score, lost. */
static void row(FILE *out, const char *title, int depth, const char *points, const char *score, const char *lost) {
    char buf[600];
    snprintf(buf, sizeof buf, "%*s%s", depth * 2, "", title);
    fputs("  ", out);
    render_pad(out, buf, TITLE_W, false);
    render_pad(out, points, NUM_W, true);
    render_pad(out, score, NUM_W, true);
    render_pad(out, lost, NUM_W, true);
    fputc('\n', out);
}

static const char *lost_text(Arena *a, Dec lost, int places) {
    return dec_sign(lost) > 0 ? arena_printf(a, "-%s", render_dec(a, lost, places)) : "";
}

static void item_row(FILE *out, Arena *a, const ItemResult *ir, int places, int depth) {
    const Part *p = ir->item;
    const char *title = arena_printf(a, "%s %s", p->id ? p->id : "", render_part_title(a, p));
    bool bonus = p->parent && p->parent->kind == PART_BONUS;
    bool change = bonus || !p->points; /* no points of its own: a signed change */
    row(out, title, depth, change ? "" : render_dec(a, ir->points, places),
        arena_printf(a, "%s%s", change && dec_sign(ir->score) > 0 ? "+" : "", render_dec(a, ir->score, places)),
        change ? "" : lost_text(a, ir->lost, places));
}

/* categories > groups > items, in the standard's order */
static void part_rows(FILE *out, const Result *res, const Part *p, Arena *a, int depth) {
    int places = res->std->decimals_value;
    const PartResult *pr = &res->parts[p->index];
    if (!pr->applies && p->kind != PART_BONUS) return;
    if (p->kind == PART_BONUS) {
        const char *t = p->has_cap ? arena_printf(a, _("%s (bonus, cap %s)"), render_part_title(a, p),
                                                  render_dec(a, p->cap_value, places))
                                   : arena_printf(a, _("%s (bonus)"), render_part_title(a, p));
        row(out, t, depth, "",
            arena_printf(a, "%s%s", dec_sign(pr->score) ? "+" : "", render_dec(a, pr->score, places)), "");
    } else if (!p->holds_points && !p->sum_part) { /* a signed part: no points, no loss */
        row(out, render_part_title(a, p), depth, "",
            arena_printf(a, "%s%s", dec_sign(pr->score) > 0 ? "+" : "", render_dec(a, pr->score, places)), "");
    } else {
        row(out, render_part_title(a, p), depth, render_dec(a, pr->points, places), render_dec(a, pr->score, places),
            lost_text(a, pr->lost, places));
    }
    for (const Part *c = p->children; c; c = c->next) {
        if (c->kind == PART_GROUP)
            part_rows(out, res, c, a, depth + 1);
        else if (c->kind == PART_ITEM && !c->implicit && res->items[c->index].applies) /* a part's own rules: its row */
            item_row(out, a, &res->items[c->index], places, depth + 1);
    }
}

static void categories(FILE *out, const Result *res, Arena *a) {
    const Standard *s = res->std;
    int places = s->decimals_value;
    row(out, _("Category / item"), 0, _("Points"), _("Score"), _("Lost"));
    for (const Part *p = s->parts; p; p = p->next) {
        if (p->kind == PART_PENALTY) {
            const ItemResult *ir = &res->items[p->index];
            if (ir->applies && dec_sign(ir->score))
                row(out, arena_printf(a, _("%s %s (penalty)"), p->id, render_part_title(a, p)), 0, "",
                    arena_printf(a, "-%s", render_dec(a, ir->score, places)), "");
            continue;
        }
        part_rows(out, res, p, a, 0);
    }
}

static void rectification(FILE *out, const Result *res, Arena *a) {
    const Standard *s = res->std;
    int places = s->decimals_value;
    if (res->nrect == 0) {
        fputs(_("\nRectification: nothing lost points\n"), out);
        return;
    }
    fprintf(out,
            res->nrect == 1 ? _("\nRectification: %d entry, %s points, largest first\n")
                            : _("\nRectification: %d entries, %s points, largest first\n"),
            res->nrect, render_dec(a, res->rect_lost, places));
    for (int i = 0; i < res->nrect; i++) {
        const Rectification *x = &res->rect[i];
        const Part *p = x->item->item;
        const char *owners = render_entry_owners(a, p, x->rule->rule);
        fprintf(out, "%3d. ", i + 1);
        render_pad(out, arena_printf(a, "-%s", render_dec(a, x->lost, places)), 8, false);
        fprintf(out, "%s %s", p->id ? p->id : "", render_part_title(a, p));
        if (p->kind == PART_PENALTY) fputs(_(" (penalty on the total)"), out);
        fputc('\n', out);
        int ind = 13;
        if (*owners) rule_line(out, ind, N_("owner"), owners);
        if (p->method) rule_line(out, ind, N_("method"), p->method);
        rule_line(out, ind, N_("rule"), render_rule_numbered(a, s, x->rule->rule));
        const char *saw = render_saw(a, res, x->rule);
        if (*saw) rule_line(out, ind, N_("saw"), saw);
        if (x->rule->rule->kind == RULE_SCORE)
            rule_line(out, ind, N_("score"),
                      arena_printf(a, _("%s of %s points"), render_dec(a, x->rule->amount, places),
                                   render_dec(a, x->item->points, places)));
        const Part *floor = p; /* an item without points stops with the part holding them */
        while (floor->parent && !floor->holds_points)
            floor = floor->parent;
        bool floored = floor == p ? x->item->floored : res->parts[floor->index].floored;
        if (dec_cmp(x->rule->amount, x->lost) != 0 && x->rule->rule->kind == RULE_DEDUCT && floored) {
            rule_line(out, ind, N_("note"),
                      floor == p ? arena_printf(a, _("the rule deducts %s; the item stops at 0"),
                                                render_dec(a, x->rule->amount, places))
                                 : arena_printf(a, _("the rule deducts %s; %s stops at 0"),
                                                render_dec(a, x->rule->amount, places), floor->title));
        }
        rule_line(out, ind, N_("to do"), render_target(a, res, x->rule));
        if (x->rule->rule->final)
            rule_line(out, ind, N_("note"), _("this deduction cannot be rectified"));
        else if (x->rule->has_deadline)
            rule_line(
                out, ind, N_("by"),
                arena_printf(a, "%s%s", render_day(a, x->rule->deadline), x->rule->overdue ? _(" (OVERDUE)") : ""));
    }
}

/* Phases and tasks as of the evaluation's day. */
static void tasks(FILE *out, const Result *res, Arena *a) {
    const Standard *s = res->std;
    int applies = 0;
    for (int p = 0; p < s->nphases; p++)
        applies += res->phases[p].tasks;
    if (!applies) return;
    fprintf(out, _("\nTasks as of %s\n"), render_day(a, res->as_of));
    for (int p = 0; p < s->nphases; p++) {
        const PhaseResult *pr = &res->phases[p];
        if (!pr->tasks) continue;
        const Phase *ph = pr->phase;
        fprintf(out, "  %s %s (%s to %s): %s\n", ph->id, ph->title, render_day(a, ph->start), render_day(a, ph->end),
                pr->complete ? _("complete")
                             : arena_printf(a, pr->tasks == 1 ? _("%d of %d task done") : _("%d of %d tasks done"),
                                            pr->done, pr->tasks));
        for (int i = 0; i < s->ntasks; i++) {
            const TaskResult *tr = &res->tasks[i];
            if (tr->task->ph != ph || tr->status == TASK_NOT_APPLICABLE) continue;
            fputs("    ", out);
            render_pad(out, arena_printf(a, "%s %s", tr->task->id, tr->task->title), TITLE_W - 2, false);
            fprintf(out, _(" due %s  %s\n"), render_day(a, tr->task->due_day), render_task_status(a, tr));
        }
    }
}

void render_text_unit(FILE *out, const Result *res) {
    const Standard *s = res->std;
    const Unit *u = res->unit;
    Arena *a = u->arena;
    int places = s->decimals_value;
    const char *kind_label = s->nkinds ? s->kind_tab[u->kind]->label : "";
    fprintf(out, "== %s", render_clean(a, u->name));
    if (*u->kind_name) fprintf(out, " (%s %s)", u->kind_name, kind_label);
    fprintf(out, " · %d %s\n", s->year_value, s->title);
    if (s->chosen_from)
        fprintf(out, _("Standard %s, the standard of %d in %s\n"), s->src->path, s->year_value, s->chosen_from);
    if (res->error) {
        fprintf(out, _("   not scored: %s\n"), res->error);
        return;
    }
    const char *g = render_grade_name(res);
    head(out, _("Total"));
    fprintf(out, _("%s of %s\n"), render_dec(a, res->total, places), render_dec(a, s->total_value, places));
    if (dec_cmp(res->items_max, s->total_value) != 0)
        fprintf(out, _("         items %s of the %s points that apply, scaled to %s\n"),
                render_dec(a, res->items_score, places), render_dec(a, res->items_max, places),
                render_dec(a, res->items_scaled, places));
    if (dec_sign(res->bonus_raw) || dec_sign(res->penalty)) {
        fprintf(out, _("         items %s"), render_dec(a, res->items_scaled, places));
        if (dec_sign(res->bonus_raw)) {
            fprintf(out, _(" + bonus %s"), render_dec(a, res->bonus, places));
            if (dec_cmp(res->bonus, res->bonus_raw) != 0)
                fprintf(out, _(" (capped from %s)"), render_dec(a, res->bonus_raw, places));
        }
        if (dec_sign(res->penalty)) fprintf(out, _(" - penalties %s"), render_dec(a, res->penalty, places));
        fputc('\n', out);
    }
    const char *why = render_total_why(a, res);
    if (why) fprintf(out, "         %s\n", why);
    head(out, _("Grade"));
    if (!g) g = _("none (the standard has no grades)");
    if (res->disqualified)
        fprintf(out, _("%s by score, but VETOED: fails\n"), g);
    else
        fprintf(out, res->pass ? _("%s: passes\n") : _("%s: fails\n"), g);
    if ((why = render_grade_why(a, res))) fprintf(out, "         %s\n", why);
    if (res->nvetoes == 0) {
        head(out, _("Vetoes"));
        fputs(_("none\n"), out);
    } else {
        for (int v = 0, n = 0; v < s->nvetoes; v++) {
            if (!res->vetoes[v]) continue;
            const Veto *vt = s->veto_tab[v];
            head(out, n++ ? "" : _("Vetoes"));
            fprintf(out, "%s %s", vt->id, vt->title);
            if (vt->reason) fprintf(out, ": %s", vt->reason);
            if (vt->effect.effect != VETO_DISQUALIFY) fprintf(out, " [%s]", render_veto_effect(a, res, v));
            fputc('\n', out);
        }
    }
    for (int i = 0; i < s->noutputs; i++) {
        const OutputDef *o = s->output_tab[i];
        head(out, i ? "" : _("Outputs"));
        fprintf(out, "%s (%s) %s\n", render_output_label(o), o->id, render_output_value(a, res, i));
    }
    fputc('\n', out);
    categories(out, res, a);
    tasks(out, res, a);
    rectification(out, res, a);
}

void render_text_invalid(FILE *out, const Unit *u) {
    fprintf(out, _("== %s (%s)\n   not scored: its data has errors (reported on standard error)\n"),
            render_clean(u->arena, u->name), u->src->path);
}
