/* Faces for the PDF renderer: lookup with fontconfig, metrics and coverage from harfbuzz,
 * subsetting with hb-subset. */
#include "nb_font.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct nb_font_finder {
  FcConfig *cfg; /* NULL until the first family lookup */
};

struct nb_font {
  char *path;
  unsigned index;
  hb_blob_t *blob;
  hb_face_t *face;
  hb_font_t *font; /* scaled to units per em */
  double upem;
  char family[128];
};

nb_font_finder *nb_font_finder_new(void)
{
  return nb_xcalloc(1, sizeof(nb_font_finder));
}

void nb_font_finder_free(nb_font_finder *fnd)
{
  if (!fnd)
    return;
  if (fnd->cfg)
    FcConfigDestroy(fnd->cfg);
  free(fnd);
}

/* "file.ttc:2" → path "file.ttc", index 2; a spec without a numeric suffix is all path. */
static void split_path_spec(const char *spec, char **path, unsigned *index)
{
  const char *colon = strrchr(spec, ':');
  if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1) &&
      strlen(colon + 1) < 6) {
    *path = nb_xstrndup(spec, (size_t)(colon - spec));
    *index = (unsigned)strtoul(colon + 1, NULL, 10);
  } else {
    *path = nb_xstrdup(spec);
    *index = 0;
  }
}

/* Among the faces of FS, the TrueType one with the smallest (file, index): a stable choice. */
static int pick_truetype(FcFontSet *fs, char **path, unsigned *index)
{
  const char *best = NULL;
  int best_index = 0;
  for (int i = 0; i < fs->nfont; i++) {
    FcChar8 *file = NULL, *format = NULL;
    int idx = 0;
    if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
      continue;
    if (FcPatternGetString(fs->fonts[i], FC_FONTFORMAT, 0, &format) != FcResultMatch ||
        strcmp((const char *)format, "TrueType") != 0)
      continue;
    FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &idx);
    int cmp = best ? strcmp((const char *)file, best) : -1;
    if (cmp < 0 || (cmp == 0 && idx < best_index)) {
      best = (const char *)file;
      best_index = idx;
    }
  }
  if (!best)
    return -1;
  *path = nb_xstrdup(best);
  *index = (unsigned)best_index;
  return 0;
}

int nb_font_find(nb_font_finder *fnd, const char *spec, char **path, unsigned *index)
{
  if (strchr(spec, '/')) {
    split_path_spec(spec, path, index);
    return 0;
  }
  if (!fnd->cfg && !(fnd->cfg = FcInitLoadConfigAndFonts()))
    return -1;
  FcPattern *pat = FcPatternCreate();
  FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FONTFORMAT, (char *)0);
  if (!pat || !os) {
    if (pat)
      FcPatternDestroy(pat);
    if (os)
      FcObjectSetDestroy(os);
    return -1;
  }
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)spec);
  FcFontSet *fs = FcFontList(fnd->cfg, pat, os);
  int rc = fs ? pick_truetype(fs, path, index) : -1;
  if (fs)
    FcFontSetDestroy(fs);
  FcObjectSetDestroy(os);
  FcPatternDestroy(pat);
  return rc;
}

static int has_table(hb_face_t *face, hb_tag_t tag)
{
  hb_blob_t *b = hb_face_reference_table(face, tag);
  unsigned len = hb_blob_get_length(b);
  hb_blob_destroy(b);
  return len > 0;
}

nb_font *nb_font_load(const char *path, unsigned index)
{
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
  if (!blob)
    return NULL;
  if (index >= hb_face_count(blob)) {
    hb_blob_destroy(blob);
    return NULL;
  }
  hb_face_t *face = hb_face_create(blob, index);
  if (!has_table(face, HB_TAG('g', 'l', 'y', 'f')) || !has_table(face, HB_TAG('c', 'm', 'a', 'p'))) {
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return NULL;
  }
  nb_font *f = nb_xcalloc(1, sizeof *f);
  f->path = nb_xstrdup(path);
  f->index = index;
  f->blob = blob;
  f->face = face;
  f->font = hb_font_create(face);
  f->upem = hb_face_get_upem(face);
  unsigned len = sizeof f->family;
  if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string("en", -1),
                           &len, f->family) &&
      !hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, HB_LANGUAGE_INVALID, &len,
                           f->family))
    snprintf(f->family, sizeof f->family, "%s", path);
  return f;
}

void nb_font_free(nb_font *f)
{
  if (!f)
    return;
  hb_font_destroy(f->font);
  hb_face_destroy(f->face);
  hb_blob_destroy(f->blob);
  free(f->path);
  free(f);
}

const char *nb_font_path(const nb_font *f)
{
  return f->path;
}

unsigned nb_font_index(const nb_font *f)
{
  return f->index;
}

const char *nb_font_family(const nb_font *f)
{
  return f->family;
}

int nb_font_has(const nb_font *f, uint32_t cp)
{
  hb_codepoint_t gid;
  return hb_font_get_nominal_glyph(f->font, cp, &gid) ? 1 : 0;
}

double nb_font_advance(const nb_font *f, uint32_t cp)
{
  hb_codepoint_t gid;
  if (!hb_font_get_nominal_glyph(f->font, cp, &gid))
    return 0;
  return hb_font_get_glyph_h_advance(f->font, gid) / f->upem;
}

int nb_font_subset(const nb_font *f, const uint32_t *cps, size_t n, nb_buf *out)
{
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  if (!in)
    return -1;
  /* hinting instructions are most of a Ming face's size and do nothing for print */
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t *uni = hb_subset_input_unicode_set(in);
  for (size_t i = 0; i < n; i++)
    hb_set_add(uni, cps[i]);
  hb_face_t *sub = hb_subset_or_fail(f->face, in);
  hb_subset_input_destroy(in);
  if (!sub)
    return -1;
  hb_blob_t *blob = hb_face_reference_blob(sub);
  unsigned len = 0;
  const char *data = hb_blob_get_data(blob, &len);
  int rc = len > 0 ? 0 : -1;
  if (len)
    nb_buf_put(out, data, len);
  hb_blob_destroy(blob);
  hb_face_destroy(sub);
  return rc;
}
