/* render_report.c - the Writers (writer.h) of eval's reports: HTML, CSV and
 * XLSX. Each keeps a document of its own (render_html.c, render_csv.c,
 * render_xlsx.c), so the units reach it on the main thread, in input order,
 * through the Writer's in-order callbacks. A report that cannot be written
 * whole sets cfg->error; eval then keeps no file. */
#include <errno.h>
#include <string.h>

#include "render.h"
#include "render_report.h"

static void report_begin(void *ctx, FILE *out, const Standard *std, const char *rules_path) {
    (void)rules_path;
    WriterConfig *c = ctx;
    switch (c->format) {
    case WRITE_HTML: c->doc = render_html_begin(std, out); break;
    case WRITE_CSV: c->doc = render_csv_begin(std, out); break;
    default: c->doc = render_xlsx_begin(std, c->xlsx_path, &c->error); break;
    }
    if (!c->doc && !c->error) c->error = strerror(errno ? errno : ENOMEM);
}

static void report_unit(void *ctx, const Result *res) {
    WriterConfig *c = ctx;
    if (!c->doc) return;
    switch (c->format) {
    case WRITE_HTML: render_html_unit(c->doc, res); break;
    case WRITE_CSV: render_csv_unit(c->doc, res); break;
    default: render_xlsx_unit(c->doc, res); break;
    }
}

static void report_invalid(void *ctx, const Unit *u) {
    WriterConfig *c = ctx;
    if (!c->doc) return;
    switch (c->format) {
    case WRITE_HTML: render_html_invalid(c->doc, u); break;
    case WRITE_CSV: render_csv_invalid(c->doc, u); break;
    default: render_xlsx_invalid(c->doc, u); break;
    }
}

bool report_abandon(WriterConfig *c) {
    if (!c->doc) return false;
    switch (c->format) {
    case WRITE_HTML: render_html_abandon(c->doc); break;
    case WRITE_CSV: render_csv_abandon(c->doc); break;
    default: render_xlsx_abandon(c->doc); break;
    }
    c->doc = NULL;
    return true;
}

static bool report_end(void *ctx, FILE *out) {
    (void)out;
    WriterConfig *c = ctx;
    if (!c->doc) return true; /* the error is said by eval */
    bool ok;
    switch (c->format) {
    case WRITE_HTML: ok = render_html_end(c->doc); break;
    case WRITE_CSV: ok = render_csv_end(c->doc); break;
    default: ok = render_xlsx_end(c->doc, &c->error); break;
    }
    c->doc = NULL;
    if (!ok && !c->error) c->error = strerror(errno ? errno : EIO);
    return true;
}

Writer writer_for_report(WriterConfig *c) {
    return (Writer){.ctx = c,
                    .begin = report_begin,
                    .end = report_end,
                    .unit_in_order = report_unit,
                    .invalid_in_order = report_invalid};
}
