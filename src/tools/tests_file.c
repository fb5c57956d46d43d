/* tests_file.c - a standard's tests file: NAME.tests.kp beside NAME.kp, and
 * whether a path lies in the folder of another (the CLI and the library
 * both load a standard with its tests). */
#define _DEFAULT_SOURCE /* realpath */
#include "tests_file.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* NAME.tests.kp for NAME.kp, when that file exists. */
char *tests_file_for(const char *path) {
    size_t n = strlen(path);
    if (n < 3 || strcmp(path + n - 3, ".kp") || (n >= 9 && !strcmp(path + n - 9, ".tests.kp"))) return NULL;
    char *t = malloc(n + 7);
    if (!t) return NULL;
    memcpy(t, path, n - 3);
    strcpy(t + n - 3, ".tests.kp");
    if (access(t, F_OK) != 0) {
        free(t);
        return NULL;
    }
    return t;
}

/* True when path, links resolved, lies in the folder of the file `beside`. */
bool tests_file_beside(const char *beside, const char *path) {
    char *a = realpath(beside, NULL), *b = realpath(path, NULL);
    bool ok = false;
    if (a && b) {
        char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
        ok = sa && sb && sa - a == sb - b && !strncmp(a, b, (size_t)(sa - a));
    }
    free(a);
    free(b);
    return ok;
}
