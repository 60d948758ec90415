/* -j/--jobs, shared by the commands that work on many files. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

int nb_cli_parse_jobs(const char *cmd, const char *value, unsigned *jobs)
{
  char *end = NULL;
  long n = strtol(value, &end, 10);
  if (!end || *end || end == value || n < 1 || n > 256) {
    fprintf(stderr, "nianbao %s: -j 后面应是 1 到 256 之间的整数（同时处理的文件数），不能是“%s”\n",
            cmd, value);
    return -1;
  }
  *jobs = (unsigned)n;
  return 0;
}
