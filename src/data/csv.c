/* csv.c - a CSV record (see csv.h). */
#include "csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

static bool is_space(char c) {
    return c == ' ' || c == '\t';
}

CsvCell *csv_record(const char **p, const char *end, int *n, int *breaks) {
    const char *s = *p, *start = *p;
    *n = 0;
    if (s >= end) return NULL;
    int cap = 8, k = 0, lines = 0;
    CsvCell *cells = arena_xrealloc(NULL, sizeof *cells * (size_t)cap);
    char *buf = arena_xrealloc(NULL, (size_t)(end - s) + 1);
    for (;;) {
        size_t w = 0;
        const char *begin = s;
        if (s < end && *s == '"') {
            for (s++; s < end; s++) {
                if (*s == '"' && s + 1 < end && s[1] == '"') {
                    buf[w++] = '"', s++;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    lines += *s == '\n';
                    buf[w++] = *s;
                }
            }
            while (s < end && *s != ',' && *s != '\n' && *s != '\r')
                s++;
        } else {
            while (s < end && *s != ',' && *s != '\n' && *s != '\r')
                buf[w++] = *s++;
        }
        /* spaces around a cell are not part of it (Excel users type them) */
        size_t b = 0;
        while (b < w && is_space(buf[b]))
            b++;
        while (w > b && is_space(buf[w - 1]))
            w--;
        if (k == cap) cells = arena_xrealloc(cells, sizeof *cells * (size_t)(cap *= 2));
        cells[k].text = arena_xrealloc(NULL, w - b + 1);
        memcpy(cells[k].text, buf + b, w - b);
        cells[k].text[w - b] = '\0';
        cells[k].span = (Span){(uint32_t)(begin - start), (uint32_t)(s > begin ? s - start : begin - start + 1)};
        k++;
        if (s < end && *s == ',') {
            s++;
            continue;
        }
        if (s < end && *s == '\r') { /* the record's line break: "\r\n", "\n" or "\r" */
            s++, lines++;
            if (s < end && *s == '\n') s++;
        } else if (s < end && *s == '\n') {
            s++, lines++;
        }
        break;
    }
    free(buf);
    *p = s;
    *n = k;
    if (breaks) *breaks = lines;
    return cells;
}

void csv_free(CsvCell *cells, int n) {
    for (int i = 0; i < n; i++)
        free(cells[i].text);
    free(cells);
}
