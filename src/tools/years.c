/* years.c - the standards of a folder by year (see years.h). A file's year
 * and title are read from its header by parsing it; the standard itself is
 * loaded (merged with what it revises, and checked) the first time a unit
 * of its year needs it. */
#include "years.h"
#include "i18n.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "limits.h"

static bool is_standard_file(const char *name) {
    size_t n = strlen(name);
    return n > 3 && !strcmp(name + n - 3, ".kp") && !(n > 9 && !strcmp(name + n - 9, ".tests.kp")) && name[0] != '.';
}

/* The year and title in a file's header: parsed, errors ignored here (they
 * are reported when the standard is loaded). */
static void read_header(YearFile *f) {
    DiagSink d;
    diag_init(&d);
    Source src;
    if (source_read(&src, f->path, KP_MAX_RULE_FILE, &d)) {
        Arena *a = arena_new();
        Standard *s = lex_parse(&src, a, &d);
        if (s && s->year && s->year->kind == EX_NUMBER && dec_is_int(s->year->u.num.value) &&
            s->year->u.num.value.num >= 1900 && s->year->u.num.value.num <= 9999)
            f->year = (int)s->year->u.num.value.num;
        if (s && s->title) f->title = strdup(s->title);
        arena_free(a);
        source_free(&src);
    }
    diag_free(&d);
}

static int by_year(const void *a, const void *b) {
    const YearFile *x = a, *y = b;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return strcmp(x->path, y->path);
}

bool years_scan(YearShelf *shelf, const char *dir, DiagSink *diag) {
    memset(shelf, 0, sizeof *shelf);
    shelf->dir = strdup(dir);
    DIR *dp = opendir(dir);
    if (!dp) {
        if (diag) diag_file(diag, DIAG_ERROR, "K0701", NULL, "cannot read the folder %s", dir);
        return false;
    }
    int cap = 0;
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        if (!is_standard_file(e->d_name)) continue;
        if (shelf->nfiles == cap) {
            cap = cap ? cap * 2 : 8;
            YearFile *more = realloc(shelf->files, sizeof *more * (size_t)cap);
            if (!more) break;
            shelf->files = more;
        }
        YearFile *f = &shelf->files[shelf->nfiles++];
        memset(f, 0, sizeof *f);
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        f->path = malloc(n);
        if (f->path) snprintf(f->path, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        if (f->path) read_header(f);
    }
    closedir(dp);
    if (shelf->nfiles) qsort(shelf->files, (size_t)shelf->nfiles, sizeof *shelf->files, by_year);
    return true;
}

void years_free(YearShelf *shelf) {
    for (int i = 0; i < shelf->nfiles; i++) {
        free(shelf->files[i].path);
        free(shelf->files[i].title);
        if (shelf->files[i].arena) arena_free(shelf->files[i].arena);
    }
    free(shelf->files);
    free(shelf->dir);
    memset(shelf, 0, sizeof *shelf);
}

/* The last component of a path. */
static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

int years_find(const YearShelf *shelf, int year, const char *title, const char *except) {
    int found = -1;
    for (int i = 0; i < shelf->nfiles; i++) {
        const YearFile *f = &shelf->files[i];
        if (f->year != year || (title && (!f->title || strcmp(f->title, title)))) continue;
        if (except && !strcmp(base_name(f->path), base_name(except))) continue;
        if (found >= 0) return -2;
        found = i;
    }
    return found;
}

const char *years_list(const YearShelf *shelf, Arena *arena) {
    const char *s = _("the standards there:");
    int n = 0;
    for (int i = 0; i < shelf->nfiles; i++)
        if (shelf->files[i].year)
            s = arena_printf(arena, "%s%s %d (%s)", s, n++ ? "," : "", shelf->files[i].year,
                             base_name(shelf->files[i].path));
    return n ? s : _("there is no standard there");
}
