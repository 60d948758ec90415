/* nb_manifest: what nianbao site remembers between runs, OUTPUT/.nianbao-site (see
 * batch/site.h): every file the site wrote, relative to the output folder, one a line, and
 * before the files of each report a line saying what they were made from:
 *
 *   #report IN OUT N REL     IN: the hash of the report's inputs (its YAML, its config, and
 *                            the run's: program, modules, templates, fonts, formats);
 *                            OUT: the hash of the names and bytes of its N files, which
 *                            follow; REL: the report's folder
 *
 * A report whose inputs hash as recorded and whose files all still hold the bytes recorded
 * is not rendered again. The list depends on the inputs only (not on dates or the number of
 * threads), as every other file of the site. Lines starting with '#' name no file; a list
 * written before these lines existed simply has no report entries (everything is rendered).
 *
 * Hashes are 64-bit FNV-1a: a change in the inputs that keeps the hash is possible only by
 * accident (one in 2^64), never by an edit that a person makes.
 *
 * Ownership: nb_manifest_read returns an index of the file (about 40 bytes a report, the
 * file lists stay on disk) that the caller frees with nb_manifest_free (NULL: no-op); it is
 * read-only afterwards and may be used from several threads. */
#ifndef NB_MANIFEST_H
#define NB_MANIFEST_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

typedef struct nb_manifest nb_manifest;

/* The report entries of the list PATH (none when it cannot be read). Never NULL. */
nb_manifest *nb_manifest_read(const char *path);
void nb_manifest_free(nb_manifest *m);

/* Whether report REL is recorded with inputs IN and its files (relative to ROOT) are all
 * unchanged since; then their names are appended to FILES, one a line, and *OUT is their
 * hash. */
int nb_manifest_unchanged(const nb_manifest *m, const char *root, const char *rel, uint64_t in,
                          nb_buf *files, uint64_t *out);

/* The hash of the files FILES (names relative to ROOT, one a line): names and bytes; 0 when
 * one cannot be read. Sets *N to the number of names. */
uint64_t nb_manifest_outputs(const char *root, const char *files, size_t *n);

/* Appends the entry line of report REL (its N files are to follow) to LIST. */
void nb_manifest_put_report(nb_buf *list, const char *rel, uint64_t in, uint64_t out, size_t n);

/* Calls FN with every file name (LEN bytes, NUL-terminated) of the list read by
 * nb_manifest_read, in its order. */
void nb_manifest_files(const nb_manifest *m, void (*fn)(void *ctx, const char *name, size_t len),
                       void *ctx);

/* FNV-1a: H (NB_MANIFEST_SEED to start) continued over the N bytes of DATA. */
#define NB_MANIFEST_SEED 14695981039346656037ull
uint64_t nb_manifest_hash(uint64_t h, const void *data, size_t n);

#endif
