/* Face resolution for the PDF: user-named faces first, else the Debian defaults in order. */
#include "pdf/faces.h"

#include <stdlib.h>
#include <string.h>

#include "pdf/cache.h"

/* A default face: its family and where its Debian package installs it ("file:index"). */
typedef struct {
  const char *family, *known;
} default_face;

typedef struct {
  const char *role;          /* "宋体" … for messages */
  const char *option;        /* the command-line option naming it */
  const char *package;       /* Debian package of the first default */
  default_face defaults[4];  /* tried in order */
} role_info;

/* The first defaults are the faces with the most compact outlines for their style (a seed
 * report's PDF is about 10 % smaller with them than with UMing/UKai/Zen Hei); the others are
 * the faces of the packages installed before. */
#define ARPHIC "/usr/share/fonts/truetype/arphic/"
#define WQY "/usr/share/fonts/truetype/wqy/"
#define LIBERATION "/usr/share/fonts/truetype/liberation/"
static const role_info ROLES[NB_PDF_NFACES] = {
  {"宋体", "--font-song", "fonts-arphic-gbsn00lp",
   {{"AR PL SungtiL GB", "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf:0"},
    {"AR PL UMing CN", ARPHIC "uming.ttc:0"},
    {"AR PL UMing TW", ARPHIC "uming.ttc:2"},
    {NULL, NULL}}},
  {"楷体", "--font-kai", "fonts-lxgw-wenkai",
   {{"LXGW WenKai", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf:0"},
    {"AR PL UKai CN", ARPHIC "ukai.ttc:0"},
    {"AR PL KaitiM GB", "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf:0"},
    {NULL, NULL}}},
  {"黑体", "--font-hei", "fonts-wqy-microhei",
   {{"WenQuanYi Micro Hei", WQY "wqy-microhei.ttc:0"},
    {"WenQuanYi Zen Hei", WQY "wqy-zenhei.ttc:0"},
    {NULL, NULL},
    {NULL, NULL}}},
  /* the title: a 小标宋 the office has, else the 宋 face (thickened) */
  {"标题", "--font-title", NULL, {{NULL, NULL}}},
  /* the fallbacks keep the style of their role: a rare character in 宋 text is drawn in 宋 */
  {"宋体后备", NULL, "fonts-arphic-uming",
   {{"AR PL UMing CN", ARPHIC "uming.ttc:0"}, {"AR PL UMing TW", ARPHIC "uming.ttc:2"}}},
  {"楷体后备", NULL, "fonts-arphic-ukai",
   {{"AR PL UKai CN", ARPHIC "ukai.ttc:0"}, {"AR PL UKai TW", ARPHIC "ukai.ttc:2"}}},
  {"黑体后备", NULL, "fonts-wqy-zenhei", {{"WenQuanYi Zen Hei", WQY "wqy-zenhei.ttc:0"}}},
  /* letters and figures of 宋 text: a Times New Roman-compatible serif, as offices use */
  {"西文", NULL, "fonts-liberation",
   {{"Liberation Serif", LIBERATION "LiberationSerif-Regular.ttf:0"}}},
};

/* The role whose face stands in for face F when F's own is missing. */
static int primary_of(int f)
{
  switch (f) {
  case NB_PDF_SONG_FB: case NB_PDF_TITLE: case NB_PDF_LATIN: return NB_PDF_SONG;
  case NB_PDF_KAI_FB: return NB_PDF_KAI;
  case NB_PDF_HEI_FB: return NB_PDF_HEI;
  default: return f;
  }
}

/* Where faces come from: the run's cache, else fontconfig for this call alone. */
typedef struct {
  nb_pdf_cache *cache;
  nb_font_finder *fnd; /* NULL with a cache */
} source;

/* A face already loaded from the same file and index, to share it between roles. */
static nb_font *find_loaded(nb_font *fonts[NB_PDF_NFACES], const char *path, unsigned index)
{
  for (int f = 0; f < NB_PDF_NFACES; f++)
    if (fonts[f] && nb_font_index(fonts[f]) == index && strcmp(nb_font_path(fonts[f]), path) == 0)
      return fonts[f];
  return NULL;
}

static nb_font *open_spec(const source *src, nb_font *fonts[NB_PDF_NFACES], const char *spec)
{
  if (src->cache)
    return nb_pdf_cache_face(src->cache, spec);
  char *path = NULL;
  unsigned index = 0;
  if (nb_font_find(src->fnd, spec, &path, &index) < 0)
    return NULL;
  nb_font *f = find_loaded(fonts, path, index);
  if (!f)
    f = nb_font_load(path, index);
  free(path);
  return f;
}

static const char *user_spec(const nb_pdf_opts *o, int role)
{
  if (!o)
    return NULL;
  switch (role) {
  case NB_PDF_SONG: return o->font_song;
  case NB_PDF_KAI: return o->font_kai;
  case NB_PDF_HEI: return o->font_hei;
  case NB_PDF_TITLE: return o->font_title;
  default: return NULL;
  }
}

static int resolve_user(const source *src, const nb_pdf_opts *opts,
                        nb_font *fonts[NB_PDF_NFACES], nb_diags *diags)
{
  int rc = 0;
  for (int r = 0; r < NB_PDF_NFACES; r++) {
    const char *spec = user_spec(opts, r);
    if (!spec || !*spec)
      continue;
    fonts[r] = open_spec(src, fonts, spec);
    if (!fonts[r]) {
      nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB501", 0, 0,
                               "找不到%s字体“%s”，或它不是 TrueType 字体", ROLES[r].role, spec);
      nb_diag_hint(g, "用 fc-list :lang=zh family 查看已安装的字体；%s 可写字体名或 .ttf/.ttc "
                      "文件路径（.ttc 可加“:序号”）。PDF 只能嵌入 TrueType 字体，不能用 OpenType/CFF "
                      "字体（如 Noto CJK）", ROLES[r].option);
      rc = -1;
    }
  }
  return rc;
}

/* Default D at its usual Debian path, if it is there and is that family: found without
 * loading fontconfig's configuration, the slowest step of a small report. */
static nb_font *open_known(const source *src, nb_font *fonts[NB_PDF_NFACES],
                           const default_face *d)
{
  nb_font *f = open_spec(src, fonts, d->known);
  if (!f || strcmp(nb_font_family(f), d->family) == 0)
    return f;
  int shared = src->cache != NULL; /* the cache's faces stay loaded */
  for (int k = 0; k < NB_PDF_NFACES; k++)
    shared |= fonts[k] == f;
  if (!shared)
    nb_font_free(f);
  return NULL;
}

/* Each role's first default installed: by its path, else (for a system that puts fonts
 * elsewhere) by its family through fontconfig. */
static void resolve_defaults(const source *src, nb_font *fonts[NB_PDF_NFACES])
{
  for (int r = 0; r < NB_PDF_NFACES; r++)
    for (const default_face *d = ROLES[r].defaults; !fonts[r] && d->family; d++)
      fonts[r] = open_known(src, fonts, d);
  for (int r = 0; r < NB_PDF_NFACES; r++)
    for (const default_face *d = ROLES[r].defaults; !fonts[r] && d->family; d++)
      fonts[r] = open_spec(src, fonts, d->family);
}

/* A role of 宋, 楷, 黑 without a face borrows the first face found (-1 when there is none at
 * all); the title, the fallbacks and the Latin face borrow their role's face silently. */
static int stand_in(nb_font *fonts[NB_PDF_NFACES], nb_diags *diags)
{
  nb_font *any = NULL;
  for (int r = 0; r < NB_PDF_NFACES && !any; r++)
    any = fonts[r];
  for (int r = 0; r <= NB_PDF_HEI; r++) {
    if (fonts[r])
      continue;
    if (!any) {
      nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB501", 0, 0,
                               "找不到可用的中文 TrueType 字体（已查找 %s、%s、%s 等）",
                               ROLES[0].defaults[0].family, ROLES[1].defaults[0].family,
                               ROLES[2].defaults[0].family);
      nb_diag_hint(g, "请安装字体：sudo apt install %s %s %s；或用 --font-song 等选项指定字体",
                   ROLES[0].package, ROLES[1].package, ROLES[2].package);
      return -1;
    }
    nb_diag *g = nb_diag_add(diags, NB_SEV_WARNING, "NB502", 0, 0,
                             "找不到%s字体（已查找 %s 等），改用“%s”", ROLES[r].role,
                             ROLES[r].defaults[0].family, nb_font_family(any));
    nb_diag_hint(g, "请安装字体：sudo apt install %s；或用 %s 指定字体", ROLES[r].package,
                 ROLES[r].option);
    fonts[r] = any;
  }
  for (int r = NB_PDF_HEI + 1; r < NB_PDF_NFACES; r++)
    if (!fonts[r])
      fonts[r] = fonts[primary_of(r)];
  return 0;
}

int nb_pdf_fonts_resolve(const nb_pdf_opts *opts, nb_font *fonts[NB_PDF_NFACES],
                         nb_diags *diags)
{
  for (int r = 0; r < NB_PDF_NFACES; r++)
    fonts[r] = NULL;
  source src = {opts ? opts->cache : NULL, NULL};
  if (!src.cache)
    src.fnd = nb_font_finder_new();
  int rc = resolve_user(&src, opts, fonts, diags);
  if (rc == 0) {
    resolve_defaults(&src, fonts);
    rc = stand_in(fonts, diags);
  }
  nb_font_finder_free(src.fnd);
  if (rc < 0)
    nb_pdf_fonts_free(opts, fonts);
  return rc;
}

void nb_pdf_fonts_free(const nb_pdf_opts *opts, nb_font *fonts[NB_PDF_NFACES])
{
  int owned = !opts || !opts->cache;
  for (int r = 0; r < NB_PDF_NFACES; r++) {
    nb_font *f = fonts[r];
    if (!f)
      continue;
    for (int k = r; k < NB_PDF_NFACES; k++)
      if (fonts[k] == f)
        fonts[k] = NULL;
    if (owned)
      nb_font_free(f);
  }
}
