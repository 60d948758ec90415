/* Grid placement with an occupancy map: per slot the cell covering it, NB_OGRID_MAX_COLS a row. */
#include "office/grid.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SPAN 200

void nb_ogrid_init(nb_ogrid *g)
{
  memset(g, 0, sizeof *g);
}

void nb_ogrid_free(nb_ogrid *g)
{
  if (!g)
    return;
  for (size_t i = 0; i < g->n; i++)
    free(g->cells[i].text);
  free(g->cells);
  free(g->owner);
  memset(g, 0, sizeof *g);
}

/* Makes rows 0..ROWS-1 of the occupancy map exist. */
static void reserve_rows(nb_ogrid *g, unsigned rows)
{
  if (rows <= g->cap_rows)
    return;
  unsigned cap = g->cap_rows ? g->cap_rows : 16;
  while (cap < rows)
    cap *= 2;
  g->owner = nb_xrealloc(g->owner, (size_t)cap * NB_OGRID_MAX_COLS * sizeof *g->owner);
  memset(g->owner + (size_t)g->cap_rows * NB_OGRID_MAX_COLS, 0,
         (size_t)(cap - g->cap_rows) * NB_OGRID_MAX_COLS * sizeof *g->owner);
  g->cap_rows = cap;
}

int nb_ogrid_row(nb_ogrid *g)
{
  if (g->nrows >= NB_OGRID_MAX_ROWS)
    return -1;
  g->nrows++;
  reserve_rows(g, g->nrows);
  g->next_col = 0;
  return 0;
}

static unsigned *slot(const nb_ogrid *g, unsigned row, unsigned col)
{
  return &g->owner[(size_t)row * NB_OGRID_MAX_COLS + col];
}

void nb_ogrid_skip(nb_ogrid *g, unsigned n)
{
  g->next_col = n > NB_OGRID_MAX_COLS - g->next_col ? NB_OGRID_MAX_COLS : g->next_col + n;
}

static unsigned clip(unsigned span, unsigned limit)
{
  if (span < 1)
    span = 1;
  if (span > MAX_SPAN)
    span = MAX_SPAN;
  return span > limit ? limit : span;
}

nb_ogrid_cell *nb_ogrid_add(nb_ogrid *g, const char *text, size_t len, unsigned rowspan,
                            unsigned colspan)
{
  if (g->nrows == 0)
    return NULL;
  unsigned r = g->nrows - 1, c = g->next_col;
  while (c < NB_OGRID_MAX_COLS && *slot(g, r, c))
    c++;
  if (c >= NB_OGRID_MAX_COLS)
    return NULL;
  colspan = clip(colspan, NB_OGRID_MAX_COLS - c);
  rowspan = clip(rowspan, NB_OGRID_MAX_ROWS - r);
  reserve_rows(g, r + rowspan);
  if (g->n == g->cap) {
    g->cap = g->cap ? 2 * g->cap : 64;
    g->cells = nb_xrealloc(g->cells, g->cap * sizeof *g->cells);
  }
  for (unsigned i = 0; i < rowspan; i++)
    for (unsigned j = 0; j < colspan; j++)
      *slot(g, r + i, c + j) = (unsigned)g->n + 1;
  nb_ogrid_cell *cell = &g->cells[g->n++];
  memset(cell, 0, sizeof *cell);
  cell->text = nb_xstrndup(text ? text : "", text ? len : 0);
  cell->row = r;
  cell->col = c;
  cell->rowspan = rowspan;
  cell->colspan = colspan;
  if (c + colspan > g->ncols)
    g->ncols = c + colspan;
  g->next_col = c + colspan;
  return cell;
}

int nb_ogrid_merge_down(nb_ogrid *g, unsigned colspan)
{
  if (g->nrows >= 2) {
    unsigned r = g->nrows - 1, c = g->next_col;
    unsigned above = c < NB_OGRID_MAX_COLS ? *slot(g, r - 1, c) : 0;
    nb_ogrid_cell *cell = above ? &g->cells[above - 1] : NULL;
    int free_row = 1;
    for (unsigned j = 0; cell && j < cell->colspan; j++)
      free_row &= *slot(g, r, c + j) == 0;
    if (cell && cell->col == c && cell->row + cell->rowspan == r && free_row
        && cell->rowspan < MAX_SPAN) {
      for (unsigned j = 0; j < cell->colspan; j++)
        *slot(g, r, c + j) = above;
      cell->rowspan++;
      g->next_col = c + cell->colspan;
      return 0;
    }
  }
  nb_ogrid_add(g, "", 0, 1, colspan);
  return -1;
}

const nb_ogrid_cell *nb_ogrid_at(const nb_ogrid *g, unsigned row, unsigned col)
{
  if (row >= g->nrows || col >= NB_OGRID_MAX_COLS)
    return NULL;
  unsigned k = *slot(g, row, col);
  return k ? &g->cells[k - 1] : NULL;
}

static void put_cell_text(const char *s, nb_buf *out)
{
  for (; *s; s++)
    nb_buf_putc(out, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

void nb_ogrid_text(const nb_ogrid *g, nb_buf *out)
{
  for (unsigned r = 0; r < g->nrows; r++) {
    int first = 1;
    for (unsigned c = 0; c < g->ncols;) {
      const nb_ogrid_cell *cell = nb_ogrid_at(g, r, c);
      if (!first)
        nb_buf_putc(out, '\t');
      first = 0;
      if (!cell) {
        c++;
        continue;
      }
      if (cell->row == r)
        put_cell_text(cell->text, out);
      c = cell->col + cell->colspan;
    }
    nb_buf_putc(out, '\n');
  }
}
