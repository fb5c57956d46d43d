/* office_lib.c - libxlsxwriter, libzip and expat loaded on first need (see
 * office_lib.h), as script.c loads OpenCC: each tries the soname of the
 * headers it was built with, then the names other distributions give it,
 * RTLD_NOW | RTLD_LOCAL (every function resolved at once, none shown to
 * other libraries). pthread_once makes the first load the only one, and
 * what it filled visible to every thread that calls after it. The
 * libraries are never closed: a dlclose could leave libcrypto's exit
 * handlers pointing at unmapped code. */
#include "office_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#include "i18n.h"

enum { ERROR_MAX = 512 };

/* The first of names that loads, or NULL with why in error. */
static void *open_first(const char *what, const char *const *names, char *error, size_t cap) {
    char first[ERROR_MAX] = "";
    for (size_t i = 0; names[i]; i++) {
        void *lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (lib) return lib;
        const char *why = dlerror();
        if (i == 0) snprintf(first, sizeof first, "%s", why ? why : names[i]);
    }
    /* TRANSLATORS: the library's name, then the system's reason, e.g.
       "libzip.so.4: cannot open shared object file: No such file or directory" */
    snprintf(error, cap, _("%s cannot be loaded (%s)"), what, first);
    return NULL;
}

/* Resolves name in lib into *fn; false with why in error. */
static bool resolve(void *lib, const char *what, const char *name, void **fn, char *error, size_t cap) {
    dlerror();
    *fn = dlsym(lib, name);
    if (*fn) return true;
    const char *why = dlerror();
    snprintf(error, cap, _("%s cannot be loaded (%s)"), what, why ? why : name);
    return false;
}

/* ---- libxlsxwriter -------------------------------------------------------- */

static OfficeWriter writer;
static bool writer_ok;
static char writer_error[ERROR_MAX];
static pthread_once_t writer_once = PTHREAD_ONCE_INIT;

static void writer_load(void) {
    static const char *const names[] = {"libxlsxwriter.so." LXW_SOVERSION, "libxlsxwriter.so", NULL};
    void *lib = open_first("libxlsxwriter", names, writer_error, sizeof writer_error);
    if (!lib) return;
    bool ok = true;
#define OFFICE_LIB_RESOLVE(f) ok = ok && resolve(lib, "libxlsxwriter", #f, (void **)&writer.f, writer_error, ERROR_MAX);
    OFFICE_LIB_WRITER(OFFICE_LIB_RESOLVE)
#undef OFFICE_LIB_RESOLVE
    writer_ok = ok;
}

const OfficeWriter *office_lib_writer(const char **error) {
    pthread_once(&writer_once, writer_load);
    *error = writer_ok ? NULL : writer_error;
    return writer_ok ? &writer : NULL;
}

/* ---- libzip and expat ----------------------------------------------------- */

static OfficeReader reader;
static bool reader_ok;
static char reader_error[ERROR_MAX];
static pthread_once_t reader_once = PTHREAD_ONCE_INIT;

static void reader_load(void) {
    /* libzip.so.4 on Debian, libzip.so.5 elsewhere: the same functions */
    static const char *const zips[] = {"libzip.so.4", "libzip.so.5", "libzip.so", NULL};
    static const char *const expats[] = {"libexpat.so.1", "libexpat.so", NULL};
    void *zip = open_first("libzip", zips, reader_error, sizeof reader_error);
    void *xml = zip ? open_first("expat", expats, reader_error, sizeof reader_error) : NULL;
    if (!xml) return;
    bool ok = true;
#define OFFICE_LIB_RESOLVE(f) ok = ok && resolve(zip, "libzip", #f, (void **)&reader.f, reader_error, ERROR_MAX);
    OFFICE_LIB_ZIP(OFFICE_LIB_RESOLVE)
#undef OFFICE_LIB_RESOLVE
#define OFFICE_LIB_RESOLVE(f) ok = ok && resolve(xml, "expat", #f, (void **)&reader.f, reader_error, ERROR_MAX);
    OFFICE_LIB_XML(OFFICE_LIB_RESOLVE)
#undef OFFICE_LIB_RESOLVE
    reader_ok = ok;
}

const OfficeReader *office_lib_reader(const char **error) {
    pthread_once(&reader_once, reader_load);
    *error = reader_ok ? NULL : reader_error;
    return reader_ok ? &reader : NULL;
}
