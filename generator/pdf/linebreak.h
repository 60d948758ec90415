/* nb_linebreak: where a line of Chinese text may end, by GB/T 15834-2011 §5.1 (horizontal text).
 *
 * Rules:
 *   - no line starts with ，。、；：？！, a closing bracket or quote, ～, · or / (nor their ASCII
 *     counterparts , . ; : ? ! ) ] } %);
 *   - no line ends with an opening bracket or quote or / (nor ASCII ( [ {);
 *   - —— and …… are never split;
 *   - a run of Latin letters, digits and ASCII punctuation (2024, 0537-7984101) is kept
 *     whole when it fits on a line; a longer run is broken where the line is full;
 *   - a web address ("…://…", "www.…") may also break after '/', '.' or '-' before a letter
 *     or digit, so that it goes on with the next line rather than leaving this one short;
 *   - anywhere else between CJK characters a line may end; after a space too (spaces at the
 *     end of a line hang in the margin and do not count).
 * When no allowed break fits (a one-character-wide table cell), the line is broken after the
 * last character that fits, so that layout always progresses.
 *
 * Pure functions over arrays of code points; no allocation. */
#ifndef NB_LINEBREAK_H
#define NB_LINEBREAK_H
#include <stddef.h>
#include <stdint.h>

/* Whether CP may not begin a line. */
int nb_lb_no_start(uint32_t cp);
/* Whether CP may not end a line. */
int nb_lb_no_end(uint32_t cp);
/* Whether CP belongs to a Latin run (letters, digits, ASCII punctuation) kept whole. */
int nb_lb_is_latin(uint32_t cp);
/* Whether CP is a breaking space (U+0020, U+3000 ideographic space is not one). */
int nb_lb_is_space(uint32_t cp);
/* Whether a line may end between A and the following B. */
int nb_lb_can_break(uint32_t a, uint32_t b);

/* Fits one line: CP[START..N) with advance widths W (any unit, same as WIDTH). Returns the end
 * (exclusive) of the visible text of the line, trailing spaces excluded, and stores in *NEXT
 * where the following line starts (leading spaces skipped). The line holds at least one
 * character when START < N. */
size_t nb_lb_fit(const uint32_t *cp, const double *w, size_t start, size_t n, double width,
                 size_t *next);

#endif
