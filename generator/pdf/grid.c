/* Table layout: column widths, row heights, page breaks between rows.
 *
 * Size: 12 pt (小四) for narrow tables, 10.5 pt (五号) from six columns on, smaller only when
 * the columns cannot get their minimum widths otherwise.
 * Widths (the automatic table layout of HTML, simplified): every column has a minimum (two
 * characters, or its widest figure) and a natural width (its longest one-line cell). When the
 * natural widths fit, the spare width is shared equally; otherwise each column gets its
 * minimum plus a share of the rest in proportion to what it lacks.
 * Heights: a cell's wrapped lines plus padding; a row is as tall as its tallest one-row cell;
 * a rowspan cell that needs more adds the difference evenly to its rows.
 * Pages: a table that fits on one page is kept whole (it starts on the next page when the
 * rest of this one is too short). A longer one: rows are placed until one does not fit; the break goes before the rowspan group of
 * that row when the group fits on a fresh page, else right before the row (the group's label
 * is then drawn again in its part on the new page). A row of header cells only (a block
 * heading of table 二 and the labels under it) stays with the row it heads. The <thead> rows
 * repeat on every page. */
#include "pdf/grid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/linebreak.h"
#include "pdf/tags.h"

#define PAD_X 3.0
#define PAD_Y 2.5
#define LEAD 1.3         /* line height in em */
#define RULE 0.6         /* border width */
#define ASCENT 0.88
#define MAX_LINES 64

typedef struct {
  nb_pdf_str s;
  size_t nlines;
  size_t brk[MAX_LINES + 1][2]; /* [start, end) of each line */
} cell_text;

typedef struct {
  nb_pdf_layout *lay;
  const nb_pdf_table *t;
  double size;
  cell_text *ct;     /* one per cell */
  double *colw, *colx, *rowh;
  int *elem;         /* each cell's structure element; -1 once drawn (a redraw is an artifact) */
} grid;

static void shape_cells(grid *gr)
{
  for (size_t i = 0; i < gr->t->ncells; i++) {
    const nb_pdf_cell *c = &gr->t->cells[i];
    nb_pdf_str *s = &gr->ct[i].s;
    nb_pdf_str_free(s);
    /* everything in the 宋 face (the 黑 and 楷 faces then hold only the headings' few
     * characters); column and block headings (centred th) in its heavier weight */
    s->bold = c->header && c->align == NB_PDF_CENTER;
    nb_pdf_str_add(s, c->text, strlen(c->text), NB_PDF_SONG);
    nb_pdf_str_shape(gr->lay, s, gr->size, 0, c->line);
  }
}

/* Width of the widest piece of S that no allowed break splits. */
static double unbreakable(const nb_pdf_str *s)
{
  double best = 0, cur = 0;
  for (size_t i = 0; i < s->n; i++) {
    if (i > 0 && nb_lb_can_break(s->cp[i - 1], s->cp[i]))
      cur = 0;
    cur += s->w[i];
    if (cur > best)
      best = cur;
  }
  return best;
}

/* Minimum and natural widths of every column, from its one-column cells. */
static void column_needs(grid *gr, double *minw, double *natw)
{
  const nb_pdf_table *t = gr->t;
  for (unsigned c = 0; c < t->ncols; c++)
    minw[c] = natw[c] = 2 * gr->size + 2 * PAD_X;
  for (size_t i = 0; i < t->ncells; i++) {
    const nb_pdf_cell *cell = &t->cells[i];
    if (cell->colspan != 1)
      continue;
    const nb_pdf_str *s = &gr->ct[i].s;
    double nat = nb_pdf_str_width(s, 0, s->n) + 2 * PAD_X;
    double min = (cell->num ? nat : fmin(unbreakable(s) + 2 * PAD_X, nat));
    if (min > minw[cell->col])
      minw[cell->col] = min;
    if (nat > natw[cell->col])
      natw[cell->col] = nat;
  }
}

/* Chooses the column widths for the type-area width; -1 when even the minimums do not fit. */
static int column_widths(grid *gr)
{
  unsigned n = gr->t->ncols;
  double W = gr->lay->g.width;
  double *minw = nb_xcalloc(n, sizeof *minw), *natw = nb_xcalloc(n, sizeof *natw);
  column_needs(gr, minw, natw);
  double summin = 0, sumnat = 0;
  for (unsigned c = 0; c < n; c++) {
    summin += minw[c];
    sumnat += natw[c];
  }
  int rc = summin <= W + 1e-6 ? 0 : -1;
  for (unsigned c = 0; c < n; c++) {
    if (sumnat <= W)
      gr->colw[c] = natw[c] + (W - sumnat) / n;
    else
      gr->colw[c] = minw[c] + (W - summin) * (natw[c] - minw[c]) / (sumnat - summin);
  }
  gr->colx[0] = 0;
  for (unsigned c = 0; c < n; c++)
    gr->colx[c + 1] = gr->colx[c] + gr->colw[c];
  free(minw);
  free(natw);
  return rc;
}

static double cell_width(const grid *gr, const nb_pdf_cell *c)
{
  return gr->colx[c->col + c->colspan] - gr->colx[c->col];
}

static void break_cells(grid *gr)
{
  for (size_t i = 0; i < gr->t->ncells; i++) {
    cell_text *ct = &gr->ct[i];
    double w = cell_width(gr, &gr->t->cells[i]) - 2 * PAD_X;
    size_t start = 0;
    ct->nlines = 0;
    while (start < ct->s.n && ct->nlines < MAX_LINES) {
      size_t next, end = nb_lb_fit(ct->s.cp, ct->s.w, start, ct->s.n, w, &next);
      ct->brk[ct->nlines][0] = start;
      ct->brk[ct->nlines][1] = end;
      ct->nlines++;
      start = next;
    }
  }
}

static double text_height(const grid *gr, size_t i)
{
  size_t lines = gr->ct[i].nlines ? gr->ct[i].nlines : 1;
  return (double)lines * LEAD * gr->size + 2 * PAD_Y;
}

static void row_heights(grid *gr)
{
  const nb_pdf_table *t = gr->t;
  for (unsigned r = 0; r < t->nrows; r++)
    gr->rowh[r] = LEAD * gr->size + 2 * PAD_Y;
  for (size_t i = 0; i < t->ncells; i++)
    if (t->cells[i].rowspan == 1 && text_height(gr, i) > gr->rowh[t->cells[i].row])
      gr->rowh[t->cells[i].row] = text_height(gr, i);
  for (size_t i = 0; i < t->ncells; i++) {
    const nb_pdf_cell *c = &t->cells[i];
    if (c->rowspan == 1)
      continue;
    double have = 0;
    for (unsigned r = c->row; r < c->row + c->rowspan; r++)
      have += gr->rowh[r];
    double need = text_height(gr, i);
    if (need > have)
      for (unsigned r = c->row; r < c->row + c->rowspan; r++)
        gr->rowh[r] += (need - have) / c->rowspan;
  }
}

/* Whether row R holds only header cells (a block heading such as 第二十条第（八）项, or the
 * column labels under it). */
static int header_only_row(const nb_pdf_table *t, unsigned r)
{
  int any = 0;
  for (size_t i = 0; i < t->ncells; i++)
    if (t->cells[i].row == r) {
      if (!t->cells[i].header)
        return 0;
      any = 1;
    }
  return any;
}

/* Whether a page may break right before row R: no rowspan crosses it, and the row above is
 * not a heading row, which stays with what it heads. */
static int break_allowed(const nb_pdf_table *t, unsigned r)
{
  if (r > 0 && r >= t->nhead && header_only_row(t, r - 1))
    return 0;
  for (size_t i = 0; i < t->ncells; i++)
    if (t->cells[i].row < r && t->cells[i].row + t->cells[i].rowspan > r)
      return 0;
  return 1;
}

static double rows_height(const grid *gr, unsigned a, unsigned b)
{
  double h = 0;
  for (unsigned r = a; r < b; r++)
    h += gr->rowh[r];
  return h;
}

/* Draws cell I over rows [A, B) of its span, the top of row A at TOP (PDF y). */
static void draw_cell(grid *gr, size_t i, unsigned a, unsigned b, double top)
{
  nb_pdf_layout *lay = gr->lay;
  const nb_pdf_cell *c = &gr->t->cells[i];
  const cell_text *ct = &gr->ct[i];
  double x0 = lay->g.left + gr->colx[c->col], x1 = lay->g.left + gr->colx[c->col + c->colspan];
  double y1 = top, y0 = top - rows_height(gr, a, b);
  unsigned p = lay->page;
  lay->cur = gr->elem[i];
  gr->elem[i] = -1;
  nb_pdf_add_rule(lay, p, x0, y0, x1, y0, RULE);
  nb_pdf_add_rule(lay, p, x0, y1, x1, y1, RULE);
  nb_pdf_add_rule(lay, p, x0, y0, x0, y1, RULE);
  nb_pdf_add_rule(lay, p, x1, y0, x1, y1, RULE);
  double lead = LEAD * gr->size;
  double block = (double)ct->nlines * lead;
  double line_top = y1 - ((y1 - y0) - block) / 2;
  for (size_t l = 0; l < ct->nlines; l++) {
    size_t s = ct->brk[l][0], e = ct->brk[l][1];
    double w = nb_pdf_str_width(&ct->s, s, e), avail = x1 - x0 - 2 * PAD_X;
    double x = x0 + PAD_X;
    if (c->align == NB_PDF_CENTER)
      x += (avail - w) / 2;
    else if (c->align == NB_PDF_RIGHT)
      x += avail - w;
    double base = line_top - l * lead - (lead - gr->size) / 2 - ASCENT * gr->size;
    nb_pdf_emit(lay, &ct->s, s, e, p, x, base, 0);
  }
}

/* Draws rows [A, B) with the top at the current position and moves below them. */
static void draw_rows(grid *gr, unsigned a, unsigned b)
{
  nb_pdf_layout *lay = gr->lay;
  double top = lay->g.page_h - lay->g.top - lay->y;
  for (size_t i = 0; i < gr->t->ncells; i++) {
    const nb_pdf_cell *c = &gr->t->cells[i];
    unsigned r0 = c->row > a ? c->row : a;
    unsigned r1 = c->row + c->rowspan < b ? c->row + c->rowspan : b;
    if (r0 < r1)
      draw_cell(gr, i, r0, r1, top - rows_height(gr, a, r0));
  }
  lay->y += rows_height(gr, a, b);
}

/* Whether a break right before row K leaves every label it splits room for its text on both
 * sides (the label is drawn again in its part on the new page). */
static int split_fits(const grid *gr, unsigned k)
{
  for (size_t i = 0; i < gr->t->ncells; i++) {
    const nb_pdf_cell *c = &gr->t->cells[i];
    unsigned end = c->row + c->rowspan;
    if (c->row < k && end > k &&
        (rows_height(gr, c->row, k) < text_height(gr, i) ||
         rows_height(gr, k, end) < text_height(gr, i)))
      return 0;
  }
  return 1;
}

/* Where to break when row R does not fit on a page whose body rows began at FIRST. */
static unsigned choose_break(const grid *gr, unsigned first, unsigned r, double head)
{
  unsigned g = r;
  while (g > first && !break_allowed(gr->t, g))
    g--;
  if (g == r)
    return r;
  if (g > first) {
    unsigned e = r + 1;
    while (e < gr->t->nrows && !break_allowed(gr->t, e))
      e++;
    if (head + rows_height(gr, g, e) <= gr->lay->g.height)
      return g;
  }
  /* the group is split anyway: at the last row up to R where its labels fit on both sides,
   * else before the group, or at R when the group began the page */
  for (unsigned k = r; k > g; k--)
    if (split_fits(gr, k))
      return k;
  return g > first ? g : r;
}

static void paginate(grid *gr)
{
  nb_pdf_layout *lay = gr->lay;
  const nb_pdf_table *t = gr->t;
  unsigned nhead = t->nhead < t->nrows ? t->nhead : 0;
  double head = rows_height(gr, 0, nhead);
  double first_row = nhead < t->nrows ? gr->rowh[nhead] : 0;
  if (lay->y > 0 && lay->y + head + first_row > lay->g.height)
    nb_pdf_new_page(lay);
  unsigned start = 0, body = nhead; /* rows of the current page: [start, r) */
  double used = lay->y;
  for (unsigned r = 0; r < t->nrows; r++) {
    if (r > body && used + gr->rowh[r] > lay->g.height + 1e-6) {
      unsigned b = choose_break(gr, body, r, head);
      draw_rows(gr, start, b);
      nb_pdf_new_page(lay);
      if (nhead)
        draw_rows(gr, 0, nhead);
      start = body = r = b;
      used = lay->y;
    }
    used += gr->rowh[r];
  }
  draw_rows(gr, start, t->nrows);
}

/* The structure of table T: a Table element (left open) with a TR per row and a TH or TD per
 * cell, in row order (cells filling gaps come last in T: a counting sort by row puts them in
 * place); returns each cell's element. */
static int *tag_cells(nb_pdf_layout *lay, const nb_pdf_table *t)
{
  int *elem = nb_xcalloc(t->ncells + 1, sizeof *elem);
  size_t *start = nb_xcalloc((size_t)t->nrows + 2, sizeof *start);
  size_t *order = nb_xcalloc(t->ncells + 1, sizeof *order);
  for (size_t i = 0; i < t->ncells; i++)
    start[t->cells[i].row + 1]++;
  for (unsigned r = 0; r < t->nrows; r++)
    start[r + 1] += start[r];
  for (size_t i = 0; i < t->ncells; i++)
    order[start[t->cells[i].row]++] = i; /* start[r] ends as the end of row r */
  nb_pdf_tag_open(lay, NB_PDF_S_TABLE);
  for (size_t r = 0, k = 0; r < t->nrows; r++) {
    nb_pdf_tag_open(lay, NB_PDF_S_TR);
    for (; k < start[r]; k++) {
      const nb_pdf_cell *c = &t->cells[order[k]];
      int e = elem[order[k]] = nb_pdf_tag_add(lay, c->header ? NB_PDF_S_TH : NB_PDF_S_TD);
      lay->elems[e].rowspan = c->rowspan;
      lay->elems[e].colspan = c->colspan;
      lay->elems[e].scope = c->header ? c->scope : 0;
    }
    nb_pdf_tag_close(lay);
  }
  free(start);
  free(order);
  return elem;
}

/* Shapes the cells, sizes the columns (the largest type that fits) and the rows. */
static void measure(grid *gr)
{
  static const double sizes[] = {12.0, 10.5, 9.0, 7.5};
  const nb_pdf_table *t = gr->t;
  gr->ct = nb_xcalloc(t->ncells, sizeof *gr->ct);
  gr->colw = nb_xcalloc(t->ncols, sizeof *gr->colw);
  gr->colx = nb_xcalloc(t->ncols + 1, sizeof *gr->colx);
  gr->rowh = nb_xcalloc(t->nrows, sizeof *gr->rowh);
  for (size_t k = t->ncols >= 6 ? 1 : 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    gr->size = sizes[k];
    shape_cells(gr);
    if (column_widths(gr) == 0)
      break;
  }
  break_cells(gr);
  row_heights(gr);
}

static void grid_free(grid *gr)
{
  for (size_t i = 0; i < gr->t->ncells; i++)
    nb_pdf_str_free(&gr->ct[i].s);
  free(gr->ct);
  free(gr->colw);
  free(gr->colx);
  free(gr->rowh);
}

double nb_pdf_grid_height(nb_pdf_layout *lay, const nb_pdf_table *t)
{
  grid gr = {lay, t, 0, NULL, NULL, NULL, NULL, NULL};
  measure(&gr);
  double h = rows_height(&gr, 0, t->nrows);
  grid_free(&gr);
  return h;
}

void nb_pdf_grid_layout(nb_pdf_layout *lay, const nb_pdf_table *t)
{
  grid gr = {lay, t, 0, NULL, NULL, NULL, NULL, NULL};
  measure(&gr);
  /* a table that fits on one page is not split: it starts on the next page instead */
  double whole = rows_height(&gr, 0, t->nrows);
  if (lay->y > 1e-6 && lay->y + whole > lay->g.height + 1e-6 && whole <= lay->g.height)
    nb_pdf_new_page(lay);
  gr.elem = tag_cells(lay, t);
  int table = lay->cur;
  paginate(&gr);
  lay->cur = table;
  nb_pdf_tag_close(lay);
  free(gr.elem);
  grid_free(&gr);
}
