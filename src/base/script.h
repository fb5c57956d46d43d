/* script.h - traditional and simplified Chinese as one: "未修訂" in a
 * standard matches "未修订" in a village's data. Backed by OpenCC (Debian
 * libopencc), opened on first need; exact matches never touch it. */
#ifndef KP_SCRIPT_H
#define KP_SCRIPT_H

#include <stdbool.h>

/* True when a and b are the same text, up to the script they are in. */
bool script_equal(const char *a, const char *b);
/* Releases OpenCC; call once at exit. */
void script_shutdown(void);

#endif
