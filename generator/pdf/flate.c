/* Flate streams through libdeflate (see pdf/flate.h). */
#include "pdf/flate.h"

#include <libdeflate.h>
#include <stdlib.h>

/* Level 6: the size of zlib's level 6 in half its instructions; level 7 and up cost far more
 * for a few hundred bytes, level 5 and down lose a kilobyte or more on a report. */
#define LEVEL 6

struct nb_pdf_flate {
  struct libdeflate_compressor *c;
};

nb_pdf_flate *nb_pdf_flate_new(void)
{
  struct libdeflate_compressor *c = libdeflate_alloc_compressor(LEVEL);
  if (!c)
    return NULL;
  nb_pdf_flate *z = nb_xmalloc(sizeof *z);
  z->c = c;
  return z;
}

void nb_pdf_flate_free(nb_pdf_flate *z)
{
  if (!z)
    return;
  libdeflate_free_compressor(z->c);
  free(z);
}

int nb_pdf_flate_put(nb_pdf_flate *z, const void *data, size_t len, nb_buf *out)
{
  size_t cap = libdeflate_zlib_compress_bound(z->c, len);
  nb_buf_grow(out, cap);
  size_t n = libdeflate_zlib_compress(z->c, data, len, out->data + out->len, cap);
  if (!n)
    return -1;
  out->len += n;
  out->data[out->len] = '\0';
  return 0;
}

/* The dictionary's last entry, written by libharu after the others: libharu drops a /Filter
 * entry from a stream it does not compress itself. */
static HPDF_STATUS write_filter(HPDF_Dict d, HPDF_Stream s)
{
  (void)d;
  return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

HPDF_STATUS nb_pdf_flate_attach(HPDF_Dict stream, const nb_buf *z)
{
  stream->filter = HPDF_STREAM_FILTER_NONE;
  stream->write_fn = write_filter;
  return HPDF_Stream_Write(stream->stream, (const HPDF_BYTE *)z->data, (HPDF_UINT)z->len);
}

HPDF_Dict nb_pdf_flate_packed(HPDF_Doc pdf, const nb_buf *z)
{
  HPDF_Dict d = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  return d && nb_pdf_flate_attach(d, z) == HPDF_OK ? d : NULL;
}

HPDF_Dict nb_pdf_flate_stream(HPDF_Doc pdf, nb_pdf_flate *z, const void *data, size_t len)
{
  if (z) {
    nb_buf b = NB_BUF_INIT;
    HPDF_Dict d = nb_pdf_flate_put(z, data, len, &b) < 0 ? NULL : nb_pdf_flate_packed(pdf, &b);
    nb_buf_free(&b);
    return d;
  }
  HPDF_Dict d = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (!d)
    return NULL;
  d->filter = HPDF_STREAM_FILTER_NONE;
  return HPDF_Stream_Write(d->stream, data, (HPDF_UINT)len) == HPDF_OK ? d : NULL;
}
