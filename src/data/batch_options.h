/* batch_options.h - how a batch (batch.h) runs: threads, --list files,
 * callbacks, the standard of each unit. Read by batch.c, its queue
 * (batch_queue.c) and its inputs (batch_read.c). */
#ifndef KP_BATCH_OPTIONS_H
#define KP_BATCH_OPTIONS_H

#include <stdbool.h>

#include "eval.h"

struct cJSON;

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

#endif
