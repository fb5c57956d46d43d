/* render_html_summary.c - the summary page of an HTML report over many
 * units: grade counts, the ranking, each category's score across units and
 * the weakest items, with SVG charts. Its numbers come from the tally
 * (tally.h; to be replaced by issue 10's summary): this file only formats. */
#include "render_html_impl.h"

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
    fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">\n", LABEL + BAR + 120,
            rows * ROW + 8, label);
}

static void grades(FILE *f, const Tally *t, Arena *a) {
    const Standard *s = t->std;
    int max = t->nvetoed > t->nunscored ? t->nvetoed : t->nunscored;
    for (int g = 0; g < s->ngrades; g++)
        if (t->grades[g] > max) max = t->grades[g];
    fputs("<h3>Grades</h3>\n<table class=\"grades\"><thead><tr>", f);
    for (int g = 0; g < s->ngrades; g++)
        fputs("<th class=\"num\">", f), html_esc(f, s->grade_tab[g]->name), fputs("</th>", f);
    fputs("<th class=\"num\">vetoed</th><th class=\"num\">not scored</th></tr></thead><tbody><tr>", f);
    for (int g = 0; g < s->ngrades; g++)
        fprintf(f, "<td class=\"num\" data-grade-count=\"%d\">%d</td>", t->grades[g], t->grades[g]);
    fprintf(f, "<td class=\"num veto\">%d</td><td class=\"num\">%d</td></tr></tbody></table>\n", t->nvetoed,
            t->nunscored);
    chart_open(f, s->ngrades + 2, "units by grade");
    int y = 4;
    for (int g = 0; g < s->ngrades; g++, y += ROW)
        bar(f, a, y, s->grade_tab[g]->name, dec_int(t->grades[g]), dec_int(max), arena_printf(a, "%d", t->grades[g]),
            s->grade_tab[g]->fail ? "bad" : "fore");
    bar(f, a, y, "vetoed", dec_int(t->nvetoed), dec_int(max), arena_printf(a, "%d", t->nvetoed), "bad");
    y += ROW;
    bar(f, a, y, "not scored", dec_int(t->nunscored), dec_int(max), arena_printf(a, "%d", t->nunscored), "bad");
    fputs("</svg>\n", f);
}

static void ranking(FILE *f, Tally *t, Arena *a) {
    const Standard *s = t->std;
    int n, places = s->decimals_value;
    const TallyUnit **r = tally_ranking(t, &n);
    fputs("<h3>Ranking</h3>\n<table class=\"ranking\"><thead><tr><th class=\"num\">Rank</th><th>Unit</th>"
          "<th>Kind</th><th class=\"num\">In kind</th><th class=\"num\">Total</th><th></th><th>Grade</th>"
          "<th>Result</th></tr></thead><tbody>\n",
          f);
    for (int i = 0; i < n; i++) {
        const TallyUnit *u = r[i];
        const char *total = num(a, u->total, places);
        fputs("<tr data-name=\"", f);
        html_esc(f, u->name);
        fprintf(f, "\" data-total=\"%s\"><td class=\"num\">%d</td><td>", total, i + 1);
        html_esc(f, u->name);
        fputs("</td><td>", f);
        html_esc(f, u->kind);
        fprintf(f,
                "</td><td class=\"num\">%d</td><td class=\"num\">%s</td><td><svg width=\"%d\" height=\"10\" "
                "aria-hidden=\"true\"><rect class=\"back\" width=\"%d\" height=\"10\"/><rect class=\"%s\" "
                "width=\"%s\" height=\"10\"/></svg></td><td>",
                u->kind_rank, total, MINI, MINI, u->pass ? "fore" : "bad", html_bar(a, u->total, s->total_value, MINI));
        html_esc(f, s->grade_tab[u->grade]->name);
        fprintf(f, "</td><td class=\"%s\">%s</td></tr>\n", u->pass ? "done" : "veto",
                u->vetoed ? "VETOED"
                : u->pass ? "passes"
                          : "fails");
    }
    fputs("</tbody></table>\n", f);
    if (t->nunscored) {
        fputs("<p class=\"veto\">Not scored:", f);
        for (int i = 0, k = 0; i < t->nunits; i++)
            if (!t->units[i].scored) fputs(k++ ? ", " : " ", f), html_esc(f, t->units[i].name);
        fputs("</p>\n", f);
    }
}

static void categories(FILE *f, const Tally *t, Arena *a) {
    const Standard *s = t->std;
    int rows = 0;
    Dec rate;
    for (const Part *p = s->parts; p; p = p->next)
        rows += p->kind == PART_CATEGORY && tally_category_rate(t, p, &rate);
    if (!rows) return;
    fputs("<h3>Categories across units</h3>\n<p class=\"meta\">Each category's score as a share of its points, "
          "over the units it applies to.</p>\n",
          f);
    chart_open(f, rows, "category scores across units");
    int y = 4;
    for (const Part *p = s->parts; p; p = p->next) {
        if (p->kind != PART_CATEGORY || !tally_category_rate(t, p, &rate)) continue;
        Dec pct;
        const char *text = dec_mul(rate, dec_int(100), &pct) == DEC_OK ? arena_printf(a, "%s%%", fixed(a, pct, 1)) : "";
        bar(f, a, y, p->title, rate, dec_int(1), text, "fore");
        y += ROW;
    }
    fputs("</svg>\n", f);
}

static const Part *category_of(const Part *p) {
    while (p->parent)
        p = p->parent;
    return p;
}

static void weakest(FILE *f, const Tally *t, Arena *a) {
    const TallyItem *w[WEAKEST];
    int n = tally_weakest(t, w, WEAKEST), places = t->std->decimals_value;
    if (!n) return;
    fputs("<h3>Weakest items</h3>\n<p class=\"meta\">The items that lost the most points, all units together.</p>\n",
          f);
    chart_open(f, n, "points lost per item");
    for (int i = 0; i < n; i++)
        bar(f, a, 4 + i * ROW, arena_printf(a, "%s %s", w[i]->item->id ? w[i]->item->id : "", w[i]->item->title),
            w[i]->lost, w[0]->lost, arena_printf(a, "-%s", num(a, w[i]->lost, places)), "bad");
    fputs("</svg>\n<table class=\"weakest\"><thead><tr><th>Item</th><th>Category</th><th class=\"num\">Units losing "
          "points</th><th class=\"num\">Points lost</th></tr></thead><tbody>\n",
          f);
    for (int i = 0; i < n; i++) {
        const Part *p = w[i]->item;
        fputs("<tr><td>", f);
        if (p->id) html_esc(f, p->id), fputc(' ', f);
        html_esc(f, p->title);
        fputs("</td><td>", f);
        html_esc(f, category_of(p) == p ? "penalty" : category_of(p)->title);
        fprintf(f, "</td><td class=\"num\">%d of %d</td><td class=\"num lost\">-%s</td></tr>\n", w[i]->units_short,
                w[i]->units, num(a, w[i]->lost, places));
    }
    fputs("</tbody></table>\n", f);
}

void html_summary(FILE *f, Tally *t, Arena *a, const char *as_of) {
    const Standard *s = t->std;
    fprintf(f, "<section class=\"summary\" data-units=\"%d\" data-scored=\"%d\" data-pass=\"%d\">\n<h1>", t->nunits,
            t->nscored, t->npass);
    html_esc(f, s->title);
    fprintf(f, "</h1>\n<p class=\"meta\">%d · %d units", s->year_value, t->nunits);
    if (as_of) fprintf(f, " · as of %s", as_of);
    fputs("</p>\n", f);
    int fails = t->nscored - t->npass;
    fprintf(f,
            "<div class=\"box %s\"><div><span class=\"total\">%d</span> <span class=\"of\">of %d pass</span></div>"
            "<div class=\"grade\">%d %s",
            fails || t->nunscored ? "fail" : "pass", t->npass, t->nunits, fails, fails == 1 ? "fails" : "fail");
    if (t->nvetoed) fprintf(f, " (%d vetoed)", t->nvetoed);
    if (t->nunscored) fprintf(f, ", %d not scored", t->nunscored);
    fputs("</div></div>\n", f);
    if (t->overflow)
        fputs("<p class=\"veto\">Some sums across units overflowed: the figures below that depend on them are "
              "short.</p>\n",
              f);
    grades(f, t, a);
    ranking(f, t, a);
    categories(f, t, a);
    weakest(f, t, a);
    fputs("</section>\n", f);
}
