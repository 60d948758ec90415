/* nb_rules: the checks beyond the schema — the 勾稽关系 of table 三, empty prose, figures
 * that contradict each other or the prose, dates that do not fit the year. Codes NB201–NB299
 * (README lists them). Runs only on a document that passed the schema check, so every node
 * it reads has the shape the schema promises.
 *
 * The current date (for "the year is in the future") comes from the caller, so that results
 * are reproducible in tests. */
#ifndef NB_RULES_H
#define NB_RULES_H
#include <stddef.h>

#include "core/diag.h"
#include "core/node.h"
#include "check/schema.h"

/* The report format these rules are written for (国办公开办函〔2021〕30号). */
#define NB_RULES_FORMAT 2021

/* Checks DOC; returns the number of errors added to DIAGS (warnings are not counted).
 * Runs nothing when the schema is not of format NB_RULES_FORMAT (a foreign schema given to
 * lint --schema): then the schema check is all there is. Otherwise each rule reads only
 * nodes that exist, have the kind it needs and are not in FAULTS (NULL: none), so the rules
 * cover every part that conforms even when another part does not. TODAY_YEAR is the
 * current calendar year. */
size_t nb_rules_check(const nb_schema *s, const nb_node *doc, const nb_schema_faults *faults,
                      int today_year, nb_diags *diags);

#endif
