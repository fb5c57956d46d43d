/* value.h - a fact's value in one unit's data, and in the evaluator. */
#ifndef KP_VALUE_H
#define KP_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decimal.h"

typedef struct Value {
    int type;     /* a TypeKind (ast.h) */
    bool present; /* false: absent from the data and without a default */
    union {
        Dec num; /* integer, decimal, percent (95% is 0.95) */
        bool b;
        int32_t date; /* days since 1970-01-01 */
        const char *text;
        int member; /* enum: index of the value in its declaration */
        struct {
            struct Value *cells; /* rows x fields, row-major */
            int rows, fields;
        } list;
        struct {
            int32_t months, days; /* years are 12 months */
        } period;
    } u;
} Value;

#endif
