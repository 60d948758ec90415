/* The template context: every computed figure, flag, date and sentence, from a data file
 * with non-zero figures, changing one thing at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

#include "check/report.h"
#include "render/context.h"
#include "core/load.h"

static const char base[] =
  "format: 2021\n"
  "organ: {name: 某某县人民政府, level: 县级人民政府}\n"
  "year: 2024\n"
  "date: \"2025-01-05\"\n"
  "publication: {site: 某某县人民政府网站, url: \"https://www.example.gov.cn\"}\n"
  "contact: {office: 县政府办公室, address: 某某路1号, phone: \"0537-1234567\"}\n"
  "overview:\n"
  "  active_disclosure: 主动公开 <b>加粗</b>\n"
  "  on_request: 依申请公开\n"
  "  information_management: 信息管理\n"
  "  platform: 平台建设\n"
  "  supervision: \"  \\n\"\n"
  "  published_items:\n"
  "    - {category: 政策文件, count: 2}\n"
  "    - {category: 工作动态, count: 1}\n"
  "disclosure:\n"
  "  regulations: {issued: 1, repealed: 2, in_force: 3}\n"
  "  normative_documents: {issued: 4, repealed: 5, in_force: 6}\n"
  "  licensing: 7\n"
  "  punishment: 8\n"
  "  coercion: 9\n"
  "  fees: 1.50\n"
  "applications:\n"
  "  new: [1, 2, 3, 4, 5, 6]\n"
  "  carried_over: [1, 0, 0, 0, 0, 0]\n"
  "  results:\n"
  "    granted: [1, 1, 1, 1, 1, 1]\n"
  "    partially_granted: [1, 0, 0, 0, 0, 0]\n"
  "    denied:\n"
  "      state_secret: [0, 1, 0, 0, 0, 0]\n"
  "      prohibited_by_law: [0, 0, 0, 0, 0, 0]\n"
  "      security_stability: [0, 0, 0, 0, 0, 0]\n"
  "      third_party_rights: [0, 0, 0, 0, 0, 0]\n"
  "      internal_affairs: [0, 0, 0, 0, 0, 0]\n"
  "      process_information: [0, 0, 0, 0, 0, 0]\n"
  "      enforcement_files: [0, 0, 0, 0, 0, 0]\n"
  "      inquiry_matters: [0, 0, 2, 0, 0, 0]\n"
  "    unavailable:\n"
  "      not_held: [0, 0, 0, 3, 0, 0]\n"
  "      needs_creation: [0, 0, 0, 0, 0, 0]\n"
  "      unclear: [0, 0, 0, 0, 0, 0]\n"
  "    not_processed:\n"
  "      complaints: [0, 0, 0, 0, 4, 0]\n"
  "      repeated: [0, 0, 0, 0, 0, 0]\n"
  "      publications: [0, 0, 0, 0, 0, 0]\n"
  "      excessive: [0, 0, 0, 0, 0, 0]\n"
  "      confirmation: [0, 0, 0, 0, 0, 0]\n"
  "    other:\n"
  "      no_correction: [0, 0, 0, 0, 0, 0]\n"
  "      unpaid_fee: [0, 0, 0, 0, 0, 0]\n"
  "      other: [0, 0, 0, 0, 0, 5]\n"
  "  carry_forward: [0, 0, 0, 0, 0, 0]\n"
  "reviews:\n"
  "  review: {upheld: 1, corrected: 2, other: 3, pending: 4}\n"
  "  litigation_direct: {upheld: 0, corrected: 0, other: 0, pending: 0}\n"
  "  litigation_after_review: {upheld: 0, corrected: 0, other: 5, pending: 0}\n"
  "problems: {main_problems: 问题, improvements: 改进}\n"
  "other:\n"
  "  processing_fees: {notices: 0, amount: 0}\n"
  "  proposals: 建议提案\n"
  "  more: 其他\n";

typedef struct {
  nb_arena *arena;
  nb_node *ctx;
} fixture;

/* The context of BASE with the first OLD replaced by NEW_ (both NULL: BASE as it is). */
static nb_node *context(fixture *f, const char *old, const char *new_)
{
  nb_buf text = NB_BUF_INIT;
  const char *at = old ? strstr(base, old) : NULL;
  if (old)
    assert_non_null(at);
  if (at) {
    nb_buf_put(&text, base, (size_t)(at - base));
    nb_buf_puts(&text, new_);
    nb_buf_puts(&text, at + strlen(old));
  } else {
    nb_buf_puts(&text, base);
  }
  nb_diags *d = nb_diags_new("test.yaml");
  nb_node *root = nb_load_text(text.data, text.len, f->arena, d, NULL);
  assert_non_null(root);
  assert_int_equal(nb_diags_errors(d), 0);
  nb_diags_free(d);
  nb_buf_free(&text);
  f->ctx = nb_context_build(root, f->arena);
  return f->ctx;
}

static int setup(void **state)
{
  fixture *f = test_calloc(1, sizeof *f);
  f->arena = nb_arena_new();
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  nb_arena_free(f->arena);
  test_free(f);
  return 0;
}

static const char *str(const nb_node *ctx, const char *path)
{
  const nb_node *n = nb_node_path(ctx, path);
  if (!n)
    fail_msg("no %s in the context", path);
  assert_int_equal(n->kind, NB_STR);
  return n->str;
}

static int64_t num(const nb_node *ctx, const char *path)
{
  const nb_node *n = nb_node_path(ctx, path);
  if (!n)
    fail_msg("no %s in the context", path);
  assert_int_equal(n->kind, NB_INT);
  return n->num.i;
}

static int flag(const nb_node *ctx, const char *path)
{
  const nb_node *n = nb_node_path(ctx, path);
  if (!n)
    fail_msg("no %s in the context", path);
  assert_int_equal(n->kind, NB_BOOL);
  return n->num.b;
}

static void test_identity(void **state)
{
  nb_node *c = context(*state, NULL, NULL);
  assert_string_equal(str(c, "title"), "某某县人民政府2024年政府信息公开工作年度报告");
  assert_string_equal(str(c, "period.text"), "2024年1月1日至2024年12月31日");
  assert_string_equal(str(c, "period.start"), "2024年1月1日");
  assert_string_equal(str(c, "period.end_iso"), "2024-12-31");
  assert_string_equal(str(c, "date.zh"), "2025年1月5日");
  assert_string_equal(str(c, "date.iso"), "2025-01-05");
  assert_int_equal(num(c, "year"), 2024);
  assert_null(nb_node_path(c, "organ.region"));

  c = context(*state, "date: \"2025-01-05\"\n", "date: \"2025-11-30\"\n");
  assert_string_equal(str(c, "date.zh"), "2025年11月30日");
  c = context(*state, "date: \"2025-01-05\"\n", "");
  assert_null(nb_node_get(c, "date"));
}

static void test_table3(void **state)
{
  nb_node *c = context(*state, NULL, NULL);
  assert_int_equal(num(c, "applications.new.natural"), 1);
  assert_int_equal(num(c, "applications.new.other"), 6);
  assert_int_equal(num(c, "applications.new.total"), 21);
  assert_int_equal(num(c, "applications.carried_over.total"), 1);
  assert_int_equal(num(c, "applications.results.granted.total"), 6);
  assert_int_equal(num(c, "applications.results.denied.inquiry_matters.research"), 2);
  assert_int_equal(num(c, "applications.results.denied.inquiry_matters.total"), 2);
  assert_int_equal(num(c, "applications.results.other.other.other"), 5);
  /* （七）总计: （一）+（二）+ every numbered row, by column */
  static const int64_t want[7] = {2, 2, 3, 4, 5, 6, 22};
  for (int i = 0; i < 7; i++) {
    char path[64];
    snprintf(path, sizeof path, "applications.results.total.%s", nb_report_t3_col_keys[i]);
    assert_int_equal(num(c, path), want[i]);
  }
  assert_int_equal(num(c, "applications.carry_forward.total"), 0);
  assert_true(flag(c, "applications.has_applications"));
  assert_true(flag(c, "applications.has_carried_over"));

  c = context(*state, "new: [1, 2, 3, 4, 5, 6]", "new: [0, 0, 0, 0, 0, 0]");
  assert_false(flag(c, "applications.has_applications"));
  assert_int_equal(num(c, "applications.new.total"), 0);
}

static void test_tables_2_and_4(void **state)
{
  nb_node *c = context(*state, NULL, NULL);
  assert_int_equal(num(c, "disclosure.regulations.repealed"), 2);
  assert_int_equal(num(c, "disclosure.normative_documents.in_force"), 6);
  assert_int_equal(num(c, "disclosure.coercion"), 9);
  assert_int_equal(num(c, "reviews.review.total"), 10);
  assert_int_equal(num(c, "reviews.litigation_direct.total"), 0);
  assert_int_equal(num(c, "reviews.litigation_after_review.total"), 5);
  assert_true(flag(c, "reviews.has_reviews"));
}

static void test_fees_as_typed(void **state)
{
  static const struct {
    const char *typed, *shown;
    int charged;
  } cases[] = {{"1.50", "1.50", 1}, {"0", "0", 0},     {"0.0000", "0.0000", 0},
               {".5", "0.5", 1},    {"3.", "3", 1},     {"007", "7", 1},
               {"12", "12", 1},     {"1e2", "100", 1}, {"+0.25", "0.25", 1}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char line[64];
    snprintf(line, sizeof line, "fees: %s\n", cases[i].typed);
    nb_node *c = context(*state, "fees: 1.50\n", line);
    assert_string_equal(str(c, "disclosure.fees"), cases[i].shown);
    assert_int_equal(flag(c, "disclosure.fees_charged"), cases[i].charged);
  }
}

/* The I-th published item of C. */
static const nb_node *item(const nb_node *c, size_t i)
{
  const nb_node *items = nb_node_path(c, "published.items");
  assert_non_null(items);
  assert_true(i < items->n);
  return items->items[i];
}

static void test_published(void **state)
{
  nb_node *c = context(*state, NULL, NULL);
  assert_int_equal(num(c, "published.total"), 3);
  assert_true(flag(c, "published.by_category"));
  assert_string_equal(str(item(c, 0), "category"), "政策文件");
  assert_string_equal(str(item(c, 0), "share"), "66.7");
  assert_false(flag(item(c, 0), "last"));
  assert_string_equal(str(item(c, 1), "share"), "33.3");
  assert_true(flag(item(c, 1), "last"));

  c = context(*state, "    - {category: 工作动态, count: 1}\n", "");
  assert_false(flag(c, "published.by_category"));
  assert_string_equal(str(item(c, 0), "share"), "100.0");

  c = context(*state, "count: 2}\n    - {category: 工作动态, count: 1}", "count: 0}");
  assert_int_equal(num(c, "published.total"), 0);
  assert_null(nb_node_get(item(c, 0), "share"));

  /* rounding half up: 1 of 8 is 12.5, 1 of 16 is 6.25 → 6.3 */
  c = context(*state, "count: 2}", "count: 15}");
  assert_string_equal(str(item(c, 1), "share"), "6.3");
}

static void test_processing_fees(void **state)
{
  nb_node *c = context(*state, NULL, NULL);
  assert_string_equal(str(c, "other.processing_fees.sentence"), "本年度未收取信息处理费。");
  assert_false(flag(c, "other.processing_fees.charged"));
  assert_string_equal(str(c, "other.processing_fees.amount"), "0");

  c = context(*state, "{notices: 0, amount: 0}", "{notices: 2, amount: 0}");
  assert_string_equal(str(c, "other.processing_fees.sentence"),
                      "本年度共发出信息处理费收费通知2件，未实际收取信息处理费。");

  c = context(*state, "{notices: 0, amount: 0}", "{notices: 3, amount: 120.50}");
  assert_true(flag(c, "other.processing_fees.charged"));
  assert_string_equal(str(c, "other.processing_fees.sentence"),
                      "本年度共发出信息处理费收费通知3件，收取信息处理费120.50元。");
}

static void test_optional_parts(void **state)
{
  nb_node *c = context(*state, NULL, NULL);
  assert_string_equal(str(c, "publication.site"), "某某县人民政府网站");
  assert_true(flag(c, "contact.details"));
  assert_true(flag(c, "contact.both"));
  /* 六: 信息处理费 is （一）; the optional items present follow in order */
  assert_string_equal(str(c, "other.no.proposals"), "（二）");
  assert_string_equal(str(c, "other.no.more"), "（三）");
  assert_null(nb_node_path(c, "other.no.work_points"));
  assert_null(nb_node_path(c, "other.work_points"));

  c = context(*state, "address: 某某路1号, phone: \"0537-1234567\"", "phone: \"0537-1234567\"");
  assert_true(flag(c, "contact.details"));
  assert_false(flag(c, "contact.both"));
  c = context(*state, ", address: 某某路1号, phone: \"0537-1234567\"", "");
  assert_false(flag(c, "contact.details"));
  c = context(*state, "contact: {office: 县政府办公室, address: 某某路1号, phone: \"0537-1234567\"}\n",
              "contact: {}\n");
  assert_null(nb_node_get(c, "contact"));
  c = context(*state, "publication: {site: 某某县人民政府网站, url: \"https://www.example.gov.cn\"}\n", "");
  assert_null(nb_node_get(c, "publication"));
}

static void test_prose(void **state)
{
  nb_node *c = context(*state, NULL, NULL);
  /* raw HTML typed in prose is text in the Markdown of the context */
  assert_string_equal(str(c, "overview.active_disclosure"), "主动公开 \\<b\\>加粗\\</b\\>");
  assert_string_equal(str(c, "overview.on_request"), "依申请公开");
  /* blank prose is absent, so a template section drops it */
  assert_null(nb_node_path(c, "overview.supervision"));
  assert_null(nb_node_path(c, "overview.summary"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_identity, setup, teardown),
    cmocka_unit_test_setup_teardown(test_table3, setup, teardown),
    cmocka_unit_test_setup_teardown(test_tables_2_and_4, setup, teardown),
    cmocka_unit_test_setup_teardown(test_fees_as_typed, setup, teardown),
    cmocka_unit_test_setup_teardown(test_published, setup, teardown),
    cmocka_unit_test_setup_teardown(test_processing_fees, setup, teardown),
    cmocka_unit_test_setup_teardown(test_optional_parts, setup, teardown),
    cmocka_unit_test_setup_teardown(test_prose, setup, teardown),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
