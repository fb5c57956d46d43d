/* fuzz_rules.c - libFuzzer target: the rule-file front end (scan, parse,
 * check, format) on arbitrary bytes. Nothing may crash, leak or hang. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fmt.h"
#include "lex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    Source src = {.path = "fuzz.kp", .text = text, .len = size};
    DiagSink d;
    diag_init(&d);
    Arena *arena = arena_new();
    Standard *std = lex_parse(&src, arena, &d);
    if (std && d.errors == 0) check_standard(std, arena, &d);
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        diag_print(&d, null);
        char *out = fmt_source(&src, FMT_HANT, &d);
        if (out) fputs(out, null);
        free(out);
        fclose(null);
    }
    arena_free(arena);
    diag_free(&d);
    free(text);
    return 0;
}
