/* render_json.c - the result as JSON (schema: doc/json.md). Scores are JSON
 * numbers written from their exact decimal text, never through a double.
 * A unit's scorecard is written straight into the text (render_jsonw.h), in
 * the layout cJSON prints; the document's head, printed once, is a tree. */
#include <cjson/cJSON.h>
#include <stdint.h>
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

/* A rule of the rectification list is written twice, in its item and in
 * the list, with the same text and what it saw: made once. */
typedef struct {
    const RuleResult *rr;
    const char *text, *saw;
} Memo;

typedef struct {
    JsonW *w;
    Arena *a;
    const Result *res;
    int places;
    Memo *memo;                   /* the rectification's rules, by address: open addressing */
    size_t nslots;                /* a power of two, over twice their number */
    const RenderJsonFrags *frags; /* the standard's members written once, or NULL */
} Ctx;

static size_t slot_of(const Ctx *c, const RuleResult *rr) {
    uintptr_t h = (uintptr_t)rr / sizeof *rr;
    size_t i = (size_t)(h * 0x9E3779B97F4A7C15u) & (c->nslots - 1);
    while (c->memo[i].rr && c->memo[i].rr != rr)
        i = (i + 1) & (c->nslots - 1);
    return i;
}

static Memo *memo_of(const Ctx *c, const RuleResult *rr) {
    if (!c->memo) return NULL;
    Memo *m = &c->memo[slot_of(c, rr)];
    return m->rr ? m : NULL;
}

static const char *rule_text(const Ctx *c, const RuleResult *rr, Memo *m) {
    if (!m) return render_rule_text(c->a, c->res->std, rr->rule);
    if (!m->text) m->text = render_rule_text(c->a, c->res->std, rr->rule);
    return m->text;
}

static const char *saw(const Ctx *c, const RuleResult *rr, Memo *m) {
    if (!m) return render_saw(c->a, c->res, rr);
    if (!m->saw) m->saw = render_saw(c->a, c->res, rr);
    return m->saw;
}

/* ---- the members that are the same for every unit ---------------------------
 * A unit's JSON is mostly the standard's own text: ids, numbers, titles,
 * responsible units, the rules' source. Each run of such members is written
 * by one function below; for JSON Lines (one line, no indentation, so the
 * text does not depend on where it stands) the run is written once per
 * standard (RenderJsonFrags) and copied into every unit. */

static void rule_head(JsonW *w, const Rule *r, const char *text) {
    jw_kstr(w, "rule", text);
    jw_kstr(w, "number", r->number);
    jw_kstr(w, "kind", r->kind == RULE_DEDUCT ? "deduct" : r->kind == RULE_ADD ? "add" : "score");
}

static void item_head(JsonW *w, const Part *p, int places) {
    jw_kstr(w, "id", p->id);
    jw_kstr(w, "number", p->implicit ? NULL : p->number); /* a part's own rules: the part has the number */
    jw_kstr(w, "title", p->title);
    bool bonus = p->parent && p->parent->kind == PART_BONUS;
    if (bonus && p->has_cap) jw_kdec(w, "cap", p->cap_value, places);
}

static void item_tail(JsonW *w, const Part *p) {
    list_json(w, "responsible", p->owners);
    if (p->content) jw_kstr(w, "content", p->content);
    if (p->method) jw_kstr(w, "method", p->method);
}

static void part_head(JsonW *w, const Part *p, int places) {
    jw_kstr(w, "id", p->id);
    jw_kstr(w, "number", p->number);
    jw_kstr(w, "title", p->title);
    if (p->kind == PART_BONUS && p->has_cap) jw_kdec(w, "cap", p->cap_value, places);
}

/* the head of a rule's entry in the rectification list */
static void entry_head(JsonW *w, const Part *p, const Rule *r) {
    jw_kstr(w, "item", p->id);
    jw_kstr(w, "number", p->number);
    jw_kstr(w, "title", p->title);
    jw_kstr(w, "rule_number", r->number);
    jw_kbool(w, "penalty", p->kind == PART_PENALTY);
    list_json(w, "responsible", r->task && r->task->responsible ? r->task->responsible : p->owners);
}

typedef struct {
    size_t at, n; /* in RenderJsonFrags.text */
} Frag;

typedef struct {
    Frag head;  /* rule_head */
    Frag entry; /* entry_head */
    Frag text;  /* ,"rule":"..." in the rectification list */
    /* ,"target":"..." for each kind of target that does not depend on the
     * unit (render_target_fixed); n 0 for the others */
    Frag target[TARGET_TASK + 1];
} RuleFrags;

typedef struct {
    Frag head, tail; /* item_head, item_tail */
    RuleFrags *rules;
    /* the whole item when no rule fired, its points whole_points and its
     * score whole_score (most items of most units) */
    Frag whole;
    Dec whole_points, whole_score;
} ItemFrags;

struct RenderJsonFrags {
    const Standard *std;
    Arena *arena;
    const char *text; /* every Frag's bytes, one after another */
    ItemFrags *items; /* by item index */
    Frag *parts;      /* part_head, by part index */
};

/* Frags are written one after another into one memory stream, which
 * becomes RenderJsonFrags.text when it is whole. */
typedef struct {
    JsonW *w;
    FILE *mem;
    char *buf;
    size_t len;
    size_t from; /* where the frag being written starts */
} FragWriter;

static void frag_begin(FragWriter *fw, bool first) {
    fw->from = fw->len;
    jw_start(fw->w, fw->mem, -1);
    fw->w->first = first;
    fw->w->depth = 1;
}

static Frag frag_end(FragWriter *fw) {
    jw_flush(fw->w);
    fflush(fw->mem);
    return (Frag){fw->from, fw->len - fw->from};
}

static void item_json(const Ctx *c, const ItemResult *ir);

/* An item as it is when none of its rules fired: its points, all of them. */
static Frag whole_item(FragWriter *fw, const Part *p, int places, ItemFrags *f) {
    bool bonus = p->parent && p->parent->kind == PART_BONUS;
    ItemResult ir = {.item = p, .applies = true}; /* nfired 0: its rules are not read */
    ir.points = bonus || p->kind == PART_PENALTY ? dec_zero() : p->pts;
    ir.score = ir.points;
    ir.lost = dec_zero();
    f->whole_points = ir.points, f->whole_score = ir.score;
    Ctx c = {.w = fw->w, .places = places};
    frag_begin(fw, true);
    item_json(&c, &ir);
    return frag_end(fw);
}

RenderJsonFrags *render_json_frags_new(const Standard *std) {
    RenderJsonFrags *fr = calloc(1, sizeof *fr);
    FragWriter fw = {malloc(sizeof(JsonW)), NULL, NULL, 0, 0};
    if (!fr || !fw.w || !(fw.mem = open_memstream(&fw.buf, &fw.len))) {
        free(fr);
        free(fw.w);
        return NULL;
    }
    fr->std = std;
    fr->arena = arena_new();
    Arena *a = fr->arena;
    int places = std->decimals_value;
    fr->items = arena_alloc(a, (size_t)std->nitems * sizeof *fr->items + 1);
    fr->parts = arena_alloc(a, (size_t)std->nparts * sizeof *fr->parts + 1);
    for (int i = 0; i < std->nitems; i++) {
        const Part *p = std->item_tab[i];
        ItemFrags *f = &fr->items[i];
        frag_begin(&fw, true);
        item_head(fw.w, p, places);
        f->head = frag_end(&fw);
        frag_begin(&fw, false);
        item_tail(fw.w, p);
        f->tail = frag_end(&fw);
        f->rules = arena_alloc(a, (size_t)p->nrules * sizeof *f->rules + 1);
        for (const Rule *r = p->rules; r; r = r->next) {
            RuleFrags *rf = &f->rules[r->index];
            const char *text = render_rule_text(a, std, r);
            frag_begin(&fw, true);
            rule_head(fw.w, r, text);
            rf->head = frag_end(&fw);
            frag_begin(&fw, true);
            entry_head(fw.w, p, r);
            rf->entry = frag_end(&fw);
            frag_begin(&fw, false);
            jw_kstr(fw.w, "rule", text);
            rf->text = frag_end(&fw);
            for (TargetKind k = TARGET_NONE; k <= TARGET_TASK; k++) {
                const char *t = render_target_fixed(a, std, r, k);
                if (!t) continue;
                frag_begin(&fw, false);
                jw_kstr(fw.w, "target", t);
                rf->target[k] = frag_end(&fw);
            }
        }
        f->whole = whole_item(&fw, p, places, f);
    }
    for (int i = 0; i < std->nparts; i++) {
        frag_begin(&fw, true);
        part_head(fw.w, std->part_tab[i], places);
        fr->parts[i] = frag_end(&fw);
    }
    free(fw.w);
    bool ok = fclose(fw.mem) == 0 && fw.buf;
    fr->text = ok ? arena_strndup(a, fw.buf, fw.len) : NULL;
    free(fw.buf);
    if (!ok) {
        render_json_frags_free(fr);
        return NULL;
    }
    return fr;
}

void render_json_frags_free(RenderJsonFrags *fr) {
    if (!fr) return;
    arena_free(fr->arena);
    free(fr);
}

/* Writes a run of members written once (jw_frag), or a whole value. */
static void put_frag(const Ctx *c, Frag f) {
    jw_frag(c->w, c->frags->text + f.at, f.n);
}

static const RuleFrags *rule_frags(const Ctx *c, const Part *item, const Rule *r) {
    return c->frags ? &c->frags->items[item->index].rules[r->index] : NULL;
}

/* What the rule read of the unit's peers (peer.h): the fact compared, the
 * unit's value, its rank, how many peers give the fact, the best... */
static void rule_json(const Ctx *c, const Part *item, const RuleResult *rr) {
    JsonW *w = c->w;
    int places = c->places;
    const Rule *r = rr->rule;
    Memo *m = memo_of(c, rr);
    jw_object(w);
    const RuleFrags *f = rule_frags(c, item, r);
    if (f)
        put_frag(c, f->head);
    else
        rule_head(w, r, rule_text(c, rr, m));
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
        jw_kstr(w, "saw", saw(c, rr, m));
        render_json_peer_to(w, rr);
    }
    jw_end_object(w);
}

/* Whether the item's JSON is the one written when none of its rules fired
 * (ItemFrags.whole): the same points, score and flags, nothing fired. */
static bool is_whole(const ItemFrags *f, const ItemResult *ir) {
    if (ir->floored || ir->capped || dec_sign(ir->lost) != 0 || dec_cmp(ir->points, f->whole_points) != 0 ||
        dec_cmp(ir->score, f->whole_score) != 0)
        return false;
    return ir->nfired == 0;
}

static void item_json(const Ctx *c, const ItemResult *ir) {
    JsonW *w = c->w;
    int places = c->places;
    const Part *p = ir->item;
    const ItemFrags *f = c->frags ? &c->frags->items[p->index] : NULL;
    if (f && is_whole(f, ir)) {
        jw_frag_value(w, c->frags->text + f->whole.at, f->whole.n);
        return;
    }
    jw_object(w);
    if (f)
        put_frag(c, f->head);
    else
        item_head(w, p, places);
    bool bonus = p->parent && p->parent->kind == PART_BONUS;
    if (p->kind != PART_PENALTY && !bonus) jw_kdec(w, "points", ir->points, places);
    jw_kdec(w, "score", ir->score, places);
    if (p->kind != PART_PENALTY && !bonus) jw_kdec(w, "lost", ir->lost, places);
    if (f)
        put_frag(c, f->tail);
    else
        item_tail(w, p);
    if (ir->floored) jw_kbool(w, "floored", true);
    if (ir->capped) jw_kbool(w, "capped", true);
    jw_k(w, "rules");
    jw_array(w);
    for (int i = 0; i < p->nrules && ir->nfired; i++)
        if (ir->rules[i].fired) rule_json(c, p, &ir->rules[i]);
    jw_end_array(w);
    jw_end_object(w);
}

/* categories > groups > items, in the standard's order: "groups" (when the
 * part has one that applies) comes before "items" */
static void part_json(const Ctx *c, const Part *p) {
    JsonW *w = c->w;
    int places = c->places;
    const Result *res = c->res;
    const PartResult *pr = &res->parts[p->index];
    jw_object(w);
    if (c->frags)
        put_frag(c, c->frags->parts[p->index]);
    else
        part_head(w, p, places);
    if (p->kind == PART_BONUS) {
        jw_kdec(w, "counted", pr->counted, places);
    } else {
        jw_kdec(w, "points", pr->points, places);
    }
    jw_kdec(w, "score", pr->score, places);
    bool groups = false;
    for (const Part *g = p->children; g; g = g->next) {
        if (g->kind != PART_GROUP || !res->parts[g->index].applies) continue;
        if (!groups) {
            jw_k(w, "groups");
            jw_array(w);
            groups = true;
        }
        part_json(c, g);
    }
    if (groups) jw_end_array(w);
    jw_k(w, "items");
    jw_array(w);
    for (const Part *i = p->children; i; i = i->next)
        if (i->kind == PART_ITEM && res->items[i->index].applies) item_json(c, &res->items[i->index]);
    jw_end_array(w);
    jw_end_object(w);
}

static void phases_tasks(JsonW *w, Arena *a, const Result *res) {
    const Standard *s = res->std;
    jw_kstr(w, "as_of", render_day(a, res->as_of));
    jw_k(w, "phases");
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
    jw_k(w, "tasks");
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
        if (tr->status != TASK_NOT_APPLICABLE && tr->status != TASK_ON_TIME) {
            jw_key(w, tr->status == TASK_LATE      ? "days_late"
                      : tr->status == TASK_OVERDUE ? "days_overdue"
                                                   : "days_left");
            jw_int(w, tr->days);
        }
        jw_end_object(w);
    }
    jw_end_array(w);
}

static void rectification(const Ctx *c) {
    JsonW *w = c->w;
    Arena *a = c->a;
    const Result *res = c->res;
    const Standard *s = res->std;
    jw_k(w, "rectification");
    jw_array(w);
    for (int i = 0; i < res->nrect; i++) {
        const Rectification *x = &res->rect[i];
        const Part *p = x->item->item;
        const Rule *r = x->rule->rule;
        const RuleFrags *f = rule_frags(c, p, r);
        Memo *m = memo_of(c, x->rule);
        jw_object(w);
        if (f)
            put_frag(c, f->entry);
        else
            entry_head(w, p, r);
        jw_kdec(w, "lost", x->lost, s->decimals_value);
        if (f)
            put_frag(c, f->text);
        else
            jw_kstr(w, "rule", rule_text(c, x->rule, m));
        jw_kstr(w, "saw", saw(c, x->rule, m));
        if (f && f->target[x->rule->target].n)
            put_frag(c, f->target[x->rule->target]);
        else
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

void render_json_unit(JsonW *w, const Result *res, const RenderJsonFrags *frags) {
    const Standard *s = res->std;
    const Unit *u = res->unit;
    Arena *a = u->arena;
    int places = s->decimals_value;
    Ctx c = {w, a, res, places, NULL, 0, frags && frags->std == s ? frags : NULL};
    if (res->nrect && !res->error) {
        for (c.nslots = 4; c.nslots < 2 * (size_t)res->nrect; c.nslots *= 2)
            ;
        c.memo = arena_alloc(a, c.nslots * sizeof *c.memo);
        for (int i = 0; i < res->nrect; i++)
            c.memo[slot_of(&c, res->rect[i].rule)].rr = res->rect[i].rule;
    }
    jw_object(w);
    jw_kstr(w, "name", u->name);
    jw_kstr(w, "file", u->src->path);
    jw_kstr(w, "kind", u->kind_name);
    if (u->year) jw_kint(w, "year", u->year);
    if (s->chosen_from) { /* eval --rules-dir: the standard of its year */
        jw_k(w, "standard");
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
    jw_k(w, "vetoes");
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
    jw_k(w, "categories");
    jw_array(w);
    for (const Part *p = s->parts; p; p = p->next)
        if (p->kind == PART_CATEGORY && res->parts[p->index].applies) part_json(&c, p);
    jw_end_array(w);
    jw_k(w, "bonus_sections");
    jw_array(w);
    for (const Part *p = s->parts; p; p = p->next)
        if (p->kind == PART_BONUS) part_json(&c, p);
    jw_end_array(w);
    jw_k(w, "penalties");
    jw_array(w);
    for (const Part *p = s->parts; p; p = p->next)
        if (p->kind == PART_PENALTY && res->items[p->index].applies) item_json(&c, &res->items[p->index]);
    jw_end_array(w);
    if (s->ntasks) phases_tasks(w, a, res);
    rectification(&c);
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
