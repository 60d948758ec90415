/* nb_import: every seed report imports to the figures of its hand-made fixture; a web copy
 * with pipes, blank cells and broken header words; bad input of every kind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "author/import.h"
#include "core/io.h"
#include "core/load.h"
#include "author/yamlout.h"
#include "helpers.h"


/* Imports FILE; returns the result, the output in OUT, diagnostics in *DIAGS. */
static nb_import_result import_file(const char *file, nb_buf *out, nb_diags **diags)
{
  nb_buf in = NB_BUF_INIT;
  assert_int_equal(nb_io_read(file, (size_t)8 << 20, &in), NB_IO_OK);
  *diags = nb_diags_new(file);
  nb_import_result r = nb_import_text(in.data ? in.data : "", in.len, "x.txt", out, *diags);
  nb_buf_free(&in);
  return r;
}

static nb_node *load(const nb_buf *text, nb_arena *a)
{
  nb_diags *d = nb_diags_new("out.yaml");
  nb_node *root = nb_load_text(text->data, text->len, a, d, NULL);
  if (nb_diags_errors(d))
    nb_diags_print_text(d, stderr);
  assert_int_equal(nb_diags_errors(d), 0);
  nb_diags_free(d);
  return root;
}

/* Compares every figure of WANT with GOT. A figure GOT leaves empty (null) must be under one
 * of GAPS ("" ends the list). Returns the number of figures compared. */
static size_t compare_figures(const nb_node *want, const nb_node *got, nb_buf *path,
                              const char *const *gaps)
{
  size_t n = 0, base = path->len;
  if (want->kind == NB_MAP) {
    for (size_t i = 0; i < want->n; i++) {
      const char *k = want->pairs[i].key->str;
      path->len = base;
      nb_buf_printf(path, "%s%s", base ? "." : "", k);
      const nb_node *g = nb_node_get(got, k);
      if (!g || g->kind == NB_NULL) {
        int allowed = 0;
        for (const char *const *p = gaps; **p; p++)
          allowed |= strncmp(path->data, *p, strlen(*p)) == 0;
        if (!allowed && (want->pairs[i].val->kind == NB_INT || want->pairs[i].val->kind == NB_SEQ
                         || want->pairs[i].val->kind == NB_MAP))
          fail_msg("%s: missing in the import", path->data);
        continue;
      }
      n += compare_figures(want->pairs[i].val, g, path, gaps);
    }
  } else if (want->kind == NB_SEQ) {
    if (got->kind != NB_SEQ || got->n != want->n)
      fail_msg("%s: %zu items expected", path->data, (size_t)want->n);
    for (size_t i = 0; i < want->n; i++) {
      path->len = base;
      nb_buf_printf(path, "[%zu]", i);
      n += compare_figures(want->items[i], got->items[i], path, gaps);
    }
  } else if (want->kind == NB_INT || want->kind == NB_REAL) {
    double w = want->kind == NB_INT ? (double)want->num.i : want->num.r;
    double g = got->kind == NB_INT ? (double)got->num.i : got->kind == NB_REAL ? got->num.r : -1;
    if (w != g)
      fail_msg("%s: expected %.*s, imported %.*s", path->data, (int)want->len, want->str,
               (int)got->len, got->str ? got->str : "?");
    n++;
  }
  path->len = base;
  path->data[base] = '\0';
  return n;
}

static void seed_matches(const char *seed, const char *fixture, const char *const *gaps,
                         nb_import_result expect)
{
  char *seed_path = nb_test_path("NB_SHARED_DIR", seed);
  if (!nb_test_have(seed_path)) {
    free(seed_path);
    NB_TEST_SKIP();
  }
  char *fix_path = nb_test_path("NB_SOURCE_DIR", fixture);
  nb_buf out = NB_BUF_INIT, fix = NB_BUF_INIT;
  nb_diags *d;
  nb_import_result r = import_file(seed_path, &out, &d);
  if (r != expect)
    nb_diags_print_text(d, stderr);
  assert_int_equal(r, expect);
  assert_int_equal(nb_io_read(fix_path, 1 << 20, &fix), NB_IO_OK);
  static const char modeline[] =
    "# yaml-language-server: $schema=../schemas/report-2021.schema.json\n";
  assert_true(strncmp(out.data, modeline, sizeof modeline - 1) == 0);
  nb_arena *a = nb_arena_new();
  nb_node *got = load(&out, a), *want = load(&fix, a);
  nb_buf path = NB_BUF_INIT;
  nb_buf_puts(&path, "");
  static const char *const sections[] = {"disclosure", "applications", "reviews", "other",
                                         "overview", "year"};
  size_t n = 0;
  for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
    path.len = 0;
    nb_buf_puts(&path, sections[i]);
    const nb_node *w = nb_node_get(want, sections[i]), *g = nb_node_get(got, sections[i]);
    if (w->kind == NB_MAP)
      n += compare_figures(w, g, &path, gaps);
    else
      assert_true(nb_node_equal(w, g));
  }
  assert_true(n >= 90); /* 10 + 25×6 − 6 + 12 + published items: nothing skipped silently */
  assert_string_equal(nb_node_cstr(nb_node_path(got, "organ.name")),
                      nb_node_cstr(nb_node_path(want, "organ.name")));
  assert_string_equal(nb_node_cstr(nb_node_path(got, "organ.level")),
                      nb_node_cstr(nb_node_path(want, "organ.level")));
  nb_buf_free(&path);
  nb_arena_free(a);
  nb_buf_free(&out);
  nb_buf_free(&fix);
  nb_diags_free(d);
  free(seed_path);
  free(fix_path);
}

static const char *const no_gaps[] = {""};
static const char *const fee_gap[] = {"other.processing_fees", ""};

static void seed_000(void **state)
{
  (void)state;
  seed_matches("seeds/000_408ada7eab608758.txt", "fixtures/2024-瓦窑沟乡人民政府.yaml", no_gaps,
               NB_IMPORT_COMPLETE);
}

/* "六、其他需要报告的事项 无": whether fees were charged is not said, so it is left open. */
static void seed_001(void **state)
{
  (void)state;
  seed_matches("seeds/001_ca53df07fdd590d9.txt", "fixtures/2023-磁钟乡人民政府.yaml", fee_gap,
               NB_IMPORT_INCOMPLETE);
}

static void seed_002(void **state)
{
  (void)state;
  seed_matches("seeds/002_bd233bc2b19cdec6.txt", "fixtures/gaps/2024-蔡家堡乡人民政府.yaml", fee_gap,
               NB_IMPORT_INCOMPLETE);
}

/* No 平台建设 part: incomplete, but every figure is there. */
static void seed_003(void **state)
{
  (void)state;
  seed_matches("seeds/003_93445c37e83f1c72.txt", "fixtures/2024-酒后镇人民政府.yaml", no_gaps,
               NB_IMPORT_INCOMPLETE);
}

/* One cell per line, a stray empty cell, header words broken over lines, a pie chart. */
static void seed_004(void **state)
{
  (void)state;
  seed_matches("seeds/004_5a46f5ac5becec05.txt", "fixtures/2024-军屯乡人民政府.yaml", no_gaps,
               NB_IMPORT_INCOMPLETE);
}

static nb_node *import_fixture(const char *rel, nb_arena *a, nb_diags **d, nb_import_result *r)
{
  char *p = nb_test_path("NB_SOURCE_DIR", rel);
  nb_buf out = NB_BUF_INIT;
  *r = import_file(p, &out, d);
  nb_node *root = load(&out, a);
  nb_buf_free(&out);
  free(p);
  return root;
}

static int64_t at(const nb_node *root, const char *path, size_t i)
{
  const nb_node *n = nb_node_path(root, path);
  assert_non_null(n);
  return nb_node_int(n->kind == NB_SEQ ? n->items[i] : n, -1);
}

/* A web copy: pipes, blank cells reported (not 0), a header printed in merged-cell order,
 * header words and a row label broken over lines. */
static void web_pipe(void **state)
{
  (void)state;
  nb_arena *a = nb_arena_new();
  nb_diags *d;
  nb_import_result r;
  nb_node *root = import_fixture("fixtures/import/web-pipe.txt", a, &d, &r);
  assert_int_equal(r, NB_IMPORT_INCOMPLETE);
  assert_int_equal(nb_diags_errors(d), 2);
  assert_true(nb_diags_has(d, "NB605"));
  assert_int_equal(nb_node_path(root, "disclosure.regulations.issued")->kind, NB_NULL);
  assert_int_equal(at(root, "disclosure.normative_documents.in_force", 0), 7);
  assert_int_equal(at(root, "disclosure.licensing", 0), 12);
  assert_string_equal(nb_node_path(root, "disclosure.fees")->str, "1.25");
  assert_int_equal(at(root, "applications.new", 0), 4);
  assert_int_equal(at(root, "applications.new", 1), 1);
  assert_int_equal(at(root, "applications.carried_over", 0), 1);
  assert_int_equal(nb_node_path(root, "applications.results.unavailable.not_held")->items[1]->kind,
                   NB_NULL);
  assert_int_equal(at(root, "applications.results.other.unpaid_fee", 0), 0);
  assert_int_equal(at(root, "reviews.review.upheld", 0), 1);
  assert_int_equal(at(root, "reviews.litigation_after_review.pending", 0), 1);
  assert_int_equal(at(root, "other.processing_fees.notices", 0), 1);
  assert_int_equal(at(root, "other.processing_fees.amount", 0), 50);
  assert_string_equal(nb_node_cstr(nb_node_path(root, "organ.level")), "街道");
  assert_int_equal(nb_node_path(root, "overview.published_items")->n, 3);
  nb_diags_free(d);
  nb_arena_free(a);
}

static nb_import_result import_bytes(const char *s, size_t len, nb_buf *out, nb_diags **d)
{
  *d = nb_diags_new("t.txt");
  return nb_import_text(s, len, NULL, out, *d);
}

static void bad_input(void **state)
{
  (void)state;
  nb_buf out = NB_BUF_INIT;
  nb_diags *d;
  assert_int_equal(import_bytes("", 0, &out, &d), NB_IMPORT_REFUSED);
  assert_true(nb_diags_has(d, "NB601"));
  nb_diags_free(d);
  static const char junk[] = "\x7f" "ELF\x02\x01\x01\0\0\0\xff\xfe\x80\x81";
  assert_int_equal(import_bytes(junk, sizeof junk - 1, &out, &d), NB_IMPORT_REFUSED);
  nb_diags_free(d);
  static const char prose[] = "今天天气很好。\n我们去公园散步。\n";
  assert_int_equal(import_bytes(prose, sizeof prose - 1, &out, &d), NB_IMPORT_REFUSED);
  assert_true(nb_diags_has(d, "NB600"));
  nb_diags_free(d);
  static const char latin[] = "\xff\xfe\xfd\x80\x80 report";
  assert_int_equal(import_bytes(latin, sizeof latin - 1, &out, &d), NB_IMPORT_REFUSED);
  nb_diags_free(d);
  assert_int_equal(out.len, 0);
  /* 4 MB of table-like lines: finishes, nothing recognised as a report */
  nb_buf big = NB_BUF_INIT;
  while (big.len < ((size_t)4 << 20) - 64)
    nb_buf_puts(&big, "一、\t0\t|\t|\t（一）\t1.\t规章\n");
  nb_import_result r = import_bytes(big.data, big.len, &out, &d);
  assert_true(r == NB_IMPORT_INCOMPLETE || r == NB_IMPORT_REFUSED);
  nb_diags_free(d);
  nb_buf_free(&big);
  nb_buf_free(&out);
}

/* A seed saved as GBK (what Windows Notepad writes) imports to the same figures. */
static void gbk_input(void **state)
{
  (void)state;
  char *seed = nb_test_path("NB_SHARED_DIR", "seeds/000_408ada7eab608758.txt");
  if (!nb_test_have(seed)) {
    free(seed);
    NB_TEST_SKIP();
  }
  char *tmp = nb_test_path("NB_BUILD_DIR", "test_import_gbk.txt");
  nb_buf cmd = NB_BUF_INIT;
  nb_buf_printf(&cmd, "iconv -f UTF-8 -t GB18030 '%s' > '%s'", seed, tmp);
  if (system(cmd.data) != 0) {
    nb_test_skipping("iconv could not convert the seed to GB18030");
    nb_buf_free(&cmd);
    free(seed);
    free(tmp);
    NB_TEST_SKIP();
  }
  nb_buf a_out = NB_BUF_INIT, b_out = NB_BUF_INIT;
  nb_diags *da, *db;
  assert_int_equal(import_file(seed, &a_out, &da), NB_IMPORT_COMPLETE);
  assert_int_equal(import_file(tmp, &b_out, &db), NB_IMPORT_COMPLETE);
  assert_true(nb_diags_has(db, "NB602"));
  nb_arena *ar = nb_arena_new();
  nb_node *x = load(&a_out, ar), *y = load(&b_out, ar);
  assert_true(nb_node_equal(nb_node_get(x, "applications"), nb_node_get(y, "applications")));
  assert_true(nb_node_equal(nb_node_get(x, "overview"), nb_node_get(y, "overview")));
  nb_arena_free(ar);
  nb_diags_free(da);
  nb_diags_free(db);
  nb_buf_free(&a_out);
  nb_buf_free(&b_out);
  nb_buf_free(&cmd);
  remove(tmp);
  free(seed);
  free(tmp);
}

/* Scalars written by hand read back as the same strings. */
static void yaml_scalars(void **state)
{
  (void)state;
  static const char *const plain[] = {"乡镇动态", "军屯乡人民政府", "“中国·汶上”政府门户网站"};
  static const char *const quoted[] = {"0537-7984101", "2025-01-20", "null", "yes", "a: b",
                                       "地址：某路1号", "# x", "", " lead", "[x]", "1.5"};
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
    assert_true(nb_yaml_plain_ok(plain[i], strlen(plain[i])));
  for (size_t i = 0; i < sizeof quoted / sizeof quoted[0]; i++) {
    assert_false(nb_yaml_plain_ok(quoted[i], strlen(quoted[i])));
    nb_buf b = NB_BUF_INIT;
    nb_buf_puts(&b, "k: ");
    nb_yaml_scalar(&b, quoted[i], strlen(quoted[i]));
    nb_arena *a = nb_arena_new();
    nb_diags *d = nb_diags_new("t");
    nb_node *root = nb_load_text(b.data, b.len, a, d, NULL);
    assert_non_null(root);
    assert_string_equal(nb_node_cstr(nb_node_get(root, "k")), quoted[i]);
    nb_diags_free(d);
    nb_arena_free(a);
    nb_buf_free(&b);
  }
  static const char *const blocks[] = {"一段。\n", "一段。\n\n二段。\n", "无换行", "  缩进开头\n",
                                       "尾部多空行\n\n\n"};
  for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
    nb_buf b = NB_BUF_INIT;
    nb_buf_puts(&b, "k: ");
    nb_yaml_literal(&b, blocks[i], strlen(blocks[i]), 0, 2);
    nb_arena *a = nb_arena_new();
    nb_diags *d = nb_diags_new("t");
    nb_node *root = nb_load_text(b.data, b.len, a, d, NULL);
    assert_non_null(root);
    assert_string_equal(nb_node_cstr(nb_node_get(root, "k")), blocks[i]);
    nb_diags_free(d);
    nb_arena_free(a);
    nb_buf_free(&b);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(seed_000), cmocka_unit_test(seed_001),  cmocka_unit_test(seed_002),
    cmocka_unit_test(seed_003), cmocka_unit_test(seed_004),  cmocka_unit_test(web_pipe),
    cmocka_unit_test(bad_input), cmocka_unit_test(gbk_input), cmocka_unit_test(yaml_scalars),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
