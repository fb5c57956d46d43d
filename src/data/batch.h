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

#include "batch_options.h"
#include "eval.h"
#include "writer.h"

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

#endif
