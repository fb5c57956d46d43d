/* render_html_esc.c - the pieces of HTML that the unit pages (render_html.c)
 * and the summary page (render_html_summary.c) both write (see
 * render_html_esc.h). */
#include "render_html_esc.h"

#include <string.h>

#include "width.h"

void html_esc(FILE *f, const char *s) {
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ? '?' : c, f);
        }
    }
}

void html_esc_clip(FILE *f, Arena *a, const char *s, size_t cols) {
    if (!s) return;
    if (width_str(s) <= cols) {
        html_esc(f, s);
        return;
    }
    size_t n = strlen(s), at = 0, w = 0;
    while (at < n) {
        uint32_t cp;
        int k = utf8_decode(s + at, n - at, &cp);
        int cw = k ? width_codepoint(cp) : 1;
        if (w + (size_t)cw > cols - 1) break;
        w += (size_t)cw;
        at += k ? (size_t)k : 1;
    }
    html_esc(f, arena_strndup(a, s, at));
    fputs("…", f);
}

const char *html_bar(Arena *a, Dec v, Dec max, int px) {
    Dec r;
    if (dec_sign(max) <= 0 || dec_sign(v) <= 0) return "0";
    if (dec_cmp(v, max) > 0) v = max;
    if (dec_mul(v, dec_int(px), &r) != DEC_OK || dec_div(r, max, &r) != DEC_OK) return "0";
    return render_dec(a, r, 1);
}

void html_heading(FILE *f, const char *tag, const char *text) {
    fprintf(f, "<%s>", tag);
    html_esc(f, text);
    fprintf(f, "</%s>\n", tag);
}

void html_th(FILE *f, const char *text, bool num) {
    fputs(num ? "<th class=\"num\">" : "<th>", f);
    html_esc(f, text);
    fputs("</th>", f);
}
