/* render_json.c - the result as JSON (schema: doc/json.md). Scores are JSON
 * numbers written from their exact decimal text, never through a double.
 * A unit's scorecard is written straight into the text (render_jsonw.h), in
 * the layout cJSON prints; the document's head, printed once, is a tree. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "peer.h"
#include "render.h"
#include "render_jsonw.h"

static void list_json(JsonW *w, const char *key, const StrList *l) {
    jw_key(w, key);
    jw_array(w);
    for (; l; l = l->next)
        if (l->s) jw_str(w, l->s);
    jw_end_array(w);
}

cJSON *render_json_header(const Standard *std, const char *rules_path) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "kaoping", 1);
    cJSON *s = cJSON_AddObjectToObject(root, "standard");
    if (rules_path)
        cJSON_AddStringToObject(s, "file", rules_path);
    else
        cJSON_AddNullToObject(s, "file");
    if (std->chosen_from) cJSON_AddStringToObject(s, "folder", std->chosen_from); /* each unit names its own */
    if (std->title)
        cJSON_AddStringToObject(s, "title", std->title);
    else
        cJSON_AddNullToObject(s, "title");
    cJSON_AddNumberToObject(s, "year", std->year_value);
    render_json_number(s, "total", std->total_value, std->decimals_value);
    cJSON_AddNumberToObject(s, "decimals", std->decimals_value);
    cJSON_AddArrayToObject(root, "units");
    return root;
}

/* What the rule read of the unit's peers (peer.h): the fact compared, the
 * unit's value, its rank, how many peers give the fact, the best... */
static void rule_json(JsonW *w, Arena *a, const Result *res, const RuleResult *rr, int places) {
    const Rule *r = rr->rule;
    jw_object(w);
    jw_kstr(w, "rule", render_rule_text(a, res->std, r));
    jw_kstr(w, "number", r->number);
    jw_kstr(w, "kind", r->kind == RULE_DEDUCT ? "deduct" : r->kind == RULE_ADD ? "add" : "score");
    jw_kbool(w, "fired", rr->fired);
    if (rr->fired) {
        jw_kdec(w, "points", rr->amount, places);
        jw_kdec(w, "amount", eval_rule_signed(rr), places);
        jw_kdec(w, "lost", rr->lost, places);
        if (rr->has_value && rr->subject) {
            jw_kdec(w, "value", rr->value, 9);
            if (r->gap != GAP_NONE || r->kind == RULE_SCORE) jw_kdec(w, "required", rr->bar, 9);
            if (r->per) jw_kdec(w, "steps", rr->steps, 9);
        }
        jw_kstr(w, "saw", render_saw(a, res, rr));
        render_json_peer_to(w, rr);
    }
    jw_end_object(w);
}

static void item_json(JsonW *w, Arena *a, const Result *res, const ItemResult *ir, int places) {
    const Part *p = ir->item;
    jw_object(w);
    jw_kstr(w, "id", p->id);
    jw_kstr(w, "number", p->implicit ? NULL : p->number); /* a part's own rules: the part has the number */
    jw_kstr(w, "title", p->title);
    bool bonus = p->parent && p->parent->kind == PART_BONUS;
    if (bonus && p->has_cap) jw_kdec(w, "cap", p->cap_value, places);
    if (p->kind != PART_PENALTY && !bonus) jw_kdec(w, "points", ir->points, places);
    jw_kdec(w, "score", ir->score, places);
    if (p->kind != PART_PENALTY && !bonus) jw_kdec(w, "lost", ir->lost, places);
    list_json(w, "responsible", p->owners);
    if (p->content) jw_kstr(w, "content", p->content);
    if (p->method) jw_kstr(w, "method", p->method);
    if (ir->floored) jw_kbool(w, "floored", true);
    if (ir->capped) jw_kbool(w, "capped", true);
    jw_key(w, "rules");
    jw_array(w);
    for (int i = 0; i < p->nrules; i++)
        if (ir->rules[i].fired) rule_json(w, a, res, &ir->rules[i], places);
    jw_end_array(w);
    jw_end_object(w);
}

/* categories > groups > items, in the standard's order: "groups" (when the
 * part has one that applies) comes before "items" */
static void part_json(JsonW *w, Arena *a, const Result *res, const Part *p, int places) {
    const PartResult *pr = &res->parts[p->index];
    jw_object(w);
    jw_kstr(w, "id", p->id);
    jw_kstr(w, "number", p->number);
    jw_kstr(w, "title", p->title);
    if (p->kind == PART_BONUS) {
        if (p->has_cap) jw_kdec(w, "cap", p->cap_value, places);
        jw_kdec(w, "counted", pr->counted, places);
    } else {
        jw_kdec(w, "points", pr->points, places);
    }
    jw_kdec(w, "score", pr->score, places);
    bool groups = false;
    for (const Part *c = p->children; c; c = c->next) {
        if (c->kind != PART_GROUP || !res->parts[c->index].applies) continue;
        if (!groups) {
            jw_key(w, "groups");
            jw_array(w);
            groups = true;
        }
        part_json(w, a, res, c, places);
    }
    if (groups) jw_end_array(w);
    jw_key(w, "items");
    jw_array(w);
    for (const Part *c = p->children; c; c = c->next)
        if (c->kind == PART_ITEM && res->items[c->index].applies) item_json(w, a, res, &res->items[c->index], places);
    jw_end_array(w);
    jw_end_object(w);
}

static void phases_tasks(JsonW *w, Arena *a, const Result *res) {
    const Standard *s = res->std;
    jw_kstr(w, "as_of", render_day(a, res->as_of));
    jw_key(w, "phases");
    jw_array(w);
    for (int p = 0; p < s->nphases; p++) {
        const PhaseResult *pr = &res->phases[p];
        jw_object(w);
        jw_kstr(w, "id", pr->phase->id);
        jw_kstr(w, "title", pr->phase->title);
        jw_kstr(w, "from", render_day(a, pr->phase->start));
        jw_kstr(w, "to", render_day(a, pr->phase->end));
        jw_kint(w, "tasks", pr->tasks);
        jw_kint(w, "done", pr->done);
        jw_kbool(w, "complete", pr->complete);
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_key(w, "tasks");
    jw_array(w);
    for (int i = 0; i < s->ntasks; i++) {
        const TaskResult *tr = &res->tasks[i];
        jw_object(w);
        jw_kstr(w, "id", tr->task->id);
        jw_kstr(w, "title", tr->task->title);
        jw_kstr(w, "phase", tr->task->phase);
        jw_kstr(w, "due", render_day(a, tr->task->due_day));
        jw_kstr(w, "status", render_task_status_word(tr->status));
        if (tr->status == TASK_ON_TIME || tr->status == TASK_LATE) jw_kstr(w, "done_on", render_day(a, tr->done_on));
        if (tr->status != TASK_NOT_APPLICABLE && tr->status != TASK_ON_TIME)
            jw_kint(w,
                    tr->status == TASK_LATE      ? "days_late"
                    : tr->status == TASK_OVERDUE ? "days_overdue"
                                                 : "days_left",
                    tr->days);
        jw_end_object(w);
    }
    jw_end_array(w);
}

static void rectification(JsonW *w, Arena *a, const Result *res) {
    const Standard *s = res->std;
    jw_key(w, "rectification");
    jw_array(w);
    for (int i = 0; i < res->nrect; i++) {
        const Rectification *x = &res->rect[i];
        const Part *p = x->item->item;
        const Rule *r = x->rule->rule;
        jw_object(w);
        jw_kstr(w, "item", p->id);
        jw_kstr(w, "number", p->number);
        jw_kstr(w, "title", p->title);
        jw_kstr(w, "rule_number", r->number);
        jw_kbool(w, "penalty", p->kind == PART_PENALTY);
        list_json(w, "responsible", r->task && r->task->responsible ? r->task->responsible : p->owners);
        jw_kdec(w, "lost", x->lost, s->decimals_value);
        jw_kstr(w, "rule", render_rule_text(a, s, r));
        jw_kstr(w, "saw", render_saw(a, res, x->rule));
        jw_kstr(w, "target", render_target(a, res, x->rule));
        jw_kbool(w, "rectifiable", !r->final);
        if (x->rule->has_deadline && !r->final) {
            jw_kstr(w, "deadline", render_day(a, x->rule->deadline));
            jw_kbool(w, "overdue", x->rule->overdue);
        }
        jw_end_object(w);
    }
    jw_end_array(w);
}

void render_json_unit(JsonW *w, const Result *res) {
    const Standard *s = res->std;
    const Unit *u = res->unit;
    Arena *a = u->arena;
    int places = s->decimals_value;
    jw_object(w);
    jw_kstr(w, "name", u->name);
    jw_kstr(w, "file", u->src->path);
    jw_kstr(w, "kind", u->kind_name);
    if (u->year) jw_kint(w, "year", u->year);
    if (s->chosen_from) { /* eval --rules-dir: the standard of its year */
        jw_key(w, "standard");
        jw_object(w);
        jw_kstr(w, "file", s->src->path);
        jw_kstr(w, "title", s->title);
        jw_kint(w, "year", s->year_value);
        jw_end_object(w);
    }
    if (res->error) {
        jw_kstr(w, "status", "error");
        jw_kstr(w, "error", res->error);
        jw_end_object(w);
        return;
    }
    jw_kstr(w, "status", "scored");
    jw_kdec(w, "total", res->total, places);
    jw_kstr(w, "grade", render_grade_name(res));
    render_json_veto_totals(w, res);
    jw_kbool(w, "pass", res->pass);
    jw_kbool(w, "vetoed", res->nvetoes > 0);
    jw_kdec(w, "items_score", res->items_score, places);
    jw_kdec(w, "items_max", res->items_max, places);
    jw_kdec(w, "items_scaled", res->items_scaled, places);
    jw_kdec(w, "bonus", res->bonus, places);
    jw_kdec(w, "bonus_uncapped", res->bonus_raw, places);
    jw_kdec(w, "penalty", res->penalty, places);
    jw_kdec(w, "raw_total", res->raw_total, places);
    jw_key(w, "vetoes");
    jw_array(w);
    for (int v = 0; v < s->nvetoes; v++) {
        if (!res->vetoes[v]) continue;
        jw_object(w);
        jw_kstr(w, "id", s->veto_tab[v]->id);
        jw_kstr(w, "title", s->veto_tab[v]->title);
        jw_kstr(w, "reason", s->veto_tab[v]->reason);
        render_json_veto(w, res, v);
        jw_end_object(w);
    }
    jw_end_array(w);
    render_json_outputs(w, res);
    jw_key(w, "categories");
    jw_array(w);
    for (const Part *p = s->parts; p; p = p->next)
        if (p->kind == PART_CATEGORY && res->parts[p->index].applies) part_json(w, a, res, p, places);
    jw_end_array(w);
    jw_key(w, "bonus_sections");
    jw_array(w);
    for (const Part *p = s->parts; p; p = p->next)
        if (p->kind == PART_BONUS) part_json(w, a, res, p, places);
    jw_end_array(w);
    jw_key(w, "penalties");
    jw_array(w);
    for (const Part *p = s->parts; p; p = p->next)
        if (p->kind == PART_PENALTY && res->items[p->index].applies)
            item_json(w, a, res, &res->items[p->index], places);
    jw_end_array(w);
    if (s->ntasks) phases_tasks(w, a, res);
    rectification(w, a, res);
    jw_end_object(w);
}

void render_json_invalid(JsonW *w, const Unit *u) {
    jw_object(w);
    jw_kstr(w, "name", u->name);
    jw_kstr(w, "file", u->src->path);
    jw_kstr(w, "status", "error");
    jw_kstr(w, "error", "the unit's data is invalid (see the diagnostics)");
    jw_end_object(w);
}
