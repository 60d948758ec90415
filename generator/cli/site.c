/* nianbao site: placeholder until the publication site lands. */
#include <stdio.h>

#include "cli/cli.h"

const char nb_cli_site_help[] = "用法：nianbao site 文件或文件夹… -o 目录\n";

int nb_cli_site(int argc, char **argv)
{
  (void)argc, (void)argv;
  fputs("nianbao site: 尚未实现\n", stderr);
  return NB_EXIT_USAGE;
}
