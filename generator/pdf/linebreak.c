/* Greedy line fitting with the GB/T 15834 prohibitions (see pdf/linebreak.h).
 *
 * The width is accumulated character by character; every position where nb_lb_can_break
 * allows a break and the text so far fits is remembered. When a character overflows, the line
 * ends at the last remembered position, or, when there is none, just before the overflowing
 * character. */
#include "pdf/linebreak.h"

static int in_list(uint32_t cp, const uint32_t *list, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (list[i] == cp)
      return 1;
  return 0;
}

int nb_lb_no_start(uint32_t cp)
{
  static const uint32_t set[] = {
    0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,         /* ，。、；：？！ */
    0xFF09, 0x300B, 0x3009, 0x3011, 0x3015, 0x3017, 0x300D, 0x300F, /* ）》〉】〕〗」』 */
    0x201D, 0x2019, 0xFF5E, 0x00B7, 0x30FB, 0x002F, 0xFF0F,         /* ”’～·・/／ */
    0xFF3D, 0xFF5D, 0xFF05, 0xFE5A,                                 /* ］｝％﹚ */
    ',', '.', ';', ':', '?', '!', ')', ']', '}', '%',
  };
  return in_list(cp, set, sizeof set / sizeof set[0]);
}

int nb_lb_no_end(uint32_t cp)
{
  static const uint32_t set[] = {
    0xFF08, 0x300A, 0x3008, 0x3010, 0x3014, 0x3016, 0x300C, 0x300E, /* （《〈【〔〖「『 */
    0x201C, 0x2018, 0x002F, 0xFF0F, 0xFF3B, 0xFF5B,                 /* “‘/／［｛ */
    '(', '[', '{',
  };
  return in_list(cp, set, sizeof set / sizeof set[0]);
}

int nb_lb_is_space(uint32_t cp)
{
  return cp == ' ' || cp == '\t';
}

int nb_lb_is_latin(uint32_t cp)
{
  if (cp > 0x20 && cp < 0x7F)
    return 1;
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static int unsplittable_pair(uint32_t a, uint32_t b)
{
  /* —— (two U+2014, or U+2015) and …… (two U+2026) */
  return a == b && (a == 0x2014 || a == 0x2015 || a == 0x2026);
}

int nb_lb_can_break(uint32_t a, uint32_t b)
{
  if (nb_lb_is_space(b))
    return 0; /* break after the spaces, never before them */
  if (nb_lb_no_start(b))
    return 0;
  if (nb_lb_is_space(a))
    return 1;
  if (nb_lb_no_end(a))
    return 0;
  if (unsplittable_pair(a, b))
    return 0;
  if (nb_lb_is_latin(a) && nb_lb_is_latin(b))
    return 0;
  return 1;
}

/* Whether the Latin run around position I of CP[0..N) is a web address ("…://…" or
 * "www.…"); runs longer than URL_MAX are not looked at (linear time). */
#define URL_MAX 256
static int in_url(const uint32_t *cp, size_t n, size_t i)
{
  size_t a = i, b = i;
  while (a > 0 && i - a < URL_MAX && nb_lb_is_latin(cp[a - 1]))
    a--;
  while (b < n && b - i < URL_MAX && nb_lb_is_latin(cp[b]))
    b++;
  if (b - a >= 4 && cp[a] == 'w' && cp[a + 1] == 'w' && cp[a + 2] == 'w' && cp[a + 3] == '.')
    return 1;
  for (size_t k = a; k + 2 < b; k++)
    if (cp[k] == ':' && cp[k + 1] == '/' && cp[k + 2] == '/')
      return 1;
  return 0;
}

static int is_alnum(uint32_t c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A break inside a web address: after '/', '.' or '-' before a letter or digit. */
static int url_break(const uint32_t *cp, size_t n, size_t i)
{
  uint32_t a = cp[i - 1], b = cp[i];
  return (a == '/' || a == '.' || a == '-') && is_alnum(b) && in_url(cp, n, i);
}

static size_t skip_spaces(const uint32_t *cp, size_t i, size_t n)
{
  while (i < n && nb_lb_is_space(cp[i]))
    i++;
  return i;
}

static size_t trim_spaces(const uint32_t *cp, size_t start, size_t end)
{
  while (end > start && nb_lb_is_space(cp[end - 1]))
    end--;
  return end;
}

size_t nb_lb_fit(const uint32_t *cp, const double *w, size_t start, size_t n, double width,
                 size_t *next)
{
  double used = 0;
  size_t best = 0; /* last allowed break position that fits; 0 = none yet */
  size_t i = start;
  for (; i < n; i++) {
    if (i > start && (nb_lb_can_break(cp[i - 1], cp[i]) || url_break(cp, n, i)))
      best = i;
    if (nb_lb_is_space(cp[i])) {
      used += w[i];
      continue; /* spaces may hang past the end */
    }
    if (used + w[i] > width + 1e-6 && i > start)
      break;
    used += w[i];
  }
  if (i == n) {
    *next = n;
    return trim_spaces(cp, start, n);
  }
  size_t end = best > start ? best : i;
  *next = skip_spaces(cp, end, n);
  return trim_spaces(cp, start, end);
}
