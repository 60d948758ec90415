/* nb_pdf_archive: PDF/A-2b identification (ISO 19005-2, level B) for the report, an archival
 * document.
 *
 * Adds to the document: XMP metadata (an uncompressed /Metadata stream in the catalog:
 * pdfaid:part 2, pdfaid:conformance B, and dc:title, dc:creator, dc:description,
 * pdf:Keywords, pdf:Producer, xmp:CreatorTool, xmp:CreateDate and xmp:ModifyDate equal to the
 * document information dictionary), an sRGB output intent (/GTS_PDFA1 with the ICC profile
 * of Debian's icc-profiles-free, /usr/share/color/icc/sRGB.icc, else colord-data's) and the
 * file identifier /ID, an MD5 digest of the display list and the information (equal inputs,
 * equal bytes). The rest of PDF/A-2b the writer already meets: every font embedded, device
 * colours only under the output intent, no encryption, no JavaScript, no transparency.
 *
 * Diagnostics: NB512 warning when no sRGB profile is installed (the file is then written
 * without the PDF/A identification, still tagged).
 * Ownership: everything is borrowed; what is added belongs to PDF. */
#ifndef NB_PDF_ARCHIVE_H
#define NB_PDF_ARCHIVE_H
#include <hpdf.h>

#include "core/diag.h"
#include "pdf/flate.h"
#include "pdf/pdf.h"
#include "pdf/text.h"

/* Adds the identification to PDF, whose information dictionary is already filled from OPTS
 * (NULL = none) and whose pages LAY drew; the profile is compressed with Z, or taken from the
 * cache of OPTS. Returns 0, 1 when the profile is missing (NB512 added to DIAGS, nothing
 * added), or -1 when libharu failed. */
int nb_pdf_archive(HPDF_Doc pdf, const nb_pdf_opts *opts, const nb_pdf_layout *lay,
                   nb_pdf_flate *z, nb_diags *diags);

#endif
