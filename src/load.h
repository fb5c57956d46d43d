/* load.h - unit data in: JSON files (one unit, or an array of units) ->
 * Unit with facts in slots, validated against the standard's declarations. */
#ifndef KP_LOAD_H
#define KP_LOAD_H

#include "ast.h"
#include "unit.h"

typedef struct LoadedUnits {
    Unit **units; /* each unit; unit->invalid where its data had errors */
    int count;
} LoadedUnits;

/* Loads every unit of a JSON file read into src. Problems go to diag, each
 * naming the unit; a bad unit is marked invalid and does not stop the
 * others. Returns false when the file itself is unusable. */
bool load_json(const Standard *std, const Source *src, DiagSink *diag, LoadedUnits *out);
/* The same for a CSV form (load_csv.c): one unit, one row per fact. */
bool load_csv(const Standard *std, const Source *src, DiagSink *diag, LoadedUnits *out);
/* A CSV form as a JSON unit (for a test's data), or NULL (reported). */
struct cJSON;
struct cJSON *load_csv_unit(const Source *src, DiagSink *diag);
/* load_csv for a path ending in .csv, else load_json. */
bool load_file(const Standard *std, const Source *src, DiagSink *diag, LoadedUnits *out);
/* load_file for the units of one year only: the others are left NULL in
 * out->units, read but neither loaded nor reported. year 0: every unit. */
bool load_file_of_year(const Standard *std, const Source *src, DiagSink *diag, LoadedUnits *out, int year);
/* True for a path ending in .csv or .CSV. */
bool load_is_csv(const char *path);
/* Frees every unit (NULL ones skipped) and the array. */
void load_free(LoadedUnits *l);

#endif
