/* render_report.h - the Writers of eval's reports that keep a document of
 * their own: HTML, CSV and XLSX (render_report.c). */
#ifndef KP_RENDER_REPORT_H
#define KP_RENDER_REPORT_H

#include "writer.h"

/* The Writers of the reports html, csv and xlsx (render_report.c). */
Writer writer_for_report(WriterConfig *cfg);
/* Frees cfg's document without writing it (a workbook is closed, which
 * writes it: libxlsxwriter frees one no other way); false: there was none. */
bool report_abandon(WriterConfig *cfg);
#endif
