/* check_number.c - the standard's own numbering: "1.2" on a part, "3b" on a
 * rule, as the office's table prints them. A number names one thing of the
 * standard: unique across all parts and rules, and never empty. One
 * exception, as tables write it: an item's rule may carry the item's own
 * number (item "2" whose scoring method is rule "2"), also when the rules
 * stand in a category or group, or a bonus section, of their own. */
#include <string.h>

#include "check_impl.h"
#include "i18n.h"
#include "strmap.h"

typedef struct Numbered {
    const char *number;
    Span span;
    const Part *part; /* the part, or the item holding the rule */
    const Rule *rule; /* NULL for a part */
} Numbered;

/* every number seen, each with the things it numbers (file order) */
typedef struct Seen {
    StrMap *numbers;
} Seen;

static const char *what_word(const Numbered *x) {
    return x->rule ? _("rule") : check_part_word(x->part->kind);
}

/* the part a rule is written in: an implicit item stands for its part */
static const Part *holder(const Part *p) {
    return p->implicit && p->parent ? p->parent : p;
}

static void see(Ctx *c, Seen *s, Numbered x) {
    if (!x.number) return;
    if (!*x.number) {
        Diag *g = check_err(c, x.span, "K0296", "an empty number");
        diag_help(c->diag, g, "write the number the standard's table prints, e.g. number \"1.2\", or leave it out");
        return;
    }
    for (const StrMapEntry *e = strmap_get(s->numbers, x.number); e; e = e->next) {
        const Numbered *o = e->value;
        if (x.rule && !o->rule && o->part == holder(x.part)) continue;
        Span at = o->span;
        const Source *src = source_at(c->src, &at);
        int line, col;
        diag_position(src, at.begin, &line, &col);
        Diag *g = check_err(c, x.span, "K0297", "number \"%s\" is used twice", x.number);
        diag_help(c->diag, g, "\"%s\" is already the number of the %s at %s:%d", x.number, what_word(o), src->path,
                  line);
        return;
    }
    Numbered *kept = arena_alloc(c->arena, sizeof *kept);
    *kept = x;
    strmap_add(s->numbers, x.number, kept);
}

static void walk(Ctx *c, Seen *s, const Part *p) {
    if (p->number_twice)
        check_err(c, p->number_span, "K0296", "this %s already has a number", what_word(&(Numbered){.part = p}));
    if (!p->implicit) see(c, s, (Numbered){p->number, p->number_span, p, NULL});
    for (const Rule *r = p->rules; r; r = r->next)
        see(c, s, (Numbered){r->number, r->number_span, p, r});
    for (const Part *ch = p->children; ch; ch = ch->next)
        walk(c, s, ch);
}

void check_numbers(Ctx *c) {
    Seen s = {strmap_new(c->arena)};
    for (const Part *p = c->std->parts; p; p = p->next)
        walk(c, &s, p);
}

static const Part *find_in(const Part *p, const char *number) {
    if (p->number && !strcmp(p->number, number)) return p;
    for (const Part *ch = p->children; ch; ch = ch->next) {
        const Part *f = find_in(ch, number);
        if (f) return f;
    }
    return NULL;
}

const Part *check_find_numbered_part(const Standard *s, const char *number) {
    for (const Part *p = s->parts; p; p = p->next) {
        const Part *f = find_in(p, number);
        if (f) return f;
    }
    return NULL;
}

const Rule *check_find_numbered_rule(const Standard *s, const char *number, const Part **item) {
    for (int i = 0; i < s->nitems; i++)
        for (const Rule *r = s->item_tab[i]->rules; r; r = r->next)
            if (r->number && !strcmp(r->number, number)) {
                if (item) *item = s->item_tab[i];
                return r;
            }
    return NULL;
}

/* ---- fired("1.1a"): a rule that reads another rule ------------------------------- */

/* A rule's number as written: rules after the one being checked have not had
 * their options folded yet. */
static const char *written_number(const Rule *r) {
    if (r->number) return r->number;
    for (const RuleOpt *o = r->opts; o; o = o->next)
        if (o->kind == OPT_NUMBER) return o->e->u.str;
    return NULL;
}

static const Part *item_with_rule(const Part *p, const char *number) {
    for (const Rule *r = p->rules; r; r = r->next) {
        const char *n = written_number(r);
        if (n && !strcmp(n, number)) return p;
    }
    for (const Part *ch = p->children; ch; ch = ch->next) {
        const Part *f = item_with_rule(ch, number);
        if (f) return f;
    }
    return NULL;
}

/* The numbers of the item's rules, for a help line: "1.1a", "1.1b" */
static void help_numbers(Ctx *c, Diag *g, const Part *item) {
    const char *list = NULL;
    for (const Rule *r = item->rules; r; r = r->next) {
        const char *n = written_number(r);
        if (n) list = list ? arena_printf(c->arena, "%s, \"%s\"", list, n) : arena_printf(c->arena, "\"%s\"", n);
    }
    if (list)
        diag_help(c->diag, g, "the rules of this item are numbered %s", list);
    else
        diag_help(c->diag, g, "no rule of this item has a number: write number \"...\" on the rule to be read");
}

/* fired("1.1a") is true when the rule numbered "1.1a" fired (its amount is
 * not 0). The rules of an item are evaluated in the order written, so it
 * reads a rule of the same item written before the one reading it. */
TypeKind check_fired(Ctx *c, Expr *e) {
    const ExprList *args = e->u.call.args;
    if (!args || args->next || args->e->kind != EX_STRING || e->u.call.where) {
        check_err(c, e->span, "K0207", "fired() takes the number of one rule, in quotes: fired(\"1.1a\")");
        return e->type = TY_ERROR;
    }
    const char *number = args->e->u.str;
    const Rule *self = c->rule;
    if (!self || !c->item) {
        Diag *g = check_err(c, e->u.call.name_span, "K0224", "fired() can only be read in a rule of an item");
        diag_help(c->diag, g, "it reads whether a rule written before, in the same item, fired");
        return e->type = TY_ERROR;
    }
    int i = 0;
    bool before = true;
    for (const Rule *r = c->item->rules; r; r = r->next, i++) {
        if (r == self) before = false;
        const char *n = written_number(r);
        if (!n || strcmp(n, number)) continue;
        if (r == self) {
            Diag *g = check_err(c, args->e->span, "K0224", "rule \"%s\" cannot read whether it fired itself", number);
            diag_help(c->diag, g, "fired() reads a rule written before this one, in the same item");
            return e->type = TY_ERROR;
        }
        if (!before) {
            Diag *g =
                check_err(c, args->e->span, "K0224",
                          "rule \"%s\" is written after this one: the rules of an item are evaluated in order", number);
            diag_help(c->diag, g, "write the rule that reads \"%s\" after it", number);
            return e->type = TY_ERROR;
        }
        e->fn = FN_FIRED;
        e->slot = i;
        return e->type = TY_BOOLEAN;
    }
    const Part *other = NULL;
    for (const Part *p = c->std->parts; p && !other; p = p->next)
        other = item_with_rule(p, number);
    Diag *g = other ? check_err(c, args->e->span, "K0224",
                                "rule \"%s\" belongs to another item ('%s'): fired() reads a rule of the same item",
                                number, other->id ? other->id : other->title)
                    : check_err(c, args->e->span, "K0224", "no rule numbered \"%s\" in this item", number);
    help_numbers(c, g, c->item);
    return e->type = TY_ERROR;
}
