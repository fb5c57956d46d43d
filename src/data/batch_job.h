/* batch_job.h - a job of the batch (batch.c): one unit, or a note
 * (diagnostics about a file) that must be printed in its place among the
 * units. Filled in by the inputs (batch_read.c, load_rows.c), run by the
 * queue's workers. */
#ifndef KP_BATCH_JOB_H
#define KP_BATCH_JOB_H

#include <stdbool.h>
#include <stddef.h>

#include "eval.h"
#include "load.h"

typedef enum {
    JOB_NOTE,  /* diagnostics only (a file cannot be read, a bad line...) */
    JOB_LINE,  /* a line of JSON Lines, or an element of a JSON array with the lines
                  it is on: parsed, loaded and scored by a worker */
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
    uint32_t end;              /* JOB_LINE of an array's element: its end in text (at..end), else 0 */
    int index;                 /* "#index+1" names a unit without a name */
    LoadLocate locate;         /* used when locate.find is set */
    void *locate_data;         /* free()d with the job */
    Unit *unit;                /* JOB_UNIT; else set by the worker */
    DiagSink diag;             /* what is reported about this job */
    /* set by the worker */
    Result *res;
    struct OutBuf *out; /* what a worker wrote of the unit, in a buffer of the queue's (batch_queue.c) */
    bool has_output;    /* a unit was written (valid or not) */
    bool written;       /* ... by the worker, straight to the report (one thread): not out */
    bool collect;       /* a job of the first of two passes: loaded, gathered (peer.h), not written */
    int status;
    bool done;
} Job;

#endif
