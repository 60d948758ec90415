/* nb_pdfmod: the PDF renderer as a module loaded on demand.
 *
 * The PDF renderer needs libharu, harfbuzz and fontconfig (with freetype, glib, expat, png):
 * linked into the program they would cost every start about 1.5 ms, three times what lint
 * needs for a whole file. So the renderer (nb_pdf*.c, nb_font*.c, pdf/linebreak.c) is built as
 * the module nianbao-pdf.so, and only `render -f pdf` loads it. It is looked for, in order:
 *   1. the file named by the environment variable NIANBAO_PDF_MODULE;
 *   2. nianbao-pdf.so beside the running program (the build directory);
 *   3. NB_PDF_MODULE_RELDIR (../lib/nianbao) from the program's directory, for an install
 *      tree wherever it was put;
 *   4. the installed copy in NB_PDF_MODULE_DIR (…/lib/nianbao).
 * The module stays mapped once loaded (RTLD_NODELETE): the font libraries under it keep
 * caches in static storage that must outlive the call. */
#ifndef NB_PDFMOD_H
#define NB_PDFMOD_H
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "pdf/pdf.h"

/* nb_pdf_render (see pdf/pdf.h) through the module. When the module cannot be loaded, an
 * error NB511 naming the places searched goes to DIAGS and -1 is returned. */
int nb_pdfmod_render(const char *md, size_t len, const nb_pdf_opts *opts, nb_buf *out,
                     nb_diags *diags);

/* nb_pdf_cache_new and nb_pdf_cache_free (see pdf/pdf.h) through the module: a cache for the
 * PDFs of one run, which the caller frees with nb_pdfmod_cache_free (NULL is a no-op). NULL
 * when the module cannot be loaded; nb_pdfmod_render then says so. */
nb_pdf_cache *nb_pdfmod_cache_new(void);
void nb_pdfmod_cache_free(nb_pdf_cache *c);
/* nb_pdf_cache_fonts through the module (nothing without a cache). */
void nb_pdfmod_cache_fonts(nb_pdf_cache *c, nb_buf *out);

#endif
