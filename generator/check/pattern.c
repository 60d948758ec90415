/* Compiling a pattern: the simple form is tried first on the ECMA-262 text; anything it does
 * not take (groups, alternatives, '.', *, +, unbounded or large counts, escapes other than \d
 * and punctuation, negated or unusual brackets, non-ASCII bytes) goes to regcomp. The
 * program sets no locale, so regexec compares bytes as the simple matcher does. */
#include "check/pattern.h"

#include <string.h>

#include "core/buf.h"

#define MAX_TRIES 64 /* product of the atoms' count ranges: bounds the backtracking */

static void add(nb_pattern_atom *a, unsigned char c)
{
  a->set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static int has(const nb_pattern_atom *a, unsigned char c)
{
  return (a->set[c >> 3] >> (c & 7)) & 1;
}

static int printable(unsigned char c)
{
  return c >= 0x20 && c < 0x7f;
}

/* The class of a range's ends: 1 digit, 2 lower case, 3 upper case, 0 none. */
static int range_class(unsigned char c)
{
  return c >= '0' && c <= '9' ? 1 : c >= 'a' && c <= 'z' ? 2 : c >= 'A' && c <= 'Z' ? 3 : 0;
}

/* A bracket [...] at S: its members into A; returns the bytes it takes, 0 when not simple. */
static size_t bracket(nb_pattern_atom *a, const char *s, size_t len)
{
  size_t i = 1;
  for (; i < len && s[i] != ']'; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!printable(c) || strchr("\\[^-", c))
      return 0; /* escapes, classes, negation and stray dashes are regcomp's */
    if (i + 2 < len && s[i + 1] == '-' && s[i + 2] != ']') {
      unsigned char hi = (unsigned char)s[i + 2];
      if (!range_class(c) || range_class(c) != range_class(hi) || hi < c)
        return 0;
      for (unsigned x = c; x <= hi; x++)
        add(a, (unsigned char)x);
      i += 2;
    } else {
      add(a, c);
    }
  }
  return i < len && i > 1 ? i + 1 : 0;
}

/* One atom at S into A; returns the bytes it takes, 0 when not simple. */
static size_t atom(nb_pattern_atom *a, const char *s, size_t len)
{
  unsigned char c = (unsigned char)s[0];
  if (c == '[')
    return bracket(a, s, len);
  if (c == '\\') {
    unsigned char e = len > 1 ? (unsigned char)s[1] : 0;
    if (e == 'd')
      for (unsigned char x = '0'; x <= '9'; x++)
        add(a, x);
    else if (printable(e) && strchr("\\.^$|?*+()[]{}/-", e))
      add(a, e);
    else
      return 0;
    return 2;
  }
  if (!printable(c) || strchr(".|()*+?{}^$]", c))
    return 0;
  add(a, c);
  return 1;
}

/* A count {N} or {N,M} at S (N <= M <= 255); returns the bytes it takes, 0 when none fits. */
static size_t count(nb_pattern_atom *a, const char *s, size_t len)
{
  unsigned v[2] = {0, 0};
  size_t i = 1;
  for (int k = 0; k < 2; k++) {
    size_t digits = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9' && v[k] < 1000; i++, digits++)
      v[k] = v[k] * 10 + (unsigned)(s[i] - '0');
    if (!digits)
      return 0;
    if (k == 0 && i < len && s[i] == ',') {
      i++;
      continue;
    }
    if (k == 0)
      v[1] = v[0];
    break;
  }
  if (i >= len || s[i] != '}' || v[0] > v[1] || v[1] > 255)
    return 0;
  a->min = (uint8_t)v[0];
  a->max = (uint8_t)v[1];
  return i + 1;
}

/* The quantifier after an atom at S, if any; returns the bytes it takes, or (size_t)-1 when
 * it is not simple. */
static size_t quantifier(nb_pattern_atom *a, const char *s, size_t len)
{
  size_t used = 0;
  if (len && s[0] == '?') {
    a->min = 0;
    used = 1;
  } else if (len && s[0] == '{') {
    used = count(a, s, len);
    if (!used)
      return (size_t)-1;
  }
  if (used < len && strchr("?*+{", s[used]))
    return (size_t)-1; /* another quantifier, or * and + */
  return used;
}

static int parse_simple(nb_pattern *p, const char *s, size_t len)
{
  size_t i = 0, tries = 1;
  if (len && s[0] == '^') {
    p->at_start = 1;
    i = 1;
  }
  while (i < len) {
    if (s[i] == '$' && i + 1 == len) {
      p->at_end = 1;
      break;
    }
    if (p->n == NB_PATTERN_ATOMS)
      return -1;
    nb_pattern_atom *a = &p->atoms[p->n++];
    a->min = a->max = 1;
    size_t used = atom(a, s + i, len - i);
    if (!used)
      return -1;
    i += used;
    used = quantifier(a, s + i, len - i);
    if (used == (size_t)-1)
      return -1;
    i += used;
    tries *= (size_t)(a->max - a->min) + 1;
    if (tries > MAX_TRIES)
      return -1;
  }
  return 0;
}

/* The ECMA-262 pattern as a POSIX extended regex: \d, \w and \s spelled as classes. */
static int compile_regex(regex_t *re, const char *pattern, size_t len)
{
  nb_buf b = NB_BUF_INIT;
  for (size_t i = 0; i < len; i++) {
    char c = pattern[i], next = i + 1 < len ? pattern[i + 1] : '\0';
    const char *cls = NULL;
    if (c == '\\' && next == 'd')
      cls = "[0-9]";
    else if (c == '\\' && next == 'w')
      cls = "[A-Za-z0-9_]";
    else if (c == '\\' && next == 's')
      cls = "[[:space:]]";
    if (cls) {
      nb_buf_puts(&b, cls);
      i++;
    } else {
      nb_buf_putc(&b, c);
    }
  }
  int rc = regcomp(re, nb_buf_cstr(&b), REG_EXTENDED | REG_NOSUB);
  nb_buf_free(&b);
  return rc;
}

int nb_pattern_compile(nb_pattern *p, const char *pattern, size_t len)
{
  memset(p, 0, sizeof *p);
  if (!memchr(pattern, '\0', len) && parse_simple(p, pattern, len) == 0) {
    p->simple = 1;
    return 0;
  }
  memset(p, 0, sizeof *p);
  return compile_regex(&p->re, pattern, len);
}

/* Whether atoms K.. match at T (and, with $, end there). Each atom takes as many bytes as
 * it can, then gives them back one by one. */
static int match_here(const nb_pattern *p, size_t k, const unsigned char *t)
{
  if (k == p->n)
    return !p->at_end || *t == '\0';
  const nb_pattern_atom *a = &p->atoms[k];
  size_t c = 0;
  while (c < a->max && has(a, t[c])) /* NUL is in no set */
    c++;
  for (; c >= a->min; c--) {
    if (match_here(p, k + 1, t + c))
      return 1;
    if (c == 0)
      break;
  }
  return 0;
}

int nb_pattern_match(const nb_pattern *p, const char *text)
{
  if (!p->simple)
    return regexec(&p->re, text, 0, NULL, 0) == 0;
  const unsigned char *t = (const unsigned char *)text;
  if (p->at_start)
    return match_here(p, 0, t);
  for (;; t++) {
    if (match_here(p, 0, t))
      return 1;
    if (!*t)
      return 0;
  }
}

void nb_pattern_free(nb_pattern *p)
{
  if (p && !p->simple)
    regfree(&p->re);
}
