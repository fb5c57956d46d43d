/* load_direct.c - a unit of JSON Lines read straight into its slots (see
 * load_direct.h). One pass over the text: each key is hashed to its fact,
 * each value is converted where it stands (numbers from their digits, by
 * dec_parse, as the careful way reads them). Whatever would make the
 * careful way say something (an error, a warning) or that it reads through
 * a step this file does not take (an escape, a list, a word for yes, a
 * value in the other script) makes this file decline. */
#include "load_direct.h"

#include <string.h>

#include "check.h"
#include "dates.h"
#include "limits.h"
#include "load.h"
#include "width.h"

/* What reading a fact's value needs of it, together and in slot order
 * (data gives facts in the standard's order), in 48 bytes rather than
 * across Fact: a unit reads every fact's, which must stay in cache. */
enum { DIRECT_KEY = 24 };
typedef struct DirectFact {
    uint32_t len;         /* of its data key */
    uint8_t kind;         /* a TypeKind */
    bool bounded;         /* in lo..hi (DirectKeys.bounds) */
    bool plain;           /* its key is text string() reads as it is (no quote, backslash or control byte) */
    bool has_default;     /* DirectKeys.defaults */
    char key[DIRECT_KEY]; /* its data key when it fits */
    const char *long_key; /* ... else */
    const Fact *fact;
} DirectFact;

static const char *key_of(const DirectFact *d) {
    return d->len <= DIRECT_KEY ? d->key : d->long_key;
}

typedef struct KeyEntry {
    const char *key; /* NULL: an empty place */
    size_t len;
    const DirectFact *fact;
} KeyEntry;

struct DirectKeys {
    const Standard *std;
    DirectFact *facts;  /* by slot */
    Value (*bounds)[2]; /* by slot: lo, hi */
    Value *defaults;    /* by slot */
    uint32_t mask;      /* table size - 1 */
    KeyEntry *table;    /* open addressing by the hash of the data key */
};

static uint32_t hash(const char *s, size_t n) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The place of the key s (n bytes): its entry, or the empty place for it. */
static KeyEntry *place(const DirectKeys *k, const char *s, size_t n) {
    for (uint32_t i = hash(s, n) & k->mask;; i = (i + 1) & k->mask) {
        KeyEntry *e = &k->table[i];
        if (!e->key || (e->len == n && !memcmp(e->key, s, n))) return e;
    }
}

DirectKeys *direct_keys_new(Arena *a, const Standard *std) {
    DirectKeys *k = arena_alloc(a, sizeof *k);
    k->std = std;
    uint32_t size = 16;
    while (size < 4u * (uint32_t)(std->nfacts + 1))
        size *= 2;
    k->mask = size - 1;
    k->table = arena_alloc(a, sizeof *k->table * size);
    k->facts = arena_alloc(a, sizeof *k->facts * (size_t)(std->nfacts + 1));
    k->bounds = arena_alloc(a, sizeof *k->bounds * (size_t)(std->nfacts + 1));
    k->defaults = arena_alloc(a, sizeof *k->defaults * (size_t)(std->nfacts + 1));
    for (int i = 0; i < std->nfacts; i++) {
        const Fact *f = std->fact_tab[i];
        DirectFact *d = &k->facts[i];
        size_t n = strlen(fact_key(f));
        d->fact = f;
        d->len = (uint32_t)n;
        if (n <= DIRECT_KEY)
            memcpy(d->key, fact_key(f), n);
        else
            d->long_key = fact_key(f);
        d->plain = utf8_valid(fact_key(f), n, NULL);
        for (size_t j = 0; j < n; j++)
            d->plain &= fact_key(f)[j] != '"' && fact_key(f)[j] != '\\' && (unsigned char)fact_key(f)[j] >= 0x20;
        d->kind = (uint8_t)f->type.kind;
        d->bounded = f->lo_value.present || f->hi_value.present;
        d->has_default = f->def_value.present;
        k->bounds[i][0] = f->lo_value, k->bounds[i][1] = f->hi_value;
        k->defaults[i] = f->def_value;
    }
    /* a key names a fact by its key (or name), as data_fact finds it first;
     * a renamed fact also answers to its other year's name, after them */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < std->nfacts; i++) {
            const Fact *f = std->fact_tab[i];
            const char *key = pass == 0 ? fact_key(f) : f->alias;
            if (!key) continue;
            size_t n = strlen(key);
            KeyEntry *e = place(k, key, n);
            if (e->key && pass == 0) return NULL; /* two facts by one key: which one is the careful way's to say */
            if (!e->key) *e = (KeyEntry){key, n, &k->facts[i]};
        }
    return k;
}

/* ---- the text --------------------------------------------------------- */

typedef struct Reader {
    const char *t;
    size_t i, n;
} Reader;

static inline void space(Reader *r) {
    if (r->i < r->n && (unsigned char)r->t[r->i] > ' ') return; /* compact JSON: no space at all */
    while (r->i < r->n && (r->t[r->i] == ' ' || r->t[r->i] == '\t' || r->t[r->i] == '\n' || r->t[r->i] == '\r'))
        r->i++;
}

static inline bool eat(Reader *r, char c) {
    space(r);
    if (r->i < r->n && r->t[r->i] == c) return r->i++, true;
    return false;
}

/* A string without escapes, its bytes valid UTF-8: *s, *len, the text
 * between the quotes. */
/* Eight bytes of plain ASCII text: none below ' ', none '"' or '\\', none
 * above 0x7f (exact for "none", as the whole word is asked at once). */
static bool plain8(const char *p) {
    uint64_t x, ones = 0x0101010101010101u, high = 0x8080808080808080u;
    memcpy(&x, p, 8);
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    uint64_t below = (x - ones * 0x20) & ~x, quote = (q - ones) & ~q, slash = (b - ones) & ~b;
    return ((below | quote | slash | x) & high) == 0;
}

static bool string(Reader *r, const char **s, size_t *len) {
    if (!eat(r, '"')) return false;
    size_t b = r->i;
    while (r->i + 8 <= r->n && plain8(r->t + r->i))
        r->i += 8;
    while (r->i < r->n) {
        unsigned char c = (unsigned char)r->t[r->i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { /* most of the text: ASCII */
            r->i++;
            continue;
        }
        if (c == '"') {
            *s = r->t + b, *len = r->i - b;
            r->i++;
            return true;
        }
        if (c == '\\' || c < 0x20) return false;
        if (c < 0x80) {
            r->i++;
        } else {
            uint32_t cp;
            int n = utf8_decode(r->t + r->i, r->n - r->i, &cp);
            if (!n) return false;
            r->i += (size_t)n;
        }
    }
    return false;
}

static inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* A JSON number as written (s, len), and, read on the way, its digits as
 * one integer m with `places` of them after the point: exact when plain
 * (at most 18 digits, no exponent). */
typedef struct Number {
    const char *s;
    size_t len;
    bool neg, plain;
    uint64_t m;
    int places;
} Number;

static bool number(Reader *r, Number *x) {
    space(r);
    const char *t = r->t;
    size_t n = r->n, b = r->i, i = b;
    *x = (Number){.neg = i < n && t[i] == '-', .plain = true};
    i += x->neg;
    int digits = 0;
    if (i < n && t[i] == '0') {
        i++, digits = 1;
    } else {
        for (; i < n && is_digit(t[i]); i++, digits++)
            x->m = x->m * 10 + (uint64_t)(t[i] - '0');
        if (!digits) return false;
    }
    if (i < n && t[i] == '.') {
        for (i++; i < n && is_digit(t[i]); i++, x->places++)
            x->m = x->m * 10 + (uint64_t)(t[i] - '0');
        if (!x->places) return false;
        digits += x->places;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        x->plain = false;
        i++;
        if (i < n && (t[i] == '+' || t[i] == '-')) i++;
        size_t e = i;
        while (i < n && is_digit(t[i]))
            i++;
        if (i == e) return false;
    }
    x->plain &= digits <= 18;
    r->i = i;
    x->s = t + b, x->len = i - b;
    return x->len <= 60; /* longer: the careful way says it reads no more */
}

/* A number's value, as dec_parse gives it; percent: in points, as the
 * careful way reads it (91.5 is "91.5%"). A plain number is not read again. */
static bool number_value(Reader *r, bool percent, Dec *out) {
    Number x;
    if (!number(r, &x)) return false;
    int shift = percent ? 2 : 0;
    if (x.plain && x.places + shift <= 18) {
        *out = dec_scaled(x.neg, x.m, x.places + shift);
        return true;
    }
    char text[64]; /* x.len <= 60 */
    memcpy(text, x.s, x.len);
    if (percent) text[x.len++] = '%';
    return dec_parse(text, x.len, out) == DEC_OK;
}

/* inline, so that the word's length is a constant where it is compared */
static inline bool word(Reader *r, const char *w) {
    space(r);
    size_t n = strlen(w);
    if (r->n - r->i < n || memcmp(r->t + r->i, w, n)) return false;
    r->i += n;
    return true;
}

/* Any JSON value, read and let go (a unit's "guide"). */
static bool skip(Reader *r, int depth) {
    const char *s;
    size_t n;
    space(r);
    if (r->i >= r->n || depth > 16) return false;
    char c = r->t[r->i];
    if (c == '"') return string(r, &s, &n);
    if (c == 't') return word(r, "true");
    if (c == 'f') return word(r, "false");
    if (c == 'n') return word(r, "null");
    Number x;
    if (c != '{' && c != '[') return number(r, &x);
    char close = c == '{' ? '}' : ']';
    r->i++;
    if (eat(r, close)) return true;
    do {
        if (c == '{' && !(string(r, &s, &n) && eat(r, ':'))) return false;
        if (!skip(r, depth + 1)) return false;
    } while (eat(r, ','));
    return eat(r, close);
}

bool direct_json_ok(const char *text, size_t len) {
    Reader r = {text, 0, len};
    if (!skip(&r, 0)) return false;
    space(&r);
    return r.i == r.n;
}

/* ---- values ------------------------------------------------------------ */

static bool in_bounds(int t, const Value *lo, const Value *hi, const Value *v) {
    if (t == TY_DATE) return !(lo->present && v->u.date < lo->u.date) && !(hi->present && v->u.date > hi->u.date);
    if (t != TY_INTEGER && t != TY_DECIMAL && t != TY_PERCENT) return true;
    return !(lo->present && dec_cmp(v->u.num, lo->u.num) < 0) && !(hi->present && dec_cmp(v->u.num, hi->u.num) > 0);
}

static bool member(const StrList *m, const char *s, size_t n, int *out) {
    for (int i = 0; m; m = m->next, i++)
        if (!strncmp(m->s, s, n) && !m->s[n]) return *out = i, true;
    return false;
}

static bool value(Reader *r, Arena *a, const Fact *f, const Value *bounds, const DirectFact *d, Value *out);

/* How many values the array at r holds (r is left where it was). */
static bool count(Reader r, int *n) {
    *n = 0;
    if (!eat(&r, '[')) return false;
    if (eat(&r, ']')) return true;
    do {
        if (!skip(&r, 0) || ++*n > KP_MAX_RECORDS) return false;
    } while (eat(&r, ','));
    return eat(&r, ']');
}

/* A record of list f at r into its cells (nf of them, by field slot). */
static bool record(Reader *r, Arena *a, const Fact *f, Value *cells, int nf) {
    const char *s;
    size_t n;
    bool given[64] = {false};
    if (nf > 64 || !eat(r, '{')) return false;
    if (!eat(r, '}')) {
        do {
            if (!string(r, &s, &n) || !eat(r, ':')) return false;
            const Fact *fl = f->type.fields;
            while (fl && !(!strncmp(fact_key(fl), s, n) && !fact_key(fl)[n]))
                fl = fl->next;
            if (!fl || given[fl->slot]) return false; /* unknown, or given twice: a message */
            given[fl->slot] = true;
            if (!value(r, a, fl, NULL, NULL, &cells[fl->slot])) return false;
        } while (eat(r, ','));
        if (!eat(r, '}')) return false;
    }
    for (const Fact *fl = f->type.fields; fl; fl = fl->next) {
        if (given[fl->slot]) continue;
        if (fl->def_value.present)
            cells[fl->slot] = fl->def_value;
        else if (fl->optional)
            cells[fl->slot].type = fl->type.kind;
        else
            return false; /* missing: a message */
    }
    return true;
}

/* A list of records, or of values, at r. */
static bool list(Reader *r, Arena *a, const Fact *f, Value *out) {
    int rows, nf = 0;
    if (!count(*r, &rows)) return false;
    for (const Fact *fl = f->type.fields; fl; fl = fl->next)
        nf++;
    out->u.list.rows = rows;
    out->u.list.fields = nf;
    out->u.list.cells = arena_alloc(a, sizeof(Value) * (size_t)(rows * nf + 1));
    eat(r, '[');
    for (int i = 0; i < rows; i++) {
        if (i > 0) eat(r, ',');
        bool ok = f->type.of_values ? value(r, a, f->type.fields, NULL, NULL, &out->u.list.cells[i])
                                    : record(r, a, f, &out->u.list.cells[i * nf], nf);
        if (!ok) return false;
    }
    return eat(r, ']');
}

/* The value of fact (or field) f at r, into out. */
/* The value of f (a fact: d, its reading, and bounds, its lo and hi; a
 * record's field: d NULL). */
static bool value(Reader *r, Arena *a, const Fact *f, const Value *bounds, const DirectFact *d, Value *out) {
    const char *s;
    size_t n;
    int kind = d ? d->kind : (int)f->type.kind;
    out->type = kind;
    out->present = true;
    switch (kind) {
    case TY_INTEGER:
    case TY_DECIMAL:
    case TY_PERCENT:
        /* a percentage in points, as the careful way reads it (91.5 is 91.5%);
         * below 1 it warns there (0.95 for 95%) */
        if (!number_value(r, kind == TY_PERCENT, &out->u.num)) return false;
        if (kind == TY_PERCENT && dec_sign(out->u.num) > 0 && dec_cmp(out->u.num, (Dec){1, 100}) < 0) return false;
        if (kind == TY_INTEGER && !dec_is_int(out->u.num)) return false;
        break;
    case TY_BOOLEAN:
        if (word(r, "true"))
            out->u.b = true;
        else if (word(r, "false"))
            out->u.b = false;
        else
            return false;
        break;
    case TY_DATE:
        if (!string(r, &s, &n) || !dates_parse(s, n, &out->u.date)) return false;
        break;
    case TY_TEXT:
        if (!string(r, &s, &n) || n > KP_MAX_STRING) return false;
        out->u.text = arena_strndup(a, s, n);
        break;
    case TY_ENUM:
        if (!string(r, &s, &n) || !member(f->type.members, s, n, &out->u.member)) return false;
        break;
    case TY_LIST: return list(r, a, f, out);
    default: return false;
    }
    if (d) return !d->bounded || in_bounds(kind, &bounds[0], &bounds[1], out);
    return in_bounds(kind, &f->lo_value, &f->hi_value, out);
}

/* ---- the unit ------------------------------------------------------------ */

/* The fact the key s names: data mostly lists facts in the standard's
 * order, so the one after the last (next) is tried before the table. */
static const DirectFact *fact_named(const DirectKeys *k, const char *s, size_t n, int next) {
    for (int g = next; g < next + 2 && g < k->std->nfacts; g++)
        if (k->facts[g].len == n && !memcmp(key_of(&k->facts[g]), s, n)) return &k->facts[g];
    return place(k, s, n)->fact;
}

/* The fact whose quoted key stands at r, when it is one of the two after
 * the last (data mostly gives facts in the standard's order): a plain key
 * matched where it stands is what string() would read. r is past it. */
/* Whether the n bytes at t are key's: n <= 16, and 16 bytes may be read
 * at each (two words compared, the bytes past n masked off). */
static inline bool same_short(const char *t, const char *key, size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t a0, a1, k0, k1;
    memcpy(&a0, t, 8), memcpy(&a1, t + 8, 8), memcpy(&k0, key, 8), memcpy(&k1, key + 8, 8);
    uint64_t m0 = n >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1;
    uint64_t m1 = n >= 16 ? ~(uint64_t)0 : n <= 8 ? 0 : ((uint64_t)1 << (8 * (n - 8))) - 1;
    return ((a0 ^ k0) & m0) == 0 && ((a1 ^ k1) & m1) == 0;
#else
    return !memcmp(t, key, n);
#endif
}

static const DirectFact *key_here(Reader *r, const DirectKeys *k, int next) {
    space(r);
    for (int g = next; g < next + 2 && g < k->std->nfacts; g++) {
        const DirectFact *f = &k->facts[g];
        if (f->plain && r->i + f->len + 2 <= r->n && r->t[r->i] == '"' && r->t[r->i + 1 + f->len] == '"' &&
            (f->len <= 16 && r->i + 17 <= r->n ? same_short(r->t + r->i + 1, f->key, f->len)
                                               : !memcmp(r->t + r->i + 1, key_of(f), f->len))) {
            r->i += f->len + 2;
            return f;
        }
    }
    return NULL;
}

static bool facts(Reader *r, const DirectKeys *k, Unit *u, bool *given) {
    const char *s;
    size_t n;
    int next = 0;
    if (!eat(r, '{')) return false;
    if (eat(r, '}')) return true;
    do {
        const DirectFact *d = key_here(r, k, next);
        if (!d && (!string(r, &s, &n) || !(d = fact_named(k, s, n, next)))) return false; /* unknown: a message */
        if (!eat(r, ':')) return false;
        int slot = (int)(d - k->facts);
        next = slot + 1;
        if (given[slot]) return false; /* given twice: a message */
        given[slot] = true;
        space(r);
        if (!value(r, u->arena, d->fact, k->bounds[slot], d, &u->facts[slot])) return false;
    } while (eat(r, ','));
    return eat(r, '}');
}

static bool unit(Reader *r, const DirectKeys *k, Unit *u) {
    const Standard *s = k->std;
    const char *name = NULL, *kind = NULL, *year = NULL, *v;
    size_t name_n = 0, kind_n = 0, year_n = 0, n;
    bool has_facts = false, has_guide = false;
    bool *given = arena_alloc(u->arena, (size_t)s->nfacts + 1);
    if (!eat(r, '{') || eat(r, '}')) return false;
    do {
        if (!string(r, &v, &n) || !eat(r, ':')) return false;
#define KEY(w) (n == sizeof w - 1 && !memcmp(v, w, n))
        if (KEY("name") && !name) {
            if (!string(r, &name, &name_n)) return false;
        } else if (KEY("kind") && !kind) {
            if (!string(r, &kind, &kind_n)) return false;
        } else if (KEY("year") && !year) {
            Number y;
            if (!number(r, &y)) return false;
            year = y.s, year_n = y.len;
        } else if (KEY("facts") && !has_facts) {
            has_facts = true;
            if (!facts(r, k, u, given)) return false;
        } else if (KEY("guide") && !has_guide) {
            has_guide = true;
            if (!skip(r, 0)) return false;
        } else {
            return false; /* unknown, or given twice: a message */
        }
#undef KEY
    } while (eat(r, ','));
    if (!eat(r, '}')) return false;
    space(r);
    if (r->i != r->n) return false;

    if (!name || !name_n || name_n > KP_MAX_NAME) return false;
    u->name = arena_strndup(u->arena, name, name_n);
    if (s->nkinds > 0) {
        if (!kind) return false;
        u->kind = -1;
        for (int i = 0; i < s->nkinds && u->kind < 0; i++) {
            const Kind *kd = s->kind_tab[i];
            if ((!strncmp(kd->id, kind, kind_n) && !kd->id[kind_n]) ||
                (!strncmp(kd->label, kind, kind_n) && !kd->label[kind_n]))
                u->kind = kd->index;
        }
        if (u->kind < 0) return false; /* unknown, or in the other script */
        u->kind_name = s->kind_tab[u->kind]->id;
    } else {
        u->kind_name = kind ? arena_strndup(u->arena, kind, kind_n) : "";
    }
    if (year) {
        int y = 0;
        for (size_t i = 0; i < year_n; i++) {
            if (year[i] < '0' || year[i] > '9' || i > 4) return false;
            y = y * 10 + (year[i] - '0');
        }
        if (y != s->year_value) return false;
        u->year = y;
    }
    for (int i = 0; i < s->nfacts; i++) {
        if (given[i]) continue;
        const DirectFact *d = &k->facts[i];
        if (d->has_default)
            u->facts[i] = k->defaults[i];
        else if (load_fact_needed(d->fact, u->kind))
            return false; /* missing: a message */
        else
            u->facts[i].type = d->kind;
    }
    return true;
}

Unit *direct_load(const DirectKeys *k, const Source *src, uint32_t at, uint32_t end) {
    Arena *a = arena_new();
    Unit *u = arena_alloc(a, sizeof *u);
    u->arena = a;
    u->src = src;
    u->std = k->std;
    u->at = at;
    u->facts = arena_alloc(a, sizeof(Value) * (size_t)(k->std->nfacts + 1));
    Reader r = {src->text + at, 0, end > at && end <= src->len ? end - at : 0};
    if (!unit(&r, k, u)) {
        arena_free(a);
        return NULL;
    }
    return u;
}
