/* nb_font: TrueType faces for the PDF: finding them (fontconfig), measuring them and
 * subsetting them (harfbuzz, hb-subset).
 *
 * A face is named either by a path ("/usr/share/fonts/x.ttc", optionally ":N" for the face
 * index inside a collection; any spec containing '/' is a path) or by a family name looked up
 * with fontconfig among TrueType (glyf-outline) faces, e.g. "AR PL UMing CN" or "文泉驿正黑".
 *
 * Ownership: nb_font_finder_new / nb_font_load return objects the caller frees with the
 * matching _free (NULL is a no-op). A loaded face maps its file read-only until freed. */
#ifndef NB_FONT_H
#define NB_FONT_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* A fontconfig configuration, loaded on the first family lookup and reused for the others. */
typedef struct nb_font_finder nb_font_finder;

nb_font_finder *nb_font_finder_new(void);
void nb_font_finder_free(nb_font_finder *fnd);

/* Appends every folder fontconfig reads fonts from (FND's configuration, loaded if it was
 * not yet), with its date ("folder seconds.nanoseconds size", one a line): a font installed or
 * removed changes the date of its folder. */
void nb_font_finder_folders(nb_font_finder *fnd, nb_buf *out);

/* Resolves SPEC to a file and face index. Returns 0 and sets *PATH (caller frees) and *INDEX,
 * or -1 when no TrueType face of that family is installed (or the path has no such face). */
int nb_font_find(nb_font_finder *fnd, const char *spec, char **path, unsigned *index);

typedef struct nb_font nb_font;

/* Loads face INDEX of the file PATH. NULL when the file cannot be read or the face has no
 * TrueType outlines (glyf table), which the PDF library cannot embed. */
nb_font *nb_font_load(const char *path, unsigned index);
void nb_font_free(nb_font *f);

/* "face INDEX PATH seconds.nanoseconds size" of the face's file, a line, appended to OUT. */
void nb_font_describe(const nb_font *f, nb_buf *out);

/* The file and face index the face was loaded from. */
const char *nb_font_path(const nb_font *f);
unsigned nb_font_index(const nb_font *f);
/* The family name (first name record) for messages, e.g. "AR PL UMing CN". */
const char *nb_font_family(const nb_font *f);

/* Whether the face is heavy already, so that stroking it for a bold title would blot it:
 * its weight class (OS/2) is 600 or more, or its name says so (小标宋, Bold, Heavy, Black). */
int nb_font_heavy(const nb_font *f);

/* Whether the face has a glyph for CP. */
int nb_font_has(const nb_font *f, uint32_t cp);
/* The advance width of CP in em (1.0 = the font size); 0 when the face lacks it. */
double nb_font_advance(const nb_font *f, uint32_t cp);

/* Metrics for the PDF font descriptor, in glyph-space units (1000 = 1 em). */
typedef struct {
  int ascent, descent, cap_height;
  int bbox[4];      /* xMin, yMin, xMax, yMax */
  int italic_angle; /* degrees, counter-clockwise from vertical; 0 for upright faces */
  int fixed_pitch;  /* every glyph has the same advance */
  int stem_v;       /* dominant vertical stem width, estimated from the weight class */
} nb_font_metrics;

void nb_font_get_metrics(const nb_font *f, nb_font_metrics *m);

/* The PostScript name of the face, reduced to the characters a PDF name keeps as they are
 * (letters, digits, '-', ','), e.g. "UMingCN,Light". */
const char *nb_font_psname(const nb_font *f);

/* Subsets the face to the N code points CPS and appends the resulting TrueType program to OUT.
 * Glyph ids are renumbered (0 = .notdef, then the kept glyphs in their original order);
 * GIDS[i] receives the subset glyph id of CPS[i] (0 when the face lacks it). Only the tables a
 * PDF reader draws from are kept (glyf, loca, head, hhea, hmtx, maxp, OS/2), without hinting:
 * the PDF selects glyphs by id, not through a cmap. Returns 0, or -1 when harfbuzz fails. */
int nb_font_subset(const nb_font *f, const uint32_t *cps, size_t n, nb_buf *out,
                   uint16_t *gids);

#endif
