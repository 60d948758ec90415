/* pdf/text: shaped strings and the display list, shared by block layout (pdf/layout.c) and
 * table layout (pdf/grid.c). Internal to the PDF module.
 *
 * A string (nb_pdf_str) is a run of code points, each with the face it is drawn in and its
 * advance; shaping picks a face that has the character (warning NB503–NB505 otherwise). The
 * display list (nb_pdf_layout) collects text runs, rules and bookmarks with the page they go
 * on; pdf/pdf.c draws it.
 *
 * Units: points. Display-list coordinates are PDF page coordinates (origin bottom-left).
 * Ownership: an nb_pdf_str owns its arrays (nb_pdf_str_free); the display list owns every
 * run's text and mark's title (nb_pdf_layout_free in pdf/layout.h); faces and diagnostics
 * are borrowed. */
#ifndef NB_PDF_TEXT_H
#define NB_PDF_TEXT_H
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "pdf/font.h"
#include "pdf/pdf.h"

/* The faces of a layout. The first NB_PDF_NROLES are the roles text is set in; the others
 * draw what a role's face lacks: a fallback of the same style for each of 宋, 楷, 黑 (a rare
 * character in a 宋 line stays 宋), and a Latin serif for the letters and figures of 宋 text.
 * A face missing on the system is the role's own face (the same pointer). */
enum {
  NB_PDF_SONG, NB_PDF_KAI, NB_PDF_HEI, NB_PDF_TITLE, NB_PDF_NROLES,
  NB_PDF_SONG_FB = NB_PDF_NROLES, NB_PDF_KAI_FB, NB_PDF_HEI_FB, NB_PDF_LATIN, NB_PDF_NFACES
};

typedef struct {
  unsigned page;
  int face;          /* NB_PDF_SONG … */
  double size;       /* font size */
  double x, y;       /* baseline start */
  double cs;         /* extra space after every character (PDF Tc) */
  int bold;          /* drawn filled and stroked (the title's 小标宋 weight, for a face that
                        is not heavy itself) */
  int elem;          /* the structure element it belongs to (pdf/tags.h), -1 = artifact */
  char *text;        /* UTF-8 */
} nb_pdf_run;

typedef struct {
  unsigned page;
  double x0, y0, x1, y1, width;
} nb_pdf_rule;

typedef struct {
  unsigned page;
  double y;          /* top of the heading */
  char *title;
} nb_pdf_mark;

/* A filled or stroked path (charts): PDF path operators in page coordinates. */
typedef struct {
  unsigned page;
  unsigned rgb;      /* 0xRRGGBB */
  int stroke;        /* stroked with WIDTH; else filled (even-odd), outlined in white */
  double width;
  char *path;        /* "x y m … h" */
  int elem;          /* the structure element it belongs to (pdf/tags.h), -1 = artifact */
} nb_pdf_shape;

/* Where a chart was drawn, with its alternative text (for a tagged PDF's Figure /Alt). */
typedef struct {
  unsigned page;
  double x0, y0, x1, y1; /* bounding box, page coordinates */
  const char *alt;       /* borrowed from nb_pdf_opts.charts */
} nb_pdf_figure;

/* A structure element of the tagged PDF (pdf/tags.h): its type (NB_PDF_S_…), its parent's
 * index (-1 for the Document), and for table cells the spans and the header scope. */
typedef struct {
  int type;
  int parent;
  unsigned rowspan, colspan;
  int scope;         /* TH: 1 column, 2 row, 0 none */
  const char *caption, *alt; /* Figure: its /Alt is "caption：alt" (borrowed, NULL = none) */
} nb_pdf_elem;

/* Page geometry in points. */
typedef struct {
  double page_w, page_h;
  double left, top;  /* type area origin, from the page's left and top edges */
  double width, height;
  double pitch;      /* grid line pitch: height / 22 */
  double grid_char;  /* grid character pitch: width / 28 */
} nb_pdf_geom;

/* A string being laid out: code points with the face each is drawn in and its advance
 * (SIZE × the face's advance + TRACK, the grid's extra space after every character). */
typedef struct {
  uint32_t *cp;
  unsigned char *face;
  double *w;
  size_t n, cap;
  double size, track;
  int bold;          /* runs emitted from it are bold (nb_pdf_run.bold), unless their face is
                        heavy already (nb_font_heavy) */
} nb_pdf_str;

/* Hard line break inside an nb_pdf_str (U+2028 LINE SEPARATOR, zero width). */
#define NB_PDF_HARD_BREAK 0x2028u

typedef struct {
  const nb_font *font[NB_PDF_NFACES];
  nb_diags *diags;
  nb_pdf_geom g;
  unsigned page;     /* current page, 0-based */
  double y;          /* used height of the current page's type area, from its top */
  nb_pdf_run *runs;
  size_t nruns, capruns;
  nb_pdf_rule *rules;
  size_t nrules, caprules;
  nb_pdf_mark *marks;
  size_t nmarks, capmarks;
  nb_pdf_elem *elems; /* the structure tree, parents before children, in reading order */
  size_t nelems, capelems;
  int cur;           /* element new runs and elements go into, -1 = artifact */
  int heading;       /* level of the last heading element, 0 = none yet */
  uint32_t *warned;  /* (code point, line) pairs already reported */
  size_t nwarned, capwarned;
  unsigned depth;    /* block nesting of the walk (quotes, lists), bounded */
  nb_pdf_shape *shapes;
  size_t nshapes, capshapes;
  nb_pdf_figure *figures;
  size_t nfigures, capfigures;
  const nb_pdf_chart *charts; /* borrowed: the charts their images stand for */
  size_t ncharts;
} nb_pdf_layout;

/* Appends the UTF-8 TEXT to be drawn in face FACE ('\n' = a soft line break of the source). */
void nb_pdf_str_add(nb_pdf_str *s, const char *text, size_t len, int face);
/* Prepares S for layout at SIZE with TRACK: soft breaks become a space between Latin words
 * and nothing next to Chinese; characters the chosen face lacks get another face that has
 * them, else 〓, with a warning at source line LINE; widths are measured. */
void nb_pdf_str_shape(nb_pdf_layout *lay, nb_pdf_str *s, double size, double track,
                      unsigned line);
void nb_pdf_str_free(nb_pdf_str *s);
/* Width of S[A..B). */
double nb_pdf_str_width(const nb_pdf_str *s, size_t a, size_t b);
/* Emits S[A..B) with its baseline starting at (X, Y) on PAGE, adding EXTRA after every
 * character (justification). */
void nb_pdf_emit(nb_pdf_layout *lay, const nb_pdf_str *s, size_t a, size_t b, unsigned page,
                 double x, double y, double extra);
void nb_pdf_add_rule(nb_pdf_layout *lay, unsigned page, double x0, double y0, double x1,
                     double y1, double width);
/* Starts a new page. */
void nb_pdf_new_page(nb_pdf_layout *lay);

#endif
