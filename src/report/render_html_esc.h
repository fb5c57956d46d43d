/* render_html_esc.h - what the HTML report's unit pages (render_html.c)
 * and summary page (render_html_summary.c) both write: text escaped, bars,
 * headings. */
#ifndef KP_RENDER_HTML_ESC_H
#define KP_RENDER_HTML_ESC_H

#include <stdio.h>

#include "render.h"

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
#endif
