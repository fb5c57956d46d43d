/* support.h - what the cmocka tests share: a source made from text. Include
 * after <cmocka.h>. */
#ifndef KP_TEST_SUPPORT_H
#define KP_TEST_SUPPORT_H

#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* A source holding text, with every ' turned into " so that JSON can be
 * written inside C strings; free it with source_free. */
static inline void make_source(Source *s, const char *path, const char *text) {
    memset(s, 0, sizeof *s);
    s->path = path;
    s->text = strdup(text);
    assert_non_null(s->text);
    for (char *p = s->text; *p; p++)
        if (*p == '\'') *p = '"';
    s->len = strlen(s->text);
}

#endif
