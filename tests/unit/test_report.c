/* test_report.c - cmocka unit tests for the HTML report: its summary page
 * drawn from the county summary (summary.h), and the text it takes from
 * data (escaping, clipping, bars); the JSON writer (render_jsonw.h) against
 * cJSON's printing of the same tree. Units are scored through the whole
 * pipeline from a small standard; each result is freed right after it is
 * added, as in a streaming run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "support.h"

#include "check.h"
#include "eval.h"
#include "lex.h"
#include "load.h"
#include "render.h"
#include "render_html_esc.h"
#include "render_html_summary.h"
#include "render_jsonw.h"
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

/* ---- the JSON writer: byte for byte what cJSON prints ------------------------ */

/* A JSON writer into memory (*got, *len once *f is closed); depth as jw_start's. */
static JsonW *memory_writer(FILE **f, char **got, size_t *len, int depth) {
    *f = open_memstream(got, len);
    assert_non_null(*f);
    JsonW *w = malloc(sizeof *w);
    assert_non_null(w);
    jw_start(w, *f, depth);
    return w;
}

/* The same document built as a tree and written by a JsonW at `depth`
 * (-1: compact); the tree printed, its line breaks indented by depth. */
static void json_same(int depth) {
    char all[256]; /* every byte but NUL, and a long string */
    for (int i = 1; i < 256; i++)
        all[i - 1] = (char)i;
    all[255] = '\0';
    char *big = malloc(40000);
    assert_non_null(big);
    for (int i = 0; i < 39999; i++)
        big[i] = "a\"\n\x01\xe8\x80\x83"[i % 6];
    big[39999] = '\0';

    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "all", all);
    char mixed[400] = "0123456789abcdef\xe8\x80\x83\xe8\x80\x83 clean, then every byte: ";
    strcat(mixed, all);
    cJSON_AddStringToObject(o, "mixed", mixed);
    cJSON_AddStringToObject(o, "k\"e\ty", "big follows");
    cJSON_AddStringToObject(o, "big", big);
    cJSON_AddNullToObject(o, "none");
    cJSON_AddObjectToObject(o, "empty");
    cJSON_AddArrayToObject(o, "nothing");
    cJSON *arr = cJSON_AddArrayToObject(o, "list");
    cJSON_AddItemToArray(arr, cJSON_CreateString("x"));
    cJSON_AddItemToArray(arr, cJSON_CreateObject());
    cJSON *in = cJSON_CreateObject();
    cJSON_AddBoolToObject(in, "t", true);
    cJSON_AddNumberToObject(in, "n", -2013);
    cJSON_AddRawToObject(in, "d", "0.968");
    cJSON *deep = cJSON_AddArrayToObject(in, "deep");
    cJSON_AddItemToArray(deep, cJSON_CreateArray());
    cJSON_AddItemToArray(deep, cJSON_CreateFalse());
    cJSON_AddItemToArray(arr, in);
    cJSON_AddNumberToObject(o, "last", 0);
    char *t = depth >= 0 ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    assert_non_null(t);
    size_t want_len = 0;
    char *want = malloc(strlen(t) * 3 + 1);
    assert_non_null(want);
    for (const char *p = t; *p; p++) {
        want[want_len++] = *p;
        if (*p == '\n')
            for (int k = 0; k < depth; k++)
                want[want_len++] = '\t';
    }
    cJSON_free(t);

    char *got = NULL;
    size_t got_len = 0;
    FILE *f;
    JsonW *w = memory_writer(&f, &got, &got_len, depth);
    jw_object(w);
    jw_kstr(w, "all", all);
    jw_kstr(w, "mixed", mixed);
    jw_key(w, "k\"e\ty");
    jw_str(w, "big follows");
    jw_kstr(w, "big", big);
    jw_kstr(w, "none", NULL);
    jw_k(w, "empty");
    jw_object(w);
    jw_end_object(w);
    jw_k(w, "nothing");
    jw_array(w);
    jw_end_array(w);
    jw_k(w, "list");
    jw_array(w);
    jw_str(w, "x");
    jw_object(w);
    jw_end_object(w);
    jw_object(w);
    jw_kbool(w, "t", true);
    jw_kint(w, "n", -2013);
    Dec rate = {968, 1000}, zero = {0, 1};
    jw_kdec(w, "d", rate, 9);
    jw_k(w, "deep");
    jw_array(w);
    jw_array(w);
    jw_end_array(w);
    jw_bool(w, false);
    jw_end_array(w);
    jw_end_object(w);
    jw_end_array(w);
    jw_kdec(w, "last", zero, 2);
    jw_end_object(w);
    jw_flush(w);
    free(w);
    fclose(f);
    assert_int_equal(got_len, want_len);
    assert_memory_equal(got, want, want_len);
    free(got);
    free(want);
    free(big);
}

static void test_json_writer_compact(void **state) {
    (void)state;
    json_same(-1);
}

static void test_json_writer_formatted(void **state) {
    (void)state;
    json_same(0);
    json_same(2); /* a unit of the JSON document */
}

/* arena_printf joins plain %s, %d and %ld itself: the same text as printf,
 * and other formats still go to vsnprintf. */
static void test_plain_formats(void **state) {
    (void)state;
    Arena *a = arena_new();
    char want[256];
    snprintf(want, sizeof want, "%s (%s) %d, %ld%% %d", "考評", "", INT32_MIN, (long)INT64_MIN, 0);
    assert_string_equal(arena_printf(a, "%s (%s) %d, %ld%% %d", "考評", "", INT32_MIN, (long)INT64_MIN, 0), want);
    assert_string_equal(arena_printf(a, "no conversion"), "no conversion");
    assert_string_equal(arena_printf(a, "%d-%ld", INT32_MAX, (long)INT64_MAX), "2147483647-9223372036854775807");
    assert_string_equal(arena_printf(a, "%04d-%02d-%02d", 2013, 7, 1), "2013-07-01"); /* vsnprintf */
    assert_string_equal(arena_printf(a, "%s%s%s%s%s%s%s%s%s", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                        "123456789"); /* over 8 arguments: vsnprintf */
    assert_string_equal(arena_printf(a, "%2$s %1$s", "a", "b"), "b a");
    arena_free(a);
}

/* Whole numbers are written by the writer's own digits. */
static void test_json_writer_numbers(void **state) {
    (void)state;
    char *got = NULL;
    size_t len = 0;
    FILE *f;
    JsonW *w = memory_writer(&f, &got, &len, -1);
    jw_object(w);
    jw_kdec(w, "min", dec_int(INT64_MIN), 2);
    jw_kdec(w, "max", dec_int(INT64_MAX), 2);
    jw_kdec(w, "zero", dec_int(0), 2);
    jw_kdec(w, "ten", dec_int(10), 0);
    jw_kdec(w, "d", ((Dec){-7, 4}), 2);
    jw_k(w, "list");
    jw_array(w);
    jw_int(w, 99);
    jw_int(w, -100);
    jw_int(w, 5);
    jw_end_array(w);
    jw_end_object(w);
    jw_flush(w);
    free(w);
    fclose(f);
    assert_string_equal(got, "{\"min\":-9223372036854775808,\"max\":9223372036854775807,\"zero\":0,\"ten\":10,"
                             "\"d\":-1.75,\"list\":[99,-100,5]}");
    free(got);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_formats),
        cmocka_unit_test(test_json_writer_numbers),
        cmocka_unit_test(test_summary_page),
        cmocka_unit_test(test_summary_page_points_by_kind),
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_html_clip_by_columns),
        cmocka_unit_test(test_html_bar),
        cmocka_unit_test(test_json_writer_compact),
        cmocka_unit_test(test_json_writer_formatted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
