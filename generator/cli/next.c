/* nianbao next: the following year's data file, started from this year's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "author/author.h"
#include "core/io.h"
#include "core/load.h"
#include "core/node.h"
#include "core/paths.h"

const char nb_cli_next_help[] =
  "用法：nianbao next 本年度数据文件.yaml [-o 下一年度数据文件.yaml] [--force]\n"
  "\n"
  "用本年度的数据文件开始下一年度：年度加1；机关、联系方式等保持不变；\n"
  "表三“二、上年结转”填入本年度“四、结转下年度继续办理”的数字；\n"
  "表二的现行有效件数保留（再按下一年度的制发、废止件数修改）；其他数字都改为0；\n"
  "主动公开的类别保留，条数改为0；各部分文字清空，原文作为注释保留在上方\n"
  "（标明“上一年度内容，仅供参考：”），以免照搬往年文字；报告日期删除。\n"
  "注释、键的顺序和写法保持原样，两年的文件可以直接比较。\n"
  "\n"
  "选项：\n"
  "  -o 文件     输出文件，默认把文件名中的年度加1（如 2024.yaml → 2025.yaml），\n"
  "              文件名中没有年度时为“年度-机关名称.yaml”（写 - 表示输出到屏幕）\n"
  "  --force     输出文件已存在时覆盖它（默认不覆盖）\n"
  "\n"
  "退出码：0 已写出；1 本年度数据文件有错误（先用 nianbao lint 检查并改正）；2 用法错误或文件无法读写。\n";

/* The input's name with its year replaced by NEXT, or "<next>-<organ>.yaml" beside it. */
static char *default_output(const char *input, int next, const char *organ)
{
  char old[16], new_year[16];
  snprintf(old, sizeof old, "%d", next - 1);
  snprintf(new_year, sizeof new_year, "%d", next);
  const char *slash = strrchr(input, '/');
  const char *base = slash ? slash + 1 : input;
  const char *at = strstr(base, old);
  nb_buf b = NB_BUF_INIT;
  if (at) {
    nb_buf_put(&b, input, (size_t)(at - input));
    nb_buf_puts(&b, new_year);
    nb_buf_puts(&b, at + strlen(old));
  } else {
    char *name = nb_author_default_name(next, organ ? organ : "下一年度");
    nb_buf_put(&b, input, (size_t)(base - input));
    nb_buf_puts(&b, name);
    free(name);
  }
  return nb_buf_detach(&b);
}

int nb_cli_next(int argc, char **argv)
{
  cli_data_opts o = {NULL, NULL, 0};
  int rc = cli_parse_data_opts("next", nb_cli_next_help, argc, argv, &o);
  if (rc)
    return rc > 0 ? NB_EXIT_OK : NB_EXIT_USAGE;
  const char *input = o.input, *output = o.output;
  int force = o.force;
  if (!input) {
    fputs("nianbao next: 请给出本年度的数据文件。运行 nianbao help next 查看用法。\n", stderr);
    return NB_EXIT_USAGE;
  }
  nb_buf in = NB_BUF_INIT;
  nb_io_status st = nb_io_read(input, NB_LOAD_MAX_BYTES, &in);
  if (st != NB_IO_OK) {
    nb_cli_read_failed(stderr, "next", "", input, st);
    nb_buf_free(&in);
    return NB_EXIT_USAGE;
  }
  nb_diags *d = nb_diags_new(input);
  nb_schema *schema = nb_schema_load_builtin(d);
  nb_buf out = NB_BUF_INIT;
  int year = 0, exit_code = NB_EXIT_OK;
  if (!schema || nb_author_next(in.data ? in.data : "", in.len, schema, &out, d, &year) != 0) {
    nb_diags_print_text(d, stderr);
    fputs("nianbao next: 本年度数据文件有错误（见上），没有生成下一年度文件：有错误的数字"
          "（如表三加不平）会把可疑的结转数带进下一年度。请先改正（nianbao lint 可以检查）。\n",
          stderr);
    exit_code = schema ? NB_EXIT_INVALID : NB_EXIT_USAGE;
  } else {
    nb_arena *a = nb_arena_new();
    nb_diags *tmp = nb_diags_new(input);
    nb_node *root = nb_load_text(out.data, out.len, a, tmp, NULL);
    char *name = output ? NULL
                        : default_output(strcmp(input, "-") == 0 ? "下一年度.yaml" : input, year,
                                         nb_node_cstr(nb_node_path(root, "organ.name")));
    const char *target = output ? output : name;
    char *ref = nb_author_schema_of(&out);
    char *rebased = ref ? nb_paths_rebase(ref, input, target) : NULL;
    if (rebased)
      nb_author_set_schema(&out, rebased);
    free(rebased);
    free(ref);
    exit_code = nb_cli_write_data("next", target, out.data, out.len, force, input);
    if (exit_code == NB_EXIT_OK && strcmp(target, "-") != 0) {
      fprintf(stderr, "已写入%d年度的“%s”。填写新一年度的数字和文字后，运行 nianbao lint --previous %s %s 检查。\n",
              year, target, input, target);
    }
    free(name);
    nb_diags_free(tmp);
    nb_arena_free(a);
  }
  nb_buf_free(&out);
  nb_schema_free(schema);
  nb_diags_free(d);
  nb_buf_free(&in);
  return exit_code;
}
