/* kaoping.h - libkaoping: the kaoping rule engine as a C library.
 *
 * Load a standard (a rule file, a folder of yearly standards, or a text in
 * memory), load a unit's data (JSON text or a file), score the unit, read
 * the result through accessors or render it in any format of the command
 * line. Scores are exact decimals: every number is read as a decimal string
 * ("12.5"), never as a double.
 *
 *     kp_standard *std;
 *     if (kp_standard_load_file("rules/2013.kp", 0, &std) != KP_OK) {
 *         kp_diags_print(kp_standard_diags(std), stderr);   // std may be NULL: see below
 *         ...
 *     }
 *     kp_unit *u;
 *     kp_unit_load_json(std, "dongcun", json, strlen(json), &u);
 *     kp_result *r;
 *     if (kp_score(std, u, NULL, &r) == KP_OK)
 *         printf("%s %s\n", kp_result_total(r), kp_result_grade(r) ? kp_result_grade(r) : "-");
 *     kp_result_free(r); kp_unit_free(u); kp_standard_free(std);
 *
 * Statuses. Every function that can fail returns a kp_status. KP_ERROR means
 * the input has errors: they are in the handle's diagnostics (records with a
 * file, line, column, stable code, severity and message). KP_MISUSE means
 * the call itself was wrong (a NULL or freed handle, a unit of another
 * standard); KP_NOMEM that memory ran out. For these two, kp_last_error()
 * says why, for the calling thread. The library never prints, never aborts
 * and never exits.
 *
 * Handles. A loader sets *out on KP_OK and on KP_ERROR (so that its
 * diagnostics can be read: free it all the same), and sets it to NULL
 * otherwise. Each handle is freed with its own kp_*_free; the free functions
 * accept NULL. A unit keeps its standard alive, and a result its unit and
 * standard, so they may be freed in any order. Strings returned by accessors
 * belong to the handle and live as long as it; buffers returned by
 * kp_render are the caller's, freed with kp_free.
 *
 * Freed handles. A handle's magic number is cleared when it is freed; a call
 * with it returns KP_MISUSE (or NULL, 0) while its memory has not been reused
 * (while a unit or result still holds it, always). Once the memory is
 * reused, a freed handle cannot be told from garbage: do not rely on the
 * check, it is a help for finding mistakes (run under AddressSanitizer to
 * find them all).
 *
 * Threads. A loaded standard is read only: any number of threads may load
 * units against it and score them at once (kp_unit_load_*, kp_score), and
 * a unit may be scored on several threads at once. A result is used by one
 * thread at a time (its accessors make their strings on first use).
 * Loading standards (parsing, checking) may also run on several threads.
 * kp_set_language changes a process-wide setting: call it before starting
 * threads.
 *
 * Out of memory. The engine allocates from regions; when one cannot grow,
 * the API call unwinds (setjmp/longjmp) to its own entry, frees the handle
 * it was making and returns KP_NOMEM. Memory that a third-party library
 * (cJSON, libxlsxwriter) held at that moment may be lost; the handles given
 * before stay valid.
 *
 * Stability: see doc/library.md. Within major version 1 the functions and
 * structures here are only added to: no symbol is removed or changes its
 * meaning, structure members are only appended, enums only gain values.
 */
#ifndef KAOPING_H
#define KAOPING_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KP_VERSION_MAJOR 1
#define KP_VERSION_MINOR 0
#define KP_VERSION_PATCH 0

/* The library's version, "1.0.0" (of the shared object actually loaded). */
const char *kp_version(void);

/* ---- statuses, errors, memory -------------------------------------------- */

typedef enum kp_status {
    KP_OK = 0,     /* done (there may be warnings) */
    KP_ERROR = 1,  /* the input has errors: see the handle's diagnostics */
    KP_NOMEM = 2,  /* out of memory */
    KP_MISUSE = 3, /* a NULL, freed or mismatched handle, a bad argument */
    KP_IO = 4,     /* a file or stream could not be written */
} kp_status;

/* "ok", "error", "out of memory", "misuse", "i/o error". */
const char *kp_status_text(kp_status st);
/* Why the last call on this thread returned KP_MISUSE, KP_NOMEM or KP_IO
 * (English, for the programmer); "" when there is nothing to say. */
const char *kp_last_error(void);
/* Frees a buffer the library gave (kp_render). NULL is accepted. */
void kp_free(void *p);

/* The language of diagnostics and rendered reports: "en", "zh-hans"
 * (simplified Chinese) or "zh-hant" (traditional); NULL follows the
 * environment (LC_ALL, LC_MESSAGES, LANG). KP_MISUSE for another name.
 * Process-wide: call before starting threads. The message catalogues are
 * looked for in $KAOPING_LOCALEDIR, beside the running program, then in
 * the installed share/locale. Records keep the language they were made in. */
kp_status kp_set_language(const char *lang);

/* ---- diagnostics ------------------------------------------------------------ */

typedef enum kp_severity { KP_SEVERITY_ERROR = 0, KP_SEVERITY_WARNING = 1 } kp_severity;

/* One diagnostic. line and column are 1-based (column in display columns,
 * a CJK character counting two); 0 when the record has no position. */
typedef struct kp_diag {
    const char *file;    /* the file (or the name given to a text) */
    int line, column;
    const char *code;    /* stable code, "K0101" (doc/cli.md) */
    kp_severity severity;
    const char *message; /* in the language chosen when it was made */
    const char *help;    /* a hint, or NULL */
} kp_diag;

/* The diagnostics of a handle: owned by it. */
typedef struct kp_diags kp_diags;

size_t kp_diags_count(const kp_diags *d);
/* Record i (0-based) into *out; KP_MISUSE when i is out of range. */
kp_status kp_diags_get(const kp_diags *d, size_t i, kp_diag *out);
int kp_diags_errors(const kp_diags *d);
int kp_diags_warnings(const kp_diags *d);
/* Nonzero when records were left out (after 20 errors or 100 warnings). */
int kp_diags_truncated(const kp_diags *d);
/* Writes every record as the command line does: file:line:col, the source
 * line and a caret. */
kp_status kp_diags_print(const kp_diags *d, FILE *out);

/* ---- standards ---------------------------------------------------------------- */

typedef struct kp_standard kp_standard;

/* Flags of the standard loaders. */
#define KP_LOAD_TESTS 1u /* also read NAME.tests.kp beside NAME.kp (as `kaoping check`) */

/* A rule file. KP_ERROR: the standard has errors (see kp_standard_diags);
 * it cannot score. A standard that `revises` another finds it beside path. */
kp_status kp_standard_load_file(const char *path, unsigned flags, kp_standard **out);
/* A rule text of len bytes (need not end in NUL); name is the file name its
 * diagnostics show (NULL: "<string>"). A revision looks for its base in the
 * current folder. */
kp_status kp_standard_load_string(const char *name, const char *text, size_t len, unsigned flags,
                                  kp_standard **out);
/* A folder of yearly standards (as `kaoping eval --rules-dir`): each unit
 * is loaded against and scored by the standard of its "year"; the latest
 * standard describes the handle (kp_standard_info). KP_ERROR when the
 * folder holds no usable standard; the errors of a year that cannot be
 * used are in the diagnostics (its units are refused). */
kp_status kp_standard_load_dir(const char *dir, unsigned flags, kp_standard **out);
void kp_standard_free(kp_standard *std);
const kp_diags *kp_standard_diags(const kp_standard *std);

typedef struct kp_standard_info {
    const char *title;
    int year;
    const char *total; /* the points of the whole, "100" */
    int categories;    /* categories */
    int items;         /* scored items (not bonus items nor penalties) */
    int vetoes;
    int grades;
} kp_standard_info;
kp_status kp_standard_get_info(const kp_standard *std, kp_standard_info *out);

/* ---- units ----------------------------------------------------------------------- */

typedef struct kp_unit kp_unit;

/* One unit's JSON (an object, or an array holding one), checked against
 * the standard's facts. name names the text in diagnostics (NULL:
 * "<string>"). KP_ERROR: the data has errors (the unit is not scored). */
kp_status kp_unit_load_json(const kp_standard *std, const char *name, const char *text, size_t len,
                            kp_unit **out);
/* A data file: JSON (one unit) or a CSV form (.csv). */
kp_status kp_unit_load_file(const kp_standard *std, const char *path, kp_unit **out);
void kp_unit_free(kp_unit *u);
const kp_diags *kp_unit_diags(const kp_unit *u);
/* The unit's name ("#1" when its data gives none), or NULL. */
const char *kp_unit_name(const kp_unit *u);

/* ---- scoring ---------------------------------------------------------------------- */

typedef struct kp_result kp_result;

typedef struct kp_score_options {
    const char *as_of; /* "YYYY-MM-DD": the day tasks and deadlines are judged on;
                          NULL: the day after the campaign (the final assessment) */
    int soon;          /* days ahead a task counts as due soon; < 0: 14 */
} kp_score_options;

/* Scores u (loaded against std) into *out; opt may be NULL. KP_ERROR when
 * the unit's data had errors or it cannot be scored (a 'require' broken, an
 * arithmetic overflow): *out is set, with the reason in kp_result_diags.
 * KP_MISUSE (and *out NULL) for a unit loaded against another standard. */
kp_status kp_score(const kp_standard *std, const kp_unit *u, const kp_score_options *opt, kp_result **out);
void kp_result_free(kp_result *r);
const kp_diags *kp_result_diags(const kp_result *r);

/* 1 when the unit was scored (the accessors below then describe it). */
int kp_result_scored(const kp_result *r);
/* The total (after vetoes) as an exact decimal, "87.5"; NULL when not scored. */
const char *kp_result_total(const kp_result *r);
/* The grade's name, or NULL (no grades, not scored). */
const char *kp_result_grade(const kp_result *r);
/* 1 the unit passes, 0 it fails (or is not scored). */
int kp_result_pass(const kp_result *r);

/* A category, group, bonus section, item or penalty. Numbers are exact
 * decimal strings. */
typedef struct kp_part {
    const char *id;     /* may be NULL for an unnamed part */
    const char *number; /* the standard's own number ("1.2"), or NULL */
    const char *title;
    const char *kind;   /* "category", "group", "bonus", "item", "penalty" */
    int applies;        /* 0: not for this unit's kind (its score is its points) */
    const char *points, *score, *lost;
} kp_part;
/* Parts in the standard's order: first the categories, groups and bonus
 * sections, then the items and penalties. */
size_t kp_result_part_count(const kp_result *r);
kp_status kp_result_part_at(const kp_result *r, size_t i, kp_part *out);
/* The part whose id, else whose number, is key; KP_ERROR when none. */
kp_status kp_result_part(const kp_result *r, const char *key, kp_part *out);

/* A rule of an item. */
typedef struct kp_rule {
    const char *number;  /* the standard's own number ("1a"), or NULL */
    const char *item_id; /* its item */
    const char *text;    /* the rule as written */
    int fired;
    const char *amount;  /* signed, as a table reads it: "-2" for a deduction, "+1" an addition, "0" */
} kp_rule;
size_t kp_result_rule_count(const kp_result *r);
kp_status kp_result_rule_at(const kp_result *r, size_t i, kp_rule *out);
/* The rule numbered number; KP_ERROR when none. */
kp_status kp_result_rule(const kp_result *r, const char *number, kp_rule *out);

typedef struct kp_veto {
    const char *id, *title;
    int fired;
    const char *effect; /* "disqualify", "grade", "deduct", "zero" */
    const char *what;   /* what it did, in words; NULL when it did not fire */
} kp_veto;
size_t kp_result_veto_count(const kp_result *r);
kp_status kp_result_veto_at(const kp_result *r, size_t i, kp_veto *out);

typedef struct kp_output {
    const char *id, *label;
    const char *value; /* "2000", "yes", "2013-07-01", "91.5%" */
} kp_output;
size_t kp_result_output_count(const kp_result *r);
kp_status kp_result_output_at(const kp_result *r, size_t i, kp_output *out);

/* A rectification entry (整改): what lost points, largest first. */
typedef struct kp_rect {
    const char *item_id, *item_title;
    const char *lost;   /* "7.5" (positive: the points lost) */
    const char *owners; /* "村委會, 司法所", or "" */
    const char *rule;   /* the rule as written, "[1a] deduct 2 per meetings below 4" */
    const char *saw;    /* what the rule read, "會議次數 (meetings) 2, required 4", or "" */
    const char *todo;   /* what wins the points back, or "" */
    const char *deadline; /* "YYYY-MM-DD", or NULL */
} kp_rect;
size_t kp_result_rect_count(const kp_result *r);
kp_status kp_result_rect_at(const kp_result *r, size_t i, kp_rect *out);

/* ---- rendering --------------------------------------------------------------------- */

/* The formats of `kaoping eval --format` (doc/cli.md, doc/json.md): the
 * same bytes the command line writes for this one unit. */
typedef enum kp_format {
    KP_FORMAT_TEXT = 0,
    KP_FORMAT_JSON = 1,
    KP_FORMAT_JSONL = 2,
    KP_FORMAT_TSV = 3,
    KP_FORMAT_HTML = 4,
    KP_FORMAT_CSV = 5,
    KP_FORMAT_XLSX = 6, /* a workbook: kp_render_xlsx only */
} kp_format;

/* "text", "json", ... -> *out; KP_MISUSE for another name. */
kp_status kp_format_from_name(const char *name, kp_format *out);
/* Renders into a buffer the library allocates (NUL-terminated; *len
 * without the NUL, len may be NULL); free it with kp_free. */
kp_status kp_render(const kp_result *r, kp_format fmt, char **buf, size_t *len);
/* Renders to a stream the caller opened. KP_IO when it could not be written. */
kp_status kp_render_file(const kp_result *r, kp_format fmt, FILE *out);
/* Writes an XLSX workbook to path (replaced). libxlsxwriter is loaded
 * (dlopen) at the first call: KP_IO, saying so, when it cannot be. */
kp_status kp_render_xlsx(const kp_result *r, const char *path);

#ifdef __cplusplus
}
#endif

#endif
