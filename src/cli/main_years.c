/* main_years.c - the commands across years: kaoping diff (what changed
 * between two standards) and kaoping compare (a unit across two years).
 * See doc/revisions.md. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "compare_files.h"
#include "diff.h"
#include "i18n.h"
#include "limits.h"
#include "render_compare.h"
#include "revise.h"
#include "usage.h"
#include "years.h"

/* A standard to compare: merged with what it revises and checked; its
 * errors printed, with what was not done. */
static Standard *load(const char *path, Arena *arena, const char *not_done) {
    DiagSink d;
    diag_init(&d);
    Standard *s = revise_load(path, arena, &d);
    if (!s) {
        diag_print(&d, stderr);
        fprintf(stderr, _("%s: the standard has errors%s\n"), path, *not_done ? _(not_done) : "");
    }
    diag_free(&d);
    return s;
}

/* ---- diff ---------------------------------------------------------------------- */

/* --format text|json and -o FILE, shared by diff and compare; the rest are
 * positional. False on a usage error (reported). */
static bool report_options(int argc, char **argv, const char **format, const char **out_path, const char **pos,
                           int *npos, int max) {
    for (int i = 0; i < argc; i++) {
        if ((!strcmp(argv[i], "--format") || !strcmp(argv[i], "-f")) && i + 1 < argc)
            *format = argv[++i];
        else if (!strncmp(argv[i], "--format=", 9))
            *format = argv[i] + 9;
        else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
            *out_path = argv[++i];
        else if ((argv[i][0] == '-' && argv[i][1]) || *npos == max) {
            diag_cli(DIAG_ERROR, "unexpected '%s'", argv[i]);
            return false;
        } else
            pos[(*npos)++] = argv[i];
    }
    if (strcmp(*format, "text") && strcmp(*format, "json")) {
        diag_cli(DIAG_ERROR, "unknown format '%s': use text or json", *format);
        return false;
    }
    return true;
}

/* Writes a JSON document to out, then frees it. */
static bool print_json(FILE *out, cJSON *j) {
    char *text = j ? cJSON_Print(j) : NULL;
    cJSON_Delete(j);
    if (!text) return false;
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text);
    return true;
}

int cmd_diff(int argc, char **argv) {
    const char *format = "text", *out_path = NULL, *paths[2];
    int npaths = 0;
    if (!report_options(argc, argv, &format, &out_path, paths, &npaths, 2) || npaths != 2) {
        if (npaths != 2) diag_cli(DIAG_ERROR, "diff needs two rule files: OLD NEW");
        usage(stderr);
        return EXIT_INPUT;
    }
    Arena *arena = arena_new();
    Standard *a = load(paths[0], arena, N_("; no diff was made")),
             *b = a ? load(paths[1], arena, N_("; no diff was made")) : NULL;
    if (!b) {
        arena_free(arena);
        return EXIT_INPUT;
    }
    Diff *df = diff_standards(a, b, arena);
    df->old_path = paths[0];
    df->new_path = paths[1];
    Output out;
    int status = EXIT_INPUT;
    if (output_open(&out, out_path)) {
        bool ok = true;
        if (!strcmp(format, "json"))
            ok = print_json(out.f, render_diff_json(df, arena));
        else
            render_diff_text(out.f, df, arena);
        if (output_close(&out, ok) && ok) status = EXIT_PASS;
    }
    arena_free(arena);
    return status;
}

/* ---- compare -------------------------------------------------------------------- */

/* The year the first unit of a data file gives, 0 when it gives none, or -1
 * when the file cannot be read (its errors printed, at file:line:col). */
static int data_year(const char *path) {
    DiagSink d;
    diag_init(&d);
    Source src;
    int year = 0;
    if (load_read(NULL, path, &src, &d)) {
        cJSON *root = load_is_csv(path) ? load_csv_unit(&src, &d) : load_json_parse(&src, &d, false);
        const cJSON *u = cJSON_IsArray(root) ? root->child : root;
        const cJSON *y = cJSON_IsObject(u) ? cJSON_GetObjectItemCaseSensitive(u, "year") : NULL;
        if (cJSON_IsNumber(y) && y->valuedouble == y->valueint) year = y->valueint;
        cJSON_Delete(root);
        if (d.errors) diag_print(&d, stderr); /* while its text is there to show */
        source_free(&src);
    } else {
        diag_print(&d, stderr);
    }
    if (d.errors) year = -1;
    diag_free(&d);
    return year;
}

/* compare --rules-dir DIR DATA_OLD DATA_NEW: the standards of the data's
 * years (their first units'), found in DIR; pos becomes the four-path form. */
static bool rules_of_years(const char *dir, const char **pos, Arena *arena) {
    YearShelf shelf;
    if (!years_scan(&shelf, dir, NULL)) {
        diag_cli(DIAG_ERROR, "cannot read the folder %s", dir);
        return false;
    }
    const char *data[2] = {pos[0], pos[1]};
    bool ok = true;
    for (int i = 0; i < 2 && ok; i++) {
        int year = data_year(data[i]), k = year > 0 ? years_find(&shelf, year, NULL, NULL) : -1;
        if (k < 0) {
            if (year < 0)
                ; /* the file's own errors are printed */
            else if (!year)
                diag_cli(DIAG_ERROR, "%s gives no \"year\": with --rules-dir the year chooses the standard", data[i]);
            else
                diag_cli(DIAG_ERROR,
                         k == -1 ? N_("%s: no standard of %d in %s (%s)")
                                 : N_("%s: more than one standard of %d in %s (%s)"),
                         data[i], year, dir, years_list(&shelf, arena));
            ok = false;
            continue;
        }
        pos[2 * i] = arena_strdup(arena, shelf.files[k].path);
        pos[2 * i + 1] = data[i];
    }
    years_free(&shelf);
    return ok;
}

int cmd_compare(int argc, char **argv) {
    const char *format = "text", *out_path = NULL, *pos[4], *dir = NULL;
    char *rest[argc + 1];
    int npos = 0, nrest = 0;
    for (int i = 0; i < argc; i++) /* --rules-dir DIR: the two-path form */
        if (!strcmp(argv[i], "--rules-dir") && i + 1 < argc)
            dir = argv[++i];
        else
            rest[nrest++] = argv[i];
    int want = dir ? 2 : 4;
    if (!report_options(nrest, rest, &format, &out_path, pos, &npos, want) || npos != want) {
        if (npos != want)
            diag_cli(DIAG_ERROR, "compare needs RULES_OLD DATA_OLD RULES_NEW DATA_NEW, or --rules-dir DIR "
                                 "DATA_OLD DATA_NEW");
        usage(stderr);
        return EXIT_INPUT;
    }
    Arena *arena = arena_new();
    if (dir && !rules_of_years(dir, pos, arena)) {
        arena_free(arena);
        return EXIT_INPUT;
    }
    Standard *so_std = load(pos[0], arena, N_("; nothing was compared"));
    Standard *sn_std = so_std ? load(pos[2], arena, N_("; nothing was compared")) : NULL;
    if (!sn_std) {
        arena_free(arena);
        return EXIT_INPUT;
    }
    DiagSink d;
    diag_init(&d);
    d.max_errors = 1000;
    Diff *df = diff_standards(so_std, sn_std, arena);
    df->old_path = pos[0];
    df->new_path = pos[2];
    Source so = {0}, sn = {0};
    LoadedUnits uo = {0}, un = {0};
    int n = 0, unmatched = 0, status = EXIT_INPUT;
    Comparison **cs = NULL;
    if (load_read(so_std, pos[1], &so, &d) && load_read(sn_std, pos[3], &sn, &d))
        cs = compare_files(so_std, &so, sn_std, &sn, df, &d, arena, &uo, &un, &n, &unmatched);
    Output out;
    if (cs && output_open(&out, out_path)) {
        bool ok = true;
        if (!strcmp(format, "json")) {
            cJSON *root = cJSON_CreateObject();
            cJSON_AddNumberToObject(root, "kaoping", 1);
            cJSON *units = cJSON_AddArrayToObject(root, "units");
            for (int i = 0; i < n; i++)
                cJSON_AddItemToArray(units, render_compare_json(cs[i], arena));
            ok = print_json(out.f, root);
        } else {
            for (int i = 0; i < n; i++) {
                if (i) fputc('\n', out.f);
                render_compare_text(out.f, cs[i], df, arena);
            }
        }
        if (output_close(&out, ok) && ok) status = d.errors ? EXIT_INPUT : EXIT_PASS;
    }
    diag_print(&d, stderr);
    load_free(&uo);
    load_free(&un);
    source_free(&so);
    source_free(&sn);
    arena_free(arena);
    diag_free(&d);
    return status;
}
