/* render_diff.c - kaoping diff as text grouped by category, and as JSON
 * (schema: doc/revisions.md). Formats what diff.c found; computes nothing. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <string.h>

#include "diff.h"
#include "i18n.h"
#include "lex.h"
#include "parser.h"
#include "render.h"

static const char *num(Arena *a, Dec d) {
    return render_dec(a, d, 6);
}

static const char *or_none(const char *s) {
    return s ? s : _("(none)");
}

/* " (group fair)" when the item sits in a group */
static const char *where(Arena *a, const Part *p) {
    if (!p || !p->parent || !p->parent->parent) return "";
    return arena_printf(a, _(" (group %s)"), p->parent->id ? p->parent->id : p->parent->title);
}

static bool starts_with(const char *s, const char *word) {
    return s && !strncmp(s, word, strlen(word)) && s[strlen(word)] == ' ';
}

/* The same category in either standard (matched by id; a bonus section without one by title). */
static bool same_cat(const Part *a, const Part *b) {
    if (!a || !b) return false;
    if (a->id || b->id) return a->id && b->id && !strcmp(a->id, b->id);
    return a->title && b->title && !strcmp(a->title, b->title);
}

/* "party 黨委依法執政", or the title alone */
static const char *part_name(Arena *a, const Part *p) {
    return p->id ? arena_printf(a, "%s %s", p->id, p->title) : p->title;
}

static void detail(FILE *out, const char *label, const char *text) {
    fprintf(out, "      ");
    render_pad(out, label, 10, false);
    fprintf(out, "%s\n", text);
}

static void item_details(FILE *out, const DiffEntry *x, Arena *a) {
    const Part *o = x->old, *n = x->new_;
    if (x->changes & DIFF_TITLE) detail(out, _("title"), arena_printf(a, "%s -> %s", o->title, n->title));
    if (x->changes & DIFF_NUMBER)
        detail(out, _("number"), arena_printf(a, "%s -> %s", or_none(o->number), or_none(n->number)));
    if (x->changes & DIFF_POINTS)
        detail(out, _("points"), arena_printf(a, "%s -> %s", num(a, x->old_points), num(a, x->new_points)));
    for (int k = 0; k < x->nparams; k++) {
        const DiffParam *p = &x->params[k];
        const char *label = arena_printf(a, _("rule %d"), p->rule);
        if (!strcmp(p->what, "rule") && !p->before)
            detail(out, label, arena_printf(a, _("added: %s"), p->after));
        else if (!strcmp(p->what, "rule") && !p->after)
            detail(out, label, arena_printf(a, _("removed: %s"), p->before));
        else if (starts_with(p->before, p->what) || starts_with(p->after, p->what))
            detail(out, label, arena_printf(a, "%s -> %s", or_none(p->before), or_none(p->after)));
        else
            detail(out, label, arena_printf(a, "%s: %s -> %s", p->what, or_none(p->before), or_none(p->after)));
    }
    if (x->changes & DIFF_APPLIES)
        detail(out, _("applies"), arena_printf(a, "%s -> %s", x->kinds_before, x->kinds_after));
    if (x->changes & DIFF_DEADLINE)
        detail(out, _("deadline"), arena_printf(a, "%s -> %s", or_none(x->before), or_none(x->after)));
    if (x->changes & DIFF_WORDING) detail(out, _("wording"), _("its content or method is reworded"));
    if (x->changes & DIFF_BOUNDS)
        detail(out, _("bounds"), arena_printf(a, "%s -> %s", or_none(x->bounds_before), or_none(x->bounds_after)));
}

static void item_line(FILE *out, const Diff *d, const DiffEntry *x, const Part *cat, Arena *a) {
    const Part *o = x->old, *n = x->new_;
    unsigned ch = x->changes;
    if (ch & DIFF_ADDED) {
        fprintf(out, _("  + %s %s, %s points%s\n"), x->id, n->title, num(a, x->new_points), where(a, n));
        for (const Rule *r = n->rules; r; r = r->next)
            if (!r->task) detail(out, _("rule"), render_rule_text(a, d->new_, r));
        return;
    }
    if (ch & DIFF_REMOVED) {
        fprintf(out, _("  - %s %s, %s points%s\n"), x->id, o->title, num(a, x->old_points), where(a, o));
        return;
    }
    bool across = !same_cat(x->old_cat, x->new_cat);
    if ((ch & DIFF_MOVED) && across && same_cat(cat, x->old_cat)) {
        fprintf(out, _("  > %s %s moved to %s%s\n"), x->id, o->title, part_name(a, x->new_cat), where(a, n));
        return;
    }
    if ((ch & DIFF_MOVED) && across)
        fprintf(out, _("  < %s %s moved here from %s%s, %s points\n"), x->id, n->title, part_name(a, x->old_cat),
                where(a, o), num(a, x->new_points));
    else if (ch & DIFF_MOVED)
        fprintf(out, _("  ~ %s %s moved%s\n"), x->id, n->title, where(a, n));
    else
        fprintf(out, "  ~ %s %s\n", x->id, o->title);
    item_details(out, x, a);
}

/* Whether a category has anything to show: item changes, or its own or its groups' points or titles. */
static bool category_changed(const Diff *d, const Part *cat) {
    for (int i = 0; i < d->nitems; i++)
        if (same_cat(d->items[i].old_cat, cat) || same_cat(d->items[i].new_cat, cat)) return true;
    for (int i = 0; i < d->nparts; i++)
        if ((same_cat(d->parts[i].old_cat, cat) || same_cat(d->parts[i].new_cat, cat)) && d->parts[i].changes)
            return true;
    return false;
}

static void category_block(FILE *out, const Diff *d, const DiffEntry *c, Arena *a) {
    const Part *cat = c->new_ ? c->new_ : c->old;
    const Part *o = c->old, *n = c->new_;
    fprintf(out, "\n== %s", part_name(a, cat));
    if (o && n && !(c->changes & DIFF_POINTS))
        fprintf(out, _(": %s points\n"), num(a, c->new_points));
    else if (o && n)
        fprintf(out, _(": %s -> %s points\n"), num(a, c->old_points), num(a, c->new_points));
    else
        fprintf(out, _(": %s, %s points\n"), n ? _("added") : _("removed"), num(a, n ? c->new_points : c->old_points));
    if (o && n && (c->changes & DIFF_TITLE)) detail(out, _("title"), arena_printf(a, "%s -> %s", o->title, n->title));
    if (o && n && (c->changes & DIFF_BOUNDS))
        detail(out, _("bounds"), arena_printf(a, "%s -> %s", or_none(c->bounds_before), or_none(c->bounds_after)));
    if (o && n && (c->changes & DIFF_NUMBER))
        detail(out, _("number"), arena_printf(a, "%s -> %s", or_none(o->number), or_none(n->number)));
    for (int i = 0; i < d->nparts; i++) {
        const DiffEntry *g = &d->parts[i];
        const Part *gp = g->new_ ? g->new_ : g->old;
        if (gp->kind != PART_GROUP || !g->changes || !same_cat(g->new_ ? g->new_cat : g->old_cat, cat)) continue;
        if (g->changes & DIFF_ADDED)
            fprintf(out, _("  + group %s %s, %s points\n"), gp->id, gp->title, num(a, g->new_points));
        else if (g->changes & DIFF_REMOVED)
            fprintf(out, _("  - group %s %s, %s points\n"), gp->id, gp->title, num(a, g->old_points));
        else {
            fprintf(out, _("  ~ group %s %s: %s -> %s points%s\n"), gp->id, gp->title, num(a, g->old_points),
                    num(a, g->new_points), g->changes & DIFF_TITLE ? _(" (retitled)") : "");
            if (g->changes & DIFF_BOUNDS)
                detail(out, _("bounds"),
                       arena_printf(a, "%s -> %s", or_none(g->bounds_before), or_none(g->bounds_after)));
        }
    }
    for (int i = 0; i < d->nitems; i++) {
        const DiffEntry *x = &d->items[i];
        if (same_cat(x->old_cat, cat) || same_cat(x->new_cat, cat)) item_line(out, d, x, cat, a);
    }
}

static void other_line(FILE *out, const char *mark, const char *id, const char *title, const char *text) {
    fprintf(out, "  %s %s%s%s%s%s\n", mark, id, title ? " " : "", title ? title : "", text ? ": " : "",
            text ? text : "");
}

/* Vetoes, grade bands, phases, tasks: one line each. */
static void others(FILE *out, const char *heading, const DiffEntry *v, int n, size_t title_at, Arena *a) {
    if (!n) return;
    fprintf(out, "\n%s\n", heading);
    for (int i = 0; i < n; i++) {
        const DiffEntry *x = &v[i];
        const char *t_old = x->old && title_at ? *(const char *const *)((const char *)x->old + title_at) : NULL;
        const char *t_new = x->new_ && title_at ? *(const char *const *)((const char *)x->new_ + title_at) : NULL;
        if (x->changes & DIFF_ADDED)
            other_line(out, "+", x->id, t_new, x->after);
        else if (x->changes & DIFF_REMOVED)
            other_line(out, "-", x->id, t_old, x->before);
        else {
            const char *title =
                t_old && t_new && strcmp(t_old, t_new) ? arena_printf(a, "%s -> %s", t_old, t_new) : t_new;
            const char *text = strcmp(x->before, x->after) ? arena_printf(a, "%s -> %s", x->before, x->after) : NULL;
            if (!text && x->changes & DIFF_WORDING) text = _("title or reason reworded");
            other_line(out, "~", x->id, title, text);
        }
    }
}

void render_diff_text(FILE *out, const Diff *d, Arena *a) {
    const Standard *o = d->old, *n = d->new_;
    fprintf(out, _("Diff     %s -> %s\n"), d->old_path, d->new_path);
    fprintf(out, _("Standard %s (%d) -> %s (%d)\n"), o->title, o->year_value, n->title, n->year_value);
    fprintf(out, _("Total    %s -> %s\n"), num(a, o->total_value), num(a, n->total_value));
    if (o->no_floor_total != n->no_floor_total || o->add_after_floor != n->add_after_floor) {
        int set = n->keyword_set; /* the standard's own keywords */
        const char *floor_none = arena_printf(a, "%s %s; ", lex_spelling(FLOOR, set), lex_spelling(NONE, set));
        const char *after =
            arena_printf(a, "%s %s %s;", lex_spelling(ADD, set), lex_spelling(AFTER, set), lex_spelling(FLOOR, set));
        const char *was = arena_printf(a, "%s%s", o->no_floor_total ? floor_none : "", o->add_after_floor ? after : "");
        const char *now = arena_printf(a, "%s%s", n->no_floor_total ? floor_none : "", n->add_after_floor ? after : "");
        fprintf(out, _("Header   %s -> %s\n"), *was ? was : _("(none)"), *now ? now : _("(none)"));
    }
    if (diff_empty(d)) {
        fprintf(out, _("\nNo change.\n"));
        return;
    }
    fprintf(out, _("Items    %d added, %d removed, %d moved, %d re-pointed, %d retitled, %d with rules changed\n"),
            d->added, d->removed, d->moved, d->repointed, d->retitled, d->rules);
    for (int i = 0; i < d->nparts; i++) {
        const DiffEntry *c = &d->parts[i];
        const Part *p = c->new_ ? c->new_ : c->old;
        if (!p->parent && category_changed(d, p)) category_block(out, d, c, a);
    }
    fprintf(out, _("\nCategory sums\n"));
    for (int i = 0; i < d->nparts; i++) {
        const DiffEntry *c = &d->parts[i];
        const Part *p = c->new_ ? c->new_ : c->old;
        if (p->parent) continue;
        char name[300];
        snprintf(name, sizeof name, "  %s%s", part_name(a, p), p->kind == PART_BONUS ? _(" (cap)") : "");
        render_pad(out, name, 40, false);
        render_pad(out, c->old ? num(a, c->old_points) : "-", 8, true);
        fputs(" ->", out);
        render_pad(out, c->new_ ? num(a, c->new_points) : "-", 8, true);
        if (c->old && c->new_ && dec_sign(c->delta))
            fprintf(out, "  %s%s", dec_sign(c->delta) > 0 ? "+" : "", num(a, c->delta));
        fputc('\n', out);
    }
    render_pad(out, _("  total"), 40, false);
    render_pad(out, num(a, o->total_value), 8, true);
    fputs(" ->", out);
    render_pad(out, num(a, n->total_value), 8, true);
    fputc('\n', out);
    others(out, _("Vetoes"), d->vetoes, d->nvetoes, offsetof(Veto, title), a);
    others(out, _("Grade bands"), d->grades, d->ngrades, 0, a);
    others(out, _("Phases"), d->phases, d->nphases, offsetof(Phase, title), a);
    others(out, _("Tasks"), d->tasks, d->ntasks, offsetof(Task, title), a);
    others(out, _("Named expressions"), d->lets, d->nlets, offsetof(Let, label), a);
    others(out, _("Outputs"), d->outputs, d->noutputs, offsetof(OutputDef, label), a);
    others(out, _("Requirements"), d->requires, d->nrequires, 0, a);
    if (d->nfacts) {
        fprintf(out, _("\nFacts\n"));
        for (int i = 0; i < d->nfacts; i++) {
            const DiffEntry *x = &d->facts[i];
            const Fact *fo = x->old, *fn = x->new_;
            if (x->changes & DIFF_ADDED)
                fprintf(out, "  + %s: %s \"%s\"\n", x->id, x->after, fn->label ? fn->label : "");
            else if (x->changes & DIFF_REMOVED)
                fprintf(out, "  - %s: %s \"%s\"\n", x->id, x->before, fo->label ? fo->label : "");
            else {
                fprintf(out, "  ~ %s", fn->name);
                if (x->changes & DIFF_RENAMED) fprintf(out, _(" (was %s: data may give either)"), fo->name);
                if (x->changes & DIFF_TYPE) fprintf(out, ": %s -> %s", x->before, x->after);
                if (x->changes & DIFF_TITLE)
                    fprintf(out, "%s\"%s\" -> \"%s\"", x->changes & DIFF_TYPE ? ", " : ": ", fo->label ? fo->label : "",
                            fn->label ? fn->label : "");
                fputc('\n', out);
            }
        }
    }
}

/* ---- JSON ------------------------------------------------------------------ */

static void put(cJSON *o, const char *k, const char *v) {
    if (v)
        cJSON_AddStringToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

static cJSON *changes_json(unsigned ch) {
    static const char *const names[] = {"added",   "removed", "moved",    "points",    "title", "rules",
                                        "applies", "wording", "deadline", "condition", "dates", "type",
                                        "renamed", "bound",   "bounds",   "number"};
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (ch >> i & 1) cJSON_AddItemToArray(arr, cJSON_CreateString(names[i]));
    return arr;
}

static cJSON *side(const Part *p, const Part *cat, Dec points) {
    if (!p) return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    put(o, "title", p->title);
    put(o, "number", p->number);
    render_json_number(o, "points", points, 6);
    put(o, "category", cat ? cat->id : NULL);
    put(o, "group", p->parent && p->parent->parent ? p->parent->id : NULL);
    return o;
}

static cJSON *std_json(const Standard *s, const char *path) {
    cJSON *o = cJSON_CreateObject();
    put(o, "file", path);
    put(o, "title", s->title);
    cJSON_AddNumberToObject(o, "year", s->year_value);
    render_json_number(o, "total", s->total_value, 6);
    return o;
}

static cJSON *others_json(const DiffEntry *v, int n) {
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        put(o, "id", v[i].id);
        cJSON_AddItemToObject(o, "changes", changes_json(v[i].changes));
        put(o, "before", v[i].before);
        put(o, "after", v[i].after);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

cJSON *render_diff_json(const Diff *d, Arena *a) {
    (void)a;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "kaoping", 1);
    cJSON_AddItemToObject(root, "old", std_json(d->old, d->old_path));
    cJSON_AddItemToObject(root, "new", std_json(d->new_, d->new_path));
    cJSON *sum = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddNumberToObject(sum, "added", d->added);
    cJSON_AddNumberToObject(sum, "removed", d->removed);
    cJSON_AddNumberToObject(sum, "moved", d->moved);
    cJSON_AddNumberToObject(sum, "repointed", d->repointed);
    cJSON_AddNumberToObject(sum, "retitled", d->retitled);
    cJSON_AddNumberToObject(sum, "rules", d->rules);
    cJSON *parts = cJSON_AddArrayToObject(root, "parts");
    for (int i = 0; i < d->nparts; i++) {
        const DiffEntry *c = &d->parts[i];
        const Part *p = c->new_ ? c->new_ : c->old;
        cJSON *o = cJSON_CreateObject();
        put(o, "id", p->id);
        put(o, "kind", p->kind == PART_CATEGORY ? "category" : p->kind == PART_GROUP ? "group" : "bonus");
        put(o, "category", p->parent ? (c->new_ ? c->new_cat : c->old_cat)->id : NULL);
        cJSON_AddItemToObject(o, "changes", changes_json(c->changes));
        if (c->old)
            render_json_number(o, "points_before", c->old_points, 6);
        else
            cJSON_AddNullToObject(o, "points_before");
        if (c->new_)
            render_json_number(o, "points_after", c->new_points, 6);
        else
            cJSON_AddNullToObject(o, "points_after");
        cJSON_AddItemToArray(parts, o);
    }
    cJSON *items = cJSON_AddArrayToObject(root, "items");
    for (int i = 0; i < d->nitems; i++) {
        const DiffEntry *x = &d->items[i];
        cJSON *o = cJSON_CreateObject();
        put(o, "id", x->id);
        cJSON_AddItemToObject(o, "changes", changes_json(x->changes));
        cJSON_AddItemToObject(o, "before", side(x->old, x->old_cat, x->old_points));
        cJSON_AddItemToObject(o, "after", side(x->new_, x->new_cat, x->new_points));
        if (x->changes & DIFF_APPLIES) {
            put(cJSON_GetObjectItem(o, "before"), "applies", x->kinds_before);
            put(cJSON_GetObjectItem(o, "after"), "applies", x->kinds_after);
        }
        if (x->changes & DIFF_DEADLINE) {
            put(cJSON_GetObjectItem(o, "before"), "deadline", x->before);
            put(cJSON_GetObjectItem(o, "after"), "deadline", x->after);
        }
        if (x->changes & DIFF_BOUNDS) {
            put(cJSON_GetObjectItem(o, "before"), "bounds", x->bounds_before);
            put(cJSON_GetObjectItem(o, "after"), "bounds", x->bounds_after);
        }
        cJSON *rules = cJSON_AddArrayToObject(o, "rules");
        for (int k = 0; k < x->nparams; k++) {
            cJSON *r = cJSON_CreateObject();
            cJSON_AddNumberToObject(r, "rule", x->params[k].rule);
            put(r, "what", x->params[k].what);
            put(r, "before", x->params[k].before);
            put(r, "after", x->params[k].after);
            cJSON_AddItemToArray(rules, r);
        }
        cJSON_AddItemToArray(items, o);
    }
    cJSON_AddItemToObject(root, "vetoes", others_json(d->vetoes, d->nvetoes));
    cJSON_AddItemToObject(root, "grades", others_json(d->grades, d->ngrades));
    cJSON_AddItemToObject(root, "phases", others_json(d->phases, d->nphases));
    cJSON_AddItemToObject(root, "tasks", others_json(d->tasks, d->ntasks));
    cJSON *facts = others_json(d->facts, d->nfacts);
    for (int i = 0; i < d->nfacts; i++) {
        const Fact *fo = d->facts[i].old;
        put(cJSON_GetArrayItem(facts, i), "was", fo && (d->facts[i].changes & DIFF_RENAMED) ? fo->name : NULL);
    }
    cJSON_AddItemToObject(root, "facts", facts);
    if (d->nlets) cJSON_AddItemToObject(root, "lets", others_json(d->lets, d->nlets)); /* only when some changed */
    if (d->noutputs) cJSON_AddItemToObject(root, "outputs", others_json(d->outputs, d->noutputs));
    if (d->nrequires) cJSON_AddItemToObject(root, "requires", others_json(d->requires, d->nrequires));
    return root;
}
