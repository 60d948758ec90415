/* pdf/grid: tables laid out on the page (column widths, row heights, breaks between rows).
 * Internal to the PDF module; called by pdf/layout.c for every table block.
 * Ownership: the table T is borrowed; what is drawn goes into LAY's display list. */
#ifndef NB_PDF_GRID_H
#define NB_PDF_GRID_H
#include "pdf/table.h"
#include "pdf/text.h"

/* The height the table takes when laid out with LAY's faces and geometry (one page's part of
 * it when it is longer than a page is not subtracted: the whole height). */
double nb_pdf_grid_height(nb_pdf_layout *lay, const nb_pdf_table *t);
/* Lays out a table at the current position: on the next page when it fits on one page but not
 * in the rest of this one; a longer table breaks between rows across pages. */
void nb_pdf_grid_layout(nb_pdf_layout *lay, const nb_pdf_table *t);

#endif
