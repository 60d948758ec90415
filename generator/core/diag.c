#include "core/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonout.h"
#include "core/utf8.h"

struct nb_diags {
  char *filename;
  char *text;        /* source, UTF-8, or NULL */
  size_t text_len;
  nb_diag **items;
  size_t n, cap;
  int sorted;
};

nb_diags *nb_diags_new(const char *filename)
{
  nb_diags *d = nb_xcalloc(1, sizeof *d);
  d->filename = nb_xstrdup(filename ? filename : "-");
  d->sorted = 1;
  return d;
}

static void diag_free(nb_diag *g)
{
  free(g->message);
  free(g->hint);
  free(g->path);
  free(g->label);
  free(g);
}

void nb_diags_free(nb_diags *d)
{
  if (!d)
    return;
  for (size_t i = 0; i < d->n; i++)
    diag_free(d->items[i]);
  free(d->items);
  free(d->filename);
  free(d->text);
  free(d);
}

void nb_diags_set_source(nb_diags *d, const char *text, size_t len)
{
  nb_diags_take_source(d, nb_xstrndup(text, len), len);
}

void nb_diags_take_source(nb_diags *d, char *text, size_t len)
{
  free(d->text);
  d->text = text;
  d->text_len = len;
}

const char *nb_diags_filename(const nb_diags *d)
{
  return d->filename;
}

const char *nb_diags_source(const nb_diags *d, size_t *len)
{
  if (len)
    *len = d->text ? d->text_len : 0;
  return d->text;
}

void nb_diags_drop_warnings(nb_diags *d)
{
  size_t kept = 0;
  for (size_t i = 0; i < d->n; i++) {
    if (d->items[i]->sev == NB_SEV_WARNING)
      diag_free(d->items[i]);
    else
      d->items[kept++] = d->items[i];
  }
  d->n = kept;
}

nb_diag *nb_diag_vadd(nb_diags *d, nb_severity sev, const char *code, uint32_t line,
                      uint32_t col, const char *fmt, va_list ap)
{
  NB_GROW(d->items, d->n, d->cap, 16);
  nb_diag *g = nb_xcalloc(1, sizeof *g);
  g->sev = sev;
  snprintf(g->code, sizeof g->code, "%s", code);
  g->line = line;
  g->col = col;
  g->seq = d->n;
  g->message = nb_xvasprintf(fmt, ap);
  d->items[d->n++] = g;
  d->sorted = 0;
  return g;
}

nb_diag *nb_diag_add(nb_diags *d, nb_severity sev, const char *code, uint32_t line,
                     uint32_t col, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  nb_diag *g = nb_diag_vadd(d, sev, code, line, col, fmt, ap);
  va_end(ap);
  return g;
}

void nb_diag_hint(nb_diag *g, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  free(g->hint);
  g->hint = nb_xvasprintf(fmt, ap);
  va_end(ap);
}

void nb_diag_where(nb_diag *g, const char *path, const char *label)
{
  free(g->path);
  free(g->label);
  g->path = path && *path ? nb_xstrdup(path) : NULL;
  g->label = label && *label ? nb_xstrdup(label) : NULL;
}

size_t nb_diags_count(const nb_diags *d)
{
  return d->n;
}

static size_t count_sev(const nb_diags *d, nb_severity sev)
{
  size_t k = 0;
  for (size_t i = 0; i < d->n; i++)
    k += d->items[i]->sev == sev;
  return k;
}

size_t nb_diags_errors(const nb_diags *d)
{
  return count_sev(d, NB_SEV_ERROR);
}

size_t nb_diags_warnings(const nb_diags *d)
{
  return count_sev(d, NB_SEV_WARNING);
}

static int by_position(const void *pa, const void *pb)
{
  const nb_diag *a = *(nb_diag *const *)pa, *b = *(nb_diag *const *)pb;
  if (a->line != b->line)
    return a->line < b->line ? -1 : 1;
  if (a->col != b->col)
    return a->col < b->col ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

const nb_diag *nb_diags_get(nb_diags *d, size_t i)
{
  if (!d->sorted) {
    qsort(d->items, d->n, sizeof *d->items, by_position);
    d->sorted = 1;
  }
  return i < d->n ? d->items[i] : NULL;
}

void nb_diags_filter(nb_diags *d, int (*keep)(nb_diag *g, void *ctx), void *ctx)
{
  size_t k = 0;
  for (size_t i = 0; i < d->n; i++) {
    nb_diag *g = d->items[i];
    if (keep(g, ctx)) {
      d->items[k++] = g;
      continue;
    }
    free(g->message);
    free(g->hint);
    free(g->path);
    free(g->label);
    free(g);
  }
  d->n = k;
}

int nb_diags_has(const nb_diags *d, const char *code)
{
  for (size_t i = 0; i < d->n; i++)
    if (strcmp(d->items[i]->code, code) == 0)
      return 1;
  return 0;
}

/* A place in the source: where line LINE starts. Diagnostics are printed in position order,
 * so the cursor only moves forward and quoting N lines of an M-line file costs O(N + M). */
typedef struct {
  const char *p;
  uint32_t line;
} cursor;

/* The bytes of line LINE (1-based) of the source, without its line end. */
static const char *source_line(const nb_diags *d, cursor *c, uint32_t line, size_t *len)
{
  if (!d->text || line == 0)
    return NULL;
  const char *end = d->text + d->text_len;
  if (!c->p || line < c->line) {
    c->p = d->text;
    c->line = 1;
  }
  while (c->line < line) {
    const char *nl = memchr(c->p, '\n', (size_t)(end - c->p));
    if (!nl)
      return NULL;
    c->p = nl + 1;
    c->line++;
  }
  const char *e = memchr(c->p, '\n', (size_t)(end - c->p));
  if (!e)
    e = end;
  if (e > c->p && e[-1] == '\r')
    e--;
  *len = (size_t)(e - c->p);
  return c->p;
}

/* Quotes the source line and puts a caret under column COL (in characters). */
static void quote_line(const nb_diags *d, cursor *c, const nb_diag *g, nb_buf *out)
{
  size_t len;
  const char *s = source_line(d, c, g->line, &len);
  if (!s || len > 400)
    return;
  char num[16];
  int w = snprintf(num, sizeof num, "%u", g->line);
  nb_buf_printf(out, " %s | ", num);
  size_t caret = 0;
  uint32_t ch = 1;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = nb_utf8_decode(s + i, len - i, &cp);
    if (cp == '\t') {
      nb_buf_putc(out, ' ');
    } else {
      nb_buf_put(out, s + i, n);
    }
    if (ch < g->col)
      caret += cp == '\t' ? 1 : (size_t)nb_utf8_cp_width(cp);
    ch++;
    i += n;
  }
  nb_buf_printf(out, "\n %*s | ", w, "");
  for (size_t i = 0; i < caret; i++)
    nb_buf_putc(out, ' ');
  nb_buf_puts(out, "^\n");
}

static const char *sev_word(nb_severity sev)
{
  return sev == NB_SEV_ERROR ? "错误" : sev == NB_SEV_WARNING ? "警告" : "已忽略";
}

int nb_diags_print_text(nb_diags *d, FILE *out)
{
  nb_buf b = NB_BUF_INIT;
  cursor c = {NULL, 0};
  for (size_t i = 0; i < d->n; i++) {
    const nb_diag *g = nb_diags_get(d, i);
    if (g->line && g->col)
      nb_buf_printf(&b, "%s:%u:%u: ", d->filename, g->line, g->col);
    else if (g->line)
      nb_buf_printf(&b, "%s:%u: ", d->filename, g->line);
    else
      nb_buf_printf(&b, "%s: ", d->filename);
    nb_buf_printf(&b, "%s[%s] %s\n", sev_word(g->sev), g->code, g->message);
    quote_line(d, &c, g, &b);
    if (g->label || g->path) {
      nb_buf_puts(&b, "  = 项目：");
      if (g->label)
        nb_buf_puts(&b, g->label);
      if (g->path)
        nb_buf_printf(&b, g->label ? "（%s）" : "%s", g->path);
      nb_buf_putc(&b, '\n');
    }
    if (g->hint)
      nb_buf_printf(&b, "  = 修改：%s\n", g->hint);
  }
  int rc = 0;
  if (b.len && fwrite(b.data, 1, b.len, out) != b.len)
    rc = -1;
  nb_buf_free(&b);
  return rc;
}

static void json_field(nb_buf *out, const char *key, const char *val)
{
  nb_buf_printf(out, ",\"%s\":", key);
  if (val)
    nb_jsonout_string(out, val, strlen(val));
  else
    nb_buf_puts(out, "null");
}

void nb_diags_json(nb_diags *d, nb_buf *out)
{
  nb_buf_puts(out, "{\"file\":");
  nb_jsonout_string(out, d->filename, strlen(d->filename));
  nb_buf_printf(out, ",\"errors\":%zu,\"warnings\":%zu,\"diagnostics\":[",
                nb_diags_errors(d), nb_diags_warnings(d));
  for (size_t i = 0; i < d->n; i++) {
    const nb_diag *g = nb_diags_get(d, i);
    nb_buf_printf(out, "%s{\"line\":%u,\"column\":%u,\"severity\":\"%s\",\"code\":\"%s\"",
                  i ? "," : "", g->line, g->col,
                  g->sev == NB_SEV_ERROR ? "error" : g->sev == NB_SEV_WARNING ? "warning" : "ignored",
                  g->code);
    json_field(out, "message", g->message);
    json_field(out, "hint", g->hint);
    json_field(out, "path", g->path);
    json_field(out, "label", g->label);
    nb_buf_putc(out, '}');
  }
  nb_buf_puts(out, "]}");
}
