/* nb_repeat: the report against last year's as evaluators measure it (lint --previous).
 *
 *   NB308 警告  more than half of the report's prose (by characters, after dropping the stock
 *              sentences every report has: 本报告…, 统计期限…, 电子版…, 联系电话…) repeats last
 *              year's, sentence by sentence (the same, or character-bigram Dice ≥ 0.88);
 *              the message gives the share and the three longest repeated passages.
 *              宿迁's indicator (重复率 > 50 % −0.5 分) is the threshold.
 *   NB309 警告  last year's report stated problems, and this year's part 五 says nothing of
 *              their 整改 (no 整改, no word of last year, no phrase of last year's problems).
 *
 * Per-field copies stay NB304/NB305 (nb_crossyear). Both trees should have passed the schema
 * check; anything missing is skipped. Ownership: nothing is retained. */
#ifndef NB_REPEAT_H
#define NB_REPEAT_H
#include <stddef.h>

#include "core/diag.h"
#include "core/node.h"

/* Default share above which NB308 warns, in percent. */
#define NB_REPEAT_LIMIT 50

/* Checks CUR against PREV (named PREV_NAME in messages); LIMIT_PERCENT is the NB308
 * threshold (0: NB_REPEAT_LIMIT). */
void nb_repeat_check(const nb_node *prev, const char *prev_name, const nb_node *cur,
                     int limit_percent, nb_diags *diags);

/* The share (0–100) of CUR's prose characters repeated from PREV, stock sentences dropped. */
double nb_repeat_share(const nb_node *prev, const nb_node *cur);

#endif
