/* decimal.c - exact rational arithmetic on reduced int64 fractions.
 * All intermediates are 128-bit, so a result is either exact or an error. */
#include "decimal.h"
#include <string.h>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

#define DEC_MAX_PLACES 9
#define DEC_ABS_MIN ((u128)1 << 63) /* |INT64_MIN| */
#define DEC_EXP_CAP 1000000         /* saturation point for parsed exponents */
#define DEC_MAX_SIG 38              /* significant digits that fit in u128 */

static const int64_t pow10_tab[DEC_MAX_PLACES + 1] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
};

/* Euclid on 64 bits (a 128-bit % is a libgcc call); b is usually a small
 * denominator, so it takes a step or two (a binary gcd would take one per
 * bit of the numerator). */
static uint64_t gcd64(uint64_t a, uint64_t b) {
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static u128 gcd_u(u128 a, u128 b) {
    while (b != 0) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static u128 abs_u(i128 v) {
    return v < 0 ? (u128)0 - (u128)v : (u128)v;
}

/* Divides nonzero *m and *q by their gcd. Scores have denominators
 * 2^i 5^j (decimals), whose gcd with the numerator needs only shifts and
 * divisions by the constant 5 (multiplications), not a 64-bit division. */
static void reduce64(uint64_t *pm, uint64_t *pq) {
    uint64_t m = *pm, q = *pq;
    int tm = __builtin_ctzll(m), tq = __builtin_ctzll(q);
    int t = tm < tq ? tm : tq;
    m >>= t;
    q >>= t;
    uint64_t rest = q >> (tq - t);
    while (rest % 5 == 0) {
        rest /= 5;
    }
    if (rest == 1) {
        while (q % 5 == 0 && m % 5 == 0) {
            q /= 5;
            m /= 5;
        }
    } else {
        uint64_t g = gcd64(m, q);
        m /= g;
        q /= g;
    }
    *pm = m;
    *pq = q;
}

/* Builds (neg ? -n : n) / d, reduced; checks the int64 range. */
static DecStatus make_u(bool neg, u128 n, u128 d, Dec *out) {
    if (d == 0) {
        return DEC_DIV_ZERO;
    }
    if (n == 0) {
        *out = dec_zero();
        return DEC_OK;
    }
    if ((n >> 64) == 0 && (d >> 64) == 0) {
        uint64_t m = (uint64_t)n, q = (uint64_t)d;
        reduce64(&m, &q);
        n = m;
        d = q;
    } else {
        u128 g = gcd_u(n, d);
        n /= g;
        d /= g;
    }
    if (d > (u128)INT64_MAX) {
        return DEC_OVERFLOW;
    }
    if (n > (neg ? DEC_ABS_MIN : (u128)INT64_MAX)) {
        return DEC_OVERFLOW;
    }
    int64_t num;
    if (!neg) {
        num = (int64_t)n;
    } else if (n == DEC_ABS_MIN) {
        num = INT64_MIN;
    } else {
        num = -(int64_t)n;
    }
    out->num = num;
    out->den = (int64_t)d;
    return DEC_OK;
}

static DecStatus make(i128 n, i128 d, Dec *out) {
    return make_u((n < 0) != (d < 0), abs_u(n), abs_u(d), out);
}

Dec dec_int(int64_t n) {
    Dec d = {n, 1};
    return d;
}

Dec dec_zero(void) {
    return dec_int(0);
}

DecStatus dec_frac(int64_t num, int64_t den, Dec *out) {
    return make((i128)num, (i128)den, out);
}

/* ---- parsing ---- */

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

DecStatus dec_parse(const char *s, size_t len, Dec *out) {
    if (s == NULL || len == 0) {
        return DEC_SYNTAX;
    }
    size_t i = 0;
    bool neg = false;
    if (s[i] == '+' || s[i] == '-') {
        neg = s[i] == '-';
        i++;
    }
    size_t ip = i; /* integer digits s[ip..ip+ni) */
    while (i < len && is_digit(s[i])) {
        i++;
    }
    size_t ni = i - ip;
    if (ni == 0) {
        return DEC_SYNTAX;
    }
    size_t fp = i, nf = 0; /* fraction digits s[fp..fp+nf) */
    if (i < len && s[i] == '.') {
        fp = ++i;
        while (i < len && is_digit(s[i])) {
            i++;
        }
        nf = i - fp;
        if (nf == 0) {
            return DEC_SYNTAX;
        }
    }
    int64_t exp = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        bool eneg = false;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            eneg = s[i] == '-';
            i++;
        }
        size_t es = i;
        while (i < len && is_digit(s[i])) {
            if (exp < DEC_EXP_CAP) {
                exp = exp * 10 + (s[i] - '0');
            }
            i++;
        }
        if (i == es) {
            return DEC_SYNTAX;
        }
        if (eneg) {
            exp = -exp;
        }
    }
    if (i < len && s[i] == '%') {
        exp -= 2;
        i++;
    }
    if (i != len) {
        return DEC_SYNTAX;
    }

    /* Mantissa digits are the concatenation of the integer and fraction
     * digits; drop leading and trailing zeros, adjusting the exponent. */
    size_t total = ni + nf;
    size_t last = total; /* index of the last nonzero digit */
    for (size_t k = total; k-- > 0;) {
        char c = k < ni ? s[ip + k] : s[fp + k - ni];
        if (c != '0') {
            last = k;
            break;
        }
    }
    if (last == total) {
        *out = dec_zero();
        return DEC_OK;
    }
    int64_t e = exp - (int64_t)nf + (int64_t)(total - 1 - last);
    u128 m = 0;
    int sig = 0;
    for (size_t k = 0; k <= last; k++) {
        char c = k < ni ? s[ip + k] : s[fp + k - ni];
        if (m == 0 && c == '0') {
            continue;
        }
        if (++sig > DEC_MAX_SIG) {
            return DEC_OVERFLOW;
        }
        m = m * 10 + (u128)(c - '0');
    }

    if (e >= 0) {
        for (int64_t k = 0; k < e; k++) {
            if (m > DEC_ABS_MIN) {
                return DEC_OVERFLOW;
            }
            m *= 10;
        }
        return make_u(neg, m, 1, out);
    }
    /* value = m / (2^p2 * 5^p5); cancel common factors first. */
    int64_t p2 = -e, p5 = -e;
    while (p2 > 0 && m % 2 == 0) {
        m /= 2;
        p2--;
    }
    while (p5 > 0 && m % 5 == 0) {
        m /= 5;
        p5--;
    }
    if (p2 > 63 || p5 > 27) { /* 2^63, 5^28 > INT64_MAX */
        return DEC_OVERFLOW;
    }
    u128 d = (u128)1 << p2;
    for (int64_t k = 0; k < p5; k++) {
        d *= 5;
    }
    return make_u(neg, m, d, out);
}

Dec dec_scaled(bool neg, uint64_t m, int places) {
    if (m == 0) return dec_zero();
    /* m / 10^places reduced: trailing zeros first, then m holds 2s or 5s,
     * not both, and only those can cancel */
    while (places > 0 && m % 10 == 0)
        m /= 10, places--;
    int twos = places, fives = places;
    if ((m & 1) == 0) {
        int t = __builtin_ctzll(m);
        t = t < twos ? t : twos;
        m >>= t, twos -= t;
    } else {
        while (fives > 0 && m % 5 == 0)
            m /= 5, fives--;
    }
    uint64_t q = (uint64_t)1 << twos;
    for (int k = 0; k < fives; k++)
        q *= 5;
    Dec d = {neg ? -(int64_t)m : (int64_t)m, (int64_t)q};
    return d;
}

/* ---- arithmetic ---- */

/* A zero-initialised Dec {0, 0} (from calloc or an arena) is zero. */
static inline Dec dec_norm(Dec a) {
    if (a.den == 0) {
        a.num = 0;
        a.den = 1;
    }
    return a;
}

/* Reduces n/d (d > 0) when both fit in 64 bits: the common case. */
static DecStatus make64(int64_t n, int64_t d, Dec *out) {
    if (n == 0) {
        *out = dec_zero();
        return DEC_OK;
    }
    uint64_t m = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    uint64_t q = (uint64_t)d;
    reduce64(&m, &q);
    out->num = n >= 0 ? (int64_t)m : m == DEC_ABS_MIN ? INT64_MIN : -(int64_t)m;
    out->den = (int64_t)q;
    return DEC_OK;
}

#define DEC_SMALL ((int64_t)1 << 31)

/* a + bn/bd for normalised a and bd > 0; without 128-bit arithmetic when
 * the operands are small (scores: a few digits over a power of ten). */
static DecStatus add_frac(Dec a, int64_t bn, int64_t bd, Dec *out) {
    int64_t t, r;
    if (bd == 1 || a.den == 1) {
        /* a fraction and a whole number: n/d + k = (n + k d)/d is reduced
         * when n/d is (any common factor of n + k d and d divides n) */
        int64_t n = bd == 1 ? a.num : bn, k = bd == 1 ? bn : a.num, d = bd == 1 ? a.den : bd;
        if (!__builtin_mul_overflow(k, d, &t) && !__builtin_add_overflow(n, t, &r)) {
            out->num = r;
            out->den = r == 0 ? 1 : d;
            return DEC_OK;
        }
    } else if (a.den == bd) {
        if (!__builtin_add_overflow(a.num, bn, &r)) {
            return make64(r, bd, out);
        }
    } else if (a.num > -DEC_SMALL && a.num < DEC_SMALL && bn > -DEC_SMALL && bn < DEC_SMALL && a.den < DEC_SMALL &&
               bd < DEC_SMALL) {
        /* |products| < 2^62, their sum < 2^63 */
        return make64(a.num * bd + bn * a.den, a.den * bd, out);
    }
    return make((i128)a.num * bd + (i128)bn * a.den, (i128)a.den * bd, out);
}

DecStatus dec_add_frac(Dec a, Dec b, Dec *out) {
    a = dec_norm(a);
    b = dec_norm(b);
    if (a.den == 1 && b.den == 1) {
        int64_t r;
        if (__builtin_add_overflow(a.num, b.num, &r)) {
            return DEC_OVERFLOW;
        }
        *out = dec_int(r);
        return DEC_OK;
    }
    return add_frac(a, b.num, b.den, out);
}

DecStatus dec_sub_frac(Dec a, Dec b, Dec *out) {
    a = dec_norm(a);
    b = dec_norm(b);
    if (a.den == 1 && b.den == 1) {
        int64_t r;
        if (__builtin_sub_overflow(a.num, b.num, &r)) {
            return DEC_OVERFLOW;
        }
        *out = dec_int(r);
        return DEC_OK;
    }
    if (b.num == INT64_MIN) {
        return make((i128)a.num * b.den - (i128)b.num * a.den, (i128)a.den * b.den, out);
    }
    return add_frac(a, -b.num, b.den, out);
}

DecStatus dec_mul(Dec a, Dec b, Dec *out) {
    a = dec_norm(a);
    b = dec_norm(b);
    int64_t n;
    if (a.den == 1 && b.den == 1 && !__builtin_mul_overflow(a.num, b.num, &n)) { /* whole numbers */
        *out = dec_int(n);
        return DEC_OK;
    }
    return make((i128)a.num * b.num, (i128)a.den * b.den, out);
}

DecStatus dec_div(Dec a, Dec b, Dec *out) {
    a = dec_norm(a);
    b = dec_norm(b);
    if (b.num == 0) {
        return DEC_DIV_ZERO;
    }
    return make((i128)a.num * b.den, (i128)a.den * b.num, out);
}

DecStatus dec_neg(Dec a, Dec *out) {
    a = dec_norm(a);
    if (a.num == INT64_MIN) {
        return DEC_OVERFLOW;
    }
    out->num = -a.num;
    out->den = a.den;
    return DEC_OK;
}

/* ---- comparison ---- */

int dec_cmp_frac(Dec a, Dec b) {
    a = dec_norm(a);
    b = dec_norm(b);
    i128 l = (i128)a.num * b.den;
    i128 r = (i128)b.num * a.den;
    return (l > r) - (l < r);
}

/* ---- rounding ---- */

/* |a| * 10^places rounded half away from zero, as an unsigned magnitude. */
static u128 scaled_round(Dec a, int places) {
    uint64_t m = a.num < 0 ? (uint64_t)0 - (uint64_t)a.num : (uint64_t)a.num;
    if (m <= UINT64_MAX / (uint64_t)pow10_tab[places]) { /* the common case: no 128-bit division */
        uint64_t n64 = m * (uint64_t)pow10_tab[places], d64 = (uint64_t)a.den, q64 = n64 / d64;
        if ((n64 % d64) * 2 >= d64) { /* d64 < 2^63: no overflow */
            q64++;
        }
        return q64;
    }
    u128 n = abs_u(a.num) * (u128)pow10_tab[places];
    u128 d = (u128)a.den;
    u128 q = n / d;
    if ((n % d) * 2 >= d) {
        q++;
    }
    return q;
}

DecStatus dec_round(Dec a, int places, Dec *out) {
    a = dec_norm(a);
    if (places < 0 || places > DEC_MAX_PLACES) {
        return DEC_SYNTAX;
    }
    if (pow10_tab[places] % a.den == 0) { /* already at most `places` decimals: whole numbers, 0.5 at 1 */
        *out = a;
        return DEC_OK;
    }
    return make_u(a.num < 0, scaled_round(a, places), (u128)pow10_tab[places], out);
}

DecStatus dec_floor(Dec a, Dec *out) {
    a = dec_norm(a);
    int64_t q = a.num / a.den;
    if (a.num % a.den != 0 && a.num < 0) {
        q--;
    }
    *out = dec_int(q);
    return DEC_OK;
}

DecStatus dec_ceil(Dec a, Dec *out) {
    a = dec_norm(a);
    int64_t q = a.num / a.den;
    if (a.num % a.den != 0 && a.num > 0) {
        q++;
    }
    *out = dec_int(q);
    return DEC_OK;
}

/* ---- formatting ---- */

/* a * 10^shift when it has at most `places` decimals, exactly: the digits q
 * and how many of them are decimals (pl). Its denominator is then 2^i 5^j,
 * so nothing is rounded and no division by 10 is needed to trim. */
static bool exact_digits(Dec a, int shift, int places, uint64_t *q, int *pl) {
    uint64_t den = (uint64_t)a.den;
    int twos = __builtin_ctzll(den), fives = 0;
    uint64_t d = den >> twos;
    while (d % 5 == 0 && fives <= DEC_MAX_PLACES)
        d /= 5, fives++;
    int k = twos > fives ? twos : fives; /* den divides 10^k */
    if (d != 1 || k > DEC_MAX_PLACES) return false;
    int decimals = k > shift ? k - shift : 0;
    if (decimals > places) return false;
    uint64_t times = (uint64_t)pow10_tab[k] / den * (uint64_t)pow10_tab[shift + decimals - k];
    uint64_t mag = a.num < 0 ? (uint64_t)0 - (uint64_t)a.num : (uint64_t)a.num;
    if (__builtin_mul_overflow(mag, times, q)) return false;
    *pl = decimals;
    return true;
}

/* shift: a * 10^shift is written (a percent: 2), places + shift <= DEC_MAX_PLACES */
static size_t format_impl(Dec a, int places, int shift, bool trim, char *buf, size_t cap) {
    a = dec_norm(a);
    if (a.den == 1 && !shift && (trim || places <= 0) && cap >= 21) { /* a whole number: its digits */
        char *end = dec_int_text(buf, a.num);
        *end = '\0';
        return (size_t)(end - buf);
    }
    char tmp[64];
    char digits[48];
    size_t n = 0, nd = 0;
    if (places < 0) {
        places = 0;
    } else if (places > DEC_MAX_PLACES - shift) {
        places = DEC_MAX_PLACES - shift;
    }
    uint64_t q64 = 0;
    int pl = places; /* the decimals written */
    /* most numbers written have few decimals: they need no rounding */
    bool exact = trim && cap >= 48 && buf && exact_digits(a, shift, places, &q64, &pl);
    u128 q = exact ? q64 : scaled_round(a, places + shift);
    if (a.num < 0 && q != 0) {
        tmp[n++] = '-';
    }
    if (q <= UINT64_MAX && cap >= 48 && buf) {
        /* the common case: q's digits from the last, by divisions by 10 (a
         * multiplication), its trailing zeros dropped first, written once */
        if (!exact) q64 = (uint64_t)q;
        if (trim)
            while (pl > 0 && q64 % 10 == 0)
                q64 /= 10, pl--;
        char d[24];
        int k = 0;
        do {
            d[k++] = (char)('0' + (int)(q64 % 10));
            q64 /= 10;
        } while (q64 != 0);
        while (k <= pl) /* a digit before the point at least */
            d[k++] = '0';
        char *o = buf + n; /* after the sign */
        if (n) buf[0] = '-';
        for (int i = k - 1; i >= pl; i--)
            *o++ = d[i];
        if (pl > 0) {
            *o++ = '.';
            for (int i = pl - 1; i >= 0; i--)
                *o++ = d[i];
        }
        *o = '\0';
        return (size_t)(o - buf);
    }
    u128 fp;
    if (q <= UINT64_MAX) { /* 64-bit division, much cheaper */
        uint64_t scale = (uint64_t)pow10_tab[places], ip64 = (uint64_t)q / scale;
        fp = (uint64_t)q % scale;
        do {
            digits[nd++] = (char)('0' + (int)(ip64 % 10));
            ip64 /= 10;
        } while (ip64 != 0);
    } else {
        u128 scale = (u128)pow10_tab[places], ip = q / scale;
        fp = q % scale;
        do {
            digits[nd++] = (char)('0' + (int)(ip % 10));
            ip /= 10;
        } while (ip != 0);
    }
    while (nd > 0) {
        tmp[n++] = digits[--nd];
    }
    if (places > 0) {
        size_t dot = n;
        tmp[n++] = '.';
        /* below 10^places; its digits from the last (a division by 10 is a multiplication) */
        uint64_t fp64 = (uint64_t)fp;
        for (int k = places; k > 0; k--) {
            tmp[dot + (size_t)k] = (char)('0' + (int)(fp64 % 10));
            fp64 /= 10;
        }
        n += (size_t)places;
        if (trim) {
            while (n > dot + 1 && tmp[n - 1] == '0') {
                n--;
            }
            if (n == dot + 1) {
                n = dot;
            }
        }
    }
    if (cap == 0 || buf == NULL) {
        return 0;
    }
    if (n > cap - 1) {
        n = cap - 1;
    }
    for (size_t k = 0; k < n; k++) {
        buf[k] = tmp[k];
    }
    buf[n] = '\0';
    return n;
}

size_t dec_format(Dec a, int places, char *buf, size_t cap) {
    return format_impl(a, places, 0, true, buf, cap);
}

size_t dec_format_fixed(Dec a, int places, char *buf, size_t cap) {
    return format_impl(a, places, 0, false, buf, cap);
}

size_t dec_format_percent(Dec a, int places, char *buf, size_t cap) {
    return format_impl(a, places, 2, true, buf, cap);
}

double dec_to_double(Dec a) {
    return (double)a.num / (double)(a.den ? a.den : 1);
}
