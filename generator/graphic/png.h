/* nb_graphic_png: the poster's PNG (8-bit RGB, ISO/IEC 15948) written from cairo's pixels as
 * they are drawn, a band of rows at a time, with its own DEFLATE encoder (see png.c for why
 * not zlib's). The same pixels give the same bytes.
 *
 * Ownership: nb_graphic_png_new returns an encoder the caller frees with nb_graphic_png_free
 * (NULL is a no-op). It holds three filtered rows and one block of symbols (about 80 KB for
 * a 1080-pixel row), never the image: the file is written into the caller's buffer as the
 * rows come, which the encoder borrows until it is freed. */
#ifndef NB_GRAPHIC_PNG_H
#define NB_GRAPHIC_PNG_H
#include <stdint.h>

#include "core/buf.h"

typedef struct nb_graphic_png nb_graphic_png;

/* An encoder of an image of W × H pixels (both ≥ 1) whose PNG file is appended to OUT. */
nb_graphic_png *nb_graphic_png_new(int w, int h, nb_buf *out);
void nb_graphic_png_free(nb_graphic_png *p);

/* The next ROWS rows of the image: W pixels each as cairo's RGB24 keeps them (one uint32_t a
 * pixel, 0x00RRGGBB in the machine's order), the row below STRIDE bytes further. Rows beyond
 * the H of nb_graphic_png_new are ignored. */
void nb_graphic_png_rows(nb_graphic_png *p, const unsigned char *px, int stride, int rows);

/* Ends the PNG file in OUT. Returns 0, or -1 when fewer than H rows were given: OUT is then
 * cut back to what it held before nb_graphic_png_new, as it is when an encoder is freed
 * unfinished. */
int nb_graphic_png_finish(nb_graphic_png *p);

#endif
