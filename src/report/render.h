/* render.h - renderers: a result -> text, JSON, HTML, CSV or XLSX. They
 * format what the evaluator computed and never compute a score. render.c
 * holds the phrases the formats share (values, what a rule saw, what to do). */
#ifndef KP_RENDER_H
#define KP_RENDER_H

#include <stdio.h>

#include "eval.h"
#include "plan.h"

void render_text_unit(FILE *out, const Result *res);
/* A unit whose data breaks a 'require' (res->rejected): an error at the
 * unit (K0401) with the file, line and column where the standard (or a
 * base it revises) states the requirement. */
void render_rejection(DiagSink *d, const Result *res);
/* A unit whose data had errors (already reported): named, not scored. */
void render_text_invalid(FILE *out, const Unit *u);

/* JSON (render_json.c, doc/json.md): a unit's scorecard, or the record of
 * a unit whose data was invalid, written by w (render_jsonw.h) as cJSON
 * would print the same object; the document's head {"kaoping":...,
 * "standard":..., "units":[]} as a tree. */
typedef struct JsonW JsonW;
/* The members of a standard's JSON that are the same for every unit, written
 * once in JSON Lines' layout (one line): NULL when out of memory. */
typedef struct RenderJsonFrags RenderJsonFrags;
RenderJsonFrags *render_json_frags_new(const Standard *std);
void render_json_frags_free(RenderJsonFrags *frags);
/* frags: NULL, or made for JSON Lines (used for res's standard only) */
void render_json_unit(JsonW *w, const Result *res, const RenderJsonFrags *frags);
void render_json_invalid(JsonW *w, const Unit *u);
struct cJSON *render_json_header(const Standard *std, const char *rules_path);

/* HTML (render_html.c): one self-contained page (inline CSS and SVG, no
 * script, no network); for many units a summary page first. Units go to a
 * temporary file as they come; render_html_end writes the page to out and
 * frees the document. begin returns NULL when it cannot make the temporary
 * file. */
typedef struct HtmlDoc HtmlDoc;
HtmlDoc *render_html_begin(const Standard *std, FILE *out);
void render_html_unit(HtmlDoc *doc, const Result *res);
void render_html_invalid(HtmlDoc *doc, const Unit *u);
bool render_html_end(HtmlDoc *doc);
/* Frees the document without writing it (an escape of libkaoping's out of memory). */
void render_html_abandon(HtmlDoc *doc);

/* CSV (render_csv.c): one row per unit and item, UTF-8 with a BOM, CRLF. */
typedef struct CsvDoc CsvDoc;
CsvDoc *render_csv_begin(const Standard *std, FILE *out);
void render_csv_unit(CsvDoc *doc, const Result *res);
void render_csv_invalid(CsvDoc *doc, const Unit *u);
bool render_csv_end(CsvDoc *doc);
void render_csv_abandon(CsvDoc *doc); /* frees it without writing */

/* XLSX (render_xlsx.c): a workbook written to path by render_xlsx_end
 * (libxlsxwriter writes to a file name: give it the temporary file of
 * output_open). begin returns NULL when the workbook cannot be made, with
 * *error set when libxlsxwriter cannot be loaded (else errno says why); end
 * frees the document and returns false with *error set when the file could
 * not be written whole. */
typedef struct XlsxDoc XlsxDoc;
XlsxDoc *render_xlsx_begin(const Standard *std, const char *path, const char **error);
void render_xlsx_unit(XlsxDoc *doc, const Result *res);
void render_xlsx_invalid(XlsxDoc *doc, const Unit *u);
bool render_xlsx_end(XlsxDoc *doc, const char **error);
/* Closes and frees it without its rectification sheet (an escape of
 * libkaoping's out of memory; the caller removes the file). */
void render_xlsx_abandon(XlsxDoc *doc);

/* Explanations (render_explain.c): every step of every rule, for all the
 * items that apply, or for one item. */
void render_explain_text(FILE *out, const Result *res, const Part *only);
struct cJSON;
struct cJSON *render_explain_json(const Result *res, const Part *only);
/* A JSON number written from its exact decimal text (render_json.c). */
void render_json_number(struct cJSON *o, const char *key, Dec d, int places);
/* What a rule read of its unit's peers: compared_fact, compared, rank,
 * rank_from, peers, best | lowest | mean (nothing when it read none). */
void render_json_peer(struct cJSON *o, const RuleResult *rr);
void render_json_peer_to(JsonW *w, const RuleResult *rr);

/* The campaign (render_campaign.c): a unit's plan to a grade; the phases and
 * tasks as a chart of at most 100 columns, with each unit's status. */
void render_plan_text(FILE *out, const Plan *p);
struct cJSON *render_plan_json(const Plan *p);
void render_timeline_text(FILE *out, const Standard *s, Arena *a, int32_t as_of, const Result **units, int nunits);

/* The summary (render_summary.c, summary.h): text, or a JSON object. */
struct Summary;
void render_summary_text(FILE *out, const struct Summary *s);
struct cJSON *render_summary_json(const struct Summary *s);

/* ---- shared phrases (render.c); each returns text in arena ---------------- */
const char *render_dec(Arena *a, Dec d, int places);
/* Text from data with control characters shown as '?' (for terminals). */
const char *render_clean(Arena *a, const char *s);
/* A value as its type shows it: 91.5%, 2013-07-01, yes, "AA". */
const char *render_value(Arena *a, const Value *v, const Fact *f);
/* A number seen by a rule, shown the way its expression's type reads. */
const char *render_number(Arena *a, Dec d, TypeKind t);
/* How a rule's subject reads: a fact's label and name, or its source text. */
const char *render_subject(Arena *a, const Standard *std, const Expr *x);
/* The facts a rule read, with their values: "label (name) 91.5%, ...". */
const char *render_saw(Arena *a, const Result *res, const RuleResult *rr);
/* What a rule read of the unit's peers (peer.h), or "": "rank 2 of 6",
 * "rank 1 of 7 from the lowest", "best 320 of 6" (of: the units of its kind
 * and year that give the fact). */
const char *render_peer(Arena *a, const RuleResult *rr);
/* What would win the points back. */
const char *render_target(Arena *a, const Result *res, const RuleResult *rr);
/* The same for a kind of target that does not depend on the unit (a
 * condition to stop, a count to bring to 0, a task, the method in full);
 * NULL for a value to raise or lower, which does. */
const char *render_target_fixed(Arena *a, const Standard *std, const Rule *r, TargetKind kind);
/* The rule as written in the standard. */
const char *render_rule_text(Arena *a, const Standard *std, const Rule *r);
/* "鎮黨委辦公室, 司法所", or "" */
const char *render_owners(Arena *a, const Part *p);
/* Who answers for an entry: a task's own owners, else its item's. */
const char *render_entry_owners(Arena *a, const Part *item, const Rule *rule);
/* A day as YYYY-MM-DD. */
const char *render_day(Arena *a, int32_t day);
/* Where a task stands: "done 5 days late (2013-08-05)", "OVERDUE by 12 days". */
const char *render_task_status(Arena *a, const TaskResult *tr);
/* The same as one word for JSON: on_time, late, overdue, due_soon, not_due, not_applicable. */
const char *render_task_status_word(TaskStatus st);
/* The rules of an item that fired, each with what it did and what it saw:
 * "deduct 2 per meetings below 4 (-4; saw 會議次數 (meetings) 2, required 4); ...". */
const char *render_deductions(Arena *a, const Result *res, const ItemResult *ir);
/* A part's title as an office prints it: its own number first ("1.2 法律顧問制度"),
 * or the title alone; "" when it has none. */
const char *render_part_title(Arena *a, const Part *p);
/* A rule as written, after its number in brackets when it has one: "[1a] deduct 1 per x". */
const char *render_rule_numbered(Arena *a, const Standard *std, const Rule *r);
/* Pads to a display width (CJK counts two columns). */
void render_pad(FILE *out, const char *s, size_t width, bool right);

/* ---- vetoes' effects, grades, outputs (render_veto.c) ---------------------- */
/* The grade's name; NULL when the standard has no grades. */
const char *render_grade_name(const Result *res);
/* "disqualify", "grade", "deduct" or "zero" (JSON, CSV). */
const char *render_effect_word(VetoEffect k);
/* What a fired veto did, in words: "grade 不合格 whatever the score", "-30 from the total". */
const char *render_veto_effect(Arena *a, const Result *res, int v);
/* Why the total is not the score ("85 by score, 30 off by a veto"), or NULL. */
const char *render_total_why(Arena *a, const Result *res);
/* Why the grade is not the total's band ("forced by veto V2 (合格 by the total)"), or NULL. */
const char *render_grade_why(Arena *a, const Result *res);
/* An output's value as text: 2000, yes, 2013-07-01, 91.5%. */
const char *render_output_value(Arena *a, const Result *res, int i);
const char *render_output_label(const OutputDef *o);
/* JSON: "outputs": {...} (when the standard has outputs); a veto's effect
 * fields; score_total and band_grade when a veto changed them. */
void render_json_outputs(JsonW *w, const Result *res);
void render_json_veto(JsonW *w, const Result *res, int v);
void render_json_veto_totals(JsonW *w, const Result *res);
/* The summary: outputs summed (numbers) or counted (yes/no); a ranked unit's
 * mark: " (vetoed)", " (grade forced by a veto)", " (fails)" or "". */
struct SummaryUnit;
void render_summary_outputs_text(FILE *out, Arena *a, const struct Summary *s);
void render_summary_outputs_json(struct cJSON *o, const struct Summary *s);
const char *render_summary_mark(const struct SummaryUnit *u);

#endif
