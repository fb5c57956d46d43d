/* import.c - a standard's table to a skeleton rule file (see import.h).
 *
 * The header row is the first whose cells name at least two known columns,
 * one of them the points; the columns are recognised by their Chinese
 * headers in either script (編號/序號, 項目, 內容/考核內容/考評內容, 分值/標準分,
 * 評分方法/評分標準/考核辦法, 責任單位/牽頭單位, 類別). Below it:
 * - a heading row starts a category (一、... or a numeral in the 序號
 *   column) or a group ((一)...); its points are its own when it gives
 *   them ("100", or "(100分)" in its text), else the sum of what it holds;
 * - a 類別 column (merged down, in Word or Excel) starts a category where
 *   its text changes;
 * - any other row with points is an item: its id from the 編號 column when
 *   it is one (p1_1), else made (c1_3); its title from the 項目 column, else
 *   the first words of its content.
 * Each method is kept (`method "..."`) with a // TODO, and each clause of it
 * that matches a known form becomes a rule on a fact declared for it, both
 * marked `guessed`. */
#include "import.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "check.h"
#include "decimal.h"
#include "lex.h"
#include "width.h"

typedef enum { COL_ID, COL_TITLE, COL_CONTENT, COL_POINTS, COL_METHOD, COL_RESP, COL_CAT, NCOLS } Col;

static const char *const WORDS[NCOLS][12] = {
    [COL_ID] = {"编号", "編號", "序号", "序號", "id", NULL},
    [COL_TITLE] = {"项目", "項目", "考核项目", "考核項目", "指标", "指標", "名称", "名稱", "title", NULL},
    [COL_CONTENT] = {"内容", "內容", "考核内容", "考核內容", "考评内容", "考評內容", "考核要求", "content", NULL},
    [COL_POINTS] = {"分值", "标准分", "標準分", "分数", "分數", "points", NULL},
    [COL_METHOD] = {"评分方法", "評分方法", "评分标准", "評分標準", "考核办法", "考核辦法", "扣分标准", "扣分標準",
                    "method", NULL},
    [COL_RESP] = {"责任单位", "責任單位", "牵头单位", "牽頭單位", "responsible", NULL},
    [COL_CAT] = {"类别", "類別", "考核类别", "考核類別", "category", NULL},
};

typedef struct Entry {
    int level; /* 1 category, 2 group, 3 item */
    char *id, *title, *content, *method, *resp;
    Dec points;
    bool given;    /* points written in the table */
    bool in_group; /* an item of the group above it (else of the category) */
    int line;
} Entry;

typedef struct Im {
    Entry *e;
    int n, cap;
    char *facts; /* the guessed facts' declarations */
    size_t nf, capf;
    char **ids;
    int nids;
    const char *path;
    DiagSink *d;
} Im;

/* ---- text helpers -------------------------------------------------------------- */

static void out_add(char **buf, size_t *n, size_t *cap, const char *s) {
    size_t k = strlen(s);
    if (*n + k + 1 > *cap) *buf = arena_xrealloc(*buf, *cap = (*n + k + 1) * 2);
    memcpy(*buf + *n, s, k + 1);
    *n += k;
}

/* The cell's text without spaces or line breaks (for matching a header). */
static void squeeze(const char *s, char *buf, size_t cap) {
    size_t w = 0;
    for (; *s && w + 1 < cap; s++)
        if (!strchr(" \t\r\n", *s)) buf[w++] = *s;
    buf[w] = '\0';
}

static int word_col(const char *cell) {
    char s[200];
    squeeze(cell, s, sizeof s);
    for (int c = 0; c < NCOLS; c++)
        for (int k = 0; WORDS[c][k]; k++)
            if (!strcasecmp(s, WORDS[c][k])) return c;
    return -1;
}

static const char *const DIGITS[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* A number written in digits (2, 2.5) or in Chinese numerals (四, 十二, 两)
 * at s; its end in *end; false when there is none. */
static bool number_at(const char *s, Dec *out, const char **end) {
    if (isdigit((unsigned char)*s)) {
        const char *e = s;
        while (isdigit((unsigned char)*e) || (*e == '.' && isdigit((unsigned char)e[1])))
            e++;
        *end = e;
        return dec_parse(s, (size_t)(e - s), out) == DEC_OK;
    }
    long total = 0, cur = -1;
    const char *p = s;
    for (;;) {
        int d = -1;
        for (int i = 0; i < 10; i++)
            if (!strncmp(p, DIGITS[i], 3)) d = i;
        if (!strncmp(p, "两", 3) || !strncmp(p, "兩", 3)) d = 2;
        if (d >= 0) {
            cur = d, p += 3;
        } else if (!strncmp(p, "十", 3)) {
            total += (cur < 0 ? 1 : cur) * 10, cur = 0, p += 3;
        } else if (!strncmp(p, "百", 3)) {
            total += (cur < 0 ? 1 : cur) * 100, cur = 0, p += 3;
        } else {
            break;
        }
    }
    if (p == s) return false;
    *end = p;
    *out = dec_int(total + (cur > 0 ? cur : 0));
    return true;
}

/* The number within a few characters after the first of the words found
 * in s ("至少召開四次": 4), or false. */
static bool number_after(const char *s, const char *const *words, Dec *out) {
    for (; *words; words++) {
        const char *w = strstr(s, *words), *end;
        if (!w) continue;
        const char *p = w + strlen(*words);
        for (int k = 0; k < 8 && *p && strncmp(p, "，", 3) && *p != ','; k++) {
            if (number_at(p, out, &end)) return true;
            p += (*p & 0x80) ? ((*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4) : 1;
        }
    }
    return false;
}

/* Whether a text is in simplified characters (a few common ones tell). */
static bool simplified(const char *s) {
    static const char *const marks[] = {"个", "发", "为", "级", "务", "规", "数", "会", "区", "这", "对",
                                        "时", "门", "开", "计", "设", "议", "间", "经", "权", NULL};
    for (int i = 0; marks[i]; i++)
        if (strstr(s, marks[i])) return true;
    return false;
}

/* The number after the last 扣 of s that has one (the points a clause
 * deducts: 扣2分, not 扣完為止). */
static bool deduction(const char *s, Dec *out) {
    bool found = false;
    const char *end;
    Dec n;
    for (const char *p = strstr(s, "扣"); p; p = strstr(p + 3, "扣"))
        if (number_at(p + 3, &n, &end)) *out = n, found = true;
    return found;
}

/* "一、黨委依法執政(100分)" -> level 1, the title "黨委依法執政", points 100. */
static int heading(const char *s, const char **rest) {
    const char *end;
    Dec n;
    if (!strncmp(s, "（", 3) || *s == '(') {
        const char *p = s + (*s == '(' ? 1 : 3);
        if (number_at(p, &n, &end) && (!strncmp(end, "）", 3) || *end == ')')) {
            *rest = end + (*end == ')' ? 1 : 3);
            return 2;
        }
        return 0;
    }
    if (!isdigit((unsigned char)*s) && number_at(s, &n, &end)) {
        if (!strncmp(end, "、", 3))
            end += 3;
        else if (*end == '.' || *end == ' ')
            end++;
        else if (*end)
            return 0;
        *rest = end;
        return 1;
    }
    return 0;
}

/* Points written in a heading's text: "(100分)". */
static bool points_in(const char *s, Dec *out) {
    static const char *const open[] = {"（", "(", NULL};
    for (int i = 0; open[i]; i++) {
        const char *p = strstr(s, open[i]), *end;
        if (p && number_at(p + strlen(open[i]), out, &end) && !strncmp(end, "分", 3)) return true;
    }
    return false;
}

static char *title_of(const char *s) {
    char buf[400];
    size_t w = 0;
    static const char *const stops[] = {"，", "。", "；", "：", "（", "(", ",", ";", ":", NULL};
    for (const char *p = s; *p && w + 4 < sizeof buf && w < 60;) {
        bool stop = false;
        for (int i = 0; stops[i] && !stop; i++)
            stop = !strncmp(p, stops[i], strlen(stops[i]));
        if (stop && w) break;
        int k = (*p & 0x80) ? ((*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4) : 1;
        memcpy(buf + w, p, (size_t)k);
        w += (size_t)k, p += k;
    }
    buf[w] = '\0';
    return strdup(w ? buf : "?");
}

/* A heading's title: its text without the points written after it. */
static char *heading_title(const char *s) {
    char *t = strdup(*s ? s : "?");
    if (!t) arena_out_of_memory();
    static const char *const open[] = {"（", "(", NULL};
    for (int i = 0; open[i]; i++) {
        char *p = NULL;
        for (char *q = strstr(t, open[i]); q; q = strstr(q + 1, open[i]))
            p = q;
        Dec n;
        const char *end;
        if (p && p > t && number_at(p + strlen(open[i]), &n, &end) && !strncmp(end, "分", 3)) *p = '\0';
    }
    return t;
}

static bool is_ident(const char *s) {
    if (!isalpha((unsigned char)*s) && *s != '_') return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_') return false;
    return true;
}

/* A unique id: want when it is one and is free, else prefix + n. */
static char *unique_id(Im *m, const char *want, const char *prefix, int n) {
    char buf[300];
    if (want && is_ident(want) && strlen(want) < 200)
        snprintf(buf, sizeof buf, "%s", want);
    else
        snprintf(buf, sizeof buf, "%s%d", prefix, n);
    for (int k = 2;; k++) {
        bool taken = false;
        for (int i = 0; i < m->nids && !taken; i++)
            taken = !strcmp(m->ids[i], buf);
        if (!taken) break;
        char base[300];
        snprintf(base, sizeof base, "%s", buf);
        snprintf(buf, sizeof buf, "%.280s_%d", base, k);
    }
    m->ids = arena_xrealloc(m->ids, sizeof *m->ids * (size_t)(m->nids + 1));
    return m->ids[m->nids++] = strdup(buf);
}

static Entry *add(Im *m, int level, int line) {
    if (m->n == m->cap) m->e = arena_xrealloc(m->e, sizeof *m->e * (size_t)(m->cap = m->cap ? m->cap * 2 : 64));
    Entry *e = &m->e[m->n++];
    memset(e, 0, sizeof *e);
    e->level = level, e->line = line;
    return e;
}

/* ---- the table to entries ---------------------------------------------------------- */

static const char *cell(const TableRow *r, int col) {
    return col >= 0 && col < r->n ? r->cell[col] : "";
}

static bool read_entries(Im *m, const Table *t, int header, const int *col) {
    int ncat = 0, ngroup = 0, nitem = 0;
    char *cat_text = NULL;
    for (int i = header + 1; i < t->nrows; i++) {
        const TableRow *r = &t->rows[i];
        int again = 0;
        for (int k = 0; k < r->n; k++)
            again += word_col(r->cell[k]) >= 0;
        if (again >= 2) continue; /* the header repeated (a table per page) */
        const char *id = cell(r, col[COL_ID]), *title = cell(r, col[COL_TITLE]);
        const char *content = cell(r, col[COL_CONTENT]), *method = cell(r, col[COL_METHOD]);
        const char *pts = cell(r, col[COL_POINTS]), *cat = cell(r, col[COL_CAT]);
        const char *text = *title ? title : *content ? content : id;
        if (!*id && !*title && !*content && !*method && !*pts && !*cat) continue;
        Dec points;
        const char *end;
        bool has_points = number_at(pts, &points, &end);
        if (*cat && (!cat_text || strcmp(cat, cat_text))) { /* a category column */
            free(cat_text);
            cat_text = strdup(cat);
            const char *rest = cat;
            heading(cat, &rest);
            Entry *e = add(m, 1, r->line);
            e->id = unique_id(m, NULL, "c", ++ncat);
            e->given = points_in(rest, &e->points);
            e->title = heading_title(rest);
            ngroup = nitem = 0;
        }
        const char *rest = NULL;
        int level = 0;
        if (*id && !strchr(id, '_') && (level = heading(id, &rest)) != 0 && !*rest)
            rest = text == id ? "" : text;
        else if ((level = heading(text, &rest)) == 0 && *id)
            level = 0;
        if (level == 2 && ncat == 0) level = 1; /* a group's heading before any category's: a category */
        if (level && !*method) {
            Entry *e = add(m, level, r->line);
            if (level == 1) ngroup = 0;
            nitem = 0;
            char prefix[300];
            snprintf(prefix, sizeof prefix, "c%d_g", ncat);
            e->id = level == 1 ? unique_id(m, NULL, "c", ++ncat) : unique_id(m, NULL, prefix, ++ngroup);
            e->given = has_points || points_in(rest, &points);
            e->points = points;
            e->title = heading_title(rest ? rest : "");
            continue;
        }
        if (!has_points) {
            Source s = {.path = m->path};
            diag_file(m->d, DIAG_WARNING, "K0801", &s, "row %d has no points (分值): it is not imported", r->line);
            continue;
        }
        if (ncat == 0) { /* items before any category: one of their own */
            Entry *e = add(m, 1, r->line);
            e->id = unique_id(m, NULL, "c", ++ncat);
            e->title = strdup(t->title ? t->title : "?");
        }
        Entry *e = add(m, 3, r->line);
        char prefix[32];
        snprintf(prefix, sizeof prefix, "c%d_", ncat);
        e->id = unique_id(m, id, prefix, ++nitem);
        e->title = *title ? strdup(title) : title_of(*content ? content : method);
        e->content = *content ? strdup(content) : NULL;
        e->method = *method ? strdup(method) : NULL;
        e->resp = *cell(r, col[COL_RESP]) ? strdup(cell(r, col[COL_RESP])) : NULL;
        e->points = points, e->given = true;
    }
    free(cat_text);
    return m->n > 0;
}

/* Which items a group holds: those below it, until its points are reached
 * when the table gives them (an item after that is its category's). */
static void grouping(Im *m) {
    int group = -1;
    Dec left = dec_zero();
    for (int i = 0; i < m->n; i++) {
        Entry *e = &m->e[i];
        if (e->level == 1) group = -1;
        if (e->level == 2) group = i, left = e->points;
        if (e->level != 3 || group < 0) continue;
        const Entry *g = &m->e[group];
        e->in_group = !g->given || dec_sign(left) > 0;
        if (e->in_group && g->given) dec_sub(left, e->points, &left);
    }
}

/* Points not given: the sum of what the category or group holds. */
static void sums(Im *m) {
    for (int level = 2; level >= 1; level--)
        for (int i = 0; i < m->n; i++) {
            Entry *e = &m->e[i];
            if (e->level != level || e->given) continue;
            Dec s = dec_zero();
            for (int k = i + 1; k < m->n && m->e[k].level > level; k++) {
                const Entry *x = &m->e[k];
                if (level == 2 ? x->in_group : x->level == 2 || (x->level == 3 && !x->in_group))
                    dec_add(s, x->points, &s);
            }
            e->points = s;
        }
}

/* ---- writing ---------------------------------------------------------------------- */

static void kp_string(FILE *out, const char *s) {
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', out);
        fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, out);
    }
    fputc('"', out);
}

static void pts(FILE *out, Dec d) {
    char buf[64];
    dec_format(d, 6, buf, sizeof buf);
    fputs(buf, out);
}

/* A guessed fact: declared once, its id returned. */
static const char *guess_fact(Im *m, const Entry *e, const char *suffix, const char *type, const char *label,
                              const char *clause) {
    char id[300];
    snprintf(id, sizeof id, "%s_%s", e->id, suffix);
    const char *fid = unique_id(m, id, id, 2);
    char line[1600], said[401];
    snprintf(said, sizeof said, "%s", clause);
    said[utf8_whole(said, strlen(said))] = '\0';
    snprintf(line, sizeof line, "// guessed from %s \"%s\": check the fact's name, label and bounds\nfact %s: %s \"",
             e->id, said, fid, type);
    out_add(&m->facts, &m->nf, &m->capf, line);
    char lab[500];
    snprintf(lab, sizeof lab, "%s%s", e->title, label);
    lab[utf8_whole(lab, strlen(lab))] = '\0';
    for (char *p = lab; *p; p++)
        if (*p == '"' || *p == '\\') *p = '\'';
    out_add(&m->facts, &m->nf, &m->capf, lab);
    out_add(&m->facts, &m->nf, &m->capf,
            !strcmp(type, "percent")   ? "\" in 0%..100%;\n"
            : !strcmp(type, "boolean") ? "\" default false;\n"
                                       : "\" in 0.. default 0;\n");
    return fid;
}

static bool has(const char *s, const char *a, const char *b) {
    return strstr(s, a) || (b && strstr(s, b));
}

/* The rules guessed from one clause of a method. */
static void guess(Im *m, const Entry *e, const char *clause, FILE *out) {
    Dec n, k;
    char a[64], b[64];
    if (has(clause, "百分点", "百分點") && has(clause, "低于", "低於") && deduction(clause, &n)) {
        static const char *const below[] = {"低于", "低於", NULL};
        if (!number_after(clause, below, &k)) return;
        const char *f = guess_fact(m, e, "rate", "percent", "比率", clause); /* the same in both scripts */
        dec_format(n, 6, a, sizeof a), dec_format(k, 6, b, sizeof b);
        fprintf(out, "      deduct %s per %s below %s%%; // guessed\n", a, f, b);
    } else if (has(clause, "每少", NULL) && deduction(clause, &n)) {
        static const char *const least[] = {"不少于", "不少於", "至少", "少于", "少於", "不足", NULL};
        bool known = number_after(clause, least, &k) || (e->content && number_after(e->content, least, &k));
        const char *f = guess_fact(m, e, "times", "integer", simplified(clause) ? "次数" : "次數", clause);
        dec_format(n, 6, a, sizeof a), dec_format(known ? k : dec_int(1), 6, b, sizeof b);
        fprintf(out, "      deduct %s per %s below %s; // guessed%s\n", a, f, b,
                known ? "" : ": TODO the number required");
    } else if ((has(clause, "每发生", "每發生") || has(clause, "每有", "每起") || has(clause, "每出现", "每出現") ||
                has(clause, "每件", "每例")) &&
               deduction(clause, &n)) {
        const char *f = guess_fact(m, e, "cases", "integer", simplified(clause) ? "件数" : "件數", clause);
        dec_format(n, 6, a, sizeof a);
        fprintf(out, "      deduct %s per %s; // guessed\n", a, f);
    } else if (!strncmp(clause, "未", 3) && deduction(clause, &n)) {
        char what[200];
        size_t w = 0;
        for (const char *p = clause + 3; *p && w + 4 < sizeof what && strncmp(p, "的", 3) && strncmp(p, "扣", 3) &&
                                         strncmp(p, "，", 3) && *p != ',';) {
            int len = (*p & 0x80) ? ((*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4) : 1;
            memcpy(what + w, p, (size_t)len);
            w += (size_t)len, p += len;
        }
        what[w] = '\0';
        char label[260];
        snprintf(label, sizeof label, "：是否%s", what);
        const char *f = guess_fact(m, e, "done", "boolean", label, clause);
        dec_format(n, 6, a, sizeof a);
        fprintf(out, "      deduct %s when not %s; // guessed\n", a, f);
    }
}

/* The next piece of the text at *s, up to the first of seps (cut there, in
 * place), *s moved past it; NULL when the text is used up. */
static char *next_piece(char **s, const char *const *seps) {
    if (!*s) return NULL;
    char *piece = *s, *cut = NULL;
    size_t sl = 0;
    for (int i = 0; seps[i]; i++) {
        char *p = strstr(piece, seps[i]);
        if (p && (!cut || p < cut)) cut = p, sl = strlen(seps[i]);
    }
    if (cut) *cut = '\0';
    *s = cut ? cut + sl : NULL;
    return piece;
}

static void write_rules(Im *m, const Entry *e, FILE *out) {
    if (!e->method) {
        fputs("      // TODO: the rules of this item (the table gives no method)\n", out);
        return;
    }
    fputs("      // TODO: the rules of the method above; those marked guessed were read from its words\n", out);
    char *copy = strdup(e->method), *s = copy, *piece;
    static const char *const seps[] = {"；", "。", ";", NULL};
    while ((piece = next_piece(&s, seps)) != NULL) {
        while (*piece == ' ')
            piece++;
        if (*piece) guess(m, e, piece, out);
    }
    if (has(e->method, "扣完为止", "扣完為止"))
        fputs("      // 扣完為止: an item never loses more than its points\n", out);
    free(copy);
}

static void write_resp(FILE *out, const char *resp) {
    fputs("      responsible ", out);
    char *copy = strdup(resp), *s = copy;
    bool first = true;
    static const char *const seps[] = {"、", "，", ",", "；", ";", "/", "\n", NULL};
    char *piece;
    while ((piece = next_piece(&s, seps)) != NULL) {
        if (!*piece) continue;
        fputs(first ? "" : ", ", out);
        kp_string(out, piece);
        first = false;
    }
    fputs(";\n", out);
    free(copy);
}

static int year_in(const char *s) {
    for (const char *p = s; p && *p; p++)
        if ((p[0] == '1' || p[0] == '2') && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
            isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4]) && (p == s || !isdigit((unsigned char)p[-1])))
            return atoi(p);
    return 0;
}

bool import_write(const Table *t, const char *path, FILE *out, DiagSink *d) {
    Im m = {.path = path, .d = d};
    int header = -1, col[NCOLS];
    for (int i = 0; i < t->nrows && header < 0; i++) {
        for (int c = 0; c < NCOLS; c++)
            col[c] = -1;
        int found = 0;
        for (int k = 0; k < t->rows[i].n; k++) {
            int c = word_col(t->rows[i].cell[k]);
            if (c >= 0 && col[c] < 0) col[c] = k, found++;
        }
        if (found >= 2 && col[COL_POINTS] >= 0 && (col[COL_CONTENT] >= 0 || col[COL_TITLE] >= 0)) header = i;
    }
    Source src = {.path = path};
    if (header < 0) {
        Diag *g = diag_file(d, DIAG_ERROR, "K0801", &src,
                            "no header row names the columns of a standard's table: the points (分值) and the "
                            "content (考核內容) or the item (項目)");
        if (g)
            diag_help(d, g,
                      "kaoping import knows 編號/序號, 項目, 內容/考核內容/考評內容, 分值/標準分, "
                      "評分方法/評分標準/考核辦法, 責任單位/牽頭單位 and 類別, in either script");
        return false;
    }
    const char *title = t->title;
    for (int i = 0; i < header && !title; i++) {
        int filled = 0;
        for (int k = 0; k < t->rows[i].n; k++)
            filled += *t->rows[i].cell[k] != '\0';
        if (filled == 1)
            for (int k = 0; k < t->rows[i].n; k++)
                if (*t->rows[i].cell[k]) title = t->rows[i].cell[k];
    }
    if (!read_entries(&m, t, header, col) || m.n == 0) {
        diag_file(d, DIAG_ERROR, "K0801", &src, "the table holds no item: no row below its header has points");
        return false;
    }
    grouping(&m);
    sums(&m);
    Dec total = dec_zero(), pass;
    for (int i = 0; i < m.n; i++)
        if (m.e[i].level == 1) dec_add(total, m.e[i].points, &total);
    if (dec_mul(total, (Dec){6, 10}, &pass) != DEC_OK) pass = dec_zero();
    int year = title ? year_in(title) : 0;
    if (!year) year = year_in(path);
    if (!year) {
        time_t now = time(NULL);
        struct tm tm;
        year = gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2013;
    }
    fprintf(out, "// Imported by kaoping import from %s: a skeleton to complete.\n", path);
    fputs("// Each method is kept with a TODO; a rule marked `guessed` was read from the\n"
          "// method's words, on a fact made for it: check both (doc/authoring.md).\n\n",
          out);
    fputs("standard ", out);
    kp_string(out, title ? title : "?");
    fprintf(out, " {\n  year %d;\n  total ", year);
    pts(out, total);
    fputs(";\n  grade \"合格\" >= ", out);
    pts(out, pass);
    fputs(";\n  grade \"不合格\" otherwise;\n}\n\n", out);
    /* the items first, to a buffer: their rules declare the facts */
    char *body = NULL;
    size_t blen = 0;
    FILE *b = open_memstream(&body, &blen);
    if (!b) arena_out_of_memory();
    int open = 0; /* braces open: 1 category, 2 group */
    for (int i = 0; i < m.n; i++) {
        const Entry *e = &m.e[i];
        if (e->level < 3)
            while (open >= e->level)
                fprintf(b, "%*s}\n", 2 * --open, "");
        if (e->level == 1 || e->level == 2) {
            fprintf(b, "%*s%s %s ", 2 * open, "", e->level == 1 ? "category" : "group", e->id);
            kp_string(b, e->title);
            fputs(" points ", b);
            pts(b, e->points);
            fputs(" {\n", b);
            open = e->level;
            continue;
        }
        if (open == 2 && !e->in_group) fprintf(b, "%*s}\n", 2 * --open, "");
        fprintf(b, "%*sitem %s ", 2 * open, "", e->id);
        kp_string(b, e->title);
        fputs(" points ", b);
        pts(b, e->points);
        fputs(" {\n", b);
        if (e->resp) write_resp(b, e->resp);
        if (e->content) fputs("      content ", b), kp_string(b, e->content), fputs(";\n", b);
        if (e->method) fputs("      method ", b), kp_string(b, e->method), fputs(";\n", b);
        write_rules(&m, e, b);
        fprintf(b, "%*s}\n", 2 * open, "");
    }
    while (open > 0)
        fprintf(b, "%*s}\n", 2 * --open, "");
    fclose(b);
    if (m.facts) fprintf(out, "%s\n", m.facts);
    fputs(body, out);
    free(body);
    for (int i = 0; i < m.n; i++)
        free(m.e[i].title), free(m.e[i].content), free(m.e[i].method), free(m.e[i].resp);
    for (int i = 0; i < m.nids; i++)
        free(m.ids[i]);
    free(m.ids);
    free(m.e);
    free(m.facts);
    return true;
}

bool import_check(const char *text, size_t len, const char *path, FILE *err) {
    Source src = {.path = path, .text = (char *)text, .len = len};
    DiagSink d;
    diag_init(&d);
    Arena *a = arena_new();
    Standard *std = lex_parse(&src, a, &d);
    bool ok = std && check_standard(std, a, &d) && !d.errors;
    diag_print(&d, err);
    diag_free(&d);
    arena_free(a);
    return ok;
}
