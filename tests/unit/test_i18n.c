/* test_i18n.c - cmocka unit tests for choosing the language of messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"

static void clear_env(void) {
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    unsetenv("LANGUAGE");
}

static const char *with_lang(const char *lang) {
    clear_env();
    assert_true(i18n_init(lang));
    return i18n_language();
}

static void test_lang_option(void **state) {
    (void)state;
    assert_string_equal(with_lang("en"), "en");
    assert_string_equal(with_lang("zh-hans"), "zh_CN");
    assert_string_equal(with_lang("zh-Hans-CN"), "zh_CN");
    assert_string_equal(with_lang("zh"), "zh_CN");
    assert_string_equal(with_lang("zh_CN.UTF-8"), "zh_CN");
    assert_string_equal(with_lang("zh_SG"), "zh_CN");
    assert_string_equal(with_lang("zh-hant"), "zh_TW");
    assert_string_equal(with_lang("zh-Hant-HK"), "zh_TW");
    assert_string_equal(with_lang("zh_TW.UTF-8"), "zh_TW");
    assert_string_equal(with_lang("zh_HK"), "zh_TW");
    assert_string_equal(with_lang("zh-mo"), "zh_TW");
    assert_string_equal(with_lang("C"), "en");
    assert_string_equal(with_lang("en_GB.UTF-8"), "en");
    /* unknown languages are refused, not silently English */
    clear_env();
    assert_false(i18n_init("fr"));
    assert_false(i18n_init("zhx"));
    assert_false(i18n_init(""));
}

static const char *with_env(const char *all, const char *messages, const char *lang, const char *language) {
    clear_env();
    if (all) setenv("LC_ALL", all, 1);
    if (messages) setenv("LC_MESSAGES", messages, 1);
    if (lang) setenv("LANG", lang, 1);
    if (language) setenv("LANGUAGE", language, 1);
    assert_true(i18n_init(NULL));
    return i18n_language();
}

static void test_environment(void **state) {
    (void)state;
    assert_string_equal(with_env(NULL, NULL, NULL, NULL), "en");
    assert_string_equal(with_env(NULL, NULL, "zh_TW.UTF-8", NULL), "zh_TW");
    assert_string_equal(with_env(NULL, "zh_CN.UTF-8", "zh_TW.UTF-8", NULL), "zh_CN");
    assert_string_equal(with_env("en_US.UTF-8", "zh_CN.UTF-8", NULL, NULL), "en");
    assert_string_equal(with_env("", "", "zh_HK.UTF-8", NULL), "zh_TW");
    /* LANGUAGE's first entry wins over the locale, except in C */
    assert_string_equal(with_env(NULL, NULL, "en_US.UTF-8", "zh_TW:en"), "zh_TW");
    assert_string_equal(with_env(NULL, NULL, "C", "zh_CN"), "en");
    assert_string_equal(with_env("C.UTF-8", NULL, NULL, "zh_CN"), "en");
    assert_string_equal(with_env(NULL, NULL, NULL, "zh_CN"), "en");
    clear_env();
}

static void test_english_is_the_source(void **state) {
    (void)state;
    clear_env();
    assert_true(i18n_init("en"));
    const char *s = "unknown fact '%s'";
    assert_ptr_equal(_(s), s);
    assert_ptr_equal(_(""), "");
    assert_null(i18n_text(NULL));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lang_option),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_english_is_the_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
