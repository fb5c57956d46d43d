/* load_jsontext.h - the JSON text read a second time, beside cJSON's tree of
 * it: numbers keep the digits written (cJSON keeps only a double, so
 * 9007199254740993 would become 9007199254740992), objects and arrays keep
 * where they start, and text that is not strict JSON gets a plain reason
 * (a file cut short, a trailing comma, half of a surrogate pair). It also
 * finds where a key or an element is written, for a message's caret. */
#ifndef KP_LOAD_JSONTEXT_H
#define KP_LOAD_JSONTEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

struct cJSON;

/* Reads src's JSON text strictly. With tree (cJSON's parse of the same
 * text), each number that cJSON's double does not keep exactly for certain
 * (more than 15 digits, an exponent...) becomes a raw node holding its
 * digits as written (jtext_digits), and each object and array records its offset
 * (jtext_offset). Returns false after reporting, at its place, the first
 * thing that is not strict JSON; line: src is one line of JSON Lines. */
bool jtext_scan(const Source *src, struct cJSON *tree, DiagSink *diag, bool line);
/* The same for the text from..to of src (an element of an array, read with
 * the lines around it): offsets stay src's. */
bool jtext_scan_range(const Source *src, uint32_t from, uint32_t to, struct cJSON *tree, DiagSink *diag, bool line);

/* The digits of a number jtext_scan kept as written ("0.30000000000000004"),
 * or NULL (not a number, or a short one whose double is exact: read that). */
const char *jtext_digits(const struct cJSON *j);
/* A number: cJSON's or one read by jtext_scan. */
bool jtext_is_number(const struct cJSON *j);
/* Where an object or array read by jtext_scan starts (its '{' or '['). */
bool jtext_offset(const struct cJSON *j, uint32_t *off);

/* ---- positions in the text, for messages (load_json.c) -------------------- */

/* The nth (1, 2...) `"key":` written in the value that starts at from. */
bool jtext_find_key(const Source *src, uint32_t from, const char *key, int nth, Span *sp);
/* Byte offsets of the elements of a top-level array (or of the one value),
 * malloc'd, *n of them (a byte-order mark before it skipped). */
uint32_t *jtext_element_offsets(const Source *src, int *n);
/* Where the index-th (0-based) value of the array j (read by jtext_scan) is written. */
bool jtext_element_span(const Source *src, const struct cJSON *j, int index, Span *sp);

#endif
