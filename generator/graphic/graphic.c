/* nb_graphic: SVG → librsvg → cairo PDF and PNG surfaces (see graphic/graphic.h). */
#include "graphic/graphic.h"

#include "graphic/png.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
  nb_buf_put(closure, (const char *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws H onto CR over WIDTH × HEIGHT, white underneath. */
static int draw(RsvgHandle *h, cairo_t *cr, double width, double height, nb_diags *diags)
{
  GError *err = NULL;
  RsvgRectangle viewport = {0, 0, width, height};
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  if (!rsvg_handle_render_document(h, cr, &viewport, &err)) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB520", 0, 0, "图解无法绘制：%s",
                err ? err->message : "librsvg 出错");
    g_clear_error(&err);
    return -1;
  }
  return 0;
}

static int surface_error(cairo_surface_t *s, const char *what, nb_diags *diags)
{
  cairo_status_t st = cairo_surface_status(s);
  if (st == CAIRO_STATUS_SUCCESS)
    return 0;
  nb_diag_add(diags, NB_SEV_ERROR, "NB521", 0, 0, "图解的 %s 无法生成：%s", what,
              cairo_status_to_string(st));
  return -1;
}

/* "2025-01-20T00:00:00Z" of EPOCH (1970-01-01 when not positive). */
static void iso_date(long long epoch, char out[32])
{
  time_t t = (time_t)(epoch > 0 ? epoch : 0);
  struct tm tm;
  if (!gmtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
    snprintf(out, 32, "1970-01-01T00:00:00Z");
}

static int write_pdf(RsvgHandle *h, double w, double hgt, const nb_graphic_opts *o, nb_buf *out,
                     nb_diags *diags)
{
  /* one SVG unit is one CSS pixel: 0.75 pt */
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, w * 0.75, hgt * 0.75);
  char date[32];
  iso_date(o ? o->epoch : 0, date);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "nianbao " NB_VERSION);
  if (o && o->title)
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, o->title);
  if (o && o->author)
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, o->author);
  cairo_t *cr = cairo_create(s);
  cairo_scale(cr, 0.75, 0.75);
  int rc = draw(h, cr, w, hgt, diags);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  if (rc == 0)
    rc = surface_error(s, "PDF", diags);
  cairo_surface_destroy(s);
  return rc;
}

enum { BAND_ROWS = 256 }; /* the PNG is drawn this many pixel rows at a time */

/* Replays the recorded poster REC onto the band S whose first row is Y0 of the image. */
static int draw_band(cairo_surface_t *rec, cairo_surface_t *s, int y0, nb_diags *diags)
{
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_surface(cr, rec, 0, -y0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  return surface_error(s, "PNG", diags);
}

/* The poster as a PNG WIDTH pixels wide (graphic/png.h). librsvg draws it once into a
 * recording (drawing operations, not pixels), which is replayed onto bands of BAND_ROWS rows,
 * each encoded at once: only a band (1 MB) is held, not the whole 8 MB image, as nianbao site
 * draws a poster on every core. */
static int write_png(RsvgHandle *h, double w, double hgt, int width, nb_buf *out,
                     nb_diags *diags)
{
  double scale = width > 0 ? width / w : 1;
  int pw = (int)(w * scale + 0.5), ph = (int)(hgt * scale + 0.5);
  int bh = ph < BAND_ROWS ? ph : BAND_ROWS;
  cairo_rectangle_t extents = {0, 0, pw, ph};
  cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &extents);
  cairo_t *cr = cairo_create(rec);
  cairo_scale(cr, scale, scale);
  int rc = draw(h, cr, w, hgt, diags);
  cairo_destroy(cr);
  nb_graphic_png *enc = nb_graphic_png_new(pw, ph, out);
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, bh);
  for (int y0 = 0; rc == 0 && y0 < ph; y0 += bh) {
    rc = draw_band(rec, s, y0, diags);
    if (rc == 0)
      nb_graphic_png_rows(enc, cairo_image_surface_get_data(s), cairo_image_surface_get_stride(s),
                          ph - y0 < bh ? ph - y0 : bh);
  }
  if (rc == 0 && nb_graphic_png_finish(enc) != 0) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB521", 0, 0, "图解的 PNG 无法写出");
    rc = -1;
  }
  nb_graphic_png_free(enc); /* OUT as it was, when unfinished */
  cairo_surface_destroy(s);
  cairo_surface_destroy(rec);
  return rc;
}

int nb_graphic_render(const char *svg, size_t len, const nb_graphic_opts *opts, nb_buf *pdf,
                      nb_buf *png, nb_diags *diags)
{
  GError *err = NULL;
  RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)svg, len, &err);
  if (!h) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB520", 0, 0, "图解无法读取：%s",
                err ? err->message : "librsvg 出错");
    g_clear_error(&err);
    return -1;
  }
  double w = 0, hgt = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hgt) || w <= 0 || hgt <= 0) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB520", 0, 0, "图解没有确定的宽度和高度");
    g_object_unref(h);
    return -1;
  }
  int rc = 0;
  if (pdf)
    rc = write_pdf(h, w, hgt, opts, pdf, diags);
  if (rc == 0 && png)
    rc = write_png(h, w, hgt, opts ? opts->png_width : 0, png, diags);
  g_object_unref(h);
  return rc;
}
