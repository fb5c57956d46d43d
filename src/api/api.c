/* api.c - libkaoping (include/kaoping.h): statuses, the thread's last
 * error, diagnostics as records, loading standards and units. Scoring,
 * the result's accessors and rendering are in api_result.c. */
/* realpath */
#define _XOPEN_SOURCE 700
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_impl.h"
#include "check.h"
#include "i18n.h"
#include "lex.h"
#include "limits.h"
#include "load.h"
#include "program.h"
#include "revise.h"
#include "tests_file.h"

/* ---- statuses, errors -------------------------------------------------------- */

static _Thread_local char last_error[512];

kp_status kp__fail(kp_status st, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return st;
}

const char *kp_last_error(void) {
    return last_error;
}

const char *kp_version(void) {
    return "1.0.0";
}

const char *kp_status_text(kp_status st) {
    switch (st) {
    case KP_OK: return "ok";
    case KP_ERROR: return "error";
    case KP_NOMEM: return "out of memory";
    case KP_MISUSE: return "misuse";
    case KP_IO: return "i/o error";
    }
    return "unknown status";
}

void kp_free(void *p) {
    free(p);
}

kp_status kp_set_language(const char *lang) {
    if (!i18n_init(lang)) return kp__fail(KP_MISUSE, "unknown language '%s': use en, zh-hans or zh-hant", lang);
    return KP_OK;
}

/* ---- diagnostics --------------------------------------------------------------- */

size_t kp_diags_count(const kp_diags *d) {
    size_t n = 0;
    if (d)
        for (const Diag *g = d->sink.head; g; g = g->next)
            n++;
    return n;
}

kp_status kp_diags_get(const kp_diags *d, size_t i, kp_diag *out) {
    if (!d || !out) return kp__fail(KP_MISUSE, "kp_diags_get: NULL diagnostics or record");
    const Diag *g = d->sink.head;
    for (size_t k = 0; g && k < i; k++)
        g = g->next;
    if (!g) return kp__fail(KP_MISUSE, "kp_diags_get: no record %zu (there are %zu)", i, kp_diags_count(d));
    memset(out, 0, sizeof *out);
    out->file = g->path;
    if (g->has_span && g->src) diag_where(g, &out->line, &out->column);
    out->code = g->code;
    out->severity = g->level == DIAG_ERROR ? KP_SEVERITY_ERROR : KP_SEVERITY_WARNING;
    out->message = g->msg;
    out->help = g->help;
    return KP_OK;
}

int kp_diags_errors(const kp_diags *d) {
    return d ? d->sink.errors : 0;
}

int kp_diags_warnings(const kp_diags *d) {
    return d ? d->sink.warnings : 0;
}

int kp_diags_truncated(const kp_diags *d) {
    return d && d->sink.overflowed ? d->sink.max_errors : 0;
}

kp_status kp_diags_print(const kp_diags *d, FILE *out) {
    if (!d || !out) return kp__fail(KP_MISUSE, "kp_diags_print: NULL diagnostics or stream");
    KP_TRAP(t) return kp__fail(KP_NOMEM, "out of memory");
    diag_print(&d->sink, out);
    KP_UNTRAP(t);
    return ferror(out) ? kp__fail(KP_IO, "kp_diags_print: the stream could not be written") : KP_OK;
}

/* ---- standards ----------------------------------------------------------------- */

bool kp__std_ok(const kp_standard *s) {
    return s && s->magic == KP_MAGIC_STD;
}

static void std_destroy(kp_standard *s) {
    source_free(&s->src);
    source_free(&s->tests);
    free(s->tests_path);
    free(s->name);
    free(s->year_programs); /* (the programs are in the standards' arenas) */
    years_free(&s->shelf);
    arena_free(s->arena);
    diag_free(&s->diags.sink);
    free(s);
}

void kp__std_release(kp_standard *s) {
    if (s && atomic_fetch_sub(&s->refs, 1) == 1) std_destroy(s);
}

void kp_standard_free(kp_standard *s) {
    if (!kp__std_ok(s)) return;
    s->magic = 0;
    kp__std_release(s);
}

const kp_diags *kp_standard_diags(const kp_standard *s) {
    return kp__std_ok(s) ? &s->diags : NULL;
}

static kp_standard *std_new(void) {
    kp_standard *s = calloc(1, sizeof *s);
    if (s) {
        s->magic = KP_MAGIC_STD;
        atomic_init(&s->refs, 1);
    }
    return s;
}

/* Parses and checks s->src (read), with NAME.tests.kp when tests_of. */
static bool std_build(kp_standard *s, const char *tests_of) {
    DiagSink *d = &s->diags.sink;
    s->std = lex_parse(&s->src, s->arena, d);
    if (!s->std || d->errors || !revise_resolve(s->std, &s->src, s->arena, d)) return false;
    if (tests_of && (s->tests_path = tests_file_for(tests_of)) != NULL) {
        if (!tests_file_beside(tests_of, s->tests_path)) {
            diag_file(d, DIAG_ERROR, "K0603", NULL, "%s leads outside the folder of %s (a link): it is not read",
                      s->tests_path, tests_of);
            return false;
        }
        if (!source_read(&s->tests, s->tests_path, KP_MAX_RULE_FILE, d)) return false;
        if (!lex_parse_tests(s->std, &s->tests, s->arena, d) || d->errors) return false;
    }
    return check_standard(s->std, s->arena, d);
}

/* The end of every loader: *out, and the status. */
/* Compiles what can score (under the caller's out-of-memory trap). */
static void std_compile(kp_standard *s) {
    if (!s->ok) return;
    if (!s->dir) {
        s->program = program_new(s->std, s->arena);
        return;
    }
    s->year_programs = calloc((size_t)s->shelf.nfiles + 1, sizeof *s->year_programs);
    if (!s->year_programs) arena_oom_escape();
    for (int i = 0; i < s->shelf.nfiles; i++)
        if (s->shelf.files[i].std) s->year_programs[i] = program_new(s->shelf.files[i].std, s->shelf.files[i].arena);
}

const struct Program *kp__program_of(const kp_standard *s, const Standard *std) {
    if (!s->dir) return std == s->std ? s->program : NULL;
    for (int i = 0; s->year_programs && i < s->shelf.nfiles; i++)
        if (s->shelf.files[i].std == std) return s->year_programs[i];
    return NULL;
}

static kp_status std_done(kp_standard *s, kp_standard **out) {
    *out = s;
    if (s->ok && s->std) dec_format(s->std->total_value, 6, s->total, sizeof s->total);
    return s->ok ? KP_OK : KP_ERROR;
}

static kp_status std_nomem(kp_standard *s, kp_standard **out) {
    std_destroy(s);
    *out = NULL;
    return kp__fail(KP_NOMEM, "out of memory");
}

kp_status kp_standard_load_file(const char *path, unsigned flags, kp_standard **out) {
    if (!out) return kp__fail(KP_MISUSE, "kp_standard_load_file: out is NULL");
    *out = NULL;
    if (!path) return kp__fail(KP_MISUSE, "kp_standard_load_file: path is NULL");
    kp_standard *s = std_new();
    if (!s) return kp__fail(KP_NOMEM, "out of memory");
    KP_TRAP(t) return std_nomem(s, out);
    diag_init(&s->diags.sink);
    s->arena = arena_new();
    s->ok = source_read(&s->src, path, KP_MAX_RULE_FILE, &s->diags.sink) &&
            std_build(s, flags & KP_LOAD_TESTS ? path : NULL);
    std_compile(s);
    KP_UNTRAP(t);
    return std_done(s, out);
}

kp_status kp_standard_load_string(const char *name, const char *text, size_t len, unsigned flags, kp_standard **out) {
    (void)flags; /* a text has no NAME.tests.kp beside it */
    if (!out) return kp__fail(KP_MISUSE, "kp_standard_load_string: out is NULL");
    *out = NULL;
    if (!text) return kp__fail(KP_MISUSE, "kp_standard_load_string: text is NULL");
    if (len > KP_MAX_RULE_FILE) return kp__fail(KP_MISUSE, "kp_standard_load_string: the text is too large");
    kp_standard *s = std_new();
    if (!s) return kp__fail(KP_NOMEM, "out of memory");
    KP_TRAP(t) return std_nomem(s, out);
    diag_init(&s->diags.sink);
    s->arena = arena_new();
    s->name = strdup(name ? name : "<string>");
    s->src.text = malloc(len + 1);
    if (!s->name || !s->src.text) arena_oom_escape();
    memcpy(s->src.text, text, len);
    s->src.text[len] = '\0';
    s->src.len = len;
    s->src.path = s->name;
    if (memchr(text, '\0', len))
        diag_file(&s->diags.sink, DIAG_ERROR, "K0001", &s->src, "the text holds a NUL byte: it is not a rule file");
    else
        s->ok = std_build(s, NULL);
    std_compile(s);
    KP_UNTRAP(t);
    return std_done(s, out);
}

kp_status kp_standard_load_dir(const char *dir, unsigned flags, kp_standard **out) {
    (void)flags;
    if (!out) return kp__fail(KP_MISUSE, "kp_standard_load_dir: out is NULL");
    *out = NULL;
    if (!dir) return kp__fail(KP_MISUSE, "kp_standard_load_dir: dir is NULL");
    kp_standard *s = std_new();
    if (!s) return kp__fail(KP_NOMEM, "out of memory");
    KP_TRAP(t) return std_nomem(s, out);
    diag_init(&s->diags.sink);
    s->dir = true;
    const char *latest = years_open(&s->shelf, dir, &s->diags.sink);
    if (latest) {
        years_load_all(&s->shelf, &s->diags.sink);
        for (int i = 0; i < s->shelf.nfiles; i++)
            if (s->shelf.files[i].path == latest) s->std = s->shelf.files[i].std;
        s->ok = s->std != NULL;
    }
    std_compile(s);
    KP_UNTRAP(t);
    return std_done(s, out);
}

kp_status kp_standard_get_info(const kp_standard *s, kp_standard_info *out) {
    if (!kp__std_ok(s) || !out) return kp__fail(KP_MISUSE, "kp_standard_get_info: NULL or freed standard");
    if (!s->ok) return kp__fail(KP_MISUSE, "kp_standard_get_info: the standard has errors");
    const Standard *st = s->std;
    memset(out, 0, sizeof *out);
    out->title = st->title;
    out->year = st->year_value;
    out->total = s->total;
    for (const Part *p = st->parts; p; p = p->next)
        out->categories += p->kind == PART_CATEGORY;
    for (int k = 0; k < st->nitems; k++) /* scored items: not bonus items, not penalties */
        out->items += st->item_tab[k]->kind == PART_ITEM && st->item_tab[k]->parent->kind != PART_BONUS;
    out->vetoes = st->nvetoes;
    out->grades = st->ngrades;
    return KP_OK;
}

/* ---- units ----------------------------------------------------------------------- */

bool kp__unit_ok(const kp_unit *u) {
    return u && u->magic == KP_MAGIC_UNIT;
}

static void unit_destroy(kp_unit *u) {
    if (u->u) unit_free(u->u);
    cJSON_Delete(u->json);
    free(u->offs);
    source_free(&u->src);
    free(u->name);
    diag_free(&u->diags.sink);
    kp__std_release(u->from);
    free(u);
}

void kp__unit_release(kp_unit *u) {
    if (u && atomic_fetch_sub(&u->refs, 1) == 1) unit_destroy(u);
}

void kp_unit_free(kp_unit *u) {
    if (!kp__unit_ok(u)) return;
    u->magic = 0;
    kp__unit_release(u);
}

const kp_diags *kp_unit_diags(const kp_unit *u) {
    return kp__unit_ok(u) ? &u->diags : NULL;
}

const char *kp_unit_name(const kp_unit *u) {
    return kp__unit_ok(u) && u->u ? u->u->name : NULL;
}

static kp_status unit_start(const kp_standard *s, const char *what, kp_unit **out, kp_unit **made) {
    if (!out) return kp__fail(KP_MISUSE, "%s: out is NULL", what);
    *out = NULL;
    if (!s) return kp__fail(KP_MISUSE, "%s: the standard is NULL", what);
    if (!kp__std_ok(s)) return kp__fail(KP_MISUSE, "%s: the standard was freed (or is not a standard)", what);
    if (!s->ok) return kp__fail(KP_MISUSE, "%s: the standard has errors: it cannot load units", what);
    kp_unit *u = calloc(1, sizeof *u);
    if (!u) return kp__fail(KP_NOMEM, "out of memory");
    u->magic = KP_MAGIC_UNIT;
    atomic_init(&u->refs, 1);
    u->from = (kp_standard *)s;
    atomic_fetch_add(&u->from->refs, 1);
    *made = u;
    return KP_OK;
}

static kp_status unit_nomem(kp_unit *u, kp_unit **out) {
    unit_destroy(u);
    *out = NULL;
    return kp__fail(KP_NOMEM, "out of memory");
}

/* Loads the one unit of u->src (JSON) against the standard of u->from (or,
 * for a folder, of the unit's year). */
static void unit_build(kp_unit *u) {
    DiagSink *d = &u->diags.sink;
    u->json = load_json_parse(&u->src, d, false);
    if (!u->json) return;
    const cJSON *j = u->json;
    int n = cJSON_IsArray(j) ? cJSON_GetArraySize(j) : 1;
    if (n != 1) {
        diag_file(d, DIAG_ERROR, "K0420", &u->src, "the text holds %d units: a kp_unit is one unit", n);
        return;
    }
    if (cJSON_IsArray(j)) j = j->child;
    int noffs = 0;
    u->offs = load_json_offsets(&u->src, &noffs);
    uint32_t at = u->offs && noffs > 0 ? u->offs[0] : 0;
    const kp_standard *s = u->from;
    const Standard *std = s->std;
    if (s->dir) std = years_standard_for((void *)&s->shelf, j, d, &u->src, (Span){at, at + 1});
    u->u = std ? load_unit_json(std, &u->src, at, j, 0, d, NULL) : load_unit_named(&u->src, at, j, 0);
    cJSON_Delete(u->json);
    u->json = NULL;
    free(u->offs);
    u->offs = NULL;
}

static kp_status unit_done(kp_unit *u, kp_unit **out) {
    *out = u;
    return u->u && !u->u->invalid && !u->diags.sink.errors ? KP_OK : KP_ERROR;
}

kp_status kp_unit_load_json(const kp_standard *s, const char *name, const char *text, size_t len, kp_unit **out) {
    kp_unit *u = NULL;
    kp_status st = unit_start(s, "kp_unit_load_json", out, &u);
    if (st != KP_OK) return st;
    if (!text || len > KP_MAX_DATA_FILE) {
        unit_destroy(u);
        return kp__fail(KP_MISUSE, "kp_unit_load_json: the text is NULL or too large");
    }
    KP_TRAP(t) return unit_nomem(u, out);
    diag_init(&u->diags.sink);
    u->name = strdup(name ? name : "<string>");
    u->src.text = malloc(len + 1);
    if (!u->name || !u->src.text) arena_oom_escape();
    memcpy(u->src.text, text, len);
    u->src.text[len] = '\0';
    u->src.len = len;
    u->src.path = u->name;
    if (memchr(text, '\0', len))
        diag_file(&u->diags.sink, DIAG_ERROR, "K0001", &u->src, "the text holds a NUL byte: it is not JSON");
    else
        unit_build(u);
    KP_UNTRAP(t);
    return unit_done(u, out);
}

kp_status kp_unit_load_file(const kp_standard *s, const char *path, kp_unit **out) {
    kp_unit *u = NULL;
    kp_status st = unit_start(s, "kp_unit_load_file", out, &u);
    if (st != KP_OK) return st;
    if (!path) {
        unit_destroy(u);
        return kp__fail(KP_MISUSE, "kp_unit_load_file: path is NULL");
    }
    KP_TRAP(t) return unit_nomem(u, out);
    diag_init(&u->diags.sink);
    u->name = strdup(path);
    if (!u->name) arena_oom_escape();
    if (load_read(s->std, u->name, &u->src, &u->diags.sink)) {
        if (load_is_csv(path)) {
            /* a CSV form, read as the JSON of its unit (no positions) */
            cJSON *j = load_csv_unit(&u->src, &u->diags.sink);
            char *text = j ? cJSON_PrintUnformatted(j) : NULL;
            cJSON_Delete(j);
            if (text) {
                source_free(&u->src);
                u->src.text = strdup(text);
                cJSON_free(text);
                if (!u->src.text) arena_oom_escape();
                u->src.len = strlen(u->src.text);
                u->src.made = true;
                unit_build(u);
            }
        } else {
            unit_build(u);
        }
    }
    KP_UNTRAP(t);
    return unit_done(u, out);
}
