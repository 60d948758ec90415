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

#include "nb_buf.h"

/* A fontconfig configuration, loaded on the first family lookup and reused for the others. */
typedef struct nb_font_finder nb_font_finder;

nb_font_finder *nb_font_finder_new(void);
void nb_font_finder_free(nb_font_finder *fnd);

/* Resolves SPEC to a file and face index. Returns 0 and sets *PATH (caller frees) and *INDEX,
 * or -1 when no TrueType face of that family is installed (or the path has no such face). */
int nb_font_find(nb_font_finder *fnd, const char *spec, char **path, unsigned *index);

typedef struct nb_font nb_font;

/* Loads face INDEX of the file PATH. NULL when the file cannot be read or the face has no
 * TrueType outlines (glyf table), which the PDF library cannot embed. */
nb_font *nb_font_load(const char *path, unsigned index);
void nb_font_free(nb_font *f);

/* The file and face index the face was loaded from. */
const char *nb_font_path(const nb_font *f);
unsigned nb_font_index(const nb_font *f);
/* The family name (first name record) for messages, e.g. "AR PL UMing CN". */
const char *nb_font_family(const nb_font *f);

/* Whether the face has a glyph for CP. */
int nb_font_has(const nb_font *f, uint32_t cp);
/* The advance width of CP in em (1.0 = the font size); 0 when the face lacks it. */
double nb_font_advance(const nb_font *f, uint32_t cp);

/* Subsets the face to the N code points CPS (glyph ids renumbered, cmap rewritten to match)
 * and appends the resulting TrueType file to OUT. Returns 0, or -1 when harfbuzz fails. */
int nb_font_subset(const nb_font *f, const uint32_t *cps, size_t n, nb_buf *out);

#endif
