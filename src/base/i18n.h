/* i18n.h - messages in the user's language (GNU gettext, domain "kaoping").
 * English is the source text; catalogs po/zh_CN.po (simplified Chinese) and
 * po/zh_TW.po (traditional) are compiled into <dir of the binary>/locale.
 *
 * _(s) translates s at run time; N_(s) only marks s for xgettext, for text
 * translated later. The diagnostic functions (diag_at, diag_help, check_err,
 * ...) translate their format themselves, so their callers pass plain
 * strings; the Makefile's `pot` target names them as xgettext keywords. */
#ifndef KP_I18N_H
#define KP_I18N_H

#include <stdbool.h>

/* Chooses the language: lang (from --lang) when given, else the
 * environment (LC_ALL, LC_MESSAGES, LANG, then LANGUAGE as GNU does).
 * Returns false for a --lang it does not know. Without a call, or for
 * English, every message stays in English. */
bool i18n_init(const char *lang);
/* The catalog in use: "en", "zh_CN" or "zh_TW". */
const char *i18n_language(void);
/* s in the user's language (s itself when there is no translation). */
const char *i18n_text(const char *s) __attribute__((format_arg(1)));

#define _(s) i18n_text(s)
#define N_(s) (s)

#endif
