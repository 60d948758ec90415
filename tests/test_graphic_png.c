/* Unit tests of the 图解 PNG encoder (graphic/png.h): images of every kind the encoder treats
 * apart — flat, noise (only literals, many blocks), repeated rows, runs, one pixel, rows too
 * long for a match up a row, bands of any height, padded strides — are read back with zlib
 * (every chunk's CRC, the zlib stream and its Adler-32, then PNG's filters undone) and must
 * give the very pixels given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "helpers.h"

#include "core/buf.h"
#include "graphic/png.h"

/* A deterministic pseudo-random number (xorshift) from *S. */
static uint32_t next_rand(uint32_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static uint32_t be32(const unsigned char *b)
{
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The IDAT bytes of the PNG FILE (LEN bytes), every chunk's CRC checked, its size into W, H. */
static void png_idat(const unsigned char *file, size_t len, nb_buf *idat, int *w, int *h)
{
  assert_true(len > 8 && memcmp(file, "\x89PNG\r\n\x1a\n", 8) == 0);
  for (size_t pos = 8; pos < len;) {
    assert_true(pos + 12 <= len);
    uint32_t n = be32(file + pos);
    assert_true(pos + 12 + n <= len);
    uLong crc = crc32(0L, file + pos + 4, 4 + n);
    assert_int_equal(crc, be32(file + pos + 8 + n));
    if (memcmp(file + pos + 4, "IHDR", 4) == 0) {
      *w = (int)be32(file + pos + 8);
      *h = (int)be32(file + pos + 12);
      assert_memory_equal(file + pos + 16, "\x08\x02\x00\x00\x00", 5);
    } else if (memcmp(file + pos + 4, "IDAT", 4) == 0) {
      nb_buf_put(idat, file + pos + 8, n);
    }
    pos += 12 + n;
  }
}

/* Reads the PNG back and compares every pixel with PX (W × H, STRIDE bytes a row). */
static void check_png(const nb_buf *png, const uint32_t *px, int w, int h, size_t stride)
{
  nb_buf idat = NB_BUF_INIT;
  int pw = 0, ph = 0;
  png_idat((const unsigned char *)png->data, png->len, &idat, &pw, &ph);
  assert_int_equal(pw, w);
  assert_int_equal(ph, h);
  size_t row = 1 + 3 * (size_t)w;
  uLongf rawlen = (uLongf)(row * (size_t)h);
  unsigned char *raw = malloc(rawlen + 1);
  assert_int_equal(uncompress(raw, &rawlen, (const Bytef *)idat.data, (uLong)idat.len), Z_OK);
  assert_int_equal(rawlen, row * (size_t)h);
  for (int y = 0; y < h; y++) {
    unsigned char *r = raw + (size_t)y * row;
    assert_int_equal(r[0], 1); /* Sub */
    for (size_t i = 4; i < row; i++)
      r[i] = (unsigned char)(r[i] + r[i - 3]);
    const uint32_t *src = (const uint32_t *)(const void *)((const char *)px + (size_t)y * stride);
    for (int x = 0; x < w; x++) {
      uint32_t v = src[x];
      unsigned char want[3] = {(unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v};
      assert_memory_equal(r + 1 + 3 * (size_t)x, want, 3);
    }
  }
  free(raw);
  nb_buf_free(&idat);
}

/* Encodes PX (W × H, STRIDE bytes a row) in bands of BAND rows into OUT. */
static void encode(const uint32_t *px, int w, int h, size_t stride, int band, nb_buf *out)
{
  nb_graphic_png *p = nb_graphic_png_new(w, h, out);
  for (int y = 0; y < h; y += band)
    nb_graphic_png_rows(p, (const unsigned char *)px + (size_t)y * stride, (int)stride,
                        h - y < band ? h - y : band);
  assert_int_equal(nb_graphic_png_finish(p), 0);
  nb_graphic_png_free(p);
}

enum { FLAT, NOISE, POSTER, STRIPES };

/* An image of kind KIND: W × H pixels with PAD unused pixels after each row. */
static uint32_t *make(int kind, int w, int h, int pad, uint32_t seed)
{
  size_t stride = (size_t)(w + pad);
  uint32_t *px = malloc(sizeof *px * stride * (size_t)h), s = seed;
  for (int y = 0; y < h; y++)
    for (size_t x = 0; x < stride; x++) {
      uint32_t v = 0xffffff;
      if (kind == NOISE)
        v = next_rand(&s);
      else if (kind == POSTER) /* boxes, a diagonal edge, a few glyph-like spots; rows repeat */
        v = (x / 40 + (size_t)y / 30) % 3 == 0 ? 0x0b4f8a : x > (size_t)y ? 0xeaf2fa : 0xffffff;
      else if (kind == STRIPES)
        v = (y / 3) % 2 ? 0x000000 : 0x1a1a1a * (uint32_t)(x % 5);
      if (kind == POSTER && (next_rand(&s) & 63) == 0)
        v = next_rand(&s) | 0xff000000u; /* the unused byte set, as pixman may leave it */
      px[(size_t)y * stride + x] = x < (size_t)w ? v : 0xdeadbeef;
    }
  return px;
}

static void round_trip(int kind, int w, int h, int pad, int band)
{
  uint32_t *px = make(kind, w, h, pad, 2463534242u + (uint32_t)(w * 31 + h));
  nb_buf a = NB_BUF_INIT, b = NB_BUF_INIT;
  size_t stride = sizeof *px * (size_t)(w + pad);
  encode(px, w, h, stride, band, &a);
  check_png(&a, px, w, h, stride);
  encode(px, w, h, stride, band == 1 ? 7 : 1, &b); /* bands do not change the bytes */
  assert_int_equal(a.len, b.len);
  assert_memory_equal(a.data, b.data, a.len);
  nb_buf_free(&a);
  nb_buf_free(&b);
  free(px);
}

static void test_flat(void **state)
{
  (void)state;
  round_trip(FLAT, 1080, 300, 0, 256);
  round_trip(FLAT, 1, 1, 0, 1);
  round_trip(FLAT, 2, 3, 1, 2);
}

static void test_noise(void **state)
{
  (void)state;
  round_trip(NOISE, 300, 120, 0, 64); /* 108,000 literals: several blocks */
  round_trip(NOISE, 1, 5, 3, 2);
}

static void test_poster(void **state)
{
  (void)state;
  round_trip(POSTER, 1080, 700, 0, 256);
  round_trip(POSTER, 333, 97, 5, 10);
  round_trip(STRIPES, 64, 64, 0, 5);
}

/* Rows of 12,000 pixels: a row up is beyond DEFLATE's 32 KB window. */
static void test_wide(void **state)
{
  (void)state;
  round_trip(POSTER, 12000, 6, 0, 4);
  round_trip(FLAT, 12000, 3, 0, 1);
}

static void test_short(void **state)
{
  (void)state;
  uint32_t px[4] = {0};
  nb_buf out = NB_BUF_INIT;
  nb_buf_puts(&out, "kept");
  nb_graphic_png *p = nb_graphic_png_new(2, 2, &out);
  nb_graphic_png_rows(p, (const unsigned char *)px, 8, 1);
  assert_int_equal(nb_graphic_png_finish(p), -1);
  assert_string_equal(nb_buf_cstr(&out), "kept");
  nb_graphic_png_free(p);
  nb_graphic_png_free(NULL);
  nb_buf_free(&out);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_flat),   cmocka_unit_test(test_noise), cmocka_unit_test(test_poster),
      cmocka_unit_test(test_wide),   cmocka_unit_test(test_short),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
