/* compare_files.h - kaoping compare: the units of two data files, each
 * scored under its year's standard, compared (compare.h). */
#ifndef KP_COMPARE_FILES_H
#define KP_COMPARE_FILES_H

#include "compare.h"
#include "load.h"

/* Compares every unit of the new data that the old data also holds (by
 * name). Units are loaded from the two files against their standards
 * (problems reported to diag); *unmatched counts units in only one file.
 * Everything lives in arena, apart from the loaded units (in *old_units,
 * *new_units, which the caller frees with load_free). */
Comparison **compare_files(const Standard *old, const Source *old_src, const Standard *new_, const Source *new_src,
                           const Diff *diff, DiagSink *diag, Arena *arena, LoadedUnits *old_units,
                           LoadedUnits *new_units, int *count, int *unmatched);

#endif
