/* nb_graphicmod: the 图解 module (graphic/graphic.h: librsvg and cairo, which cost every start
 * of the program more than a whole lint if they were linked in) loaded only by
 * render -f graphic. It is nianbao-graphic.so, found like the PDF module (core/module.h)
 * with the environment variable NIANBAO_GRAPHIC_MODULE. */
#ifndef NB_GRAPHICMOD_H
#define NB_GRAPHICMOD_H
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"
#include "graphic/graphic.h"

/* nb_graphic_render through the module. When the module cannot be loaded, an error NB522
 * naming the places searched goes to DIAGS and -1 is returned. */
int nb_graphicmod_render(const char *svg, size_t len, const nb_graphic_opts *opts, nb_buf *pdf,
                         nb_buf *png, nb_diags *diags);

#endif
