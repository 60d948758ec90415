/* nb_tree: the data files named on a command line, folders expanded.
 *
 * A county keeps its bodies' reports in a folder tree (年度/单位/…). Commands that take files
 * also take folders: a folder is walked recursively, its entries in byte order of their
 * names, and every file named *.yaml or *.yml whose text has a top-level "format:" key is a
 * report. Other files, other YAML (.pre-commit-config.yaml, CI files) and hidden entries
 * (.git) are skipped silently. What cannot be looked at is kept as an entry with a problem:
 * a *.yaml that cannot be read (no permission, a dangling link, a FIFO or device, too
 * large), a folder that cannot be opened, and a link back to a folder being walked (a loop:
 * skipped, a warning). A folder reached twice by links is walked once. Arguments that are
 * not folders (files, "-") are kept as given, in order, whatever their name: the check
 * reports a missing file. A folder argument holding no report at all is an entry with a
 * problem (the user meant something by it).
 *
 * Ownership: the list is the caller's, freed by nb_tree_free; the paths are copied into the
 * caller's arena given to nb_tree_expand (side by side, no allocation each) and live as long
 * as it does. */
#ifndef NB_TREE_H
#define NB_TREE_H
#include <stddef.h>

#include "core/node.h"

typedef struct {
  const char *path;    /* as given, or folder + "/" + name */
  const char *problem; /* NULL, or why the entry is not read (Chinese, static text) */
  int warning;         /* the problem is a warning (a skipped loop), not an error */
  int found;           /* found in a folder (not named on the command line) */
} nb_tree_entry;

typedef struct {
  nb_tree_entry *items;
  size_t n, cap;
  nb_arena *paths; /* the caller's, where the paths go */
} nb_tree;

#define NB_TREE_INIT {NULL, 0, 0, NULL}

/* Appends the entries of ARGS[0..N-1] to T, their paths copied into PATHS. */
void nb_tree_expand(nb_tree *t, nb_arena *paths, char *const *args, size_t n);
void nb_tree_free(nb_tree *t);

/* Whether TEXT (LEN bytes) looks like a data file: a line starting "format:" (after an
 * optional UTF-8 BOM). */
int nb_tree_is_report(const char *text, size_t len);

#endif
