#include "core/io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all(int fd, const char *p, size_t len)
{
  while (len) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

int nb_io_write_atomic(const char *path, const void *data, size_t len)
{
  nb_buf tmp = NB_BUF_INIT;
  nb_buf_printf(&tmp, "%s.tmp-XXXXXX", path);
  int fd = mkstemp(tmp.data);
  if (fd < 0) {
    nb_buf_free(&tmp);
    return -1;
  }
  int saved;
  if (write_all(fd, data, len) != 0)
    goto fail;
  /* mkstemp creates 0600; published files are meant to be read by others. */
  mode_t um = umask(0);
  umask(um);
  if (fchmod(fd, 0666 & ~um) != 0)
    goto fail;
  if (close(fd) != 0) {
    fd = -1;
    goto fail;
  }
  fd = -1;
  if (rename(tmp.data, path) != 0)
    goto fail;
  nb_buf_free(&tmp);
  return 0;
fail:
  saved = errno;
  if (fd >= 0)
    close(fd);
  unlink(tmp.data);
  nb_buf_free(&tmp);
  errno = saved;
  return -1;
}

int nb_io_same_file(const char *a, const char *b)
{
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int nb_io_same_content(const char *path, const void *data, size_t len)
{
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
    return 0;
  nb_buf b = NB_BUF_INIT;
  int same = nb_io_read(path, len, &b) == NB_IO_OK && b.len == len &&
             (len == 0 || memcmp(b.data, data, len) == 0);
  nb_buf_free(&b);
  return same;
}

nb_io_status nb_io_read(const char *path, size_t max, nb_buf *out)
{
  int fd = 0;
  if (strcmp(path, "-") != 0) {
    fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0)
      return errno == ENOENT || errno == ENOTDIR ? NB_IO_NOT_FOUND
           : errno == EACCES || errno == EPERM  ? NB_IO_DENIED
           : errno == EISDIR                    ? NB_IO_IS_DIR
                                                : NB_IO_FAILED;
    struct stat st;
    if (fstat(fd, &st) != 0) {
      close(fd);
      return NB_IO_FAILED;
    }
    if (S_ISDIR(st.st_mode)) {
      close(fd);
      return NB_IO_IS_DIR;
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
      close(fd);
      return NB_IO_TOO_LARGE;
    }
    /* Back to blocking reads now that a FIFO has been opened without hanging. */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
      fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  }
  nb_io_status res = NB_IO_OK;
  for (;;) {
    nb_buf_grow(out, 65536);
    ssize_t n = read(fd, out->data + out->len, 65536);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      res = errno == EISDIR ? NB_IO_IS_DIR : NB_IO_FAILED;
      break;
    }
    if (n == 0)
      break;
    out->len += (size_t)n;
    if (out->len > max) {
      res = NB_IO_TOO_LARGE;
      break;
    }
  }
  out->data[out->len] = '\0';
  if (fd != 0)
    close(fd);
  return res;
}

const char *nb_io_status_text(nb_io_status st)
{
  switch (st) {
  case NB_IO_OK: return "读取成功";
  case NB_IO_NOT_FOUND: return "文件不存在";
  case NB_IO_IS_DIR: return "这是一个目录，不是文件";
  case NB_IO_DENIED: return "没有读取权限";
  case NB_IO_TOO_LARGE: return "文件太大";
  case NB_IO_FAILED: break;
  }
  return "读取失败";
}

const char *nb_io_errno_text(int e)
{
  switch (e) {
  case ENOENT: return "目录不存在";
  case ENOTDIR: return "路径中有一段不是目录";
  case EACCES:
  case EPERM: return "没有写入权限";
  case ENOSPC: return "磁盘空间不足";
  case EROFS: return "只读的文件系统";
  case EISDIR: return "同名的目录已经存在";
  default: return strerror(e);
  }
}

int nb_io_make_dirs(const char *dir)
{
  char *p = nb_xstrdup(dir);
  int rc = 0;
  for (char *s = p + 1;; s++) {
    char c = *s;
    if (c == '/' || c == '\0') {
      *s = '\0';
      if (mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
      *s = c;
      if (rc || c == '\0')
        break;
    }
  }
  free(p);
  struct stat st;
  if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
    errno = ENOTDIR;
    rc = -1;
  }
  return rc;
}
