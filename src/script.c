/* script.c - comparing text across traditional and simplified Chinese (see
 * script.h). Both sides are converted to simplified (OpenCC's t2s), which
 * folds the many traditional forms onto one. The converter is opened on
 * first need and shared by every thread, under a lock (the batch scores
 * units on several threads; exact matches, the usual case, never take it). */
#include "script.h"

#include <opencc/opencc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "width.h"

static opencc_t converter = (opencc_t)-1;
static bool tried;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

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
        converter = opencc_open("t2s.json");
    }
    char *fa = NULL, *fb = NULL;
    if (converter != (opencc_t)-1) {
        fa = opencc_convert_utf8(converter, a, strlen(a));
        fb = opencc_convert_utf8(converter, b, strlen(b));
    }
    pthread_mutex_unlock(&lock);
    bool same = fa && fb && strcmp(fa, fb) == 0;
    if (fa) opencc_convert_utf8_free(fa);
    if (fb) opencc_convert_utf8_free(fb);
    return same;
}

void script_shutdown(void) {
    pthread_mutex_lock(&lock);
    if (converter != (opencc_t)-1) opencc_close(converter);
    converter = (opencc_t)-1;
    tried = false;
    pthread_mutex_unlock(&lock);
}
