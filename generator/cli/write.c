/* Writing the data files that init, next and import make, with one set of messages. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "author/author.h"

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
    fprintf(stderr, "nianbao %s: 无法写入“%s”：%s\n", cmd, target, strerror(errno));
    break;
  }
  return NB_EXIT_USAGE;
}
