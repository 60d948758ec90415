/* Block layout of the report on the GB/T 9704 grid.
 *
 * Body text sits on the standard grid: 22 lines of pitch height/22 a page, 28 characters of
 * pitch width/28 a line (glyphs are drawn at their point size with a small negative tracking
 * so that 28 of them fill the line). Every block starts on a grid line; a table is laid out
 * off the grid and the next block snaps back to it. Lines are filled greedily with the
 * GB/T 15834 breaker and justified by spreading the slack between characters; the last line
 * of a paragraph is not justified. */
#include "pdf/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/chart.h"
#include "pdf/grid.h"
#include "pdf/linebreak.h"
#include "pdf/tags.h"
#include "core/utf8.h"

#define BODY_SIZE 16.0   /* 3号 */
#define TITLE_SIZE 22.0  /* 2号 */
#define FOLIO_SIZE 14.0  /* 4号 */
#define ASCENT 0.88      /* baseline below the top of the em box, in em */
#define EPS 1e-6


static void add_mark(nb_pdf_layout *lay, const nb_pdf_str *s)
{
  nb_buf t = NB_BUF_INIT;
  for (size_t i = 0; i < s->n; i++) {
    char u[4];
    if (s->cp[i] != NB_PDF_HARD_BREAK)
      nb_buf_put(&t, u, nb_utf8_encode(s->cp[i], u));
  }
  NB_GROW(lay->marks, lay->nmarks, lay->capmarks, 64);
  nb_pdf_mark m = {lay->page, lay->g.page_h - lay->g.top - lay->y, nb_buf_detach(&t)};
  lay->marks[lay->nmarks++] = m;
}

/* ---- lines on the grid ---- */

typedef struct {
  double indent_first, indent_rest; /* from the block's left edge */
  double left, width;               /* the block's left edge (from the type area) and width */
  int justify, center;
} para_style;

static void snap_to_grid(nb_pdf_layout *lay)
{
  lay->y = ceil(lay->y / lay->g.pitch - EPS) * lay->g.pitch;
}

static void ensure_room(nb_pdf_layout *lay, double h)
{
  if (lay->y > EPS && lay->y + h > lay->g.height + EPS)
    nb_pdf_new_page(lay);
}

/* One grid line holding S[A..B). */
static void place_line(nb_pdf_layout *lay, const nb_pdf_str *s, size_t a, size_t b, double indent,
                       const para_style *st, int last)
{
  ensure_room(lay, lay->g.pitch);
  double avail = st->width - indent;
  double lw = nb_pdf_str_width(s, a, b);
  double x = lay->g.left + st->left + indent, extra = 0;
  if (st->center)
    x += (avail - lw) / 2;
  else if (st->justify && !last && b - a > 1 && lw < avail) {
    extra = (avail - lw) / (double)(b - a - 1);
    if (extra > s->size * NB_PDF_JUSTIFY_CAP)
      extra = 0; /* a line cut short by a long unbreakable run: leave it ragged */
  }
  double base = lay->y + (lay->g.pitch - s->size) / 2 + ASCENT * s->size;
  nb_pdf_emit(lay, s, a, b, lay->page, x, lay->g.page_h - lay->g.top - base, extra);
  lay->y += lay->g.pitch;
}

static size_t segment_end(const nb_pdf_str *s, size_t start)
{
  while (start < s->n && s->cp[start] != NB_PDF_HARD_BREAK)
    start++;
  return start;
}

/* Flows S into grid lines with style ST. */
static void flow(nb_pdf_layout *lay, const nb_pdf_str *s, const para_style *st)
{
  size_t start = 0;
  int first = 1;
  while (start < s->n) {
    size_t seg = segment_end(s, start);
    while (start < seg) {
      double indent = first ? st->indent_first : st->indent_rest;
      size_t next, end = nb_lb_fit(s->cp, s->w, start, seg, st->width - indent, &next);
      place_line(lay, s, start, end, indent, st, next >= seg);
      start = next;
      first = 0;
    }
    start = seg + 1;
    first = 0;
  }
}

/* Number of lines S takes at WIDTH. */
static size_t count_lines(const nb_pdf_str *s, double width)
{
  size_t lines = 0, start = 0;
  while (start < s->n) {
    nb_lb_fit(s->cp, s->w, start, s->n, width, &start);
    lines++;
  }
  return lines;
}

/* ---- inline content ---- */

static int is_comment(const char *html)
{
  while (*html == ' ' || *html == '\n')
    html++;
  return nb_utf8_starts_cstr(html, "<!--") != 0;
}

#define MAX_FACE_NESTING 64

/* The text of N's inlines into S: emphasis in 楷, strong in 黑, links and images as their
 * text. An iterator, not recursion, so no nesting of the input can exhaust the stack. */
static void inlines(cmark_node *n, int face, nb_pdf_str *s)
{
  int faces[MAX_FACE_NESTING]; /* the face of each open emphasis; deeper ones keep the last */
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
      else if (open++ < MAX_FACE_NESTING)
        faces[open - 1] = type == CMARK_NODE_EMPH ? NB_PDF_KAI : NB_PDF_HEI;
      continue;
    }
    if (ev != CMARK_EVENT_ENTER)
      continue;
    int f = !open ? face : faces[(open < MAX_FACE_NESTING ? open : MAX_FACE_NESTING) - 1];
    const char *lit = cmark_node_get_literal(c);
    switch (type) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      nb_pdf_str_add(s, lit, strlen(lit), f);
      break;
    case CMARK_NODE_HTML_INLINE:
      if (!is_comment(lit)) /* shown as written, never interpreted */
        nb_pdf_str_add(s, lit, strlen(lit), f);
      break;
    case CMARK_NODE_SOFTBREAK:
      nb_pdf_str_add(s, "\n", 1, f);
      break;
    case CMARK_NODE_LINEBREAK:
      nb_pdf_str_add(s, "\xe2\x80\xa8", 3, f);
      break;
    default: /* links, images: their text comes as TEXT children */
      break;
    }
  }
  cmark_iter_free(it);
}

static unsigned node_line(cmark_node *n)
{
  int l = cmark_node_get_start_line(n);
  return l > 0 ? (unsigned)l : 0;
}

/* ---- blocks ---- */

static void render_blocks(nb_pdf_layout *lay, cmark_node *first, double indent);

static double body_track(const nb_pdf_layout *lay)
{
  return lay->g.grid_char - BODY_SIZE;
}

static void render_paragraph(nb_pdf_layout *lay, cmark_node *n, double indent)
{
  nb_pdf_str s = {0};
  inlines(n, NB_PDF_SONG, &s);
  nb_pdf_str_shape(lay, &s, BODY_SIZE, body_track(lay), node_line(n));
  para_style st = {2 * lay->g.grid_char, 0, indent, lay->g.width - indent, 1, 0};
  snap_to_grid(lay);
  nb_pdf_tag_open(lay, NB_PDF_S_P);
  flow(lay, &s, &st);
  nb_pdf_tag_close(lay);
  nb_pdf_str_free(&s);
}

/* Where the year starts in a title "〈机关〉2024年…", or 0. */
static size_t year_split(const nb_pdf_str *s)
{
  for (size_t i = 1; i + 4 < s->n; i++)
    if (s->cp[i] >= '0' && s->cp[i] <= '9' && !(s->cp[i - 1] >= '0' && s->cp[i - 1] <= '9')) {
      size_t j = i;
      while (j < s->n && s->cp[j] >= '0' && s->cp[j] <= '9')
        j++;
      if (j - i == 4 && j < s->n && s->cp[j] == 0x5E74) /* 年 */
        return i;
    }
  return 0;
}

/* The title: centred lines of balanced length, breaking before the year when that works. */
static void render_title(nb_pdf_layout *lay, cmark_node *n)
{
  nb_pdf_str s = {0};
  inlines(n, NB_PDF_TITLE, &s);
  nb_pdf_str_shape(lay, &s, TITLE_SIZE, 0, node_line(n));
  s.bold = 1;
  double full = lay->g.width;
  size_t split = year_split(&s);
  para_style st = {0, 0, 0, full, 0, 1};
  snap_to_grid(lay);
  nb_pdf_tag_heading(lay, 1);
  if (nb_pdf_str_width(&s, 0, s.n) > full && split &&
      nb_pdf_str_width(&s, 0, split) <= full && nb_pdf_str_width(&s, split, s.n) <= full) {
    place_line(lay, &s, 0, split, 0, &st, 1);
    place_line(lay, &s, split, s.n, 0, &st, 1);
  } else {
    size_t lines = count_lines(&s, full);
    double lo = nb_pdf_str_width(&s, 0, s.n) / (double)lines, hi = full;
    for (int i = 0; i < 30 && hi - lo > 0.5; i++) {
      double mid = (lo + hi) / 2;
      if (count_lines(&s, mid) <= lines)
        hi = mid;
      else
        lo = mid;
    }
    size_t start = 0;
    while (start < s.n) {
      size_t next, end = nb_lb_fit(s.cp, s.w, start, s.n, hi, &next);
      place_line(lay, &s, start, end, 0, &st, 1);
      start = next;
    }
  }
  nb_pdf_tag_close(lay);
  lay->y += lay->g.pitch; /* one empty line under the title */
  nb_pdf_str_free(&s);
}

/* Grid lines a heading needs below the top of its line so that it is not left alone at the
 * foot of a page: itself and the first line after it; itself, a sub-heading and its first
 * line; or itself and a table's heading rows with a first row (about four lines). */
static int keep_with_next(cmark_node *heading)
{
  cmark_node *next = cmark_node_next(heading);
  if (!next)
    return 1;
  if (cmark_node_get_type(next) == CMARK_NODE_HEADING)
    return 3;
  if (cmark_node_get_type(next) == CMARK_NODE_HTML_BLOCK) {
    const char *p = cmark_node_get_literal(next);
    while (p && (*p == ' ' || *p == '\n'))
      p++;
    if (p && nb_utf8_starts_cstr(p, "<table"))
      return 5;
  }
  return 2;
}

/* The height of the table that follows HEADING when it fits on one page (so that the
 * heading goes with it to the next page rather than stay alone), else 0. */
static double table_after(nb_pdf_layout *lay, cmark_node *heading)
{
  cmark_node *next = cmark_node_next(heading);
  if (!next || cmark_node_get_type(next) != CMARK_NODE_HTML_BLOCK)
    return 0;
  const char *html = cmark_node_get_literal(next), *p = html;
  while (p && (*p == ' ' || *p == '\n'))
    p++;
  if (!p || strncmp(p, "<table", 6) != 0)
    return 0;
  char *err = NULL;
  unsigned err_line = 0;
  nb_pdf_table *t = nb_pdf_table_parse(html, strlen(html), node_line(next), &err, &err_line);
  free(err);
  if (!t)
    return 0;
  double h = nb_pdf_grid_height(lay, t);
  nb_pdf_table_free(t);
  return h <= lay->g.height - 2 * lay->g.pitch ? h : 0;
}

static void render_heading(nb_pdf_layout *lay, cmark_node *n, double indent)
{
  int level = cmark_node_get_heading_level(n);
  if (level == 1 && lay->nruns == 0) {
    render_title(lay, n);
    return;
  }
  int face = level == 2 ? NB_PDF_HEI : level == 3 ? NB_PDF_KAI : NB_PDF_SONG;
  nb_pdf_str s = {0};
  inlines(n, face, &s);
  nb_pdf_str_shape(lay, &s, BODY_SIZE, body_track(lay), node_line(n));
  para_style st = {2 * lay->g.grid_char, 0, indent, lay->g.width - indent, 0, 0};
  snap_to_grid(lay);
  ensure_room(lay, keep_with_next(n) * lay->g.pitch);
  double table = table_after(lay, n);
  if (table > 0)
    ensure_room(lay, lay->g.pitch * 1.25 + table);
  if (level <= 2)
    add_mark(lay, &s);
  nb_pdf_tag_heading(lay, level);
  flow(lay, &s, &st);
  nb_pdf_tag_close(lay);
  nb_pdf_str_free(&s);
}

/* Raw text (code blocks, HTML that is not a table): each source line flows on its own. */
static void render_literal(nb_pdf_layout *lay, const char *text, unsigned line, double indent)
{
  para_style st = {0, 0, indent, lay->g.width - indent, 0, 0};
  snap_to_grid(lay);
  nb_pdf_tag_open(lay, NB_PDF_S_P);
  while (*text) {
    const char *nl = strchr(text, '\n');
    size_t len = nl ? (size_t)(nl - text) : strlen(text);
    nb_pdf_str s = {0};
    nb_pdf_str_add(&s, text, len, NB_PDF_SONG);
    nb_pdf_str_shape(lay, &s, BODY_SIZE, body_track(lay), line);
    if (s.n == 0)
      lay->y += lay->g.pitch;
    flow(lay, &s, &st);
    nb_pdf_str_free(&s);
    text += len + (nl ? 1 : 0);
    line++;
  }
  nb_pdf_tag_close(lay);
}

static void render_html(nb_pdf_layout *lay, cmark_node *n, double indent)
{
  const char *html = cmark_node_get_literal(n);
  const char *p = html;
  while (*p == ' ' || *p == '\n')
    p++;
  if (nb_utf8_starts_cstr(p, "<table")) {
    char *err = NULL;
    unsigned err_line = 0;
    nb_pdf_table *t = nb_pdf_table_parse(html, strlen(html), node_line(n), &err, &err_line);
    if (t) {
      lay->y += lay->g.pitch / 4;
      nb_pdf_grid_layout(lay, t);
      lay->y += lay->g.pitch / 4;
      nb_pdf_table_free(t);
      return;
    }
    nb_diag *g = nb_diag_add(lay->diags, NB_SEV_WARNING, "NB506", err_line, 0,
                             "表格无法排版：%s；已按原文显示", err);
    nb_diag_hint(g, "表格只能使用 table/thead/tbody/tr/th/td 及 colspan、rowspan、scope、"
                    "class 属性，表格内不能有空行");
    free(err);
  } else if (is_comment(html)) {
    return;
  } else {
    nb_diag_add(lay->diags, NB_SEV_WARNING, "NB507", node_line(n), 0,
                "PDF 不解释这段 HTML，已按原文显示");
  }
  render_literal(lay, html, node_line(n), indent);
}

/* List marker of the item numbered NUM: "1." / "（1）" / "•". */
static void list_marker(cmark_node *list, int num, nb_buf *out)
{
  if (cmark_node_get_list_type(list) == CMARK_BULLET_LIST)
    nb_buf_puts(out, "\xe2\x80\xa2 ");
  else if (cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM)
    nb_buf_printf(out, "（%d）", num);
  else
    nb_buf_printf(out, "%d.", num);
}

/* The first text of ITEM's first paragraph, or "". */
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

/* A bullet item that carries its own number ("- （一）…", "- 1、…", as reports write them) is
 * set as a body paragraph, without the bullet; other items hang after their marker. */
static void render_item(nb_pdf_layout *lay, cmark_node *list, cmark_node *item, int num,
                        double indent)
{
  nb_buf marker = NB_BUF_INIT;
  int own = cmark_node_get_list_type(list) == CMARK_BULLET_LIST && nb_utf8_self_numbered(item_text(item));
  if (!own)
    list_marker(list, num, &marker);
  double hang = 0;
  int first = 1;
  nb_pdf_tag_open(lay, NB_PDF_S_LI);
  nb_pdf_tag_open(lay, NB_PDF_S_LBODY);
  for (cmark_node *c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
    if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH) {
      render_blocks(lay, c, indent + 2 * lay->g.grid_char); /* this block and the rest */
      break;
    }
    nb_pdf_str s = {0};
    if (first && marker.len)
      nb_pdf_str_add(&s, marker.data, marker.len, NB_PDF_SONG);
    size_t mlen = s.n;
    inlines(c, NB_PDF_SONG, &s);
    nb_pdf_str_shape(lay, &s, BODY_SIZE, body_track(lay), node_line(c));
    if (first)
      hang = nb_pdf_str_width(&s, 0, mlen < s.n ? mlen : s.n);
    double lead = 2 * lay->g.grid_char, rest = own ? 0 : lead + hang;
    para_style st = {first || own ? lead : rest, rest, indent, lay->g.width - indent, 1, 0};
    snap_to_grid(lay);
    nb_pdf_tag_open(lay, NB_PDF_S_P);
    flow(lay, &s, &st);
    nb_pdf_tag_close(lay);
    nb_pdf_str_free(&s);
    first = 0;
  }
  nb_pdf_tag_close(lay);
  nb_pdf_tag_close(lay);
  nb_buf_free(&marker);
}

static void render_list(nb_pdf_layout *lay, cmark_node *n, double indent)
{
  int num = cmark_node_get_list_start(n);
  nb_pdf_tag_open(lay, NB_PDF_S_L);
  for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item))
    render_item(lay, n, item, num++, indent);
  nb_pdf_tag_close(lay);
}

/* Chart C as a Figure element: its paths and labels are the figure's content, its caption
 * and figures in words the alternative text. */
static void place_figure(nb_pdf_layout *lay, const nb_pdf_chart *c)
{
  int fig = nb_pdf_tag_open(lay, NB_PDF_S_FIGURE);
  lay->elems[fig].caption = c->caption;
  lay->elems[fig].alt = c->alt;
  nb_pdf_chart_place(lay, c);
  nb_pdf_tag_close(lay);
}

static void render_block(nb_pdf_layout *lay, cmark_node *n, double indent)
{
  switch (cmark_node_get_type(n)) {
  case CMARK_NODE_HEADING:
    render_heading(lay, n, indent);
    break;
  case CMARK_NODE_PARAGRAPH:
    if (nb_pdf_chart_of(lay, n))
      place_figure(lay, nb_pdf_chart_of(lay, n));
    else
      render_paragraph(lay, n, indent);
    break;
  case CMARK_NODE_LIST:
    render_list(lay, n, indent);
    break;
  case CMARK_NODE_BLOCK_QUOTE:
    nb_pdf_tag_open(lay, NB_PDF_S_QUOTE);
    render_blocks(lay, cmark_node_first_child(n), indent + 2 * lay->g.grid_char);
    nb_pdf_tag_close(lay);
    break;
  case CMARK_NODE_CODE_BLOCK:
    render_literal(lay, cmark_node_get_literal(n), node_line(n) + 1, indent);
    break;
  case CMARK_NODE_HTML_BLOCK:
    render_html(lay, n, indent);
    break;
  case CMARK_NODE_THEMATIC_BREAK: {
    snap_to_grid(lay);
    ensure_room(lay, lay->g.pitch);
    double y = lay->g.page_h - lay->g.top - lay->y - lay->g.pitch / 2;
    nb_pdf_add_rule(lay, lay->page, lay->g.left + indent, y, lay->g.left + lay->g.width, y, 0.5);
    lay->y += lay->g.pitch;
    break;
  }
  default:
    break;
  }
}

#define MAX_BLOCK_NESTING 32

static void render_blocks(nb_pdf_layout *lay, cmark_node *first, double indent)
{
  if (lay->depth >= MAX_BLOCK_NESTING) {
    /* checked data never gets here (lint refuses deeper Markdown, NB215); other callers do */
    nb_diag_add(lay->diags, NB_SEV_WARNING, "NB508", node_line(first), 0,
                "引用、列表嵌套超过 %d 层，更深的内容没有排入 PDF", MAX_BLOCK_NESTING);
    return;
  }
  if (indent > lay->g.width / 2) /* deep nesting must still leave room for text */
    indent = lay->g.width / 2;
  lay->depth++;
  for (cmark_node *n = first; n; n = cmark_node_next(n))
    render_block(lay, n, indent);
  lay->depth--;
}

/* The plain text of paragraph N when it is one text node, else NULL. */
static const char *plain_paragraph(cmark_node *n)
{
  if (!n || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
    return NULL;
  cmark_node *t = cmark_node_first_child(n);
  if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT)
    return NULL;
  return cmark_node_get_literal(t);
}

/* A 署名 line: at most 24 characters, no sentence punctuation. */
static int signature_line(const char *t)
{
  if (!t || strstr(t, "。") || strstr(t, "，") || strstr(t, "；") || strstr(t, "："))
    return 0;
  size_t n = 0, len = strlen(t);
  for (size_t k = 0; k < len; n++) {
    uint32_t cp;
    k += nb_utf8_decode(t + k, len - k, &cp);
  }
  return n > 0 && n <= 24;
}

/* A 成文日期: "2025年1月20日" (or in Chinese numerals), nothing else. */
static int date_line(const char *t)
{
  static const uint32_t marks[3] = {0x5E74, 0x6708, 0x65E5}; /* 年 月 日 */
  static const uint32_t hanzi[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                   0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341}; /* 〇一…十 */
  if (!t)
    return 0;
  size_t len = strlen(t), k = 0;
  for (int part = 0; part < 3; part++) {
    size_t digits = 0;
    uint32_t cp = 0;
    while (k < len) {
      k += nb_utf8_decode(t + k, len - k, &cp);
      int digit = cp >= '0' && cp <= '9';
      for (size_t i = 0; i < sizeof hanzi / sizeof hanzi[0]; i++)
        digit |= cp == hanzi[i];
      if (!digit)
        break;
      digits++;
    }
    if (!digits || cp != marks[part])
      return 0;
  }
  return k == len;
}

/* The first paragraph of the report's closing 署名 (the body's name, then the date when
 * there is one), or NULL: the last one or two top-level paragraphs, when they look so. */
static cmark_node *signature_start(cmark_node *doc)
{
  cmark_node *last = cmark_node_last_child(doc);
  const char *t = plain_paragraph(last);
  if (date_line(t)) {
    cmark_node *prev = cmark_node_previous(last);
    return signature_line(plain_paragraph(prev)) ? prev : last;
  }
  return signature_line(t) ? last : NULL;
}

/* The 署名 from SIG on, per GB/T 9704-2012 7.3.5.2 (no seal): one empty line under the
 * text, the body's name two characters in from the right, the date on the next line starting
 * two characters right of the name's first; a date longer than that ends two characters in
 * from the right and moves the name left. */
static void render_signature(nb_pdf_layout *lay, cmark_node *sig)
{
  cmark_node *date = cmark_node_next(sig);
  nb_pdf_str name = {0}, when = {0};
  const char *t = plain_paragraph(sig);
  nb_pdf_str_add(&name, t, strlen(t), NB_PDF_SONG);
  nb_pdf_str_shape(lay, &name, BODY_SIZE, body_track(lay), node_line(sig));
  /* the grid's extra space after a line's last character is not part of it */
  double track = body_track(lay), two = 2 * lay->g.grid_char, right = lay->g.width - two;
  double x_name = right - (nb_pdf_str_width(&name, 0, name.n) - track), x_date = 0;
  if (date) {
    t = plain_paragraph(date);
    nb_pdf_str_add(&when, t, strlen(t), NB_PDF_SONG);
    nb_pdf_str_shape(lay, &when, BODY_SIZE, body_track(lay), node_line(date));
    double w = nb_pdf_str_width(&when, 0, when.n) - track;
    x_date = x_name + two;
    if (x_date + w > right) {
      x_date = right - w;
      x_name = x_date - two;
    }
  }
  snap_to_grid(lay);
  lay->y += lay->g.pitch;
  ensure_room(lay, (date ? 2 : 1) * lay->g.pitch);
  para_style st = {x_name, x_name, 0, lay->g.width, 0, 0};
  nb_pdf_tag_open(lay, NB_PDF_S_P);
  flow(lay, &name, &st);
  nb_pdf_tag_close(lay);
  if (date) {
    st.indent_first = st.indent_rest = x_date;
    nb_pdf_tag_open(lay, NB_PDF_S_P);
    flow(lay, &when, &st);
    nb_pdf_tag_close(lay);
  }
  nb_pdf_str_free(&name);
  nb_pdf_str_free(&when);
}

/* "— N —", 7 mm under the type area; odd pages right, even pages left, one character in. */
static void page_numbers(nb_pdf_layout *lay)
{
  double below = 7.0 * 72.0 / 25.4;
  lay->cur = -1; /* decoration: artifacts */
  double base = lay->g.page_h - lay->g.top - lay->g.height - below - ASCENT * FOLIO_SIZE;
  for (unsigned p = 0; p <= lay->page; p++) {
    char text[48];
    snprintf(text, sizeof text, "\xe2\x80\x94 %u \xe2\x80\x94", p + 1);
    nb_pdf_str s = {0};
    nb_pdf_str_add(&s, text, strlen(text), NB_PDF_SONG);
    nb_pdf_str_shape(lay, &s, FOLIO_SIZE, 0, 0);
    double w = nb_pdf_str_width(&s, 0, s.n);
    double x = p % 2 == 0 ? lay->g.left + lay->g.width - FOLIO_SIZE - w : lay->g.left + FOLIO_SIZE;
    nb_pdf_emit(lay, &s, 0, s.n, p, x, base, 0);
    nb_pdf_str_free(&s);
  }
}

nb_pdf_layout *nb_pdf_layout_document(cmark_node *doc, const nb_font *const *font,
                                      const nb_pdf_geom *g, nb_diags *diags)
{
  return nb_pdf_layout_charts(doc, font, g, NULL, 0, diags);
}

nb_pdf_layout *nb_pdf_layout_charts(cmark_node *doc, const nb_font *const *font,
                                    const nb_pdf_geom *g, const nb_pdf_chart *charts,
                                    size_t ncharts, nb_diags *diags)
{
  nb_pdf_layout *lay = nb_xcalloc(1, sizeof *lay);
  lay->charts = charts;
  lay->ncharts = ncharts;
  for (int f = 0; f < NB_PDF_NFACES; f++)
    lay->font[f] = font[f];
  lay->diags = diags;
  lay->g = *g;
  lay->cur = -1;
  nb_pdf_tag_open(lay, NB_PDF_S_DOCUMENT);
  cmark_node *sig = signature_start(doc);
  for (cmark_node *n = cmark_node_first_child(doc); n && n != sig; n = cmark_node_next(n))
    render_block(lay, n, 0);
  if (sig)
    render_signature(lay, sig);
  page_numbers(lay);
  return lay;
}

unsigned nb_pdf_layout_pages(const nb_pdf_layout *lay)
{
  return lay->page + 1;
}

void nb_pdf_layout_free(nb_pdf_layout *lay)
{
  if (!lay)
    return;
  for (size_t i = 0; i < lay->nruns; i++)
    free(lay->runs[i].text);
  for (size_t i = 0; i < lay->nmarks; i++)
    free(lay->marks[i].title);
  for (size_t i = 0; i < lay->nshapes; i++)
    free(lay->shapes[i].path);
  free(lay->shapes);
  free(lay->figures);
  free(lay->runs);
  free(lay->rules);
  free(lay->marks);
  free(lay->elems);
  free(lay->warned);
  free(lay);
}
