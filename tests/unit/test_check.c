/* test_check.c - cmocka unit tests for the front end and the checker: each
 * test parses and checks a standard written as a C string and asserts the
 * diagnostic codes (and where useful the line and column) it reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "lex.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct Checked {
    Source src;
    Arena *arena;
    DiagSink diag;
    Standard *std; /* NULL when the file is not text */
    bool ok;       /* parsed without errors and checked clean */
} Checked;

static Checked *current; /* freed by the next run and by the group teardown */

static void release(void) {
    if (!current) return;
    diag_free(&current->diag);
    arena_free(current->arena);
    free(current->src.text);
    free(current);
    current = NULL;
}

/* Parses and checks text as "t.kp", as `kaoping check` does: the checker
 * runs only when the parse reported no error. */
static DiagSink *check_text(const char *text) {
    release();
    Checked *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->src.path = "t.kp";
    c->src.text = strdup(text);
    assert_non_null(c->src.text);
    c->src.len = strlen(text);
    c->arena = arena_new();
    diag_init(&c->diag);
    current = c;
    c->std = lex_parse(&c->src, c->arena, &c->diag);
    if (c->std && c->diag.errors == 0) c->ok = check_standard(c->std, c->arena, &c->diag);
    return &c->diag;
}

static int teardown(void **state) {
    (void)state;
    release();
    return 0;
}

static int count_code(const DiagSink *d, const char *code) {
    int n = 0;
    for (const Diag *g = d->head; g; g = g->next)
        n += strcmp(g->code, code) == 0;
    return n;
}

/* The nth (0-based) diagnostic with this code. */
static const Diag *find_code(const DiagSink *d, const char *code, int nth) {
    for (const Diag *g = d->head; g; g = g->next)
        if (strcmp(g->code, code) == 0 && nth-- == 0) return g;
    return NULL;
}

static void assert_at(const Diag *g, int line, int col) {
    assert_non_null(g);
    assert_true(g->has_span);
    int l, c;
    diag_position(g->src, g->span.begin, &l, &c);
    assert_int_equal(l, line);
    assert_int_equal(c, col);
}

/* Exactly one error, with this code, at line:col (when line > 0). */
static const Diag *assert_error_at(const char *text, const char *code, int line, int col) {
    DiagSink *d = check_text(text);
    if (d->errors != 1 || count_code(d, code) != 1) diag_print(d, stderr);
    assert_int_equal(d->errors, 1);
    const Diag *g = find_code(d, code, 0);
    assert_non_null(g);
    assert_int_equal(g->level, DIAG_ERROR);
    if (line > 0) assert_at(g, line, col);
    assert_false(current->ok);
    return g;
}
#define assert_error(text, code) assert_error_at((text), (code), 0, 0)

/* No error, and exactly n warnings with this code. */
static void assert_warnings(const char *text, const char *code, int n) {
    DiagSink *d = check_text(text);
    if (d->errors != 0 || count_code(d, code) != n) diag_print(d, stderr);
    assert_int_equal(d->errors, 0);
    assert_int_equal(count_code(d, code), n);
    for (const Diag *g = d->head; g; g = g->next)
        if (strcmp(g->code, code) == 0) assert_int_equal(g->level, DIAG_WARNING);
    assert_true(current->ok);
}

static void assert_contains(const char *s, const char *part) {
    assert_non_null(s);
    if (!strstr(s, part)) fail_msg("\"%s\" does not contain \"%s\"", s, part);
}

/* A header on lines 1-6; declarations start on line 7. */
#define HDR                                                                                                            \
    "standard \"t\" {\n"                                                                                               \
    "  year 2013;\n"                                                                                                   \
    "  total 10;\n"                                                                                                    \
    "  grade \"A\" >= 9;\n"                                                                                            \
    "  grade \"F\" otherwise;\n"                                                                                       \
    "}\n"

#define FACT_N "fact n: integer \"n\" in 0..10 default 0;\n"

/* One category holding one item (lines 8-10 after FACT_N) with the rules. */
#define ONE_ITEM(rules)                                                                                                \
    "category c \"C\" points 10 {\n"                                                                                   \
    "  item i1 \"I\" points 10 {\n"                                                                                    \
    "    " rules "\n"                                                                                                  \
    "  }\n"                                                                                                            \
    "}\n"

/* ---- clean standards ------------------------------------------------------ */

static void test_clean(void **state) {
    (void)state;
    DiagSink *d = check_text(HDR FACT_N ONE_ITEM("deduct 1 per n;"));
    assert_int_equal(d->errors, 0);
    assert_int_equal(d->warnings, 0);
    assert_null(d->head);
    assert_true(current->ok);
    const Standard *s = current->std;
    assert_int_equal(s->year_value, 2013);
    assert_int_equal(s->decimals_value, 2);
    assert_int_equal(s->nitems, 1);
    assert_int_equal(s->nparts, 1);
    assert_int_equal(s->nfacts, 1);
    assert_int_equal(s->ngrades, 2);
    assert_true(dec_cmp(s->total_value, dec_int(10)) == 0);
    assert_string_equal(s->item_tab[0]->id, "i1");
    assert_ptr_equal(check_find_fact(s, "n"), s->fact_tab[0]);
}

static void test_clean_rich(void **state) {
    (void)state;
    /* every form of the language once, with kinds, groups, bonus, penalty and veto */
    DiagSink *d =
        check_text("standard \"法治縣創建考評標準\" {\n"
                   "  year 2013; total 100; decimals 1;\n"
                   "  grade \"優秀\" >= 90; grade \"基本合格\" > 70 fail; grade \"不合格\" otherwise;\n"
                   "}\n"
                   "kinds town \"鎮\", village \"村\";\n"
                   "fact meetings: integer \"次數\" in 0..50 default 0;\n"
                   "fact rate: percent \"比率\" in 0%..100%;\n"
                   "fact has_system: boolean \"制度\" default false;\n"
                   "fact level: enum(\"無\", \"A\", \"AA\") \"等級\" default \"無\";\n"
                   "fact plan_date: date \"日期\" in 2013-01-01..;\n"
                   "fact finished: integer \"完成\" in 0.. default 0;\n"
                   "fact target: integer \"目標\" in 1..;\n"
                   "fact villages: list \"各村\" { model: boolean \"示範\"; mark: decimal \"分\" in 0..; }\n"
                   "category party \"黨委\" points 60 {\n"
                   "  responsible \"辦公室\";\n"
                   "  group g \"決策\" points 40 {\n"
                   "    item p1 \"研究\" points 20 { applies town; deduct 2 per meetings below 4; "
                   "deduct 1 per rate below 95% pro_rata cap 5; }\n"
                   "    item p2 \"方案\" points 20 { deduct 3 when not has_system; "
                   "deduct 1 when plan_date > 2013-03-31 and level < \"AA\"; }\n"
                   "  }\n"
                   "  item p3 \"示範\" points 20 { deduct 1 per share(villages where model) below 30% step 5%; }\n"
                   "}\n"
                   "category work \"工作\" points 40 {\n"
                   "  item w1 \"完成\" points 30 { score points * finished / target; }\n"
                   "  item w2 \"評分\" points 10 { floor none; score tiers avg(villages, mark) "
                   "{ >= 90: points; > 80: points * 80%; else: 0; }; "
                   "deduct 1 when count(villages where mark < 60) > 0 and any(villages where not model); }\n"
                   "}\n"
                   "bonus \"加分\" cap 5 { item b1 \"表彰\" points 3 { add 1 per max(finished, 0); } }\n"
                   "penalty x1 \"事故\" { deduct 10 when if all(villages where model) then false else true; }\n"
                   "veto v1 \"否決\" when round(rate, 2) < 50% reason \"太低\";\n");
    if (d->head) diag_print(d, stderr);
    assert_int_equal(d->errors, 0);
    assert_int_equal(d->warnings, 0);
    const Standard *s = current->std;
    assert_int_equal(s->nkinds, 2);
    assert_int_equal(s->nitems, 7); /* p1 p2 p3 w1 w2 b1 x1 */
    assert_int_equal(s->nparts, 4); /* party g work bonus */
    assert_int_equal(s->nvetoes, 1);
    assert_int_equal(s->decimals_value, 1);
    assert_int_equal(check_find_kind(s, "村"), 1);
    assert_int_equal(check_find_kind(s, "village"), 1);
    assert_int_equal(check_find_kind(s, "city"), -1);
    assert_int_equal(s->item_tab[0]->kinds, 1u);
    assert_int_equal(s->item_tab[1]->kinds, 3u);
    assert_string_equal(s->item_tab[1]->owners->s, "辦公室");
    assert_true(s->grade_tab[1]->fail);
    assert_true(s->grade_tab[2]->fail);
    assert_false(s->grade_tab[0]->fail);
}

/* ---- lexical and syntax errors --------------------------------------------- */

static void test_syntax_recovery(void **state) {
    (void)state;
    /* two missing ';' in one file: both reported, each after its last word */
    DiagSink *d = check_text(HDR "fact n: integer \"n\" in 0..10 default 0\n"
                                 "fact m: integer \"m\" default 0;\n"
                                 "category c \"C\" points 10 {\n"
                                 "  item i1 \"I\" points 10 {\n"
                                 "    deduct 1 per n\n"
                                 "    deduct 1 per m;\n"
                                 "  }\n"
                                 "}\n");
    assert_int_equal(d->errors, 2);
    assert_int_equal(count_code(d, "K0100"), 2);
    const Diag *g = find_code(d, "K0100", 0);
    assert_at(g, 7, 39);
    assert_string_equal(g->msg, "expected ';' at the end of the statement, found 'fact'");
    assert_string_equal(g->label, "';' is needed here");
    assert_at(find_code(d, "K0100", 1), 11, 19);
}

static void test_syntax_unclosed_brace(void **state) {
    (void)state;
    DiagSink *d = check_text(HDR FACT_N "category c \"C\" points 10 {\n"
                                        "  item i1 \"I\" points 10 {\n"
                                        "    deduct 1 per n;\n"
                                        "}\n");
    assert_int_equal(d->errors, 1);
    const Diag *g = find_code(d, "K0100", 0);
    assert_non_null(g);
    assert_contains(g->msg, "end of file");
    assert_string_equal(g->label, "'}' expected (to close 'category' at line 8)");
}

static void test_unterminated_string(void **state) {
    (void)state;
    const Diag *g = assert_error_at(HDR FACT_N "category c \"C\" points 10 {\n"
                                               "  item i1 \"I\" points 10 {\n"
                                               "    content \"abc\n"
                                               "    ;\n"
                                               "    deduct 1 per n;\n"
                                               "  }\n"
                                               "}\n",
                                    "K0104", 10, 13);
    assert_int_equal(g->span.end - g->span.begin, 4); /* "abc */
}

static void test_unterminated_comment(void **state) {
    (void)state;
    const Diag *g = assert_error_at(HDR FACT_N ONE_ITEM("deduct 1 per n;") "/* trailing\n", "K0103", 13, 1);
    assert_int_equal(g->span.end - g->span.begin, 2); /* the opening slash-star */
}

static void test_invalid_utf8(void **state) {
    (void)state;
    const Diag *g = assert_error_at(HDR "// \xff\xfe\n" FACT_N ONE_ITEM("deduct 1 per n;"), "K0101", 7, 4);
    assert_null(current->std); /* the file is not read at all */
    assert_contains(g->msg, "0xFF");
    assert_contains(g->help, "UTF-8");
    /* a truncated CJK character in a name, and an encoded surrogate */
    assert_error_at(HDR "fact \xe6\x9c: integer \"n\";\n", "K0101", 7, 6);
    assert_error_at("\xed\xa0\x80", "K0101", 1, 1);
}

static void test_unexpected_character(void **state) {
    (void)state;
    assert_error_at(HDR FACT_N ONE_ITEM("deduct 1 per n @;"), "K0102", 10, 20);
    const Diag *g = assert_error_at(HDR FACT_N ONE_ITEM("deduct 1 per n」;"), "K0102", 10, 19);
    assert_contains(g->msg, "U+300D");
    /* an ideographic full stop ends a statement like ';' */
    assert_int_equal(check_text(HDR FACT_N ONE_ITEM("deduct 1 per n。"))->errors, 0);
}

static void test_fullwidth_punctuation(void **state) {
    (void)state;
    /* input methods type ；：，（）: read as ; : , ( ) */
    DiagSink *d = check_text("standard \"t\" ｛\n"
                             "  year 2013；total 10；\n"
                             "  grade \"A\" >= 9； grade \"F\" otherwise；\n"
                             "｝\n"
                             "kinds town \"鎮\"，village \"村\"、community \"社區\"；\n"
                             "fact 次數：integer \"n\" in 0..10 default 0；\n"
                             "category c \"C\" points 10 {\n"
                             "  item i1 \"I\" points 10 {\n"
                             "    deduct 1 per max（次數，1）；\n"
                             "    deduct 2 when 次數＞5；\n"
                             "  }\n"
                             "}\n");
    if (d->head) diag_print(d, stderr);
    assert_int_equal(d->errors, 0);
    assert_int_equal(d->warnings, 0);
    assert_int_equal(current->std->nkinds, 3);
    assert_string_equal(current->std->facts->name, "次數");
    assert_int_equal(current->std->item_tab[0]->nrules, 2);
}

static void test_bad_date(void **state) {
    (void)state;
    assert_error_at(HDR FACT_N ONE_ITEM("deduct 1 per n;") "fact d: date \"d\" default 2013-02-30;\n", "K0107", 13, 26);
}

static void test_no_header(void **state) {
    (void)state;
    assert_error_at(FACT_N, "K0108", 1, 1);
}

/* ---- names and types ---------------------------------------------------------- */

static void test_unknown_fact(void **state) {
    (void)state;
    const Diag *g = assert_error_at(HDR "fact meetings: integer \"n\" default 0;\n"
                                        "fact rate: percent \"r\";\n" ONE_ITEM("deduct 1 per meeting;"),
                                    "K0201", 11, 18);
    assert_string_equal(g->msg, "unknown fact 'meeting'");
    assert_string_equal(g->help, "did you mean 'meetings'?");
    /* nothing close: how to declare it; the column counts CJK as 2 */
    g = assert_error_at(HDR FACT_N "category c \"C\" points 10 {\n"
                                   "  item i1 \"黨委研究\" points 10 { deduct 1 per 會議次數; }\n"
                                   "}\n",
                        "K0201", 9, 47);
    assert_string_equal(g->help, "declare it first: fact 會議次數: integer \"label\";");
    /* a list's fields are in scope only inside its aggregate */
    g = assert_error(HDR "fact v: list \"v\" { model: boolean \"m\"; }\n"
                         "fact n: integer \"n\" default 0;\n" ONE_ITEM("deduct 1 per n when model;"),
                     "K0216");
    assert_string_equal(g->msg, "'model' is a field of the list 'v': it has a value only inside an aggregate over 'v'");
}

static void test_type_date_vs_number(void **state) {
    (void)state;
    const Diag *g = assert_error_at(HDR "fact d: date \"d\";\n" ONE_ITEM("deduct 1 when d > 5;"), "K0204", 10, 19);
    assert_string_equal(g->msg, "cannot compare a date with an integer");
    assert_string_equal(g->help, "write a date as 2013-07-01");
    assert_error(HDR "fact d: date \"d\";\n" ONE_ITEM("deduct 1 per max(d, 3);"), "K0204");
    assert_error(HDR "fact d: date \"d\";\n" ONE_ITEM("deduct 1 per if d > 2013-01-01 then d else 1;"), "K0204");
    /* date - date is a number of days: fine */
    DiagSink *d = check_text(HDR "fact d: date \"d\";\n" ONE_ITEM("deduct 1 per d - 2013-01-01 cap 3;"));
    assert_int_equal(d->errors, 0);
    /* a number where a condition is needed */
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 when n;"), "K0203");
}

static void test_enum_not_member(void **state) {
    (void)state;
    const char *fact = "fact lv: enum(\"無\", \"A\", \"AA\") \"lv\" default \"無\";\n";
    char buf[1024];
    snprintf(buf, sizeof buf, "%s%s%s", HDR, fact, ONE_ITEM("deduct 1 when lv == \"AAAA\";"));
    const Diag *g = assert_error_at(buf, "K0210", 10, 25);
    assert_string_equal(g->msg, "\"AAAA\" is not one of the values of 'lv'");
    /* the default, too */
    assert_error_at(HDR "fact lv: enum(\"無\", \"A\") \"lv\" default \"B\";\n" ONE_ITEM("deduct 1 when lv == \"A\";"),
                    "K0210", 7, 39);
    /* members are ordered as written: comparisons with < are fine */
    snprintf(buf, sizeof buf, "%s%s%s", HDR, fact, ONE_ITEM("deduct 1 when lv < \"AA\";"));
    assert_int_equal(check_text(buf)->errors, 0);
}

static void test_aggregate_over_non_list(void **state) {
    (void)state;
    const Diag *g = assert_error_at(HDR FACT_N ONE_ITEM("deduct 1 per count(n);"), "K0206", 10, 24);
    assert_string_equal(g->msg, "count() counts over a list fact; 'n' is not a list");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per sum(n, n);"), "K0206");
    /* a bare list where a number is needed */
    g = assert_error(HDR "fact v: list \"v\" { ok: boolean \"ok\"; }\n" ONE_ITEM("deduct 1 per v;"), "K0206");
    assert_contains(g->msg, "count(v)");
    /* share() needs a condition */
    assert_error(HDR "fact v: list \"v\" { ok: boolean \"ok\"; }\n" ONE_ITEM("deduct 1 per share(v) below 50%;"),
                 "K0207");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per median(n);"), "K0205");
}

static void test_points_outside_item(void **state) {
    (void)state;
    assert_error_at(HDR FACT_N ONE_ITEM("deduct 1 per n;") "veto v \"V\" when n > points;\n", "K0209", 13, 21);
    assert_error_at(HDR FACT_N ONE_ITEM("deduct 1 per n;") "penalty x1 \"P\" { deduct points per n; }\n", "K0209", 13,
                    25);
    /* inside an item it is the item's points */
    assert_int_equal(check_text(HDR FACT_N ONE_ITEM("score points - n;"))->errors, 0);
}

/* ---- declarations ---------------------------------------------------------------- */

static void test_duplicate_item_id(void **state) {
    (void)state;
    const Diag *g = assert_error_at(HDR FACT_N "category c \"C\" points 10 {\n"
                                               "  item i1 \"I\" points 5 { deduct 1 per n; }\n"
                                               "  item i1 \"J\" points 5 { deduct 1 per n; }\n"
                                               "}\n",
                                    "K0231", 10, 8);
    assert_string_equal(g->msg, "duplicate id 'i1'");
    assert_string_equal(g->help, "'i1' is already the id of the item at line 9");
    /* ids are unique across categories and groups too */
    g = assert_error(HDR FACT_N "category c \"C\" points 10 {\n"
                                "  item c \"I\" points 10 { deduct 1 per n; }\n"
                                "}\n",
                     "K0231");
    assert_string_equal(g->help, "'c' is already the id of the category at line 8");
}

static void test_duplicate_fact(void **state) {
    (void)state;
    DiagSink *d = check_text(HDR FACT_N "fact n: decimal \"n2\" default 0;\n" ONE_ITEM("deduct 1 per n;"));
    assert_int_equal(d->errors, 1);
    const Diag *g = find_code(d, "K0261", 0);
    assert_at(g, 8, 6);
    assert_string_equal(g->msg, "fact 'n' is declared twice");
    assert_string_equal(g->help, "the first declaration is at line 7");
    assert_error(HDR FACT_N "kinds a \"A\", a \"B\";\n" ONE_ITEM("deduct 1 per n;"), "K0260");
    assert_error(HDR "fact lv: enum(\"A\", \"A\") \"lv\";\n" ONE_ITEM("deduct 1 when lv == \"A\";"), "K0250");
}

static void test_unknown_kind(void **state) {
    (void)state;
    const Diag *g = assert_error(HDR "kinds town \"鎮\";\n" FACT_N ONE_ITEM("applies city; deduct 1 per n;"), "K0230");
    assert_string_equal(g->msg, "unknown unit kind 'city'");
}

/* ---- points that add up ------------------------------------------------------------- */

static void test_sums_item_group(void **state) {
    (void)state;
    const Diag *g = assert_error_at(HDR FACT_N "category c \"C\" points 10 {\n"
                                               "  group g \"G\" points 6 {\n"
                                               "    item i1 \"I\" points 5 { deduct 1 per n; }\n"
                                               "  }\n"
                                               "  item i2 \"J\" points 4 { deduct 1 per n; }\n"
                                               "}\n",
                                    "K0301", 9, 22);
    assert_string_equal(g->msg, "the parts of group 'g' add up to 5, not its 6 points");
    assert_contains(g->help, "sums warn");
}

static void test_sums_group_category(void **state) {
    (void)state;
    const Diag *g = assert_error_at(HDR FACT_N "category c \"C\" points 10 {\n"
                                               "  group g \"G\" points 6 {\n"
                                               "    item i1 \"I\" points 6 { deduct 1 per n; }\n"
                                               "  }\n"
                                               "  item i2 \"J\" points 3.5 { deduct 1 per n; }\n"
                                               "}\n",
                                    "K0301", 8, 23);
    assert_string_equal(g->msg, "the parts of category 'c' add up to 9.5, not its 10 points");
}

static void test_sums_category_total(void **state) {
    (void)state;
    const Diag *g =
        assert_error_at(HDR FACT_N "category c \"C\" points 6 { item i1 \"I\" points 6 { deduct 1 per n; } }\n"
                                   "category d \"D\" points 3 { item i2 \"J\" points 3 { deduct 1 per n; } }\n",
                        "K0301", 3, 9);
    assert_string_equal(g->msg, "the categories add up to 9, not the total 10");
    /* the bonus section and penalties do not count */
    DiagSink *d =
        check_text(HDR FACT_N ONE_ITEM("deduct 1 per n;") "bonus \"B\" cap 5 { item b1 \"b\" { add 1 per n; } }\n"
                                                          "penalty x1 \"P\" { deduct 5 per n; }\n");
    assert_int_equal(d->errors, 0);
    assert_int_equal(d->warnings, 0);
}

static void test_sums_warn(void **state) {
    (void)state;
    DiagSink *d = check_text("standard \"t\" {\n"
                             "  year 2013; total 10; sums warn;\n"
                             "  grade \"A\" >= 9; grade \"F\" otherwise;\n"
                             "}\n" FACT_N "category c \"C\" points 9 {\n"
                             "  group g \"G\" points 6 { item i1 \"I\" points 5 { deduct 1 per n; } }\n"
                             "  item i2 \"J\" points 2 { deduct 1 per n; }\n"
                             "}\n");
    assert_int_equal(d->errors, 0);
    assert_int_equal(d->warnings, 3); /* group, category, total */
    assert_int_equal(count_code(d, "K0301"), 3);
    for (const Diag *g = d->head; g; g = g->next) {
        assert_int_equal(g->level, DIAG_WARNING);
        assert_null(g->help);
    }
    assert_true(current->ok);
}

/* ---- header ------------------------------------------------------------------------ */

static void test_grades_out_of_order(void **state) {
    (void)state;
    const Diag *g = assert_error_at("standard \"t\" {\n"
                                    "  year 2013; total 10;\n"
                                    "  grade \"A\" >= 8;\n"
                                    "  grade \"B\" > 9;\n"
                                    "  grade \"F\" otherwise;\n"
                                    "}\n" FACT_N ONE_ITEM("deduct 1 per n;"),
                                    "K0243", 4, 15);
    assert_string_equal(g->msg, "grade bands out of order: 9 is not below 8");
    assert_string_equal(g->help, "write the grades from the highest down");
    /* equal bounds are out of order too */
    assert_error("standard \"t\" { year 2013; total 10; grade \"A\" >= 8; grade \"B\" > 8;\n"
                 "  grade \"F\" otherwise; }\n" FACT_N ONE_ITEM("deduct 1 per n;"),
                 "K0243");
    /* a bound above the total, and a band after 'otherwise' */
    assert_error("standard \"t\" { year 2013; total 10; grade \"A\" >= 11; grade \"F\" otherwise; }\n" FACT_N ONE_ITEM(
                     "deduct 1 per n;"),
                 "K0243");
    assert_error("standard \"t\" { year 2013; total 10; grade \"A\" >= 9; grade \"F\" otherwise;\n"
                 "  grade \"G\" otherwise; }\n" FACT_N ONE_ITEM("deduct 1 per n;"),
                 "K0243");
}

static void test_missing_otherwise(void **state) {
    (void)state;
    const Diag *g = assert_error_at("standard \"t\" {\n"
                                    "  year 2013; total 10;\n"
                                    "  grade \"A\" >= 9;\n"
                                    "  grade \"B\" >= 8;\n"
                                    "}\n" FACT_N ONE_ITEM("deduct 1 per n;"),
                                    "K0244", 4, 3);
    assert_contains(g->msg, "'otherwise'");
    /* no bands at all is a standard without grades: then nothing may need one */
    assert_error("standard \"t\" { year 2013; total 10; }\n" FACT_N ONE_ITEM("deduct 1 per n;") "veto v when n > 1 grade worst;\n",
                 "K0265");
    assert_error("standard \"t\" { year 2013; total 10; }\n" FACT_N ONE_ITEM("deduct 1 per n;") "output g = grade;\n",
                 "K0266");
    assert_error("standard \"t\" { year 2013; total 10; grade \"A\" otherwise; }\n" FACT_N ONE_ITEM("deduct 1 per n;")
                 "veto v when n > 1 grade \"B\";\n",
                 "K0265");
    /* lets have codes of their own */
    assert_error(HDR FACT_N "let a = n + 1;\nlet a = n + 2;\n" ONE_ITEM("deduct 1 per a;"), "K0268");
    assert_error(HDR FACT_N "let a = b + 1;\nlet b = a + 1;\n" ONE_ITEM("deduct 1 per a;"), "K0269");
}

static void test_header_values(void **state) {
    (void)state;
    assert_error("standard \"t\" { total 10; grade \"F\" otherwise; }\n" FACT_N ONE_ITEM("deduct 1 per n;"), "K0240");
    assert_error("standard \"t\" { year 2013; grade \"F\" otherwise; }\n" FACT_N ONE_ITEM("deduct 1 per n;"), "K0241");
    assert_error("standard \"t\" { year 2013; total 10; decimals 7; grade \"F\" otherwise; }\n" FACT_N ONE_ITEM(
                     "deduct 1 per n;"),
                 "K0242");
}

/* ---- warnings ------------------------------------------------------------------------ */

static void test_unused_fact(void **state) {
    (void)state;
    assert_warnings(HDR FACT_N "fact unused: integer \"u\" default 0;\n" ONE_ITEM("deduct 1 per n;"), "K0307", 1);
    const Diag *g = find_code(&current->diag, "K0307", 0);
    assert_at(g, 8, 6);
    assert_string_equal(g->msg, "fact 'unused' is declared but never used");
    /* a fact read only by a veto, or a field only in a where, is used */
    assert_warnings(HDR FACT_N
                    "fact x: integer \"x\" default 0;\n" ONE_ITEM("deduct 1 per n;") "veto v \"V\" when x > 0;\n",
                    "K0307", 0);
    assert_int_equal(current->diag.warnings, 0);
}

static void test_never_fires(void **state) {
    (void)state;
    assert_warnings(HDR "fact r: percent \"r\" in 0%..100%;\n" FACT_N "category c \"C\" points 10 {\n"
                        "  item i1 \"I\" points 10 {\n"
                        "    deduct 1 per r below 0%;\n"
                        "    deduct 1 when n > 10;\n"
                        "    deduct 1 per n above 10;\n"
                        "    deduct 1 when n >= 0 and n < 0;\n"
                        "    deduct 1 when false;\n"
                        "    deduct 1 per n below 10;\n" /* may fire */
                        "    deduct 1 when n >= 10;\n"   /* may fire */
                        "  }\n"
                        "}\n",
                    "K0303", 5);
    assert_int_equal(current->diag.warnings, 5);
    const Diag *g = find_code(&current->diag, "K0303", 0);
    assert_at(g, 11, 5);
    assert_string_equal(g->msg, "this rule can never fire");
    assert_at(find_code(&current->diag, "K0303", 4), 15, 5);
}

static void test_step_more_than_item(void **state) {
    (void)state;
    assert_warnings(HDR FACT_N ONE_ITEM("deduct 12 per n; deduct 11 when n > 3; deduct 10 when n > 4;"), "K0304", 2);
    const Diag *g = find_code(&current->diag, "K0304", 0);
    assert_at(g, 10, 12);
    assert_string_equal(g->msg, "one step deducts 12, more than the item's 10 points");
    g = find_code(&current->diag, "K0304", 1);
    assert_string_equal(g->msg, "this rule deducts 11, more than the item's 10 points");
    assert_contains(g->help, "stops at 0");
}

static void test_other_warnings(void **state) {
    (void)state;
    assert_warnings(HDR FACT_N ONE_ITEM("deduct 1 per n; deduct 1 per 3;"), "K0302", 1);
    assert_warnings(HDR FACT_N ONE_ITEM("deduct 1 per n;") "penalty x1 \"P\" { }\n", "K0305", 1);
    assert_warnings(HDR "fact n: integer;\n" ONE_ITEM("deduct 1 per n;"), "K0306", 1);
}

/* ---- rules and parts in the wrong place ------------------------------------------------ */

/* fired("N"): a rule of the same item, written before the one reading it */
static void test_fired(void **state) {
    (void)state;
    assert_warnings(HDR FACT_N ONE_ITEM("deduct 1 per n number \"a\"; deduct 2 when fired(\"a\") number \"b\";"),
                    "K0303", 0);
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per n number \"a\"; deduct 2 when fired(\"z\");"), "K0224");
    assert_error(HDR FACT_N ONE_ITEM("deduct 2 when fired(\"a\"); deduct 1 per n number \"a\";"), "K0224");
    assert_error(HDR FACT_N ONE_ITEM("deduct 2 when fired(\"a\") number \"a\";"), "K0224");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per n number \"a\";") "veto v when fired(\"a\");\n", "K0224");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per n number \"a\"; deduct 2 when fired(a);"), "K0207");
}

static void test_rule_errors(void **state) {
    (void)state;
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per n step 0;"), "K0222");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 when n > 1 step 1;"), "K0222");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per n cap 2 cap 3;"), "K0220");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per n pro_rata completed;"), "K0220");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per n;") "bonus \"B\" cap 3 { item b1 \"b\" { deduct 1 per n; } }\n",
                 "K0221");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per n;") "penalty x1 \"P\" { add 1 per n; }\n", "K0221");
    assert_error(
        HDR FACT_N ONE_ITEM("deduct 1 per n; floor none;") "penalty x1 \"P\" { floor none; deduct 1 per n; }\n",
        "K0235");
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per n;") "item i9 \"I\" points 1 { deduct 1 per n; }\n", "K0236");
    /* an item without points is a signed change under a category holding the points */
    DiagSink *d = check_text(HDR FACT_N "category c \"C\" points 10 { item i1 \"I\" { deduct 1 per n; } }\n");
    assert_int_equal(count_code(d, "K0233"), 0);
    assert_int_equal(count_code(d, "K0301"), 0);
    assert_int_equal(d->errors, 0);
    /* ... but not beside one that carries points */
    d = check_text(HDR FACT_N "category c \"C\" points 10 { item i1 \"I\" { deduct 1 per n; }"
                              " item i2 \"J\" points 10 { deduct 1 per n; } }\n");
    assert_int_equal(count_code(d, "K0237"), 1);
    d = check_text(HDR FACT_N "category c \"C\" points 10 { item i1 \"I\" points n { deduct 1 per n; } }\n");
    assert_int_equal(count_code(d, "K0212"), 1);
    assert_error(HDR FACT_N ONE_ITEM("deduct 1 per round(n, 12);"), "K0208");
}

/* ---- regressions: bugs found by these tests, fixed in src/ ------------------------ */

static void test_bug_misspelled_keyword(void **state) {
    (void)state;
    /* Regression (was a bug in since the stray-';' change to grammar/parser.y): ';' is now a
     * valid statement in a part body and at the top level, so the "a
     * statement left open" heuristic in lex_syntax_error (expected ';' among
     * more than 6 tokens) fires for any unexpected word there. A misspelled
     * 'deduct' is reported as "expected ';' at the end of the statement,
     * found 'dedcut'" with "';' is needed here" pointing after the '{' of
     * line 9, instead of at the misspelled word (10:5). */
    DiagSink *d = check_text(HDR FACT_N ONE_ITEM("dedcut 1 per n;"));
    assert_int_equal(d->errors, 1);
    const Diag *g = find_code(d, "K0100", 0);
    assert_at(g, 10, 5);
    assert_null(strstr(g->msg, "';'"));
    /* the same at the top level: a misspelled 'category' after a complete fact */
    d = check_text(HDR FACT_N "catgory c \"C\" points 10 { item i1 \"I\" points 10 { deduct 1 per n; } }\n");
    g = find_code(d, "K0100", 0);
    assert_at(g, 8, 1);
    assert_null(strstr(g->msg, "';'"));
}

static void test_bug_empty_part_points(void **state) {
    (void)state;
    /* Regression (was a bug in src/check/check.c, check_part): the K0301 sum check runs only when a
     * part has children, so a group or category with points but no items
     * passes clean; its points vanish from every unit's items_max and the
     * rest is scaled up to the total (4 of 5 scores 8 of 10). Expected: the
     * group 'g' holds nothing to score (K0238; points may sit on a group
     * whose items carry none, but not on an empty one). */
    const Diag *g = assert_error(HDR FACT_N "category c \"C\" points 5 { item i1 \"I\" points 5 { deduct 1 per n; } }\n"
                                            "category d \"D\" points 5 { group g \"G\" points 5 { } }\n",
                                 "K0238");
    assert_contains(g->msg, "'g'");
}

static void test_bug_aggregate_over_if(void **state) {
    (void)state;
    /* Regression (was a bug in src/check/check_expr.c, check_aggregate): an aggregate's list may be any
     * expression of list type, e.g. if flag then v else w, but the evaluator
     * (list_of in src/eval/eval.c) reads unit->facts[x->slot] and an EX_IF has
     * slot -1: it reads before the unit's fact array (inside the arena, so
     * ASan is silent) and counts 0 instead of 1. The checker should require
     * a list fact's name here. */
    DiagSink *d = check_text(HDR "fact flag: boolean \"f\" default true;\n"
                                 "fact v: list \"v\" { ok: boolean \"ok\"; }\n"
                                 "fact w: list \"w\" { ok: boolean \"ok\"; }\n" ONE_ITEM(
                                     "deduct 1 per count(if flag then v else w where ok);"));
    assert_int_equal(d->errors, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_clean_rich),
        cmocka_unit_test(test_syntax_recovery),
        cmocka_unit_test(test_syntax_unclosed_brace),
        cmocka_unit_test(test_unterminated_string),
        cmocka_unit_test(test_unterminated_comment),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_unexpected_character),
        cmocka_unit_test(test_fullwidth_punctuation),
        cmocka_unit_test(test_bad_date),
        cmocka_unit_test(test_no_header),
        cmocka_unit_test(test_unknown_fact),
        cmocka_unit_test(test_type_date_vs_number),
        cmocka_unit_test(test_enum_not_member),
        cmocka_unit_test(test_aggregate_over_non_list),
        cmocka_unit_test(test_points_outside_item),
        cmocka_unit_test(test_duplicate_item_id),
        cmocka_unit_test(test_duplicate_fact),
        cmocka_unit_test(test_unknown_kind),
        cmocka_unit_test(test_sums_item_group),
        cmocka_unit_test(test_sums_group_category),
        cmocka_unit_test(test_sums_category_total),
        cmocka_unit_test(test_sums_warn),
        cmocka_unit_test(test_grades_out_of_order),
        cmocka_unit_test(test_missing_otherwise),
        cmocka_unit_test(test_header_values),
        cmocka_unit_test(test_unused_fact),
        cmocka_unit_test(test_never_fires),
        cmocka_unit_test(test_step_more_than_item),
        cmocka_unit_test(test_other_warnings),
        cmocka_unit_test(test_rule_errors),
        cmocka_unit_test(test_fired),
        cmocka_unit_test(test_bug_misspelled_keyword),
        cmocka_unit_test(test_bug_empty_part_points),
        cmocka_unit_test(test_bug_aggregate_over_if),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
