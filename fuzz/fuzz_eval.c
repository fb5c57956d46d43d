/* fuzz_eval.c - libFuzzer target: unit data (JSON, and CSV forms when the
 * first byte is odd) against the bundled 2013 standard, then the whole
 * evaluation and every renderer (but XLSX, which writes a file). Nothing
 * may crash, leak or hang. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "eval.h"
#include "fuzz_std.h"
#include "lex.h"
#include "load.h"
#include "render.h"
#include "render_writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static Standard *std;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    std = fuzz_standard("fuzz_eval");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Source src;
    if (!fuzz_data_source(&src, data, size)) return 0;
    DiagSink d;
    diag_init(&d);
    LoadedUnits lu;
    FILE *null = fopen("/dev/null", "w");
    if (null && load_file(std, &src, &d, &lu)) {
        /* the JSON document as eval --format json writes it */
        WriterConfig wc = {.format = WRITE_JSON, .what = WRITE_SCORECARD, .target_grade = -1};
        Writer json = writer_for(&wc);
        json.begin(json.ctx, null, std, "rules");
        HtmlDoc *html = render_html_begin(std, null);
        CsvDoc *csv = render_csv_begin(std, null);
        for (int i = 0; i < lu.count; i++) {
            Unit *u = lu.units[i];
            if (u->invalid) {
                if (html) render_html_invalid(html, u);
                if (csv) render_csv_invalid(csv, u);
                continue;
            }
            Result *res = eval_unit_explained(std, u, u->arena);
            if (html) render_html_unit(html, res);
            if (csv) render_csv_unit(csv, res);
            render_text_unit(null, res);
            render_explain_text(null, res, NULL);
            render_plan_text(null, plan_unit(res, -1, u->arena));
            if (i) json.between(json.ctx, null);
            json.unit(json.ctx, null, res);
        }
        json.end(json.ctx, null);
        if (html) render_html_end(html);
        if (csv) render_csv_end(csv);
        /* the campaign chart over every unit scored */
        const Result *all[64];
        int n = 0;
        for (int i = 0; i < lu.count && n < 64; i++)
            if (!lu.units[i]->invalid) all[n++] = eval_unit(std, lu.units[i], lu.units[i]->arena);
        Arena *chart = arena_new();
        render_timeline_text(null, std, chart, eval_campaign_end(std), all, n);
        arena_free(chart);
        load_free(&lu);
    }
    if (null) {
        diag_print(&d, null);
        fclose(null);
    }
    diag_free(&d);
    free(src.text);
    return 0;
}
