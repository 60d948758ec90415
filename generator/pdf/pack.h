/* nb_pdf_pack: a PDF as libharu writes it, made smaller by PDF 1.5 compression of its
 * objects.
 *
 * libharu 2.3 writes every object uncompressed with a classic cross-reference table; a tagged
 * PDF has an object per structure element (hundreds: every table cell), which would add a
 * quarter to the file. Here the objects that are not streams go, in their order, into one
 * Flate-compressed object stream, and the cross-reference table becomes a cross-reference
 * stream (PDF 32000-1 7.5.7, 7.5.8); streams are copied as they are and the trailer's
 * entries (/Root, /Info, /ID) move into the cross-reference stream. The header says 1.7.
 * The same input gives the same bytes.
 *
 * Input: the whole file as libharu's HPDF_SaveToStream wrote it (objects "N 0 obj … endobj"
 * in ascending order, one "xref" section, "trailer", "startxref"). */
#ifndef NB_PDF_PACK_H
#define NB_PDF_PACK_H
#include <stddef.h>

#include "core/buf.h"
#include "pdf/flate.h"

/* Appends the packed form of PDF (LEN bytes) to OUT, the new streams compressed with Z.
 * Returns 0, or -1 when PDF is not laid out as expected (OUT is then left as it was; the
 * caller keeps the input). */
int nb_pdf_pack(const char *pdf, size_t len, nb_pdf_flate *z, nb_buf *out);

#endif
