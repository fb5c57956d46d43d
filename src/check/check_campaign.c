/* check_campaign.c - the checker for campaign time: phases in order and
 * not overlapping unless declared, tasks inside their phase with a date
 * fact (or a list of dated records) for completion, and the deductions a
 * late or missed task puts on an item. */
#include <string.h>

#include "check_impl.h"
#include "dates.h"
#include "i18n.h"
#include "strmap.h"

static bool date_literal(Ctx *c, Expr *e, int32_t *day, const char *what) {
    what = _(what);
    Value v;
    if (!e) return false;
    if (e->kind != EX_DATE) {
        check_err(c, e->span, "K0280", "%s must be a date written out, like 2013-07-01", what);
        return false;
    }
    if (!check_const_value(c, e, TY_DATE, NULL, &v)) return false;
    *day = v.u.date;
    /* a campaign runs in its standard's year (a slip of the year is common) */
    int y, m, d;
    dates_to_civil(v.u.date, &y, &m, &d);
    if (c->std->year_value && y != c->std->year_value)
        check_warn(c, e->span, "K0290", "%s is in %d, but the standard is for %d", what, y, c->std->year_value);
    return true;
}

static const char *day_text(Ctx *c, int32_t day) {
    int y, m, d;
    dates_to_civil(day, &y, &m, &d);
    return arena_printf(c->arena, "%04d-%02d-%02d", y, m, d);
}

static void check_phases(Ctx *c) {
    Standard *s = c->std;
    int n = 0;
    s->inspection_start = INT32_MIN;
    const Phase *prev = NULL, *latest = NULL; /* latest: the earlier phase that ends last */
    StrMap *ids = strmap_new(c->arena);
    for (Phase *p = s->phases; p; p = p->next) {
        for (const StrMapEntry *e = strmap_get(ids, p->id); e; e = e->next)
            check_err(c, p->id_span, "K0281", "duplicate phase '%s'", p->id);
        strmap_add(ids, p->id, p);
        p->index = n++;
        bool ok = date_literal(c, p->from, &p->start, "a phase's first day");
        ok &= date_literal(c, p->to, &p->end, "a phase's last day");
        if (ok && p->start > p->end)
            check_err(c, p->to->span, "K0282", "phase '%s' ends (%s) before it starts (%s)", p->id, day_text(c, p->end),
                      day_text(c, p->start));
        if (ok && prev && p->start < prev->start) {
            Diag *g = check_err(c, p->from->span, "K0283", "phase '%s' starts before the phase before it, '%s'", p->id,
                                prev->id);
            diag_help(c->diag, g, "write the phases in the order they run");
        } else if (ok && latest && p->start <= latest->end && !p->overlaps) {
            Diag *g = check_err(c, p->from->span, "K0283", "phase '%s' starts %s, while '%s' runs to %s", p->id,
                                day_text(c, p->start), latest->id, day_text(c, latest->end));
            diag_help(c->diag, g, "if they run side by side, write 'overlaps' after its dates");
        }
        if (p->inspection) {
            if (s->inspection_start != INT32_MIN)
                check_err(c, p->id_span, "K0284", "a second inspection phase: one phase is the inspection");
            else if (ok)
                s->inspection_start = p->start;
        }
        if (ok) {
            prev = p;
            if (!latest || p->end > latest->end) latest = p;
        }
    }
    s->nphases = n;
    s->phase_tab = arena_alloc(c->arena, sizeof(Phase *) * (size_t)(n ? n : 1));
    n = 0;
    for (Phase *p = s->phases; p; p = p->next)
        s->phase_tab[n++] = p;
}

static const Phase *find_phase(const Standard *s, const char *id) {
    for (const Phase *p = s->phases; p; p = p->next)
        if (!strcmp(p->id, id)) return p;
    return NULL;
}

/* done FACT;  or  done N of LIST.FIELD; */
static void check_done(Ctx *c, Task *t) {
    if (!t->done) {
        check_err(c, t->id_span, "K0285", "task '%s' says nothing of how it is done: write done FACT;", t->id);
        return;
    }
    Fact *f = NULL;
    for (Fact *x = c->std->facts; x; x = x->next)
        if (!strcmp(x->name, t->done)) f = x;
    if (!f) {
        check_err(c, t->done_span, "K0201", "unknown fact '%s'", t->done);
        return;
    }
    f->used = true;          /* not needed: a unit that leaves it out has not done the task */
    f->asked_by |= t->kinds; /* but a template asks for it */
    t->done_fact = f;
    if (!t->done_field) {
        if (f->type.kind != TY_DATE)
            check_err(c, t->done_span, "K0286", "'%s' must be a date fact: the day the task was done", t->done);
        return;
    }
    if (f->type.kind != TY_LIST) {
        check_err(c, t->done_span, "K0286", "'%s' must be a list whose records carry a date", t->done);
        return;
    }
    t->field = -1;
    for (const Fact *fl = f->type.fields; fl; fl = fl->next)
        if (!strcmp(fl->name, t->done_field)) {
            t->field = fl->slot;
            if (fl->type.kind != TY_DATE)
                check_err(c, t->done_span, "K0286", "field '%s' of '%s' must be a date", t->done_field, t->done);
        }
    if (t->field < 0) check_err(c, t->done_span, "K0272", "the list '%s' has no field '%s'", t->done, t->done_field);
    Dec n;
    if (!check_const_number(c, t->done_count, &n, N_("the number of records"))) return;
    if (!dec_is_int(n) || n.num < 1 || n.num > 1000)
        check_err(c, t->done_count->span, "K0286", "the number of records must be a whole number from 1 to 1000");
    else
        t->count = (int)n.num;
}

/* A late or missed task deducts from an item: a rule of that item. */
static void attach_penalty(Ctx *c, Task *t, TaskPenalty *x) {
    Part *item = NULL;
    for (int i = 0; i < c->std->nitems; i++)
        if (c->std->item_tab[i]->id && !strcmp(c->std->item_tab[i]->id, x->item)) item = c->std->item_tab[i];
    if (!item || item->kind != PART_ITEM || (item->parent && item->parent->kind == PART_BONUS)) {
        check_err(c, x->item_span, "K0273", "no item '%s' to deduct from", x->item);
        return;
    }
    c->item = item;
    c->kinds = item->kinds & t->kinds;
    check_number_expr(c, x->amount, "the points");
    c->item = NULL;
    Rule *r = arena_alloc(c->arena, sizeof *r);
    r->kind = RULE_DEDUCT;
    r->span = x->span;
    r->amount = x->amount;
    r->task = t;
    r->on_missed = x->missed;
    r->final = !x->missed; /* a task done late stays late */
    r->mode = STEP_STARTED;
    r->index = item->nrules++;
    Rule **end = &item->rules;
    while (*end)
        end = &(*end)->next;
    *end = r;
}

static void check_tasks(Ctx *c, uint32_t all_kinds) {
    Standard *s = c->std;
    int n = 0;
    StrMap *ids = strmap_new(c->arena);
    for (Task *t = s->tasks; t; t = t->next) {
        for (const StrMapEntry *e = strmap_get(ids, t->id); e; e = e->next)
            check_err(c, t->id_span, "K0281", "duplicate task '%s'", t->id);
        strmap_add(ids, t->id, t);
        t->index = n++;
        t->kinds = t->applies ? check_kinds(c, t->applies) : all_kinds;
        if (!t->phase)
            check_err(c, t->id_span, "K0287", "task '%s' names no phase: write phase ID;", t->id);
        else if (!(t->ph = find_phase(s, t->phase)))
            check_err(c, t->phase_span, "K0287", "unknown phase '%s'", t->phase);
        bool ok = true;
        if (!t->due) {
            check_err(c, t->id_span, "K0288", "task '%s' has no due date: write due 2013-07-31;", t->id);
            ok = false;
        } else {
            ok = date_literal(c, t->due, &t->due_day, "a due date");
        }
        t->from_day = t->due_day;
        if (t->from && date_literal(c, t->from, &t->from_day, "a window's first day") && ok && t->from_day > t->due_day)
            check_err(c, t->from->span, "K0288", "the window of task '%s' ends before it starts", t->id);
        if (ok && t->ph && t->ph->end >= t->ph->start && (t->from_day < t->ph->start || t->due_day > t->ph->end)) {
            Diag *g = check_err(c, (t->from ? t->from : t->due)->span, "K0289",
                                "task '%s' falls outside its phase '%s' (%s to %s)", t->id, t->ph->id,
                                day_text(c, t->ph->start), day_text(c, t->ph->end));
            diag_help(c->diag, g, "move the dates into the phase, or the task into another phase");
        }
        check_done(c, t);
        for (TaskPenalty *x = t->penalties; x; x = x->next)
            attach_penalty(c, t, x);
    }
    s->ntasks = n;
    s->task_tab = arena_alloc(c->arena, sizeof(Task *) * (size_t)(n ? n : 1));
    n = 0;
    for (Task *t = s->tasks; t; t = t->next)
        s->task_tab[n++] = t;
}

/* deadline D on items and rules: a date */
static void check_deadlines(Ctx *c) {
    for (int i = 0; i < c->std->nitems; i++) {
        Part *p = c->std->item_tab[i];
        int32_t d;
        if (p->deadline) date_literal(c, p->deadline, &d, "a deadline");
        for (Rule *r = p->rules; r; r = r->next)
            if (r->deadline) date_literal(c, r->deadline, &d, "a deadline");
    }
}

void check_campaign(Ctx *c, uint32_t all_kinds) {
    check_phases(c);
    check_tasks(c, all_kinds);
    check_deadlines(c);
}
