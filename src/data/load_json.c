/* load_json.c - unit data from JSON (see load.h). cJSON parses the file and
 * load_jsontext.c reads it again beside the tree, so numbers are parsed
 * exactly from the digits written, never through a double. */
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "dates.h"
#include "i18n.h"
#include "limits.h"
#include "load.h"
#include "load_jsontext.h"
#include "width.h"

typedef struct LoadCtx {
    const Standard *std;
    const Source *src;
    DiagSink *diag;
    Unit *unit;
    uint32_t at;              /* where the current unit starts, for finding keys */
    uint32_t from;            /* where to look for keys, when not at: a record's '{' */
    const Span *here;         /* where the next message goes, when known */
    const LoadLocate *locate; /* or NULL: keys are found in src's JSON text */
    bool failed;
    const char *value_key;   /* a list's value being read: the key its messages point at, */
    const cJSON *value_list; /* ... unless the value itself is found: the index-th of this list */
    int value_index;
} LoadCtx;

void unit_free(Unit *u) {
    if (u) arena_free(u->arena);
}

void load_free(LoadedUnits *l) {
    for (int i = 0; i < l->count; i++)
        unit_free(l->units[i]);
    free(l->units);
    l->units = NULL;
    l->count = 0;
}

/* ---- positions: cJSON keeps none; load_jsontext.c finds them in the text ---- */

/* Where key is written in the current unit's text. */
static bool locate_key(LoadCtx *c, const char *key, Span *sp) {
    if (c->locate) return c->locate->find(c->locate->ctx, key, sp);
    return jtext_find_key(c->src, c->from ? c->from : c->at, key, 1, sp);
}

/* The second `"key":` written in the object j (of the current unit). */
static bool locate_twice(LoadCtx *c, const cJSON *j, const char *key, Span *sp) {
    uint32_t off;
    if (c->locate) return c->locate->find(c->locate->ctx, key, sp);
    if (!jtext_offset(j, &off)) off = c->at;
    return !c->src->made && jtext_find_key(c->src, off, key, 2, sp);
}

/* Where a message about key goes: c->here when set (once), else the key's
 * text in the unit (in the record being read, when c->from), else that
 * record or the unit itself. */
static bool message_span(LoadCtx *c, DiagLevel lv, const char *key, Span *sp) {
    if (c->here) {
        *sp = *c->here;
        c->here = NULL;
        return true;
    }
    /* positions cost a scan of the file: none once the messages are cut off */
    if (diag_full(c->diag, lv)) return false;
    if (key && c->value_list && !c->locate && jtext_element_span(c->src, c->value_list, c->value_index, sp))
        return true;                             /* a list's value: where it is written */
    if (key && c->value_key) key = c->value_key; /* else its list's key */
    if (c->locate) return c->locate->find(c->locate->ctx, key ? key : "name", sp);
    if (key && locate_key(c, key, sp)) return true;
    uint32_t at = c->from ? c->from : c->at;
    if (c->src->made || at >= c->src->len) return false;
    *sp = (Span){at, at + 1}; /* the first character of the record or unit */
    return true;
}

static void unit_report(LoadCtx *c, DiagLevel lv, const char *key, const char *fmt, va_list ap) {
    char msg[700];
    vsnprintf(msg, sizeof msg, _(fmt), ap);
    const char *name = c->unit && c->unit->name ? c->unit->name : "?";
    const char *code = lv == DIAG_ERROR ? "K0401" : "K0402";
    Span sp;
    if (message_span(c, lv, key, &sp))
        diag_at(c->diag, lv, code, c->src, sp, "unit \"%s\": %s", name, msg);
    else
        diag_file(c->diag, lv, code, c->src, "unit \"%s\": %s", name, msg);
    if (lv == DIAG_ERROR) c->failed = true;
}

static void unit_error(LoadCtx *c, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void unit_error(LoadCtx *c, const char *key, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    unit_report(c, DIAG_ERROR, key, fmt, ap);
    va_end(ap);
}

static void unit_warning(LoadCtx *c, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void unit_warning(LoadCtx *c, const char *key, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    unit_report(c, DIAG_WARNING, key, fmt, ap);
    va_end(ap);
}

/* An error at the second time key is written in the object j. */
static void twice_error(LoadCtx *c, const cJSON *j, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void twice_error(LoadCtx *c, const cJSON *j, const char *key, const char *fmt, ...) {
    Span sp;
    if (!diag_full(c->diag, DIAG_ERROR) && locate_twice(c, j, key, &sp)) c->here = &sp;
    va_list ap;
    va_start(ap, fmt);
    unit_report(c, DIAG_ERROR, key, fmt, ap);
    va_end(ap);
    c->here = NULL;
}

/* ---- one value ---------------------------------------------------------- */

static const char *show_json(LoadCtx *c, const cJSON *j) {
    char *s = cJSON_PrintUnformatted(j);
    if (!s) return "?";
    const char *out = strlen(s) > 40 ? arena_printf(c->unit->arena, "%.40s...", s) : arena_strdup(c->unit->arena, s);
    cJSON_free(s);
    return out;
}

/* why a number cannot be read exactly: the limit of Dec (int64 / int64) */
static const char *const exact_limit = N_(
    "cannot be kept exactly: at most 18 significant digits and 18 decimals (whole numbers up to 9223372036854775807)");

/* A JSON number or a numeric string as an exact decimal: read from the
 * digits written (jtext_digits), never through a double. */
static bool json_number(const cJSON *j, bool percent, Dec *out, const char **why) {
    const char *digits = jtext_digits(j);
    if (digits || cJSON_IsString(j)) {
        const char *text = digits ? digits : j->valuestring;
        size_t len = strlen(text);
        bool has_pct = !digits && len > 0 && text[len - 1] == '%';
        DecStatus st = dec_parse(text, len, out);
        if (st == DEC_OVERFLOW) return *why = _(exact_limit), false;
        if (st != DEC_OK) return *why = NULL, false;
        /* a percentage given as a number counts percentage points: 91.5 is 91.5% */
        if (percent && !has_pct && dec_div(*out, dec_int(100), out) != DEC_OK) return *why = _(exact_limit), false;
        return true;
    }
    if (!cJSON_IsNumber(j)) return *why = NULL, false;
    /* without digits kept: a whole number of at most 15 digits (the text
     * scan keeps the digits of every other number), held exactly */
    double d = j->valuedouble;
    if (!(d > -1e15 && d < 1e15 && d == (double)(long long)d))
        return *why = _("has more than 15 significant digits: write it as a string (\"...\") to keep it exact"), false;
    *out = dec_int((int64_t)d);
    if (percent && dec_div(*out, dec_int(100), out) != DEC_OK) return *why = _(exact_limit), false;
    return true;
}

static bool json_bool(const cJSON *j, bool *b) {
    if (cJSON_IsBool(j)) return *b = cJSON_IsTrue(j), true;
    if (!cJSON_IsString(j)) return false;
    static const char *yes[] = {"是", "yes", "true", "有"}, *no[] = {"否", "no", "false", "無", "无"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!strcmp(j->valuestring, yes[i])) return *b = true, true;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (!strcmp(j->valuestring, no[i])) return *b = false, true;
    return false;
}

static const char *expected_text(const Fact *f) {
    switch (f->type.kind) {
    case TY_INTEGER: return _("a whole number");
    case TY_DECIMAL: return _("a number");
    case TY_PERCENT: return _("a percentage (91.5 or \"91.5%\")");
    case TY_BOOLEAN: return _("true or false");
    case TY_DATE: return _("a real date \"YYYY-MM-DD\" (1900 to 9999)");
    case TY_TEXT: return _("text in quotes");
    case TY_ENUM: return _("one of its values");
    case TY_LIST: return _("a list [ {...}, ... ]");
    default: return _("a value");
    }
}

static void fmt_bound(const Fact *f, const Value *v, char *buf, size_t cap) {
    if (f->type.kind == TY_DATE) {
        int y, m, d;
        dates_to_civil(v->u.date, &y, &m, &d);
        snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
    } else if (f->type.kind == TY_PERCENT) {
        Dec p;
        if (dec_mul(v->u.num, dec_int(100), &p) != DEC_OK) p = v->u.num;
        size_t n = dec_format(p, 6, buf, cap);
        if (n + 1 < cap) buf[n] = '%', buf[n + 1] = '\0';
    } else {
        dec_format(v->u.num, 6, buf, cap);
    }
}

static int value_cmp(const Fact *f, const Value *a, const Value *b) {
    if (f->type.kind == TY_DATE) return (a->u.date > b->u.date) - (a->u.date < b->u.date);
    return dec_cmp(a->u.num, b->u.num);
}

/* What a message about a value calls it: "fact 'x'", "value 'list[2]'",
 * "list[2]: field 'y'". Written out only when a message needs it: a list of
 * many records does not build a label for each. */
typedef struct Where {
    const char *what; /* "fact", "value" (translated); NULL: a record's field */
    const char *list; /* the list's path, for a record's field or a list's value */
    int row;          /* 1-based */
} Where;

static const char *where_text(LoadCtx *c, const Where *w) {
    if (w->what) return w->what;
    char *b = arena_alloc(c->unit->arena, 300);
    snprintf(b, 300, "%s[%d]: field", w->list, w->row);
    return b;
}

/* The name a message gives the value: the fact's (or field's) key, or for a
 * list's value its place, like ratings[3]. */
static const char *where_name(LoadCtx *c, const Fact *f, const Where *w) {
    return w->what && w->list ? arena_printf(c->unit->arena, "%s[%d]", w->list, w->row) : fact_key(f);
}

static bool convert(LoadCtx *c, const Fact *f, const cJSON *j, Value *out, const Where *w) {
    out->type = f->type.kind;
    out->present = true;
    const char *why = NULL;
    bool ok = false;
    switch (f->type.kind) {
    case TY_INTEGER:
    case TY_DECIMAL:
    case TY_PERCENT:
        ok = json_number(j, f->type.kind == TY_PERCENT, &out->u.num, &why);
        if (ok && f->type.kind == TY_INTEGER && !dec_is_int(out->u.num)) ok = false, why = NULL;
        /* 0.95 for 95% is a common slip: a rate is written in percentage points */
        if (ok && f->type.kind == TY_PERCENT && jtext_is_number(j) && dec_sign(out->u.num) > 0 &&
            dec_cmp(out->u.num, (Dec){1, 100}) < 0)
            unit_warning(c, fact_key(f), "%s '%s' (%s) is read as %s%%: a percentage is written in points, 95 for 95%%",
                         where_text(c, w), where_name(c, f, w), check_fact_label(f), show_json(c, j));
        break;
    case TY_BOOLEAN: ok = json_bool(j, &out->u.b); break;
    case TY_DATE: ok = cJSON_IsString(j) && dates_parse(j->valuestring, strlen(j->valuestring), &out->u.date); break;
    case TY_TEXT:
        ok = cJSON_IsString(j) && strlen(j->valuestring) <= KP_MAX_STRING;
        if (cJSON_IsString(j) && !ok) why = _("is longer than 16384 bytes");
        if (ok) out->u.text = arena_strdup(c->unit->arena, j->valuestring);
        break;
    case TY_ENUM:
        ok = cJSON_IsString(j) && (out->u.member = check_enum_member(f, j->valuestring)) >= 0;
        if (cJSON_IsString(j) && !ok) {
            char vals[300] = "";
            size_t at = 0;
            for (const StrList *m = f->type.members; m && at < sizeof vals - 40; m = m->next)
                at += (size_t)snprintf(vals + at, sizeof vals - at, "%s\"%s\"", at ? ", " : "", m->s);
            unit_error(c, fact_key(f), "%s '%s' (%s) is \"%s\", not one of %s", where_text(c, w), where_name(c, f, w),
                       check_fact_label(f), j->valuestring, vals);
            return false;
        }
        break;
    default: break;
    }
    if (!ok) {
        unit_error(c, fact_key(f), "%s '%s' (%s) %s", where_text(c, w), where_name(c, f, w), check_fact_label(f),
                   why ? why
                       : arena_printf(c->unit->arena, _("must be %s, found %s"), expected_text(f), show_json(c, j)));
        return false;
    }
    char b[64], v[64];
    if (f->lo_value.present && value_cmp(f, out, &f->lo_value) < 0) {
        fmt_bound(f, out, v, sizeof v), fmt_bound(f, &f->lo_value, b, sizeof b);
        unit_error(c, fact_key(f), "%s '%s' (%s) is %s, below its lowest allowed value %s", where_text(c, w),
                   where_name(c, f, w), check_fact_label(f), v, b);
        return false;
    }
    if (f->hi_value.present && value_cmp(f, out, &f->hi_value) > 0) {
        fmt_bound(f, out, v, sizeof v), fmt_bound(f, &f->hi_value, b, sizeof b);
        unit_error(c, fact_key(f), "%s '%s' (%s) is %s, above its highest allowed value %s", where_text(c, w),
                   where_name(c, f, w), check_fact_label(f), v, b);
        return false;
    }
    return true;
}

static bool needed(LoadCtx *c, const Fact *f) {
    return load_fact_needed(f, c->unit->kind);
}

/* A list: records (a field may itself be a list) or, for a list of values,
 * the values. key: the unit's fact it is in (for the caret); name: its path,
 * like homestays[2].ratings. */
static void convert_list(LoadCtx *c, const Fact *f, const char *key, const char *name, const cJSON *j, Value *out) {
    out->type = TY_LIST;
    out->present = true;
    bool values = f->type.of_values;
    if (!cJSON_IsArray(j)) {
        unit_error(c, key,
                   values ? N_("fact '%s' (%s) must be a list of values [ ..., ... ], found %s")
                          : N_("fact '%s' (%s) must be a list [ {...}, ... ], found %s"),
                   name, check_fact_label(f), show_json(c, j));
        return;
    }
    int nf = 0;
    for (const Fact *fl = f->type.fields; fl; fl = fl->next)
        nf++;
    int rows = cJSON_GetArraySize(j);
    if (rows > KP_MAX_RECORDS) {
        unit_error(c, key, "fact '%s' (%s) has %d records: at most %d", name, check_fact_label(f), rows,
                   KP_MAX_RECORDS);
        return;
    }
    out->u.list.rows = rows;
    out->u.list.fields = nf;
    out->u.list.cells = arena_alloc(c->unit->arena, sizeof(Value) * (size_t)(rows * nf + 1));
    int r = 0;
    uint32_t from = c->from; /* a list inside a record: the outer record's, restored at the end */
    bool *seen = arena_alloc(c->unit->arena, (size_t)nf + 1);
    for (const cJSON *row = j->child; row; row = row->next, r++) {
        if (values) { /* named by its place in messages */
            Where w = {_("value"), name, r + 1};
            c->value_key = key;
            c->value_list = j, c->value_index = r;
            if (cJSON_IsNull(row))
                unit_error(c, key, "%s '%s' (%s) is missing", _("value"), where_name(c, f->type.fields, &w),
                           check_fact_label(f->type.fields));
            else
                convert(c, f->type.fields, row, &out->u.list.cells[r], &w);
            c->value_key = NULL;
            c->value_list = NULL;
            continue;
        }
        if (!jtext_offset(row, &c->from)) c->from = 0; /* messages point into the record */
        Where w = {NULL, name, r + 1};
        if (!cJSON_IsObject(row)) {
            unit_error(c, key, "%s[%d] must be a record { ... }, found %s", name, r + 1, show_json(c, row));
            continue;
        }
        for (const Fact *fl = f->type.fields; fl; fl = fl->next) {
            Value *cell = &out->u.list.cells[r * nf + fl->slot];
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, fact_key(fl));
            if (cJSON_IsNull(v)) {
                unit_error(c, fact_key(fl), "%s '%s' (%s) is null: write its value%s", where_text(c, &w), fact_key(fl),
                           check_fact_label(fl),
                           fl->def_value.present ? _(", or leave the key out for its default") : "");
                continue;
            }
            if (fl->type.kind == TY_LIST && v) { /* a list in each record */
                convert_list(c, fl, key, arena_printf(c->unit->arena, "%s[%d].%s", name, r + 1, fact_key(fl)), v, cell);
                continue;
            }
            if (!v) {
                if (fl->def_value.present)
                    *cell = fl->def_value;
                else if (fl->optional) /* absent in this record: given() is false, a rule reading it does not fire */
                    cell->type = fl->type.kind;
                else
                    unit_error(c, key, "%s '%s' (%s) is missing", where_text(c, &w), fact_key(fl),
                               check_fact_label(fl));
                continue;
            }
            convert(c, fl, v, cell, &w);
        }
        memset(seen, 0, (size_t)nf);
        for (const cJSON *k = row->child; k; k = k->next) {
            bool known = false;
            for (const Fact *fl = f->type.fields; fl && !known; fl = fl->next) {
                if (!(known = !strcmp(fact_key(fl), k->string))) continue;
                if (seen[fl->slot])
                    twice_error(c, row, k->string, "%s[%d]: field '%s' is given twice", name, r + 1, k->string);
                seen[fl->slot] = true;
            }
            if (!known)
                unit_warning(c, k->string, "%s[%d] has a field '%s' that the standard does not declare; it is ignored",
                             name, r + 1, k->string);
        }
    }
    c->from = from;
}

/* ---- one unit ------------------------------------------------------------ */

/* The fact the data's key names: its `key`, or its name when it has none, or
 * the name another year gave it. Data usually lists facts in the
 * standard's order, with the facts it leaves out missing: try the next few
 * from guess before searching. */
static const Fact *data_fact(const Standard *s, const char *key, int guess) {
    for (int g = guess; g < guess + 4 && g < s->nfacts; g++)
        if (!strcmp(fact_key(s->fact_tab[g]), key)) return s->fact_tab[g];
    const Fact *f = check_find_fact(s, key);
    if (f && !f->key) return f;
    for (int i = 0; i < s->nfacts; i++)
        if (s->fact_tab[i]->key && !strcmp(s->fact_tab[i]->key, key)) return s->fact_tab[i];
    for (int i = 0; i < s->nfacts; i++) /* another year's name of a renamed fact */
        if (s->fact_tab[i]->alias && !strcmp(s->fact_tab[i]->alias, key)) return s->fact_tab[i];
    return NULL;
}

/* A default the standard could declare for f, as written there. */
static const char *default_example(const Fact *f) {
    switch (f->type.kind) {
    case TY_PERCENT: return "default 0%";
    case TY_BOOLEAN: return "default false";
    case TY_DATE: return NULL; /* no day stands for "not given" */
    case TY_TEXT: return "default \"\"";
    case TY_ENUM: return NULL; /* no member stands for "not given" */
    case TY_LIST: return "default []";
    default: return "default 0";
    }
}

static void missing_error(LoadCtx *c, const Fact *f) {
    const char *def = default_example(f);
    if (def)
        unit_error(
            c, "facts",
            "fact '%s' (%s) is missing and has no default: write it in the data, or declare `%s` in the standard",
            fact_key(f), check_fact_label(f), def);
    else
        unit_error(c, "facts", "fact '%s' (%s) is missing and has no default: write it in the data", fact_key(f),
                   check_fact_label(f));
}

static Unit *load_unit(LoadCtx *c, const cJSON *j, int index) {
    Unit *u;
    Arena *a = arena_new();
    u = arena_alloc(a, sizeof *u);
    u->arena = a;
    u->src = c->src;
    u->std = c->std;
    u->at = c->at;
    c->unit = u;
    c->failed = false;
    const Standard *s = c->std;
    if (!cJSON_IsObject(j)) {
        u->name = arena_printf(a, "#%d", index + 1);
        unit_error(c, NULL, "a unit must be an object { \"name\": ..., \"kind\": ..., \"facts\": {...} }");
        goto fail;
    }
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(j, "name");
    bool named = cJSON_IsString(name) && name->valuestring[0] && strlen(name->valuestring) <= KP_MAX_NAME;
    u->name = named ? arena_strdup(a, name->valuestring) : arena_printf(a, "#%d", index + 1);
    if (!named && name && !cJSON_IsString(name))
        unit_error(c, "name", "the unit's \"name\" must be text in quotes, found %s: write \"name\": \"東村\"",
                   show_json(c, name));
    else if (!named)
        unit_error(c, name ? "name" : NULL, /* absent: at the unit that lacks it */
                   name && name->valuestring[0] ? N_("the unit's name is longer than 256 bytes")
                                                : N_("the unit has no \"name\": write the unit's name, e.g. \"東村\""));
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(j, "kind");
    bool kind_known = true; /* without it, which facts are needed is unknown */
    if (s->nkinds > 0) {
        if (!cJSON_IsString(kind)) {
            unit_error(c, kind ? "kind" : NULL, "the unit has no \"kind\": one of %s%s", s->kind_tab[0]->id,
                       s->nkinds > 1 ? ", ..." : "");
            kind_known = false;
        } else if ((u->kind = check_find_kind(s, kind->valuestring)) < 0) {
            char kinds[300] = "";
            size_t w = 0;
            for (int k = 0; k < s->nkinds && w < sizeof kinds - 40; k++)
                w += (size_t)snprintf(kinds + w, sizeof kinds - w, "%s%s (%s)", k ? ", " : "", s->kind_tab[k]->id,
                                      s->kind_tab[k]->label);
            unit_error(c, "kind", "unknown kind \"%s\": the standard's kinds are %s", kind->valuestring, kinds);
            u->kind = 0;
            kind_known = false;
        }
    }
    u->kind_name = s->nkinds > 0          ? s->kind_tab[u->kind]->id
                   : cJSON_IsString(kind) ? arena_strdup(a, kind->valuestring)
                                          : "";
    const cJSON *year = cJSON_GetObjectItemCaseSensitive(j, "year");
    if (year) {
        if (!jtext_is_number(year) ||
            year->valueint != (int)(year->valuedouble == year->valueint ? year->valueint : -1))
            unit_error(c, "year", "\"year\" must be a year like %d", s->year_value);
        else if (year->valueint != s->year_value)
            unit_error(c, "year", "the data is for %d, but the standard is for %d", year->valueint, s->year_value);
        else
            u->year = year->valueint;
    }
    static const char *const unit_keys[] = {"name", "kind", "year", "facts", "guide"};
    int times[5] = {0};
    for (const cJSON *k = j->child; k; k = k->next) {
        size_t w = 0;
        while (w < 5 && strcmp(k->string, unit_keys[w]))
            w++;
        if (w == 5)
            unit_warning(c, k->string, "unknown key \"%s\" is ignored (a unit has name, kind, year and facts)",
                         k->string);
        else if (++times[w] == 2)
            twice_error(c, j, k->string, "\"%s\" is given twice in the unit", k->string);
    }
    const cJSON *facts = cJSON_GetObjectItemCaseSensitive(j, "facts");
    bool facts_bad = facts && !cJSON_IsObject(facts); /* one error, not one per fact */
    if (facts_bad) {
        unit_error(c, "facts", "\"facts\" must be an object { \"fact\": value, ... }, found %s", show_json(c, facts));
        facts = NULL;
    }
    u->facts = arena_alloc(a, sizeof(Value) * (size_t)(s->nfacts + 1));
    /* each fact's value, by slot, in one pass (the first of a key given twice) */
    const cJSON **given = arena_alloc(a, sizeof(cJSON *) * (size_t)(s->nfacts + 1));
    int nkeys = facts ? cJSON_GetArraySize(facts) : 0, guess = 0, n = 0;
    const Fact **key_fact = arena_alloc(a, sizeof(Fact *) * (size_t)(nkeys + 1));
    for (const cJSON *k = facts ? facts->child : NULL; k && n < nkeys; k = k->next, n++) {
        const Fact *f = data_fact(s, k->string, guess);
        if (f) guess = f->slot + 1;
        key_fact[n] = f;
        if (f && !given[f->slot]) given[f->slot] = k;
    }
    int lacking = 0;
    char lacked[200] = "";
    for (int i = 0; i < s->nfacts; i++) {
        const Fact *f = s->fact_tab[i];
        const cJSON *v = given[i];
        Value *out = &u->facts[i];
        out->type = f->type.kind;
        if (v && cJSON_IsNull(v)) {
            /* absent is "left out"; null is data that says nothing */
            unit_error(c, fact_key(f),
                       f->def_value.present
                           ? N_("fact '%s' (%s) is null: write its value, or leave the key out for its default")
                           : N_("fact '%s' (%s) is null: write its value (null is no value)"),
                       fact_key(f), check_fact_label(f));
            continue;
        }
        if (!v) {
            if (f->def_value.present)
                *out = f->def_value;
            else if (facts_bad)
                ; /* already reported */
            else if (kind_known && needed(c, f) && !facts) {
                size_t w = strlen(lacked);
                if (lacking++ < 3 && w < sizeof lacked - 60)
                    snprintf(lacked + w, sizeof lacked - w, "%s%s", w ? ", " : "", fact_key(f));
            } else if (kind_known && needed(c, f)) {
                missing_error(c, f);
            }
            continue;
        }
        if (f->type.kind == TY_LIST)
            convert_list(c, f, fact_key(f), fact_key(f), v, out);
        else
            convert(c, f, v, out, &(Where){_("fact"), NULL, 0});
    }
    if (lacking)
        unit_error(c, NULL, "the unit has no \"facts\": %d facts it needs have no default (%s%s)", lacking, lacked,
                   lacking > 3 ? ", ..." : "");
    if (facts) {
        bool *seen = arena_alloc(a, (size_t)s->nfacts + 1);
        n = 0;
        for (const cJSON *k = facts->child; k && n < nkeys; k = k->next) {
            const Fact *f = key_fact[n++];
            const Fact *by_name = f ? NULL : check_find_fact(s, k->string);
            if (by_name && by_name->key) {
                unit_warning(c, k->string, "fact '%s' is given in the data by the key \"%s\"; '%s' is ignored",
                             by_name->name, by_name->key, k->string);
                continue;
            }
            if (!f) {
                unit_warning(c, k->string, "fact '%s' is not declared by the standard; it is ignored", k->string);
                continue;
            }
            if (seen[f->slot]) twice_error(c, facts, k->string, "fact '%s' is given twice", k->string);
            seen[f->slot] = true;
        }
    }
fail:
    u->invalid = c->failed;
    return u;
}

static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;

cJSON *load_json_parse(const Source *src, DiagSink *diag, bool line) {
    return load_json_parse_range(src, 0, (uint32_t)src->len, diag, line);
}

cJSON *load_json_parse_range(const Source *src, uint32_t from, uint32_t to, DiagSink *diag, bool line) {
    /* a byte-order mark (Notepad's UTF-8) before the file's JSON is not part of it */
    if (from == 0 && to >= 3 && !memcmp(src->text, "\xEF\xBB\xBF", 3)) from = 3;
    if (!utf8_valid(src->text + from, to - from, NULL) &&
        !source_utf8(src, diag, "K0408", "save the data as UTF-8 (in Excel: Save As, CSV UTF-8)"))
        return NULL;
    const char *end = NULL;
    /* cJSON 1.7.15 writes its global error pointer on every parse (reset at
     * the start, set on failure) and the batch parses on several threads:
     * one parse at a time (libcjson is not built for ThreadSanitizer, which
     * cannot see that race; make tsan checks the rest) */
    pthread_mutex_lock(&parse_lock);
    cJSON *root = cJSON_ParseWithLengthOpts(src->text + from, to - from, &end, false);
    pthread_mutex_unlock(&parse_lock);
    /* strict JSON, numbers kept as written, or the plain reason it is not */
    if (!jtext_scan_range(src, from, to, root, diag, line)) {
        cJSON_Delete(root);
        return NULL;
    }
    if (!root) /* strict JSON that cJSON still could not hold */
        diag_file(diag, DIAG_ERROR, "K0404", src, "out of memory");
    return root;
}

cJSON *load_json_tree(const Source *src) {
    DiagSink quiet;
    diag_init(&quiet);
    cJSON *root = load_json_parse(src, &quiet, false);
    diag_free(&quiet);
    return root;
}

uint32_t *load_json_offsets(const Source *src, int *n) {
    return jtext_element_offsets(src, n);
}

Unit *load_unit_named(const Source *src, uint32_t at, const cJSON *j, int index) {
    Arena *a = arena_new();
    Unit *u = arena_alloc(a, sizeof *u);
    u->arena = a;
    u->src = src;
    u->at = at;
    const cJSON *name = cJSON_IsObject(j) ? cJSON_GetObjectItemCaseSensitive(j, "name") : NULL;
    u->name = cJSON_IsString(name) && name->valuestring[0] && strlen(name->valuestring) <= KP_MAX_NAME
                  ? arena_strdup(a, name->valuestring)
                  : arena_printf(a, "#%d", index + 1);
    u->kind_name = "";
    u->invalid = true;
    return u;
}

Unit *load_unit_json(const Standard *std, const Source *src, uint32_t at, const cJSON *j, int index, DiagSink *diag,
                     const LoadLocate *locate) {
    LoadCtx c = {.std = std, .src = src, .diag = diag, .at = at, .locate = locate};
    return load_unit(&c, j, index);
}

bool load_json(const Standard *std, const Source *src, DiagSink *diag, LoadedUnits *out) {
    memset(out, 0, sizeof *out);
    cJSON *root = load_json_parse(src, diag, false);
    if (!root) return false;
    LoadCtx c = {.std = std, .src = src, .diag = diag};
    int noffs = 0;
    uint32_t *offs = jtext_element_offsets(src, &noffs);
    int n = cJSON_IsArray(root) ? cJSON_GetArraySize(root) : 1;
    if (n == 0) diag_file(diag, DIAG_WARNING, "K0405", src, "the file holds no unit: the list [ ] is empty");
    out->units = calloc((size_t)(n ? n : 1), sizeof(Unit *));
    if (!out->units || !offs) {
        free(offs);
        free(out->units);
        cJSON_Delete(root);
        diag_file(diag, DIAG_ERROR, "K0404", src, "out of memory");
        return false;
    }
    int i = 0;
    const cJSON *u = cJSON_IsArray(root) ? root->child : root;
    for (; u && i < n; u = cJSON_IsArray(root) ? u->next : NULL, i++) {
        c.at = i < noffs ? offs[i] : 0;
        out->units[i] = load_unit(&c, u, i);
    }
    out->count = i;
    free(offs);
    cJSON_Delete(root);
    return true;
}

bool load_file(const Standard *std, const Source *src, DiagSink *diag, LoadedUnits *out) {
    if (load_is_csv(src->path)) return load_csv(std, src, diag, out);
    return load_json(std, src, diag, out);
}

/* A CSV form read as JSON (load_csv_unit), then loaded as JSON. */
bool load_csv(const Standard *std, const Source *src, DiagSink *diag, LoadedUnits *out) {
    memset(out, 0, sizeof *out);
    cJSON *unit = load_csv_unit(src, diag);
    if (!unit) return false;
    char *text = cJSON_PrintUnformatted(unit);
    cJSON_Delete(unit);
    Source made = {.path = src->path, .text = text, .len = text ? strlen(text) : 0, .made = true};
    bool ok = text && load_json(std, &made, diag, out);
    for (int i = 0; i < out->count; i++)
        if (out->units[i]) out->units[i]->src = src;
    cJSON_free(text);
    return ok;
}

bool load_is_csv(const char *path) {
    size_t n = strlen(path);
    return n > 4 && !strcasecmp(path + n - 4, ".csv");
}
