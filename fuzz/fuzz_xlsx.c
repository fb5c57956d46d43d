/* fuzz_xlsx.c - libFuzzer target: Office files. The bytes as a workbook
 * (.xlsx) read back as units against the bundled 2013 standard: the zip
 * archive and its XML parts (xlsx_read.c), the sheets made the JSON text of
 * their units (load_xlsx.c), that text loaded (load_json.c) and its
 * diagnostics printed at their cells; then the same bytes as the table of
 * a standard, from a workbook and from a Word document (table_read.c),
 * made a skeleton rule file (import.c). The bytes are the file as it is on
 * disk; the seeds (fuzz/xlsx_seeds.py) store their parts uncompressed, so
 * that the mutations reach the XML. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "fuzz_std.h"
#include "import.h"
#include "load.h"
#include "table_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static Standard *std;
static char dir[] = "/tmp/kaoping-fuzz-xlsx-XXXXXX";
static char path[64], docx[64];

static void cleanup(void) {
    unlink(path);
    unlink(docx);
    rmdir(dir);
}

/* The file at p as a standard's table, imported to /dev/null. */
static void import(const char *p, FILE *null) {
    DiagSink d;
    diag_init(&d);
    Table t;
    if (table_read(p, &t, &d)) {
        if (null) import_write(&t, p, null, &d);
        table_free(&t);
    }
    if (null) diag_print(&d, null);
    diag_free(&d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    std = fuzz_standard("fuzz_xlsx");
    if (!mkdtemp(dir)) return 1;
    snprintf(path, sizeof path, "%s/u.xlsx", dir);
    snprintf(docx, sizeof docx, "%s/u.docx", dir);
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(i ? docx : path, "wb");
        if (!f) return 0;
        fwrite(data, 1, size, f);
        fclose(f);
    }
    DiagSink d;
    diag_init(&d);
    Source src;
    if (load_xlsx_source(std, path, &src, &d)) {
        LoadedUnits lu;
        if (load_json(std, &src, &d, &lu)) load_free(&lu);
    }
    FILE *null = fopen("/dev/null", "w");
    if (null) diag_print(&d, null);
    diag_free(&d);
    source_free(&src);
    import(path, null);
    import(docx, null);
    if (null) fclose(null);
    return 0;
}
