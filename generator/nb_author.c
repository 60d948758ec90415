/* init and next, and the no-clobber atomic write shared by init, next and import.
 *
 * next rewrites last year's text in place: the loader gives every scalar's position, so each
 * change is an edit (byte range → replacement) on the original text, applied back to front.
 * Whatever the edits do not touch — comments, blank lines, key order, quoting — stays. */
#include "nb_author.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nb_io.h"

char *nb_author_default_name(int year, const char *organ)
{
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%d-", year);
  for (const char *p = organ; *p; p++) /* a name is a file name: no directories */
    nb_buf_putc(&b, *p == '/' || *p == '\\' ? '-' : *p);
  nb_buf_puts(&b, ".yaml");
  return nb_buf_detach(&b);
}

nb_write_result nb_author_write(const char *path, const char *data, size_t len, int force)
{
  if (strcmp(path, "-") == 0) {
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
      return NB_WRITE_FAILED;
    return NB_WRITE_OK;
  }
  struct stat st;
  if (!force && lstat(path, &st) == 0)
    return NB_WRITE_EXISTS;
  if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    return NB_WRITE_FAILED;
  }
  return nb_io_write_atomic(path, data, len) == 0 ? NB_WRITE_OK : NB_WRITE_FAILED;
}
