/* Schema interpreter: each supported keyword, label paths, and the built-in schema. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check/pattern.h"
#include "check/schema.h"
#include "check/schema_image.h"
#include "check/schema_priv.h"
#include "core/embed.h"
#include "core/load.h"
#include "helpers.h"

/* The image of tests/schema-image-sample.json, compiled by the build as the built-in one is. */
extern const nb_schema_image nb_test_sample_image;

/* Checks the YAML DOC against the JSON SCHEMA; returns the diagnostics (caller frees). */
static nb_diags *run(const char *schema, const char *doc)
{
  nb_diags *d = nb_diags_new("t.yaml");
  nb_schema *s = nb_schema_load_text(schema, strlen(schema), d);
  assert_non_null(s);
  nb_arena *a = nb_arena_new();
  nb_node *root = nb_load_text(doc, strlen(doc), a, d, NULL);
  assert_non_null(root);
  size_t errors = nb_schema_check(s, root, d);
  assert_int_equal(errors, nb_diags_errors(d));
  nb_arena_free(a);
  nb_schema_free(s);
  return d;
}

/* Asserts that D holds exactly the codes listed (in position order), then frees D. */
static void expect(nb_diags *d, const char *codes)
{
  char got[256] = "";
  for (size_t i = 0; i < nb_diags_count(d); i++) {
    const nb_diag *g = nb_diags_get(d, i);
    if (i)
      strcat(got, " ");
    strncat(got, g->code, sizeof got - strlen(got) - 1);
  }
  nb_diags_free(d);
  assert_string_equal(got, codes);
}

static const char *obj =
  "{\"type\":\"object\",\"properties\":{"
  "\"n\":{\"title\":\"件数\",\"type\":\"integer\",\"minimum\":0,\"maximum\":10},"
  "\"s\":{\"type\":\"string\",\"minLength\":2,\"pattern\":\"^[0-9]{4}-[0-9]{2}$\"},"
  "\"e\":{\"enum\":[\"乡镇\",\"街道\"]},"
  "\"c\":{\"const\":2021},"
  "\"f\":{\"type\":\"number\",\"x-nianbao-decimals\":2},"
  "\"m\":{\"type\":\"number\",\"multipleOf\":0.5},"
  "\"total\":{\"not\":{},\"x-nianbao-computed\":\"自动计算\"}},"
  "\"required\":[\"n\"],\"additionalProperties\":false}";

static void type_and_range(void **state)
{
  (void)state;
  expect(run(obj, "n: 3\n"), "");
  expect(run(obj, "n: 三\n"), "NB101");
  expect(run(obj, "n: 1.5\n"), "NB101");
  expect(run(obj, "n: 2.0\n"), ""); /* draft-07: an integral number is an integer */
  expect(run(obj, "n:\n"), "NB101");
  expect(run(obj, "n: -1\n"), "NB106");
  expect(run(obj, "n: 11\n"), "NB106");
  expect(run(obj, "[1]\n"), "NB101");
}

static void required_and_additional(void **state)
{
  (void)state;
  expect(run(obj, "s: '2024-01'\n"), "NB102");
  nb_diags *d = run(obj, "n: 1\ntotl: 2\nee: 1\n");
  const nb_diag *g = nb_diags_get(d, 0);
  assert_string_equal(g->code, "NB103");
  assert_int_equal(g->line, 2);
  assert_null(strstr(g->hint, "total")); /* computed keys are never suggested */
  assert_string_equal(nb_diags_get(d, 1)->code, "NB103");
  nb_diags_free(d);
  d = run(obj, "n: 1\nss: x\n");
  assert_null(strstr(nb_diags_get(d, 0)->hint, "是不是")); /* too short to guess */
  nb_diags_free(d);
  d = run(obj, "n: 1\n件数: 2\n");
  assert_non_null(strstr(nb_diags_get(d, 0)->hint, "“n”")); /* the Chinese title was typed */
  nb_diags_free(d);
}

static void strings(void **state)
{
  (void)state;
  expect(run(obj, "n: 1\ns: '2024-01'\n"), "");
  expect(run(obj, "n: 1\ns: '2024-1'\n"), "NB110");
  expect(run(obj, "n: 1\ns: ''\n"), "NB109 NB110");
  expect(run(obj, "n: 1\ns: 202401\n"), "NB101");
}

static void enum_const_decimals_multiple(void **state)
{
  (void)state;
  expect(run(obj, "n: 1\ne: 街道\nc: 2021\nf: 1.25\nm: 1.5\n"), "");
  expect(run(obj, "n: 1\ne: 乡\n"), "NB104");
  expect(run(obj, "n: 1\nc: 2019\n"), "NB105");
  expect(run(obj, "n: 1\nf: 1.255\n"), "NB107");
  expect(run(obj, "n: 1\nf: 0.10\n"), "");
  expect(run(obj, "n: 1\nm: 1.25\n"), "NB107");
}

static void computed_totals(void **state)
{
  (void)state;
  nb_diags *d = run(obj, "n: 1\ntotal: 5\n");
  const nb_diag *g = nb_diags_get(d, 0);
  assert_string_equal(g->code, "NB111");
  assert_string_equal(g->hint, "自动计算");
  nb_diags_free(d);
}

static const char *rows =
  "{\"definitions\":{\"row\":{\"type\":\"array\",\"minItems\":2,\"maxItems\":2,"
  "\"additionalItems\":false,\"x-nianbao-computed\":\"总计列不填\","
  "\"items\":[{\"title\":\"甲\",\"type\":\"integer\"},{\"title\":\"乙\",\"type\":\"integer\"}]}},"
  "\"type\":\"object\",\"properties\":{\"r\":{\"$ref\":\"#/definitions/row\",\"title\":\"一行\"},"
  "\"list\":{\"type\":\"array\",\"minItems\":1,\"items\":{\"type\":\"string\"}}}}";

static void arrays_and_refs(void **state)
{
  (void)state;
  expect(run(rows, "r: [1, 2]\nlist: [a]\n"), "");
  expect(run(rows, "r: [1]\n"), "NB108");
  expect(run(rows, "r: [1, 2, 3]\n"), "NB111");
  expect(run(rows, "r: [1, 2, 3, 4]\n"), "NB108");
  expect(run(rows, "list: []\n"), "NB108");
  expect(run(rows, "list: [a, 1]\n"), "NB101");
  nb_diags *d = run(rows, "r: [1, x]\n");
  const nb_diag *g = nb_diags_get(d, 0);
  assert_string_equal(g->path, "r[1]");
  assert_string_equal(g->label, "一行 › 乙");
  assert_int_equal(g->col, 8);
  nb_diags_free(d);
}

static void builtin_schema_labels(void **state)
{
  (void)state;
  nb_diags *d = nb_diags_new("schema");
  nb_schema *s = nb_schema_load_builtin(d);
  assert_non_null(s);
  nb_arena *a = nb_arena_new();
  const char *l = nb_schema_labels(s, "applications.results.denied.state_secret[0]", a);
  assert_non_null(l);
  assert_string_equal(l, "三、收到和处理政府信息公开申请情况 › 三、本年度办理结果 › （三）不予公开 › "
                         "1.属于国家秘密 › 自然人");
  assert_null(nb_schema_labels(s, "applications.nothing", a));
  nb_arena_free(a);
  nb_schema_free(s);
  nb_diags_free(d);
}

static void bad_pattern_in_schema(void **state)
{
  (void)state;
  nb_diags *d = nb_diags_new("schema");
  const char *bad = "{\"properties\":{\"a\":{\"pattern\":\"([\"}}}";
  assert_null(nb_schema_load_text(bad, strlen(bad), d));
  assert_int_equal(nb_diags_errors(d), 1);
  nb_diags_free(d);
}

/* A (made from an image) and B (loaded from JSON) are the same tree, positions included. */
static void same_tree(const nb_node *a, const nb_node *b)
{
  assert_int_equal(a->kind, b->kind);
  assert_int_equal(a->style, b->style);
  assert_true(a->line == b->line && a->col == b->col);
  assert_true(a->end_line == b->end_line && a->end_col == b->end_col);
  assert_true((a->str == NULL) == (b->str == NULL));
  assert_int_equal(a->len, b->len);
  assert_true(!a->str || memcmp(a->str, b->str, a->len + 1) == 0);
  assert_true(a->kind != NB_INT || a->num.i == b->num.i);
  assert_true(a->kind != NB_BOOL || a->num.b == b->num.b);
  assert_true(a->kind != NB_REAL || memcmp(&a->num.r, &b->num.r, sizeof a->num.r) == 0);
  assert_int_equal(a->n, b->n);
  for (size_t i = 0; a->kind == NB_MAP && i < a->n; i++) {
    same_tree(a->pairs[i].key, b->pairs[i].key);
    same_tree(a->pairs[i].val, b->pairs[i].val);
  }
  for (size_t i = 0; a->kind == NB_SEQ && i < a->n; i++)
    same_tree(a->items[i], b->items[i]);
}

#define SAME_ARRAY(a, b, field, n) \
  assert_memory_equal((a)->field, (b)->field, (n) * sizeof *(a)->field)

/* Images A (compiled by the build) and B (built from JSON when loaded) are equal entry by
 * entry: every node, place, value, child, keyword, pattern and text. */
static void same_image(const nb_schema_image *a, const nb_schema_image *b)
{
  assert_int_equal(a->n_nodes, b->n_nodes);
  assert_int_equal(a->n_values, b->n_values);
  assert_int_equal(a->n_pairs, b->n_pairs);
  assert_int_equal(a->n_items, b->n_items);
  assert_int_equal(a->n_keywords, b->n_keywords);
  assert_int_equal(a->n_patterns, b->n_patterns);
  assert_int_equal(a->n_strings, b->n_strings);
  assert_int_equal(a->root, b->root);
  for (size_t i = 0; i < a->n_nodes; i++) { /* field by field: the struct has padding */
    const nb_schema_image_node *x = &a->nodes[i], *y = &b->nodes[i];
    assert_true(x->kind == y->kind && x->style == y->style && x->keywords == y->keywords);
    assert_true(x->str == y->str && x->len == y->len && x->n == y->n && x->first == y->first);
  }
  SAME_ARRAY(a, b, places, a->n_nodes);
  SAME_ARRAY(a, b, values, a->n_values);
  SAME_ARRAY(a, b, pairs, a->n_pairs);
  SAME_ARRAY(a, b, items, a->n_items);
  SAME_ARRAY(a, b, keywords, a->n_keywords);
  SAME_ARRAY(a, b, patterns, a->n_patterns);
  SAME_ARRAY(a, b, strings, a->n_strings);
}

/* IMAGE (compiled by the build) is the image of JSON (loaded from the JSON file), and the
 * tree made from it for nb_schema_root is the JSON tree. */
static void same_schema(const nb_schema *image, const nb_schema *json)
{
  same_image(image->img, json->img);
  assert_ptr_equal(image->json, NULL);
  same_tree(nb_schema_root(image), nb_schema_root(json));
  assert_ptr_equal(nb_schema_root(image), nb_schema_root(image)); /* made once */
  assert_int_equal(image->n_patterns, json->n_patterns);
}

/* The built-in schema, checked with the image the build compiled, equals the schema loaded
 * from the JSON embedded beside it; so does the image of a sample using every keyword. */
static void image_equals_json(void **state)
{
  (void)state;
  nb_diags *d = nb_diags_new("schema");
  const nb_embedded_file *f = nb_embed_find("report-2021.schema.json");
  assert_non_null(f);
  nb_schema *json = nb_schema_load_text((const char *)f->data, f->size, d);
  nb_schema *image = nb_schema_load_builtin(d);
  assert_non_null(json);
  assert_non_null(image);
  assert_ptr_equal(image->img, &nb_schema_builtin_image);
  same_schema(image, json);
  assert_int_equal(nb_schema_format(image), 2021);
  assert_int_equal(nb_schema_format(json), 2021);
  nb_schema_free(json);
  nb_schema_free(image);
  char *path = nb_test_path("NB_SOURCE_DIR", "tests/schema-image-sample.json");
  json = nb_schema_load_file(path, d);
  image = nb_schema_image_load(&nb_test_sample_image, d);
  assert_non_null(json);
  assert_non_null(image);
  same_schema(image, json);
  assert_true(image->n_patterns == 3);
  assert_int_equal(nb_schema_format(image), 0);
  nb_schema_free(json);
  nb_schema_free(image);
  free(path);
  assert_int_equal(nb_diags_count(d), 0);
  nb_diags_free(d);
}

/* A pattern the simple matcher takes matches exactly what regexec matches of the same pattern
 * as an extended regex; others go to regcomp. */
static void simple_patterns_match_as_regexec(void **state)
{
  (void)state;
  static const struct {
    const char *ecma, *ere;
    int simple;
  } pats[] = {
    {"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", 1},
    {"^https?://", "^https?://", 1},
    {"\\d{3,4}-\\d{7,8}", "[0-9]{3,4}-[0-9]{7,8}", 1},
    {"ab?c$", "ab?c$", 1},
    {"[A-Fa-f0-9]{2}x", "[A-Fa-f0-9]{2}x", 1},
    {"a{0}b\\.c", "a{0}b\\.c", 1},
    {"^$", "^$", 1},
    {"", "", 1},
    {"[:/]{1,2}\\-", "[:/]{1,2}\\-", 1},
    {"a?a?a?a?aa", "a?a?a?a?aa", 1},
    {"^a.c", "^a.c", 0},
    {"(ab|cd)+", "(ab|cd)+", 0},
    {"a*b", "a*b", 0},
    {"[^0-9]", "[^0-9]", 0},
    {"\\w+", "[A-Za-z0-9_]+", 0},
    {"a{2,}", "a{2,}", 0},
    {"a??", "a??", 0},
    {"x$y", "x$y", 0},
    {"[a-]", "[a-]", 0},
    {"你", "你", 0},
  };
  static const char *const texts[] = {
    "", "2024-01-31", "2024-1-31", "x2024-01-31", "2024-01-31x", "http://a", "https://a",
    "httpss://", "见 https://a", "0537-7984101", "010-12345678", "12-1234567", "abc", "ac",
    "abbc", "xabc", "aFx", "Fx", "b.c", "bxc", "aaa", "aaaaaa", "a", "://-", "/-", ":-",
    "ab", "cdcd", "你好", "x$y", "a-", "2024-01-31\n",
  };
  for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++) {
    nb_pattern p;
    regex_t re;
    assert_int_equal(nb_pattern_compile(&p, pats[i].ecma, strlen(pats[i].ecma)), 0);
    assert_int_equal(p.simple, pats[i].simple);
    assert_int_equal(regcomp(&re, pats[i].ere, REG_EXTENDED | REG_NOSUB), 0);
    for (size_t j = 0; j < sizeof texts / sizeof texts[0]; j++)
      if (nb_pattern_match(&p, texts[j]) != (regexec(&re, texts[j], 0, NULL, 0) == 0))
        fail_msg("pattern “%s” on “%s”: not as regexec", pats[i].ecma, texts[j]);
    regfree(&re);
    nb_pattern_free(&p);
  }
  nb_pattern bad;
  assert_int_not_equal(nb_pattern_compile(&bad, "[z-a]", 5), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(type_and_range),
    cmocka_unit_test(required_and_additional),
    cmocka_unit_test(strings),
    cmocka_unit_test(enum_const_decimals_multiple),
    cmocka_unit_test(computed_totals),
    cmocka_unit_test(arrays_and_refs),
    cmocka_unit_test(builtin_schema_labels),
    cmocka_unit_test(bad_pattern_in_schema),
    cmocka_unit_test(image_equals_json),
    cmocka_unit_test(simple_patterns_match_as_regexec),
  };
  return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
