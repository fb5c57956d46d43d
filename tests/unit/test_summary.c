/* test_summary.c - cmocka unit tests for the summary accumulator: exact
 * means and standard deviations (no floating point), shared ranks, ranks
 * within a kind, the weakest items and the load per responsible unit. The
 * standard and the JSON are written with ' for ". */
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
#include "summary.h"

/* The last standard summarized (the summary points into it). */
static Arena *keep;
static Source kept;

static int teardown(void **state) {
    (void)state;
    arena_free(keep);
    free(kept.text);
    keep = NULL;
    kept.text = NULL;
    return 0;
}

/* Scores the units of json against kp and sums them up (finished). */
static Summary *summarize(const char *kp, const char *json) {
    Source rules, data;
    make_source(&rules, "t.kp", kp);
    make_source(&data, "u.json", json);
    Arena *arena = arena_new();
    DiagSink d;
    diag_init(&d);
    Standard *std = lex_parse(&rules, arena, &d);
    assert_non_null(std);
    assert_true(check_standard(std, arena, &d));
    LoadedUnits lu;
    assert_true(load_json(std, &data, &d, &lu));
    if (d.errors) diag_print(&d, stderr);
    assert_int_equal(d.errors, 0);
    Summary *s = summary_new(std);
    for (int i = 0; i < lu.count; i++) {
        Result *r = eval_unit(std, lu.units[i], lu.units[i]->arena);
        assert_null(r->error);
        summary_add(s, r);
    }
    load_free(&lu);
    summary_finish(s);
    /* the summary keeps what it needs: the units and their data are gone;
     * the standard stays (it points into it), freed by the caller */
    diag_free(&d);
    free(data.text);
    arena_free(keep);
    free(kept.text);
    keep = arena;
    kept = rules;
    return s;
}

static const char *S(Dec d) {
    static char ring[8][64];
    static int k;
    char *b = ring[k++ % 8];
    dec_format(d, 9, b, 64);
    return b;
}

#define STD                                                                                                            \
    "standard 't' { year 2013; total 10; grade 'A' >= 9; grade 'B' >= 6; grade 'F' otherwise; }\n"                     \
    "kinds town 'T', village 'V';\n"                                                                                   \
    "fact n: integer 'n' in 0..10 default 0;\n"                                                                        \
    "fact m: integer 'm' in 0..10 default 0;\n"                                                                        \
    "category c 'C' points 6 { responsible 'X'; item i1 'I1' points 6 { deduct 1 per n; } }\n"                         \
    "category d 'D' points 4 { item i2 'I2' points 4 { responsible 'X', 'Y'; deduct 0.5 per m; } }\n"                  \
    "veto v1 'V1' when n > 8 reason 'r';\n"

static void test_mean_and_sd_exact(void **state) {
    (void)state;
    /* totals 10, 9, 7.5, 7.5: mean 8.5, variance 1.125, sd 1.0606... -> 1.06 */
    Summary *s = summarize(STD, "["
                                "{'name': 'a', 'kind': 'town', 'facts': {}},"
                                "{'name': 'b', 'kind': 'village', 'facts': {'n': 1}},"
                                "{'name': 'c', 'kind': 'village', 'facts': {'n': 2, 'm': 1}},"
                                "{'name': 'd', 'kind': 'town', 'facts': {'m': 5}}"
                                "]");
    assert_int_equal(s->units, 4);
    assert_int_equal(s->total.units, 4);
    assert_string_equal(S(s->total.mean), "8.5");
    assert_string_equal(S(s->total.min), "7.5");
    assert_string_equal(S(s->total.max), "10");
    assert_string_equal(S(s->total.sd), "1.06");
    /* category C: 6, 5, 4, 6 -> mean 5.25, sd sqrt(0.6875) = 0.829 -> 0.83 */
    assert_string_equal(S(s->cats[0].mean), "5.25");
    assert_string_equal(S(s->cats[0].sd), "0.83");
    assert_int_equal(s->by_grade[0], 2); /* 10 and 9 */
    assert_int_equal(s->by_grade[1], 2);
    assert_int_equal(s->passed, 4);
    summary_free(s);
}

static void test_ranks_shared_and_by_kind(void **state) {
    (void)state;
    Summary *s = summarize(STD, "["
                                "{'name': 'a', 'kind': 'village', 'facts': {'n': 2, 'm': 1}},"
                                "{'name': 'b', 'kind': 'town', 'facts': {'m': 5}},"
                                "{'name': 'c', 'kind': 'village', 'facts': {}},"
                                "{'name': 'd', 'kind': 'village', 'facts': {'n': 9}}"
                                "]");
    /* totals: a 7.5, b 7.5, c 10, d 1 (vetoed) */
    const char *names[] = {"c", "a", "b", "d"};
    long ranks[] = {1, 2, 2, 4}, kind_ranks[] = {1, 2, 1, 3};
    for (int i = 0; i < 4; i++) {
        assert_string_equal(s->ranking[i].name, names[i]);
        assert_int_equal(s->ranking[i].rank, ranks[i]);
        assert_int_equal(s->ranking[i].kind_rank, kind_ranks[i]);
    }
    assert_int_equal(s->vetoed, 1);
    assert_int_equal(s->by_veto[0], 1);
    assert_int_equal(s->failed, 1);
    summary_free(s);
}

static void test_weakest_and_owners(void **state) {
    (void)state;
    Summary *s = summarize(STD, "["
                                "{'name': 'a', 'kind': 'town', 'facts': {'n': 1, 'm': 2}},"
                                "{'name': 'b', 'kind': 'town', 'facts': {'m': 4}}"
                                "]");
    /* i1 loses 1 (one unit), i2 loses 1 + 2 = 3 (two units) */
    assert_int_equal(s->nweakest, 2);
    assert_string_equal(s->weakest[0]->item->id, "i2");
    assert_string_equal(S(s->weakest[0]->lost), "3");
    assert_int_equal(s->weakest[0]->losing, 2);
    assert_string_equal(s->weakest[1]->item->id, "i1");
    /* X answers for i1 (category) and i2 (item): 3 entries, 4 points; Y for i2 only */
    assert_int_equal(s->nowners, 2);
    assert_string_equal(s->owners[0].owner, "X");
    assert_int_equal(s->owners[0].entries, 3);
    assert_string_equal(S(s->owners[0].lost), "4");
    assert_string_equal(s->owners[1].owner, "Y");
    assert_int_equal(s->owners[1].entries, 2);
    assert_string_equal(S(s->owners[1].lost), "3");
    summary_free(s);
}

static void test_no_unit(void **state) {
    (void)state;
    Summary *s = summarize(STD, "[]");
    assert_int_equal(s->units, 0);
    assert_int_equal(s->total.units, 0);
    assert_int_equal(s->nweakest, 0);
    summary_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mean_and_sd_exact),
        cmocka_unit_test(test_ranks_shared_and_by_kind),
        cmocka_unit_test(test_weakest_and_owners),
        cmocka_unit_test(test_no_unit),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
