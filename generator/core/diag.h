/* nb_diag: diagnostics of one input file, collected, sorted by position and printed.
 *
 * Every message is Chinese and says what is wrong; a hint says how to fix it. Positions are
 * 1-based line and column in characters (line 0: the file as a whole).
 *
 * Ownership: an nb_diags owns its diagnostics and a copy of the file name and source text.
 * nb_diags_free(NULL) is a no-op. */
#ifndef NB_DIAG_H
#define NB_DIAG_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"

/* NB_SEV_IGNORED: a finding the data file excuses with a reason ("# nianbao: 忽略 NB303
 * 因为：…"); printed as 已忽略 with the reason as hint, counted neither as error nor warning. */
typedef enum { NB_SEV_ERROR, NB_SEV_WARNING, NB_SEV_IGNORED } nb_severity;

typedef struct {
  nb_severity sev;
  char code[8];       /* "NB201" */
  uint32_t line, col; /* 1-based; line 0 = no position */
  char *message;      /* what is wrong */
  char *hint;         /* how to fix it, or NULL */
  char *path;         /* key path, e.g. "applications.results.denied.state_secret[0]", or NULL */
  char *label;        /* official labels, e.g. "三、… › （三）不予公开 › 1.属于国家秘密 › 自然人" */
  size_t seq;         /* insertion order, for a stable sort */
} nb_diag;

typedef struct nb_diags nb_diags;

nb_diags *nb_diags_new(const char *filename);
void nb_diags_free(nb_diags *d);
/* Keeps a copy of the (UTF-8) source text, to quote lines under messages. */
void nb_diags_set_source(nb_diags *d, const char *text, size_t len);
/* The same, taking TEXT itself (allocated with malloc, NUL-terminated after LEN bytes):
 * D frees it. */
void nb_diags_take_source(nb_diags *d, char *text, size_t len);
const char *nb_diags_filename(const nb_diags *d);
/* The source text kept by nb_diags_set_source or _take_source (NULL when none); *LEN receives its length.
 * Rules use it to point inside block scalars. Valid for the life of D. */
const char *nb_diags_source(const nb_diags *d, size_t *len);
/* Removes and frees every warning, keeping the errors in their order (lint --quiet). */
void nb_diags_drop_warnings(nb_diags *d);

/* Adds a diagnostic and returns it so that hint/path/label can be set. The pointer stays
 * valid for the life of D. */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
nb_diag *nb_diag_add(nb_diags *d, nb_severity sev, const char *code, uint32_t line,
                     uint32_t col, const char *fmt, ...);
/* nb_diag_add with the arguments of the message as a va_list. */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 0)))
#endif
nb_diag *nb_diag_vadd(nb_diags *d, nb_severity sev, const char *code, uint32_t line,
                      uint32_t col, const char *fmt, va_list ap);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void nb_diag_hint(nb_diag *g, const char *fmt, ...);
void nb_diag_where(nb_diag *g, const char *path, const char *label);

size_t nb_diags_count(const nb_diags *d);
size_t nb_diags_errors(const nb_diags *d);
size_t nb_diags_warnings(const nb_diags *d);
/* The I-th diagnostic in position order (sorted on first call after an add). */
const nb_diag *nb_diags_get(nb_diags *d, size_t i);
/* Calls KEEP on every diagnostic; those for which it returns 0 are removed. KEEP may change
 * a diagnostic's severity and hint (nb_diag_hint). */
void nb_diags_filter(nb_diags *d, int (*keep)(nb_diag *g, void *ctx), void *ctx);
/* Whether a diagnostic with CODE exists (for tests and for suppressing follow-up errors). */
int nb_diags_has(const nb_diags *d, const char *code);

/* Text form: "FILE:LINE:COL: 错误[NB201] message", the source line with a caret, then the
 * item's labels and the hint. Returns 0, or -1 on a write error. */
int nb_diags_print_text(nb_diags *d, FILE *out);
/* Appends {"file":…,"diagnostics":[…]} for D to OUT (the lint --format json form). */
void nb_diags_json(nb_diags *d, nb_buf *out);

#endif
