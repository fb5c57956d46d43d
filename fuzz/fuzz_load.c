/* fuzz_load.c - libFuzzer target: the unit-data loader alone (JSON, and
 * CSV forms when the first byte is odd) against the bundled 2013 standard.
 * Faster than fuzz_eval, so it goes deeper into the loader. When the first
 * byte is 0x01 (0x02) the bytes after it are a file of JSON Lines (a CSV of
 * units, or a form) read by the batch pipeline and scored to a TSV. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "batch.h"
#include "check.h"
#include "fuzz_std.h"
#include "lex.h"
#include "load.h"
#include "render_writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static Standard *std;
static char dir[] = "/tmp/kaoping-fuzz-XXXXXX";

static void cleanup(void) {
    char path[64];
    snprintf(path, sizeof path, "%s/u.jsonl", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/u.csv", dir);
    unlink(path);
    rmdir(dir);
}

/* The bytes as a file of the batch's inputs, read and scored by batch_run. */
static void batch(const uint8_t *data, size_t size, bool csv) {
    char path[64];
    snprintf(path, sizeof path, "%s/u.%s", dir, csv ? "csv" : "jsonl");
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(data, 1, size, f);
    fclose(f);
    FILE *null = fopen("/dev/null", "w");
    if (!null) return;
    BatchOptions opt = {.eval = {.as_of = eval_campaign_end(std), .soon = 14}, .jobs = 1};
    WriterConfig wc = {.format = WRITE_TSV, .target_grade = -1};
    Writer w = writer_for(&wc);
    const char *in = path;
    batch_run(std, &fuzz_rules_src, "rules", &in, 1, &opt, &w, null, null);
    fclose(null);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    std = fuzz_standard("fuzz_load");
    if (!mkdtemp(dir)) return 1;
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 0 && (data[0] == 1 || data[0] == 2)) {
        batch(data + 1, size - 1, data[0] == 2);
        return 0;
    }
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
