/* revise.c - merging a revision with the chain of standards it revises
 * (see revise.h). The merge works on the parsed trees, before the checker:
 * the revision's header replaces the base's (total, decimals and grade bands
 * only when written), its declarations are added, and its remove, move and
 * replace statements and fact renames change the inherited parts in place.
 * Each file of the chain keeps its own spans, offset by its origin, so an
 * error in an inherited part points into the file that wrote it. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "revise.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lex.h"
#include "limits.h"
#include "years.h"

typedef struct Ctx {
    Arena *arena;
    DiagSink *diag;
    const Source *src;               /* the first file of the chain: its spans cover them all */
    const char *chain[KP_MAX_CHAIN]; /* real paths of the files being read, revisions first */
    const char *shown[KP_MAX_CHAIN]; /* ... and as the user wrote them */
    int depth;
    Source *last; /* the last file of the chain: the next one goes after it */
} Ctx;

const char *revise_dir_of(Arena *arena, const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return ".";
    if (slash == path) return "/";
    return arena_strndup(arena, path, (size_t)(slash - path));
}

static Diag *err(Ctx *c, Span sp, const char *code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static Diag *err(Ctx *c, Span sp, const char *code, const char *fmt, ...) {
    char buf[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, _(fmt), ap);
    va_end(ap);
    return diag_at(c->diag, DIAG_ERROR, code, c->src, sp, "%s", buf);
}

static const char *what_name(int what) {
    switch (what) {
    case PART_CATEGORY: return "category";
    case PART_GROUP: return "group";
    case PART_ITEM: return "item";
    case PART_BONUS: return "bonus section";
    case PART_PENALTY: return "penalty";
    case REV_VETO: return "veto";
    case REV_FACT: return "fact";
    case REV_PHASE: return "phase";
    case REV_TASK: return "task";
    case REV_LET: return "let";
    case REV_OUTPUT: return "output";
    default: return "kind";
    }
}

static const char *a_name(int what) {
    switch (what) {
    case PART_CATEGORY: return "a category";
    case PART_GROUP: return "a group";
    case PART_ITEM: return "an item";
    case PART_BONUS: return "a bonus section";
    case PART_PENALTY: return "a penalty";
    default: return "something else";
    }
}

/* ---- finding what a revision names --------------------------------------- */

/* The link that points to the part with this id, anywhere in the tree. */
static Part **find_part(Part **link, const char *id, Part **parent, Part *up) {
    for (; *link; link = &(*link)->next) {
        if ((*link)->id && !strcmp((*link)->id, id)) {
            if (parent) *parent = up;
            return link;
        }
        Part **in = find_part(&(*link)->children, id, parent, *link);
        if (in) return in;
    }
    return NULL;
}

#define FIND_LINK(type, head, field, id)                                                                               \
    for (type **l_ = (head); *l_; l_ = &(*l_)->next)                                                                   \
        if (!strcmp((*l_)->field, (id))) return (void **)l_;                                                           \
    return NULL;

static void **find_veto(Standard *s, const char *id) {
    FIND_LINK(Veto, &s->vetoes, id, id)
}
static void **find_phase(Standard *s, const char *id) {
    FIND_LINK(Phase, &s->phases, id, id)
}
static void **find_task(Standard *s, const char *id) {
    FIND_LINK(Task, &s->tasks, id, id)
}
static void **find_fact(Standard *s, const char *id) {
    FIND_LINK(Fact, &s->facts, name, id)
}
static void **find_output(Standard *s, const char *id) {
    FIND_LINK(OutputDef, &s->outputs, id, id)
}
static void **find_kind(Standard *s, const char *id) {
    FIND_LINK(Kind, &s->kinds, id, id)
}
static void **find_let(Standard *s, const char *id) {
    FIND_LINK(Let, &s->lets, name, id)
}

static void **find_decl(Standard *s, int what, const char *id) {
    switch (what) {
    case REV_VETO: return find_veto(s, id);
    case REV_PHASE: return find_phase(s, id);
    case REV_TASK: return find_task(s, id);
    case REV_FACT: return find_fact(s, id);
    case REV_LET: return find_let(s, id);
    case REV_OUTPUT: return find_output(s, id);
    default: return find_kind(s, id);
    }
}

/* A part to hold others: a category, a group or a bonus section. */
static Part *find_holder(Ctx *c, Standard *s, const char *id, Span sp, const char *doing) {
    Part **l = find_part(&s->parts, id, NULL, NULL);
    if (!l) {
        err(c, sp, "K0703", "%s: there is no category or group '%s'", doing, id);
        return NULL;
    }
    if ((*l)->kind == PART_ITEM || (*l)->kind == PART_PENALTY) {
        err(c, sp, "K0704", "%s: '%s' is %s %s, not a category or group", doing, id,
            (*l)->kind == PART_ITEM ? "an" : "a", what_name((int)(*l)->kind));
        return NULL;
    }
    return *l;
}

static void append_child(Part *parent, Part *p) {
    p->next = NULL;
    Part **l = &parent->children;
    while (*l)
        l = &(*l)->next;
    *l = p;
}

/* The part a remove, move or replace names, of the kind it says; NULL (reported). */
static Part **named_part(Ctx *c, Standard *s, const Revision *r, const char *doing) {
    if (!r->id) { /* a bonus section without an id, by its title */
        for (Part **l = &s->parts; *l; l = &(*l)->next)
            if ((*l)->kind == PART_BONUS && !(*l)->id && (*l)->title && !strcmp((*l)->title, r->part->title)) return l;
        err(c, r->part->id_span, "K0703", "%s bonus \"%s\": the standard it revises has no bonus section \"%s\"", doing,
            r->part->title, r->part->title);
        return NULL;
    }
    Part **l = find_part(&s->parts, r->id, NULL, NULL);
    if (!l) {
        Diag *g = err(c, r->id_span, "K0703", "%s %s %s: the standard it revises has no %s '%s'", doing,
                      what_name(r->what), r->id, what_name(r->what), r->id);
        if (r->op == REV_REPLACE) diag_help(c->diag, g, "to add a new one, write it without 'replace'");
        return NULL;
    }
    if ((int)(*l)->kind != r->what) {
        err(c, r->id_span, "K0704", "%s %s %s: '%s' is %s, not %s", doing, what_name(r->what), r->id, r->id,
            a_name((int)(*l)->kind), a_name(r->what));
        return NULL;
    }
    return l;
}

/* ---- renaming a fact in everything inherited ----------------------------- */

/* Renames a fact in an expression. Deeper than the checker allows, it stops:
 * the checker reports that expression (K0215) rather than this recursion
 * running out of stack. */
static void rename_in(Expr *e, const char *old, const char *new_name, int depth) {
    if (!e || depth > KP_MAX_DEPTH) return;
    switch (e->kind) {
    case EX_NAME:
        if (!strcmp(e->u.name.name, old)) e->u.name.name = new_name;
        break;
    case EX_NEG:
    case EX_NOT: rename_in(e->u.operand, old, new_name, depth + 1); break;
    case EX_BINARY:
    case EX_AND:
    case EX_OR:
        rename_in(e->u.bin.lhs, old, new_name, depth + 1);
        rename_in(e->u.bin.rhs, old, new_name, depth + 1);
        break;
    case EX_IF:
        rename_in(e->u.ifx.cond, old, new_name, depth + 1);
        rename_in(e->u.ifx.then_, old, new_name, depth + 1);
        rename_in(e->u.ifx.else_, old, new_name, depth + 1);
        break;
    case EX_CALL:
        for (ExprList *a = e->u.call.args; a; a = a->next)
            rename_in(a->e, old, new_name, depth + 1);
        rename_in(e->u.call.where, old, new_name, depth + 1);
        break;
    case EX_TIERS:
        rename_in(e->u.tiers.subject, old, new_name, depth + 1);
        for (TierBand *b = e->u.tiers.bands; b; b = b->next) {
            rename_in(b->bound, old, new_name, depth + 1);
            rename_in(b->value, old, new_name, depth + 1);
        }
        rename_in(e->u.tiers.otherwise, old, new_name, depth + 1);
        break;
    case EX_EACH:
        rename_in(e->u.each.lo, old, new_name, depth + 1);
        rename_in(e->u.each.hi, old, new_name, depth + 1);
        rename_in(e->u.each.list, old, new_name, depth + 1);
        break;
    default: break;
    }
}

static void rename_expr(Expr *e, const char *old, const char *new_name) {
    rename_in(e, old, new_name, 0);
}

static void rename_parts(Part *p, const char *old, const char *new_name) {
    for (; p; p = p->next) {
        rename_expr(p->points, old, new_name);
        rename_expr(p->cap, old, new_name);
        rename_expr(p->deadline, old, new_name);
        rename_expr(p->applies_when, old, new_name);
        rename_expr(p->add_cap, old, new_name);
        rename_expr(p->weight, old, new_name);
        for (KindPoints *k = p->kind_points; k; k = k->next)
            rename_expr(k->points, old, new_name);
        for (Rule *r = p->rules; r; r = r->next) {
            rename_expr(r->amount, old, new_name);
            rename_expr(r->per, old, new_name);
            rename_expr(r->bound, old, new_name);
            for (RuleOpt *o = r->opts; o; o = o->next)
                rename_expr(o->e, old, new_name);
        }
        rename_parts(p->children, old, new_name);
    }
}

static void rename_fact(Standard *s, const char *old, const char *new_name) {
    rename_parts(s->parts, old, new_name);
    for (Veto *v = s->vetoes; v; v = v->next) {
        rename_expr(v->when, old, new_name);
        if (v->effect.amount) rename_expr(v->effect.amount, old, new_name);
    }
    for (OutputDef *o = s->outputs; o; o = o->next)
        rename_expr(o->value, old, new_name);
    for (Let *l = s->lets; l; l = l->next)
        rename_expr(l->e, old, new_name);
    for (Require *q = s->requires; q; q = q->next)
        rename_expr(q->cond, old, new_name);
    for (Task *t = s->tasks; t; t = t->next)
        if (t->done && !strcmp(t->done, old)) t->done = new_name;
}

/* ---- the merge ------------------------------------------------------------- */

/* A replacement of a part: what it writes replaces, what it leaves out is kept. */
static void replace_part(Ctx *c, Standard *s, Part **link, const Revision *r) {
    Part *old = *link, *n = r->part;
    const char *name = r->id ? r->id : n->title;
    if (n->title) old->title = n->title;
    if (n->points) old->points = n->points;
    if (n->cap) old->cap = n->cap;
    if (n->number) old->number = n->number, old->number_span = n->number_span, old->number_twice = n->number_twice;
    if (n->in) { /* replace ... in PARENT: moved too */
        Part *to = find_holder(c, s, n->in, n->in_span, "replace ... in");
        if (to && (to == old || find_part(&old->children, n->in, NULL, NULL)))
            err(c, n->in_span, "K0704", "replace ... in: %s cannot move into itself", name);
        else if (to) {
            *link = old->next;
            append_child(to, old);
        }
    }
    if (r->points_only) {
        if (!n->points && !n->cap && !n->title && !n->in && !n->number)
            err(c, r->id_span, "K0710", "replace %s %s changes nothing: write its new points, or a body { ... }",
                what_name(r->what), name);
        return;
    }
    if (n->rules) old->rules = n->rules;
    if (n->content) old->content = n->content;
    if (n->method) old->method = n->method;
    if (n->responsible) old->responsible = n->responsible;
    if (n->applies) old->applies = n->applies;
    if (n->deadline) old->deadline = n->deadline;
    if (n->no_floor) old->no_floor = true, old->floor_span = n->floor_span;
    /* the bounds and variants written in the new body replace the old ones */
    if (n->cap || n->no_cap) old->cap = n->cap, old->no_cap = n->no_cap, old->cap_span = n->cap_span;
    if (n->add_cap) old->add_cap = n->add_cap;
    if (n->add_after_floor) old->add_after_floor = true, old->order_span = n->order_span;
    if (n->applies_when) old->applies_when = n->applies_when;
    if (n->kind_points) old->kind_points = n->kind_points;
    if (n->scaled) old->scaled = true, old->scaled_span = n->scaled_span;
    if (n->weight) old->weight = n->weight;
    if (n->children)
        err(c, n->children->kw_span, "K0710",
            "a replaced %s keeps its parts: change them with their own 'replace', 'remove' or 'move'",
            what_name(r->what));
}

static void apply(Ctx *c, Standard *s, const Revision *r) {
    static const char *const doing[] = {"remove", "move", "replace"};
    if (!r->id && !(r->what == PART_BONUS && r->part && r->part->title)) {
        err(c, r->span, "K0703", "%s: name the %s by its id", doing[r->op], what_name(r->what));
        return;
    }
    if (r->what <= PART_PENALTY) {
        Part **l = named_part(c, s, r, doing[r->op]);
        if (!l) return;
        if (r->op == REV_REMOVE) {
            *l = (*l)->next;
        } else if (r->op == REV_MOVE) {
            Part *to = find_holder(c, s, r->to, r->to_span, "move");
            if (!to) return;
            /* (parents are set by the checker, later: search the subtree) */
            if (to == *l || find_part(&(*l)->children, r->to, NULL, NULL)) {
                if (to == *l)
                    err(c, r->to_span, "K0704", "move: %s cannot move into itself", r->id);
                else
                    err(c, r->to_span, "K0704", "move: '%s' is inside %s", r->to, r->id);
                return;
            }
            Part *p = *l;
            *l = p->next;
            append_child(to, p);
        } else {
            replace_part(c, s, l, r);
        }
        return;
    }
    if (r->op == REV_MOVE) return; /* the grammar moves parts only */
    void **l = find_decl(s, r->what, r->id);
    if (!l) {
        Diag *g = err(c, r->id_span, "K0703", "%s %s %s: the standard it revises has no %s '%s'", doing[r->op],
                      what_name(r->what), r->id, what_name(r->what), r->id);
        if (r->op == REV_REPLACE) diag_help(c->diag, g, "to add a new one, write it without 'replace'");
        return;
    }
    /* take the old declaration out of its list, or put the new one in its place */
#define SPLICE(type, repl)                                                                                             \
    do {                                                                                                               \
        type *old_ = *l;                                                                                               \
        if (r->op == REV_REPLACE) (repl)->next = old_->next;                                                           \
        *l = r->op == REV_REPLACE ? (void *)(repl) : (void *)old_->next;                                               \
    } while (0)
    switch (r->what) {
    case REV_VETO: SPLICE(Veto, r->veto); break;
    case REV_PHASE: SPLICE(Phase, r->phase); break;
    case REV_TASK: SPLICE(Task, r->task); break;
    case REV_FACT: SPLICE(Fact, r->fact); break;
    case REV_LET: SPLICE(Let, r->let); break;
    case REV_OUTPUT: SPLICE(OutputDef, r->output); break;
    default: *l = (void *)((Kind *)*l)->next; break;
    }
#undef SPLICE
}

#define CONCAT(type, a, b)                                                                                             \
    do {                                                                                                               \
        type **l_ = &(a);                                                                                              \
        while (*l_)                                                                                                    \
            l_ = &(*l_)->next;                                                                                         \
        *l_ = (b);                                                                                                     \
    } while (0)

/* Merges the revision r (its own declarations as parsed) onto its base b:
 * the result is r, holding b's declarations changed as r says. */
static void merge(Ctx *c, Standard *r, Standard *b) {
    if (!r->total) r->total = b->total;
    if (!r->decimals) r->decimals = b->decimals;
    if (!r->grades) r->grades = b->grades;
    r->sums_warn |= b->sums_warn;
    r->no_floor_total |= b->no_floor_total; /* the header's floor none; and add after floor; are kept */
    r->add_after_floor |= b->add_after_floor;
    /* facts: a renamed fact leaves, and everything inherited reads the new name */
    for (Fact *f = r->facts; f; f = f->next) {
        if (!f->renames) continue;
        void **l = find_fact(b, f->renames);
        if (!l) {
            err(c, f->renames_span, "K0707", "fact %s renames '%s', but the standard it revises has no fact '%s'",
                f->name, f->renames, f->renames);
            continue;
        }
        f->alias = fact_key(*l); /* the old year's data gives it by the old key */
        *l = (void *)((Fact *)*l)->next;
        rename_fact(b, f->renames, f->name);
    }
    Kind *kinds = r->kinds;
    r->kinds = b->kinds;
    CONCAT(Kind, r->kinds, kinds);
    Fact *facts = r->facts;
    r->facts = b->facts;
    CONCAT(Fact, r->facts, facts);
    /* new parts: at the top level, or into a category or group they name */
    Part *parts = r->parts;
    r->parts = b->parts;
    for (Part *p = parts, *next; p; p = next) {
        next = p->next;
        p->next = NULL;
        if (!p->in) {
            CONCAT(Part, r->parts, p);
        } else {
            Part *to = find_holder(c, r, p->in, p->in_span, "in");
            if (to) append_child(to, p);
        }
    }
    Veto *vetoes = r->vetoes;
    r->vetoes = b->vetoes;
    CONCAT(Veto, r->vetoes, vetoes);
    OutputDef *outputs = r->outputs;
    r->outputs = b->outputs;
    CONCAT(OutputDef, r->outputs, outputs);
    Phase *phases = r->phases;
    r->phases = b->phases;
    CONCAT(Phase, r->phases, phases);
    Task *tasks = r->tasks;
    r->tasks = b->tasks;
    CONCAT(Task, r->tasks, tasks);
    Let *lets = r->lets;
    r->lets = b->lets;
    CONCAT(Let, r->lets, lets);
    Require *requires = r->requires; /* the base's requirements, then the revision's own */
    r->requires = b->requires;
    CONCAT(Require, r->requires, requires);
    for (const Revision *rv = r->revisions; rv; rv = rv->next)
        apply(c, r, rv);
}

/* Reports what only a revision may write, in a standard that revises nothing. */
static void not_a_revision(Ctx *c, Standard *s) {
    const char *help = _("a standard that changes another says so in its header: revises \"2013.kp\";");
    for (const Revision *r = s->revisions; r; r = r->next)
        diag_help(c->diag,
                  err(c, r->span, "K0705", "this standard revises no other: there is nothing to %s",
                      r->op == REV_REMOVE ? "remove"
                      : r->op == REV_MOVE ? "move"
                                          : "replace"),
                  "%s", help);
    for (const Fact *f = s->facts; f; f = f->next)
        if (f->renames)
            diag_help(c->diag,
                      err(c, f->renames_span, "K0705", "this standard revises no other: there is no fact to rename"),
                      "%s", help);
    for (const Part *p = s->parts; p; p = p->next)
        if (p->in)
            diag_help(c->diag,
                      err(c, p->in_span, "K0705",
                          "this standard revises no other: 'in' adds to a category of the standard it revises"),
                      "%s", help);
}

static bool resolve(Ctx *c, Standard *std, Source *src);

/* The path of the base a revision names, or NULL (reported). */
static const char *base_path(Ctx *c, Standard *std, const Source *src) {
    const char *dir = revise_dir_of(c->arena, src->path);
    if (std->revises_file && !std->revises_file[0]) {
        err(c, std->revises_span, "K0701", "revises \"\": name the file of the standard it revises");
        return NULL;
    }
    if (std->revises_file) {
        if (std->revises_file[0] == '/' || !strcmp(dir, ".")) return std->revises_file;
        return arena_printf(c->arena, "%s/%s", dir, std->revises_file);
    }
    Dec y = {0, 1};
    if (!std->revises_year || std->revises_year->kind != EX_NUMBER || !dec_is_int(y = std->revises_year->u.num.value) ||
        y.num < 1900 || y.num > 9999) {
        err(c, std->revises_span, "K0701", "revises ... year: the year must be a year like 2013");
        return NULL;
    }
    YearShelf shelf;
    years_scan(&shelf, dir, NULL);
    int k = years_find(&shelf, (int)y.num, std->revises_title, src->path);
    const char *path = k >= 0 ? arena_strdup(c->arena, shelf.files[k].path) : NULL;
    if (k < 0) {
        Diag *g = err(c, std->revises_span, "K0701",
                      k == -1 ? N_("the standard it revises is not found: no standard %s%s%sof %d in %s")
                              : N_("the standard it revises is not one: several standards %s%s%sof %d in %s"),
                      std->revises_title ? "\"" : "", std->revises_title ? std->revises_title : "",
                      std->revises_title ? "\" " : "", (int)y.num, dir);
        diag_help(c->diag, g, "%s", years_list(&shelf, c->arena));
    }
    years_free(&shelf);
    return path;
}

/* Reads and parses the base of std, merges its own bases into it, then std into it. */
static bool resolve(Ctx *c, Standard *std, Source *src) {
    if (!std->revises) {
        not_a_revision(c, std);
        return c->diag->errors == 0;
    }
    const char *path = base_path(c, std, src);
    if (!path) return false;
    char *real = realpath(path, NULL);
    if (!real) {
        err(c, std->revises_span, "K0701", "the standard it revises, %s, cannot be read", path);
        return false;
    }
    for (int i = 0; i < c->depth; i++)
        if (!strcmp(c->chain[i], real)) {
            const char *cycle = c->shown[i];
            for (int k = i + 1; k < c->depth; k++)
                cycle =
                    arena_printf(c->arena, "%s%s %s", cycle, k == i + 1 ? " revises" : ", which revises", c->shown[k]);
            Diag *g =
                err(c, std->revises_span, "K0702", "a cycle of revisions: %s, which revises %s", cycle, c->shown[i]);
            diag_help(c->diag, g, "a revision names an earlier standard; the earliest revises nothing");
            free(real);
            return false;
        }
    if (c->depth == KP_MAX_CHAIN) {
        err(c, std->revises_span, "K0702", "more than %d standards in one chain of revisions", KP_MAX_CHAIN);
        free(real);
        return false;
    }
    c->shown[c->depth] = path;
    c->chain[c->depth++] = arena_strdup(c->arena, real);
    free(real);
    /* the base's text lives in the arena, after the chain's last file */
    Source tmp;
    DiagSink *d = c->diag;
    int before = d->errors;
    if (!source_read(&tmp, path, KP_MAX_RULE_FILE, d)) {
        err(c, std->revises_span, "K0701", "the standard it revises, %s, cannot be read", path);
        return false;
    }
    Source *base = arena_alloc(c->arena, sizeof *base);
    base->path = arena_strdup(c->arena, path);
    base->text = arena_strndup(c->arena, tmp.text, tmp.len);
    base->len = tmp.len;
    source_free(&tmp);
    base->origin = c->last->origin + (uint32_t)c->last->len + 2;
    if ((uint64_t)base->origin + base->len >= UINT32_MAX / 2) {
        err(c, std->revises_span, "K0702", "the chain of revisions is too large");
        return false;
    }
    c->last->next = base;
    c->last = base;
    Standard *b = lex_parse(base, c->arena, d);
    if (!b || d->errors > before) return false;
    if (!resolve(c, b, base)) return false;
    std->base_path = base->path;
    merge(c, std, b);
    return d->errors == before;
}

bool revise_resolve(Standard *std, Source *src, Arena *arena, DiagSink *diag) {
    Ctx c = {.arena = arena, .diag = diag, .src = src, .last = src};
    char *real = realpath(src->path, NULL);
    if (real) {
        c.shown[c.depth] = src->path;
        c.chain[c.depth++] = arena_strdup(arena, real);
        free(real);
    }
    return resolve(&c, std, src);
}

Standard *revise_load(const char *path, Arena *arena, DiagSink *diag) {
    Source tmp;
    if (!source_read(&tmp, path, KP_MAX_RULE_FILE, diag)) return NULL;
    Source *src = arena_alloc(arena, sizeof *src);
    src->path = arena_strdup(arena, path);
    src->text = arena_strndup(arena, tmp.text, tmp.len);
    src->len = tmp.len;
    source_free(&tmp);
    Standard *std = lex_parse(src, arena, diag);
    if (!std || diag->errors) return NULL;
    if (!revise_resolve(std, src, arena, diag)) return NULL;
    return check_standard(std, arena, diag) ? std : NULL;
}
