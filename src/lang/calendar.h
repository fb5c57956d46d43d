/* calendar.h - calendar arithmetic for expressions: periods of years,
 * months and days added to dates (a day the month lacks becomes its last
 * day), the parts of a date, and rounding up or down to whole steps. All
 * exact: dates are days since 1970-01-01, numbers are decimals. */
#ifndef KP_CALENDAR_H
#define KP_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"

/* The first and last day a date may be: 1900-01-01 and 9999-12-31. */
enum { CAL_FIRST_DAY = -25567, CAL_LAST_DAY = 2932896 };

/* day moved by whole months: 2024-02-29 + (-36 months) is 2021-02-28.
 * False when the result falls outside 1900..9999. */
bool cal_add_months(int32_t day, int64_t months, int32_t *out);

/* date + period (or - when minus): the months first, then the days. */
bool cal_shift(int32_t day, int32_t months, int32_t days, bool minus, int32_t *out);

/* A calendar built-in (FN_YEARS .. FN_FLOOR) on evaluated arguments; types
 * are the checker's (`types`). On failure *err says why, in words for the
 * unit's report, and the value is a zero of the right type. */
Value cal_call(Builtin fn, const Value *args, const TypeKind *types, int nargs, const char **err);

/* The type of a calendar built-in's value, given its arguments' types:
 * years/months/days a period; month/day/year_of an integer; ceil/floor an
 * integer, or with a step the type of x and the step (a percentage stays one). */
TypeKind cal_type(Builtin fn, const TypeKind *types, int nargs);

/* "3 years", "1 month", "7 days", "1 year 2 months": a period as text. */
const char *cal_period_text(Arena *a, int32_t months, int32_t days);

#endif
