/* main.c - the command line: verbs, options, exit statuses.
 *   kaoping check | eval | explain | test | fmt | template ... (see usage)
 * Exit: 0 every unit passes (or the standard is clean), 1 some unit fails or
 * is vetoed, 2 a usage error or bad input (rules or data). */
/* realpath */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "check.h"
#include "cli.h"
#include "dates.h"
#include "eval.h"
#include "fmt.h"
#include "i18n.h"
#include "import.h"
#include "kaoping.h"
#include "lex.h"
#include "limits.h"
#include "load.h"
#include "output.h"
#include "peer.h"
#include "plan.h"
#include "render.h"
#include "render_writer.h"
#include "revise.h"
#include "script.h"
#include "summary.h"
#include "template.h"
#include "tests_file.h"
#include "usage.h"
#include "verify.h"
#include "years.h"
#include "years_load.h"

#define KAOPING_VERSION "0.1.0"

/* ---- loading a standard ------------------------------------------------- */

typedef struct Loaded {
    Source src;
    Source tests; /* NAME.tests.kp beside NAME.kp, when there is one */
    char *tests_path;
    Arena *arena;
    Standard *std;
    bool ok;
} Loaded;

/* Loads and checks a standard; with_tests also reads NAME.tests.kp (for
 * check and test: a broken tests file must not stop an evaluation). */
static bool load_standard(Loaded *l, const char *path, DiagSink *d, bool with_tests) {
    memset(l, 0, sizeof *l);
    l->arena = arena_new();
    if (!source_read(&l->src, path, KP_MAX_RULE_FILE, d)) return false;
    l->std = lex_parse(&l->src, l->arena, d);
    if (!l->std || d->errors || !revise_resolve(l->std, &l->src, l->arena, d)) return false;
    if (with_tests && (l->tests_path = tests_file_for(path)) != NULL) {
        if (!tests_file_beside(path, l->tests_path)) {
            diag_file(d, DIAG_ERROR, "K0603", NULL, "%s leads outside the folder of %s (a link): it is not read",
                      l->tests_path, path);
            return false;
        }
        if (!source_read(&l->tests, l->tests_path, KP_MAX_RULE_FILE, d)) return false;
        if (!lex_parse_tests(l->std, &l->tests, l->arena, d) || d->errors) return false;
    }
    l->ok = check_standard(l->std, l->arena, d);
    return l->ok;
}

static void unload_standard(Loaded *l) {
    source_free(&l->src);
    source_free(&l->tests);
    free(l->tests_path);
    arena_free(l->arena);
}

/* check goes through the public API (include/kaoping.h, doc/library.md) */
static int cmd_check(int argc, char **argv) {
    if (argc < 1) {
        usage(stderr);
        return EXIT_INPUT;
    }
    int status = EXIT_PASS;
    for (int i = 0; i < argc; i++) {
        kp_standard *std = NULL;
        kp_status st = kp_standard_load_file(argv[i], KP_LOAD_TESTS, &std);
        if (st == KP_NOMEM) {
            diag_cli(DIAG_ERROR, "out of memory");
            exit(3);
        }
        const kp_diags *d = kp_standard_diags(std);
        kp_diags_print(d, stderr);
        kp_standard_info info;
        if (st == KP_OK && kp_standard_get_info(std, &info) == KP_OK) {
            int w = kp_diags_warnings(d);
            printf(_("%s: %d %s, %d %s, %d %s, %s points, %d %s: %d %s\n"), argv[i], info.year, info.title,
                   info.categories, info.categories == 1 ? _("category") : _("categories"), info.items,
                   info.items == 1 ? _("item") : _("items"), info.total, info.vetoes,
                   info.vetoes == 1 ? _("veto") : _("vetoes"), w, w == 1 ? _("warning") : _("warnings"));
        } else {
            status = EXIT_INPUT;
            int errors = kp_diags_errors(d), kept = kp_diags_truncated(d);
            char more[128] = "";
            if (kept) snprintf(more, sizeof more, _(" (the first %d shown)"), kept);
            fprintf(stderr, errors == 1 ? _("%s: %d error%s\n") : _("%s: %d errors%s\n"), argv[i], errors, more);
        }
        kp_standard_free(std);
    }
    return status;
}

/* ---- test ------------------------------------------------------------------ */

static int cmd_test(int argc, char **argv) {
    bool coverage = false, allow_outside = false;
    int nrules = 0, status = EXIT_PASS;
    VerifyStats st = {0};
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--coverage")) {
            coverage = true;
        } else if (!strcmp(argv[i], "--allow-outside")) {
            allow_outside = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            diag_cli(DIAG_ERROR, "unknown option '%s'", argv[i]);
            usage(stderr);
            return EXIT_INPUT;
        }
    }
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) continue;
        nrules++;
        DiagSink d;
        diag_init(&d);
        Loaded l;
        if (!load_standard(&l, argv[i], &d, true)) {
            diag_print(&d, stderr);
            fprintf(stderr, _("%s: the standard or its tests have errors; no test was run\n"), argv[i]);
            status = EXIT_INPUT;
        } else {
            diag_free(&d); /* warnings are for 'check' */
            diag_init(&d);
            VerifyStats one = {0};
            verify_standard(l.std, allow_outside, stdout, &d, &one);
            if (coverage) {
                verify_coverage(l.std, stdout, &one);
                if (one.covered < one.items) status = status == EXIT_INPUT ? status : EXIT_FAILS;
            }
            if (!l.std->tests) fprintf(stderr, _("%s: warning: the standard has no test case\n"), argv[i]);
            st.passed += one.passed;
            st.failed += one.failed;
            if (one.errors) status = EXIT_INPUT;
        }
        unload_standard(&l);
        diag_free(&d);
    }
    if (nrules == 0) {
        usage(stderr);
        return EXIT_INPUT;
    }
    printf("%d passed, %d failed\n", st.passed, st.failed);
    if (st.failed && status == EXIT_PASS) status = EXIT_FAILS;
    return status;
}

/* Today in the local calendar, as days since 1970-01-01. */
static int32_t today(void) {
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return dates_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* --as-of YYYY-MM-DD and --soon N, shared by eval, explain and timeline. */
static bool time_option(int argc, char **argv, int *i, EvalOptions *opt) {
    if ((!strcmp(argv[*i], "--as-of") && *i + 1 < argc) || !strncmp(argv[*i], "--as-of=", 8)) {
        const char *d = argv[*i][7] == '=' ? argv[*i] + 8 : argv[++*i];
        if (!dates_parse(d, strlen(d), &opt->as_of)) {
            diag_cli(DIAG_ERROR, "--as-of %s is not a date: write YYYY-MM-DD", d);
            exit(EXIT_INPUT);
        }
        return true;
    }
    if ((!strcmp(argv[*i], "--soon") && *i + 1 < argc) || !strncmp(argv[*i], "--soon=", 7)) {
        char *end;
        const char *v = argv[*i][6] == '=' ? argv[*i] + 7 : argv[++*i];
        long n = strtol(v, &end, 10);
        if (*end || n < 0 || n > 3650) {
            diag_cli(DIAG_ERROR, "--soon takes a number of days from 0 to 3650");
            exit(EXIT_INPUT);
        }
        opt->soon = (int)n;
        return true;
    }
    return false;
}

/* Loads a standard to score data with: its errors are printed (with what
 * was not done), its warnings are for 'check'; d is then ready for the data. */
static bool load_for_scoring(Loaded *l, const char *path, DiagSink *d, const char *not_done) {
    if (!load_standard(l, path, d, false)) {
        diag_print(d, stderr);
        fprintf(stderr, _("%s: the standard has errors%s\n"), path, *not_done ? _(not_done) : "");
        unload_standard(l);
        diag_free(d);
        return false;
    }
    diag_free(d);
    diag_init(d);
    d->max_errors = 1000;
    return true;
}

/* ---- timeline ------------------------------------------------------------------- */

static int cmd_timeline(int argc, char **argv) {
    EvalOptions opt = {.as_of = today(), .soon = 14};
    const char *paths[argc > 0 ? argc : 1];
    int npaths = 0;
    for (int i = 0; i < argc; i++) {
        if (time_option(argc, argv, &i, &opt)) continue;
        if (argv[i][0] == '-' && argv[i][1]) {
            diag_cli(DIAG_ERROR, "unknown option '%s'", argv[i]);
            usage(stderr);
            return EXIT_INPUT;
        }
        paths[npaths++] = argv[i];
    }
    if (npaths < 1) {
        usage(stderr);
        return EXIT_INPUT;
    }
    DiagSink d;
    diag_init(&d);
    Loaded l;
    if (!load_for_scoring(&l, paths[0], &d, "")) return EXIT_INPUT;
    int status = EXIT_PASS, nres = 0, cap = 16;
    Source *srcs = calloc((size_t)npaths, sizeof *srcs);
    LoadedUnits *lus = calloc((size_t)npaths, sizeof *lus);
    const Result **res = malloc(sizeof *res * (size_t)cap);
    for (int i = 1; i < npaths && srcs && lus && res; i++) {
        if (!load_read(l.std, paths[i], &srcs[i], &d) || !load_file(l.std, &srcs[i], &d, &lus[i])) {
            status = EXIT_INPUT;
            continue;
        }
        for (int k = 0; k < lus[i].count; k++) {
            Unit *u = lus[i].units[k];
            if (u->invalid) {
                status = EXIT_INPUT;
                continue;
            }
            if (nres == cap) {
                const Result **more = realloc(res, sizeof *res * (size_t)(cap *= 2));
                if (!more) break;
                res = more;
            }
            res[nres] = eval_unit_with(l.std, u, u->arena, &opt);
            if (res[nres++]->error) status = EXIT_INPUT;
        }
    }
    if (srcs && lus && res) render_timeline_text(stdout, l.std, l.arena, opt.as_of, res, nres);
    diag_print(&d, stderr);
    for (int i = 1; i < npaths && srcs && lus; i++) {
        load_free(&lus[i]);
        source_free(&srcs[i]);
    }
    free(res);
    free(lus);
    free(srcs);
    unload_standard(&l);
    diag_free(&d);
    return status;
}

/* ---- template ------------------------------------------------------------------- */

static int cmd_template(int argc, char **argv) {
    const char *rules = NULL, *kind = NULL, *format = "json", *out_path = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--kind") && i + 1 < argc)
            kind = argv[++i];
        else if ((!strcmp(argv[i], "--format") || !strcmp(argv[i], "-f")) && i + 1 < argc)
            format = argv[++i];
        else if (!strncmp(argv[i], "--format=", 9))
            format = argv[i] + 9;
        else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
            out_path = argv[++i];
        else if (argv[i][0] == '-' || rules) {
            diag_cli(DIAG_ERROR, "unexpected '%s'", argv[i]);
            usage(stderr);
            return EXIT_INPUT;
        } else
            rules = argv[i];
    }
    bool csv = !strcmp(format, "csv"), rows = !strcmp(format, "csv-rows"), xlsx = !strcmp(format, "xlsx");
    if (!rules || (!csv && !rows && !xlsx && strcmp(format, "json"))) {
        if (rules) diag_cli(DIAG_ERROR, "unknown format '%s': use json, csv, csv-rows or xlsx", format);
        usage(stderr);
        return EXIT_INPUT;
    }
    if (xlsx && !out_path) {
        diag_cli(DIAG_ERROR, "--format xlsx writes a workbook: give its file with -o FILE.xlsx");
        return EXIT_INPUT;
    }
    DiagSink d;
    diag_init(&d);
    Loaded l;
    int status = EXIT_PASS;
    if (!load_standard(&l, rules, &d, false)) {
        diag_print(&d, stderr);
        fprintf(stderr, _("%s: the standard has errors; no template was written\n"), rules);
        status = EXIT_INPUT;
    } else {
        int k = -1;
        if (kind && (k = check_find_kind(l.std, kind)) < 0) {
            diag_cli(DIAG_ERROR, "%s has no unit kind '%s'", rules, kind);
            status = EXIT_INPUT;
        } else {
            Output out;
            if (!output_open(&out, out_path)) {
                status = EXIT_INPUT;
            } else {
                bool written = true;
                const char *why = NULL;
                if (xlsx)
                    written = template_xlsx(l.std, k, out.tmp, &why);
                else if (csv)
                    template_csv(l.std, k, out.f);
                else if (rows)
                    template_csv_rows(l.std, k, out.f);
                else
                    template_json(l.std, k, out.f);
                if (!written && why)
                    diag_cli(DIAG_ERROR, "cannot write %s: %s", out_path, why);
                else if (!written)
                    diag_cli(DIAG_ERROR, "cannot write %s", out_path);
                if (!output_close(&out, written) || !written) status = EXIT_INPUT;
            }
        }
    }
    unload_standard(&l);
    diag_free(&d);
    return status;
}

/* ---- import ------------------------------------------------------------------- */

/* import TABLE [-o FILE]: a standard's table (CSV, Excel, Word) as the
 * skeleton of a rule file (import.c). */
static int cmd_import(int argc, char **argv) {
    const char *table = NULL, *out_path = NULL;
    for (int i = 0; i < argc; i++) {
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
            out_path = argv[++i];
        else if (argv[i][0] == '-' || table) {
            diag_cli(DIAG_ERROR, "unexpected '%s'", argv[i]);
            usage(stderr);
            return EXIT_INPUT;
        } else
            table = argv[i];
    }
    if (!table) {
        usage(stderr);
        return EXIT_INPUT;
    }
    if (out_path && !strcmp(out_path, table)) {
        diag_cli(DIAG_ERROR, "-o %s is the table read: write the standard elsewhere", out_path);
        return EXIT_INPUT;
    }
    DiagSink d;
    diag_init(&d);
    Table t;
    int status = EXIT_INPUT;
    Output out;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (mem && table_read(table, &t, &d)) {
        bool ok = import_write(&t, table, mem, &d);
        table_free(&t);
        fclose(mem);
        mem = NULL;
        /* in the canonical layout, as kaoping fmt writes it */
        Source src = {.path = out_path ? out_path : "<stdout>", .text = text, .len = len};
        DiagSink quiet;
        diag_init(&quiet);
        char *canon = ok ? fmt_source(&src, FMT_KEEP, &quiet) : NULL;
        diag_free(&quiet);
        if (ok && output_open(&out, out_path)) {
            fputs(canon ? canon : text, out.f);
            if (output_close(&out, true)) status = EXIT_PASS;
        }
        /* written: what the checker says of it, at its place in the file (1: it does not check) */
        if (status == EXIT_PASS && !import_check(canon ? canon : text, canon ? strlen(canon) : len,
                                                 out_path ? out_path : "<stdout>", stderr))
            status = EXIT_FAILS;
        free(canon);
    }
    if (mem) fclose(mem);
    free(text);
    diag_print(&d, stderr);
    diag_free(&d);
    return status;
}

/* ---- fmt -------------------------------------------------------------------- */

static int cmd_fmt(int argc, char **argv) {
    bool check = false, to_stdout = false;
    FmtKeywords kw = FMT_KEEP;
    int nfiles = 0, changed = 0, status = EXIT_PASS;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--check"))
            check = true;
        else if (!strcmp(argv[i], "--stdout"))
            to_stdout = true;
        else if (!strcmp(argv[i], "--keywords")) {
            if (i + 1 == argc) {
                diag_cli(DIAG_ERROR, "--keywords needs a set: en, zh (traditional) or zh-hans");
                return EXIT_INPUT;
            }
            const char *k = argv[++i];
            if (!strcmp(k, "en"))
                kw = FMT_EN;
            else if (!strcmp(k, "zh") || !strcmp(k, "zh-hant"))
                kw = FMT_HANT;
            else if (!strcmp(k, "zh-hans"))
                kw = FMT_HANS;
            else {
                diag_cli(DIAG_ERROR, "unknown keyword set '%s': use en, zh (traditional) or zh-hans", k);
                return EXIT_INPUT;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            diag_cli(DIAG_ERROR, "unknown option '%s'", argv[i]);
            usage(stderr);
            return EXIT_INPUT;
        }
    }
    if (check && to_stdout) {
        diag_cli(DIAG_ERROR, "--check and --stdout do not go together");
        return EXIT_INPUT;
    }
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            if (!strcmp(argv[i], "--keywords")) i++;
            continue;
        }
        nfiles++;
        DiagSink d;
        diag_init(&d);
        Source src;
        char *text = NULL;
        if (source_read(&src, argv[i], KP_MAX_RULE_FILE, &d)) text = fmt_source(&src, kw, &d);
        diag_print(&d, stderr);
        if (!text) {
            status = EXIT_INPUT;
        } else if (to_stdout) {
            fputs(text, stdout);
        } else if (strcmp(text, src.text) != 0) {
            changed++;
            if (check) {
                printf("%s\n", argv[i]);
            } else {
                Output out;
                if (output_open(&out, argv[i])) {
                    fputs(text, out.f);
                    if (output_close(&out, true))
                        printf(_("formatted %s\n"), argv[i]);
                    else
                        status = EXIT_INPUT;
                } else {
                    status = EXIT_INPUT;
                }
            }
        }
        free(text);
        source_free(&src);
        diag_free(&d);
    }
    if (nfiles == 0) {
        usage(stderr);
        return EXIT_INPUT;
    }
    if (check && changed && status == EXIT_PASS) status = EXIT_FAILS;
    return status;
}

/* ---- eval, explain, plan, summary ------------------------------------------- */

/* Score every unit of the inputs (batch.c) and write the report. */
typedef enum { RUN_EVAL, RUN_EXPLAIN, RUN_PLAN, RUN_SUMMARY } RunMode;

/* path with links resolved; for a file not there yet, its folder's. */
static char *resolved(const char *path) {
    char *r = realpath(path, NULL);
    if (r) return r;
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path + (slash == path))) : strdup(".");
    char *d = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    if (!d) return NULL;
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(d) + strlen(base) + 2;
    r = malloc(n);
    if (r) snprintf(r, n, "%s/%s", d, base);
    free(d);
    return r;
}

static void add_to_summary(void *ctx, const Result *res) {
    summary_add(ctx, res);
}

static void skip_in_summary(void *ctx) {
    summary_skip(ctx);
}

/* The report must not replace one of the run's own inputs, nor lie in a data
 * folder (the next run would read it as data). */
static bool output_allowed(const char *out_path, const char *const *paths, int npaths, const char *const *lists,
                           int nlists) {
    char *o = resolved(out_path);
    bool ok = true;
    for (int i = 0; o && ok && i < npaths + nlists; i++) {
        const char *p = i < npaths                       ? paths[i]
                        : strchr(lists[i - npaths], '=') ? strchr(lists[i - npaths], '=') + 1
                                                         : "";
        char *in = realpath(p, NULL);
        bool same = in && !strcmp(in, o);
        size_t n = in ? strlen(in) : 0;
        bool inside = in && !same && !strncmp(o, in, n) && o[n] == '/' && !strchr(o + n + 1, '/');
        free(in);
        if (inside) diag_cli(DIAG_ERROR, "-o %s lies in the data folder %s: write the report elsewhere", out_path, p);
        if (same) diag_cli(DIAG_ERROR, "-o %s would overwrite an input of this run", out_path);
        ok = !inside && !same;
    }
    free(o);
    return ok;
}

/* eval --rules-dir DIR: the folder's latest standard becomes the run's
 * standard (paths[0]: for --target, --item and the report's header), and
 * each unit is scored against the standard of its year (years.h). */
static bool rules_dir_open(YearShelf *shelf, const char *dir, const char **paths, int *npaths, DiagSink *d) {
    memmove(paths + 1, paths, sizeof *paths * (size_t)(*npaths)++);
    paths[0] = years_open(shelf, dir, d);
    if (paths[0]) years_load_all(shelf, d);
    diag_print(d, stderr);
    if (!paths[0]) fprintf(stderr, _("%s: no standard to score with; no unit was scored\n"), dir);
    return paths[0] != NULL;
}

static int cmd_eval(int argc, char **argv, RunMode mode) {
    bool explain = mode == RUN_EXPLAIN, summary = mode == RUN_SUMMARY;
    const char *format = "text", *out_path = NULL, *item = NULL, *target = NULL, *rules_dir = NULL;
    static const char *const names[] = {"eval", "explain", "plan", "summary"};
    EvalOptions opt = {.as_of = today(), .soon = 14, .explain = explain};
    BatchOptions bo = {.jobs = batch_default_jobs()};
    const char *paths[argc + 1], *lists[argc > 0 ? argc : 1];
    int npaths = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--format") || !strcmp(argv[i], "-f")) {
            if (++i == argc) goto bad;
            format = argv[i];
        } else if (!strncmp(argv[i], "--format=", 9)) {
            format = argv[i] + 9;
        } else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
            if (++i == argc) goto bad;
            out_path = argv[i];
        } else if (time_option(argc, argv, &i, &opt)) {
            continue;
        } else if (!strcmp(argv[i], "--jobs") || !strcmp(argv[i], "-j") || !strncmp(argv[i], "--jobs=", 7)) {
            const char *v = !strncmp(argv[i], "--jobs=", 7) ? argv[i] + 7 : ++i < argc ? argv[i] : "";
            char *end;
            long n = strtol(v, &end, 10);
            if (!*v || *end || n < 1 || n > 256) {
                diag_cli(DIAG_ERROR, "--jobs takes a number of threads from 1 to 256");
                return EXIT_INPUT;
            }
            bo.jobs = (int)n;
        } else if (!strcmp(argv[i], "--list")) {
            if (++i == argc) goto bad;
            lists[bo.nlists++] = argv[i];
        } else if (!strcmp(argv[i], "--rules-dir")) {
            if (++i == argc) goto bad;
            rules_dir = argv[i];
        } else if (mode == RUN_EVAL && !strcmp(argv[i], "--summary")) {
            summary = true;
        } else if (mode == RUN_PLAN && !strcmp(argv[i], "--target")) {
            if (++i == argc) goto bad;
            target = argv[i];
        } else if (explain && !strcmp(argv[i], "--item")) {
            if (++i == argc) goto bad;
            item = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            diag_cli(DIAG_ERROR, "unknown option '%s'", argv[i]);
            goto bad;
        } else {
            paths[npaths++] = argv[i];
        }
    }
    bo.lists = lists;
    WriterConfig wc = {.what = explain            ? WRITE_EXPLAIN
                               : mode == RUN_PLAN ? WRITE_PLAN
                                                  : WRITE_SCORECARD,
                       .target_grade = -1,
                       .summary_only = mode == RUN_SUMMARY};
    bool known = writer_format(format, &wc.format);
    bool report = known && wc.format >= WRITE_HTML; /* html, csv, xlsx: eval's reports */
    if (!known || (summary && wc.format > WRITE_JSON) || (report && mode == RUN_SUMMARY) ||
        (wc.format == WRITE_TSV && mode != RUN_EVAL)) {
        diag_cli(DIAG_ERROR,
                 summary            ? N_("unknown format '%s': use text or json")
                 : mode == RUN_EVAL ? N_("unknown format '%s': use text, json, jsonl, tsv, html, csv or xlsx")
                                    : N_("unknown format '%s': use text, json or jsonl"),
                 format);
        goto bad;
    }
    if (report && mode != RUN_EVAL) {
        diag_cli(DIAG_ERROR, "--format %s is for eval: %s writes text or json", format, names[mode]);
        goto bad;
    }
    if (report && summary) {
        diag_cli(DIAG_ERROR, "--summary goes with text or json; --format %s has a summary of its own", format);
        goto bad;
    }
    if (wc.format == WRITE_XLSX && !out_path) {
        diag_cli(DIAG_ERROR, "--format xlsx writes a workbook: name its file with -o FILE");
        return EXIT_INPUT;
    }
    if (npaths < (rules_dir ? 1 : 2)) {
        diag_cli(DIAG_ERROR, "%s needs a rule file (or --rules-dir) and at least one data file", names[mode]);
        goto bad;
    }

    DiagSink d;
    diag_init(&d);
    Loaded l;
    YearShelf shelf = {0};
    if ((rules_dir && !rules_dir_open(&shelf, rules_dir, paths, &npaths, &d)) ||
        !load_for_scoring(&l, paths[0], &d, N_("; no unit was scored"))) {
        years_free(&shelf);
        if (d.arena) diag_free(&d); /* load_for_scoring frees it on failure */
        return EXIT_INPUT;
    }
    diag_free(&d);
    int status = EXIT_INPUT;
    if (rules_dir) {
        l.std->chosen_from = rules_dir;
        bo.standard_for = years_standard_for;
        bo.standard_ctx = &shelf;
        for (int i = 0; i < shelf.nfiles; i++) /* a year's standard reads the other units */
            bo.peers |= peer_uses(shelf.files[i].std);
    }
    if (mode == RUN_PLAN && !l.std->ngrades) {
        diag_cli(DIAG_ERROR, "%s has no grades: there is no grade to plan for", paths[0]);
        goto done;
    }
    if (target) {
        for (int g = 0; g < l.std->ngrades; g++)
            if (!strcmp(l.std->grade_tab[g]->name, target)) wc.target_grade = g;
        if (wc.target_grade < 0) {
            diag_cli(DIAG_ERROR, "%s has no grade \"%s\"", paths[0], target);
            goto done;
        }
    }
    if (item) {
        for (int i = 0; i < l.std->nitems && !wc.only; i++)
            if (l.std->item_tab[i]->id && !strcmp(l.std->item_tab[i]->id, item)) wc.only = l.std->item_tab[i];
        if (!wc.only) {
            diag_cli(DIAG_ERROR, "%s has no item '%s'", paths[0], item);
            goto done;
        }
    }
    if (out_path && !output_allowed(out_path, paths, npaths, lists, bo.nlists)) goto done;
    Output out;
    if (!output_open(&out, out_path)) goto done;
    wc.xlsx_path = out.tmp;
    bo.eval = opt;
    if (summary) {
        wc.summary = summary_new(l.std);
        bo.on_result = add_to_summary;
        bo.on_skipped = skip_in_summary;
        bo.on_result_ctx = wc.summary;
    }
    Writer w = writer_for(&wc);
    status = batch_run(l.std, &l.src, paths[0], paths + 1, npaths - 1, &bo, &w, out.f, stderr);
    /* a report that could not be written whole is not kept */
    bool keep = !wc.error;
    if (wc.error) diag_cli(DIAG_ERROR, "cannot write %s: %s", out_path ? out_path : _("the report"), wc.error);
    if (!output_close(&out, keep) || !keep) status = EXIT_INPUT;
    summary_free(wc.summary);
done:
    unload_standard(&l);
    years_free(&shelf);
    return status;
bad:
    usage(stderr);
    return EXIT_INPUT;
}

static int run(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return EXIT_INPUT;
    }
    const char *cmd = argv[1];
    static const char *const commands[] = {"check", "eval", "explain",  "plan", "summary", "timeline",
                                           "test",  "fmt",  "template", "diff", "compare", "import"};
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (!strcmp(cmd, commands[c]))
            for (int i = 2; i < argc && strcmp(argv[i], "--"); i++)
                if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { /* kaoping eval --help */
                    usage_of(stdout, cmd);
                    return EXIT_PASS;
                }
    if (!strcmp(cmd, "check")) return cmd_check(argc - 2, argv + 2);
    if (!strcmp(cmd, "eval")) return cmd_eval(argc - 2, argv + 2, RUN_EVAL);
    if (!strcmp(cmd, "explain")) return cmd_eval(argc - 2, argv + 2, RUN_EXPLAIN);
    if (!strcmp(cmd, "plan")) return cmd_eval(argc - 2, argv + 2, RUN_PLAN);
    if (!strcmp(cmd, "summary")) return cmd_eval(argc - 2, argv + 2, RUN_SUMMARY);
    if (!strcmp(cmd, "timeline")) return cmd_timeline(argc - 2, argv + 2);
    if (!strcmp(cmd, "test")) return cmd_test(argc - 2, argv + 2);
    if (!strcmp(cmd, "fmt")) return cmd_fmt(argc - 2, argv + 2);
    if (!strcmp(cmd, "template")) return cmd_template(argc - 2, argv + 2);
    if (!strcmp(cmd, "import")) return cmd_import(argc - 2, argv + 2);
    if (!strcmp(cmd, "diff")) return cmd_diff(argc - 2, argv + 2);
    if (!strcmp(cmd, "compare")) return cmd_compare(argc - 2, argv + 2);
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return EXIT_PASS;
    }
    if (!strcmp(cmd, "--version")) {
        puts("kaoping " KAOPING_VERSION);
        return EXIT_PASS;
    }
    diag_cli(DIAG_ERROR, "unknown command '%s'", cmd);
    usage(stderr);
    return EXIT_INPUT;
}

/* --lang LANG may stand anywhere before "--"; it is taken out before the
 * command reads its arguments. */
static const char *take_lang(int *argc, char **argv) {
    const char *lang = NULL;
    int k = 1, i = 1;
    for (; i < *argc; i++) {
        if (!strcmp(argv[i], "--")) break;
        if (!strcmp(argv[i], "--lang") && i + 1 < *argc)
            lang = argv[++i];
        else if (!strncmp(argv[i], "--lang=", 7))
            lang = argv[i] + 7;
        else
            argv[k++] = argv[i];
    }
    for (; i < *argc; i++)
        argv[k++] = argv[i];
    argv[k] = NULL;
    *argc = k;
    return lang;
}

int main(int argc, char **argv) {
    const char *lang = take_lang(&argc, argv);
    if (!i18n_init(lang)) {
        diag_cli(DIAG_ERROR, "unknown language '%s': use en, zh-hans or zh-hant", lang);
        return EXIT_INPUT;
    }
    int status = run(argc, argv);
    script_shutdown();
    return status;
}
