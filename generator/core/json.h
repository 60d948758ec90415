/* nb_json: a strict JSON (RFC 8259) reader producing nb_node trees with positions.
 *
 * The schema is JSON; reading it with this small parser instead of the YAML loader makes
 * every nianbao process start several times faster. Numbers keep their text (node->str);
 * integers that fit in int64 are NB_INT, other numbers NB_REAL. Duplicate keys are refused.
 * Errors (Chinese, with line:column) go to DIAGS with code NB100. */
#ifndef NB_JSON_H
#define NB_JSON_H
#include <stddef.h>

#include "core/diag.h"
#include "core/node.h"

/* Parses LEN bytes of TEXT into ARENA; NULL on error. Nesting deeper than 256 is an error. */
nb_node *nb_json_parse(const char *text, size_t len, nb_arena *arena, nb_diags *diags);

#endif
