/* The compiled form of a schema, shared by check/schema.c (which compiles JSON text into it
 * and checks documents against it) and check/schema_image.c (which writes it as C data at
 * build time and reads it back at run time). Not for other modules.
 *
 * A schema is its JSON tree of nb_node; every schema object (not data such as an enum's
 * values) carries a keywords struct in its aux field, and every pattern is compiled once. */
#ifndef NB_SCHEMA_PRIV_H
#define NB_SCHEMA_PRIV_H
#include <regex.h>
#include <stddef.h>

#include "check/schema.h"

/* The keywords of one schema object, looked up once when the schema is loaded. */
typedef struct {
  const nb_node *ref;
  const nb_node *ref_target; /* what $ref points at, resolved at load */
  const nb_node *title;
  const nb_node *description;
  const nb_node *type;
  const nb_node *computed;
  const nb_node *not;
  const nb_node *all_of;
  const nb_node *const_;
  const nb_node *enum_;
  const nb_node *minimum;
  const nb_node *maximum;
  const nb_node *decimals;
  const nb_node *multiple;
  const nb_node *min_length;
  const nb_node *max_length;
  const nb_node *pattern;
  const nb_node *properties;
  const nb_node *pattern_props;
  const nb_node *addl;
  const nb_node *required;
  const nb_node *min_items;
  const nb_node *max_items;
  const nb_node *items;
  const nb_node *addl_items;
  size_t re;    /* 1 + index of the compiled pattern in nb_schema.patterns; 0: none */
  size_t pp_re; /* 1 + index of the first of patternProperties' patterns, in key order */
} nb_schema_keywords;

struct nb_schema {
  nb_arena *arena;
  nb_node *root;
  regex_t *patterns;
  size_t n_patterns, cap_patterns;
};

/* What a keyword's value is: plain data, one schema, a mapping of names to schemas, a list
 * of schemas, or one schema or a list of them (items). Only schema positions are compiled,
 * so data that looks like a schema ({"$ref": …} inside an enum) stays data. */
typedef enum {
  NB_SCHEMA_DATA, NB_SCHEMA_ONE, NB_SCHEMA_MAP, NB_SCHEMA_LIST, NB_SCHEMA_ONE_OR_LIST
} nb_schema_val;

#define NB_SCHEMA_NO_FIELD ((size_t)-1) /* a keyword compiled but not kept (definitions) */

typedef struct {
  const char *name;
  size_t offset; /* of its field in nb_schema_keywords, or NB_SCHEMA_NO_FIELD */
  nb_schema_val val;
} nb_schema_keyword;

/* Every keyword compiled, in a fixed order (the order of a compiled image's fields). */
#define NB_SCHEMA_KEYWORDS 25
extern const nb_schema_keyword nb_schema_keyword_table[NB_SCHEMA_KEYWORDS];

/* Compiles PATTERN (an ECMA-262 regex as JSON Schema writes it) into S's next pattern.
 * Returns its index + 1, or 0 after an NB100 diagnostic. */
size_t nb_schema_add_pattern(nb_schema *s, const nb_node *pattern, nb_diags *diags);

#endif
