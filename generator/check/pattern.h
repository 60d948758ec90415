/* nb_pattern: a JSON Schema "pattern" (an ECMA-262 regex) compiled for matching.
 *
 * Patterns are run as POSIX extended regexes, with \d, \w and \s spelled as classes. A
 * pattern that is a plain sequence of single-character atoms — ASCII literals, \d, or
 * brackets of ASCII characters and ranges — each at most bounded in count (?, {n}, {n,m}),
 * with ^ and $ only at its ends (the built-in schema's dates and web addresses), is matched
 * by a small backtracking matcher instead: it matches exactly what regexec would, without
 * regcomp's tables and regexec's state machine (about 0.1 M instructions and several new
 * memory pages of a run). Every other pattern goes to regcomp.
 *
 * Ownership: the caller's struct; nb_pattern_free releases what compiling took. */
#ifndef NB_PATTERN_H
#define NB_PATTERN_H
#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#define NB_PATTERN_ATOMS 24 /* atoms of a simple pattern at most */

typedef struct {
  uint8_t set[32];   /* the bytes it matches, as bits */
  uint8_t min, max;  /* how many times */
} nb_pattern_atom;

typedef struct {
  int simple;                    /* 1: atoms; 0: re */
  int at_start, at_end;          /* ^ and $ */
  size_t n;
  nb_pattern_atom atoms[NB_PATTERN_ATOMS];
  regex_t re;
} nb_pattern;

/* Compiles the ECMA-262 pattern of LEN bytes (NUL-terminated after them). Returns 0, or
 * regcomp's error code when the pattern is not a valid regex. */
int nb_pattern_compile(nb_pattern *p, const char *pattern, size_t len);
/* Whether TEXT (up to its NUL) contains a match. */
int nb_pattern_match(const nb_pattern *p, const char *text);
void nb_pattern_free(nb_pattern *p);

#endif
