/* office_lib.h - the libraries of Office files, loaded with dlopen when a
 * workbook is first written or read rather than linked: libxlsxwriter
 * writes workbooks, libzip and expat read them. Linked, they and what they
 * bring (libcrypto, zlib, bzip2, minizip) are mapped by every run, the
 * great part of starting `kaoping check` and of the memory of an eval of
 * JSON, which never touch them.
 *
 * Each table holds the functions kaoping calls, each of the type the
 * library's header declares (__typeof__), so a call through the table is
 * checked as a direct call would be; the headers come from the -dev
 * packages, only the shared libraries are needed at run time. A table is
 * loaded once, by the first thread that asks, and shared; it stays loaded
 * until the process ends. */
#ifndef KP_OFFICE_LIB_H
#define KP_OFFICE_LIB_H

#include <expat.h>
#include <xlsxwriter.h>
#include <zip.h>

/* libxlsxwriter: the reports (render_xlsx.c) and templates (template_xlsx.c) */
#define OFFICE_LIB_WRITER(X)                                                                                           \
    X(workbook_new)                                                                                                    \
    X(workbook_new_opt)                                                                                                \
    X(workbook_add_worksheet)                                                                                          \
    X(workbook_add_format)                                                                                             \
    X(workbook_validate_sheet_name)                                                                                    \
    X(workbook_close)                                                                                                  \
    X(lxw_strerror)                                                                                                    \
    X(format_set_bg_color)                                                                                             \
    X(format_set_bold)                                                                                                 \
    X(format_set_border)                                                                                               \
    X(format_set_border_color)                                                                                         \
    X(format_set_bottom)                                                                                               \
    X(format_set_font_color)                                                                                           \
    X(format_set_num_format)                                                                                           \
    X(format_set_text_wrap)                                                                                            \
    X(format_set_unlocked)                                                                                             \
    X(worksheet_autofilter)                                                                                            \
    X(worksheet_data_validation_cell)                                                                                  \
    X(worksheet_data_validation_range)                                                                                 \
    X(worksheet_freeze_panes)                                                                                          \
    X(worksheet_protect)                                                                                               \
    X(worksheet_set_column)                                                                                            \
    X(worksheet_write_blank)                                                                                           \
    X(worksheet_write_comment)                                                                                         \
    X(worksheet_write_datetime)                                                                                        \
    X(worksheet_write_number)                                                                                          \
    X(worksheet_write_string)

/* libzip: the archive of an Office file (xlsx_read.c) */
#define OFFICE_LIB_ZIP(X)                                                                                              \
    X(zip_open)                                                                                                        \
    X(zip_discard)                                                                                                     \
    X(zip_name_locate)                                                                                                 \
    X(zip_fopen)                                                                                                       \
    X(zip_fread)                                                                                                       \
    X(zip_fclose)                                                                                                      \
    X(zip_file_strerror)                                                                                               \
    X(zip_error_init_with_code)                                                                                        \
    X(zip_error_code_system)                                                                                           \
    X(zip_error_strerror)                                                                                              \
    X(zip_error_fini)

/* expat: its XML parts, streamed (xlsx_read.c) */
#define OFFICE_LIB_XML(X)                                                                                              \
    X(XML_ParserCreateNS)                                                                                              \
    X(XML_ParserFree)                                                                                                  \
    X(XML_SetUserData)                                                                                                 \
    X(XML_SetElementHandler)                                                                                           \
    X(XML_SetCharacterDataHandler)                                                                                     \
    X(XML_SetStartDoctypeDeclHandler)                                                                                  \
    X(XML_Parse)                                                                                                       \
    X(XML_StopParser)                                                                                                  \
    X(XML_GetErrorCode)                                                                                                \
    X(XML_ErrorString)                                                                                                 \
    X(XML_GetCurrentLineNumber)                                                                                        \
    X(XML_GetCurrentColumnNumber)

#define OFFICE_LIB_MEMBER(f) __typeof__(&f) f;

/* libxlsxwriter's functions: w->workbook_new(path) */
typedef struct OfficeWriter {
    OFFICE_LIB_WRITER(OFFICE_LIB_MEMBER)
} OfficeWriter;

/* libzip's and expat's functions: r->zip_open(...), r->XML_Parse(...) */
typedef struct OfficeReader {
    OFFICE_LIB_ZIP(OFFICE_LIB_MEMBER)
    OFFICE_LIB_XML(OFFICE_LIB_MEMBER)
} OfficeReader;

/* libxlsxwriter, loaded at the first call. NULL when it cannot be (not
 * installed, or lacking a function): *error then says which library and
 * why, on one line ("libxlsxwriter cannot be loaded (libxlsxwriter.so.4:
 * cannot open shared object file: ...)"), in the language of that first
 * call; it stays valid until the process ends. */
const OfficeWriter *office_lib_writer(const char **error);
/* libzip and expat, as office_lib_writer. */
const OfficeReader *office_lib_reader(const char **error);

#endif
