/* YAML writing helpers. The rules for plain scalars are deliberately stricter than YAML's:
 * a value is written plain only when no YAML 1.1 or 1.2 reader could take it for anything
 * but the same string, and when it holds nothing the loader would warn about (full-width
 * colon, tabs); everything else is double-quoted. */
#include "author/yamlout.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int has(const char *s, size_t len, const char *needle)
{
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp(s + i, needle, n) == 0)
      return 1;
  return 0;
}

/* Bytes no scalar written by hand should carry raw: control characters, NEL, LS, PS, BOM. */
static int has_special(const char *s, size_t len, int allow_newline)
{
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n' && allow_newline)
      continue;
    if (c < 0x20 || c == 0x7f)
      return 1;
  }
  return has(s, len, "\xc2\x85") || has(s, len, "\xe2\x80\xa8") || has(s, len, "\xe2\x80\xa9")
      || has(s, len, "\xef\xbb\xbf");
}

static int reserved_word(const char *s, size_t len)
{
  static const char *const words[] = {"null", "~", "true", "false", "yes", "no", "on",
                                      "off", "y", "n", ".inf", ".nan"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strlen(words[i]) == len && strncasecmp(s, words[i], len) == 0)
      return 1;
  return 0;
}

int nb_yaml_plain_ok(const char *s, size_t len)
{
  if (len == 0 || has_special(s, len, 0))
    return 0;
  if (strchr("-?:,[]{}#&*!|>'\"%@` +.0123456789", s[0]))
    return 0;
  if (s[len - 1] == ' ' || s[len - 1] == ':')
    return 0;
  if (has(s, len, ": ") || has(s, len, " #") || has(s, len, "\xef\xbc\x9a"))
    return 0;
  for (size_t i = 0; i < len; i++)
    if (strchr(",[]{}", s[i]))
      return 0;
  return !reserved_word(s, len);
}

void nb_yaml_quoted(nb_buf *out, const char *s, size_t len)
{
  nb_buf_putc(out, '"');
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      nb_buf_putc(out, '\\');
      nb_buf_putc(out, (char)c);
    } else if (c == '\n') {
      nb_buf_puts(out, "\\n");
    } else if (c == '\t') {
      nb_buf_puts(out, "\\t");
    } else if (c < 0x20 || c == 0x7f) {
      nb_buf_printf(out, "\\x%02x", c);
    } else if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85) {
      nb_buf_puts(out, "\\N");
      i++;
    } else if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80
               && ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
      nb_buf_puts(out, (unsigned char)s[i + 2] == 0xa8 ? "\\L" : "\\P");
      i += 2;
    } else if (c == 0xef && i + 2 < len && (unsigned char)s[i + 1] == 0xbb
               && (unsigned char)s[i + 2] == 0xbf) {
      nb_buf_puts(out, "\\uFEFF");
      i += 2;
    } else {
      nb_buf_putc(out, (char)c);
    }
  }
  nb_buf_putc(out, '"');
}

void nb_yaml_scalar(nb_buf *out, const char *s, size_t len)
{
  if (nb_yaml_plain_ok(s, len))
    nb_buf_put(out, s, len);
  else
    nb_yaml_quoted(out, s, len);
}

int nb_yaml_literal_ok(const char *s, size_t len)
{
  if (has_special(s, len, 1))
    return 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\n')
      return 1;
  return 0; /* only blanks: a literal block could not say how many */
}

void nb_yaml_literal(nb_buf *out, const char *s, size_t len, unsigned parent_indent,
                     unsigned indent)
{
  size_t trailing = 0;
  while (trailing < len && s[len - 1 - trailing] == '\n')
    trailing++;
  size_t first = 0; /* first non-empty line decides whether an indicator is needed */
  while (first < len && s[first] == '\n')
    first++;
  nb_buf_putc(out, '|');
  if (first < len && s[first] == ' ')
    nb_buf_printf(out, "%u", indent - parent_indent);
  if (trailing == 0)
    nb_buf_putc(out, '-');
  else if (trailing > 1)
    nb_buf_putc(out, '+');
  nb_buf_putc(out, '\n');
  size_t body = trailing ? len - 1 : len; /* the last newline ends the last line */
  size_t i = 0;
  for (;;) {
    const char *nl = memchr(s + i, '\n', body - i);
    size_t end = nl ? (size_t)(nl - s) : body;
    if (end > i)
      nb_buf_printf(out, "%*s", (int)indent, "");
    nb_buf_put(out, s + i, end - i);
    nb_buf_putc(out, '\n');
    if (!nl)
      break;
    i = end + 1;
  }
}

void nb_yaml_comment(nb_buf *out, unsigned indent, const char *text)
{
  const char *p = text;
  for (;;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    nb_buf_printf(out, "%*s#", (int)indent, "");
    if (n) {
      nb_buf_putc(out, ' ');
      nb_buf_put(out, p, n);
    }
    nb_buf_putc(out, '\n');
    if (!nl || !nl[1])
      break;
    p = nl + 1;
  }
}

/* ---- emitter ---- */

typedef struct {
  nb_buf *out;
  const nb_yaml_comments *cm;
  nb_buf path;
} emitter;

static int is_scalar(const nb_node *n)
{
  return n->kind != NB_SEQ && n->kind != NB_MAP;
}

static void put_scalar(emitter *e, const nb_node *n)
{
  switch (n->kind) {
  case NB_NULL:
    nb_buf_puts(e->out, "null");
    break;
  case NB_BOOL:
    nb_buf_puts(e->out, n->num.b ? "true" : "false");
    break;
  case NB_INT:
    if (n->str)
      nb_buf_put(e->out, n->str, n->len);
    else
      nb_buf_printf(e->out, "%lld", (long long)n->num.i);
    break;
  case NB_REAL:
    if (n->str)
      nb_buf_put(e->out, n->str, n->len);
    else
      nb_buf_printf(e->out, "%.10g", n->num.r);
    break;
  default:
    nb_yaml_scalar(e->out, n->str ? n->str : "", n->str ? n->len : 0);
    break;
  }
}

static void put_flow_map(emitter *e, const nb_node *m)
{
  nb_buf_putc(e->out, '{');
  for (size_t i = 0; i < m->n; i++) {
    if (i)
      nb_buf_puts(e->out, ", ");
    nb_yaml_scalar(e->out, m->pairs[i].key->str, m->pairs[i].key->len);
    nb_buf_puts(e->out, ": ");
    put_scalar(e, m->pairs[i].val);
  }
  nb_buf_putc(e->out, '}');
}

static const char *comment_for(emitter *e, int after)
{
  if (!e->cm)
    return NULL;
  const char *(*f)(void *, const char *) = after ? e->cm->after : e->cm->above;
  return f ? f(e->cm->ctx, nb_buf_cstr(&e->path)) : NULL;
}

static void end_line(emitter *e)
{
  const char *c = comment_for(e, 1);
  if (c && *c)
    nb_buf_printf(e->out, "  # %s", c);
  nb_buf_putc(e->out, '\n');
}

static int flat_map(const nb_node *m)
{
  if (m->kind != NB_MAP)
    return 0;
  for (size_t i = 0; i < m->n; i++)
    if (!is_scalar(m->pairs[i].val)
        || (m->pairs[i].val->kind == NB_STR && memchr(m->pairs[i].val->str, '\n',
                                                      m->pairs[i].val->len)))
      return 0;
  return 1;
}

static void emit_map(emitter *e, const nb_node *map, unsigned indent);

static void emit_seq(emitter *e, const nb_node *seq, unsigned indent)
{
  int all_scalar = 1;
  for (size_t i = 0; i < seq->n; i++)
    if (!is_scalar(seq->items[i]))
      all_scalar = 0;
  if (all_scalar) {
    nb_buf_puts(e->out, " [");
    for (size_t i = 0; i < seq->n; i++) {
      if (i)
        nb_buf_puts(e->out, ", ");
      put_scalar(e, seq->items[i]);
    }
    nb_buf_putc(e->out, ']');
    end_line(e);
    return;
  }
  end_line(e);
  size_t base = e->path.len;
  for (size_t i = 0; i < seq->n; i++) {
    const nb_node *it = seq->items[i];
    e->path.len = base;
    nb_buf_printf(&e->path, "[%zu]", i);
    nb_buf_printf(e->out, "%*s-", (int)indent + 2, "");
    if (flat_map(it)) {
      nb_buf_putc(e->out, ' ');
      put_flow_map(e, it);
      end_line(e);
    } else if (it->kind == NB_MAP) {
      nb_buf_putc(e->out, '\n');
      emit_map(e, it, indent + 4);
    } else {
      nb_buf_putc(e->out, ' ');
      put_scalar(e, it);
      end_line(e);
    }
  }
  e->path.len = base;
  e->path.data[base] = '\0';
}

static void emit_value(emitter *e, const nb_node *v, unsigned indent)
{
  switch (v->kind) {
  case NB_MAP:
    if (v->n == 0) {
      nb_buf_puts(e->out, " {}");
      end_line(e);
    } else {
      end_line(e);
      emit_map(e, v, indent + 2);
    }
    break;
  case NB_SEQ:
    emit_seq(e, v, indent);
    break;
  case NB_NULL:
    end_line(e);
    break;
  case NB_STR:
    if (v->len && memchr(v->str, '\n', v->len) && nb_yaml_literal_ok(v->str, v->len)) {
      nb_buf_putc(e->out, ' ');
      nb_yaml_literal(e->out, v->str, v->len, indent, indent + 2);
      break;
    }
    nb_buf_putc(e->out, ' ');
    if (v->len == 0)
      nb_buf_puts(e->out, "\"\"");
    else
      put_scalar(e, v);
    end_line(e);
    break;
  default:
    nb_buf_putc(e->out, ' ');
    put_scalar(e, v);
    end_line(e);
    break;
  }
}

static void emit_map(emitter *e, const nb_node *map, unsigned indent)
{
  size_t base = e->path.len;
  for (size_t i = 0; i < map->n; i++) {
    const nb_pair *p = &map->pairs[i];
    e->path.len = base;
    if (base)
      nb_buf_putc(&e->path, '.');
    nb_buf_put(&e->path, p->key->str, p->key->len);
    const char *above = comment_for(e, 0);
    if (above && *above)
      nb_yaml_comment(e->out, indent, above);
    nb_buf_printf(e->out, "%*s", (int)indent, "");
    nb_yaml_scalar(e->out, p->key->str, p->key->len);
    nb_buf_putc(e->out, ':');
    emit_value(e, p->val, indent);
  }
  e->path.len = base;
  if (e->path.data)
    e->path.data[base] = '\0';
}

void nb_yaml_emit(nb_buf *out, const nb_node *root, const nb_yaml_comments *cm)
{
  emitter e = {out, cm, NB_BUF_INIT};
  nb_buf_puts(&e.path, "");
  if (root && root->kind == NB_MAP)
    emit_map(&e, root, 0);
  nb_buf_free(&e.path);
}
