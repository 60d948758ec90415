/* Runs the official JSON Schema Test Suite (draft 7; the files in
 * $NB_SHARED_DIR/jsonschema-test-suite/draft7, read from there) through the schema checker
 * (check/schema) directly: each group's schema is loaded, each test's data, whatever its
 * kind (mapping, list, scalar, null), is checked, and valid/invalid is compared with the
 * suite's verdict.
 *
 * A group whose schema uses a keyword the checker does not implement, a $ref that is not a
 * JSON pointer into the same file, or an $id below the root (a base URI change) is skipped
 * and named, never counted as passed. Every test of every other group must pass.
 * Prints "FILE: passed/failed/skipped" per keyword file and a total line. Exits 77 (skipped,
 * for CTest) when the suite is not there. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

#include "check/schema.h"
#include "core/io.h"
#include "core/json.h"
#include "core/jsonout.h"

typedef struct {
  unsigned passed, failed, skipped;
} counts;

static const char *const implemented[] = {
    "$ref", "$schema", "$comment", "$id", "title", "description", "default", "examples",
    "type", "not", "allOf", "const", "enum", "minimum", "maximum", "multipleOf", "minLength",
    "maxLength", "pattern", "properties", "patternProperties", "additionalProperties",
    "required", "minItems", "maxItems", "items", "additionalItems", "definitions", NULL};

/* Keywords whose value is one schema, a name → schema map, or a list of schemas. */
static const char *const one_schema[] = {"not", "additionalProperties", "additionalItems", NULL};
static const char *const schema_maps[] = {"properties", "patternProperties", "definitions", NULL};

static int in(const char *const *list, const char *s)
{
  for (; *list; list++)
    if (strcmp(*list, s) == 0)
      return 1;
  return 0;
}

/* Why the checker cannot run the schema N (NULL when it can). */
static const char *unsupported(const nb_node *n, int root)
{
  if (!n || n->kind != NB_MAP)
    return NULL;
  for (size_t i = 0; i < n->n; i++) {
    const char *k = n->pairs[i].key->str;
    const nb_node *v = n->pairs[i].val;
    const char *why = NULL;
    if (!in(implemented, k))
      return k;
    if (strcmp(k, "$id") == 0 && !root)
      return "$id below the root";
    if (strcmp(k, "$ref") == 0 && v->kind == NB_STR && !(v->str[0] == '#' && (!v->str[1] || v->str[1] == '/')))
      return "$ref that is not a JSON pointer";
    if (in(one_schema, k))
      why = unsupported(v, 0);
    else if (in(schema_maps, k))
      for (size_t j = 0; v->kind == NB_MAP && j < v->n && !why; j++)
        why = unsupported(v->pairs[j].val, 0);
    else if (strcmp(k, "items") == 0 || strcmp(k, "allOf") == 0)
      for (size_t j = 0; j < (v->kind == NB_SEQ ? v->n : 1) && !why; j++)
        why = unsupported(v->kind == NB_SEQ ? v->items[j] : v, 0);
    if (why)
      return why;
  }
  return NULL;
}

/* N as JSON text (numbers as written). */
static void to_json(const nb_node *n, nb_buf *out)
{
  switch (n->kind) {
  case NB_NULL: nb_buf_puts(out, "null"); return;
  case NB_BOOL: nb_buf_puts(out, n->num.b ? "true" : "false"); return;
  case NB_INT:
  case NB_REAL: nb_buf_put(out, n->str, n->len); return;
  case NB_STR: nb_jsonout_string(out, n->str, n->len); return;
  case NB_SEQ:
    nb_buf_putc(out, '[');
    for (size_t i = 0; i < n->n; i++) {
      if (i)
        nb_buf_putc(out, ',');
      to_json(n->items[i], out);
    }
    nb_buf_putc(out, ']');
    return;
  case NB_MAP:
    nb_buf_putc(out, '{');
    for (size_t i = 0; i < n->n; i++) {
      if (i)
        nb_buf_putc(out, ',');
      nb_jsonout_string(out, n->pairs[i].key->str, n->pairs[i].key->len);
      nb_buf_putc(out, ':');
      to_json(n->pairs[i].val, out);
    }
    nb_buf_putc(out, '}');
    return;
  }
}

/* Runs the tests of one group; adds to C. */
static void run_group(const char *file, const nb_node *group, counts *c)
{
  const nb_node *schema = nb_node_get(group, "schema"), *tests = nb_node_get(group, "tests");
  const char *desc = nb_node_cstr(nb_node_get(group, "description"));
  assert_non_null(schema);
  assert_non_null(tests);
  const char *why = unsupported(schema, 1);
  if (why) {
    printf("  skipped: %s / %s (uses %s, %zu tests)\n", file, desc, why, (size_t)tests->n);
    c->skipped += (unsigned)tests->n;
    return;
  }
  nb_buf text = NB_BUF_INIT;
  to_json(schema, &text);
  nb_diags *sd = nb_diags_new("schema");
  nb_schema *s = nb_schema_load_text(text.data, text.len, sd);
  if (!s) {
    printf("  FAILED: %s / %s: the schema did not load:\n", file, desc);
    nb_diags_print_text(sd, stdout);
    c->failed += (unsigned)tests->n;
  }
  for (size_t i = 0; s && i < tests->n; i++) {
    const nb_node *t = tests->items[i];
    const nb_node *data = nb_node_get(t, "data"), *valid = nb_node_get(t, "valid");
    nb_diags *d = nb_diags_new("data");
    int ok = nb_schema_check(s, data, d) == 0;
    if (valid && ok == valid->num.b) {
      c->passed++;
    } else {
      c->failed++;
      printf("  FAILED: %s / %s / %s: expected %s\n", file, desc,
             nb_node_cstr(nb_node_get(t, "description")), valid && valid->num.b ? "valid" : "invalid");
      nb_diags_print_text(d, stdout);
    }
    nb_diags_free(d);
  }
  nb_schema_free(s);
  nb_diags_free(sd);
  nb_buf_free(&text);
}

static int by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_suite(void **state)
{
  const char *dir = *state;
  DIR *dp = opendir(dir);
  assert_non_null(dp);
  char *names[64];
  size_t n = 0;
  for (struct dirent *e; (e = readdir(dp)) && n < 64;)
    if (strlen(e->d_name) > 5 && strcmp(e->d_name + strlen(e->d_name) - 5, ".json") == 0)
      names[n++] = strdup(e->d_name);
  closedir(dp);
  qsort(names, n, sizeof *names, by_name);
  counts total = {0};
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    nb_buf b = NB_BUF_INIT;
    assert_int_equal(nb_io_read(path, 16u << 20, &b), NB_IO_OK);
    nb_arena *a = nb_arena_new();
    nb_diags *d = nb_diags_new(path);
    const nb_node *groups = nb_json_parse(b.data, b.len, a, d);
    assert_non_null(groups);
    counts c = {0};
    for (size_t g = 0; g < groups->n; g++)
      run_group(names[i], groups->items[g], &c);
    printf("%s: %u passed, %u failed, %u skipped\n", names[i], c.passed, c.failed, c.skipped);
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
    nb_diags_free(d);
    nb_arena_free(a);
    nb_buf_free(&b);
    free(names[i]);
  }
  printf("JSON Schema Test Suite (draft 7): %u passed, %u failed, %u skipped (unimplemented)\n",
         total.passed, total.failed, total.skipped);
  assert_int_equal(total.failed, 0);
  assert_true(n >= 17);             /* every keyword file of the suite was read */
  assert_true(total.passed >= 300); /* and most of its cases ran */
}

int main(void)
{
  const char *shared = getenv("NB_SHARED_DIR");
  static char dir[4096];
  snprintf(dir, sizeof dir, "%s/jsonschema-test-suite/draft7", shared ? shared : "../shared");
  DIR *dp = opendir(dir);
  if (!dp) {
    printf("%s not found: the JSON Schema Test Suite is not run (skipped)\n", dir);
    return 77;
  }
  closedir(dp);
  const struct CMUnitTest tests[] = {cmocka_unit_test_prestate(test_suite, dir)};
  return NB_TEST_RUN(tests, NULL, NULL);
}
