/* nb_graphic: the 图解 poster's SVG as PDF and PNG, drawn by librsvg through cairo.
 *
 * Everything in nianbao-graphic.so (librsvg, cairo, pango and their libraries are heavy: only
 * render -f graphic loads it, like the PDF module; see render/graphicmod.h). The PDF is vector
 * (cairo's PDF surface: paths, and text in subset embedded fonts with a Unicode map); the PNG
 * is rasterised at the requested width on white. The same SVG, options and fonts give the same
 * bytes: the PDF's dates come from the options.
 *
 * Diagnostics (added to DIAGS):
 *   NB520 error  the SVG could not be read or drawn (librsvg's message)
 *   NB521 error  the PDF or PNG could not be written (cairo's status) */
#ifndef NB_GRAPHIC_H
#define NB_GRAPHIC_H
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

typedef struct {
  const char *title, *author; /* document information, UTF-8; NULL = absent */
  long long epoch;            /* creation date, seconds since 1970 (UTC); ≤ 0: 1970-01-01 */
  int png_width;              /* pixels; 0 = the SVG's own width */
} nb_graphic_opts;

/* Draws the SVG document SVG (LEN bytes) into PDF and PNG (appended; either may be NULL).
 * Returns 0, or -1 after an error diagnostic. */
int nb_graphic_render(const char *svg, size_t len, const nb_graphic_opts *opts, nb_buf *pdf,
                      nb_buf *png, nb_diags *diags);

#endif
