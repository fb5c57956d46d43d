/* fuzz_load.c - libFuzzer target: the unit-data loader alone (JSON, and
 * CSV forms when the first byte is odd) against the bundled 2013 standard.
 * Faster than fuzz_eval, so it goes deeper into the loader. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fuzz_std.h"
#include "lex.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static Standard *std;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    std = fuzz_standard("fuzz_load");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Source src;
    if (!fuzz_data_source(&src, data, size)) return 0;
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
    free(src.text);
    return 0;
}
