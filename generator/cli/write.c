/* Writing outputs and data files, and the one set of messages about reading and writing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "author/author.h"
#include "core/io.h"

void nb_cli_read_failed(FILE *err, const char *cmd, const char *what, const char *path,
                        nb_io_status st)
{
  fprintf(err, "nianbao %s: 无法读取%s %s：%s%s\n", cmd, what, path, nb_io_status_text(st),
          st == NB_IO_TOO_LARGE && !*what ? "（一份年度报告的文字通常只有几十 KB）" : "");
}

void nb_cli_write_failed(FILE *err, const char *cmd, const char *path, const char *why)
{
  fprintf(err, "nianbao %s: 无法写入 %s：%s\n", cmd, path, why);
}

void nb_cli_mkdir_failed(FILE *err, const char *cmd, const char *dir, int errnum)
{
  fprintf(err, "nianbao %s: 无法创建输出目录 %s：%s\n", cmd, dir, nb_io_errno_text(errnum));
}

int nb_cli_output(const char *cmd, const char *path, const char *data, size_t len, nb_buf *out,
                  FILE *err)
{
  if (nb_io_same_content(path, data, len)) {
    nb_buf_printf(out, NB_IO_SAID_SAME "%s\n", path);
    return 0;
  }
  if (nb_io_write_atomic(path, data, len) != 0) {
    nb_cli_write_failed(err, cmd, path, nb_io_errno_text(errno));
    return -1;
  }
  nb_buf_printf(out, NB_IO_SAID_WRITTEN "%s\n", path);
  return 0;
}

int nb_cli_write_data(const char *cmd, const char *target, const char *data, size_t len,
                      int force, const char *input)
{
  switch (nb_author_write(target, data, len, force, input)) {
  case NB_WRITE_OK:
    return 0;
  case NB_WRITE_IS_INPUT:
    fprintf(stderr, "nianbao %s: 输出文件“%s”就是输入文件，不能覆盖它。请用 -o 指定新文件名。\n", cmd,
            target);
    break;
  case NB_WRITE_EXISTS:
    fprintf(stderr, "nianbao %s: “%s”已经存在，没有覆盖。要覆盖请加 --force，或用 -o 指定其他文件名。\n",
            cmd, target);
    break;
  case NB_WRITE_FAILED:
    nb_cli_write_failed(stderr, cmd, target, nb_io_errno_text(errno));
    break;
  }
  return NB_EXIT_USAGE;
}
