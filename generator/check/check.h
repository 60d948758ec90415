/* nb_check: the whole check of one data file — load (nb_load) → schema (nb_schema) → rules
 * (nb_rules). lint prints what it finds; render runs it first and writes nothing on errors.
 *
 * Ownership: nb_check_file fills an nb_checked whose arena owns the loaded tree; release it
 * with nb_checked_free. The schema is loaded once per process with nb_schema_load_builtin
 * (or from a file) and shared read-only by every check. */
#ifndef NB_CHECK_H
#define NB_CHECK_H
#include "core/diag.h"
#include "core/node.h"
#include "check/schema.h"

typedef struct {
  nb_arena *arena;  /* owns root */
  nb_node *root;    /* the data as loaded; NULL when the file could not be loaded */
  int conforms;     /* nonzero when ROOT passed the schema check (rules may still fail) */
  struct nb_config *config; /* the .nianbao.yaml governing the file (check/config.h), or NULL;
                               owned, freed by nb_checked_free */
} nb_checked;

typedef enum { NB_CHECK_OK = 0, NB_CHECK_INVALID = 1, NB_CHECK_IO = 2 } nb_check_result;

/* Checks PATH ("-" for standard input). Every diagnostic goes to DIAGS (created by the
 * caller with the file's name). OUT may be NULL when the tree is not wanted. Returns
 * NB_CHECK_OK when there is no error (warnings allowed), NB_CHECK_INVALID when the file has
 * errors, NB_CHECK_IO when it could not be read at all. */
nb_check_result nb_check_file(const char *path, const nb_schema *schema, nb_diags *diags,
                              nb_checked *out);
/* The same on text already in memory (NAME only labels diagnostics). */
nb_check_result nb_check_text(const char *text, size_t len, const nb_schema *schema,
                              nb_diags *diags, nb_checked *out);
void nb_checked_free(nb_checked *c); /* NULL or a zeroed struct is fine */

#endif
