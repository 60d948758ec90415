/* In-process tests of the PDF renderer. Renders tests/pdf-sample.md into
 * $NB_BUILD_DIR/pdf-sample.pdf for t_pdf.sh, which checks the file with poppler and qpdf.
 * Skipped when the default fonts are not installed. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

#include "core/buf.h"
#include "core/diag.h"
#include "core/io.h"
#include "pdf/cache.h"
#include "pdf/pdf.h"

static const nb_pdf_opts SAMPLE_OPTS = {
  "某某市某某局2024年政府信息公开工作年度报告", "某某市某某局", "政府信息公开工作年度报告",
  "政府信息公开,年度报告,2024", 1735689600LL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, 0, 0, NULL};

static int fonts_present(void)
{
  nb_diags *d = nb_diags_new("-");
  nb_buf out = NB_BUF_INIT;
  int rc = nb_pdf_render("x", 1, NULL, &out, d);
  nb_buf_free(&out);
  nb_diags_free(d);
  return rc == 0;
}

static char *read_sample(size_t *len)
{
  const char *src = getenv("NB_SOURCE_DIR");
  char path[4096];
  snprintf(path, sizeof path, "%s/tests/pdf-sample.md", src ? src : ".");
  nb_buf b = NB_BUF_INIT;
  assert_int_equal(nb_io_read(path, 1 << 20, &b), NB_IO_OK);
  *len = b.len;
  return nb_buf_detach(&b);
}

static void render_ok(const char *md, size_t len, const nb_pdf_opts *o, nb_buf *out,
                      nb_diags *d)
{
  int rc = nb_pdf_render(md, len, o, out, d);
  if (rc != 0 || nb_diags_count(d))
    nb_diags_print_text(d, stderr);
  assert_int_equal(rc, 0);
  assert_true(out->len > 1000);
  assert_memory_equal(out->data, "%PDF-", 5);
}

static void test_sample(void **state)
{
  (void)state;
  if (!fonts_present())
    NB_TEST_SKIP();
  size_t len;
  char *md = read_sample(&len);
  nb_diags *d = nb_diags_new("pdf-sample.md");
  nb_buf a = NB_BUF_INIT, b = NB_BUF_INIT;
  render_ok(md, len, &SAMPLE_OPTS, &a, d);
  assert_int_equal(nb_diags_count(d), 0);
  render_ok(md, len, &SAMPLE_OPTS, &b, d);
  assert_int_equal(a.len, b.len); /* deterministic */
  assert_memory_equal(a.data, b.data, a.len);
  assert_true(a.len < 180 * 1024); /* the 宋 subset alone is about 95 KB */
  const char *dir = getenv("NB_BUILD_DIR");
  char path[4096];
  snprintf(path, sizeof path, "%s/pdf-sample.pdf", dir ? dir : ".");
  assert_int_equal(nb_io_write_atomic(path, a.data, a.len), 0);
  nb_buf_free(&a);
  nb_buf_free(&b);
  nb_diags_free(d);
  free(md);
}

static void test_missing_character(void **state)
{
  (void)state;
  if (!fonts_present())
    NB_TEST_SKIP();
  /* U+20BB7 𠮷 is outside the BMP: replaced by 〓 with a warning naming it and its line */
  const char *md = "# 标题\n\n第一段。\n\n吉祥的\xf0\xa0\xae\xb7字。\n";
  nb_diags *d = nb_diags_new("x.md");
  nb_buf out = NB_BUF_INIT;
  assert_int_equal(nb_pdf_render(md, strlen(md), NULL, &out, d), 0);
  assert_true(nb_diags_has(d, "NB505"));
  const nb_diag *g = nb_diags_get(d, 0);
  assert_int_equal(g->line, 5);
  assert_non_null(strstr(g->message, "U+20BB7"));
  nb_buf_free(&out);
  nb_diags_free(d);
}

static void test_missing_font(void **state)
{
  (void)state;
  nb_pdf_opts o = {0};
  o.font_kai = "No Such Family 123";
  nb_diags *d = nb_diags_new("x.md");
  nb_buf out = NB_BUF_INIT;
  assert_int_equal(nb_pdf_render("# t\n", 4, &o, &out, d), -1);
  assert_true(nb_diags_has(d, "NB501"));
  assert_int_equal(out.len, 0);
  o.font_kai = "/nonexistent/font.ttc:1";
  assert_int_equal(nb_pdf_render("# t\n", 4, &o, &out, d), -1);
  assert_int_equal(nb_diags_errors(d), 2);
  nb_buf_free(&out);
  nb_diags_free(d);
}

static void test_bad_table(void **state)
{
  (void)state;
  if (!fonts_present())
    NB_TEST_SKIP();
  const char *md = "段落。\n\n<table>\n<tr><td><b>x</b></td></tr>\n</table>\n\n<div>y</div>\n";
  nb_diags *d = nb_diags_new("x.md");
  nb_buf out = NB_BUF_INIT;
  assert_int_equal(nb_pdf_render(md, strlen(md), NULL, &out, d), 0);
  assert_true(nb_diags_has(d, "NB506"));
  assert_true(nb_diags_has(d, "NB507"));
  nb_buf_free(&out);
  nb_diags_free(d);
}

/* A face named by path (a .ttc with its index) instead of a family. */
/* Nesting the checker would refuse (NB215) still cannot crash the renderer itself. */
static void test_deep_nesting(void **state)
{
  (void)state;
  if (!fonts_present())
    NB_TEST_SKIP();
  nb_buf md = NB_BUF_INIT;
  for (int i = 0; i < 20000; i++)
    nb_buf_puts(&md, "> ");
  nb_buf_puts(&md, "深\n\n");
  for (int i = 0; i < 20000; i++)
    nb_buf_puts(&md, "*a ");
  nb_buf_puts(&md, "强调");
  for (int i = 0; i < 20000; i++)
    nb_buf_puts(&md, " a*");
  nb_buf_puts(&md, "\n");
  nb_diags *d = nb_diags_new("x.md");
  nb_buf out = NB_BUF_INIT;
  assert_int_equal(nb_pdf_render(md.data, md.len, NULL, &out, d), 0);
  assert_true(nb_diags_has(d, "NB508"));
  assert_true(out.len > 0);
  nb_buf_free(&out);
  nb_buf_free(&md);
  nb_diags_free(d);
}

/* A face named by path (--font-hei FILE:INDEX) is the one embedded: pdffonts lists it. Face 2
 * of ukai.ttc (UKaiTW) is chosen because font matching never picks it on its own. */
static void test_path_font(void **state)
{
  (void)state;
  const char *path = "/usr/share/fonts/truetype/arphic/ukai.ttc";
  if (!nb_test_have(path) || !fonts_present())
    NB_TEST_SKIP();
  if (system("pdffonts -v >/dev/null 2>&1") != 0) {
    nb_test_skipping("pdffonts (poppler-utils) is not installed");
    NB_TEST_SKIP();
  }
  nb_pdf_opts o = {0};
  o.font_hei = "/usr/share/fonts/truetype/arphic/ukai.ttc:2";
  nb_diags *d = nb_diags_new("x.md");
  nb_buf out = NB_BUF_INIT;
  const char *md = "# 标题\n\n## 一、总体情况\n\n正文**加粗**。\n";
  render_ok(md, strlen(md), &o, &out, d);
  assert_int_equal(nb_diags_count(d), 0);
  char *pdf = nb_test_path("NB_BUILD_DIR", "test_path_font.pdf");
  char *list = nb_test_path("NB_BUILD_DIR", "test_path_font.txt");
  assert_int_equal(nb_io_write_atomic(pdf, out.data, out.len), 0);
  nb_buf cmd = NB_BUF_INIT, fonts = NB_BUF_INIT;
  nb_buf_printf(&cmd, "pdffonts '%s' > '%s'", pdf, list);
  assert_int_equal(system(cmd.data), 0);
  assert_int_equal(nb_io_read(list, 1 << 16, &fonts), NB_IO_OK);
  /* the heading face (黑 role) is face 2 of the given file, subset and embedded */
  const char *row = strstr(nb_buf_cstr(&fonts), "+UKaiTW ");
  if (!row)
    fail_msg("UKaiTW (ukai.ttc:2) is not embedded:\n%s", nb_buf_cstr(&fonts));
  const char *eol = strchr(row, '\n');
  assert_non_null(eol);
  assert_non_null(strstr(row, " yes "));
  nb_buf_free(&cmd);
  nb_buf_free(&fonts);
  free(pdf);
  free(list);
  nb_buf_free(&out);
  nb_diags_free(d);
}

/* Renders of one run share a cache from two threads at once: every PDF has the bytes it has
 * without the cache, and the cache stays bounded past NB_PDF_CACHE_SUBSETS distinct subsets
 * (each small report below draws one character of its own). */
typedef struct {
  nb_pdf_cache *cache;
  const char *md[3];
  const nb_buf *want[3];
  int ok;
} cache_job;

static void *render_cached(void *p)
{
  cache_job *j = p;
  j->ok = 1;
  for (int round = 0; round < 2; round++)
    for (int k = 0; k < 3; k++) {
      nb_pdf_opts o = SAMPLE_OPTS;
      o.cache = j->cache;
      nb_diags *d = nb_diags_new("x.md");
      nb_buf out = NB_BUF_INIT;
      j->ok &= nb_pdf_render(j->md[k], strlen(j->md[k]), &o, &out, d) == 0 &&
               out.len == j->want[k]->len && memcmp(out.data, j->want[k]->data, out.len) == 0;
      nb_buf_free(&out);
      nb_diags_free(d);
    }
  return NULL;
}

static void test_cache(void **state)
{
  (void)state;
  if (!fonts_present())
    NB_TEST_SKIP();
  size_t len;
  char *sample = read_sample(&len);
  const char *md[3] = {sample, "# 标题\n\n## 一、总体情况\n\n正文*楷体*。\n",
                       "# 标题\n\n## 一、总体情况\n\n另一段**黑体** 2024。\n"};
  nb_buf want[3] = {NB_BUF_INIT, NB_BUF_INIT, NB_BUF_INIT};
  nb_diags *d = nb_diags_new("x.md");
  for (int k = 0; k < 3; k++)
    render_ok(md[k], strlen(md[k]), &SAMPLE_OPTS, &want[k], d);
  nb_pdf_cache *c = nb_pdf_cache_new();
  cache_job jobs[2];
  pthread_t t[2];
  for (int i = 0; i < 2; i++) {
    jobs[i] = (cache_job){c, {md[i], md[2 - i], md[1]}, {&want[i], &want[2 - i], &want[1]}, 0};
    assert_int_equal(pthread_create(&t[i], NULL, render_cached, &jobs[i]), 0);
  }
  for (int i = 0; i < 2; i++) {
    pthread_join(t[i], NULL);
    assert_true(jobs[i].ok);
  }
  for (unsigned i = 0; i < NB_PDF_CACHE_SUBSETS + 4; i++) { /* one new subset each */
    unsigned cp = 0x4E00 + 3 * i;
    char one[64];
    snprintf(one, sizeof one, "# 标题\n\n字%c%c%c。\n", (char)(0xE0 | cp >> 12),
             (char)(0x80 | (cp >> 6 & 0x3F)), (char)(0x80 | (cp & 0x3F)));
    nb_pdf_opts o = SAMPLE_OPTS;
    o.cache = c;
    nb_buf out = NB_BUF_INIT;
    assert_int_equal(nb_pdf_render(one, strlen(one), &o, &out, d), 0);
    nb_buf_free(&out);
  }
  jobs[0] = (cache_job){c, {md[0], md[1], md[2]}, {&want[0], &want[1], &want[2]}, 0};
  render_cached(&jobs[0]);
  assert_true(jobs[0].ok);
  nb_pdf_cache_free(c);
  nb_pdf_cache_free(NULL);
  for (int k = 0; k < 3; k++)
    nb_buf_free(&want[k]);
  nb_diags_free(d);
  free(sample);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sample),        cmocka_unit_test(test_missing_character),
    cmocka_unit_test(test_missing_font),  cmocka_unit_test(test_bad_table),
    cmocka_unit_test(test_path_font),     cmocka_unit_test(test_deep_nesting),
    cmocka_unit_test(test_cache),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
