/* Character-bigram Dice similarity: both texts as sorted lists of adjacent code-point pairs
 * (whitespace dropped), merged once. */
#include "check/similar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"

/* The pairs of neighbouring characters of S, blanks left out, in *OUT (caller frees). */
static size_t bigrams(const char *s, size_t len, uint64_t **out)
{
  uint32_t *cps = nb_xmalloc((len + 1) * sizeof *cps);
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    i += nb_utf8_decode(s + i, len - i, &cp);
    if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == 0x3000)
      continue;
    cps[n++] = cp;
  }
  size_t nb = n > 1 ? n - 1 : 0;
  *out = nb_xmalloc((nb + 1) * sizeof **out);
  for (size_t i = 0; i < nb; i++)
    (*out)[i] = ((uint64_t)cps[i] << 32) | cps[i + 1];
  free(cps);
  return nb;
}

static int cmp_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

double nb_similar_dice(const char *a, size_t alen, const char *b, size_t blen)
{
  uint64_t *x, *y;
  size_t nx = bigrams(a, alen, &x), ny = bigrams(b, blen, &y);
  double sim;
  if (nx == 0 || ny == 0) {
    sim = nx == ny && alen == blen && memcmp(a, b, alen) == 0 ? 1.0 : 0.0;
  } else {
    qsort(x, nx, sizeof *x, cmp_u64);
    qsort(y, ny, sizeof *y, cmp_u64);
    size_t i = 0, j = 0, common = 0;
    while (i < nx && j < ny) {
      if (x[i] == y[j]) {
        common++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    sim = 2.0 * (double)common / (double)(nx + ny);
  }
  free(x);
  free(y);
  return sim;
}
