/* template.c - blank unit data for evaluators to fill in (see template.h).
 * JSON: the unit with each fact at its default (null where the evaluator
 * must supply it) and a "guide" object that eval ignores. CSV: a form, one
 * row per fact (lists as name[1].field), which eval reads as well. */
#include "template.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"

/* The guide's words: English in JSON and CSV (files to edit by hand), in
 * the user's language in a workbook (tr). */
#define T(s) (tr ? _(s) : (s))

static const char *type_word(TypeKind t, bool tr) {
    switch (t) {
    case TY_INTEGER: return T(N_("integer"));
    case TY_DECIMAL: return T(N_("decimal"));
    case TY_PERCENT: return T(N_("percent (95 for 95%)"));
    case TY_BOOLEAN: return T(N_("boolean (true or false)"));
    case TY_DATE: return T(N_("date (YYYY-MM-DD)"));
    case TY_TEXT: return T(N_("text"));
    case TY_ENUM: return T(N_("one of"));
    case TY_LIST: return T(N_("list"));
    default: return "?";
    }
}

/* A value as data writes it: 96 for 96%, "2013-07-01", "AA". */
void template_value(const Fact *f, const Value *v, char *buf, size_t cap) {
    switch (f->type.kind) {
    case TY_PERCENT: {
        Dec p;
        if (dec_mul(v->u.num, dec_int(100), &p) != DEC_OK) p = v->u.num;
        dec_format(p, 9, buf, cap);
        return;
    }
    case TY_INTEGER:
    case TY_DECIMAL: dec_format(v->u.num, 9, buf, cap); return;
    case TY_BOOLEAN: snprintf(buf, cap, "%s", v->u.b ? "true" : "false"); return;
    case TY_DATE: {
        int y, m, d;
        dates_to_civil(v->u.date, &y, &m, &d);
        snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
        return;
    }
    case TY_TEXT: snprintf(buf, cap, "%s", v->u.text); return;
    case TY_LIST: snprintf(buf, cap, "[]"); return; /* default [] */
    case TY_ENUM: {
        const StrList *m = f->type.members;
        for (int i = 0; m && i < v->u.member; i++)
            m = m->next;
        snprintf(buf, cap, "%s", m ? m->s : "");
        return;
    }
    default: buf[0] = '\0';
    }
}

/* Appends to buf[*n..cap) what fits, keeping *n inside the buffer (a long
 * label or enum cuts the guide short, never overflows it). */
static void append(char *buf, size_t cap, size_t *n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t cap, size_t *n, const char *fmt, ...) {
    if (*n >= cap - 1) return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *n, cap - *n, fmt, ap);
    va_end(ap);
    if (k > 0) *n = *n + (size_t)k < cap ? *n + (size_t)k : cap - 1;
}

/* "label · type · from 0 to 50 · default 0" */
char *template_guide(const Fact *f, bool tr) {
    char buf[1024], lo[64] = "", hi[64] = "", def[128] = "";
    size_t n = 0;
    append(buf, sizeof buf, &n, "%s · %s", f->label ? f->label : f->name, type_word(f->type.kind, tr));
    bool list = f->type.kind == TY_LIST;
    if (list) {
        const Fact *it = f->type.fields;
        append(buf, sizeof buf, &n, f->type.of_values ? T(N_(" of values, each %s")) : T(N_(" of records")),
               type_word(it->type.kind, tr));
        if (f->type.of_values) f = it; /* the values' bounds */
    }
    if (f->type.kind == TY_ENUM)
        for (const StrList *m = f->type.members; m; m = m->next)
            append(buf, sizeof buf, &n, "%s\"%s\"", m == f->type.members ? " " : ", ", m->s);
    if (f->lo_value.present) template_value(f, &f->lo_value, lo, sizeof lo);
    if (f->hi_value.present) template_value(f, &f->hi_value, hi, sizeof hi);
    if (*lo && *hi)
        append(buf, sizeof buf, &n, T(N_(" · from %s to %s")), lo, hi);
    else if (*lo)
        append(buf, sizeof buf, &n, T(N_(" · at least %s")), lo);
    else if (*hi)
        append(buf, sizeof buf, &n, T(N_(" · at most %s")), hi);
    if (f->def_value.present) {
        template_value(f, &f->def_value, def, sizeof def);
        if (tr && f->type.kind == TY_BOOLEAN && strcmp(i18n_language(), "en")) /* as the workbook's drop-down */
            snprintf(def, sizeof def, "%s", f->def_value.u.b ? "是" : "否");
        append(buf, sizeof buf, &n, T(N_(" · default %s")), def);
    } else if (f->optional || f->given_read) {
        append(buf, sizeof buf, &n, "%s", T(N_(" · optional: leave the key out where there is none")));
    } else if (f->asked_by && !f->needed_by) {
        append(buf, sizeof buf, &n, "%s", T(N_(" · leave empty until the task is done")));
    } else if (!list) {
        append(buf, sizeof buf, &n, "%s", T(N_(" · required")));
    }
    char *s = malloc(strlen(buf) + 1);
    if (s) strcpy(s, buf);
    return s;
}

bool template_wanted(const Fact *f, int kind) {
    uint32_t by = f->needed_by | f->asked_by;
    return kind < 0 ? by != 0 : ((by >> kind) & 1u) != 0;
}

static cJSON *json_value(const Fact *f) {
    if (!f->def_value.present) return cJSON_CreateNull();
    char buf[128];
    template_value(f, &f->def_value, buf, sizeof buf);
    switch (f->type.kind) {
    case TY_INTEGER:
    case TY_DECIMAL:
    case TY_PERCENT: return cJSON_CreateRaw(buf);
    case TY_BOOLEAN: return cJSON_CreateBool(f->def_value.u.b);
    default: return cJSON_CreateString(buf);
    }
}

/* A list: one blank record (or value) to copy, its fields' guides under
 * path[].field (a list field nests: homestays[].ratings[]). */
static cJSON *json_list(const Fact *f, const char *path, cJSON *g) {
    cJSON *rows = cJSON_CreateArray();
    if (f->type.of_values) {
        cJSON_AddItemToArray(rows, json_value(f->type.fields));
        return rows;
    }
    cJSON *row = cJSON_CreateObject();
    for (const Fact *fl = f->type.fields; fl; fl = fl->next) {
        char key[600];
        snprintf(key, sizeof key, "%s[].%s", path, fact_key(fl));
        cJSON_AddItemToObject(row, fact_key(fl), fl->type.kind == TY_LIST ? json_list(fl, key, g) : json_value(fl));
        char *ft = template_guide(fl, false);
        if (ft) cJSON_AddStringToObject(g, key, ft);
        free(ft);
    }
    cJSON_AddItemToArray(rows, row);
    return rows;
}

void template_json(const Standard *std, int kind, FILE *out) {
    cJSON *u = cJSON_CreateObject();
    cJSON_AddStringToObject(u, "name", "");
    if (std->nkinds) {
        if (kind >= 0)
            cJSON_AddStringToObject(u, "kind", std->kind_tab[kind]->id);
        else
            cJSON_AddNullToObject(u, "kind");
    }
    cJSON_AddNumberToObject(u, "year", std->year_value);
    cJSON *facts = cJSON_AddObjectToObject(u, "facts");
    cJSON *g = cJSON_AddObjectToObject(u, "guide");
    cJSON_AddStringToObject(g, "name", "the unit's name");
    if (std->nkinds) {
        char kinds[512] = "";
        size_t w = 0;
        for (int k = 0; k < std->nkinds && w < sizeof kinds - 64; k++)
            w += (size_t)snprintf(kinds + w, sizeof kinds - w, "%s%s (%s)", k ? ", " : "one of ", std->kind_tab[k]->id,
                                  std->kind_tab[k]->label);
        cJSON_AddStringToObject(g, "kind", kinds);
    }
    for (int i = 0; i < std->nfacts; i++) {
        const Fact *f = std->fact_tab[i];
        if (!template_wanted(f, kind)) continue;
        char *text = template_guide(f, false);
        if (text) cJSON_AddStringToObject(g, fact_key(f), text);
        free(text);
        if (f->type.kind != TY_LIST) {
            cJSON_AddItemToObject(facts, fact_key(f), json_value(f));
            continue;
        }
        cJSON_AddItemToObject(facts, fact_key(f), json_list(f, fact_key(f), g));
    }
    char *text = cJSON_Print(u);
    if (text) fprintf(out, "%s\n", text);
    cJSON_free(text);
    cJSON_Delete(u);
}

/* ---- CSV form ---------------------------------------------------------------- */

static void csv_text(FILE *out, const char *s) {
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"') fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
}

static void csv_cell(FILE *out, const char *s, bool last) {
    csv_text(out, s);
    fputs(last ? "\r\n" : ",", out);
}

static void csv_row(FILE *out, const char *fact, const char *guide_text, const char *value) {
    csv_cell(out, fact, false);
    csv_cell(out, guide_text, false);
    csv_cell(out, value, true);
}

void template_csv(const Standard *std, int kind, FILE *out) {
    fputs("\xEF\xBB\xBF", out); /* so that Excel reads the Chinese as UTF-8 */
    csv_row(out, "fact", "guide", "value");
    csv_row(out, "name", "the unit's name", "");
    if (std->nkinds) csv_row(out, "kind", "the unit's kind", kind >= 0 ? std->kind_tab[kind]->id : "");
    char year[16];
    snprintf(year, sizeof year, "%d", std->year_value);
    csv_row(out, "year", "the standard's year", year);
    for (int i = 0; i < std->nfacts; i++) {
        const Fact *f = std->fact_tab[i];
        if (!template_wanted(f, kind)) continue;
        char value[128] = "";
        if (f->type.kind != TY_LIST) {
            char *g = template_guide(f, false);
            if (f->def_value.present) template_value(f, &f->def_value, value, sizeof value);
            csv_row(out, fact_key(f), g ? g : "", value);
            free(g);
            continue;
        }
        /* a list of values, or a list in each record, is given in JSON data only */
        for (const Fact *fl = f->type.of_values ? NULL : f->type.fields; fl; fl = fl->next) {
            if (fl->type.kind == TY_LIST) continue;
            char key[300];
            snprintf(key, sizeof key, "%s[1].%s", fact_key(f), fact_key(fl));
            char *g = template_guide(fl, false);
            value[0] = '\0';
            if (fl->def_value.present) template_value(fl, &fl->def_value, value, sizeof value);
            csv_row(out, key, g ? g : "", value);
            free(g);
        }
    }
}

/* ---- CSV of units: one row per unit ---------------------------------------------- */

void template_csv_rows(const Standard *std, int kind, FILE *out) {
    fputs("\xEF\xBB\xBF", out);
    fputs("name", out);
    if (std->nkinds) fputs(",kind", out);
    fputs(",year", out);
    for (int i = 0; i < std->nfacts; i++) {
        const Fact *f = std->fact_tab[i];
        if (!template_wanted(f, kind) || f->type.kind == TY_LIST) continue;
        fputc(',', out);
        csv_text(out, fact_key(f));
    }
    fputs("\r\n", out);
    /* a row to copy: the kind and the year filled in, and the defaults */
    if (std->nkinds) fprintf(out, ",%s", kind >= 0 ? std->kind_tab[kind]->id : "");
    fprintf(out, ",%d", std->year_value);
    for (int i = 0; i < std->nfacts; i++) {
        const Fact *f = std->fact_tab[i];
        if (!template_wanted(f, kind) || f->type.kind == TY_LIST) continue;
        char value[128] = "";
        if (f->def_value.present) template_value(f, &f->def_value, value, sizeof value);
        fputc(',', out);
        csv_text(out, value);
    }
    fputs("\r\n", out);
}
