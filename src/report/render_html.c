/* render_html.c - the report as one self-contained HTML page: inline CSS
 * and SVG, no script, no network (a Content-Security-Policy forbids every
 * load). Per unit a first page (total, grade, vetoes, a chart of the
 * categories, the top rectification needs), then the scorecard, the tasks
 * and the rectification list by responsible unit; for many units a summary
 * page first (render_html_summary.c). Units are written to a temporary
 * file as they come, and the page is put together at the end, so memory
 * does not grow with the number of units. Each unit's section carries its
 * exact total and grade in data-* attributes (tests/browser reads them). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render_html_esc.h"
#include "render_html_summary.h"
#include "width.h"

struct HtmlDoc {
    FILE *out, *body; /* body: the unit sections, until render_html_end */
    const Standard *std;
    Summary *summary;
    HtmlNames not_scored; /* the summary counts them only */
    Arena *arena;
    int nunits;
    int32_t as_of;
    bool has_as_of;
};

enum { TOP_NEEDS = 5, CHART_LABEL = 200, CHART_BAR = 380, CHART_ROW = 24 };

/* ---- shared helpers ------------------------------------------------------ */

/* Text in the user's language (fmt from _()), formatted, escaped. */
static void text(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text(FILE *f, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&s, &n);
    if (m) vfprintf(m, fmt, ap), fclose(m);
    va_end(ap);
    html_esc(f, s);
    free(s);
}

/* ---- the document -------------------------------------------------------- */

static const char *css =
    ":root{--ok:#1b7f3b;--bad:#c0392b;--warn:#b9770e;--ink:#222;--mute:#666;--line:#ddd;--bar:#2f6db5;--back:#e8edf3}\n"
    "body{font-family:\"Noto Sans CJK SC\",\"Noto Sans CJK TC\",\"Source Han Sans SC\",\"Source Han Sans\","
    "\"PingFang SC\",\"Microsoft YaHei\",\"WenQuanYi Micro Hei\",sans-serif;color:var(--ink);margin:0 auto;"
    "max-width:60em;padding:1em 1.5em;line-height:1.45;font-size:14px}\n"
    "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.4em;margin:.2em 0}h3{font-size:1.1em;margin:1.2em 0 .4em;"
    "border-bottom:2px solid var(--line);padding-bottom:.15em}h4{margin:.9em 0 .3em}\n"
    ".meta,.note{color:var(--mute)}.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "table{border-collapse:collapse;width:100%;margin:.3em 0}th,td{border-bottom:1px solid var(--line);"
    "padding:.2em .4em;vertical-align:top;text-align:left}th{background:#f3f5f8}\n"
    "tr.cat td{font-weight:bold;background:#f7f9fc}tr.group td{font-weight:bold}td.d1{padding-left:1.4em}"
    "td.d2{padding-left:2.6em}td.d3{padding-left:3.8em}table.card td:first-child{width:16em}\n"
    ".box{display:flex;gap:2em;align-items:center;border:2px solid var(--line);border-radius:8px;padding:.8em 1.2em;"
    "margin:.8em 0}.box .total{font-size:2.4em;font-weight:bold}.box .of{color:var(--mute)}"
    ".box .grade{font-size:1.5em;font-weight:bold}\n"
    ".pass .grade{color:var(--ok)}.fail .grade,.vetoed .grade{color:var(--bad)}.vetoed,.fail{border-color:var(--bad)}"
    ".pass{border-color:var(--ok)}\n"
    ".veto{color:var(--bad);font-weight:bold}.lost,.overdue{color:var(--bad)}.late,.soon{color:var(--warn)}"
    ".done{color:var(--ok)}\n"
    ".rule{margin:.1em 0}.rule code{font-size:.92em}.saw{color:var(--mute);font-size:.92em}\n"
    "svg.chart{width:100%;height:auto;font-size:12px}svg .back{fill:var(--back)}svg .fore{fill:var(--bar)}"
    "svg .bad{fill:var(--bad)}svg text{fill:var(--ink)}\n"
    "ol.needs li{margin:.3em 0}.tag{display:inline-block;border-radius:3px;padding:0 .35em;font-size:.85em;"
    "background:#f3f5f8}\n"
    "section.unit,section.summary{margin-bottom:2.5em}section.unit+section.unit,section.summary+section.unit{"
    "border-top:3px double var(--line);padding-top:1em}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}section.unit+section.unit,"
    "section.summary+section.unit{border:0;padding:0}section.unit,.detail{break-before:page}"
    "section.unit:first-child{break-before:auto}thead{display:table-header-group}tr,.box,svg{break-inside:avoid}"
    "h3,h4{break-after:avoid}}\n";

static void free_arena(void *a) {
    arena_free(a);
}

static void abandon(void *d) {
    render_html_abandon(d);
}

HtmlDoc *render_html_begin(const Standard *std, FILE *out) {
    Arena *a = arena_new();
    arena_oom_cleanup(free_arena, a); /* libkaoping: out of memory in here unwinds past it */
    HtmlDoc *d = arena_alloc(a, sizeof *d);
    d->arena = a;
    d->out = out;
    d->std = std;
    arena_oom_cleanup(NULL, NULL);
    arena_oom_cleanup(abandon, d); /* the arena with the rest */
    d->body = tmpfile();
    if (!d->body) {
        arena_oom_cleanup(NULL, NULL);
        arena_free(a);
        return NULL;
    }
    d->summary = summary_new(std);
    arena_oom_cleanup(NULL, NULL);
    return d;
}

/* status as in JSON: scored, or error (invalid data, or not scorable) */
static void unit_open(HtmlDoc *d, const Unit *u, const char *status) {
    FILE *f = d->body;
    fprintf(f, "<section class=\"unit\" id=\"unit-%d\" data-status=\"%s\" data-name=\"", ++d->nunits, status);
    html_esc(f, u->name);
    fputc('"', f);
    if (!u->invalid) fputs(" data-kind=\"", f), html_esc(f, u->kind_name), fputc('"', f);
}

static void unit_title(FILE *f, const Standard *s, const Unit *u) {
    fputs("<h2>", f);
    html_esc(f, u->name);
    fputs("</h2>\n<p class=\"meta\">", f);
    if (u->kind_name && *u->kind_name) {
        html_esc(f, u->kind_name);
        if (s->nkinds) fputc(' ', f), html_esc(f, s->kind_tab[u->kind]->label);
        fputs(" · ", f);
    }
    fprintf(f, "%d · ", u->year ? u->year : s->year_value);
    html_esc(f, s->title);
    fputs("</p>\n", f);
}

/* A unit the summary skips: counted there, named on the summary page. */
static void not_scored(HtmlDoc *d, const Unit *u) {
    HtmlName *n = arena_alloc(d->arena, sizeof *n);
    n->name = arena_strdup(d->arena, u->name ? u->name : "");
    n->next = NULL;
    if (d->not_scored.last)
        d->not_scored.last->next = n;
    else
        d->not_scored.first = n;
    d->not_scored.last = n;
    summary_skip(d->summary);
}

void render_html_invalid(HtmlDoc *d, const Unit *u) {
    FILE *f = d->body;
    not_scored(d, u);
    unit_open(d, u, "error");
    fputs(">\n<h2>", f);
    html_esc(f, u->name);
    fputs("</h2>\n<p class=\"veto\">", f);
    text(f, _("Not scored: its data has errors (%s; see the diagnostics)."), u->src->path);
    fputs("</p>\n</section>\n", f);
}

/* Score against points of every category that applies, as bars. */
static void category_chart(FILE *f, const Result *res, Arena *a) {
    const Standard *s = res->std;
    int places = s->decimals_value, rows = 0;
    Dec max = dec_zero();
    for (const Part *p = s->parts; p; p = p->next)
        if (p->kind == PART_CATEGORY && res->parts[p->index].applies) {
            rows++;
            max = dec_max(max, res->parts[p->index].points);
        }
    if (!rows) return;
    int w = CHART_LABEL + CHART_BAR + 110, h = rows * CHART_ROW + 8;
    html_heading(f, "h3", _("Score by category"));
    fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", w, h);
    html_esc(f, _("score by category"));
    fputs("\">\n", f);
    int y = 4;
    for (const Part *p = s->parts; p; p = p->next) {
        if (p->kind != PART_CATEGORY || !res->parts[p->index].applies) continue;
        const PartResult *pr = &res->parts[p->index];
        const char *wp = html_bar(a, pr->points, max, CHART_BAR), *ws = html_bar(a, pr->score, max, CHART_BAR);
        fprintf(f, "<g data-category=\"");
        html_esc(f, p->id);
        fprintf(f, "\" data-score=\"%s\" data-points=\"%s\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
                render_dec(a, pr->score, places), render_dec(a, pr->points, places), CHART_LABEL - 8, y + 13);
        html_esc_clip(f, a, render_part_title(a, p), 28);
        fprintf(f,
                "</text><rect class=\"back\" x=\"%d\" y=\"%d\" width=\"%s\" height=\"16\"/>"
                "<rect class=\"fore\" x=\"%d\" y=\"%d\" width=\"%s\" height=\"16\"/>"
                "<text x=\"%d\" y=\"%d\">%s / %s</text></g>\n",
                CHART_LABEL, y, wp, CHART_LABEL, y, ws, CHART_LABEL + CHART_BAR + 6, y + 13,
                render_dec(a, pr->score, places), render_dec(a, pr->points, places));
        y += CHART_ROW;
    }
    fputs("</svg>\n", f);
}

static const StrList *entry_owners(const Rectification *x) {
    const Task *t = x->rule->rule->task;
    return t && t->responsible ? t->responsible : x->item->item->owners;
}

static void deadline_cell(FILE *f, Arena *a, const RuleResult *rr) {
    if (rr->rule->final) {
        fputs("<span class=\"note\">", f), html_esc(f, _("cannot be rectified")), fputs("</span>", f);
    } else if (rr->has_deadline) {
        fputs(render_day(a, rr->deadline), f);
        if (rr->overdue) fputs(" <span class=\"overdue\">", f), html_esc(f, _("OVERDUE")), fputs("</span>", f);
    }
}

static void item_name(FILE *f, const Part *p) {
    if (p->id) html_esc(f, p->id), fputc(' ', f);
    if (p->number) html_esc(f, p->number), fputc(' ', f);
    html_esc(f, p->title);
}

static void top_needs(FILE *f, const Result *res, Arena *a) {
    int places = res->std->decimals_value;
    if (res->nrect == 0) {
        html_heading(f, "h3", _("Rectification"));
        html_heading(f, "p", _("Nothing lost points."));
        return;
    }
    html_heading(f, "h3", _("Top rectification needs"));
    fputs("<p class=\"meta\">", f);
    text(f,
         res->nrect == 1 ? _("%d entry, %s points in all; the largest:")
                         : _("%d entries, %s points in all; the largest:"),
         res->nrect, render_dec(a, res->rect_lost, places));
    fputs("</p>\n", f);
    fputs("<ol class=\"needs\">\n", f);
    for (int i = 0; i < res->nrect && i < TOP_NEEDS; i++) {
        const Rectification *x = &res->rect[i];
        fprintf(f, "<li><span class=\"lost\">-%s</span> <b>", render_dec(a, x->lost, places));
        item_name(f, x->item->item);
        fputs("</b>", f);
        const StrList *o = entry_owners(x);
        if (o)
            fputs(" <span class=\"tag\">", f), html_esc(f, render_entry_owners(a, x->item->item, x->rule->rule)),
                fputs("</span>", f);
        fputs("<br>", f);
        html_esc(f, render_target(a, res, x->rule));
        if (x->rule->rule->final)
            fputs("; <span class=\"note\">", f), html_esc(f, _("cannot be rectified")), fputs("</span>", f);
        else if (x->rule->has_deadline)
            fputs("; ", f), html_esc(f, _("by")), fputc(' ', f), deadline_cell(f, a, x->rule);
        fputs("</li>\n", f);
    }
    fputs("</ol>\n", f);
}

static void first_page(FILE *f, const Result *res, Arena *a) {
    const Standard *s = res->std;
    int places = s->decimals_value;
    const char *g = render_grade_name(res);
    const char *cls = res->nvetoes ? "vetoed" : res->pass ? "pass" : "fail";
    fprintf(f, "<div class=\"box %s\"><div><span class=\"total\" data-total=\"%s\">%s</span> <span class=\"of\">", cls,
            render_dec(a, res->total, places), render_dec(a, res->total, places));
    text(f, _("of %s"), render_dec(a, s->total_value, places));
    fputs("</span></div><div class=\"grade\">", f);
    html_esc(f, g ? g : _("none (the standard has no grades)"));
    html_esc(f, res->disqualified ? _(" by score, but VETOED: fails") : res->pass ? _(": passes") : _(": fails"));
    fputs("</div></div>\n", f);
    const char *why[2] = {render_total_why(a, res), render_grade_why(a, res)};
    for (int i = 0; i < 2; i++)
        if (why[i]) fputs("<p class=\"meta veto\">", f), html_esc(f, why[i]), fputs("</p>\n", f);
    if (dec_cmp(res->items_max, s->total_value) != 0) {
        fputs("<p class=\"meta\">", f);
        text(f, _("Items %s of the %s points that apply, scaled to %s."), render_dec(a, res->items_score, places),
             render_dec(a, res->items_max, places), render_dec(a, res->items_scaled, places));
        fputs("</p>\n", f);
    }
    if (dec_sign(res->bonus_raw) || dec_sign(res->penalty)) {
        fputs("<p class=\"meta\">", f);
        text(f, _("Items %s"), render_dec(a, res->items_scaled, places));
        if (dec_sign(res->bonus_raw)) {
            text(f, _(" + bonus %s"), render_dec(a, res->bonus, places));
            if (dec_cmp(res->bonus, res->bonus_raw) != 0)
                text(f, _(" (capped from %s)"), render_dec(a, res->bonus_raw, places));
        }
        if (dec_sign(res->penalty)) text(f, _(" − penalties %s"), render_dec(a, res->penalty, places));
        fputs(".</p>\n", f);
    }
    if (!res->nvetoes) {
        html_heading(f, "p", _("Vetoes: none"));
    } else {
        fputs("<ul class=\"vetoes\">\n", f);
        for (int v = 0; v < s->nvetoes; v++) {
            if (!res->vetoes[v]) continue;
            const Veto *vt = s->veto_tab[v];
            fputs("<li class=\"veto\">", f), html_esc(f, _("Veto")), fputc(' ', f);
            html_esc(f, vt->id);
            fputc(' ', f);
            html_esc(f, vt->title);
            if (vt->reason) fputs(": ", f), html_esc(f, vt->reason);
            if (vt->effect.effect != VETO_DISQUALIFY)
                fputs(" [", f), html_esc(f, render_veto_effect(a, res, v)), fputs("]", f);
            fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
    }
    if (s->noutputs) {
        fputs("<ul class=\"outputs\">\n", f);
        for (int i = 0; i < s->noutputs; i++) {
            const OutputDef *o = s->output_tab[i];
            fprintf(f, "<li data-output=\"%s\" data-value=\"", o->id);
            html_esc(f, render_output_value(a, res, i));
            fputs("\">", f), html_esc(f, render_output_label(o)), fputs(": <b>", f);
            html_esc(f, render_output_value(a, res, i));
            fputs("</b></li>\n", f);
        }
        fputs("</ul>\n", f);
    }
    category_chart(f, res, a);
    top_needs(f, res, a);
}

/* ---- the scorecard ------------------------------------------------------- */

static void deductions(FILE *f, const Result *res, const ItemResult *ir, Arena *a) {
    int places = res->std->decimals_value;
    for (int i = 0; i < ir->item->nrules; i++) {
        const RuleResult *rr = &ir->rules[i];
        if (!rr->fired) continue;
        const Rule *r = rr->rule;
        const char *amt = r->kind == RULE_DEDUCT ? arena_printf(a, "-%s", render_dec(a, rr->amount, places))
                          : r->kind == RULE_ADD  ? arena_printf(a, "+%s", render_dec(a, rr->amount, places))
                                                 : arena_printf(a, "= %s", render_dec(a, rr->amount, places));
        fprintf(f, "<div class=\"rule\"><b%s>%s</b> <code>", r->kind == RULE_DEDUCT ? " class=\"lost\"" : "", amt);
        html_esc(f, render_rule_numbered(a, res->std, r));
        fputs("</code>", f);
        const char *saw = render_saw(a, res, rr);
        if (*saw) fputs("<div class=\"saw\">", f), text(f, _("saw %s"), saw), fputs("</div>", f);
        fputs("</div>", f);
    }
}

static void card_row(FILE *f, const char *cls, int depth, const Part *p, const char *points, const char *score,
                     const char *lost) {
    fprintf(f, "<tr class=\"%s\"><td class=\"d%d\">", cls, depth < 3 ? depth : 3);
    if (p->kind == PART_ITEM || p->kind == PART_PENALTY) {
        item_name(f, p);
    } else {
        if (p->number) html_esc(f, p->number), fputc(' ', f);
        html_esc(f, p->title);
    }
    fputs("</td><td class=\"num\">", f);
    html_esc(f, points); /* "cap 5" in the user's language */
    fprintf(f, "</td><td class=\"num\">%s</td><td class=\"num lost\">", score);
    html_esc(f, lost);
    fputs("</td><td>", f);
}

static const char *lost_text(Arena *a, Dec lost, int places) {
    return dec_sign(lost) > 0 ? arena_printf(a, "-%s", render_dec(a, lost, places)) : "";
}

static void part_rows(FILE *f, const Result *res, const Part *p, Arena *a, int depth) {
    int places = res->std->decimals_value;
    const PartResult *pr = &res->parts[p->index];
    if (!pr->applies && p->kind != PART_BONUS) return;
    if (p->kind == PART_BONUS) {
        card_row(f, "cat", depth, p,
                 p->has_cap ? arena_printf(a, _("cap %s"), render_dec(a, p->cap_value, places)) : "",
                 arena_printf(a, "+%s", render_dec(a, pr->score, places)), "");
    } else {
        card_row(f, depth ? "group" : "cat", depth, p, render_dec(a, pr->points, places),
                 render_dec(a, pr->score, places), lost_text(a, pr->lost, places));
    }
    fputs("</td></tr>\n", f);
    for (const Part *c = p->children; c; c = c->next) {
        if (c->kind == PART_GROUP) {
            part_rows(f, res, c, a, depth + 1);
        } else if (c->kind == PART_ITEM && res->items[c->index].applies) {
            const ItemResult *ir = &res->items[c->index];
            bool bonus = p->kind == PART_BONUS, change = bonus || !c->points; /* a signed change */
            card_row(f, "item", depth + 1, c, change ? "" : render_dec(a, ir->points, places),
                     arena_printf(a, "%s%s", bonus ? "+" : "", render_dec(a, ir->score, places)),
                     change ? "" : lost_text(a, ir->lost, places));
            deductions(f, res, ir, a);
            fputs("</td></tr>\n", f);
        }
    }
}

static void scorecard(FILE *f, const Result *res, Arena *a) {
    const Standard *s = res->std;
    html_heading(f, "h3", _("Scorecard"));
    fputs("<table class=\"card\"><thead><tr>", f);
    html_th(f, _("Category / item"), false);
    html_th(f, _("Points"), true);
    html_th(f, _("Score"), true);
    html_th(f, _("Lost"), true);
    html_th(f, _("Deductions and the values seen"), false);
    fputs("</tr></thead><tbody>\n", f);
    for (const Part *p = s->parts; p; p = p->next) {
        if (p->kind == PART_PENALTY) {
            const ItemResult *ir = &res->items[p->index];
            if (!ir->applies || !dec_sign(ir->score)) continue;
            card_row(f, "cat", 0, p, "", arena_printf(a, "-%s", render_dec(a, ir->score, s->decimals_value)),
                     _("penalty"));
            deductions(f, res, ir, a);
            fputs("</td></tr>\n", f);
            continue;
        }
        part_rows(f, res, p, a, 0);
    }
    fputs("</tbody></table>\n", f);
}

static void tasks(FILE *f, const Result *res, Arena *a) {
    const Standard *s = res->std;
    int applies = 0;
    for (int p = 0; p < s->nphases; p++)
        applies += res->phases[p].tasks;
    if (!applies) return;
    fputs("<h3>", f);
    text(f, _("Tasks as of %s"), render_day(a, res->as_of));
    fputs("</h3>\n<table class=\"tasks\"><thead><tr>", f);
    html_th(f, _("Phase / task"), false);
    html_th(f, _("Due"), false);
    html_th(f, _("Status"), false);
    fputs("</tr></thead><tbody>\n", f);
    static const char *cls[] = {"", " class=\"done\"", " class=\"late\"", " class=\"overdue\"", " class=\"soon\"", ""};
    for (int p = 0; p < s->nphases; p++) {
        const PhaseResult *pr = &res->phases[p];
        if (!pr->tasks) continue;
        const Phase *ph = pr->phase;
        fputs("<tr class=\"cat\"><td>", f);
        html_esc(f, ph->id);
        fputc(' ', f);
        html_esc(f, ph->title);
        fputs("</td><td>", f);
        text(f, _("%s to %s"), render_day(a, ph->start), render_day(a, ph->end));
        fprintf(f, "</td><td%s>", pr->complete ? cls[TASK_ON_TIME] : "");
        if (pr->complete)
            html_esc(f, _("complete"));
        else
            text(f, pr->tasks == 1 ? _("%d of %d task done") : _("%d of %d tasks done"), pr->done, pr->tasks);
        fputs("</td></tr>\n", f);
        for (int i = 0; i < s->ntasks; i++) {
            const TaskResult *tr = &res->tasks[i];
            if (tr->task->ph != ph || tr->status == TASK_NOT_APPLICABLE) continue;
            fputs("<tr><td class=\"d1\">", f);
            html_esc(f, tr->task->id);
            fputc(' ', f);
            html_esc(f, tr->task->title);
            fprintf(f, "</td><td>%s</td><td%s>", render_day(a, tr->task->due_day), cls[tr->status]);
            html_esc(f, render_task_status(a, tr));
            fputs("</td></tr>\n", f);
        }
    }
    fputs("</tbody></table>\n", f);
}

/* The rectification list once per responsible unit, in the order each
 * first appears (largest entries first); an entry with two owners is on
 * both lists. */
static void rect_by_owner(FILE *f, const Result *res, Arena *a) {
    if (res->nrect == 0) return;
    int places = res->std->decimals_value, cap = 1, n = 0;
    for (int i = 0; i < res->nrect; i++)
        for (const StrList *o = entry_owners(&res->rect[i]); o; o = o->next)
            cap++;
    const char **names = arena_alloc(a, sizeof *names * (size_t)cap);
    bool none = false;
    for (int i = 0; i < res->nrect; i++) {
        const StrList *o = entry_owners(&res->rect[i]);
        if (!o) none = true;
        for (; o; o = o->next) {
            int k = 0;
            while (k < n && strcmp(names[k], o->s))
                k++;
            if (k == n) names[n++] = o->s;
        }
    }
    html_heading(f, "h3", _("Rectification by responsible unit"));
    for (int k = 0; k < n + none; k++) {
        const char *who = k < n ? names[k] : NULL;
        int count = 0;
        for (int i = 0; i < res->nrect; i++) {
            const StrList *o = entry_owners(&res->rect[i]);
            bool mine = !who && !o;
            for (; o && who && !mine; o = o->next)
                mine = !strcmp(o->s, who);
            count += mine;
        }
        fputs("<h4>", f);
        html_esc(f, who ? who : _("(no responsible unit named)"));
        fputs(" <span class=\"meta\">", f);
        text(f, count == 1 ? _("%d entry") : _("%d entries"), count);
        fputs("</span></h4>\n<table class=\"rect\"><thead><tr><th>#</th>", f);
        html_th(f, _("Lost"), true);
        html_th(f, _("Item"), false);
        html_th(f, _("What was seen / to do"), false);
        html_th(f, _("By"), false);
        fputs("</tr></thead><tbody>\n", f);
        for (int i = 0; i < res->nrect; i++) {
            const Rectification *x = &res->rect[i];
            const StrList *o = entry_owners(x);
            bool mine = !who && !o;
            for (; o && who && !mine; o = o->next)
                mine = !strcmp(o->s, who);
            if (!mine) continue;
            fprintf(f, "<tr><td>%d</td><td class=\"num lost\">-%s</td><td>", i + 1, render_dec(a, x->lost, places));
            item_name(f, x->item->item);
            if (x->item->item->kind == PART_PENALTY)
                fputs(" <span class=\"tag\">", f), html_esc(f, _("penalty on the total")), fputs("</span>", f);
            fputs("</td><td>", f);
            const char *saw = render_saw(a, res, x->rule);
            if (*saw) fputs("<div class=\"saw\">", f), text(f, _("saw %s"), saw), fputs("</div>", f);
            html_esc(f, render_target(a, res, x->rule));
            fputs("</td><td>", f);
            deadline_cell(f, a, x->rule);
            fputs("</td></tr>\n", f);
        }
        fputs("</tbody></table>\n", f);
    }
}

void render_html_unit(HtmlDoc *d, const Result *res) {
    FILE *f = d->body;
    const Standard *s = res->std;
    const Unit *u = res->unit;
    Arena *a = u->arena;
    int places = s->decimals_value;
    if (res->error)
        not_scored(d, u);
    else
        summary_add(d->summary, res);
    if (!d->has_as_of && s->ntasks) d->as_of = res->as_of, d->has_as_of = true;
    unit_open(d, u, res->error ? "error" : "scored");
    if (!res->error)
        fprintf(f, " data-total=\"%s\" data-grade=\"", render_dec(a, res->total, places)),
            html_esc(f, render_grade_name(res) ? render_grade_name(res) : ""),
            fprintf(f, "\" data-pass=\"%s\" data-vetoed=\"%s\"", res->pass ? "true" : "false",
                    res->nvetoes ? "true" : "false");
    fputs(">\n<div class=\"first\">\n", f);
    unit_title(f, s, u);
    if (res->error) {
        fputs("<p class=\"veto\">", f);
        text(f, _("Not scored: %s"), res->error);
        fputs("</p>\n</div>\n</section>\n", f);
        return;
    }
    first_page(f, res, a);
    fputs("</div>\n<div class=\"detail\">\n", f);
    scorecard(f, res, a);
    tasks(f, res, a);
    rect_by_owner(f, res, a);
    fputs("</div>\n</section>\n", f);
}

void render_html_abandon(HtmlDoc *d) {
    if (d->body) fclose(d->body);
    if (d->summary) summary_free(d->summary);
    arena_free(d->arena);
}

bool render_html_end(HtmlDoc *d) {
    FILE *f = d->out;
    const Standard *s = d->std;
    const char *lang = i18n_language();
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n",
            !strcmp(lang, "zh_CN")   ? "zh-Hans"
            : !strcmp(lang, "zh_TW") ? "zh-Hant"
                                     : "en");
    fputs("<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"kaoping\">\n<title>",
          f);
    html_esc(f, s->title);
    fprintf(f, " · %d</title>\n<style>\n%s</style>\n</head>\n<body>\n", s->year_value, css);
    if (d->nunits > 1) {
        summary_finish(d->summary);
        html_summary(f, d->summary, &d->not_scored, d->arena, d->has_as_of ? render_day(d->arena, d->as_of) : NULL);
    }
    bool ok = !ferror(d->body) && fflush(d->body) == 0;
    rewind(d->body);
    char buf[8192];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, d->body)) > 0)
        ok = fwrite(buf, 1, n, f) == n;
    ok = ok && !ferror(d->body);
    fputs("</body>\n</html>\n", f);
    fclose(d->body);
    summary_free(d->summary);
    arena_free(d->arena);
    return ok;
}
