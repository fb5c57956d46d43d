/* load_direct.h - the quick way in for one unit of JSON Lines: its text read
 * once, straight into the unit's fact slots, with no parse tree. It takes
 * only data that is plainly right (strict JSON, every key known, every value
 * of its fact's type and within its bounds, no escape in a string); on
 * anything else it declines, and the careful way (load.h: cJSON, the text
 * read again for exact numbers and positions, every message) loads the
 * unit instead. A unit it accepts is the unit the careful way would load,
 * field for field, so it changes no result and no message. */
#ifndef KP_LOAD_DIRECT_H
#define KP_LOAD_DIRECT_H

#include "arena.h"
#include "diag.h"
#include "unit.h"

/* The standard's data keys, hashed once for every unit of a run. */
typedef struct DirectKeys DirectKeys;

/* The keys of std in a (freed with it); NULL when the standard's keys are
 * ambiguous (two facts answer to one key), so every unit goes the careful way. */
DirectKeys *direct_keys_new(Arena *a, const Standard *std);

/* The unit written in src's text from at to end (a line of JSON Lines, or
 * an element of an array), in an arena of its own (unit_free), or NULL: not
 * plainly right (a unit without a name, say), so load it the careful way,
 * which says why. */
Unit *direct_load(const DirectKeys *k, const Source *src, uint32_t at, uint32_t end);

/* Whether text[0..len) is one JSON value of the plain kind the quick way
 * reads (strict JSON, valid UTF-8, no escape in a string, nesting at most 16
 * deep): true only if the careful way would read it without a word; false
 * says nothing (the careful way decides). */
bool direct_json_ok(const char *text, size_t len);

#endif
