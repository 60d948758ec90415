/* nb_jsonout: writing JSON text (lint --format json, render -f json).
 *
 * Functions append to a caller-owned nb_buf; nothing is kept between calls. */
#ifndef NB_JSONOUT_H
#define NB_JSONOUT_H

#include <stddef.h>

#include "core/buf.h"

/* Appends S (LEN bytes of UTF-8) to OUT as a JSON string literal, quotes included. */
void nb_jsonout_string(nb_buf *out, const char *s, size_t len);

#endif
