/* limits.h - the sizes kaoping accepts, in one place (doc/security.md lists
 * them). Past each, a clear error; never a crash, a wrap or a hang. */
#ifndef KP_LIMITS_H
#define KP_LIMITS_H

enum {
    KP_MAX_RULE_FILE = 16 << 20,  /* bytes in a rule file or a tests file */
    KP_MAX_DATA_FILE = 256 << 20, /* bytes in a data file */
    KP_MAX_LINE = 65536,          /* bytes in one line of a rule file */
    KP_MAX_DEPTH = 1000,          /* levels an expression nests (the checker reports deeper ones) */
    KP_MAX_NAME = 256,            /* bytes in a name (a fact's, an item's id...) */
    KP_MAX_STRING = 16384,        /* bytes in a string (titles, content, method) */
    KP_MAX_NESTING = 64,          /* braces open at once */
    KP_MAX_PARTS = 10000,         /* categories, groups, items, penalties */
    KP_MAX_FACTS = 10000,         /* facts a standard declares */
    KP_MAX_RECORDS = 100000,      /* records in one list of one unit's data */
    KP_MAX_CHAIN = 32,            /* standards in one chain of revisions */
    KP_MAX_DATA_LINE = 16 << 20,  /* bytes in a line of JSON Lines, a record of a CSV of units */
};

#endif
