/* nb_pdf_layout: the CommonMark document laid out on GB/T 9704 pages, as a display list.
 *
 * Layout needs only font metrics (nb_font); the display list it produces (text runs, rules,
 * bookmarks) is then drawn by pdf/pdf.c with libharu. Keeping the two apart lets the renderer
 * collect the characters each face really draws before subsetting the faces.
 *
 * Units: points. Display-list coordinates are PDF page coordinates (origin bottom-left).
 * Ownership: nb_pdf_layout_free releases a layout and everything in it (NULL is a no-op); the
 * faces and the diagnostics are borrowed. */
#ifndef NB_PDF_LAYOUT_H
#define NB_PDF_LAYOUT_H
#include <cmark.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "pdf/font.h"
#include "pdf/text.h"

/* The most a justified line is stretched: extra space after each character, in em. A line
 * that would need more (cut short by a long run that cannot break) is left ragged. */
#define NB_PDF_JUSTIFY_CAP 0.125

/* Lays out the cmark document DOC with the faces FONT[NB_PDF_NFACES] (all non-NULL; the same
 * face may fill several roles) on pages of geometry G. Characters no face has are reported to
 * DIAGS (warnings NB503–NB505) and replaced. Never fails. */
nb_pdf_layout *nb_pdf_layout_document(cmark_node *doc, const nb_font *const *font,
                                      const nb_pdf_geom *g, nb_diags *diags);
/* The same, with the report's charts: a paragraph that is only the image of one of CHARTS
 * (borrowed until the layout is freed) is drawn as that chart (pdf/chart.h). */
nb_pdf_layout *nb_pdf_layout_charts(cmark_node *doc, const nb_font *const *font,
                                    const nb_pdf_geom *g, const nb_pdf_chart *charts,
                                    size_t ncharts, nb_diags *diags);
void nb_pdf_layout_free(nb_pdf_layout *lay);
/* Number of pages (at least 1). */
unsigned nb_pdf_layout_pages(const nb_pdf_layout *lay);

#endif
