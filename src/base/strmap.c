/* strmap.c - open addressing on the key's FNV-1a hash, doubled when half full;
 * each slot holds one key's chain of entries, oldest first. */
#include "strmap.h"

#include <stdint.h>
#include <string.h>

typedef struct Slot {
    const char *key; /* NULL: empty */
    uint32_t hash;
    StrMapEntry *head, *tail;
} Slot;

struct StrMap {
    Arena *arena;
    Slot *slots;
    size_t cap, used; /* cap is a power of two */
};

static uint32_t hash_of(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

StrMap *strmap_new(Arena *a) {
    StrMap *m = arena_alloc(a, sizeof *m);
    m->arena = a;
    m->cap = 64;
    m->slots = arena_alloc(a, sizeof *m->slots * m->cap);
    return m;
}

static Slot *find(const StrMap *m, const char *key, uint32_t h) {
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        Slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && !strcmp(s->key, key))) return s;
    }
}

const StrMapEntry *strmap_get(const StrMap *m, const char *key) {
    const Slot *s = find(m, key, hash_of(key));
    return s->key ? s->head : NULL;
}

static void grow(StrMap *m) {
    Slot *old = m->slots;
    size_t n = m->cap;
    m->cap *= 2;
    m->slots = arena_alloc(m->arena, sizeof *m->slots * m->cap);
    for (size_t i = 0; i < n; i++)
        if (old[i].key) *find(m, old[i].key, old[i].hash) = old[i];
}

void strmap_add(StrMap *m, const char *key, void *value) {
    if (2 * (m->used + 1) > m->cap) grow(m);
    uint32_t h = hash_of(key);
    Slot *s = find(m, key, h);
    StrMapEntry *e = arena_alloc(m->arena, sizeof *e);
    e->key = key;
    e->value = value;
    if (!s->key) {
        s->key = key;
        s->hash = h;
        s->head = e;
        m->used++;
    } else {
        s->tail->next = e;
    }
    s->tail = e;
}
