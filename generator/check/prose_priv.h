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
} nb_prose_run;

/* One prose field: its text node and key path ("overview.on_request"). */
typedef struct {
  const nb_node *text;
  const char *path;
} nb_prose_field;

/* A warning at byte OFF of FIELD's text. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
nb_diag *nb_prose_warn(nb_prose_run *r, const char *code, const nb_prose_field *f, size_t off,
                       const char *fmt, ...);

/* Whether the sentence mentions a year other than the report's ("2023年") or compares with
 * another year (同比, 较上年…): its figures are not this year's table. */
int nb_prose_other_year(const nb_prose_run *r, const nb_sentence *st);

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
