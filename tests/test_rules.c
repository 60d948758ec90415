/* Rules and totals on the built-in schema, starting from a seed fixture and changing one
 * thing at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

#include "core/io.h"
#include "core/load.h"
#include "check/check.h"
#include "check/rules.h"
#include "check/totals.h"

typedef nb_test_fixture fixture; /* fixtures/2024-瓦窑沟乡人民政府.yaml */

static int setup(void **state)
{
  return nb_test_fixture_setup(state, "2024-瓦窑沟乡人民政府.yaml");
}

static int teardown(void **state)
{
  return nb_test_fixture_teardown(state);
}

/* The base fixture with the first OLD replaced by NEW, checked with TODAY as the year. */
static nb_diags *check_edit(fixture *f, const char *old, const char *new_, int today)
{
  const char *at = strstr(f->base.data, old);
  assert_non_null(at);
  nb_buf text = NB_BUF_INIT;
  nb_buf_put(&text, f->base.data, (size_t)(at - f->base.data));
  nb_buf_puts(&text, new_);
  nb_buf_puts(&text, at + strlen(old));
  nb_diags *d = nb_diags_new("t.yaml");
  nb_arena *a = nb_arena_new();
  nb_node *root = nb_load_text(text.data, text.len, a, d, NULL);
  assert_non_null(root);
  assert_int_equal(nb_schema_check(f->schema, root, d), 0);
  nb_rules_check(f->schema, root, NULL, today, d);
  nb_arena_free(a);
  nb_buf_free(&text);
  return d;
}

static void expect_codes(nb_diags *d, const char *codes)
{
  char got[256] = "";
  for (size_t i = 0; i < nb_diags_count(d); i++) {
    if (i)
      strcat(got, " ");
    strncat(got, nb_diags_get(d, i)->code, sizeof got - strlen(got) - 1);
  }
  nb_diags_free(d);
  assert_string_equal(got, codes);
}

static void seed_is_clean(void **state)
{
  expect_codes(check_edit(*state, "year: 2024", "year: 2024", 2026), "");
}

static void balance_per_column(void **state)
{
  fixture *f = *state;
  /* one application of a 法律服务机构 received and carried forward: balanced */
  nb_diags *d = check_edit(f, "  new: [0, 0, 0, 0, 0, 0]\n  carried_over: [0, 0, 0, 0, 0, 0]",
                           "  new: [0, 0, 0, 0, 1, 0]\n  carried_over: [0, 0, 0, 0, 0, 0]", 2026);
  /* not balanced: nothing in results or carry_forward */
  const nb_diag *g = nb_diags_get(d, 1);
  assert_string_equal(g->code, "NB201");
  assert_string_equal(g->path, "applications.carry_forward[4]");
  assert_non_null(strstr(g->message, "法律服务机构"));
  assert_non_null(strstr(g->label, "四、结转下年度继续办理 › 法律服务机构"));
  nb_diags_free(d);
  expect_codes(check_edit(f, "  carry_forward: [0, 0, 0, 0, 0, 0]", "  carry_forward: [0, 0, 3, 0, 0, 0]",
                          2026), "NB201");
}

static void empty_prose(void **state)
{
  fixture *f = *state;
  /* cut the platform paragraph out, leaving only spaces (half- and full-width) */
  char *start = strstr(f->base.data, "  platform: |\n");
  char *end = strstr(f->base.data, "  supervision: |");
  assert_true(start && end && start < end);
  nb_buf old = NB_BUF_INIT;
  nb_buf_put(&old, start, (size_t)(end - start));
  nb_diags *d = check_edit(f, old.data, "  platform: \"　 \"\n", 2026);
  nb_buf_free(&old);
  const nb_diag *g = nb_diags_get(d, 0);
  assert_string_equal(g->code, "NB202");
  assert_string_equal(g->path, "overview.platform");
  assert_non_null(strstr(g->message, "（四）政府信息公开平台建设"));
  nb_diags_free(d);
}

static void year_and_date(void **state)
{
  fixture *f = *state;
  expect_codes(check_edit(f, "year: 2024", "year: 2024", 2023), "NB205");
  expect_codes(check_edit(f, "year: 2024", "year: 2024", 2024), ""); /* drafting in December */
  expect_codes(check_edit(f, "year: 2024", "year: 2024\ndate: \"2025-01-20\"", 2026), "");
  expect_codes(check_edit(f, "year: 2024", "year: 2024\ndate: \"2024-11-20\"", 2026), "NB207");
  expect_codes(check_edit(f, "year: 2024", "year: 2024\ndate: \"2025-06-20\"", 2026), "NB207");
  expect_codes(check_edit(f, "year: 2024", "year: 2024\ndate: \"2025-13-01\"", 2026), "NB206");
  expect_codes(check_edit(f, "year: 2024", "year: 2024\ndate: \"2024-02-29\"", 2026), "NB207");
}

static void regulations_of_a_township(void **state)
{
  fixture *f = *state;
  const char *reg = "  regulations: {issued: 0, repealed: 0, in_force: 0}";
  expect_codes(check_edit(f, reg, "  regulations: {issued: 0, repealed: 0, in_force: 1}", 2026),
               "NB203");
  expect_codes(check_edit(f, "  level: 乡镇", "  level: 县级人民政府", 2026), "");
  const char *nd = "  normative_documents: {issued: 0, repealed: 0, in_force: 0}";
  expect_codes(check_edit(f, nd, "  normative_documents: {issued: 3, repealed: 0, in_force: 1}", 2026),
               "NB204");
}

static void fees(void **state)
{
  fixture *f = *state;
  expect_codes(check_edit(f, "    notices: 0\n    amount: 0", "    notices: 0\n    amount: 12.5", 2026),
               "NB212");
  expect_codes(check_edit(f, "    notices: 0\n    amount: 0", "    notices: 2\n    amount: 12.5", 2026),
               "");
}

/* A schema error in one cell of table 三 hides neither the balance of the other columns
 * nor anything else: NB101 for the 三, NB201 for the 商业企业 column. */
static void rules_beside_schema_errors(void **state)
{
  fixture *f = *state;
  const char *old = "new: [0, 0, 0, 0, 0, 0]";
  const char *at = strstr(f->base.data, old);
  assert_non_null(at);
  nb_buf text = NB_BUF_INIT;
  nb_buf_put(&text, f->base.data, (size_t)(at - f->base.data));
  nb_buf_puts(&text, "new: [三, 2, 0, 0, 0, 0]");
  nb_buf_puts(&text, at + strlen(old));
  nb_diags *d = nb_diags_new("t.yaml");
  nb_checked c = {0};
  assert_int_equal(nb_check_text(text.data, text.len, f->schema, d, &c), NB_CHECK_INVALID);
  assert_false(c.conforms);
  nb_checked_free(&c);
  nb_buf_free(&text);
  assert_int_equal(nb_diags_count(d), 2);
  assert_string_equal(nb_diags_get(d, 0)->code, "NB101");
  assert_string_equal(nb_diags_get(d, 1)->code, "NB201");
  assert_non_null(strstr(nb_diags_get(d, 1)->message, "「商业企业」"));
  nb_diags_free(d);
}

/* The rules never assume the report's shape: every invalid fixture (wrong kinds, missing
 * parts, short rows…) and a few bare trees go through them with the schema's verdict
 * ignored, and nothing crashes (the sanitizer build runs this too). */
static void rules_on_any_tree(void **state)
{
  fixture *f = *state;
  static const char *const texts[] = {
      "format: 2021\n", "format: 2021\nyear: 2024\napplications: 3\n",
      "applications: {new: {a: 1}, carried_over: [1], results: [1, 2], carry_forward: x}\n",
      "overview: {published_items: [1, {category: 2}, {category: [x]}, {category: a}, {category: a}]}\n",
      "other: {processing_fees: {notices: x, amount: y}}\ndisclosure: {regulations: [], normative_documents: 1}\n",
      "organ: {level: 乡镇}\ndisclosure: {regulations: {issued: 1}}\ndate: 3\nyear: [2024]\n",
      "- 1\n- 2\n", "42\n", "null\n"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    nb_diags *d = nb_diags_new("t.yaml");
    nb_arena *a = nb_arena_new();
    nb_node *root = nb_load_text(texts[i], strlen(texts[i]), a, d, NULL);
    assert_non_null(root);
    nb_rules_check(f->schema, root, NULL, 2025, d);
    nb_arena_free(a);
    nb_diags_free(d);
  }
  const char *src = getenv("NB_SOURCE_DIR");
  nb_buf cmd = NB_BUF_INIT;
  nb_buf_printf(&cmd, "ls %s/fixtures/invalid/*.yaml", src ? src : ".");
  FILE *ls = popen(cmd.data, "r");
  assert_non_null(ls);
  char path[4096];
  size_t files = 0;
  while (fgets(path, sizeof path, ls)) {
    path[strcspn(path, "\n")] = '\0';
    nb_diags *d = nb_diags_new(path);
    nb_arena *a = nb_arena_new();
    nb_node *root = nb_load_file(path, a, d, NULL, NULL);
    if (root)
      nb_rules_check(f->schema, root, NULL, 2025, d);
    nb_arena_free(a);
    nb_diags_free(d);
    files++;
  }
  pclose(ls);
  nb_buf_free(&cmd);
  assert_true(files >= 20);
}

static void totals(void **state)
{
  (void)state;
  nb_arena *a = nb_arena_new();
  nb_diags *d = nb_diags_new("t");
  const char *text = "r: [1, 2, 3, 4, 5, 6]\n"
                     "res: {a: [1, 0, 0, 0, 0, 0], b: {c: [0, 2, 0, 0, 0, 1], d: [1, 1, 1, 1, 1, 1]}}\n"
                     "g: {upheld: 1, corrected: 2, other: 3, pending: 4}\n"
                     "items: [{category: x, count: 5}, {category: y, count: 7}]\n";
  nb_node *root = nb_load_text(text, strlen(text), a, d, NULL);
  assert_int_equal(nb_totals_row(nb_node_get(root, "r")), 21);
  int64_t t[NB_T3_COLS + 1];
  nb_totals_results(nb_node_get(root, "res"), t);
  int64_t want[] = {2, 3, 1, 1, 1, 2, 10};
  for (int i = 0; i <= NB_T3_COLS; i++)
    assert_int_equal(t[i], want[i]);
  assert_int_equal(nb_totals_group(nb_node_get(root, "g")), 10);
  assert_int_equal(nb_totals_published(nb_node_get(root, "items")), 12);
  assert_int_equal(nb_totals_row(NULL), 0);
  nb_diags_free(d);
  nb_arena_free(a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(seed_is_clean),
    cmocka_unit_test(balance_per_column),
    cmocka_unit_test(empty_prose),
    cmocka_unit_test(year_and_date),
    cmocka_unit_test(regulations_of_a_township),
    cmocka_unit_test(fees),
    cmocka_unit_test(totals),
    cmocka_unit_test(rules_beside_schema_errors),
    cmocka_unit_test(rules_on_any_tree),
  };
  return cmocka_run_group_tests_name("rules", tests, setup, teardown);
}
