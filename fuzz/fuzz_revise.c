/* fuzz_revise.c - libFuzzer target: a revision and the standard it revises,
 * merged (revise.c) and checked. The input is the revision, a NUL byte, then
 * the base, which is written as base.kp in a folder of the run's own, the
 * revision beside it as rev.kp (a revision finds its base by file name or by
 * title and year in its folder). Nothing may crash, leak or hang. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "lex.h"
#include "revise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char dir[] = "/tmp/kaoping-fuzz-revise-XXXXXX";
static char base_path[64], rev_path[64];

static void remove_dir(void) {
    remove(base_path);
    remove(rev_path);
    remove(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    if (!mkdtemp(dir)) abort();
    atexit(remove_dir);
    snprintf(base_path, sizeof base_path, "%s/base.kp", dir);
    snprintf(rev_path, sizeof rev_path, "%s/rev.kp", dir);
    return 0;
}

static void write_file(const char *path, const uint8_t *p, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (n) fwrite(p, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *nul = memchr(data, 0, size);
    size_t n = nul ? (size_t)(nul - data) : size;
    write_file(rev_path, data, n);
    write_file(base_path, nul ? nul + 1 : data, nul ? size - n - 1 : 0);
    char *text = malloc(n + 1);
    if (!text) return 0;
    memcpy(text, data, n);
    text[n] = '\0';
    Source src = {.path = rev_path, .text = text, .len = n};
    DiagSink d;
    diag_init(&d);
    Arena *arena = arena_new();
    Standard *std = lex_parse(&src, arena, &d);
    if (std && d.errors == 0 && revise_resolve(std, &src, arena, &d)) check_standard(std, arena, &d);
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        diag_print(&d, null);
        fclose(null);
    }
    arena_free(arena);
    diag_free(&d);
    free(text);
    return 0;
}
