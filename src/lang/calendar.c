/* calendar.c - calendar arithmetic (see calendar.h). */
#include "calendar.h"

#include <stdlib.h>

#include "dates.h"

bool cal_add_months(int32_t day, int64_t months, int32_t *out) {
    int y, m, d;
    dates_to_civil(day, &y, &m, &d);
    if (months < -12 * 10000 || months > 12 * 10000) return false;
    int64_t total = (int64_t)y * 12 + (m - 1) + months;
    int64_t ny = total >= 0 ? total / 12 : -((-total + 11) / 12);
    int nm = (int)(total - ny * 12) + 1;
    if (ny < 1900 || ny > 9999) return false;
    int last = dates_month_days((int)ny, nm);
    *out = dates_from_civil((int)ny, nm, d > last ? last : d);
    return true;
}

bool cal_shift(int32_t day, int32_t months, int32_t days, bool minus, int32_t *out) {
    int32_t moved = day;
    if (months && !cal_add_months(day, minus ? -(int64_t)months : months, &moved)) return false;
    int64_t r = minus ? (int64_t)moved - days : (int64_t)moved + days;
    if (r < CAL_FIRST_DAY || r > CAL_LAST_DAY) return false;
    *out = (int32_t)r;
    return true;
}

static Value number(Dec d, TypeKind t) {
    Value v = {.type = t, .present = true};
    v.u.num = d;
    return v;
}

/* x rounded up (or down) to whole steps: ceil(x / step) * step. */
static Value to_steps(Builtin fn, Dec x, Dec step, TypeKind t, const char **err) {
    Dec q, r;
    if (dec_sign(step) <= 0) {
        *err = "a step that is not more than 0";
        return number(dec_zero(), t);
    }
    DecStatus st = dec_div(x, step, &q);
    if (st == DEC_OK) st = fn == FN_CEIL ? dec_ceil(q, &q) : dec_floor(q, &q);
    if (st == DEC_OK) st = dec_mul(q, step, &r);
    if (st != DEC_OK) {
        *err = "a number too large for exact arithmetic";
        return number(dec_zero(), t);
    }
    return number(r, t);
}

TypeKind cal_type(Builtin fn, const TypeKind *types, int nargs) {
    switch (fn) {
    case FN_YEARS:
    case FN_MONTHS:
    case FN_DAYS: return TY_PERIOD;
    case FN_CEIL:
    case FN_FLOOR:
        if (types[0] == TY_PERCENT) return TY_PERCENT;
        if (nargs < 2) return TY_INTEGER;
        return types[0] == TY_INTEGER && types[1] == TY_INTEGER ? TY_INTEGER : TY_DECIMAL;
    default: return TY_INTEGER;
    }
}

Value cal_call(Builtin fn, const Value *args, const TypeKind *types, int nargs, const char **err) {
    Value v = {.type = TY_INTEGER, .present = true};
    switch (fn) {
    case FN_YEARS:
    case FN_MONTHS:
    case FN_DAYS: {
        v.type = TY_PERIOD;
        Dec n = args[0].u.num;
        int64_t limit = fn == FN_DAYS ? 3000000 : fn == FN_MONTHS ? 120000 : 10000;
        if (!dec_is_int(n) || n.num < -limit || n.num > limit) {
            *err =
                dec_is_int(n) ? "a period too long for the calendar" : "a period of a fraction of a year, month or day";
            return v;
        }
        if (fn == FN_DAYS)
            v.u.period.days = (int32_t)n.num;
        else
            v.u.period.months = (int32_t)(fn == FN_YEARS ? n.num * 12 : n.num);
        return v;
    }
    case FN_MONTH:
    case FN_DAY:
    case FN_YEAR_OF: {
        int y, m, d;
        dates_to_civil(args[0].u.date, &y, &m, &d);
        v.u.num = dec_int(fn == FN_MONTH ? m : fn == FN_DAY ? d : y);
        return v;
    }
    case FN_CEIL:
    case FN_FLOOR: {
        Dec step = dec_int(1);
        if (nargs > 1)
            step = args[1].u.num;
        else if (types[0] == TY_PERCENT)
            dec_frac(1, 100, &step); /* a percentage to whole percentage points */
        return to_steps(fn, args[0].u.num, step, cal_type(fn, types, nargs), err);
    }
    default: break;
    }
    return v;
}

const char *cal_period_text(Arena *a, int32_t months, int32_t days) {
    const char *s = "";
    int32_t y = months / 12, m = months % 12;
    if (y) s = arena_printf(a, "%d %s", y, abs(y) == 1 ? "year" : "years");
    if (m) s = arena_printf(a, "%s%s%d %s", s, *s ? " " : "", m, abs(m) == 1 ? "month" : "months");
    if (days || !*s) s = arena_printf(a, "%s%s%d %s", s, *s ? " " : "", days, abs(days) == 1 ? "day" : "days");
    return s;
}
