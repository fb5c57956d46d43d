/* check.c - the checker's structure pass (see check.h): header and grade
 * bands, facts, the parts (check_part.c) and their sums, requirements,
 * vetoes, tests, and the flat tables. */
#include <stdlib.h>
#include <string.h>

#include "check_impl.h"
#include "i18n.h"
#include "limits.h"
#include "strmap.h"

/* ---- facts' index ----------------------------------------------------------- */

static int by_fact_name(const void *a, const void *b) {
    const Fact *x = *(Fact *const *)a, *y = *(Fact *const *)b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->slot > y->slot) - (x->slot < y->slot);
}

/* ---- header: year, total, grade bands ----------------------------------- */

static void check_header(Ctx *c) {
    Standard *s = c->std;
    Span at = s->title_span;
    Dec v;
    if (!s->year)
        check_err(c, at, "K0240", "the header has no year: write year 2013;");
    else if (check_const_number(c, s->year, &v, "the year")) {
        if (!dec_is_int(v) || v.num < 1900 || v.num > 9999)
            check_err(c, s->year->span, "K0240", "the year must be a year like 2013");
        else
            s->year_value = (int)v.num;
    }
    if (!s->total)
        check_err(c, at, "K0241", "the header has no total: write total 1000;");
    else if (check_const_number(c, s->total, &s->total_value, "the total") && dec_sign(s->total_value) <= 0)
        check_err(c, s->total->span, "K0241", "the total must be more than 0");
    s->decimals_value = 2;
    if (s->decimals && check_const_number(c, s->decimals, &v, "decimals")) {
        if (!dec_is_int(v) || v.num < 0 || v.num > 6)
            check_err(c, s->decimals->span, "K0242", "decimals must be a whole number from 0 to 6");
        else
            s->decimals_value = (int)v.num;
    }
    int n = 0;
    const GradeBand *prev = NULL;
    for (GradeBand *g = s->grades; g; g = g->next, n++) {
        if (prev && prev->op == BAND_OTHERWISE)
            check_err(c, g->span, "K0243", "no grade can follow the 'otherwise' grade");
        if (g->op != BAND_OTHERWISE && check_const_number(c, g->bound, &g->value, "a grade's bound")) {
            int order = prev && prev->op != BAND_OTHERWISE ? dec_cmp(g->value, prev->value) : -1;
            /* "> 80" then ">= 80" gives exactly 80 its own band */
            if (order > 0 || (order == 0 && !(prev->op == BAND_GT && g->op == BAND_GE))) {
                Diag *d = check_err(c, g->bound->span, "K0243", "grade bands out of order: %s is not below %s",
                                    check_fmt_dec(c, g->value), check_fmt_dec(c, prev->value));
                diag_help(c->diag, d, "write the grades from the highest down");
            }
            if (s->total && dec_cmp(g->value, s->total_value) > 0)
                check_err(c, g->bound->span, "K0243", "the grade's bound %s is above the total %s",
                          check_fmt_dec(c, g->value), check_fmt_dec(c, s->total_value));
        }
        prev = g;
    }
    /* no bands at all: a standard without grades (every unit's grade is none) */
    if (prev && prev->op != BAND_OTHERWISE)
        check_err(c, prev->span, "K0244", "the last grade must be an 'otherwise' grade for units below every band");
    s->ngrades = n;
    s->grade_tab = arena_alloc(c->arena, sizeof(GradeBand *) * (size_t)(n ? n : 1));
    n = 0;
    for (GradeBand *g = s->grades; g; g = g->next)
        s->grade_tab[n++] = g;
}

/* ---- facts ----------------------------------------------------------------- */

static void check_fact_bounds(Ctx *c, Fact *f, TypeKind t);
/* The keys the data gives facts by (a `key`, else the name): written, and
 * one for each of the facts, or of a list's fields. */
static void check_fact_keys(Ctx *c, const Fact *list) {
    StrMap *keys = strmap_new(c->arena);
    for (const Fact *f = list; f; f = f->next) {
        if (f->key && (!f->key[0] || strlen(f->key) > KP_MAX_NAME))
            check_err(c, f->key_span, "K0256", "a key is the data's name for the fact: 1 to %d bytes", KP_MAX_NAME);
        for (const StrMapEntry *e = strmap_get(keys, fact_key(f)); e; e = e->next) {
            const Fact *o = e->value;
            if (f->key || o->key) {
                Diag *g =
                    check_err(c, f->key ? f->key_span : f->name_span, "K0256",
                              "the data's key \"%s\" would name both '%s' and '%s'", fact_key(f), o->name, f->name);
                diag_help(c->diag, g, "give each a key of its own: key \"...\"");
            }
        }
        strmap_add(keys, fact_key(f), (void *)f);
    }
}

/* `default []`: a list left out of the data is empty. */
static void check_empty_default(Ctx *c, Fact *f) {
    if (f->type.kind == TY_LIST && f->def) {
        Diag *g = check_err(c, f->def->span, "K0257", "a list's default is written default []");
        diag_help(c->diag, g, "default [] reads a list left out of the data as empty");
    }
    if (!f->empty_default) return;
    if (f->type.kind != TY_LIST) {
        Diag *g =
            check_err(c, f->empty_span, "K0257", "default [] is for a list, not for %s", check_type_name(f->type.kind));
        diag_help(c->diag, g, "write a value of its type, e.g. default 0");
        return;
    }
    f->def_value = (Value){.type = TY_LIST, .present = true};
    for (const Fact *fl = f->type.fields; fl; fl = fl->next)
        f->def_value.u.list.fields++;
}

static void check_fact(Ctx *c, Fact *f, int slot, bool is_field) {
    f->slot = slot;
    f->is_field = is_field;
    /* made once: what a rule saw names each fact it read, for every unit */
    f->shown = arena_printf(c->arena, "%s (%s)", check_fact_label(f), fact_key(f));
    f->shown_len = strlen(f->shown);
    TypeKind t = f->type.kind;
    if (!f->label) {
        Diag *g = check_warn(c, f->name_span, "K0306", "fact '%s' has no label", f->name);
        diag_help(c->diag, g, "a label in quotes tells evaluators what to collect: fact %s: ... \"label\";", f->name);
    }
    if (f->optional && (f->def || f->empty_default))
        check_warn(c, f->optional_span, "K0312",
                   "'optional' changes nothing here: with a default the fact is never absent");
    if (t == TY_ENUM) {
        StrMap *seen = strmap_new(c->arena);
        for (StrList *m = f->type.members; m; m = m->next) {
            for (const StrMapEntry *e = strmap_get(seen, m->s); e; e = e->next)
                check_err(c, m->span, "K0250", "\"%s\" is listed twice", m->s);
            strmap_add(seen, m->s, m);
        }
    }
    if (t == TY_LIST && f->type.of_values) {
        /* list of T: the bounds and the label hold for each value, 'it' */
        Fact *it = f->type.fields;
        it->lo = f->lo, it->hi = f->hi, it->label = f->label;
        f->lo = f->hi = NULL;
        if (f->def) check_err(c, f->def->span, "K0253", "a list has no default: a unit without values gives []");
        if (it->type.kind == TY_LIST)
            check_err(c, f->name_span, "K0252", "a list of lists: declare records with a list field");
        check_fact_bounds(c, it, it->type.kind);
        it->slot = 0;
        it->is_field = true;
        return;
    }
    if (t == TY_LIST) {
        int i = 0;
        StrMap *seen = strmap_new(c->arena);
        for (Fact *fl = f->type.fields; fl; fl = fl->next, i++) {
            for (const StrMapEntry *e = strmap_get(seen, fl->name); e; e = e->next)
                check_err(c, fl->name_span, "K0251", "duplicate field '%s'", fl->name);
            strmap_add(seen, fl->name, fl);
            if (check_find_fact(c->std, fl->name)) {
                Diag *g = check_warn(c, fl->name_span, "K0308", "field '%s' has the name of a fact", fl->name);
                diag_help(c->diag, g, "inside count(%s where ...) the field hides the fact; rename one of them",
                          f->name);
            }
            check_fact(c, fl, i, true);
        }
        check_fact_keys(c, f->type.fields);
        check_empty_default(c, f);
        if (f->lo || f->hi)
            check_err(c, (f->lo ? f->lo : f->hi)->span, "K0253", "bounds apply to numbers and dates, not to %s",
                      check_type_name(t));
        return;
    }
    check_empty_default(c, f);
    check_fact_bounds(c, f, t);
}

/* Bounds and default of a fact, a field or the values of a list of values. */
static void check_fact_bounds(Ctx *c, Fact *f, TypeKind t) {
    if ((f->lo || f->hi) && !check_is_num(t) && t != TY_DATE)
        check_err(c, (f->lo ? f->lo : f->hi)->span, "K0253", "bounds apply to numbers and dates, not to %s",
                  check_type_name(t));
    else {
        if (f->lo) check_const_value(c, f->lo, t, f, &f->lo_value);
        if (f->hi) check_const_value(c, f->hi, t, f, &f->hi_value);
        if (f->lo_value.present && f->hi_value.present && check_is_num(t) &&
            dec_cmp(f->lo_value.u.num, f->hi_value.u.num) > 0)
            check_err(c, f->lo->span, "K0253", "the lower bound is above the upper bound");
    }
    if (f->def && check_const_value(c, f->def, t, f, &f->def_value) && check_is_num(t)) {
        if ((f->lo_value.present && dec_cmp(f->def_value.u.num, f->lo_value.u.num) < 0) ||
            (f->hi_value.present && dec_cmp(f->def_value.u.num, f->hi_value.u.num) > 0))
            check_err(c, f->def->span, "K0253", "the default is outside the fact's bounds");
    }
}

/* ---- test cases: names resolved, values typed -------------------------- */

static const Part *find_part(const Standard *s, const char *id, bool item) {
    if (item) {
        for (int i = 0; i < s->nitems; i++)
            if (s->item_tab[i]->id && !strcmp(s->item_tab[i]->id, id)) return s->item_tab[i];
    } else {
        for (int i = 0; i < s->nparts; i++)
            if (s->part_tab[i]->id && !strcmp(s->part_tab[i]->id, id)) return s->part_tab[i];
    }
    return NULL;
}

static const Veto *find_veto(const Standard *s, const char *id) {
    for (const Veto *v = s->vetoes; v; v = v->next)
        if (!strcmp(v->id, id)) return v;
    return NULL;
}

/* A value written in a test: a literal of the fact's type. */
static void check_set_value(Ctx *c, const Fact *f, const Expr *e) {
    Value v;
    const Expr *lit = e->kind == EX_NEG ? e->u.operand : e;
    if (f->type.kind == TY_PERCENT && lit->kind == EX_NUMBER && !lit->u.num.percent && !dec_is_zero(lit->u.num.value)) {
        const char *t = ast_text(c->arena, c->src, lit->span);
        Diag *g = check_err(c, lit->span, "K0214", "'%s' is a plain number, but '%s' is a percentage", t, f->name);
        diag_help(c->diag, g, "write %s%% for %s percent", t, t);
        return;
    }
    check_const_value(c, e, f->type.kind, f, &v);
}

static void check_set(Ctx *c, SetFact *x, const TestCase *t) {
    for (const SetFact *o = t->sets; o != x; o = o->next)
        if (!strcmp(o->name, x->name)) {
            check_err(c, x->name_span, "K0270", "'%s' is set twice in this test", x->name);
            break;
        }
    const Fact *f = check_find_fact(c->std, x->name);
    x->fact = f;
    if (!f) {
        check_err(c, x->name_span, "K0201", "unknown fact '%s'", x->name);
        return;
    }
    if (x->is_list != (f->type.kind == TY_LIST)) {
        check_err(c, x->span, "K0271", x->is_list ? "'%s' is not a list" : "'%s' is a list: set it to [ {...}, ... ]",
                  x->name);
        return;
    }
    if (!x->is_list) {
        check_set_value(c, f, x->value);
        return;
    }
    for (const RecordInit *r = x->rows; r; r = r->next)
        for (const FieldInit *fi = r->fields; fi; fi = fi->next) {
            const Fact *field = NULL;
            for (const Fact *fl = f->type.fields; fl; fl = fl->next)
                if (!strcmp(fl->name, fi->name)) field = fl;
            if (!field)
                check_err(c, fi->name_span, "K0272", "the list '%s' has no field '%s'", f->name, fi->name);
            else
                check_set_value(c, field, fi->value);
        }
}

/* expect item|category|group|part|rule "NUMBER" = N: the standard's own number */
static void check_expect_number(Ctx *c, Expect *x) {
    const Standard *s = c->std;
    const Part *p = check_find_numbered_part(s, x->id);
    const Rule *r = x->kind == EXPECT_RULE || !p ? check_find_numbered_rule(s, x->id, &x->part) : NULL;
    if (x->kind == EXPECT_RULE) {
        if (!(x->rule = r)) check_err(c, x->id_span, "K0273", "no rule numbered \"%s\"", x->id);
    } else if (!p) {
        Diag *g = check_err(c, x->id_span, "K0273", "no part numbered \"%s\"", x->id);
        if (r) diag_help(c->diag, g, "\"%s\" is the number of a rule: write expect rule \"%s\" = ...", x->id, x->id);
    } else if (x->kind == EXPECT_ITEM && p->kind != PART_ITEM && p->kind != PART_PENALTY) {
        check_err(c, x->id_span, "K0273", "\"%s\" is not the number of an item", x->id);
    } else {
        x->part = p;
        /* an item or penalty is scored in the items' table, the others in the parts' */
        x->kind = p->kind == PART_ITEM || p->kind == PART_PENALTY ? EXPECT_ITEM : EXPECT_PART;
    }
    if (x->value) check_const_number(c, x->value, &x->number, "an expected score");
}

static void check_expect(Ctx *c, Expect *x) {
    const Standard *s = c->std;
    if (x->by_number) {
        check_expect_number(c, x);
        return;
    }
    switch (x->kind) {
    case EXPECT_ITEM:
    case EXPECT_RECT:
    case EXPECT_NO_RECT:
        if (!x->id) break;
        if (!(x->part = find_part(s, x->id, true))) check_err(c, x->id_span, "K0273", "no item '%s'", x->id);
        break;
    case EXPECT_PART:
        if (!(x->part = find_part(s, x->id, false)))
            check_err(c, x->id_span, "K0273", "no category or group '%s'", x->id);
        break;
    case EXPECT_VETO:
    case EXPECT_NO_VETO:
        if (x->id && !(x->veto = find_veto(s, x->id))) check_err(c, x->id_span, "K0273", "no veto '%s'", x->id);
        break;
    case EXPECT_GRADE: {
        if (!s->grades) {
            check_err(c, x->id_span, "K0267", "the standard has no grades: a test cannot expect one");
            break;
        }
        bool found = false;
        for (const GradeBand *g = s->grades; g; g = g->next)
            found |= !strcmp(g->name, x->grade);
        if (!found) check_err(c, x->id_span, "K0273", "no grade \"%s\"", x->grade);
        break;
    }
    default: break;
    }
    if (x->value) check_const_number(c, x->value, &x->number, "an expected score");
}

static void check_tests(Ctx *c) {
    for (TestCase *t = c->std->tests; t; t = t->next) {
        c->src = t->src;
        for (const TestCase *o = c->std->tests; o != t; o = o->next)
            if (!strcmp(o->name, t->name)) {
                int line, col;
                diag_position(o->src, o->span.begin, &line, &col);
                Diag *g = check_err(c, t->span, "K0274", "a second test named \"%s\"", t->name);
                diag_help(c->diag, g, "the first is in %s at line %d", o->src->path, line);
            }
        if (t->kind && check_find_kind(c->std, t->kind) < 0)
            check_err(c, t->kind_span, "K0230", "unknown unit kind '%s'", t->kind);
        for (SetFact *x = t->sets; x; x = x->next)
            check_set(c, x, t);
        for (Expect *x = t->expects; x; x = x->next)
            check_expect(c, x);
        if (!t->expects) check_warn(c, t->span, "K0309", "test \"%s\" expects nothing: it cannot fail", t->name);
    }
    c->src = c->std->src;
}

/* ---- entry point ------------------------------------------------------------ */

bool check_standard(Standard *s, Arena *arena, DiagSink *diag) {
    Ctx c = {.std = s, .arena = arena, .diag = diag, .src = s->src};
    int errors_before = diag->errors;
    if (s->has_header) check_header(&c);

    int nk = 0;
    StrMap *kind_ids = strmap_new(arena);
    for (Kind *k = s->kinds; k; k = k->next) {
        for (const StrMapEntry *e = strmap_get(kind_ids, k->id); e; e = e->next)
            check_err(&c, k->span, "K0260", "duplicate kind '%s'", k->id);
        strmap_add(kind_ids, k->id, k);
        k->index = nk++;
    }
    if (nk > 30) check_err(&c, s->kinds->span, "K0260", "at most 30 unit kinds");
    s->nkinds = nk > 30 ? 30 : nk;
    s->kind_tab = arena_alloc(arena, sizeof(Kind *) * (size_t)(nk ? nk : 1));
    nk = 0;
    for (Kind *k = s->kinds; k; k = k->next)
        s->kind_tab[nk++] = k;

    int nf = 0;
    for (Fact *f = s->facts; f; f = f->next)
        f->slot = nf++; /* as check_fact() numbers them: the index's order among equal names */
    s->nfacts = nf;
    s->fact_tab = arena_alloc(arena, sizeof(Fact *) * (size_t)(nf ? nf : 1));
    nf = 0;
    for (Fact *f = s->facts; f; f = f->next)
        s->fact_tab[nf++] = f;
    /* a unit's data names facts by the hundred, and so do the checks of lets
     * and fields: find them by binary search */
    Fact **index = arena_alloc(arena, sizeof(Fact *) * (size_t)(nf ? nf : 1));
    memcpy(index, s->fact_tab, sizeof(Fact *) * (size_t)nf);
    qsort(index, (size_t)nf, sizeof *index, by_fact_name);
    s->fact_index = index;

    nf = 0;
    check_lets_start(&c);
    StrMap *fact_names = strmap_new(arena);
    for (Fact *f = s->facts; f; f = f->next) {
        for (const StrMapEntry *e = strmap_get(fact_names, f->name); e; e = e->next) {
            const Fact *o = e->value;
            int line, col;
            diag_position(c.src, o->name_span.begin, &line, &col);
            Diag *g = check_err(&c, f->name_span, "K0261", "fact '%s' is declared twice", f->name);
            diag_help(diag, g, "the first declaration is at line %d", line);
        }
        strmap_add(fact_names, f->name, f);
        check_fact(&c, f, nf++, false);
    }
    check_fact_keys(&c, s->facts);
    s->nfacts = nf;
    if (nf > KP_MAX_FACTS) check_err(&c, s->facts->name_span, "K0264", "%d facts: at most %d", nf, KP_MAX_FACTS);

    Tables t = {0};
    StrMap *ids = strmap_new(arena);
    Dec sum = dec_zero();
    Span last = s->title_span;
    bool any_category = false;
    for (Part *p = s->parts; p; p = p->next) {
        if (p->kind == PART_GROUP || p->kind == PART_ITEM) {
            check_err(&c, p->kw_span, "K0236", "a %s belongs inside a category", check_part_word(p->kind));
            continue;
        }
        check_part(&c, p, NULL, &t, ids);
        Dec weighted = p->pts; /* a weighted category counts its share of the total */
        if (p->kind == PART_CATEGORY && dec_mul(p->pts, p->weight_value, &weighted) != DEC_OK) weighted = p->pts;
        if (p->kind == PART_CATEGORY) {
            if (dec_add(sum, weighted, &sum) != DEC_OK) {
                check_err(&c, p->kw_span, "K0233", "points too large to add up exactly");
                sum = dec_zero();
            }
            any_category = true;
            last = p->points ? p->points->span : p->kw_span;
        }
    }
    if (s->has_header && s->total && any_category && dec_cmp(sum, s->total_value) != 0) {
        Diag *g = diag_at(diag, s->sums_warn ? DIAG_WARNING : DIAG_ERROR, "K0301", c.src, s->total->span,
                          s->weighted ? N_("the categories' points times their weights add up to %s, not the total %s")
                                      : N_("the categories add up to %s, not the total %s"),
                          check_fmt_dec(&c, sum), check_fmt_dec(&c, s->total_value));
        (void)last;
        if (!s->sums_warn) diag_help(diag, g, "fix the points, or write 'sums warn;' in the header to accept it");
    }
    if (s->has_header && !any_category)
        check_err(&c, s->title_span, "K0262", "the standard has no category: nothing would be scored");
    if (t.nitems + t.nparts > KP_MAX_PARTS)
        check_err(&c, s->title_span, "K0264", "%d categories, groups and items: at most %d", t.nitems + t.nparts,
                  KP_MAX_PARTS);
    check_numbers(&c);
    s->item_tab = t.items;
    s->nitems = t.nitems;
    s->part_tab = t.parts;
    s->nparts = t.nparts;

    for (Require *q = s->requires; q; q = q->next) {
        c.kinds = check_all_kinds(s);
        check_condition(&c, q->cond, "the condition after 'require'");
    }
    int nv = 0;
    StrMap *veto_ids = strmap_new(arena);
    for (Veto *v = s->vetoes; v; v = v->next) {
        for (const StrMapEntry *e = strmap_get(veto_ids, v->id); e; e = e->next)
            check_err(&c, v->id_span, "K0263", "duplicate veto '%s'", v->id);
        strmap_add(veto_ids, v->id, v);
        c.kinds = check_all_kinds(s);
        check_condition(&c, v->when, "a veto's condition");
        check_veto_effect(&c, v);
        v->index = nv++;
    }
    s->nvetoes = nv;
    s->veto_tab = arena_alloc(arena, sizeof(Veto *) * (size_t)(nv ? nv : 1));
    nv = 0;
    for (Veto *v = s->vetoes; v; v = v->next)
        s->veto_tab[nv++] = v;

    check_outputs(&c, check_all_kinds(s));
    check_campaign(&c, check_all_kinds(s));
    check_lets_end(&c);
    check_tests(&c);
    for (Fact *f = s->facts; f; f = f->next)
        if (!f->used) {
            Diag *g = check_warn(&c, f->name_span, "K0307", "fact '%s' is declared but never used", f->name);
            diag_help(diag, g, "remove it, or score it in an item");
        }
    return diag->errors == errors_before;
}
