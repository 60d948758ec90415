/* nb_schema: a JSON Schema (draft-07 subset) interpreter over nb_node trees.
 *
 * The schema of the data file, schemas/report-2021.schema.json, is data: this module loads it
 * (with nb_json; the built-in one from the image the build compiles, see check/schema_image.h)
 * and checks a document against it. Supported draft-07 keywords: type,
 * properties, patternProperties, required, additionalProperties, items (schema or tuple),
 * additionalItems, minItems, maxItems, enum, const, minimum, maximum, multipleOf,
 * minLength, maxLength, pattern (ECMA-262 patterns run as POSIX ERE, with \d \w \s),
 * $ref (JSON pointers within the file: "#", "#/definitions/…", "#/properties/…"),
 * definitions, allOf, not, boolean schemas; title and description; others are ignored. Two
 * annotations of this project: x-nianbao-computed (the value is a computed total, the
 * message says where it appears) and x-nianbao-decimals (most decimal places of a number, as
 * written). Diagnostics: codes NB101–NB119, each naming the official labels (titles) from
 * the root to the offending node, and the key path.
 *
 * Ownership: nb_schema owns its tree and compiled patterns; nb_schema_free(NULL) is a no-op.
 * A loaded schema is read-only and may be shared. */
#ifndef NB_SCHEMA_H
#define NB_SCHEMA_H
#include <stdint.h>

#include "core/diag.h"
#include "core/node.h"

typedef struct nb_schema nb_schema;

/* The schema compiled into the binary (schemas/report-2021.schema.json, turned into plain
 * data at build time: no JSON is read). Errors go to DIAGS and NULL is returned. */
nb_schema *nb_schema_load_builtin(nb_diags *diags);
/* A schema from JSON (or YAML) text in memory. */
nb_schema *nb_schema_load_text(const char *text, size_t len, nb_diags *diags);
/* A schema from a file. */
nb_schema *nb_schema_load_file(const char *path, nb_diags *diags);
void nb_schema_free(nb_schema *s);
/* The schema's JSON tree (for tools that read titles and descriptions, e.g. init): the tree
 * loaded, or for the built-in schema a tree made on the first call, kept with the schema. */
const nb_node *nb_schema_root(const nb_schema *s);
/* Resolves a {"$ref": ...} node of that tree to its target; other nodes are returned as they
 * are; NULL when the reference leads nowhere. */
const nb_node *nb_schema_resolve(const nb_schema *s, const nb_node *sub);

/* Walking the schema's properties beside a document without its JSON tree (the rules do,
 * on every run). A schema node is named by a handle; NB_SCHEMA_NONE names none. */
typedef uint32_t nb_schema_node;
#define NB_SCHEMA_NONE UINT32_MAX
nb_schema_node nb_schema_top(const nb_schema *s);
/* The number of properties of SCH (after its $ref), and the key and schema of the I-th. */
size_t nb_schema_props(const nb_schema *s, nb_schema_node sch);
const char *nb_schema_prop_key(const nb_schema *s, nb_schema_node sch, size_t i);
nb_schema_node nb_schema_prop(const nb_schema *s, nb_schema_node sch, size_t i);
/* Whether SCH (after its $ref) lists KEY as required. */
int nb_schema_requires(const nb_schema *s, nb_schema_node sch, const char *key);
/* The text of SCH's own $ref, title or description (not its target's), or NULL. */
const char *nb_schema_ref_text(const nb_schema *s, nb_schema_node sch);
const char *nb_schema_title(const nb_schema *s, nb_schema_node sch);
const char *nb_schema_description(const nb_schema *s, nb_schema_node sch);

/* The report format the schema describes: the "const" of its "format" property (2021 for
 * the built-in schema), or 0 when the schema is not a report format (any other JSON Schema
 * given with lint --schema): then only the schema is checked, not the report's rules. */
int nb_schema_format(const nb_schema *s);

/* Checks DOC (any JSON value: a mapping, a list, a scalar, null) against the schema;
 * returns the number of errors added to DIAGS. */
size_t nb_schema_check(const nb_schema *s, const nb_node *doc, nb_diags *diags);

/* The data nodes the check reported errors at, with every ancestor of each, sorted: a rule
 * reading a node asks nb_schema_faulty and leaves it alone when it is, so that the rules
 * run on every part of a file that conforms, whatever is wrong elsewhere.
 * Ownership: the caller's struct (zero it first); the array is freed by
 * nb_schema_faults_free. The nodes belong to the document's arena. */
typedef struct {
  const nb_node **nodes;
  size_t n, cap;
} nb_schema_faults;

/* nb_schema_check that also collects FAULTS (NULL: not collected). */
size_t nb_schema_check_faults(const nb_schema *s, const nb_node *doc, nb_diags *diags,
                              nb_schema_faults *faults);
/* Whether N (non-NULL) or something inside it failed the check. F may be NULL (no faults). */
int nb_schema_faulty(const nb_schema_faults *f, const nb_node *n);
void nb_schema_faults_free(nb_schema_faults *f); /* NULL is a no-op */

/* The official label path of a key path such as "applications.results.denied.state_secret[0]",
 * e.g. "三、收到和处理政府信息公开申请情况 › 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 ›
 * 自然人", allocated in ARENA; NULL when the path is not in the schema. */
const char *nb_schema_labels(const nb_schema *s, const char *keypath, nb_arena *arena);

#endif
