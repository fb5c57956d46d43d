/* lex.c - what the scanner needs besides its patterns: the keyword table,
 * literals (dates, strings), punctuation typed by input methods, and the
 * parse driver. */
#include "lex.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "lexer.h"
#include "limits.h"
#include "width.h"

/* ---- keywords ---------------------------------------------------------
 * One row per keyword: its token and its spellings in English, traditional
 * and simplified Chinese (ORDER: en, hant, hans). A file may mix them. The
 * spellings are indexed once, by a hash of their word (no two keywords
 * share a spelling). */
typedef struct {
    int token;
    const char *spelling[LEX_SPELLINGS];
} Keyword;

static const Keyword keywords[] = {
    {STANDARD, {"standard", "標準", "标准"}},
    {YEAR, {"year", "年度", "年度"}},
    {TOTAL, {"total", "總分", "总分"}},
    {DECIMALS, {"decimals", "小數位", "小数位"}},
    {GRADE, {"grade", "等次", "等次"}},
    {OTHERWISE, {"otherwise", "其餘", "其余"}},
    {FAIL, {"fail", "不通過", "不通过"}},
    {SUMS, {"sums", "合計", "合计"}},
    {WARN, {"warn", "僅警告", "仅警告"}},
    {KINDS, {"kinds", "單位類型", "单位类型"}},
    {FACT, {"fact", "指標", "指标"}},
    {IN, {"in", "範圍", "范围"}},
    {DEFAULT, {"default", "默認", "默认"}},
    {INTEGER, {"integer", "整數", "整数"}},
    {DECIMAL, {"decimal", "小數", "小数"}},
    {PERCENT, {"percent", "百分比", "百分比"}},
    {BOOLEAN, {"boolean", "是否", "是否"}},
    {DATE, {"date", "日期", "日期"}},
    {TEXT, {"text", "文本", "文本"}},
    {ENUM, {"enum", "選項", "选项"}},
    {LIST, {"list", "清單", "清单"}},
    {CATEGORY, {"category", "類別", "类别"}},
    {GROUP, {"group", "子類", "子类"}},
    {ITEM, {"item", "項目", "项目"}},
    {BONUS, {"bonus", "加分項", "加分项"}},
    {PENALTY, {"penalty", "罰分", "罚分"}},
    {VETO, {"veto", "否決", "否决"}},
    {REASON, {"reason", "理由", "理由"}},
    {POINTS, {"points", "分值", "分值"}},
    {CAP, {"cap", "上限", "上限"}},
    {RESPONSIBLE, {"responsible", "責任單位", "责任单位"}},
    {APPLIES, {"applies", "適用", "适用"}},
    {CONTENT, {"content", "內容", "内容"}},
    {METHOD, {"method", "評分方法", "评分方法"}},
    {FLOOR, {"floor", "下限", "下限"}},
    {NONE, {"none", "無", "无"}},
    {DEDUCT, {"deduct", "扣", "扣"}},
    {ADD, {"add", "加", "加"}},
    {SCORE, {"score", "得分", "得分"}},
    {PER, {"per", "每", "每"}},
    {BELOW, {"below", "低於", "低于"}},
    {ABOVE, {"above", "高於", "高于"}},
    {WHEN, {"when", "若", "若"}},
    {STEP, {"step", "步長", "步长"}},
    {STARTED, {"started", "進位", "进位"}},
    {COMPLETED, {"completed", "捨去", "舍去"}},
    {PRO_RATA, {"pro_rata", "按比例", "按比例"}},
    {AND, {"and", "且", "且"}},
    {OR, {"or", "或", "或"}},
    {NOT, {"not", "非", "非"}},
    {IF, {"if", "如果", "如果"}},
    {THEN, {"then", "則", "则"}},
    {ELSE, {"else", "否則", "否则"}},
    {TIERS, {"tiers", "分檔", "分档"}},
    {TRUE, {"true", "是", "是"}},
    {FALSE, {"false", "否", "否"}},
    {WHERE, {"where", "其中", "其中"}},
    /* test cases */
    {TEST, {"test", "測試", "测试"}},
    {SET, {"set", "設", "设"}},
    {EXPECT, {"expect", "預期", "预期"}},
    {KIND, {"kind", "類型", "类型"}},
    {DATA, {"data", "數據", "数据"}},
    {PASS, {"pass", "通過", "通过"}},
    {RECTIFICATION, {"rectification", "整改", "整改"}},
    /* campaign time */
    {PHASE, {"phase", "階段", "阶段"}},
    {TASK, {"task", "任務", "任务"}},
    {FROM, {"from", "自", "自"}},
    {TO, {"to", "至", "至"}},
    {DUE, {"due", "截止", "截止"}},
    {DONE, {"done", "完成於", "完成于"}},
    {OF, {"of", "之", "之"}},
    {LATE, {"late", "逾期", "逾期"}},
    {MISSED, {"missed", "未完成", "未完成"}},
    {OVERLAPS, {"overlaps", "可重疊", "可重叠"}},
    {INSPECTION, {"inspection", "驗收", "验收"}},
    {DEADLINE, {"deadline", "整改期限", "整改期限"}},
    {FINAL, {"final", "不可整改", "不可整改"}},
    /* revisions */
    {REVISES, {"revises", "修訂自", "修订自"}},
    {REMOVE, {"remove", "刪除", "删除"}},
    {REPLACE, {"replace", "替換", "替换"}},
    {MOVE, {"move", "移動", "移动"}},
    {RENAMES, {"renames", "原名", "原名"}},
    /* the scoring model: bounds of parts, optional facts, requirements, judged rules */
    {OPTIONAL, {"optional", "選填", "选填"}},
    {AFTER, {"after", "之後", "之后"}},
    {ZERO, {"zero", "不得分", "不得分"}},
    {ADJUST, {"adjust", "加減", "加减"}},
    {REQUIRE, {"require", "要求", "要求"}},
    {SCALED, {"scaled", "折算", "折算"}},
    {WEIGHT, {"weight", "權重", "权重"}},
    /* the standard's own numbering */
    {NUMBER_KW, {"number", "編號", "编号"}},
    /* named expressions */
    {LET, {"let", "定義", "定义"}},
    /* aggregates over values */
    {IT, {"it", "該值", "该值"}},
    {DISTINCT, {"distinct", "不重複", "不重复"}},
    /* veto effects and outputs */
    {DISQUALIFY, {"disqualify", "取消資格", "取消资格"}},
    {WORST, {"worst", "最低", "最低"}},
    {OUTPUT, {"output", "輸出", "输出"}},
    /* the data's key for a fact */
    {KEY, {"key", "鍵名", "键名"}},
};

enum { NKEYWORDS = sizeof keywords / sizeof keywords[0] };

typedef struct {
    const char *word;
    int row, set; /* keywords[row].spelling[set] */
} Spelling;

static Spelling spellings[NKEYWORDS * LEX_SPELLINGS];
static int nspellings;
/* spellings by the hash of their word (open addressing; 0: empty, else index + 1) */
enum { SPELLING_SLOTS = 1024 };
_Static_assert(NKEYWORDS *LEX_SPELLINGS < SPELLING_SLOTS / 2, "more keywords: a larger table of spellings");
static short spelling_slot[SPELLING_SLOTS];

static uint32_t word_hash(const char *s, size_t len) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void build_index(void) {
    for (int r = 0; r < NKEYWORDS; r++)
        for (int k = 0; k < LEX_SPELLINGS; k++) {
            /* a spelling shared by two sets is indexed once, as the first */
            bool dup = false;
            for (int j = 0; j < k; j++)
                dup |= !strcmp(keywords[r].spelling[j], keywords[r].spelling[k]);
            if (!dup) spellings[nspellings++] = (Spelling){keywords[r].spelling[k], r, k};
        }
    for (int i = 0; i < nspellings; i++) {
        uint32_t h = word_hash(spellings[i].word, strlen(spellings[i].word)) % SPELLING_SLOTS;
        while (spelling_slot[h])
            h = (h + 1) % SPELLING_SLOTS;
        spelling_slot[h] = (short)(i + 1);
    }
}

/* once per process, whichever thread parses first (libkaoping loads
 * standards on any thread) */
static void index_keywords(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    static atomic_bool built; /* pthread_once costs a call for every word otherwise */
    if (atomic_load_explicit(&built, memory_order_acquire)) return;
    pthread_once(&once, build_index);
    atomic_store_explicit(&built, true, memory_order_release);
}

static const Spelling *find_spelling(const char *s, size_t len) {
    index_keywords();
    for (uint32_t h = word_hash(s, len) % SPELLING_SLOTS; spelling_slot[h]; h = (h + 1) % SPELLING_SLOTS) {
        const char *w = spellings[spelling_slot[h] - 1].word;
        if (!strncmp(s, w, len) && w[len] == '\0') return &spellings[spelling_slot[h] - 1];
    }
    return NULL;
}

int lex_keyword(const char *s, size_t len) {
    const Spelling *sp = find_spelling(s, len);
    return sp ? keywords[sp->row].token : 0;
}

size_t lex_keyword_prefix(const char *s, size_t len) {
    if (len == 0 || !((unsigned char)s[0] & 0x80)) return 0; /* English words are split by spaces */
    for (size_t k = len - 1; k > 0; k--) {
        if (((unsigned char)s[k] & 0xC0) == 0x80) continue; /* inside a character */
        if (find_spelling(s, k)) return k;
    }
    return 0;
}

const char *lex_glued_help(Arena *a, const char *word, size_t len) {
    size_t k = lex_keyword_prefix(word, len);
    if (!k) return NULL;
    return arena_printf(a,
                        _("'%.*s' is read as one name: a keyword written in Chinese needs a space after it, as in "
                          "'%.*s %.*s'"),
                        (int)len, word, (int)k, word, (int)(len - k), word + k);
}

int lex_keyword_set(const char *s, size_t len) {
    const Spelling *sp = find_spelling(s, len);
    return sp ? sp->set : -1;
}

const char *lex_spelling(int token, int set) {
    for (int r = 0; r < NKEYWORDS; r++)
        if (keywords[r].token == token) return keywords[r].spelling[set];
    return NULL;
}

/* The token of an English spelling, for translating parser messages. */
static int english_token(const char *word, size_t len) {
    for (int r = 0; r < NKEYWORDS; r++)
        if (strlen(keywords[r].spelling[LEX_EN]) == len && !strncmp(keywords[r].spelling[LEX_EN], word, len))
            return keywords[r].token;
    return 0;
}

/* ---- punctuation inside words --------------------------------------- */

/* ASCII twin of a full-width or CJK punctuation mark; 0 when the code point
 * is punctuation with no twin; -1 when it may stand in a word. */
static int punct_twin(uint32_t cp) {
    switch (cp) {
    case 0xFF1B: return ';'; /* ； */
    case 0x3002: return ';'; /* 。 ends a statement as a Chinese sentence */
    case 0xFF1A: return ':'; /* ： */
    case 0xFF0C: return ','; /* ， */
    case 0x3001: return ','; /* 、 */
    case 0xFF08: return '('; /* （ */
    case 0xFF09: return ')'; /* ） */
    case 0xFF5B: return '{'; /* ｛ */
    case 0xFF5D: return '}'; /* ｝ */
    case 0xFF1D: return '='; /* ＝ */
    case 0xFF1C: return '<'; /* ＜ */
    case 0xFF1E: return '>'; /* ＞ */
    case 0xFF0B: return '+'; /* ＋ */
    case 0xFF0D: return '-'; /* － */
    case 0xFF0A: return '*'; /* ＊ */
    case 0xFF0F: return '/'; /* ／ */
    default: break;
    }
    if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x2000 && cp <= 0x206F) ||
        cp == 0x00A0 || cp == 0xFEFF)
        return 0;
    return -1;
}

size_t lex_word_length(const char *s, size_t len, int *punct) {
    *punct = -1;
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) { /* ASCII: no punctuation to look for */
            i++;
            continue;
        }
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n <= 0) n = 1, cp = 0xFFFD;
        int twin = cp < 0x80 ? -1 : punct_twin(cp);
        if (twin >= 0) {
            if (i == 0) {
                *punct = twin;
                return (size_t)n;
            }
            return i;
        }
        i += (size_t)n;
    }
    return i;
}

/* ---- tokens with values ---------------------------------------------- */

unsigned lex_codepoint(const char *s) {
    uint32_t cp = 0;
    if (utf8_decode(s, strlen(s), &cp) <= 0) cp = (unsigned char)s[0];
    return cp;
}

char *lex_copy(LexCtx *x, const char *s, size_t len) {
    return arena_strndup(x->ast->arena, s, len);
}

char *lex_curly(LexCtx *x, const char *s, size_t len) {
    if (len > KP_MAX_STRING) {
        Span sp = {x->offset - (uint32_t)len - 6, x->offset};
        lex_error(x, sp, "K0112", "a string of %zu bytes: at most %d", len, KP_MAX_STRING);
        len = KP_MAX_STRING;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    return lex_copy(x, s, len);
}

char *lex_string(LexCtx *x, const char *s, size_t len) {
    if (len > KP_MAX_STRING) {
        Span sp = {x->offset - (uint32_t)len - 2, x->offset};
        lex_error(x, sp, "K0112", "a string of %zu bytes: at most %d", len, KP_MAX_STRING);
        len = KP_MAX_STRING;
    }
    char *out = arena_alloc(x->ast->arena, len + 1), *o = out;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len) {
            i++;
            *o++ = s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i];
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

const char *lex_show(LexCtx *x, char c) {
    unsigned char u = (unsigned char)c;
    if (u >= 0x21 && u < 0x7F) return arena_printf(x->ast->arena, "%c", c);
    return arena_printf(x->ast->arena, "\\x%02X", u);
}

int lex_date(LexCtx *x, const char *s, YYSTYPE *val, Span sp) {
    int32_t days = 0;
    if (!dates_parse(s, strlen(s), &days))
        lex_error(x, sp, "K0107", "'%s' is not a date: write YYYY-MM-DD with a real day", s);
    val->expr = ast_date(x->ast, days, sp);
    return DATE_LIT;
}

static const char *kw_name(int kw);

int lex_word(LexCtx *x, const char *s, size_t len, YYSTYPE *val, Span sp) {
    if (len > KP_MAX_NAME) {
        lex_error(x, sp, "K0113", "a name of %zu bytes: at most %d", len, KP_MAX_NAME);
        len = KP_MAX_NAME;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--; /* whole characters */
    }
    const Spelling *spl = find_spelling(s, len);
    int kw = spl ? keywords[spl->row].token : 0;
    /* a spelling both Chinese sets share (年度, 扣) says nothing about the script */
    if (spl &&
        (spl->set == LEX_EN || strcmp(keywords[spl->row].spelling[LEX_HANT], keywords[spl->row].spelling[LEX_HANS])))
        x->sets_seen[spl->set]++;
    if (kw && kw_name(kw)) {
        x->last_kw = kw;
        x->last_kw_span = sp;
    }
    if (kw) return kw;
    val->text = lex_copy(x, s, len);
    return IDENT;
}

void lex_error(LexCtx *x, Span sp, const char *code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, _(fmt), ap);
    va_end(ap);
    diag_at(x->diag, DIAG_ERROR, code, x->ast->src, sp, "%s", buf);
}

_Noreturn void lex_fatal(const char *msg) {
    arena_oom_escape();
    fprintf(stderr, "kaoping: error: scanner failure: %s\n", msg);
    exit(3);
}

/* ---- driver ----------------------------------------------------------- */

int yyparse(void *scanner, LexCtx *lx);

static bool parse_into(Standard *std, const Source *src, Arena *arena, DiagSink *diag, bool tests_only);

Standard *lex_parse(const Source *src, Arena *arena, DiagSink *diag) {
    Standard *std = arena_alloc(arena, sizeof *std);
    std->src = src;
    if (!parse_into(std, src, arena, diag, false)) return NULL;
    if (!std->has_header && diag->errors == 0) {
        Span sp = {src->origin, src->origin};
        diag_at(diag, DIAG_ERROR, "K0108", src, sp,
                "no 'standard' header: a rule file starts with standard \"title\" { year ...; total ...; }");
    }
    return std;
}

bool lex_parse_tests(Standard *std, const Source *src, Arena *arena, DiagSink *diag) {
    return parse_into(std, src, arena, diag, true);
}

static void destroy_scanner(void *scanner) {
    yylex_destroy(scanner); /* frees its buffers too */
}

static bool parse_into(Standard *std, const Source *src, Arena *arena, DiagSink *diag, bool tests_only) {
    if (!source_utf8(src, diag, "K0101", "save the file as UTF-8 (in Word or Notepad: Save As, encoding UTF-8)"))
        return false;
    /* a line longer than the limit is reported once, and parsing goes on */
    for (size_t start = 0; start <= src->len;) {
        const char *nl = memchr(src->text + start, '\n', src->len - start);
        size_t i = nl ? (size_t)(nl - src->text) : src->len;
        if (i - start > KP_MAX_LINE) {
            Span sp = {src->origin + (uint32_t)start, src->origin + (uint32_t)start + 1};
            diag_at(diag, DIAG_ERROR, "K0115", src, sp, "a line of %zu bytes: at most %d", i - start, KP_MAX_LINE);
            break;
        }
        start = i + 1;
    }
    AstCtx ast = {arena, std, src, diag, tests_only};
    LexCtx lx = {.ast = &ast, .diag = diag};
    /* skip a byte-order mark that Windows editors write */
    const char *text = src->text;
    size_t len = src->len;
    /* spans of a revision's base start at its origin (diag.h) */
    size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    lx.offset = src->origin + (uint32_t)skip;
    yyscan_t scanner;
    if (yylex_init_extra(&lx, &scanner) != 0) lex_fatal("cannot start");
    arena_oom_cleanup(destroy_scanner, scanner); /* libkaoping: out of memory unwinds past it */
    YY_BUFFER_STATE buf = yy_scan_bytes(text + skip, (int)(len - skip), scanner);
    yyparse(scanner, &lx);
    arena_oom_cleanup(NULL, NULL);
    yy_delete_buffer(buf, scanner);
    yylex_destroy(scanner);
    if (!tests_only) std->keyword_set = lex_file_set(&lx);
    return true;
}

LexToken *lex_tokens(const Source *src, Arena *arena, DiagSink *diag, int *count) {
    *count = 0;
    size_t bad;
    if (!utf8_valid(src->text, src->len, &bad)) return NULL;
    Standard std = {.src = src};
    AstCtx ast = {arena, &std, src, diag, false};
    LexCtx lx = {.ast = &ast, .diag = diag, .keep_comments = true};
    if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0) lx.offset = 3;
    yyscan_t scanner;
    if (yylex_init_extra(&lx, &scanner) != 0) lex_fatal("cannot start");
    YY_BUFFER_STATE buf = yy_scan_bytes(src->text + lx.offset, (int)(src->len - lx.offset), scanner);
    int cap = 256, n = 0;
    LexToken *toks = arena_alloc(arena, sizeof *toks * (size_t)cap);
    for (;;) {
        YYSTYPE val = {0};
        Span sp;
        int t = yylex(&val, &sp, scanner);
        if (t == 0) break;
        if (n == cap) {
            LexToken *more = arena_alloc(arena, sizeof *toks * (size_t)cap * 2);
            memcpy(more, toks, sizeof *toks * (size_t)n);
            toks = more;
            cap *= 2;
        }
        toks[n++] = (LexToken){t, sp, t == DATE_LIT ? NULL : val.text};
    }
    yy_delete_buffer(buf, scanner);
    yylex_destroy(scanner);
    *count = n;
    return toks;
}

int lex_file_set(const LexCtx *x) {
    if (x->sets_seen[LEX_HANT] + x->sets_seen[LEX_HANS] <= x->sets_seen[LEX_EN]) return LEX_EN;
    return x->sets_seen[LEX_HANS] > x->sets_seen[LEX_HANT] ? LEX_HANS : LEX_HANT;
}

char *lex_in_set(Arena *a, const char *msg, int set) {
    if (set == LEX_EN) return arena_strdup(a, msg);
    size_t cap = strlen(msg) * 2 + 16, n = 0;
    char *out = arena_alloc(a, cap);
    for (const char *p = msg; *p && n < cap - 1;) {
        const char *q = p[0] == '\'' ? strchr(p + 1, '\'') : NULL;
        int tok = q ? english_token(p + 1, (size_t)(q - p - 1)) : 0;
        const char *zh = tok ? lex_spelling(tok, set) : NULL;
        if (zh && n + strlen(zh) + 2 < cap) {
            n += (size_t)snprintf(out + n, cap - n, "'%s'", zh);
            p = q + 1;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    return out;
}

/* ---- syntax errors ---------------------------------------------------- */

static const char *kw_name(int kw) {
    switch (kw) {
    case STANDARD: return "standard";
    case CATEGORY: return "category";
    case GROUP: return "group";
    case ITEM: return "item";
    case BONUS: return "bonus";
    case PENALTY: return "penalty";
    case LIST: return "list";
    case TIERS: return "tiers";
    case TEST: return "test";
    case TASK: return "task";
    default: return NULL;
    }
}

void lex_open_brace(LexCtx *x, Span sp) {
    int d = x->depth++;
    if (d == KP_MAX_NESTING) lex_error(x, sp, "K0114", "more than %d braces open at once", KP_MAX_NESTING);
    if (d >= (int)(sizeof x->braces / sizeof x->braces[0])) return;
    x->braces[d].kw = x->last_kw;
    x->braces[d].kw_span = x->last_kw ? x->last_kw_span : sp;
    x->last_kw = 0;
}

void lex_close_brace(LexCtx *x) {
    x->last_closed = 0;
    if (x->depth > 0 && --x->depth < (int)(sizeof x->braces / sizeof x->braces[0]))
        x->last_closed = x->braces[x->depth].kw;
}

/* The grammar's names for what may come next (parser.y's token aliases),
 * marked here for translation. */
static const char *const token_phrases[] = {N_("a number"), N_("a percentage"), N_("a string"),
                                            N_("a name"),   N_("a date"),       N_("an expression")};

void lex_syntax_error(LexCtx *x, Span sp, bool at_eof, const char **expected, int n) {
    (void)token_phrases;
    const Source *src = x->ast->src;
    uint32_t origin = src->origin; /* spans are in the chain's offsets; src->text is the file's */
    char found[160];
    if (at_eof) {
        snprintf(found, sizeof found, "%s", _("end of file"));
    } else {
        const char *t = ast_text(x->ast->arena, src, sp);
        if (strlen(t) > 40)
            snprintf(found, sizeof found, "'%.40s...'", t);
        else
            snprintf(found, sizeof found, "'%s'", t);
    }
    /* name keywords the way the file writes them */
    int set = lex_file_set(x);
    char want[512] = "";
    size_t w = 0;
    for (int i = 0; i < n && w < sizeof want - 64; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? _(" or ") : _(", ");
        const char *e = expected[i];
        size_t el = strlen(e);
        int tok = el > 2 && e[0] == '\'' ? english_token(e + 1, el - 2) : 0;
        if (tok && set != LEX_EN)
            w += (size_t)snprintf(want + w, sizeof want - w, "%s'%s'", sep, lex_spelling(tok, set));
        else
            w += (size_t)snprintf(want + w, sizeof want - w, "%s%s", sep, _(e));
    }
    Diag *g;
    bool semi = false;
    for (int i = 0; i < n; i++)
        semi |= !strcmp(expected[i], "';'");
    uint32_t e = sp.begin - origin;
    while (e > 0 && strchr(" \t\r\n", src->text[e - 1]))
        e--;
    /* after ';', '{' or a block's '}' a new statement starts: nothing was
     * left open ('tiers {...}' ends an expression, not a statement) */
    bool boundary = e == 0 || strchr(";{", src->text[e - 1]) || (src->text[e - 1] == '}' && x->last_closed != TIERS) ||
                    (e >= 3 && !memcmp(src->text + e - 3, "\xEF\xBC\x9B", 3)) ||
                    (e >= 3 && !memcmp(src->text + e - 3, "\xE3\x80\x82", 3));
    if (semi && n > 6 && !at_eof && !boundary) {
        /* a rule or statement left open: point just after its last word */
        Span after = {origin + e, origin + e + 1};
        g = diag_at(x->diag, DIAG_ERROR, "K0100", src, after, "expected ';' at the end of the statement, found %s",
                    found);
        diag_label(x->diag, g, "';' is needed here");
        const char *glued = lex_glued_help(x->ast->arena, src->text + sp.begin - origin, sp.end - sp.begin);
        if (glued) diag_help(x->diag, g, "%s", glued);
        return;
    }
    if (n > 0 && n <= 6)
        g = diag_at(x->diag, DIAG_ERROR, "K0100", src, sp, "expected %s, found %s", want, found);
    else
        g = diag_at(x->diag, DIAG_ERROR, "K0100", src, sp, "unexpected %s", found);
    bool name = false;
    for (int i = 0; i < n; i++)
        name |= !strcmp(expected[i], "a name");
    if (name && !at_eof && lex_keyword(src->text + sp.begin - origin, sp.end - sp.begin))
        diag_help(x->diag, g, "%s is a word of the language; choose another name", found);
    const char *glued = at_eof ? NULL : lex_glued_help(x->ast->arena, src->text + sp.begin - origin, sp.end - sp.begin);
    if (glued) diag_help(x->diag, g, "%s", glued);
    if (at_eof && x->depth > 0) {
        int d = x->depth - 1;
        if (d >= (int)(sizeof x->braces / sizeof x->braces[0])) return;
        int line, col;
        diag_position(src, x->braces[d].kw_span.begin, &line, &col);
        const char *k = kw_name(x->braces[d].kw);
        if (k)
            diag_label(x->diag, g, "'}' expected (to close '%s' at line %d)", k, line);
        else
            diag_label(x->diag, g, "'}' expected (to close '{' at line %d)", line);
    }
}
