/* load_csv.c - a unit's data from a CSV form (what 'kaoping template
 * --format csv' writes and an evaluator fills in, in Excel or by hand): a
 * header row naming the columns "fact" and "value", then one row per fact;
 * name, kind and year are rows too, and a list's fields are written
 * name[1].field, name[2].field... The form becomes a JSON unit read by
 * load_json, so both formats are validated alike. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "limits.h"
#include "load.h"
#include "width.h"

typedef struct Cells {
    char **cell;
    int n, cap;
} Cells;

static void push_cell(Cells *c, const char *s, size_t n) {
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        char **more = realloc(c->cell, sizeof *more * (size_t)c->cap);
        if (!more) arena_out_of_memory();
        c->cell = more;
    }
    char *v = malloc(n + 1);
    if (!v) arena_out_of_memory();
    memcpy(v, s, n);
    v[n] = '\0';
    c->cell[c->n++] = v;
}

static void free_cells(Cells *c) {
    for (int i = 0; i < c->n; i++)
        free(c->cell[i]);
    free(c->cell);
    memset(c, 0, sizeof *c);
}

/* Reads one CSV record from *p into row (csv.h). */
static bool read_row(const char **p, const char *end, Cells *row) {
    int n;
    CsvCell *cells = csv_record(p, end, &n, NULL);
    if (!cells) return false;
    for (int i = 0; i < n; i++)
        push_cell(row, cells[i].text, strlen(cells[i].text));
    csv_free(cells, n);
    return true;
}

static int column(const Cells *header, const char *name) {
    for (int i = 0; i < header->n; i++)
        if (!strcmp(header->cell[i], name)) return i;
    return -1;
}

/* name[3].field -> list "name", row 3 (1-based), field "field" */
static bool list_key(const char *key, char *list, size_t cap, int *row, const char **field) {
    const char *open = strchr(key, '['), *close = open ? strchr(open, ']') : NULL;
    if (!open || !close || close[1] != '.' || (size_t)(open - key) >= cap) return false;
    memcpy(list, key, (size_t)(open - key));
    list[open - key] = '\0';
    char *stop;
    long n = strtol(open + 1, &stop, 10);
    if (stop != close || n < 1) return false;
    *row = n > KP_MAX_RECORDS ? KP_MAX_RECORDS + 1 : (int)n; /* one past the limit: reported as such */
    *field = close + 2;
    return true;
}

cJSON *load_csv_unit(const Source *src, DiagSink *diag) {
    const char *p = src->text, *end = src->text + src->len;
    if (!source_utf8(src, diag, "K0408", "save the form as UTF-8 (in Excel: Save As, CSV UTF-8)")) return NULL;
    if (src->len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
    Cells header = {0};
    if (!read_row(&p, end, &header) || column(&header, "fact") < 0 || column(&header, "value") < 0) {
        diag_file(diag, DIAG_ERROR, "K0406", src,
                  "a CSV form starts with a header row naming the columns fact and value "
                  "(kaoping template --format csv writes one)");
        free_cells(&header);
        return NULL;
    }
    int kf = column(&header, "fact"), kv = column(&header, "value");
    cJSON *unit = cJSON_CreateObject(), *facts = cJSON_AddObjectToObject(unit, "facts");
    bool failed = false;
    cJSON *last_arr = NULL, *last_rec = NULL;
    int last_size = 0, last_idx = 0;
    char last_list[256] = "";
    Cells row = {0};
    while (read_row(&p, end, &row)) {
        const char *key = kf < row.n ? row.cell[kf] : "";
        const char *val = kv < row.n ? row.cell[kv] : "";
        char list[256];
        int idx;
        const char *field;
        if (!*key || !*val) {
            /* an empty value is a fact left out: its default, or an error */
        } else if (!strcmp(key, "name") || !strcmp(key, "kind")) {
            cJSON_AddStringToObject(unit, key, val);
        } else if (!strcmp(key, "year")) {
            /* a year of digits is a number; anything else reaches the loader as text, which says so */
            if (strspn(val, "0123456789") == strlen(val) && strlen(val) <= 4)
                cJSON_AddNumberToObject(unit, "year", atoi(val));
            else
                cJSON_AddStringToObject(unit, "year", val);
        } else if (list_key(key, list, sizeof list, &idx, &field)) {
            /* records come in order: remember the last one, so each row costs O(1) */
            cJSON *arr =
                last_arr && !strcmp(last_list, list) ? last_arr : cJSON_GetObjectItemCaseSensitive(facts, list);
            if (!arr) arr = cJSON_AddArrayToObject(facts, list);
            if (arr != last_arr) {
                last_arr = arr;
                last_size = cJSON_GetArraySize(arr);
                last_rec = NULL;
                last_idx = 0;
                snprintf(last_list, sizeof last_list, "%s", list);
            }
            int size = last_size;
            if (idx > KP_MAX_RECORDS) {
                diag_file(diag, DIAG_ERROR, "K0407", src, "row %s: a list holds at most %d records", key,
                          KP_MAX_RECORDS);
                failed = true;
            } else if (idx > size + 1) {
                diag_file(diag, DIAG_ERROR, "K0407", src,
                          "row %s: the records of %s are numbered 1, 2, 3... with no gap", key, list);
                failed = true;
            } else {
                cJSON *rec;
                if (idx == size + 1) {
                    rec = cJSON_CreateObject();
                    cJSON_AddItemToArray(arr, rec);
                    last_size = ++size;
                } else {
                    rec = idx == last_idx ? last_rec : cJSON_GetArrayItem(arr, idx - 1);
                }
                last_rec = rec;
                last_idx = idx;
                if (cJSON_GetObjectItemCaseSensitive(rec, field)) {
                    diag_file(diag, DIAG_ERROR, "K0407", src, "row %s is given twice", key);
                    failed = true;
                } else {
                    cJSON_AddStringToObject(rec, field, val);
                }
            }
        } else {
            cJSON_AddStringToObject(facts, key, val);
        }
        free_cells(&row);
    }
    free_cells(&header);
    if (failed) {
        cJSON_Delete(unit);
        return NULL;
    }
    return unit;
}
