/* lex.h - support for the generated scanner (grammar/lexer.l): the
 * scanner's context, the keyword table and token helpers. */
#ifndef KP_LEX_H
#define KP_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "parser.h"

/* Keyword sets: a keyword is spelled in English, traditional or simplified
 * Chinese. */
enum { LEX_EN, LEX_HANT, LEX_HANS, LEX_SPELLINGS };

typedef struct LexCtx {
    AstCtx *ast;
    DiagSink *diag;
    uint32_t offset; /* byte offset of the next token */
    Span open;       /* where an unterminated block comment began */
    int last_kw;     /* the last part keyword seen, and where */
    Span last_kw_span;
    int last_closed;              /* the keyword whose '{' the last '}' closed */
    int sets_seen[LEX_SPELLINGS]; /* keywords read in each set */
    bool keep_comments;           /* return comments as tokens (kaoping fmt) */
    int depth;                    /* open braces, and what opened each */
    struct {
        int kw;
        Span kw_span;
    } braces[64];
} LexCtx;

/* The keyword whose spelling is s[0..len), or 0; and its set, or -1. */
int lex_keyword(const char *s, size_t len);
/* A Chinese keyword glued to what follows it (扣2, 每次數): the length of
 * the longest keyword that begins the word and is shorter than it, or 0;
 * and the help that says to put a space after it (NULL when none). */
size_t lex_keyword_prefix(const char *s, size_t len);
const char *lex_glued_help(Arena *a, const char *word, size_t len);
int lex_keyword_set(const char *s, size_t len);
/* The set a file mostly writes its keywords in (shared spellings aside). */
int lex_file_set(const LexCtx *x);
/* msg with every quoted English keyword ('per') in the given set ('每'). */
char *lex_in_set(Arena *a, const char *msg, int set);
/* A keyword's spelling in a set. */
const char *lex_spelling(int token, int set);

unsigned lex_codepoint(const char *s);
char *lex_copy(LexCtx *x, const char *s, size_t len);
char *lex_string(LexCtx *x, const char *s, size_t len);
char *lex_curly(LexCtx *x, const char *s, size_t len); /* a “string”: no escapes */
const char *lex_show(LexCtx *x, char c);
int lex_date(LexCtx *x, const char *s, YYSTYPE *val, Span sp);
/* Length of the word at s: it stops before a punctuation mark. When the
 * word starts with one, *punct is its ASCII token (0 when it has none and an
 * error was reported); else *punct is -1. */
size_t lex_word_length(const char *s, size_t len, int *punct);
int lex_word(LexCtx *x, const char *s, size_t len, YYSTYPE *val, Span sp);
void lex_error(LexCtx *x, Span sp, const char *code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
_Noreturn void lex_fatal(const char *msg);

void lex_open_brace(LexCtx *x, Span sp);
void lex_close_brace(LexCtx *x);
void lex_syntax_error(LexCtx *x, Span sp, bool at_eof, const char **expected, int n);

/* Parses a rule file into a standard allocated in arena; NULL when the file
 * cannot be read as text at all. Syntax errors go to diag. */
Standard *lex_parse(const Source *src, Arena *arena, DiagSink *diag);
/* Parses a file of test cases (NAME.tests.kp) into an existing standard;
 * anything but test cases there is an error. */
bool lex_parse_tests(Standard *std, const Source *src, Arena *arena, DiagSink *diag);

/* A token as the formatter sees it: comments included. text is the value
 * of names, numbers and strings (unescaped); NULL for the others. */
typedef struct LexToken {
    int token;
    Span span;
    const char *text;
} LexToken;

/* Every token of a source, comments included; NULL when the text is not
 * UTF-8. Errors of the scanner go to diag. */
LexToken *lex_tokens(const Source *src, Arena *arena, DiagSink *diag, int *count);

#endif
