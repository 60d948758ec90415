/* nianbao init: a new, complete data file for one organ and year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "author/author.h"
#include "core/paths.h"

const char nb_cli_init_help[] =
  "用法：nianbao init --organ 机关全称 --level 层级 --year 年度 [-o 文件] [--force]\n"
  "\n"
  "新建一份年度报告数据文件：每一项都已列出，数字都是0，文字部分是空的，\n"
  "每个文字部分上面的注释说明格式要求写什么。写好后运行 nianbao lint 检查。\n"
  "\n"
  "选项：\n"
  "  --organ 名称   机关全称，如“瓦窑沟乡人民政府”\n"
  "  --level 层级   乡镇、街道、县级人民政府、县级部门、市级人民政府、市级部门、\n"
  "                 省级人民政府、省级部门、其他\n"
  "  --year 年度    报告统计的年度，如 2025\n"
  "  -o 文件        输出文件，默认为当前目录下的“年度-机关名称.yaml”（写 - 表示输出到屏幕）\n"
  "  --force        输出文件已存在时覆盖它（默认不覆盖）\n"
  "\n"
  "退出码：0 已写出；1 参数的内容不对（如层级不在可选范围内）；2 用法错误或文件无法写入。\n";

typedef struct {
  const char *organ, *level, *year, *output;
  int force;
} init_opts;

enum { OPT_ORGAN, OPT_LEVEL, OPT_YEAR, OPT_OUTPUT, OPT_FORCE };

static const cli_opt init_options[] = {
  {"--organ", 1, OPT_ORGAN}, {"--level", 1, OPT_LEVEL}, {"--year", 1, OPT_YEAR},
  {"-o", 1, OPT_OUTPUT},     {"--force", 0, OPT_FORCE}, {NULL, 0, 0},
};

static int set_option(void *ctx, int id, const char *value)
{
  init_opts *o = ctx;
  switch (id) {
  case OPT_ORGAN: o->organ = value; break;
  case OPT_LEVEL: o->level = value; break;
  case OPT_YEAR: o->year = value; break;
  case OPT_OUTPUT: o->output = value; break;
  default: o->force = 1; break;
  }
  return 0;
}

static int parse_args(int argc, char **argv, init_opts *o)
{
  static const cli_spec spec = {"init", nb_cli_init_help, init_options, 1, 0, set_option};
  size_t none = 0;
  int rc = cli_parse(&spec, argc, argv, o, NULL, &none);
  if (rc <= 0)
    return rc == 0 ? 1 : -1;
  if (!o->organ || !o->level || !o->year) {
    fputs("nianbao init: 请给出 --organ、--level 和 --year。运行 nianbao help init 查看用法。\n",
          stderr);
    return -1;
  }
  return 0;
}

int nb_cli_init(int argc, char **argv)
{
  init_opts o = {NULL, NULL, NULL, NULL, 0};
  int rc = parse_args(argc, argv, &o);
  if (rc)
    return rc > 0 ? NB_EXIT_OK : NB_EXIT_USAGE;
  char *end = NULL;
  long year = strtol(o.year, &end, 10);
  if (!*o.year || *end || year < 0 || year > 9999) {
    fprintf(stderr, "nianbao init: --year 应是四位数的年度，如 2025，不能是“%s”\n", o.year);
    return NB_EXIT_USAGE;
  }
  nb_diags *d = nb_diags_new("nianbao init");
  nb_schema *schema = nb_schema_load_builtin(d);
  nb_buf out = NB_BUF_INIT;
  int exit_code = NB_EXIT_OK;
  if (!schema || nb_author_init(schema, o.organ, o.level, (int)year, &out, d) != 0) {
    nb_diags_print_text(d, stderr);
    exit_code = schema ? NB_EXIT_INVALID : NB_EXIT_USAGE;
  } else {
    char *name = o.output ? NULL : nb_author_default_name((int)year, o.organ);
    const char *target = o.output ? o.output : name;
    char *modeline = nb_paths_schema_ref(target);
    if (modeline)
      nb_author_set_schema(&out, modeline);
    free(modeline);
    exit_code = nb_cli_write_data("init", target, out.data, out.len, o.force, NULL);
    if (exit_code == NB_EXIT_OK && strcmp(target, "-") != 0) {
      fprintf(stderr, "已写入“%s”。按注释填写各部分后，运行 nianbao lint %s 检查。\n", target,
              target);
    }
    free(name);
  }
  nb_buf_free(&out);
  nb_schema_free(schema);
  nb_diags_free(d);
  return exit_code;
}
