#include "core/jsonout.h"

void nb_jsonout_string(nb_buf *out, const char *s, size_t len)
{
  nb_buf_putc(out, '"');
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '"': nb_buf_puts(out, "\\\""); break;
    case '\\': nb_buf_puts(out, "\\\\"); break;
    case '\n': nb_buf_puts(out, "\\n"); break;
    case '\r': nb_buf_puts(out, "\\r"); break;
    case '\t': nb_buf_puts(out, "\\t"); break;
    default:
      if (c < 0x20)
        nb_buf_printf(out, "\\u%04x", c);
      else
        nb_buf_putc(out, (char)c);
    }
  }
  nb_buf_putc(out, '"');
}
