/* nb_utf8: small UTF-8 helpers shared by the loader, import, diagnostics and layout code.
 * Functions over caller-owned bytes; nb_utf8_from_gb18030 appends to the caller's buffer.
 * Nothing is kept. */
#ifndef NB_UTF8_H
#define NB_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"

/* Decodes one code point at S (at most LEN bytes). Returns its length in bytes (1..4) and
 * stores the code point in *CP; an invalid sequence returns 1 and stores 0xFFFD. LEN > 0. */
size_t nb_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Bytes of the character at S (LEN > 0 bytes left) of text already known to be valid UTF-8,
 * such as the loader's strings: read from the lead byte alone, cheap enough for loops that
 * visit every character of a text. Never more than LEN. */
static inline size_t nb_utf8_step(const char *s, size_t len)
{
  unsigned char c = (unsigned char)s[0];
  size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return n < len ? n : len;
}
/* Length of the longest valid UTF-8 prefix of S; equal to LEN when all of S is valid. */
size_t nb_utf8_valid_prefix(const char *s, size_t len);
/* Whether all LEN bytes of S are valid UTF-8. */
int nb_utf8_valid(const char *s, size_t len);
/* Converts GB18030 (GBK) text to UTF-8, appended to OUT. Returns 0 when IN was GB18030 and
 * the result is valid UTF-8, else -1 (OUT then holds an unspecified prefix). */
int nb_utf8_from_gb18030(const char *in, size_t len, nb_buf *out);
/* Appends the UTF-8 encoding of CP to OUT (room for 4 bytes); returns the byte count. */
size_t nb_utf8_encode(uint32_t cp, char out[4]);
/* Number of characters (code points) in S: its bytes that are not continuation bytes. */
size_t nb_utf8_count(const char *s, size_t len);
/* 1-based line and column (in characters) of byte OFF of S (LEN bytes; OFF past the end
 * counts as LEN). */
void nb_utf8_position(const char *s, size_t len, size_t off, uint32_t *line, uint32_t *col);

/* Byte sequences compared by name instead of by hand-counted length. */
#define NB_UTF8_BOM "\xEF\xBB\xBF"         /* U+FEFF, as Windows editors save it */
#define NB_UTF8_IDEO_SPACE "\xE3\x80\x80"  /* U+3000 全角空格 */
#define NB_UTF8_FW_COLON "\xEF\xBC\x9A"    /* U+FF1A ： */

/* Length of PREFIX when S (LEN bytes) starts with it, else 0. */
static inline size_t nb_utf8_starts(const char *s, size_t len, const char *prefix)
{
  size_t n = strlen(prefix);
  return len >= n && memcmp(s, prefix, n) == 0 ? n : 0;
}

/* Length of PREFIX when the C string S starts with it, else 0. */
static inline size_t nb_utf8_starts_cstr(const char *s, const char *prefix)
{
  size_t n = strlen(prefix);
  return strncmp(s, prefix, n) == 0 ? n : 0;
}

/* Whether TEXT opens with its own number, as report paragraphs do: "（一）", "(1)", "1、",
 * "2.", "一、", "一是". A bullet item that does is a paragraph, not a list item. */
int nb_utf8_self_numbered(const char *text);

/* The first NEEDLE in S (LEN bytes), or NULL. */
const char *nb_utf8_find(const char *s, size_t len, const char *needle);

/* How text files are read (data files, imported text, last year's file): */
typedef enum {
  NB_TEXT_UTF8,    /* valid UTF-8 (a BOM dropped) */
  NB_TEXT_GB18030, /* converted from GB18030/GBK */
  NB_TEXT_UTF16,   /* refused: starts with a UTF-16 byte-order mark */
  NB_TEXT_BINARY,  /* refused: holds a NUL byte */
  NB_TEXT_UNKNOWN  /* refused: neither UTF-8 nor GB18030 */
} nb_text_encoding;
/* The one encoding policy: RAW (LEN bytes) without its UTF-8 BOM, as UTF-8 appended to OUT
 * when it is UTF-8 or GB18030. On NB_TEXT_UNKNOWN, *BAD (when not NULL) is the offset in RAW
 * of the first byte that is not UTF-8; OUT is then left as it was. */
nb_text_encoding nb_utf8_text(const char *raw, size_t len, nb_buf *out, size_t *bad);

/* Terminal display width of CP: 2 for East Asian wide and full-width characters, else 1. */
int nb_utf8_cp_width(uint32_t cp);

#endif
