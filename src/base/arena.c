/* arena.c - region allocator (see arena.h). Blocks grow geometrically; a
 * large request gets a block of its own. */
#include "arena.h"

#include "decimal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Block {
    struct Block *next;
    size_t size, used;
    max_align_t data[];
} Block;

struct Arena {
    Block *head;
    size_t total;
};

/* Where an API call (src/api) unwinds to when memory runs out, for this
 * thread; NULL: the command line, which says so and exits 3. */
static _Thread_local jmp_buf *oom_jump;
/* Test hook: allocations left before one fails (-1: none fails). */
static _Thread_local long fail_after = -1;

jmp_buf *arena_oom_trap(jmp_buf *to) {
    jmp_buf *was = oom_jump;
    oom_jump = to;
    return was;
}

/* what an escape frees first, innermost last pushed (a report's document
 * while its summary is being made) */
enum { CLEANUPS = 8 };
static _Thread_local struct {
    void (*fn)(void *);
    void *ctx;
} cleanups[CLEANUPS];
static _Thread_local int ncleanups; /* may pass CLEANUPS: those are not kept */

void arena_oom_cleanup(void (*fn)(void *), void *ctx) {
    if (!fn) {
        if (ncleanups > 0) ncleanups--;
        return;
    }
    if (ncleanups < CLEANUPS) cleanups[ncleanups].fn = fn, cleanups[ncleanups].ctx = ctx;
    ncleanups++;
}

void arena_oom_escape(void) {
    jmp_buf *to = oom_jump;
    if (to) {
        oom_jump = NULL; /* the API call re-arms its own trap */
        while (ncleanups > 0) {
            int i = --ncleanups;
            if (i < CLEANUPS) cleanups[i].fn(cleanups[i].ctx);
        }
        longjmp(*to, 1);
    }
}

void arena_fail_after(long n) {
    fail_after = n;
}

void *arena_out_of_memory(void) {
    arena_oom_escape();
    fputs("kaoping: error: out of memory\n", stderr);
    exit(3);
}

void *arena_xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    return q ? q : arena_out_of_memory();
}

Arena *arena_new(void) {
    if (fail_after == 0) return arena_out_of_memory();
    Arena *a = calloc(1, sizeof *a);
    if (!a) arena_out_of_memory();
    return a;
}

/* One freed block kept for the next arena on this thread: a batch scores
 * unit after unit, each in an arena of about the same size, and reusing the
 * largest block spares malloc and free (and glibc trimming its heap). */
#define ARENA_SPARE_MAX ((size_t)1 << 20)
static _Thread_local Block *spare;

void arena_free(Arena *a) {
    if (!a) return;
    for (Block *b = a->head, *n; b; b = n) {
        n = b->next;
        if (b->size <= ARENA_SPARE_MAX && (!spare || b->size > spare->size)) {
            free(spare);
            spare = b;
        } else {
            free(b);
        }
    }
    free(a);
}

void arena_release_spare(void) {
    free(spare);
    spare = NULL;
}

void *arena_alloc_raw(Arena *a, size_t size) {
    if (fail_after >= 0 && fail_after-- == 0) return arena_out_of_memory();
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    Block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = b ? b->size * 2 : 4096;
        if (want > (1u << 20)) want = 1u << 20;
        if (want < size) want = size;
        if (spare && spare->size >= size) {
            b = spare;
            spare = NULL;
            want = b->size;
        } else {
            b = malloc(sizeof(Block) + want);
            if (!b) return arena_out_of_memory();
        }
        b->size = want;
        b->used = 0;
        b->next = a->head;
        a->head = b;
        a->total += want;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

void *arena_alloc(Arena *a, size_t size) {
    void *p = arena_alloc_raw(a, size);
    if (p) memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
    char *p = arena_alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s) {
    return arena_strndup(a, s, strlen(s));
}

/* A format of plain %s, %d and %ld (and %%), as most of kaoping's phrases
 * are, joined without vsnprintf, which costs ten times as much; NULL for
 * any other format, before an argument is read. */
static char *format_plain(Arena *a, const char *fmt, va_list ap) {
    enum { MAX_ARGS = 8 };
    int nargs = 0;
    for (const char *p = fmt; (p = strchr(p, '%')) != NULL; p += 2) {
        if (p[1] == 'l' && p[2] == 'd')
            p++;
        else if (p[1] != 's' && p[1] != 'd' && p[1] != '%')
            return NULL;
        if (p[1] != '%' && ++nargs > MAX_ARGS) return NULL;
    }
    const char *arg[MAX_ARGS];
    size_t len[MAX_ARGS], total = 0;
    char num[MAX_ARGS][24];
    int k = 0;
    for (const char *p = fmt; (p = strchr(p, '%')) != NULL; p += 2) {
        if (p[1] == '%') continue;
        if (p[1] == 's') {
            arg[k] = va_arg(ap, const char *);
            if (!arg[k]) arg[k] = "(null)"; /* as glibc's printf writes it */
            len[k] = strlen(arg[k]);
        } else {
            long v = p[1] == 'd' ? va_arg(ap, int) : va_arg(ap, long);
            if (p[1] == 'l') p++;
            arg[k] = num[k];
            len[k] = (size_t)(dec_int_text(num[k], v) - num[k]);
        }
        total += len[k++];
    }
    char *out = arena_alloc_raw(a, total + strlen(fmt) + 1), *q = out;
    k = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            *q++ = *p;
        } else if (p[1] == '%') {
            *q++ = '%';
            p++;
        } else {
            memcpy(q, arg[k], len[k]);
            q += len[k++];
            p += p[1] == 'l' ? 2 : 1;
        }
    }
    *q = '\0';
    return out;
}

char *arena_printf(Arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *plain = format_plain(a, fmt, ap);
    va_end(ap);
    if (plain) return plain;
    Block *b = a->head;
    if (b && fail_after < 0) { /* formatted in place when it fits the block (most text) */
        char *p = (char *)b->data + b->used;
        size_t room = b->size - b->used; /* a multiple of the alignment */
        va_start(ap, fmt);
        int n = vsnprintf(p, room, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < room) {
            b->used += ((size_t)n + sizeof(max_align_t)) & ~(sizeof(max_align_t) - 1);
            return p;
        }
    }
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = arena_alloc_raw(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

char *arena_cat(Arena *a, ...) {
    va_list ap;
    size_t n = 0;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *));)
        n += strlen(s);
    va_end(ap);
    char *out = arena_alloc_raw(a, n + 1), *p = out;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *));) {
        size_t k = strlen(s);
        memcpy(p, s, k);
        p += k;
    }
    va_end(ap);
    *p = '\0';
    return out;
}

size_t arena_used(const Arena *a) {
    return a->total;
}
