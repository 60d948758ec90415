/* nb_ogrid: a table as a grid of cells with spans, built row by row as HTML places cells
 * (each new cell takes the first slot of its row that no earlier rowspan covers) or as Word
 * does (a vertically merged cell grows down). Shared by the docx writer (HTML table → w:tbl),
 * the docx reader (w:tbl → text rows) and the HTML reader (<table> → text rows).
 *
 * Limits: 100 columns, 4000 rows, spans 1–200 (larger ones are clipped); cells past them are
 * dropped. Ownership: the grid owns its cells' texts; nb_ogrid_free releases them. */
#ifndef NB_OGRID_H
#define NB_OGRID_H
#include <stddef.h>

#include "core/buf.h"

enum { NB_OGRID_LEFT, NB_OGRID_CENTER, NB_OGRID_RIGHT };

typedef struct {
  char *text;         /* UTF-8, one line per paragraph of the cell */
  unsigned row, col;  /* top-left slot */
  unsigned rowspan, colspan;
  int header;         /* <th> */
  int num;            /* a figure (class "num") */
  int align;          /* NB_OGRID_* */
} nb_ogrid_cell;

typedef struct {
  nb_ogrid_cell *cells;
  size_t n, cap;
  unsigned nrows, ncols;
  unsigned nhead;        /* the first rows from <thead> */
  unsigned *owner;       /* per slot, NB_OGRID_MAX_COLS a row: 1 + the index of its cell, or 0 */
  unsigned cap_rows;
  unsigned next_col;     /* where the next cell of the current row starts looking */
} nb_ogrid;

#define NB_OGRID_MAX_COLS 100
#define NB_OGRID_MAX_ROWS 4000

void nb_ogrid_init(nb_ogrid *g);
void nb_ogrid_free(nb_ogrid *g);
/* Starts a new row. Returns 0, or -1 past the row limit. */
int nb_ogrid_row(nb_ogrid *g);
/* Skips N columns of the current row (Word's gridBefore). */
void nb_ogrid_skip(nb_ogrid *g, unsigned n);
/* Places a cell in the current row at its first free slot; TEXT is copied. Returns the cell,
 * or NULL when no row was started or the row is full. */
nb_ogrid_cell *nb_ogrid_add(nb_ogrid *g, const char *text, size_t len, unsigned rowspan,
                            unsigned colspan);
/* A Word vertical-merge continuation of COLSPAN columns at the current position: the cell
 * above grows by a row. Returns 0, or -1 when there is no cell above (then an empty cell is
 * placed instead). */
int nb_ogrid_merge_down(nb_ogrid *g, unsigned colspan);
/* The cell covering slot (ROW, COL), or NULL. */
const nb_ogrid_cell *nb_ogrid_at(const nb_ogrid *g, unsigned row, unsigned col);
/* The grid as text rows: one line per row, cells separated by tabs, each cell written once at
 * its top row; slots covered from above are empty cells; tabs and line breaks inside a cell
 * become spaces. Appended to OUT. */
void nb_ogrid_text(const nb_ogrid *g, nb_buf *out);

#endif
