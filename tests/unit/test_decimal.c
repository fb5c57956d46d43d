/* test_decimal.c - cmocka unit tests for the exact rational module. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "decimal.h"

static Dec parse_ok(const char *s) {
    Dec d = {99, 99};
    assert_int_equal(dec_parse(s, strlen(s), &d), DEC_OK);
    return d;
}

static Dec frac(int64_t n, int64_t d) {
    Dec r = {0, 1};
    assert_int_equal(dec_frac(n, d, &r), DEC_OK);
    return r;
}

#define ASSERT_DEC(d, n, dd)                                                                                           \
    do {                                                                                                               \
        Dec d_ = (d);                                                                                                  \
        assert_int_equal(d_.num, (n));                                                                                 \
        assert_int_equal(d_.den, (dd));                                                                                \
    } while (0)

#define ASSERT_PARSE(s, n, d) ASSERT_DEC(parse_ok(s), n, d)

static void assert_parse_status(const char *s, size_t len, DecStatus want) {
    Dec d = {42, 7};
    assert_int_equal(dec_parse(s, len, &d), want);
    /* output untouched on failure */
    assert_int_equal(d.num, 42);
    assert_int_equal(d.den, 7);
}

#define ASSERT_PARSE_ERR(s, st) assert_parse_status((s), strlen(s), (st))

static void test_parse_forms(void **state) {
    (void)state;
    ASSERT_PARSE("12", 12, 1);
    ASSERT_PARSE("-0.5", -1, 2);
    ASSERT_PARSE("+3", 3, 1);
    ASSERT_PARSE("91.25", 365, 4);
    ASSERT_PARSE("1e3", 1000, 1);
    ASSERT_PARSE("2.5E-2", 1, 40);
    ASSERT_PARSE("1E+2", 100, 1);
    ASSERT_PARSE("95%", 19, 20);
    ASSERT_PARSE("0.5%", 1, 200);
    ASSERT_PARSE("-50%", -1, 2);
    ASSERT_PARSE("12.5e1%", 5, 4);
    ASSERT_PARSE("0", 0, 1);
    ASSERT_PARSE("-0", 0, 1);
    ASSERT_PARSE("-0.000", 0, 1);
    ASSERT_PARSE("0e999999999999999999999", 0, 1);
    ASSERT_PARSE("007", 7, 1);
    ASSERT_PARSE("1.500", 3, 2);
    ASSERT_PARSE("100", 100, 1);
    ASSERT_PARSE("1e-18", 1, 1000000000000000000LL);
    ASSERT_PARSE("9223372036854775807", INT64_MAX, 1);
    ASSERT_PARSE("-9223372036854775808", INT64_MIN, 1);
    /* many zeros are fine as long as the value fits */
    ASSERT_PARSE("0.50000000000000000000000000000000000000000000000000", 1, 2);
    ASSERT_PARSE("00000000000000000000000000000000000000000000000000001", 1, 1);
    ASSERT_PARSE("0.0000000000000000000000000000000000000000000000000001e52", 1, 1);
    ASSERT_PARSE("1000000000000000000000000000000000000000000000e-40", 100000, 1);
    /* 3 * 5^50 / 10^50 == 3 / 2^50: factors cancel before the range check */
    ASSERT_PARSE("266453525910037569701671600341796875e-50", 3, 1125899906842624LL);
    /* only the first len bytes are read */
    Dec d;
    assert_int_equal(dec_parse("12345", 2, &d), DEC_OK);
    ASSERT_DEC(d, 12, 1);
}

static void test_parse_syntax(void **state) {
    (void)state;
    const char *bad[] = {"",      " 1",   "1 ",  "abc", "1.",    ".5",  "-",   "+",    "1e",
                         "1e+",   "e3",   "%",   "1%%", "1.2.3", "--1", "+-1", "1,5",  "0x10",
                         "1e3.5", "1%e2", "1 %", "\t1", "1e-",   "-.5", "∞",   "1e3e4"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ASSERT_PARSE_ERR(bad[i], DEC_SYNTAX);
    }
    assert_parse_status("1\0", 2, DEC_SYNTAX);
    assert_parse_status(NULL, 0, DEC_SYNTAX);
}

static void test_parse_overflow(void **state) {
    (void)state;
    ASSERT_PARSE_ERR("9223372036854775808", DEC_OVERFLOW);
    ASSERT_PARSE_ERR("-9223372036854775809", DEC_OVERFLOW);
    ASSERT_PARSE_ERR("1e19", DEC_OVERFLOW);
    ASSERT_PARSE_ERR("1e-19", DEC_OVERFLOW);
    ASSERT_PARSE_ERR("1e999999999999", DEC_OVERFLOW);
    ASSERT_PARSE_ERR("1e-999999999999", DEC_OVERFLOW);
    ASSERT_PARSE_ERR("123456789012345678901234567890123456789012", DEC_OVERFLOW);
    ASSERT_PARSE_ERR("0.1234567890123456789", DEC_OVERFLOW);
}

static void test_exact_arith(void **state) {
    (void)state;
    Dec r;
    assert_int_equal(dec_add(parse_ok("0.1"), parse_ok("0.2"), &r), DEC_OK);
    ASSERT_DEC(r, 3, 10);
    assert_int_equal(dec_cmp(r, parse_ok("0.3")), 0);

    Dec third;
    assert_int_equal(dec_div(dec_int(1), dec_int(3), &third), DEC_OK);
    ASSERT_DEC(third, 1, 3);
    assert_int_equal(dec_mul(third, dec_int(3), &r), DEC_OK);
    ASSERT_DEC(r, 1, 1);
    assert_true(dec_is_int(r));

    assert_int_equal(dec_sub(parse_ok("0.3"), parse_ok("0.1"), &r), DEC_OK);
    ASSERT_DEC(r, 1, 5);
    assert_int_equal(dec_sub(dec_int(1), dec_int(3), &r), DEC_OK);
    ASSERT_DEC(r, -2, 1);
    assert_int_equal(dec_add(frac(1, 6), frac(1, 3), &r), DEC_OK);
    ASSERT_DEC(r, 1, 2);
    assert_int_equal(dec_div(frac(-3, 4), frac(3, 8), &r), DEC_OK);
    ASSERT_DEC(r, -2, 1);
    assert_int_equal(dec_div(frac(3, 4), frac(-3, 8), &r), DEC_OK);
    ASSERT_DEC(r, -2, 1);
    assert_int_equal(dec_neg(frac(3, 4), &r), DEC_OK);
    ASSERT_DEC(r, -3, 4);
    assert_int_equal(dec_neg(dec_zero(), &r), DEC_OK);
    ASSERT_DEC(r, 0, 1);
    assert_int_equal(dec_sub(frac(1, 3), frac(1, 3), &r), DEC_OK);
    ASSERT_DEC(r, 0, 1);

    ASSERT_DEC(frac(2, -4), -1, 2);
    ASSERT_DEC(frac(0, -5), 0, 1);
    ASSERT_DEC(frac(INT64_MIN, INT64_MIN), 1, 1);

    /* cross reduction keeps big-but-representable results exact */
    Dec big = frac(INT64_MAX - 1, 3); /* not reducible */
    assert_int_equal(dec_mul(big, frac(3, INT64_MAX - 1), &r), DEC_OK);
    ASSERT_DEC(r, 1, 1);
    assert_int_equal(dec_div(big, big, &r), DEC_OK);
    ASSERT_DEC(r, 1, 1);
    assert_int_equal(dec_add(dec_int(INT64_MIN), dec_int(INT64_MAX), &r), DEC_OK);
    ASSERT_DEC(r, -1, 1);
}

static void test_overflow(void **state) {
    (void)state;
    Dec r = {5, 1};
    assert_int_equal(dec_add(dec_int(INT64_MAX), dec_int(1), &r), DEC_OVERFLOW);
    assert_int_equal(dec_sub(dec_int(INT64_MIN), dec_int(1), &r), DEC_OVERFLOW);
    assert_int_equal(dec_add(frac(INT64_MAX, 2), frac(INT64_MAX, 3), &r), DEC_OVERFLOW);
    assert_int_equal(dec_mul(dec_int(INT64_MAX), dec_int(2), &r), DEC_OVERFLOW);
    assert_int_equal(dec_mul(dec_int(3037000500), dec_int(3037000500), &r), DEC_OVERFLOW);
    assert_int_equal(dec_mul(frac(1, INT64_MAX), frac(1, 2), &r), DEC_OVERFLOW);
    assert_int_equal(dec_add(frac(1, INT64_MAX), frac(1, INT64_MAX - 1), &r), DEC_OVERFLOW);
    assert_int_equal(dec_div(dec_int(INT64_MIN), dec_int(-1), &r), DEC_OVERFLOW);
    assert_int_equal(dec_neg(dec_int(INT64_MIN), &r), DEC_OVERFLOW);
    /* untouched on failure */
    ASSERT_DEC(r, 5, 1);
    /* boundary values are fine */
    assert_int_equal(dec_sub(dec_int(-INT64_MAX), dec_int(1), &r), DEC_OK);
    ASSERT_DEC(r, INT64_MIN, 1);
    assert_int_equal(dec_add(frac(INT64_MAX, 2), frac(INT64_MAX, 2), &r), DEC_OK);
    ASSERT_DEC(r, INT64_MAX, 1);
    assert_int_equal(dec_mul(dec_int(-3037000499), dec_int(3037000499), &r), DEC_OK);
    ASSERT_DEC(r, -9223372030926249001LL, 1);
}

static void test_div_zero(void **state) {
    (void)state;
    Dec r = {5, 1};
    assert_int_equal(dec_div(dec_int(1), dec_zero(), &r), DEC_DIV_ZERO);
    assert_int_equal(dec_div(dec_zero(), dec_zero(), &r), DEC_DIV_ZERO);
    assert_int_equal(dec_frac(1, 0, &r), DEC_DIV_ZERO);
    ASSERT_DEC(r, 5, 1);
    assert_int_equal(dec_div(dec_zero(), dec_int(7), &r), DEC_OK);
    ASSERT_DEC(r, 0, 1);
}

static void test_compare(void **state) {
    (void)state;
    assert_int_equal(dec_cmp(dec_int(INT64_MAX), dec_int(INT64_MIN)), 1);
    assert_int_equal(dec_cmp(dec_int(INT64_MIN), dec_int(INT64_MAX)), -1);
    assert_int_equal(dec_cmp(frac(INT64_MAX - 1, INT64_MAX), frac(INT64_MAX - 2, INT64_MAX - 1)), 1);
    assert_int_equal(dec_cmp(frac(-1, INT64_MAX), frac(1, INT64_MAX)), -1);
    assert_int_equal(dec_cmp(parse_ok("0.5"), parse_ok("50%")), 0);
    assert_int_equal(dec_cmp(parse_ok("-2.5"), parse_ok("-2.4")), -1);
    ASSERT_DEC(dec_min(frac(1, 3), frac(1, 4)), 1, 4);
    ASSERT_DEC(dec_max(frac(1, 3), frac(1, 4)), 1, 3);
    ASSERT_DEC(dec_min(dec_int(-1), dec_int(1)), -1, 1);
    assert_true(dec_is_zero(parse_ok("-0.0")));
    assert_false(dec_is_zero(frac(1, INT64_MAX)));
    assert_true(dec_is_int(parse_ok("2.000")));
    assert_false(dec_is_int(parse_ok("2.5")));
    assert_int_equal(dec_sign(parse_ok("-0.001")), -1);
    assert_int_equal(dec_sign(dec_zero()), 0);
    assert_int_equal(dec_sign(parse_ok("3%")), 1);
}

static Dec round_ok(const char *s, int places) {
    Dec r = {0, 1};
    assert_int_equal(dec_round(parse_ok(s), places, &r), DEC_OK);
    return r;
}

static void test_round(void **state) {
    (void)state;
    ASSERT_DEC(round_ok("2.25", 1), 23, 10);
    ASSERT_DEC(round_ok("2.35", 1), 12, 5);
    ASSERT_DEC(round_ok("-2.25", 1), -23, 10);
    ASSERT_DEC(round_ok("-2.35", 1), -12, 5);
    ASSERT_DEC(round_ok("0.125", 2), 13, 100);
    ASSERT_DEC(round_ok("-0.125", 2), -13, 100);
    ASSERT_DEC(round_ok("2.5", 0), 3, 1);
    ASSERT_DEC(round_ok("-2.5", 0), -3, 1);
    ASSERT_DEC(round_ok("2.4999", 0), 2, 1);
    ASSERT_DEC(round_ok("-0.4", 0), 0, 1);
    ASSERT_DEC(round_ok("7", 3), 7, 1);
    ASSERT_DEC(round_ok("0.0000000005", 9), 1, 1000000000);
    Dec r;
    assert_int_equal(dec_round(frac(1, 3), 2, &r), DEC_OK);
    ASSERT_DEC(r, 33, 100);
    assert_int_equal(dec_round(frac(2, 3), 2, &r), DEC_OK);
    ASSERT_DEC(r, 67, 100);
    assert_int_equal(dec_round(dec_int(INT64_MIN), 9, &r), DEC_OK);
    ASSERT_DEC(r, INT64_MIN, 1);
    assert_int_equal(dec_round(frac(INT64_MAX, 2), 0, &r), DEC_OK);
    ASSERT_DEC(r, INT64_MAX / 2 + 1, 1);
    assert_int_equal(dec_round(frac(INT64_MAX, 3), 9, &r), DEC_OVERFLOW);
    assert_int_equal(dec_round(frac(1, 3), 10, &r), DEC_SYNTAX);
    assert_int_equal(dec_round(frac(1, 3), -1, &r), DEC_SYNTAX);
}

static void test_floor_ceil(void **state) {
    (void)state;
    Dec r;
    assert_int_equal(dec_floor(parse_ok("-2.5"), &r), DEC_OK);
    ASSERT_DEC(r, -3, 1);
    assert_int_equal(dec_ceil(parse_ok("-2.5"), &r), DEC_OK);
    ASSERT_DEC(r, -2, 1);
    assert_int_equal(dec_floor(parse_ok("2.5"), &r), DEC_OK);
    ASSERT_DEC(r, 2, 1);
    assert_int_equal(dec_ceil(parse_ok("2.5"), &r), DEC_OK);
    ASSERT_DEC(r, 3, 1);
    assert_int_equal(dec_floor(dec_int(-3), &r), DEC_OK);
    ASSERT_DEC(r, -3, 1);
    assert_int_equal(dec_ceil(dec_int(-3), &r), DEC_OK);
    ASSERT_DEC(r, -3, 1);
    assert_int_equal(dec_ceil(frac(-1, 3), &r), DEC_OK);
    ASSERT_DEC(r, 0, 1);
    assert_int_equal(dec_floor(frac(-1, 3), &r), DEC_OK);
    ASSERT_DEC(r, -1, 1);
    assert_int_equal(dec_floor(dec_int(INT64_MIN), &r), DEC_OK);
    ASSERT_DEC(r, INT64_MIN, 1);
    assert_int_equal(dec_ceil(dec_int(INT64_MAX), &r), DEC_OK);
    ASSERT_DEC(r, INT64_MAX, 1);
    assert_int_equal(dec_floor(frac(INT64_MIN + 1, 2), &r), DEC_OK);
    ASSERT_DEC(r, INT64_MIN / 2, 1);
}

#define ASSERT_FMT(d, places, want)                                                                                    \
    do {                                                                                                               \
        char b_[48];                                                                                                   \
        size_t n_ = dec_format((d), (places), b_, sizeof b_);                                                          \
        assert_string_equal(b_, (want));                                                                               \
        assert_int_equal(n_, strlen(want));                                                                            \
    } while (0)

#define ASSERT_FMT_FIXED(d, places, want)                                                                              \
    do {                                                                                                               \
        char b_[48];                                                                                                   \
        size_t n_ = dec_format_fixed((d), (places), b_, sizeof b_);                                                    \
        assert_string_equal(b_, (want));                                                                               \
        assert_int_equal(n_, strlen(want));                                                                            \
    } while (0)

/* a percent's number: a * 100 at 4 decimals, as a * 100 formatted */
static void assert_percent(Dec a, const char *want) {
    char buf[64], times100[64];
    Dec p;
    assert_int_equal(dec_mul(a, dec_int(100), &p), DEC_OK);
    dec_format(p, 4, times100, sizeof times100);
    assert_string_equal(times100, want);
    assert_int_equal(dec_format_percent(a, 4, buf, sizeof buf), strlen(want));
    assert_string_equal(buf, want);
}

static void test_format_percent(void **state) {
    (void)state;
    assert_percent(parse_ok("0.8735"), "87.35");
    assert_percent(dec_int(1), "100");
    assert_percent(dec_int(-3), "-300");
    assert_percent(parse_ok("-0.5"), "-50");
    assert_percent(frac(1, 3), "33.3333");
    assert_percent(frac(2, 3), "66.6667");
    assert_percent(parse_ok("0.000001"), "0.0001");
    assert_percent(parse_ok("0.0000004"), "0");
    assert_percent(parse_ok("-0.0000004"), "0");
    assert_percent(parse_ok("-0.0000005"), "-0.0001");
    assert_percent(dec_int(INT64_MAX / 100), "9223372036854775800");
}

static void test_format(void **state) {
    (void)state;
    ASSERT_FMT(dec_int(900), 2, "900");
    ASSERT_FMT(parse_ok("899.5"), 2, "899.5");
    ASSERT_FMT(frac(1, 3), 2, "0.33");
    ASSERT_FMT(frac(2, 3), 2, "0.67");
    ASSERT_FMT(frac(2, 3), 0, "1");
    ASSERT_FMT(parse_ok("-0.5"), 2, "-0.5");
    ASSERT_FMT(dec_zero(), 2, "0");
    ASSERT_FMT(parse_ok("-0.001"), 2, "0");
    ASSERT_FMT(parse_ok("-0.004"), 2, "0");
    ASSERT_FMT(parse_ok("-0.005"), 2, "-0.01");
    ASSERT_FMT(parse_ok("-0.4"), 0, "0");
    ASSERT_FMT(parse_ok("2.25"), 1, "2.3");
    ASSERT_FMT(parse_ok("-2.25"), 1, "-2.3");
    ASSERT_FMT(parse_ok("0.125"), 2, "0.13");
    ASSERT_FMT(parse_ok("1.999"), 2, "2");
    ASSERT_FMT(parse_ok("10.10"), 9, "10.1");
    ASSERT_FMT(parse_ok("0.000000001"), 9, "0.000000001");
    ASSERT_FMT(parse_ok("0.000000001"), 99, "0.000000001"); /* clamped */
    ASSERT_FMT(parse_ok("12.6"), -3, "13");                 /* clamped */
    ASSERT_FMT(dec_int(INT64_MIN), 9, "-9223372036854775808");
    ASSERT_FMT(dec_int(INT64_MAX), 0, "9223372036854775807");
    ASSERT_FMT(frac(INT64_MAX, 3), 9, "3074457345618258602.333333333");
    ASSERT_FMT(frac(INT64_MIN, INT64_MAX), 9, "-1");
    ASSERT_FMT(frac(-1, INT64_MAX), 9, "0");

    ASSERT_FMT_FIXED(dec_int(900), 2, "900.00");
    ASSERT_FMT_FIXED(parse_ok("899.5"), 2, "899.50");
    ASSERT_FMT_FIXED(parse_ok("-0.001"), 2, "0.00");
    ASSERT_FMT_FIXED(parse_ok("-0.5"), 0, "-1");
    ASSERT_FMT_FIXED(frac(1, 3), 0, "0");
    ASSERT_FMT_FIXED(parse_ok("-7.125"), 2, "-7.13");
    ASSERT_FMT_FIXED(frac(INT64_MIN, 1), 9, "-9223372036854775808.000000000");
}

static void test_format_cap(void **state) {
    (void)state;
    char b[8];
    memset(b, 'x', sizeof b);
    assert_int_equal(dec_format(dec_int(12345), 0, b, 4), 3);
    assert_string_equal(b, "123");
    assert_int_equal(b[4], 'x');
    assert_int_equal(dec_format(dec_int(12345), 0, b, 1), 0);
    assert_string_equal(b, "");
    b[0] = 'x';
    assert_int_equal(dec_format(dec_int(12345), 0, b, 0), 0);
    assert_int_equal(b[0], 'x');
    assert_int_equal(dec_format_fixed(dec_int(1), 2, b, 5), 4);
    assert_string_equal(b, "1.00");
}

static void test_format_roundtrip(void **state) {
    (void)state;
    const char *in[] = {"0.1", "-12.75", "91.25", "1e3", "95%", "-0.005", "123456789.987654321"};
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        Dec d = parse_ok(in[i]);
        char b[48];
        size_t n = dec_format(d, 9, b, sizeof b);
        Dec back;
        assert_int_equal(dec_parse(b, n, &back), DEC_OK);
        assert_int_equal(dec_cmp(d, back), 0);
    }
}

/* Formatting into a buffer of 48 bytes or more takes a quicker path than
 * into a smaller one: the two write the same text, over many decimals. */
static void test_format_paths(void **state) {
    (void)state;
    uint64_t x = 2013;
    for (int i = 0; i < 20000; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u; /* a fixed sequence */
        int64_t num = (int64_t)(x >> 20) % 2000000001 - 1000000000;
        /* denominators of 2^i 5^j take a path of their own when they need
         * no rounding (2^30 and 5^13 need more decimals than 9) */
        int64_t dens[] = {1, 2, 3, 7, 10, 100, 1000, 999983, 1000000000, 8, 125, 1024, 6250, 1 << 30, 1220703125};
        const size_t ndens = sizeof dens / sizeof dens[0];
        Dec d;
        if (dec_frac(num, dens[(x >> 8) % ndens], &d) != DEC_OK) continue;
        int places = (int)((x >> 4) % 10);
        char quick[64], careful[47];
        dec_format(d, places, quick, sizeof quick);
        dec_format(d, places, careful, sizeof careful);
        assert_string_equal(quick, careful);
        dec_format_fixed(d, places, quick, sizeof quick);
        dec_format_fixed(d, places, careful, sizeof careful);
        assert_string_equal(quick, careful);
        dec_format_percent(d, places % 8, quick, sizeof quick);
        dec_format_percent(d, places % 8, careful, sizeof careful);
        assert_string_equal(quick, careful);
    }
}

/* The whole-number paths inline in decimal.h and the fraction paths of
 * decimal.c give the same exact, reduced results. */
static void test_fast_paths(void **state) {
    (void)state;
    Dec r, zero = {0, 0};
    /* whole + whole, and the {0, 0} zero */
    assert_int_equal(dec_add(dec_int(7), dec_int(-9), &r), DEC_OK);
    ASSERT_DEC(r, -2, 1);
    assert_int_equal(dec_add(zero, dec_int(5), &r), DEC_OK);
    ASSERT_DEC(r, 5, 1);
    assert_int_equal(dec_sub(zero, zero, &r), DEC_OK);
    ASSERT_DEC(r, 0, 1);
    assert_int_equal(dec_cmp(zero, dec_int(0)), 0);
    assert_int_equal(dec_cmp(zero, frac(-1, 3)), 1);
    /* fraction + whole: reduced without a gcd, and still reduced */
    assert_int_equal(dec_add(frac(3, 4), dec_int(2), &r), DEC_OK);
    ASSERT_DEC(r, 11, 4);
    assert_int_equal(dec_add(dec_int(-1), frac(1, 2), &r), DEC_OK);
    ASSERT_DEC(r, -1, 2);
    assert_int_equal(dec_sub(dec_int(1), frac(1, 3), &r), DEC_OK);
    ASSERT_DEC(r, 2, 3);
    /* equal denominators, a result that reduces to a whole number */
    assert_int_equal(dec_add(frac(1, 4), frac(3, 4), &r), DEC_OK);
    ASSERT_DEC(r, 1, 1);
    assert_int_equal(dec_add(frac(7, 10), frac(1, 10), &r), DEC_OK);
    ASSERT_DEC(r, 4, 5);
    /* powers of ten and other denominators */
    assert_int_equal(dec_add(parse_ok("0.25"), parse_ok("0.125"), &r), DEC_OK);
    ASSERT_DEC(r, 3, 8);
    assert_int_equal(dec_sub(frac(1, 3), frac(1, 6), &r), DEC_OK);
    ASSERT_DEC(r, 1, 6);
    /* overflow at the edges, on both paths */
    assert_int_equal(dec_add(dec_int(INT64_MAX), dec_int(1), &r), DEC_OVERFLOW);
    assert_int_equal(dec_sub(dec_int(INT64_MIN), dec_int(1), &r), DEC_OVERFLOW);
    assert_int_equal(dec_add(dec_int(INT64_MAX), frac(1, 2), &r), DEC_OVERFLOW);
    /* its numerator, 2 x (INT64_MIN + 1) - 1, does not fit */
    assert_int_equal(dec_sub(dec_int(INT64_MIN + 1), frac(1, 2), &r), DEC_OVERFLOW);
    assert_int_equal(dec_sub(dec_int(-1000), frac(1, 2), &r), DEC_OK);
    ASSERT_DEC(r, -2001, 2);
    assert_int_equal(dec_cmp(r, dec_int(-1000)), -1);
    /* comparisons across the paths */
    assert_int_equal(dec_cmp(dec_int(INT64_MIN), dec_int(INT64_MAX)), -1);
    assert_int_equal(dec_cmp(frac(2, 3), frac(3, 4)), -1);
    assert_int_equal(dec_cmp(frac(6, 8), frac(3, 4)), 0);
    assert_int_equal(dec_cmp(dec_int(1), frac(99, 100)), 1);
    assert_int_equal(dec_cmp(frac(INT64_MAX, INT64_MAX - 1), dec_int(1)), 1);
}

/* the double handed to libxlsxwriter is the one a typed-in decimal gives */
static void test_to_double(void **state) {
    (void)state;
    Dec d;
    assert_int_equal(dec_parse("978.93", 6, &d), DEC_OK);
    assert_true(dec_to_double(d) == 978.93);
    assert_int_equal(dec_parse("-0.1", 4, &d), DEC_OK);
    assert_true(dec_to_double(d) == -0.1);
    assert_true(dec_to_double(dec_int(900)) == 900.0);
    assert_true(dec_to_double(dec_zero()) == 0.0);
}

/* dec_scaled of a plain decimal's digits is dec_parse's value of its
 * text, and of its text with '%' two places further. */
static void test_scaled(void **state) {
    (void)state;
    static const char *const texts[] = {
        "0",
        "-0",
        "95.4",
        "100",
        "-3",
        "0.05",
        "87.25",
        "1.000",
        "999999999999999999",
        "0.000000000000000001",
        "123456789.123456789",
        "-12.5",
        "00012",
        "0.125",
        "2.5",
        "0.0625",
        "37.5",
        "0.2",
        "92233720368547758",
        "4096.5",
        "0.3125",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const char *t = texts[i];
        bool neg = *t == '-';
        uint64_t m = 0;
        int places = -1;
        for (const char *c = t + neg; *c; c++) {
            if (*c == '.') {
                places = 0;
                continue;
            }
            m = m * 10 + (uint64_t)(*c - '0');
            places += places >= 0;
        }
        places = places < 0 ? 0 : places;
        for (int shift = 0; shift <= 2 && places + shift <= 18; shift += 2) {
            char buf[64];
            snprintf(buf, sizeof buf, "%s%s", t, shift ? "%" : "");
            Dec want;
            assert_int_equal(dec_parse(buf, strlen(buf), &want), DEC_OK);
            Dec got = dec_scaled(neg, m, places + shift);
            assert_int_equal(got.num, want.num);
            assert_int_equal(got.den, want.den);
        }
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_forms),  cmocka_unit_test(test_fast_paths),
        cmocka_unit_test(test_parse_syntax), cmocka_unit_test(test_parse_overflow),
        cmocka_unit_test(test_exact_arith),  cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_div_zero),     cmocka_unit_test(test_compare),
        cmocka_unit_test(test_round),        cmocka_unit_test(test_floor_ceil),
        cmocka_unit_test(test_format),       cmocka_unit_test(test_format_percent),
        cmocka_unit_test(test_format_cap),   cmocka_unit_test(test_format_roundtrip),
        cmocka_unit_test(test_format_paths), cmocka_unit_test(test_to_double),
        cmocka_unit_test(test_scaled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
