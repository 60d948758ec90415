/* Private to check/prose*.c: the state of one nb_prose_check run. */
#ifndef NB_PROSE_PRIV_H
#define NB_PROSE_PRIV_H
#include <stdint.h>

#include "check/prose.h"
#include "check/sentence.h"

typedef struct {
  const nb_schema *s;
  const nb_node *doc;
  const nb_prose_opts *opts;
  nb_diags *diags;
  nb_arena *arena; /* labels */
  const char *src; /* the data file as loaded, for positions */
  size_t srclen;
  int year;
  const void *figures; /* the tables' figures (prose.c) */
  int64_t forward, review, suits; /* 结转下年度, 行政复议, 行政诉讼 totals */
} nb_prose_run;

/* Words whose absence from a field lets a rule skip it (a field is searched once for each,
 * so that long texts cost a few fast scans, not a match attempt at every character). */
enum {
  NB_W_APPLICATION, NB_W_REPORT, NB_W_PART, NB_W_JAN1, NB_W_GOVERNMENT, NB_W_OFFICE,
  NB_W_REVIEW, NB_W_SUIT, NB_W_DONE, NB_W_YEAR, NB_W_DOCUMENTS, NB_W_REGULATIONS, NB_W_SHARE,
  NB_W_COMPARE, NB_W_HEADING, NB_W_COUNT
};

/* One prose field: its text node, key path ("overview.on_request") and the words it has. */
typedef struct {
  const nb_node *text;
  const char *path;
  unsigned words; /* bit NB_W_… set when the field contains that word */
} nb_prose_field;

/* The words of TEXT (bits NB_W_…). */
unsigned nb_prose_words(const char *text);

/* A warning at byte OFF of FIELD's text. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
nb_diag *nb_prose_warn(nb_prose_run *r, const char *code, const nb_prose_field *f, size_t off,
                       const char *fmt, ...);

/* Whether the sentence mentions a year other than the report's ("2023年") or compares with
 * another year (同比, 较上年…): its figures are not this year's table. */
int nb_prose_other_year(const nb_prose_run *r, const nb_prose_field *f, const nb_sentence *st);

/* Whether the sentence contains LIT. */
int nb_prose_has(const nb_sentence *st, const char *lit);

/* Length of the UTF-8 character at S (1 for a broken byte). */
size_t nb_prose_charlen(const char *s, size_t len);

/* The claims: NB222–NB227 on one field (prose_claims.c). */
void nb_prose_claims(nb_prose_run *r, const nb_prose_field *f);

/* NB227: other bodies named in the field by their full names (prose_organ.c). */
void nb_prose_organs(nb_prose_run *r, const nb_prose_field *f);
/* NB227: the bodies of R->opts named in the field, unless already reported there. */
void nb_prose_organ_peers(nb_prose_run *r, const nb_prose_field *f);

/* NB227: other bodies named in the field by their full names (prose_organ.c). */
void nb_prose_organs(nb_prose_run *r, const nb_prose_field *f);
/* NB227: the bodies of R->opts named in the field, unless already reported there. */
void nb_prose_organ_peers(nb_prose_run *r, const nb_prose_field *f);

#endif
