/* Sentences, numbers and positions in prose. Chinese punctuation is three bytes of UTF-8;
 * every scan below steps by whole characters, so a match never starts inside one. */
#include "check/sentence.h"

#include <string.h>

#include "core/utf8.h"

/* Called at every character of every text by the prose rules: stops at the first byte that
 * differs, without measuring LIT first. */
size_t nb_sentence_starts(const char *s, size_t len, const char *lit)
{
  size_t n = 0;
  for (; lit[n]; n++)
    if (n == len || s[n] != lit[n])
      return 0;
  return n;
}

size_t nb_sentence_chars(const char *s, size_t len)
{
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += ((unsigned char)s[i] & 0xc0) != 0x80;
  return n;
}

/* Length of the sentence end at S, or 0: 。！？； (three bytes each), a line end, ; ! ?. */
static size_t sentence_end(const char *s, size_t len)
{
  unsigned char c = (unsigned char)s[0];
  if (c == '\n' || c == ';' || c == '!' || c == '?')
    return 1;
  if (len < 3 || (c != 0xE3 && c != 0xEF))
    return 0;
  unsigned char c1 = (unsigned char)s[1], c2 = (unsigned char)s[2];
  if (c == 0xE3)
    return c1 == 0x80 && c2 == 0x82 ? 3 : 0;                        /* 。 */
  return c1 == 0xBC && (c2 == 0x81 || c2 == 0x9F || c2 == 0x9B) ? 3 : 0; /* ！？； */
}

static size_t blank_at(const char *s, size_t len)
{
  if (len && strchr(" \t\r\n", s[0]))
    return 1;
  return nb_sentence_starts(s, len, "\xE3\x80\x80");
}

int nb_sentence_next(const char *text, size_t len, size_t *pos, nb_sentence *out)
{
  size_t i = *pos;
  for (size_t n; i < len && ((n = blank_at(text + i, len - i)) || (n = sentence_end(text + i, len - i)));)
    i += n;
  if (i >= len) {
    *pos = len;
    return 0;
  }
  size_t start = i;
  for (size_t n; i < len; i += n) {
    if ((n = sentence_end(text + i, len - i))) {
      i += text[i] == '\n' ? 0 : n;
      break;
    }
    uint32_t cp;
    n = nb_utf8_decode(text + i, len - i, &cp);
  }
  out->s = text + start;
  out->off = start;
  out->len = i - start;
  *pos = i;
  return 1;
}

/* ---- numbers ---- */

/* The code point of the three-byte character at S (at most LEN bytes), or 0: every Chinese
 * numeral is one, and only its own bytes give its code point. */
static uint32_t cn_char(const char *s, size_t len)
{
  const unsigned char *u = (const unsigned char *)s;
  if (len < 3 || (u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
    return 0;
  return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (uint32_t)(u[2] & 0x3F);
}

/* 零〇一二两三四五六七八九 → 0–9, or -1 (a switch: called at every character of a text). */
static int cn_digit(uint32_t cp)
{
  switch (cp) {
  case 0x96F6: /* 零 */
  case 0x3007: /* 〇 */
    return 0;
  case 0x4E00: return 1; /* 一 */
  case 0x4E8C:           /* 二 */
  case 0x4E24: return 2; /* 两 */
  case 0x4E09: return 3; /* 三 */
  case 0x56DB: return 4; /* 四 */
  case 0x4E94: return 5; /* 五 */
  case 0x516D: return 6; /* 六 */
  case 0x4E03: return 7; /* 七 */
  case 0x516B: return 8; /* 八 */
  case 0x4E5D: return 9; /* 九 */
  default: return -1;
  }
}

/* 十百千万亿 → their value, or 0. */
static long long cn_unit(uint32_t cp)
{
  switch (cp) {
  case 0x5341: return 10;        /* 十 */
  case 0x767E: return 100;       /* 百 */
  case 0x5343: return 1000;      /* 千 */
  case 0x4E07: return 10000;     /* 万 */
  case 0x4EBF: return 100000000; /* 亿 */
  default: return 0;
  }
}

/* 十二, 两百零五, 一万三千; digits without units (二〇二四) read digit by digit. */
static size_t chinese_number(const char *s, size_t len, long long *value)
{
  long long total = 0, section = 0, digit = -1, plain = 0;
  size_t i = 0, digits = 0, units = 0;
  for (;;) {
    uint32_t cp = cn_char(s + i, len - i);
    int d = cn_digit(cp);
    if (d >= 0) {
      if (digits + units >= 12)
        return 0;
      plain = plain * 10 + d;
      digit = d;
      digits++;
      i += 3;
      continue;
    }
    long long u = cn_unit(cp);
    if (!u || digits + units > 12)
      break;
    units++;
    i += 3;
    if (u >= 10000) {
      total = (total + section + (digit > 0 ? digit : 0)) * u;
      section = 0;
    } else {
      section += (digit >= 0 ? digit : 1) * u;
    }
    digit = -1;
  }
  if (!digits && !units)
    return 0;
  *value = units ? total + section + (digit > 0 ? digit : 0) : plain;
  return digits + units > 12 ? 0 : i;
}

size_t nb_sentence_number(const char *s, size_t len, long long *value)
{
  long long v = 0;
  size_t i = 0, k = 0;
  for (;;) {
    if (i < len && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      i++;
    } else if (len - i >= 3 && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
               (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
      v = v * 10 + ((unsigned char)s[i + 2] - 0x90); /* full-width ０–９ */
      i += 3;
    } else {
      break;
    }
    if (++k > 12)
      return 0;
  }
  if (k) {
    *value = v;
    return i;
  }
  return chinese_number(s, len, value);
}

/* ---- positions ---- */

/* Start of line LINE (1-based) of SRC, or NULL; *LL receives its length without the end. */
static const char *line_at(const char *src, size_t len, uint32_t line, size_t *ll)
{
  const char *p = src, *end = src + len;
  for (uint32_t l = 1; l < line; l++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
      return NULL;
    p = nl + 1;
  }
  const char *e = memchr(p, '\n', (size_t)(end - p));
  e = e ? e : end;
  if (e > p && e[-1] == '\r')
    e--;
  *ll = (size_t)(e - p);
  return p;
}

static size_t indent_of(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len && s[i] == ' ')
    i++;
  return i;
}

/* Literal block: line k of the string is line TEXT->line + 1 + k of the file, indented by
 * the indentation of the block's first non-blank line. */
static int locate_literal(const nb_node *t, size_t off, const char *src, size_t len,
                          uint32_t *line, uint32_t *col)
{
  size_t k = 0, bol = 0;
  for (size_t i = 0; i < off; i++)
    if (t->str[i] == '\n') {
      k++;
      bol = i + 1;
    }
  size_t ll, indent = 0;
  const char *s;
  for (uint32_t l = t->line + 1; (s = line_at(src, len, l, &ll)); l++)
    if ((indent = indent_of(s, ll)) < ll)
      break;
  if (!(s = line_at(src, len, t->line + 1 + (uint32_t)k, &ll)) || ll < indent)
    return 0;
  const char *nl = memchr(t->str + bol, '\n', t->len - bol);
  size_t want = (nl ? (size_t)(nl - t->str) : t->len) - bol;
  if (want > ll - indent || memcmp(s + indent, t->str + bol, want) != 0)
    return 0;
  *line = t->line + 1 + (uint32_t)k;
  *col = (uint32_t)(indent + 1 + nb_sentence_chars(t->str + bol, off - bol));
  return 1;
}

/* A scalar on one line, written as it is stored (no escapes). */
static int locate_inline(const nb_node *t, size_t off, const char *src, size_t len,
                         uint32_t *line, uint32_t *col)
{
  size_t ll;
  const char *s = line_at(src, len, t->line, &ll);
  if (!s || memchr(t->str, '\n', t->len))
    return 0;
  size_t b = 0;
  for (uint32_t c = 1; c < t->col && b < ll; c++) {
    uint32_t cp;
    b += nb_utf8_decode(s + b, ll - b, &cp);
  }
  size_t quote = t->style == NB_STYLE_SINGLE || t->style == NB_STYLE_DOUBLE;
  b += quote;
  if (b > ll || t->len > ll - b || memcmp(s + b, t->str, t->len) != 0)
    return 0;
  *line = t->line;
  *col = t->col + (uint32_t)quote + (uint32_t)nb_sentence_chars(t->str, off);
  return 1;
}

void nb_sentence_locate(const nb_node *text, size_t off, const char *src, size_t len,
                        uint32_t *line, uint32_t *col)
{
  *line = text ? text->line : 0;
  *col = text ? text->col : 0;
  if (!text || !src || !text->str || off > text->len || !text->line)
    return;
  if (text->style == NB_STYLE_LITERAL)
    locate_literal(text, off, src, len, line, col);
  else if (text->style == NB_STYLE_PLAIN || text->style == NB_STYLE_SINGLE ||
           text->style == NB_STYLE_DOUBLE)
    locate_inline(text, off, src, len, line, col);
}
