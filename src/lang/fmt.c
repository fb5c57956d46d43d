/* fmt.c - the canonical layout (see fmt.h).
 * Layout: one statement per line, two spaces per block, '{' at the end of
 * its line and '}' alone on one; the bands of 'tiers { ... }' one a line;
 * records and brackets stay on one line; a veto's reason on its own line; one space around binary operators and after
 * ',' and ':'; comments stay where they were (trailing or on their own line); at most one blank line in a row is kept.
 * A line wider than FMT_WIDTH columns breaks before 'when', 'then', 'else', else 'or', else 'and', else '+' or a
 * binary '-', in the fewest brackets first, as few times as it can, each
 * continuation 4 spaces deeper than the line; fmt joins a statement's lines before breaking them, so it is stable.
 */
#include "fmt.h"

#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "width.h"

enum { FMT_WIDTH = 100, FMT_CONTINUE = 4 };

typedef struct Out {
    char *buf;
    size_t len, cap;
    struct Break {
        size_t at; /* the current line may break at the blank at buf[at] */
        int key;   /* how loosely it binds: brackets around it, then when/then/else, or, and, + - */
    } * cand;
    int ncand, cand_cap;
} Out;

static void put(Out *o, const char *s, size_t n) {
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 4096;
        while (cap < o->len + n + 1)
            cap *= 2;
        char *b = realloc(o->buf, cap);
        if (!b) {
            fputs("kaoping: error: out of memory\n", stderr);
            exit(3);
        }
        o->buf = b;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void puts_(Out *o, const char *s) {
    put(o, s, strlen(s));
}

/* A place the current line may break at: the blank written at o->len. */
static void may_break(Out *o, int key) {
    if (o->ncand == o->cand_cap) {
        int cap = o->cand_cap ? o->cand_cap * 2 : 16;
        struct Break *more = realloc(o->cand, sizeof *more * (size_t)cap);
        if (!more) {
            fputs("kaoping: error: out of memory\n", stderr);
            exit(3);
        }
        o->cand = more;
        o->cand_cap = cap;
    }
    o->cand[o->ncand++] = (struct Break){o->len, key};
}

/* Lays line[from, to) out (its first piece at column col0), breaking
 * first at the places that bind loosest (the smallest `key` of those in it
 * from `min` on): each piece takes as many as fit, the first that does not
 * fit goes on anyway; a piece still too wide breaks at the next key.
 * Offsets in o->cand are line's plus `begin`. */
static void lay_out(Out *o, const char *line, size_t from, size_t to, size_t col0, size_t ind, size_t begin, int min) {
    int key = -1;
    for (int j = 0; j < o->ncand; j++) {
        size_t at = o->cand[j].at - begin;
        if (at > from && at < to && o->cand[j].key >= min && (key < 0 || o->cand[j].key < key)) key = o->cand[j].key;
    }
    if (key < 0 || width_advance(line + from, to - from, col0) <= FMT_WIDTH) {
        put(o, line + from, to - from);
        return;
    }
    int k = 0;
    for (;;) {
        while (k < o->ncand && (o->cand[k].key != key || o->cand[k].at - begin <= from))
            k++;
        if (k >= o->ncand || o->cand[k].at - begin >= to) break;
        int last = k; /* the furthest breaking place whose piece fits */
        for (int j = k; j < o->ncand && o->cand[j].at - begin < to; j++) {
            if (o->cand[j].key != key) continue;
            if (width_advance(line + from, o->cand[j].at - begin - from, col0) > FMT_WIDTH) break;
            last = j;
        }
        size_t at = o->cand[last].at - begin;
        lay_out(o, line, from, at, col0, ind, begin, key + 1);
        put(o, "\n", 1);
        for (size_t s = 0; s < ind + FMT_CONTINUE; s++)
            put(o, " ", 1);
        from = at + 1; /* the blank the line broke at goes */
        col0 = ind + FMT_CONTINUE;
        k = last + 1;
        if (width_advance(line + from, to - from, col0) <= FMT_WIDTH) break;
    }
    lay_out(o, line, from, to, col0, ind, begin, key + 1);
}

/* Breaks the current line (from `begin`) where it is wider than FMT_WIDTH. */
static void wrap(Out *o, size_t begin) {
    if (!o->ncand || width_advance(o->buf + begin, o->len - begin, 0) <= FMT_WIDTH) return;
    size_t ind = 0;
    while (begin + ind < o->len && o->buf[begin + ind] == ' ')
        ind++;
    size_t n = o->len - begin;
    char *line = malloc(n + 1);
    if (!line) {
        fputs("kaoping: error: out of memory\n", stderr);
        exit(3);
    }
    memcpy(line, o->buf + begin, n);
    o->len = begin;
    lay_out(o, line, 0, n, 0, ind, begin, 0);
    free(line);
}

static void newline(Out *o) {
    while (o->len && o->buf[o->len - 1] == ' ')
        o->len--; /* no trailing blanks */
    if (o->ncand) {
        size_t begin = o->len;
        while (begin && o->buf[begin - 1] != '\n')
            begin--;
        while (o->ncand && o->cand[o->ncand - 1].at >= o->len)
            o->ncand--;
        wrap(o, begin);
        o->ncand = 0;
    }
    if (o->len) put(o, "\n", 1);
}

static void indent(Out *o, int depth) {
    for (int i = 0; i < depth; i++)
        put(o, "  ", 2);
}

static void put_string(Out *o, const char *s) {
    put(o, "\"", 1);
    for (; *s; s++) {
        switch (*s) {
        case '"': puts_(o, "\\\""); break;
        case '\\': puts_(o, "\\\\"); break;
        case '\n': puts_(o, "\\n"); break;
        case '\t': puts_(o, "\\t"); break;
        default: put(o, s, 1);
        }
    }
    put(o, "\"", 1);
}

/* ---- token classes ------------------------------------------------------- */

static bool is_keyword(const Source *src, const LexToken *t) {
    return lex_keyword(src->text + t->span.begin, t->span.end - t->span.begin) != 0;
}

/* A '-' is unary where no value stands before it. */
static bool unary_minus(const Source *src, const LexToken *prev) {
    if (!prev) return true;
    int p = prev->token;
    if (p == ')' || p == ']' || p == NUMBER || p == PERCENT_LIT || p == IDENT || p == STRING || p == DATE_LIT ||
        p == POINTS || p == TRUE || p == FALSE || p == '}' || p == KIND || p == YEAR || p == TOTAL || p == GRADE)
        return false;
    (void)src;
    return true;
}

static bool space_between(const Source *src, const LexToken *prev, const LexToken *t, bool prev_unary) {
    if (!prev) return false;
    int p = prev->token, c = t->token;
    if (c == ';' || c == ',' || c == ')' || c == ']' || c == ':') return false;
    if (p == '(' || p == '[') return false;
    if (prev_unary) return false;
    if (c == '.' || p == '.') return false; /* done 2 of list.field */
    if (c == DOTDOT) return p == IN;
    if (p == DOTDOT) return c == ';' ? false : is_keyword(src, t);
    if (c == '(' && (p == IDENT || p == ENUM || p == YEAR || p == FLOOR)) return false; /* year(d), floor(x) */
    return true;
}

static const char *keyword_text(const Source *src, const LexToken *t, FmtKeywords kw, char *buf, size_t cap) {
    size_t n = t->span.end - t->span.begin;
    const char *orig = src->text + t->span.begin;
    int tok = lex_keyword(orig, n);
    if (kw != FMT_KEEP && tok) {
        int set = kw == FMT_EN ? LEX_EN : kw == FMT_HANT ? LEX_HANT : LEX_HANS;
        const char *s = lex_spelling(tok, set);
        if (s) return s;
    }
    if (n >= cap) n = cap - 1;
    memcpy(buf, orig, n);
    buf[n] = '\0';
    return buf;
}

static void put_token(Out *o, const Source *src, const LexToken *t, FmtKeywords kw) {
    char buf[256];
    switch (t->token) {
    case STRING: put_string(o, t->text); return;
    case NUMBER:
    case PERCENT_LIT:
    case IDENT: puts_(o, t->text); return;
    case DATE_LIT: put(o, src->text + t->span.begin, t->span.end - t->span.begin); return;
    case COMMENT: /* line ends become \n: a CR in a comment is dropped */
        for (uint32_t k = t->span.begin; k < t->span.end; k++)
            if (src->text[k] != '\r') put(o, src->text + k, 1);
        return;
    case EQ: puts_(o, "=="); return;
    case NE: puts_(o, "!="); return;
    case LE: puts_(o, "<="); return;
    case GE: puts_(o, ">="); return;
    case DOTDOT: puts_(o, ".."); return;
    default:
        if (t->token < 256) {
            char c = (char)t->token;
            put(o, &c, 1);
        } else {
            puts_(o, keyword_text(src, t, kw, buf, sizeof buf));
        }
    }
}

/* Line breaks in the source between two offsets. */
static int breaks(const Source *src, uint32_t from, uint32_t to) {
    int n = 0;
    for (uint32_t i = from; i < to && i < src->len; i++)
        n += src->text[i] == '\n';
    return n;
}

/* ---- canonical order ------------------------------------------------------------ */

/* Moves toks[from, from+len) to start at `to` (to < from), shifting the rest right. */
static void move_back(LexToken *toks, int to, int from, int len) {
    for (int k = 0; k < len; k++) {
        LexToken t = toks[from + k];
        memmove(&toks[to + k + 1], &toks[to + k], sizeof *toks * (size_t)(from + k - to - k));
        toks[to + k] = t;
    }
}

static bool has_comment(const LexToken *toks, int from, int to) {
    for (int k = from; k < to; k++)
        if (toks[k].token == COMMENT) return true;
    return false;
}

/* The standard's own number has one place: in a part's head right after
 * its title (item x "title" number "1.2" points 10), in a rule after its
 * other options (deduct 1 per x number "1a";). Spans stay with their
 * tokens; a stretch holding a comment is left as written. */
static void canonical_order(LexToken *toks, int n) {
    for (int i = 0; i < n; i++) {
        int tk = toks[i].token;
        bool part = tk == CATEGORY || tk == GROUP || tk == ITEM || tk == BONUS || tk == PENALTY;
        bool rule = (tk == DEDUCT || tk == ADD || tk == SCORE) &&
                    !(i > 0 && (toks[i - 1].token == LATE || toks[i - 1].token == MISSED));
        if (!part && !rule) continue;
        int nest = 0, num = -1, end = i + 1;
        for (; end < n; end++) {
            int t = toks[end].token;
            if (t == '(' || t == '[' || t == '{') {
                if (part && t == '{') break;
                nest++;
            } else if (t == ')' || t == ']' || t == '}') {
                if (--nest < 0) break;
            } else if (t == ';' && nest == 0) {
                break;
            } else if (t == NUMBER_KW && nest == 0 && end + 1 < n && toks[end + 1].token == STRING && num < 0) {
                num = end;
            }
        }
        if (num < 0) continue;
        if (part) {
            int at = i + 1;
            if (at < n && toks[at].token == IDENT) at++;
            if (at < n && toks[at].token == STRING && at != num + 1) at++;
            if (num > at && !has_comment(toks, at, num + 2)) move_back(toks, at, num, 2);
        } else if (num + 2 < end && end < n && !has_comment(toks, num, end)) {
            /* the rest of the options come forward; the number goes last */
            LexToken a = toks[num], b = toks[num + 1];
            memmove(&toks[num], &toks[num + 2], sizeof *toks * (size_t)(end - num - 2));
            toks[end - 2] = a;
            toks[end - 1] = b;
        }
    }
}

/* ---- layout ------------------------------------------------------------------ */

enum { MAX_NEST = 256 };

char *fmt_source(const Source *src, FmtKeywords kw, DiagSink *diag) {
    /* the formatter reformats only what parses */
    Arena *arena = arena_new();
    int errors = diag->errors;
    size_t pl = strlen(src->path);
    if (pl >= 9 && !strcmp(src->path + pl - 9, ".tests.kp")) {
        Standard *std = arena_alloc(arena, sizeof *std); /* a file of test cases has no header */
        lex_parse_tests(std, src, arena, diag);
    } else {
        lex_parse(src, arena, diag);
    }
    int n = 0;
    LexToken *toks = diag->errors == errors ? lex_tokens(src, arena, diag, &n) : NULL;
    if (!toks || diag->errors != errors) {
        arena_free(arena);
        return NULL;
    }
    canonical_order(toks, n);
    Out o = {0};
    int depth = 0; /* block indentation */
    int nest = 0;  /* open inline brackets: ( [ and inline { */
    /* BANDS: 'tiers {', a block inside a statement; EMPTY: a block with nothing in it, written "{ }" */
    enum { BLOCK, INLINE, BANDS, EMPTY } brace_kind[MAX_NEST] = {BLOCK};
    int braces = 0;              /* all open braces */
    bool line_start = true;      /* nothing written on the current line yet */
    bool continued = false;      /* a statement broken by a comment goes on */
    int tiers_open = 0;          /* 'tiers' words whose '{' is still to come: those '{' hold bands */
    bool after_comment = false;  /* a block comment just written on this line */
    const LexToken *prev = NULL; /* the last token that is not a comment */
    bool prev_unary = false;
    bool closed_inline = false; /* the last '}' closed 'tiers {' or a record */
    uint32_t last_end = 0;      /* end of the last token, comments included */
    for (int i = 0; i < n; i++) {
        const LexToken *t = &toks[i];
        int nl = breaks(src, last_end, t->span.begin);
        last_end = t->span.end;
        if (t->token == COMMENT) {
            bool line_comment = src->text[t->span.begin + 1] == '/';
            if (line_start && nl == 0 && prev && o.len && o.buf[o.len - 1] == '\n') {
                o.len--; /* the comment trails the statement just ended: keep it on that line */
                line_start = false;
            }
            if (!line_start && nl == 0) {
                put(&o, " ", 1);
            } else {
                if (!line_start) newline(&o);
                if (nl >= 2 && o.len && (!prev || prev->token != '{')) newline(&o);
                indent(&o, depth + (continued ? 2 : 0));
            }
            put_token(&o, src, t, kw);
            /* a line comment ends its line; a block comment does when the source broke after it */
            uint32_t next = i + 1 < n ? toks[i + 1].span.begin : (uint32_t)src->len;
            if (line_comment || breaks(src, t->span.end, next) > 0 || i + 1 == n) {
                newline(&o);
                line_start = true;
                continued = nest > 0 || (prev && prev->token != ';' && prev->token != '{' && prev->token != '}');
                if (!prev) continued = false;
            } else {
                line_start = false;
                after_comment = true;
            }
            continue;
        }
        /* a ';' right after a block's '}' or another ';' says nothing: drop it */
        if (t->token == ';' && nest == 0 && prev &&
            (prev->token == ';' || prev->token == '{' || (prev->token == '}' && !closed_inline))) {
            continue;
        }
        int closing = t->token == '}' && braces > 0 && braces <= MAX_NEST ? (int)brace_kind[braces - 1] : INLINE;
        bool closes_block = t->token == '}' && (closing == BLOCK || closing == BANDS);
        if (closes_block) {
            if (!line_start) newline(&o);
            depth--;
            line_start = true;
            continued = false;
        }
        if (t->token == REASON && !line_start) { /* a veto's reason goes on its own line */
            newline(&o);
            line_start = true;
            continued = true;
        }
        if (line_start) {
            if (nl >= 2 && o.len && !closes_block && (!prev || prev->token != '{')) newline(&o);
            indent(&o, depth + (continued ? 2 : 0));
        } else if (after_comment || space_between(src, prev, t, prev_unary)) {
            int bind =
                t->token == WHEN || t->token == THEN || (t->token == ELSE && !(i + 1 < n && toks[i + 1].token == ':'))
                    ? 0
                : t->token == OR                                                  ? 1
                : t->token == AND                                                 ? 2
                : t->token == '+' || (t->token == '-' && !unary_minus(src, prev)) ? 3
                                                                                  : -1;
            if (!after_comment && bind >= 0) may_break(&o, nest * 4 + bind);
            put(&o, " ", 1);
        }
        after_comment = false;
        if (t->token == FLOOR && i + 1 < n && toks[i + 1].token == '(')
            puts_(&o, "floor"); /* the function, not the keyword of 'floor none' (下限) */
        else
            put_token(&o, src, t, kw);
        line_start = false;
        bool unary = t->token == '-' && unary_minus(src, prev);
        switch (t->token) {
        case TIERS: tiers_open++; break;
        case '(':
        case '[': nest++; break;
        case ')':
        case ']':
            if (nest > 0) nest--;
            break;
        case '{': {
            bool empty = i + 1 < n && toks[i + 1].token == '}';
            int kind = nest > 0 ? INLINE : tiers_open > 0 ? BANDS : empty ? EMPTY : BLOCK;
            if (tiers_open > 0 && nest == 0) tiers_open--;
            if (braces < MAX_NEST) brace_kind[braces] = kind;
            braces++;
            if (kind == INLINE || kind == EMPTY) {
                nest += kind == INLINE;
            } else {
                depth++;
                newline(&o);
                line_start = true;
            }
            break;
        }
        case '}':
            if (braces > 0) braces--;
            closed_inline = closing == INLINE || closing == BANDS; /* what follows belongs to the same statement */
            if (closing == INLINE) {
                if (nest > 0) nest--;
            } else if (closing == BLOCK || closing == EMPTY) {
                newline(&o);
                line_start = true;
            }
            break;
        case ';':
            if (nest == 0) {
                newline(&o);
                line_start = true;
                continued = false;
            }
            break;
        default: break;
        }
        prev = t;
        prev_unary = unary;
    }
    if (!line_start) newline(&o);
    free(o.cand);
    arena_free(arena);
    if (!o.buf) {
        o.buf = malloc(1);
        if (o.buf) o.buf[0] = '\0';
    }
    return o.buf;
}
