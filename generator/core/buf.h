/* nb_buf: a growable byte buffer. Every renderer writes into one; only the caller decides
 * where the bytes go.
 *
 * Out-of-memory policy (the whole project): allocation failure prints a message and aborts
 * (see nb_xmalloc). A report is a few kilobytes; there is no sensible recovery.
 *
 * Ownership: a buffer owns its data. nb_buf_free releases it; nb_buf_detach hands the data
 * (NUL-terminated) to the caller, who frees it with free(). The data is always
 * NUL-terminated after any append, so b->data can be used as a C string. */
#ifndef NB_BUF_H
#define NB_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct {
  char *data;   /* NULL until the first append */
  size_t len;
  size_t cap;
} nb_buf;

#define NB_BUF_INIT {NULL, 0, 0}

void *nb_xmalloc(size_t n);
void *nb_xcalloc(size_t n, size_t size);
void *nb_xrealloc(void *p, size_t n);
char *nb_xstrdup(const char *s);
char *nb_xstrndup(const char *s, size_t n);
/* A new string formatted by vprintf; the caller frees it. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 0)))
#endif
char *nb_xvasprintf(const char *fmt, va_list ap);

/* Growing arrays: returns the array P (*CAP elements of ELEM bytes, N of them used) with room
 * for at least NEED more, doubling *CAP (FIRST the first time) as often as needed. The
 * returned array may have moved; P may be NULL with *CAP 0. */
void *nb_grow(void *p, size_t n, size_t need, size_t *cap, size_t elem, size_t first);
/* Room for one more element in ARR (an lvalue pointer, N used, CAP an lvalue size_t). */
#define NB_GROW(arr, n, cap, first) \
  ((arr) = nb_grow((arr), (n), 1, &(cap), sizeof *(arr), (first)))

void nb_buf_grow(nb_buf *b, size_t extra);
/* Room for EXTRA more bytes and the final NUL, not rounded up: for a size known in advance
 * (a file's), so that the buffer ends where its text does. */
void nb_buf_reserve(nb_buf *b, size_t extra);
void nb_buf_put(nb_buf *b, const void *p, size_t n);
void nb_buf_puts(nb_buf *b, const char *s);
void nb_buf_putc(nb_buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void nb_buf_printf(nb_buf *b, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
void nb_buf_vprintf(nb_buf *b, const char *fmt, va_list ap);
void nb_buf_clear(nb_buf *b);
/* Returns the data ("" when empty, never NULL); the buffer is reset. Caller frees. */
char *nb_buf_detach(nb_buf *b);
void nb_buf_free(nb_buf *b);
/* The contents as a C string ("" when empty). Valid until the next append. */
const char *nb_buf_cstr(const nb_buf *b);

#endif
