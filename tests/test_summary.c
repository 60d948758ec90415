/* The summary page rendered piece by piece (nb_summary_html) is the page rendered from the whole
 * context (nb_summary_context): summary.html, and the site's year page with its rows linked,
 * over more rows, anomalies and problems than one piece holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "batch/summary.h"
#include "core/node.h"
#include "render/render.h"

enum { BODIES = 700 }; /* more than two pieces of rows (256 each) */

/* A summary of BODIES bodies without figures, every third with a warning, every seventh
 * with an error, and a body missing this year. */
static nb_summary *make_summary(void)
{
  nb_summary *s = nb_summary_new(2025);
  char name[64], path[64], town[] = "乡镇", street[] = "街道", county[] = "示例县";
  for (int year = 2024; year <= 2025; year++) {
    for (int i = 0; i < BODIES + (year == 2024); i++) {
      snprintf(name, sizeof name, "第%03d乡人民政府", i);
      snprintf(path, sizeof path, "%d/%03d.yaml", year, i);
      nb_set_item it = {.path = path, .name = name, .level = i % 2 ? town : street,
                        .region = county, .year = year, .conforms = 1};
      nb_diags *d = nb_diags_new(path);
      if (i % 3 == 0)
        nb_diag_add(d, NB_SEV_WARNING, "NB301", 3, 1, "第 %d 个<警告>", i);
      if (i % 7 == 0)
        nb_diag_add(d, NB_SEV_ERROR, "NB101", 5, 2, "第 %d 个错误 & 说明", i);
      it.errors = nb_diags_errors(d);
      it.warnings = nb_diags_warnings(d);
      nb_summary_add(s, &it, NULL, d);
      nb_diags_free(d);
    }
  }
  nb_summary_finish(s);
  return s;
}

/* Every other body's row links to a page (the site links published reports only). */
static const char *link_of(void *ctx, const char *name, nb_arena *a)
{
  (void)ctx;
  /* "第001乡人民政府": the number's last digit is the sixth byte */
  return strlen(name) > 6 && (name[5] - '0') % 2 ? nb_arena_printf(a, "%s/index.html", name)
                                                 : NULL;
}

/* The page TEMPLATE from the whole context, rows linked by link_of when LINKED. */
static void whole_page(const nb_summary *s, const char *template, int linked, nb_buf *out)
{
  nb_arena *a = nb_arena_new();
  nb_node *ctx = nb_summary_context(s, a), *rows = nb_node_get(ctx, "rows");
  for (size_t r = 0; linked && r < rows->n; r++) {
    const char *link = link_of(NULL, nb_node_cstr(nb_node_get(rows->items[r], "name")), a);
    if (link)
      nb_node_put(a, rows->items[r], "link", nb_node_new_cstr(a, link));
  }
  nb_renderer *r = nb_renderer_new(NULL);
  nb_mus_error e = NB_MUS_ERROR_INIT;
  assert_int_equal(nb_render_page(r, template, ctx, out, &e), 0);
  nb_mus_error_free(&e);
  nb_renderer_free(r);
  nb_arena_free(a);
}

static void streamed_page(const nb_summary *s, const nb_summary_page *page, nb_buf *out)
{
  nb_renderer *r = nb_renderer_new(NULL);
  nb_mus_error e = NB_MUS_ERROR_INIT;
  assert_int_equal(nb_summary_html(s, page, r, out, NULL, &e), 0);
  nb_mus_error_free(&e);
  nb_renderer_free(r);
}

static void same_page(const char *template, const nb_summary_page *page, int linked)
{
  nb_summary *s = make_summary();
  assert_true(nb_summary_rows(s) > 2 * 256 && nb_summary_problems(s) > 256);
  nb_buf whole = NB_BUF_INIT, streamed = NB_BUF_INIT;
  whole_page(s, template, linked, &whole);
  streamed_page(s, page, &streamed);
  assert_true(whole.len > 100000);
  if (whole.len != streamed.len || memcmp(whole.data, streamed.data, whole.len) != 0) {
    size_t k = 0;
    while (k < whole.len && k < streamed.len && whole.data[k] == streamed.data[k])
      k++;
    fail_msg("%s: pages differ at byte %zu of %zu/%zu: …%.60s…", template, k, whole.len,
             streamed.len, whole.data + k);
  }
  assert_non_null(strstr(whole.data, linked ? "/index.html\">第001乡" : "第001乡"));
  nb_buf_free(&whole);
  nb_buf_free(&streamed);
  nb_summary_free(s);
}

static void test_summary_page(void **state)
{
  (void)state;
  same_page("summary.html", NULL, 0);
}

static void test_site_year_page(void **state)
{
  (void)state;
  nb_summary_page page = {"site-year.html", link_of, NULL};
  same_page("site-year.html", &page, 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_summary_page),
    cmocka_unit_test(test_site_year_page),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
