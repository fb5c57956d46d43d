/* fuzz_direct.c - libFuzzer target: the quick way in for a JSON line
 * (load_direct.h) against the careful way (load.h), on the bundled 2013
 * standard; and its test of plain JSON (direct_json_ok, which lets an
 * array be read an element at a time) against cJSON and the text scan. Whatever the quick way accepts, the careful way must accept
 * without a word (no error, no warning) and load to the same unit, field for
 * field: the quick way may decline anything, but never differ. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_std.h"
#include "load.h"
#include "load_direct.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static Standard *std;
static DirectKeys *keys;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    std = fuzz_standard("fuzz_direct");
    keys = direct_keys_new(fuzz_arena, std);
    if (!keys) {
        fprintf(stderr, "fuzz_direct: the standard's data keys are ambiguous\n");
        exit(1);
    }
    return 0;
}

static bool same_value(const Value *a, const Value *b) {
    if (a->type != b->type || a->present != b->present) return false;
    if (!a->present) return true;
    switch (a->type) {
    case TY_INTEGER:
    case TY_DECIMAL:
    case TY_PERCENT: return a->u.num.num == b->u.num.num && a->u.num.den == b->u.num.den;
    case TY_BOOLEAN: return a->u.b == b->u.b;
    case TY_DATE: return a->u.date == b->u.date;
    case TY_TEXT: return !strcmp(a->u.text, b->u.text);
    case TY_ENUM: return a->u.member == b->u.member;
    case TY_LIST:
        if (a->u.list.rows != b->u.list.rows || a->u.list.fields != b->u.list.fields) return false;
        for (int i = 0; i < a->u.list.rows * a->u.list.fields; i++)
            if (!same_value(&a->u.list.cells[i], &b->u.list.cells[i])) return false;
        return true;
    default: return true;
    }
}

static void differ(const char *what, const Source *src) {
    fprintf(stderr, "fuzz_direct: the quick and the careful way differ in %s for: %.*s\n", what, (int)src->len,
            src->text);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 1 << 16 || memchr(data, '\0', size)) return 0; /* one unit, as a line holds it */
    Source src;
    if (!fuzz_data_source(&src, data, size)) return 0;
    src.path = "fuzz.jsonl";
    if (direct_json_ok(src.text, src.len)) { /* plain JSON to the quick way: strict JSON to the careful way */
        DiagSink d;
        diag_init(&d);
        cJSON *j = load_json_parse(&src, &d, false);
        if (!j || d.errors) differ("whether it is strict JSON", &src);
        cJSON_Delete(j);
        diag_free(&d);
    }
    Unit *quick = direct_load(keys, &src, 0, (uint32_t)src.len);
    if (quick) {
        DiagSink d;
        diag_init(&d);
        cJSON *j = load_json_parse(&src, &d, true);
        if (!j) differ("whether it is JSON", &src);
        Unit *careful = load_unit_json(std, &src, 0, j, 0, &d, NULL);
        if (d.errors || d.warnings || careful->invalid) {
            diag_print(&d, stderr);
            differ("whether the careful way has something to say", &src);
        }
        if (strcmp(quick->name, careful->name) || strcmp(quick->kind_name, careful->kind_name) ||
            quick->kind != careful->kind || quick->year != careful->year || quick->at != careful->at)
            differ("name, kind or year", &src);
        for (int i = 0; i < std->nfacts; i++)
            if (!same_value(&quick->facts[i], &careful->facts[i])) differ(std->fact_tab[i]->name, &src);
        unit_free(careful);
        cJSON_Delete(j);
        diag_free(&d);
        unit_free(quick);
    }
    free(src.text);
    return 0;
}
