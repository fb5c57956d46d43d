/* cli.h - what the command line's files share (main.c, main_years.c): the
 * exit statuses and reports written whole (-o FILE); usage.h has the
 * usage text. */
#ifndef KP_CLI_H
#define KP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "output.h"

enum { EXIT_PASS = 0, EXIT_FAILS = 1, EXIT_INPUT = 2 };

/* main_years.c: kaoping diff and kaoping compare */
int cmd_diff(int argc, char **argv);
int cmd_compare(int argc, char **argv);

#endif
