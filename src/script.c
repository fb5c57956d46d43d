/* script.c - comparing text across traditional and simplified Chinese (see
 * script.h). Both sides are converted to simplified (OpenCC's t2s), which
 * folds the many traditional forms onto one. Not thread-safe: the first
 * call opens the converter. */
#include "script.h"

#include <opencc/opencc.h>
#include <stdlib.h>
#include <string.h>

#include "width.h"

static opencc_t converter = (opencc_t)-1;
static bool tried;

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
    if (!tried) {
        tried = true;
        converter = opencc_open("t2s.json");
    }
    if (converter == (opencc_t)-1) return false;
    char *fa = opencc_convert_utf8(converter, a, strlen(a));
    char *fb = opencc_convert_utf8(converter, b, strlen(b));
    bool same = fa && fb && strcmp(fa, fb) == 0;
    if (fa) opencc_convert_utf8_free(fa);
    if (fb) opencc_convert_utf8_free(fb);
    return same;
}

void script_shutdown(void) {
    if (converter != (opencc_t)-1) opencc_close(converter);
    converter = (opencc_t)-1;
    tried = false;
}
