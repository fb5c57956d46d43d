/* compare_files.c - kaoping compare's units (see compare_files.h): both
 * data files loaded against their standards, the new data read again as the
 * old year's (unit B), and each unit's three evaluations. */
#include "compare_files.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "i18n.h"

/* ---- the new data read as the old year's ------------------------------------- */

/* The units of a data file as cJSON (a CSV form becomes one unit). */
static cJSON *json_units(const Source *src) {
    if (!load_is_csv(src->path)) return load_json_tree(src); /* numbers keep their digits */
    DiagSink quiet;
    diag_init(&quiet);
    cJSON *u = load_csv_unit(src, &quiet);
    diag_free(&quiet);
    return u;
}

static const cJSON *unit_named(const cJSON *root, const char *name) {
    const cJSON *u = cJSON_IsArray(root) ? root->child : root;
    for (; u; u = cJSON_IsArray(root) ? u->next : NULL) {
        const cJSON *n = cJSON_IsObject(u) ? cJSON_GetObjectItemCaseSensitive(u, "name") : NULL;
        if (cJSON_IsString(n) && !strcmp(n->valuestring, name)) return u;
    }
    return NULL;
}

/* "2014-02-28" moved back by years; 29 February becomes the 28th. */
static cJSON *shift_date(const cJSON *v, int years) {
    if (!cJSON_IsString(v) || strlen(v->valuestring) != 10 || v->valuestring[4] != '-') return cJSON_Duplicate(v, 1);
    char buf[16];
    int y = atoi(v->valuestring) - years;
    int m = atoi(v->valuestring + 5), d = atoi(v->valuestring + 8);
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) d = 28;
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return cJSON_CreateString(buf);
}

/* A value of the new data as the old standard's fact f reads it. */
static cJSON *as_old(const Fact *f, const cJSON *v, int years) {
    if (f->type.kind == TY_DATE) return shift_date(v, years);
    if (f->type.kind != TY_LIST || !cJSON_IsArray(v)) return cJSON_Duplicate(v, 1);
    cJSON *rows = cJSON_CreateArray();
    for (const cJSON *r = v->child; r; r = r->next) {
        cJSON *row = cJSON_Duplicate(r, 1);
        for (const Fact *fl = f->type.fields; fl && cJSON_IsObject(row); fl = fl->next) {
            const cJSON *x = cJSON_GetObjectItemCaseSensitive(r, fact_key(fl));
            if (x && fl->type.kind == TY_DATE)
                cJSON_ReplaceItemInObjectCaseSensitive(row, fact_key(fl), shift_date(x, years));
        }
        cJSON_AddItemToArray(rows, row);
    }
    return rows;
}

/* The old standard's fact for a key of the new data (its `key`, else its name). */
static const Fact *old_fact(const Standard *old, const Standard *new_, const char *key) {
    const char *name = NULL;
    for (int i = 0; i < new_->nfacts && !name; i++) {
        const Fact *f = new_->fact_tab[i];
        if (!strcmp(fact_key(f), key)) name = f->renames ? f->renames : f->name;
    }
    return check_find_fact(old, name ? name : key);
}

/* Unit B's data: the old data's facts, overlaid by the new data's. */
static char *middle_json(const Standard *old, const Standard *new_, const cJSON *ou, const cJSON *nu, int years) {
    cJSON *u = cJSON_CreateObject();
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(nu, "name");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(nu, "kind");
    if (name) cJSON_AddItemToObject(u, "name", cJSON_Duplicate(name, 1));
    if (kind) cJSON_AddItemToObject(u, "kind", cJSON_Duplicate(kind, 1));
    cJSON_AddNumberToObject(u, "year", old->year_value);
    const cJSON *of = cJSON_GetObjectItemCaseSensitive(ou, "facts"),
                *nf = cJSON_GetObjectItemCaseSensitive(nu, "facts");
    cJSON *facts = cJSON_IsObject(of) ? cJSON_Duplicate(of, 1) : cJSON_CreateObject();
    for (const cJSON *k = cJSON_IsObject(nf) ? nf->child : NULL; k; k = k->next) {
        const Fact *f = old_fact(old, new_, k->string);
        if (!f || f->is_field) continue; /* not read by the old standard */
        const char *key = fact_key(f);
        cJSON_DeleteItemFromObjectCaseSensitive(facts, key);
        cJSON_AddItemToObject(facts, key, as_old(f, k, years));
    }
    cJSON_AddItemToObject(u, "facts", facts);
    char *text = cJSON_PrintUnformatted(u);
    cJSON_Delete(u);
    return text;
}

/* Loads unit B against the old standard; NULL with *why when it cannot be. */
static Unit *middle_unit(const Standard *old, const Standard *new_, const Source *new_src, const cJSON *ou,
                         const cJSON *nu, int years, Arena *arena, const char **why) {
    char *text = middle_json(old, new_, ou, nu, years);
    if (!text) {
        *why = _("out of memory");
        return NULL;
    }
    Source made = {.path = new_src->path, .text = text, .len = strlen(text), .made = true};
    DiagSink quiet;
    diag_init(&quiet);
    LoadedUnits lu;
    Unit *u = NULL;
    if (load_json(old, &made, &quiet, &lu) && lu.count == 1 && !lu.units[0]->invalid) {
        u = lu.units[0];
        lu.units[0] = NULL;
        u->src = new_src;
    } else {
        *why = quiet.head ? arena_strdup(arena, quiet.head->msg) : "the data cannot be read";
    }
    load_free(&lu);
    diag_free(&quiet);
    cJSON_free(text);
    return u;
}

/* ---- the files ---------------------------------------------------------------- */

Comparison **compare_files(const Standard *old, const Source *old_src, const Standard *new_, const Source *new_src,
                           const Diff *diff, DiagSink *diag, Arena *arena, LoadedUnits *old_units,
                           LoadedUnits *new_units, int *count, int *unmatched) {
    *count = *unmatched = 0;
    memset(old_units, 0, sizeof *old_units);
    memset(new_units, 0, sizeof *new_units);
    if (!load_file(old, old_src, diag, old_units) || !load_file(new_, new_src, diag, new_units)) return NULL;
    cJSON *oroot = json_units(old_src), *nroot = json_units(new_src);
    int n = new_units->count; /* units B are appended after these, to be freed with them */
    Comparison **out = arena_alloc(arena, sizeof *out * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        Unit *nu = new_units->units[i], *ou = NULL;
        for (int k = 0; k < old_units->count && !ou; k++)
            if (!strcmp(old_units->units[k]->name, nu->name)) ou = old_units->units[k];
        if (!ou) {
            diag_file(diag, DIAG_WARNING, "K0712", new_src, "unit \"%s\" is not in %s: nothing to compare it with",
                      nu->name, old_src->path);
            ++*unmatched;
            continue;
        }
        if (ou->invalid || nu->invalid) continue; /* reported by the loader */
        Comparison *c = arena_alloc(arena, sizeof *c);
        c->name = nu->name;
        c->old_unit = ou;
        c->new_unit = nu;
        c->years = new_->year_value - old->year_value;
        c->a = eval_unit(old, ou, ou->arena);
        c->c = eval_unit(new_, nu, nu->arena);
        const cJSON *oj = unit_named(oroot, ou->name), *nj = unit_named(nroot, nu->name);
        Unit *mid = oj && nj ? middle_unit(old, new_, new_src, oj, nj, c->years, arena, &c->b_error) : NULL;
        if (!oj || !nj) c->b_error = _("the data cannot be read again");
        if (mid) {
            /* unit B lives as long as the new units: kept in their list */
            Unit **more = realloc(new_units->units, sizeof *more * (size_t)(new_units->count + 1));
            if (more) {
                new_units->units = more;
                more[new_units->count++] = mid;
                c->b = eval_unit(old, mid, mid->arena);
            } else {
                unit_free(mid);
                c->b_error = _("out of memory");
            }
        }
        if (c->a->error || c->c->error || (c->b && c->b->error)) {
            diag_file(diag, DIAG_ERROR, "K0501", NULL, "unit \"%s\": cannot be scored: %s", nu->name,
                      c->a->error   ? c->a->error
                      : c->c->error ? c->c->error
                                    : c->b->error);
            continue;
        }
        compare_split(c, diff, arena);
        out[(*count)++] = c;
    }
    for (int k = 0; k < old_units->count; k++) {
        bool found = false;
        for (int i = 0; i < n && !found; i++)
            found = !strcmp(old_units->units[k]->name, new_units->units[i]->name);
        if (!found) {
            diag_file(diag, DIAG_WARNING, "K0712", old_src, "unit \"%s\" is not in %s: nothing to compare it with",
                      old_units->units[k]->name, new_src->path);
            ++*unmatched;
        }
    }
    cJSON_Delete(oroot);
    cJSON_Delete(nroot);
    return out;
}
