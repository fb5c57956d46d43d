/* i18n.c - picking the user's language and looking messages up in the
 * gettext catalogs. */
#include "i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifndef KP_LOCALEDIR
#define KP_LOCALEDIR "/usr/local/share/locale"
#endif

static const char *language = "en";

/* "zh_TW.UTF-8", "zh-Hant", "zh_HK" -> zh_TW; "zh", "zh_CN", "zh-hans" ->
 * zh_CN; "en", "C", "de_DE" -> en. */
static const char *catalog_for(const char *name) {
    if (strncasecmp(name, "zh", 2) || (name[2] && name[2] != '_' && name[2] != '-' && name[2] != '.')) return "en";
    const char *rest = name + 2;
    bool hant = false;
    for (const char *r = rest; *r && !hant; r++)
        hant = !strncasecmp(r, "hant", 4);
    if (hant || !strncasecmp(rest, "_TW", 3) || !strncasecmp(rest, "-TW", 3) || !strncasecmp(rest, "_HK", 3) ||
        !strncasecmp(rest, "-HK", 3) || !strncasecmp(rest, "_MO", 3) || !strncasecmp(rest, "-MO", 3))
        return "zh_TW";
    return "zh_CN";
}

static bool is_c_locale(const char *s) {
    return !s || !*s || !strcmp(s, "C") || !strcmp(s, "POSIX") || !strncmp(s, "C.", 2);
}

static const char *env(const char *name) {
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* <folder of the running binary>/locale when it exists, so a binary in
 * build/ finds build/locale without being installed; then
 * <folder>/../share/locale (an install under any PREFIX); then the
 * PREFIX the library was built for. */
static const char *locale_dir(char *buf, size_t size) {
    const char *over = env("KAOPING_LOCALEDIR");
    if (over) return over;
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n > 0) {
        buf[n] = '\0';
        char *slash = strrchr(buf, '/');
        if (slash && (size_t)(slash - buf) + sizeof "/../share/locale" <= size) {
            strcpy(slash, "/locale");
            if (access(buf, R_OK | X_OK) == 0) return buf;
            /* installed: PREFIX/bin/kaoping finds PREFIX/share/locale */
            strcpy(slash, "/../share/locale");
            if (access(buf, R_OK | X_OK) == 0) return buf;
        }
    }
    return KP_LOCALEDIR;
}

bool i18n_init(const char *lang) {
    const char *pick;
    if (lang) {
        if (!*lang) return false;
        pick = catalog_for(lang);
        if (!strcmp(pick, "en") && strncasecmp(lang, "en", 2) && !is_c_locale(lang)) return false;
    } else {
        const char *loc = env("LC_ALL");
        if (!loc) loc = env("LC_MESSAGES");
        if (!loc) loc = env("LANG");
        /* as GNU gettext: LANGUAGE counts only when the locale is not C */
        if (is_c_locale(loc)) {
            pick = "en";
        } else {
            const char *list = env("LANGUAGE");
            char first[64] = "";
            if (list) {
                size_t k = strcspn(list, ":");
                if (k >= sizeof first) k = sizeof first - 1;
                memcpy(first, list, k);
                first[k] = '\0';
            }
            pick = catalog_for(*first ? first : loc);
        }
    }
    language = pick;
    if (!strcmp(pick, "en")) return true;
    /* gettext translates nothing in the C locale, and the user's locale may
     * not be installed: C.UTF-8 always is, and LANGUAGE then names the
     * catalog */
    const char *got = setlocale(LC_MESSAGES, "");
    if (is_c_locale(got)) setlocale(LC_MESSAGES, "C.UTF-8");
    /* the C library's own texts (strerror) come out in UTF-8 too */
    got = setlocale(LC_CTYPE, "");
    if (is_c_locale(got)) setlocale(LC_CTYPE, "C.UTF-8");
    setenv("LANGUAGE", pick, 1);
    char buf[4096];
    bindtextdomain("kaoping", locale_dir(buf, sizeof buf));
    bind_textdomain_codeset("kaoping", "UTF-8");
    return true;
}

const char *i18n_language(void) {
    return language;
}

const char *i18n_text(const char *s) {
    if (language[0] == 'e' || !s || !*s) return s;
    return dgettext("kaoping", s);
}
