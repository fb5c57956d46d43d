/* render_html_summary.h - the summary page of the HTML report
 * (render_html_summary.c), written before the unit pages (render_html.c). */
#ifndef KP_RENDER_HTML_SUMMARY_H
#define KP_RENDER_HTML_SUMMARY_H

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

/* The summary page of a report over many units (render_html_summary.c),
 * from a finished summary; not_scored: the names of the units the summary
 * skipped; as_of: the day the units were scored on, or NULL. */
void html_summary(FILE *f, const Summary *sum, const HtmlNames *not_scored, Arena *a, const char *as_of);

#endif
