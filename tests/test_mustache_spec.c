/* Runs the official Mustache specification (the .yml files in $NB_SHARED_DIR/mustache-spec)
 * through the engine: each test's template is rendered with its data and partials and
 * compared with the expected text. Prints "FILE: passed/total" per file and, for every
 * failure, the test's name, template, expected and actual output. ~lambdas.yml is skipped:
 * the engine has no lambdas. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/load.h"
#include "mustache/mustache.h"
#include "helpers.h"

typedef struct {
  unsigned passed, failed, skipped;
} counts;

/* Partials of one test: the "partials" mapping of names to template texts. */
static nb_mus_status spec_loader(void *ud, const char *name, nb_mus_source *out)
{
  const nb_node *p = nb_node_get(ud, name);
  if (!p || !p->str)
    return NB_MUS_NOT_FOUND;
  out->text = p->str;
  out->len = p->len;
  return NB_MUS_FOUND;
}

/* S with newlines, tabs and carriage returns visible, in quotes. */
static void show(const char *label, const char *s, size_t n)
{
  printf("    %-9s \"", label);
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case '\n': fputs("\\n", stdout); break;
    case '\r': fputs("\\r", stdout); break;
    case '\t': fputs("\\t", stdout); break;
    case '"': fputs("\\\"", stdout); break;
    default: putchar(s[i]);
    }
  }
  puts("\"");
}

/* The text of scalar KEY of TEST ("" when absent). */
static const char *text_of(const nb_node *test, const char *key, size_t *len)
{
  const nb_node *n = nb_node_get(test, key);
  *len = n && n->str ? n->len : 0;
  return n && n->str ? n->str : "";
}

/* Renders one test; returns 1 when the output is the expected one. */
static int run_one(const char *file, const nb_node *test)
{
  size_t tlen, elen, nlen;
  const char *tpl_text = text_of(test, "template", &tlen);
  const char *expected = text_of(test, "expected", &elen);
  const char *name = text_of(test, "name", &nlen);
  nb_mus_opts opts = {spec_loader, nb_node_get(test, "partials"), 0, NULL, NULL, 0};
  nb_mus_error err = NB_MUS_ERROR_INIT;
  nb_buf out = NB_BUF_INIT;
  nb_mus_tpl *t = nb_mus_parse("template", tpl_text, tlen, &err);
  int ok = t && nb_mus_render(t, nb_node_get(test, "data"), &opts, &out, &err) == 0 &&
           out.len == elen && (elen == 0 || memcmp(out.data, expected, elen) == 0);
  if (!ok) {
    printf("  FAIL %s: %.*s\n", file, (int)nlen, name);
    show("template:", tpl_text, tlen);
    show("expected:", expected, elen);
    if (err.code[0]) {
      nb_buf msg = NB_BUF_INIT;
      nb_mus_error_format(&err, &msg);
      printf("    error:    [%s] %s\n", err.code, nb_buf_cstr(&msg));
      nb_buf_free(&msg);
    } else {
      show("actual:", nb_buf_cstr(&out), out.len);
    }
  }
  nb_buf_free(&out);
  nb_mus_error_free(&err);
  nb_mus_free(t);
  return ok;
}

static void run_file(const char *dir, const char *file, counts *total)
{
  if (strncmp(file, "~lambdas", 8) == 0) {
    printf("%s: skipped (lambdas are not supported)\n", file);
    total->skipped++;
    return;
  }
  char path[8192];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  nb_arena *arena = nb_arena_new();
  nb_diags *diags = nb_diags_new(path);
  nb_node *doc = nb_load_file(path, arena, diags, NULL, NULL);
  const nb_node *tests = nb_node_get(doc, "tests");
  if (!tests || tests->kind != NB_SEQ) {
    printf("%s: could not be loaded\n", file);
    nb_diags_print_text(diags, stdout);
    total->failed++;
  } else {
    unsigned ok = 0;
    for (size_t i = 0; i < tests->n; i++)
      ok += (unsigned)run_one(file, tests->items[i]);
    printf("%s: %u/%zu\n", file, ok, (size_t)tests->n);
    total->passed += ok;
    total->failed += (unsigned)tests->n - ok;
  }
  nb_diags_free(diags);
  nb_arena_free(arena);
}

static int by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_spec(void **state)
{
  (void)state;
  const char *shared = getenv("NB_SHARED_DIR");
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/mustache-spec", shared ? shared : "../shared");
  DIR *d = opendir(dir);
  if (!d) {
    nb_test_skipping("the Mustache specification (../shared/mustache-spec) is missing");
    NB_TEST_SKIP();
  }
  char **names = NULL;
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    size_t len = strlen(e->d_name);
    if (len > 4 && strcmp(e->d_name + len - 4, ".yml") == 0) {
      names = realloc(names, (n + 1) * sizeof *names);
      assert_non_null(names);
      names[n++] = strdup(e->d_name);
    }
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  counts total = {0, 0, 0};
  for (size_t i = 0; i < n; i++) {
    run_file(dir, names[i], &total);
    free(names[i]);
  }
  free(names);
  printf("total: %u passed, %u failed, %u file(s) skipped\n", total.passed, total.failed,
         total.skipped);
  assert_true(total.passed > 0);
  assert_int_equal(total.failed, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_spec),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
