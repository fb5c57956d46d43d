/* render_veto.c - the phrases every format shares for what vetoes did
 * (a forced grade, a penalty, a zeroed total), for a standard without
 * grades, and for outputs (results beside the score). */
#include <cjson/cJSON.h>
#include <string.h>

#include "i18n.h"
#include "lex.h"
#include "render.h"
#include "render_jsonw.h"
#include "summary.h"

const char *render_grade_name(const Result *res) {
    return res->grade >= 0 ? res->std->grade_tab[res->grade]->name : NULL;
}

const char *render_effect_word(VetoEffect k) {
    switch (k) {
    case VETO_GRADE: return "grade";
    case VETO_DEDUCT: return "deduct";
    case VETO_ZERO: return "zero";
    case VETO_DISQUALIFY: break;
    }
    return "disqualify";
}

const char *render_veto_effect(Arena *a, const Result *res, int v) {
    const Standard *s = res->std;
    const Veto *vt = s->veto_tab[v];
    switch (vt->effect.effect) {
    case VETO_GRADE:
        return arena_printf(a, _("grade %s whatever the score"),
                            vt->grade_index >= 0 ? s->grade_tab[vt->grade_index]->name : "?");
    case VETO_DEDUCT:
        return arena_printf(a, _("%s off the total"), render_dec(a, res->veto_amounts[v], s->decimals_value));
    case VETO_ZERO: return _("total set to 0");
    case VETO_DISQUALIFY: break;
    }
    return _("the unit fails whatever its score");
}

const char *render_total_why(Arena *a, const Result *res) {
    const Standard *s = res->std;
    int places = s->decimals_value;
    if (res->zeroed)
        return arena_printf(a, _("%s by score, set to 0 by a veto"), render_dec(a, res->score_total, places));
    if (dec_sign(res->veto_deducted))
        return arena_printf(a, _("%s by score, %s off by a veto"), render_dec(a, res->score_total, places),
                            render_dec(a, res->veto_deducted, places));
    return NULL;
}

const char *render_grade_why(Arena *a, const Result *res) {
    const Standard *s = res->std;
    if (!res->grade_forced) return NULL;
    const char *ids = "";
    for (int v = 0; v < s->nvetoes; v++)
        if (res->vetoes[v] && s->veto_tab[v]->effect.effect == VETO_GRADE)
            ids = arena_printf(a, "%s%s%s", ids, *ids ? ", " : "", s->veto_tab[v]->id);
    return arena_printf(a, _("forced by veto %s (%s by the total)"), ids, s->grade_tab[res->band_grade]->name);
}

const char *render_output_value(Arena *a, const Result *res, int i) {
    const OutputDef *o = res->std->output_tab[i];
    const Value *v = &res->outputs[i];
    if (!v->present) return _("(none)"); /* it reads an optional fact the unit left out */
    switch (o->value->type) {
    case TY_INTEGER:
    case TY_DECIMAL: return render_dec(a, v->u.num, res->std->decimals_value);
    case TY_PERCENT: return render_number(a, v->u.num, TY_PERCENT);
    case TY_BOOLEAN: return v->u.b ? _("yes") : _("no");
    case TY_TEXT: return render_clean(a, v->u.text);
    case TY_DATE: return render_day(a, v->u.date);
    case TY_ENUM: {
        const StrList *m = o->value->type_fact ? o->value->type_fact->type.members : NULL;
        for (int k = 0; m && k < v->u.member; k++)
            m = m->next;
        return m ? m->s : "?";
    }
    default: return "?";
    }
}

const char *render_output_label(const OutputDef *o) {
    return o->label ? o->label : o->id;
}

/* (cJSON_AddStringToObject with a NULL string adds nothing: nor do these) */
void render_json_outputs(JsonW *w, const Result *res) {
    const Standard *s = res->std;
    if (!s->noutputs) return;
    jw_k(w, "outputs");
    jw_object(w);
    for (int i = 0; i < s->noutputs; i++) {
        const OutputDef *d = s->output_tab[i];
        const Value *v = &res->outputs[i];
        if (!v->present) {
            jw_key(w, d->id);
            jw_null(w);
            continue;
        }
        const char *t = NULL;
        switch (d->value->type) {
        case TY_INTEGER:
        case TY_DECIMAL:
            jw_key(w, d->id);
            jw_dec(w, v->u.num, s->decimals_value);
            break;
        case TY_PERCENT:
            jw_key(w, d->id);
            jw_dec(w, v->u.num, s->decimals_value + 2);
            break;
        case TY_BOOLEAN:
            jw_key(w, d->id);
            jw_bool(w, v->u.b);
            break;
        default:
            if ((t = render_output_value(res->unit->arena, res, i)) != NULL) {
                jw_key(w, d->id);
                jw_str(w, t);
            }
            break;
        }
    }
    jw_end_object(w);
}

void render_json_veto(JsonW *w, const Result *res, int v) {
    const Standard *s = res->std;
    const Veto *vt = s->veto_tab[v];
    jw_kstr(w, "effect", render_effect_word(vt->effect.effect));
    if (vt->effect.effect == VETO_GRADE && vt->grade_index >= 0 && s->grade_tab[vt->grade_index]->name)
        jw_kstr(w, "grade", s->grade_tab[vt->grade_index]->name);
    if (vt->effect.effect == VETO_DEDUCT) jw_kdec(w, "points", res->veto_amounts[v], s->decimals_value);
}

void render_json_veto_totals(JsonW *w, const Result *res) {
    const Standard *s = res->std;
    if (dec_cmp(res->score_total, res->total) != 0) jw_kdec(w, "score_total", res->score_total, s->decimals_value);
    if (res->grade_forced && s->grade_tab[res->band_grade]->name)
        jw_kstr(w, "band_grade", s->grade_tab[res->band_grade]->name);
}

/* ---- the summary ------------------------------------------------------------ */

static bool output_is_num(const OutputDef *o) {
    TypeKind t = o->value->type;
    return t == TY_INTEGER || t == TY_DECIMAL || t == TY_PERCENT;
}

void render_summary_outputs_text(FILE *out, Arena *a, const Summary *s) {
    const Standard *std = s->std;
    int n = 0;
    for (int i = 0; i < std->noutputs; i++) {
        const OutputDef *o = std->output_tab[i];
        if (o->value->type != TY_BOOLEAN && !output_is_num(o)) continue;
        fputs(n++ ? "        " : _("Outputs "), out);
        fprintf(out, " %s (%s): ", render_output_label(o), o->id);
        if (o->value->type == TY_BOOLEAN)
            fprintf(out, _("yes for %ld of %ld units\n"), s->output_yes[i], s->units);
        else if (s->output_overflow[i])
            fputs(_("too large to add up: a sum holds at most 19 digits\n"), out);
        else
            fprintf(out, _("%s in all\n"),
                    o->value->type == TY_PERCENT ? render_number(a, s->output_sum[i], TY_PERCENT)
                                                 : render_dec(a, s->output_sum[i], std->decimals_value));
    }
}

void render_summary_outputs_json(cJSON *obj, const Summary *s) {
    const Standard *std = s->std;
    if (!std->noutputs) return;
    cJSON *arr = cJSON_AddArrayToObject(obj, "outputs");
    for (int i = 0; i < std->noutputs; i++) {
        const OutputDef *o = std->output_tab[i];
        if (o->value->type != TY_BOOLEAN && !output_is_num(o)) continue;
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "id", o->id);
        cJSON_AddStringToObject(e, "label", render_output_label(o));
        if (o->value->type == TY_BOOLEAN) {
            render_json_number(e, "yes", dec_int(s->output_yes[i]), 0);
        } else if (s->output_overflow[i]) { /* no sum rather than a wrong one */
            cJSON_AddNullToObject(e, "sum");
            cJSON_AddTrueToObject(e, "overflow");
        } else {
            render_json_number(e, "sum", s->output_sum[i],
                               std->decimals_value + (o->value->type == TY_PERCENT ? 2 : 0));
        }
        cJSON_AddItemToArray(arr, e);
    }
}

const char *render_summary_mark(const SummaryUnit *u) {
    if (u->disqualified) return _(" (vetoed)");
    if (u->grade_forced) return _(" (grade forced by a veto)");
    if (u->total_changed) return u->pass ? _(" (total cut by a veto)") : _(" (total cut by a veto; fails)");
    return u->pass ? "" : _(" (fails)");
}
