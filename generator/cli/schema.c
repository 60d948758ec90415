/* nianbao schema: prints the built-in JSON Schema of the data file. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/embed.h"

const char nb_cli_schema_help[] =
  "用法：nianbao schema\n"
  "\n"
  "输出内置的数据文件 JSON Schema（2021 年格式），供编辑器插件和其他工具使用，例如：\n"
  "  nianbao schema > report-2021.schema.json\n"
  "\n"
  "退出码：0 成功；2 无法输出。\n";

int nb_cli_schema(int argc, char **argv)
{
  if (argc > 1) {
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
      fputs(nb_cli_schema_help, stdout);
      return NB_EXIT_OK;
    }
    fprintf(stderr, "nianbao schema: 不需要参数（收到“%s”）\n", argv[1]);
    return NB_EXIT_USAGE;
  }
  const nb_embedded_file *f = nb_embed_find("report-2021.schema.json");
  if (!f || fwrite(f->data, 1, f->size, stdout) != f->size || fflush(stdout) != 0) {
    fputs("nianbao schema: 无法输出模式文件\n", stderr);
    return NB_EXIT_USAGE;
  }
  return NB_EXIT_OK;
}
