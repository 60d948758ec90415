/* The report's shape (check/report.h) agrees with the built-in schema: every data path it
 * names is in the schema, under the part its labels say, and its parts are consistent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

#include "check/report.h"
#include "check/schema.h"
#include "core/diag.h"
#include "core/node.h"

static void expect_in_schema(const nb_schema *s, const char *path, const char *part,
                             nb_arena *a)
{
  const char *labels = nb_schema_labels(s, path, a);
  if (!labels)
    fail_msg("%s is not in the schema", path);
  if (strncmp(labels, part, strlen(part)) != 0)
    fail_msg("%s is under “%s”, not “%s”", path, labels, part);
}

static void test_shape_in_schema(void **state)
{
  (void)state;
  nb_diags *d = nb_diags_new("schema");
  nb_schema *s = nb_schema_load_builtin(d);
  assert_non_null(s);
  nb_arena *a = nb_arena_new();
  char path[128];
  for (size_t i = 0; i < NB_REPORT_T2_ROWS; i++) {
    const nb_report_t2_row *row = &nb_report_t2_rows[i];
    snprintf(path, sizeof path, "disclosure.%s", row->key);
    expect_in_schema(s, path, NB_REPORT_PART2, a);
    assert_int_equal(row->width, i < NB_REPORT_T2_DOCS ? 3 : 1);
    for (int k = 0; k < row->width && row->width > 1; k++) {
      snprintf(path, sizeof path, "disclosure.%s.%s", row->key, nb_report_t2_doc_keys[k]);
      expect_in_schema(s, path, NB_REPORT_PART2, a);
    }
  }
  for (size_t i = 0; i < NB_REPORT_T3_ROWS; i++) {
    const nb_report_t3_row *row = &nb_report_t3_rows[i];
    expect_in_schema(s, row->path, NB_REPORT_PART3, a);
    size_t pl = strlen(row->path), kl = strlen(row->key);
    assert_true(pl > kl && strcmp(row->path + pl - kl, row->key) == 0);
    assert_true(row->path[pl - kl - 1] == '.');
    if (row->group) {
      assert_true(nb_report_t3_is_result(row));
      assert_non_null(strstr(row->path, row->group));
    }
  }
  assert_true(nb_report_t3_is_total(&nb_report_t3_rows[NB_REPORT_T3_ROWS - 2]));
  assert_string_equal(nb_report_t3_rows[NB_REPORT_T3_NEW].key, "new");
  assert_string_equal(nb_report_t3_rows[NB_REPORT_T3_CARRIED_OVER].key, "carried_over");
  assert_string_equal(nb_report_t3_rows[NB_REPORT_T3_CARRY_FORWARD].key, "carry_forward");
  for (size_t g = 0; g < NB_REPORT_T4_GROUPS; g++)
    for (size_t k = 0; k < NB_REPORT_T4_COLS; k++) {
      snprintf(path, sizeof path, "reviews.%s.%s", nb_report_t4_group_keys[g],
               nb_report_t4_col_keys[k]);
      expect_in_schema(s, path, "四、", a);
    }
  nb_arena_free(a);
  nb_schema_free(s);
  nb_diags_free(d);
}

int main(void)
{
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_shape_in_schema)};
  return NB_TEST_RUN(tests, NULL, NULL);
}
