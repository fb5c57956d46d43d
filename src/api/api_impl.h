/* api_impl.h - what the files of libkaoping's public API (include/kaoping.h)
 * share: the handles behind the opaque types, their reference counts, the
 * thread's last error and the out-of-memory boundary of each call. */
#ifndef KP_API_IMPL_H
#define KP_API_IMPL_H

#include <setjmp.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "kaoping.h"
#include "years.h"
#include "years_load.h"

/* A handle's magic while it lives; 0 once freed (kaoping.h, "Freed handles"). */
enum { KP_MAGIC_STD = 0x4b505354, KP_MAGIC_UNIT = 0x4b50554e, KP_MAGIC_RESULT = 0x4b505253 };

struct kp_diags {
    DiagSink sink;
};

struct kp_standard {
    uint32_t magic;
    atomic_int refs; /* the caller's, and one per unit loaded against it */
    kp_diags diags;
    bool ok;      /* it can score */
    Source src;   /* a file or a text: the standard's own source */
    Source tests; /* NAME.tests.kp (KP_LOAD_TESTS) */
    char *tests_path;
    char *name;    /* the name given to a text */
    Arena *arena;  /* the standard and everything it points to */
    Standard *std; /* the describing standard (a folder's latest) */
    bool dir;      /* a folder of years: units choose their standard by year */
    YearShelf shelf;
    char total[64];
    /* each standard compiled for scoring once (program.h), not at each
     * kp_score: std's, and a folder's by shelf file */
    const struct Program *program;
    const struct Program **year_programs;
};

/* The compiled form of std, one of s's standards (NULL: not compiled). */
const struct Program *kp__program_of(const kp_standard *s, const Standard *std);

struct kp_unit {
    uint32_t magic;
    atomic_int refs;   /* the caller's, and one per result */
    kp_standard *from; /* the handle it was loaded with (held) */
    kp_diags diags;
    char *name;         /* the name given to the text */
    Source src;         /* its data, owned */
    struct cJSON *json; /* while loading */
    uint32_t *offs;     /* while loading */
    Unit *u;            /* NULL when its text was not a unit */
};

struct kp_result {
    uint32_t magic;
    kp_unit *unit; /* held */
    kp_diags diags;
    Arena *arena; /* the result, its strings, what renderers allocate */
    Unit copy;    /* the unit with arena = the result's: renderers allocate in res->unit->arena */
    Result *res;  /* NULL when the unit was not scored */
    const Standard *std;
    /* strings made on first use, in arena */
    const char *total;
};

/* The thread's last error (kp_last_error); returns st. */
kp_status kp__fail(kp_status st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The standard a handle describes, or NULL; the handle's checks. */
bool kp__std_ok(const kp_standard *s);
bool kp__unit_ok(const kp_unit *u);
bool kp__result_ok(const kp_result *r);
void kp__std_release(kp_standard *s);
void kp__unit_release(kp_unit *u);

/* The out-of-memory boundary of an API call: KP_TRAP(name) declares a trap
 * and is true when memory ran out inside the call (after the longjmp), so
 *     KP_TRAP(t) { cleanup; return KP_NOMEM; }  ... work ...  KP_UNTRAP(t);
 * Variables changed after KP_TRAP and read in the cleanup must live on the
 * heap (in the handle being made), not in locals. */
#define KP_TRAP(t)                                                                                                     \
    jmp_buf t##_buf;                                                                                                   \
    jmp_buf *t##_prev = arena_oom_trap(&t##_buf);                                                                      \
    if (setjmp(t##_buf) && (arena_oom_trap(t##_prev), true))
#define KP_UNTRAP(t) arena_oom_trap(t##_prev)

#endif
