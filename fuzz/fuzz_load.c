/* fuzz_load.c - libFuzzer target: the unit-data loader alone (JSON, and
 * CSV forms when the first byte is odd) against the bundled 2013 standard.
 * Faster than fuzz_eval, so it goes deeper into the loader. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lex.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static Source rules;
static Arena *arena;
static Standard *std;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    const char *path = getenv("KAOPING_FUZZ_RULES");
    DiagSink d;
    diag_init(&d);
    arena = arena_new();
    if (!source_read(&rules, path ? path : "rules/2013.kp", 1 << 24, &d) || !(std = lex_parse(&rules, arena, &d)) ||
        !check_standard(std, arena, &d)) {
        diag_print(&d, stderr);
        fputs("fuzz_load: cannot load the standard (run from the repository root)\n", stderr);
        exit(1);
    }
    diag_free(&d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    bool csv = size > 0 && (data[0] & 1) && memchr(data, ',', size);
    Source src = {.path = csv ? "fuzz.csv" : "fuzz.json", .text = text, .len = size};
    DiagSink d;
    diag_init(&d);
    LoadedUnits lu;
    if (load_file(std, &src, &d, &lu)) load_free(&lu);
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        diag_print(&d, null);
        fclose(null);
    }
    diag_free(&d);
    free(text);
    return 0;
}
