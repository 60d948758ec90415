/* pdf/chart: the report's charts (nb_pdf_chart, see pdf/pdf.h) in the PDF layout, as vector
 * paths (cubic Bézier arcs for the donut, rectangles for bars) and text runs in the report's
 * faces, the caption under the chart in the 黑 face, the two kept on one page. Internal to the
 * PDF module. */
#ifndef NB_PDF_CHART_H
#define NB_PDF_CHART_H
#include <cmark.h>

#include "pdf/text.h"

/* The chart of LAY whose image paragraph N is (a paragraph holding only that image), or
 * NULL. */
const nb_pdf_chart *nb_pdf_chart_of(const nb_pdf_layout *lay, cmark_node *n);

/* Lays out chart C with its caption at the current position of LAY (on the next page when
 * it does not fit on this one; scaled down when it is taller than a page). */
void nb_pdf_chart_place(nb_pdf_layout *lay, const nb_pdf_chart *c);

#endif
