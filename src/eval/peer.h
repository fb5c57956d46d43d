/* peer.h - the other units of a run, for the peer functions of a standard
 * (rank, rank_low, peers, best or peer_max, peer_min, peer_mean).
 *
 * A unit's peers are the accepted units of the same run scored against the
 * same standard, of the same kind and the same year, the unit itself
 * included; a unit whose data had errors is no one's peer. A batch reads its
 * inputs twice (batch.c): the first pass loads every unit and gathers here,
 * for each one accepted, the values of the facts that peer functions read,
 * nothing else; the second scores each unit against the table. Memory is
 * one number per unit per fact ranked. The evaluator only reads the table. */
#ifndef KP_PEER_H
#define KP_PEER_H

#include "ast.h"
#include "unit.h"

typedef struct PeerTable PeerTable;

/* True when a rule of std reads a peer function. */
bool peer_uses(const Standard *std);
/* True when some fact read by a peer function is read on the unit's kind:
 * the unit's scores depend on its peers. */
bool peer_reads_kind(const Standard *std, int kind);

PeerTable *peer_table_new(void);
/* Gathers an accepted unit (first pass, one thread). */
void peer_table_add(PeerTable *t, const Unit *u);
/* Sorts what was gathered; the table is read only afterwards. */
void peer_table_seal(PeerTable *t);
void peer_table_free(PeerTable *t);
/* How many accepted units share u's group, u included; 0 when u was not
 * gathered (or t is NULL). */
long peer_group_size(const PeerTable *t, const Unit *u);

/* What a rule saw of its unit's peers, for the reports: the first fact a
 * peer function read in the rule, and what was read about it. */
typedef struct PeerSeen {
    const Fact *fact;
    long n;         /* peers with a value of the fact (the unit included if it has one) */
    long rank;      /* rank() or rank_low() read: the rank, else 0 */
    bool low;       /* ... counted from the lowest */
    bool has_value; /* the unit's own value */
    Dec value;
    Builtin ref_fn; /* FN_PEER_MAX, FN_PEER_MIN or FN_PEER_MEAN read, else FN_NONE */
    Dec ref;        /* ... its value */
} PeerSeen;

/* The value of the peer function x (x->fn FN_RANK...FN_PEER_MEAN) for unit
 * u, with peers from t; with t NULL, or u not in it, u is its own only peer.
 * Records what it read in *seen (when not NULL). False, with *why, when
 * there is no value: rank() of a unit without the fact, best() when no peer
 * has it, a mean too large to keep exactly. */
bool peer_eval(const PeerTable *t, const Unit *u, const Expr *x, Dec *out, PeerSeen *seen, const char **why);

#endif
