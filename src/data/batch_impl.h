/* batch_impl.h - shared by batch.c (the queue and its threads) and
 * batch_read.c (the inputs), which submits jobs (batch_job.h). */
#ifndef KP_BATCH_IMPL_H
#define KP_BATCH_IMPL_H

#include "batch.h"
#include "batch_job.h"
#include "load.h"

typedef struct Batch Batch;

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
/* Between the two passes: standard input is read again from its copy. */
void batch_read_rewind(Batch *b);
/* A status for the run (2 for a file that could not be read). */
void batch_fail(Batch *b, int status);

/* batch_read.c: submits the units of one input (file, folder or "-"). */
void batch_read_input(Batch *b, const char *path);
/* Once, before the inputs: the list files (--list); false if unusable. */
bool batch_read_lists(Batch *b, DiagSink *d);
void batch_read_done(Batch *b);

#endif
