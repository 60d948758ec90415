/* The faces a PDF line is drawn in, and how far a line is stretched, read from the display
 * list of the layout: a rare character in 宋 text is drawn by the 宋 fallback face (not 楷 or
 * 黑), letters and figures of 宋 text by the Latin serif, the title is stroked only when its
 * face is not heavy, and no justified line is stretched beyond NB_PDF_JUSTIFY_CAP. Skipped
 * when the Debian fonts the checks name are not installed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"

#include "core/diag.h"
#include "pdf/faces.h"
#include "pdf/layout.h"

#define UMING "/usr/share/fonts/truetype/arphic/uming.ttc"
#define LIBERATION "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"

typedef struct {
  nb_font *fonts[NB_PDF_NFACES];
  nb_pdf_layout *lay;
  nb_diags *diags;
} laid;

static void lay_out(laid *l, const char *md, const nb_pdf_opts *o)
{
  l->diags = nb_diags_new("x.md");
  if (nb_pdf_fonts_resolve(o, l->fonts, l->diags) != 0) {
    nb_diags_free(l->diags);
    NB_TEST_SKIP(); /* no Chinese TrueType face installed */
  }
  cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
  nb_pdf_geom g = {595.3, 841.9, 79.4, 104.9, 442.2, 637.8, 637.8 / 22, 442.2 / 28};
  l->lay = nb_pdf_layout_document(doc, (const nb_font *const *)l->fonts, &g, l->diags);
  cmark_node_free(doc);
}

static void lay_free(laid *l)
{
  nb_pdf_layout_free(l->lay);
  nb_pdf_fonts_free(NULL, l->fonts);
  nb_diags_free(l->diags);
}

/* The run that holds TEXT, or NULL. */
static const nb_pdf_run *run_with(const nb_pdf_layout *lay, const char *text)
{
  for (size_t i = 0; i < lay->nruns; i++)
    if (strstr(lay->runs[i].text, text))
      return &lay->runs[i];
  return NULL;
}

static int have(const char *path)
{
  return access(path, R_OK) == 0;
}

/* 堃 is not in the default 宋 face (GB2312 only): it is drawn in the 宋 fallback. */
static void test_song_fallback_stays_song(void **state)
{
  (void)state;
  if (!have(UMING))
    NB_TEST_SKIP();
  laid l;
  lay_out(&l, "# 标题\n\n联系人王堃同志。\n", NULL);
  const nb_pdf_run *r = run_with(l.lay, "堃");
  assert_non_null(r);
  if (l.fonts[NB_PDF_SONG] != l.fonts[NB_PDF_SONG_FB] && !nb_font_has(l.fonts[NB_PDF_SONG], 0x5803)) {
    assert_ptr_equal(l.fonts[r->face], l.fonts[NB_PDF_SONG_FB]);
    assert_string_equal(nb_font_family(l.fonts[r->face]), "AR PL UMing CN");
    assert_true(nb_diags_has(l.diags, "NB503"));
    assert_non_null(strstr(nb_diags_get(l.diags, 0)->message, "AR PL UMing CN"));
  }
  lay_free(&l);
}

/* Letters and figures of 宋 text come from Liberation Serif, on the same baseline. */
static void test_latin_serif(void **state)
{
  (void)state;
  if (!have(LIBERATION))
    NB_TEST_SKIP();
  laid l;
  lay_out(&l, "# 标题\n\n联系电话：0537-7984101，网站www.gov.cn。\n", NULL);
  const nb_pdf_run *digits = run_with(l.lay, "0537-7984101");
  const nb_pdf_run *cjk = run_with(l.lay, "联系电话");
  assert_non_null(digits);
  assert_non_null(cjk);
  assert_int_equal(digits->face, NB_PDF_LATIN);
  assert_string_equal(nb_font_family(l.fonts[NB_PDF_LATIN]), "Liberation Serif");
  assert_int_equal(cjk->face, NB_PDF_SONG);
  assert_true(digits->y == cjk->y);
  lay_free(&l);
}

/* The title in the 宋 face is thickened by stroking; in a heavy face it is not. */
static void test_title_stroke(void **state)
{
  (void)state;
  laid l;
  lay_out(&l, "# 某某局2024年政府信息公开工作年度报告\n\n正文。\n", NULL);
  const nb_pdf_run *t = run_with(l.lay, "某某局");
  assert_non_null(t);
  assert_true(t->bold);
  assert_false(run_with(l.lay, "正文")->bold);
  lay_free(&l);
  const char *heavy = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf";
  if (!have(heavy))
    return;
  nb_pdf_opts o;
  memset(&o, 0, sizeof o);
  o.font_title = heavy;
  lay_out(&l, "# Annual Report 2024\n\n正文。\n", &o);
  t = run_with(l.lay, "Annual");
  assert_non_null(t);
  assert_int_equal(t->face, NB_PDF_TITLE);
  assert_true(nb_font_heavy(l.fonts[NB_PDF_TITLE]));
  assert_false(t->bold);
  lay_free(&l);
}

/* No body line is stretched beyond the cap; the web address goes on with the next line
 * instead of leaving a letter-spaced line before it. */
static void test_justify_cap(void **state)
{
  (void)state;
  laid l;
  lay_out(&l, "# 标题\n\n本报告所列数据的统计期限为2024年1月1日至2024年12月31日。本报告电子版可在"
              "“中国·汶上”政府门户网站（http://www.wenshang.gov.cn）查阅或下载。如对本报告有"
              "疑问，请与军屯乡人民政府党政办公室联系。\n", NULL);
  double track = l.lay->g.grid_char - 16.0;
  int body = 0;
  for (size_t i = 0; i < l.lay->nruns; i++) {
    const nb_pdf_run *r = &l.lay->runs[i];
    if (r->size != 16.0)
      continue;
    body++;
    assert_true(r->cs - track <= 16.0 * NB_PDF_JUSTIFY_CAP + 1e-9);
  }
  assert_true(body > 3);
  lay_free(&l);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_song_fallback_stays_song),
    cmocka_unit_test(test_latin_serif),
    cmocka_unit_test(test_title_stroke),
    cmocka_unit_test(test_justify_cap),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
