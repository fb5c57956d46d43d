/* width.h - locale-independent UTF-8 decoding and terminal display width. */
#ifndef KAOPING_WIDTH_H
#define KAOPING_WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one UTF-8 sequence at s (len bytes available). Returns the bytes
 * consumed (1..4) and sets *cp, or returns 0 when the sequence is invalid
 * (bad lead byte, truncated, overlong, surrogate, > U+10FFFF) or len == 0. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);

/* True when all of s is valid UTF-8; else false and *bad (if non-NULL) is
 * the byte offset of the first bad sequence. */
bool utf8_valid(const char *s, size_t len, size_t *bad);
/* The length of s[0..n) without a character cut short at its end (a
 * byte-counted cut, a full snprintf): n, or the start of that character. */
size_t utf8_whole(const char *s, size_t n);

/* Display columns of one code point: 2 for East Asian Wide/Fullwidth, 0 for
 * combining marks (Mn/Me), zero-width format chars, variation selectors,
 * conjoining Hangul vowels/finals and C0/DEL/C1 controls; else 1. */
int width_codepoint(uint32_t cp);

/* Column after displaying s[0..len) starting at 0-based column `col`. A tab
 * advances to the next multiple of 8; an invalid byte counts 1 column. */
size_t width_advance(const char *s, size_t len, size_t col);

/* Display columns of a NUL-terminated string, starting from column 0. */
size_t width_str(const char *s);

#endif
