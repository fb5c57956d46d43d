/* test_bounds.c - cmocka unit tests for a part's bounds (bounds.h): the
 * order of floor and bonus, caps, signed items, parts holding their own
 * points, scaled parts. Each case is a row of a real standard's table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bounds.h"

static Expr written; /* stands for "points N" written on the part */

static Dec d(int64_t n) {
    return dec_int(n);
}

static Dec half(int64_t n) { /* n / 2 */
    Dec r = {0, 1};
    assert_int_equal(dec_frac(n, 2, &r), DEC_OK);
    return r;
}

static Part item(int64_t points) {
    Part p = {.kind = PART_ITEM, .points = &written, .pts = d(points)};
    return p;
}

static PartTally tally(int64_t points, int64_t base, int64_t deducted, int64_t added) {
    PartTally t = {.points = d(points), .base = d(base), .deducted = d(deducted), .added = d(added)};
    return t;
}

static void assert_dec_eq(Dec got, Dec want) {
    assert_int_equal(dec_cmp(got, want), 0);
}

static Dec score_item(const Part *p, PartTally t, PartTally *out) {
    DecStatus st = DEC_OK;
    PartBounds b = bounds_of(p);
    Dec s = bounds_item(&b, &t, false, out, &st);
    assert_int_equal(st, DEC_OK);
    return s;
}

/* 20 points, 24 deducted, 3 added: netting gives 0, floor then bonus 3 */
static void test_netting_against_floor_first(void **state) {
    (void)state;
    Part p = item(20);
    PartTally out;
    assert_dec_eq(score_item(&p, tally(20, 20, 24, 3), &out), d(0));
    assert_true(out.floored);
    p.add_after_floor = true;
    assert_dec_eq(score_item(&p, tally(20, 20, 24, 3), &out), d(3));
}

/* the cap: the item's points by default, none, a number; add cap N */
static void test_caps(void **state) {
    (void)state;
    Part p = item(25);
    p.add_after_floor = true;
    PartTally out;
    assert_dec_eq(score_item(&p, tally(25, 25, 0, 3), &out), d(25)); /* 加分后不超过25分 */
    assert_true(out.capped);
    p.no_cap = true; /* 加分不受本项分值限制 */
    assert_dec_eq(score_item(&p, tally(25, 25, 0, 3), &out), d(28));
    p.add_cap = &written; /* 最多加2分, may pass 30 */
    p.add_cap_value = d(2);
    assert_dec_eq(score_item(&p, tally(25, 25, 0, 11), &out), d(27));
    assert_dec_eq(out.added, d(2));
}

/* an item without points is its signed change, neither floored nor capped */
static void test_signed_item(void **state) {
    (void)state;
    Part p = {.kind = PART_ITEM};
    PartTally out;
    assert_dec_eq(score_item(&p, tally(0, 0, 13, 0), &out), d(-13));
    assert_dec_eq(score_item(&p, tally(0, 0, 0, 2), &out), d(2));
    assert_false(out.floored || out.capped);
}

/* a group holding 10 points whose items carry none: 扣完本分项分值为止 */
static void test_group_holding_points(void **state) {
    (void)state;
    Part g = {.kind = PART_GROUP, .points = &written, .pts = d(10), .holds_points = true};
    PartTally t = tally(0, -12, 12, 0), out;
    t.own = d(10);
    DecStatus st = DEC_OK;
    assert_dec_eq(bounds_part(&g, &t, &out, &st), d(0));
    assert_true(out.floored);
    assert_dec_eq(out.points, d(10));
    t = tally(0, -3, 3, 0);
    t.own = d(10);
    assert_dec_eq(bounds_part(&g, &t, &out, &st), d(7));
    assert_int_equal(st, DEC_OK);
}

/* a vertical unit's 50 points scaled to the work score's 100 */
static void test_scaled_part(void **state) {
    (void)state;
    Part c = {.kind = PART_CATEGORY, .points = &written, .pts = d(100), .sum_part = true, .scaled = true};
    PartTally t = tally(50, 77, 0, 0), out;
    t.base = half(77); /* 38.5 of 50 */
    t.own = d(100);
    t.places = 2;
    DecStatus st = DEC_OK;
    assert_dec_eq(bounds_part(&c, &t, &out, &st), d(77));
    assert_dec_eq(out.points, d(100));
    assert_int_equal(st, DEC_OK);
}

/* a category capped at its points, its items not (各项加分后本类不超过30分) */
static void test_category_cap(void **state) {
    (void)state;
    Part c = {.kind = PART_CATEGORY, .points = &written, .pts = d(30), .sum_part = true, .has_cap = true};
    c.cap_value = d(30);
    PartTally t = tally(30, 37, 0, 7), out;
    t.own = d(30);
    DecStatus st = DEC_OK;
    assert_dec_eq(bounds_part(&c, &t, &out, &st), d(30));
    assert_true(out.capped);
}

/* an item stopped at its points passes up only the additions that counted,
 * so a category's 'add cap' takes nothing more from it */
static void test_capped_item_counts_its_additions(void **state) {
    (void)state;
    Part p = item(10);
    PartTally out;
    assert_dec_eq(score_item(&p, tally(10, 10, 0, 5), &out), d(10));
    assert_dec_eq(out.added, d(5)); /* written */
    assert_dec_eq(out.counted, d(0));
    assert_dec_eq(score_item(&p, tally(10, 10, 3, 5), &out), d(10));
    assert_dec_eq(out.counted, d(3));
}

/* 'cap points' is the points of the unit's kind (kind vertical points 10) */
static void test_cap_points_by_kind(void **state) {
    (void)state;
    Expr pts = {.kind = EX_POINTS};
    Part g = {.kind = PART_GROUP, .points = &written, .pts = d(20), .holds_points = true, .cap = &pts, .has_cap = true};
    g.cap_value = d(20);
    PartTally t = tally(0, 5, 0, 5), out;
    t.own = d(10);
    DecStatus st = DEC_OK;
    assert_dec_eq(bounds_part(&g, &t, &out, &st), d(10));
    Part i = item(30);
    i.cap = &pts, i.has_cap = true, i.cap_value = d(60);
    assert_dec_eq(score_item(&i, tally(30, 30, 0, 5), &out), d(30));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_netting_against_floor_first),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_signed_item),
        cmocka_unit_test(test_group_holding_points),
        cmocka_unit_test(test_scaled_part),
        cmocka_unit_test(test_category_cap),
        cmocka_unit_test(test_capped_item_counts_its_additions),
        cmocka_unit_test(test_cap_points_by_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
