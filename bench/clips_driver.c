/* CLIPS 6.30 embedded: the bench's peer "clips".
 *
 *   clips_driver RULES.clp SLOTS UNITS.jsonl
 *
 * Loads the generated rules, then for each line of UNITS.jsonl parses the
 * unit with cJSON, builds its `unit` fact through the C API (EnvCreateFact,
 * EnvPutFactSlot, EnvAssert), runs the rules (EnvRun), prints
 * "name<TAB>total<TAB>grade<TAB>pass|fail" from the globals the total rule
 * sets, and retracts the facts. This is the fast path of embedding CLIPS:
 * no EnvAssertString, no text of facts to parse, memory stays flat.
 *
 * A unit is a `unit` fact (name, kind) and one fact per category of the
 * standard (see std.clp). SLOTS (written by gen.py) names those templates
 * on its first line, then gives each fact's slot, how its JSON value
 * becomes a CLIPS value (i integer, p percentage in integer tenths of a
 * point, b boolean as TRUE/FALSE, e enum as its rank, d date as days) and
 * the template that holds it.
 */
#include "jsonl.h"
#include <cjson/cJSON.h>
#include <clips.h>
#include <math.h>

enum { MAX_SLOTS = 1024, MAX_VALUES = 16, HASH = 4096, MAX_TEMPLATES = 64 };
typedef struct {
    char *name;
    char type;
    int template;
    int n_values;
    char *values[MAX_VALUES];
} Slot;

static Slot slots[MAX_SLOTS];
static int n_slots;
static int table[HASH]; /* open addressing: slot index + 1 */
static char *templates[MAX_TEMPLATES];
static int n_templates;

static unsigned hash(const char *s) {
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static Slot *slot_find(const char *name) {
    for (unsigned h = hash(name) % HASH;; h = (h + 1) % HASH) {
        if (!table[h]) return NULL;
        if (!strcmp(slots[table[h] - 1].name, name)) return &slots[table[h] - 1];
    }
}

static void read_slots(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char *line = NULL;
    size_t cap = 0;
    char *save = NULL, *tok;
    if (jsonl_next(f, &line, &cap) > 0 && strtok_r(line, "\t", &save))
        while ((tok = strtok_r(NULL, "\t", &save)) && n_templates < MAX_TEMPLATES)
            templates[n_templates++] = strdup(tok);
    while (jsonl_next(f, &line, &cap) > 0 && n_slots < MAX_SLOTS) {
        Slot *s = &slots[n_slots];
        tok = strtok_r(line, "\t", &save);
        s->name = strdup(tok);
        s->type = *strtok_r(NULL, "\t", &save);
        tok = strtok_r(NULL, "\t", &save);
        for (s->template = 0; s->template <n_templates; s->template ++)
            if (!strcmp(templates[s->template], tok)) break;
        if (s->template == n_templates) {
            fprintf(stderr, "%s: unknown template %s\n", path, tok);
            exit(2);
        }
        while ((tok = strtok_r(NULL, "\t", &save)) && s->n_values < MAX_VALUES)
            s->values[s->n_values++] = strdup(tok);
        unsigned h = hash(s->name) % HASH;
        while (table[h])
            h = (h + 1) % HASH;
        table[h] = ++n_slots;
    }
    free(line);
    fclose(f);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: clips_driver RULES.clp SLOTS UNITS.jsonl\n");
        return 2;
    }
    read_slots(argv[2]);
    void *env = CreateEnvironment();
    if (EnvLoad(env, argv[1]) != 1) {
        fprintf(stderr, "clips_driver: cannot load %s\n", argv[1]);
        return 2;
    }
    EnvReset(env);
    void *tmpl = EnvFindDeftemplate(env, "unit");
    void *tmpls[MAX_TEMPLATES];
    for (int t = 0; t < n_templates; t++)
        if (!(tmpls[t] = EnvFindDeftemplate(env, templates[t]))) {
            fprintf(stderr, "clips_driver: no template %s in %s\n", templates[t], argv[1]);
            return 2;
        }
    FILE *in = fopen(argv[3], "r");
    if (!tmpl || !in) {
        perror(argv[3]);
        return 2;
    }
    void *sym_true = EnvAddSymbol(env, "TRUE"), *sym_false = EnvAddSymbol(env, "FALSE");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long bad = 0;
    while ((n = jsonl_next(in, &line, &cap)) >= 0) {
        if (n == 0) continue;
        cJSON *u = cJSON_ParseWithLength(line, (size_t)n);
        cJSON *name = cJSON_GetObjectItemCaseSensitive(u, "name");
        cJSON *kind = cJSON_GetObjectItemCaseSensitive(u, "kind");
        cJSON *facts = cJSON_GetObjectItemCaseSensitive(u, "facts");
        if (!cJSON_IsString(name) || !cJSON_IsString(kind)) {
            bad++;
            cJSON_Delete(u);
            continue;
        }
        /* the values put into facts not yet asserted are not referenced yet:
           no garbage collection until all the unit's facts are in */
        EnvIncrementGCLocks(env);
        struct fact *fact = EnvCreateFact(env, tmpl), *parts[MAX_TEMPLATES];
        DATA_OBJECT v, k;
        SetType(v, STRING);
        SetValue(v, EnvAddSymbol(env, name->valuestring));
        EnvPutFactSlot(env, fact, "name", &v);
        SetType(k, SYMBOL);
        SetValue(k, EnvAddSymbol(env, kind->valuestring));
        EnvPutFactSlot(env, fact, "kind", &k);
        for (int t = 0; t < n_templates; t++) {
            parts[t] = EnvCreateFact(env, tmpls[t]);
            EnvAssignFactSlotDefaults(env, parts[t]);
            EnvPutFactSlot(env, parts[t], "kind", &k);
        }
        cJSON *x;
        cJSON_ArrayForEach(x, facts) {
            Slot *s = slot_find(x->string);
            if (!s) continue;
            struct fact *part = parts[s->template];
            long long i = 0;
            switch (s->type) {
            case 'b':
                SetType(v, SYMBOL);
                SetValue(v, cJSON_IsTrue(x) ? sym_true : sym_false);
                EnvPutFactSlot(env, part, s->name, &v);
                continue;
            case 'p': i = llround(x->valuedouble * 10); break;
            case 'd': i = cJSON_IsString(x) ? jsonl_days(x->valuestring) : 0; break;
            case 'e':
                for (i = 0; i < s->n_values; i++)
                    if (cJSON_IsString(x) && !strcmp(s->values[i], x->valuestring)) break;
                break;
            default: i = (long long)x->valuedouble;
            }
            SetType(v, INTEGER);
            SetValue(v, EnvAddLong(env, i));
            EnvPutFactSlot(env, part, s->name, &v);
        }
        void *asserted[MAX_TEMPLATES + 1];
        for (int t = 0; t < n_templates; t++)
            asserted[t] = EnvAssert(env, parts[t]);
        asserted[n_templates] = EnvAssert(env, fact);
        EnvDecrementGCLocks(env);
        EnvRun(env, -1);
        DATA_OBJECT total, grade, pass;
        EnvGetDefglobalValue(env, "total", &total);
        EnvGetDefglobalValue(env, "grade", &grade);
        EnvGetDefglobalValue(env, "pass", &pass);
        long long t = DOToLong(total);
        printf("%s\t%lld.%lld\t%s\t%s\n", name->valuestring, t / 10, t % 10, DOToString(grade),
               DOToLong(pass) ? "pass" : "fail");
        for (int t = 0; t <= n_templates; t++)
            if (asserted[t]) EnvRetract(env, asserted[t]);
        cJSON_Delete(u);
    }
    free(line);
    fclose(in);
    DestroyEnvironment(env);
    if (bad) fprintf(stderr, "clips_driver: %ld lines without a name or kind\n", bad);
    return bad ? 1 : 0;
}
