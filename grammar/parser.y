/* parser.y - grammar of the kaoping rule language.
 * Actions only build the tree (one-line ast_* calls); names, types and sums
 * are judged later by the checker. Error productions sit at statement and
 * declaration boundaries so one mistake does not hide the next. */
%require "3.8"
%define api.pure full
%locations
%define api.location.type {Span}
%define parse.error custom
%define parse.lac full
%expect 0
%header
%param {void *scanner}
%parse-param {LexCtx *lx}

%code requires {
#include "ast.h"
typedef struct LexCtx LexCtx;
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                  \
    do {                                                             \
        if (N) {                                                     \
            (Cur).begin = YYRHSLOC(Rhs, 1).begin;                    \
            (Cur).end = YYRHSLOC(Rhs, N).end;                        \
        } else {                                                     \
            (Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end;          \
        }                                                            \
    } while (0)
}

%code {
#include "lex.h"
#include "lexer.h"
#define A (lx->ast)
static Span sp2(Span a, Span b) { Span s = {a.begin, b.end}; return s; }
static void yyerror(Span *loc, void *scanner, LexCtx *lx, const char *msg) {
    (void)scanner;
    diag_at(lx->diag, DIAG_ERROR, "K0109", lx->ast->src, *loc, "the rule file nests too deeply (%s)", msg);
}
}

%union {
    const char *text;
    Expr *expr;
    ExprList *exprs;
    TierBand *band;
    BinOp op;
    StrList *strs;
    TypeSpec type;
    Fact *fact;
    Rule *rule;
    RuleOpt *opt;
    Part *part;
    PartKind pkind;
    GapDir gap;
    bool flag;
    FactOpts *fopts;
    TestCase *test;
    Expect *expect;
    RecordInit *records;
    FieldInit *inits;
    Task *task;
    int flags;
    VetoEffectSpec effect;
}

%token <text> NUMBER "a number" PERCENT_LIT "a percentage" STRING "a string"
%token <text> IDENT "a name"
%token <expr> DATE_LIT "a date"
%token STANDARD "'standard'" YEAR "'year'" TOTAL "'total'" DECIMALS "'decimals'"
%token GRADE "'grade'" OTHERWISE "'otherwise'" FAIL "'fail'" SUMS "'sums'" WARN "'warn'"
%token KINDS "'kinds'" FACT "'fact'" IN "'in'" DEFAULT "'default'"
%token INTEGER "'integer'" DECIMAL "'decimal'" PERCENT "'percent'" BOOLEAN "'boolean'"
%token DATE "'date'" TEXT "'text'" ENUM "'enum'" LIST "'list'"
%token CATEGORY "'category'" GROUP "'group'" ITEM "'item'" BONUS "'bonus'"
%token PENALTY "'penalty'" VETO "'veto'" REASON "'reason'" POINTS "'points'" CAP "'cap'"
%token RESPONSIBLE "'responsible'" APPLIES "'applies'" CONTENT "'content'" METHOD "'method'"
%token FLOOR "'floor'" NONE "'none'" DEDUCT "'deduct'" ADD "'add'" SCORE "'score'"
%token PER "'per'" BELOW "'below'" ABOVE "'above'" WHEN "'when'" STEP "'step'"
%token STARTED "'started'" COMPLETED "'completed'" PRO_RATA "'pro_rata'"
%token AND "'and'" OR "'or'" NOT "'not'" IF "'if'" THEN "'then'" ELSE "'else'"
%token TIERS "'tiers'" TRUE "'true'" FALSE "'false'" WHERE "'where'"
%token TEST "'test'" SET "'set'" EXPECT "'expect'" KIND "'kind'" DATA "'data'" PASS "'pass'"
%token RECTIFICATION "'rectification'"
%token PHASE "'phase'" TASK "'task'" FROM "'from'" TO "'to'" DUE "'due'" DONE "'done'" OF "'of'"
%token LATE "'late'" MISSED "'missed'" OVERLAPS "'overlaps'" INSPECTION "'inspection'"
%token DEADLINE "'deadline'" FINAL "'final'"
%token REVISES "'revises'" REMOVE "'remove'" REPLACE "'replace'" MOVE "'move'" RENAMES "'renames'"
%token OPTIONAL "'optional'" AFTER "'after'" ZERO "'zero'" ADJUST "'adjust'" REQUIRE "'require'"
%token SCALED "'scaled'" WEIGHT "'weight'"
%token NUMBER_KW "'number'"
%token LET "'let'"
%token IT "'it'" DISTINCT "'distinct'"
%token DISQUALIFY "'disqualify'" WORST "'worst'" OUTPUT "'output'"
%token KEY "'key'"
%token COMMENT "a comment" /* only for the formatter: the parser never sees one */
%token DOTDOT "'..'" EQ "'=='" NE "'!='" LE "'<='" GE "'>='"

%type <text> name label_opt reason_opt
%type <expr> expr primary expr_opt each source
%type <exprs> args
%type <band> bands
%type <op> band_op
%type <strs> strings names
%type <type> type
%type <fact> fields field
%type <fopts> fact_opts
%type <rule> rule
%type <opt> opts
%type <part> part part_head body
%type <pkind> part_kw
%type <flag> fail_opt
%type <test> test_head test_body
%type <expect> expect
%type <records> records
%type <inits> inits
%type <task> task_head task_body
%type <flags> phase_flags rev_what
%type <effect> veto_effect

%precedence ELSE
%left OR
%left AND
%precedence NOT
%nonassoc EQ NE '<' LE '>' GE
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%%

/* file -> { decl } */
file
  : %empty
  | file decl
  ;

/* decl -> header | kinds | fact | part | veto */
decl
  : STANDARD STRING '{' header '}'          { ast_standard(A, $2, @2, @$); }
  | KINDS kinds ';'
  | FACT name ':' type label_opt fact_opts ';'
                                            { ast_add_fact(A, ast_fact_optional(ast_fact_opts(A, ast_fact_renames(A, ast_fact(A, $2, @2, $4, $5, $6->lo, $6->hi, $6->def, @$), $6->renames, $6->renames_span), $6->key, $6->key_span, $6->empty, $6->empty_span), $6->optional, $6->optional_span)); }
  | FACT name ':' LIST label_opt fact_opts '{' fields '}'
                                            { ast_add_fact(A, ast_fact_optional(ast_fact_opts(A, ast_fact_renames(A, ast_fact(A, $2, @2, ast_type(TY_LIST, NULL, $8), $5, $6->lo, $6->hi, $6->def, @$), $6->renames, $6->renames_span), $6->key, $6->key_span, $6->empty, $6->empty_span), $6->optional, $6->optional_span)); }
  | part                                    { ast_add_part(A, $1); }
  | VETO name label_opt WHEN expr veto_effect reason_opt ';'
                                            { ast_add_veto_effect(A, ast_veto(A, $2, @2, $3, $5, $7, @$), $6); }
  | OUTPUT name label_opt '=' expr ';'      { ast_add_output(A, ast_output(A, $2, @2, $3, $5, @$)); }
  | REQUIRE expr reason_opt ';'             { ast_add_require(A, $2, $3, @$); }
  | test_head '{' test_body '}'              { ast_add_test(A, $3, @$); }
  | PHASE name label_opt FROM expr TO expr phase_flags ';'
                                            { ast_add_phase(A, $2, @2, $3, $5, $7, $8, @$); }
  | task_head '{' task_body '}'              { ast_add_task(A, $3, @$); }
  | REMOVE rev_what name ';'                { ast_revise(A, REV_REMOVE, $2, $3, @3, NULL, @3, @$); }
  | MOVE part_kw name TO name ';'           { ast_revise(A, REV_MOVE, $2, $3, @3, $5, @5, @$); }
  | REPLACE replacement
  | LET name label_opt '=' expr ';'         { ast_add_let(A, ast_let(A, $2, @2, $3, $5, @$)); }
  | ';'
  | error ';'
  | error '}'
  ;

/* revisions: remove WHAT id; | move item id to parent; | replace DECLARATION */
rev_what
  : part_kw                                 { $$ = $1; }
  | VETO { $$ = REV_VETO; } | FACT { $$ = REV_FACT; } | PHASE { $$ = REV_PHASE; } | TASK { $$ = REV_TASK; }
  | KIND { $$ = REV_KIND; } | LET { $$ = REV_LET; }
  | OUTPUT { $$ = REV_OUTPUT; }
  ;

/* veto_effect -> [ disqualify | grade "name" | grade worst | deduct e | zero ] */
veto_effect
  : %empty                                  { $$ = ast_effect(VETO_DISQUALIFY, NULL, NULL, @$, false); }
  | DISQUALIFY                              { $$ = ast_effect(VETO_DISQUALIFY, NULL, NULL, @1, true); }
  | GRADE STRING                            { $$ = ast_effect(VETO_GRADE, $2, NULL, @$, true); }
  | GRADE WORST                             { $$ = ast_effect(VETO_GRADE, NULL, NULL, @$, true); }
  | DEDUCT expr                             { $$ = ast_effect(VETO_DEDUCT, NULL, $2, @$, true); }
  | ZERO                                    { $$ = ast_effect(VETO_ZERO, NULL, NULL, @1, true); }
  ;

replacement
  : part_head ';'                           { ast_replace_part(A, $1, true, @$); }
  | part                                    { ast_replace_part(A, $1, false, @$); }
  | VETO name label_opt WHEN expr veto_effect reason_opt ';'
                                            { ast_replace_veto(A, ast_veto_set_effect(ast_veto(A, $2, @2, $3, $5, $7, @$), $6)); }
  | OUTPUT name label_opt '=' expr ';'      { ast_replace_output(A, ast_output(A, $2, @2, $3, $5, @$)); }
  | FACT name ':' type label_opt fact_opts ';'
                                            { ast_replace_fact(A, ast_fact_optional(ast_fact_opts(A, ast_fact_renames(A, ast_fact(A, $2, @2, $4, $5, $6->lo, $6->hi, $6->def, @$), $6->renames, $6->renames_span), $6->key, $6->key_span, $6->empty, $6->empty_span), $6->optional, $6->optional_span)); }
  | PHASE name label_opt FROM expr TO expr phase_flags ';'
                                            { ast_replace_phase(A, ast_phase(A, $2, @2, $3, $5, $7, $8, @$)); }
  | task_head '{' task_body '}'             { ast_replace_task(A, $3, @$); }
  | LET name label_opt '=' expr ';'         { ast_replace_let(A, ast_let(A, $2, @2, $3, $5, @$)); }
  ;

phase_flags
  : %empty                                  { $$ = 0; }
  | phase_flags OVERLAPS                    { $$ = $1 | 1; }
  | phase_flags INSPECTION                  { $$ = $1 | 2; }
  ;

/* task -> 'task' id [title] '{' { phase p; | due d; | from d to d; | responsible ...; | applies ...;
 *          | done fact; | done N of list.field; | late|missed deduct n from item; } '}' */
task_head
  : TASK name label_opt                     { $$ = ast_task(A, $2, @2, $3); }
  ;

task_body
  : %empty                                  { $$ = $<task>-1; } /* the task_head before the brace */
  | task_body PHASE name ';'                { $$ = ast_task_phase(A, $1, $3, @3); }
  | task_body DUE expr ';'                  { $$ = ast_task_due(A, $1, NULL, $3); }
  | task_body FROM expr TO expr ';'         { $$ = ast_task_due(A, $1, $3, $5); }
  | task_body RESPONSIBLE strings ';'       { $$ = ast_task_owners($1, $3); }
  | task_body APPLIES names ';'             { $$ = ast_task_applies($1, $3); }
  | task_body DONE name ';'                 { $$ = ast_task_done(A, $1, $3, @3, NULL, NULL); }
  | task_body DONE primary OF name '.' name ';'
                                            { $$ = ast_task_done(A, $1, $5, @5, $3, $7); }
  | task_body LATE DEDUCT expr FROM name ';'
                                            { $$ = ast_task_penalty(A, $1, false, $4, $6, @6, sp2(@2, @6)); }
  | task_body MISSED DEDUCT expr FROM name ';'
                                            { $$ = ast_task_penalty(A, $1, true, $4, $6, @6, sp2(@2, @6)); }
  | task_body ';'                           { $$ = $1; }
  | task_body error                         { $$ = $1; }
  ;

/* test -> 'test' "name" '{' { kind k; | data "file"; | set f = v; | expect ...; } '}' */
test_head
  : TEST STRING                             { $$ = ast_test(A, $2, @$); }
  ;

test_body
  : %empty                                  { $$ = $<test>-1; } /* the test_head before the brace */
  | test_body KIND name ';'                 { $$ = ast_test_kind(A, $1, $3, @3); }
  | test_body DATA STRING ';'               { $$ = ast_test_data(A, $1, $3, @3); }
  | test_body SET name '=' expr ';'         { $$ = ast_test_set(A, $1, $3, @3, $5, NULL, false, sp2(@2, @6)); }
  | test_body SET name '=' '[' ']' ';'      { $$ = ast_test_set(A, $1, $3, @3, NULL, NULL, true, sp2(@2, @7)); }
  | test_body SET name '=' '[' records ']' ';'
                                            { $$ = ast_test_set(A, $1, $3, @3, NULL, $6, true, sp2(@2, @8)); }
  | test_body EXPECT expect ';'             { $$ = ast_test_expect($1, $3); }
  | test_body ';'                           { $$ = $1; }
  | test_body error                         { $$ = $1; }
  ;

records
  : '{' inits '}'                           { $$ = ast_record(A, NULL, $2, @$); }
  | records ',' '{' inits '}'               { $$ = ast_record(A, $1, $4, sp2(@3, @5)); }
  ;

inits
  : name ':' expr                           { $$ = ast_field_init(A, NULL, $1, @1, $3); }
  | inits ',' name ':' expr                 { $$ = ast_field_init(A, $1, $3, @3, $5); }
  ;

expect
  : ITEM name is expr                       { $$ = ast_expect(A, EXPECT_ITEM, $2, @2, $4, NULL, @$); }
  | CATEGORY name is expr                   { $$ = ast_expect(A, EXPECT_PART, $2, @2, $4, NULL, @$); }
  | GROUP name is expr                      { $$ = ast_expect(A, EXPECT_PART, $2, @2, $4, NULL, @$); }
  | TOTAL is expr                           { $$ = ast_expect(A, EXPECT_TOTAL, NULL, @1, $3, NULL, @$); }
  | GRADE STRING                            { $$ = ast_expect(A, EXPECT_GRADE, NULL, @2, NULL, $2, @$); }
  | VETO name                               { $$ = ast_expect(A, EXPECT_VETO, $2, @2, NULL, NULL, @$); }
  | NOT VETO name                           { $$ = ast_expect(A, EXPECT_NO_VETO, $3, @3, NULL, NULL, @$); }
  | VETO NONE                               { $$ = ast_expect(A, EXPECT_NO_VETO, NULL, @2, NULL, NULL, @$); }
  | PASS                                    { $$ = ast_expect(A, EXPECT_PASS, NULL, @1, NULL, NULL, @$); }
  | FAIL                                    { $$ = ast_expect(A, EXPECT_FAIL, NULL, @1, NULL, NULL, @$); }
  | RECTIFICATION name                      { $$ = ast_expect(A, EXPECT_RECT, $2, @2, NULL, NULL, @$); }
  | NOT RECTIFICATION name                  { $$ = ast_expect(A, EXPECT_NO_RECT, $3, @3, NULL, NULL, @$); }
  | RECTIFICATION NONE                      { $$ = ast_expect(A, EXPECT_NO_RECT, NULL, @2, NULL, NULL, @$); }
  | ITEM STRING is expr                     { $$ = ast_expect_number(A, EXPECT_ITEM, $2, @2, $4, @$); }
  | CATEGORY STRING is expr                 { $$ = ast_expect_number(A, EXPECT_PART, $2, @2, $4, @$); }
  | GROUP STRING is expr                    { $$ = ast_expect_number(A, EXPECT_PART, $2, @2, $4, @$); }
  | name STRING is expr                     { $$ = ast_expect_word(A, $1, @1, $2, @2, $4, @$); } /* part, rule */
  ;

is : '=' | EQ ;

/* header -> { year | total | decimals | grade | sums warn } */
header
  : %empty
  | header YEAR expr ';'                     { ast_header_year(A, $3, @$); }
  | header TOTAL expr ';'                   { ast_header_total(A, $3); }
  | header DECIMALS expr ';'                { ast_header_decimals(A, $3); }
  | header GRADE STRING GE expr fail_opt ';'  { ast_header_grade(A, $3, BAND_GE, $5, $6, sp2(@2, @7)); }
  | header GRADE STRING '>' expr fail_opt ';' { ast_header_grade(A, $3, BAND_GT, $5, $6, sp2(@2, @7)); }
  | header GRADE STRING OTHERWISE ';'       { ast_header_grade(A, $3, BAND_OTHERWISE, NULL, true, sp2(@2, @5)); }
  | header SUMS WARN ';'                    { ast_header_sums_warn(A); }
  | header FLOOR NONE ';'                   { ast_header_floor_none(A); }
  | header ADD AFTER FLOOR ';'              { ast_header_add_after_floor(A); }
  | header REVISES STRING ';'               { ast_header_revises(A, $3, NULL, NULL, sp2(@2, @4)); }
  | header REVISES STRING YEAR expr ';'     { ast_header_revises(A, NULL, $3, $5, sp2(@2, @6)); }
  | header REVISES YEAR expr ';'            { ast_header_revises(A, NULL, NULL, $4, sp2(@2, @5)); }
  | header error ';'
  ;

fail_opt : %empty { $$ = false; } | FAIL { $$ = true; } ;

kinds
  : name label_opt                          { ast_add_kind(A, $1, $2, @$); }
  | kinds ',' name label_opt                { ast_add_kind(A, $3, $4, sp2(@3, @4)); }
  ;

/* fact -> name ':' type [label] [in lo..hi] [default e] */
type
  : INTEGER                                 { $$ = ast_type(TY_INTEGER, NULL, NULL); }
  | DECIMAL                                 { $$ = ast_type(TY_DECIMAL, NULL, NULL); }
  | PERCENT                                 { $$ = ast_type(TY_PERCENT, NULL, NULL); }
  | BOOLEAN                                 { $$ = ast_type(TY_BOOLEAN, NULL, NULL); }
  | DATE                                    { $$ = ast_type(TY_DATE, NULL, NULL); }
  | TEXT                                    { $$ = ast_type(TY_TEXT, NULL, NULL); }
  | ENUM '(' strings ')'                    { $$ = ast_type(TY_ENUM, $3, NULL); }
  | LIST OF type                            { $$ = ast_list_of(A, $3, @3); }
  ;

fact_opts
  : %empty                                  { $$ = ast_fact_opts_new(A, @$); }
  | fact_opts IN expr_opt DOTDOT expr_opt   { $$ = $1; $$->lo = $3; $$->hi = $5; }
  | fact_opts DEFAULT expr                  { $$ = $1; $$->def = $3; }
  | fact_opts RENAMES name                  { $$ = $1; $$->renames = $3; $$->renames_span = @3; }
  | fact_opts KEY STRING                    { $$ = $1; $$->key = $3; $$->key_span = @3; }
  | fact_opts DEFAULT '[' ']'               { $$ = $1; $$->empty = true; $$->empty_span = sp2(@2, @4); }
  | fact_opts OPTIONAL                      { $$ = $1; $$->optional = true; $$->optional_span = @2; }
  ;

fields
  : %empty                                  { $$ = NULL; }
  | fields field                            { $$ = ast_facts($1, $2); }
  | fields error ';'                        { $$ = $1; }
  ;

field
  : name ':' type label_opt fact_opts ';'   { $$ = ast_fact_optional(ast_fact_opts(A, ast_field_renames(A, ast_fact(A, $1, @1, $3, $4, $5->lo, $5->hi, $5->def, @$), $5->renames, $5->renames_span), $5->key, $5->key_span, $5->empty, $5->empty_span), $5->optional, $5->optional_span); }
  | name ':' LIST label_opt fact_opts '{' fields '}'
                                            { $$ = ast_fact_opts(A, ast_fact(A, $1, @1, ast_type(TY_LIST, NULL, $7), $4, NULL, NULL, NULL, @$), $5->key, $5->key_span, $5->empty, $5->empty_span); }
  ;

/* part -> kw [id] [title] [points e | cap e] '{' body '}' */
part
  : part_head '{' body '}'                  { $$ = ast_part_end($1, $3, @$); }
  ;

part_head
  : part_kw name label_opt                  { $$ = ast_part(A, $1, $2, @2, $3, NULL, NULL, @1); }
  | part_kw STRING                          { $$ = ast_part(A, $1, NULL, @2, $2, NULL, NULL, @1); }
  | part_head POINTS expr                   { $$ = $1; $$->points = $3; }
  | part_head CAP expr                      { $$ = $1; $$->cap = $3; }
  | part_head IN name                       { $$ = ast_part_in(A, $1, $3, @3); }
  | part_head NUMBER_KW STRING              { $$ = ast_part_number($1, $3, @3); }
  ;

part_kw
  : CATEGORY { $$ = PART_CATEGORY; } | GROUP { $$ = PART_GROUP; } | ITEM { $$ = PART_ITEM; }
  | BONUS { $$ = PART_BONUS; } | PENALTY { $$ = PART_PENALTY; }
  ;

body
  : %empty                                  { $$ = ast_part_body(A); }
  | body RESPONSIBLE strings ';'            { $$ = ast_part_responsible($1, $3); }
  | body APPLIES names ';'                  { $$ = ast_part_applies($1, $3); }
  | body CONTENT STRING ';'                 { $$ = ast_part_content($1, $3); }
  | body METHOD STRING ';'                  { $$ = ast_part_method($1, $3); }
  | body FLOOR NONE ';'                     { $$ = ast_part_floor($1, @2); }
  | body CAP NONE ';'                       { $$ = ast_part_cap($1, NULL, true, sp2(@2, @3)); }
  | body CAP expr ';'                       { $$ = ast_part_cap($1, $3, false, sp2(@2, @3)); }
  | body ADD AFTER FLOOR ';'                { $$ = ast_part_order($1, sp2(@2, @4)); }
  | body ADD CAP expr ';'                   { $$ = ast_part_add_cap($1, $4); }
  | body KIND names POINTS expr ';'         { $$ = ast_part_kind_points(A, $1, $3, $5, sp2(@2, @5)); }
  | body SCALED ';'                         { $$ = ast_part_scaled($1, @2); }
  | body WEIGHT expr ';'                    { $$ = ast_part_weight($1, $3); }
  | body APPLIES WHEN expr ';'              { $$ = ast_part_applies_when($1, $4); }
  | body DEADLINE expr ';'                  { $$ = ast_part_deadline($1, $3); }
  | body rule ';'                           { $$ = ast_part_rule($1, $2); }
  | body part                               { $$ = ast_part_child($1, $2); }
  | body ';'                                { $$ = $1; }
  | body error                              { $$ = $1; }
  ;

/* rule -> deduct e [per e [below|above e]] {opt} | add ... | score e {opt} */
rule
  : DEDUCT expr opts                        { $$ = ast_rule(A, RULE_DEDUCT, $2, NULL, GAP_NONE, NULL, $3, @$); }
  | DEDUCT expr PER expr opts               { $$ = ast_rule(A, RULE_DEDUCT, $2, $4, GAP_NONE, NULL, $5, @$); }
  | DEDUCT expr PER expr BELOW expr opts    { $$ = ast_rule(A, RULE_DEDUCT, $2, $4, GAP_BELOW, $6, $7, @$); }
  | DEDUCT expr PER expr ABOVE expr opts    { $$ = ast_rule(A, RULE_DEDUCT, $2, $4, GAP_ABOVE, $6, $7, @$); }
  | ADD expr opts                           { $$ = ast_rule(A, RULE_ADD, $2, NULL, GAP_NONE, NULL, $3, @$); }
  | ADD expr PER expr opts                  { $$ = ast_rule(A, RULE_ADD, $2, $4, GAP_NONE, NULL, $5, @$); }
  | ADD expr PER expr BELOW expr opts       { $$ = ast_rule(A, RULE_ADD, $2, $4, GAP_BELOW, $6, $7, @$); }
  | ADD expr PER expr ABOVE expr opts       { $$ = ast_rule(A, RULE_ADD, $2, $4, GAP_ABOVE, $6, $7, @$); }
  | SCORE expr opts                         { $$ = ast_rule(A, RULE_SCORE, $2, NULL, GAP_NONE, NULL, $3, @$); }
  | ZERO opts                               { $$ = ast_rule(A, RULE_ZERO, ast_points(A, @1), NULL, GAP_NONE, NULL, $2, @$); }
  | ADJUST expr opts                        { $$ = ast_rule(A, RULE_ADJUST, $2, NULL, GAP_NONE, NULL, $3, @$); }
  ;

opts
  : %empty                                  { $$ = NULL; }
  | opts WHEN expr                          { $$ = ast_opt(A, $1, OPT_WHEN, $3, STEP_DEFAULT, sp2(@2, @3)); }
  | opts STEP expr                          { $$ = ast_opt(A, $1, OPT_STEP, $3, STEP_DEFAULT, sp2(@2, @3)); }
  | opts CAP expr                           { $$ = ast_opt(A, $1, OPT_CAP, $3, STEP_DEFAULT, sp2(@2, @3)); }
  | opts STARTED                            { $$ = ast_opt(A, $1, OPT_MODE, NULL, STEP_STARTED, @2); }
  | opts COMPLETED                          { $$ = ast_opt(A, $1, OPT_MODE, NULL, STEP_COMPLETED, @2); }
  | opts PRO_RATA                           { $$ = ast_opt(A, $1, OPT_MODE, NULL, STEP_PRO_RATA, @2); }
  | opts DEADLINE expr                      { $$ = ast_opt(A, $1, OPT_DEADLINE, $3, STEP_DEFAULT, sp2(@2, @3)); }
  | opts FINAL                              { $$ = ast_opt(A, $1, OPT_FINAL, NULL, STEP_DEFAULT, @2); }
  | opts NUMBER_KW STRING                   { $$ = ast_opt(A, $1, OPT_NUMBER, ast_string(A, $3, @3), STEP_DEFAULT, sp2(@2, @3)); }
  | opts APPLIES names                      { $$ = ast_opt_applies(A, $1, $3, sp2(@2, @3)); }
  ;

reason_opt : %empty { $$ = NULL; } | REASON STRING { $$ = $2; } ;
label_opt  : %empty { $$ = NULL; } | STRING { $$ = $1; } ;
name       : IDENT ;

strings
  : STRING                                  { $$ = ast_strs(A, NULL, $1, @1); }
  | strings ',' STRING                      { $$ = ast_strs(A, $1, $3, @3); }
  ;

names
  : name                                    { $$ = ast_strs(A, NULL, $1, @1); }
  | names ',' name                          { $$ = ast_strs(A, $1, $3, @3); }
  ;

/* expressions, loosest first: if, or, and, not, comparison, + -, * /, unary - */
expr_opt : %empty { $$ = NULL; } | expr ;

expr
  : primary
  | IF expr THEN expr ELSE expr             { $$ = ast_if(A, $2, $4, $6, @$); }
  | expr OR expr                            { $$ = ast_logic(A, EX_OR, $1, $3, @$); }
  | expr AND expr                           { $$ = ast_logic(A, EX_AND, $1, $3, @$); }
  | NOT expr                                { $$ = ast_unary(A, EX_NOT, $2, @$); }
  | expr EQ expr                            { $$ = ast_binary(A, OP_EQ, $1, $3, @$); }
  | expr NE expr                            { $$ = ast_binary(A, OP_NE, $1, $3, @$); }
  | expr '<' expr                           { $$ = ast_binary(A, OP_LT, $1, $3, @$); }
  | expr LE expr                            { $$ = ast_binary(A, OP_LE, $1, $3, @$); }
  | expr '>' expr                           { $$ = ast_binary(A, OP_GT, $1, $3, @$); }
  | expr GE expr                            { $$ = ast_binary(A, OP_GE, $1, $3, @$); }
  | expr '+' expr                           { $$ = ast_binary(A, OP_ADD, $1, $3, @$); }
  | expr '-' expr                           { $$ = ast_binary(A, OP_SUB, $1, $3, @$); }
  | expr '*' expr                           { $$ = ast_binary(A, OP_MUL, $1, $3, @$); }
  | expr '/' expr                           { $$ = ast_binary(A, OP_DIV, $1, $3, @$); }
  | '-' expr %prec UMINUS                   { $$ = ast_unary(A, EX_NEG, $2, @$); }
  ;

primary
  : NUMBER                                  { $$ = ast_number(A, $1, strlen($1), @1); }
  | PERCENT_LIT                             { $$ = ast_number(A, $1, strlen($1), @1); }
  | STRING                                  { $$ = ast_string(A, $1, @1); }
  | DATE_LIT                                { $$ = $1; }
  | TRUE                                    { $$ = ast_bool(A, true, @1); }
  | FALSE                                   { $$ = ast_bool(A, false, @1); }
  | POINTS                                  { $$ = ast_points(A, @1); }
  | TOTAL                                   { $$ = ast_result(A, EX_TOTAL, @1); }
  | GRADE                                   { $$ = ast_result(A, EX_GRADE, @1); }
  | name                                    { $$ = ast_name(A, $1, @1); }
  | '(' expr ')'                            { $$ = $2; }
  | name '(' args ')'                       { $$ = ast_call(A, $1, @1, $3, NULL, @$); }
  | name '(' expr WHERE expr ')'            { $$ = ast_call(A, $1, @1, ast_exprs(A, NULL, $3), $5, @$); }
  | name '(' expr WHERE expr ',' args ')'   { $$ = ast_call(A, $1, @1, ast_exprs_cons(A, $3, $7), $5, @$); }
  | KIND                                    { $$ = ast_unit_kind(A, @1); }
  | YEAR                                    { $$ = ast_unit_year(A, @1); }
  | YEAR '(' args ')'                       { $$ = ast_call(A, "year", @1, $3, NULL, @$); }
  | FLOOR '(' args ')'                      { $$ = ast_call(A, "floor", @1, $3, NULL, @$); }
  | name '(' each ')'                       { $$ = ast_call(A, $1, @1, ast_exprs(A, NULL, $3), NULL, @$); }
  | name '(' each ',' args ')'              { $$ = ast_call(A, $1, @1, ast_exprs_cons(A, $3, $5), NULL, @$); }
  | name '(' each WHERE expr ')'            { $$ = ast_call(A, $1, @1, ast_exprs(A, NULL, $3), $5, @$); }
  | name '(' each WHERE expr ',' args ')'   { $$ = ast_call(A, $1, @1, ast_exprs_cons(A, $3, $7), $5, @$); }
  | IT                                      { $$ = ast_name(A, "it", @1); }
  | TIERS expr '{' bands ELSE ':' expr ';' '}'
                                            { $$ = ast_tiers(A, $2, $4, $7, @$); }
  ;

args
  : expr                                    { $$ = ast_exprs(A, NULL, $1); }
  | args ',' expr                           { $$ = ast_exprs(A, $1, $3); }
  ;

bands
  : band_op expr ':' expr ';'               { $$ = ast_band(A, NULL, $1, $2, $4, @$); }
  | bands band_op expr ':' expr ';'         { $$ = ast_band(A, $1, $2, $3, $5, sp2(@2, @6)); }
  ;

/* each -> NAME in LO..HI | NAME in [distinct] source | distinct source: what an aggregate runs over */
each
  : name IN expr DOTDOT expr                { $$ = ast_each_bind(ast_each_range(A, $3, $5, sp2(@3, @5)), $1, @1, false, @$); }
  | name IN source                          { $$ = ast_each_bind($3, $1, @1, false, @$); }
  | name IN DISTINCT source                 { $$ = ast_each_bind($4, $1, @1, true, @$); }
  | DISTINCT source                         { $$ = ast_each_bind($2, NULL, @1, true, @$); }
  ;

/* source -> list | list.field */
source
  : name                                    { $$ = ast_each_list(A, $1, @1, NULL, @1, @$); }
  | name '.' name                           { $$ = ast_each_list(A, $1, @1, $3, @3, @$); }
  ;

band_op : GE { $$ = OP_GE; } | '>' { $$ = OP_GT; } | LE { $$ = OP_LE; } | '<' { $$ = OP_LT; } | EQ { $$ = OP_EQ; } ;

%%

/* Syntax errors in words a policy officer understands: what was expected,
 * what was found, and which opener a missing '}' would close. */
static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, LexCtx *lx) {
    (void)scanner;
    enum { MAX = 40 }; /* bison gives none when more are expected than this */
    yysymbol_kind_t exp[MAX];
    int n = yypcontext_expected_tokens(ctx, exp, MAX);
    const char *names[MAX];
    int k = 0;
    bool expr = false, number = false;
    for (int i = 0; i < n; i++)
        number |= exp[i] == YYSYMBOL_NUMBER;
    for (int i = 0; i < n; i++) {
        switch (exp[i]) {
        case YYSYMBOL_NUMBER: case YYSYMBOL_PERCENT_LIT: case YYSYMBOL_DATE_LIT:
        case YYSYMBOL_TRUE: case YYSYMBOL_FALSE: case YYSYMBOL_POINTS: case YYSYMBOL_NOT:
        case YYSYMBOL_IF: case YYSYMBOL_TIERS: case YYSYMBOL_IT:
            expr = true;
            break;
        case YYSYMBOL_KIND: case YYSYMBOL_YEAR: case YYSYMBOL_FLOOR:
            /* where an expression may stand, these begin one */
            if (number) break;
            names[k++] = yysymbol_name(exp[i]);
            break;
        default:
            names[k] = yysymbol_name(exp[i]);
            if (!strcmp(names[k], "'('") || !strcmp(names[k], "'-'"))
                expr = true;
            else
                k++;
        }
    }
    if (expr) {
        /* a name, a string, an output's total or grade: one more kind of expression */
        int j = 0;
        for (int i = 0; i < k; i++)
            if (strcmp(names[i], "a name") && strcmp(names[i], "a string") && strcmp(names[i], "'total'") &&
                strcmp(names[i], "'grade'"))
                names[j++] = names[i];
        k = j;
        names[k++] = "an expression";
    }
    yysymbol_kind_t tok = yypcontext_token(ctx);
    lex_syntax_error(lx, *yypcontext_location(ctx), tok == YYSYMBOL_YYEOF, names, k);
    return 0;
}
