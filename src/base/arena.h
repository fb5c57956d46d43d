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
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t arena_used(const Arena *a);
/* Frees the block this thread keeps for reuse (arena_free keeps one); a
 * thread calls it before it ends. */
void arena_release_spare(void);

#endif
