/* fmt.h - 'kaoping fmt': the canonical layout of a rule file. It works on
 * the token stream (comments included), so the tokens and hence the meaning
 * never change: only spaces, line breaks, full-width punctuation (made
 * ASCII), quotes (made ASCII) and, when asked, the keyword set. */
#ifndef KP_FMT_H
#define KP_FMT_H

#include "diag.h"

typedef enum { FMT_KEEP, FMT_EN, FMT_HANT, FMT_HANS } FmtKeywords;

/* The formatted text of src (malloc'd, NUL-terminated), or NULL when the
 * file has syntax errors (reported to diag): broken text is left alone. */
char *fmt_source(const Source *src, FmtKeywords keywords, DiagSink *diag);

#endif
