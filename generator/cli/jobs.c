/* What the commands that work on many files share: -j/--jobs, writing an output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/io.h"

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

int nb_cli_write_output(const char *cmd, const char *path, const char *data, size_t len)
{
  nb_buf said = NB_BUF_INIT;
  int rc = nb_cli_output(cmd, path, data, len, &said, stderr);
  fputs(nb_buf_cstr(&said), stdout);
  nb_buf_free(&said);
  return rc;
}
