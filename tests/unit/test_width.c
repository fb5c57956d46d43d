/* test_width.c - cmocka unit tests for UTF-8 decoding and display width. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "width.h"

static size_t w(const char *s) {
    return width_advance(s, strlen(s), 0);
}

static void test_ascii(void **state) {
    (void)state;
    assert_int_equal(width_str(""), 0);
    assert_int_equal(width_str("hello"), 5);
    assert_int_equal(width_str("a b~"), 4);
    assert_int_equal(width_advance("abc", 3, 10), 13);
    assert_int_equal(width_advance("abc", 0, 4), 4);
    assert_int_equal(width_codepoint('A'), 1);
    assert_int_equal(width_codepoint(' '), 1);
    assert_int_equal(width_codepoint(0x07), 0);
    assert_int_equal(width_codepoint(0x00), 0);
    assert_int_equal(width_codepoint(0x7F), 0);
    assert_int_equal(width_codepoint(0x85), 0);
    assert_int_equal(width_codepoint(0xE9), 1);
}

static void test_cjk(void **state) {
    (void)state;
    assert_int_equal(width_str("考評"), 4);
    assert_int_equal(width_str("a考b"), 4);
    assert_int_equal(width_str("；"), 2); /* U+FF1B fullwidth semicolon */
    assert_int_equal(width_str("。、"), 4);
    assert_int_equal(width_str("ｱ"), 1); /* U+FF71 halfwidth katakana */
    assert_int_equal(width_str("한국어"), 6);
    assert_int_equal(width_str("ひらがなカタカナ"), 16);
    assert_int_equal(width_codepoint(0x3000), 2);
    assert_int_equal(width_codepoint(0x303E), 2);
    assert_int_equal(width_codepoint(0x4E00), 2);
    assert_int_equal(width_codepoint(0x9FFF), 2);
    assert_int_equal(width_codepoint(0x3400), 2);  /* ext A */
    assert_int_equal(width_codepoint(0x20000), 2); /* ext B */
    assert_int_equal(width_codepoint(0x2A700), 2); /* ext C */
    assert_int_equal(width_codepoint(0x30000), 2); /* ext G */
    assert_int_equal(width_codepoint(0xAC00), 2);
    assert_int_equal(width_codepoint(0xD7A3), 2);
    assert_int_equal(width_codepoint(0x1100), 2);
    assert_int_equal(width_codepoint(0xFF01), 2);
    assert_int_equal(width_codepoint(0xFF60), 2);
    assert_int_equal(width_codepoint(0xFF61), 1);
    assert_int_equal(width_codepoint(0xFFE0), 2);
    assert_int_equal(width_codepoint(0xFFE6), 2);
    assert_int_equal(width_codepoint(0xFFE8), 1);
    assert_int_equal(width_codepoint(0x0410), 1); /* Cyrillic */
    assert_int_equal(width_codepoint(0x10FFFF), 1);
}

static void test_tab(void **state) {
    (void)state;
    assert_int_equal(width_advance("\t", 1, 3), 8);
    assert_int_equal(width_advance("\t", 1, 0), 8);
    assert_int_equal(width_advance("\t", 1, 7), 8);
    assert_int_equal(width_advance("\t", 1, 8), 16);
    assert_int_equal(w("ab\tc"), 9);
    assert_int_equal(w("考\t"), 8);
    assert_int_equal(width_str("\t\t"), 16);
}

static void test_zero_width(void **state) {
    (void)state;
    assert_int_equal(width_codepoint(0x0301), 0);
    assert_int_equal(width_str("e\xCC\x81"), 1);    /* e + U+0301 */
    assert_int_equal(width_str("\xE2\x80\x8B"), 0); /* U+200B */
    assert_int_equal(width_codepoint(0x200D), 0);
    assert_int_equal(width_codepoint(0x2060), 0);
    assert_int_equal(width_codepoint(0xFEFF), 0);
    assert_int_equal(width_codepoint(0xFE00), 0);
    assert_int_equal(width_codepoint(0xFE0F), 0);
    assert_int_equal(width_codepoint(0xE0100), 0);
    assert_int_equal(width_codepoint(0xE01EF), 0);
    assert_int_equal(width_codepoint(0x0483), 0);
    assert_int_equal(width_codepoint(0x0591), 0);
    assert_int_equal(width_codepoint(0x1AB0), 0);
    assert_int_equal(width_codepoint(0x1DC0), 0);
    assert_int_equal(width_codepoint(0x20D0), 0);
    assert_int_equal(width_codepoint(0xFE20), 0);
    assert_int_equal(width_codepoint(0x3099), 0); /* combining kana mark */
    assert_int_equal(width_codepoint(0x036F), 0);
    assert_int_equal(width_codepoint(0x0370), 1);
    /* embedded NUL counts 0 like other controls */
    assert_int_equal(width_advance("a\0b", 3, 0), 2);
}

static void test_emoji(void **state) {
    (void)state;
    uint32_t cp = 0;
    const char *grin = "\xF0\x9F\x98\x80"; /* U+1F600 */
    assert_int_equal(utf8_decode(grin, 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(width_codepoint(cp), 2);
    assert_int_equal(width_str(grin), 2);
    assert_int_equal(width_str("ok\xF0\x9F\x91\x8D"), 4); /* U+1F44D */
    assert_int_equal(width_codepoint(0x1F300), 2);
    assert_int_equal(width_codepoint(0x1F64F), 2);
    assert_int_equal(width_codepoint(0x1F914), 2);
    assert_int_equal(width_codepoint(0x1F9FF), 2);
    assert_int_equal(width_codepoint(0x1FA70), 2);
    assert_int_equal(width_codepoint(0x2705), 2);
}

static void test_decode_valid(void **state) {
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("\xC2\x80", 2, &cp), 2);
    assert_int_equal(cp, 0x80);
    assert_int_equal(utf8_decode("\xDF\xBF", 2, &cp), 2);
    assert_int_equal(cp, 0x7FF);
    assert_int_equal(utf8_decode("考", 3, &cp), 3);
    assert_int_equal(cp, 0x8003);
    assert_int_equal(utf8_decode("\xEF\xBF\xBF", 3, &cp), 3);
    assert_int_equal(cp, 0xFFFF);
    assert_int_equal(utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    assert_int_equal(utf8_decode("\xED\x9F\xBF", 3, &cp), 3); /* U+D7FF */
    assert_int_equal(cp, 0xD7FF);
    assert_int_equal(utf8_decode("\xEE\x80\x80", 3, &cp), 3); /* U+E000 */
    assert_int_equal(cp, 0xE000);
    size_t bad = 99;
    const char *s = "考評 ok 😀";
    assert_true(utf8_valid(s, strlen(s), &bad));
    assert_int_equal(bad, 99);
    assert_true(utf8_valid("", 0, &bad));
    assert_true(utf8_valid("abc", 3, NULL));
}

static void assert_rejected(const char *s, size_t len) {
    uint32_t cp = 0x41;
    size_t bad = 99;
    assert_int_equal(utf8_decode(s, len, &cp), 0);
    assert_int_equal(cp, 0x41);
    assert_false(utf8_valid(s, len, &bad));
    assert_int_equal(bad, 0);
}

static void test_decode_invalid(void **state) {
    (void)state;
    assert_rejected("\xFF", 1);
    assert_rejected("\xC0\x80", 2);         /* overlong NUL */
    assert_rejected("\xC1\xBF", 2);         /* overlong */
    assert_rejected("\xE0\x80\x80", 3);     /* overlong 3-byte */
    assert_rejected("\xE0\x9F\xBF", 3);     /* overlong U+07FF */
    assert_rejected("\xF0\x80\x80\x80", 4); /* overlong 4-byte */
    assert_rejected("\xF0\x8F\xBF\xBF", 4); /* overlong U+FFFF */
    assert_rejected("\xED\xA0\x80", 3);     /* surrogate U+D800 */
    assert_rejected("\xED\xBF\xBF", 3);     /* surrogate U+DFFF */
    assert_rejected("\xF4\x90\x80\x80", 4); /* U+110000 */
    assert_rejected("\xF5\x80\x80\x80", 4); /* bad lead */
    assert_rejected("\x80", 1);             /* lone continuation */
    assert_rejected("\xE8\x80", 2);         /* truncated */
    assert_rejected("\xE8\x80\x41", 3);     /* bad continuation */
    assert_rejected("\xF0\x9F\x98", 3);     /* truncated emoji */
    uint32_t cp;
    assert_int_equal(utf8_decode("", 0, &cp), 0);
    /* a valid sequence is only decoded within len */
    assert_int_equal(utf8_decode("考", 2, &cp), 0);
}

static void test_invalid_offsets(void **state) {
    (void)state;
    size_t bad = 0;
    assert_false(utf8_valid("a\xFF"
                            "b",
                            3, &bad));
    assert_int_equal(bad, 1);
    assert_false(utf8_valid("考評\xC0\x80", 8, &bad));
    assert_int_equal(bad, 6);
    assert_false(utf8_valid("ab\xED\xA0\x80", 5, &bad));
    assert_int_equal(bad, 2);
    assert_false(utf8_valid("xyz\xE8\x80", 5, &bad));
    assert_int_equal(bad, 3);
    assert_true(utf8_valid("a\xFF", 1, &bad)); /* bad byte beyond len */
    /* each invalid byte counts one column */
    assert_int_equal(width_str("\xFF"), 1);
    assert_int_equal(width_str("a\xFF"
                               "b"),
                     3);
    assert_int_equal(width_str("\xC0\x80"), 2);
    assert_int_equal(width_str("\xE8\x80"), 2); /* truncated CJK */
    assert_int_equal(width_str("\xED\xA0\x80"), 3);
    assert_int_equal(width_advance("\xFF\t", 2, 0), 8);
}

/* a cut made by bytes keeps whole characters only */
static void test_whole(void **state) {
    (void)state;
    const char *s = "ab中文"; /* 2 + 3 + 3 bytes */
    assert_int_equal(utf8_whole(s, 8), 8);
    assert_int_equal(utf8_whole(s, 7), 5); /* 文 cut short */
    assert_int_equal(utf8_whole(s, 6), 5);
    assert_int_equal(utf8_whole(s, 5), 5);
    assert_int_equal(utf8_whole(s, 3), 2); /* 中 cut short */
    assert_int_equal(utf8_whole(s, 2), 2);
    assert_int_equal(utf8_whole(s, 0), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii),
        cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_tab),
        cmocka_unit_test(test_zero_width),
        cmocka_unit_test(test_emoji),
        cmocka_unit_test(test_decode_valid),
        cmocka_unit_test(test_decode_invalid),
        cmocka_unit_test(test_invalid_offsets),
        cmocka_unit_test(test_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
