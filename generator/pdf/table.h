/* nb_pdf_table: the HTML table subset of the report templates, parsed into a grid.
 *
 * Accepted (anything else makes the parse fail, and the block is shown as plain text):
 *   <table class="…">, <thead>, <tbody>, <tr>, <th>, <td> and their end tags;
 *   attributes colspan, rowspan (1–200), scope (col/colgroup, row/rowgroup: the tagged
 *   PDF's TH /Scope), class (on cells: "num" centred figure, "l" left, "c" centred,
 *   "r" right; defaults: th centred, td left);
 *   text with the entities &amp; &lt; &gt; &quot; &#39; only; whitespace between tags;
 *   HTML comments <!-- … --> anywhere between tags.
 * Cells are placed as HTML does: left to right, skipping slots taken by earlier rowspans.
 * Slots no cell covers are filled with empty cells so that the grid is complete.
 *
 * Ownership: nb_pdf_table_free releases a table from nb_pdf_table_parse (NULL is a no-op). */
#ifndef NB_PDF_TABLE_H
#define NB_PDF_TABLE_H
#include <stddef.h>

typedef enum { NB_PDF_LEFT, NB_PDF_CENTER, NB_PDF_RIGHT } nb_pdf_align;

typedef struct {
  char *text;           /* UTF-8, entities decoded, runs of white space made one space */
  unsigned row, col;    /* top-left slot, 0-based */
  unsigned rowspan, colspan;
  int header;           /* a <th> */
  int num;              /* class "num": a figure */
  nb_pdf_align align;
  unsigned line;        /* source line of the cell in the document (1-based) */
  int scope;            /* a <th>'s scope: 1 col or colgroup, 2 row or rowgroup, 0 none */
} nb_pdf_cell;

typedef struct {
  nb_pdf_cell *cells;
  size_t ncells;
  unsigned nrows, ncols;
  unsigned nhead;       /* the first NHEAD rows come from <thead>: repeated after a page break */
} nb_pdf_table;

/* Parses HTML (LEN bytes) that starts on source line FIRST_LINE. Returns the table, or NULL
 * with *ERR set to a Chinese description of the first problem (caller frees *ERR) and *ERR_LINE
 * to its line. */
nb_pdf_table *nb_pdf_table_parse(const char *html, size_t len, unsigned first_line, char **err,
                                 unsigned *err_line);
void nb_pdf_table_free(nb_pdf_table *t);

#endif
