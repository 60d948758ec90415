/* Face resolution for the PDF: user-named faces first, else the Debian defaults in order. */
#include "nb_pdf_font.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *role;        /* "宋体" … for messages */
  const char *option;      /* the command-line option naming it */
  const char *package;     /* Debian package of the first default */
  const char *known;       /* where that package puts the first default ("file:index") */
  const char *defaults[4]; /* families tried in order */
} role_info;

static const role_info ROLES[NB_PDF_NFACES] = {
  {"宋体", "--font-song", "fonts-arphic-uming", "/usr/share/fonts/truetype/arphic/uming.ttc:0",
   {"AR PL UMing CN", "AR PL UMing TW", "AR PL SungtiL GB", NULL}},
  {"楷体", "--font-kai", "fonts-arphic-ukai", "/usr/share/fonts/truetype/arphic/ukai.ttc:0",
   {"AR PL UKai CN", "AR PL UKai TW", "AR PL KaitiM GB", NULL}},
  {"黑体", "--font-hei", "fonts-wqy-zenhei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:0",
   {"WenQuanYi Zen Hei", "WenQuanYi Micro Hei", NULL, NULL}},
};

/* A face already loaded from the same file and index, to share it between roles. */
static nb_font *find_loaded(nb_font *fonts[NB_PDF_NFACES], const char *path, unsigned index)
{
  for (int f = 0; f < NB_PDF_NFACES; f++)
    if (fonts[f] && nb_font_index(fonts[f]) == index && strcmp(nb_font_path(fonts[f]), path) == 0)
      return fonts[f];
  return NULL;
}

static nb_font *open_spec(nb_font_finder *fnd, nb_font *fonts[NB_PDF_NFACES], const char *spec)
{
  char *path = NULL;
  unsigned index = 0;
  if (nb_font_find(fnd, spec, &path, &index) < 0)
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
  return role == NB_PDF_SONG ? o->font_song : role == NB_PDF_KAI ? o->font_kai : o->font_hei;
}

static int resolve_user(nb_font_finder *fnd, const nb_pdf_opts *opts,
                        nb_font *fonts[NB_PDF_NFACES], nb_diags *diags)
{
  int rc = 0;
  for (int r = 0; r < NB_PDF_NFACES; r++) {
    const char *spec = user_spec(opts, r);
    if (!spec || !*spec)
      continue;
    fonts[r] = open_spec(fnd, fonts, spec);
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

/* Role R's first default at its usual Debian path, if it is there and is that family: found
 * without loading fontconfig's configuration, the slowest step of a small report. */
static nb_font *open_known(nb_font_finder *fnd, nb_font *fonts[NB_PDF_NFACES], int r)
{
  nb_font *f = open_spec(fnd, fonts, ROLES[r].known);
  if (!f || strcmp(nb_font_family(f), ROLES[r].defaults[0]) == 0)
    return f;
  int shared = 0;
  for (int k = 0; k < NB_PDF_NFACES; k++)
    shared |= fonts[k] == f;
  if (!shared)
    nb_font_free(f);
  return NULL;
}

static void resolve_defaults(nb_font_finder *fnd, nb_font *fonts[NB_PDF_NFACES])
{
  for (int r = 0; r < NB_PDF_NFACES; r++) {
    if (!fonts[r])
      fonts[r] = open_known(fnd, fonts, r);
    for (int k = 0; !fonts[r] && ROLES[r].defaults[k]; k++)
      fonts[r] = open_spec(fnd, fonts, ROLES[r].defaults[k]);
  }
}

/* A role without a face borrows the first face found; -1 when there is none at all. */
static int stand_in(nb_font *fonts[NB_PDF_NFACES], nb_diags *diags)
{
  nb_font *any = NULL;
  for (int r = 0; r < NB_PDF_NFACES && !any; r++)
    any = fonts[r];
  for (int r = 0; r < NB_PDF_NFACES; r++) {
    if (fonts[r])
      continue;
    if (!any) {
      nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB501", 0, 0,
                               "找不到可用的中文 TrueType 字体（已查找 %s、%s、%s 等）",
                               ROLES[0].defaults[0], ROLES[1].defaults[0], ROLES[2].defaults[0]);
      nb_diag_hint(g, "请安装字体：sudo apt install %s %s %s；或用 --font-song 等选项指定字体",
                   ROLES[0].package, ROLES[1].package, ROLES[2].package);
      return -1;
    }
    nb_diag *g = nb_diag_add(diags, NB_SEV_WARNING, "NB502", 0, 0,
                             "找不到%s字体（已查找 %s 等），改用“%s”", ROLES[r].role,
                             ROLES[r].defaults[0], nb_font_family(any));
    nb_diag_hint(g, "请安装字体：sudo apt install %s；或用 %s 指定字体", ROLES[r].package,
                 ROLES[r].option);
    fonts[r] = any;
  }
  return 0;
}

int nb_pdf_fonts_resolve(const nb_pdf_opts *opts, nb_font *fonts[NB_PDF_NFACES],
                         nb_diags *diags)
{
  for (int r = 0; r < NB_PDF_NFACES; r++)
    fonts[r] = NULL;
  nb_font_finder *fnd = nb_font_finder_new();
  int rc = resolve_user(fnd, opts, fonts, diags);
  if (rc == 0) {
    resolve_defaults(fnd, fonts);
    rc = stand_in(fonts, diags);
  }
  nb_font_finder_free(fnd);
  if (rc < 0)
    nb_pdf_fonts_free(fonts);
  return rc;
}

void nb_pdf_fonts_free(nb_font *fonts[NB_PDF_NFACES])
{
  for (int r = 0; r < NB_PDF_NFACES; r++) {
    nb_font *f = fonts[r];
    if (!f)
      continue;
    for (int k = r; k < NB_PDF_NFACES; k++)
      if (fonts[k] == f)
        fonts[k] = NULL;
    nb_font_free(f);
  }
}
