/* render_text.c - the scorecard as text for a terminal or a printout:
 * columns aligned by display width, so Chinese titles line up. */
#include <string.h>

#include "render.h"

enum { TITLE_W = 40, NUM_W = 9 };

static void rule_line(FILE *out, int indent, const char *label, const char *text) {
    fprintf(out, "%*s", indent, "");
    render_pad(out, label, 8, false);
    fprintf(out, "%s\n", text);
}

static void part_row(FILE *out, Arena *a, const PartResult *pr, int places, int depth) {
    const Part *p = pr->part;
    char title[512];
    if (p->kind == PART_BONUS)
        snprintf(title, sizeof title, "%*s%s (bonus%s%s)", depth * 2, "", p->title ? p->title : "",
                 p->has_cap ? ", cap " : "", p->has_cap ? render_dec(a, p->cap_value, places) : "");
    else
        snprintf(title, sizeof title, "%*s%s", depth * 2, "", p->title ? p->title : "");
    fputs("  ", out);
    render_pad(out, title, TITLE_W, false);
    render_pad(out, p->kind == PART_BONUS ? "" : render_dec(a, pr->points, places), NUM_W, true);
    render_pad(out, render_dec(a, pr->score, places), NUM_W, true);
    if (p->kind != PART_BONUS) {
        Dec lost;
        dec_sub(pr->points, pr->score, &lost);
        render_pad(out, dec_sign(lost) ? render_dec(a, lost, places) : "", NUM_W, true);
    }
    fputc('\n', out);
}

static void categories(FILE *out, const Result *res, Arena *a) {
    const Standard *s = res->std;
    int places = s->decimals_value;
    fputs("  ", out);
    render_pad(out, "Category", TITLE_W, false);
    render_pad(out, "Points", NUM_W, true);
    render_pad(out, "Score", NUM_W, true);
    render_pad(out, "Lost", NUM_W, true);
    fputc('\n', out);
    for (int i = 0; i < s->nparts; i++) {
        const PartResult *pr = &res->parts[i];
        if (!pr->applies) continue;
        part_row(out, a, pr, places, pr->part->parent ? 1 : 0);
    }
}

static void rectification(FILE *out, const Result *res, Arena *a) {
    const Standard *s = res->std;
    int places = s->decimals_value;
    if (res->nrect == 0) {
        fputs("\nRectification: nothing lost points\n", out);
        return;
    }
    Dec sum = dec_zero();
    for (int i = 0; i < res->nrect; i++) dec_add(sum, res->rect[i].lost, &sum);
    fprintf(out, "\nRectification: %d %s, %s points, largest first\n", res->nrect,
            res->nrect == 1 ? "entry" : "entries", render_dec(a, sum, places));
    for (int i = 0; i < res->nrect; i++) {
        const Rectification *x = &res->rect[i];
        const Part *p = x->item->item;
        const char *owners = render_owners(a, p);
        fprintf(out, "%3d. ", i + 1);
        render_pad(out, arena_printf(a, "-%s", render_dec(a, x->lost, places)), 8, false);
        fprintf(out, "%s %s", p->id ? p->id : "", p->title);
        if (p->kind == PART_PENALTY) fputs(" (penalty on the total)", out);
        fputc('\n', out);
        int ind = 13;
        if (*owners) rule_line(out, ind, "owner", owners);
        rule_line(out, ind, "rule", render_rule_text(a, s, x->rule->rule));
        const char *saw = render_saw(a, res, x->rule);
        if (*saw) rule_line(out, ind, "saw", saw);
        if (x->rule->rule->kind == RULE_SCORE)
            rule_line(out, ind, "score",
                      arena_printf(a, "%s of %s points", render_dec(a, x->rule->amount, places),
                                   render_dec(a, x->item->points, places)));
        if (dec_cmp(x->rule->amount, x->lost) != 0 && x->rule->rule->kind == RULE_DEDUCT)
            rule_line(out, ind, "note",
                      arena_printf(a, "the rule deducts %s; the item stops at 0",
                                   render_dec(a, x->rule->amount, places)));
        rule_line(out, ind, "to do", render_target(a, res, x->rule));
    }
}

void render_text_unit(FILE *out, const Result *res) {
    const Standard *s = res->std;
    const Unit *u = res->unit;
    Arena *a = u->arena;
    int places = s->decimals_value;
    const char *kind_label = s->nkinds ? s->kind_tab[u->kind]->label : "";
    fprintf(out, "== %s", u->name);
    if (*u->kind_name) fprintf(out, " (%s %s)", u->kind_name, kind_label);
    fprintf(out, " · %d %s\n", s->year_value, s->title);
    if (res->error) {
        fprintf(out, "   not scored: %s\n", res->error);
        return;
    }
    const GradeBand *g = s->grade_tab[res->grade];
    fprintf(out, "Total    %s of %s\n", render_dec(a, res->total, places), render_dec(a, s->total_value, places));
    if (dec_cmp(res->items_max, s->total_value) != 0)
        fprintf(out, "         items %s of the %s points that apply, scaled to %s\n",
                render_dec(a, res->items_score, places), render_dec(a, res->items_max, places),
                render_dec(a, res->items_scaled, places));
    if (dec_sign(res->bonus_raw) || dec_sign(res->penalty)) {
        fprintf(out, "         items %s", render_dec(a, res->items_scaled, places));
        if (dec_sign(res->bonus_raw)) {
            fprintf(out, " + bonus %s", render_dec(a, res->bonus, places));
            if (dec_cmp(res->bonus, res->bonus_raw) != 0)
                fprintf(out, " (capped from %s)", render_dec(a, res->bonus_raw, places));
        }
        if (dec_sign(res->penalty)) fprintf(out, " - penalties %s", render_dec(a, res->penalty, places));
        fputc('\n', out);
    }
    if (res->nvetoes)
        fprintf(out, "Grade    %s by score, but VETOED: fails\n", g->name);
    else
        fprintf(out, "Grade    %s: %s\n", g->name, res->pass ? "passes" : "fails");
    if (res->nvetoes == 0) {
        fputs("Vetoes   none\n", out);
    } else {
        for (int v = 0, n = 0; v < s->nvetoes; v++) {
            if (!res->vetoes[v]) continue;
            const Veto *vt = s->veto_tab[v];
            fprintf(out, "%s %s %s", n++ ? "        " : "Vetoes  ", vt->id, vt->title);
            if (vt->reason) fprintf(out, ": %s", vt->reason);
            fputc('\n', out);
        }
    }
    fputc('\n', out);
    categories(out, res, a);
    rectification(out, res, a);
}

void render_text_invalid(FILE *out, const Unit *u) {
    fprintf(out, "== %s (%s)\n   not scored: its data has errors (reported on standard error)\n", u->name,
            u->src->path);
}
