/* Shared by the bench's C programs: read JSON Lines one line at a time. */
#ifndef BENCH_JSONL_H
#define BENCH_JSONL_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* The next line of f, without its newline, in *buf (grown as needed);
   its length, or -1 at the end. */
static inline ssize_t jsonl_next(FILE *f, char **buf, size_t *cap) {
    ssize_t n = getline(buf, cap, f);
    if (n > 0 && (*buf)[n - 1] == '\n') (*buf)[--n] = '\0';
    return n;
}

/* days since 1970-01-01 of "YYYY-MM-DD" (H. Hinnant's days_from_civil) */
static inline long long jsonl_days(const char *s) {
    long long y = atoll(s), m = atoll(s + 5), d = atoll(s + 8);
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
#endif
