/* nb_graphic: SVG → librsvg → cairo PDF and PNG surfaces (see graphic/graphic.h). */
#include "graphic/graphic.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>
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

/* Appends one PNG chunk (length, type, data, CRC) to OUT. */
static void png_chunk(nb_buf *out, const char type[4], const unsigned char *data, size_t len)
{
  unsigned char be[4] = {(unsigned char)(len >> 24), (unsigned char)(len >> 16),
                         (unsigned char)(len >> 8), (unsigned char)len};
  nb_buf_put(out, (const char *)be, 4);
  nb_buf_put(out, type, 4);
  if (len)
    nb_buf_put(out, (const char *)data, len);
  uLong crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)type, 4);
  if (len) /* crc32 of a null buffer is the initial value, not a continuation */
    crc = crc32(crc, data, (uInt)len);
  unsigned char c[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
                        (unsigned char)(crc >> 8), (unsigned char)crc};
  nb_buf_put(out, (const char *)c, 4);
}

/* The RGB24 surface S as an 8-bit RGB PNG. cairo's own writer compresses at zlib's default
 * level, which takes longer than drawing the poster; a flat poster compresses almost as well
 * at the fastest level with the Sub filter. */
static int encode_png(cairo_surface_t *s, nb_buf *out)
{
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  int stride = cairo_image_surface_get_stride(s);
  const unsigned char *px = cairo_image_surface_get_data(s);
  size_t row = 1 + 3 * (size_t)w, raw_len = row * (size_t)h;
  unsigned char *raw = nb_xmalloc(raw_len);
  for (int y = 0; y < h; y++) {
    const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
    unsigned char *d = raw + (size_t)y * row;
    d[0] = 1; /* Sub: each byte minus the one three to its left */
    unsigned char prev[3] = {0, 0, 0};
    for (int x = 0; x < w; x++) {
      unsigned char rgb[3] = {(unsigned char)(src[x] >> 16), (unsigned char)(src[x] >> 8),
                              (unsigned char)src[x]};
      for (int k = 0; k < 3; k++) {
        d[1 + 3 * x + k] = (unsigned char)(rgb[k] - prev[k]);
        prev[k] = rgb[k];
      }
    }
  }
  uLongf zlen = compressBound((uLong)raw_len);
  unsigned char *z = nb_xmalloc(zlen);
  int rc = compress2(z, &zlen, raw, (uLong)raw_len, 1) == Z_OK ? 0 : -1;
  if (rc == 0) {
    unsigned char ihdr[13] = {(unsigned char)(w >> 24), (unsigned char)(w >> 16),
                              (unsigned char)(w >> 8), (unsigned char)w,
                              (unsigned char)(h >> 24), (unsigned char)(h >> 16),
                              (unsigned char)(h >> 8), (unsigned char)h, 8, 2, 0, 0, 0};
    nb_buf_put(out, "\x89PNG\r\n\x1a\n", 8);
    png_chunk(out, "IHDR", ihdr, sizeof ihdr);
    png_chunk(out, "IDAT", z, zlen);
    png_chunk(out, "IEND", NULL, 0);
  }
  free(raw);
  free(z);
  return rc;
}

static int write_png(RsvgHandle *h, double w, double hgt, int width, nb_buf *out,
                     nb_diags *diags)
{
  double scale = width > 0 ? width / w : 1;
  int pw = (int)(w * scale + 0.5), ph = (int)(hgt * scale + 0.5);
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
  cairo_t *cr = cairo_create(s);
  cairo_scale(cr, scale, scale);
  int rc = draw(h, cr, w, hgt, diags);
  cairo_destroy(cr);
  if (rc == 0)
    rc = surface_error(s, "PNG", diags);
  cairo_surface_flush(s);
  if (rc == 0 && encode_png(s, out) != 0) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB521", 0, 0, "图解的 PNG 无法写出");
    rc = -1;
  }
  cairo_surface_destroy(s);
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
