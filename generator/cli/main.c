/* nianbao: command-line entry. Parses the command word and hands the rest to the command
 * (generator/cli_*.c); all work is done by the library. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const nb_cli_command commands[] = {
  {"lint", nb_cli_lint, "检查数据文件是否符合国家格式和勾稽关系", nb_cli_lint_help},
  {"render", nb_cli_render, "检查数据文件并生成年度报告（PDF、网页、Markdown、JSON）", nb_cli_render_help},
  {"summary", nb_cli_summary, "汇总一个地区各机关的报告：网页、Excel 表格、CSV、JSON 和汇总数据文件", nb_cli_summary_help},
  {"site", nb_cli_site, "生成政府网站“年报专栏”：各年度、各机关的报告网页和下载文件", nb_cli_site_help},
  {"init", nb_cli_init, "新建一份年度报告数据文件（数字为0，文字待填写）", nb_cli_init_help},
  {"next", nb_cli_next, "用本年度数据文件开始下一年度（结转数字，清空文字）", nb_cli_next_help},
  {"import", nb_cli_import, "把已发布的年度报告文本转成数据文件", nb_cli_import_help},
  {"template", nb_cli_template, "用任意 YAML 数据渲染任意 Mustache 模板（供编写模板时试用）", nb_cli_template_help},
  {"schema", nb_cli_schema, "输出数据文件的 JSON Schema（供编辑器和其他工具使用）", nb_cli_schema_help},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const nb_cli_command *find(const char *name)
{
  for (size_t i = 0; i < N_COMMANDS; i++)
    if (strcmp(commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static int usage(FILE *out)
{
  fputs("nianbao " NB_VERSION " —— 政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）\n"
        "\n"
        "用法：nianbao 命令 [选项] 文件…\n"
        "\n"
        "命令：\n", out);
  for (size_t i = 0; i < N_COMMANDS; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fputs("\n"
        "  nianbao help 命令     查看某个命令的详细用法\n"
        "  nianbao --version     显示版本\n"
        "\n"
        "退出码：0 没有错误；1 数据文件有错误；2 用法错误或文件无法读写。\n", out);
  return ferror(out) ? NB_EXIT_USAGE : NB_EXIT_OK;
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    usage(stderr);
    return NB_EXIT_USAGE;
  }
  const char *word = argv[1];
  if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0)
    return usage(stdout);
  if (strcmp(word, "--version") == 0 || strcmp(word, "-V") == 0) {
    puts("nianbao " NB_VERSION);
    return NB_EXIT_OK;
  }
  if (strcmp(word, "help") == 0) {
    if (argc < 3)
      return usage(stdout);
    const nb_cli_command *c = find(argv[2]);
    if (!c) {
      fprintf(stderr, "nianbao: 没有“%s”这个命令。运行 nianbao --help 查看所有命令。\n", argv[2]);
      return NB_EXIT_USAGE;
    }
    fputs(c->help, stdout);
    return NB_EXIT_OK;
  }
  const nb_cli_command *c = find(word);
  if (!c) {
    fprintf(stderr, "nianbao: 没有“%s”这个命令。运行 nianbao --help 查看所有命令。\n", word);
    return NB_EXIT_USAGE;
  }
  return c->run(argc - 1, argv + 1);
}
