/* pdf/grid: tables laid out on the page (column widths, row heights, breaks between rows).
 * Internal to the PDF module; called by pdf/layout.c for every table block.
 * Ownership: the table T is borrowed; what is drawn goes into LAY's display list. */
#ifndef NB_PDF_GRID_H
#define NB_PDF_GRID_H
#include "pdf/table.h"
#include "pdf/text.h"

/* Lays out a table at the current position; breaks it between rows across pages. */
void nb_pdf_grid_layout(nb_pdf_layout *lay, const nb_pdf_table *t);

#endif
