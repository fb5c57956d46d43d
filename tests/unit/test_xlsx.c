/* test_xlsx.c - cmocka unit tests for the pieces of the workbook reader
 * that hold Excel's conventions: date serials (the 1900 system with its
 * 29 February 1900 that never was, and the 1904 system) and cell names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "xlsx_read.h"

static const char *day(const char *serial, bool date1904) {
    static char buf[16];
    return xlsx_serial_date(serial, date1904, buf, sizeof buf) ? buf : "-";
}

static void test_serial_1900(void **state) {
    (void)state;
    assert_string_equal(day("1", false), "1900-01-01");
    assert_string_equal(day("59", false), "1900-02-28");
    assert_string_equal(day("60", false), "-"); /* Excel's 1900-02-29 */
    assert_string_equal(day("61", false), "1900-03-01");
    assert_string_equal(day("41470", false), "2013-07-15");
    assert_string_equal(day("41527.75", false), "2013-09-10"); /* the time of day is dropped */
    assert_string_equal(day("2958465", false), "9999-12-31");
    assert_string_equal(day("2958466", false), "-");
    assert_string_equal(day("0", false), "-");
    assert_string_equal(day("-1", false), "-");
    assert_string_equal(day("1E3", false), "-");
    assert_string_equal(day("", false), "-");
}

static void test_serial_1904(void **state) {
    (void)state;
    assert_string_equal(day("0", true), "1904-01-01");
    assert_string_equal(day("40065", true), "2013-09-10");
}

static void test_cell_name(void **state) {
    (void)state;
    char buf[64];
    xlsx_cell_name("表單", 6, 1, buf, sizeof buf);
    assert_string_equal(buf, "表單!B7");
    xlsx_cell_name("My Units", 0, 26, buf, sizeof buf);
    assert_string_equal(buf, "'My Units'!AA1");
    xlsx_cell_name("s", 1048575, 16383, buf, sizeof buf);
    assert_string_equal(buf, "s!XFD1048576");
}

static const char *digits(const char *text) {
    static char buf[80];
    char *t = xlsx_number_digits(strdup(text));
    snprintf(buf, sizeof buf, "%s", t);
    free(t);
    return buf;
}

/* A double printed with 16 or 17 digits reads as the decimal Excel shows. */
static void test_number_digits(void **state) {
    (void)state;
    assert_string_equal(digits("978.9299999999999"), "978.93");
    assert_string_equal(digits("0.10000000000000001"), "0.1");
    assert_string_equal(digits("-12.340000000000002"), "-12.34");
    assert_string_equal(digits("99999999999999.999"), "100000000000000");
    assert_string_equal(digits("9999999999999999"), "10000000000000000");
    assert_string_equal(digits("0.99999999999999999"), "1");
    assert_string_equal(digits("1.2345678901234567E-5"), "1.23456789012346E-5");
    assert_string_equal(digits("123456789012345678"), "123456789012346000");
    assert_string_equal(digits("0.000012345678901234567"), "0.0000123456789012346");
    /* 15 significant digits or fewer, and what is not a number, as they are */
    assert_string_equal(digits("978.93"), "978.93");
    assert_string_equal(digits("123456789012345"), "123456789012345");
    assert_string_equal(digits("0.000000000000000001"), "0.000000000000000001");
    assert_string_equal(digits("1E+9223372036854775807"), "1E+9223372036854775807");
    assert_string_equal(digits("12a34567890123456789"), "12a34567890123456789");
    assert_string_equal(digits(""), "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_serial_1900),
        cmocka_unit_test(test_serial_1904),
        cmocka_unit_test(test_cell_name),
        cmocka_unit_test(test_number_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
