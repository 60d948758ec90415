/* nb_pdf_flate: the PDF's Flate streams (PDF 32000-1 7.4.4), compressed with libdeflate.
 *
 * libharu compresses with zlib at its default level; for a report's subset faces that was
 * over half of all the instructions the PDF took. libdeflate at level 6 makes output a little
 * smaller than zlib's level 6 in half the instructions (a seed report: 330 KB of streams to
 * 147.7 KB, against 148.1 KB). So every stream is compressed here, once, and handed to libharu
 * as finished bytes with its /Filter. The same input gives the same bytes.
 *
 * Ownership: nb_pdf_flate_new returns a compressor the caller frees with nb_pdf_flate_free
 * (NULL is a no-op). A compressor is used by one thread at a time; it keeps no data between
 * calls, only its work space. */
#ifndef NB_PDF_FLATE_H
#define NB_PDF_FLATE_H
#include <hpdf.h>
#include <stddef.h>

#include "core/buf.h"

typedef struct nb_pdf_flate nb_pdf_flate;

/* NULL when its work space (about a megabyte) cannot be had. */
nb_pdf_flate *nb_pdf_flate_new(void);
void nb_pdf_flate_free(nb_pdf_flate *z);

/* Appends LEN bytes of DATA compressed in the zlib format (what /FlateDecode reads) to OUT.
 * Returns 0, or -1 (OUT then as it was). */
int nb_pdf_flate_put(nb_pdf_flate *z, const void *data, size_t len, nb_buf *out);

/* Gives STREAM, a stream dictionary of PDF, the already compressed bytes Z (from
 * nb_pdf_flate_put) and the /Filter /FlateDecode that says so; libharu writes them as they
 * are. Returns HPDF_OK or libharu's error. */
HPDF_STATUS nb_pdf_flate_attach(HPDF_Dict stream, const nb_buf *z);

/* A new stream object of PDF holding LEN bytes of DATA, compressed with Z unless Z is NULL.
 * NULL when libharu or the compressor failed. */
HPDF_Dict nb_pdf_flate_stream(HPDF_Doc pdf, nb_pdf_flate *z, const void *data, size_t len);

/* A new stream object of PDF holding the bytes Z, compressed already (nb_pdf_flate_put), as
 * a cache gives them back. NULL when libharu failed. */
HPDF_Dict nb_pdf_flate_packed(HPDF_Doc pdf, const nb_buf *z);

#endif
