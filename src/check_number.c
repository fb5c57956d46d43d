/* check_number.c - the standard's own numbering: "1.2" on a part, "3b" on a
 * rule, as the office's table prints them. A number names one thing of the
 * standard: unique across all parts and rules, and never empty. One
 * exception, as tables write it: an item's rule may carry the item's own
 * number (item "2" whose scoring method is rule "2"). A category or group
 * written with rules of its own is scored as one item the checker makes
 * (check.c): that item shares the part's number, and its rules may carry it. */
#include <string.h>

#include "check_impl.h"
#include "i18n.h"

typedef struct Numbered {
    const char *number;
    Span span;
    const Part *part; /* the part, or the item holding the rule */
    const Rule *rule; /* NULL for a part */
} Numbered;

typedef struct Seen {
    Numbered *tab;
    int n, cap;
} Seen;

static const char *what_word(const Numbered *x) {
    if (x->rule) return _("rule");
    switch (x->part->kind) {
    case PART_CATEGORY: return _("category");
    case PART_GROUP: return _("group");
    case PART_ITEM: return _("item");
    case PART_BONUS: return _("bonus");
    case PART_PENALTY: return _("penalty");
    }
    return _("part");
}

static void see(Ctx *c, Seen *s, Numbered x) {
    if (!x.number) return;
    if (!*x.number) {
        Diag *g = check_err(c, x.span, "K0296", "an empty number");
        diag_help(c->diag, g, "write the number the standard's table prints, e.g. number \"1.2\", or leave it out");
        return;
    }
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->tab[i].number, x.number) &&
            !(x.rule && !s->tab[i].rule &&
              (s->tab[i].part == x.part || (x.part->implicit && s->tab[i].part == x.part->parent)))) {
            Span at = s->tab[i].span;
            const Source *src = source_at(c->src, &at);
            int line, col;
            diag_position(src, at.begin, &line, &col);
            Diag *g = check_err(c, x.span, "K0297", "number \"%s\" is used twice", x.number);
            diag_help(c->diag, g, "\"%s\" is already the number of the %s at %s:%d", x.number, what_word(&s->tab[i]),
                      src->path, line);
            return;
        }
    if (s->n == s->cap) {
        int nc = s->cap ? s->cap * 2 : 32;
        Numbered *t = arena_alloc(c->arena, sizeof *t * (size_t)nc);
        if (s->n) memcpy(t, s->tab, sizeof *t * (size_t)s->n);
        s->tab = t;
        s->cap = nc;
    }
    s->tab[s->n++] = x;
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
    Seen s = {0};
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
