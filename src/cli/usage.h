/* usage.h - the usage text, printed by every command on a usage error. */
#ifndef KP_USAGE_H
#define KP_USAGE_H

#include <stdio.h>

void usage(FILE *out);
/* The usage of one command (kaoping eval --help): its lines of the text. */
void usage_of(FILE *out, const char *cmd);

#endif
