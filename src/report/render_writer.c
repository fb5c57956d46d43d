/* render_writer.c - the Writers (writer.h) of kaoping's formats: text, the
 * JSON document written a unit at a time, JSON Lines and TSV. The JSON
 * document is byte for byte what cJSON_Print gives for the whole document
 * (doc/json.md): its head and tail are cut from the printed empty
 * document, and each unit is printed alone and indented one level deeper
 * (tabs after each line break: printed strings hold no raw line break). */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "render.h"
#include "render_jsonw.h"
#include "render_report.h"
#include "render_writer.h"
#include "summary.h"

bool writer_format(const char *word, WriteFormat *f) {
    static const char *const words[] = {"text", "json", "jsonl", "tsv", "html", "csv", "xlsx"};
    for (int i = 0; i < 7; i++)
        if (!strcmp(word, words[i])) return *f = (WriteFormat)i, true;
    return false;
}

/* Prints JSON text `depth` levels deeper than it was printed, in one write
 * (a unit's JSON has thousands of lines). */
static void print_nested(FILE *out, const char *text, int depth) {
    size_t len = strlen(text), lines = 0;
    for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
        lines++;
    char *buf = malloc(len + lines * (size_t)depth + 1), *w = buf;
    if (!buf) {
        arena_oom_escape();
        diag_cli(DIAG_ERROR, "out of memory");
        exit(3);
    }
    for (const char *p = text; *p; p++) {
        *w++ = *p;
        if (*p == '\n')
            for (int k = 0; k < depth; k++)
                *w++ = '\t';
    }
    fwrite(buf, 1, (size_t)(w - buf), out);
    free(buf);
}

static void oom(void) {
    arena_oom_escape();
    diag_cli(DIAG_ERROR, "out of memory");
    exit(3);
}

/* depth 0: compact, on one line; else formatted, that many levels deep */
static void put_json(FILE *out, cJSON *o, int depth) {
    char *t = depth ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!t) oom();
    if (depth)
        print_nested(out, t, depth);
    else {
        fputs(t, out);
        fputc('\n', out);
    }
    cJSON_free(t);
}

/* A unit's JSON: compact (depth 0), else `depth` levels deep. The
 * scorecard and the record of an invalid unit are written as text, the
 * explanation and the plan printed from a tree. */
static void put_unit(FILE *out, const WriterConfig *c, const Result *res, const Unit *invalid, int depth) {
    if (!invalid && c->what != WRITE_SCORECARD) {
        put_json(out,
                 c->what == WRITE_EXPLAIN ? render_explain_json(res, c->only)
                                          : render_plan_json(plan_unit(res, c->target_grade, res->unit->arena)),
                 depth);
        return;
    }
    JsonW *w = malloc(sizeof *w);
    if (!w) oom();
    arena_oom_cleanup(free, w); /* libkaoping: out of memory while writing unwinds past it */
    jw_start(w, out, depth ? depth : -1);
    if (invalid)
        render_json_invalid(w, invalid);
    else
        render_json_unit(w, res, c->json_frags);
    jw_flush(w);
    arena_oom_cleanup(NULL, NULL);
    free(w);
    if (!depth) fputc('\n', out);
}

/* ---- text ---------------------------------------------------------------------- */

static void text_unit(void *ctx, FILE *out, const Result *res) {
    const WriterConfig *c = ctx;
    if (c->summary_only) return;
    if (c->what == WRITE_EXPLAIN)
        render_explain_text(out, res, c->only);
    else if (c->what == WRITE_PLAN)
        render_plan_text(out, plan_unit(res, c->target_grade, res->unit->arena));
    else
        render_text_unit(out, res);
}

static void text_invalid(void *ctx, FILE *out, const Unit *u) {
    if (!((const WriterConfig *)ctx)->summary_only) render_text_invalid(out, u);
}

static void text_between(void *ctx, FILE *out) {
    if (!((const WriterConfig *)ctx)->summary_only) fputc('\n', out);
}

static bool text_end(void *ctx, FILE *out) {
    WriterConfig *c = ctx;
    if (!c->summary) return true;
    summary_finish(c->summary);
    if (!c->summary_only) fputc('\n', out);
    render_summary_text(out, c->summary);
    return true;
}

/* ---- the JSON document ------------------------------------------------------------ */

static void json_begin(void *ctx, FILE *out, const Standard *std, const char *rules_path) {
    WriterConfig *c = ctx;
    cJSON *root = render_json_header(std, rules_path);
    char *t = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!t) oom();
    /* ... "units":\t[]\n} : units is the last member */
    char *cut = strstr(t, "\t\"units\":\t[]");
    if (!cut) oom();
    if (c->summary_only) {
        /* kaoping summary: the document has no units */
        while (cut > t && cut[-1] != ',')
            cut--;
        if (cut > t) cut--;
        fwrite(t, 1, (size_t)(cut - t), out);
    } else {
        cut += strlen("\t\"units\":\t[");
        fwrite(t, 1, (size_t)(cut - t), out);
    }
    /* kept in the config, not allocated: an escape of libkaoping's out of
     * memory between begin and end leaves nothing to free */
    snprintf(c->json_close, sizeof c->json_close, "%s", c->summary_only ? "\n}" : cut);
    cJSON_free(t);
}

static void json_unit(void *ctx, FILE *out, const Result *res) {
    const WriterConfig *c = ctx;
    if (!c->summary_only) put_unit(out, c, res, NULL, 2);
}

static void json_invalid(void *ctx, FILE *out, const Unit *u) {
    const WriterConfig *c = ctx;
    if (!c->summary_only) put_unit(out, c, NULL, u, 2);
}

static void json_between(void *ctx, FILE *out) {
    if (!((const WriterConfig *)ctx)->summary_only) fputs(", ", out);
}

static bool json_end(void *ctx, FILE *out) {
    WriterConfig *c = ctx;
    const char *close = c->json_close;
    if (c->summary) {
        summary_finish(c->summary);
        /* close is "]\n}" (or "\n}"): the summary goes before the last brace */
        const char *brace = strrchr(close, '}');
        size_t keep = brace && brace > close ? (size_t)(brace - close - 1) : 0;
        fwrite(close, 1, keep, out);
        fputs(",\n\t\"summary\":\t", out);
        put_json(out, render_summary_json(c->summary), 1);
        fputs("\n}\n", out);
    } else {
        fputs(close, out);
        fputc('\n', out);
    }
    c->json_close[0] = '\0';
    return true;
}

/* ---- JSON Lines, TSV -------------------------------------------------------------- */

/* Many units' lines repeat the standard's ids, titles and rules: written
 * once here (without them, each unit writes them itself). */
static void jsonl_begin(void *ctx, FILE *out, const Standard *std, const char *rules_path) {
    (void)out;
    (void)rules_path;
    WriterConfig *c = ctx;
    if (c->what == WRITE_SCORECARD && !c->one_unit && !c->json_frags) c->json_frags = render_json_frags_new(std);
}

static bool jsonl_end(void *ctx, FILE *out) {
    (void)out;
    WriterConfig *c = ctx;
    render_json_frags_free(c->json_frags);
    c->json_frags = NULL;
    return true;
}

static void jsonl_unit(void *ctx, FILE *out, const Result *res) {
    put_unit(out, ctx, res, NULL, 0);
}

static void jsonl_invalid(void *ctx, FILE *out, const Unit *u) {
    put_unit(out, ctx, NULL, u, 0);
}

/* A cell: tabs and line breaks in data would break the row. */
static void tsv_cell(FILE *out, const char *s) {
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void tsv_begin(void *ctx, FILE *out, const Standard *std, const char *rules_path) {
    (void)rules_path;
    ((WriterConfig *)ctx)->std = std;
    /* no grade column for a standard without grades; a column per output */
    fputs(std->ngrades ? "unit\tkind\tyear\ttotal\tgrade\tpass\tvetoes" : "unit\tkind\tyear\ttotal\tpass\tvetoes", out);
    for (int i = 0; i < std->noutputs; i++) {
        fputc('\t', out);
        tsv_cell(out, std->output_tab[i]->id);
    }
    fputc('\n', out);
}

static void tsv_head(FILE *out, const Unit *u) {
    tsv_cell(out, u->name);
    fputc('\t', out);
    if (!u->invalid) tsv_cell(out, u->kind_name); /* an invalid unit's kind may be the one it failed on */
    fputc('\t', out);
    if (u->year) fprintf(out, "%d", u->year);
}

static void tsv_unit(void *ctx, FILE *out, const Result *res) {
    (void)ctx;
    tsv_head(out, res->unit);
    const Standard *std = res->std;
    if (res->error) {
        fputs(std->ngrades ? "\t\t\terror\t" : "\t\terror\t", out);
        for (int i = 0; i < std->noutputs; i++)
            fputc('\t', out);
        fputc('\n', out);
        return;
    }
    char total[64];
    dec_format(res->total, std->decimals_value, total, sizeof total);
    fprintf(out, "\t%s", total);
    if (std->ngrades) {
        fputc('\t', out);
        tsv_cell(out, render_grade_name(res));
    }
    fputs(res->pass ? "\tpass\t" : "\tfail\t", out);
    for (int v = 0, n = 0; v < std->nvetoes; v++)
        if (res->vetoes[v]) fprintf(out, "%s%s", n++ ? "," : "", std->veto_tab[v]->id);
    for (int i = 0; i < std->noutputs; i++) {
        fputc('\t', out);
        tsv_cell(out, render_output_value(res->unit->arena, res, i));
    }
    fputc('\n', out);
}

static void tsv_invalid(void *ctx, FILE *out, const Unit *u) {
    tsv_head(out, u);
    const Standard *std = ((WriterConfig *)ctx)->std;
    fputs(std && !std->ngrades ? "\t\tinvalid\t" : "\t\t\tinvalid\t", out);
    for (int i = 0; std && i < std->noutputs; i++)
        fputc('\t', out);
    fputc('\n', out);
}

bool writer_abandon(WriterConfig *c) {
    render_json_frags_free(c->json_frags);
    c->json_frags = NULL;
    return report_abandon(c);
}

Writer writer_for(WriterConfig *c) {
    switch (c->format) {
    case WRITE_JSON:
        return (Writer){.ctx = c,
                        .begin = json_begin,
                        .unit = json_unit,
                        .invalid = json_invalid,
                        .between = json_between,
                        .end = json_end};
    case WRITE_JSONL:
        return (Writer){.ctx = c, .begin = jsonl_begin, .unit = jsonl_unit, .invalid = jsonl_invalid, .end = jsonl_end};
    case WRITE_TSV:
        return (Writer){.ctx = c, .begin = tsv_begin, .unit = tsv_unit, .invalid = tsv_invalid, .scores_only = true};
    case WRITE_HTML:
    case WRITE_CSV:
    case WRITE_XLSX: return writer_for_report(c);
    default:
        return (Writer){.ctx = c, .unit = text_unit, .invalid = text_invalid, .between = text_between, .end = text_end};
    }
}
