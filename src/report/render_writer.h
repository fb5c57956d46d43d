/* render_writer.h - the Writers of kaoping's formats (render_writer.c). */
#ifndef KP_RENDER_WRITER_H
#define KP_RENDER_WRITER_H

#include "writer.h"

/* A Writer for cfg (which it points to: keep cfg alive while it is used). */
Writer writer_for(WriterConfig *cfg);
/* "text", "json", "jsonl", "tsv", "html", "csv", "xlsx" -> *f; false for another word. */
bool writer_format(const char *word, WriteFormat *f);

#endif
