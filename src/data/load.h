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
/* True for a path ending in .csv or .CSV. */
bool load_is_csv(const char *path);
/* True for a path ending in .xlsx, in any case. */
bool load_is_xlsx(const char *path);
/* Whether a workbook's header cell with this text is one of its own columns
 * (fact, value, name, unit, kind, year, in any of their words): a fact
 * labelled so is headed by its key instead. */
bool load_xlsx_header_word(const char *s);
/* An Excel workbook's units as JSON text, one cell a line, into out (its
 * cells named, see diag.h); false after errors in d. std (may be NULL)
 * tells which columns are facts and which facts are dates (load_xlsx.c). */
bool load_xlsx_source(const Standard *std, const char *path, Source *out, DiagSink *d);
/* A data file's text: a workbook made JSON as above, any other file read
 * whole (source_read, at most KP_MAX_DATA_FILE bytes). */
bool load_read(const Standard *std, const char *path, Source *out, DiagSink *d);
/* Frees every unit (NULL ones skipped) and the array. */
void load_free(LoadedUnits *l);

/* Whether a unit of kind kind must give fact f (no default, not optional,
 * something it is scored on reads it). */
static inline bool load_fact_needed(const Fact *f, int kind) {
    return !f->optional && !f->given_read && ((f->needed_by >> kind) & 1u);
}

/* ---- one unit at a time (batch.c streams with these) -------------------- */

struct cJSON;
/* Parses a JSON text (a whole file, or one line of JSON Lines when line);
 * NULL after reporting why it is not JSON (file:line:col). */
struct cJSON *load_json_parse(const Source *src, DiagSink *diag, bool line);
/* The same for the bytes from..to of src (one element of an array, read
 * with the whole lines around it so that diagnostics show them). */
struct cJSON *load_json_parse_range(const Source *src, uint32_t from, uint32_t to, DiagSink *diag, bool line);
/* The same without diagnostics (NULL when not JSON): numbers keep their
 * digits, so the tree prints back exactly (cJSON_Print). */
struct cJSON *load_json_tree(const Source *src);
/* Byte offsets of the elements of the top-level array in src (malloc'd, n
 * of them), or of its one value. */
uint32_t *load_json_offsets(const Source *src, int *n);

/* Where a key of a unit's data is written, for a diagnostic's caret: key is
 * "name", "kind", "year", "facts" or a fact's name. */
typedef struct LoadLocate {
    bool (*find)(void *ctx, const char *key, Span *sp);
    void *ctx;
} LoadLocate;

/* Loads the unit j (an object) whose text starts at byte at of src; index
 * names it "#index+1" when it has no name. Positions: locate, or (NULL) the
 * key's text found after at. The unit owns a new arena (unit_free). */
/* A unit that is not loaded (it has no standard to be loaded against),
 * named from its JSON, marked invalid: to be reported, not scored. */
Unit *load_unit_named(const Source *src, uint32_t at, const struct cJSON *j, int index);
Unit *load_unit_json(const Standard *std, const Source *src, uint32_t at, const struct cJSON *j, int index,
                     DiagSink *diag, const LoadLocate *locate);

#endif
