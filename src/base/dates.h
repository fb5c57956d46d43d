/* dates.h - civil dates as days since 1970-01-01: parsing YYYY-MM-DD and
 * converting days to and from year, month and day. Used by the lexer (date
 * literals), the loaders (dates in data), calendar arithmetic and whatever
 * prints a date. */
#ifndef KAOPING_DATES_H
#define KAOPING_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* s[0..len) as YYYY-MM-DD, a real day of a year from 1900: true and *days
 * set, or false. */
bool dates_parse(const char *s, size_t len, int32_t *days);
/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
int32_t dates_from_civil(int y, int m, int d);
void dates_to_civil(int32_t days, int *y, int *m, int *d);
/* The days of month m (1..12) of year y. */
int dates_month_days(int y, int m);

#endif
