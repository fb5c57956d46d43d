/* render_writer.h - the Writers of kaoping's formats (render_writer.c). */
#ifndef KP_RENDER_WRITER_H
#define KP_RENDER_WRITER_H

#include "writer.h"

/* A Writer for cfg (which it points to: keep cfg alive while it is used). */
Writer writer_for(WriterConfig *cfg);
/* What the Writer holds between begin and end, freed without writing the
 * rest (libkaoping: out of memory escaped past end); true when a document
 * (html, csv, xlsx) was open: a workbook's file is then written, cut short. */
bool writer_abandon(WriterConfig *cfg);
/* "text", "json", "jsonl", "tsv", "html", "csv", "xlsx" -> *f; false for another word. */
bool writer_format(const char *word, WriteFormat *f);

#endif
