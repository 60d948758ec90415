/* The report's CommonMark → the body of word/document.xml.
 *
 *   document  -> block*
 *   block     -> heading (# nbTitle, ## nbH1, ### nbH2, deeper nbH3) | paragraph (nbBody)
 *              | list (an item's paragraphs as body paragraphs, the first after its marker
 *                "1." / "（1）" / "•", none when a bullet item carries its own number, as the
 *                PDF does) | block quote, code (body paragraphs) | HTML table (w:tbl) | other
 *                HTML (its text, never interpreted; comments dropped)
 *   inline    -> text runs; *…* in the character style nbEm (楷), **…** in nbStrong (黑);
 *                links and images as their text; a hard break as w:br
 *
 * Tables: the HTML subset of the templates, placed into a grid (office/grid.h), written with
 * w:gridSpan and w:vMerge for every merged cell, rows never split (w:cantSplit), <thead> rows
 * repeated on each page (w:tblHeader), rows of header cells only kept with the next row, all
 * borders single 0.5 pt, figures centred. Column widths: each column's natural width (its
 * longest single-column cell) and minimum (two characters, or a figure whole); the type
 * area's width is shared out as the PDF does, filling it exactly. */
#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "office/priv.h"

#define MAX_DEPTH 64 /* block nesting written as blocks; deeper blocks become plain text */

typedef struct {
  nb_buf *out;
  unsigned area;    /* twips */
  const nb_office_chart *charts;
  size_t ncharts;
  int last_table;   /* the last block written was a table */
  int prev_ascii;   /* the last character of the current paragraph was ASCII, not a space */
  int pending_soft; /* a soft line break waits for the next text */
} wml;

/* ---- text ---- */

void nbo_xml_text(nb_buf *out, const char *s, size_t n)
{
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = nb_utf8_decode(s + i, n - i, &cp);
    if (k == 0)
      k = 1;
    if (cp == '&')
      nb_buf_puts(out, "&amp;");
    else if (cp == '<')
      nb_buf_puts(out, "&lt;");
    else if (cp == '>')
      nb_buf_puts(out, "&gt;");
    else if (cp == '"')
      nb_buf_puts(out, "&quot;");
    else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF
             || (cp == 0xFFFD && k == 1))
      ; /* not allowed in XML 1.0 (or invalid UTF-8) */
    else
      nb_buf_put(out, s + i, k);
    i += k;
  }
}

static void run(wml *w, const char *s, size_t n, const char *style)
{
  if (n == 0)
    return;
  nb_buf_puts(w->out, "<w:r>");
  if (style)
    nb_buf_printf(w->out, "<w:rPr><w:rStyle w:val=\"%s\"/></w:rPr>", style);
  nb_buf_puts(w->out, "<w:t xml:space=\"preserve\">");
  nbo_xml_text(w->out, s, n);
  nb_buf_puts(w->out, "</w:t></w:r>");
}

/* Text of a paragraph: a soft line break between two ASCII characters is a space, between
 * Chinese characters nothing (as the PDF and the HTML page show it). */
static void text(wml *w, const char *s, size_t n, const char *style)
{
  if (n == 0)
    return;
  if (w->pending_soft && w->prev_ascii && (unsigned char)s[0] < 0x80 && s[0] != ' ')
    run(w, " ", 1, style);
  w->pending_soft = 0;
  run(w, s, n, style);
  unsigned char last = (unsigned char)s[n - 1];
  w->prev_ascii = last < 0x80 && last != ' ';
}

static void para_open(wml *w, const char *style, const char *extra)
{
  nb_buf_printf(w->out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr>", style,
                extra ? extra : "");
  w->prev_ascii = 0;
  w->pending_soft = 0;
  w->last_table = 0;
}

static void para_close(wml *w)
{
  nb_buf_puts(w->out, "</w:p>");
}

#define MAX_STYLE_NESTING 64

/* The inlines of N as runs. An iterator, not recursion: no nesting exhausts the stack. */
static void inlines(wml *w, cmark_node *n)
{
  const char *styles[MAX_STYLE_NESTING];
  size_t open = 0;
  cmark_iter *it = cmark_iter_new(n);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node *c = cmark_iter_get_node(it);
    cmark_node_type type = cmark_node_get_type(c);
    if (c == n)
      continue;
    if (type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG) {
      if (ev == CMARK_EVENT_EXIT)
        open--;
      else if (open++ < MAX_STYLE_NESTING)
        styles[open - 1] = type == CMARK_NODE_EMPH ? "nbEm" : "nbStrong";
      continue;
    }
    if (ev != CMARK_EVENT_ENTER)
      continue;
    const char *style = open ? styles[(open < MAX_STYLE_NESTING ? open : MAX_STYLE_NESTING) - 1]
                             : NULL;
    const char *lit = cmark_node_get_literal(c);
    switch (type) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      text(w, lit, strlen(lit), style);
      break;
    case CMARK_NODE_HTML_INLINE:
      if (strncmp(lit, "<!--", 4) != 0) /* shown as written, never interpreted */
        text(w, lit, strlen(lit), style);
      break;
    case CMARK_NODE_SOFTBREAK:
      w->pending_soft = 1;
      break;
    case CMARK_NODE_LINEBREAK:
      nb_buf_puts(w->out, "<w:r><w:br/></w:r>");
      w->prev_ascii = 0;
      break;
    default: /* links, images: their text comes as TEXT children */
      break;
    }
  }
  cmark_iter_free(it);
}

/* Literal text (code, other HTML) as body paragraphs, one per line. */
static void literal(wml *w, const char *s)
{
  while (*s) {
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    if (n) {
      para_open(w, "nbBody", NULL);
      text(w, s, n, NULL);
      para_close(w);
    }
    s += n + (nl ? 1 : 0);
  }
}

/* ---- tables ---- */

#define CELL_MARGIN 57 /* twips (1 mm) left and right in each cell */

/* Width of S in half-em units: 1 for ASCII and Latin, 2 for Chinese and other wide
 * characters; *LONGEST gets the widest unbreakable piece (a run of ASCII) or a whole line. */
static unsigned text_units(const char *s, unsigned *longest)
{
  unsigned line = 0, best = 0, word = 0, wbest = 0;
  for (size_t i = 0, n = strlen(s); i < n;) {
    uint32_t cp;
    size_t k = nb_utf8_decode(s + i, n - i, &cp);
    i += k ? k : 1;
    if (cp == '\n') {
      line = 0;
      word = 0;
      continue;
    }
    unsigned u = cp < 0x1100 ? 1 : 2;
    line += u;
    word = cp < 0x80 && cp != ' ' ? word + u : 0;
    best = line > best ? line : best;
    wbest = word > wbest ? word : wbest;
  }
  *longest = wbest;
  return best;
}

/* Column widths in twips, summing to W->area exactly. */
static unsigned *column_widths(const wml *w, const nb_ogrid *g, unsigned half_pt)
{
  unsigned n = g->ncols;
  double *minw = nb_xcalloc(n, sizeof *minw), *natw = nb_xcalloc(n, sizeof *natw);
  double unit = half_pt * 5.0, pad = 2 * CELL_MARGIN + 20; /* a half-em in twips */
  for (unsigned c = 0; c < n; c++)
    minw[c] = natw[c] = 4 * unit + pad;
  for (size_t i = 0; i < g->n; i++) {
    const nb_ogrid_cell *cell = &g->cells[i];
    if (cell->colspan != 1)
      continue;
    unsigned longest, units = text_units(cell->text, &longest);
    double nat = units * unit + pad, min = (cell->num ? units : longest) * unit + pad;
    natw[cell->col] = nat > natw[cell->col] ? nat : natw[cell->col];
    minw[cell->col] = min > minw[cell->col] ? min : minw[cell->col];
  }
  double sum_min = 0, sum_nat = 0, sum_extra = 0;
  for (unsigned c = 0; c < n; c++) {
    natw[c] = natw[c] > minw[c] ? natw[c] : minw[c];
    sum_min += minw[c];
    sum_nat += natw[c];
    sum_extra += natw[c] - minw[c];
  }
  unsigned *width = nb_xcalloc(n, sizeof *width);
  unsigned used = 0;
  for (unsigned c = 0; c < n; c++) {
    double x;
    if (sum_nat <= w->area)
      x = natw[c] * w->area / sum_nat;
    else if (sum_min <= w->area && sum_extra > 0)
      x = minw[c] + (w->area - sum_min) * (natw[c] - minw[c]) / sum_extra;
    else
      x = minw[c] * w->area / sum_min;
    width[c] = c + 1 == n ? (w->area > used ? w->area - used : 1) : (unsigned)x;
    used += width[c];
  }
  free(minw);
  free(natw);
  return width;
}

static void table_props(wml *w, const unsigned *width, unsigned n)
{
  unsigned sum = 0;
  for (unsigned c = 0; c < n; c++)
    sum += width[c];
  nb_buf_printf(w->out, "<w:tbl><w:tblPr><w:tblW w:w=\"%u\" w:type=\"dxa\"/>"
                        "<w:jc w:val=\"center\"/><w:tblBorders>", sum);
  static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
  for (size_t i = 0; i < 6; i++)
    nb_buf_printf(w->out, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
                  sides[i]);
  nb_buf_printf(w->out, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
                        "<w:left w:w=\"%d\" w:type=\"dxa\"/><w:right w:w=\"%d\" w:type=\"dxa\"/>"
                        "</w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" "
                        "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
                        "</w:tblPr><w:tblGrid>", CELL_MARGIN, CELL_MARGIN);
  for (unsigned c = 0; c < n; c++)
    nb_buf_printf(w->out, "<w:gridCol w:w=\"%u\"/>", width[c]);
  nb_buf_puts(w->out, "</w:tblGrid>");
}

/* Whether every cell starting in row R is a header cell (a row of column headings). */
static int header_row(const nb_ogrid *g, unsigned r)
{
  int any = 0;
  for (size_t i = 0; i < g->n; i++)
    if (g->cells[i].row == r) {
      if (!g->cells[i].header)
        return 0;
      any = 1;
    }
  return any;
}

/* One w:tc: CELL's text at its top row, an empty continuation below it. */
static void table_cell(wml *w, const nb_ogrid *g, const nb_ogrid_cell *cell, unsigned r,
                       const unsigned *width, const char *style, int keep)
{
  unsigned span = 0, rows = cell->rowspan;
  if (cell->row + rows > g->nrows)
    rows = g->nrows - cell->row;
  for (unsigned c = cell->col; c < cell->col + cell->colspan; c++)
    span += width[c];
  nb_buf_printf(w->out, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>", span);
  if (cell->colspan > 1)
    nb_buf_printf(w->out, "<w:gridSpan w:val=\"%u\"/>", cell->colspan);
  if (rows > 1)
    nb_buf_puts(w->out, cell->row == r ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>");
  nb_buf_puts(w->out, "<w:vAlign w:val=\"center\"/></w:tcPr>");
  int centre = cell->num || cell->align == NB_OGRID_CENTER;
  const char *jc = cell->align == NB_OGRID_RIGHT ? "right" : centre ? "center" : "left";
  const char *s = cell->row == r ? cell->text : "";
  do { /* one paragraph per line of the cell, at least one */
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    nb_buf_printf(w->out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s<w:jc w:val=\"%s\"/></w:pPr>",
                  style, keep ? "<w:keepNext/>" : "", jc);
    w->prev_ascii = w->pending_soft = 0;
    text(w, s, n, NULL);
    nb_buf_puts(w->out, "</w:p>");
    s += n + (nl ? 1 : 0);
  } while (*s);
  nb_buf_puts(w->out, "</w:tc>");
}

static void table_rows(wml *w, const nb_ogrid *g, const unsigned *width, const char *style)
{
  for (unsigned r = 0; r < g->nrows; r++) {
    int head = r < g->nhead, keep = head || header_row(g, r);
    nb_buf_printf(w->out, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>", head ? "<w:tblHeader/>" : "");
    for (unsigned c = 0; c < g->ncols;) {
      const nb_ogrid_cell *cell = nb_ogrid_at(g, r, c);
      if (!cell) { /* a slot no cell covers: an empty cell keeps the grid whole */
        char none[1] = "";
        nb_ogrid_cell gap = {none, r, c, 1, 1, 0, 0, NB_OGRID_LEFT};
        table_cell(w, g, &gap, r, width, style, keep);
        c++;
        continue;
      }
      table_cell(w, g, cell, r, width, style, keep);
      c = cell->col + cell->colspan;
    }
    nb_buf_puts(w->out, "</w:tr>");
  }
}

static void table(wml *w, const nb_ogrid *g)
{
  unsigned half_pt = g->ncols >= 6 ? 21 : 24; /* 五号 for wide tables, 小四 otherwise */
  const char *style = half_pt == 21 ? "nbTableSmall" : "nbTable";
  unsigned *width = column_widths(w, g, half_pt);
  table_props(w, width, g->ncols);
  table_rows(w, g, width, style);
  nb_buf_puts(w->out, "</w:tbl>");
  free(width);
  w->last_table = 1;
}

/* The first <table> element under N, or NULL. */
static xmlNode *find_table(xmlNode *n, int depth)
{
  for (; n && depth < MAX_DEPTH; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, (const xmlChar *)"table") == 0)
      return n;
    xmlNode *t = find_table(n->children, depth + 1);
    if (t)
      return t;
  }
  return NULL;
}

/* An HTML block: a table as w:tbl; a comment dropped; anything else as its text. */
static void html_block(wml *w, const char *html)
{
  const char *p = html;
  while (*p == ' ' || *p == '\n' || *p == '\t')
    p++;
  if (strncmp(p, "<!--", 4) == 0)
    return;
  if (strncmp(p, "<table", 6) == 0) {
    htmlDocPtr doc = htmlReadMemory(p, (int)strlen(p), NULL, "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    xmlNode *t = doc ? find_table(xmlDocGetRootElement(doc), 0) : NULL;
    nb_ogrid g;
    nb_ogrid_init(&g);
    if (t)
      nbo_html_table(t, &g);
    if (g.nrows && g.ncols)
      table(w, &g);
    nb_ogrid_free(&g);
    if (doc)
      xmlFreeDoc(doc);
    if (t)
      return;
  }
  literal(w, html);
}

/* ---- blocks ---- */

static void blocks(wml *w, cmark_node *first, int depth);

static void heading(wml *w, cmark_node *n)
{
  static const char *const styles[] = {"nbTitle", "nbH1", "nbH2", "nbH3"};
  int level = cmark_node_get_heading_level(n);
  para_open(w, styles[level <= 1 ? 0 : level >= 4 ? 3 : level - 1], NULL);
  inlines(w, n);
  para_close(w);
}

/* The chart shown by paragraph N when it holds only an image of a chart, else NULL. */
static const nb_office_chart *chart_of(const wml *w, cmark_node *n)
{
  cmark_node *img = cmark_node_first_child(n);
  if (!img || cmark_node_next(img) || cmark_node_get_type(img) != CMARK_NODE_IMAGE)
    return NULL;
  const char *url = cmark_node_get_url(img);
  for (size_t i = 0; url && i < w->ncharts; i++)
    if (w->charts[i].url && strcmp(w->charts[i].url, url) == 0)
      return &w->charts[i];
  return NULL;
}

/* A chart drawn inline (its part is word/charts/chartN.xml), then its caption. */
static void figure(wml *w, cmark_node *n, const nb_office_chart *c)
{
  nb_buf alt = NB_BUF_INIT;
  cmark_iter *it = cmark_iter_new(n);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node *t = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(t) == CMARK_NODE_TEXT)
      nb_buf_puts(&alt, cmark_node_get_literal(t));
  }
  cmark_iter_free(it);
  para_open(w, "nbFigure", NULL);
  nb_buf_printf(w->out, "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
                        "<wp:extent cx=\"%ld\" cy=\"%ld\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
                        "<wp:docPr id=\"%u\" name=\"chart%u\" descr=\"", c->cx, c->cy, c->number, c->number);
  nbo_xml_text(w->out, nb_buf_cstr(&alt), alt.len);
  nb_buf_printf(w->out, "\"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/"
                        "drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/"
                        "drawingml/2006/chart\"><c:chart xmlns:c=\"http://schemas.openxmlformats.org/"
                        "drawingml/2006/chart\" r:id=\"rIdC%u\"/></a:graphicData></a:graphic>"
                        "</wp:inline></w:drawing></w:r>", c->number);
  para_close(w);
  para_open(w, "nbCaption", NULL);
  text(w, nb_buf_cstr(&alt), alt.len, NULL);
  para_close(w);
  nb_buf_free(&alt);
}

static void paragraph(wml *w, cmark_node *n, const char *marker)
{
  const nb_office_chart *c = marker ? NULL : chart_of(w, n);
  if (c) {
    figure(w, n, c);
    return;
  }
  para_open(w, "nbBody", NULL);
  if (marker)
    text(w, marker, strlen(marker), NULL);
  inlines(w, n);
  para_close(w);
}

static const char *item_text(cmark_node *item)
{
  cmark_node *para = cmark_node_first_child(item);
  cmark_node *t = para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH
                      ? cmark_node_first_child(para)
                      : NULL;
  const char *lit = t && cmark_node_get_type(t) == CMARK_NODE_TEXT ? cmark_node_get_literal(t)
                                                                    : NULL;
  return lit ? lit : "";
}

static void list(wml *w, cmark_node *n, int depth)
{
  int num = cmark_node_get_list_start(n);
  int bullet = cmark_node_get_list_type(n) == CMARK_BULLET_LIST;
  for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item), num++) {
    char marker[32] = "";
    if (bullet && !nb_utf8_self_numbered(item_text(item)))
      snprintf(marker, sizeof marker, "\xe2\x80\xa2 ");
    else if (!bullet && cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM)
      snprintf(marker, sizeof marker, "（%d）", num);
    else if (!bullet)
      snprintf(marker, sizeof marker, "%d.", num);
    cmark_node *c = cmark_node_first_child(item);
    if (c && cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
      paragraph(w, c, marker[0] ? marker : NULL);
      c = cmark_node_next(c);
    } else if (marker[0]) {
      para_open(w, "nbBody", NULL);
      text(w, marker, strlen(marker), NULL);
      para_close(w);
    }
    blocks(w, c, depth + 1);
  }
}

/* The text of N and everything under it, as one body paragraph (nesting past MAX_DEPTH). */
static void flat(wml *w, cmark_node *n)
{
  para_open(w, "nbBody", NULL);
  inlines(w, n);
  para_close(w);
}

static void block(wml *w, cmark_node *n, int depth)
{
  switch (cmark_node_get_type(n)) {
  case CMARK_NODE_HEADING:
    heading(w, n);
    break;
  case CMARK_NODE_PARAGRAPH:
    paragraph(w, n, NULL);
    break;
  case CMARK_NODE_LIST:
    list(w, n, depth);
    break;
  case CMARK_NODE_BLOCK_QUOTE:
    blocks(w, cmark_node_first_child(n), depth + 1);
    break;
  case CMARK_NODE_CODE_BLOCK:
    literal(w, cmark_node_get_literal(n));
    break;
  case CMARK_NODE_HTML_BLOCK:
    html_block(w, cmark_node_get_literal(n));
    break;
  case CMARK_NODE_THEMATIC_BREAK:
    para_open(w, "nbBody", NULL);
    para_close(w);
    break;
  default:
    break;
  }
}

static void blocks(wml *w, cmark_node *first, int depth)
{
  for (cmark_node *n = first; n; n = cmark_node_next(n)) {
    if (depth >= MAX_DEPTH)
      flat(w, n);
    else
      block(w, n, depth);
  }
}

int nbo_wml_body(const char *md, size_t len, unsigned area_twips, const nb_office_chart *charts,
                 size_t ncharts, nb_buf *out)
{
  xmlInitParser(); /* once, under libxml2's own lock: render calls this from several threads */
  cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_VALIDATE_UTF8);
  wml w = {out, area_twips ? area_twips : 8844, charts, ncharts, 0, 0, 0};
  blocks(&w, cmark_node_first_child(doc), 0);
  if (w.last_table || out->len == 0) { /* Word wants a paragraph after a table */
    para_open(&w, "nbBody", NULL);
    para_close(&w);
  }
  cmark_node_free(doc);
  return 0;
}
