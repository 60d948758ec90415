/* Unit tests of the .docx package writer (office/zip.c, nb_office_api.zip): libzip reads back
 * every part — an empty one, one with a UTF-8 name, one of 300 KB of text — with its bytes,
 * its date and the zip's own checks (CRC, sizes, directory); the same parts give the same
 * bytes, and the package is appended after what the buffer held. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include <cmocka.h>

#include "helpers.h"

#include "core/buf.h"
#include "core/diag.h"
#include "office/office.h"

/* Checks that ZIP (LEN bytes) holds the N parts P in order, each dated 2025-01-18 00:00. */
static void check_zip(const char *zipdata, size_t len, const nb_office_part *p, size_t n)
{
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(zipdata, len, 0, &ze);
  assert_non_null(src);
  zip_t *za = zip_open_from_source(src, ZIP_CHECKCONS | ZIP_RDONLY, &ze);
  assert_non_null(za);
  assert_int_equal(zip_get_num_entries(za, 0), n);
  for (size_t i = 0; i < n; i++) {
    zip_stat_t st;
    assert_int_equal(zip_stat_index(za, i, 0, &st), 0);
    assert_string_equal(st.name, p[i].name);
    assert_int_equal(st.size, p[i].len);
    assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
    assert_int_equal(st.mtime, 1737158400); /* libzip reads the DOS time as local time */
    char *got = malloc(p[i].len + 1);
    zip_file_t *zf = zip_fopen_index(za, i, 0);
    assert_non_null(zf);
    assert_int_equal(zip_fread(zf, got, p[i].len + 1), p[i].len);
    assert_memory_equal(got, p[i].data, p[i].len);
    zip_fclose(zf);
    free(got);
  }
  zip_discard(za);
  zip_error_fini(&ze);
}

static void test_round_trip(void **state)
{
  (void)state;
  nb_buf big = NB_BUF_INIT;
  for (int k = 0; k < 10000; k++)
    nb_buf_printf(&big, "<w:p><w:r><w:t>第%d段</w:t></w:r></w:p>\n", k);
  nb_office_part p[] = {{"[Content_Types].xml", "<Types/>", 8},
                        {"word/empty.xml", "", 0},
                        {"word/media/图表.xml", "<c/>", 4},
                        {"word/document.xml", big.data, big.len}};
  const nb_office_api *api = nb_office_get_api();
  nb_diags *d = nb_diags_new("t");
  nb_buf a = NB_BUF_INIT, b = NB_BUF_INIT;
  nb_buf_puts(&b, "before");
  assert_int_equal(api->zip(p, 4, 1737158400, &a, d), 0); /* 2025-01-18 00:00 UTC */
  assert_int_equal(api->zip(p, 4, 1737158400, &b, d), 0);
  assert_int_equal(nb_diags_count(d), 0);
  assert_int_equal(b.len, a.len + 6);
  assert_memory_equal(b.data, "before", 6);
  assert_memory_equal(b.data + 6, a.data, a.len);
  assert_true(a.len < big.len / 4); /* deflated */
  check_zip(a.data, a.len, p, 4);
  nb_diags_free(d);
  nb_buf_free(&a);
  nb_buf_free(&b);
  nb_buf_free(&big);
}

int main(void)
{
  /* zip dates are local times: read them back in UTC */
  setenv("TZ", "UTC", 1);
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_round_trip)};
  return NB_TEST_RUN(tests, NULL, NULL);
}
