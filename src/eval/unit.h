/* unit.h - one unit's data (a town, a village, a department), its facts
 * resolved to the slots the checker assigned. Each unit owns an arena. */
#ifndef KP_UNIT_H
#define KP_UNIT_H

#include "ast.h"

typedef struct Unit {
    Arena *arena;        /* owns the unit and everything it points to */
    const Source *src;   /* the data file it came from */
    const Standard *std; /* the standard it was loaded against (its slots) */
    uint32_t at;         /* byte offset of the unit in that file */
    const char *name;
    const char *kind_name;
    int kind;     /* index into the standard's kinds; 0 when it has none */
    int year;     /* 0 when the data gives none */
    Value *facts; /* by slot */
    bool invalid; /* the data had errors (reported): not to be scored */
} Unit;

void unit_free(Unit *u);

#endif
