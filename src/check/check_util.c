/* check_util.c - what every part of the checker uses: located errors and
 * warnings, type and part names, facts and kinds found by name, constants
 * (bounds, defaults, points) and the kinds of an 'applies' list. Below all
 * the other check_*.c files: it calls none of them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check_impl.h"
#include "i18n.h"
#include "lex.h"
#include "script.h"

/* ---- helpers ------------------------------------------------------------ */

static Diag *report(Ctx *c, DiagLevel level, Span sp, const char *code, const char *fmt, va_list ap) {
    char buf[600];
    vsnprintf(buf, sizeof buf, _(fmt), ap);
    /* a message about a file quotes its keywords as the file writes them */
    return diag_at(c->diag, level, code, c->src, sp, "%s", lex_in_set(c->arena, buf, c->std->keyword_set));
}

Diag *check_err(Ctx *c, Span sp, const char *code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Diag *g = report(c, DIAG_ERROR, sp, code, fmt, ap);
    va_end(ap);
    return g;
}

Diag *check_warn(Ctx *c, Span sp, const char *code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Diag *g = report(c, DIAG_WARNING, sp, code, fmt, ap);
    va_end(ap);
    return g;
}

bool check_is_num(TypeKind t) {
    return t == TY_INTEGER || t == TY_DECIMAL || t == TY_PERCENT;
}

const char *check_type_name(TypeKind t) {
    switch (t) {
    case TY_INTEGER: return _("an integer");
    case TY_DECIMAL: return _("a number");
    case TY_PERCENT: return _("a percentage");
    case TY_BOOLEAN: return _("a yes/no value");
    case TY_DATE: return _("a date");
    case TY_TEXT: return _("text");
    case TY_ENUM: return _("one of a set of values");
    case TY_LIST: return _("a list");
    case TY_PERIOD: return _("a period of years, months or days");
    case TY_KIND: return _("the unit's kind (compare it: kind == town)");
    case TY_ERROR: break;
    }
    return _("an invalid value");
}

const char *check_fact_label(const Fact *f) {
    return f->label ? f->label : f->name;
}

const char *check_fmt_dec(Ctx *c, Dec d) {
    char buf[64];
    dec_format(d, 6, buf, sizeof buf);
    return arena_strdup(c->arena, buf);
}

Fact *check_find_fact(const Standard *std, const char *name) {
    if (std->fact_index) {
        /* the first of equal names, as the list below would find */
        size_t lo = 0, hi = (size_t)std->nfacts;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(std->fact_index[mid]->name, name) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < (size_t)std->nfacts && !strcmp(std->fact_index[lo]->name, name) ? std->fact_index[lo] : NULL;
    }
    for (Fact *f = std->facts; f; f = f->next)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

int check_find_kind(const Standard *std, const char *name) {
    for (const Kind *k = std->kinds; k; k = k->next)
        if (strcmp(k->id, name) == 0 || strcmp(k->label, name) == 0) return k->index;
    for (const Kind *k = std->kinds; k; k = k->next)
        if (script_equal(k->label, name)) return k->index;
    return -1;
}

int check_enum_member(const Fact *f, const char *s) {
    int i = 0;
    for (const StrList *m = f->type.members; m; m = m->next, i++)
        if (strcmp(m->s, s) == 0) return i;
    i = 0;
    for (const StrList *m = f->type.members; m; m = m->next, i++)
        if (script_equal(m->s, s)) return i;
    return -1;
}

/* ---- constants: bounds, defaults, points ------------------------------ */

/* Value of a literal of the given type (negative numbers allowed). */
bool check_const_value(Ctx *c, const Expr *e, TypeKind want, const Fact *f, Value *out) {
    memset(out, 0, sizeof *out);
    out->type = want;
    out->present = true;
    if (check_is_num(want)) {
        bool neg = false;
        if (e->kind == EX_NEG) neg = true, e = e->u.operand;
        if (e->kind != EX_NUMBER) goto bad;
        out->u.num = e->u.num.value;
        if (want == TY_INTEGER && !dec_is_int(out->u.num)) goto bad;
        if (neg) dec_neg(out->u.num, &out->u.num);
        return true;
    }
    switch (want) {
    case TY_BOOLEAN:
        if (e->kind != EX_BOOL) goto bad;
        out->u.b = e->u.boolean;
        return true;
    case TY_DATE:
        if (e->kind != EX_DATE) goto bad;
        out->u.date = e->u.date;
        return true;
    case TY_TEXT:
        if (e->kind != EX_STRING) goto bad;
        out->u.text = e->u.str;
        return true;
    case TY_ENUM:
        if (e->kind != EX_STRING) goto bad;
        out->u.member = check_enum_member(f, e->u.str);
        if (out->u.member < 0) {
            check_err(c, e->span, "K0210", "\"%s\" is not one of the values of '%s'", e->u.str, f->name);
            return false;
        }
        return true;
    default: break;
    }
bad:
    check_err(c, e->span, "K0211", "expected %s written as a literal here", check_type_name(want));
    return false;
}

bool check_const_number(Ctx *c, const Expr *e, Dec *out, const char *what) {
    what = _(what);
    Value v;
    if (!e) return false;
    if (e->kind != EX_NUMBER && !(e->kind == EX_NEG && e->u.operand->kind == EX_NUMBER)) {
        check_err(c, e->span, "K0212", "%s must be a number written out (like 10 or 2.5)", what);
        return false;
    }
    if (!check_const_value(c, e, TY_DECIMAL, NULL, &v)) return false;
    *out = v.u.num;
    return true;
}

/* ---- parts and kinds ---------------------------------------------------- */

const char *check_part_word(PartKind k) {
    switch (k) {
    case PART_CATEGORY: return _("category");
    case PART_GROUP: return _("group");
    case PART_ITEM: return _("item");
    case PART_BONUS: return _("bonus");
    case PART_PENALTY: return _("penalty");
    }
    return _("part");
}

uint32_t check_all_kinds(const Standard *s) {
    return s->nkinds ? (uint32_t)((1ull << s->nkinds) - 1) : 1u;
}

uint32_t check_kinds(Ctx *c, const StrList *names) {
    uint32_t mask = 0;
    for (; names; names = names->next) {
        int k = check_find_kind(c->std, names->s);
        if (k >= 30) continue; /* reported: at most 30 kinds */
        if (k < 0) {
            Diag *g = check_err(c, names->span, "K0230", "unknown unit kind '%s'", names->s);
            if (c->std->kinds)
                diag_help(c->diag, g, "the kinds are declared with 'kinds': %s, ...", c->std->kinds->id);
            else
                diag_help(c->diag, g, "declare the kinds first: kinds town \"鎮\", village \"村\";");
            continue;
        }
        mask |= 1u << k;
    }
    return mask;
}
