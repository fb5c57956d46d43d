/* script.c - comparing text across traditional and simplified Chinese (see
 * script.h). Both sides are converted to simplified (OpenCC's t2s), which
 * folds the many traditional forms onto one. The converter is opened on
 * first need and shared by every thread, under a lock (the batch scores
 * units on several threads; exact matches, the usual case, never take it).
 * OpenCC is loaded with dlopen at that first need rather than linked: it
 * brings libstdc++ and its dictionaries' code, 2.5 MiB of resident memory
 * that a run whose data matches exactly never needs. */
#include "script.h"

#include <dlfcn.h>
#include <opencc/opencc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "width.h"

static opencc_t converter = (opencc_t)-1;
static bool tried;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* OpenCC's C interface, from the shared library (Debian libopencc1.1) */
static void *library;
static opencc_t (*open_fn)(const char *config);
static char *(*convert_fn)(opencc_t, const char *text, size_t len);
static void (*free_fn)(char *text);
static int (*close_fn)(opencc_t);

/* Opens the t2s converter, or leaves it closed when OpenCC cannot be
 * loaded (then only exact matches count). */
static void converter_open(void) {
    static const char *const names[] = {"libopencc.so.1.1", "libopencc.so.1", "libopencc.so"};
    for (size_t i = 0; !library && i < sizeof names / sizeof *names; i++)
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    *(void **)&open_fn = dlsym(library, "opencc_open");
    *(void **)&convert_fn = dlsym(library, "opencc_convert_utf8");
    *(void **)&free_fn = dlsym(library, "opencc_convert_utf8_free");
    *(void **)&close_fn = dlsym(library, "opencc_close");
    if (open_fn && convert_fn && free_fn && close_fn) converter = open_fn("t2s.json");
}

static bool ascii(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return false;
    return true;
}

bool script_equal(const char *a, const char *b) {
    if (strcmp(a, b) == 0) return true;
    if (ascii(a) || ascii(b)) return false;
    /* OpenCC reads past the end of a broken sequence: give it valid text only */
    size_t bad;
    if (!utf8_valid(a, strlen(a), &bad) || !utf8_valid(b, strlen(b), &bad)) return false;
    pthread_mutex_lock(&lock);
    if (!tried) {
        tried = true;
        converter_open();
    }
    char *fa = NULL, *fb = NULL;
    if (converter != (opencc_t)-1) {
        fa = convert_fn(converter, a, strlen(a));
        fb = convert_fn(converter, b, strlen(b));
    }
    pthread_mutex_unlock(&lock);
    bool same = fa && fb && strcmp(fa, fb) == 0;
    if (fa) free_fn(fa);
    if (fb) free_fn(fb);
    return same;
}

void script_shutdown(void) {
    pthread_mutex_lock(&lock);
    if (converter != (opencc_t)-1) close_fn(converter);
    converter = (opencc_t)-1;
    if (library) dlclose(library);
    library = NULL;
    tried = false;
    pthread_mutex_unlock(&lock);
}
