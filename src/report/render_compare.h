/* render_compare.h - kaoping compare as text and as JSON (render_compare.c). */
#ifndef KP_RENDER_COMPARE_H
#define KP_RENDER_COMPARE_H

#include <stdio.h>

#include "compare.h"

struct cJSON;
void render_compare_text(FILE *out, const Comparison *c, const Diff *diff, Arena *arena);
struct cJSON *render_compare_json(const Comparison *c, Arena *arena);

#endif
