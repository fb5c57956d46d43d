/* years.h - the standards of a folder by year: which file holds the
 * standard of a year (for `revises ... year N;` and `eval --rules-dir`).
 * Loading them, and each unit against its year's: years_load.h. */
#ifndef KP_YEARS_H
#define KP_YEARS_H

#include <stdbool.h>

#include "ast.h"
#include "load.h"

typedef struct YearFile {
    char *path;
    int year; /* 0: the file's year cannot be read */
    char *title;
    Arena *arena; /* the standard, once loaded */
    Standard *std;
    bool tried; /* loading was tried (and reported) */
} YearFile;

typedef struct YearShelf {
    char *dir;
    YearFile *files; /* sorted by year, then path */
    int nfiles;
} YearShelf;

/* Lists the standards of dir (NAME.kp, not NAME.tests.kp, not in
 * sub-folders) with the year and title of their headers. With diag, a
 * folder that cannot be read is an error; false then. */
bool years_scan(YearShelf *shelf, const char *dir, DiagSink *diag);
void years_free(YearShelf *shelf);
/* The index of the one file of a year (and title, when not NULL), other
 * than the file `except`; -1 when there is none, -2 when there are several. */
int years_find(const YearShelf *shelf, int year, const char *title, const char *except);
/* "the standards there: 2013 (2013.kp), 2014 (2014.kp)" */
const char *years_list(const YearShelf *shelf, Arena *arena);

#endif
