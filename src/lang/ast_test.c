/* ast_test.c - the builders of test cases (kaoping test): a case, its kind,
 * its data file, the facts it sets and what it expects (see ast.h). */
#include <string.h>

#include "ast.h"
#include "ast_impl.h"

/* ---- test cases ---------------------------------------------------------- */

TestCase *ast_test(AstCtx *c, const char *name, Span sp) {
    TestCase *t = arena_alloc(c->arena, sizeof *t);
    t->name = name;
    t->span = sp;
    t->src = c->src;
    return t;
}

TestCase *ast_test_kind(AstCtx *c, TestCase *t, const char *kind, Span sp) {
    if (t->kind) diag_at(c->diag, DIAG_ERROR, "K0111", c->src, sp, "this test already names its kind");
    t->kind = kind;
    t->kind_span = sp;
    return t;
}

TestCase *ast_test_data(AstCtx *c, TestCase *t, const char *path, Span sp) {
    if (t->data) diag_at(c->diag, DIAG_ERROR, "K0111", c->src, sp, "this test already names its data file");
    t->data = path;
    t->data_span = sp;
    return t;
}

static SetFact *sets_append(SetFact *list, SetFact *x) {
    APPEND(SetFact, list, x);
}
static Expect *expects_append(Expect *list, Expect *x) {
    APPEND(Expect, list, x);
}
static TestCase *tests_append(TestCase *list, TestCase *x) {
    APPEND(TestCase, list, x);
}

TestCase *ast_test_set(AstCtx *c, TestCase *t, const char *name, Span name_sp, Expr *value, RecordInit *rows,
                       bool is_list, Span sp) {
    SetFact *f = arena_alloc(c->arena, sizeof *f);
    f->name = name;
    f->name_span = name_sp;
    f->value = value;
    f->rows = rows;
    f->is_list = is_list;
    f->span = sp;
    t->sets = sets_append(t->sets, f);
    return t;
}

TestCase *ast_test_expect(TestCase *t, Expect *x) {
    if (!x) return t; /* already reported */
    t->expects = expects_append(t->expects, x);
    return t;
}

Expect *ast_expect(AstCtx *c, ExpectKind k, const char *id, Span id_sp, Expr *value, const char *grade, Span sp) {
    Expect *x = arena_alloc(c->arena, sizeof *x);
    x->kind = k;
    x->id = id;
    x->id_span = id_sp;
    x->value = value;
    x->grade = grade;
    x->span = sp;
    return x;
}

/* expect item "1.2" = 8; expect part "3.1" = 7; expect rule "1a" = -0.5; */
Expect *ast_expect_number(AstCtx *c, ExpectKind k, const char *number, Span num_sp, Expr *value, Span sp) {
    Expect *x = ast_expect(c, k, number, num_sp, value, NULL, sp);
    x->by_number = true;
    return x;
}

/* expect part "3.1" = 7; expect rule "3b" = -2; in any script. 'part' and
 * 'rule' are words only here, not keywords: a fact or an item may still be
 * called rule. */
Expect *ast_expect_word(AstCtx *c, const char *word, Span word_sp, const char *number, Span num_sp, Expr *value,
                        Span sp) {
    static const char *const words[][3] = {{"part", "部分", "部分"}, {"rule", "規則", "规则"}};
    for (int k = 0; k < 2; k++)
        for (int s = 0; s < 3; s++)
            if (!strcmp(word, words[k][s]))
                return ast_expect_number(c, k ? EXPECT_RULE : EXPECT_PART, number, num_sp, value, sp);
    diag_at(c->diag, DIAG_ERROR, "K0100", c->src, word_sp,
            "expected 'item', 'category', 'group', 'part' or 'rule' before a number, found '%s'", word);
    return NULL;
}

RecordInit *ast_record(AstCtx *c, RecordInit *list, FieldInit *fields, Span sp) {
    RecordInit *r = arena_alloc(c->arena, sizeof *r);
    r->fields = fields;
    r->span = sp;
    APPEND(RecordInit, list, r);
}

FieldInit *ast_field_init(AstCtx *c, FieldInit *list, const char *name, Span name_sp, Expr *value) {
    FieldInit *f = arena_alloc(c->arena, sizeof *f);
    f->name = name;
    f->name_span = name_sp;
    f->value = value;
    APPEND(FieldInit, list, f);
}

void ast_add_test(AstCtx *c, TestCase *t, Span sp) {
    t->span = sp;
    c->std->tests = tests_append(c->std->tests, t);
}
