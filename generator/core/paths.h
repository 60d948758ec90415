/* nb_paths: where the running program is, and the files installed beside it.
 *
 * An install tree (cmake --install) keeps bin/nianbao, lib/nianbao/nianbao-pdf.so and
 * share/nianbao/schemas/…; the program finds them relative to itself, so a tree copied or
 * installed under another prefix still works. Ownership: returned strings are the caller's
 * to free. */
#ifndef NB_PATHS_H
#define NB_PATHS_H

/* The directory of the running program ("/usr/local/bin"), or NULL when unknown. */
char *nb_paths_exe_dir(void);

/* The absolute path of the schema installed with this program
 * (…/share/nianbao/schemas/report-2021.schema.json), or NULL when the program does not run
 * from an install tree (for example from the build directory). */
char *nb_paths_installed_schema(void);

/* Where the yaml-language-server modeline of a data file written to OUTPUT ("-": standard
 * output) should point so that editors find the schema this program uses, wherever the file
 * is: the installed schema's absolute path when the program runs from an install tree; else
 * this source tree's schemas/report-2021.schema.json relative to OUTPUT's folder (absolute for
 * standard output or a folder that does not exist); NULL when neither file exists. */
char *nb_paths_schema_ref(const char *output);

/* A modeline's schema reference REF, written in file FROM ("-": standard input, read from the
 * current folder), rewritten for file TO ("-": standard output) so that it names the same
 * file: relative to TO's folder, or absolute when TO's folder does not exist or TO is "-".
 * NULL when REF needs no change: a URL, an absolute path, a file that does not exist, or a
 * reference that is already right for TO. */
char *nb_paths_rebase(const char *ref, const char *from, const char *to);

#endif
