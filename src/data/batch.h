/* batch.h - scoring many units: the batch pipeline of eval, explain, plan
 * and summary. Units are read one at a time from each input (a data file, a
 * folder of them, JSON Lines, a CSV of units), scored on --jobs threads,
 * written through a Writer in input order, and freed: memory holds a
 * bounded number of units whatever the number read.
 *
 *   inputs -> [reader: one unit at a time] -> [N workers: load, eval, write
 *   the unit into its own buffer] -> [in input order: copy the buffer to the
 *   output, print the unit's diagnostics, on_result, free]
 */
#ifndef KP_BATCH_H
#define KP_BATCH_H

#include <stdio.h>

#include "eval.h"

struct cJSON;

/* How a report is written. Another format is a Writer: fill in the
 * callbacks (NULL ones are skipped) and pass it to batch_run.
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
} Writer;

typedef struct BatchOptions {
    EvalOptions eval;
    int jobs; /* threads scoring units; 1: none, all on the main thread */
    /* --list FACT=FILE.csv: a list fact's records for the units of CSV files */
    const char *const *lists;
    int nlists;
    /* called on the main thread for each unit scored (not for invalid
     * units, nor for units that could not be scored), in input order */
    void (*on_result)(void *ctx, const Result *res);
    /* ... and for each unit not scored: its data had errors, it could not
     * be scored, or its line was not JSON */
    void (*on_skipped)(void *ctx);
    void *on_result_ctx;
    /* eval --rules-dir: the standard of a unit, from its JSON (its year), or
     * NULL after adding the reason to diag: the unit is then reported and not
     * scored. Runs on worker threads: it may only read. NULL: every unit is
     * scored against the run's standard. */
    const Standard *(*standard_for)(void *ctx, const struct cJSON *unit, DiagSink *diag, const Source *src, Span at);
    void *standard_ctx;
    /* read the inputs twice and score each unit against its peers (peer.h);
     * set for --rules-dir when some year's standard has peer functions (the
     * run's own standard is looked at by batch_run itself) */
    bool peers;
} BatchOptions;

/* Scores every unit of every input. An input is a data file (.json: one
 * unit or an array of them; .jsonl or .ndjson: one unit per line; .csv: a
 * CSV form or a CSV of units, one per row), a folder of such files (read in
 * name order), or "-" for JSON Lines on standard input. std_src is the
 * standard's source (for "cannot be scored" diagnostics). Diagnostics go to
 * diag_out in input order. Returns the exit status: 0 every unit passes, 1
 * one fails or is vetoed, 2 an input or a unit had errors. */
int batch_run(const Standard *std, const Source *std_src, const char *rules_path, const char *const *inputs,
              int ninputs, const BatchOptions *opt, const Writer *w, FILE *out, FILE *diag_out);

/* The number of processors online (the default for --jobs), at least 1. */
int batch_default_jobs(void);

/* ---- the writers of kaoping's formats (render_writer.c) ----------------- */

typedef enum { WRITE_TEXT, WRITE_JSON, WRITE_JSONL, WRITE_TSV, WRITE_HTML, WRITE_CSV, WRITE_XLSX } WriteFormat;
typedef enum { WRITE_SCORECARD, WRITE_EXPLAIN, WRITE_PLAN } WriteWhat;

struct Summary;
typedef struct WriterConfig {
    WriteFormat format;
    WriteWhat what;
    const Part *only;        /* explain: one item, or NULL */
    int target_grade;        /* plan: the grade to reach, or -1 */
    struct Summary *summary; /* eval --summary: finished and printed by end, or NULL */
    bool summary_only;       /* kaoping summary: no unit is written */
    char *json_close;        /* internal: the JSON document's closing text */
    const char *xlsx_path;   /* xlsx: the file libxlsxwriter writes (the -o temporary file) */
    void *doc;               /* internal: the html, csv or xlsx document */
    const char *error;       /* set when the report could not be written whole */
    const Standard *std;     /* internal (tsv): the standard its header was written for */
} WriterConfig;

/* A Writer for cfg (which it points to: keep cfg alive while it is used). */
Writer writer_for(WriterConfig *cfg);
/* The Writers of the reports html, csv and xlsx (render_report.c). */
Writer writer_for_report(WriterConfig *cfg);
/* "text", "json", "jsonl", "tsv", "html", "csv", "xlsx" -> *f; false for another word. */
bool writer_format(const char *word, WriteFormat *f);

#endif
