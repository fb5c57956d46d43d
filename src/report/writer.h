/* writer.h - the interface of a report written unit by unit (a Writer),
 * which the batch (batch.h) drives, and the configuration of kaoping's own
 * formats (render_writer.c, render_report.c). */
#ifndef KP_WRITER_H
#define KP_WRITER_H

#include <stdio.h>

#include "eval.h"

/* How a report is written. Another format is a Writer: fill in the
 * callbacks (NULL ones are skipped) and pass it to batch_run (batch.h).
 *
 * - begin and end run once, on the main thread, with the report's stream.
 * - unit and invalid run on a worker thread, once per unit, with a stream
 *   private to that unit (a memory buffer copied to the report in input
 *   order): they must not write shared state; ctx is shared, read only.
 *   The Result and the Unit live until the callback returns, no longer.
 * - between runs on the main thread between two units' texts (a blank line,
 *   a comma), so that unit need not know whether it is the first.
 * A report over all units (a summary page) accumulates a Summary through
 * BatchOptions.on_result and draws it in end, as the text and JSON writers
 * do for --summary (render_writer.c). */
typedef struct Writer {
    void *ctx;
    void (*begin)(void *ctx, FILE *out, const Standard *std, const char *rules_path);
    /* a unit scored, or whose scoring failed (res->error set, reported) */
    void (*unit)(void *ctx, FILE *out, const Result *res);
    /* a unit whose data had errors (they are reported on standard error) */
    void (*invalid)(void *ctx, FILE *out, const Unit *u);
    void (*between)(void *ctx, FILE *out);
    /* false when the end could not be written (out of memory) */
    bool (*end)(void *ctx, FILE *out);
    /* Or, for a report that keeps a document of its own (html, csv, xlsx:
     * render_report.c): these run on the main thread, in input order, with
     * the unit and its result alive. */
    void (*unit_in_order)(void *ctx, const Result *res);
    void (*invalid_in_order)(void *ctx, const Unit *u);
    /* true: it prints the unit's scores only (a tsv line per unit: total,
     * grade, pass, vetoes, outputs), so the evaluator keeps no rule results
     * and builds no rectification list (EvalOptions.scores_only) */
    bool scores_only;
} Writer;

typedef enum { WRITE_TEXT, WRITE_JSON, WRITE_JSONL, WRITE_TSV, WRITE_HTML, WRITE_CSV, WRITE_XLSX } WriteFormat;
typedef enum { WRITE_SCORECARD, WRITE_EXPLAIN, WRITE_PLAN } WriteWhat;

struct Summary;
typedef struct WriterConfig {
    WriteFormat format;
    WriteWhat what;
    const Part *only;                   /* explain: one item, or NULL */
    int target_grade;                   /* plan: the grade to reach, or -1 */
    struct Summary *summary;            /* eval --summary: finished and printed by end, or NULL */
    bool summary_only;                  /* kaoping summary: no unit is written */
    char json_close[8];                 /* internal: the JSON document's closing text, "]\n}" */
    const char *xlsx_path;              /* xlsx: the file libxlsxwriter writes (the -o temporary file) */
    void *doc;                          /* internal: the html, csv or xlsx document */
    const char *error;                  /* set when the report could not be written whole */
    const Standard *std;                /* internal (tsv): the standard its header was written for */
    bool one_unit;                      /* the report holds one unit (the library): nothing is prepared for many */
    struct RenderJsonFrags *json_frags; /* internal (jsonl): the standard's members written once */
} WriterConfig;

#endif
