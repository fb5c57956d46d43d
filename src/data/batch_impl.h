/* batch_impl.h - shared by batch.c (the queue and its threads) and
 * batch_read.c (the inputs): one job is one unit, or a note (diagnostics
 * about a file) that must be printed in its place among the units. */
#ifndef KP_BATCH_IMPL_H
#define KP_BATCH_IMPL_H

#include "batch.h"
#include "load.h"

typedef enum {
    JOB_NOTE,  /* diagnostics only (a file cannot be read, a bad line...) */
    JOB_LINE,  /* a line of JSON Lines: parsed, loaded and scored by a worker */
    JOB_VALUE, /* a parsed JSON unit: loaded and scored by a worker */
    JOB_UNIT,  /* a unit loaded already (a CSV form): scored by a worker */
} JobForm;

typedef struct Job {
    JobForm form;
    Source text;               /* JOB_LINE, a CSV row: the unit's text, owned (line0 set) */
    const Source *src;         /* where the unit is written: &text or a whole file */
    const struct cJSON *value; /* JOB_VALUE */
    struct cJSON *owned;       /* deleted with the job */
    uint32_t at;               /* the unit's first byte in src */
    int index;                 /* "#index+1" names a unit without a name */
    LoadLocate locate;         /* used when locate.find is set */
    void *locate_data;         /* free()d with the job */
    Unit *unit;                /* JOB_UNIT; else set by the worker */
    DiagSink diag;             /* what is reported about this job */
    /* set by the worker */
    Result *res;
    char *out;
    size_t outlen;
    bool has_output; /* a unit was written (valid or not) */
    bool collect;    /* a job of the first of two passes: loaded, gathered (peer.h), not written */
    int status;
    bool done;
} Job;

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

/* load_rows.c: a CSV of units, one per row. */
typedef struct RowLists RowLists;
typedef struct CsvRows CsvRows;
/* Reads the list files FACT=FILE.csv (whole: they are indexed by unit);
 * *ok false when one is unusable (reported in d). Free it with
 * rows_lists_free after d is printed, in either case. */
RowLists *rows_lists_load(const Standard *std, const char *const *specs, int n, DiagSink *d, bool *ok);
/* Warns about list rows for units that never came, then frees. */
void rows_lists_free(RowLists *l, DiagSink *d);
/* header: the first record's text (already read, BOM skipped). */
CsvRows *rows_open(const Standard *std, const char *path, RowLists *lists, const Source *header, DiagSink *d);
/* Fills j (text, value, locate) from the next record's text; false when
 * the row is empty (nothing to score). */
bool rows_unit(CsvRows *r, Job *j);
void rows_close(CsvRows *r);
/* True when the header names a column fact or value: a CSV form. */
bool rows_is_form(const Source *header);

#endif
