/* eval.c - scoring one unit (see eval.h).
 * Sections: rules | items | parts, totals, grade, vetoes, outputs |
 * rectification | tasks | requirements; expressions are in eval_expr.c. Every step is exact: numbers are
 * rationals, and each rule's points are rounded half away from zero to the
 * standard's decimals, so every total is the sum of its printed parts. */
#include "eval_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "calendar.h"
#include "check.h"
#include "dates.h"
#include "i18n.h"
#include "limits.h"
#include "peer.h"
#include "program.h"

/* ---- rules ---------------------------------------------------------------- */

static Dec count_steps(Env *e, Dec span, Dec step, StepMode mode) {
    bool unit_step = step.num == 1 && step.den <= 1; /* counting by 1: the span is the steps */
    Dec q = unit_step ? span : dvd(e, span, step), r = q;
    if (!unit_step) ev_keep_num(e, TR_STEPS, q);
    if (mode == STEP_STARTED)
        r = chk(e, dec_ceil(q, &r), r);
    else if (mode == STEP_COMPLETED)
        r = chk(e, dec_floor(q, &r), r);
    return r;
}

/* A whole count's goal is the whole number nearest it that meets it:
 * raise to 3.2 is raise to 4, raise to above 3.2 or above 3 is raise to 4;
 * lower to 3.2 is lower to 3, lower to below 3.2 is lower to 3. */
static void whole_goal(RuleResult *rr) {
    Dec g = rr->goal, w = g;
    bool raise = rr->target == TARGET_RAISE;
    if (dec_is_int(g)) {
        if (rr->goal_inclusive) return;
        /* what to aim at is not the score: trouble here fails nothing */
        if ((raise ? dec_add(g, dec_int(1), &w) : dec_sub(g, dec_int(1), &w)) != DEC_OK) return;
    } else {
        DecStatus st = raise ? dec_ceil(g, &w) : dec_floor(g, &w);
        if (st != DEC_OK) return;
    }
    rr->goal = w;
    rr->goal_inclusive = true;
}

/* For whole counts: how many more (or fewer) reach the goal. */
static void set_short_by(RuleResult *rr) {
    if (!rr->subject || rr->subject->type != TY_INTEGER) return;
    if (rr->target == TARGET_RAISE || rr->target == TARGET_LOWER) whole_goal(rr);
    if (!rr->goal_inclusive) return;
    Dec d;
    DecStatus st = rr->target == TARGET_RAISE ? dec_sub(rr->goal, rr->value, &d) : dec_sub(rr->value, rr->goal, &d);
    if (st == DEC_OK && dec_sign(d) > 0) rr->short_by = d;
}

/* For 'score tiers X {...}': X against the top band's bound (bands are
 * written from the top), and where X must reach when it falls short. A
 * failure there does not fail the unit: the score is already known. */
static void tiers_target(Env *e, const Expr *amount, RuleResult *rr) {
    if (amount->kind != EX_TIERS) return;
    const TierBand *b = amount->u.tiers.bands;
    TypeKind t = amount->u.tiers.subject->type;
    if (t != TY_INTEGER && t != TY_DECIMAL && t != TY_PERCENT) return;
    if (b->op == OP_EQ) return;
    const char *err = e->res->error;
    Dec bound = ev_number(e, b->bound), now = ev_number(e, amount->u.tiers.subject);
    bool failed = e->res->error != err;
    e->res->error = err;
    if (failed) return;
    rr->has_value = true;
    rr->subject = amount->u.tiers.subject;
    rr->value = now;
    rr->bar = bound;
    if (ev_holds(b->op, dec_cmp(now, bound))) return;
    rr->target = (b->op == OP_GE || b->op == OP_GT) ? TARGET_RAISE : TARGET_LOWER;
    rr->goal = bound;
    rr->goal_inclusive = b->op == OP_GE || b->op == OP_LE;
    set_short_by(rr);
}

static int order(int64_t a, int64_t b) {
    return (a > b) - (a < b);
}

/* A fact's value against a literal of its type (Condition.literal), as
 * eval_expr.c compares them. */
static int against(const Env *e, const Value *v, int type, int32_t literal) {
    switch (type) {
    case TY_DATE: return order(v->u.date, literal);
    case TY_BOOLEAN: return (int)v->u.b - literal;
    case TY_ENUM: return order(v->u.member, literal);
    default: return dec_cmp(v->u.num, e->program->constants[literal]);
    }
}

static Dec tier_value(Env *e, const TierValue *t) {
    if (t->kind == TIER_CONST) return e->program->constants[t->at];
    return t->kind == TIER_POINTS ? e->points : mul(e, e->points, e->program->constants[t->at]);
}

/* 'score tiers' on a fact the unit gives (program.h, TiersCode) */
static Dec tiers(Env *e, const TiersCode *t, const Value *v) {
    for (int k = 0; k < t->nbands; k++)
        if (ev_holds(t->bands[k].op, against(e, v, t->type, t->bands[k].bound)))
            return tier_value(e, &t->bands[k].value);
    return tier_value(e, &t->otherwise);
}

/* A rule's number and condition from its code (program.h) when it is a
 * constant or a fact the unit gives: what the tree would answer, without
 * walking it. Else, and when explaining (every step is kept), the tree;
 * x is where the rule keeps the expression, read only then. */
static Dec rule_number(Env *e, const Operand *o, Expr *const *x) {
    if (!e->tracing) {
        if (o->kind == OPERAND_CONST) return e->program->constants[o->at];
        if (o->kind == OPERAND_FACT) {
            const Value *v = &e->unit->facts[o->at];
            if (v->present) return v->u.num;
        } else if (o->kind == OPERAND_TIERS) {
            const TiersCode *t = &e->program->tiers[o->at];
            const Value *v = &e->unit->facts[t->slot];
            if (v->present) return tiers(e, t, v);
        }
    }
    return ev_number(e, *x);
}

static bool rule_truth(Env *e, const Condition *c, Expr *const *x) {
    const Value *v = c->kind != CONDITION_TREE && !e->tracing ? &e->unit->facts[c->slot] : NULL;
    if (!v || !v->present) return ev_truth(e, *x);
    switch (c->kind) {
    case CONDITION_FACT: return v->u.b;
    case CONDITION_NOT_FACT: return !v->u.b;
    default: break;
    }
    return ev_holds(c->op, against(e, v, c->type, c->literal));
}

static void eval_rule(Env *e, const RuleCode *code, RuleResult *rr) {
    const Rule *r = code->rule; /* its expressions, when the code does not hold them */
    rr->rule = r;
    e->at = code->span;
    if (code->task) { /* a late or a missed task's deduction */
        TaskStatus st = e->res->tasks[r->task->index].status;
        if (st != (r->on_missed ? TASK_OVERDUE : TASK_LATE)) return;
        Dec v = rnd(e, ev_number(e, r->amount), e->std->decimals_value);
        if (dec_sign(v) <= 0) return;
        rr->fired = true;
        rr->amount = v;
        rr->target = TARGET_TASK;
        return;
    }
    if (!((code->kinds >> e->unit->kind) & 1u)) return; /* the rule is not for this kind */
    e->absent = false;
    bool when = code->when.kind != CONDITION_NONE;
    if (when && (!rule_truth(e, &code->when, &r->when) || e->absent)) return;
    int places = e->std->decimals_value;
    if (code->kind == RULE_ZERO) { /* 不得分: the item's points are what it takes */
        rr->fired = true;
        rr->amount = e->points;
        rr->target = when ? TARGET_CONDITION : TARGET_NONE;
        return;
    }
    Dec amount = rule_number(e, &code->amount, &r->amount);
    if (e->absent) return;
    if (code->kind == RULE_ADJUST) { /* signed: either way */
        rr->amount = rnd(e, amount, places);
        rr->fired = dec_sign(rr->amount) != 0;
        if (when) rr->target = TARGET_CONDITION;
        return;
    }
    if (code->kind == RULE_SCORE) {
        rr->fired = true;
        rr->amount = rnd(e, amount, places);
        if (dec_cmp(rr->amount, amount)) ev_keep_num(e, TR_ROUNDED, rr->amount);
        RuleResult *tracing = e->tracing; /* the target is not part of the score */
        e->tracing = NULL;
        if (!e->opt->scores_only) tiers_target(e, r->amount, rr);
        e->tracing = tracing;
        return;
    }
    Dec value = amount;
    bool per = code->per.kind != OPERAND_NONE;
    if (per) {
        Dec x = rule_number(e, &code->per, &r->per);
        if (e->absent) return;
        Dec step = code->step.kind != OPERAND_NONE ? rule_number(e, &code->step, &r->step)
                   : code->per_percent             ? (Dec){1, 100}
                                                   : dec_int(1);
        if (dec_sign(step) <= 0) {
            fail(e, "a step that is not more than 0");
            return;
        }
        Dec span = x;
        if (code->gap != GAP_NONE) {
            Dec bar = rule_number(e, &code->bound, &r->bound);
            if (e->absent) return;
            span = code->gap == GAP_BELOW ? sub(e, bar, x) : sub(e, x, bar);
            rr->has_value = true;
            rr->value = x;
            rr->bar = bar;
            rr->target = code->gap == GAP_BELOW ? TARGET_RAISE : TARGET_LOWER;
            if (!e->opt->scores_only) rr->subject = r->per; /* what the rectification names */
            rr->goal = bar;
            rr->goal_inclusive = true;
            if (dec_sign(span) <= 0) return;
        } else {
            rr->has_value = true;
            rr->value = x;
            rr->target = TARGET_ZERO;
            if (!e->opt->scores_only) rr->subject = r->per; /* what the rectification names */
            rr->goal = dec_zero();
            rr->goal_inclusive = true;
            if (dec_sign(span) <= 0) return;
        }
        /* 'per X' alone counts X as it is; a step or a written mode counts steps */
        StepMode mode =
            code->gap == GAP_NONE && code->step.kind == OPERAND_NONE && !code->mode_given ? STEP_PRO_RATA : code->mode;
        if (code->gap != GAP_NONE) ev_keep_num(e, TR_GAP, span);
        rr->mode = mode;
        rr->step = step;
        rr->gap = span;
        rr->steps = count_steps(e, span, step, mode);
        if (mode != STEP_PRO_RATA) ev_keep_num(e, TR_COUNTED, rr->steps);
        rr->per_step = amount;
        value = mul(e, amount, rr->steps);
        ev_keep_num(e, TR_TIMES, value);
    } else if (when) {
        rr->target = TARGET_CONDITION;
    }
    if (rr->has_value && per && rr->target != TARGET_ZERO && !e->opt->scores_only) set_short_by(rr);
    if (code->cap.kind != OPERAND_NONE) {
        Dec capped = dec_min(value, rule_number(e, &code->cap, &r->cap));
        if (dec_cmp(capped, value)) ev_keep_num(e, TR_CAPPED, capped);
        value = capped;
    }
    Dec exact = value;
    value = rnd(e, value, places);
    if (dec_cmp(exact, value)) ev_keep_num(e, TR_ROUNDED, value);
    if (dec_sign(value) <= 0) return;
    rr->fired = true;
    rr->amount = value;
}

/* ---- items ------------------------------------------------------------------ */

/* applies when ...: on the item or any part above it; an optional fact
 * absent there means it does not apply */
static bool applies_by_data(Env *e, const Part *p) {
    for (; p; p = p->parent) {
        if (!p->applies_when) continue;
        e->absent = false;
        e->at = p->applies_when->span;
        bool yes = ev_truth(e, p->applies_when);
        if (!yes || e->absent) return false;
    }
    return true;
}

/* The item's score from its start, deductions and additions (bounds_item). */
static Dec item_bounds(Env *e, const ItemCode *c, ItemResult *ir) {
    const PartBounds *b = &c->bounds;
    if (dec_is_zero(ir->deducted) && dec_is_zero(ir->added) && !c->scored_up && b->points && !b->add_cap &&
        !b->has_cap && dec_sign(ir->base) >= 0 && dec_cmp(ir->base, ir->points) == 0) {
        /* nothing taken or given, starting at its points (most items): its
         * points, as bounds_item gives them (no floor, no cap reached) */
        ir->added_counted = dec_zero();
        ir->floored = ir->capped = false;
        return ir->base;
    }
    PartTally t = {.points = ir->points, .base = ir->base, .deducted = ir->deducted, .added = ir->added}, out;
    DecStatus st = DEC_OK;
    Dec s = bounds_item(&c->bounds, &t, c->scored_up, &out, &st);
    ir->added = out.added;
    ir->added_counted = out.counted;
    ir->floored = out.floored, ir->capped = out.capped;
    return chk(e, st, s);
}

/* The item's rule results: its own (e->rules, the unit's, in the
 * standard's order), or, when only scores are read, the scratch that every
 * item reuses (zeroed here; ItemResult.rules is NULL after). */
static RuleResult *rule_results(Env *e, int nrules) {
    RuleResult *rr = e->opt->scores_only ? e->scratch : e->rules;
    if (!e->opt->scores_only) e->rules += nrules;
    memset(rr, 0, sizeof *rr * (size_t)nrules);
    return rr;
}

static void eval_item(Env *e, int index, ItemResult *ir) {
    const ItemCode *c = &e->program->items[index];
    const RuleCode *code = program_rules(e->program, index);
    const Part *p = c->item;
    /* copied from a zero result rather than zeroed: GCC zeroes a struct of
     * this size with rep stosq, whose start-up cost was a tenth of tsv's time */
    static const ItemResult no_item;
    *ir = no_item;
    ir->item = p;
    ir->applies = (c->kinds >> e->unit->kind) & 1u;
    ir->rules = rule_results(e, c->nrules);
    int unit_kind = e->unit->kind;
    ir->points = c->scored_up                                       ? dec_zero()
                 : !c->own_points                                   ? c->points
                 : unit_kind >= 0 && unit_kind < e->program->nkinds ? c->points_by_kind[unit_kind]
                                                                    : check_part_points(p, unit_kind);
    if (ir->applies && c->conditional) ir->applies = applies_by_data(e, p);
    if (!ir->applies) return;
    /* 'points' in a bonus item is its cap */
    e->points = c->in_bonus && c->bounds.has_cap ? c->bounds.cap_value : ir->points;
    ir->base = ir->points;
    bool based = false, zeroed = false;
    e->item_rules = ir->rules; /* fired() reads the rules before the one evaluated */
    for (int i = 0; i < c->nrules; i++) {
        RuleResult *rr = &ir->rules[i];
        RuleKind kind = code[i].kind;
        if (e->arena) e->tracing = rr, e->trace_cap = 0;
        e->rule = rr;
        eval_rule(e, &code[i], rr);
        e->tracing = NULL;
        e->rule = NULL;
        if (!rr->fired) continue;
        if (kind == RULE_SCORE && based) {
            rr->fired = false; /* the first 'score' that applies sets it */
            continue;
        }
        ir->nfired++;
        if (kind == RULE_SCORE) {
            ir->base = rr->amount, based = true;
        } else if (kind == RULE_ZERO) {
            zeroed = true;
        } else if (kind == RULE_DEDUCT || (kind == RULE_ADJUST && dec_sign(rr->amount) < 0)) {
            ir->deducted = add(e, ir->deducted, kind == RULE_ADJUST ? sub(e, dec_zero(), rr->amount) : rr->amount);
        } else {
            ir->added = add(e, ir->added, rr->amount);
        }
    }
    if (c->penalty) {
        ir->score = ir->deducted;
        for (int k = 0; k < c->nrules && ir->nfired; k++)
            if (ir->rules[k].fired) ir->rules[k].lost = ir->rules[k].amount;
        return;
    }
    ir->score = zeroed ? dec_zero() : item_bounds(e, c, ir);
    ir->lost = c->scored_up ? dec_zero() : sub(e, ir->points, ir->score);
    if (e->opt->scores_only) return; /* what each rule lost is for the rectification list */
    /* put the lost points down to the rules that took them, in order */
    Dec left = ir->lost;
    for (int i = 0; i < c->nrules && ir->nfired; i++) {
        RuleResult *rr = &ir->rules[i];
        RuleKind kind = code[i].kind;
        if (!rr->fired || kind == RULE_ADD || dec_sign(left) <= 0) continue;
        if (zeroed && kind != RULE_ZERO) continue;
        Dec took = kind == RULE_SCORE    ? sub(e, ir->points, rr->amount)
                   : kind == RULE_ADJUST ? sub(e, dec_zero(), rr->amount)
                                         : rr->amount;
        if (dec_sign(took) <= 0) continue;
        rr->lost = dec_min(took, left);
        left = sub(e, left, rr->lost);
    }
}

/* ---- totals, grade, vetoes --------------------------------------------------- */

/* The points a part holding its own lost, put down to its items' rules in
 * the standard's order, as an item puts its loss down to its rules. */
static void charge_rules(Env *e, Result *res, const Part *p, Dec *left) {
    for (const Part *ch = p->children; ch; ch = ch->next) {
        if (ch->kind != PART_ITEM) {
            charge_rules(e, res, ch, left);
            continue;
        }
        ItemResult *ir = &res->items[ch->index];
        if (!ir->applies || !ir->nfired) continue;
        for (int k = 0; k < ch->nrules; k++) {
            RuleResult *rr = &ir->rules[k];
            if (!rr->fired || dec_sign(rr->lost) <= 0) continue;
            rr->lost = dec_min(rr->lost, *left);
            *left = sub(e, *left, rr->lost);
        }
    }
}

/* A part's score from its parts': their sum (they carry the points), or its
 * own points plus their signed changes, floored and capped like an item
 * (its parts carry none), or their plain sum (a signed part, no points). */
static void eval_part(Env *e, Result *res, int index) {
    PartResult *pr = &res->parts[index];
    const Part *p = pr->part;
    Dec sum = dec_zero(), pts = dec_zero(), ded = dec_zero(), added = dec_zero();
    int n;
    const int *children = program_children(e->program, index, &n);
    for (int k = 0; k < n; k++) {
        Dec cs, cp, cd, ca;
        if (children[k] >= 0) { /* an item */
            const ItemResult *ir = &res->items[children[k]];
            if (!ir->applies) continue;
            cs = ir->score, cp = ir->points, cd = ir->deducted, ca = ir->added_counted;
        } else { /* scored before it (program.h, schedule) */
            const PartResult *cr = &res->parts[-1 - children[k]];
            if (!cr->applies) continue;
            cs = cr->score, cp = cr->points, cd = cr->deducted, ca = cr->added_counted;
        }
        pr->applies = true;
        sum = add(e, sum, cs);
        pts = add(e, pts, cp);
        ded = add(e, ded, cd);
        added = add(e, added, ca);
    }
    if (!pr->applies) return;
    PartTally t = {.points = pts,
                   .base = sum,
                   .deducted = ded,
                   .added = added,
                   .own = check_part_points(p, e->unit->kind),
                   .places = e->std->decimals_value},
              out;
    DecStatus st = DEC_OK;
    Dec s = bounds_part(p, &t, &out, &st);
    s = chk(e, st, s);
    pr->deducted = out.deducted, pr->added = out.added, pr->added_counted = out.counted;
    pr->floored = out.floored, pr->capped = out.capped;
    pr->points = out.points;
    pr->score = s;
    pr->lost = sub(e, pr->points, s);
    if (p->holds_points && !e->opt->scores_only) { /* its floor limits what its items' rules are charged, in order */
        Dec left = dec_sign(pr->lost) > 0 ? pr->lost : dec_zero();
        charge_rules(e, res, p, &left);
    }
}

/* Outputs, after the total, the grade and the vetoes they may read; numbers
 * are rounded to the standard's decimals (a percentage in percentage points). */
static void eval_outputs(Env *e, Result *res) {
    const Standard *s = e->std;
    for (int i = 0; i < s->noutputs; i++) {
        const OutputDef *o = s->output_tab[i];
        e->at = o->span;
        e->absent = false;
        Value v = ev_eval(e, o->value);
        bool absent = e->absent; /* it read an absent optional fact: no value */
        TypeKind t = o->value->type;
        if (t == TY_INTEGER || t == TY_DECIMAL || t == TY_PERCENT) {
            v.u.num = rnd(e, v.u.num, s->decimals_value + (t == TY_PERCENT ? 2 : 0));
            v.type = t;
        }
        v.present = !absent;
        res->outputs[i] = v;
    }
}

/* Items and parts in the program's order: a part as soon as its children
 * are scored, while their results are still in the cache. */
static void eval_items_and_parts(Env *e, Result *res) {
    const Standard *s = e->std;
    static const PartResult no_part; /* copied, not zeroed: see eval_item */
    for (int i = 0; i < s->nparts; i++) {
        res->parts[i] = no_part;
        res->parts[i].part = s->part_tab[i];
    }
    for (int k = 0; k < e->program->nschedule; k++) {
        int i = e->program->schedule[k];
        if (i < 0) {
            eval_part(e, res, -1 - i);
            continue;
        }
        eval_item(e, i, &res->items[i]);
        if (e->opt->scores_only) res->items[i].rules = NULL;
    }
}

/* The band of a total: the first from the top that it meets; -1 without grades. */
static int band_of(const Standard *s, Dec total) {
    for (int g = 0; g < s->ngrades; g++) {
        const GradeBand *b = s->grade_tab[g];
        int c = dec_cmp(total, b->value);
        if (b->op == BAND_OTHERWISE || (b->op == BAND_GE && c >= 0) || (b->op == BAND_GT && c > 0)) return g;
    }
    return s->ngrades - 1;
}

/* Every veto is evaluated; those that fired then act in a fixed order, each
 * on its own target (language.md, "Several vetoes at once"):
 *   1. fixed penalties (deduct N) come off the total, which stops at 0;
 *   2. a zero veto sets the total to 0;
 *   3. the grade is the band of that total; a grade veto lowers it to its
 *      grade (the worst of several), never raises it;
 *   4. a disqualifying veto fails the unit, whatever its grade. */
static void eval_vetoes(Env *e, Result *res) {
    const Standard *s = e->std;
    res->score_total = res->total;
    int forced = -1;
    for (int v = 0; v < s->nvetoes; v++) {
        const Veto *vt = s->veto_tab[v];
        e->at = vt->span;
        e->absent = false;
        res->vetoes[v] = ev_truth(e, vt->when) && !e->absent; /* an absent optional fact fires nothing */
        res->nvetoes += res->vetoes[v];
        if (!res->vetoes[v]) continue;
        switch (vt->effect.effect) {
        case VETO_DISQUALIFY: res->disqualified = true; break;
        case VETO_GRADE:
            if (vt->grade_index > forced) forced = vt->grade_index;
            break;
        case VETO_DEDUCT: {
            Dec d = rnd(e, ev_number(e, vt->effect.amount), s->decimals_value);
            if (dec_sign(d) < 0) fail(e, "a veto's deduction is negative");
            res->veto_amounts[v] = d;
            res->veto_deducted = add(e, res->veto_deducted, d);
            break;
        }
        case VETO_ZERO: res->zeroed = true; break;
        }
    }
    res->total = sub(e, res->total, res->veto_deducted);
    /* a veto's penalty stops at 0 (扣完為止), as the total does; where the
     * header lets the total fall below 0 it is taken whole */
    if ((dec_sign(res->total) < 0 && !s->no_floor_total) || res->zeroed) res->total = dec_zero();
    res->band_grade = res->grade = band_of(s, res->total);
    if (forced > res->grade) {
        res->grade = forced;
        res->grade_forced = true;
    }
    res->pass = (res->grade < 0 || !s->grade_tab[res->grade]->fail) && !res->disqualified;
    eval_outputs(e, res);
}

static void eval_totals(Env *e, Result *res) {
    const Standard *s = e->std;
    for (int k = 0; k < e->program->npenalties; k++) {
        const ItemResult *ir = &res->items[e->program->penalties[k]];
        if (ir->applies) res->penalty = add(e, res->penalty, ir->score);
    }
    for (const Part *p = s->parts; p; p = p->next) {
        const PartResult *pr = &res->parts[p->index];
        if (p->kind != PART_CATEGORY || !pr->applies) continue;
        res->items_score = add(e, res->items_score, mul(e, pr->score, p->weight_value));
        res->items_max = add(e, res->items_max, mul(e, pr->points, p->weight_value));
    }
    /* a weighted total is rounded as the standard's decimals say (综合得分保留两位小数) */
    if (s->weighted) res->items_score = rnd(e, res->items_score, s->decimals_value);
    for (int i = 0; i < s->nparts; i++) {
        const PartResult *pr = &res->parts[i];
        if (pr->part->kind != PART_BONUS) continue;
        PartResult *bonus = &res->parts[i];
        bonus->counted = pr->part->has_cap ? dec_min(pr->score, pr->part->cap_value) : pr->score;
        res->bonus_raw = add(e, res->bonus_raw, pr->score);
        res->bonus = add(e, res->bonus, bonus->counted);
    }
    if (dec_sign(res->items_max) == 0) {
        e->at = s->title_span;
        fail(e, "no item of the standard applies to this unit's kind");
        return;
    }
    res->items_scaled =
        dec_cmp(res->items_max, s->total_value) == 0
            ? res->items_score
            : rnd(e, dvd(e, mul(e, res->items_score, s->total_value), res->items_max), s->decimals_value);
    res->raw_total = sub(e, add(e, res->items_score, res->bonus), res->penalty);
    res->total = sub(e, add(e, res->items_scaled, res->bonus), res->penalty);
    if (dec_sign(res->total) < 0 && !s->no_floor_total) res->total = dec_zero();
    eval_vetoes(e, res);
}

/* ---- rectification: what lost points, largest first ---------------------------- */

/* The list by lost points, largest first, in the standard's order (the
 * order it was made in) among equals. */
DEC_SORT_DESC(sort_by_lost, Rectification, lost)

/* Due by the rule's deadline, else its item's, else the inspection's start. */
static void set_deadline(Result *res, const Part *item, RuleResult *rr) {
    const Expr *d = rr->rule->deadline ? rr->rule->deadline : item->deadline;
    if (d && d->kind == EX_DATE) {
        rr->deadline = d->u.date;
        rr->has_deadline = true;
    } else if (res->std->inspection_start != INT32_MIN) {
        rr->deadline = res->std->inspection_start;
        rr->has_deadline = true;
    }
    /* a task cannot be made good before it is due */
    if (rr->rule->task && rr->has_deadline && rr->deadline < rr->rule->task->due_day)
        rr->deadline = rr->rule->task->due_day;
    rr->overdue = rr->has_deadline && res->as_of > rr->deadline;
}

static void eval_rectification(Result *res, int nrules, Arena *arena) {
    const Standard *s = res->std;
    /* room for every rule (nrules, the standard's): the list is made in one
     * pass over the rule results, not counted first */
    res->rect = arena_alloc_raw(arena, sizeof(Rectification) * (size_t)(nrules ? nrules : 1));
    for (int i = 0; i < s->nitems; i++) {
        ItemResult *ir = &res->items[i];
        bool penalty = ir->item->kind == PART_PENALTY;
        for (int r = 0; r < ir->item->nrules && ir->nfired; r++) {
            RuleResult *rr = &ir->rules[r];
            if (!rr->fired) continue;
            /* every fired rule has its deadline, entry or not (a plan may propose it) */
            set_deadline(res, ir->item, rr);
            if (!ir->applies || (!penalty && dec_sign(rr->lost) <= 0)) continue;
            Rectification *x = &res->rect[res->nrect++];
            x->item = ir;
            x->rule = rr;
            x->lost = rr->lost;
            dec_add(res->rect_lost, x->lost, &res->rect_lost);
        }
    }
    if (res->nrect > 1)
        sort_by_lost(res->rect, (size_t)res->nrect, arena_alloc_raw(arena, sizeof *res->rect * (size_t)res->nrect));
}

/* ---- campaign time: where each task stands on the as-of day ---------------- */

static int by_day(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* The day a task was done, or INT32_MIN: its date fact, or the count-th
 * dated record of its list (records dated after the as-of day do not count). */
static int32_t done_on(Env *e, const Task *t, Arena *arena) {
    if (!t->done_fact) return INT32_MIN;
    const Value *v = &e->unit->facts[t->done_fact->slot];
    if (!v->present) return INT32_MIN;
    if (!t->done_field) return v->u.date <= e->opt->as_of ? v->u.date : INT32_MIN;
    int n = 0;
    int32_t *days = arena_alloc(arena, sizeof *days * (size_t)(v->u.list.rows + 1));
    for (int r = 0; r < v->u.list.rows; r++) {
        const Value *cell = &v->u.list.cells[(size_t)r * (size_t)v->u.list.fields + (size_t)t->field];
        if (cell->present && cell->u.date <= e->opt->as_of) days[n++] = cell->u.date;
    }
    if (n < t->count) return INT32_MIN;
    qsort(days, (size_t)n, sizeof *days, by_day);
    return days[t->count - 1];
}

static void eval_tasks(Env *e, Result *res, Arena *arena) {
    const Standard *s = e->std;
    for (int p = 0; p < s->nphases; p++)
        res->phases[p].phase = s->phase_tab[p];
    for (int i = 0; i < s->ntasks; i++) {
        const Task *t = s->task_tab[i];
        TaskResult *tr = &res->tasks[i];
        tr->task = t;
        if (!((t->kinds >> e->unit->kind) & 1u)) continue; /* TASK_NOT_APPLICABLE */
        int32_t day = done_on(e, t, arena), as_of = e->opt->as_of;
        if (day != INT32_MIN) {
            tr->done_on = day;
            tr->status = day <= t->due_day ? TASK_ON_TIME : TASK_LATE;
            tr->days = day - t->due_day;
        } else if (as_of > t->due_day) {
            tr->status = TASK_OVERDUE;
            tr->days = as_of - t->due_day;
        } else {
            tr->days = t->due_day - as_of;
            tr->status = tr->days <= e->opt->soon ? TASK_DUE_SOON : TASK_NOT_DUE;
        }
        if (t->ph) {
            PhaseResult *pr = &res->phases[t->ph->index];
            pr->tasks++;
            pr->done += tr->status == TASK_ON_TIME || tr->status == TASK_LATE;
        }
    }
    for (int p = 0; p < s->nphases; p++)
        res->phases[p].complete = res->phases[p].done == res->phases[p].tasks;
}

/* require CONDITION: data that breaks it cannot be scored (an "of which"
 * count above its base, a judgement outside its range). An optional fact
 * that is absent leaves nothing to check. */
static void eval_requires(Env *e, Result *res, Arena *arena) {
    for (const Require *q = e->std->requires; q && !res->error; q = q->next) {
        e->absent = false;
        e->at = q->span;
        bool ok = ev_truth(e, q->cond);
        if (ok || e->absent || res->error) continue;
        const char *cond = ast_text(arena, e->std->src, q->cond->span);
        res->rejected = true;
        res->broken = q;
        fail(e, q->reason ? arena_printf(arena, _("its data breaks the requirement %s: %s"), cond, q->reason)
                          : arena_printf(arena, _("its data breaks the requirement %s"), cond));
    }
}

int32_t eval_campaign_end(const Standard *std) {
    int32_t end = INT32_MIN;
    for (int p = 0; p < std->nphases; p++)
        if (std->phase_tab[p]->end > end) end = std->phase_tab[p]->end;
    return end != INT32_MIN ? end : dates_from_civil(std->year_value ? std->year_value : 1970, 12, 31);
}

/* The default day: the day after the campaign, when everything is due. */
Result *eval_unit(const Standard *std, const Unit *u, Arena *arena) {
    EvalOptions opt = {.as_of = eval_campaign_end(std) + 1, .soon = 14};
    return eval_unit_with(std, u, arena, &opt);
}

Result *eval_unit_explained(const Standard *std, const Unit *u, Arena *arena) {
    EvalOptions opt = {.as_of = eval_campaign_end(std) + 1, .soon = 14, .explain = true};
    return eval_unit_with(std, u, arena, &opt);
}

/* The result's arrays, cut from one block: one allocation a unit. */
typedef struct Layout {
    char *at; /* NULL: measuring */
    size_t used;
} Layout;

static void *cut(Layout *b, size_t n, size_t size) {
    size_t bytes = (n ? n : 1) * size;
    bytes = (bytes + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    void *p = b->at ? b->at + b->used : NULL;
    b->used += bytes;
    return p;
}

/* Lays out (b.at NULL: measures) the unit's result and what scoring keeps:
 * items, parts and rule results first, zeroed as they are scored; the
 * rest is zeroed here. */
static void lay_out(Layout *b, Result *res, Env *e, int nrules) {
    const Standard *std = e->std;
    res->items = cut(b, (size_t)std->nitems, sizeof(ItemResult));
    res->parts = cut(b, (size_t)std->nparts, sizeof(PartResult));
    e->rules = cut(b, (size_t)nrules, sizeof(RuleResult));
    size_t zeroed = b->used;
    res->vetoes = cut(b, (size_t)std->nvetoes, sizeof(bool));
    res->veto_amounts = cut(b, (size_t)std->nvetoes, sizeof(Dec));
    res->outputs = cut(b, (size_t)std->noutputs, sizeof(Value));
    res->tasks = cut(b, (size_t)std->ntasks, sizeof(TaskResult));
    res->phases = cut(b, (size_t)std->nphases, sizeof(PhaseResult));
    e->lets = cut(b, (size_t)std->nlets, sizeof(Value));
    e->let_done = cut(b, (size_t)std->nlets, sizeof(bool));
    if (b->at) memset(b->at + zeroed, 0, b->used - zeroed);
}

Result *eval_unit_with(const Standard *std, const Unit *u, Arena *arena, const EvalOptions *opt) {
    bool explain = opt->explain;
    Result *res = arena_alloc(arena, sizeof *res);
    res->std = std;
    res->unit = u;
    Env e = {.std = std, .unit = u, .res = res, .arena = explain ? arena : NULL, .opt = opt, .res_arena = arena};
    /* a run compiles the standard once; a unit alone (or of another year), here */
    e.program = opt->program && opt->program->std == std ? opt->program : program_new(std, arena);
    /* every item's rules, or (scores only) room for the most any item has */
    int nrules = opt->scores_only ? e.program->most_rules : e.program->nrules;
    Layout b = {0};
    lay_out(&b, res, &e, nrules);
    b = (Layout){.at = arena_alloc_raw(arena, b.used)};
    lay_out(&b, res, &e, nrules);
    e.scratch = e.rules;
    res->as_of = opt->as_of;
    eval_requires(&e, res, arena);
    eval_tasks(&e, res, arena);
    eval_items_and_parts(&e, res);
    eval_totals(&e, res);
    if (!opt->scores_only) eval_rectification(res, e.program->nrules, arena);
    return res;
}
