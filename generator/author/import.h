/* nb_import: the text of a published 政府信息公开工作年度报告 → a nianbao data file.
 *
 * Input is text as people really copy it: from a Word file (tab-separated table rows, rows
 * with extra empty cells, one cell per line), from a web page (pipe-separated rows, blank
 * cells, header words broken over lines) or from nianbao's own Markdown. Figures are taken by
 * row label, never by position; columns of table 三 are always read in the format's data
 * order (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, then 总计), whatever order
 * the header cells happen to be printed in. Prose is sorted into the sub-areas of parts 一,
 * 五 and 六 where its headings allow, and kept whole where they do not.
 *
 * Nothing is invented: a figure, row, table or part that was not found is written as an empty
 * value with a comment (so lint reports it), and a diagnostic says so. A blank cell is
 * reported, never read as 0. Figures breaking the 勾稽关系 are imported as printed, with a
 * warning. Diagnostics (codes NB601–NB616) carry the input's line numbers.
 *
 * Ownership: the caller owns TEXT, OUT and DIAGS; nothing is retained. */
#ifndef NB_IMPORT_H
#define NB_IMPORT_H
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

typedef enum {
  NB_IMPORT_COMPLETE = 0,   /* every figure, prose part and identity field was found */
  NB_IMPORT_INCOMPLETE = 1, /* a data file was produced; something is left for the user */
  NB_IMPORT_REFUSED = 2     /* not a report's text (binary, unknown encoding, nothing found):
                               OUT is left empty */
} nb_import_result;

/* Imports TEXT (LEN bytes; UTF-8, or GB18030/GBK which is converted with a warning). On
 * success the complete YAML data file is appended to OUT, starting with the schema modeline.
 * SOURCE_NAME (may be NULL) is mentioned in the file's opening comment. Errors in DIAGS are
 * the things left for the user; warnings are facts worth checking (totals as printed,
 * guessed level, …). */
nb_import_result nb_import_text(const char *text, size_t len, const char *source_name,
                                nb_buf *out, nb_diags *diags);

#endif
