/* test_tally.c - cmocka unit tests for the tally behind the HTML summary
 * page (src/tally.c) and for the text the report renderers take from data:
 * HTML escaping, CSV quoting. Units are scored through the whole pipeline
 * from a small standard; the results are freed before the tally is read,
 * as in a streaming run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "eval.h"
#include "lex.h"
#include "load.h"
#include "render.h"
#include "render_html_impl.h"
#include "tally.h"

static const char *KP =
    "standard 'T' { year 2013; total 100; grade 'A' >= 90; grade 'B' >= 80; grade 'C' otherwise; }\n"
    "kinds town 'T', village 'V';\n"
    "fact n: integer 'n' in 0..50 default 0;\n"
    "fact bad: integer 'bad' in 0..5 default 0;\n"
    "category a 'A' points 60 {\n"
    "  item a1 'A1' points 30 { deduct 2 per n below 10; }\n"
    "  item a2 'A2' points 30 { deduct 3 per n below 5; }\n"
    "}\n"
    "category b 'B' points 40 { item b1 'B1' points 40 { deduct 1 per n below 4; } }\n"
    "veto v1 'V1' when bad > 0;\n";

static void make_source(Source *s, const char *path, const char *text) {
    s->path = path;
    s->text = strdup(text);
    assert_non_null(s->text);
    for (char *p = s->text; *p; p++)
        if (*p == '\'') *p = '"';
    s->len = strlen(s->text);
}

static char *S(Dec d) {
    static char buf[4][64];
    static int k;
    char *b = buf[k++ % 4];
    dec_format(d, 9, b, 64);
    return b;
}

/* Scores every unit of json, adds it to the tally and frees it. */
static Tally *tally_of(Source *rules, Arena *arena, const char *json) {
    DiagSink d;
    diag_init(&d);
    make_source(rules, "t.kp", KP);
    Standard *std = lex_parse(rules, arena, &d);
    assert_non_null(std);
    assert_true(check_standard(std, arena, &d));
    Source data = {0};
    make_source(&data, "u.json", json);
    LoadedUnits lu;
    assert_true(load_json(std, &data, &d, &lu));
    Tally *t = tally_new(std);
    for (int i = 0; i < lu.count; i++) {
        Unit *u = lu.units[i];
        if (u->invalid)
            tally_add_invalid(t, u);
        else
            tally_add(t, eval_unit(std, u, u->arena));
    }
    load_free(&lu);
    free(data.text);
    diag_free(&d);
    return t;
}

static void test_counts_ranking_weakest(void **state) {
    (void)state;
    Source rules = {0};
    Arena *arena = arena_new();
    Tally *t = tally_of(&rules, arena,
                        "[{'name': 'x', 'kind': 'town', 'facts': {'n': 10}},"           /* 100: A */
                        " {'name': 'y', 'kind': 'village', 'facts': {'n': 6}},"         /* 92: A */
                        " {'name': 'z', 'kind': 'village', 'facts': {'n': 3}},"         /* 100-14-6-1 = 79: C */
                        " {'name': 'w', 'kind': 'town', 'facts': {'n': 10, 'bad': 1}}," /* vetoed */
                        " {'name': 'q', 'kind': 'town', 'facts': {'n': 'many'}}]");     /* invalid */
    assert_int_equal(t->nunits, 5);
    assert_int_equal(t->nscored, 4);
    assert_int_equal(t->nunscored, 1);
    assert_int_equal(t->nvetoed, 1);
    assert_int_equal(t->npass, 2);
    assert_int_equal(t->grades[0], 2); /* A, vetoed unit not counted */
    assert_int_equal(t->grades[1], 0);
    assert_int_equal(t->grades[2], 1);
    int n;
    const TallyUnit **r = tally_ranking(t, &n);
    assert_int_equal(n, 4);
    /* ties keep the order added: x before w */
    assert_string_equal(r[0]->name, "x");
    assert_string_equal(r[1]->name, "w");
    assert_string_equal(r[2]->name, "y");
    assert_string_equal(r[3]->name, "z");
    assert_int_equal(r[1]->kind_rank, 2);
    assert_int_equal(r[2]->kind_rank, 1);
    assert_int_equal(r[3]->kind_rank, 2);
    assert_string_equal(S(r[3]->total), "79");
    const TallyItem *w[2];
    assert_int_equal(tally_weakest(t, w, 2), 2);
    assert_string_equal(w[0]->item->id, "a1"); /* 8 + 14 */
    assert_string_equal(S(w[0]->lost), "22");
    assert_int_equal(w[0]->units_short, 2);
    assert_int_equal(w[0]->units, 4);
    assert_string_equal(w[1]->item->id, "a2"); /* 6 */
    Dec rate;
    const Part *a = t->std->parts;
    assert_true(tally_category_rate(t, a, &rate));
    assert_string_equal(S(rate), "0.883333333"); /* (60 + 52 + 40 + 60) / 240 */
    tally_free(t);
    arena_free(arena);
    free(rules.text);
}

static char *captured(void (*write)(FILE *, const char *), const char *s) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    write(f, s);
    fclose(f);
    return buf;
}

static void test_html_escape(void **state) {
    (void)state;
    char *s = captured(html_esc, "<a href=\"x\">R&D's</a>\x01\t\n東");
    assert_string_equal(s, "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;?\t\n東");
    free(s);
}

static void clip10(FILE *f, const char *s) {
    Arena *a = arena_new();
    html_esc_clip(f, a, s, 10);
    arena_free(a);
}

static void test_html_clip_by_columns(void **state) {
    (void)state;
    char *s = captured(clip10, "基層民主法治建設工作");
    assert_string_equal(s, "基層民主…"); /* 4 wide characters and the ellipsis: 9 columns */
    free(s);
    s = captured(clip10, "short");
    assert_string_equal(s, "short");
    free(s);
}

static void test_html_bar(void **state) {
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(html_bar(a, dec_int(1), dec_int(3), 100), "33.3");
    assert_string_equal(html_bar(a, dec_int(5), dec_int(3), 100), "100"); /* clamped */
    assert_string_equal(html_bar(a, dec_int(-1), dec_int(3), 100), "0");
    assert_string_equal(html_bar(a, dec_int(1), dec_int(0), 100), "0");
    arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_ranking_weakest),
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_html_clip_by_columns),
        cmocka_unit_test(test_html_bar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
