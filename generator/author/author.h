/* nb_author: starting a data file — init (an empty report for one organ and year, built from
 * the schema's titles and descriptions) and next (the following year's file made from last
 * year's, by rewriting its text so that comments, key order and layout stay as they were) —
 * and nb_author_write, through which init, next and import write the data file they made:
 * never over their input, and over an existing file only when asked to. (Rendered reports
 * are written by cli/write.c's nb_cli_output; import itself is author/import.h.)
 *
 * Ownership: the caller owns every buffer, tree and diags passed in; results are appended to
 * OUT. nb_author_default_name returns a string the caller frees. */
#ifndef NB_AUTHOR_H
#define NB_AUTHOR_H
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "check/schema.h"

/* A data file for ORGAN (its full name), LEVEL (one of the schema's levels) and YEAR: every
 * field present, every figure 0, every prose field "" with a comment above it saying what
 * the format expects there, optional identity fields commented out. Linting it reports only
 * the prose still to be written. Returns 0, or -1 with a diagnostic in DIAGS when an argument
 * is not acceptable (unknown level, year out of range, name too short). */
int nb_author_init(const nb_schema *schema, const char *organ, const char *level, int year,
                   nb_buf *out, nb_diags *diags);

/* The next year's data file made from TEXT, last year's data file (LEN bytes): year + 1;
 * applications.carried_over = last year's carry_forward; disclosure.*.in_force kept; every
 * other figure 0; published_items categories kept with counts 0; each prose field emptied
 * with last year's text kept above it as comments marked "上一年度内容，仅供参考："; date
 * removed; everything else — comments, key order, identity, contact — as it was.
 * TEXT must pass the whole check (schema and rules: an unbalanced table would carry a
 * suspect 结转 figure into the next year); its problems go to DIAGS (named after last year's
 * file) and -1 is returned. On success returns 0 and *NEXT_YEAR (if not NULL) gets the new year. */
int nb_author_next(const char *text, size_t len, const nb_schema *schema, nb_buf *out,
                   nb_diags *diags, int *next_year);

/* "<year>-<organ>.yaml": the conventional name of a data file. Caller frees. */
char *nb_author_default_name(int year, const char *organ);

typedef enum {
  NB_WRITE_OK,      /* written (atomically) */
  NB_WRITE_EXISTS,  /* PATH exists and FORCE was not given: nothing written */
  NB_WRITE_IS_INPUT, /* PATH is the input file itself: never overwritten, even with FORCE */
  NB_WRITE_FAILED   /* errno says why; any earlier file at PATH is untouched */
} nb_write_result;

/* Writes DATA to PATH ("-": standard output) atomically, refusing to replace an existing
 * file unless FORCE. */
/* When TEXT starts with the yaml-language-server modeline, points it at the schema file
 * SCHEMA_PATH instead (the generated files name ../schemas/report-2021.schema.json, right
 * for a data file kept in this repository's layout; an installed program knows where its
 * own copy is). */
void nb_author_set_schema(nb_buf *text, const char *schema_path);
/* The schema reference of TEXT's modeline (a new string), or NULL when TEXT has none. */
char *nb_author_schema_of(const nb_buf *text);

nb_write_result nb_author_write(const char *path, const char *data, size_t len, int force,
                                const char *input);

#endif
