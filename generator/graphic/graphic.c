/* nb_graphic: SVG → librsvg → cairo PDF and PNG surfaces (see graphic/graphic.h). */
#include "graphic/graphic.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Row Y of the RGB24 surface pixels PX (STRIDE bytes a row, W pixels) as a PNG scanline
 * with the Sub filter (each byte minus the one three to its left) into D (1 + 3 W bytes). */
static void sub_row(const unsigned char *px, int stride, int w, int y, unsigned char *d)
{
  const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
  unsigned char prev[3] = {0, 0, 0};
  d[0] = 1;
  for (int x = 0; x < w; x++) {
    unsigned char rgb[3] = {(unsigned char)(src[x] >> 16), (unsigned char)(src[x] >> 8),
                            (unsigned char)src[x]};
    for (int k = 0; k < 3; k++) {
      d[1 + 3 * x + k] = (unsigned char)(rgb[k] - prev[k]);
      prev[k] = rgb[k];
    }
  }
}

/* The PNG's image data, deflated a row at a time as the bands of the poster are drawn. */
typedef struct {
  z_stream zs;
  nb_buf z;            /* the compressed bytes */
  unsigned char *line; /* one filtered row */
  size_t row;
} png_rows;

/* Feeds N bytes of IN (FINISH: the last) to P's stream. Returns 0 or -1. */
static int rows_put(png_rows *p, unsigned char *in, size_t n, int finish)
{
  unsigned char chunk[16384];
  int rc;
  p->zs.next_in = in;
  p->zs.avail_in = (uInt)n;
  do {
    p->zs.next_out = chunk;
    p->zs.avail_out = sizeof chunk;
    rc = deflate(&p->zs, finish ? Z_FINISH : Z_NO_FLUSH);
    nb_buf_put(&p->z, (const char *)chunk, sizeof chunk - p->zs.avail_out);
  } while (rc == Z_OK && p->zs.avail_out == 0);
  return finish ? (rc == Z_STREAM_END ? 0 : -1) : (rc == Z_OK || rc == Z_BUF_ERROR ? 0 : -1);
}

/* The first ROWS rows of the band S, filtered, into P's stream. */
static int rows_band(png_rows *p, cairo_surface_t *s, int rows)
{
  int w = cairo_image_surface_get_width(s), stride = cairo_image_surface_get_stride(s);
  const unsigned char *px = cairo_image_surface_get_data(s);
  int rc = 0;
  for (int y = 0; rc == 0 && y < rows; y++) {
    sub_row(px, stride, w, y, p->line);
    rc = rows_put(p, p->line, p->row, 0);
  }
  return rc;
}

/* The PNG of W × H pixels whose image data P holds, into OUT. */
static void png_file(const png_rows *p, int w, int h, nb_buf *out)
{
  unsigned char ihdr[13] = {(unsigned char)(w >> 24), (unsigned char)(w >> 16),
                            (unsigned char)(w >> 8), (unsigned char)w,
                            (unsigned char)(h >> 24), (unsigned char)(h >> 16),
                            (unsigned char)(h >> 8), (unsigned char)h, 8, 2, 0, 0, 0};
  nb_buf_put(out, "\x89PNG\r\n\x1a\n", 8);
  png_chunk(out, "IHDR", ihdr, sizeof ihdr);
  png_chunk(out, "IDAT", (const unsigned char *)p->z.data, p->z.len);
  png_chunk(out, "IEND", NULL, 0);
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

/* The poster as a PNG WIDTH pixels wide (8-bit RGB, the Sub filter, zlib's fastest level:
 * cairo's own writer compresses at the default level, which takes longer than drawing, and a
 * flat poster compresses almost as well). librsvg draws it once into a recording (drawing
 * operations, not pixels), which is replayed onto bands of BAND_ROWS rows, each filtered and
 * deflated at once: only a band (1 MB) is held, not the whole 8 MB image, as nianbao site
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
  png_rows p = {.row = 1 + 3 * (size_t)pw};
  p.line = nb_xmalloc(p.row);
  if (rc == 0 && deflateInit(&p.zs, 1) != Z_OK)
    rc = -2;
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, bh);
  for (int y0 = 0; rc == 0 && y0 < ph; y0 += bh) {
    rc = draw_band(rec, s, y0, diags);
    if (rc == 0 && rows_band(&p, s, ph - y0 < bh ? ph - y0 : bh) != 0)
      rc = -2;
  }
  if (rc == 0 && rows_put(&p, p.line, 0, 1) != 0)
    rc = -2;
  if (rc == 0)
    png_file(&p, pw, ph, out);
  if (rc == -2)
    nb_diag_add(diags, NB_SEV_ERROR, "NB521", 0, 0, "图解的 PNG 无法写出");
  deflateEnd(&p.zs);
  nb_buf_free(&p.z);
  free(p.line);
  cairo_surface_destroy(s);
  cairo_surface_destroy(rec);
  return rc ? -1 : 0;
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
