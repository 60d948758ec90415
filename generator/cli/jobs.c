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
  if (nb_io_same_content(path, data, len)) {
    printf("未变化 %s\n", path);
    return 0;
  }
  if (nb_io_write_atomic(path, data, len) != 0) {
    fprintf(stderr, "nianbao %s: 无法写入 %s：%s\n", cmd, path, nb_io_errno_text(errno));
    return -1;
  }
  printf("已生成 %s\n", path);
  return 0;
}
