/* nb_pdf: the report as a PDF for publication, laid out from the same CommonMark document
 * the Markdown renderer writes.
 *
 * Input: the report's CommonMark text: one "#" title, "##" headings 一、…六、, "###"
 * headings （一）…, paragraphs, lists, emphasis (*…* is drawn in the 楷 face, **…** in the 黑
 * face), and the official tables as HTML blocks in the subset of pdf/table.h (see
 * tests/pdf-sample.md). Other HTML is shown as plain text, never interpreted; comments are
 * ignored. A paragraph that is only the image of one of the report's charts
 * (nb_pdf_opts.charts, matched by its URL) is drawn as that chart in vector graphics with its
 * caption (pdf/chart.h): the chart's data and geometry come with the options rather than
 * through the Markdown, because the Markdown is the file users publish (it shows the chart as
 * its .svg) and the PDF module must not parse SVG or read files the render has not written yet.
 *
 * Output, per GB/T 9704-2012: A4, type area 156 × 225 mm at 37 mm from the top and 28 mm from
 * the left; title 22 pt centred in balanced lines; body 16 pt on the 22-line × 28-character
 * grid, indented two characters, justified; 「一、」 headings in the 黑 face, 「（一）」 in the 楷
 * face; page numbers "— N —" 14 pt, 7 mm under the type area, odd pages right and even pages
 * left, one character in. Line breaking follows GB/T 15834 (pdf/linebreak.h). Tables keep
 * every merged cell and border, break between rows and repeat their <thead> rows.
 * The file has the document information (Creator "nianbao <version>"), bookmarks for the
 * "##" headings, page labels from 1, each face subset to the characters used and embedded with
 * a Unicode map (text can be searched and copied). The file is tagged (pdf/tags.h: headings,
 * paragraphs, lists, tables with their header cells, in reading order; page numbers and rules
 * as artifacts; language zh-CN), identified as PDF/A-2b (pdf/archive.h: XMP metadata, sRGB
 * output intent, file identifier) and its objects are compressed (pdf/pack.h, PDF 1.7). The
 * same input and options give the same bytes.
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
 *   NB512 warning  no sRGB ICC profile installed: the file is not identified as PDF/A-2b
 *
 * Without a cache, fonts are looked up with fontconfig once per call and nothing is kept
 * between calls; with one (nb_pdf_cache, owned by the caller), the calls of one run share
 * faces, repeated subsets and constant streams. The function keeps no global state. */
#ifndef NB_PDF_H
#define NB_PDF_H
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/* A chart of the report (render/chart.h), drawn as vector graphics where the Markdown shows
 * the image FILE in a paragraph of its own: the geometry is the SVG's, in its user units
 * (viewBox WIDTH × HEIGHT), scaled to the type area; labels are set in the report's faces; the
 * caption goes under it and the two are kept on one page. */
typedef struct {
  const char *label;    /* as shown (shortened to fit) */
  const char *figures;  /* "13条 27%" */
  double start, end;    /* pie: degrees clockwise from 12 o'clock */
  double leader[6];     /* pie: the leader line, three points */
  double text_x, name_y, figure_y; /* pie: label position; bars: name_y is the baseline */
  int anchor_end;       /* the label ends at text_x (else starts there) */
  double bar_y, bar_w, value_x;    /* bars */
  unsigned rgb;         /* fill, 0xRRGGBB */
} nb_pdf_chart_item;

typedef struct {
  const char *file;     /* the image URL of the Markdown this chart stands for */
  const char *caption;  /* "图1 2024年主动公开政府信息分类情况" */
  const char *alt;      /* the figures as one sentence: alternative text for the figure */
  const char *centre;   /* pie: "共49条", written in the hole */
  int pie;              /* a donut; else horizontal bars */
  double width, height; /* the viewBox */
  double cx, cy, r, r_inner;       /* pie */
  double bar_x, bar_h;  /* bars: where bars start, their thickness */
  double name_size, figure_size;   /* font sizes, user units */
  size_t n;
  const nb_pdf_chart_item *items;
} nb_pdf_chart;

/* What the PDFs of one run share (pdf/cache.h): the faces, found and loaded once; a face's
 * subset when another report drew the same characters with it; the compressed colour
 * profile. Made by the caller for a run (e.g. one `render` of many reports), passed to each
 * nb_pdf_render through its options, and freed by the caller after the last one; any number
 * of threads may render with one cache at once. A PDF has the same bytes with or without it.
 * It holds at most a few megabytes (NB_PDF_CACHE_SUBSETS subsets). nb_pdf_cache_free(NULL) is
 * a no-op. */
typedef struct nb_pdf_cache nb_pdf_cache;

nb_pdf_cache *nb_pdf_cache_new(void);
void nb_pdf_cache_free(nb_pdf_cache *c);
/* Appends to OUT what the fonts of the PDFs made with C so far depend on: the file of every
 * face loaded (path, index, date, size) and every folder fontconfig reads (with its date), so
 * that a caller can tell whether the installed fonts changed between two runs. */
void nb_pdf_cache_fonts(nb_pdf_cache *c, nb_buf *out);

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
  /* The report's charts (NULL, 0: none; a chart image is then shown as its text). */
  const nb_pdf_chart *charts;
  size_t ncharts;
  /* Non-zero: no structure tags and no PDF/A identification (the pages look the same; for
   * comparisons in tests and the benchmark). */
  int plain;
  /* Shared with the other renders of the run (borrowed); NULL = none. */
  nb_pdf_cache *cache;
} nb_pdf_opts;

/* Lays out the CommonMark document MD (LEN bytes, UTF-8) as a PDF appended to OUT. OPTS may be
 * NULL (all defaults). Problems go to DIAGS (see above). Returns 0, or -1 after an error
 * diagnostic (OUT is then left as it was). */
int nb_pdf_render(const char *md, size_t len, const nb_pdf_opts *opts, nb_buf *out,
                  nb_diags *diags);

#endif
