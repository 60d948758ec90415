/* cli graphic: the 图解 poster of one report for render -f graphic: its SVG (render/poster.h
 * and templates/graphic.svg.mustache), and the PDF and 1080-pixel PNG the 图解 module draws
 * from that SVG (render/graphicmod.h), written as "〈年度〉-〈机关〉-图解.svg/.pdf/.png".
 *
 * Ownership: a cli_graphic owns its buffers and name; cli_graphic_free releases them. */
#ifndef NB_CLI_GRAPHIC_H
#define NB_CLI_GRAPHIC_H
#include <stdio.h>

#include "core/buf.h"
#include "core/node.h"
#include "render/render.h"

#define CLI_GRAPHIC_PNG_WIDTH 1080 /* the width WeChat articles use */

typedef struct {
  char *name;          /* "2024-瓦窑沟乡人民政府-图解" */
  nb_buf svg, pdf, png;
} cli_graphic;

/* Lays out and renders the poster of CTX (the context of the checked DATA, in arena A) into
 * G, dated EPOCH (see nb_graphic_opts). Problems go to ERR. Returns 0, NB_EXIT_INVALID for a
 * template error, or NB_EXIT_USAGE when the module is missing or could not draw. */
int cli_graphic_render(cli_graphic *g, nb_renderer *r, nb_node *ctx, const nb_node *data,
                       nb_arena *a, long long epoch, FILE *err);

/* Writes the three files at PATH ("out/2024-瓦窑沟乡人民政府-图解") + .svg/.pdf/.png, a line
 * each to OUT as render prints them. Returns 0, or -1 after a message to ERR. */
int cli_graphic_write(const cli_graphic *g, const char *path, nb_buf *out, FILE *err);

void cli_graphic_free(cli_graphic *g);

#endif
