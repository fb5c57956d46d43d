/* The floor: what any engine must at least do with the bench's input.
 *
 *   floor UNITS.jsonl
 *
 * Reads the same JSON Lines, parses each unit with cJSON, touches every
 * fact (numbers summed, strings and booleans counted) and prints one line a
 * unit: "name<TAB>checksum". No rules: the time of this program is the
 * floor the engines are measured against.
 */
#include "jsonl.h"
#include <cjson/cJSON.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: floor UNITS.jsonl\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = jsonl_next(in, &line, &cap)) >= 0) {
        if (n == 0) continue;
        cJSON *u = cJSON_ParseWithLength(line, (size_t)n);
        cJSON *name = cJSON_GetObjectItemCaseSensitive(u, "name");
        cJSON *facts = cJSON_GetObjectItemCaseSensitive(u, "facts");
        double sum = 0;
        long other = 0;
        cJSON *x;
        cJSON_ArrayForEach(x, facts) {
            if (cJSON_IsNumber(x))
                sum += x->valuedouble;
            else if (cJSON_IsString(x))
                other += (long)strlen(x->valuestring);
            else
                other += cJSON_IsTrue(x);
        }
        printf("%s\t%.1f\t%ld\n", cJSON_IsString(name) ? name->valuestring : "?", sum, other);
        cJSON_Delete(u);
    }
    free(line);
    fclose(in);
    return 0;
}
