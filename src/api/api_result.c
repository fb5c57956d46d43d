/* api_result.c - libkaoping (include/kaoping.h): scoring a unit, reading
 * its result, and rendering it through the command line's Writers
 * (batch.h), so that every format gives the bytes `kaoping eval` gives. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "api_impl.h"
#include "batch.h"
#include "dates.h"
#include "i18n.h"
#include "lex.h"
#include "render.h"
#include "render_writer.h"

bool kp__result_ok(const kp_result *r) {
    return r && r->magic == KP_MAGIC_RESULT;
}

static void result_destroy(kp_result *r) {
    arena_free(r->arena);
    diag_free(&r->diags.sink);
    kp__unit_release(r->unit);
    free(r);
}

void kp_result_free(kp_result *r) {
    if (!kp__result_ok(r)) return;
    r->magic = 0;
    result_destroy(r);
}

const kp_diags *kp_result_diags(const kp_result *r) {
    return kp__result_ok(r) ? &r->diags : NULL;
}

/* ---- scoring ------------------------------------------------------------------ */

/* The diagnostics batch.c gives a unit that cannot be scored. */
static void not_scored(kp_result *r) {
    DiagSink *d = &r->diags.sink;
    const Result *res = r->res;
    const Unit *u = r->unit->u;
    const Standard *std = r->std;
    if (res->rejected) {
        render_rejection(d, res);
    } else {
        Diag *g = diag_at(d, DIAG_ERROR, "K0501", std->src, res->error_span, "unit \"%s\": cannot be scored: %s",
                          u->name, _(res->error));
        if (res->error_span.begin != std->title_span.begin)
            diag_help(d, g, "the data in %s makes this rule compute something impossible", u->src->path);
    }
}

kp_status kp_score(const kp_standard *s, const kp_unit *u, const kp_score_options *opt, kp_result **out) {
    if (!out) return kp__fail(KP_MISUSE, "kp_score: out is NULL");
    *out = NULL;
    if (!s || !u) return kp__fail(KP_MISUSE, "kp_score: the %s is NULL", s ? "unit" : "standard");
    if (!kp__std_ok(s)) return kp__fail(KP_MISUSE, "kp_score: the standard was freed (or is not a standard)");
    if (!kp__unit_ok(u)) return kp__fail(KP_MISUSE, "kp_score: the unit was freed (or is not a unit)");
    if (u->from != s)
        return kp__fail(KP_MISUSE,
                        "kp_score: unit \"%s\" was loaded against another standard (\"%s\"): load it with "
                        "kp_unit_load_json on this one",
                        kp_unit_name(u) ? kp_unit_name(u) : "?", u->from->std ? u->from->std->title : "?");
    EvalOptions eo = {.soon = 14};
    const Standard *std = u->u && u->u->std ? u->u->std : s->std;
    eo.program = kp__program_of(s, std);
    eo.as_of = eval_campaign_end(std) + 1;
    if (opt && opt->as_of && !dates_parse(opt->as_of, strlen(opt->as_of), &eo.as_of))
        return kp__fail(KP_MISUSE, "kp_score: as_of \"%s\" is not a date: write YYYY-MM-DD", opt->as_of);
    if (opt && opt->soon >= 0) eo.soon = opt->soon;
    kp_result *r = calloc(1, sizeof *r);
    if (!r) return kp__fail(KP_NOMEM, "out of memory");
    r->magic = KP_MAGIC_RESULT;
    r->unit = (kp_unit *)u;
    atomic_fetch_add(&r->unit->refs, 1);
    r->std = std;
    KP_TRAP(t) {
        result_destroy(r);
        return kp__fail(KP_NOMEM, "out of memory");
    }
    diag_init(&r->diags.sink);
    r->arena = arena_new();
    kp_status st = KP_ERROR;
    if (!u->u || u->u->invalid) {
        diag_file(&r->diags.sink, DIAG_ERROR, "K0421", &u->src, "unit \"%s\": its data has errors: it is not scored",
                  u->u ? u->u->name : "?");
    } else {
        r->copy = *u->u;
        r->copy.arena = r->arena;
        r->res = eval_unit_with(std, &r->copy, r->arena, &eo);
        r->res->unit = &r->copy;
        if (r->res->error)
            not_scored(r);
        else
            st = KP_OK;
    }
    KP_UNTRAP(t);
    *out = r;
    return st;
}

/* ---- the whole ------------------------------------------------------------------ */

static const Result *scored(const kp_result *r) {
    return kp__result_ok(r) && r->res && !r->res->error ? r->res : NULL;
}

int kp_result_scored(const kp_result *r) {
    return scored(r) != NULL;
}

/* The accessors make strings in the result's arena: out of memory there
 * makes them give NULL (or KP_NOMEM). */
#define ACCESS(r, fail)                                                                                                \
    KP_TRAP(t) return (fail);                                                                                          \
    Arena *a = (r)->arena;                                                                                             \
    int places = (r)->std->decimals_value;                                                                             \
    (void)places

const char *kp_result_total(const kp_result *r) {
    const Result *res = scored(r);
    if (!res) return NULL;
    if (r->total) return r->total;
    ACCESS(r, NULL);
    ((kp_result *)r)->total = render_dec(a, res->total, places);
    KP_UNTRAP(t);
    return r->total;
}

const char *kp_result_grade(const kp_result *r) {
    const Result *res = scored(r);
    return res ? render_grade_name(res) : NULL;
}

int kp_result_pass(const kp_result *r) {
    const Result *res = scored(r);
    return res && res->pass;
}

/* ---- parts ------------------------------------------------------------------------ */

size_t kp_result_part_count(const kp_result *r) {
    return scored(r) ? (size_t)(r->std->nparts + r->std->nitems) : 0;
}

static const char *part_kind(const Part *p) {
    switch (p->kind) {
    case PART_CATEGORY: return "category";
    case PART_BONUS: return "bonus";
    case PART_ITEM: return "item";
    case PART_PENALTY: return "penalty";
    default: return "group";
    }
}

static kp_status part_at(const kp_result *r, size_t i, kp_part *out) {
    const Result *res = r->res;
    const Standard *std = r->std;
    ACCESS(r, kp__fail(KP_NOMEM, "out of memory"));
    memset(out, 0, sizeof *out);
    const Part *p;
    Dec points, score, lost;
    if (i < (size_t)std->nparts) {
        const PartResult *pr = &res->parts[i];
        p = pr->part;
        out->applies = pr->applies;
        points = pr->points, score = pr->score, lost = pr->lost;
    } else {
        const ItemResult *ir = &res->items[i - (size_t)std->nparts];
        p = ir->item;
        out->applies = ir->applies;
        points = ir->points, score = ir->score, lost = ir->lost;
    }
    out->id = p->implicit ? NULL : p->id;
    out->number = p->number;
    out->title = p->title;
    out->kind = part_kind(p);
    out->points = render_dec(a, points, places);
    out->score = render_dec(a, score, places);
    out->lost = render_dec(a, lost, places);
    KP_UNTRAP(t);
    return KP_OK;
}

kp_status kp_result_part_at(const kp_result *r, size_t i, kp_part *out) {
    if (!scored(r) || !out || i >= kp_result_part_count(r))
        return kp__fail(KP_MISUSE, "kp_result_part_at: no part %zu (or no scored result)", i);
    return part_at(r, i, out);
}

kp_status kp_result_part(const kp_result *r, const char *key, kp_part *out) {
    if (!scored(r) || !out || !key) return kp__fail(KP_MISUSE, "kp_result_part: NULL or unscored result, or NULL key");
    size_t n = kp_result_part_count(r);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            const Part *p =
                i < (size_t)r->std->nparts ? r->std->part_tab[i] : r->std->item_tab[i - (size_t)r->std->nparts];
            const char *k = pass ? p->number : p->implicit ? NULL : p->id;
            if (k && !strcmp(k, key)) return part_at(r, i, out);
        }
    return KP_ERROR;
}

/* ---- rules ------------------------------------------------------------------------ */

size_t kp_result_rule_count(const kp_result *r) {
    const Result *res = scored(r);
    size_t n = 0;
    for (int i = 0; res && i < r->std->nitems; i++)
        n += (size_t)res->items[i].item->nrules;
    return n;
}

static const RuleResult *rule_at(const Result *res, size_t i) {
    for (int k = 0; k < res->std->nitems; k++) {
        const ItemResult *ir = &res->items[k];
        if (i < (size_t)ir->item->nrules) return &ir->rules[i];
        i -= (size_t)ir->item->nrules;
    }
    return NULL;
}

static kp_status rule_fill(const kp_result *r, const ItemResult *ir, const RuleResult *rr, kp_rule *out) {
    ACCESS(r, kp__fail(KP_NOMEM, "out of memory"));
    memset(out, 0, sizeof *out);
    out->number = rr->rule->number;
    out->item_id = ir->item->id;
    out->text = render_rule_text(a, r->std, rr->rule);
    out->fired = rr->fired;
    Dec d = eval_rule_signed(rr);
    const char *v = render_dec(a, d, places);
    out->amount = dec_sign(d) > 0 ? arena_printf(a, "+%s", v) : v;
    KP_UNTRAP(t);
    return KP_OK;
}

static const ItemResult *item_of(const Result *res, const RuleResult *rr) {
    for (int k = 0; k < res->std->nitems; k++)
        if (rr >= res->items[k].rules && rr < res->items[k].rules + res->items[k].item->nrules) return &res->items[k];
    return NULL;
}

kp_status kp_result_rule_at(const kp_result *r, size_t i, kp_rule *out) {
    const Result *res = scored(r);
    const RuleResult *rr = res && out ? rule_at(res, i) : NULL;
    if (!rr) return kp__fail(KP_MISUSE, "kp_result_rule_at: no rule %zu (or no scored result)", i);
    return rule_fill(r, item_of(res, rr), rr, out);
}

kp_status kp_result_rule(const kp_result *r, const char *number, kp_rule *out) {
    const Result *res = scored(r);
    if (!res || !out || !number) return kp__fail(KP_MISUSE, "kp_result_rule: NULL or unscored result, or NULL number");
    for (int k = 0; k < r->std->nitems; k++)
        for (int i = 0; i < res->items[k].item->nrules; i++) {
            const RuleResult *rr = &res->items[k].rules[i];
            if (rr->rule->number && !strcmp(rr->rule->number, number)) return rule_fill(r, &res->items[k], rr, out);
        }
    return KP_ERROR;
}

/* ---- vetoes, outputs, rectification --------------------------------------------- */

size_t kp_result_veto_count(const kp_result *r) {
    return scored(r) ? (size_t)r->std->nvetoes : 0;
}

kp_status kp_result_veto_at(const kp_result *r, size_t i, kp_veto *out) {
    const Result *res = scored(r);
    if (!res || !out || i >= (size_t)r->std->nvetoes)
        return kp__fail(KP_MISUSE, "kp_result_veto_at: no veto %zu (or no scored result)", i);
    ACCESS(r, kp__fail(KP_NOMEM, "out of memory"));
    const Veto *v = r->std->veto_tab[i];
    memset(out, 0, sizeof *out);
    out->id = v->id;
    out->title = v->title;
    out->fired = res->vetoes[i];
    out->effect = render_effect_word(v->effect.effect);
    out->what = res->vetoes[i] ? render_veto_effect(a, res, (int)i) : NULL;
    KP_UNTRAP(t);
    return KP_OK;
}

size_t kp_result_output_count(const kp_result *r) {
    return scored(r) ? (size_t)r->std->noutputs : 0;
}

kp_status kp_result_output_at(const kp_result *r, size_t i, kp_output *out) {
    const Result *res = scored(r);
    if (!res || !out || i >= (size_t)r->std->noutputs)
        return kp__fail(KP_MISUSE, "kp_result_output_at: no output %zu (or no scored result)", i);
    ACCESS(r, kp__fail(KP_NOMEM, "out of memory"));
    const OutputDef *o = r->std->output_tab[i];
    out->id = o->id;
    out->label = render_output_label(o);
    out->value = render_output_value(a, res, (int)i);
    KP_UNTRAP(t);
    return KP_OK;
}

size_t kp_result_rect_count(const kp_result *r) {
    const Result *res = scored(r);
    return res ? (size_t)res->nrect : 0;
}

kp_status kp_result_rect_at(const kp_result *r, size_t i, kp_rect *out) {
    const Result *res = scored(r);
    if (!res || !out || i >= (size_t)res->nrect)
        return kp__fail(KP_MISUSE, "kp_result_rect_at: no entry %zu (or no scored result)", i);
    ACCESS(r, kp__fail(KP_NOMEM, "out of memory"));
    const Rectification *e = &res->rect[i];
    const Part *item = e->item->item;
    memset(out, 0, sizeof *out);
    out->item_id = item->id;
    out->item_title = item->title;
    out->lost = render_dec(a, e->lost, places);
    out->owners = e->rule ? render_entry_owners(a, item, e->rule->rule) : render_owners(a, item);
    out->rule = e->rule ? render_rule_numbered(a, r->std, e->rule->rule) : "";
    out->saw = e->rule ? render_saw(a, res, e->rule) : "";
    out->todo = e->rule ? render_target(a, res, e->rule) : "";
    out->deadline = e->rule && e->rule->has_deadline ? render_day(a, e->rule->deadline) : NULL;
    KP_UNTRAP(t);
    return KP_OK;
}

/* ---- rendering ---------------------------------------------------------------------- */

kp_status kp_format_from_name(const char *name, kp_format *out) {
    WriteFormat f;
    if (!name || !out || !writer_format(name, &f))
        return kp__fail(KP_MISUSE, "unknown format '%s': use text, json, jsonl, tsv, html, csv or xlsx",
                        name ? name : "(null)");
    *out = (kp_format)f;
    return KP_OK;
}

/* Writes the report of one unit as `kaoping eval --format FMT` does: begin,
 * the unit, end (xlsx: to xlsx_path). */
static kp_status render_to(const kp_result *r, kp_format fmt, FILE *out, const char *xlsx_path) {
    const Standard *std = r->std;
    /* on the heap, as KP_TRAP asks: the writer changes its config after the
     * trap is set, and the cleanup reads it (an automatic object changed
     * after setjmp is indeterminate after the longjmp, C17 7.13.2.1) */
    WriterConfig *wc = malloc(sizeof *wc);
    if (!wc) return kp__fail(KP_NOMEM, "out of memory");
    *wc = (WriterConfig){.format = (WriteFormat)fmt,
                         .what = WRITE_SCORECARD,
                         .target_grade = -1,
                         .xlsx_path = xlsx_path,
                         .one_unit = true};
    Writer w = writer_for(wc);
    KP_TRAP(t) {
        if (writer_abandon(wc) && xlsx_path) remove(xlsx_path); /* the workbook, cut short */
        free(wc);
        return kp__fail(KP_NOMEM, "out of memory");
    }
    const Unit *u = r->res ? &r->copy : r->unit->u;
    if (w.begin) w.begin(w.ctx, out, std, std->src->path);
    if (r->res && !r->res->rejected) {
        if (w.unit) w.unit(w.ctx, out, r->res);
        if (w.unit_in_order) w.unit_in_order(w.ctx, r->res);
    } else if (u) {
        if (w.invalid) w.invalid(w.ctx, out, u);
        if (w.invalid_in_order) w.invalid_in_order(w.ctx, u);
    }
    bool ok = !w.end || w.end(w.ctx, out);
    KP_UNTRAP(t);
    kp_status st = KP_OK;
    if (!ok || wc->error)
        st = kp__fail(wc->error ? KP_IO : KP_NOMEM, "the report could not be written%s%s", wc->error ? ": " : "",
                      wc->error ? wc->error : "");
    free(wc);
    return st;
}

static kp_status render_check(const kp_result *r, kp_format fmt, const char *what) {
    if (!kp__result_ok(r)) return kp__fail(KP_MISUSE, "%s: the result is NULL or freed", what);
    if ((unsigned)fmt > KP_FORMAT_XLSX) return kp__fail(KP_MISUSE, "%s: unknown format %d", what, (int)fmt);
    if (!r->res && !r->unit->u)
        return kp__fail(KP_MISUSE, "%s: the unit's text was not a unit: nothing to render", what);
    return KP_OK;
}

kp_status kp_render_file(const kp_result *r, kp_format fmt, FILE *out) {
    kp_status st = render_check(r, fmt, "kp_render_file");
    if (st != KP_OK) return st;
    if (!out) return kp__fail(KP_MISUSE, "kp_render_file: the stream is NULL");
    if (fmt == KP_FORMAT_XLSX) return kp__fail(KP_MISUSE, "kp_render_file: a workbook is written by kp_render_xlsx");
    st = render_to(r, fmt, out, NULL);
    if (st == KP_OK && (fflush(out) != 0 || ferror(out)))
        return kp__fail(KP_IO, "kp_render_file: the stream could not be written");
    return st;
}

kp_status kp_render(const kp_result *r, kp_format fmt, char **buf, size_t *len) {
    kp_status st = render_check(r, fmt, "kp_render");
    if (st != KP_OK) return st;
    if (!buf) return kp__fail(KP_MISUSE, "kp_render: buf is NULL");
    *buf = NULL;
    if (fmt == KP_FORMAT_XLSX) return kp__fail(KP_MISUSE, "kp_render: a workbook is written by kp_render_xlsx");
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    if (!f) return kp__fail(KP_NOMEM, "out of memory");
    st = render_to(r, fmt, f, NULL);
    if (fclose(f) != 0 && st == KP_OK) st = kp__fail(KP_NOMEM, "out of memory");
    if (st != KP_OK) {
        free(text);
        return st;
    }
    *buf = text;
    if (len) *len = n;
    return KP_OK;
}

kp_status kp_render_xlsx(const kp_result *r, const char *path) {
    kp_status st = render_check(r, KP_FORMAT_XLSX, "kp_render_xlsx");
    if (st != KP_OK) return st;
    if (!path) return kp__fail(KP_MISUSE, "kp_render_xlsx: path is NULL");
    return render_to(r, KP_FORMAT_XLSX, NULL, path);
}
