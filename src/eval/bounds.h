/* bounds.h - a part's bounds, the one place they are computed (eval, and
 * plan's what-ifs): floors, caps, the order of deductions and additions,
 * and scaling to a part's points. Pure functions of a checked part and what
 * its rules or parts gave. */
#ifndef KP_BOUNDS_H
#define KP_BOUNDS_H

#include "ast.h"

/* From what its rules or parts give (base: an item's start, a
 * part's sum of its parts' scores; what they deducted and added; its
 * points), its score after floor, bonus order and caps. An item without
 * points is a signed change; a part holding its own points floors and caps
 * like an item. Arithmetic trouble is left in *st. */
typedef struct PartTally {
    Dec points, base, deducted, added;
    Dec own;     /* the part's own points for the unit's kind (check_part_points) */
    Dec counted; /* out: the additions that counted, within every cap (what a part above sums) */
    int places;  /* a scaled part rounds to the standard's decimals */
    bool floored, capped;
} PartTally;
/* What an item's bounds read of it, together (scoring reads them for every
 * item of every unit: program.h keeps them by item). */
typedef struct PartBounds {
    bool points;     /* it has points (else its score is a signed change) */
    bool add_cap;    /* add cap N */
    bool cap_points; /* cap points: the points for the unit's kind */
    bool has_cap, no_cap, no_floor, add_after_floor;
    Dec cap_value, add_cap_value;
} PartBounds;
PartBounds bounds_of(const Part *p);
/* An item's: writes only out's added, counted, floored and capped. */
Dec bounds_item(const PartBounds *p, const PartTally *t, bool scored_up, PartTally *out, DecStatus *st);
Dec bounds_part(const Part *p, const PartTally *t, PartTally *out, DecStatus *st);

#endif
