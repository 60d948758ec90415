/* Loader: positions, scalar resolution, duplicates, limits, encodings, input-method mistakes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/load.h"

typedef struct {
  nb_arena *arena;
  nb_diags *diags;
} fixture;

static int setup(void **state)
{
  fixture *f = test_malloc(sizeof *f);
  f->arena = nb_arena_new();
  f->diags = nb_diags_new("t.yaml");
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  fixture *f = *state;
  nb_diags_free(f->diags);
  nb_arena_free(f->arena);
  test_free(f);
  return 0;
}

static nb_node *load(fixture *f, const char *text, const nb_load_opts *o)
{
  return nb_load_text(text, strlen(text), f->arena, f->diags, o);
}

static const nb_diag *only_diag(fixture *f, const char *code)
{
  assert_int_equal(nb_diags_count(f->diags), 1);
  const nb_diag *g = nb_diags_get(f->diags, 0);
  assert_string_equal(g->code, code);
  return g;
}

static void positions_are_one_based(void **state)
{
  fixture *f = *state;
  nb_node *root = load(f, "a: 1\nb:\n  c: [1, 22]\n", NULL);
  assert_non_null(root);
  nb_node *c = nb_node_path(root, "b.c");
  assert_non_null(c);
  assert_int_equal(c->line, 3);
  assert_int_equal(c->col, 6);
  assert_int_equal(c->items[1]->line, 3);
  assert_int_equal(c->items[1]->col, 10);
  assert_int_equal(c->items[1]->end_col, 12);
  assert_int_equal(root->pairs[1].key->col, 1);
}

static void columns_count_characters(void **state)
{
  fixture *f = *state;
  nb_node *root = load(f, "名称: 瓦窑沟乡\nx: [甲, 1]\n", NULL);
  nb_node *x = nb_node_get(root, "x");
  assert_int_equal(x->items[1]->col, 8); /* "x: [甲, " is 7 characters */
  assert_string_equal(nb_node_cstr(nb_node_get(root, "名称")), "瓦窑沟乡");
}

static void scalars_follow_yaml_1_2_core(void **state)
{
  fixture *f = *state;
  nb_node *r = load(f, "d: 2025-01-20\nh: 0x1F\nz: 1.50\nn: ~\ne:\nq: '12'\nb: true\n"
                       "y: yes\nbig: 99999999999999999999\nneg: -3\nph: 0537-7984101\n", NULL);
  assert_int_equal(nb_node_get(r, "d")->kind, NB_STR);
  assert_int_equal(nb_node_int(nb_node_get(r, "h"), -1), 31);
  nb_node *z = nb_node_get(r, "z");
  assert_int_equal(z->kind, NB_REAL);
  assert_string_equal(z->str, "1.50");
  assert_int_equal(nb_node_get(r, "n")->kind, NB_NULL);
  assert_int_equal(nb_node_get(r, "e")->kind, NB_NULL);
  assert_int_equal(nb_node_get(r, "q")->kind, NB_STR);
  assert_int_equal(nb_node_get(r, "b")->kind, NB_BOOL);
  assert_int_equal(nb_node_get(r, "y")->kind, NB_STR); /* YAML 1.1's yes is text in 1.2 */
  assert_int_equal(nb_node_get(r, "big")->kind, NB_REAL);
  assert_int_equal(nb_node_int(nb_node_get(r, "neg"), 0), -3);
  assert_int_equal(nb_node_get(r, "ph")->kind, NB_STR);
  assert_int_equal(nb_diags_count(f->diags), 0);
}

static void duplicate_keys_are_reported(void **state)
{
  fixture *f = *state;
  assert_non_null(load(f, "a: 1\nb: 2\na: 3\n", NULL));
  const nb_diag *g = only_diag(f, "NB006");
  assert_int_equal(g->line, 3);
  assert_non_null(strstr(g->message, "第 1 行"));
}

static void duplicate_keys_in_a_large_mapping(void **state)
{
  fixture *f = *state;
  nb_buf b = NB_BUF_INIT;
  for (int i = 0; i < 200; i++)
    nb_buf_printf(&b, "k%d: %d\n", i % 150, i);
  load(f, nb_buf_cstr(&b), NULL);
  nb_buf_free(&b);
  assert_int_equal(nb_diags_count(f->diags), 50);
  assert_int_equal(nb_diags_get(f->diags, 0)->line, 151);
}

static void depth_is_limited(void **state)
{
  fixture *f = *state;
  nb_load_opts o = {0, 8, 0};
  assert_null(load(f, "[[[[[[[[[[1]]]]]]]]]]", &o));
  only_diag(f, "NB008");
}

static void aliases_are_refused_unless_allowed(void **state)
{
  fixture *f = *state;
  assert_null(load(f, "a: &x [1, 2]\nb: *x\n", NULL));
  only_diag(f, "NB007");
  nb_diags *d2 = nb_diags_new("t");
  nb_load_opts o = {0, 0, 1};
  nb_node *r = nb_load_text("a: &x [1, 2]\nb: *x\n", 19, f->arena, d2, &o);
  assert_non_null(r);
  assert_ptr_equal(nb_node_get(r, "a"), nb_node_get(r, "b"));
  nb_diags_free(d2);
}

static void size_is_limited(void **state)
{
  fixture *f = *state;
  nb_load_opts o = {16, 0, 0};
  assert_null(load(f, "a: 12345678901234567890\n", &o));
  only_diag(f, "NB002");
}

static void bom_and_crlf_are_accepted(void **state)
{
  fixture *f = *state;
  nb_node *r = load(f, "\xEF\xBB\xBF" "a: 1\r\nb: 文字\r\n", NULL);
  assert_non_null(r);
  assert_int_equal(nb_diags_count(f->diags), 0);
  assert_string_equal(nb_node_cstr(nb_node_get(r, "b")), "文字");
  assert_int_equal(nb_node_get(r, "b")->line, 2);
}

static void gb18030_is_decoded_with_a_warning(void **state)
{
  fixture *f = *state;
  /* "name: 乡镇\n" in GB18030 */
  nb_node *r = load(f, "name: \xCF\xE7\xD5\xF2\n", NULL);
  assert_non_null(r);
  const nb_diag *g = only_diag(f, "NB003");
  assert_int_equal(g->sev, NB_SEV_WARNING);
  assert_string_equal(nb_node_cstr(nb_node_get(r, "name")), "乡镇");
}

static void utf16_is_refused(void **state)
{
  fixture *f = *state;
  assert_null(nb_load_text("\xFF\xFE" "a\0:\0", 6, f->arena, f->diags, NULL));
  only_diag(f, "NB003");
}

static void fullwidth_colon_is_explained(void **state)
{
  fixture *f = *state;
  assert_null(load(f, "year: 2024\nlicensing：0\n", NULL));
  const nb_diag *g = only_diag(f, "NB005");
  assert_int_equal(g->line, 2);
  assert_int_equal(g->col, 10);
}

static void prose_may_contain_anything(void **state)
{
  fixture *f = *state;
  nb_node *r = load(f, "text: |\n  主动公开：19条\n  key：value\n\tnot indentation: tab is text here\n"
                       "next: 1\n", NULL);
  /* the tab line ends the block scalar: YAML rejects it, and the scan says why */
  assert_null(r);
  only_diag(f, "NB010");
  nb_diags *d2 = nb_diags_new("t");
  const char *ok = "text: |\n  主动公开：19条\n  key：value\n  url:http://x\nnext: 1\n";
  r = nb_load_text(ok, strlen(ok), f->arena, d2, NULL);
  assert_non_null(r);
  assert_int_equal(nb_diags_count(d2), 0);
  assert_non_null(strstr(nb_node_cstr(nb_node_get(r, "text")), "key：value"));
  nb_diags_free(d2);
}

static void syntax_errors_are_translated(void **state)
{
  fixture *f = *state;
  assert_null(load(f, "a: [1, 2\nb: 3\n", NULL));
  const nb_diag *g = only_diag(f, "NB004");
  assert_non_null(strstr(g->message, "方括号"));
  assert_int_equal(g->line, 2);
}

static void unclosed_quote_points_at_its_start(void **state)
{
  fixture *f = *state;
  assert_null(load(f, "a: 1\nb: \"abc\nc: 2\n", NULL));
  const nb_diag *g = only_diag(f, "NB004");
  assert_int_equal(g->line, 2);
  assert_int_equal(g->col, 4);
}

static void empty_and_multiple_documents(void **state)
{
  fixture *f = *state;
  nb_node *r = load(f, "# only a comment\n", NULL);
  assert_non_null(r);
  assert_int_equal(r->kind, NB_NULL);
  assert_null(load(f, "a: 1\n---\nb: 2\n", NULL));
  only_diag(f, "NB011");
}

static void nul_bytes_are_refused(void **state)
{
  fixture *f = *state;
  assert_null(nb_load_text("a: 1\n\0\0", 7, f->arena, f->diags, NULL));
  only_diag(f, "NB003");
}

static void missing_file_is_an_io_error(void **state)
{
  fixture *f = *state;
  int io = 0;
  assert_null(nb_load_file("/nonexistent/x.yaml", f->arena, f->diags, NULL, &io));
  assert_int_equal(io, 1);
  only_diag(f, "NB001");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(positions_are_one_based, setup, teardown),
    cmocka_unit_test_setup_teardown(columns_count_characters, setup, teardown),
    cmocka_unit_test_setup_teardown(scalars_follow_yaml_1_2_core, setup, teardown),
    cmocka_unit_test_setup_teardown(duplicate_keys_are_reported, setup, teardown),
    cmocka_unit_test_setup_teardown(duplicate_keys_in_a_large_mapping, setup, teardown),
    cmocka_unit_test_setup_teardown(depth_is_limited, setup, teardown),
    cmocka_unit_test_setup_teardown(aliases_are_refused_unless_allowed, setup, teardown),
    cmocka_unit_test_setup_teardown(size_is_limited, setup, teardown),
    cmocka_unit_test_setup_teardown(bom_and_crlf_are_accepted, setup, teardown),
    cmocka_unit_test_setup_teardown(gb18030_is_decoded_with_a_warning, setup, teardown),
    cmocka_unit_test_setup_teardown(utf16_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(fullwidth_colon_is_explained, setup, teardown),
    cmocka_unit_test_setup_teardown(prose_may_contain_anything, setup, teardown),
    cmocka_unit_test_setup_teardown(syntax_errors_are_translated, setup, teardown),
    cmocka_unit_test_setup_teardown(unclosed_quote_points_at_its_start, setup, teardown),
    cmocka_unit_test_setup_teardown(empty_and_multiple_documents, setup, teardown),
    cmocka_unit_test_setup_teardown(nul_bytes_are_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(missing_file_is_an_io_error, setup, teardown),
  };
  return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}
