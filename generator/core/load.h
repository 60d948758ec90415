/* nb_load: YAML (and JSON) text → nb_node tree, with positions, on top of libyaml.
 *
 * Beyond libyaml it:
 *  - refuses files over a size limit, nesting beyond a depth limit, and aliases (a data file
 *    has no use for them; they are how "billion laughs" attacks expand);
 *  - accepts a UTF-8 BOM and CRLF line ends; detects GB18030/GBK text (what Windows saves
 *    by default in China) and decodes it with a warning;
 *  - reports duplicate keys, tab indentation, full-width colons and spaces typed where YAML
 *    needs ": ", and translates libyaml's errors into Chinese with 1-based positions;
 *  - resolves plain scalars by the YAML 1.2 core schema (null, bool, int, float, else
 *    string); dates such as 2025-01-20 stay strings.
 *
 * Diagnostics go to the nb_diags given; the source text (decoded to UTF-8) is handed to it
 * for quoting. Codes: NB001–NB019 (see README). */
#ifndef NB_LOAD_H
#define NB_LOAD_H
#include <stddef.h>

#include "core/diag.h"
#include "core/node.h"

#define NB_LOAD_MAX_BYTES ((size_t)4 << 20) /* 4 MiB: a report is about 20 KB */
#define NB_LOAD_MAX_DEPTH 64u

typedef struct {
  size_t max_bytes;    /* 0: NB_LOAD_MAX_BYTES */
  unsigned max_depth;  /* 0: NB_LOAD_MAX_DEPTH */
  int allow_aliases;   /* nonzero: an alias shares the anchored node (no copy, no expansion) */
} nb_load_opts;

/* Parses TEXT (LEN bytes, any encoding detected as above) into a tree allocated in ARENA.
 * Returns the root (NB_NULL node for an empty document), or NULL when the text could not be
 * loaded; in both cases every problem found is in DIAGS. OPTS may be NULL. */
nb_node *nb_load_text(const char *text, size_t len, nb_arena *arena, nb_diags *diags,
                      const nb_load_opts *opts);

/* Reads PATH ("-" is standard input) and parses it as nb_load_text. I/O problems (missing,
 * a directory, unreadable, too large) are reported in DIAGS with code NB001/NB002 and NULL
 * is returned; *IO_ERROR is set nonzero for them when IO_ERROR is not NULL. */
nb_node *nb_load_file(const char *path, nb_arena *arena, nb_diags *diags,
                      const nb_load_opts *opts, int *io_error);

#endif
