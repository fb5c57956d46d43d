/* batch.c - the batch pipeline (see batch.h): its queue and threads
 * (batch_queue.c) fed by its inputs (batch_read.c), once or, for a standard
 * with peer functions, twice. */
#include <unistd.h>

#include "batch.h"
#include "batch_queue.h"
#include "batch_read.h"
#include "peer.h"

int batch_default_jobs(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

int batch_run(const Standard *std, const Source *std_src, const char *rules_path, const char *const *inputs,
              int ninputs, const BatchOptions *opt, const Writer *w, FILE *out, FILE *diag_out) {
    Batch *b = batch_queue_new(std, std_src, opt, w, out, diag_out);
    PeerTable *peers = NULL;
    if (w->begin) w->begin(w->ctx, out, std, rules_path);
    Job *note = batch_job(b, JOB_NOTE);
    bool lists_ok = batch_read_lists(b, &note->diag);
    batch_submit(b, note);
    if (!lists_ok) batch_fail(b, 2);
    if (batch_two_pass(b) && lists_ok) {
        /* first pass: every unit loaded, the values peer functions read kept */
        peers = peer_table_new();
        batch_collect(b, peers);
        for (int i = 0; i < ninputs; i++)
            batch_read_input(b, inputs[i]);
        batch_drain(b);
        peer_table_seal(peers);
        batch_score_with(b, peers);
        batch_read_rewind(b);
    }
    for (int i = 0; i < ninputs && lists_ok; i++)
        batch_read_input(b, inputs[i]);
    batch_drain(b);
    batch_read_done(b);
    batch_drain(b);
    if (w->end && !w->end(w->ctx, out)) batch_fail(b, 2);
    int status = batch_queue_free(b);
    peer_table_free(peers);
    return status;
}
