/* Recursive descent over the JSON grammar:
 *   value  -> object | array | string | number | true | false | null
 *   object -> '{' (string ':' value (',' string ':' value)*)? '}'
 *   array  -> '[' (value (',' value)*)? ']' */
#include "core/json.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

typedef struct {
  const char *s, *end, *line_start;
  uint32_t line;
  const char *mark;     /* a position whose column is known: columns are counted from it */
  uint32_t mark_col;
  unsigned char stops[256]; /* bytes that end the plain part of a string: " \\ and controls */
  nb_arena *arena;
  nb_diags *diags;
  int failed;
  unsigned depth;
} reader;

/* The column (in characters) of AT on the current line. Parsing only moves forward, so
 * counting from the last position asked about keeps the whole parse linear. */
static uint32_t column(reader *r, const char *at)
{
  if (r->mark < r->line_start || r->mark > at) {
    r->mark = r->line_start;
    r->mark_col = 1;
  }
  uint32_t c = r->mark_col + (uint32_t)nb_utf8_count(r->mark, (size_t)(at - r->mark));
  r->mark = at;
  r->mark_col = c;
  return c;
}

static void error(reader *r, const char *what)
{
  if (!r->failed)
    nb_diag_add(r->diags, NB_SEV_ERROR, "NB100", r->line, column(r, r->s), "JSON 格式错误：%s", what);
  r->failed = 1;
}

static void skip_space(reader *r)
{
  while (r->s < r->end) {
    char c = *r->s;
    if (c == '\n') {
      r->line++;
      r->line_start = r->s + 1;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      return;
    }
    r->s++;
  }
}

static nb_node *start(reader *r, nb_kind kind)
{
  nb_node *n = nb_node_new(r->arena, kind);
  n->line = r->line;
  n->col = column(r, r->s);
  return n;
}

static void finish(reader *r, nb_node *n)
{
  n->end_line = r->line;
  n->end_col = column(r, r->s);
}

static nb_node *value(reader *r);

static unsigned hex4(reader *r)
{
  unsigned v = 0;
  for (int i = 0; i < 4; i++, r->s++) {
    char c = r->s < r->end ? *r->s : 0;
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) {
      error(r, "\\u 后面应是4位十六进制数");
      return 0;
    }
    v = v << 4 | (unsigned)d;
  }
  return v;
}

/* string -> '"' chars '"'; R->s is at the opening quote. */
static nb_node *string(reader *r)
{
  nb_node *n = start(r, NB_STR);
  n->style = NB_STYLE_DOUBLE;
  r->s++;
  /* fast path: no escapes, as in nearly every string of the schema */
  const char *q = r->s;
  while (q < r->end && !r->stops[(unsigned char)*q])
    q++;
  if (q < r->end && *q == '"') {
    n->str = nb_arena_strndup(r->arena, r->s, (size_t)(q - r->s));
    n->len = (size_t)(q - r->s);
    r->s = q + 1;
    finish(r, n);
    return n;
  }
  nb_buf b = NB_BUF_INIT;
  while (!r->failed) {
    const char *run = r->s;
    while (r->s < r->end && *r->s != '"' && *r->s != '\\' && (unsigned char)*r->s >= 0x20)
      r->s++;
    nb_buf_put(&b, run, (size_t)(r->s - run));
    if (r->s >= r->end || (unsigned char)*r->s < 0x20) {
      error(r, "字符串没有结束");
      break;
    }
    if (*r->s == '"') {
      r->s++;
      break;
    }
    r->s++; /* backslash */
    char e = r->s < r->end ? *r->s++ : 0;
    const char *simple = strchr("\"\\/bfnrt", e);
    if (e && simple) {
      static const char out[] = "\"\\/\b\f\n\r\t";
      nb_buf_putc(&b, out[simple - "\"\\/bfnrt"]);
    } else if (e == 'u') {
      uint32_t cp = hex4(r);
      if (cp >= 0xD800 && cp <= 0xDBFF && r->end - r->s >= 6 && r->s[0] == '\\' && r->s[1] == 'u') {
        r->s += 2;
        uint32_t lo = hex4(r);
        cp = lo >= 0xDC00 && lo <= 0xDFFF ? 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00) : 0xFFFD;
      }
      char u[4];
      nb_buf_put(&b, u, nb_utf8_encode(cp, u));
    } else {
      error(r, "无效的转义符");
    }
  }
  n->str = nb_arena_strndup(r->arena, nb_buf_cstr(&b), b.len);
  n->len = b.len;
  nb_buf_free(&b);
  finish(r, n);
  return n;
}

static nb_node *number(reader *r)
{
  nb_node *n = start(r, NB_INT);
  const char *p = r->s;
  if (p < r->end && *p == '-')
    p++;
  const char *digits = p;
  while (p < r->end && *p >= '0' && *p <= '9')
    p++;
  int real = 0;
  if (p < r->end && *p == '.') {
    real = 1;
    for (p++; p < r->end && *p >= '0' && *p <= '9';)
      p++;
  }
  if (p < r->end && (*p == 'e' || *p == 'E')) {
    real = 1;
    p++;
    if (p < r->end && (*p == '+' || *p == '-'))
      p++;
    while (p < r->end && *p >= '0' && *p <= '9')
      p++;
  }
  if (p == digits) {
    error(r, "这里应是一个值");
    return n;
  }
  n->str = nb_arena_strndup(r->arena, r->s, (size_t)(p - r->s));
  n->len = (size_t)(p - r->s);
  errno = 0;
  if (!real) {
    n->num.i = strtoll(n->str, NULL, 10);
    if (errno == ERANGE)
      real = 1;
  }
  if (real) {
    n->kind = NB_REAL;
    n->num.r = strtod(n->str, NULL);
  }
  r->s = p;
  finish(r, n);
  return n;
}

static nb_node *word(reader *r, const char *w, nb_kind kind, int b)
{
  size_t len = strlen(w);
  if ((size_t)(r->end - r->s) < len || memcmp(r->s, w, len) != 0) {
    error(r, "这里应是一个值");
    return NULL;
  }
  nb_node *n = start(r, kind);
  n->num.b = b;
  n->str = w;
  n->len = len;
  r->s += len;
  finish(r, n);
  return n;
}

/* Past the opening bracket; true, with N finished, when CLOSE follows at once (empty). */
static int closes_at_once(reader *r, nb_node *n, char close)
{
  r->s++;
  skip_space(r);
  if (r->s < r->end && *r->s == close) {
    r->s++;
    finish(r, n);
    return 1;
  }
  return 0;
}

/* After a member: true past a ',', false past CLOSE or after the error MISSING. */
static int more_members(reader *r, char close, const char *missing)
{
  skip_space(r);
  if (r->s < r->end && *r->s == ',') {
    r->s++;
    return 1;
  }
  if (r->s < r->end && *r->s == close)
    r->s++;
  else
    error(r, missing);
  return 0;
}

/* array -> '[' (value (',' value)*)? ']' */
static nb_node *array(reader *r)
{
  nb_node *n = start(r, NB_SEQ);
  if (closes_at_once(r, n, ']'))
    return n;
  while (!r->failed) {
    nb_node *v = value(r);
    if (!v)
      break;
    nb_node_append(r->arena, n, v);
    if (!more_members(r, ']', "列表中缺少“,”或“]”"))
      break;
  }
  finish(r, n);
  return n;
}

/* object -> '{' (string ':' value (',' string ':' value)*)? '}' */
static nb_node *object(reader *r)
{
  nb_node *n = start(r, NB_MAP);
  if (closes_at_once(r, n, '}'))
    return n;
  while (!r->failed) {
    skip_space(r);
    if (r->s >= r->end || *r->s != '"') {
      error(r, "这里应是带引号的键");
      break;
    }
    nb_node *k = string(r);
    if (nb_node_get(n, k->str)) {
      error(r, "键重复出现");
      break;
    }
    skip_space(r);
    if (r->s >= r->end || *r->s != ':') {
      error(r, "键后面缺少“:”");
      break;
    }
    r->s++;
    nb_node *v = value(r);
    if (!v)
      break;
    nb_node_add_pair(r->arena, n, k, v);
    if (!more_members(r, '}', "对象中缺少“,”或“}”"))
      break;
  }
  finish(r, n);
  return n;
}

static nb_node *value(reader *r)
{
  skip_space(r);
  if (r->s >= r->end) {
    error(r, "内容不完整");
    return NULL;
  }
  if (++r->depth > 256) {
    error(r, "嵌套太深");
    return NULL;
  }
  nb_node *n;
  switch (*r->s) {
  case '{': n = object(r); break;
  case '[': n = array(r); break;
  case '"': n = string(r); break;
  case 't': n = word(r, "true", NB_BOOL, 1); break;
  case 'f': n = word(r, "false", NB_BOOL, 0); break;
  case 'n': n = word(r, "null", NB_NULL, 0); break;
  default: n = number(r); break;
  }
  r->depth--;
  return r->failed ? NULL : n;
}

nb_node *nb_json_parse(const char *text, size_t len, nb_arena *arena, nb_diags *diags)
{
  reader r = {text, text + len, text, 1, text, 1, {0}, arena, diags, 0, 0};
  for (int c = 0; c < 0x20; c++)
    r.stops[c] = 1;
  r.stops['"'] = r.stops['\\'] = 1;
  nb_node *root = value(&r);
  skip_space(&r);
  if (root && r.s < r.end)
    error(&r, "值的后面还有多余的内容");
  return r.failed ? NULL : root;
}
