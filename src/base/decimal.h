/* decimal.h - exact rational numbers (int64 num/den) for scores; no floats. */
#ifndef KAOPING_DECIMAL_H
#define KAOPING_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Always reduced: den > 0, gcd(|num|, den) == 1, zero is 0/1. */
/* den > 0 and the fraction is reduced; a zero-initialised {0, 0} is zero,
 * so results in calloc or arena memory start at 0. */
typedef struct {
    int64_t num;
    int64_t den;
} Dec;

typedef enum { DEC_OK = 0, DEC_OVERFLOW, DEC_DIV_ZERO, DEC_SYNTAX } DecStatus;

Dec dec_int(int64_t n);
Dec dec_zero(void);

/* num/den reduced and sign-normalised; DEC_DIV_ZERO when den == 0. */
DecStatus dec_frac(int64_t num, int64_t den, Dec *out);

/* Parses "12", "-0.5", "+3", "91.25", "1e3", "2.5E-2", optionally followed by
 * '%' meaning /100 ("95%" -> 19/20). Needs a digit before '.' and one after
 * it ("5." and ".5" are SYNTAX). The whole text must be consumed; any space
 * is SYNTAX. A value whose reduced form does not fit int64 is DEC_OVERFLOW.
 * *out is only written on DEC_OK. */
DecStatus dec_parse(const char *s, size_t len, Dec *out);

/* (neg ? -m : m) / 10^places, reduced; m < 10^18 and places <= 18: the
 * value of a plain decimal whose digits a reader has already gathered, as
 * dec_parse would give it, without reading them again. */
Dec dec_scaled(bool neg, uint64_t m, int places);

/* Arithmetic: *out is only written on DEC_OK. */
static inline DecStatus dec_add(Dec a, Dec b, Dec *out);
static inline DecStatus dec_sub(Dec a, Dec b, Dec *out);
DecStatus dec_mul(Dec a, Dec b, Dec *out);
DecStatus dec_div(Dec a, Dec b, Dec *out); /* DEC_DIV_ZERO when b == 0 */
DecStatus dec_neg(Dec a, Dec *out);

static inline int dec_cmp(Dec a, Dec b); /* -1, 0, 1; exact, never overflows */
static inline bool dec_is_zero(Dec a);
static inline bool dec_is_int(Dec a);
static inline int dec_sign(Dec a); /* -1, 0, 1 */
static inline Dec dec_min(Dec a, Dec b);
static inline Dec dec_max(Dec a, Dec b);

/* Rounds half away from zero to `places` decimals (0..9; else DEC_SYNTAX):
 * 2.25 -> 2.3, -2.25 -> -2.3. */
DecStatus dec_round(Dec a, int places, Dec *out);
DecStatus dec_floor(Dec a, Dec *out); /* to integer, toward -inf */
DecStatus dec_ceil(Dec a, Dec *out);  /* to integer, toward +inf */

/* Writes a rounded half away from zero to at most `places` decimals
 * (clamped to 0..9), trailing zeros and a bare '.' trimmed, never "-0":
 * 900 -> "900", 899.5 -> "899.5", 1/3 @2 -> "0.33". Returns the number of
 * chars written (excluding NUL); buf is always NUL-terminated when cap > 0
 * and output is truncated to cap - 1. cap >= 48 is always enough. */
size_t dec_format(Dec a, int places, char *buf, size_t cap);

/* Same, but with exactly `places` decimals ("900.00"). */
size_t dec_format_fixed(Dec a, int places, char *buf, size_t cap);

/* As dec_format writes a * 100 (a percent's number: 0.8735 -> "87.35"),
 * places at most 7; exact, without multiplying. */
size_t dec_format_percent(Dec a, int places, char *buf, size_t cap);

/* The double nearest a, for a library that takes numbers only as doubles
 * (libxlsxwriter's cells): the one place an exact decimal leaves kaoping as
 * binary floating point, to be written, never to compute with. num and den
 * below 2^53 are exact doubles and the division rounds to nearest, so a
 * score of up to 15 significant digits becomes the double a spreadsheet
 * holds when that decimal is typed in. */
double dec_to_double(Dec a);

/* The general cases of dec_add, dec_sub and dec_cmp; whole numbers (most
 * scores) take the inline paths below, without a call. */
DecStatus dec_add_frac(Dec a, Dec b, Dec *out);
DecStatus dec_sub_frac(Dec a, Dec b, Dec *out);
int dec_cmp_frac(Dec a, Dec b);

/* den <= 1: a whole number ({0, 0} is zero, its num 0) */
static inline DecStatus dec_add(Dec a, Dec b, Dec *out) {
    if (a.den <= 1 && b.den <= 1) {
        int64_t r;
        if (__builtin_add_overflow(a.num, b.num, &r)) {
            return DEC_OVERFLOW;
        }
        out->num = r;
        out->den = 1;
        return DEC_OK;
    }
    return dec_add_frac(a, b, out);
}

static inline DecStatus dec_sub(Dec a, Dec b, Dec *out) {
    if (a.den <= 1 && b.den <= 1) {
        int64_t r;
        if (__builtin_sub_overflow(a.num, b.num, &r)) {
            return DEC_OVERFLOW;
        }
        out->num = r;
        out->den = 1;
        return DEC_OK;
    }
    return dec_sub_frac(a, b, out);
}

static inline int dec_cmp(Dec a, Dec b) {
    if ((a.den <= 1 && b.den <= 1) || a.den == b.den) { /* whole numbers, or of one denominator */
        return (a.num > b.num) - (a.num < b.num);
    }
    return dec_cmp_frac(a, b);
}

/* the sign is the numerator's ({0, 0} is zero); den <= 1: whole */
static inline bool dec_is_zero(Dec a) {
    return a.num == 0;
}

static inline bool dec_is_int(Dec a) {
    return a.den <= 1;
}

static inline int dec_sign(Dec a) {
    return (a.num > 0) - (a.num < 0);
}

static inline Dec dec_min(Dec a, Dec b) {
    return dec_cmp(b, a) < 0 ? b : a;
}

static inline Dec dec_max(Dec a, Dec b) {
    return dec_cmp(b, a) > 0 ? b : a;
}

/* The digits of a whole number at p, which has room for 20; returns their
 * end (not NUL-terminated). Inline: JSON writes most of its numbers so. */
static inline char *dec_int_text(char *p, int64_t v) {
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    if (v >= 0 && v < 100) { /* most points */
        if (v < 10) {
            *p = (char)('0' + v);
            return p + 1;
        }
        p[0] = pairs[2 * v], p[1] = pairs[2 * v + 1];
        return p + 2;
    }
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (v < 0) *p++ = '-';
    int n = 1;
    for (uint64_t t = u; t >= 10; t /= 10)
        n++;
    char *end = p + n;
    for (p = end; u >= 100; u /= 100) {
        p -= 2;
        p[0] = pairs[2 * (u % 100)], p[1] = pairs[2 * (u % 100) + 1];
    }
    if (u >= 10) {
        p -= 2;
        p[0] = pairs[2 * u], p[1] = pairs[2 * u + 1];
    } else {
        *--p = (char)('0' + u);
    }
    return end;
}

/* Defines `static void name(Type *a, size_t n, Type *tmp)`: a stable merge
 * sort of a[0..n) by the decimal a[i].field, largest first, equal ones
 * keeping their order; tmp has room for n. A macro, so that each list (the
 * rectification list, the summary's ranking) is sorted with copies of its
 * own type, not bytes through a comparison function as qsort does. The
 * caller includes <string.h>. */
#define DEC_SORT_DESC(name, Type, field)                                                                               \
    static void name(Type *a, size_t n, Type *tmp) {                                                                   \
        Type *from = a, *to = tmp;                                                                                     \
        for (size_t width = 1; width < n; width *= 2) {                                                                \
            for (size_t lo = 0; lo < n; lo += 2 * width) {                                                             \
                size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;            \
                size_t i = lo, j = mid, k = lo;                                                                        \
                while (i < mid && j < hi)                                                                              \
                    to[k++] = dec_cmp(from[j].field, from[i].field) > 0 ? from[j++] : from[i++];                       \
                while (i < mid)                                                                                        \
                    to[k++] = from[i++];                                                                               \
                while (j < hi)                                                                                         \
                    to[k++] = from[j++];                                                                               \
            }                                                                                                          \
            Type *t = from;                                                                                            \
            from = to;                                                                                                 \
            to = t;                                                                                                    \
        }                                                                                                              \
        if (from != a) memcpy(a, from, n * sizeof *a);                                                                 \
    }

#endif
