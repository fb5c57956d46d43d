/* render_csv.c - the scorecards as one CSV table for Excel: UTF-8 with a
 * byte-order mark (so Excel reads Chinese right), CRLF line ends, RFC 4180
 * quoting, one row per unit and item that applies (bonus items and
 * penalties included), numbers with the standard's decimal places. A text
 * cell that Excel would take for a formula (it starts with = + - or @) gets
 * a leading apostrophe. */
#include <stdlib.h>
#include <string.h>

#include "render.h"

struct CsvDoc {
    FILE *out;
    const Standard *std;
};

static void cell(FILE *f, const char *s, bool first) {
    if (!first) fputc(',', f);
    if (!s) return;
    bool formula = strchr("=+-@", *s) && *s;
    bool quote = formula || strpbrk(s, ",\"\r\n") || *s == ' ' || (*s && s[strlen(s) - 1] == ' ');
    if (quote) fputc('"', f);
    if (formula) fputc('\'', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"')
            fputs("\"\"", f);
        else
            fputc((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ? '?' : c, f);
    }
    if (quote) fputc('"', f);
}

/* A number: never quoted, never prefixed (a minus sign is a number's). */
static void number(FILE *f, const char *s) {
    fprintf(f, ",%s", s);
}

CsvDoc *render_csv_begin(const Standard *std, FILE *out) {
    CsvDoc *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->out = out;
    d->std = std;
    fputs("\xEF\xBB\xBF"
          "unit,kind,year,category,item,title,points,score,lost,deductions,responsible\r\n",
          out);
    return d;
}

static void unit_cells(CsvDoc *d, const Unit *u) {
    char year[16] = "";
    snprintf(year, sizeof year, "%d", u->year ? u->year : d->std->year_value);
    cell(d->out, u->name, true);
    cell(d->out, u->kind_name, false);
    number(d->out, year);
}

static void item_row(CsvDoc *d, const Result *res, const Part *category, const ItemResult *ir, Arena *a) {
    const Part *p = ir->item;
    int places = res->std->decimals_value;
    char buf[64];
    FILE *f = d->out;
    bool bonus = category->kind == PART_BONUS, penalty = p->kind == PART_PENALTY;
    unit_cells(d, res->unit);
    cell(f, penalty ? "penalty" : render_part_title(a, category), false);
    cell(f, p->id, false);
    cell(f, render_part_title(a, p), false);
    bool change = bonus || penalty || !p->points; /* no points of its own: its score is a change */
    if (change) {
        fputc(',', f);
    } else {
        dec_format_fixed(ir->points, places, buf, sizeof buf);
        number(f, buf);
    }
    /* a penalty's score is what it takes off the total */
    Dec score = ir->score;
    if (penalty && dec_neg(score, &score) != DEC_OK) score = ir->score;
    dec_format_fixed(score, places, buf, sizeof buf);
    number(f, buf);
    if (change) {
        fputc(',', f);
    } else {
        dec_format_fixed(ir->lost, places, buf, sizeof buf);
        number(f, buf);
    }
    cell(f, render_deductions(a, res, ir), false);
    cell(f, render_owners(a, p), false);
    fputs("\r\n", f);
}

static void part_rows(CsvDoc *d, const Result *res, const Part *category, const Part *p, Arena *a) {
    for (const Part *c = p->children; c; c = c->next) {
        if (c->kind == PART_GROUP && res->parts[c->index].applies)
            part_rows(d, res, category, c, a);
        else if (c->kind == PART_ITEM && res->items[c->index].applies)
            item_row(d, res, category, &res->items[c->index], a);
    }
}

/* The vetoes that fired (category "veto": a fixed penalty's score is what it
 * takes off the total; the effect in words) and the outputs (category
 * "output": the value in the score column), after the items. */
static void veto_output_rows(CsvDoc *d, const Result *res, Arena *a) {
    const Standard *s = res->std;
    FILE *f = d->out;
    char buf[64];
    for (int v = 0; v < s->nvetoes; v++) {
        if (!res->vetoes[v]) continue;
        const Veto *vt = s->veto_tab[v];
        unit_cells(d, res->unit);
        cell(f, "veto", false);
        cell(f, vt->id, false);
        cell(f, vt->title, false);
        fputc(',', f);
        if (vt->effect.effect == VETO_DEDUCT) {
            Dec neg;
            if (dec_neg(res->veto_amounts[v], &neg) != DEC_OK) neg = res->veto_amounts[v];
            dec_format_fixed(neg, s->decimals_value, buf, sizeof buf);
            number(f, buf);
        } else {
            fputc(',', f);
        }
        fputc(',', f);
        cell(f, render_veto_effect(a, res, v), false);
        fputs(",\r\n", f);
    }
    for (int i = 0; i < s->noutputs; i++) {
        const OutputDef *o = s->output_tab[i];
        TypeKind t = o->value->type;
        unit_cells(d, res->unit);
        cell(f, "output", false);
        cell(f, o->id, false);
        cell(f, render_output_label(o), false);
        fputc(',', f);
        if (!res->outputs[i].present) {
            cell(f, "", false);
        } else if (t == TY_INTEGER || t == TY_DECIMAL) {
            dec_format_fixed(res->outputs[i].u.num, s->decimals_value, buf, sizeof buf);
            number(f, buf);
        } else {
            cell(f, render_output_value(a, res, i), false);
        }
        fputs(",,,\r\n", f);
    }
}

void render_csv_unit(CsvDoc *d, const Result *res) {
    Arena *a = res->unit->arena;
    if (res->error) {
        unit_cells(d, res->unit);
        fputs(",,,,,,", d->out); /* category .. lost */
        cell(d->out, arena_printf(a, "not scored: %s", res->error), false);
        fputs(",\r\n", d->out);
        return;
    }
    for (const Part *p = res->std->parts; p; p = p->next) {
        if (p->kind == PART_PENALTY) {
            if (res->items[p->index].applies) item_row(d, res, p, &res->items[p->index], a);
        } else if (p->kind == PART_BONUS || res->parts[p->index].applies) {
            part_rows(d, res, p, p, a);
        }
    }
    veto_output_rows(d, res, a);
}

void render_csv_invalid(CsvDoc *d, const Unit *u) {
    cell(d->out, u->name, true); /* its kind and year may be what was wrong */
    fputs(",,,,,,,,", d->out);   /* kind .. lost */
    cell(d->out, "not scored: its data has errors (see the diagnostics)", false);
    fputs(",\r\n", d->out);
}

void render_csv_abandon(CsvDoc *d) {
    free(d);
}

bool render_csv_end(CsvDoc *d) {
    bool ok = !ferror(d->out);
    free(d);
    return ok;
}
