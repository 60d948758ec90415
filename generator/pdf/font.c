/* Faces for the PDF renderer: lookup with fontconfig, metrics and coverage from harfbuzz,
 * subsetting with hb-subset. */
#include "pdf/font.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct nb_font_finder {
  FcConfig *cfg; /* NULL until the first family lookup */
};

/* What layout asks of a BMP character, filled in on first use: 0 = not asked yet, else MEMO_KNOWN,
 * MEMO_HAS when the face has a glyph for it, and its advance in font units (low 30 bits).
 * Atomic: a face may be shared by reports laid out on several threads; two threads filling
 * the same entry store the same value. */
#define MEMO_KNOWN 0x80000000u
#define MEMO_HAS 0x40000000u
#define MEMO_ADVANCE 0x3FFFFFFFu

typedef struct {
  _Atomic uint32_t v[65536]; /* by BMP code point */
} memo_table;

struct nb_font {
  char *path;
  unsigned index;
  hb_blob_t *blob;
  hb_face_t *face;
  hb_font_t *font; /* scaled to units per em */
  memo_table *memo; /* see MEMO_KNOWN; written through a const face */
  double upem;
  char family[128];
  char psname[64];
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

/* "PATH seconds.nanoseconds size\n" of PATH (nothing when it is gone). */
static void describe_file(const char *path, nb_buf *out)
{
  struct stat st;
  if (stat(path, &st) == 0)
    nb_buf_printf(out, "%s %lld.%09ld %lld\n", path, (long long)st.st_mtim.tv_sec,
                  (long)st.st_mtim.tv_nsec, (long long)st.st_size);
}

void nb_font_finder_folders(nb_font_finder *fnd, nb_buf *out)
{
  if (!fnd->cfg && !(fnd->cfg = FcInitLoadConfigAndFonts()))
    return;
  FcStrList *dirs = FcConfigGetFontDirs(fnd->cfg);
  for (FcChar8 *d; dirs && (d = FcStrListNext(dirs)) != NULL;)
    describe_file((const char *)d, out);
  if (dirs)
    FcStrListDone(dirs);
}

void nb_font_describe(const nb_font *f, nb_buf *out)
{
  nb_buf_printf(out, "face %u ", f->index);
  describe_file(f->path, out);
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
  f->memo = nb_xcalloc(1, sizeof *f->memo);
  f->upem = hb_face_get_upem(face);
  unsigned len = sizeof f->family;
  if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string("en", -1),
                           &len, f->family) &&
      !hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, HB_LANGUAGE_INVALID, &len,
                           f->family))
    snprintf(f->family, sizeof f->family, "%s", path);
  char ps[sizeof f->family];
  len = sizeof ps;
  if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, ps))
    snprintf(ps, sizeof ps, "%s", f->family);
  size_t k = 0;
  for (const char *c = ps; *c && k + 1 < sizeof f->psname; c++)
    if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
        *c == '-' || *c == ',')
      f->psname[k++] = *c;
  if (!k)
    f->psname[k++] = 'F';
  f->psname[k] = 0;
  return f;
}

void nb_font_free(nb_font *f)
{
  if (!f)
    return;
  hb_font_destroy(f->font);
  free(f->memo);
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

const char *nb_font_psname(const nb_font *f)
{
  return f->psname;
}

/* Big-endian integers of the table TAG at OFF (0 when the table is shorter). */
static int32_t table_int(hb_face_t *face, hb_tag_t tag, unsigned off, unsigned size)
{
  hb_blob_t *b = hb_face_reference_table(face, tag);
  unsigned len = 0;
  const unsigned char *d = (const unsigned char *)hb_blob_get_data(b, &len);
  uint32_t v = 0;
  if (off + size <= len)
    for (unsigned i = 0; i < size; i++)
      v = v << 8 | d[off + i];
  hb_blob_destroy(b);
  if (size == 2)
    return (int16_t)v;
  return (int32_t)v;
}

static int em1000(const nb_font *f, double v)
{
  double r = v * 1000 / f->upem;
  return (int)(r < 0 ? r - 0.5 : r + 0.5);
}

void nb_font_get_metrics(const nb_font *f, nb_font_metrics *m)
{
  hb_position_t asc = 0, desc = 0, cap = 0;
  hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc);
  hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc);
  if (!hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) || cap <= 0)
    cap = asc;
  m->ascent = em1000(f, asc);
  m->descent = em1000(f, desc);
  m->cap_height = em1000(f, cap);
  const hb_tag_t head = HB_TAG('h', 'e', 'a', 'd'), post = HB_TAG('p', 'o', 's', 't');
  for (int i = 0; i < 4; i++)
    m->bbox[i] = em1000(f, table_int(f->face, head, 36 + 2 * (unsigned)i, 2));
  m->italic_angle = table_int(f->face, post, 4, 4) / 65536;
  m->fixed_pitch = table_int(f->face, post, 12, 4) != 0;
  int weight = table_int(f->face, HB_TAG('O', 'S', '/', '2'), 4, 2);
  if (weight <= 0)
    weight = 400;
  m->stem_v = 50 + weight * weight / (65 * 65); /* a common estimate: 400 → 87 */
}

int nb_font_heavy(const nb_font *f)
{
  if (table_int(f->face, HB_TAG('O', 'S', '/', '2'), 4, 2) >= 600)
    return 1;
  static const char *const words[] = {"小标宋", "小標宋", "XiaoBiaoSong", "XBS", "Bold", "Heavy",
                                      "Black", "粗", NULL};
  const char *names[2] = {nb_font_family(f), nb_font_psname(f)};
  for (int n = 0; n < 2; n++)
    for (const char *const *w = words; *w && names[n]; w++)
      if (strstr(names[n], *w))
        return 1;
  return 0;
}

/* Whether the face has CP and its advance, as a memo entry (see MEMO_KNOWN). */
static uint32_t glyph_info(const nb_font *f, uint32_t cp)
{
  hb_codepoint_t gid;
  if (!hb_font_get_nominal_glyph(f->font, cp, &gid))
    return MEMO_KNOWN;
  hb_position_t a = hb_font_get_glyph_h_advance(f->font, gid);
  uint32_t adv = a < 0 ? 0u : a > (hb_position_t)MEMO_ADVANCE ? MEMO_ADVANCE : (uint32_t)a;
  return MEMO_KNOWN | MEMO_HAS | adv;
}

static uint32_t memo(const nb_font *f, uint32_t cp)
{
  if (cp > 0xFFFF)
    return glyph_info(f, cp);
  uint32_t v = atomic_load_explicit(&f->memo->v[cp], memory_order_relaxed);
  if (!v) {
    v = glyph_info(f, cp);
    atomic_store_explicit(&f->memo->v[cp], v, memory_order_relaxed);
  }
  return v;
}

int nb_font_has(const nb_font *f, uint32_t cp)
{
  return (memo(f, cp) & MEMO_HAS) != 0;
}

double nb_font_advance(const nb_font *f, uint32_t cp)
{
  return (memo(f, cp) & MEMO_ADVANCE) / f->upem;
}

/* Tables kept in a subset: what a PDF reader needs to draw glyphs by id. */
static int kept_table(hb_tag_t t)
{
  static const hb_tag_t keep[] = {
    HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'), HB_TAG('h', 'e', 'a', 'd'),
    HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'),
    HB_TAG('O', 'S', '/', '2')};
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
    if (t == keep[i])
      return 1;
  return 0;
}

int nb_font_subset(const nb_font *f, const uint32_t *cps, size_t n, nb_buf *out,
                   uint16_t *gids)
{
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  if (!in)
    return -1;
  /* hinting instructions are most of a Ming face's size and do nothing for print */
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t *uni = hb_subset_input_unicode_set(in);
  for (size_t i = 0; i < n; i++)
    hb_set_add(uni, cps[i]);
  hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  hb_tag_t tags[64];
  for (unsigned start = 0, got = 64; got == 64; start += got) {
    got = 64;
    hb_face_get_table_tags(f->face, start, &got, tags);
    for (unsigned i = 0; i < got; i++)
      if (!kept_table(tags[i]))
        hb_set_add(drop, tags[i]);
  }
  hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(f->face, in);
  hb_subset_input_destroy(in);
  if (!plan)
    return -1;
  const hb_map_t *to_old = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
  const hb_map_t *to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
  for (size_t i = 0; i < n; i++) {
    hb_codepoint_t g = hb_map_get(to_old, cps[i]);
    g = g == HB_MAP_VALUE_INVALID ? HB_MAP_VALUE_INVALID : hb_map_get(to_new, g);
    gids[i] = g == HB_MAP_VALUE_INVALID || g > 0xFFFF ? 0 : (uint16_t)g;
  }
  hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
  hb_subset_plan_destroy(plan);
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
