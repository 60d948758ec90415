/* nb_pdf_cache: what the PDFs of one run share (the public handle is in pdf/pdf.h).
 *
 * Three things repeat from report to report of a run and cost as much as a page of layout:
 *   - the faces: found (fontconfig) and loaded once, then shared by every report and thread
 *     (harfbuzz faces and fonts are safe to use from several threads);
 *   - subsets: the 楷, 黑 and Latin faces draw the same headings and figures in most reports, so
 *     their subsets repeat; a subset is kept with its compressed program and Unicode map and
 *     given back for the same face and the same characters;
 *   - named byte strings, such as the compressed sRGB profile.
 * Everything given back is what would have been computed, so a PDF has the same bytes with
 * or without the cache and whatever order the reports come in.
 *
 * Thread safety: every function may be called from several threads at once (one mutex).
 * Memory: at most NB_PDF_CACHE_SUBSETS subsets holding NB_PDF_CACHE_BYTES together; when full,
 * the ones used least (the oldest of those) make room. The subsets that repeat are the small
 * ones (a heading face's is about 10 KB); a 宋 face's (about 75 KB) is the report's own prose
 * and almost never comes back, so only a few of those are held, not a whole cache of them on
 * every core.
 * Ownership: faces belong to the cache until nb_pdf_cache_free; everything else is copied in
 * and out. */
#ifndef NB_PDF_CACHE_H
#define NB_PDF_CACHE_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "pdf/font.h"
#include "pdf/pdf.h"

#define NB_PDF_CACHE_SUBSETS 32
#define NB_PDF_CACHE_BYTES ((size_t)256 * 1024)

/* The face SPEC (see nb_font_find) loaded once: borrowed, valid until the cache is freed.
 * NULL when it cannot be found or loaded. */
nb_font *nb_pdf_cache_face(nb_pdf_cache *c, const char *spec);

/* A face's subset as the PDF embeds it. */
typedef struct {
  nb_buf program;       /* the TrueType program, compressed */
  size_t program_len;   /* its length before compression (/Length1) */
  nb_buf cmap;          /* the ToUnicode map, compressed */
  uint16_t *gids;       /* the subset glyph id of each code point; malloc'd */
} nb_pdf_subset;

void nb_pdf_subset_free(nb_pdf_subset *s);

/* Fills OUT (zeroed by the caller) with a copy of the subset of FACE for the N sorted code
 * points CPS and returns 1 when the cache holds it; else returns 0. */
int nb_pdf_cache_subset(nb_pdf_cache *c, const nb_font *face, const uint32_t *cps, size_t n,
                        nb_pdf_subset *out);
/* Keeps a copy of S, the subset of FACE for CPS. */
void nb_pdf_cache_keep_subset(nb_pdf_cache *c, const nb_font *face, const uint32_t *cps,
                              size_t n, const nb_pdf_subset *s);

/* Appends the bytes kept under KEY to OUT and returns 1, or returns 0 when none are kept. */
int nb_pdf_cache_bytes(nb_pdf_cache *c, const char *key, nb_buf *out);
/* Keeps a copy of the LEN bytes DATA under KEY (kept once: a second call changes nothing). */
void nb_pdf_cache_keep_bytes(nb_pdf_cache *c, const char *key, const void *data, size_t len);

#endif
