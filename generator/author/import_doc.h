/* nb_import_doc: import from whatever file a clerk has — the kind is told by the bytes, not by
 * the file name.
 *
 *   text (UTF-8, GB18030)      nb_import_text (author/import.h)
 *   .docx (a zip package)      its text through the office module (office/office.h): one line
 *                              per paragraph, tables as rows of cells with merged cells
 *                              resolved, then nb_import_text
 *   .html/.htm (a saved page)  the same; the report is found by its title and part headings
 *   .doc (old binary Word), a .docx with an opening password, RTF, PDF, OpenDocument:
 *                              refused with a Chinese message saying what to do (NB620–NB624);
 *                              PDF is refused, not read: its tables are positioned text whose
 *                              rows and columns cannot be told reliably (README says so)
 *
 * Diagnostics of an imported .docx or page name the file and the line of the extracted text
 * (one line per paragraph or table row). Ownership as for nb_import_text. */
#ifndef NB_IMPORT_DOC_H
#define NB_IMPORT_DOC_H
#include <stddef.h>

#include "author/import.h"
#include "core/buf.h"
#include "core/diag.h"

typedef enum {
  NB_DOC_TEXT, NB_DOC_DOCX, NB_DOC_HTML, NB_DOC_WORD97, NB_DOC_ENCRYPTED, NB_DOC_RTF, NB_DOC_PDF
} nb_doc_kind;

/* The kind of the file whose bytes are DATA (LEN). */
nb_doc_kind nb_import_doc_kind(const char *data, size_t len);

/* Files larger than this are refused before reading (a .docx with pictures is some MB). */
#define NB_IMPORT_DOC_MAX_BYTES ((size_t)64 << 20)
/* Text files larger than this are refused (as before: the importer keeps a record per line). */
#define NB_IMPORT_TEXT_MAX_BYTES ((size_t)1 << 20)

/* Imports the file DATA (LEN bytes) of any kind above; appends the data file to OUT. */
nb_import_result nb_import_doc(const char *data, size_t len, const char *source_name,
                               nb_buf *out, nb_diags *diags);

#endif
