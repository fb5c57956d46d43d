/* strmap.h - names to the things of a standard they name, kept in an arena,
 * for the checks that a name is declared once: a lookup costs the same for
 * the ten-thousandth item as for the first. Each name keeps every thing
 * added under it, in the order added (file order), so a check can report
 * against the first declaration, or against each earlier one. */
#ifndef KP_STRMAP_H
#define KP_STRMAP_H

#include "arena.h"

typedef struct StrMapEntry {
    const char *key;
    void *value;
    struct StrMapEntry *next; /* the next thing added under the same key */
} StrMapEntry;

typedef struct StrMap StrMap;

/* An empty map whose memory is the arena's (freed with it). */
StrMap *strmap_new(Arena *a);
/* The first thing added under key (follow ->next for the later ones), or NULL. */
const StrMapEntry *strmap_get(const StrMap *m, const char *key);
/* Adds value under key, after those already there. key must outlive the map. */
void strmap_add(StrMap *m, const char *key, void *value);

#endif
