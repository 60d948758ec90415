/* Unit tests of the Mustache engine beyond the specification: error codes, positions and
 * messages, partial names that would leave the template directories, the depth limits, the
 * directory loader's search order, value formatting, and pathological templates that must
 * fail fast without crashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"

#include "core/embed.h"
#include "core/load.h"
#include "mustache/mustache.h"

/* ---- helpers ---- */

/* Partials given as a NULL-terminated list of name, text pairs. */
static nb_mus_status list_loader(void *ud, const char *name, nb_mus_source *out)
{
  const char *const *p = ud;
  for (; p && p[0]; p += 2) {
    if (strcmp(p[0], name) == 0) {
      out->text = p[1];
      out->len = strlen(p[1]);
      out->origin = p[0];
      return NB_MUS_FOUND;
    }
  }
  return NB_MUS_NOT_FOUND;
}

typedef struct {
  nb_arena *arena;
  nb_node *data;
} data_doc;

static data_doc load_yaml(const char *yaml)
{
  data_doc d;
  d.arena = nb_arena_new();
  nb_diags *diags = nb_diags_new("data.yaml");
  d.data = nb_load_text(yaml, strlen(yaml), d.arena, diags, NULL);
  assert_non_null(d.data);
  assert_int_equal(nb_diags_errors(diags), 0);
  nb_diags_free(diags);
  return d;
}

/* Renders TEXT with YAML data and PARTIALS; returns the output (caller frees) or NULL with
 * ERR filled in. */
static char *render_opts(const char *text, const char *yaml, const nb_mus_opts *opts,
                         nb_mus_error *err)
{
  data_doc d = load_yaml(yaml ? yaml : "{}");
  nb_buf out = NB_BUF_INIT;
  char *result = NULL;
  nb_mus_tpl *t = nb_mus_parse("t.mustache", text, strlen(text), err);
  if (t && nb_mus_render(t, d.data, opts, &out, err) == 0)
    result = nb_buf_detach(&out);
  nb_buf_free(&out);
  nb_mus_free(t);
  nb_arena_free(d.arena);
  return result;
}

static char *render(const char *text, const char *yaml, const char *const *partials,
                    nb_mus_error *err)
{
  nb_mus_opts opts = {list_loader, (void *)(uintptr_t)partials, 1, NULL, NULL, 0};
  return render_opts(text, yaml, &opts, err);
}

static void expect_output(const char *text, const char *yaml, const char *expected)
{
  nb_mus_error err = NB_MUS_ERROR_INIT;
  char *out = render(text, yaml, NULL, &err);
  if (!out)
    fail_msg("%s: %s", err.code, err.message);
  assert_string_equal(out, expected);
  free(out);
  nb_mus_error_free(&err);
}

/* Renders TEXT expecting error CODE at LINE:COL whose "模板 FILE:L:C: …" form contains
 * MESSAGE (when not NULL). */
static void expect_error_in(const char *text, const char *yaml, const char *const *partials,
                            const char *code, uint32_t line, uint32_t col, const char *message)
{
  nb_mus_error err = NB_MUS_ERROR_INIT;
  char *out = render(text, yaml, partials, &err);
  if (out)
    fail_msg("expected %s, rendered \"%s\"", code, out);
  assert_string_equal(err.code, code);
  assert_int_equal(err.line, line);
  assert_int_equal(err.col, col);
  if (message) {
    nb_buf b = NB_BUF_INIT;
    nb_mus_error_format(&err, &b);
    if (!strstr(nb_buf_cstr(&b), message))
      fail_msg("\"%s\" does not contain \"%s\"", nb_buf_cstr(&b), message);
    nb_buf_free(&b);
  }
  nb_mus_error_free(&err);
}

static void expect_error(const char *text, const char *code, uint32_t line, uint32_t col,
                         const char *message)
{
  expect_error_in(text, NULL, NULL, code, line, col, message);
}

/* ---- parse errors ---- */

static void test_unclosed_section(void **state)
{
  (void)state;
  expect_error("标题\n  {{#items}}\n  - {{name}}\n", "NB401", 2, 3,
               "模板 t.mustache:2:3: 区块 {{#items}} 没有结束标记 {{/items}}");
  expect_error("{{#a}}{{^b}}{{/b}}", "NB401", 1, 1, "{{/a}}");
  expect_error("{{<p}}{{$b}}", "NB401", 1, 7, "{{$b}}");
}

static void test_mismatched_end(void **state)
{
  (void)state;
  expect_error("{{#a}}\n{{#b}}\n{{/a}}", "NB402", 3, 1,
               "结束标记 {{/a}} 与开始标记 {{#b}}（第 2 行第 1 列）不匹配");
  expect_error("文字{{/a}}", "NB402", 1, 3, "{{/a}} 前面没有对应的开始标记");
  nb_mus_error err = NB_MUS_ERROR_INIT;
  assert_null(nb_mus_parse("x", "{{#a}}{{/b}}", 12, &err));
  assert_non_null(err.hint);
  assert_non_null(strstr(err.hint, "{{/a}}"));
  nb_mus_error_free(&err);
}

static void test_unclosed_tag(void **state)
{
  (void)state;
  /* columns count characters, not bytes */
  expect_error("ab\n中文{{name\n", "NB403", 2, 3, "找不到 }}");
  expect_error("{{{name}}", "NB403", 1, 1, "}}}");
  expect_error("{{=<% %>=}}<%name", "NB403", 1, 12, "%>");
}

static void test_bad_delimiters(void **state)
{
  (void)state;
  expect_error("x\n{{=<% %>}}", "NB404", 2, 1, "分隔符设置标签 {{=<% %>}}");
  expect_error("{{= a b c =}}", "NB404", 1, 1, NULL);
  expect_error("{{= a =}}", "NB404", 1, 1, NULL);
  expect_error("{{= a= b =}}", "NB404", 1, 1, NULL);
}

static void test_bad_names(void **state)
{
  (void)state;
  expect_error("{{}}", "NB405", 1, 1, "缺少名称");
  expect_error("{{# }}{{/ }}", "NB405", 1, 1, NULL);
  expect_error("x {{a b}}", "NB405", 1, 3, "“a b”");
  expect_error("{{>}}", "NB405", 1, 1, NULL);
}

static void test_error_diags(void **state)
{
  (void)state;
  nb_mus_error err = NB_MUS_ERROR_INIT;
  assert_null(nb_mus_parse("report.md.mustache", "a\n{{#x}}", 8, &err));
  nb_diags *d = nb_mus_error_diags(&err);
  assert_int_equal(nb_diags_errors(d), 1);
  const nb_diag *g = nb_diags_get(d, 0);
  assert_string_equal(g->code, "NB401");
  assert_int_equal(g->line, 2);
  assert_int_equal(g->col, 1);
  assert_string_equal(nb_diags_filename(d), "report.md.mustache");
  nb_diags_free(d);
  nb_mus_error_free(&err);
  nb_mus_error_free(&err); /* a freed error can be freed again */
  nb_mus_error_free(NULL);
  nb_mus_free(NULL);
  nb_mus_dirs_free(NULL);
}

/* ---- partials ---- */

static void test_missing_partial(void **state)
{
  (void)state;
  expect_error("一\n  {{> nothing}}", "NB406", 2, 3, "找不到部分模板“nothing”");
  /* the specification's behaviour: nothing */
  nb_mus_error err = NB_MUS_ERROR_INIT;
  nb_mus_opts opts = {list_loader, NULL, 0, NULL, NULL, 0};
  char *out = render_opts("[{{>nothing}}]", NULL, &opts, &err);
  assert_string_equal(out, "[]");
  free(out);
  out = render_opts("[{{>nothing}}]", NULL, NULL, &err);
  assert_string_equal(out, "[]");
  free(out);
}

static void test_error_in_partial(void **state)
{
  (void)state;
  static const char *const partials[] = {"row", "ok\n{{#x}}", NULL};
  nb_mus_error err = NB_MUS_ERROR_INIT;
  assert_null(render("{{>row}}", NULL, partials, &err));
  assert_string_equal(err.code, "NB401");
  assert_string_equal(err.file, "row");
  assert_int_equal(err.line, 2);
  nb_mus_error_free(&err);
}

static void test_partial_escapes(void **state)
{
  (void)state;
  char dir[] = "/tmp/nb-mus-XXXXXX";
  assert_non_null(mkdtemp(dir));
  nb_mus_dirs *dirs = nb_mus_dirs_new(0);
  nb_mus_dirs_add(dirs, dir);
  nb_mus_opts opts = {nb_mus_dir_loader, dirs, 1, NULL, NULL, 0};
  static const char *const bad[] = {
    "{{> ../etc/passwd}}", "{{>/etc/passwd}}", "{{>sub/x}}", "{{>a\\b}}", "{{>C:x}}",
    "{{>..}}", "{{<../p}}{{/../p}}", "{{>*where}}",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    nb_mus_error err = NB_MUS_ERROR_INIT;
    char *out = render_opts(bad[i], "where: ../../secret", &opts, &err);
    if (out)
      fail_msg("%s rendered \"%s\"", bad[i], out);
    assert_string_equal(err.code, "NB407");
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 1);
    nb_mus_error_free(&err);
  }
  nb_mus_status st;
  nb_mus_source src;
  st = nb_mus_dir_loader(dirs, "", &src);
  assert_int_equal(st, NB_MUS_BAD_NAME);
  nb_mus_dirs_free(dirs);
  rmdir(dir);
}

static void test_depth_limit(void **state)
{
  (void)state;
  static const char *const loop[] = {"loop", "x{{>loop}}", NULL};
  expect_error_in("{{>loop}}", NULL, loop, "NB408", 1, 2, "嵌套过深");
  /* exponential: each level includes itself twice; must stop at the first deep path */
  static const char *const twice[] = {"t", "{{>t}}{{>t}}", NULL};
  expect_error_in("{{>t}}", NULL, twice, "NB408", 1, 1, NULL);
  /* an override that contains its own block */
  static const char *const parent[] = {"p", "{{$a}}{{/a}}", NULL};
  expect_error_in("{{<p}}{{$a}}[{{$a}}{{/a}}]{{/a}}{{/p}}", NULL, parent, "NB408", 1, 14, NULL);
  /* recursion bounded by the data is fine */
  static const char *const tree[] = {"node", "{{n}}({{#kids}}{{>node}}{{/kids}})", NULL};
  nb_mus_error err = NB_MUS_ERROR_INIT;
  char *out = render("{{>node}}", "{n: 1, kids: [{n: 2, kids: [{n: 3, kids: []}]}, {n: 4, kids: []}]}",
                     tree, &err);
  assert_string_equal(out, "1(2(3())4())");
  free(out);
}

/* ---- the directory loader ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

static void remove_file(const char *dir, const char *name)
{
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  remove(path);
}

/* The first built-in template, or NULL. */
static const nb_embedded_file *builtin_template(void)
{
  for (const nb_embedded_file *f = nb_embedded_files; f->name; f++) {
    size_t n = strlen(f->name);
    if (n > 9 && strcmp(f->name + n - 9, ".mustache") == 0)
      return f;
  }
  return NULL;
}

static void test_dir_order(void **state)
{
  (void)state;
  char d1[] = "/tmp/nb-mus-XXXXXX", d2[] = "/tmp/nb-mus-XXXXXX";
  assert_non_null(mkdtemp(d1));
  assert_non_null(mkdtemp(d2));
  write_file(d1, "both.mustache", "one");
  write_file(d2, "both.mustache", "two");
  write_file(d2, "second.mustache", "2nd");
  write_file(d2, "x.md.mustache", "md");
  char sub[600];
  snprintf(sub, sizeof sub, "%s/dir.mustache", d1);
  assert_int_equal(mkdir(sub, 0700), 0);

  nb_mus_dirs *dirs = nb_mus_dirs_new(1);
  nb_mus_dirs_add(dirs, d1);
  nb_mus_dirs_add(dirs, d2);
  nb_mus_source src;
  assert_int_equal(nb_mus_dir_loader(dirs, "both", &src), NB_MUS_FOUND);
  assert_int_equal(src.len, 3);
  assert_memory_equal(src.text, "one", 3);
  assert_non_null(strstr(src.origin, d1));
  assert_int_equal(nb_mus_dir_loader(dirs, "second", &src), NB_MUS_FOUND);
  assert_memory_equal(src.text, "2nd", 3);
  assert_int_equal(nb_mus_dir_loader(dirs, "x.md", &src), NB_MUS_FOUND);
  assert_int_equal(nb_mus_dir_loader(dirs, "x.md.mustache", &src), NB_MUS_FOUND);
  assert_memory_equal(src.text, "md", 2);
  assert_int_equal(nb_mus_dir_loader(dirs, "none", &src), NB_MUS_NOT_FOUND);
  assert_int_equal(nb_mus_dir_loader(dirs, "dir", &src), NB_MUS_IO_ERROR);
  assert_non_null(src.why);

  /* a partial that cannot be read is an error at the tag */
  nb_mus_opts opts = {nb_mus_dir_loader, dirs, 1, NULL, NULL, 0};
  nb_mus_error err = NB_MUS_ERROR_INIT;
  assert_null(render_opts("a {{>dir}}", NULL, &opts, &err));
  assert_string_equal(err.code, "NB409");
  assert_int_equal(err.col, 3);
  nb_mus_error_free(&err);
  char *out = render_opts("{{>both}}/{{>second}}", NULL, &opts, &err);
  assert_string_equal(out, "one/2nd");
  free(out);

  /* built-in templates come last: a file in a directory overrides them */
  const nb_embedded_file *b = builtin_template();
  if (b) {
    assert_int_equal(nb_mus_dir_loader(dirs, b->name, &src), NB_MUS_FOUND);
    assert_ptr_equal(src.text, (const char *)b->data);
    write_file(d2, b->name, "mine");
    assert_int_equal(nb_mus_dir_loader(dirs, b->name, &src), NB_MUS_FOUND);
    assert_memory_equal(src.text, "mine", 4);
    remove_file(d2, b->name);
    nb_mus_dirs *only = nb_mus_dirs_new(0);
    assert_int_equal(nb_mus_dir_loader(only, b->name, &src), NB_MUS_NOT_FOUND);
    nb_mus_dirs_free(only);
  }
  nb_mus_dirs_free(dirs);
  rmdir(sub);
  remove_file(d1, "both.mustache");
  remove_file(d2, "both.mustache");
  remove_file(d2, "second.mustache");
  remove_file(d2, "x.md.mustache");
  rmdir(d1);
  rmdir(d2);
}

/* ---- values and options ---- */

static void test_values(void **state)
{
  (void)state;
  expect_output("{{a}} {{b}} {{c}} {{d}} {{e}} [{{f}}] [{{g}}] [{{h}}]",
                "{a: 12, b: 1.50, c: true, d: false, e: 'x''y', f: null, g: [1], h: {k: 1}}",
                "12 1.5 true false x&#39;y [] [] []");
  expect_output("{{#zero}}0 is truthy{{/zero}}{{#empty}}, so is ''{{/empty}}",
                "{zero: 0, empty: ''}", "0 is truthy, so is ''");
  expect_output("{{#m}}{{k}}{{/m}}{{^l}}empty{{/l}}", "{m: {}, l: []}", "empty");
  expect_output("{{中文.名称}}", "{中文: {名称: 值}}", "值");
  expect_output("<{{x}}>", "{x: '<&>\"'}", "<&lt;&amp;&gt;&quot;>");
  expect_output("\xEF\xBB\xBF{{x}}", "x: 1", "1");
}

static void md_escape(void *ud, nb_buf *out, const char *s, size_t n)
{
  nb_buf_puts(out, ud);
  nb_buf_put(out, s, n);
}

static void test_options(void **state)
{
  (void)state;
  nb_mus_opts opts = {NULL, NULL, 0, md_escape, (void *)(uintptr_t)"\\", 0};
  nb_mus_error err = NB_MUS_ERROR_INIT;
  char *out = render_opts("{{x}} {{{x}}}", "x: '*'", &opts, &err);
  assert_string_equal(out, "\\* *");
  free(out);
  /* no context at all */
  static const char text[] = "[{{x}}{{#x}}y{{/x}}{{^x}}n{{/x}}]";
  nb_mus_tpl *t = nb_mus_parse("t", text, sizeof text - 1, &err);
  assert_non_null(t);
  nb_buf b = NB_BUF_INIT;
  assert_int_equal(nb_mus_render(t, NULL, NULL, &b, NULL), 0);
  assert_string_equal(nb_buf_cstr(&b), "[n]");
  /* a template is reusable */
  assert_int_equal(nb_mus_render(t, NULL, NULL, &b, NULL), 0);
  assert_string_equal(nb_buf_cstr(&b), "[n][n]");
  assert_string_equal(nb_mus_name(t), "t");
  nb_buf_free(&b);
  nb_mus_free(t);
  /* output limit */
  nb_mus_opts small = {NULL, NULL, 0, NULL, NULL, 10};
  assert_null(render_opts("{{#l}}{{#l}}xxxx{{/l}}{{/l}}", "l: [1, 2, 3]", &small, &err));
  assert_string_equal(err.code, "NB408");
  nb_mus_error_free(&err);
}

static void test_indentation(void **state)
{
  (void)state;
  static const char *const partials[] = {"p", "a\n\nb\n", NULL};
  nb_mus_error err = NB_MUS_ERROR_INIT;
  /* empty lines of an indented partial get no trailing spaces */
  char *out = render("x\n  {{>p}}\ny\n", NULL, partials, &err);
  assert_string_equal(out, "x\n  a\n\n  b\ny\n");
  free(out);
}

/* ---- pathological input ---- */

static void test_deep_nesting(void **state)
{
  (void)state;
  nb_buf b = NB_BUF_INIT;
  for (int i = 0; i < 10000; i++)
    nb_buf_puts(&b, "{{#a}}");
  for (int i = 0; i < 10000; i++)
    nb_buf_puts(&b, "{{/a}}");
  nb_mus_error err = NB_MUS_ERROR_INIT;
  assert_null(nb_mus_parse("deep", b.data, b.len, &err));
  assert_string_equal(err.code, "NB408");
  assert_int_equal(err.col, 1 + 6 * NB_MUS_MAX_NEST);
  nb_mus_error_free(&err);
  nb_buf_clear(&b);
  /* the deepest nesting allowed renders */
  for (unsigned i = 0; i < NB_MUS_MAX_NEST; i++)
    nb_buf_puts(&b, "{{#a}}");
  nb_buf_puts(&b, "x");
  for (unsigned i = 0; i < NB_MUS_MAX_NEST; i++)
    nb_buf_puts(&b, "{{/a}}");
  char *out = render(b.data, "a: {}", NULL, &err);
  assert_string_equal(out, "x");
  free(out);
  nb_buf_free(&b);
}

static void test_huge_input(void **state)
{
  (void)state;
  nb_buf b = NB_BUF_INIT;
  /* many opening delimiters that never close */
  for (int i = 0; i < 100000; i++)
    nb_buf_puts(&b, "{{");
  nb_mus_error err = NB_MUS_ERROR_INIT;
  assert_null(nb_mus_parse("open", b.data, b.len, &err));
  assert_string_equal(err.code, "NB403");
  nb_mus_error_free(&err);
  /* 4 MB of text and tags */
  nb_buf_clear(&b);
  for (int i = 0; i < 100000; i++)
    nb_buf_puts(&b, "第 {{n}} 行 {{#s}}<{{.}}>{{/s}} {{! note }}\n");
  nb_buf_puts(&b, "end");
  char *out = render(b.data, "{n: 7, s: [a]}", NULL, &err);
  assert_non_null(out);
  assert_int_equal(strlen(out), 100000 * strlen("第 7 行 <a> \n") + 3);
  free(out);
  /* a very long name and a very long line */
  nb_buf_clear(&b);
  nb_buf_puts(&b, "{{");
  for (int i = 0; i < 100000; i++)
    nb_buf_putc(&b, 'a');
  nb_buf_puts(&b, "}}");
  out = render(b.data, NULL, NULL, &err);
  assert_string_equal(out, "");
  free(out);
  nb_buf_free(&b);
}

/* Random templates built from tag fragments: each must parse or fail with a code, and
 * render or fail with a code, without crashing (run under the sanitizers and valgrind). */
static void test_random_templates(void **state)
{
  (void)state;
  static const char *const frags[] = {
    "{{", "}}", "{{{", "}}}", "#", "^", "/", "!", ">", "<", "$", "&", "=", "*", ".", " ",
    "\n", "\r\n", "\t", "a", "x", "p", "e", "n", "{{#a}}", "{{/a}}", "{{>p}}", "{{<p}}",
    "{{/p}}", "{{$b}}", "{{/b}}", "{{=<% %>=}}", "<%", "%>", "{{x}}", "{{.}}", "{{>*s}}",
  };
  static const char *const partials[] = {"p", "[{{x}}{{$b}}d{{/b}}\n  {{>q}}]\n", "q",
                                         "{{#a}}{{.}}{{/a}}\n", NULL};
  data_doc d = load_yaml("{a: [1, {x: 2}], x: '<&>', e: [], n: null, s: p, b: true}");
  nb_mus_opts opts = {list_loader, (void *)(uintptr_t)partials, 1, NULL, NULL, 1 << 16};
  uint32_t seed = 12345;
  unsigned parsed = 0, rendered = 0;
  nb_buf text = NB_BUF_INIT, out = NB_BUF_INIT;
  for (int i = 0; i < 20000; i++) {
    nb_buf_clear(&text);
    seed = seed * 1103515245u + 12345u;
    int n = (int)(seed >> 16) % 40;
    size_t first = i % 2 ? 16 : 0; /* odd rounds: whole tags, text and newlines only */
    for (int j = 0; j < n; j++) {
      seed = seed * 1103515245u + 12345u;
      nb_buf_puts(&text, frags[first + (seed >> 16) % (sizeof frags / sizeof frags[0] - first)]);
    }
    nb_mus_error err = NB_MUS_ERROR_INIT;
    nb_mus_tpl *t = nb_mus_parse("r", nb_buf_cstr(&text), text.len, &err);
    if (t) {
      parsed++;
      nb_buf_clear(&out);
      if (nb_mus_render(t, d.data, &opts, &out, &err) == 0)
        rendered++;
      else
        assert_true(err.code[0] != '\0');
    } else {
      assert_true(err.code[0] != '\0');
      assert_true(err.line >= 1 && err.col >= 1);
    }
    nb_mus_free(t);
    nb_mus_error_free(&err);
  }
  printf("random templates: %u of 20000 parsed, %u rendered\n", parsed, rendered);
  assert_true(rendered > 0);
  nb_buf_free(&text);
  nb_buf_free(&out);
  nb_arena_free(d.arena);
}

/* One parsed template renders the same output every time (its state is not consumed). How
 * fast it renders is measured by tests/bench/bench.sh, not here. */
static void test_repeated_render(void **state)
{
  (void)state;
  static const char text[] =
    "# {{title}}\n\n{{#rows}}\n| {{name}} | {{count}} | {{#ok}}是{{/ok}}{{^ok}}否{{/ok}} |\n"
    "{{/rows}}\n{{> foot}}\n";
  static const char *const partials[] = {"foot", "—— {{title}} ——\n", NULL};
  data_doc d = load_yaml("title: 年报\nrows:\n"
                         "  - {name: 一, count: 1, ok: true}\n  - {name: 二, count: 2, ok: false}\n"
                         "  - {name: 三, count: 3, ok: true}\n  - {name: 四, count: 4}\n");
  nb_mus_error err = NB_MUS_ERROR_INIT;
  nb_mus_tpl *t = nb_mus_parse("speed", text, sizeof text - 1, &err);
  assert_non_null(t);
  nb_mus_opts opts = {list_loader, (void *)(uintptr_t)partials, 1, NULL, NULL, 0};
  nb_buf out = NB_BUF_INIT, first = NB_BUF_INIT;
  for (int i = 0; i < 100; i++) {
    nb_buf_clear(&out);
    assert_int_equal(nb_mus_render(t, d.data, &opts, &out, &err), 0);
    if (i == 0)
      nb_buf_put(&first, out.data, out.len);
    assert_string_equal(nb_buf_cstr(&out), nb_buf_cstr(&first));
  }
  assert_non_null(strstr(nb_buf_cstr(&out), "| 四 | 4 | 否 |\n—— 年报 ——\n"));
  nb_buf_free(&first);
  nb_buf_free(&out);
  nb_mus_free(t);
  nb_arena_free(d.arena);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_unclosed_section),
    cmocka_unit_test(test_mismatched_end),
    cmocka_unit_test(test_unclosed_tag),
    cmocka_unit_test(test_bad_delimiters),
    cmocka_unit_test(test_bad_names),
    cmocka_unit_test(test_error_diags),
    cmocka_unit_test(test_missing_partial),
    cmocka_unit_test(test_error_in_partial),
    cmocka_unit_test(test_partial_escapes),
    cmocka_unit_test(test_depth_limit),
    cmocka_unit_test(test_dir_order),
    cmocka_unit_test(test_values),
    cmocka_unit_test(test_options),
    cmocka_unit_test(test_indentation),
    cmocka_unit_test(test_deep_nesting),
    cmocka_unit_test(test_huge_input),
    cmocka_unit_test(test_random_templates),
    cmocka_unit_test(test_repeated_render),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
