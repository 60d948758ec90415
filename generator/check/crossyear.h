/* nb_crossyear: checks between a report and the previous year's (lint --previous).
 *
 *   NB301 错误  the year is not exactly one more than the previous report's
 *   NB302 错误  二、上年结转 ≠ last year's 四、结转下年度继续办理, in any column
 *   NB303 警告  现行有效件数 ≠ last year's + 本年制发件数 − 本年废止件数
 *   NB304 警告  a prose part is the same as last year's (a "雷同" report)
 *   NB305 警告  a prose part is nearly the same (character-bigram Dice ≥ 0.9)
 *   NB306 警告  a figure changed tenfold or more (a typo's extra or missing digit?)
 *   NB307 警告  the organ's name differs from last year's
 *
 * Both trees must have passed the schema check (nb_check); anything else is skipped, never
 * a crash. When the years do not follow each other (NB301) nothing else is compared.
 * Diagnostics carry CUR's positions and name PREV_NAME with the previous file's line.
 *
 * Ownership: nothing is retained; DIAGS (the current file's) receives the diagnostics. */
#ifndef NB_CROSSYEAR_H
#define NB_CROSSYEAR_H
#include <stddef.h>

#include "core/diag.h"
#include "core/node.h"

/* Returns the number of errors added to DIAGS. */
size_t nb_crossyear_check(const nb_node *prev, const char *prev_name, const nb_node *cur,
                          nb_diags *diags);

/* Character-bigram Dice similarity of two UTF-8 texts, whitespace ignored: 0.0–1.0.
 * Texts shorter than two characters compare as 1.0 when equal, else 0.0. */
double nb_crossyear_similarity(const char *a, size_t alen, const char *b, size_t blen);

#endif
