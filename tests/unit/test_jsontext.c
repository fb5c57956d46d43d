/* test_jsontext.c - cmocka unit tests for the second reading of JSON text:
 * numbers keep their digits, containers their offsets, and text that is
 * not strict JSON is refused with its reason at its place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "load.h"
#include "load_jsontext.h"

/* Parses text as a data file would be; NULL when refused (*first: why). */
static cJSON *parse(const char *text, DiagSink *d) {
    static Source src;
    src = (Source){.path = "t.json", .text = (char *)text, .len = strlen(text)};
    diag_init(d);
    return load_json_parse(&src, d, false);
}

static void test_digits_kept(void **state) {
    (void)state;
    DiagSink d;
    cJSON *j = parse("{\"a\": 0.30000000000000004, \"b\": [9007199254740993, -1e-7], \"c\": \"9\"}", &d);
    assert_non_null(j);
    assert_string_equal(jtext_digits(cJSON_GetObjectItem(j, "a")), "0.30000000000000004");
    const cJSON *b = cJSON_GetObjectItem(j, "b");
    assert_string_equal(jtext_digits(b->child), "9007199254740993");
    assert_string_equal(jtext_digits(b->child->next), "-1e-7");
    assert_true(jtext_is_number(b->child));
    assert_null(jtext_digits(cJSON_GetObjectItem(j, "c"))); /* a string is no number */
    /* printed back as written */
    char *out = cJSON_PrintUnformatted(b);
    assert_string_equal(out, "[9007199254740993,-1e-7]");
    cJSON_free(out);
    uint32_t off = 0;
    assert_true(jtext_offset(b, &off));
    assert_int_equal(off, 32); /* its [ */
    assert_true(jtext_offset(j, &off));
    assert_int_equal(off, 0);
    cJSON_Delete(j);
    diag_free(&d);
}

/* The message of the one error text gets, and where it points. */
static void refused(const char *text, const char *msg_part, uint32_t at) {
    DiagSink d;
    cJSON *j = parse(text, &d);
    assert_null(j);
    assert_non_null(d.head);
    assert_int_equal(d.errors, 1);
    if (!strstr(d.head->msg, msg_part)) fail_msg("'%s' lacks '%s'", d.head->msg, msg_part);
    assert_true(d.head->has_span);
    assert_int_equal(d.head->span.begin, at);
    diag_free(&d);
}

static void test_refused(void **state) {
    (void)state;
    refused("{\"a\": 1,}", "a comma before '}'", 7);
    refused("[1, 2,]", "a comma before ']'", 5);
    refused("{\"a\": [1, 2", "ends before the '[' opened at line 1, column 7", 10);
    refused("{\"a\": \"xy", "ends before the '\"' opened at line 1, column 7", 8);
    refused("{\"a\": tru\n", "ends before the '{'", 8);
    refused("{\"a\": \"\\ud800\"}", "half of a UTF-16 surrogate pair", 7);
    refused("{\"a\": \"\\udc00\\ud800\"}", "'\\udc00'", 7);
    refused("{\"a\": \"\\u12\"}", "four hex digits", 7);
    refused("{\"a\": \"\\x\"}", "not an escape", 7);
    refused("{\"a\": 01}", "'01' is not a number", 6);
    refused("{\"a\": .5}", "'.5' is not a number", 6);
    refused("{\"a\": +1}", "'+1' is not a number", 6);
    refused("[1234567890123456789012345678901234567890123456789012345678901]", "more than 60 characters", 1);
    refused("{\"a\": -}", "'-' is not a number", 6);
    refused("{\"a\": 1.}", "'1.' is not a number", 6);
    refused("{\"a\": \"x\ty\"}", "a tab inside quotes", 8);
    refused("{\"a\" 1}", "unexpected '1'", 5);
    refused("{\"a\": 1} {}", "more data after the end", 9);
}

static void test_accepted(void **state) {
    (void)state;
    const char *ok[] = {"{}",
                        "[]",
                        " [ {\"a\": [true, false, null]} ] ",
                        "{\"a\": \"\\ud83d\\ude00 \\u4e2d\\n\"}",
                        "{\"a\": -0.5e+3}",
                        "0",
                        "\"x\""};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        DiagSink d;
        cJSON *j = parse(ok[i], &d);
        if (!j) fail_msg("refused %s: %s", ok[i], d.head ? d.head->msg : "?");
        cJSON_Delete(j);
        diag_free(&d);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits_kept),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
