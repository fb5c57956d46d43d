/* render_html_summary.c - the summary page of an HTML report over many
 * units: how many pass, the grade counts, the vetoes that fired, the
 * ranking, each category's mean score against its points, the weakest
 * items and the rectification load of each responsible unit, with SVG
 * charts. Its numbers come from the county summary (summary.h, the same as
 * `kaoping summary`): this file only formats. */
#include "render_html_summary.h"
#include "i18n.h"
#include "render_html_esc.h"

enum { WEAKEST = 10, LABEL = 220, BAR = 360, ROW = 24, MINI = 120 };

static const char *num(Arena *a, Dec d, int places) {
    return render_dec(a, d, places);
}

static const char *fixed(Arena *a, Dec d, int places) {
    char buf[64];
    dec_format_fixed(d, places, buf, sizeof buf);
    return arena_strdup(a, buf);
}

/* One labelled bar of a chart: label, bar of v against max, text after. */
static void bar(FILE *f, Arena *a, int y, const char *label, Dec v, Dec max, const char *text, const char *cls) {
    fprintf(f, "<g><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL - 8, y + 13);
    html_esc_clip(f, a, label, 30);
    fprintf(f,
            "</text><rect class=\"back\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\"/>"
            "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%s\" height=\"16\"/><text x=\"%d\" y=\"%d\">",
            LABEL, y, BAR, cls, LABEL, y, html_bar(a, v, max, BAR), LABEL + BAR + 6, y + 13);
    html_esc(f, text);
    fputs("</text></g>\n", f);
}

static void chart_open(FILE *f, int rows, const char *label) {
    fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", LABEL + BAR + 150,
            rows * ROW + 8);
    html_esc(f, label);
    fputs("\">\n", f);
}

static const char *count(Arena *a, long n) {
    return arena_printf(a, "%ld", n);
}

/* The grade bands by score (a vetoed unit in its band by score, as in
 * `kaoping summary`), then the vetoed and the not scored. */
static void grades(FILE *f, const Summary *sum, Arena *a) {
    const Standard *s = sum->std;
    long max = sum->vetoed > sum->not_scored ? sum->vetoed : sum->not_scored;
    for (int g = 0; g < s->ngrades; g++)
        if (sum->by_grade[g] > max) max = sum->by_grade[g];
    html_heading(f, "h3", _("Grades"));
    fputs("<p class=\"meta\">", f);
    html_esc(f, _("Units by their grade by score; a vetoed unit is also counted in its grade."));
    fputs("</p>\n<table class=\"grades\"><thead><tr>", f);
    for (int g = 0; g < s->ngrades; g++)
        html_th(f, s->grade_tab[g]->name, true);
    html_th(f, _("vetoed"), true);
    html_th(f, _("not scored"), true);
    fputs("</tr></thead><tbody><tr>", f);
    for (int g = 0; g < s->ngrades; g++)
        fprintf(f, "<td class=\"num\" data-grade-count=\"%ld\">%ld</td>", sum->by_grade[g], sum->by_grade[g]);
    fprintf(f, "<td class=\"num veto\" data-vetoed=\"%ld\">%ld</td><td class=\"num\" data-not-scored=\"%ld\">%ld</td>",
            sum->vetoed, sum->vetoed, sum->not_scored, sum->not_scored);
    fputs("</tr></tbody></table>\n", f);
    chart_open(f, s->ngrades + 2, _("units by grade"));
    int y = 4;
    for (int g = 0; g < s->ngrades; g++, y += ROW)
        bar(f, a, y, s->grade_tab[g]->name, dec_int(sum->by_grade[g]), dec_int(max), count(a, sum->by_grade[g]),
            s->grade_tab[g]->fail ? "bad" : "fore");
    bar(f, a, y, _("vetoed"), dec_int(sum->vetoed), dec_int(max), count(a, sum->vetoed), "bad");
    y += ROW;
    bar(f, a, y, _("not scored"), dec_int(sum->not_scored), dec_int(max), count(a, sum->not_scored), "bad");
    fputs("</svg>\n", f);
}

/* The vetoes that fired, with how many units each. */
static void vetoes(FILE *f, const Summary *sum) {
    const Standard *s = sum->std;
    if (!sum->vetoed) return;
    html_heading(f, "h3", _("Vetoes"));
    fputs("<table class=\"vetoes\"><thead><tr>", f);
    html_th(f, _("Veto"), false);
    html_th(f, _("Units"), true);
    fputs("</tr></thead><tbody>\n", f);
    for (int v = 0; v < s->nvetoes; v++) {
        if (!sum->by_veto[v]) continue;
        fputs("<tr data-veto=\"", f);
        html_esc(f, s->veto_tab[v]->id);
        fprintf(f, "\" data-units=\"%ld\"><td class=\"veto\">", sum->by_veto[v]);
        html_esc(f, s->veto_tab[v]->id);
        fputc(' ', f);
        html_esc(f, s->veto_tab[v]->title);
        fprintf(f, "</td><td class=\"num\">%ld</td></tr>\n", sum->by_veto[v]);
    }
    fputs("</tbody></table>\n", f);
}

static void ranking(FILE *f, const Summary *sum, Arena *a, const HtmlNames *not_scored) {
    const Standard *s = sum->std;
    int places = s->decimals_value;
    html_heading(f, "h3", _("Ranking"));
    fputs("<table class=\"ranking\"><thead><tr>", f);
    html_th(f, _("Rank"), true);
    html_th(f, _("Unit"), false);
    html_th(f, _("Kind"), false);
    html_th(f, _("In kind"), true);
    html_th(f, _("Total"), true);
    fputs("<th></th>", f);
    html_th(f, _("Grade"), false);
    html_th(f, _("Result"), false);
    fputs("</tr></thead><tbody>\n", f);
    for (long i = 0; i < sum->units; i++) {
        const SummaryUnit *u = &sum->ranking[i];
        const char *total = num(a, u->total, places);
        fputs("<tr data-name=\"", f);
        html_esc(f, u->name);
        fprintf(f, "\" data-total=\"%s\" data-rank=\"%ld\"><td class=\"num\">%ld</td><td>", total, u->rank, u->rank);
        html_esc(f, u->name);
        fputs("</td><td>", f);
        if (s->nkinds) html_esc(f, s->kind_tab[u->kind]->id);
        fprintf(f,
                "</td><td class=\"num\">%ld</td><td class=\"num\">%s</td><td><svg width=\"%d\" height=\"10\" "
                "aria-hidden=\"true\"><rect class=\"back\" width=\"%d\" height=\"10\"/><rect class=\"%s\" "
                "width=\"%s\" height=\"10\"/></svg></td><td>",
                u->kind_rank, total, MINI, MINI, u->pass ? "fore" : "bad", html_bar(a, u->total, s->total_value, MINI));
        html_esc(f, u->grade >= 0 ? s->grade_tab[u->grade]->name : "-");
        fprintf(f, "</td><td class=\"%s\">", u->pass ? "done" : "veto");
        html_esc(f, u->disqualified   ? _("VETOED")
                    : u->grade_forced ? _("grade forced by a veto")
                    : u->pass         ? _("passes")
                                      : _("fails"));
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    if (not_scored->first) {
        fputs("<p class=\"veto\">", f);
        html_esc(f, _("Not scored:"));
        for (const HtmlName *n = not_scored->first; n; n = n->next)
            fputs(n == not_scored->first ? " " : ", ", f), html_esc(f, n->name);
        fputs("</p>\n", f);
    }
}

/* Each category's mean score over the units it applies to, against the
 * mean of its points that apply (items may apply by kind). */
static void categories(FILE *f, const Summary *sum, Arena *a) {
    int rows = 0, places = sum->std->decimals_value;
    for (int c = 0; c < sum->ncats; c++)
        rows += sum->cats[c].units > 0 && dec_sign(sum->cats[c].points) > 0;
    if (!rows) return;
    html_heading(f, "h3", _("Categories across units"));
    fputs("<p class=\"meta\">", f);
    html_esc(f, _("Each category's mean score over the units it applies to, against the mean of its points "
                  "that apply."));
    fputs("</p>\n", f);
    chart_open(f, rows, _("category scores across units"));
    int y = 4;
    for (int c = 0; c < sum->ncats; c++) {
        const SummaryStat *st = &sum->cats[c];
        const Part *p = st->part;
        if (!st->units || dec_sign(st->points) <= 0) continue;
        const char *text = arena_printf(a, "%s / %s (%s%%)", num(a, st->mean, places), num(a, st->points, places),
                                        fixed(a, st->share, 1));
        bar(f, a, y, p->title, st->mean, st->points, text, "fore");
        y += ROW;
    }
    fputs("</svg>\n", f);
}

static const Part *category_of(const Part *p) {
    while (p->parent)
        p = p->parent;
    return p;
}

static void weakest(FILE *f, const Summary *sum, Arena *a) {
    int n = sum->nweakest < WEAKEST ? sum->nweakest : WEAKEST, places = sum->std->decimals_value;
    SummaryItem **w = sum->weakest;
    if (!n) return;
    html_heading(f, "h3", _("Weakest items"));
    fputs("<p class=\"meta\">", f);
    html_esc(f, _("The items that lost the most points, all units together."));
    fputs("</p>\n", f);
    chart_open(f, n, _("points lost per item"));
    for (int i = 0; i < n; i++)
        bar(f, a, 4 + i * ROW, arena_printf(a, "%s %s", w[i]->item->id ? w[i]->item->id : "", w[i]->item->title),
            w[i]->lost, w[0]->lost, arena_printf(a, "-%s", num(a, w[i]->lost, places)), "bad");
    fputs("</svg>\n<table class=\"weakest\"><thead><tr>", f);
    html_th(f, _("Item"), false);
    html_th(f, _("Category"), false);
    html_th(f, _("Units losing points"), true);
    html_th(f, _("Points lost"), true);
    fputs("</tr></thead><tbody>\n", f);
    for (int i = 0; i < n; i++) {
        const Part *p = w[i]->item;
        fputs("<tr><td>", f);
        if (p->id) html_esc(f, p->id), fputc(' ', f);
        html_esc(f, p->title);
        fputs("</td><td>", f);
        html_esc(f, category_of(p) == p ? _("penalty") : category_of(p)->title);
        fputs("</td><td class=\"num\">", f);
        html_esc(f, arena_printf(a, _("%ld of %ld"), w[i]->losing, w[i]->applies));
        fprintf(f, "</td><td class=\"num lost\">-%s</td></tr>\n", num(a, w[i]->lost, places));
    }
    fputs("</tbody></table>\n", f);
}

/* The rectification entries of all units, by responsible unit. */
static void owners(FILE *f, const Summary *sum, Arena *a) {
    if (!sum->nowners) return;
    int places = sum->std->decimals_value;
    html_heading(f, "h3", _("Rectification load by responsible unit"));
    fputs("<p class=\"meta\">", f);
    html_esc(f, _("The rectification entries of all units, most points at stake first; an entry with two "
                  "responsible units counts for both."));
    fputs("</p>\n<table class=\"owners\"><thead><tr>", f);
    html_th(f, _("Responsible unit"), false);
    html_th(f, _("Entries"), true);
    html_th(f, _("Overdue"), true);
    html_th(f, _("Points at stake"), true);
    fputs("</tr></thead><tbody>\n", f);
    for (int i = 0; i < sum->nowners; i++) {
        const SummaryOwner *o = &sum->owners[i];
        fputs("<tr><td>", f);
        html_esc(f, *o->owner ? o->owner : _("(no responsible unit named)"));
        fprintf(f, "</td><td class=\"num\">%ld</td><td class=\"num%s\">%ld</td><td class=\"num lost\">-%s</td></tr>\n",
                o->entries, o->overdue ? " overdue" : "", o->overdue, num(a, o->lost, places));
    }
    fputs("</tbody></table>\n", f);
}

void html_summary(FILE *f, const Summary *sum, const HtmlNames *not_scored, Arena *a, const char *as_of) {
    const Standard *s = sum->std;
    long all = sum->units + sum->not_scored;
    fprintf(f, "<section class=\"summary\" data-units=\"%ld\" data-scored=\"%ld\" data-pass=\"%ld\">\n<h1>", all,
            sum->units, sum->passed);
    html_esc(f, s->title);
    fprintf(f, "</h1>\n<p class=\"meta\">%d · ", s->year_value);
    html_esc(f, arena_printf(a, all == 1 ? _("%ld unit") : _("%ld units"), all));
    if (as_of) fputs(" · ", f), html_esc(f, arena_printf(a, _("as of %s"), as_of));
    fprintf(f, "</p>\n<div class=\"box %s\"><div><span class=\"total\">%ld</span> <span class=\"of\">",
            sum->failed || sum->not_scored ? "fail" : "pass", sum->passed);
    html_esc(f, arena_printf(a, _("of %ld pass"), all));
    fputs("</span></div><div class=\"grade\">", f);
    html_esc(f, arena_printf(a, sum->failed == 1 ? _("%ld fails") : _("%ld fail"), sum->failed));
    if (sum->vetoed) fputc(' ', f), html_esc(f, arena_printf(a, _("(%ld vetoed)"), sum->vetoed));
    if (sum->not_scored) html_esc(f, arena_printf(a, _(", %ld not scored"), sum->not_scored));
    fputs("</div></div>\n", f);
    grades(f, sum, a);
    vetoes(f, sum);
    ranking(f, sum, a, not_scored);
    categories(f, sum, a);
    weakest(f, sum, a);
    owners(f, sum, a);
    fputs("</section>\n", f);
}
