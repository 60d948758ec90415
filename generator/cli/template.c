/* nianbao template: renders any Mustache template with any YAML data to standard output,
 * without the report's schema or checks; for template authors and for trying the engine. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/embed.h"
#include "render/sanitize.h"
#include "core/io.h"
#include "core/load.h"
#include "mustache/mustache.h"

#define MAX_TEMPLATE_BYTES ((size_t)1 << 20)
#define MAX_PARTIAL_DIRS 16

const char nb_cli_template_help[] =
  "用法：nianbao template 模板文件 [--data 数据文件] [--partials 目录]… [--escape 方式]\n"
  "\n"
  "用任意 YAML（或 JSON）数据渲染任意 Mustache 模板，结果写到标准输出。\n"
  "不检查数据是否符合年报格式，供编写和调试模板时使用。\n"
  "模板文件或数据文件写 - 表示从标准输入读取（两者不能都是 -）。\n"
  "模板文件不存在时，按文件名使用内置模板，例如 nianbao template report.md.mustache。\n"
  "\n"
  "选项：\n"
  "  --data 文件        模板使用的数据；省略时数据为空\n"
  "  --partials 目录    部分模板 {{> 名称}} 先在这些目录中按顺序查找文件“名称.mustache”，\n"
  "                     再在模板文件所在的目录、最后在内置模板中查找；可以写多次\n"
  "  --escape 方式      {{名称}} 的转义方式：html（默认，转义 & < > \" '）；\n"
  "                     md（Markdown 文字，与 nianbao render 生成 Markdown 时相同）；\n"
  "                     none（不转义）。{{{名称}}} 和 {{& 名称}} 总是不转义\n"
  "\n"
  "找不到部分模板，或部分模板名称含有“/”“\\”“:”“..”，都按错误处理。\n"
  "\n"
  "输出：模板有错误时，每个错误一行“文件:行:列: 错误[NB401] 说明”，下面是原文和提示。\n"
  "  NB401 区块没有结束标记      NB402 结束标记不匹配       NB403 标签没有闭合\n"
  "  NB404 分隔符设置标签有误    NB405 标签名称有误         NB406 找不到部分模板\n"
  "  NB407 部分模板名称不安全    NB408 嵌套过深或输出过大   NB409 部分模板无法读取\n"
  "\n"
  "退出码：\n"
  "  0  渲染成功\n"
  "  1  模板或数据文件有错误\n"
  "  2  用法错误，或文件无法读写\n";

typedef struct {
  const char *tpl;
  const char *data;
  const char *dirs[MAX_PARTIAL_DIRS];
  int ndirs;
  nb_mus_escape escape;
} tpl_opts;

static void escape_md(void *ud, nb_buf *out, const char *s, size_t n)
{
  (void)ud;
  nb_sanitize_md_text(s, n, out);
}

static void escape_none(void *ud, nb_buf *out, const char *s, size_t n)
{
  (void)ud;
  nb_buf_put(out, s, n);
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("nianbao template: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputs("运行 nianbao help template 查看用法。\n", stderr);
  va_end(ap);
  return -1;
}

static int parse_escape(tpl_opts *o, const char *how)
{
  if (strcmp(how, "html") == 0)
    o->escape = nb_mus_escape_html;
  else if (strcmp(how, "md") == 0)
    o->escape = escape_md;
  else if (strcmp(how, "none") == 0)
    o->escape = escape_none;
  else
    return usage_error("--escape 只能是 html、md 或 none，不能是“%s”。", how);
  return 0;
}

/* One option at ARGV[*I]; returns 0, 1 for --help, -1 on a usage error. */
static int parse_option(int argc, char **argv, int *i, tpl_opts *o)
{
  const char *a = argv[*i];
  int has_value = *i + 1 < argc;
  if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
    fputs(nb_cli_template_help, stdout);
    return 1;
  }
  if (strcmp(a, "--data") == 0 && has_value) {
    o->data = argv[++*i];
  } else if (strcmp(a, "--partials") == 0 && has_value) {
    if (o->ndirs == MAX_PARTIAL_DIRS)
      return usage_error("--partials 最多写 %d 次。", MAX_PARTIAL_DIRS);
    o->dirs[o->ndirs++] = argv[++*i];
  } else if (strcmp(a, "--escape") == 0 && has_value) {
    return parse_escape(o, argv[++*i]);
  } else if (strcmp(a, "--data") == 0 || strcmp(a, "--partials") == 0 ||
             strcmp(a, "--escape") == 0) {
    return usage_error("%s 后面缺少参数。", a);
  } else {
    return usage_error("不认识的选项“%s”。", a);
  }
  return 0;
}

static int parse_args(int argc, char **argv, tpl_opts *o)
{
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!only_files && strcmp(a, "--") == 0) {
      only_files = 1;
    } else if (!only_files && a[0] == '-' && a[1] != '\0') {
      int rc = parse_option(argc, argv, &i, o);
      if (rc)
        return rc;
    } else if (o->tpl) {
      return usage_error("只能给出一个模板文件，多出了“%s”。", a);
    } else {
      o->tpl = a;
    }
  }
  if (!o->tpl)
    return usage_error("请给出要渲染的模板文件。");
  if (o->data && strcmp(o->tpl, "-") == 0 && strcmp(o->data, "-") == 0)
    return usage_error("模板文件和数据文件不能都从标准输入读取。");
  return 0;
}

/* Reads the template into TEXT; a missing file named without a directory may be a built-in
 * template. Sets *DIR to the directory the file is in (caller frees), or NULL. */
static int read_template(const char *path, nb_buf *text, char **dir)
{
  nb_io_status st = nb_io_read(path, MAX_TEMPLATE_BYTES, text);
  const char *slash = strrchr(path, '/');
  *dir = NULL;
  if (st == NB_IO_OK) {
    if (strcmp(path, "-") != 0)
      *dir = slash ? nb_xstrndup(path, (size_t)(slash - path) + 1) : nb_xstrdup(".");
    return 0;
  }
  const nb_embedded_file *e = st == NB_IO_NOT_FOUND && !slash ? nb_embed_find(path) : NULL;
  if (e) {
    nb_buf_put(text, e->data, e->size);
    return 0;
  }
  nb_cli_read_failed(stderr, "template", "模板文件", path, st);
  return -1;
}

/* Loads the data file; returns the root, or NULL with *EXIT_CODE set. */
static const nb_node *load_data(const char *path, nb_arena *arena, int *exit_code)
{
  nb_diags *d = nb_diags_new(path);
  int io_error = 0;
  const nb_node *root = nb_load_file(path, arena, d, NULL, &io_error);
  if (nb_diags_count(d))
    nb_diags_print_text(d, stderr);
  if (!root || nb_diags_errors(d)) {
    *exit_code = io_error ? NB_EXIT_USAGE : NB_EXIT_INVALID;
    root = NULL;
  }
  nb_diags_free(d);
  return root;
}

static void print_error(const nb_mus_error *e)
{
  nb_diags *d = nb_mus_error_diags(e);
  nb_diags_print_text(d, stderr);
  nb_diags_free(d);
}

/* Parses and renders TEXT into OUT; returns an exit code. */
static int render_text(const tpl_opts *o, const nb_buf *text, const char *dir,
                       const nb_node *data, nb_buf *out)
{
  nb_mus_dirs *dirs = nb_mus_dirs_new(1);
  for (int i = 0; i < o->ndirs; i++)
    nb_mus_dirs_add(dirs, o->dirs[i]);
  if (dir)
    nb_mus_dirs_add(dirs, dir);
  nb_mus_opts opts = {nb_mus_dir_loader, dirs, 1, o->escape, NULL, 0};
  nb_mus_error err = NB_MUS_ERROR_INIT;
  const char *name = strcmp(o->tpl, "-") == 0 ? "标准输入" : o->tpl;
  nb_mus_tpl *t = nb_mus_parse(name, nb_buf_cstr(text), text->len, &err);
  int rc = t && nb_mus_render(t, data, &opts, out, &err) == 0 ? NB_EXIT_OK : NB_EXIT_INVALID;
  if (rc != NB_EXIT_OK)
    print_error(&err);
  nb_mus_error_free(&err);
  nb_mus_free(t);
  nb_mus_dirs_free(dirs);
  return rc;
}

int nb_cli_template(int argc, char **argv)
{
  tpl_opts o;
  memset(&o, 0, sizeof o);
  o.escape = nb_mus_escape_html;
  int rc = parse_args(argc, argv, &o);
  if (rc)
    return rc > 0 ? NB_EXIT_OK : NB_EXIT_USAGE;
  nb_buf text = NB_BUF_INIT, out = NB_BUF_INIT;
  nb_arena *arena = nb_arena_new();
  char *dir = NULL;
  const nb_node *data = NULL;
  rc = read_template(o.tpl, &text, &dir) != 0 ? NB_EXIT_USAGE : NB_EXIT_OK;
  if (rc == NB_EXIT_OK && o.data)
    data = load_data(o.data, arena, &rc);
  if (rc == NB_EXIT_OK)
    rc = render_text(&o, &text, dir, data, &out);
  if (rc == NB_EXIT_OK && (fwrite(nb_buf_cstr(&out), 1, out.len, stdout) != out.len ||
                           fflush(stdout) != 0 || ferror(stdout))) {
    fputs("nianbao template: 无法写出渲染结果\n", stderr);
    rc = NB_EXIT_USAGE;
  }
  free(dir);
  nb_buf_free(&text);
  nb_buf_free(&out);
  nb_arena_free(arena);
  return rc;
}
