/* test_diag.c - cmocka unit tests for the diagnostic printer: records are
 * printed to a memory stream and compared byte for byte, so the caret's
 * alignment under ASCII, CJK (two columns) and tabs is pinned down. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct Fixture {
    Source src;
    DiagSink d;
} Fixture;

static int setup(void **state) {
    Fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    diag_init(&f->d);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    Fixture *f = *state;
    diag_free(&f->d);
    free(f->src.text);
    free(f);
    return 0;
}

static Source *src(void **state, const char *text) {
    Fixture *f = *state;
    free(f->src.text);
    f->src.path = "t.kp";
    f->src.text = strdup(text);
    assert_non_null(f->src.text);
    f->src.len = strlen(text);
    return &f->src;
}

static DiagSink *sink(void **state) {
    return &((Fixture *)*state)->d;
}

/* Span of the first occurrence of needle in the source text. */
static Span span_of(const Source *s, const char *needle) {
    const char *p = strstr(s->text, needle);
    assert_non_null(p);
    Span sp = {(uint32_t)(p - s->text), (uint32_t)(p - s->text + strlen(needle))};
    return sp;
}

/* Everything diag_print writes. */
static void assert_printed(const DiagSink *d, const char *want) {
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    diag_print(d, out);
    assert_int_equal(fclose(out), 0);
    bool same = strcmp(buf, want) == 0;
    if (!same) fprintf(stderr, "--- want\n%s--- got\n%s---\n", want, buf);
    free(buf);
    if (!same) fail_msg("diag_print wrote something else");
}

static void assert_position(const Source *s, uint32_t offset, int line, int col) {
    int l = 0, c = 0;
    diag_position(s, offset, &l, &c);
    assert_int_equal(l, line);
    assert_int_equal(c, col);
}

/* ---- carets ---------------------------------------------------------------- */

static void test_caret_ascii(void **state) {
    Source *s = src(state, "fact x: integer;\n");
    diag_at(sink(state), DIAG_ERROR, "K0201", s, span_of(s, "x"), "unknown fact 'x'");
    assert_printed(sink(state), "t.kp:1:6: error: unknown fact 'x'\n"
                                "  |\n"
                                "1 | fact x: integer;\n"
                                "  |      ^\n");
}

static void test_caret_after_cjk(void **state) {
    /* 黨委 is four columns: the caret stands under x, at column 11 */
    Source *s = src(state, "item 黨委 x;\n");
    Span sp = span_of(s, "x");
    assert_int_equal(sp.begin, 12);
    assert_position(s, sp.begin, 1, 11);
    diag_at(sink(state), DIAG_ERROR, "K0100", s, sp, "unexpected 'x'");
    assert_printed(sink(state), "t.kp:1:11: error: unexpected 'x'\n"
                                "  |\n"
                                "1 | item 黨委 x;\n"
                                "  |           ^\n");
}

static void test_caret_after_fullwidth_punctuation(void **state) {
    Source *s = src(state, "year 2013；total x；\n");
    diag_at(sink(state), DIAG_ERROR, "K0241", s, span_of(s, "x"), "bad total");
    assert_printed(sink(state), "t.kp:1:18: error: bad total\n"
                                "  |\n"
                                "1 | year 2013；total x；\n"
                                "  |                  ^\n");
}

static void test_caret_after_tab(void **state) {
    /* tabs are copied into the caret line, so it lines up in any terminal */
    Source *s = src(state, "\tx;\nab\ty;\n");
    assert_position(s, 1, 1, 9);
    assert_position(s, 7, 2, 9);
    diag_at(sink(state), DIAG_ERROR, "K0100", s, span_of(s, "x"), "first");
    diag_at(sink(state), DIAG_WARNING, "K0100", s, span_of(s, "y"), "second");
    assert_printed(sink(state), "t.kp:1:9: error: first\n"
                                "  |\n"
                                "1 | \tx;\n"
                                "  | \t^\n"
                                "t.kp:2:9: warning: second\n"
                                "  |\n"
                                "2 | ab\ty;\n"
                                "  |   \t^\n");
}

static void test_span_over_cjk(void **state) {
    /* two carets per wide character */
    Source *s = src(state, "fact 會議次數: integer;\n");
    diag_at(sink(state), DIAG_WARNING, "K0307", s, span_of(s, "會議次數"),
            "fact '會議次數' is declared but never used");
    assert_printed(sink(state), "t.kp:1:6: warning: fact '會議次數' is declared but never used\n"
                                "  |\n"
                                "1 | fact 會議次數: integer;\n"
                                "  |      ^^^^^^^^\n");
}

static void test_span_mixed_width(void **state) {
    Source *s = src(state, "  deduct 1 per 會議a2 below 4;\n");
    diag_at(sink(state), DIAG_ERROR, "K0201", s, span_of(s, "會議a2"), "unknown fact '會議a2'");
    assert_printed(sink(state), "t.kp:1:16: error: unknown fact '會議a2'\n"
                                "  |\n"
                                "1 |   deduct 1 per 會議a2 below 4;\n"
                                "  |                ^^^^^^\n");
}

static void test_span_stops_at_line_end(void **state) {
    /* a span over two lines: carets to the end of the first, none for the newline */
    Source *s = src(state, "a {\r\n  b }\r\n");
    Span sp = {2, 10};
    diag_at(sink(state), DIAG_ERROR, "K0100", s, sp, "two lines");
    assert_position(s, 7, 2, 3);
    assert_printed(sink(state), "t.kp:1:3: error: two lines\n"
                                "  |\n"
                                "1 | a {\n"
                                "  |   ^\n");
}

static void test_empty_span_at_end(void **state) {
    /* the end of a file without a final newline: one caret after the text */
    Source *s = src(state, "x\ny = 1");
    Span sp = {7, 7};
    diag_at(sink(state), DIAG_ERROR, "K0100", s, sp, "expected ';', found end of file");
    assert_printed(sink(state), "t.kp:2:6: error: expected ';', found end of file\n"
                                "  |\n"
                                "2 | y = 1\n"
                                "  |      ^\n");
}

static void test_label_help_and_gutter(void **state) {
    /* a label after the carets, a help line, and a two-digit line number */
    Source *s = src(state, "1\n2\n3\n4\n5\n6\n7\n8\n9\n    deduct 1 per meeting;\n");
    Diag *g = diag_at(sink(state), DIAG_ERROR, "K0201", s, span_of(s, "meeting"), "unknown fact 'meeting'");
    diag_label(sink(state), g, "not declared");
    diag_help(sink(state), g, "did you mean '%s'?", "meetings");
    assert_printed(sink(state), "t.kp:10:18: error: unknown fact 'meeting'\n"
                                "   |\n"
                                "10 |     deduct 1 per meeting;\n"
                                "   |                  ^^^^^^^ not declared\n"
                                "   = help: did you mean 'meetings'?\n");
}

static void test_invalid_bytes_shown(void **state) {
    /* a bad byte prints as '?' and takes one column, as in the caret line */
    Source *s = src(state, "// \xff\xfe x\n");
    Span sp = {3, 4};
    Diag *g = diag_at(sink(state), DIAG_ERROR, "K0101", s, sp, "the file is not valid UTF-8");
    diag_help(sink(state), g, "save the file as UTF-8");
    diag_at(sink(state), DIAG_ERROR, "K0102", s, span_of(s, "x"), "after");
    assert_printed(sink(state), "t.kp:1:4: error: the file is not valid UTF-8\n"
                                "  |\n"
                                "1 | // ?? x\n"
                                "  |    ^\n"
                                "  = help: save the file as UTF-8\n"
                                "t.kp:1:7: error: after\n"
                                "  |\n"
                                "1 | // ?? x\n"
                                "  |       ^\n");
}

static void test_control_character_shown(void **state) {
    /* Regression (was a bug in src/base/diag.c): print_line shows a C0 control byte as '?', one
     * column, but diag_position and the caret line count it as 0 columns
     * (width_codepoint), so everything after it on the line is pointed at
     * one column too far left: here the caret sits under '?' instead of 'b',
     * and the position reads 1:2 instead of 1:3. */
    Source *s = src(state, "a\x01"
                           "b;\n");
    diag_at(sink(state), DIAG_ERROR, "K0100", s, span_of(s, "b"), "after a control byte");
    assert_printed(sink(state), "t.kp:1:3: error: after a control byte\n"
                                "  |\n"
                                "1 | a?b;\n"
                                "  |   ^\n");
}

/* ---- records without a position ---------------------------------------------- */

static void test_no_span(void **state) {
    Source *s = src(state, "{}");
    Diag *g = diag_file(sink(state), DIAG_ERROR, "K0403", s, "the file is empty");
    diag_help(sink(state), g, "write a unit { ... }");
    diag_file(sink(state), DIAG_WARNING, "K0402", s, "unit \"%s\": unknown key", "東村");
    diag_file(sink(state), DIAG_ERROR, "K0001", NULL, "no rule file given");
    /* diag_at without a source has no position either */
    Span sp = {0, 1};
    diag_at(sink(state), DIAG_ERROR, "K0001", NULL, sp, "nothing to point at");
    assert_printed(sink(state), "t.kp: error: the file is empty\n"
                                "  = help: write a unit { ... }\n"
                                "t.kp: warning: unit \"東村\": unknown key\n"
                                "kaoping: error: no rule file given\n"
                                "kaoping: error: nothing to point at\n");
    assert_int_equal(sink(state)->errors, 3);
    assert_int_equal(sink(state)->warnings, 1);
}

static void test_source_read_missing(void **state) {
    Source s;
    assert_false(source_read(&s, "/nonexistent/dir/rules.kp", 1 << 20, sink(state)));
    assert_int_equal(sink(state)->errors, 1);
    assert_string_equal(sink(state)->head->code, "K0001");
    assert_printed(sink(state), "/nonexistent/dir/rules.kp: error: cannot open file: No such file or directory\n");
}

/* ---- too many errors ------------------------------------------------------------ */

static void test_too_many_errors(void **state) {
    DiagSink *d = sink(state);
    for (int i = 1; i <= 25; i++) {
        Diag *g = diag_file(d, DIAG_ERROR, "K0100", NULL, "error %d", i);
        if (i <= 20)
            assert_non_null(g);
        else
            assert_null(g);
        /* labels and help on a dropped record are ignored */
        diag_help(d, g, "help %d", i);
    }
    assert_int_equal(d->errors, 25);
    assert_true(diag_too_many(d));
    char want[4096] = "";
    size_t w = 0;
    for (int i = 1; i <= 20; i++)
        w += (size_t)snprintf(want + w, sizeof want - w, "kaoping: error: error %d\n  = help: help %d\n", i, i);
    snprintf(want + w, sizeof want - w, "kaoping: error: too many errors; stopping after 20\n");
    assert_printed(d, want);
}

static void test_twenty_errors_is_not_too_many(void **state) {
    DiagSink *d = sink(state);
    for (int i = 0; i < 20; i++)
        diag_file(d, DIAG_ERROR, "K0100", NULL, "e");
    assert_false(diag_too_many(d));
    for (int i = 0; i < 3; i++)
        diag_file(d, DIAG_WARNING, "K0307", NULL, "w");
    assert_false(diag_too_many(d));
    assert_int_equal(d->warnings, 3);
    d->max_errors = 2; /* a smaller limit */
    diag_file(d, DIAG_ERROR, "K0100", NULL, "e");
    assert_true(diag_too_many(d));
}

/* ---- positions -------------------------------------------------------------------- */

static void test_positions(void **state) {
    Source *s = src(state, "ab\n黨委x\n\tz\n");
    assert_position(s, 0, 1, 1);
    assert_position(s, 2, 1, 3); /* the newline itself */
    assert_position(s, 3, 2, 1);
    assert_position(s, 9, 2, 5);  /* x after two wide characters */
    assert_position(s, 12, 3, 9); /* z after a tab */
    assert_position(s, 99, 4, 1); /* past the end: clamped */
}

int main(void) {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_caret_ascii),
        T(test_caret_after_cjk),
        T(test_caret_after_fullwidth_punctuation),
        T(test_caret_after_tab),
        T(test_span_over_cjk),
        T(test_span_mixed_width),
        T(test_span_stops_at_line_end),
        T(test_empty_span_at_end),
        T(test_label_help_and_gutter),
        T(test_invalid_bytes_shown),
        T(test_control_character_shown),
        T(test_no_span),
        T(test_source_read_missing),
        T(test_too_many_errors),
        T(test_twenty_errors_is_not_too_many),
        T(test_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
