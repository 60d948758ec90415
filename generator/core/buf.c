#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
  fputs("nianbao: 内存不足 (out of memory)\n", stderr);
  abort();
}

void *nb_xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (!p)
    oom();
  return p;
}

void *nb_xcalloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p)
    oom();
  return p;
}

void *nb_xrealloc(void *p, size_t n)
{
  void *q = realloc(p, n ? n : 1);
  if (!q)
    oom();
  return q;
}

void *nb_grow(void *p, size_t n, size_t need, size_t *cap, size_t elem, size_t first)
{
  if (n <= *cap && need <= *cap - n)
    return p;
  size_t max = (size_t)-1 / (elem ? elem : 1) / 2;
  if (need > max - n)
    oom();
  size_t c = *cap ? *cap : (first ? first : 1);
  while (c < n + need)
    c *= 2;
  *cap = c;
  return nb_xrealloc(p, c * elem);
}

char *nb_xstrndup(const char *s, size_t n)
{
  char *p = nb_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *nb_xstrdup(const char *s)
{
  return nb_xstrndup(s, strlen(s));
}

char *nb_xvasprintf(const char *fmt, va_list ap)
{
  nb_buf b = NB_BUF_INIT;
  nb_buf_vprintf(&b, fmt, ap);
  return nb_buf_detach(&b);
}

/* Makes B hold at least EXTRA more bytes and the final NUL: exactly that many, or (DOUBLING)
 * the next power of two from 64, so that appending byte by byte costs linear time. */
static void make_room(nb_buf *b, size_t extra, int doubling)
{
  if (extra > (size_t)-1 / 2 - b->len)
    oom();
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return;
  size_t cap = need;
  if (doubling)
    for (cap = b->cap ? b->cap : 64; cap < need;)
      cap *= 2;
  b->data = nb_xrealloc(b->data, cap);
  b->cap = cap;
}

void nb_buf_grow(nb_buf *b, size_t extra)
{
  make_room(b, extra, 1);
}

void nb_buf_reserve(nb_buf *b, size_t extra)
{
  make_room(b, extra, 0);
}

void nb_buf_put(nb_buf *b, const void *p, size_t n)
{
  nb_buf_grow(b, n);
  if (n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void nb_buf_puts(nb_buf *b, const char *s)
{
  nb_buf_put(b, s, strlen(s));
}

void nb_buf_putc(nb_buf *b, char c)
{
  nb_buf_put(b, &c, 1);
}

void nb_buf_vprintf(nb_buf *b, const char *fmt, va_list ap)
{
  /* Formatted once into the room the buffer has (most texts fit), twice when it is short. */
  if (b->cap - b->len < 128)
    nb_buf_grow(b, 127);
  size_t room = b->cap - b->len;
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(b->data + b->len, room, fmt, ap2);
  va_end(ap2);
  if (n < 0) {
    b->data[b->len] = '\0';
    return;
  }
  if ((size_t)n >= room) {
    nb_buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  }
  b->len += (size_t)n;
}

void nb_buf_printf(nb_buf *b, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  nb_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

void nb_buf_clear(nb_buf *b)
{
  b->len = 0;
  if (b->data)
    b->data[0] = '\0';
}

char *nb_buf_detach(nb_buf *b)
{
  char *p = b->data ? b->data : nb_xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

void nb_buf_free(nb_buf *b)
{
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

const char *nb_buf_cstr(const nb_buf *b)
{
  return b->data ? b->data : "";
}
