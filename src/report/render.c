/* render.c - phrases shared by the text and JSON renderers (see render.h). */
#include "render.h"

#include "dates.h"
#include "i18n.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "check.h"
#include "lex.h"
#include "peer.h"
#include "render_jsonw.h"
#include "width.h"

const char *render_clean(Arena *a, const char *s) {
    char *out = arena_strdup(a, s);
    for (char *p = out; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F) *p = '?';
    return out;
}

const char *render_dec(Arena *a, Dec d, int places) {
    char buf[64];
    size_t n = dec_format(d, places, buf, sizeof buf);
    return arena_strndup(a, buf, n);
}

/* ---- phrases: text built in one buffer, piece by piece ------------------------
 * What a rule saw and what would win its points back are built for every
 * fired rule of every unit: appended here, not joined from texts of their
 * own (each copied again by the next join). */
typedef struct {
    Arena *a;
    char *s; /* NUL-terminated, in a */
    size_t len, cap;
} Phrase;

static void ph_grow(Phrase *p, size_t n) {
    size_t cap = p->cap ? p->cap * 2 : 128;
    while (cap < p->len + n + 1)
        cap *= 2;
    char *t = arena_alloc_raw(p->a, cap);
    if (p->len) memcpy(t, p->s, p->len);
    p->s = t;
    p->cap = cap;
}

static inline void ph_put(Phrase *p, const char *s, size_t n) {
    if (p->len + n + 1 > p->cap) ph_grow(p, n);
    memcpy(p->s + p->len, s, n);
    p->len += n;
    p->s[p->len] = '\0';
}

static void ph_str(Phrase *p, const char *s) {
    ph_put(p, s, strlen(s));
}

static const char *ph_text(Phrase *p) {
    return p->s ? p->s : "";
}

/* A number as render_number writes it, in buf (64 bytes); its length. */
static size_t number_text(Dec d, TypeKind t, char *buf) {
    if (t != TY_PERCENT) return dec_format(d, 6, buf, 64);
    size_t n = dec_format_percent(d, 4, buf, 63);
    buf[n++] = '%';
    buf[n] = '\0';
    return n;
}

static void ph_number(Phrase *ph, Dec d, TypeKind t) {
    char buf[64];
    ph_put(ph, buf, number_text(d, t, buf));
}

const char *render_number(Arena *a, Dec d, TypeKind t) {
    char buf[64];
    return arena_strndup(a, buf, number_text(d, t, buf));
}

/* YYYY-MM-DD in buf (16 bytes, years of 1 to 4 digits as %04d); its length. */
static size_t day_text(int32_t day, char *buf) {
    int y, m, d;
    dates_to_civil(day, &y, &m, &d);
    if (y < 0 || y > 9999) return (size_t)snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
    char *q = buf;
    *q++ = (char)('0' + y / 1000), *q++ = (char)('0' + y / 100 % 10), *q++ = (char)('0' + y / 10 % 10);
    *q++ = (char)('0' + y % 10), *q++ = '-', *q++ = (char)('0' + m / 10), *q++ = (char)('0' + m % 10);
    *q++ = '-', *q++ = (char)('0' + d / 10), *q++ = (char)('0' + d % 10), *q = '\0';
    return 10;
}

static void ph_value(Phrase *ph, const Value *v, const Fact *f) {
    if (!v->present) {
        ph_str(ph, "(none)");
        return;
    }
    switch (f->type.kind) {
    case TY_INTEGER:
    case TY_DECIMAL:
    case TY_PERCENT: ph_number(ph, v->u.num, f->type.kind); return;
    case TY_BOOLEAN: ph_str(ph, v->u.b ? "yes" : "no"); return;
    case TY_DATE: {
        char buf[16];
        ph_put(ph, buf, day_text(v->u.date, buf));
        return;
    }
    case TY_TEXT:
        ph_put(ph, "\"", 1);
        ph_str(ph, render_clean(ph->a, v->u.text));
        ph_put(ph, "\"", 1);
        return;
    case TY_ENUM: {
        const StrList *m = f->type.members;
        for (int i = 0; m && i < v->u.member; i++)
            m = m->next;
        if (!m) {
            ph_str(ph, "?");
            return;
        }
        ph_put(ph, "\"", 1);
        ph_str(ph, m->s);
        ph_put(ph, "\"", 1);
        return;
    }
    case TY_LIST: {
        char buf[32];
        ph_put(ph, buf, (size_t)snprintf(buf, sizeof buf, "%d records", v->u.list.rows));
        return;
    }
    default: ph_str(ph, "?"); return;
    }
}

const char *render_value(Arena *a, const Value *v, const Fact *f) {
    Phrase ph = {a, NULL, 0, 0};
    ph_value(&ph, v, f);
    return ph_text(&ph);
}

/* "label (key)" of a fact: as the checker made it (Fact.shown), or made here. */
static void ph_fact(Phrase *ph, const Fact *f) {
    if (f->shown) {
        ph_put(ph, f->shown, f->shown_len);
        return;
    }
    ph_str(ph, check_fact_label(f));
    ph_put(ph, " (", 2);
    ph_str(ph, fact_key(f));
    ph_put(ph, ")", 1);
}

/* The fact a name reads, when it has a label to be named by; else NULL. */
static const Fact *labelled_fact(const Expr *x) {
    return x->kind == EX_NAME && !x->is_field && !x->let && x->type_fact && x->type_fact->label ? x->type_fact : NULL;
}

static void ph_subject(Phrase *ph, const Standard *std, const Expr *x) {
    const Fact *f = labelled_fact(x);
    if (f) {
        ph_fact(ph, f);
    } else if (x->kind == EX_NAME && x->let && x->let->label) {
        ph_str(ph, x->let->label);
        ph_put(ph, " (", 2);
        ph_str(ph, x->let->name);
        ph_put(ph, ")", 1);
    } else {
        ph_str(ph, ast_text(ph->a, std->src, x->span));
    }
}

const char *render_subject(Arena *a, const Standard *std, const Expr *x) {
    Phrase ph = {a, NULL, 0, 0};
    ph_subject(&ph, std, x);
    return ph_text(&ph);
}

/* A piece of text and its length, for ph_format. */
typedef struct {
    const char *s;
    size_t n;
} PhArg;

/* A translated phrase's %s and %N$s (a translation may move them), and
 * %%, from args: the same text as printf gives. */
static void ph_format(Phrase *ph, const char *fmt, const PhArg *args, int nargs) {
    int next = 0;
    const char *run = fmt, *p = fmt;
    for (; *p; p++) {
        if (*p != '%') continue;
        ph_put(ph, run, (size_t)(p - run));
        const char *q = p + 1;
        int at = next;
        if (*q >= '1' && *q <= '9' && q[1] == '$') at = *q - '1', q += 2;
        if (*q == '%') {
            ph_put(ph, "%", 1);
        } else if (*q == 's' && at < nargs) {
            ph_put(ph, args[at].s, args[at].n);
            next = at + 1;
        } else { /* no phrase has another conversion: left as written */
            ph_str(ph, p);
            return;
        }
        p = q;
        run = q + 1;
    }
    ph_put(ph, run, (size_t)(p - run));
}

/* The subject of a phrase as an argument: a fact's "label (key)" as the
 * checker made it, else built in the arena. */
static PhArg subject_arg(Arena *a, const Standard *std, const Expr *x) {
    const Fact *f = labelled_fact(x);
    if (f && f->shown) return (PhArg){f->shown, f->shown_len};
    Phrase ph = {a, NULL, 0, 0};
    ph_subject(&ph, std, x);
    return (PhArg){ph_text(&ph), ph.len};
}

/* The rule's source text without its 'number "1a"' option: the number is shown apart. */
static const char *rule_source(Arena *a, const Standard *std, const Rule *r) {
    const RuleOpt *num = NULL;
    for (const RuleOpt *o = r->opts; o; o = o->next)
        if (o->kind == OPT_NUMBER) num = o;
    if (!num || num->span.begin < r->span.begin || num->span.end > r->span.end) return ast_text(a, std->src, r->span);
    const char *head = ast_text(a, std->src, (Span){r->span.begin, num->span.begin});
    if (num->span.end == r->span.end) return head;
    const char *tail = ast_text(a, std->src, (Span){num->span.end, r->span.end});
    return arena_printf(a, "%s %s", head, tail);
}

const char *render_rule_text(Arena *a, const Standard *std, const Rule *r) {
    if (r->task) return arena_printf(a, "task %s: %s", r->task->id, ast_text(a, std->src, r->span));
    return rule_source(a, std, r);
}

static const char *join(Arena *a, const StrList *list) {
    size_t n = 0;
    for (const StrList *o = list; o; o = o->next)
        n += strlen(o->s) + 2;
    char *s = arena_alloc(a, n + 1);
    for (const StrList *o = list; o; o = o->next) {
        if (o != list) strcat(s, ", ");
        strcat(s, o->s);
    }
    return s;
}

const char *render_owners(Arena *a, const Part *p) {
    return join(a, p->owners);
}

const char *render_entry_owners(Arena *a, const Part *item, const Rule *rule) {
    const Task *t = rule->task;
    return t && t->responsible ? join(a, t->responsible) : render_owners(a, item);
}

/* Appends "label (name) value" for every fact an expression reads. */
static void saw_expr(Phrase *ph, const Result *res, const Expr *x, const Fact **seen, int *nseen) {
    if (!x) return;
    switch (x->kind) {
    case EX_NAME: {
        if (x->let) { /* the facts a named expression reads */
            saw_expr(ph, res, x->let->e, seen, nseen);
            return;
        }
        if (x->is_field || !x->type_fact || x->type == TY_LIST) return;
        for (int i = 0; i < *nseen; i++)
            if (seen[i] == x->type_fact) return;
        if (*nseen < 16) seen[(*nseen)++] = x->type_fact;
        const Fact *f = x->type_fact;
        if (ph->len) ph_put(ph, ", ", 2);
        ph_fact(ph, f);
        ph_put(ph, " ", 1);
        ph_value(ph, &res->unit->facts[f->slot], f);
        return;
    }
    case EX_NEG:
    case EX_NOT: saw_expr(ph, res, x->u.operand, seen, nseen); return;
    case EX_BINARY:
    case EX_AND:
    case EX_OR:
        saw_expr(ph, res, x->u.bin.lhs, seen, nseen);
        saw_expr(ph, res, x->u.bin.rhs, seen, nseen);
        return;
    case EX_IF:
        saw_expr(ph, res, x->u.ifx.cond, seen, nseen);
        saw_expr(ph, res, x->u.ifx.then_, seen, nseen);
        saw_expr(ph, res, x->u.ifx.else_, seen, nseen);
        return;
    case EX_CALL:
        for (const ExprList *l = x->u.call.args; l; l = l->next)
            saw_expr(ph, res, l->e, seen, nseen);
        return;
    case EX_TIERS: saw_expr(ph, res, x->u.tiers.subject, seen, nseen); return;
    default: return;
    }
}

const char *render_day(Arena *a, int32_t day);

const char *render_peer(Arena *a, const RuleResult *rr) {
    const PeerSeen *p = rr->peer;
    if (!p || !p->fact) return "";
    const char *s = "";
    if (p->rank)
        s = arena_printf(a, p->low ? _("rank %ld of %ld from the lowest") : _("rank %ld of %ld"), p->rank, p->n);
    if (p->ref_fn != FN_NONE) {
        const char *v = render_number(a, p->ref, p->fact->type.kind);
        const char *r = arena_printf(a,
                                     p->ref_fn == FN_PEER_MAX   ? _("best %s of %ld")
                                     : p->ref_fn == FN_PEER_MIN ? _("lowest %s of %ld")
                                                                : _("mean %s of %ld"),
                                     v, p->n);
        s = *s ? arena_printf(a, "%s, %s", s, r) : r;
    }
    if (!*s) s = arena_printf(a, _("%ld of its kind give it"), p->n);
    return s;
}

const char *render_saw(Arena *a, const Result *res, const RuleResult *rr) {
    const Rule *r = rr->rule;
    if (r->task) {
        const TaskResult *tr = &res->tasks[r->task->index];
        return arena_printf(a, _("task %s due %s: %s"), r->task->id, render_day(a, r->task->due_day),
                            render_task_status(a, tr));
    }
    const Standard *std = res->std;
    Phrase ph = {a, NULL, 0, 0};
    const Fact *seen[16];
    int nseen = 0;
    if (rr->has_value && rr->subject) {
        /* the counted value against its bar */
        char v[64], bar[64];
        size_t nv = number_text(rr->value, rr->subject->type, v);
        if (r->gap != GAP_NONE || r->kind == RULE_SCORE) {
            size_t nbar = number_text(rr->bar, rr->subject->type, bar);
            const PhArg args[] = {subject_arg(a, std, rr->subject), {v, nv}, {bar, nbar}};
            ph_format(&ph, rr->target == TARGET_LOWER ? _("%s %s, required at most %s") : _("%s %s, required %s"), args,
                      3);
        } else {
            ph_subject(&ph, std, rr->subject);
            ph_put(&ph, " ", 1);
            ph_put(&ph, v, nv);
        }
        if (rr->subject->kind == EX_NAME) seen[nseen++] = rr->subject->type_fact;
    } else {
        saw_expr(&ph, res, r->amount, seen, &nseen);
    }
    saw_expr(&ph, res, r->when, seen, &nseen);
    const char *peer = render_peer(a, rr);
    if (*peer) {
        if (ph.len) ph_put(&ph, "; ", 2);
        ph_str(&ph, peer);
    }
    return ph_text(&ph);
}

static const char *flip(BinOp op) {
    switch (op) {
    case OP_EQ: return "!=";
    case OP_NE: return "==";
    case OP_LT: return ">=";
    case OP_LE: return ">";
    case OP_GT: return "<=";
    case OP_GE: return "<";
    default: return "?";
    }
}

/* The condition that would stop the rule firing, in the standard's words. */
static const char *negated(Arena *a, const Standard *std, const Expr *x) {
    switch (x->kind) {
    case EX_NOT: {
        const Expr *y = x->u.operand;
        if (y->kind == EX_NAME) return arena_printf(a, _("%s must be yes"), render_subject(a, std, y));
        return ast_text(a, std->src, y->span);
    }
    case EX_NAME:
        if (x->type == TY_BOOLEAN) return arena_printf(a, _("%s must be no"), render_subject(a, std, x));
        break;
    case EX_BINARY:
        if (x->u.bin.op >= OP_EQ)
            return arena_printf(a, "%s %s %s", render_subject(a, std, x->u.bin.lhs), flip(x->u.bin.op),
                                ast_text(a, std->src, x->u.bin.rhs->span));
        break;
    case EX_CALL: /* a surcharge: it goes when the rule it reads does not fire */
        if (x->fn == FN_FIRED) return arena_printf(a, _("rule \"%s\" must not fire"), x->u.call.args->e->u.str);
        break;
    case EX_OR: return arena_printf(a, _("%s, and %s"), negated(a, std, x->u.bin.lhs), negated(a, std, x->u.bin.rhs));
    case EX_AND: return arena_printf(a, _("%s, or %s"), negated(a, std, x->u.bin.lhs), negated(a, std, x->u.bin.rhs));
    default: break;
    }
    return arena_printf(a, "not (%s)", ast_text(a, std->src, x->span));
}

const char *render_day(Arena *a, int32_t day);

const char *render_target(Arena *a, const Result *res, const RuleResult *rr) {
    const Expr *s = rr->subject;
    if (rr->target != TARGET_RAISE && rr->target != TARGET_LOWER)
        return render_target_fixed(a, res->std, rr->rule, rr->target);
    char goal[64], more[64];
    size_t ngoal = number_text(rr->goal, s->type, goal);
    Phrase t = {a, NULL, 0, 0};
    const PhArg args[] = {subject_arg(a, res->std, s), {goal, ngoal}};
    ph_format(&t,
              rr->target == TARGET_RAISE ? (rr->goal_inclusive ? _("raise %s to %s") : _("raise %s to above %s"))
                                         : (rr->goal_inclusive ? _("lower %s to %s") : _("lower %s to below %s")),
              args, 2);
    if (dec_sign(rr->short_by) > 0) {
        Phrase with = {a, NULL, 0, 0};
        size_t nmore = dec_format(rr->short_by, 6, more, sizeof more);
        const PhArg args2[] = {{ph_text(&t), t.len}, {more, nmore}};
        ph_format(&with, rr->target == TARGET_RAISE ? _("%s (%s more)") : _("%s (%s fewer)"), args2, 2);
        return ph_text(&with);
    }
    return ph_text(&t);
}

const char *render_target_fixed(Arena *a, const Standard *std, const Rule *r, TargetKind kind) {
    switch (kind) {
    case TARGET_RAISE:
    case TARGET_LOWER: return NULL;
    case TARGET_ZERO: { /* the count the rule deducts per */
        if (!r->per) break;
        Phrase t = {a, NULL, 0, 0};
        const PhArg args[] = {subject_arg(a, std, r->per)};
        ph_format(&t, _("bring %s to 0"), args, 1);
        return ph_text(&t);
    }
    case TARGET_CONDITION:
        if (!r->when) break;
        return negated(a, std, r->when);
    case TARGET_TASK: {
        const Task *t = r->task;
        if (!t) break;
        return r->on_missed
                   ? arena_printf(a, _("do task %s %s (it was due %s)"), t->id, t->title, render_day(a, t->due_day))
                   : arena_printf(a, _("task %s %s was done late: this cannot be undone"), t->id, t->title);
    }
    case TARGET_NONE: break;
    }
    return _("meet the scoring method in full");
}

const char *render_day(Arena *a, int32_t day) {
    char buf[16];
    return arena_strndup(a, buf, day_text(day, buf));
}

static const char *days_text(Arena *a, int n) {
    return arena_printf(a, "%d %s", n, n == 1 ? _("day") : _("days"));
}

const char *render_task_status(Arena *a, const TaskResult *tr) {
    switch (tr->status) {
    case TASK_NOT_APPLICABLE: return _("not for this kind of unit");
    case TASK_ON_TIME: return arena_printf(a, _("done on time (%s)"), render_day(a, tr->done_on));
    case TASK_LATE: return arena_printf(a, _("done %s late (%s)"), days_text(a, tr->days), render_day(a, tr->done_on));
    case TASK_OVERDUE: return arena_printf(a, _("OVERDUE by %s"), days_text(a, tr->days));
    case TASK_DUE_SOON:
        return tr->days ? arena_printf(a, _("due soon: in %s"), days_text(a, tr->days)) : _("due soon: today");
    case TASK_NOT_DUE: return arena_printf(a, _("not due yet (in %s)"), days_text(a, tr->days));
    }
    return "";
}

const char *render_task_status_word(TaskStatus st) {
    static const char *words[] = {"not_applicable", "on_time", "late", "overdue", "due_soon", "not_due"};
    return words[st];
}

void render_pad(FILE *out, const char *s, size_t width, bool right) {
    size_t w = width_str(s);
    if (right)
        for (size_t i = w; i < width; i++)
            fputc(' ', out);
    fputs(s, out);
    if (!right)
        for (size_t i = w; i < width; i++)
            fputc(' ', out);
}

const char *render_deductions(Arena *a, const Result *res, const ItemResult *ir) {
    int places = res->std->decimals_value;
    const char *acc = "";
    for (int i = 0; i < ir->item->nrules; i++) {
        const RuleResult *rr = &ir->rules[i];
        if (!rr->fired) continue;
        const Rule *r = rr->rule;
        const char *amt = render_dec(a, rr->amount, places);
        amt = r->kind == RULE_DEDUCT ? arena_printf(a, "-%s", amt)
              : r->kind == RULE_ADD  ? arena_printf(a, "+%s", amt)
                                     : arena_printf(a, "= %s", amt);
        const char *saw = render_saw(a, res, rr);
        acc = arena_printf(a, "%s%s%s (%s%s%s)", acc, *acc ? "; " : "", render_rule_numbered(a, res->std, r), amt,
                           *saw ? "; saw " : "", saw);
    }
    return acc;
}

const char *render_part_title(Arena *a, const Part *p) {
    const char *t = p->title ? p->title : "";
    return p->number ? arena_printf(a, "%s %s", p->number, t) : t;
}

const char *render_rule_numbered(Arena *a, const Standard *std, const Rule *r) {
    const char *t = render_rule_text(a, std, r);
    return r->number ? arena_printf(a, "[%s] %s", r->number, t) : t;
}

/* ---- pieces of JSON shared by the JSON scorecard and explain ---------------- */

void render_json_number(struct cJSON *o, const char *key, Dec d, int places) {
    char buf[64];
    dec_format(d, places, buf, sizeof buf);
    cJSON_AddRawToObject(o, key, buf);
}

void render_json_peer(cJSON *o, const RuleResult *rr) {
    const PeerSeen *p = rr->peer;
    if (!p || !p->fact) return;
    cJSON_AddStringToObject(o, "compared_fact", p->fact->name);
    if (p->has_value)
        render_json_number(o, "compared", p->value, 9);
    else
        cJSON_AddNullToObject(o, "compared");
    if (p->rank) {
        render_json_number(o, "rank", dec_int(p->rank), 0);
        if (p->low) cJSON_AddStringToObject(o, "rank_from", "lowest");
    }
    render_json_number(o, "peers", dec_int(p->n), 0);
    if (p->ref_fn != FN_NONE)
        render_json_number(o,
                           p->ref_fn == FN_PEER_MAX   ? "best"
                           : p->ref_fn == FN_PEER_MIN ? "lowest"
                                                      : "mean",
                           p->ref, 9);
}

void render_json_peer_to(JsonW *w, const RuleResult *rr) {
    const PeerSeen *p = rr->peer;
    if (!p || !p->fact) return;
    if (p->fact->name) jw_kstr(w, "compared_fact", p->fact->name);
    if (p->has_value)
        jw_kdec(w, "compared", p->value, 9);
    else
        jw_kstr(w, "compared", NULL);
    if (p->rank) {
        jw_kint(w, "rank", p->rank);
        if (p->low) jw_kstr(w, "rank_from", "lowest");
    }
    jw_kint(w, "peers", p->n);
    if (p->ref_fn != FN_NONE) {
        jw_key(w, p->ref_fn == FN_PEER_MAX ? "best" : p->ref_fn == FN_PEER_MIN ? "lowest" : "mean");
        jw_dec(w, p->ref, 9);
    }
}

void render_rejection(DiagSink *d, const Result *res) {
    const Unit *u = res->unit;
    Span at = res->broken->span; /* in the standard, or in a base it revises */
    const Source *rs = source_at(res->std->src, &at);
    int line, col;
    diag_position(rs, at.begin, &line, &col);
    Diag *g = diag_at(d, DIAG_ERROR, "K0401", u->src, (Span){u->at, u->at + 1}, "unit \"%s\": %s", u->name, res->error);
    diag_help(d, g, "the requirement is at %s:%d:%d", rs->path, line, col);
}
