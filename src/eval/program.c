/* program.c - compiling a checked standard for scoring (see program.h). */
#include "program.h"

#include "check.h"

/* A fact read as it is: not a named expression, not a record's field. */
static bool plain_fact(const Expr *x) {
    return x && x->kind == EX_NAME && !x->let && !x->is_field;
}

static int constant(Program *p, Dec d) {
    p->constants[p->nconstants] = d;
    return p->nconstants++;
}

static Operand operand_of(Program *p, const Expr *x) {
    Operand o = {.kind = x ? OPERAND_TREE : OPERAND_NONE};
    if (x && x->kind == EX_NUMBER) {
        o.kind = OPERAND_CONST;
        o.at = constant(p, x->u.num.value);
    } else if (plain_fact(x) && (x->type == TY_INTEGER || x->type == TY_DECIMAL || x->type == TY_PERCENT)) {
        o.kind = OPERAND_FACT;
        o.at = x->slot;
    }
    return o;
}

/* The literal side of 'F op literal', as the tree reads it (eval_expr.c:
 * operand): a number, a date, a boolean, an enum's member by its index. */
static bool literal_of(Program *p, const Expr *x, TypeKind type, int32_t *out) {
    switch (x->kind) {
    case EX_NUMBER:
        if (type != TY_INTEGER && type != TY_DECIMAL && type != TY_PERCENT) return false;
        *out = constant(p, x->u.num.value);
        return true;
    case EX_DATE:
        if (type != TY_DATE) return false;
        *out = x->u.date;
        return true;
    case EX_BOOL:
        if (type != TY_BOOLEAN) return false;
        *out = x->u.boolean;
        return true;
    case EX_STRING:
        if (type != TY_ENUM || x->type != TY_ENUM) return false;
        *out = x->slot;
        return true;
    default: return false;
    }
}

static bool tier_value_of(Program *p, const Expr *x, TierValue *out) {
    if (x->kind == EX_NUMBER) {
        *out = (TierValue){TIER_CONST, constant(p, x->u.num.value)};
        return true;
    }
    if (x->kind == EX_POINTS) {
        *out = (TierValue){TIER_POINTS, 0};
        return true;
    }
    if (x->kind == EX_BINARY && x->u.bin.op == OP_MUL && x->u.bin.lhs->kind == EX_POINTS &&
        x->u.bin.rhs->kind == EX_NUMBER) {
        *out = (TierValue){TIER_POINTS_TIMES, constant(p, x->u.bin.rhs->u.num.value)};
        return true;
    }
    return false;
}

/* 'score tiers' on a plain fact, with literal bounds and values of the
 * forms above; else false, and the tree answers. */
static bool tiers_of(Program *p, const Expr *x, Arena *arena, Operand *out) {
    const Expr *subject = x->u.tiers.subject;
    TypeKind type = subject->type;
    if (!plain_fact(subject) || !x->u.tiers.otherwise) return false;
    if (type != TY_INTEGER && type != TY_DECIMAL && type != TY_PERCENT && type != TY_DATE && type != TY_ENUM)
        return false;
    int n = 0;
    for (const TierBand *b = x->u.tiers.bands; b; b = b->next)
        n++;
    TierCode *bands = arena_alloc(arena, sizeof *bands * (size_t)(n ? n : 1));
    TiersCode t = {.type = (uint8_t)type, .slot = subject->slot, .nbands = n, .bands = bands};
    int k = 0;
    for (const TierBand *b = x->u.tiers.bands; b; b = b->next, k++) {
        bands[k].op = (uint8_t)b->op;
        if (!literal_of(p, b->bound, type, &bands[k].bound) || !tier_value_of(p, b->value, &bands[k].value))
            return false;
    }
    if (!tier_value_of(p, x->u.tiers.otherwise, &t.otherwise)) return false;
    p->tiers[p->ntiers] = t;
    *out = (Operand){OPERAND_TIERS, p->ntiers++};
    return true;
}

static Condition condition_of(Program *p, const Expr *x) {
    Condition c = {.kind = x ? CONDITION_TREE : CONDITION_NONE};
    if (!x) return c;
    if (plain_fact(x) && x->type == TY_BOOLEAN) {
        c.kind = CONDITION_FACT;
        c.slot = x->slot;
    } else if (x->kind == EX_NOT && plain_fact(x->u.operand) && x->u.operand->type == TY_BOOLEAN) {
        c.kind = CONDITION_NOT_FACT;
        c.slot = x->u.operand->slot;
    } else if (x->kind == EX_BINARY && x->u.bin.op >= OP_EQ && plain_fact(x->u.bin.lhs) &&
               literal_of(p, x->u.bin.rhs, x->u.bin.lhs->type, &c.literal)) {
        c.kind = CONDITION_COMPARE;
        c.op = (uint8_t)x->u.bin.op;
        c.type = (uint8_t)x->u.bin.lhs->type;
        c.slot = x->u.bin.lhs->slot;
    }
    return c;
}

static ItemCode item_code(const Part *p) {
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

/* Scheduling: a part is scored once all its children are, its parts first. */
typedef struct Planner {
    Program *p;
    const Standard *std;
    bool *done; /* by part index */
    int *last;  /* by part index: the last item under it in item order, or -1 */
} Planner;

static void finish(Planner *pl, const Part *part) {
    if (pl->done[part->index]) return;
    for (const Part *ch = part->children; ch; ch = ch->next)
        if (ch->kind != PART_ITEM) finish(pl, ch);
    pl->done[part->index] = true;
    pl->p->schedule[pl->p->nschedule++] = -1 - part->index;
}

static int last_item(Planner *pl, const Part *part) {
    int last = -1;
    for (const Part *ch = part->children; ch; ch = ch->next) {
        int l = ch->kind == PART_ITEM ? ch->index : last_item(pl, ch);
        if (l > last) last = l;
    }
    return pl->last[part->index] = last;
}

static void plan_schedule(Program *p, const Standard *std, Arena *arena) {
    Planner pl = {p, std, arena_alloc(arena, (size_t)std->nparts + 1),
                  arena_alloc(arena, sizeof(int) * (size_t)(std->nparts + 1))};
    p->schedule = arena_alloc(arena, sizeof(int) * (size_t)(std->nitems + std->nparts + 1));
    p->penalties = arena_alloc(arena, sizeof(int) * (size_t)(std->nitems + 1));
    for (int i = 0; i < std->nparts; i++)
        pl.last[i] = -1;
    for (const Part *top = std->parts; top; top = top->next)
        if (top->kind == PART_CATEGORY || top->kind == PART_BONUS) last_item(&pl, top);
    for (int i = 0; i < std->nitems; i++) {
        const Part *item = std->item_tab[i];
        p->schedule[p->nschedule++] = i;
        if (item->kind == PART_PENALTY) p->penalties[p->npenalties++] = i;
        for (const Part *up = item->parent; up && up->kind != PART_ITEM && pl.last[up->index] == i; up = up->parent)
            finish(&pl, up);
    }
    for (const Part *top = std->parts; top; top = top->next)
        if (top->kind == PART_CATEGORY || top->kind == PART_BONUS) finish(&pl, top);
}

Program *program_new(const Standard *std, Arena *arena) {
    Program *p = arena_alloc(arena, sizeof *p);
    p->std = std;
    p->nkinds = std->nkinds;
    p->first_rule = arena_alloc(arena, sizeof *p->first_rule * (size_t)(std->nitems + 1));
    p->items = arena_alloc(arena, sizeof *p->items * (size_t)(std->nitems ? std->nitems : 1));
    int n = 0;
    for (int i = 0; i < std->nitems; i++) {
        p->items[i] = item_code(std->item_tab[i]);
        if (p->items[i].own_points) {
            Dec *by_kind = arena_alloc(arena, sizeof *by_kind * (size_t)(std->nkinds + 1));
            for (int k = 0; k < std->nkinds; k++)
                by_kind[k] = check_part_points(std->item_tab[i], k);
            p->items[i].points_by_kind = by_kind;
        }
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
    plan_schedule(p, std, arena);
    p->rules = arena_alloc(arena, sizeof *p->rules * (size_t)(n ? n : 1));
    int nconst = 6 * n + 1; /* six a rule, and the numbers of its tiers */
    for (int i = 0; i < std->nitems; i++)
        for (const Rule *r = std->item_tab[i]->rules; r; r = r->next)
            if (r->amount && r->amount->kind == EX_TIERS)
                for (const TierBand *b = r->amount->u.tiers.bands; b; b = b->next)
                    nconst += 2;
    p->constants = arena_alloc(arena, sizeof *p->constants * (size_t)nconst);
    p->tiers = arena_alloc(arena, sizeof *p->tiers * (size_t)(n + 1));
    for (int i = 0; i < std->nitems; i++) {
        RuleCode *code = p->rules + p->first_rule[i];
        for (const Rule *r = std->item_tab[i]->rules; r; r = r->next, code++) {
            *code = (RuleCode){.rule = r,
                               .span = r->span,
                               .kinds = r->applies ? r->kinds : UINT32_MAX,
                               .kind = (uint8_t)r->kind,
                               .gap = (uint8_t)r->gap,
                               .mode = (uint8_t)r->mode,
                               .mode_given = r->mode_given,
                               .task = r->task != NULL,
                               .per_percent = r->per && r->per->type == TY_PERCENT,
                               .amount = operand_of(p, r->amount),
                               .per = operand_of(p, r->per),
                               .step = operand_of(p, r->step),
                               .bound = operand_of(p, r->bound),
                               .cap = operand_of(p, r->cap),
                               .when = condition_of(p, r->when)};
            if (r->amount && r->amount->kind == EX_TIERS) tiers_of(p, r->amount, arena, &code->amount);
        }
    }
    return p;
}
