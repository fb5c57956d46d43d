/* render_explain.c - 'kaoping explain': the steps behind each item's score,
 * as text an evaluator can read out, or as JSON. It prints the trace the
 * evaluator kept (eval_unit_explained) and computes nothing. */
#include <cjson/cJSON.h>
#include <string.h>

#include "calendar.h"
#include "i18n.h"
#include "peer.h"
#include "render.h"

/* ---- shared phrases ----------------------------------------------------------- */

static const char *step_value(Arena *a, const TraceStep *s) {
    const Expr *x = s->expr;
    if (x->type == TY_LIST) return arena_printf(a, _("%d records"), s->value.u.list.rows);
    if (x->type_fact && (x->type == TY_ENUM || x->type == TY_BOOLEAN || x->type == TY_DATE || x->type == TY_TEXT))
        return render_value(a, &s->value, x->type_fact);
    switch (x->type) {
    case TY_BOOLEAN: return s->value.u.b ? _("yes") : _("no");
    case TY_INTEGER:
    case TY_DECIMAL:
    case TY_PERCENT: return render_number(a, s->value.u.num, x->type);
    default: {
        /* a date, text or enum computed by an expression: show it through a fact of that type if any */
        Fact f = {.type = {.kind = x->type}};
        if (x->type_fact) f = *x->type_fact;
        return render_value(a, &s->value, &f);
    }
    }
}

/* A record of an aggregate that counted: by its name, else by its place. */
static const char *member_name(Arena *a, const TraceStep *s, const TraceMember *m) {
    if (m->named && m->name.present && m->name.type == TY_TEXT) return render_clean(a, m->name.u.text);
    if (m->named && m->name.present)
        return s->name_fact ? render_value(a, &m->name, s->name_fact) : render_number(a, m->name.u.num, TY_INTEGER);
    return arena_printf(a, "#%d", m->index + 1);
}

enum { MEMBERS_SHOWN = 20 }; /* text: the first records that counted, then how many more */

static const char *members_text(Arena *a, const TraceStep *s) {
    const char *list = "";
    for (int i = 0; i < s->nmembers && i < MEMBERS_SHOWN; i++) {
        const TraceMember *m = &s->members[i];
        const char *one = member_name(a, s, m);
        if (m->has_value) one = arena_printf(a, "%s (%s)", one, render_dec(a, m->value, 9));
        list = arena_printf(a, "%s%s%s", list, i ? ", " : ": ", one);
    }
    if (s->nmembers > MEMBERS_SHOWN) list = arena_printf(a, _("%s and %d more"), list, s->nmembers - MEMBERS_SHOWN);
    return arena_printf(a, _("%d of %d counted%s"), s->nmembers, (int)s->value.u.num.num, list);
}

static const char *mode_words(const RuleResult *rr) {
    switch (rr->mode) {
    case STEP_STARTED: return _("a started step counts whole");
    case STEP_COMPLETED: return _("only completed steps count");
    default: return _("pro rata");
    }
}

/* The unit of a rule's steps (what its numbers are in). */
static TypeKind rule_type(const Rule *r) {
    return r->per ? r->per->type : TY_DECIMAL;
}

static const char *step_text(Arena *a, const Result *res, const RuleResult *rr, const TraceStep *s) {
    const Rule *r = rr->rule;
    int places = res->std->decimals_value;
    const char *v = s->kind == TR_VALUE || s->kind == TR_MEMBERS ? NULL : render_dec(a, s->value.u.num, 9);
    switch (s->kind) {
    case TR_VALUE: {
        const char *text = ast_text(a, res->std->src, s->expr->span);
        if (s->expr->type == TY_PERIOD)
            return arena_printf(a, "%s = %s", text,
                                cal_period_text(a, s->value.u.period.months, s->value.u.period.days));
        if (s->expr->type == TY_KIND && res->std->nkinds)
            return arena_printf(a, "%s = %s", text, res->std->kind_tab[s->value.u.member]->id);
        if (s->expr->let && s->expr->let->label)
            return arena_printf(a, "%s (%s) = %s", text, s->expr->let->label, step_value(a, s));
        if (s->expr->let) return arena_printf(a, "%s = %s", text, step_value(a, s));
        if (s->expr->kind == EX_NAME && s->expr->type_fact && s->expr->type_fact->label && !s->expr->is_field)
            return arena_printf(a, "%s (%s) = %s", text, s->expr->type_fact->label, step_value(a, s));
        return arena_printf(a, "%s = %s", text, step_value(a, s));
    }
    case TR_GAP:
        return arena_printf(a, r->gap == GAP_ABOVE ? _("above the bar by %s") : _("below the bar by %s"),
                            render_number(a, s->value.u.num, rule_type(r)));
    case TR_STEPS:
        return arena_printf(a, strcmp(v, "1") ? _("%s / %s = %s steps") : _("%s / %s = %s step"),
                            render_number(a, rr->gap, rule_type(r)), render_number(a, rr->step, rule_type(r)), v);
    case TR_COUNTED: return arena_printf(a, "%s: %s", mode_words(rr), v);
    case TR_TIMES:
        return arena_printf(a, "%s x %s = %s", render_dec(a, rr->per_step, 9), render_dec(a, rr->steps, 9),
                            render_dec(a, s->value.u.num, 9));
    case TR_CAPPED: return arena_printf(a, _("capped by the rule: %s"), v);
    case TR_ROUNDED:
        return arena_printf(a, places == 1 ? _("rounded to %d decimal: %s") : _("rounded to %d decimals: %s"), places,
                            render_dec(a, s->value.u.num, places));
    case TR_MEMBERS: return members_text(a, s);
    }
    return "";
}

static const char *outcome(Arena *a, const Result *res, const RuleResult *rr) {
    int places = res->std->decimals_value;
    const Rule *r = rr->rule;
    if (!rr->fired && r->applies && !((r->kinds >> res->unit->kind) & 1u))
        return arena_printf(a, _("not for kind %s: the rule does not exist for it"), res->unit->kind_name);
    if (!rr->fired) return _("does not fire");
    if (r->kind == RULE_SCORE) return arena_printf(a, _("sets the score to %s"), render_dec(a, rr->amount, places));
    if (r->kind == RULE_ZERO) /* 不得分 */
        return arena_printf(a, _("sets the item's score to 0 (takes its %s points)"),
                            render_dec(a, rr->amount, places));
    if (r->kind == RULE_ADJUST && dec_sign(rr->amount) < 0) {
        Dec off = rr->amount;
        if (dec_neg(rr->amount, &off) != DEC_OK) off = rr->amount;
        return arena_printf(a, _("deducts %s"), render_dec(a, off, places));
    }
    return arena_printf(a, r->kind == RULE_DEDUCT ? _("deducts %s") : _("adds %s"), render_dec(a, rr->amount, places));
}

static const char *item_sum(Arena *a, const Result *res, const ItemResult *ir) {
    int places = res->std->decimals_value;
    const Part *p = ir->item;
    if (p->kind == PART_PENALTY) return arena_printf(a, _("takes %s off the total"), render_dec(a, ir->score, places));
    if (!dec_cmp(ir->base, ir->points) && !dec_sign(ir->deducted) && !dec_sign(ir->added) && !ir->capped)
        return arena_printf(a, _("keeps its %s points"), render_dec(a, ir->points, places));
    const char *s = arena_printf(a, dec_cmp(ir->base, ir->points) ? _("set to %s") : _("starts at %s"),
                                 render_dec(a, ir->base, places));
    if (dec_sign(ir->deducted)) s = arena_printf(a, "%s - %s", s, render_dec(a, ir->deducted, places));
    if (dec_sign(ir->added)) s = arena_printf(a, "%s + %s", s, render_dec(a, ir->added, places));
    if (ir->floored) s = arena_printf(a, _("%s, below 0: floored at 0"), s);
    if (ir->capped) s = arena_printf(a, _("%s, above its points: capped"), s);
    for (int k = 0; k < p->nrules; k++)
        if (ir->rules[k].fired && ir->rules[k].rule->kind == RULE_ZERO)
            return arena_printf(a, _("%s; its 'zero' rule sets it to 0 = 0"), s);
    return arena_printf(a, "%s = %s", s, render_dec(a, ir->score, places));
}

/* ---- text ------------------------------------------------------------------------ */

void render_explain_text(FILE *out, const Result *res, const Part *only) {
    const Standard *s = res->std;
    const Unit *u = res->unit;
    Arena *a = u->arena;
    int places = s->decimals_value;
    fprintf(out, "== %s", render_clean(a, u->name));
    if (*u->kind_name) fprintf(out, " (%s %s)", u->kind_name, s->nkinds ? s->kind_tab[u->kind]->label : "");
    fprintf(out, " · %d %s\n", s->year_value, s->title);
    if (res->error) {
        fprintf(out, _("   not scored: %s\n"), res->error);
        return;
    }
    for (int i = 0; i < s->nitems; i++) {
        const ItemResult *ir = &res->items[i];
        const Part *p = ir->item;
        if (only ? p != only : !ir->applies) continue;
        fprintf(out, "\n%s %s", p->id ? p->id : "", render_part_title(a, p));
        if (p->kind == PART_ITEM && !(p->parent && p->parent->kind == PART_BONUS))
            fprintf(out, _(" (%s points)"), render_dec(a, ir->points, places));
        fputc('\n', out);
        if (!ir->applies) {
            fprintf(out, _("  does not apply to kind %s\n"), u->kind_name);
            continue;
        }
        for (int k = 0; k < p->nrules; k++) {
            const RuleResult *rr = &ir->rules[k];
            if (rr->rule->number)
                fprintf(out, _("  rule %s  %s\n"), rr->rule->number, render_rule_text(a, s, rr->rule));
            else
                fprintf(out, _("  rule %d  %s\n"), k + 1, render_rule_text(a, s, rr->rule));
            if (rr->rule->task) fprintf(out, "          %s\n", render_saw(a, res, rr));
            for (int t = 0; t < rr->ntrace; t++)
                fprintf(out, "          %s\n", step_text(a, res, rr, &rr->trace[t]));
            if (rr->peer && rr->peer->fact)
                fprintf(out, _("          compared %s %s with the units of its kind and year: %s\n"),
                        rr->peer->fact->name, render_value(a, &u->facts[rr->peer->fact->slot], rr->peer->fact),
                        render_peer(a, rr));
            fprintf(out, "          => %s\n", outcome(a, res, rr));
        }
        fprintf(out, _("  score   %s\n"), item_sum(a, res, ir));
    }
    if (only) return;
    fprintf(out, _("\ntotal    items %s of %s points"), render_dec(a, res->items_score, places),
            render_dec(a, res->items_max, places));
    if (dec_cmp(res->items_max, s->total_value))
        fprintf(out, _(", scaled to %s: %s x %s / %s"), render_dec(a, s->total_value, places),
                render_dec(a, res->items_score, places), render_dec(a, s->total_value, places),
                render_dec(a, res->items_max, places));
    fprintf(out, " = %s\n", render_dec(a, res->items_scaled, places));
    if (dec_sign(res->bonus_raw))
        fprintf(out, _("         + bonus %s%s\n"), render_dec(a, res->bonus, places),
                dec_cmp(res->bonus, res->bonus_raw)
                    ? arena_printf(a, _(" (capped from %s)"), render_dec(a, res->bonus_raw, places))
                    : "");
    if (dec_sign(res->penalty)) fprintf(out, _("         - penalties %s\n"), render_dec(a, res->penalty, places));
    fprintf(out, _("         = %s, grade %s%s\n"), render_dec(a, res->total, places),
            res->grade >= 0 ? s->grade_tab[res->grade]->name : "-",
            res->disqualified ? _(" (vetoed: fails)")
            : res->pass       ? _(" (passes)")
                              : _(" (fails)"));
    for (int v = 0; v < s->nvetoes; v++)
        if (res->vetoes[v]) fprintf(out, _("veto     %s %s fired\n"), s->veto_tab[v]->id, s->veto_tab[v]->title);
}

/* ---- JSON ------------------------------------------------------------------------- */

static const char *kind_name(TraceKind k) {
    static const char *names[] = {"value", "gap", "steps", "counted", "times", "capped", "rounded", "members"};
    return names[k];
}

cJSON *render_explain_json(const Result *res, const Part *only) {
    const Standard *s = res->std;
    const Unit *u = res->unit;
    Arena *a = u->arena;
    int places = s->decimals_value;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", u->name);
    cJSON_AddStringToObject(o, "kind", u->kind_name);
    if (res->error) {
        cJSON_AddStringToObject(o, "error", res->error);
        return o;
    }
    cJSON *items = cJSON_AddArrayToObject(o, "items");
    for (int i = 0; i < s->nitems; i++) {
        const ItemResult *ir = &res->items[i];
        const Part *p = ir->item;
        if (only ? p != only : !ir->applies) continue;
        cJSON *it = cJSON_CreateObject();
        cJSON_AddStringToObject(it, "id", p->id ? p->id : "");
        if (p->number)
            cJSON_AddStringToObject(it, "number", p->number);
        else
            cJSON_AddNullToObject(it, "number");
        cJSON_AddStringToObject(it, "title", p->title ? p->title : "");
        cJSON_AddBoolToObject(it, "applies", ir->applies);
        render_json_number(it, "points", ir->points, places);
        render_json_number(it, "base", ir->base, places);
        render_json_number(it, "deducted", ir->deducted, places);
        render_json_number(it, "added", ir->added, places);
        cJSON_AddBoolToObject(it, "floored", ir->floored);
        cJSON_AddBoolToObject(it, "capped", ir->capped);
        render_json_number(it, "score", ir->score, places);
        cJSON *rules = cJSON_AddArrayToObject(it, "rules");
        for (int k = 0; ir->applies && k < p->nrules; k++) {
            const RuleResult *rr = &ir->rules[k];
            cJSON *r = cJSON_CreateObject();
            cJSON_AddStringToObject(r, "rule", render_rule_text(a, s, rr->rule));
            if (rr->rule->number)
                cJSON_AddStringToObject(r, "number", rr->rule->number);
            else
                cJSON_AddNullToObject(r, "number");
            cJSON_AddBoolToObject(r, "fired", rr->fired);
            if (rr->fired) render_json_number(r, "points", rr->amount, places);
            render_json_peer(r, rr);
            if (rr->fired) render_json_number(r, "amount", eval_rule_signed(rr), places);
            cJSON *steps = cJSON_AddArrayToObject(r, "steps");
            for (int t = 0; t < rr->ntrace; t++) {
                const TraceStep *st = &rr->trace[t];
                cJSON *x = cJSON_CreateObject();
                cJSON_AddStringToObject(x, "step", kind_name(st->kind));
                if (st->kind == TR_VALUE) {
                    cJSON_AddStringToObject(x, "expr", ast_text(a, s->src, st->expr->span));
                    TypeKind ty = st->expr->type;
                    if (ty == TY_INTEGER || ty == TY_DECIMAL || ty == TY_PERCENT)
                        render_json_number(x, "value", st->value.u.num, 9);
                    cJSON_AddStringToObject(x, "shown", step_value(a, st));
                } else if (st->kind == TR_MEMBERS) {
                    cJSON_AddStringToObject(x, "expr", ast_text(a, s->src, st->expr->span));
                    render_json_number(x, "of", st->value.u.num, 0);
                    cJSON *ms = cJSON_AddArrayToObject(x, "members");
                    for (int m = 0; m < st->nmembers; m++) {
                        cJSON *one = cJSON_CreateObject();
                        cJSON_AddNumberToObject(one, "index", st->members[m].index + 1);
                        cJSON_AddStringToObject(one, "name", member_name(a, st, &st->members[m]));
                        if (st->members[m].has_value) render_json_number(one, "value", st->members[m].value, 9);
                        cJSON_AddItemToArray(ms, one);
                    }
                } else {
                    render_json_number(x, "value", st->value.u.num, 9);
                }
                cJSON_AddStringToObject(x, "text", step_text(a, res, rr, st));
                cJSON_AddItemToArray(steps, x);
            }
            cJSON_AddItemToArray(rules, r);
        }
        cJSON_AddItemToArray(items, it);
    }
    if (!only) {
        render_json_number(o, "items_score", res->items_score, places);
        render_json_number(o, "items_max", res->items_max, places);
        render_json_number(o, "items_scaled", res->items_scaled, places);
        render_json_number(o, "bonus", res->bonus, places);
        render_json_number(o, "penalty", res->penalty, places);
        render_json_number(o, "total", res->total, places);
        if (res->grade >= 0)
            cJSON_AddStringToObject(o, "grade", s->grade_tab[res->grade]->name);
        else
            cJSON_AddNullToObject(o, "grade");
        cJSON_AddBoolToObject(o, "pass", res->pass);
        cJSON *vetoes = cJSON_AddArrayToObject(o, "vetoes");
        for (int v = 0; v < s->nvetoes; v++)
            if (res->vetoes[v]) cJSON_AddItemToArray(vetoes, cJSON_CreateString(s->veto_tab[v]->id));
    }
    return o;
}
