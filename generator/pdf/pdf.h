/* nb_pdf: the report as a PDF for publication, laid out from the same CommonMark document
 * the Markdown renderer writes.
 *
 * Input: the report's CommonMark text: one "#" title, "##" headings 一、…六、, "###"
 * headings （一）…, paragraphs, lists, emphasis (*…* is drawn in the 楷 face, **…** in the 黑
 * face), and the official tables as HTML blocks in the subset of pdf/table.h (see
 * tests/pdf-sample.md). Other HTML is shown as plain text, never interpreted; comments are
 * ignored.
 *
 * Output, per GB/T 9704-2012: A4, type area 156 × 225 mm at 37 mm from the top and 28 mm from
 * the left; title 22 pt centred in balanced lines; body 16 pt on the 22-line × 28-character
 * grid, indented two characters, justified; 「一、」 headings in the 黑 face, 「（一）」 in the 楷
 * face; page numbers "— N —" 14 pt, 7 mm under the type area, odd pages right and even pages
 * left, one character in. Line breaking follows GB/T 15834 (pdf/linebreak.h). Tables keep
 * every merged cell and border, break between rows and repeat their <thead> rows.
 * The file has the document information (Creator "nianbao <version>"), bookmarks for the
 * "##" headings, page labels from 1, each face subset to the characters used and embedded with
 * a Unicode map (text can be searched and copied). The same input and options give the same
 * bytes.
 *
 * Diagnostics (codes NB501–NB519), added to DIAGS:
 *   NB501 error    a font was not found (families searched, Debian package to install)
 *   NB502 warning  a default face was not found; another face stands in for it
 *   NB503 warning  a character is missing from its face; another face draws it
 *   NB504 warning  a character no face has; drawn as 〓
 *   NB505 warning  a character outside the BMP (the PDF encoding cannot carry it); drawn as 〓
 *   NB506 warning  a table outside the supported HTML subset; shown as plain text
 *   NB507 warning  other HTML; shown as plain text
 *   NB510 error    the PDF could not be produced (font subsetting, temporary file, libharu)
 *
 * Fonts are looked up with fontconfig once per call; nothing is cached between calls and the
 * function keeps no global state. */
#ifndef NB_PDF_H
#define NB_PDF_H
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

typedef struct {
  /* Document information, UTF-8; NULL = absent. */
  const char *title, *author, *subject, *keywords;
  /* Creation and modification date, seconds since 1970 (UTC), chosen by the caller (e.g.
   * SOURCE_DATE_EPOCH or the report date); 0 or less = no dates in the file. */
  long long epoch;
  /* Faces: a family name ("AR PL UMing CN") or a path ("/x/FangSong.ttf", "/x/y.ttc:1").
   * NULL = the defaults: AR PL SungtiL GB, LXGW WenKai, WenQuanYi Micro Hei (Debian packages
   * fonts-arphic-gbsn00lp, fonts-lxgw-wenkai, fonts-wqy-microhei), else AR PL UMing CN,
   * AR PL UKai CN, WenQuanYi Zen Hei (fonts-arphic-uming, -ukai, fonts-wqy-zenhei). */
  const char *font_song, *font_kai, *font_hei;
  /* The title's face, e.g. "方正小标宋简体"; NULL = the 宋 face. A face that is not heavy
   * (see nb_font_heavy) is thickened by stroking its outlines. */
  const char *font_title;
  /* Page geometry in mm; 0 = GB/T 9704: 210 × 297 page, 37 top, 28 left, 156 × 225 area. */
  double page_width, page_height, margin_top, margin_left, area_width, area_height;
} nb_pdf_opts;

/* Lays out the CommonMark document MD (LEN bytes, UTF-8) as a PDF appended to OUT. OPTS may be
 * NULL (all defaults). Problems go to DIAGS (see above). Returns 0, or -1 after an error
 * diagnostic (OUT is then left as it was). */
int nb_pdf_render(const char *md, size_t len, const nb_pdf_opts *opts, nb_buf *out,
                  nb_diags *diags);

#endif
