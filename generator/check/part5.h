/* nb_part5: part 五 (存在的主要问题及改进情况) says something. Evaluators (固镇 2024 "逐条提出
 * 改进措施", CASS "泛泛而谈") mark down problems that are "无", stock phrases that fit any body
 * in any year, and improvements that do not answer the problems one by one.
 *
 *   NB228 警告  problems or improvements empty-ish: "无", "暂无", or under 30 characters
 *   NB229 警告  two or more problems (items) made of stock phrases only ("思想认识有待提高",
 *              "公开内容有待丰富", "队伍专业性建设有待加强"…) with no figure, name or title
 *   NB230 警告  the problems are numbered (一是/二是, （一）, 1./1、) and the improvements have
 *              fewer numbered items (or none): not answered item by item
 *
 * An item is "specific" when it holds a figure (other than a year), a title (《》), a quoted
 * name (“”) or an enumeration of named things (、). The stock phrases are built in; more can
 * be given (the config file's stock_phrases).
 *
 * Ownership: nothing is retained. */
#ifndef NB_PART5_H
#define NB_PART5_H
#include <stddef.h>

#include "core/diag.h"
#include "core/node.h"
#include "check/schema.h"

/* Checks DOC's problems part. EXTRA (N_EXTRA strings, may be NULL) adds stock phrases. */
void nb_part5_check(const nb_schema *s, const nb_node *doc, const char *const *extra,
                    size_t n_extra, nb_diags *diags);

/* The number of items numbered in TEXT: the longest run 1, 2, 3… of one numbering style
 * (一是/二是…, （一）（二）…, 1./2.…, 1、2、…). */
size_t nb_part5_items(const char *text, size_t len);

#endif
