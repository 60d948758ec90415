/* pdf/chart: charts as vector drawings in the layout (see pdf/chart.h). */
#include "pdf/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

#define CAPTION_SIZE 14.0 /* 4号, 黑 */
#define ASCENT 0.88
#define DEG (3.14159265358979323846 / 180.0)

/* Maps the chart's user units onto the page. */
typedef struct {
  double x0, y0; /* page coordinates of the viewBox's top-left corner */
  double s;      /* points per user unit */
} frame;

static double fx(const frame *f, double ux)
{
  return f->x0 + ux * f->s;
}

static double fy(const frame *f, double uy)
{
  return f->y0 - uy * f->s;
}

const nb_pdf_chart *nb_pdf_chart_of(const nb_pdf_layout *lay, cmark_node *n)
{
  cmark_node *img = cmark_node_first_child(n);
  if (!lay->ncharts || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH || !img ||
      cmark_node_next(img) || cmark_node_get_type(img) != CMARK_NODE_IMAGE)
    return NULL;
  const char *url = cmark_node_get_url(img);
  for (size_t i = 0; url && i < lay->ncharts; i++)
    if (lay->charts[i].file && strcmp(lay->charts[i].file, url) == 0)
      return &lay->charts[i];
  return NULL;
}

static void add_shape(nb_pdf_layout *lay, unsigned rgb, int stroke, double width, nb_buf *path)
{
  NB_GROW(lay->shapes, lay->nshapes, lay->capshapes, 16);
  nb_pdf_shape sh = {lay->page, rgb, stroke, width, nb_buf_detach(path), lay->cur};
  lay->shapes[lay->nshapes++] = sh;
}

/* The arc of radius R around (CX, CY) from A0 to A1 (degrees clockwise from 12 o'clock,
 * either direction), as Bézier curves of at most 90° each, continuing the current path. */
static void arc(nb_buf *b, double cx, double cy, double r, double a0, double a1)
{
  int segs = (int)ceil(fabs(a1 - a0) / 90.0 - 1e-9);
  if (segs < 1)
    segs = 1;
  double step = (a1 - a0) / segs;
  for (int i = 0; i < segs; i++) {
    /* in the usual counter-clockwise angle from the x axis, y up */
    double t0 = (90.0 - (a0 + step * i)) * DEG, t1 = (90.0 - (a0 + step * (i + 1))) * DEG;
    double k = 4.0 / 3.0 * tan((t1 - t0) / 4);
    nb_buf_printf(b, "%.2f %.2f %.2f %.2f %.2f %.2f c\n",
                  cx + r * (cos(t0) - k * sin(t0)), cy + r * (sin(t0) + k * cos(t0)),
                  cx + r * (cos(t1) + k * sin(t1)), cy + r * (sin(t1) - k * cos(t1)),
                  cx + r * cos(t1), cy + r * sin(t1));
  }
}

static void move_to_angle(nb_buf *b, double cx, double cy, double r, double a, const char *op)
{
  nb_buf_printf(b, "%.2f %.2f %s\n", cx + r * sin(a * DEG), cy + r * cos(a * DEG), op);
}

/* One donut slice: outer arc forward, inner arc back; a whole ring as two circles. */
static void slice(nb_pdf_layout *lay, const frame *f, const nb_pdf_chart *c,
                  const nb_pdf_chart_item *it)
{
  double cx = fx(f, c->cx), cy = fy(f, c->cy), r = c->r * f->s, ri = c->r_inner * f->s;
  nb_buf b = NB_BUF_INIT;
  if (it->end - it->start >= 359.995) {
    move_to_angle(&b, cx, cy, r, 0, "m");
    arc(&b, cx, cy, r, 0, 360);
    nb_buf_puts(&b, "h\n");
    move_to_angle(&b, cx, cy, ri, 0, "m");
    arc(&b, cx, cy, ri, 360, 0);
  } else {
    move_to_angle(&b, cx, cy, r, it->start, "m");
    arc(&b, cx, cy, r, it->start, it->end);
    move_to_angle(&b, cx, cy, ri, it->end, "l");
    arc(&b, cx, cy, ri, it->end, it->start);
  }
  nb_buf_puts(&b, "h\n");
  add_shape(lay, it->rgb, 0, 0.75, &b);
}

static void polyline(nb_pdf_layout *lay, const frame *f, const double *pt, int n)
{
  nb_buf b = NB_BUF_INIT;
  for (int i = 0; i < n; i++)
    nb_buf_printf(&b, "%.2f %.2f %s\n", fx(f, pt[2 * i]), fy(f, pt[2 * i + 1]), i ? "l" : "m");
  add_shape(lay, 0x595959, 1, 0.6, &b);
}

static void rect(nb_pdf_layout *lay, const frame *f, double x, double y, double w, double h,
                 unsigned rgb)
{
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%.2f %.2f %.2f %.2f re\n", fx(f, x), fy(f, y + h), w * f->s, h * f->s);
  add_shape(lay, rgb, 0, 0, &b);
}

/* TEXT at user position (X, BASELINE) in face FACE at SIZE user units, ending at X when
 * END. */
static void label(nb_pdf_layout *lay, const frame *f, const char *text, int face, double size,
                  double x, double baseline, int end)
{
  nb_pdf_str s = {0};
  nb_pdf_str_add(&s, text, strlen(text), face);
  nb_pdf_str_shape(lay, &s, size * f->s, 0, 0);
  double px = fx(f, x);
  if (end)
    px -= nb_pdf_str_width(&s, 0, s.n);
  nb_pdf_emit(lay, &s, 0, s.n, lay->page, px, fy(f, baseline), 0);
  nb_pdf_str_free(&s);
}

static void draw_pie(nb_pdf_layout *lay, const frame *f, const nb_pdf_chart *c)
{
  for (size_t i = 0; i < c->n; i++)
    slice(lay, f, c, &c->items[i]);
  for (size_t i = 0; i < c->n; i++) {
    const nb_pdf_chart_item *it = &c->items[i];
    polyline(lay, f, it->leader, 3);
    label(lay, f, it->label, NB_PDF_SONG, c->name_size, it->text_x, it->name_y, it->anchor_end);
    label(lay, f, it->figures, NB_PDF_SONG, c->figure_size, it->text_x, it->figure_y,
          it->anchor_end);
  }
  if (c->centre) {
    nb_pdf_str s = {0};
    nb_pdf_str_add(&s, c->centre, strlen(c->centre), NB_PDF_SONG);
    nb_pdf_str_shape(lay, &s, c->figure_size * f->s, 0, 0);
    double w = nb_pdf_str_width(&s, 0, s.n);
    nb_pdf_emit(lay, &s, 0, s.n, lay->page, fx(f, c->cx) - w / 2,
                fy(f, c->cy) - c->figure_size * f->s * 0.35, 0);
    nb_pdf_str_free(&s);
  }
}

static void draw_bars(nb_pdf_layout *lay, const frame *f, const nb_pdf_chart *c)
{
  double axis[4] = {c->bar_x, 2, c->bar_x, c->height};
  polyline(lay, f, axis, 2);
  for (size_t i = 0; i < c->n; i++) {
    const nb_pdf_chart_item *it = &c->items[i];
    if (it->bar_w > 0)
      rect(lay, f, c->bar_x, it->bar_y, it->bar_w, c->bar_h, it->rgb);
    label(lay, f, it->label, NB_PDF_SONG, c->name_size, it->text_x, it->name_y, 1);
    label(lay, f, it->figures, NB_PDF_SONG, c->figure_size, it->value_x, it->name_y, 0);
  }
}

/* The caption, centred on one grid line whose top is TOP (from the type area's top). */
static void caption(nb_pdf_layout *lay, const char *text, double top)
{
  nb_pdf_str s = {0};
  nb_pdf_str_add(&s, text, strlen(text), NB_PDF_HEI);
  nb_pdf_str_shape(lay, &s, CAPTION_SIZE, 0, 0);
  double w = nb_pdf_str_width(&s, 0, s.n);
  double base = top + (lay->g.pitch - CAPTION_SIZE) / 2 + ASCENT * CAPTION_SIZE;
  nb_pdf_emit(lay, &s, 0, s.n, lay->page, lay->g.left + (lay->g.width - w) / 2,
              lay->g.page_h - lay->g.top - base, 0);
  nb_pdf_str_free(&s);
}

void nb_pdf_chart_place(nb_pdf_layout *lay, const nb_pdf_chart *c)
{
  const nb_pdf_geom *g = &lay->g;
  if (!(c->width > 0) || !(c->height > 0))
    return;
  /* the type area's width, or less so that chart and caption fit on one page */
  double s = g->width / c->width;
  double room = g->height - 2 * g->pitch;
  if (c->height * s > room)
    s = room / c->height;
  lay->y = ceil(lay->y / g->pitch - 1e-6) * g->pitch; /* back on the grid */
  double h = ceil(c->height * s / g->pitch - 1e-6) * g->pitch; /* whole grid lines */
  if (lay->y > 1e-6 && lay->y + h + g->pitch > g->height + 1e-6)
    nb_pdf_new_page(lay);
  frame f = {g->left + (g->width - c->width * s) / 2,
             g->page_h - g->top - lay->y - (h - c->height * s) / 2, s};
  if (c->pie)
    draw_pie(lay, &f, c);
  else
    draw_bars(lay, &f, c);
  NB_GROW(lay->figures, lay->nfigures, lay->capfigures, 4);
  nb_pdf_figure fig = {lay->page, fx(&f, 0), fy(&f, c->height), fx(&f, c->width), f.y0, c->alt};
  lay->figures[lay->nfigures++] = fig;
  caption(lay, c->caption ? c->caption : "", lay->y + h);
  lay->y += h + g->pitch;
}
