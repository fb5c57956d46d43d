/* render_html_impl.h - what the HTML report's two files share (the unit
 * pages in render_html.c, the summary page in render_html_summary.c).
 * Not for use outside render_html*.c. */
#ifndef KP_RENDER_HTML_IMPL_H
#define KP_RENDER_HTML_IMPL_H

#include <stdio.h>

#include "render.h"
#include "tally.h"

/* Writes text from data or the standard as HTML text or attribute value:
 * & < > " ' escaped, control characters (but tab and newline) as '?'. */
void html_esc(FILE *f, const char *s);
/* The same, cut to at most `cols` display columns (with "…"). */
void html_esc_clip(FILE *f, Arena *a, const char *s, size_t cols);
/* The length in pixels of a bar for v on a scale where max is `px`
 * pixels, with one decimal: exact arithmetic, clamped to 0..px. */
const char *html_bar(Arena *a, Dec v, Dec max, int px);
/* The summary page of a report over many units (render_html_summary.c);
 * as_of: the day the units were scored on, or NULL. */
void html_summary(FILE *f, Tally *t, Arena *a, const char *as_of);

#endif
