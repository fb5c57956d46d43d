/* tests_file.h - a standard's tests file (NAME.tests.kp beside NAME.kp). */
#ifndef KP_TESTS_FILE_H
#define KP_TESTS_FILE_H

#include <stdbool.h>

/* NAME.tests.kp for NAME.kp when that file exists (malloc'd), else NULL. */
char *tests_file_for(const char *path);
/* True when path, links resolved, lies in the folder of the file `beside`. */
bool tests_file_beside(const char *beside, const char *path);

#endif
