/* nb_sentence: reading the prose of a data file the way the reviewer rules need it —
 * sentence by sentence, numbers written in digits or Chinese numerals, and the place in the
 * data file of any byte of a text (so that a warning points at the sentence, not at the
 * start of a long block scalar).
 *
 * Pure functions over caller-owned text; nothing is allocated or kept. */
#ifndef NB_SENTENCE_H
#define NB_SENTENCE_H
#include <stddef.h>
#include <stdint.h>

#include "core/node.h"

/* One sentence: bytes [off, off + len) of the text. */
typedef struct {
  const char *s;
  size_t off, len;
} nb_sentence;

/* The next sentence of TEXT (LEN bytes) at or after *POS: sentences end after 。！？；
 * (and their half-width forms) and at line ends; blank sentences are skipped. Returns 0 at
 * the end. */
int nb_sentence_next(const char *text, size_t len, size_t *pos, nb_sentence *out);

/* The number written at S (at most LEN bytes): ASCII or full-width digits, or Chinese
 * numerals (零〇一二两三四五六七八九十百千万, e.g. 十二, 两, 一百零五). Returns the bytes
 * read (0 when S does not start with a number) and stores the value in *VALUE. Values
 * beyond 10^12 are refused (0). */
size_t nb_sentence_number(const char *s, size_t len, long long *value);

/* Whether S (LEN bytes) starts with the UTF-8 string LIT; returns its length or 0. */
size_t nb_sentence_starts(const char *s, size_t len, const char *lit);

/* Number of characters (code points) in S[0..LEN). */
size_t nb_sentence_chars(const char *s, size_t len);

/* The 1-based line and column (in characters) in SRC (the data file as loaded, LEN bytes)
 * of byte OFF of the string of TEXT. Literal block scalars ("|") and one-line scalars are
 * followed into; for anything else, or when SRC does not hold the text where expected, the
 * position of TEXT itself is given. */
void nb_sentence_locate(const nb_node *text, size_t off, const char *src, size_t len,
                        uint32_t *line, uint32_t *col);

#endif
