/* test_calendar.c - cmocka unit tests for calendar arithmetic: months and
 * years moved to the month's last day where the day does not exist, parts
 * of a date, and whole steps rounded up and down, exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "calendar.h"
#include "dates.h"

static int32_t day(const char *s) {
    int32_t d = 0;
    assert_true(dates_parse(s, strlen(s), &d));
    return d;
}

static void assert_shift(const char *from, int32_t months, int32_t days, bool minus, const char *want) {
    int32_t out = 0;
    assert_true(cal_shift(day(from), months, days, minus, &out));
    assert_int_equal(out, day(want));
}

static void test_years_leap_day(void **state) {
    (void)state;
    assert_shift("2024-02-29", 36, 0, true, "2021-02-28"); /* no 29 February: the month's last day */
    assert_shift("2024-02-29", 48, 0, true, "2020-02-29"); /* a leap year: the same day */
    assert_shift("2024-02-28", 36, 0, true, "2021-02-28");
    assert_shift("2024-03-01", 36, 0, true, "2021-03-01");
    assert_shift("2024-02-29", 12, 0, false, "2025-02-28");
    assert_shift("2025-02-28", 12, 0, true, "2024-02-28");    /* the anniversary, not the leap day */
    assert_shift("2000-02-29", 1200, 0, false, "2100-02-28"); /* 2100 is not a leap year */
}

static void test_months_last_day(void **state) {
    (void)state;
    assert_shift("2024-03-31", 1, 0, true, "2024-02-29");
    assert_shift("2023-03-31", 1, 0, true, "2023-02-28");
    assert_shift("2023-01-31", 1, 0, false, "2023-02-28");
    assert_shift("2023-05-31", 1, 0, false, "2023-06-30");
    assert_shift("2023-12-15", 1, 0, false, "2024-01-15"); /* across the year */
    assert_shift("2024-01-15", 13, 0, true, "2022-12-15");
    assert_shift("2024-03-31", 1, 7, true, "2024-02-22"); /* months first, then days */
    assert_shift("2024-02-28", 0, 1, false, "2024-02-29");
}

static void test_out_of_range(void **state) {
    (void)state;
    int32_t out = 0;
    assert_false(cal_shift(day("1900-01-31"), 1, 0, true, &out));
    assert_false(cal_shift(day("9999-12-31"), 0, 1, false, &out));
    assert_false(cal_add_months(day("2024-01-01"), 12 * 20000, &out));
    assert_true(cal_shift(day("1900-01-31"), 0, 30, true, &out));
    assert_int_equal(out, day("1900-01-01"));
}

static Value num(int64_t n, int64_t d) {
    Value v = {.type = TY_DECIMAL, .present = true};
    assert_int_equal(dec_frac(n, d, &v.u.num), DEC_OK);
    return v;
}

static void assert_num(Value v, int64_t n, int64_t d) {
    Dec want;
    assert_int_equal(dec_frac(n, d, &want), DEC_OK);
    assert_int_equal(dec_cmp(v.u.num, want), 0);
}

static void test_parts(void **state) {
    (void)state;
    Value d = {.type = TY_DATE, .present = true};
    d.u.date = day("2024-02-29");
    TypeKind t = TY_DATE;
    const char *err = NULL;
    assert_num(cal_call(FN_MONTH, &d, &t, 1, &err), 2, 1);
    assert_num(cal_call(FN_DAY, &d, &t, 1, &err), 29, 1);
    assert_num(cal_call(FN_YEAR_OF, &d, &t, 1, &err), 2024, 1);
    assert_null(err);
}

static void test_periods(void **state) {
    (void)state;
    const char *err = NULL;
    Value n = num(3, 1);
    TypeKind t = TY_INTEGER;
    Value p = cal_call(FN_YEARS, &n, &t, 1, &err);
    assert_int_equal(p.type, TY_PERIOD);
    assert_int_equal(p.u.period.months, 36);
    assert_int_equal(p.u.period.days, 0);
    p = cal_call(FN_DAYS, &n, &t, 1, &err);
    assert_int_equal(p.u.period.days, 3);
    assert_null(err);
    Value half = num(1, 2);
    cal_call(FN_MONTHS, &half, &t, 1, &err);
    assert_non_null(err);
}

static void test_steps(void **state) {
    (void)state;
    const char *err = NULL;
    TypeKind ti[2] = {TY_INTEGER, TY_INTEGER}, td[2] = {TY_DECIMAL, TY_DECIMAL}, tp[2] = {TY_PERCENT, TY_PERCENT};
    Value a[2] = {num(200001, 200000), num(1, 1)};
    assert_num(cal_call(FN_CEIL, a, td, 1, &err), 2, 1);
    assert_num(cal_call(FN_FLOOR, a, td, 1, &err), 1, 1);
    a[0] = num(-3, 2);
    assert_num(cal_call(FN_CEIL, a, td, 1, &err), -1, 1);
    assert_num(cal_call(FN_FLOOR, a, td, 1, &err), -2, 1);
    a[0] = num(83, 100), a[1] = num(1, 2);
    assert_num(cal_call(FN_CEIL, a, td, 2, &err), 1, 1);
    assert_num(cal_call(FN_FLOOR, a, td, 2, &err), 1, 2);
    a[0] = num(942, 1000); /* 94.2% to whole percentage points */
    Value v = cal_call(FN_CEIL, a, tp, 1, &err);
    assert_int_equal(v.type, TY_PERCENT);
    assert_num(v, 95, 100);
    a[0] = num(7, 1), a[1] = num(2, 1);
    v = cal_call(FN_CEIL, a, ti, 2, &err);
    assert_int_equal(v.type, TY_INTEGER);
    assert_num(v, 8, 1);
    assert_null(err);
    a[1] = num(0, 1);
    cal_call(FN_CEIL, a, ti, 2, &err);
    assert_non_null(err);
}

static void test_period_text(void **state) {
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(cal_period_text(a, 36, 0), "3 years");
    assert_string_equal(cal_period_text(a, 1, 0), "1 month");
    assert_string_equal(cal_period_text(a, 14, 7), "1 year 2 months 7 days");
    assert_string_equal(cal_period_text(a, 0, 0), "0 days");
    arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_years_leap_day), cmocka_unit_test(test_months_last_day),
        cmocka_unit_test(test_out_of_range),   cmocka_unit_test(test_parts),
        cmocka_unit_test(test_periods),        cmocka_unit_test(test_steps),
        cmocka_unit_test(test_period_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
