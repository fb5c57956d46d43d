/* test_report.c - cmocka unit tests for the HTML report: its summary page
 * drawn from the county summary (summary.h), and the text it takes from
 * data (escaping, clipping, bars). Units are scored through the whole
 * pipeline from a small standard; each result is freed right after it is
 * added, as in a streaming run. */
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
#include "render.h"
#include "render_html_esc.h"
#include "render_html_summary.h"
#include "summary.h"

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

/* Scores every unit of json into a summary (freeing each result), and
 * returns the summary page as text. */
static char *summary_page(const char *kp, const char *json) {
    Source rules = {0};
    Arena *arena = arena_new();
    DiagSink d;
    diag_init(&d);
    make_source(&rules, "t.kp", kp);
    Standard *std = lex_parse(&rules, arena, &d);
    assert_non_null(std);
    assert_true(check_standard(std, arena, &d));
    Source data = {0};
    make_source(&data, "u.json", json);
    LoadedUnits lu;
    assert_true(load_json(std, &data, &d, &lu));
    Summary *sum = summary_new(std);
    HtmlNames skipped = {0};
    HtmlName names[8];
    int nskipped = 0;
    for (int i = 0; i < lu.count; i++) {
        Unit *u = lu.units[i];
        if (u->invalid) {
            names[nskipped] = (HtmlName){.name = u->name};
            if (skipped.last)
                skipped.last->next = &names[nskipped];
            else
                skipped.first = &names[nskipped];
            skipped.last = &names[nskipped++];
            summary_skip(sum);
        } else {
            summary_add(sum, eval_unit(std, u, u->arena));
        }
    }
    summary_finish(sum);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    Arena *a = arena_new();
    html_summary(f, sum, &skipped, a, NULL);
    fclose(f);
    arena_free(a);
    summary_free(sum);
    load_free(&lu);
    free(data.text);
    diag_free(&d);
    arena_free(arena);
    free(rules.text);
    return buf;
}

static void has(const char *page, const char *want) {
    if (!strstr(page, want)) fail_msg("not in the page: %s\n%s", want, page);
}

static void test_summary_page(void **state) {
    (void)state;
    char *page = summary_page(KP, "[{'name': 'x', 'kind': 'town', 'facts': {'n': 10}},"   /* 100: A */
                                  " {'name': 'y', 'kind': 'village', 'facts': {'n': 6}}," /* 92: A */
                                  " {'name': 'z', 'kind': 'village', 'facts': {'n': 3}}," /* 100-14-6-1 = 79: C */
                                  " {'name': 'w', 'kind': 'town', 'facts': {'n': 10, 'bad': 1}}," /* vetoed */
                                  " {'name': 'q', 'kind': 'town', 'facts': {'n': 'many'}}]");     /* invalid */
    has(page, "data-units=\"5\" data-scored=\"4\" data-pass=\"2\"");
    has(page, "<span class=\"total\">2</span> <span class=\"of\">of 5 pass</span>");
    has(page, "2 fail (1 vetoed), 1 not scored");
    /* grades by score: the vetoed unit w (100) counts in A */
    has(page, "<td class=\"num\" data-grade-count=\"3\">3</td><td class=\"num\" data-grade-count=\"0\">0</td>"
              "<td class=\"num\" data-grade-count=\"1\">1</td><td class=\"num veto\" data-vetoed=\"1\">1</td>"
              "<td class=\"num\" data-not-scored=\"1\">1</td>");
    has(page, "<tr data-veto=\"v1\" data-units=\"1\"><td class=\"veto\">v1 V1</td><td class=\"num\">1</td></tr>");
    /* equal totals share a rank, in input order; rank in kind */
    has(page, "<tr data-name=\"x\" data-total=\"100\" data-rank=\"1\"><td class=\"num\">1</td><td>x</td>"
              "<td>town</td><td class=\"num\">1</td>");
    has(page, "<tr data-name=\"w\" data-total=\"100\" data-rank=\"1\"><td class=\"num\">1</td><td>w</td>"
              "<td>town</td><td class=\"num\">1</td>");
    has(page, "<tr data-name=\"y\" data-total=\"92\" data-rank=\"3\">");
    has(page, "<tr data-name=\"z\" data-total=\"79\" data-rank=\"4\"><td class=\"num\">4</td><td>z</td>"
              "<td>village</td><td class=\"num\">2</td>");
    assert_true(strstr(page, "data-name=\"w\"") > strstr(page, "data-name=\"x\""));
    has(page, "<td class=\"veto\">VETOED</td>");
    has(page, "<p class=\"veto\">Not scored: q</p>");
    /* category A: (60 + 52 + 40 + 60) / 4 = 53 of 60 */
    has(page, ">53 / 60 (88.3%)</text>");
    /* a1: 8 + 14 lost, by 2 of the 4 units scored */
    has(page, "<tr><td>a1 A1</td><td>A</td><td class=\"num\">2 of 4</td><td class=\"num lost\">-22</td></tr>");
    free(page);
}

/* A category whose items apply by kind: its mean score is set against the
 * mean of the points that apply, not its declared points. */
static void test_summary_page_points_by_kind(void **state) {
    (void)state;
    char *page = summary_page("standard 'T' { year 2013; total 60; grade 'A' >= 50; grade 'C' otherwise; }\n"
                              "kinds town 'T', village 'V';\n"
                              "fact n: integer 'n' in 0..50 default 0;\n"
                              "category a 'A' points 60 {\n"
                              "  item a1 'A1' points 30 { deduct 2 per n below 10; }\n"
                              "  item a2 'A2' points 30 { applies town; deduct 3 per n below 5; }\n"
                              "}\n",
                              "[{'name': 'x', 'kind': 'town', 'facts': {'n': 10}},"     /* 60 of 60 */
                              " {'name': 'y', 'kind': 'village', 'facts': {'n': 6}}]"); /* 22 of 30 */
    /* (60 + 22) / 2 = 41 against (60 + 30) / 2 = 45 */
    has(page, ">41 / 45 (91.1%)</text>");
    free(page);
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
        cmocka_unit_test(test_summary_page), cmocka_unit_test(test_summary_page_points_by_kind),
        cmocka_unit_test(test_html_escape),  cmocka_unit_test(test_html_clip_by_columns),
        cmocka_unit_test(test_html_bar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
