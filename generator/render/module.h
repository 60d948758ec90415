/* nb_module: finding a module the program loads on demand (the PDF module, the 图解 module).
 *
 * A module FILE ("nianbao-pdf.so") is looked for, in order:
 *   1. the file named by the environment variable ENV, when set (and only there);
 *   2. FILE beside the running program (the build directory);
 *   3. NB_PDF_MODULE_RELDIR (../lib/nianbao) from the program's directory, for an install
 *      tree wherever it was put;
 *   4. the installed copy in NB_PDF_MODULE_DIR (…/lib/nianbao).
 * Modules stay mapped once loaded (RTLD_NODELETE): the font libraries under them keep caches
 * in static storage that must outlive the call. Ownership: the handle belongs to the caller
 * (dlclose); TRIED is the caller's buffer. */
#ifndef NB_MODULE_H
#define NB_MODULE_H
#include "core/buf.h"

typedef void (*nb_module_fn)(void);

/* The entry point SYMBOL of module FILE, with its handle in *HANDLE; NULL when no place has
 * it (the places tried are listed in TRIED, separated by "、"). */
nb_module_fn nb_module_find(const char *file, const char *env, const char *symbol,
                            void **handle, nb_buf *tried);

#endif
