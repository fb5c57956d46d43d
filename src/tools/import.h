/* import.h - 'kaoping import': a standard's table (table_read.h) made the
 * skeleton of a rule file: its categories, groups and items with their
 * ids, titles, points, content, method and responsible units, and for the
 * methods it recognises (每發生一起扣N分, 每少一次扣N分, 低於N%每個百分點扣N分,
 * 未建立…扣N分, 扣完為止) a rule on a guessed fact, marked as guessed; every
 * method is kept with a // TODO. */
#ifndef KP_IMPORT_H
#define KP_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "table_read.h"

/* Writes the skeleton of the table read from path to out; false after
 * errors in d (no header row naming the columns, no item). */
bool import_write(const Table *t, const char *path, FILE *out, DiagSink *d);

/* The checker on the skeleton written (text, as the file path holds it):
 * false when it has errors, which are printed to err located in that file
 * (a table whose points do not add up is imported all the same, and told
 * where). */
bool import_check(const char *text, size_t len, const char *path, FILE *err);

#endif
