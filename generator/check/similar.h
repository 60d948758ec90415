/* nb_similar: how alike two texts are, for the checks against last year (NB305, NB308).
 * Pure function; nothing is kept. */
#ifndef NB_SIMILAR_H
#define NB_SIMILAR_H
#include <stddef.h>

/* Character-bigram Dice similarity of two UTF-8 texts, whitespace ignored: 0.0–1.0.
 * Texts shorter than two characters compare as 1.0 when equal, else 0.0. */
double nb_similar_dice(const char *a, size_t alen, const char *b, size_t blen);

#endif
