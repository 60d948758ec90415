/* nb_score: a 0–100 quality score of one report, as provincial 考核 and evaluators weigh
 * reports (宿迁 A1-4: on time, not repeated, data consistent; CASS: specific problems, findable
 * electronic version). Each criterion has a weight; each finding (by rule code) deducts from
 * its criterion, never more than the weight. Ignored findings (# nianbao: 忽略) deduct nothing.
 *
 *   按时发布        15  NB205 NB206 NB207
 *   符合格式        20  loading and schema errors (NB0xx, NB1xx) 20; NB202 5 each; NB215 NB226 5
 *   数据一致        20  NB201 NB302 10 each; NB203 NB204 NB212 NB303 NB306 5 each
 *   文字与数据一致  15  NB208 NB209 NB210 NB220–NB225 NB227 5 each
 *   重复率          10  NB308 10; NB304 NB305 3 each
 *   第五部分具体    10  NB228 NB229 5; NB230 NB309 3; NB211 2
 *   网址和联系方式  10  publication.url missing 5; contact.phone missing 5
 *
 * A file that could not be loaded at all scores 0.
 * Pure: nothing is kept. */
#ifndef NB_SCORE_H
#define NB_SCORE_H
#include <stddef.h>

#include "core/diag.h"
#include "core/node.h"

#define NB_SCORE_MAX_ITEMS 24

typedef struct {
  char code[8];          /* the rule, or "" for a missing field */
  const char *missing;   /* the missing field ("publication.url"), or NULL */
  const char *criterion; /* Chinese name of the criterion */
  int points;            /* deducted (after the criterion's cap) */
} nb_score_item;

typedef struct {
  int total; /* 0–100 */
  nb_score_item items[NB_SCORE_MAX_ITEMS];
  size_t n;
} nb_score;

/* Scores DOC (may be NULL: a file that could not be loaded) from its findings in DIAGS. */
void nb_score_compute(const nb_node *doc, nb_diags *diags, nb_score *out);

/* "85/100（按时发布 −15 NB207；…）" appended to OUT. */
void nb_score_text(const nb_score *s, nb_buf *out);
/* The members "score":85,"deductions":[{"code","missing","criterion","points"}…] (no braces:
 * the caller's object holds them) appended to OUT. */
void nb_score_json(const nb_score *s, nb_buf *out);

#endif
