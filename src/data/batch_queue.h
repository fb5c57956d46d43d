/* batch_queue.h - the queue of a batch (batch_queue.c): jobs submitted in
 * input order, run on the threads, written and freed in their turn. Used by
 * batch.c, which runs the batch, and by its inputs (batch_read.c), which
 * submit jobs (batch_job.h); it calls neither. */
#ifndef KP_BATCH_QUEUE_H
#define KP_BATCH_QUEUE_H

#include <stdio.h>

#include "batch_job.h"
#include "batch_options.h"
#include "load.h"
#include "writer.h"

typedef struct Batch Batch;
struct PeerTable;

/* A queue writing through w to out, diagnostics to diag_out, with the
 * threads of opt->jobs started. */
Batch *batch_queue_new(const Standard *std, const Source *std_src, const BatchOptions *opt, const Writer *w, FILE *out,
                       FILE *diag_out);
/* Stops the threads (after batch_drain), prints the count of diagnostics
 * not shown and frees the queue: the run's exit status. */
int batch_queue_free(Batch *b);
/* The first of two passes: jobs are loaded and their accepted units added
 * to peers, nothing is written. */
void batch_collect(Batch *b, struct PeerTable *peers);
/* The second: units are scored against peers. */
void batch_score_with(Batch *b, struct PeerTable *peers);

/* A new job (diag ready), to be filled in and submitted. */
Job *batch_job(Batch *b, JobForm form);
void batch_job_free(Job *j);
/* Queues a job; it is run, written and freed in its turn. */
void batch_submit(Batch *b, Job *j);
/* Waits until every job submitted so far has been written (before freeing
 * what they point to: a file's text, its parsed tree). */
void batch_drain(Batch *b);
const Standard *batch_standard(const Batch *b);
const BatchOptions *batch_options(const Batch *b);
/* A slot for batch_read.c's own state. */
void **batch_read_state(Batch *b);
/* True when the run reads its inputs twice (a standard with peer functions). */
bool batch_two_pass(const Batch *b);
/* A status for the run (2 for a file that could not be read). */
void batch_fail(Batch *b, int status);

#endif
