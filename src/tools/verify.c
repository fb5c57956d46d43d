/* verify.c - the test runner (see verify.h). A case's unit is built as JSON
 * (its data file, then its 'set' lines) and read by the same loader as
 * 'kaoping eval', so a test checks exactly what an evaluator would see. */
/* realpath */
#define _XOPEN_SOURCE 700
#include "verify.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "check.h"
#include "dates.h"
#include "eval.h"
#include "i18n.h"
#include "limits.h"
#include "load.h"
#include "peer.h"
#include "width.h"

/* ---- the unit a case describes, as JSON ------------------------------------ */

/* A literal as data writes it, from its own spelling (exact, whatever its
 * digits): 96.25% stays "96.25%", -1.5 stays "-1.5". */
static cJSON *literal(const Source *src, const Expr *e) {
    bool neg = e->kind == EX_NEG;
    if (neg) e = e->u.operand;
    char buf[128];
    switch (e->kind) {
    case EX_NUMBER: {
        uint32_t n = e->span.end - e->span.begin;
        if (n > sizeof buf - 2) n = sizeof buf - 2;
        snprintf(buf, sizeof buf, "%s%.*s", neg ? "-" : "", (int)n, src->text + e->span.begin);
        return cJSON_CreateString(buf);
    }
    case EX_STRING: return cJSON_CreateString(e->u.str);
    case EX_BOOL: return cJSON_CreateBool(e->u.boolean);
    case EX_DATE: {
        int y, m, d;
        dates_to_civil(e->u.date, &y, &m, &d);
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        return cJSON_CreateString(buf);
    }
    default: return cJSON_CreateNull();
    }
}

/* The data's key of a list's field named in a test (its `key`, else its name). */
static const char *field_key(const SetFact *x, const char *name) {
    for (const Fact *fl = x->fact ? x->fact->type.fields : NULL; fl; fl = fl->next)
        if (!strcmp(fl->name, name)) return fact_key(fl);
    return name;
}

static cJSON *list_literal(const Source *src, const SetFact *x) {
    cJSON *arr = cJSON_CreateArray();
    for (const RecordInit *r = x->rows; r; r = r->next) {
        cJSON *o = cJSON_CreateObject();
        for (const FieldInit *f = r->fields; f; f = f->next)
            cJSON_AddItemToObject(o, field_key(x, f->name), literal(src, f->value));
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

/* The directory part of a path, with its slash ("rules/"), or "". */
static char *dir_of(const char *path) {
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path + 1) : 0;
    char *d = malloc(n + 1);
    if (d) memcpy(d, path, n), d[n] = '\0';
    return d;
}

/* True when path lies inside dir once links and '..' are resolved. */
static bool inside(const char *dir, const char *path) {
    char *d = realpath(*dir ? dir : ".", NULL), *p = realpath(path, NULL);
    size_t n = d ? strlen(d) : 0;
    bool ok = d && p && strncmp(d, p, n) == 0 && (p[n] == '/' || (n == 1 && d[0] == '/'));
    free(d);
    free(p);
    return ok;
}

/* The first unit of the case's data file (JSON, a CSV form, a workbook),
 * or an empty unit. The file must
 * lie in the folder of the file holding the case (or below it) unless
 * allow_outside: a standard reads no file it was not given. */
static cJSON *base_unit(const Standard *std, const TestCase *t, bool allow_outside, DiagSink *diag) {
    if (!t->data) return cJSON_CreateObject();
    char *dir = dir_of(t->src->path);
    if (!dir) return NULL;
    size_t n = strlen(dir) + strlen(t->data) + 1;
    char *path = malloc(n);
    if (!path) {
        free(dir);
        return NULL;
    }
    snprintf(path, n, "%s%s", t->data[0] == '/' ? "" : dir, t->data);
    Source src;
    cJSON *unit = NULL;
    /* outside whether it exists or not: an absolute path, or '..' anywhere */
    bool lexical = t->data[0] != '/' && strncmp(t->data, "../", 3) && !strstr(t->data, "/../") &&
                   strcmp(t->data, "..") && !(strlen(t->data) >= 3 && !strcmp(t->data + strlen(t->data) - 3, "/.."));
    bool ok = allow_outside || (lexical && (access(path, F_OK) != 0 || inside(dir, path)));
    free(dir);
    if (!ok) {
        Diag *g = diag_at(diag, DIAG_ERROR, "K0602", t->src, t->data_span,
                          "the data file %s lies outside the folder of this file", path);
        diag_help(diag, g, "keep test data beside the standard, or run kaoping test --allow-outside");
        free(path);
        return NULL;
    }
    if (load_read(std, path, &src, diag)) { /* a workbook is read as the JSON of its units */
        size_t pl = strlen(path);
        if (pl > 4 && !strcasecmp(path + pl - 4, ".csv")) {
            unit = load_csv_unit(&src, diag);
        } else if (!source_utf8(&src, diag, "K0408", "save the data as UTF-8")) {
            /* reported */
        } else {
            const char *end = NULL;
            cJSON *root = load_json_tree(&src); /* numbers keep their digits */
            if (!root) cJSON_Delete(cJSON_ParseWithLengthOpts(src.text, src.len, &end, false)); /* where it fails */
            cJSON *first = cJSON_IsArray(root) ? cJSON_GetArrayItem(root, 0) : root;
            if (cJSON_IsObject(first))
                unit = cJSON_Duplicate(first, true);
            else if (!root) {
                uint32_t off = end ? (uint32_t)(end - src.text) : 0;
                Span sp = {off, off + 1};
                diag_at(diag, DIAG_ERROR, "K0403", &src, sp, "malformed JSON: the data cannot be read from here on");
            }
            cJSON_Delete(root);
        }
        source_free(&src);
    }
    if (!unit)
        diag_at(diag, DIAG_ERROR, "K0601", t->src, t->data_span, "cannot read a unit from the data file %s", path);
    free(path);
    return unit;
}

static char *unit_text(const Standard *std, const TestCase *t, bool allow_outside, DiagSink *diag) {
    cJSON *u = base_unit(std, t, allow_outside, diag);
    if (!u) return NULL;
    cJSON_DeleteItemFromObjectCaseSensitive(u, "name");
    cJSON_AddStringToObject(u, "name", t->name);
    cJSON_DeleteItemFromObjectCaseSensitive(u, "year");
    cJSON_AddNumberToObject(u, "year", std->year_value);
    if (t->kind) {
        cJSON_DeleteItemFromObjectCaseSensitive(u, "kind");
        cJSON_AddStringToObject(u, "kind", t->kind);
    }
    cJSON *facts = cJSON_GetObjectItemCaseSensitive(u, "facts");
    if (!cJSON_IsObject(facts)) {
        cJSON_DeleteItemFromObjectCaseSensitive(u, "facts");
        facts = cJSON_AddObjectToObject(u, "facts");
    }
    for (const SetFact *x = t->sets; x; x = x->next) {
        const char *key = x->fact ? fact_key(x->fact) : x->name; /* the data's key */
        cJSON_DeleteItemFromObjectCaseSensitive(facts, key);
        cJSON_AddItemToObject(facts, key, x->is_list ? list_literal(t->src, x) : literal(t->src, x->value));
    }
    char *text = cJSON_PrintUnformatted(u);
    cJSON_Delete(u);
    return text;
}

/* ---- expectations ------------------------------------------------------------ */

typedef struct Report {
    char buf[2048];
    size_t len;
} Report;

static void say(Report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(Report *r, const char *fmt, ...) {
    if (r->len >= sizeof r->buf - 1) return;
    if (r->len > sizeof r->buf - 200) { /* full: say so, once */
        r->len += (size_t)snprintf(r->buf + r->len, sizeof r->buf - r->len, "; ...");
        r->len = sizeof r->buf - 1;
        return;
    }
    if (r->len) r->len += (size_t)snprintf(r->buf + r->len, sizeof r->buf - r->len, "; ");
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(r->buf + r->len, sizeof r->buf - r->len, _(fmt), ap);
    va_end(ap);
    if (n > 0) r->len += (size_t)n;
    if (r->len >= sizeof r->buf) r->len = sizeof r->buf - 1;
}

static const char *num(char *buf, Dec d) {
    dec_format(d, 9, buf, 64);
    return buf;
}

static bool rectified(const Result *res, const Part *p) {
    for (int i = 0; i < res->nrect; i++)
        if (!p || res->rect[i].item->item == p) return true;
    return false;
}

static void compare(const Result *res, const Expect *x, Report *r) {
    const Standard *s = res->std;
    char a[64], b[64];
    switch (x->kind) {
    case EXPECT_ITEM: {
        const ItemResult *ir = &res->items[x->part->index];
        if (!ir->applies)
            say(r, "item %s: expected %s, but it does not apply to this kind", x->id, num(a, x->number));
        else if (dec_cmp(ir->score, x->number))
            say(r, "item %s: expected %s, got %s", x->id, num(a, x->number), num(b, ir->score));
        break;
    }
    case EXPECT_RULE: {
        const RuleResult *rr = &res->items[x->part->index].rules[x->rule->index];
        Dec got = eval_rule_signed(rr);
        if (dec_cmp(got, x->number)) say(r, "rule %s: expected %s, got %s", x->id, num(a, x->number), num(b, got));
        break;
    }
    case EXPECT_PART: {
        const PartResult *pr = &res->parts[x->part->index];
        Dec got = x->part->kind == PART_BONUS ? pr->counted : pr->score; /* a section: what it adds, within its cap */
        if (dec_cmp(got, x->number))
            say(r, "%s %s: expected %s, got %s", x->part->kind == PART_GROUP ? _("group") : _("category"), x->id,
                num(a, x->number), num(b, got));
        break;
    }
    case EXPECT_TOTAL:
        if (dec_cmp(res->total, x->number)) say(r, "total: expected %s, got %s", num(a, x->number), num(b, res->total));
        break;
    case EXPECT_GRADE:
        if (strcmp(s->grade_tab[res->grade]->name, x->grade))
            say(r, "grade: expected \"%s\", got \"%s\"", x->grade, s->grade_tab[res->grade]->name);
        break;
    case EXPECT_VETO:
        if (!res->vetoes[x->veto->index]) say(r, "veto %s: expected it to fire, it did not", x->id);
        break;
    case EXPECT_NO_VETO:
        if (x->veto && res->vetoes[x->veto->index]) say(r, "veto %s: expected it not to fire, it fired", x->id);
        if (!x->veto && res->nvetoes) say(r, "vetoes: expected none, %d fired", res->nvetoes);
        break;
    case EXPECT_PASS:
        if (!res->pass) say(r, "expected the unit to pass, it fails");
        break;
    case EXPECT_FAIL:
        if (res->pass) say(r, "expected the unit to fail, it passes");
        break;
    case EXPECT_RECT:
        if (!rectified(res, x->part)) say(r, "rectification %s: expected an entry, found none", x->id);
        break;
    case EXPECT_NO_RECT:
        if (rectified(res, x->part)) {
            if (x->part)
                say(r, "rectification %s: expected no entry, found one", x->id);
            else
                say(r, "rectification: expected none, found %d %s", res->nrect,
                    res->nrect == 1 ? _("entry") : _("entries"));
        }
        break;
    }
}

/* ---- running ------------------------------------------------------------------- */

static void run_case(const Standard *std, const TestCase *t, FILE *out, DiagSink *diag, VerifyStats *st,
                     bool allow_outside) {
    int line, col;
    diag_position(t->src, t->span.begin, &line, &col);
    Report r = {.len = 0};
    char *text = unit_text(std, t, allow_outside, diag);
    char where[600];
    snprintf(where, sizeof where, "%s:%d (test \"%s\")", t->src->path, line, t->name);
    Source src = {.path = where, .text = text, .len = text ? strlen(text) : 0, .made = true};
    LoadedUnits lu = {0};
    if (!text) {
        say(&r, "its unit could not be built");
        st->errors++;
    } else if (!load_json(std, &src, diag, &lu) || lu.count != 1 || lu.units[0]->invalid) {
        say(&r, "its unit's data is invalid (see above)");
    } else {
        Unit *u = lu.units[0];
        if (peer_reads_kind(std, u->kind)) /* a test case has no other units to rank against */
            diag_at(diag, DIAG_WARNING, "K0502", t->src, t->span,
                    "test \"%s\": its unit is scored alone: rank(), peers() and best() compare it with itself only",
                    t->name);
        Result *res = eval_unit(std, u, u->arena);
        if (res->error)
            say(&r, "the unit cannot be scored: %s", res->error);
        else
            for (const Expect *x = t->expects; x; x = x->next)
                compare(res, x, &r);
    }
    /* diagnostics name the made-up source: print them while it lives */
    diag_print(diag, stderr);
    diag_free(diag);
    diag_init(diag);
    load_free(&lu);
    cJSON_free(text);
    if (r.len) {
        fprintf(out, "%s:%d: test \"%s\": %s\n", t->src->path, line, t->name, r.buf);
        st->failed++;
    } else {
        st->passed++;
    }
}

void verify_standard(const Standard *std, bool allow_outside, FILE *out, DiagSink *diag, VerifyStats *st) {
    for (const TestCase *t = std->tests; t; t = t->next)
        run_case(std, t, out, diag, st, allow_outside);
}

/* In a revision, whether the revision itself writes something of the item
 * (a new item, its points, rules or deadline): spans below the end of the
 * revision's own file (its base files come after it, diag.h). */
static bool written_here(const Standard *std, const Part *p) {
    uint32_t end = (uint32_t)std->src->len;
    if (p->span.begin <= end || (p->points && p->points->span.begin <= end) ||
        (p->deadline && p->deadline->span.begin <= end))
        return true;
    for (const Rule *r = p->rules; r; r = r->next)
        if (!r->task && r->span.begin <= end) return true;
    return false;
}

static bool rule_of(const Part *item, const Rule *r) {
    for (const Rule *o = item->rules; o; o = o->next)
        if (o == r) return true;
    return false;
}

void verify_coverage(const Standard *std, FILE *out, VerifyStats *st) {
    st->items = st->covered = 0;
    int inherited = 0;
    char lacking[4096] = "";
    size_t w = 0;
    int missing = 0;
    for (int i = 0; i < std->nitems; i++) {
        const Part *p = std->item_tab[i];
        if (p->kind != PART_ITEM || (p->parent && p->parent->kind == PART_BONUS)) continue;
        if (std->base_path && !written_here(std, p)) {
            inherited++; /* covered by the base's own tests */
            continue;
        }
        st->items++;
        bool loses = false, keeps = false;
        for (const TestCase *t = std->tests; t; t = t->next) {
            /* the points the item has for the case's kind (kind K points N) */
            int kind = t->kind ? check_find_kind(std, t->kind) : 0;
            Dec points = check_part_points(p, kind < 0 ? 0 : kind);
            for (const Expect *x = t->expects; x; x = x->next)
                if ((x->kind == EXPECT_ITEM || x->kind == EXPECT_PART) &&
                    (x->part == p || (p->implicit && x->part == p->parent))) {
                    if (dec_cmp(x->number, points) < 0) loses = true;
                    if (dec_cmp(x->number, points) == 0) keeps = true;
                } else if (x->kind == EXPECT_RULE && x->rule && rule_of(p, x->rule)) {
                    /* a rule named by its number: its signed amount */
                    if (dec_sign(x->number) < 0) loses = true;
                    if (dec_sign(x->number) == 0) keeps = true;
                }
        }
        if (loses && keeps) {
            st->covered++;
            continue;
        }
        missing++;
        if (w < sizeof lacking - 80)
            w += (size_t)snprintf(lacking + w, sizeof lacking - w, "%s%s (%s)", w ? ", " : "", p->id,
                                  !loses && !keeps ? _("no case")
                                  : !loses         ? _("no losing case")
                                                   : _("no keeping case"));
        else if (w < sizeof lacking - 4)
            w += (size_t)snprintf(lacking + w, sizeof lacking - w, ", ...");
    }
    if (std->base_path)
        fprintf(out,
                "coverage: %d of the %d items this revision writes have a case that loses points and one that keeps "
                "them (the %d it inherits unchanged are the tests of %s)\n",
                st->covered, st->items, inherited, std->base_path);
    else
        fprintf(out, "coverage: %d of %d items have a case that loses points and one that keeps them\n", st->covered,
                st->items);
    if (missing) fprintf(out, "coverage: lacking: %s\n", lacking);
}
