/* nb_yamlout: writing YAML data files by hand — scalars quoted only when needed, prose as
 * literal blocks, comments, and a small emitter for trees built by the program (init and
 * import), with comments attached to key paths.
 *
 * The emitter writes the layout of the data model: mappings in block style, two spaces per
 * level; a sequence of scalars as one flow sequence ("[0, 0, 0, 0, 0, 0]"); a sequence of
 * mappings of scalars as block items of flow mappings ("- {category: 乡镇动态, count: 13}");
 * multi-line strings as literal blocks ("|"); the empty string as "". A NB_NULL value is
 * written as nothing after the colon, i.e. a value still to be filled in.
 *
 * Ownership: every function appends to a caller-owned nb_buf; nothing is retained. */
#ifndef NB_YAMLOUT_H
#define NB_YAMLOUT_H
#include <stddef.h>

#include "core/buf.h"
#include "core/node.h"

/* Whether S (LEN bytes) may be written as a plain scalar and read back as the same string
 * (not as null, a boolean or a number, and with no character YAML would take as syntax). */
int nb_yaml_plain_ok(const char *s, size_t len);
/* Appends S as a double-quoted scalar, escaping what needs it. */
void nb_yaml_quoted(nb_buf *out, const char *s, size_t len);
/* Appends S plain when nb_yaml_plain_ok, else double-quoted. */
void nb_yaml_scalar(nb_buf *out, const char *s, size_t len);
/* Whether S can be written as a literal block (no control characters, no Unicode line
 * separators, valid for every line). */
int nb_yaml_literal_ok(const char *s, size_t len);
/* Appends the literal block header ("|", "|-", "|+", with an indentation indicator when the
 * first line starts with a space), a newline, and every line of S indented by INDENT spaces
 * (empty lines stay empty). The header is relative to PARENT_INDENT, the indentation of the
 * key the block belongs to. */
void nb_yaml_literal(nb_buf *out, const char *s, size_t len, unsigned parent_indent,
                     unsigned indent);
/* Appends every line of TEXT as a comment at INDENT spaces: "# line" ("#" for an empty
 * line). */
void nb_yaml_comment(nb_buf *out, unsigned indent, const char *text);

/* Comments for nb_yaml_emit. Both callbacks may be NULL, and may return NULL. PATH is the
 * dotted key path of the value ("applications.results.denied", "overview.published_items"). */
typedef struct {
  const char *(*above)(void *ctx, const char *path);  /* comment lines above the key */
  const char *(*after)(void *ctx, const char *path);  /* one comment after the value */
  void *ctx;
} nb_yaml_comments;

/* Appends the mapping ROOT as a block mapping at indentation 0 (see the layout above). */
void nb_yaml_emit(nb_buf *out, const nb_node *root, const nb_yaml_comments *cm);

#endif
