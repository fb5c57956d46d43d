/* fuzz_std.h - what the data fuzz targets share: the bundled standard,
 * loaded once (KAOPING_FUZZ_RULES names another). */
#ifndef KP_FUZZ_STD_H
#define KP_FUZZ_STD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lex.h"

static Source fuzz_rules_src;
static Arena *fuzz_arena;

static inline Standard *fuzz_standard(const char *target) {
    const char *path = getenv("KAOPING_FUZZ_RULES");
    DiagSink d;
    diag_init(&d);
    fuzz_arena = arena_new();
    Standard *std = NULL;
    if (!source_read(&fuzz_rules_src, path ? path : "rules/2013.kp", 1 << 24, &d) ||
        !(std = lex_parse(&fuzz_rules_src, fuzz_arena, &d)) || !check_standard(std, fuzz_arena, &d)) {
        diag_print(&d, stderr);
        fprintf(stderr, "%s: cannot load the standard (run from the repository root)\n", target);
        exit(1);
    }
    diag_free(&d);
    return std;
}

/* The fuzzer's bytes as a data file: a CSV form when the first byte is odd
 * and a comma occurs, else JSON. NULL when out of memory; free src->text. */
static inline Source *fuzz_data_source(Source *src, const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return NULL;
    memcpy(text, data, size);
    text[size] = '\0';
    bool csv = size > 0 && (data[0] & 1) && memchr(data, ',', size);
    *src = (Source){.path = csv ? "fuzz.csv" : "fuzz.json", .text = text, .len = size};
    return src;
}

#endif
