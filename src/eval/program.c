/* program.c - compiling a checked standard for scoring (see program.h). */
#include "program.h"

/* A fact read as it is: not a named expression, not a record's field. */
static bool plain_fact(const Expr *x) {
    return x && x->kind == EX_NAME && !x->let && !x->is_field;
}

static Operand operand_of(const Expr *x) {
    Operand o = {.kind = x ? OPERAND_TREE : OPERAND_NONE, .expr = x};
    if (x && x->kind == EX_NUMBER) {
        o.kind = OPERAND_CONST;
        o.value = x->u.num.value;
    } else if (plain_fact(x) && (x->type == TY_INTEGER || x->type == TY_DECIMAL || x->type == TY_PERCENT)) {
        o.kind = OPERAND_FACT;
        o.slot = x->slot;
    }
    return o;
}

/* The literal side of 'F op literal', as the tree reads it (eval_expr.c:
 * operand): a number, a date, a boolean, an enum's member by its index. */
static bool literal_of(const Expr *x, TypeKind type, Value *out) {
    *out = (Value){.type = type, .present = true};
    switch (x->kind) {
    case EX_NUMBER:
        if (type != TY_INTEGER && type != TY_DECIMAL && type != TY_PERCENT) return false;
        out->type = TY_DECIMAL;
        out->u.num = x->u.num.value;
        return true;
    case EX_DATE:
        if (type != TY_DATE) return false;
        out->u.date = x->u.date;
        return true;
    case EX_BOOL:
        if (type != TY_BOOLEAN) return false;
        out->u.b = x->u.boolean;
        return true;
    case EX_STRING:
        if (type != TY_ENUM || x->type != TY_ENUM) return false;
        out->u.member = x->slot;
        return true;
    default: return false;
    }
}

static Condition condition_of(const Expr *x) {
    Condition c = {.kind = x ? CONDITION_TREE : CONDITION_NONE, .expr = x};
    if (!x) return c;
    if (plain_fact(x) && x->type == TY_BOOLEAN) {
        c.kind = CONDITION_FACT;
        c.slot = x->slot;
    } else if (x->kind == EX_NOT && plain_fact(x->u.operand) && x->u.operand->type == TY_BOOLEAN) {
        c.kind = CONDITION_NOT_FACT;
        c.slot = x->u.operand->slot;
    } else if (x->kind == EX_BINARY && x->u.bin.op >= OP_EQ && plain_fact(x->u.bin.lhs) &&
               literal_of(x->u.bin.rhs, x->u.bin.lhs->type, &c.literal)) {
        c.kind = CONDITION_COMPARE;
        c.op = x->u.bin.op;
        c.type = x->u.bin.lhs->type;
        c.slot = x->u.bin.lhs->slot;
    }
    return c;
}

ItemCode program_item(const Part *p) {
    ItemCode c = {.item = p,
                  .kinds = p->kinds,
                  .nrules = p->nrules,
                  .in_bonus = p->parent && p->parent->kind == PART_BONUS,
                  .own_points = p->kind_points != NULL,
                  .points = p->pts,
                  .bounds = bounds_of(p)};
    c.penalty = p->kind == PART_PENALTY;
    c.scored_up = c.in_bonus || c.penalty;
    for (const Part *up = p; up; up = up->parent)
        c.conditional |= up->applies_when != NULL;
    return c;
}

Program *program_new(const Standard *std, Arena *arena) {
    Program *p = arena_alloc(arena, sizeof *p);
    p->std = std;
    p->first_rule = arena_alloc(arena, sizeof *p->first_rule * (size_t)(std->nitems + 1));
    p->items = arena_alloc(arena, sizeof *p->items * (size_t)(std->nitems ? std->nitems : 1));
    int n = 0;
    for (int i = 0; i < std->nitems; i++) {
        p->items[i] = program_item(std->item_tab[i]);
        p->first_rule[i] = n;
        n += std->item_tab[i]->nrules;
        if (std->item_tab[i]->nrules > p->most_rules) p->most_rules = std->item_tab[i]->nrules;
    }
    p->first_rule[std->nitems] = n;
    p->nrules = n;
    p->first_child = arena_alloc(arena, sizeof *p->first_child * (size_t)(std->nparts + 1));
    int nchildren = 0;
    for (int i = 0; i < std->nparts; i++)
        for (const Part *ch = std->part_tab[i]->children; ch; ch = ch->next)
            nchildren++;
    p->children = arena_alloc(arena, sizeof *p->children * (size_t)(nchildren ? nchildren : 1));
    nchildren = 0;
    for (int i = 0; i < std->nparts; i++) {
        p->first_child[i] = nchildren;
        for (const Part *ch = std->part_tab[i]->children; ch; ch = ch->next)
            p->children[nchildren++] = ch->kind == PART_ITEM ? ch->index : -1 - ch->index;
    }
    p->first_child[std->nparts] = nchildren;
    p->rules = arena_alloc(arena, sizeof *p->rules * (size_t)(n ? n : 1));
    for (int i = 0; i < std->nitems; i++) {
        RuleCode *code = p->rules + p->first_rule[i];
        for (const Rule *r = std->item_tab[i]->rules; r; r = r->next, code++)
            *code = (RuleCode){.rule = r,
                               .span = r->span,
                               .kinds = r->applies ? r->kinds : UINT32_MAX,
                               .kind = r->kind,
                               .gap = r->gap,
                               .mode = r->mode,
                               .mode_given = r->mode_given,
                               .task = r->task != NULL,
                               .per_percent = r->per && r->per->type == TY_PERCENT,
                               .amount = operand_of(r->amount),
                               .per = operand_of(r->per),
                               .step = operand_of(r->step),
                               .bound = operand_of(r->bound),
                               .cap = operand_of(r->cap),
                               .when = condition_of(r->when)};
    }
    return p;
}
