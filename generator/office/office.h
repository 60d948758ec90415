/* nb_office: the module nianbao-office.so — Word (.docx) written and read, web pages read.
 *
 * The libraries behind it (libzip with its crypto and compression libraries, libxml2 with ICU)
 * cost a few milliseconds to load, more than lint takes for a whole file; so, like the PDF
 * renderer, they live in a module that only `render -f docx` and `import` of a .docx/.html
 * load (core/module.h). The program resolves the one symbol nb_office_get_api and calls
 * through the table it returns; this header gives the types only.
 *
 * Ownership: every function appends to the caller's buffers and keeps nothing; diagnostics
 * go to the caller's DIAGS. No global mutable state. */
#ifndef NB_OFFICE_H
#define NB_OFFICE_H
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/* One file of a zip package, written in the order given. */
typedef struct {
  const char *name; /* "word/document.xml" */
  const char *data;
  size_t len;
} nb_office_part;

/* A chart the body shows where the Markdown has an image of URL: a DrawingML chart part whose
 * relationship id is "rIdC<number>", drawn CX × CY EMU (1 mm = 36000). */
typedef struct {
  const char *url;
  unsigned number;
  long cx, cy;
} nb_office_chart;

/* Limits of the readers, against hostile files (a zip bomb, an XML nesting bomb). */
#define NB_OFFICE_MAX_ENTRIES 2000            /* files in a .docx */
#define NB_OFFICE_MAX_XML ((size_t)64 << 20)  /* bytes inflated from one part */
#define NB_OFFICE_MAX_TOTAL ((size_t)1 << 30) /* declared size of all parts together */
#define NB_OFFICE_MAX_DEPTH 200               /* XML element nesting */
#define NB_OFFICE_MAX_TEXT ((size_t)1 << 20)  /* text extracted: as for a text file */

typedef struct {
  /* The body of word/document.xml (the children of <w:body> before <w:sectPr>) for the report
   * in CommonMark MD (LEN bytes), as the Markdown renderer writes it: "#" title, "##"/"###"
   * headings, paragraphs, lists, emphasis, and the official tables as HTML blocks (see
   * templates/table2.mustache). Paragraph and character styles are referred to by id (nbTitle,
   * nbH1, nbH2, nbH3, nbBody, nbTable, nbTableSmall, nbEm, nbStrong), defined by the styles
   * template. AREA_TWIPS is the width of the type area. A paragraph holding only an image
   * whose URL is one of CHARTS' becomes that chart (style nbFigure) over its caption, the
   * image's text (style nbCaption); other images show their text. Returns 0; other HTML
   * becomes text. */
  int (*wml_body)(const char *md, size_t len, unsigned area_twips, const nb_office_chart *charts,
                  size_t ncharts, nb_buf *out);
  /* PARTS as a zip file appended to OUT: deflated, in the given order, every entry dated
   * EPOCH (seconds since 1970, UTC; clamped to 1980–2107 as zip dates require), no extra
   * fields, so equal inputs give equal bytes. Returns 0, or -1 with an NB5xx error in DIAGS. */
  int (*zip)(const nb_office_part *parts, size_t n, long long epoch, nb_buf *out,
             nb_diags *diags);
  /* The text of the .docx BYTES (LEN) as the text importer reads it (author/import.h):
   * one line per paragraph, a table as one line per row with its cells separated by tabs,
   * merged cells written once (the slots below a vertically merged cell are empty cells, as
   * Word copies a table). Returns 0, or -1 with an NB6xx error in DIAGS. */
  int (*docx_text)(const char *bytes, size_t len, nb_buf *out, nb_diags *diags);
  /* The same for an HTML page: the report is found by its title and part headings; the
   * page's navigation, scripts and footer are left out; tables as above (rowspan/colspan). */
  int (*html_text)(const char *bytes, size_t len, nb_buf *out, nb_diags *diags);
} nb_office_api;

/* The module's one entry point. */
const nb_office_api *nb_office_get_api(void);

#endif
