/* batch_queue.c - the queue of a batch (see batch_queue.h): a bounded ring
 * of jobs, the worker threads that load, score and write each unit into a
 * buffer of their own (from a pool, used again), and the main thread that
 * copies the buffers to the report in input order, prints each unit's
 * diagnostics and frees it. With --jobs 1
 * there is no thread: each job runs on the main thread as it is submitted,
 * so the output is the same by construction.
 *
 * What the workers share is read only: the checked standard, the Writer's
 * ctx, a JSON file's parsed tree. The one lock they may take besides the
 * ring's is OpenCC's (script.c), when a kind or an enum value must be
 * compared across scripts. cJSON keeps one global (the position of its
 * last parse error), which parses on several threads write at once; kaoping
 * never reads it (it takes positions from the parse's end pointer). */
#define _GNU_SOURCE /* fopencookie */
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "batch_queue.h"
#include "diag.h"
#include "i18n.h"
#include "load_direct.h"
#include "peer.h"
#include "program.h"
#include "render.h"

enum { MAX_ERRORS = 1000, MAX_WARNINGS = 100 };

/* A unit as a worker wrote it, until the main thread copies it to the
 * report in its turn. The buffers are kept in a pool and handed out again,
 * grown to the size of a unit: a buffer per unit (open_memstream), grown
 * on a worker and freed on the main thread, left glibc's per-thread heaps
 * fragmented, 28 MiB for --format jsonl on two threads. */
typedef struct OutBuf {
    char *data;
    size_t len, cap;
    struct OutBuf *next; /* in the pool */
} OutBuf;

/* A buffer grown larger than this (a unit of a very long report) is freed
 * after use rather than kept. Past HELD_MAX bytes of units waiting in
 * buffers (a run of --format jsonl: 40 kB a unit), the workers take no new
 * job and the main thread is woken to copy them, before the job it waits
 * for is done: so few buffers are in use at once, however many units the
 * ring holds. */
/* OUTBUF_KEEP: a buffer over this is freed, not kept for the next unit;
 * HELD_MAX: output the workers hold before they wait for the main thread;
 * QUEUED_MAX: units' text waiting in the ring (so large units do not fill
 * a ring of small ones' length); FLUSH_EVERY: units submitted between two
 * looks at what is done. */
enum { OUTBUF_KEEP = 1 << 20, HELD_MAX = 256 << 10, QUEUED_MAX = 4 << 20, FLUSH_EVERY = 8 };

typedef struct Lane Lane;

struct Batch {
    const Standard *std;
    const Source *std_src;
    const BatchOptions *opt;
    const Writer *w;
    FILE *out, *diag_out;
    int status;
    long written;         /* units written so far */
    int errors, warnings; /* diagnostics printed (or cut) so far */
    /* the ring: head (oldest, not written yet) <= next (next for a worker) <= tail */
    Job **ring;
    size_t cap, head, next, tail;
    pthread_t *threads;
    int nthreads;    /* workers; with them, the main thread scores too (flush) */
    Lane *main_lane; /* the main thread's stream, for the jobs it runs */
    OutBuf *pool;    /* buffers free for the next jobs (under mu) */
    bool stop;
    int idle;          /* workers waiting for a job */
    int starved;       /* ... or for the main thread to copy what is held */
    bool main_waiting; /* the main thread waits for the job at wake_at */
    size_t wake_at;
    size_t held;   /* bytes written by the workers and not yet by the main thread */
    size_t queued; /* bytes of units' text in the ring (under mu) */
    pthread_mutex_t mu;
    pthread_cond_t work, finished, room;
    void *read; /* batch_read.c's state */
    /* a standard with peer functions: a first pass gathers the accepted
     * units' values (collect), the second scores against them (eval.peers) */
    bool two_pass, collect;
    PeerTable *peers;
    EvalOptions eval;
    /* the quick way in for a JSON line (load_direct.h), or NULL; it and
     * the compiled standard (EvalOptions.program) live in keys_arena */
    Arena *keys_arena;
    const DirectKeys *keys;
};

bool batch_two_pass(const Batch *b) {
    return b->two_pass;
}

const Standard *batch_standard(const Batch *b) {
    return b->std;
}

void **batch_read_state(Batch *b) {
    return &b->read;
}

const BatchOptions *batch_options(const Batch *b) {
    return b->opt;
}

void batch_fail(Batch *b, int status) {
    if (status > b->status) b->status = status;
}

Job *batch_job(Batch *b, JobForm form) {
    (void)b;
    Job *j = calloc(1, sizeof *j);
    if (!j) {
        diag_cli(DIAG_ERROR, "out of memory");
        exit(3);
    }
    j->form = form;
    j->collect = b->collect;
    diag_init(&j->diag);
    j->diag.max_errors = MAX_ERRORS;
    j->diag.max_warnings = MAX_WARNINGS;
    return j;
}

void batch_job_free(Job *j) {
    if (j->unit) unit_free(j->unit);
    cJSON_Delete(j->owned);
    free(j->text.text);
    free(j->text.cells);
    free(j->locate_data);
    if (j->out) free(j->out->data);
    free(j->out);
    diag_free(&j->diag);
    free(j);
}

/* ---- one job: load, score, write into its own buffer (any thread) -------- */

/* A worker's stream: it writes into the buffer of the job in hand. */
struct Lane {
    FILE *f;
    OutBuf *to;
};

static ssize_t lane_write(void *cookie, const char *s, size_t n) {
    OutBuf *o = ((Lane *)cookie)->to;
    if (n > o->cap - o->len) { /* to what it holds, in steps of 4 KiB: it keeps that size */
        size_t cap = (o->len + n + 4095) & ~(size_t)4095;
        char *d = realloc(o->data, cap);
        if (!d) return -1; /* said after the unit (job_run): out of memory */
        o->data = d;
        o->cap = cap;
    }
    memcpy(o->data + o->len, s, n);
    o->len += n;
    return (ssize_t)n;
}

/* Takes a buffer from the pool, or a new one (under b->mu). */
static OutBuf *outbuf_take(Batch *b) {
    OutBuf *o = b->pool;
    if (o) {
        b->pool = o->next;
        return o;
    }
    o = calloc(1, sizeof *o);
    if (!o) {
        diag_cli(DIAG_ERROR, "out of memory");
        exit(3);
    }
    return o;
}

/* Gives a buffer back, emptied (under b->mu). */
static void outbuf_give(Batch *b, OutBuf *o) {
    if (!o) return;
    if (o->cap > OUTBUF_KEEP) {
        free(o->data);
        free(o);
        return;
    }
    o->len = 0;
    o->next = b->pool;
    b->pool = o;
}

static void job_run(Batch *b, Job *j, Lane *lane) {
    const Standard *std = b->std;
    const Source *std_src = b->std_src;
    /* a line (or an array's element: at..end) plainly right is read straight in */
    if (j->form == JOB_LINE && b->keys)
        j->unit = direct_load(b->keys, &j->text, j->at, j->end ? j->end : (uint32_t)j->text.len);
    if (j->form == JOB_LINE && !j->unit) {
        j->owned = j->end ? load_json_parse_range(&j->text, j->at, j->end, &j->diag, false)
                          : load_json_parse(&j->text, &j->diag, true);
        if (!j->owned) {
            j->status = 2;
            return;
        }
        j->value = j->owned;
    }
    if ((j->form == JOB_LINE || j->form == JOB_VALUE) && !j->unit && b->opt->standard_for) {
        /* eval --rules-dir: the standard of the unit's year */
        Span at = {j->at, j->at + 1};
        std = b->opt->standard_for(b->opt->standard_ctx, j->value, &j->diag, j->src, at);
        if (std)
            std_src = std->src;
        else
            j->unit = load_unit_named(j->src, j->at, j->value, j->index);
    }
    if ((j->form == JOB_LINE || j->form == JOB_VALUE) && !j->unit && std)
        j->unit = load_unit_json(std, j->src, j->at, j->value, j->index, &j->diag, j->locate.find ? &j->locate : NULL);
    /* the unit holds copies of what it needs: its parsed text can go (here,
     * on the thread that allocated it, which is cheaper for malloc) */
    cJSON_Delete(j->owned);
    j->owned = NULL;
    j->value = NULL;
    if (!j->unit || j->collect) return;           /* the first pass only loads */
    if (j->unit->std && j->unit->std != b->std) { /* eval --rules-dir: another year's standard */
        std = j->unit->std;
        std_src = std->src;
    }
    /* on one thread the unit is written in its turn already: straight to the
     * report, with no buffer of its own (a buffer grown and freed per unit
     * left the heap fragmented: 19 MiB for jsonl, 5 MiB without); on a
     * worker, into the job's buffer from the pool */
    j->written = !lane;
    FILE *f = j->written ? b->out : lane->f;
    if (lane) lane->to = j->out;
    if (j->written && b->written++ && b->w->between) b->w->between(b->w->ctx, b->out);
    j->has_output = true;
    Unit *u = j->unit;
    if (u->invalid) {
        j->status = 2;
        if (b->w->invalid) b->w->invalid(b->w->ctx, f, u);
    } else {
        Result *res = eval_unit_with(std, u, u->arena, &b->eval);
        Span at = {u->at, u->at + 1};
        if (b->peers && peer_reads_kind(std, u->kind) && peer_group_size(b->peers, u) <= 1)
            diag_at(&j->diag, DIAG_WARNING, "K0502", u->src, at,
                    "unit \"%s\": scored without peers: no other accepted unit of its kind (%s) and year %d in this "
                    "run, so rank(), peers() and best() compare it with itself only",
                    u->name, u->kind_name && *u->kind_name ? u->kind_name : "-", u->year ? u->year : std->year_value);
        j->res = res;
        if (res->rejected) { /* the data breaks a 'require': invalid data, shown at the unit */
            render_rejection(&j->diag, res);
            j->status = 2;
            j->res = NULL;
            u->invalid = true;
            if (b->w->invalid) b->w->invalid(b->w->ctx, f, u);
        } else if (res->error) {
            Diag *g = diag_at(&j->diag, DIAG_ERROR, "K0501", std_src, res->error_span,
                              "unit \"%s\": cannot be scored: %s", u->name, _(res->error));
            if (res->error_span.begin != std->title_span.begin)
                diag_help(&j->diag, g, "the data in %s makes this rule compute something impossible", u->src->path);
            j->status = 2;
        } else {
            j->status = res->pass ? 0 : 1;
        }
        if (b->w->unit && !res->rejected) b->w->unit(b->w->ctx, f, res);
    }
    if (!j->written && (fflush(f) != 0 || ferror(f))) {
        diag_cli(DIAG_ERROR, "out of memory");
        exit(3);
    }
    if (!b->opt->on_result && !b->opt->on_skipped && !b->w->unit_in_order && !b->w->invalid_in_order) {
        /* written: nothing reads the unit or its result again */
        unit_free(j->unit);
        j->unit = NULL;
        j->res = NULL;
    }
}

/* ---- in input order: output, diagnostics, free (main thread) ------------- */

/* Prints a job's diagnostics, keeping the run's caps on errors and warnings. */
static void print_diags(Batch *b, const DiagSink *d) {
    for (const Diag *g = d->head; g; g = g->next) {
        int *n = g->level == DIAG_ERROR ? &b->errors : &b->warnings;
        if (++*n > (g->level == DIAG_ERROR ? MAX_ERRORS : MAX_WARNINGS)) continue;
        diag_print_one(g, b->diag_out);
    }
    /* records not kept by the job's own sink still count */
    int lost_e = d->errors - (d->errors > MAX_ERRORS ? MAX_ERRORS : d->errors);
    int lost_w = d->warnings - (d->warnings > MAX_WARNINGS ? MAX_WARNINGS : d->warnings);
    b->errors += lost_e;
    b->warnings += lost_w;
}

/* Writes a finished job in its turn and frees it; its buffer, if any, is
 * returned for the pool. */
static OutBuf *job_finish(Batch *b, Job *j) {
    OutBuf *o = j->out;
    j->out = NULL;
    if (j->collect) { /* the first pass: an accepted unit is a peer; nothing is written */
        if (j->unit && !j->unit->invalid && !j->diag.errors) peer_table_add(b->peers, j->unit);
        batch_job_free(j);
        return o;
    }
    if (j->has_output && !j->written) {
        if (b->written++ && b->w->between) b->w->between(b->w->ctx, b->out);
        if (o->len) fwrite(o->data, 1, o->len, b->out);
    }
    print_diags(b, &j->diag);
    if (j->diag.errors && j->status < 2) j->status = 2;
    batch_fail(b, j->status);
    if (j->unit && j->unit->invalid && b->w->invalid_in_order)
        b->w->invalid_in_order(b->w->ctx, j->unit);
    else if (j->res && b->w->unit_in_order)
        b->w->unit_in_order(b->w->ctx, j->res);
    if (j->res && !j->res->error && b->opt->on_result)
        b->opt->on_result(b->opt->on_result_ctx, j->res);
    else if (j->form != JOB_NOTE && b->opt->on_skipped)
        b->opt->on_skipped(b->opt->on_result_ctx);
    batch_job_free(j);
    return o;
}

/* ---- threads ---------------------------------------------------------------- */

/* The next job no thread has taken, or NULL (under b->mu). */
static Job *take(Batch *b) {
    while (b->next < b->tail) {
        Job *j = b->ring[b->next++ % b->cap];
        if (j->done) continue;                    /* a note: nothing to run */
        if (!j->collect) j->out = outbuf_take(b); /* the first pass writes nothing */
        return j;
    }
    return NULL;
}

/* Runs a job taken, outside the lock (called and returning under b->mu). */
static void run_taken(Batch *b, Job *j, Lane *lane) {
    pthread_mutex_unlock(&b->mu);
    job_run(b, j, lane);
    pthread_mutex_lock(&b->mu);
    j->done = true;
    if (j->out) b->held += j->out->len;
}

static bool lane_open(Lane *lane) {
    *lane = (Lane){0};
    lane->f = fopencookie(lane, "w", (cookie_io_functions_t){.write = lane_write});
    return lane->f != NULL;
}

static void *worker(void *arg) {
    Batch *b = arg;
    Lane lane;
    if (!lane_open(&lane)) {
        diag_cli(DIAG_ERROR, "out of memory");
        exit(3);
    }
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while ((b->next == b->tail || b->held > HELD_MAX) && !b->stop) {
            if (b->next == b->tail) {
                b->idle++;
                pthread_cond_wait(&b->work, &b->mu);
                b->idle--;
            } else {
                b->starved++;
                pthread_cond_wait(&b->room, &b->mu);
                b->starved--;
            }
        }
        Job *j = take(b);
        if (!j) {
            if (b->stop) break;
            continue;
        }
        run_taken(b, j, &lane);
        /* wake the main thread only for what it waits for, or to write what is held */
        if (b->main_waiting &&
            (b->ring[b->wake_at % b->cap]->done || (b->held > HELD_MAX && b->ring[b->head % b->cap]->done)))
            pthread_cond_signal(&b->finished);
    }
    pthread_mutex_unlock(&b->mu);
    fclose(lane.f);
    arena_release_spare();
    return NULL;
}

/* Writes the finished jobs at the head, waiting until the head has passed
 * upto. The main thread sleeps until the last job it needs is done, not
 * for each job: a wake-up (a futex call and a switch) per unit cost more
 * than scoring one. The jobs found done are taken together and written
 * outside the lock: three threads taking the lock for each unit made it
 * contended (a futex call for every other unit). */
static void flush(Batch *b, size_t upto) {
    enum { RUN = 64 };
    Job *run[RUN];
    OutBuf *outs[RUN];
    pthread_mutex_lock(&b->mu);
    while (b->head < b->tail) {
        Job *j = b->ring[b->head % b->cap];
        if (!j->done) {
            if (b->head >= upto) break;
            /* rather than wait, the main thread scores a unit too (unless
             * as much as the workers may hold is waiting to be written) */
            Job *t = b->held <= HELD_MAX ? take(b) : NULL;
            if (t) {
                run_taken(b, t, b->main_lane);
                continue;
            }
            b->wake_at = upto - 1;
            b->main_waiting = true;
            pthread_cond_wait(&b->finished, &b->mu);
            b->main_waiting = false;
            continue;
        }
        int n = 0;
        while (n < RUN && b->head < b->tail && (j = b->ring[b->head % b->cap])->done) {
            b->head++;
            if (b->next < b->head) b->next = b->head; /* a note no worker took: it is gone */
            if (j->out) b->held -= j->out->len;
            b->queued -= j->text.len;
            run[n++] = j;
        }
        if (b->starved && b->held <= HELD_MAX) pthread_cond_broadcast(&b->room);
        pthread_mutex_unlock(&b->mu);
        for (int i = 0; i < n; i++)
            outs[i] = job_finish(b, run[i]);
        pthread_mutex_lock(&b->mu);
        for (int i = 0; i < n; i++)
            outbuf_give(b, outs[i]);
    }
    pthread_mutex_unlock(&b->mu);
}

void batch_submit(Batch *b, Job *j) {
    if (b->nthreads == 0) {
        if (j->form != JOB_NOTE) job_run(b, j, NULL);
        job_finish(b, j); /* (no buffer: the job was written in its turn) */
        return;
    }
    if (j->form == JOB_NOTE) j->done = true;
    if (b->tail - b->head == b->cap || b->queued > QUEUED_MAX)
        flush(b, b->head + (b->tail - b->head) / 2); /* a full ring: let it half empty */
    pthread_mutex_lock(&b->mu);
    b->ring[b->tail++ % b->cap] = j;
    b->queued += j->text.len;
    if (b->idle) pthread_cond_signal(&b->work);
    pthread_mutex_unlock(&b->mu);
    if (b->tail % FLUSH_EVERY == 0) flush(b, 0); /* what is done so far is written (and batch_drain writes the rest) */
}

void batch_drain(Batch *b) {
    if (b->nthreads) flush(b, b->tail);
}

Batch *batch_queue_new(const Standard *std, const Source *std_src, const BatchOptions *opt, const Writer *w, FILE *out,
                       FILE *diag_out) {
    Batch *b = calloc(1, sizeof *b);
    if (!b) {
        diag_cli(DIAG_ERROR, "out of memory");
        exit(3);
    }
    *b = (Batch){
        .std = std, .std_src = std_src, .opt = opt, .w = w, .out = out, .diag_out = diag_out, .eval = opt->eval};
    b->two_pass = opt->peers || peer_uses(std);
    /* what nothing will print is not built */
    b->eval.scores_only = w->scores_only && !opt->on_result && !w->unit_in_order;
    b->keys_arena = arena_new();
    /* compiled once; with --rules-dir, a unit of another year's standard is
     * compiled as it is scored (EvalOptions.program) */
    b->eval.program = program_new(std, b->keys_arena);
    if (!opt->standard_for) b->keys = direct_keys_new(b->keys_arena, std); /* --rules-dir: each unit's year picks */
    int jobs = opt->jobs < 1 ? 1 : opt->jobs;
    if (jobs > 1) {
        /* a few units per thread in flight: enough to keep every thread busy
         * while one slow unit holds the head, and a bound on memory */
        b->cap = (size_t)jobs * 64;
        b->ring = calloc(b->cap, sizeof *b->ring);
        b->threads = calloc((size_t)jobs, sizeof *b->threads);
        b->main_lane = malloc(sizeof *b->main_lane);
        if (!b->ring || !b->threads || !b->main_lane || !lane_open(b->main_lane)) {
            diag_cli(DIAG_ERROR, "out of memory");
            exit(3);
        }
        pthread_mutex_init(&b->mu, NULL);
        pthread_cond_init(&b->work, NULL);
        pthread_cond_init(&b->finished, NULL);
        pthread_cond_init(&b->room, NULL);
        /* jobs - 1 workers: the main thread scores while it waits for them
         * (flush), so that jobs threads score on jobs cores, not jobs + 1 */
        for (int i = 0; i < jobs - 1; i++)
            if (pthread_create(&b->threads[i], NULL, worker, b) == 0) b->nthreads++;
    }
    return b;
}

void batch_collect(Batch *b, PeerTable *peers) {
    b->collect = true;
    b->peers = peers;
}

void batch_score_with(Batch *b, PeerTable *peers) {
    b->collect = false;
    b->peers = peers;
    b->eval.peers = peers;
}

int batch_queue_free(Batch *b) {
    if (b->nthreads) {
        pthread_mutex_lock(&b->mu);
        b->stop = true;
        pthread_cond_broadcast(&b->work);
        pthread_cond_broadcast(&b->room);
        pthread_mutex_unlock(&b->mu);
        for (int i = 0; i < b->nthreads; i++)
            pthread_join(b->threads[i], NULL);
        pthread_mutex_destroy(&b->mu);
        pthread_cond_destroy(&b->work);
        pthread_cond_destroy(&b->finished);
        pthread_cond_destroy(&b->room);
    }
    if (b->main_lane) fclose(b->main_lane->f);
    free(b->main_lane);
    for (OutBuf *o = b->pool, *next; o; o = next) {
        next = o->next;
        free(o->data);
        free(o);
    }
    arena_free(b->keys_arena);
    free(b->threads);
    free(b->ring);
    if (b->warnings > MAX_WARNINGS)
        fprintf(b->diag_out, _("kaoping: warning: %d more warnings not shown\n"), b->warnings - MAX_WARNINGS);
    if (b->errors > MAX_ERRORS)
        fprintf(b->diag_out, _("kaoping: error: %d more errors not shown\n"), b->errors - MAX_ERRORS);
    int status = b->status;
    free(b);
    return status;
}
