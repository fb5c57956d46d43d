/* revise.h - a standard written as a revision of an earlier one (`revises`
 * in its header): find the base (a file, or a title and a year in the same
 * folder), load it and its own bases, and merge the revision's additions,
 * removals, moves, replacements and fact renames into one standard that the
 * checker then judges as a whole. See doc/revisions.md. */
#ifndef KP_REVISE_H
#define KP_REVISE_H

#include <stdbool.h>

#include "ast.h"

/* Merges a freshly parsed standard (read from src) with the chain of bases it
 * revises; a standard that revises nothing is left as it is, unless it uses
 * a revision's statements (an error). src->next gets the chain's files, read
 * into arena. False on errors (reported). */
bool revise_resolve(Standard *std, Source *src, Arena *arena, DiagSink *diag);

/* Reads, parses, merges and checks the standard in path; everything lives in
 * arena. NULL on errors (reported). */
Standard *revise_load(const char *path, Arena *arena, DiagSink *diag);

/* The folder of a path ("." when it has none), in arena. */
const char *revise_dir_of(Arena *arena, const char *path);

#endif
