/* nb_pdf_font: the three faces of the PDF (宋, 楷, 黑) found from the options, with fallbacks.
 *
 * Ownership: nb_pdf_fonts_resolve fills FONTS with faces the caller releases with
 * nb_pdf_fonts_free; two roles may share one face (the same pointer). With a cache in the
 * options the faces are the cache's (loaded once per run) and releasing them frees nothing. */
#ifndef NB_PDF_FONT_H
#define NB_PDF_FONT_H
#include "core/diag.h"
#include "pdf/font.h"
#include "pdf/pdf.h"
#include "pdf/layout.h"

/* Finds the faces for the three roles. A face the user named and that cannot be found or
 * loaded is an error (NB501); a missing default face is replaced by another role's face with a
 * warning (NB502); no face at all is an error (NB501). Returns 0 or -1. */
int nb_pdf_fonts_resolve(const nb_pdf_opts *opts, nb_font *fonts[NB_PDF_NFACES],
                         nb_diags *diags);
/* Frees the faces of FONTS unless they belong to the cache of OPTS; empties FONTS. */
void nb_pdf_fonts_free(const nb_pdf_opts *opts, nb_font *fonts[NB_PDF_NFACES]);

#endif
