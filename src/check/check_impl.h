/* check_impl.h - what the checker's files share: the context and the
 * functions of each part, declared here for the others (tests/deps/check
 * follows the calls: the parts depend one way, check.c on top, check_util.c
 * at the bottom). Not for use outside check*.c. */
#ifndef KP_CHECK_IMPL_H
#define KP_CHECK_IMPL_H

#include "check.h"
#include "limits.h"
#include "strmap.h"

enum { CHECK_MAX_DEPTH = KP_MAX_DEPTH };

/* Inside an aggregate: what its records or values are named by. A list's
 * fields (for a list of values, its one field 'it'), or one name bound by
 * 'in' (NAME in 1..12); the next scope out is up. */
typedef struct Scope {
    const Fact *list; /* the fields in scope, or NULL */
    const char *var;  /* a bound name, or NULL */
    TypeKind var_type;
    const Fact *var_fact; /* the bound name's field (its enum), or NULL */
    const struct Scope *up;
} Scope;

typedef struct Ctx {
    Standard *std;
    Arena *arena;
    DiagSink *diag;
    const Source *src;
    const Part *item; /* the item or penalty whose rules are checked */
    const Rule *rule; /* the rule whose expressions are checked (fired() reads the rules before it) */
    uint32_t kinds;   /* kinds scored on what is being checked */
    int depth;        /* expression nesting being checked */
    bool too_deep;    /* reported: the standard has an expression nested too deep */

    /* inside aggregates: the innermost scope */
    const Scope *scope;
    bool in_output; /* checking an output: total, grade and vetoed() may be read */
} Ctx;

/* check_util.c: located messages, names, constants, kinds */
Diag *check_err(Ctx *c, Span sp, const char *code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
Diag *check_warn(Ctx *c, Span sp, const char *code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
bool check_is_num(TypeKind t);
const char *check_type_name(TypeKind t);
const char *check_fmt_dec(Ctx *c, Dec d);
bool check_const_value(Ctx *c, const Expr *e, TypeKind want, const Fact *f, Value *out);
bool check_const_number(Ctx *c, const Expr *e, Dec *out, const char *what);
/* the kinds named in an 'applies' list, as a bit mask */
uint32_t check_kinds(Ctx *c, const StrList *names);
/* "category", "group", "item", ... in the user's language */
const char *check_part_word(PartKind k);
/* every kind of unit, as a bit mask (1 when the standard declares none) */
uint32_t check_all_kinds(const Standard *s);

/* check_part.c: the part tree (categories, groups, items, bonus sections,
 * penalties) and the rules of its items; the flat tables it fills */
typedef struct Tables {
    Part **items, **parts;
    int nitems, nparts, cap_items, cap_parts;
} Tables;
/* p and what it holds, under parent (NULL at the top); ids: every id so far */
void check_part(Ctx *c, Part *p, Part *parent, Tables *t, StrMap *ids);

/* check_expr.c: expressions */
TypeKind check_expr(Ctx *c, Expr *e);
/* A number (not a list), or a yes/no condition, where the message says. */
void check_number_expr(Ctx *c, Expr *e, const char *where);
void check_condition(Ctx *c, Expr *e, const char *where);
/* Reports a percentage compared with a plain number like 95 (meant 95%). */
void check_percent_literal(Ctx *c, const Expr *l, const Expr *r);

/* check_output.c: what a veto does (after the header's grades); outputs
 * (after the vetoes); total, grade and vetoed() in expressions */
void check_veto_effect(Ctx *c, Veto *v);
void check_outputs(Ctx *c, uint32_t all_kinds);
TypeKind check_result_expr(Ctx *c, Expr *e);
TypeKind check_vetoed(Ctx *c, Expr *e);
TypeKind check_part_result(Ctx *c, Expr *e);
/* check_number.c: fired("1.1a"), whether a rule written before in the same item fired */
TypeKind check_fired(Ctx *c, Expr *e);
/* check_campaign.c: phases, tasks, deadlines (after parts and facts) */
void check_campaign(Ctx *c, uint32_t all_kinds);
/* check_number.c: the standard's own numbers, unique and not empty (after parts) */
void check_numbers(Ctx *c);
const Part *check_find_numbered_part(const Standard *s, const char *number);
const Rule *check_find_numbered_rule(const Standard *s, const char *number, const Part **item);

/* check_calendar.c: 'kind' and 'year', calendar built-ins, a rule's kinds */
TypeKind check_unit_expr(Ctx *c, Expr *e);
TypeKind check_kind_binary(Ctx *c, Expr *e);
TypeKind check_calendar_misuse(Ctx *c, Expr *e, TypeKind a, TypeKind b);
TypeKind check_calendar_call(Ctx *c, Expr *e);
void check_rule_kinds(Ctx *c, const Part *item, Rule *r);
/* check_let.c: named expressions */
Let *check_find_let(const Standard *std, const char *name);
TypeKind check_let_ref(Ctx *c, Expr *e, Let *l);
void check_lets_start(Ctx *c);
void check_lets_end(Ctx *c);

#endif
