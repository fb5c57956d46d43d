/* test_api.c - cmocka tests of libkaoping's public API (include/kaoping.h):
 * loading standards from a string, a file and a folder; diagnostics as
 * records; scoring rules/2013.kp; parts and rules by number; rendering to
 * a buffer and to a workbook; misuse (NULL, freed and mismatched handles)
 * and out of memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "kaoping.h"

static const char *mini =
    "standard \"mini\" {\n"
    "  year 2013; total 20;\n"
    "  grade \"ok\" >= 16; grade \"bad\" otherwise;\n"
    "}\n"
    "fact meetings: integer \"meetings\" in 0..52 default 0;\n"
    "fact turnout: percent \"turnout\" in 0%..100%;\n"
    "category c5 \"c\" number \"5\" points 20 {\n"
    "  item p5_1 \"one\" number \"5.1\" points 10 { deduct 2 per meetings below 4 number \"5.1a\"; }\n"
    "  item p5_2 \"two\" number \"5.2\" points 10 { deduct 1 per turnout below 95% pro_rata; }\n"
    "}\n";
static const char *unit = "{\"name\": \"east\", \"year\": 2013, \"facts\": {\"meetings\": 2, \"turnout\": 91.5}}";

static kp_standard *load_mini(void) {
    kp_standard *s = NULL;
    assert_int_equal(kp_standard_load_string("mini.kp", mini, strlen(mini), 0, &s), KP_OK);
    assert_non_null(s);
    return s;
}

static void string_standard_scores(void **state) {
    (void)state;
    kp_standard *s = load_mini();
    kp_standard_info info;
    assert_int_equal(kp_standard_get_info(s, &info), KP_OK);
    assert_string_equal(info.title, "mini");
    assert_int_equal(info.year, 2013);
    assert_string_equal(info.total, "20");
    assert_int_equal(info.categories, 1);
    assert_int_equal(info.items, 2);
    kp_unit *u;
    assert_int_equal(kp_unit_load_json(s, "east.json", unit, strlen(unit), &u), KP_OK);
    assert_string_equal(kp_unit_name(u), "east");
    kp_result *r;
    assert_int_equal(kp_score(s, u, NULL, &r), KP_OK);
    assert_string_equal(kp_result_total(r), "12.5");
    assert_string_equal(kp_result_grade(r), "bad");
    assert_int_equal(kp_result_pass(r), 0);
    kp_part p;
    assert_int_equal(kp_result_part(r, "5.1", &p), KP_OK);
    assert_string_equal(p.id, "p5_1");
    assert_string_equal(p.score, "6");
    assert_string_equal(p.lost, "4");
    assert_string_equal(p.kind, "item");
    assert_int_equal(kp_result_part(r, "c5", &p), KP_OK);
    assert_string_equal(p.score, "12.5");
    assert_string_equal(p.points, "20");
    assert_int_equal(kp_result_part(r, "9.9", &p), KP_ERROR);
    kp_rule rule;
    assert_int_equal(kp_result_rule(r, "5.1a", &rule), KP_OK);
    assert_string_equal(rule.amount, "-4");
    assert_int_equal(rule.fired, 1);
    assert_string_equal(rule.item_id, "p5_1");
    assert_int_equal(kp_result_rect_count(r), 2);
    kp_rect e;
    assert_int_equal(kp_result_rect_at(r, 1, &e), KP_OK);
    assert_string_equal(e.item_id, "p5_2");
    assert_string_equal(e.lost, "3.5");
    assert_string_equal(e.todo, "raise turnout (turnout) to 95%");
    char *buf;
    size_t len;
    assert_int_equal(kp_render(r, KP_FORMAT_TEXT, &buf, &len), KP_OK);
    assert_non_null(strstr(buf, "Total    12.5 of 20"));
    assert_int_equal(strlen(buf), len);
    kp_free(buf);
    assert_int_equal(kp_render(r, KP_FORMAT_JSON, &buf, NULL), KP_OK);
    assert_non_null(strstr(buf, "\"total\":\t12.5"));
    kp_free(buf);
    kp_format f;
    assert_int_equal(kp_format_from_name("csv", &f), KP_OK);
    assert_int_equal(f, KP_FORMAT_CSV);
    assert_int_equal(kp_render(r, f, &buf, NULL), KP_OK);
    kp_free(buf);
    assert_int_equal(kp_render(r, KP_FORMAT_XLSX, &buf, NULL), KP_MISUSE);
    /* a workbook, through libxlsxwriter loaded at this first need: a zip archive */
    char path[] = "/tmp/kaoping-test-api-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(kp_render_xlsx(r, path), KP_OK);
    char magic[4] = "";
    FILE *x = fopen(path, "rb");
    assert_non_null(x);
    assert_int_equal(fread(magic, 1, 4, x), 4);
    fclose(x);
    unlink(path);
    assert_memory_equal(magic, "PK\3\4", 4);
    /* freed in any order: the result holds its unit and standard */
    kp_standard_free(s);
    kp_unit_free(u);
    assert_string_equal(kp_result_total(r), "12.5");
    kp_result_free(r);
}

static void standard_diagnostics(void **state) {
    (void)state;
    const char *bad = "standard \"x\" {\n  year 2013; total 20;\n}\nfact a: integer \"a\" in 0..5;\n"
                      "category c \"c\" points 20 {\n  item i \"i\" points 20 { deduct 2 per nosuch below 4; }\n}\n";
    kp_standard *s;
    assert_int_equal(kp_standard_load_string("bad.kp", bad, strlen(bad), 0, &s), KP_ERROR);
    assert_non_null(s);
    const kp_diags *d = kp_standard_diags(s);
    assert_true(kp_diags_errors(d) >= 1);
    kp_diag g;
    assert_int_equal(kp_diags_get(d, 0, &g), KP_OK);
    assert_string_equal(g.file, "bad.kp");
    assert_int_equal(g.line, 6);
    assert_int_equal(g.column, 39);
    assert_int_equal(g.severity, KP_SEVERITY_ERROR);
    assert_string_equal(g.message, "unknown fact 'nosuch'");
    assert_string_equal(g.help, "declare it first: fact nosuch: integer \"label\";");
    assert_int_equal(kp_diags_get(d, 1, &g), KP_OK);
    assert_int_equal(g.line, 4);
    assert_int_equal(g.column, 6);
    assert_int_equal(g.severity, KP_SEVERITY_WARNING);
    assert_string_equal(g.message, "fact 'a' is declared but never used");
    assert_int_equal(kp_diags_errors(d), 1);
    assert_int_equal(kp_diags_warnings(d), 1);
    assert_int_equal(kp_diags_get(d, 99, &g), KP_MISUSE);
    /* a standard with errors cannot load units */
    kp_unit *u;
    assert_int_equal(kp_unit_load_json(s, NULL, unit, strlen(unit), &u), KP_MISUSE);
    assert_null(u);
    kp_standard_free(s);
}

/* Data that breaks a 'require': the error is at the unit, the help names
 * where the standard states the requirement. */
static void rejected_unit(void **state) {
    (void)state;
    kp_standard *s;
    assert_int_equal(kp_standard_load_file("tests/e2e/cases/lang-require/rules.kp", 0, &s), KP_OK);
    const char *data = "{\"name\": \"超出\", \"facts\": {\"incidents\": 1, \"serious\": 2}}";
    kp_unit *u;
    assert_int_equal(kp_unit_load_json(s, "over.json", data, strlen(data), &u), KP_OK);
    kp_result *r;
    assert_int_equal(kp_score(s, u, NULL, &r), KP_ERROR);
    const kp_diags *d = kp_result_diags(r);
    assert_int_equal(kp_diags_errors(d), 1);
    kp_diag g;
    assert_int_equal(kp_diags_get(d, 0, &g), KP_OK);
    assert_string_equal(g.file, "over.json");
    assert_int_equal(g.line, 1);
    assert_int_equal(g.column, 1);
    assert_string_equal(g.code, "K0401");
    assert_string_equal(g.message,
                        "unit \"超出\": its data breaks the requirement serious <= incidents: 其中數不能大於總數");
    assert_string_equal(g.help, "the requirement is at tests/e2e/cases/lang-require/rules.kp:14:1");
    kp_result_free(r);
    kp_unit_free(u);
    kp_standard_free(s);
}

static void file_and_folder(void **state) {
    (void)state;
    kp_standard *s;
    assert_int_equal(kp_standard_load_file("rules/2013.kp", KP_LOAD_TESTS, &s), KP_OK);
    kp_unit *u;
    assert_int_equal(kp_unit_load_file(s, "examples/village-dongcun.json", &u), KP_OK);
    kp_result *r;
    assert_int_equal(kp_score(s, u, NULL, &r), KP_OK);
    assert_string_equal(kp_result_total(r), "833.4");
    assert_string_equal(kp_result_grade(r), "合格");
    kp_part p;
    assert_int_equal(kp_result_part(r, "p5_2", &p), KP_OK);
    assert_string_equal(p.lost, "4");
    kp_result_free(r);
    kp_unit_free(u);
    kp_standard_free(s);

    assert_int_equal(kp_standard_load_file("no/such.kp", 0, &s), KP_ERROR);
    kp_diag g;
    assert_int_equal(kp_diags_get(kp_standard_diags(s), 0, &g), KP_OK);
    assert_string_equal(g.code, "K0001");
    assert_int_equal(g.line, 0);
    kp_standard_free(s);

    assert_int_equal(kp_standard_load_dir("rules", 0, &s), KP_OK);
    kp_standard_info info;
    assert_int_equal(kp_standard_get_info(s, &info), KP_OK);
    assert_int_equal(info.year, 2014);
    assert_int_equal(kp_unit_load_file(s, "examples/village-dongcun.json", &u), KP_OK); /* 2013's standard */
    assert_int_equal(kp_score(s, u, NULL, &r), KP_OK);
    assert_string_equal(kp_result_total(r), "833.4");
    kp_result_free(r);
    kp_unit_free(u);
    kp_standard_free(s);
}

static void unit_diagnostics(void **state) {
    (void)state;
    kp_standard *s = load_mini();
    const char *bad = "{\"name\": \"w\",\n \"facts\": {\"meetings\": \"two\", \"turnout\": 90}}";
    kp_unit *u;
    assert_int_equal(kp_unit_load_json(s, "w.json", bad, strlen(bad), &u), KP_ERROR);
    kp_diag g;
    assert_int_equal(kp_diags_get(kp_unit_diags(u), 0, &g), KP_OK);
    assert_string_equal(g.file, "w.json");
    assert_int_equal(g.line, 2);
    assert_int_equal(g.severity, KP_SEVERITY_ERROR);
    kp_result *r;
    assert_int_equal(kp_score(s, u, NULL, &r), KP_ERROR);
    assert_int_equal(kp_result_scored(r), 0);
    assert_null(kp_result_total(r));
    kp_result_free(r);
    kp_unit_free(u);
    assert_int_equal(kp_unit_load_json(s, "x", "[1, 2]", 6, &u), KP_ERROR);
    assert_int_equal(kp_diags_get(kp_unit_diags(u), 0, &g), KP_OK);
    assert_string_equal(g.code, "K0420");
    kp_unit_free(u);
    assert_int_equal(kp_unit_load_json(s, "x", "{", 1, &u), KP_ERROR);
    kp_unit_free(u);
    kp_standard_free(s);
}

static void misuse(void **state) {
    (void)state;
    kp_result *r = (kp_result *)1;
    assert_int_equal(kp_score(NULL, NULL, NULL, &r), KP_MISUSE);
    assert_null(r);
    assert_non_null(strstr(kp_last_error(), "NULL"));
    assert_int_equal(kp_standard_load_file(NULL, 0, &(kp_standard *){NULL}), KP_MISUSE);
    assert_int_equal(kp_diags_print(NULL, stderr), KP_MISUSE);
    assert_null(kp_result_total(NULL));
    assert_int_equal(kp_result_part_count(NULL), 0);
    assert_int_equal(kp_set_language("klingon"), KP_MISUSE);
    kp_standard_free(NULL);
    kp_unit_free(NULL);
    kp_result_free(NULL);
    /* a unit of another standard */
    kp_standard *a = load_mini(), *b = load_mini();
    kp_unit *u;
    assert_int_equal(kp_unit_load_json(a, NULL, unit, strlen(unit), &u), KP_OK);
    assert_int_equal(kp_score(b, u, NULL, &r), KP_MISUSE);
    assert_null(r);
    assert_non_null(strstr(kp_last_error(), "another standard"));
    /* a freed handle, still held by the unit: detected */
    kp_standard_free(a);
    assert_int_equal(kp_score(a, u, NULL, &r), KP_MISUSE);
    assert_non_null(strstr(kp_last_error(), "freed"));
    assert_null(kp_standard_diags(a));
    kp_result *ok;
    assert_int_equal(kp_score(b, u, &(kp_score_options){"2013-99-01", -1}, &ok), KP_MISUSE);
    kp_unit_free(u);
    kp_standard_free(b);
}

/* A report of every format, with the n-th allocation failing for every n
 * a report makes: KP_NOMEM and nothing leaked (LeakSanitizer), no workbook
 * cut short left behind. */
static void render_out_of_memory(void **state) {
    (void)state;
    kp_standard *s = NULL;
    assert_int_equal(kp_standard_load_string("mini.kp", mini, strlen(mini), 0, &s), KP_OK);
    kp_unit *u = NULL;
    assert_int_equal(kp_unit_load_json(s, NULL, unit, strlen(unit), &u), KP_OK);
    kp_result *r = NULL;
    assert_int_equal(kp_score(s, u, NULL, &r), KP_OK);
    char book[64];
    snprintf(book, sizeof book, "/tmp/kp-render-oom-%d.xlsx", (int)getpid());
    int nomem = 0;
    for (long n = 0; n < 400; n++) {
        for (kp_format fmt = KP_FORMAT_TEXT; fmt <= KP_FORMAT_CSV; fmt++) {
            char *text = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&text, &len);
            assert_non_null(f);
            arena_fail_after(n);
            kp_status st = kp_render_file(r, fmt, f);
            arena_fail_after(-1);
            assert_true(st == KP_OK || st == KP_NOMEM);
            nomem += st == KP_NOMEM;
            fclose(f);
            free(text);
        }
        unlink(book);
        arena_fail_after(n);
        kp_status st = kp_render_xlsx(r, book);
        arena_fail_after(-1);
        if (st == KP_NOMEM) assert_int_equal(access(book, F_OK), -1);
        nomem += st == KP_NOMEM;
        unlink(book);
    }
    assert_true(nomem > 0); /* it did run out */
    kp_result_free(r);
    kp_unit_free(u);
    kp_standard_free(s);
}

static void out_of_memory(void **state) {
    (void)state;
    /* the n-th allocation fails, at many points of a load and a score */
    int nomem = 0;
    for (long n = 0; n < 400; n += 7) {
        kp_standard *s = NULL;
        arena_fail_after(n);
        kp_status st = kp_standard_load_string("mini.kp", mini, strlen(mini), 0, &s);
        arena_fail_after(-1);
        if (st == KP_NOMEM) {
            nomem++;
            assert_null(s);
            assert_string_equal(kp_last_error(), "out of memory");
            continue;
        }
        assert_int_equal(st, KP_OK);
        kp_unit *u = NULL;
        arena_fail_after(n / 4);
        st = kp_unit_load_json(s, NULL, unit, strlen(unit), &u);
        arena_fail_after(-1);
        if (st == KP_OK) {
            kp_result *r = NULL;
            arena_fail_after(n / 8);
            st = kp_score(s, u, NULL, &r);
            arena_fail_after(-1);
            assert_true(st == KP_OK || st == KP_NOMEM);
            if (st == KP_OK) assert_string_equal(kp_result_total(r), "12.5");
            if (st == KP_OK) { /* and its report: nothing leaks when it runs out */
                char *text = NULL;
                size_t len = 0;
                FILE *f = open_memstream(&text, &len);
                assert_non_null(f);
                for (kp_format fmt = KP_FORMAT_TEXT; fmt <= KP_FORMAT_CSV; fmt++) {
                    arena_fail_after(n / 16);
                    kp_status rs = kp_render_file(r, fmt, f);
                    arena_fail_after(-1);
                    assert_true(rs == KP_OK || rs == KP_NOMEM);
                }
                char book[64];
                snprintf(book, sizeof book, "/tmp/kp-oom-%d.xlsx", (int)getpid());
                unlink(book);
                arena_fail_after(n / 16);
                kp_status xs = kp_render_xlsx(r, book);
                arena_fail_after(-1);
                if (xs == KP_NOMEM) assert_int_equal(access(book, F_OK), -1); /* nothing cut short is left */
                unlink(book);
                fclose(f);
                free(text);
            }
            kp_result_free(r);
        } else {
            assert_int_equal(st, KP_NOMEM);
        }
        kp_unit_free(u);
        kp_standard_free(s);
    }
    assert_true(nomem > 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(string_standard_scores), cmocka_unit_test(standard_diagnostics),
        cmocka_unit_test(file_and_folder),        cmocka_unit_test(rejected_unit),
        cmocka_unit_test(unit_diagnostics),       cmocka_unit_test(misuse),
        cmocka_unit_test(out_of_memory),          cmocka_unit_test(render_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
