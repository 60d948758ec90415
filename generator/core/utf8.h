/* nb_utf8: small UTF-8 helpers shared by the loader, import, diagnostics and layout code.
 * Functions over caller-owned bytes; nb_utf8_from_gb18030 appends to the caller's buffer.
 * Nothing is kept. */
#ifndef NB_UTF8_H
#define NB_UTF8_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Decodes one code point at S (at most LEN bytes). Returns its length in bytes (1..4) and
 * stores the code point in *CP; an invalid sequence returns 1 and stores 0xFFFD. LEN > 0. */
size_t nb_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Length of the longest valid UTF-8 prefix of S; equal to LEN when all of S is valid. */
size_t nb_utf8_valid_prefix(const char *s, size_t len);
/* Whether all LEN bytes of S are valid UTF-8. */
int nb_utf8_valid(const char *s, size_t len);
/* Converts GB18030 (GBK) text to UTF-8, appended to OUT. Returns 0 when IN was GB18030 and
 * the result is valid UTF-8, else -1 (OUT then holds an unspecified prefix). */
int nb_utf8_from_gb18030(const char *in, size_t len, nb_buf *out);
/* Appends the UTF-8 encoding of CP to OUT (room for 4 bytes); returns the byte count. */
size_t nb_utf8_encode(uint32_t cp, char out[4]);
/* Terminal display width of CP: 2 for East Asian wide and full-width characters, else 1. */
int nb_utf8_cp_width(uint32_t cp);

#endif
