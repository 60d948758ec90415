/* nb_prose: the prose read against the tables and against itself, as county reviewers and
 * evaluators read a report. Every finding is a warning (a clerk checks it; the prose may
 * be right and the rule wrong), pointing at the sentence inside the text:
 *
 *   NB220 警告  a count stated in the prose (新收/受理 N 件, 上年结转, 办结, 结转下年度, 予以公开,
 *              部分公开, 不予公开, 行政复议, 行政诉讼, 制发/废止/现行有效规范性文件或规章, 行政许可/
 *              处罚/强制 N 件; digits or Chinese numerals) differs from the table
 *   NB221 警告  "N件，占P%" does not match N over the applications handled, received or both
 *   NB222 警告  "均已办结 / 全部办结" while 四、结转下年度继续办理 is not 0
 *   NB223 警告  "未发生行政复议 / 行政诉讼" while table 四 counts some
 *   NB224 警告  the statistics period ends before it starts, or ends in another year
 *   NB225 警告  "N个部分 / N部分内容" with N other than 6
 *   NB226 警告  a field holds the report's own part headings (一、总体情况 … 二、主动公开…)
 *   NB227 警告  another township or street office is named (copied from a neighbour), by its
 *              full name (XX乡人民政府, XX街道办事处) or by a name of the same level seen in
 *              the same lint run; never the body's superiors (县委、县政府)
 *
 * Matching is deliberately narrow: a count is taken only when the keyword is followed by a
 * few known filler words and then the number, and sentences that compare with another year
 * are skipped. A missed contradiction costs less than a wrong warning.
 *
 * Ownership: nothing is retained; diagnostics go to DIAGS, whose kept source text
 * (nb_diags_source) is used to find positions. */
#ifndef NB_PROSE_H
#define NB_PROSE_H
#include <stddef.h>

#include "core/diag.h"
#include "core/node.h"
#include "check/schema.h"

/* A body seen in the same run (lint of many files), for NB227. */
typedef struct {
  const char *name;  /* organ.name */
  const char *level; /* organ.level */
} nb_prose_peer;

typedef struct {
  const nb_prose_peer *peers; /* may be NULL */
  size_t npeers;
} nb_prose_opts;

/* Checks DOC (a document that passed the schema check; anything missing is skipped).
 * S gives the labels of the items named in messages. Part of every check (nb_check). */
void nb_prose_check(const nb_schema *s, const nb_node *doc, nb_diags *diags);

/* NB227 by the names of OPTS->peers (the other files of a lint run): run after
 * nb_prose_check on the same DIAGS; an occurrence already reported is not reported again. */
void nb_prose_check_peers(const nb_schema *s, const nb_node *doc, const nb_prose_opts *opts,
                          nb_diags *diags);

/* The short name of an organ ("军屯乡人民政府" → "军屯乡", "东城街道办事处" → "东城街道"),
 * written to OUT (at most CAP bytes, NUL-terminated); returns its length (0: none). */
size_t nb_prose_short_name(const char *name, char *out, size_t cap);

#endif
