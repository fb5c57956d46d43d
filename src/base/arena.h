/* arena.h - region allocator: one arena per standard, one per unit.
 * Everything a parse, a check or an evaluation allocates lives in an arena
 * and is freed at once with it. */
#ifndef KP_ARENA_H
#define KP_ARENA_H

#include <stddef.h>

typedef struct Arena Arena;

Arena *arena_new(void);
void arena_free(Arena *a);
void *arena_alloc(Arena *a, size_t size); /* zeroed; exits on out of memory */
/* Not zeroed: for memory its user writes whole before reading (text, a
 * unit's results, zeroed piece by piece as they are scored). */
void *arena_alloc_raw(Arena *a, size_t size);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The strings up to NULL, one after the other: arena_printf's "%s%s..."
 * without reading a format (reports build many such texts a unit). */
char *arena_cat(Arena *a, ...) __attribute__((sentinel));
size_t arena_used(const Arena *a);
/* Frees the block this thread keeps for reuse (arena_free keeps one); a
 * thread calls it before it ends. */
void arena_release_spare(void);

/* Out of memory in the library (src/api): an API call sets a trap on its
 * thread (arena_oom_trap returns the one it replaces, to restore); when an
 * allocation fails, arena_oom_escape longjmps to it (and returns when no trap
 * is set: the caller then reports and exits 3, as the command line does).
 * Every place that would exit on out of memory calls it first. */
#include <setjmp.h>
jmp_buf *arena_oom_trap(jmp_buf *to);
void arena_oom_escape(void);
/* Out of memory outside an arena: escapes to the library's trap, else says
 * so and exits 3. arena_xrealloc: realloc, or that. */
void *arena_out_of_memory(void);
void *arena_xrealloc(void *p, size_t n);
/* What an escape frees first (memory outside arenas held across calls
 * that may allocate, such as the scanner): pushed, and popped by a NULL fn
 * when it is held no more; an escape calls them all, the last pushed first. */
void arena_oom_cleanup(void (*fn)(void *), void *ctx);
/* Tests: the n-th next allocation on this thread fails (-1: none). */
void arena_fail_after(long n);

#endif
