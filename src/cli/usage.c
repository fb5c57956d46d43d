/* usage.c - the usage text of kaoping (see usage.h). */
#define _GNU_SOURCE /* memmem */
#include "usage.h"

#include <stdbool.h>
#include <string.h>

#include "i18n.h"

static const char *usage_text(void) {
    return _("usage: kaoping check RULES...\n"
             "       kaoping eval RULES DATA... [--format text|json|jsonl|tsv|html|csv|xlsx] [--summary]\n"
             "                    [--jobs N] [--list FACT=FILE.csv] [-o FILE] [--as-of DATE] [--soon DAYS]\n"
             "       kaoping eval --rules-dir DIR DATA... [options of eval]\n"
             "       kaoping summary RULES DATA... [--format text|json] [--jobs N] [--list FACT=FILE.csv]\n"
             "                    [-o FILE] [--as-of DATE] [--soon DAYS]\n"
             "       kaoping explain RULES DATA... [--item ID] [--format text|json|jsonl] [--jobs N]\n"
             "                    [-o FILE] [--as-of DATE] [--soon DAYS]\n"
             "       kaoping plan RULES DATA... [--target GRADE] [--format text|json|jsonl] [--jobs N]\n"
             "                    [-o FILE] [--as-of DATE] [--soon DAYS]\n"
             "       kaoping timeline RULES [DATA...] [--as-of DATE] [--soon DAYS]\n"
             "       kaoping test RULES... [--coverage] [--allow-outside]\n"
             "       kaoping fmt RULES... [--check | --stdout] [--keywords en|zh|zh-hant|zh-hans]\n"
             "       kaoping template RULES [--kind KIND] [--format json|csv|csv-rows|xlsx] [-o FILE]\n"
             "       kaoping import TABLE [-o FILE]\n"
             "       kaoping diff OLD NEW [--format text|json] [-o FILE]\n"
             "       kaoping compare RULES_OLD DATA_OLD RULES_NEW DATA_NEW [--format text|json] [-o FILE]\n"
             "       kaoping compare --rules-dir DIR DATA_OLD DATA_NEW [--format text|json] [-o FILE]\n"
             "\n"
             "  check   check standards (rule files) and report every problem\n"
             "  eval    score units against a standard: DATA is a JSON file, JSON Lines (.jsonl,\n"
             "          .ndjson, - for standard input), a CSV (a form, or one unit per row), an Excel\n"
             "          workbook (.xlsx) or a folder\n"
             "  summary the county's summary: grades, vetoes, ranking, mean and spread, weak items\n"
             "  explain show every step behind each item's score\n"
             "  plan    the rectifications that lift a unit to a grade, cheapest first\n"
             "  timeline  the campaign's phases and tasks on one screen, with each unit's status\n"
             "  test    run a standard's test cases (in NAME.kp and NAME.tests.kp)\n"
             "  fmt     rewrite rule files in the canonical layout\n"
             "  template  write a blank data file, form or workbook for units to fill in\n"
             "  import  a standard's table (.csv, .xlsx, .docx) as the skeleton of a rule file\n"
             "  diff    what changed between two standards, by category\n"
             "  compare a unit across two years: what moved because the unit changed, and\n"
             "          what moved because the standard changed\n"
             "\n"
             "exit status: 0 all units pass, 1 a unit fails or is vetoed,\n"
             "             2 a usage error or bad input, 3 out of memory\n"
             "\n"
             "--lang en|zh-hans|zh-hant, anywhere on the line, chooses the language of\n"
             "the messages; without it LC_ALL, LC_MESSAGES or LANG does.\n");
}

void usage(FILE *out) {
    fputs(usage_text(), out);
}

/* Whether a synopsis line ("usage: kaoping CMD ...", "       kaoping CMD
 * ...", in any language) or a description line ("  CMD ...") names cmd. */
static bool names(const char *line, size_t len, const char *cmd, bool synopsis) {
    size_t n = strlen(cmd);
    if (!synopsis) return len > n + 2 && !strncmp(line, "  ", 2) && !strncmp(line + 2, cmd, n) && line[2 + n] == ' ';
    const char *k = memmem(line, len < 24 ? len : 24, "kaoping ", 8);
    return k && (size_t)(line + len - (k + 8)) > n && !strncmp(k + 8, cmd, n) && k[8 + n] == ' ';
}

/* The usage of one command: its synopsis lines and its description (each
 * with the deeper-indented lines that continue it), then the paragraphs
 * every command shares (exit status, --lang). */
void usage_of(FILE *out, const char *cmd) {
    const char *t = usage_text();
    int para = 0; /* 0: synopses, 1: descriptions, 2 and on: for every command */
    bool keep = false, first = true;
    /* the first line's "usage: " (in the user's language) opens the command's first line too */
    const char *k = strstr(t, "kaoping ");
    int prefix = k && k - t < 24 ? (int)(k - t) : 0;
    for (const char *line = t; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len == 0) {
            para++;
            keep = false;
            if (para >= 1) fputc('\n', out);
        } else if (para >= 2) {
            fwrite(line, 1, len, out), fputc('\n', out);
        } else if (names(line, len, cmd, para == 0)) {
            keep = true;
            const char *at = para == 0 && first ? strstr(line, "kaoping ") : NULL;
            if (at && at < line + len) { /* usage: kaoping CMD ... */
                fprintf(out, "%.*s", prefix, t);
                fwrite(at, 1, (size_t)(line + len - at), out), fputc('\n', out);
            } else {
                fwrite(line, 1, len, out), fputc('\n', out);
            }
            first = para != 0 && first;
        } else if (keep && len > 8 && !strncmp(line, "        ", 8)) {
            fwrite(line, 1, len, out), fputc('\n', out); /* continues the line kept */
        } else {
            keep = false;
        }
        line = end ? end + 1 : line + len;
    }
}
