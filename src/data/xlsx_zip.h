/* xlsx_zip.h - the lower half of xlsx_read.h: a zip archive (libzip) whose
 * XML parts are streamed through expat, every size capped, for Excel
 * workbooks and Word documents alike (xlsx_zip.c). */
#ifndef KP_XLSX_ZIP_H
#define KP_XLSX_ZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum {
    XLSX_MAX_PART = 64 << 20,   /* uncompressed bytes of one XML part */
    XLSX_MAX_TOTAL = 256 << 20, /* ... of every part read */
};

typedef struct XlsxZip XlsxZip;
/* The XML handlers take local names (the namespace stripped), attributes as
 * name, value pairs with local names too. */
typedef struct XlsxXml {
    void (*start)(void *ctx, const char *name, const char **attrs);
    void (*end)(void *ctx, const char *name);
    void (*text)(void *ctx, const char *s, int len);
    void *ctx;
    bool stop; /* set by a handler: the part is not read further */
} XlsxXml;

/* Opens the archive at path; NULL after an error in d. */
XlsxZip *xlsx_zip_open(const char *path, DiagSink *d);
/* True when the archive holds the entry. */
bool xlsx_zip_has(XlsxZip *z, const char *entry);
/* Streams the entry through the handlers; false after an error in d (too
 * large, malformed XML, a DTD, unreadable). */
bool xlsx_zip_xml(XlsxZip *z, const char *entry, XlsxXml *x, DiagSink *d);
void xlsx_zip_close(XlsxZip *z);
/* The local part of an XML name ("x:c" or "ns|c" -> "c"). */
const char *xlsx_local(const char *name);
/* The value of attribute name (local) in attrs, or NULL. */
const char *xlsx_attr(const char **attrs, const char *name);
/* The error about path as an Office file: what is wrong (a message to
 * translate) and detail, or NULL; with the help of saving it again. */
void xlsx_file_error(DiagSink *d, const char *path, const char *what, const char *detail);

#endif
