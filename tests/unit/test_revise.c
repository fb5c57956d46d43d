/* test_revise.c - cmocka unit tests for revisions (revise.c), the diff of
 * two standards (diff.c) and the split of a unit's change across two years
 * (compare.c): the merge of every kind of statement, rules compared
 * parameter by parameter (a renamed fact is no change), and the unit and
 * standard effects adding up exactly. Standards and data are written with '
 * for " (the rule language has no '). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"

#include "check.h"
#include "compare_files.h"
#include "diff.h"
#include "lex.h"
#include "revise.h"

static const char *BASE =
    "standard 'base' { year 2013; total 20; grade 'A' >= 18; grade 'B' >= 12; grade 'C' otherwise; }\n"
    "kinds village 'v';\n"
    "fact meetings: integer 'm' in 0..52 default 0;\n"
    "fact turnout: percent 't' in 0%..100%;\n"
    "fact disputes: integer 'd' in 0.. default 0;\n"
    "fact spare: integer 's' default 0;\n"
    "category c1 'one' points 12 {\n"
    "  item a1 'a1' points 6 { deduct 2 per meetings below 4; }\n"
    "  item a2 'a2' points 6 { deduct 1 per turnout below 95% pro_rata; }\n"
    "}\n"
    "category c2 'two' points 8 {\n"
    "  item b1 'b1' points 4 { deduct 1 per disputes; }\n"
    "  item b2 'b2' points 4 { deduct 4 when spare > 0; }\n"
    "}\n"
    "veto v1 'x' when disputes > 5;\n";

static const char *REVISION =
    "standard 'rev' { year 2014; revises 'base.kp'; grade 'A' >= 17; grade 'B' >= 12; grade 'C' otherwise; }\n"
    "fact election_turnout: percent 't' in 0%..100% renames turnout;\n"
    "fact volunteers: integer 'v' in 0.. default 0;\n"
    "replace item a2 { deduct 1 per election_turnout below 98% pro_rata; }\n"
    "replace item a1 points 4;\n"
    "item a3 'a3' points 2 in c1 { deduct 1 per volunteers below 2; }\n"
    "move item b1 to c1;\n"
    "replace category c1 points 16;\n"
    "replace category c2 points 4;\n"
    "replace veto v1 'y' when disputes > 3;\n";

static char dir[64];

static void write_file(const char *name, const char *text) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (const char *p = text; *p; p++)
        fputc(*p == '\'' ? '"' : *p, f);
    fclose(f);
}

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/kaoping-test-revise-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    write_file("base.kp", BASE);
    write_file("rev.kp", REVISION);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/base.kp", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/rev.kp", dir);
    unlink(path);
    rmdir(dir);
    return 0;
}

static Standard *load(const char *name, Arena *a, DiagSink *d) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    Standard *s = revise_load(arena_strdup(a, path), a, d);
    if (!s) diag_print(d, stderr);
    assert_non_null(s);
    return s;
}

static const Part *item(const Standard *s, const char *id) {
    for (int i = 0; i < s->nitems; i++)
        if (s->item_tab[i]->id && !strcmp(s->item_tab[i]->id, id)) return s->item_tab[i];
    return NULL;
}

static const char *S(Dec d) {
    static char ring[8][64];
    static int k;
    char *b = ring[k++ % 8];
    dec_format(d, 9, b, 64);
    return b;
}

/* The merged standard: inherited, replaced, re-pointed, added, moved, renamed. */
static void test_merge(void **state) {
    (void)state;
    Arena *a = arena_new();
    DiagSink d;
    diag_init(&d);
    Standard *s = load("rev.kp", a, &d);
    assert_int_equal(s->year_value, 2014);
    assert_string_equal(S(s->total_value), "20"); /* inherited */
    assert_int_equal(s->ngrades, 3);
    assert_string_equal(S(s->grade_tab[0]->value), "17");
    assert_int_equal(s->nitems, 5);
    assert_string_equal(S(item(s, "a1")->pts), "4");
    assert_string_equal(item(s, "b1")->parent->id, "c1");
    assert_string_equal(item(s, "a3")->parent->id, "c1");
    /* the renamed fact: gone under its old name, its new name keeps the old key */
    assert_null(check_find_fact(s, "turnout"));
    assert_string_equal(check_find_fact(s, "election_turnout")->alias, "turnout");
    assert_string_equal(S(item(s, "a2")->rules->bound->u.num.value), "0.98");
    assert_string_equal(item(s, "a2")->rules->per->u.name.name, "election_turnout");
    assert_string_equal(s->veto_tab[0]->title, "y");
    diag_free(&d);
    arena_free(a);
}

/* Any two standards: items by id, rules parameter by parameter; the renamed
 * fact reads as its old name, so a rule that only renames is no change. */
static void test_diff(void **state) {
    (void)state;
    Arena *a = arena_new();
    DiagSink d;
    diag_init(&d);
    Standard *o = load("base.kp", a, &d), *n = load("rev.kp", a, &d);
    Diff *df = diff_standards(o, n, a);
    assert_int_equal(df->added, 1);
    assert_int_equal(df->removed, 0);
    assert_int_equal(df->moved, 1);
    assert_int_equal(df->repointed, 1);
    assert_int_equal(df->rules, 1);
    const DiffEntry *x = diff_item(df, "a2");
    assert_non_null(x);
    assert_int_equal(x->changes, DIFF_RULES);
    assert_int_equal(x->nparams, 1);
    assert_string_equal(x->params[0].what, "threshold");
    assert_string_equal(x->params[0].before, "below 95%");
    assert_string_equal(x->params[0].after, "below 98%");
    assert_true(diff_item(df, "b1")->changes & DIFF_MOVED);
    assert_null(diff_item(df, "b2")); /* unchanged */
    assert_int_equal(df->nvetoes, 1);
    assert_true(df->vetoes[0].changes & DIFF_CONDITION);
    assert_int_equal(df->ngrades, 1);
    assert_string_equal(df->grades[0].before, ">= 18");
    assert_string_equal(df->grades[0].after, ">= 17");
    /* a standard against itself */
    assert_true(diff_empty(diff_standards(n, n, a)));
    diag_free(&d);
    arena_free(a);
}

/* unit + standard = change, row by row and item by item, to the last digit;
 * the new data is read under the old standard by the renamed fact's old name. */
static void test_compare_adds_up(void **state) {
    (void)state;
    Arena *a = arena_new();
    DiagSink d;
    diag_init(&d);
    Standard *o = load("base.kp", a, &d), *n = load("rev.kp", a, &d);
    Diff *df = diff_standards(o, n, a);
    Source so, sn;
    make_source(&so, "old.json",
                "[{'name': 'east', 'kind': 'village', 'year': 2013, 'facts': {'meetings': 3, 'turnout': 96.5, "
                "'disputes': 1}},"
                " {'name': 'west', 'kind': 'village', 'year': 2013, 'facts': {'turnout': 90}}]");
    make_source(&sn, "new.json",
                "[{'name': 'east', 'kind': 'village', 'year': 2014, 'facts': {'meetings': 4, "
                "'election_turnout': 96.5, 'disputes': 2, 'volunteers': 1}},"
                " {'name': 'north', 'kind': 'village', 'year': 2014, 'facts': {'turnout': 99}}]");
    LoadedUnits uo, un;
    int count = 0, unmatched = 0;
    Comparison **cs = compare_files(o, &so, n, &sn, df, &d, a, &uo, &un, &count, &unmatched);
    assert_non_null(cs);
    assert_int_equal(count, 1);
    assert_int_equal(unmatched, 2); /* north and west */
    const Comparison *c = cs[0];
    assert_non_null(c->b);
    for (int i = 0; i < c->nrows; i++) {
        Dec sum;
        assert_int_equal(dec_add(c->rows[i].unit, c->rows[i].standard, &sum), DEC_OK);
        assert_int_equal(dec_cmp(sum, c->rows[i].change), 0);
    }
    const CompareRow *total = &c->rows[c->nrows - 1];
    assert_string_equal(total->title, "total");
    assert_string_equal(S(total->before), "17");
    assert_string_equal(S(total->after), "15.5");
    assert_string_equal(S(total->unit), "1");        /* a1 +2, b1 -1 under the old standard */
    assert_string_equal(S(total->standard), "-2.5"); /* a1 -2, a2 -1.5, a3 +1 */
    Dec items = dec_zero();
    for (int i = 0; i < c->nstd_items; i++)
        assert_int_equal(dec_add(items, c->std_items[i].effect, &items), DEC_OK);
    assert_string_equal(S(items), "-2.5");
    load_free(&uo);
    load_free(&un);
    free(so.text);
    free(sn.text);
    diag_free(&d);
    arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_compare_adds_up),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
