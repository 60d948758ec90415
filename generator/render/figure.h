/* nb_figure: the charts of the context (render/chart.h) in the HTML page and as .svg files.
 *
 * The Markdown report shows each chart as a paragraph holding only the image of its .svg
 * file (templates/layout.md.mustache). For the HTML page those paragraphs are marked in
 * cmark's tree before the HTML is made and filtered, and the marks are then replaced by the
 * figure (templates/chart-figure.html.mustache: the inline SVG, the caption, the figures as
 * text), which comes from the templates and the context alone, never from user markup.
 *
 * Internal to render/: used by render/render.c. Output goes to the caller's buffers. */
#ifndef NB_FIGURE_H
#define NB_FIGURE_H
#include <cmark.h>

#include "core/buf.h"
#include "core/node.h"
#include "mustache/mustache.h"

/* Replaces each top-level paragraph of DOC that is only the image of a chart of LIST (the
 * context's charts.list; may be NULL) by a mark the HTML filter keeps. */
void nb_figure_mark(cmark_node *doc, const nb_node *list);

/* Appends HTML to OUT with every mark replaced by its chart's figure, rendered by RENDER
 * (the template name, the chart, OUT). Returns 0, or -1 when RENDER failed. */
typedef int (*nb_figure_render)(void *ud, const char *name, const nb_node *chart, nb_buf *out);
int nb_figure_fill(const char *html, const nb_node *list, nb_figure_render render, void *ud,
                   nb_buf *out);

#endif
