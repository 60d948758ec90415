#include "core/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

size_t nb_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
  const unsigned char *u = (const unsigned char *)s;
  unsigned char c = u[0];
  size_t need;
  uint32_t v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    need = 2, v = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3, v = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4, v = c & 0x07, min = 0x10000;
  } else {
    *cp = 0xFFFD;
    return 1;
  }
  if (len < need) {
    *cp = 0xFFFD;
    return 1;
  }
  for (size_t i = 1; i < need; i++) {
    if ((u[i] & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    v = v << 6 | (u[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = v;
  return need;
}

size_t nb_utf8_valid_prefix(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      /* ASCII (indentation, keys, figures) eight bytes at a time */
      uint64_t w;
      while (i + 8 <= len && (memcpy(&w, s + i, 8), (w & 0x8080808080808080u) == 0))
        i += 8;
      if (i < len && (unsigned char)s[i] < 0x80)
        i++;
      continue;
    }
    /* most Chinese: a lead byte whose every continuation 80–BF is valid (not E0, ED) */
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && len - i >= 3 && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
        ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    uint32_t cp;
    size_t n = nb_utf8_decode(s + i, len - i, &cp);
    if (cp == 0xFFFD && n == 1)
      return i;
    i += n;
  }
  return len;
}

int nb_utf8_valid(const char *s, size_t len)
{
  return nb_utf8_valid_prefix(s, len) == len;
}

int nb_utf8_from_gb18030(const char *in, size_t len, nb_buf *out)
{
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1)
    return -1;
  char *src = nb_xstrndup(in, len); /* iconv wants a non-const input pointer */
  char *ip = src;
  size_t il = len;
  int rc = 0;
  nb_buf_grow(out, len * 2 + 16);
  while (il > 0) {
    nb_buf_grow(out, il * 2 + 16);
    char *op = out->data + out->len;
    size_t ol = out->cap - out->len - 1;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    out->len = (size_t)(op - out->data);
    if (r == (size_t)-1 && errno != E2BIG) {
      rc = -1;
      break;
    }
  }
  out->data[out->len] = '\0';
  free(src);
  iconv_close(cd);
  return rc == 0 && nb_utf8_valid(out->data, out->len) ? 0 : -1;
}

size_t nb_utf8_encode(uint32_t cp, char out[4])
{
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | cp >> 6);
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | cp >> 18);
  out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
  out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

int nb_utf8_cp_width(uint32_t cp)
{
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

const char *nb_utf8_find(const char *s, size_t len, const char *needle)
{
  size_t n = strlen(needle);
  if (n == 0 || n > len)
    return NULL;
  for (const char *p = s, *last = s + len - n; p <= last; p++) {
    p = memchr(p, needle[0], (size_t)(last - p) + 1);
    if (!p)
      break;
    if (memcmp(p, needle, n) == 0)
      return p;
  }
  return NULL;
}

size_t nb_utf8_count(const char *s, size_t len)
{
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

void nb_utf8_position(const char *s, size_t len, size_t off, uint32_t *line, uint32_t *col)
{
  uint32_t l = 1, c = 1;
  if (off > len)
    off = len;
  for (size_t i = 0; i < off; i++) {
    if (s[i] == '\n') {
      l++;
      c = 1;
    } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
      c++;
    }
  }
  *line = l;
  *col = c;
}

nb_text_encoding nb_utf8_text(const char *raw, size_t len, nb_buf *out, size_t *bad)
{
  if (len >= 2 && ((raw[0] == '\xFF' && raw[1] == '\xFE') || (raw[0] == '\xFE' && raw[1] == '\xFF')))
    return NB_TEXT_UTF16;
  size_t bom = nb_utf8_starts(raw, len, NB_UTF8_BOM);
  raw += bom;
  len -= bom;
  if (memchr(raw, '\0', len))
    return NB_TEXT_BINARY;
  size_t ok = nb_utf8_valid_prefix(raw, len);
  if (ok == len) {
    nb_buf_put(out, raw, len);
    return NB_TEXT_UTF8;
  }
  size_t keep = out->len;
  if (nb_utf8_from_gb18030(raw, len, out) == 0)
    return NB_TEXT_GB18030;
  out->len = keep;
  if (out->data)
    out->data[keep] = '\0';
  if (bad)
    *bad = ok + bom;
  return NB_TEXT_UNKNOWN;
}

int nb_utf8_self_numbered(const char *text)
{
  static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九",
                                       "十", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  const char *p = text;
  int paren = 0;
  size_t open = *p == '(' ? 1 : nb_utf8_starts_cstr(p, "（");
  paren = open != 0;
  p += open;
  const char *start = p;
  for (int more = 1; more;) {
    more = 0;
    for (size_t k = 0; k < sizeof digits / sizeof digits[0]; k++)
      if (nb_utf8_starts_cstr(p, digits[k])) {
        p += strlen(digits[k]);
        more = 1;
      }
  }
  if (p == start)
    return 0;
  if (paren)
    return nb_utf8_starts_cstr(p, "）") || *p == ')';
  return nb_utf8_starts_cstr(p, "、") || nb_utf8_starts_cstr(p, "是") || nb_utf8_starts_cstr(p, "．") ||
         (*p == '.' && !(p[1] >= '0' && p[1] <= '9'));
}
