/* render_html_impl.h - what the HTML report's two files share (the unit
 * pages in render_html.c, the summary page in render_html_summary.c).
 * Not for use outside render_html*.c. */
#ifndef KP_RENDER_HTML_IMPL_H
#define KP_RENDER_HTML_IMPL_H

#include <stdio.h>

#include "render.h"
#include "summary.h"

/* The names of the units not scored, in input order (the summary counts
 * them only). */
typedef struct HtmlName {
    const char *name;
    struct HtmlName *next;
} HtmlName;
typedef struct HtmlNames {
    HtmlName *first, *last;
} HtmlNames;

/* Writes text from data or the standard as HTML text or attribute value:
 * & < > " ' escaped, control characters (but tab and newline) as '?'. */
void html_esc(FILE *f, const char *s);
/* The same, cut to at most `cols` display columns (with "…"). */
void html_esc_clip(FILE *f, Arena *a, const char *s, size_t cols);
/* The length in pixels of a bar for v on a scale where max is `px`
 * pixels, with one decimal: exact arithmetic, clamped to 0..px. */
const char *html_bar(Arena *a, Dec v, Dec max, int px);
/* A heading (tag "h3", ...) or a header cell (num: right-aligned) with
 * text, escaped. */
void html_heading(FILE *f, const char *tag, const char *text);
void html_th(FILE *f, const char *text, bool num);
/* The summary page of a report over many units (render_html_summary.c),
 * from a finished summary; not_scored: the names of the units the summary
 * skipped; as_of: the day the units were scored on, or NULL. */
void html_summary(FILE *f, const Summary *sum, const HtmlNames *not_scored, Arena *a, const char *as_of);

#endif
