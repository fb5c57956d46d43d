/* xlsx_zip.c - zip archives and their XML parts, the lower half of
 * xlsx_read.h (xlsx_zip.h; a workbook's cells: xlsx_read.c). libzip opens the archive and inflates one entry at a time;
 * expat parses it as it comes, a block at a time, so a part is never held
 * whole. Sizes are counted as the bytes come out of the inflater (the sizes
 * an archive declares can lie): past a cap the part is abandoned with an
 * error. A DTD (entities: the "billion laughs") is refused. Both libraries
 * are loaded when the first archive is opened (office_lib.h). */
#include "xlsx_zip.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "office_lib.h"

enum { BLOCK = 1 << 16 };

struct XlsxZip {
    const OfficeReader *lib;
    zip_t *zip;
    const char *path;
    size_t total; /* bytes inflated so far */
};

static const char *const BAD_BOOK =
    N_("kaoping reads Excel workbooks (.xlsx) and Word documents (.docx), as Office 2007 "
       "or later, WPS and LibreOffice save them; save the file again in that format");

void xlsx_file_error(DiagSink *d, const char *path, const char *what, const char *detail) {
    Source s = {.path = path};
    Diag *g = diag_file(d, DIAG_ERROR, "K0412", &s, "cannot read it as an Office file: %s%s%s", _(what),
                        detail ? ": " : "", detail ? detail : "");
    if (g) diag_help(d, g, "%s", _(BAD_BOOK));
}

XlsxZip *xlsx_zip_open(const char *path, DiagSink *d) {
    const char *why;
    const OfficeReader *lib = office_lib_reader(&why);
    if (!lib) {
        Source s = {.path = path};
        diag_file(d, DIAG_ERROR, "K0001", &s, "cannot open file: %s", why);
        return NULL;
    }
    int err = 0;
    zip_t *z = lib->zip_open(path, ZIP_RDONLY, &err);
    if (!z) {
        zip_error_t ze;
        lib->zip_error_init_with_code(&ze, err);
        bool not_zip = err == ZIP_ER_NOZIP || err == ZIP_ER_INCONS;
        if (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN || err == ZIP_ER_READ) {
            Source s = {.path = path};
            int sys = lib->zip_error_code_system(&ze);
            diag_file(d, DIAG_ERROR, "K0001", &s, "cannot open file: %s",
                      err == ZIP_ER_NOENT ? strerror(ENOENT)
                      : sys               ? strerror(sys)
                                          : lib->zip_error_strerror(&ze));
        } else {
            xlsx_file_error(d, path,
                            not_zip ? N_("it is not a zip archive, as .xlsx and .docx files are")
                                    : N_("a damaged archive"),
                            not_zip ? NULL : lib->zip_error_strerror(&ze));
        }
        lib->zip_error_fini(&ze);
        return NULL;
    }
    XlsxZip *x = calloc(1, sizeof *x);
    if (!x) arena_out_of_memory();
    x->lib = lib;
    x->zip = z;
    x->path = path;
    return x;
}

bool xlsx_zip_has(XlsxZip *z, const char *entry) {
    return z->lib->zip_name_locate(z->zip, entry, 0) >= 0;
}

void xlsx_zip_close(XlsxZip *z) {
    if (!z) return;
    z->lib->zip_discard(z->zip);
    free(z);
}

const char *xlsx_local(const char *name) {
    const char *bar = strrchr(name, '|');
    if (bar) return bar + 1;
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

const char *xlsx_attr(const char **attrs, const char *name) {
    for (int i = 0; attrs && attrs[i]; i += 2)
        if (!strcmp(xlsx_local(attrs[i]), name)) return attrs[i + 1];
    return NULL;
}

/* ---- expat glue ---------------------------------------------------------- */

typedef struct Parse {
    const OfficeReader *lib;
    XML_Parser p;
    XlsxXml *x;
    bool dtd;
} Parse;

static void on_start(void *ud, const XML_Char *name, const XML_Char **attrs) {
    Parse *ps = ud;
    if (ps->x->start) ps->x->start(ps->x->ctx, xlsx_local(name), attrs);
    if (ps->x->stop) ps->lib->XML_StopParser(ps->p, XML_FALSE);
}

static void on_end(void *ud, const XML_Char *name) {
    Parse *ps = ud;
    if (ps->x->end) ps->x->end(ps->x->ctx, xlsx_local(name));
    if (ps->x->stop) ps->lib->XML_StopParser(ps->p, XML_FALSE);
}

static void on_text(void *ud, const XML_Char *s, int len) {
    Parse *ps = ud;
    if (ps->x->text) ps->x->text(ps->x->ctx, s, len);
    if (ps->x->stop) ps->lib->XML_StopParser(ps->p, XML_FALSE);
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal) {
    (void)name, (void)sys, (void)pub, (void)internal;
    Parse *ps = ud;
    ps->dtd = true;
    ps->lib->XML_StopParser(ps->p, XML_FALSE);
}

bool xlsx_zip_xml(XlsxZip *z, const char *entry, XlsxXml *x, DiagSink *d) {
    const OfficeReader *lib = z->lib;
    zip_file_t *f = lib->zip_fopen(z->zip, entry, 0);
    if (!f) {
        xlsx_file_error(d, z->path, N_("a part cannot be read"), entry);
        return false;
    }
    Parse ps = {.lib = lib, .p = lib->XML_ParserCreateNS("UTF-8", '|'), .x = x};
    if (!ps.p) arena_out_of_memory();
    lib->XML_SetUserData(ps.p, &ps);
    lib->XML_SetElementHandler(ps.p, on_start, on_end);
    lib->XML_SetCharacterDataHandler(ps.p, on_text);
    lib->XML_SetStartDoctypeDeclHandler(ps.p, on_doctype);
    char *buf = malloc(BLOCK);
    if (!buf) arena_out_of_memory();
    size_t part = 0;
    bool ok = true;
    for (;;) {
        zip_int64_t got = lib->zip_fread(f, buf, BLOCK);
        if (got < 0) {
            xlsx_file_error(d, z->path, N_("a damaged archive"), lib->zip_file_strerror(f));
            ok = false;
            break;
        }
        part += (size_t)got;
        z->total += (size_t)got;
        if (part > XLSX_MAX_PART || z->total > XLSX_MAX_TOTAL) {
            Source s = {.path = z->path};
            diag_file(
                d, DIAG_ERROR, "K0412", &s,
                "cannot read it as an Office file: %s inflates to more than %d MiB (in all at most %d MiB are read)",
                entry, XLSX_MAX_PART >> 20, XLSX_MAX_TOTAL >> 20);
            ok = false;
            break;
        }
        if (lib->XML_Parse(ps.p, buf, (int)got, got == 0) == XML_STATUS_ERROR) {
            if (ps.dtd) {
                xlsx_file_error(d, z->path, N_("a part declares a DTD, which an Office file never does"), entry);
            } else if (!x->stop) {
                char where[300];
                snprintf(where, sizeof where, "%s:%lu:%lu: %s", entry,
                         (unsigned long)lib->XML_GetCurrentLineNumber(ps.p),
                         (unsigned long)lib->XML_GetCurrentColumnNumber(ps.p) + 1,
                         lib->XML_ErrorString(lib->XML_GetErrorCode(ps.p)));
                xlsx_file_error(d, z->path, N_("malformed XML"), where);
            }
            ok = x->stop && !ps.dtd;
            break;
        }
        if (got == 0) break;
    }
    free(buf);
    lib->XML_ParserFree(ps.p);
    lib->zip_fclose(f);
    return ok;
}
