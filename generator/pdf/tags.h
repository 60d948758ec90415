/* nb_pdf_tags: the logical structure of the PDF (a "tagged PDF", PDF 32000-1 14.7–14.8, as
 * PDF/UA-1 asks), collected during layout and written beside the pages.
 *
 * Layout side: the layout opens structure elements as it places blocks (Document → H1…H6, P,
 * L → LI → LBody, BlockQuote, Table → TR → TH/TD, Figure); every run it emits belongs to the
 * element open at that moment (nb_pdf_run.elem), or is an artifact (-1: page numbers, and
 * the header rows and split labels a table draws again on a following page). Elements are
 * stored parents first, in reading order (nb_pdf_layout.elems).
 *
 * Writer side: libharu 2.3 has no marked-content API, so the operators and dictionaries are
 * written here through its object model and the page's content stream: each run of text
 * inside "/Tag <</MCID n>> BDC … EMC" (consecutive runs of one element share a sequence),
 * rules inside "/Artifact BMC … EMC"; then one indirect dictionary per element (/S, /P, /K
 * with MCIDs or marked-content references, /Pg, table attributes /Scope, /RowSpan,
 * /ColSpan), the StructTreeRoot with its ParentTree (page i has /StructParents i), and in
 * the catalog /MarkInfo << /Marked true >>, /Lang (zh-CN) and /ViewerPreferences
 * << /DisplayDocTitle true >>. The marks change no drawing state: the pages look the same
 * with and without them.
 *
 * Ownership: nb_pdf_tagger_free releases a tagger (NULL is a no-op); the layout is borrowed
 * and must outlive it. A NULL tagger (tagging turned off) makes every writer call a no-op. */
#ifndef NB_PDF_TAGS_H
#define NB_PDF_TAGS_H
#include <hpdf.h>

#include "core/buf.h"
#include "pdf/text.h"

enum {
  NB_PDF_S_DOCUMENT, NB_PDF_S_H1, NB_PDF_S_H2, NB_PDF_S_H3, NB_PDF_S_H4, NB_PDF_S_H5,
  NB_PDF_S_H6, NB_PDF_S_P, NB_PDF_S_L, NB_PDF_S_LI, NB_PDF_S_LBODY, NB_PDF_S_QUOTE,
  NB_PDF_S_TABLE, NB_PDF_S_TR, NB_PDF_S_TH, NB_PDF_S_TD, NB_PDF_S_FIGURE, NB_PDF_S_COUNT
};

/* ---- layout side ---- */

/* Adds an element of TYPE under the current one and makes it current; returns its index. */
int nb_pdf_tag_open(nb_pdf_layout *lay, int type);
/* A heading of Markdown level LEVEL (1–6), made at most one deeper than the last heading
 * so that no level is skipped; opened as by nb_pdf_tag_open. */
int nb_pdf_tag_heading(nb_pdf_layout *lay, int level);
/* Adds an element of TYPE under the current one without making it current. */
int nb_pdf_tag_add(nb_pdf_layout *lay, int type);
/* Makes the parent of the current element current again. */
void nb_pdf_tag_close(nb_pdf_layout *lay);

/* ---- writer side ---- */

typedef struct nb_pdf_tagger nb_pdf_tagger;

nb_pdf_tagger *nb_pdf_tagger_new(const nb_pdf_layout *lay, unsigned npages);
void nb_pdf_tagger_free(nb_pdf_tagger *t);
/* Before a run of element ELEM (-1 = artifact) on page PAGE: ends the open marked-content
 * sequence and begins one for ELEM when it is another element; appends the operators to B.
 * Pages are written in order, each page's runs in reading order. */
void nb_pdf_tagger_mark(nb_pdf_tagger *t, unsigned page, int elem, nb_buf *b);
/* Ends the open sequence, if any (before ET, at the end of a page's text object). */
void nb_pdf_tagger_end(nb_pdf_tagger *t, nb_buf *b);
/* Appends the beginning / end of an artifact (the page's rules) to B. */
void nb_pdf_tagger_artifact(const nb_pdf_tagger *t, int begin, nb_buf *b);
/* Writes the structure tree and the catalog entries into PDF, whose pages PAGES (NPAGES as
 * given to nb_pdf_tagger_new) are drawn. Returns 0, or -1 when libharu failed. */
int nb_pdf_tagger_finish(nb_pdf_tagger *t, HPDF_Doc pdf, HPDF_Page *pages);

#endif
