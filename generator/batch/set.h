/* nb_set: a batch of data files — the files and folders of one command line — checked on
 * every core, reported in order, with what identifies each report (body and year).
 *
 * lint, render, summary and site all start here: expand the arguments (nb_tree), check each
 * file on a worker thread (nb_pool), hand the diagnostics to the command in file order, and
 * find two files for the same body and year (NB803). Nothing of a file is kept after its
 * turn but its identity and counts, so memory does not grow with the trees of the files.
 *
 * Diagnostics of the set (codes in README):
 *   NB801 错误  a *.yaml in a folder that cannot be read (nb_tree's problem)
 *   NB802 警告  a folder link that loops back (skipped)
 *   NB803 错误  a second file for the same body and year, naming the first
 *
 * Ownership: an nb_set owns its items and their strings; nb_set_free(NULL) is a no-op. The
 * strings of all items (paths, names, levels, regions) are kept together in one pool of the
 * set, each level and region once, copied there on the calling thread: a report costs about
 * 160 bytes (its item, path and name), and the heaps of the threads that checked the files
 * keep nothing of them.
 * Standard input ("-") is read once, when the set is made, and kept. */
#ifndef NB_SET_H
#define NB_SET_H
#include <stddef.h>

#include "check/check.h"
#include "check/prose.h"
#include "core/diag.h"
#include "core/tree.h"

typedef struct {
  const char *path;
  const char *problem;  /* from nb_tree: not checked at all */
  const char *name;     /* organ.name, or NULL when the file has none */
  const char *level, *region; /* organ.level, organ.region, or NULL */
  unsigned errors, warnings; /* of one file: far fewer than 2^32 */
  int year;             /* 0 when unknown */
  unsigned char problem_warning; /* the problem is a warning (a skipped loop) */
  unsigned char found;  /* found in a folder: two for one body and year are an error */
  unsigned char region_wide; /* organ.scope is 区域汇总 */
  unsigned char conforms; /* passed the schema check */
  unsigned char io_failed; /* could not be read (NB001/NB002/NB801) */
} nb_set_item;

typedef struct nb_set nb_set;

/* The files of ARGS[0..N-1] (nb_tree_expand). JOBS: threads, 0 for one per core. */
nb_set *nb_set_new(char *const *args, size_t n, unsigned jobs);
void nb_set_free(nb_set *s);
size_t nb_set_count(const nb_set *s);
nb_set_item *nb_set_get(nb_set *s, size_t i);
const nb_set_item *nb_set_at(const nb_set *s, size_t i);
unsigned nb_set_jobs(const nb_set *s);

/* Runs on a worker thread after item I was checked (C->root may be NULL); may add to D and
 * read the set, never change it. Returns what the command keeps (passed to done). */
typedef void *(*nb_set_work)(void *ctx, const nb_set *s, size_t i, nb_checked *c, nb_diags *d);
/* Runs on the calling thread for every item, in order: D holds its diagnostics (sorted;
 * freed after the call), EXTRA what work returned (NULL without work). */
typedef void (*nb_set_done)(void *ctx, size_t i, nb_diags *d, void *extra);

/* Checks every item (WORK may be NULL), fills in its identity (before DONE, on the calling
 * thread; WORK sees it only after nb_set_identify) and counts, and calls DONE. */
void nb_set_check(nb_set *s, const nb_schema *schema, nb_set_work work, nb_set_done done,
                  void *ctx);

/* Checks item I again (a second pass, e.g. to render it) into D and OUT. */
nb_check_result nb_set_recheck(const nb_set *s, size_t i, const nb_schema *schema, nb_diags *d,
                               nb_checked *out);

/* The checks lint adds once the run is known, for a conforming item C: NB227 against the run's
 * bodies PEERS, then the config's rule levels again (so the new findings follow them too).
 * Summary and site call it from their work function so that they count as lint does. */
void nb_set_check_run(const nb_schema *schema, const nb_prose_opts *peers, const nb_checked *c,
                      nb_diags *d);

/* The bodies of the set, each once (one per year in a tree), for NB227 (check/prose):
 * *OUT views the returned array, which the caller frees; names borrowed from the set.
 * Valid after nb_set_identify; none for a single file. */
nb_prose_peer *nb_set_peers(const nb_set *s, nb_prose_opts *out);

/* Loads every item without checking, to know the identities before the check (lint
 * --previous auto). */
void nb_set_identify(nb_set *s);

/* The item of body NAME in YEAR other than EXCEPT (pass (size_t)-1 for none), or (size_t)-1.
 * Valid after nb_set_identify or nb_set_check. */
size_t nb_set_find(const nb_set *s, const char *name, int year, size_t except);

/* NB803 for every second file of a body and year among the files found in folders (files
 * named one by one are the user's explicit choice; render refuses two outputs with one
 * name anyway): one nb_diags per such file, in file
 * order, handed to EMIT (freed after the call). Returns how many. */
size_t nb_set_duplicates(nb_set *s, void (*emit)(void *ctx, nb_diags *d), void *ctx);

/* A report's body and year with its index, for sorting reports by body, then year, then
 * index (nb_set_key_cmp, a qsort/bsearch comparator). NAME is borrowed. */
typedef struct nb_set_key {
  const char *name;
  int year;
  size_t i;
} nb_set_key;
int nb_set_key_cmp(const void *a, const void *b);

#endif
