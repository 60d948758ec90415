/* init, next and the checks across two years (NB301–NB307), on the built-in schema and the
 * 2024 军屯乡 fixture. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

#include "author/author.h"
#include "check/check.h"
#include "check/crossyear.h"
#include "core/io.h"
#include "core/load.h"

typedef nb_test_fixture fixture; /* fixtures/2024-军屯乡人民政府.yaml */

static int setup(void **state)
{
  return nb_test_fixture_setup(state, "2024-军屯乡人民政府.yaml");
}

static int teardown(void **state)
{
  return nb_test_fixture_teardown(state);
}

/* TEXT with every OLD[i] replaced (first occurrence) by NEW[i]; N pairs. */
static char *edited(const char *text, const char *const *pairs, size_t n)
{
  char *cur = strdup(text);
  for (size_t i = 0; i < n; i++) {
    const char *at = strstr(cur, pairs[2 * i]);
    assert_non_null(at);
    nb_buf b = NB_BUF_INIT;
    nb_buf_put(&b, cur, (size_t)(at - cur));
    nb_buf_puts(&b, pairs[2 * i + 1]);
    nb_buf_puts(&b, at + strlen(pairs[2 * i]));
    free(cur);
    cur = nb_buf_detach(&b);
  }
  return cur;
}

static nb_node *parse(fixture *f, const char *text, nb_arena *a)
{
  nb_diags *d = nb_diags_new("t.yaml");
  nb_node *root = nb_load_text(text, strlen(text), a, d, NULL);
  assert_non_null(root);
  assert_int_equal(nb_schema_check(f->schema, root, d), 0);
  nb_diags_free(d);
  return root;
}

/* Runs the cross-year check of CUR against the fixture; returns the diagnostics. */
static nb_diags *cross(fixture *f, const char *cur_text, size_t *errors)
{
  nb_arena *a = nb_arena_new();
  nb_node *prev = parse(f, f->base.data, a), *cur = parse(f, cur_text, a);
  nb_diags *d = nb_diags_new("2025.yaml");
  *errors = nb_crossyear_check(prev, "2024.yaml", cur, d);
  nb_arena_free(a);
  return d;
}

/* The fixture moved on one year by next, with fresh prose (a clean following year). */
static char *following_year(fixture *f)
{
  nb_buf out = NB_BUF_INIT;
  nb_diags *d = nb_diags_new("2024.yaml");
  assert_int_equal(nb_author_next(f->base.data, f->base.len, f->schema, &out, d, NULL), 0);
  nb_diags_free(d);
  return nb_buf_detach(&out);
}

static void next_then_clean(void **state)
{
  fixture *f = *state;
  char *next = following_year(f);
  size_t errors;
  nb_diags *d = cross(f, next, &errors);
  assert_int_equal(errors, 0);
  assert_int_equal(nb_diags_count(d), 0);
  nb_diags_free(d);
  free(next);
}

static void rule_year(void **state)
{
  fixture *f = *state;
  static const char *const p[] = {"year: 2024", "year: 2026"};
  char *t = edited(f->base.data, p, 1);
  size_t errors;
  nb_diags *d = cross(f, t, &errors);
  assert_int_equal(errors, 1);
  assert_true(nb_diags_has(d, "NB301"));
  assert_int_equal(nb_diags_count(d), 1); /* nothing else compared */
  nb_diags_free(d);
  free(t);
}

static void rule_carry(void **state)
{
  fixture *f = *state;
  char *next = following_year(f);
  static const char *const p[] = {"carried_over: [0, 0, 0, 0, 0, 0]",
                                  "carried_over: [1, 0, 0, 0, 0, 2]"};
  char *t = edited(next, p, 1);
  size_t errors;
  nb_diags *d = cross(f, t, &errors);
  assert_int_equal(errors, 2);
  const nb_diag *g = nb_diags_get(d, 0);
  assert_string_equal(g->code, "NB302");
  assert_non_null(strstr(g->message, "2024.yaml"));
  assert_string_equal(g->path, "applications.carried_over[0]");
  assert_true(g->line > 0);
  nb_diags_free(d);
  free(t);
  free(next);
}

static void rule_in_force(void **state)
{
  fixture *f = *state;
  char *next = following_year(f);
  /* 2 issued, 0 repealed, but in_force left at last year's 0 */
  const char *at = strstr(next, "normative_documents:");
  assert_non_null(at);
  static const char *const p[] = {"issued: 0", "issued: 2"};
  char *t = edited(at, p, 1);
  nb_buf whole = NB_BUF_INIT;
  nb_buf_put(&whole, next, (size_t)(at - next));
  nb_buf_puts(&whole, t);
  size_t errors;
  nb_diags *d = cross(f, whole.data, &errors);
  assert_int_equal(errors, 0);
  assert_true(nb_diags_has(d, "NB303"));
  nb_diags_free(d);
  nb_buf_free(&whole);
  free(t);
  free(next);
}

static void rule_prose_same(void **state)
{
  fixture *f = *state;
  static const char *const p[] = {"year: 2024", "year: 2025"};
  char *t = edited(f->base.data, p, 1); /* last year's file, renamed: every prose copied */
  size_t errors;
  nb_diags *d = cross(f, t, &errors);
  assert_int_equal(errors, 0);
  assert_true(nb_diags_has(d, "NB304"));
  assert_false(nb_diags_has(d, "NB305"));
  nb_diags_free(d);
  free(t);
}

static void rule_prose_nearly(void **state)
{
  fixture *f = *state;
  static const char *const p[] = {
    "year: 2024", "year: 2025",
    "我乡进一步完善政府信息公开申请登记、审核、办理、答复、归档等工作制度。2024年度",
    "我乡进一步完善政府信息公开申请登记、审核、办理、答复、归档等工作制度。2025年度"};
  char *t = edited(f->base.data, p, 2);
  size_t errors;
  nb_diags *d = cross(f, t, &errors);
  assert_true(nb_diags_has(d, "NB305"));
  nb_diags_free(d);
  free(t);
  assert_true(nb_crossyear_similarity("完全不同的一段文字内容", strlen("完全不同的一段文字内容"),
                                      "今年我们做了很多新工作", strlen("今年我们做了很多新工作"))
              < 0.3);
  assert_true(nb_crossyear_similarity("一二三四", strlen("一二三四"), "一二 三四",
                                      strlen("一二 三四")) > 0.999);
}

static void rule_jump(void **state)
{
  fixture *f = *state;
  char *next = following_year(f);
  static const char *const p[] = {"licensing: 0", "licensing: 570"}; /* last year 57 */
  char *t = edited(next, p, 1);
  size_t errors;
  nb_diags *d = cross(f, t, &errors);
  assert_int_equal(errors, 0);
  assert_true(nb_diags_has(d, "NB306"));
  nb_diags_free(d);
  free(t);
  static const char *const q[] = {"licensing: 0", "licensing: 60"}; /* an ordinary change */
  t = edited(next, q, 1);
  d = cross(f, t, &errors);
  assert_false(nb_diags_has(d, "NB306"));
  nb_diags_free(d);
  free(t);
  free(next);
}

static void rule_organ(void **state)
{
  fixture *f = *state;
  char *next = following_year(f);
  static const char *const p[] = {"name: 军屯乡人民政府", "name: 南站镇人民政府"};
  char *t = edited(next, p, 1);
  size_t errors;
  nb_diags *d = cross(f, t, &errors);
  assert_true(nb_diags_has(d, "NB307"));
  nb_diags_free(d);
  free(t);
  free(next);
}

/* next: carry-over, counts reset, in_force kept, prose kept only as comments, date gone. */
static void next_rewrite(void **state)
{
  fixture *f = *state;
  static const char *const p[] = {"carry_forward: [0, 0, 0, 0, 0, 0]",
                                  "carry_forward: [3, 0, 1, 0, 0, 0]",
                                  "new: [0, 0, 0, 0, 0, 0]", "new: [3, 0, 1, 0, 0, 0]",
                                  "year: 2024", "year: 2024\ndate: \"2025-01-20\""};
  char *src = edited(f->base.data, p, 3);
  nb_buf out = NB_BUF_INIT;
  nb_diags *d = nb_diags_new("2024.yaml");
  int year = 0;
  assert_int_equal(nb_author_next(src, strlen(src), f->schema, &out, d, &year), 0);
  assert_int_equal(year, 2025);
  nb_arena *a = nb_arena_new();
  nb_node *root = parse(f, out.data, a);
  assert_int_equal(nb_node_int(nb_node_get(root, "year"), 0), 2025);
  assert_null(nb_node_get(root, "date"));
  const nb_node *co = nb_node_path(root, "applications.carried_over");
  assert_int_equal(co->items[0]->num.i, 3);
  assert_int_equal(co->items[2]->num.i, 1);
  assert_int_equal(nb_node_path(root, "applications.carry_forward")->items[0]->num.i, 0);
  assert_int_equal(nb_node_int(nb_node_path(root, "disclosure.licensing"), -1), 0);
  const nb_node *items = nb_node_path(root, "overview.published_items");
  assert_int_equal(items->n, 15);
  assert_string_equal(nb_node_cstr(nb_node_get(items->items[0], "category")), "乡镇动态");
  assert_int_equal(nb_node_int(nb_node_get(items->items[0], "count"), -1), 0);
  assert_string_equal(nb_node_cstr(nb_node_path(root, "overview.platform")), "");
  assert_non_null(strstr(out.data, "# 上一年度内容，仅供参考："));
  assert_non_null(strstr(out.data, "#   严格按照上级部门的要求"));
  /* the opening comments and the contact lines are kept as they were */
  assert_non_null(strstr(out.data, "phone: \"0537-7984101\""));
  assert_true(strncmp(out.data, src, 60) == 0);
  nb_arena_free(a);
  nb_diags_free(d);
  nb_buf_free(&out);
  free(src);
}

static void next_bad_input(void **state)
{
  fixture *f = *state;
  static const char *const bad[] = {"", "year: [\n", "\x80\x81\xff binary", "format: 2021\n"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    nb_buf out = NB_BUF_INIT;
    nb_diags *d = nb_diags_new("bad.yaml");
    assert_int_equal(nb_author_next(bad[i], strlen(bad[i]), f->schema, &out, d, NULL), -1);
    assert_true(nb_diags_errors(d) > 0);
    assert_int_equal(out.len, 0);
    nb_diags_free(d);
    nb_buf_free(&out);
  }
}

/* init: the file lints with exactly the required prose left to write. */
static void init_lints_prose_only(void **state)
{
  fixture *f = *state;
  nb_buf out = NB_BUF_INIT;
  nb_diags *d = nb_diags_new("init");
  assert_int_equal(nb_author_init(f->schema, "瓦窑沟乡人民政府", "乡镇", 2025, &out, d), 0);
  nb_diags_free(d);
  d = nb_diags_new("2025.yaml");
  assert_int_equal(nb_check_text(out.data, out.len, f->schema, d, NULL), NB_CHECK_INVALID);
  assert_int_equal(nb_diags_count(d), 7); /* 5 areas of 一, 2 of 五 */
  for (size_t i = 0; i < nb_diags_count(d); i++)
    assert_string_equal(nb_diags_get(d, i)->code, "NB202");
  assert_non_null(strstr(out.data, "统计期限：2025年1月1日至2025年12月31日"));
  assert_non_null(strstr(out.data, "监督保障"));
  nb_diags_free(d);
  nb_buf_free(&out);
}

static void init_bad_args(void **state)
{
  fixture *f = *state;
  nb_buf out = NB_BUF_INIT;
  nb_diags *d = nb_diags_new("init");
  assert_int_equal(nb_author_init(f->schema, "某乡", "乡级", 2025, &out, d), -1);
  assert_int_equal(nb_author_init(f->schema, "某", "乡镇", 2025, &out, d), -1);
  assert_int_equal(nb_author_init(f->schema, "某乡人民政府", "乡镇", 2019, &out, d), -1);
  assert_int_equal(nb_diags_errors(d), 3);
  assert_int_equal(out.len, 0);
  nb_diags_free(d);
  char *name = nb_author_default_name(2025, "a/b");
  assert_string_equal(name, "2025-a-b.yaml");
  free(name);
}

static void schema_modeline(void **state)
{
  (void)state;
  nb_buf t = NB_BUF_INIT;
  nb_buf_puts(&t, "# yaml-language-server: $schema=../schemas/report-2021.schema.json\nformat: 2021\n");
  nb_author_set_schema(&t, "/usr/share/nianbao/schemas/report-2021.schema.json");
  assert_string_equal(t.data, "# yaml-language-server: $schema=/usr/share/nianbao/schemas/"
                              "report-2021.schema.json\nformat: 2021\n");
  nb_buf_clear(&t);
  nb_buf_puts(&t, "format: 2021\n"); /* no modeline: left alone */
  nb_author_set_schema(&t, "/x.json");
  assert_string_equal(t.data, "format: 2021\n");
  nb_buf_free(&t);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(schema_modeline),
    cmocka_unit_test(next_then_clean),    cmocka_unit_test(rule_year),
    cmocka_unit_test(rule_carry),         cmocka_unit_test(rule_in_force),
    cmocka_unit_test(rule_prose_same),    cmocka_unit_test(rule_prose_nearly),
    cmocka_unit_test(rule_jump),          cmocka_unit_test(rule_organ),
    cmocka_unit_test(next_rewrite),       cmocka_unit_test(next_bad_input),
    cmocka_unit_test(init_lints_prose_only), cmocka_unit_test(init_bad_args),
  };
  return NB_TEST_RUN(tests, setup, teardown);
}
