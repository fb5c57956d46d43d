/* embed.c - libkaoping in a program of its own: load a standard, score a
 * unit given as a JSON string, print its total, grade and rectification
 * list. Build it against an installed kaoping:
 *     cc embed.c $(pkg-config --cflags --libs kaoping) -o embed
 *     ./embed /usr/share/kaoping/... or any rules/2013.kp */
#include <kaoping.h>
#include <stdio.h>
#include <string.h>

/* examples/village-dongcun.json, as a string */
static const char *unit_json =
    "{\"name\": \"東村\", \"kind\": \"村\", \"year\": 2013, \"facts\": {"
    "\"party_meetings\": 3, \"party_disclosures\": 3, \"party_lessons\": 10, "
    "\"member_training_rate\": 86, \"cadre_rating\": \"稱職\", "
    "\"secretary_report\": true, \"secretary_lecture\": true, "
    "\"model_members\": 1, \"integrity_signed\": true, "
    "\"contract_disputes_lost\": 1, \"finance_audited\": true, "
    "\"finance_disclosure\": \"按年\", \"asset_ledger\": true, \"asset_losses\": 0, "
    "\"illegal_land_mu\": 0, \"subsidy_rate\": 98.8, \"disclosures\": 3, "
    "\"charter_status\": \"未修訂\", \"vote_turnout\": 87.4, \"council_meetings\": 4, "
    "\"undeliberated_matters\": 0, \"has_supervision_committee\": true, "
    "\"committee_reviews\": 3, \"cadre_approval\": 78, \"idle_groups\": 0, "
    "\"archive_standard\": true, \"missing_records\": 1, "
    "\"pufa_plan_date\": \"2013-04-10\", \"midterm_result\": \"合格\", "
    "\"volunteers\": 10, \"lectures\": 4, \"awareness_rate\": 82, "
    "\"participation_rate\": 71, \"law_savvy\": 8, \"migrant_pufa_rate\": 95, "
    "\"constitution_event\": true, \"has_law_corner\": true, \"law_boards\": 2, "
    "\"law_day_event\": true, \"law_day_people\": 380, \"art_works\": 1, "
    "\"culture_level\": \"縣級\", \"leaflet_rate\": 88, \"model_households\": 6, "
    "\"has_legal_guide\": true, \"guide_visits\": 5, \"mediation_rate\": 92, "
    "\"mediation_committee\": true, \"mediators\": 3, \"agreement_rate\": 97, "
    "\"law_consults\": 10, \"dispute_checks\": 11, \"criminal_cases\": 3, "
    "\"criminal_baseline\": 2, \"escalated_disputes\": 0, \"patrol_team\": true, "
    "\"patrol_nights\": 20, \"new_drug_users\": 0, \"drug_control_rate\": 95, "
    "\"cult_gatherings\": 0, \"safety_accidents\": 0, \"leapfrog_petitions\": 0, "
    "\"repeat_petitions\": 1, \"petition_baseline\": 1, \"fires\": 0, "
    "\"fire_deaths\": 0, \"traffic_deaths\": 1, \"traffic_quota\": 1, "
    "\"petition_closed_rate\": 98.4, \"mental_incidents\": 0, "
    "\"hazard_fix_rate\": 95, \"complaint_reply_rate\": 90, "
    "\"overdue_replies\": 1, \"life_meeting\": true, "
    "\"unrectified_criticisms\": 0, \"unaudited_leaders\": 0, "
    "\"risk_control\": \"已防控\", \"has_leading_group\": true, "
    "\"plan_date\": \"2013-08-05\", \"ledger_grade\": \"良好\", \"unrectified\": 1, "
    "\"has_office\": true, \"office_staff\": 1, "
    "\"mobilization_date\": \"2013-08-02\", \"four_settled\": 4, "
    "\"creation_articles\": 6, \"self_check_date\": \"2013-11-29\", "
    "\"application_date\": \"2013-12-12\", \"satisfaction_rate\": 88, "
    "\"safety_sense\": 93, \"fairness_rating\": 89, \"survey_awareness\": 84, "
    "\"lawful_conduct_rate\": 88.6, \"response_rate\": 91, \"praise_letters\": 2, "
    "\"substantiated_complaints\": 0, \"service_satisfaction\": 89, "
    "\"openness_satisfaction\": 86, \"reports\": 10, \"late_reports\": 2, "
    "\"inspections\": [{\"held_on\": \"2013-08-19\"}, {\"held_on\": \"2013-10-08\"}], "
    "\"survey_date\": \"2013-10-02\", \"progress_report_date\": \"2013-10-18\", "
    "\"constitution_event_date\": \"2013-12-04\", \"meetings_absent\": 0, "
    "\"bottom_rankings\": 0, \"consecutive_bottom\": false, \"briefs\": 4, "
    "\"innovations\": 1, \"missing_materials\": 1, \"midyear_grade\": \"良好\"}}";

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: embed RULES.kp\n");
        return 2;
    }
    kp_standard *std;
    if (kp_standard_load_file(argv[1], 0, &std) != KP_OK) {
        if (std) kp_diags_print(kp_standard_diags(std), stderr);
        else fprintf(stderr, "embed: %s\n", kp_last_error());
        kp_standard_free(std);
        return 2;
    }
    kp_unit *unit;
    kp_result *res = NULL;
    int status = 2;
    if (kp_unit_load_json(std, "unit", unit_json, strlen(unit_json), &unit) != KP_OK) {
        if (unit) kp_diags_print(kp_unit_diags(unit), stderr);
    } else if (kp_score(std, unit, NULL, &res) != KP_OK) {
        if (res) kp_diags_print(kp_result_diags(res), stderr);
    } else {
        const char *grade = kp_result_grade(res);
        printf("%s: total %s, grade %s, %s\n", kp_unit_name(unit), kp_result_total(res), grade ? grade : "-",
               kp_result_pass(res) ? "passes" : "fails");
        size_t n = kp_result_rect_count(res);
        printf("rectification: %zu entries\n", n);
        for (size_t i = 0; i < n; i++) {
            kp_rect e;
            if (kp_result_rect_at(res, i, &e) != KP_OK) break;
            printf("%2zu. -%-6s %s %s\n    %s\n    owner: %s\n", i + 1, e.lost, e.item_id, e.item_title, e.rule,
                   *e.owners ? e.owners : "-");
            if (*e.todo) printf("    to do: %s\n", e.todo);
        }
        status = kp_result_pass(res) ? 0 : 1;
    }
    kp_result_free(res);
    kp_unit_free(unit);
    kp_standard_free(std);
    return status;
}
