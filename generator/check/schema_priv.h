/* The compiled form of a schema, shared by check/schema.c (which compiles JSON text into it
 * and checks documents against it), check/schema_image.c (which builds, writes and reads the
 * image the check walks) and check/schema_builtin.c. Not for other modules.
 *
 * A schema is checked through its image (check/schema_image.h): every node of its JSON tree
 * numbered, with the keywords of every schema object (not data such as an enum's values)
 * and every pattern compiled once. The built-in schema's image is constant data compiled
 * into the program; a schema read from JSON gets its image built when it is loaded. */
#ifndef NB_SCHEMA_PRIV_H
#define NB_SCHEMA_PRIV_H
#include <stdatomic.h>
#include <stddef.h>

#include "check/pattern.h"
#include "check/schema.h"
#include "check/schema_image.h"

/* Every keyword compiled, in a fixed order: the index of a keyword's field in
 * nb_schema_keywords and in an image's keywords. */
typedef enum {
  NB_KW_REF, NB_KW_TITLE, NB_KW_DESCRIPTION, NB_KW_TYPE, NB_KW_COMPUTED, NB_KW_NOT,
  NB_KW_ALL_OF, NB_KW_CONST, NB_KW_ENUM, NB_KW_MINIMUM, NB_KW_MAXIMUM, NB_KW_DECIMALS,
  NB_KW_MULTIPLE, NB_KW_MIN_LENGTH, NB_KW_MAX_LENGTH, NB_KW_PATTERN, NB_KW_PROPERTIES,
  NB_KW_PATTERN_PROPS, NB_KW_ADDL, NB_KW_REQUIRED, NB_KW_MIN_ITEMS, NB_KW_MAX_ITEMS,
  NB_KW_ITEMS, NB_KW_ADDL_ITEMS, NB_KW_DEFINITIONS
} nb_schema_kw;

/* The keywords of one schema object of a JSON tree, looked up once when the schema is
 * loaded (hung on the object's node as its aux) and turned into the image's keywords. */
typedef struct {
  const nb_node *field[NB_SCHEMA_KEYWORDS]; /* the value of each keyword, NULL when absent */
  const nb_node *ref_target; /* what $ref points at, resolved at load */
  size_t re;    /* 1 + index of the compiled pattern in nb_schema.patterns; 0: none */
  size_t pp_re; /* 1 + index of the first of patternProperties' patterns, in key order */
} nb_schema_keywords;

/* A JSON tree made from an image for nb_schema_root, in its own arena. */
typedef struct {
  nb_arena *arena;
  nb_node *root;
} nb_schema_tree;

struct nb_schema {
  const nb_schema_image *img; /* what the check walks: constant data, or own_image */
  nb_schema_image own_image;  /* a schema loaded from JSON: its image, in arena */
  nb_arena *arena;            /* a schema loaded from JSON: its tree and image; else NULL */
  const nb_node *json;        /* the JSON tree loaded, or NULL */
  _Atomic(nb_schema_tree *) made; /* the tree made from a constant image, once asked for */
  nb_pattern *patterns;
  size_t n_patterns, cap_patterns;
};

/* What a keyword's value is: plain data, one schema, a mapping of names to schemas, a list
 * of schemas, or one schema or a list of them (items). Only schema positions are compiled,
 * so data that looks like a schema ({"$ref": …} inside an enum) stays data. */
typedef enum {
  NB_SCHEMA_DATA, NB_SCHEMA_ONE, NB_SCHEMA_MAP, NB_SCHEMA_LIST, NB_SCHEMA_ONE_OR_LIST
} nb_schema_val;

typedef struct {
  const char *name;
  nb_schema_val val;
} nb_schema_keyword;

/* The keywords, indexed by nb_schema_kw. */
extern const nb_schema_keyword nb_schema_keyword_table[NB_SCHEMA_KEYWORDS];

/* Compiles PATTERN (LEN bytes, an ECMA-262 regex as JSON Schema writes it) into S's next
 * pattern. Returns its index + 1, or 0 after an NB100 diagnostic at AT (may be NULL). */
size_t nb_schema_add_pattern(nb_schema *s, const char *pattern, size_t len, const nb_node *at,
                             nb_diags *diags);

#endif
