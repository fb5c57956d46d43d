/* batch_read.h - the inputs of a batch (batch_read.c): each file, folder or
 * "-" turned into jobs submitted to the queue (batch_queue.h). Used by
 * batch.c. */
#ifndef KP_BATCH_READ_H
#define KP_BATCH_READ_H

#include <stdbool.h>

#include "batch_queue.h"

/* Submits the units of one input (file, folder or "-"). */
void batch_read_input(Batch *b, const char *path);
/* Once, before the inputs: the list files (--list); false if unusable. */
bool batch_read_lists(Batch *b, DiagSink *d);
/* Between the two passes: standard input is read again from its copy. */
void batch_read_rewind(Batch *b);
/* After the inputs: frees what they kept. */
void batch_read_done(Batch *b);

#endif
