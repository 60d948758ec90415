/* nb_module: finding and opening a module of the program (a shared object such as
 * nianbao-pdf.so or nianbao-office.so) that only some commands need, so that every other
 * command starts without the libraries behind it.
 *
 * A module NAME is looked for, in order:
 *   1. the file named by the environment variable ENV (when set and not empty; nothing else);
 *   2. NAME beside the running program (the build directory);
 *   3. NB_PDF_MODULE_RELDIR (../lib/nianbao) from the program's directory (an install tree
 *      wherever it was put);
 *   4. the installed copy in NB_PDF_MODULE_DIR (…/lib/nianbao).
 * The module stays mapped once loaded (RTLD_NODELETE): libraries under it may keep caches in
 * static storage that must outlive the call.
 *
 * Ownership: nothing is retained; TRIED (the places searched, "、"-separated) is the caller's. */
#ifndef NB_MODULE_H
#define NB_MODULE_H
#include "core/buf.h"
#include "core/diag.h"

/* The address of symbol SYM of module NAME, or NULL when no candidate could be opened or
 * none has the symbol; every path tried is appended to TRIED, and *WHY (may be NULL) gets
 * the loader's last message (static storage) or NULL. */
void *nb_module_symbol(const char *name, const char *env, const char *sym, nb_buf *tried,
                       const char **why);

/* nb_module_symbol, or NULL after an error CODE in DIAGS: "找不到WHAT NAME（查找了：…）" with
 * a hint naming ENV and the loader's message. */
void *nb_module_require(const char *name, const char *env, const char *sym, const char *code,
                        const char *what, nb_diags *diags);

/* Appends a line "PATH seconds.nanoseconds size" for the program and for every shared object
 * mapped into it (its modules and the libraries under them), in the order they were loaded:
 * what a run's outputs may depend on beside its input files, for telling whether the program
 * or a library changed between two runs. */
void nb_module_files(nb_buf *out);

#endif
