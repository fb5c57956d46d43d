/* test_eval.c - cmocka unit tests for the evaluator: small standards and
 * unit data, run through the whole pipeline (parse, check, load, eval), with
 * every score asserted exactly as text. For readability both the standard
 * and the JSON are written with ' for " (the rule language has no '). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

#include "check.h"
#include "eval.h"
#include "lex.h"
#include "load.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct Run {
    Source rules, data;
    Arena *arena;
    DiagSink diag;
    Standard *std;
    LoadedUnits lu;
    bool loaded;
    Result **res; /* one per unit, NULL for an invalid unit */
} Run;

static Run *cur; /* freed by the next run and by the group teardown */

static void release(void) {
    if (!cur) return;
    if (cur->loaded) load_free(&cur->lu);
    free(cur->res);
    diag_free(&cur->diag);
    arena_free(cur->arena);
    free(cur->rules.text);
    free(cur->data.text);
    free(cur);
    cur = NULL;
}

static int teardown(void **state) {
    (void)state;
    release();
    return 0;
}

/* Parses, checks and loads; scores every valid unit. The standard must be
 * free of errors; the data's problems are left in cur->diag. */
static Run *run(const char *kp, const char *json) {
    release();
    cur = calloc(1, sizeof *cur);
    assert_non_null(cur);
    make_source(&cur->rules, "t.kp", kp);
    make_source(&cur->data, "u.json", json);
    cur->arena = arena_new();
    diag_init(&cur->diag);
    cur->std = lex_parse(&cur->rules, cur->arena, &cur->diag);
    if (cur->std && cur->diag.errors == 0) check_standard(cur->std, cur->arena, &cur->diag);
    if (cur->diag.errors) diag_print(&cur->diag, stderr);
    assert_int_equal(cur->diag.errors, 0);
    cur->loaded = load_json(cur->std, &cur->data, &cur->diag, &cur->lu);
    assert_true(cur->loaded);
    cur->res = calloc((size_t)cur->lu.count + 1, sizeof *cur->res);
    for (int i = 0; i < cur->lu.count; i++) {
        Unit *u = cur->lu.units[i];
        if (!u->invalid) cur->res[i] = eval_unit(cur->std, u, u->arena);
    }
    return cur;
}

/* Result of unit i; the data must be clean and the unit scored. */
static const Result *unit(int i) {
    if (cur->diag.errors) diag_print(&cur->diag, stderr);
    assert_int_equal(cur->diag.errors, 0);
    assert_true(i < cur->lu.count);
    const Result *r = cur->res[i];
    assert_non_null(r);
    if (r->error) fail_msg("unit %d cannot be scored: %s", i, r->error);
    return r;
}

static const Result *score(const char *kp, const char *json) {
    run(kp, json);
    return unit(0);
}

/* A decimal as text with up to 9 decimals: exact for every value here. */
static const char *S(Dec d) {
    static char ring[16][64];
    static int k;
    char *b = ring[k++ % 16];
    dec_format(d, 9, b, 64);
    return b;
}

#define assert_dec(d, text) assert_string_equal(S(d), (text))

static const ItemResult *item(const Result *r, const char *id) {
    for (int i = 0; i < r->std->nitems; i++)
        if (r->items[i].item->id && strcmp(r->items[i].item->id, id) == 0) return &r->items[i];
    fail_msg("no item %s", id);
    return NULL;
}

static const PartResult *part(const Result *r, const char *id) {
    for (int i = 0; i < r->std->nparts; i++)
        if (r->parts[i].part->id && strcmp(r->parts[i].part->id, id) == 0) return &r->parts[i];
    fail_msg("no part %s", id);
    return NULL;
}

/* Score of item id in unit i. */
static const char *iscore(int i, const char *id) {
    return S(item(unit(i), id)->score);
}

#define HDR10 "standard 't' { year 2013; total 10; grade 'A' >= 9; grade 'F' otherwise; }\n"
/* One category of 10 points holding item i1 of 10 points. */
#define ITEM10(rules) "category c 'C' points 10 { item i1 'I' points 10 { " rules " } }\n"
#define UNIT(facts) "{'name': 'u', 'facts': {" facts "}}"

/* ---- scoring forms ------------------------------------------------------------ */

static void test_per_occurrence(void **state) {
    (void)state;
    run(HDR10 "fact n: integer 'n' default 0;\n" ITEM10("deduct 2 per n;"),
        "[{'name': 'a', 'facts': {'n': 3}}, {'name': 'b', 'facts': {}}]");
    const ItemResult *ir = item(unit(0), "i1");
    assert_true(ir->rules[0].fired);
    assert_dec(ir->rules[0].steps, "3");
    assert_dec(ir->rules[0].amount, "6");
    assert_dec(ir->deducted, "6");
    assert_dec(ir->score, "4");
    assert_dec(ir->lost, "6");
    assert_int_equal(ir->rules[0].target, TARGET_ZERO);
    assert_dec(unit(0)->total, "4");
    assert_false(item(unit(1), "i1")->rules[0].fired); /* the default 0 */
    assert_dec(unit(1)->total, "10");
}

static void test_per_shortfall(void **state) {
    (void)state;
    run(HDR10 "fact meetings: integer 'm' in 0..50;\n" ITEM10("deduct 2 per meetings below 4;"),
        "[{'name': 'a', 'facts': {'meetings': 1}}, {'name': 'b', 'facts': {'meetings': 4}},"
        " {'name': 'c', 'facts': {'meetings': 6}}]");
    const RuleResult *rr = &item(unit(0), "i1")->rules[0];
    assert_dec(rr->steps, "3");
    assert_dec(rr->amount, "6");
    assert_dec(rr->value, "1");
    assert_dec(rr->bar, "4");
    assert_int_equal(rr->target, TARGET_RAISE);
    assert_string_equal(iscore(0, "i1"), "4");
    assert_false(item(unit(1), "i1")->rules[0].fired);
    assert_string_equal(iscore(1, "i1"), "10");
    assert_string_equal(iscore(2, "i1"), "10");
}

static void test_percent_below_step_modes(void **state) {
    (void)state;
    const char *kp = "standard 't' { year 2013; total 30; grade 'A' >= 27; grade 'F' otherwise; }\n"
                     "fact r: percent 'r' in 0%..100%;\n"
                     "category c 'C' points 30 {\n"
                     "  item st 'S' points 10 { deduct 1 per r below 95%; }\n"
                     "  item pr 'P' points 10 { deduct 1 per r below 95% pro_rata; }\n"
                     "  item cm 'D' points 10 { deduct 1 per r below 95% completed; }\n"
                     "}\n";
    /* 93.5% is 1.5 points short: a started point counts whole */
    run(kp, "[{'name': 'a', 'facts': {'r': 93.5}}, {'name': 'b', 'facts': {'r': '93.5%'}},"
            " {'name': 'c', 'facts': {'r': 95}}, {'name': 'd', 'facts': {'r': 92}}]");
    for (int u = 0; u < 2; u++) {
        assert_dec(item(unit(u), "st")->rules[0].steps, "2");
        assert_string_equal(iscore(u, "st"), "8");
        assert_dec(item(unit(u), "pr")->rules[0].steps, "1.5");
        assert_string_equal(iscore(u, "pr"), "8.5");
        assert_dec(item(unit(u), "cm")->rules[0].steps, "1");
        assert_string_equal(iscore(u, "cm"), "9");
        assert_dec(unit(u)->total, "25.5");
        assert_dec(item(unit(u), "pr")->rules[0].value, "0.935");
    }
    assert_dec(unit(2)->total, "30"); /* at the bar: nothing */
    /* a whole 3 points short: every mode counts 3 */
    assert_dec(unit(3)->total, "21");
}

static void test_step_size(void **state) {
    (void)state;
    run(HDR10
        "fact rate: percent 'r'; fact province: percent 'p';\n" ITEM10("deduct 2 per rate above province step 0.1%;"),
        "[{'name': 'a', 'facts': {'rate': 95.25, 'province': 95}},"
        " {'name': 'b', 'facts': {'rate': 95.2, 'province': 95}},"
        " {'name': 'c', 'facts': {'rate': 95.21, 'province': 95}},"
        " {'name': 'd', 'facts': {'rate': 94, 'province': 95}}]");
    assert_dec(item(unit(0), "i1")->rules[0].steps, "3"); /* 2.5 steps started */
    assert_string_equal(iscore(0, "i1"), "4");
    assert_dec(item(unit(1), "i1")->rules[0].steps, "2");
    assert_string_equal(iscore(1, "i1"), "6");
    assert_string_equal(iscore(2, "i1"), "4");
    assert_string_equal(iscore(3, "i1"), "10");
    assert_int_equal(item(unit(0), "i1")->rules[0].target, TARGET_LOWER);
}

static void test_per_excess(void **state) {
    (void)state;
    run(HDR10 "fact cases: integer 'c'; fact baseline: integer 'b';\n" ITEM10("deduct 3 per cases above baseline;"),
        "[{'name': 'a', 'facts': {'cases': 5, 'baseline': 3}}, {'name': 'b', 'facts': {'cases': 3, 'baseline': 3}}]");
    assert_dec(item(unit(0), "i1")->rules[0].steps, "2");
    assert_string_equal(iscore(0, "i1"), "4");
    assert_string_equal(iscore(1, "i1"), "10");
}

static void test_fixed_when(void **state) {
    (void)state;
    run(HDR10 "fact has_system: boolean 'h' default false;\n" ITEM10("deduct 3 when not has_system;"),
        "[{'name': 'a', 'facts': {'has_system': false}}, {'name': 'b', 'facts': {'has_system': true}},"
        " {'name': 'c', 'facts': {}}, {'name': 'd', 'facts': {'has_system': '是'}}]");
    assert_string_equal(iscore(0, "i1"), "7");
    assert_int_equal(item(unit(0), "i1")->rules[0].target, TARGET_CONDITION);
    assert_string_equal(iscore(1, "i1"), "10");
    assert_string_equal(iscore(2, "i1"), "7");
    assert_string_equal(iscore(3, "i1"), "10");
}

static void test_several_rules_add_up(void **state) {
    (void)state;
    const Result *r = score(HDR10 "fact a: integer 'a'; fact b: integer 'b'; fact c: boolean 'c';\n" ITEM10(
                                "deduct 1 per a; deduct 2 per b; deduct 0.5 when c;"),
                            UNIT("'a': 1, 'b': 2, 'c': true"));
    const ItemResult *ir = item(r, "i1");
    assert_dec(ir->deducted, "5.5");
    assert_dec(ir->score, "4.5");
    assert_dec(ir->rules[0].lost, "1");
    assert_dec(ir->rules[1].lost, "4");
    assert_dec(ir->rules[2].lost, "0.5");
}

static void test_floor_at_zero(void **state) {
    (void)state;
    const Result *r =
        score(HDR10 "fact a: integer 'a'; fact b: integer 'b';\n" ITEM10("deduct 4 per a; deduct 3 per b;"),
              UNIT("'a': 2, 'b': 2"));
    const ItemResult *ir = item(r, "i1");
    assert_dec(ir->deducted, "14");
    assert_dec(ir->score, "0");
    assert_true(ir->floored);
    assert_dec(ir->lost, "10");
    /* the lost points are put down to the rules in order, and add up */
    assert_dec(ir->rules[0].lost, "8");
    assert_dec(ir->rules[1].lost, "2");
    Dec sum;
    assert_int_equal(dec_add(ir->rules[0].lost, ir->rules[1].lost, &sum), DEC_OK);
    assert_int_equal(dec_cmp(sum, ir->lost), 0);
    assert_dec(r->total, "0");
    assert_int_equal(r->nrect, 2);
    assert_dec(r->rect[0].lost, "8");
    assert_dec(r->rect[1].lost, "2");
}

static void test_floor_none(void **state) {
    (void)state;
    const Result *r =
        score(HDR10 "fact a: integer 'a'; fact b: integer 'b';\n" ITEM10("floor none; deduct 4 per a; deduct 3 per b;"),
              UNIT("'a': 2, 'b': 2"));
    const ItemResult *ir = item(r, "i1");
    assert_dec(ir->score, "-4");
    assert_false(ir->floored);
    assert_dec(ir->lost, "14");
    assert_dec(ir->rules[0].lost, "8");
    assert_dec(ir->rules[1].lost, "6");
    assert_dec(r->items_score, "-4");
    assert_dec(r->raw_total, "-4");
    assert_dec(r->total, "0"); /* the total is floored at 0 */
    assert_int_equal(r->grade, 1);
    assert_false(r->pass);
}

static void test_rule_cap(void **state) {
    (void)state;
    run(HDR10 "fact late_reports: integer 'l';\n" ITEM10("deduct 1 per late_reports cap 4;"),
        "[{'name': 'a', 'facts': {'late_reports': 7}}, {'name': 'b', 'facts': {'late_reports': 3}}]");
    const RuleResult *rr = &item(unit(0), "i1")->rules[0];
    assert_dec(rr->steps, "7");
    assert_dec(rr->amount, "4");
    assert_string_equal(iscore(0, "i1"), "6");
    assert_string_equal(iscore(1, "i1"), "7");
}

static void test_score_tiers(void **state) {
    (void)state;
    run(HDR10 "fact s: percent 's';\n" ITEM10("score tiers s { >= 95%: points; >= 90%: points * 80%; else: 0; };"),
        "[{'name': 'a', 'facts': {'s': 92}}, {'name': 'b', 'facts': {'s': 95}}, {'name': 'c', 'facts': {'s': 89.99}},"
        " {'name': 'd', 'facts': {'s': 90}}]");
    const ItemResult *ir = item(unit(0), "i1");
    assert_dec(ir->base, "8");
    assert_dec(ir->score, "8");
    assert_dec(ir->rules[0].lost, "2");
    assert_int_equal(ir->rules[0].target, TARGET_RAISE);
    assert_dec(ir->rules[0].goal, "0.95");
    assert_true(ir->rules[0].goal_inclusive);
    assert_string_equal(iscore(1, "i1"), "10");
    assert_string_equal(iscore(2, "i1"), "0");
    assert_string_equal(iscore(3, "i1"), "8");
}

static void test_proportional(void **state) {
    (void)state;
    run(HDR10
        "fact finished: integer 'd'; fact target: integer 't' in 1..;\n" ITEM10("score points * finished / target;"),
        "[{'name': 'a', 'facts': {'finished': 2, 'target': 3}}, {'name': 'b', 'facts': {'finished': 3, 'target': 3}},"
        " {'name': 'c', 'facts': {'finished': 4, 'target': 3}}]");
    const ItemResult *ir = item(unit(0), "i1");
    /* 20/3 rounded to the standard's 2 decimals, exactly 667/100 */
    assert_int_equal(ir->score.num, 667);
    assert_int_equal(ir->score.den, 100);
    assert_dec(ir->lost, "3.33");
    assert_dec(ir->rules[0].lost, "3.33");
    assert_dec(unit(0)->total, "6.67");
    assert_string_equal(iscore(1, "i1"), "10");
    assert_string_equal(iscore(2, "i1"), "10"); /* 13.33 stops at the item's points */
    assert_true(item(unit(2), "i1")->capped);
    /* a target of 0: the unit cannot be scored, and the rule is named */
    run(HDR10 "fact finished: integer 'd'; fact target: integer 't';\n" ITEM10("score points * finished / target;"),
        UNIT("'finished': 2, 'target': 0"));
    const Result *r = cur->res[0];
    assert_non_null(r);
    assert_string_equal(r->error, "division by zero");
    assert_int_equal(r->error_span.begin, (uint32_t)(strstr(cur->rules.text, "score points") - cur->rules.text));
}

static void test_share_of_sub_units(void **state) {
    (void)state;
    run(HDR10 "fact villages: list 'v' { model: boolean 'm'; }\n" ITEM10(
            "deduct 0.5 per share(villages where model) below 30%;"),
        "[{'name': 'a', 'facts': {'villages': [{'model': true}, {'model': false}, {'model': false},"
        " {'model': false}, {'model': false}]}},"
        " {'name': 'b', 'facts': {'villages': [{'model': true}, {'model': false}, {'model': false},"
        " {'model': false}]}},"
        " {'name': 'c', 'facts': {'villages': []}},"
        " {'name': 'd', 'facts': {'villages': [{'model': true}, {'model': true}, {'model': false}]}}]");
    assert_dec(item(unit(0), "i1")->rules[0].value, "0.2");
    assert_dec(item(unit(0), "i1")->rules[0].steps, "10");
    assert_string_equal(iscore(0, "i1"), "5");
    assert_string_equal(iscore(1, "i1"), "7.5"); /* 25%: 5 steps */
    assert_string_equal(iscore(2, "i1"), "0");   /* 0% of none: 30 steps */
    assert_string_equal(iscore(3, "i1"), "10");
}

static void test_aggregates(void **state) {
    (void)state;
    const Result *r = score("standard 't' { year 2013; total 700; grade 'A' >= 600; grade 'F' otherwise; }\n"
                            "fact v: list 'v' { ok: boolean 'ok'; x: decimal 'x'; }\n"
                            "category c 'C' points 700 {\n"
                            "  item cnt 'a' points 100 { score count(v where ok); }\n"
                            "  item sm 'b' points 100 { score sum(v, x); }\n"
                            "  item av 'c' points 100 { score avg(v where ok, x); }\n"
                            "  item mn 'd' points 100 { score min(v, x); }\n"
                            "  item mx 'e' points 100 { score max(v where ok, x); }\n"
                            "  item an 'f' points 100 { score if any(v where x > 50) then 1 else 2; }\n"
                            "  item al 'g' points 100 { score if all(v where x > 10) then 3 else 4; }\n"
                            "}\n",
                            UNIT("'v': [{'ok': true, 'x': 10}, {'ok': false, 'x': 60}, {'ok': true, 'x': 25.5}]"));
    assert_dec(item(r, "cnt")->score, "2");
    assert_dec(item(r, "sm")->score, "95.5");
    assert_dec(item(r, "av")->score, "17.75");
    assert_dec(item(r, "mn")->score, "10");
    assert_dec(item(r, "mx")->score, "25.5");
    assert_dec(item(r, "an")->score, "1");
    assert_dec(item(r, "al")->score, "4"); /* 10 is not > 10 */
    assert_dec(r->total, "155.75");
}

static void test_if_then_else(void **state) {
    (void)state;
    run(HDR10 "fact a: integer 'a'; fact b: boolean 'b';\n" ITEM10(
            "score if a > 5 then points else points / 2; deduct if b then 2 else 1 when a > 0;"),
        "[{'name': 'x', 'facts': {'a': 6, 'b': true}}, {'name': 'y', 'facts': {'a': 5, 'b': false}},"
        " {'name': 'z', 'facts': {'a': 0, 'b': true}}]");
    assert_string_equal(iscore(0, "i1"), "8");
    assert_string_equal(iscore(1, "i1"), "4");
    assert_string_equal(iscore(2, "i1"), "5");
}

static void test_round_half_away_from_zero(void **state) {
    (void)state;
    const Result *r = score("standard 't' { year 2013; total 30; grade 'A' >= 27; grade 'F' otherwise; }\n"
                            "fact x: decimal 'x';\n"
                            "category c 'C' points 30 {\n"
                            "  item up 'a' points 10 { score round(x, 1); }\n"
                            "  item down 'b' points 10 { floor none; score round(0 - x, 1); }\n"
                            "  item rule 'c' points 10 { deduct x / 10; }\n"
                            "}\n",
                            UNIT("'x': 2.25"));
    assert_dec(item(r, "up")->score, "2.3");
    assert_dec(item(r, "down")->score, "-2.3");
    assert_dec(item(r, "rule")->rules[0].amount, "0.23"); /* 0.225 at 2 decimals */
    assert_dec(item(r, "rule")->score, "9.77");
    assert_dec(r->total, "9.77");
    /* with decimals 0 a rule's 2.5 is 3, and -2.5 is -3 */
    r = score("standard 't' { year 2013; total 20; decimals 0; grade 'A' >= 18; grade 'F' otherwise; }\n"
              "fact d: integer 'd';\n"
              "category c 'C' points 20 {\n"
              "  item i1 'a' points 10 { score d / 2; }\n"
              "  item i2 'b' points 10 { floor none; score 0 - d / 2; }\n"
              "}\n",
              UNIT("'d': 5"));
    assert_dec(item(r, "i1")->score, "3");
    assert_dec(item(r, "i2")->score, "-3");
}

static void test_dates(void **state) {
    (void)state;
    run("standard 't' { year 2013; total 20; grade 'A' >= 18; grade 'F' otherwise; }\n"
        "fact plan_date: date 'd';\n"
        "category c 'C' points 20 {\n"
        "  item late_plan 'a' points 10 { deduct 2 when plan_date > 2013-03-31; }\n"
        "  item days 'b' points 10 { deduct 0.1 per plan_date - 2013-03-31; }\n"
        "}\n",
        "[{'name': 'a', 'facts': {'plan_date': '2013-04-10'}}, {'name': 'b', 'facts': {'plan_date': '2013-03-31'}},"
        " {'name': 'c', 'facts': {'plan_date': '2013-03-01'}}, {'name': 'd', 'facts': {'plan_date': '2014-03-31'}}]");
    assert_string_equal(iscore(0, "late_plan"), "8");
    assert_dec(item(unit(0), "days")->rules[0].steps, "10");
    assert_string_equal(iscore(0, "days"), "9");
    assert_string_equal(iscore(1, "late_plan"), "10");
    assert_string_equal(iscore(1, "days"), "10");
    assert_string_equal(iscore(2, "late_plan"), "10");
    assert_string_equal(iscore(2, "days"), "10");
    assert_dec(item(unit(3), "days")->rules[0].steps, "365");
    assert_string_equal(iscore(3, "days"), "0");
}

/* ---- bonus, penalties, vetoes, grades ------------------------------------------- */

static void test_bonus_capped(void **state) {
    (void)state;
    const Result *r = score(HDR10 "fact n: integer 'n'; fact awards: integer 'a'; fact others: integer 'o';\n" ITEM10(
                                "deduct 1 per n;") "bonus 'B' cap 4 {\n"
                                                   "  item b1 'x' { add 2 per awards; }\n"
                                                   "  item b2 'y' points 1 { add 1 per others; }\n"
                                                   "}\n",
                            UNIT("'n': 2, 'awards': 2, 'others': 3"));
    assert_dec(item(r, "b1")->score, "4");
    assert_dec(item(r, "b1")->points, "0");
    assert_dec(item(r, "b1")->lost, "0");
    assert_dec(item(r, "b2")->added, "3");
    assert_dec(item(r, "b2")->score, "1"); /* its own cap */
    assert_true(item(r, "b2")->capped);
    assert_dec(r->bonus_raw, "5");
    assert_dec(r->bonus, "4");
    assert_dec(r->items_score, "8");
    assert_dec(r->raw_total, "12");
    assert_dec(r->total, "12");
}

static void test_penalty(void **state) {
    (void)state;
    run("standard 't' { year 2013; total 100; grade 'A' >= 90; grade 'F' otherwise; }\n"
        "fact n: integer 'n'; fact accidents: integer 'a';\n"
        "category c 'C' points 100 { item i1 'I' points 100 { deduct 10 per n; } }\n"
        "penalty x1 'P' { deduct 20 per accidents; }\n",
        "[{'name': 'a', 'facts': {'n': 1, 'accidents': 1}}, {'name': 'b', 'facts': {'n': 1, 'accidents': 6}}]");
    const Result *r = unit(0);
    assert_dec(item(r, "x1")->score, "20");
    assert_dec(item(r, "x1")->points, "0");
    assert_dec(r->penalty, "20");
    assert_dec(r->items_score, "90");
    assert_dec(r->total, "70");
    assert_int_equal(r->nrect, 2);
    assert_dec(r->rect[0].lost, "20"); /* the penalty is what costs most */
    assert_string_equal(r->rect[0].item->item->id, "x1");
    r = unit(1);
    assert_dec(r->penalty, "120");
    assert_dec(r->raw_total, "-30");
    assert_dec(r->total, "0");
}

static void test_veto(void **state) {
    (void)state;
    run(HDR10 "fact n: integer 'n'; fact incidents: integer 'i' default 0;\n" ITEM10(
            "deduct 0.5 per n;") "veto v1 'V' when incidents > 0 reason 'r';\n",
        "[{'name': 'a', 'facts': {'n': 1, 'incidents': 1}}, {'name': 'b', 'facts': {'n': 1}}]");
    const Result *r = unit(0);
    assert_true(r->vetoes[0]);
    assert_int_equal(r->nvetoes, 1);
    assert_false(r->pass);
    assert_dec(r->total, "9.5"); /* still computed */
    assert_int_equal(r->grade, 0);
    r = unit(1);
    assert_false(r->vetoes[0]);
    assert_int_equal(r->nvetoes, 0);
    assert_true(r->pass);
}

static void grades_of(const char *band, const char *third, int *grade, bool *pass) {
    char kp[1024];
    snprintf(kp, sizeof kp,
             "standard 't' { year 2013; total 1000; grade 'E' %s 900; grade 'Q' >= 800; %s grade 'F' otherwise; }\n"
             "fact n: integer 'n';\n"
             "category c 'C' points 1000 { item i1 'I' points 1000 { deduct 100 per n; } }\n",
             band, third);
    run(kp, "[{'name': 'a', 'facts': {'n': 1}}, {'name': 'b', 'facts': {'n': 2}}, {'name': 'c', 'facts': {'n': 3}}]");
    for (int i = 0; i < 3; i++) {
        grade[i] = unit(i)->grade;
        pass[i] = unit(i)->pass;
    }
}

static void test_grade_boundary(void **state) {
    (void)state;
    int g[3];
    bool p[3];
    grades_of(">=", "", g, p); /* 900 with >= 900: the top band */
    assert_dec(unit(0)->total, "900");
    assert_int_equal(g[0], 0);
    assert_int_equal(g[1], 1);
    assert_int_equal(g[2], 2);
    assert_true(p[0] && p[1]);
    assert_false(p[2]);
    grades_of(">", "", g, p); /* 900 with > 900: the next */
    assert_int_equal(g[0], 1);
    assert_int_equal(g[1], 1);
    assert_true(p[0]);
    grades_of(">=", "grade 'B' >= 700 fail;", g, p);
    assert_int_equal(g[2], 2);
    assert_false(p[2]);
    assert_string_equal(cur->std->grade_tab[2]->name, "B");
}

/* ---- kinds, scaling, rectification, totals ------------------------------------- */

#define KINDS_STD                                                                                                      \
    "standard 't' { year 2013; total 100; grade 'A' >= 90; grade 'F' otherwise; }\n"                                   \
    "kinds town '鎮', village '村';\n"                                                                               \
    "fact a: integer 'a'; fact b: integer 'b' default 0;\n"                                                            \
    "category c 'C' points 100 {\n"                                                                                    \
    "  item i1 'x' points 60 { applies town; deduct 1 per a; }\n"                                                      \
    "  item i2 'y' points 30 { deduct 1 per b; }\n"                                                                    \
    "  item i3 'z' points 10 { applies town; deduct 1 per a; }\n"                                                      \
    "}\n"

static void test_applies_and_scaling(void **state) {
    (void)state;
    /* 'a' is read only by town items: a village need not give it */
    run(KINDS_STD, "[{'name': '東村', 'kind': '村', 'facts': {'b': 1}},"
                   " {'name': '西村', 'kind': 'village', 'facts': {'b': 3}},"
                   " {'name': '城關鎮', 'kind': 'town', 'facts': {'a': 1, 'b': 1}}]");
    const Result *r = unit(0);
    assert_false(item(r, "i1")->applies);
    assert_true(item(r, "i2")->applies);
    assert_false(item(r, "i3")->applies);
    assert_dec(r->items_max, "30");
    assert_dec(r->items_score, "29");
    /* 29 * 100 / 30 = 96.666... rounded to 2 decimals */
    assert_dec(r->items_scaled, "96.67");
    assert_int_equal(r->items_scaled.den, 100);
    assert_dec(r->total, "96.67");
    assert_dec(part(r, "c")->points, "30");
    assert_dec(part(r, "c")->score, "29");
    assert_dec(unit(1)->items_scaled, "90"); /* 27 of 30: exact */
    r = unit(2);
    assert_dec(r->items_max, "100");
    assert_dec(r->items_score, "97");
    assert_dec(r->items_scaled, "97");
    /* a town must give 'a' */
    run(KINDS_STD, "{'name': '城關鎮', 'kind': '鎮', 'facts': {'b': 1}}");
    assert_int_equal(cur->diag.errors, 1);
    assert_string_equal(cur->diag.head->code, "K0401");
    assert_true(cur->lu.units[0]->invalid);
}

static void test_rectification_order(void **state) {
    (void)state;
    const Result *r = score("standard 't' { year 2013; total 40; grade 'A' >= 36; grade 'F' otherwise; }\n"
                            "fact x: boolean 'x'; fact y: boolean 'y'; fact a: integer 'a'; fact b: integer 'b';\n"
                            "category c 'C' points 40 {\n"
                            "  item i1 'p' points 10 { deduct 2 when x; }\n"
                            "  item i2 'q' points 10 { deduct 5 when y; }\n"
                            "  item i3 'r' points 10 { deduct 1 per a; deduct 3 per b; }\n"
                            "  item i4 's' points 10 { deduct 2 when x; }\n"
                            "}\n",
                            UNIT("'x': true, 'y': true, 'a': 1, 'b': 1"));
    assert_int_equal(r->nrect, 5);
    static const char *ids[] = {"i2", "i3", "i1", "i4", "i3"};
    static const char *lost[] = {"5", "3", "2", "2", "1"};
    for (int i = 0; i < 5; i++) {
        assert_string_equal(r->rect[i].item->item->id, ids[i]);
        assert_dec(r->rect[i].lost, lost[i]);
    }
    assert_int_equal(r->rect[1].rule->rule->index, 1);
    assert_int_equal(r->rect[4].rule->rule->index, 0);
    assert_dec(r->total, "27");
}

static void test_total_is_sum_of_categories(void **state) {
    (void)state;
    const Result *r = score("standard 't' { year 2013; total 100; grade 'A' >= 90; grade 'F' otherwise; }\n"
                            "fact r: percent 'r'; fact finished: integer 'd'; fact target: integer 't' in 1..;\n"
                            "fact n: integer 'n';\n"
                            "category c1 'C1' points 60 {\n"
                            "  group g 'G' points 30 { item i1 'a' points 30 { deduct 1 per r below 95% pro_rata; } }\n"
                            "  item i2 'b' points 30 { score points * finished / target; }\n"
                            "}\n"
                            "category c2 'C2' points 40 { item i3 'c' points 40 { deduct 0.125 per n; } }\n",
                            UNIT("'r': 93.33, 'finished': 2, 'target': 3, 'n': 1"));
    assert_dec(item(r, "i1")->score, "28.33");
    assert_dec(item(r, "i2")->score, "20");
    assert_dec(item(r, "i3")->rules[0].amount, "0.13");
    assert_dec(item(r, "i3")->score, "39.87");
    assert_dec(part(r, "g")->score, "28.33");
    assert_dec(part(r, "c1")->score, "48.33");
    assert_dec(part(r, "c2")->score, "39.87");
    Dec sum;
    assert_int_equal(dec_add(part(r, "c1")->score, part(r, "c2")->score, &sum), DEC_OK);
    assert_int_equal(dec_cmp(sum, r->total), 0);
    assert_dec(r->total, "88.2");
}

static void test_decimal_sums_exact(void **state) {
    (void)state;
    const Result *r =
        score(HDR10 "fact a: decimal 'a'; fact b: decimal 'b'; fact v: list 'v' { x: decimal 'x'; }\n" ITEM10(
                  "deduct a + b when a + b == 0.3; deduct sum(v, x) when sum(v, x) == 1;"),
              UNIT("'a': 0.1, 'b': 0.2, 'v': [{'x': 0.1}, {'x': 0.1}, {'x': 0.1}, {'x': 0.1}, {'x': 0.1},"
                   " {'x': 0.1}, {'x': 0.1}, {'x': 0.1}, {'x': 0.1}, {'x': '0.1'}]"));
    assert_true(item(r, "i1")->rules[0].fired);
    assert_dec(item(r, "i1")->rules[0].amount, "0.3");
    assert_true(item(r, "i1")->rules[1].fired);
    assert_dec(item(r, "i1")->score, "8.7");
    assert_int_equal(item(r, "i1")->score.num, 87);
    assert_int_equal(item(r, "i1")->score.den, 10);
}

static void test_enum_order(void **state) {
    (void)state;
    run(HDR10 "fact lv: enum('無', 'A', 'AA', 'AAA') 'lv' default '無';\n" ITEM10(
            "deduct 2 when lv < 'AA'; deduct 1 when lv == '無';"),
        "[{'name': 'a', 'facts': {'lv': 'A'}}, {'name': 'b', 'facts': {}}, {'name': 'c', 'facts': {'lv': 'AAA'}}]");
    assert_string_equal(iscore(0, "i1"), "8");
    assert_string_equal(iscore(1, "i1"), "7");
    assert_string_equal(iscore(2, "i1"), "10");
}

#define ENUM_TIERS                                                                                                     \
    HDR10 "fact level: enum('無', 'A', 'AA', 'AAA') '等級' default '無';\n" ITEM10(                                    \
        "score tiers level { >= 'AA': points; >= 'A': points * 50%; else: 0; };")

static void test_enum_tiers(void **state) {
    (void)state;
    run(ENUM_TIERS, "[{'name': 'a', 'facts': {'level': 'A'}}, {'name': 'b', 'facts': {'level': 'AAA'}},"
                    " {'name': 'c', 'facts': {}}]");
    assert_dec(item(unit(0), "i1")->base, "5");
    assert_string_equal(iscore(0, "i1"), "5");
    assert_string_equal(iscore(1, "i1"), "10");
    assert_string_equal(iscore(2, "i1"), "0");
}

static void test_bug_enum_tiers_target(void **state) {
    (void)state;
    /* Regression (was a bug in src/eval/eval.c, tiers_target): for 'score tiers' over an enum (or any
     * non-number but a date) the full-points band's bound is a string, yet
     * its Value is read as a number: rr->goal gets the string's pointer as
     * numerator and 0 as denominator (not a valid Dec), rr->value the
     * member index's bytes, and target is TARGET_RAISE. The scorecard then
     * says "saw 等級 (level) 0, required 0" and "raise 等級 (level) to 0".
     * Expected: no numeric target (or a well-formed one). */
    run(ENUM_TIERS, UNIT("'level': 'A'"));
    const RuleResult *rr = &item(unit(0), "i1")->rules[0];
    if (rr->target != TARGET_NONE) {
        assert_true(rr->goal.den > 0);
        assert_true(rr->value.den > 0);
        assert_true(rr->bar.den > 0);
    }
}

/* ---- the compiled standard answers as the tree -------------------------- */

/* Each scored unit of the run again with every step kept, which walks the
 * rules' expressions (program.h): every score and rule the same. */
static void assert_compiled_is_tree(void) {
    for (int i = 0; i < cur->lu.count; i++) {
        Unit *u = cur->lu.units[i];
        const Result *a = cur->res[i];
        if (!a) continue;
        const Result *b = eval_unit_explained(cur->std, u, u->arena);
        assert_true((a->error == NULL) == (b->error == NULL));
        if (a->error) {
            assert_string_equal(a->error, b->error);
            continue;
        }
        assert_dec(a->total, S(b->total));
        assert_int_equal(a->grade, b->grade);
        for (int k = 0; k < cur->std->nitems; k++) {
            const ItemResult *x = &a->items[k], *y = &b->items[k];
            assert_int_equal(x->applies, y->applies);
            assert_dec(x->score, S(y->score));
            assert_dec(x->deducted, S(y->deducted));
            assert_dec(x->added, S(y->added));
            for (int r = 0; r < x->item->nrules; r++) {
                assert_int_equal(x->rules[r].fired, y->rules[r].fired);
                assert_dec(x->rules[r].amount, S(y->rules[r].amount));
                assert_dec(x->rules[r].lost, S(y->rules[r].lost));
                assert_int_equal(x->rules[r].target, y->rules[r].target);
            }
        }
    }
}

#define COMPILED                                                                                                       \
    "standard 't' { year 2013; total 30; decimals 1; grade 'A' >= 25; grade 'F' otherwise; }\n"                        \
    "kinds town 'T', village 'V';\n"                                                                                   \
    "fact rate: percent 'R' in 0%..100%;\n"                                                                            \
    "fact opt: percent 'O' optional;\n"                                                                                \
    "fact n: integer 'N' in 0..100 default 0;\n"                                                                       \
    "fact ok: boolean 'OK' default false;\n"                                                                           \
    "fact day: date 'D';\n"                                                                                            \
    "fact level: enum('C', 'B', 'A') 'L' default 'C';\n"                                                               \
    "category c 'C' points 30 {\n"                                                                                     \
    "  item i1 'I1' points 10 { deduct 2 per rate below 90% step 5% cap 6; deduct 1 when not ok; }\n"                  \
    "  item i2 'I2' points 10 { score tiers rate { >= 95%: points; >= 85%: points * 80%; > 75%: points * 60%; else: "  \
    "0; }; }\n"                                                                                                        \
    "  item i3 'I3' points 5 { deduct 0.5 per n; deduct 2 when day > 2013-10-26; deduct 1 per opt above 50%; }\n"      \
    "  item i4 'I4' points 5 { applies town; score tiers level { == 'A': 5; == 'B': 3; else: 1; }; deduct 1 when "     \
    "level == 'C'; }\n"                                                                                                \
    "}\n"

static void test_compiled_is_tree(void **state) {
    (void)state;
    run(COMPILED, "[{'name': 'a', 'kind': 'town', 'facts': {'rate': 87.5, 'n': 3, 'ok': true, 'day': '2013-11-01', "
                  "'level': 'B', 'opt': 70}},"
                  " {'name': 'b', 'kind': 'village', 'facts': {'rate': 99, 'day': '2013-01-01'}},"
                  " {'name': 'c', 'kind': 'town', 'facts': {'rate': 75, 'n': 40, 'day': '2013-10-26', 'level': 'A'}},"
                  " {'name': 'd', 'kind': 'town', 'facts': {'rate': 60.25, 'day': '2013-12-31', 'opt': 50.5}}]");
    assert_compiled_is_tree();
    assert_string_equal(iscore(0, "i2"), "8");
    assert_string_equal(iscore(2, "i2"), "0");
    run(ENUM_TIERS, "[{'name': 'a', 'facts': {'level': 'A'}}, {'name': 'b', 'facts': {'level': 'AAA'}},"
                    " {'name': 'c', 'facts': {}}]");
    assert_compiled_is_tree();
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_per_occurrence),
        cmocka_unit_test(test_per_shortfall),
        cmocka_unit_test(test_percent_below_step_modes),
        cmocka_unit_test(test_step_size),
        cmocka_unit_test(test_per_excess),
        cmocka_unit_test(test_fixed_when),
        cmocka_unit_test(test_several_rules_add_up),
        cmocka_unit_test(test_floor_at_zero),
        cmocka_unit_test(test_floor_none),
        cmocka_unit_test(test_rule_cap),
        cmocka_unit_test(test_score_tiers),
        cmocka_unit_test(test_proportional),
        cmocka_unit_test(test_share_of_sub_units),
        cmocka_unit_test(test_aggregates),
        cmocka_unit_test(test_if_then_else),
        cmocka_unit_test(test_round_half_away_from_zero),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_bonus_capped),
        cmocka_unit_test(test_penalty),
        cmocka_unit_test(test_veto),
        cmocka_unit_test(test_grade_boundary),
        cmocka_unit_test(test_applies_and_scaling),
        cmocka_unit_test(test_rectification_order),
        cmocka_unit_test(test_total_is_sum_of_categories),
        cmocka_unit_test(test_decimal_sums_exact),
        cmocka_unit_test(test_enum_order),
        cmocka_unit_test(test_enum_tiers),
        cmocka_unit_test(test_bug_enum_tiers_target),
        cmocka_unit_test_teardown(test_compiled_is_tree, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
