/* years_load.c - loading the standards of a shelf (years.h) and choosing
 * each unit's standard by its year (years_load.h). Apart from years.c, which
 * revise.c uses to find the standard a file revises: this part loads
 * standards through revise_load. */
#include "years_load.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "limits.h"
#include "load_jsontext.h"
#include "revise.h"

/* ---- units against the standard of their year ------------------------------ */

/* The standard of a file, loaded once; NULL when it has errors (reported once). */
static Standard *standard_of(YearFile *f, const char *dir, DiagSink *diag) {
    if (!f->tried) {
        f->tried = true;
        f->arena = arena_new();
        DiagSink d;
        diag_init(&d);
        f->std = revise_load(f->path, f->arena, &d);
        if (f->std) f->std->chosen_from = arena_strdup(f->arena, dir);
        if (!f->std) {
            diag_print(&d, stderr);
            diag_file(diag, DIAG_ERROR, "K0711", NULL, "%s: the standard of %d has errors; its units are not scored",
                      f->path, f->year);
        }
        diag_free(&d);
    }
    return f->std;
}

const char *years_open(YearShelf *shelf, const char *dir, DiagSink *diag) {
    if (!years_scan(shelf, dir, diag)) return NULL;
    for (int i = shelf->nfiles - 1; i >= 0; i--)
        if (shelf->files[i].year && standard_of(&shelf->files[i], shelf->dir, diag)) return shelf->files[i].path;
    diag_file(diag, DIAG_ERROR, "K0711", NULL, "%s holds no standard that can be used", dir);
    return NULL;
}

void years_load_all(YearShelf *shelf, DiagSink *diag) {
    for (int i = 0; i < shelf->nfiles; i++)
        if (shelf->files[i].year) standard_of(&shelf->files[i], shelf->dir, diag);
}

const Standard *years_standard_for(void *ctx, const cJSON *j, DiagSink *diag, const Source *src, Span at) {
    const YearShelf *shelf = ctx;
    const cJSON *y = cJSON_IsObject(j) ? cJSON_GetObjectItemCaseSensitive(j, "year") : NULL;
    int year = jtext_is_number(y) && y->valuedouble == y->valueint ? y->valueint : 0;
    int k = year ? years_find(shelf, year, NULL, NULL) : -1;
    if (k >= 0 && shelf->files[k].std) return shelf->files[k].std;
    const cJSON *name = cJSON_IsObject(j) ? cJSON_GetObjectItemCaseSensitive(j, "name") : NULL;
    const char *who = cJSON_IsString(name) && strlen(name->valuestring) <= KP_MAX_NAME ? name->valuestring : "?";
    if (!year)
        diag_at(diag, DIAG_ERROR, "K0711", src, at,
                "unit \"%s\": gives no \"year\": with --rules-dir the year chooses the standard", who);
    else if (k == -2)
        diag_at(diag, DIAG_ERROR, "K0711", src, at, "unit \"%s\": several standards of %d in %s", who, year,
                shelf->dir);
    else if (k == -1)
        diag_at(diag, DIAG_ERROR, "K0711", src, at, "unit \"%s\": no standard of %d in %s (%s)", who, year, shelf->dir,
                years_list(shelf, diag->arena));
    else
        diag_at(diag, DIAG_ERROR, "K0711", src, at, "unit \"%s\": the standard of %d has errors; it is not scored", who,
                year);
    return NULL;
}
