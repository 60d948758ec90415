/* nb_utf8: small UTF-8 helpers shared by the loader, diagnostics and layout code.
 * Pure functions over caller-owned bytes: nothing is allocated or kept. */
#ifndef NB_UTF8_H
#define NB_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at S (at most LEN bytes). Returns its length in bytes (1..4) and
 * stores the code point in *CP; an invalid sequence returns 1 and stores 0xFFFD. LEN > 0. */
size_t nb_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Length of the longest valid UTF-8 prefix of S; equal to LEN when all of S is valid. */
size_t nb_utf8_valid_prefix(const char *s, size_t len);
/* Appends the UTF-8 encoding of CP to OUT (room for 4 bytes); returns the byte count. */
size_t nb_utf8_encode(uint32_t cp, char out[4]);
/* Terminal display width of CP: 2 for East Asian wide and full-width characters, else 1. */
int nb_utf8_cp_width(uint32_t cp);

#endif
