/* render_json.c - the result as JSON (schema: doc/json.md). Scores are JSON
 * numbers written from their exact decimal text, never through a double. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "peer.h"
#include "render.h"

struct JsonDoc {
    cJSON *root, *units;
    const Standard *std;
};

static void put_str(cJSON *o, const char *key, const char *s) {
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *list_json(const StrList *l) {
    cJSON *arr = cJSON_CreateArray();
    for (; l; l = l->next)
        cJSON_AddItemToArray(arr, cJSON_CreateString(l->s));
    return arr;
}

static cJSON *owners(const Part *p) {
    cJSON *arr = cJSON_CreateArray();
    for (const StrList *o = p->owners; o; o = o->next)
        cJSON_AddItemToArray(arr, cJSON_CreateString(o->s));
    return arr;
}

JsonDoc *render_json_begin(const Standard *std, const char *rules_path) {
    JsonDoc *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->std = std;
    d->root = cJSON_CreateObject();
    cJSON_AddNumberToObject(d->root, "kaoping", 1);
    cJSON *s = cJSON_AddObjectToObject(d->root, "standard");
    put_str(s, "file", rules_path);
    if (std->chosen_from) put_str(s, "folder", std->chosen_from); /* each unit names its own */
    put_str(s, "title", std->title);
    cJSON_AddNumberToObject(s, "year", std->year_value);
    render_json_number(s, "total", std->total_value, std->decimals_value);
    cJSON_AddNumberToObject(s, "decimals", std->decimals_value);
    d->units = cJSON_AddArrayToObject(d->root, "units");
    return d;
}

/* What the rule read of the unit's peers (peer.h): the fact compared, the
 * unit's value, its rank, how many peers give the fact, the best... */
static cJSON *rule_json(Arena *a, const Result *res, const RuleResult *rr, int places) {
    const Rule *r = rr->rule;
    cJSON *o = cJSON_CreateObject();
    put_str(o, "rule", render_rule_text(a, res->std, r));
    put_str(o, "number", r->number);
    put_str(o, "kind", r->kind == RULE_DEDUCT ? "deduct" : r->kind == RULE_ADD ? "add" : "score");
    cJSON_AddBoolToObject(o, "fired", rr->fired);
    if (!rr->fired) return o;
    render_json_number(o, "points", rr->amount, places);
    render_json_number(o, "amount", eval_rule_signed(rr), places);
    render_json_number(o, "lost", rr->lost, places);
    if (rr->has_value && rr->subject) {
        render_json_number(o, "value", rr->value, 9);
        if (r->gap != GAP_NONE || r->kind == RULE_SCORE) render_json_number(o, "required", rr->bar, 9);
        if (r->per) render_json_number(o, "steps", rr->steps, 9);
    }
    put_str(o, "saw", render_saw(a, res, rr));
    render_json_peer(o, rr);
    return o;
}

static cJSON *item_json(Arena *a, const Result *res, const ItemResult *ir, int places) {
    const Part *p = ir->item;
    cJSON *o = cJSON_CreateObject();
    put_str(o, "id", p->id);
    put_str(o, "number", p->implicit ? NULL : p->number); /* a part's own rules: the part has the number */
    put_str(o, "title", p->title);
    bool bonus = p->parent && p->parent->kind == PART_BONUS;
    if (bonus && p->has_cap) render_json_number(o, "cap", p->cap_value, places);
    if (p->kind != PART_PENALTY && !bonus) render_json_number(o, "points", ir->points, places);
    render_json_number(o, "score", ir->score, places);
    if (p->kind != PART_PENALTY && !bonus) render_json_number(o, "lost", ir->lost, places);
    cJSON_AddItemToObject(o, "responsible", owners(p));
    if (p->content) put_str(o, "content", p->content);
    if (p->method) put_str(o, "method", p->method);
    if (ir->floored) cJSON_AddBoolToObject(o, "floored", true);
    if (ir->capped) cJSON_AddBoolToObject(o, "capped", true);
    cJSON *rules = cJSON_AddArrayToObject(o, "rules");
    for (int i = 0; i < p->nrules; i++)
        if (ir->rules[i].fired) cJSON_AddItemToArray(rules, rule_json(a, res, &ir->rules[i], places));
    return o;
}

/* categories > groups > items, in the standard's order */
static cJSON *part_json(Arena *a, const Result *res, const Part *p, int places) {
    const PartResult *pr = &res->parts[p->index];
    cJSON *o = cJSON_CreateObject();
    put_str(o, "id", p->id);
    put_str(o, "number", p->number);
    put_str(o, "title", p->title);
    if (p->kind == PART_BONUS) {
        if (p->has_cap) render_json_number(o, "cap", p->cap_value, places);
        render_json_number(o, "counted", pr->counted, places);
    } else {
        render_json_number(o, "points", pr->points, places);
    }
    render_json_number(o, "score", pr->score, places);
    cJSON *groups = NULL, *items = cJSON_CreateArray();
    for (const Part *c = p->children; c; c = c->next) {
        if (c->kind == PART_GROUP) {
            if (!res->parts[c->index].applies) continue;
            if (!groups) groups = cJSON_CreateArray();
            cJSON_AddItemToArray(groups, part_json(a, res, c, places));
        } else if (c->kind == PART_ITEM && res->items[c->index].applies) {
            cJSON_AddItemToArray(items, item_json(a, res, &res->items[c->index], places));
        }
    }
    if (groups) cJSON_AddItemToObject(o, "groups", groups);
    cJSON_AddItemToObject(o, "items", items);
    return o;
}

cJSON *render_json_unit_object(const Result *res) {
    const Standard *s = res->std;
    const Unit *u = res->unit;
    Arena *a = u->arena;
    int places = s->decimals_value;
    cJSON *o = cJSON_CreateObject();
    put_str(o, "name", u->name);
    put_str(o, "file", u->src->path);
    put_str(o, "kind", u->kind_name);
    if (u->year) cJSON_AddNumberToObject(o, "year", u->year);
    if (s->chosen_from) { /* eval --rules-dir: the standard of its year */
        cJSON *st = cJSON_AddObjectToObject(o, "standard");
        put_str(st, "file", s->src->path);
        put_str(st, "title", s->title);
        cJSON_AddNumberToObject(st, "year", s->year_value);
    }
    if (res->error) {
        put_str(o, "status", "error");
        put_str(o, "error", res->error);
        return o;
    }
    put_str(o, "status", "scored");
    render_json_number(o, "total", res->total, places);
    put_str(o, "grade", render_grade_name(res));
    render_json_veto_totals(o, res);
    cJSON_AddBoolToObject(o, "pass", res->pass);
    cJSON_AddBoolToObject(o, "vetoed", res->nvetoes > 0);
    render_json_number(o, "items_score", res->items_score, places);
    render_json_number(o, "items_max", res->items_max, places);
    render_json_number(o, "items_scaled", res->items_scaled, places);
    render_json_number(o, "bonus", res->bonus, places);
    render_json_number(o, "bonus_uncapped", res->bonus_raw, places);
    render_json_number(o, "penalty", res->penalty, places);
    render_json_number(o, "raw_total", res->raw_total, places);
    cJSON *vetoes = cJSON_AddArrayToObject(o, "vetoes");
    for (int v = 0; v < s->nvetoes; v++) {
        if (!res->vetoes[v]) continue;
        cJSON *x = cJSON_CreateObject();
        put_str(x, "id", s->veto_tab[v]->id);
        put_str(x, "title", s->veto_tab[v]->title);
        put_str(x, "reason", s->veto_tab[v]->reason);
        render_json_veto(x, res, v);
        cJSON_AddItemToArray(vetoes, x);
    }
    render_json_outputs(o, res);
    cJSON *cats = cJSON_AddArrayToObject(o, "categories");
    cJSON *bonus = cJSON_AddArrayToObject(o, "bonus_sections");
    for (const Part *p = s->parts; p; p = p->next) {
        if (p->kind == PART_CATEGORY && res->parts[p->index].applies)
            cJSON_AddItemToArray(cats, part_json(a, res, p, places));
        else if (p->kind == PART_BONUS)
            cJSON_AddItemToArray(bonus, part_json(a, res, p, places));
    }
    cJSON *pens = cJSON_AddArrayToObject(o, "penalties");
    for (const Part *p = s->parts; p; p = p->next)
        if (p->kind == PART_PENALTY && res->items[p->index].applies)
            cJSON_AddItemToArray(pens, item_json(a, res, &res->items[p->index], places));
    if (s->ntasks) {
        put_str(o, "as_of", render_day(a, res->as_of));
        cJSON *phases = cJSON_AddArrayToObject(o, "phases");
        for (int p = 0; p < s->nphases; p++) {
            const PhaseResult *pr = &res->phases[p];
            cJSON *x = cJSON_CreateObject();
            put_str(x, "id", pr->phase->id);
            put_str(x, "title", pr->phase->title);
            put_str(x, "from", render_day(a, pr->phase->start));
            put_str(x, "to", render_day(a, pr->phase->end));
            cJSON_AddNumberToObject(x, "tasks", pr->tasks);
            cJSON_AddNumberToObject(x, "done", pr->done);
            cJSON_AddBoolToObject(x, "complete", pr->complete);
            cJSON_AddItemToArray(phases, x);
        }
        cJSON *tasks = cJSON_AddArrayToObject(o, "tasks");
        for (int i = 0; i < s->ntasks; i++) {
            const TaskResult *tr = &res->tasks[i];
            cJSON *x = cJSON_CreateObject();
            put_str(x, "id", tr->task->id);
            put_str(x, "title", tr->task->title);
            put_str(x, "phase", tr->task->phase);
            put_str(x, "due", render_day(a, tr->task->due_day));
            put_str(x, "status", render_task_status_word(tr->status));
            if (tr->status == TASK_ON_TIME || tr->status == TASK_LATE)
                put_str(x, "done_on", render_day(a, tr->done_on));
            if (tr->status != TASK_NOT_APPLICABLE && tr->status != TASK_ON_TIME)
                cJSON_AddNumberToObject(x,
                                        tr->status == TASK_LATE      ? "days_late"
                                        : tr->status == TASK_OVERDUE ? "days_overdue"
                                                                     : "days_left",
                                        tr->days);
            cJSON_AddItemToArray(tasks, x);
        }
    }
    cJSON *rect = cJSON_AddArrayToObject(o, "rectification");
    for (int i = 0; i < res->nrect; i++) {
        const Rectification *x = &res->rect[i];
        const Part *p = x->item->item;
        cJSON *e = cJSON_CreateObject();
        put_str(e, "item", p->id);
        put_str(e, "number", p->number);
        put_str(e, "title", p->title);
        put_str(e, "rule_number", x->rule->rule->number);
        cJSON_AddBoolToObject(e, "penalty", p->kind == PART_PENALTY);
        cJSON_AddItemToObject(e, "responsible",
                              x->rule->rule->task && x->rule->rule->task->responsible
                                  ? list_json(x->rule->rule->task->responsible)
                                  : owners(p));
        render_json_number(e, "lost", x->lost, places);
        put_str(e, "rule", render_rule_text(a, s, x->rule->rule));
        put_str(e, "saw", render_saw(a, res, x->rule));
        put_str(e, "target", render_target(a, res, x->rule));
        cJSON_AddBoolToObject(e, "rectifiable", !x->rule->rule->final);
        if (x->rule->has_deadline && !x->rule->rule->final) {
            put_str(e, "deadline", render_day(a, x->rule->deadline));
            cJSON_AddBoolToObject(e, "overdue", x->rule->overdue);
        }
        cJSON_AddItemToArray(rect, e);
    }
    return o;
}

void render_json_unit(JsonDoc *d, const Result *res) {
    cJSON_AddItemToArray(d->units, render_json_unit_object(res));
}

void render_json_add(JsonDoc *d, struct cJSON *unit) {
    cJSON_AddItemToArray(d->units, unit);
}

void render_json_explained(JsonDoc *d, const Result *res, const Part *only) {
    cJSON_AddItemToArray(d->units, render_explain_json(res, only));
}

void render_json_invalid(JsonDoc *d, const Unit *u) {
    cJSON_AddItemToArray(d->units, render_json_invalid_object(u));
}

cJSON *render_json_invalid_object(const Unit *u) {
    cJSON *o = cJSON_CreateObject();
    put_str(o, "name", u->name);
    put_str(o, "file", u->src->path);
    put_str(o, "status", "error");
    put_str(o, "error", "the unit's data is invalid (see the diagnostics)");
    return o;
}

cJSON *render_json_header(const Standard *std, const char *rules_path) {
    JsonDoc *d = render_json_begin(std, rules_path);
    if (!d) return NULL;
    cJSON *root = d->root;
    free(d);
    return root;
}

bool render_json_end(JsonDoc *d, FILE *out) {
    char *text = cJSON_Print(d->root);
    cJSON_Delete(d->root);
    free(d);
    if (!text) return false;
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text);
    return true;
}
