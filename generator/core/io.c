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

struct nb_io_out {
  nb_buf tmp; /* the temporary file's name */
  char *path;
  int fd, err; /* err: the first errno, 0 while all is well */
};

nb_io_out *nb_io_out_open(const char *path)
{
  nb_io_out *o = nb_xcalloc(1, sizeof *o);
  nb_buf_printf(&o->tmp, "%s.tmp-XXXXXX", path);
  o->fd = mkstemp(o->tmp.data);
  if (o->fd < 0) {
    int saved = errno;
    nb_buf_free(&o->tmp);
    free(o);
    errno = saved;
    return NULL;
  }
  o->path = nb_xstrdup(path);
  return o;
}

void nb_io_out_flush(nb_io_out *o, nb_buf *b)
{
  if (!o->err && b->len && write_all(o->fd, b->data, b->len) != 0)
    o->err = errno;
  nb_buf_clear(b);
}

/* Closes O's file with the permissions of a published file (mkstemp creates 0600) and
 * frees O; COMPARE: leave PATH alone when it holds the same bytes. */
static int out_finish(nb_io_out *o, int compare)
{
  mode_t um = umask(0);
  umask(um);
  if (!o->err && fchmod(o->fd, 0666 & ~um) != 0)
    o->err = errno;
  if (close(o->fd) != 0 && !o->err)
    o->err = errno;
  int rc = -1;
  if (!o->err && (rc = compare ? nb_io_commit(o->tmp.data, o->path) : rename(o->tmp.data, o->path)) < 0)
    o->err = errno;
  if (o->err)
    unlink(o->tmp.data);
  int saved = o->err;
  nb_buf_free(&o->tmp);
  free(o->path);
  free(o);
  errno = saved;
  return rc;
}

int nb_io_out_close(nb_io_out *o)
{
  return out_finish(o, 1);
}

void nb_io_out_discard(nb_io_out *o)
{
  if (!o->err)
    o->err = ECANCELED;
  out_finish(o, 0);
}

int nb_io_write_atomic(const char *path, const void *data, size_t len)
{
  nb_io_out *o = nb_io_out_open(path);
  if (!o)
    return -1;
  if (write_all(o->fd, data, len) != 0)
    o->err = errno;
  return out_finish(o, 0);
}

/* Whether the regular files A and B hold the same bytes, read in pieces. */
static int same_files(const char *a, const char *b)
{
  struct stat sa, sb;
  if (stat(a, &sa) != 0 || stat(b, &sb) != 0 || !S_ISREG(sa.st_mode) || !S_ISREG(sb.st_mode) ||
      sa.st_size != sb.st_size)
    return 0;
  FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
  int same = fa && fb;
  char *x = nb_xmalloc(2 * 65536), *y = x + 65536;
  while (same) {
    size_t n = fread(x, 1, 65536, fa), m = fread(y, 1, 65536, fb);
    same = n == m && memcmp(x, y, n) == 0 && !ferror(fa) && !ferror(fb);
    if (n < 65536)
      break;
  }
  free(x);
  if (fa)
    fclose(fa);
  if (fb)
    fclose(fb);
  return same;
}

int nb_io_commit(const char *tmp, const char *path)
{
  if (same_files(tmp, path)) {
    unlink(tmp);
    return 1;
  }
  if (rename(tmp, path) == 0)
    return 0;
  int saved = errno;
  unlink(tmp);
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

/* Opens PATH for nb_io_read into *FD; *SIZE receives a regular file's size, else -1. */
static nb_io_status open_input(const char *path, size_t max, int *fd, size_t *size)
{
  *size = (size_t)-1;
  *fd = open(path, O_RDONLY | O_NONBLOCK);
  if (*fd < 0)
    return errno == ENOENT || errno == ENOTDIR ? NB_IO_NOT_FOUND
         : errno == EACCES || errno == EPERM  ? NB_IO_DENIED
         : errno == EISDIR                    ? NB_IO_IS_DIR
                                              : NB_IO_FAILED;
  struct stat st;
  nb_io_status res = fstat(*fd, &st) != 0                              ? NB_IO_FAILED
                   : S_ISDIR(st.st_mode)                               ? NB_IO_IS_DIR
                   : S_ISREG(st.st_mode) && (size_t)st.st_size > max ? NB_IO_TOO_LARGE
                                                                       : NB_IO_OK;
  if (res != NB_IO_OK) {
    close(*fd);
    return res;
  }
  if (S_ISREG(st.st_mode))
    *size = (size_t)st.st_size;
  /* Back to blocking reads now that a FIFO has been opened without hanging. */
  int fl = fcntl(*fd, F_GETFL);
  if (fl >= 0)
    fcntl(*fd, F_SETFL, fl & ~O_NONBLOCK);
  return NB_IO_OK;
}

nb_io_status nb_io_read(const char *path, size_t max, nb_buf *out)
{
  int fd = 0;
  size_t chunk = 65536, size = (size_t)-1;
  if (strcmp(path, "-") != 0) {
    nb_io_status res = open_input(path, max, &fd, &size);
    if (res != NB_IO_OK)
      return res;
  }
  /* A small regular file is read into a buffer of its size and one byte more (rather than
   * 64 KB): the first read takes it all, the second sees its end. Reads fill the room the
   * buffer has, so that the read that sees the end does not make it grow (and copy). */
  if (size < chunk)
    nb_buf_reserve(out, size + 1);
  else
    nb_buf_grow(out, chunk);
  nb_io_status res = NB_IO_OK;
  for (;;) {
    if (out->cap - out->len < 2)
      nb_buf_grow(out, chunk);
    ssize_t n = read(fd, out->data + out->len, out->cap - out->len - 1);
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
