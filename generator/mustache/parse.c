/* nb_mustache: parsing a template into a tree, and the error type.
 *
 * Parsing makes three passes:
 *  1. lex: the text is cut into tokens, text (one token per line, its newline included) and
 *     tags, following set-delimiter tags as they come. Section, block and parent openers are
 *     matched with their end tags on a stack, so nesting errors are found here.
 *  2. standalone: each line (the tokens up to a text ending in a newline) is checked against
 *     the specification's standalone rule. On a standalone line the whitespace and the newline
 *     are dropped and the tags keep the line's indentation.
 *  3. build: the tokens become the node tree (mustache/priv.h).
 *
 * Standalone lines: a line holding only whitespace and tags that print nothing (sections, end
 * tags, comments, partials, set-delimiter, parents, blocks) is standalone when it has exactly
 * one such tag, not counting the tags that open and close parents, whose own text is ignored:
 * "{{<parent}}{{$block}}" and "{{/block}}{{/parent}}" stand alone, "{{$a}}{{/a}}" does not.
 *
 * Block indentation (the inheritance specification's reindentation): a block has an
 * indentation, that of the line after its opening tag when the tag stands alone, else that of
 * the tag itself when only whitespace precedes it, else none. Inside an overriding block (a
 * {{$block}} directly in a {{<parent}}) that indentation is removed from the start of every
 * line; the block it replaces adds its own indentation when rendering the override. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache/priv.h"
#include "core/utf8.h"

#define NONE ((size_t)-1)

/* ---- errors ---- */

void nb_mus_error_free(nb_mus_error *e)
{
  if (!e)
    return;
  free(e->file);
  free(e->message);
  free(e->hint);
  free(e->source);
  *e = (nb_mus_error)NB_MUS_ERROR_INIT;
}

void nb_mus_fail(nb_mus_error *err, const nb_mus_tpl *t, size_t off, const char *code,
                 const char *fmt, ...)
{
  nb_mus_error_free(err);
  snprintf(err->code, sizeof err->code, "%s", code);
  err->file = nb_xstrdup(t->name);
  if (off != NONE)
    nb_utf8_position(t->src, t->len, off, &err->line, &err->col);
  err->source = nb_xmalloc(t->len + 1);
  memcpy(err->source, t->src, t->len + 1);
  err->source_len = t->len;
  va_list ap;
  va_start(ap, fmt);
  err->message = nb_xvasprintf(fmt, ap);
  va_end(ap);
}

void nb_mus_hint(nb_mus_error *err, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  free(err->hint);
  err->hint = nb_xvasprintf(fmt, ap);
  va_end(ap);
}

void nb_mus_error_format(const nb_mus_error *e, nb_buf *out)
{
  const char *file = e->file ? e->file : "";
  const char *msg = e->message ? e->message : "";
  if (e->line)
    nb_buf_printf(out, "模板 %s:%u:%u: %s", file, (unsigned)e->line, (unsigned)e->col, msg);
  else
    nb_buf_printf(out, "模板 %s: %s", file, msg);
}

nb_diags *nb_mus_error_diags(const nb_mus_error *e)
{
  nb_diags *d = nb_diags_new(e->file ? e->file : "");
  if (e->source)
    nb_diags_set_source(d, e->source, e->source_len);
  if (e->code[0]) {
    nb_diag *g = nb_diag_add(d, NB_SEV_ERROR, e->code, e->line, e->col, "%s",
                             e->message ? e->message : "");
    if (e->hint)
      nb_diag_hint(g, "%s", e->hint);
  }
  return d;
}

/* ---- pass 1: tokens ---- */

typedef enum {
  TK_TEXT, TK_VAR, TK_RAW, TK_SECTION, TK_INVERTED, TK_CLOSE, TK_COMMENT, TK_PARTIAL,
  TK_DELIM, TK_PARENT, TK_BLOCK
} tk_kind;

typedef struct {
  tk_kind kind;
  unsigned char dynamic;    /* PARTIAL, PARENT: {{>*name}} */
  unsigned char nl;         /* TEXT: ends with a newline */
  unsigned char skip;       /* TEXT: whitespace of a standalone line */
  unsigned char standalone; /* tags: on a standalone line */
  unsigned char lead;       /* tags: only whitespace before it on its line */
  unsigned char bol;        /* first token of its line */
  size_t off, end;          /* span in the source; tags include their delimiters */
  size_t name, name_len;    /* tags: the name, trimmed, without the '*' of a dynamic name */
  size_t match;             /* CLOSE: index of its opener */
  size_t ws, ws_len;        /* the leading spaces and tabs of the token's line */
  size_t next;              /* standalone tags: index of the first token of the next line */
} tok;

typedef struct {
  const nb_mus_tpl *t;
  nb_mus_error *err;
  tok *tk;
  size_t n, cap;
  size_t open[NB_MUS_MAX_NEST]; /* openers not yet closed */
  size_t nopen;
  const char *otag, *ctag;      /* current delimiters */
  size_t olen, clen;
} lexer;

static int is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_hspace(char c)
{
  return c == ' ' || c == '\t';
}

static tok *push_tok(lexer *lx, tk_kind kind, size_t off, size_t end)
{
  NB_GROW(lx->tk, lx->n, lx->cap, 64);
  tok *k = &lx->tk[lx->n++];
  memset(k, 0, sizeof *k);
  k->kind = kind;
  k->off = off;
  k->end = end;
  return k;
}

/* Offset of the first PAT at or after FROM, or NONE. */
static size_t find(const lexer *lx, size_t from, const char *pat, size_t plen)
{
  const char *s = lx->t->src;
  size_t len = lx->t->len;
  while (from + plen <= len) {
    const char *p = memchr(s + from, pat[0], len - from - plen + 1);
    if (!p)
      break;
    if (memcmp(p, pat, plen) == 0)
      return (size_t)(p - s);
    from = (size_t)(p - s) + 1;
  }
  return NONE;
}

/* text: one token per line */
static void lex_text(lexer *lx, size_t a, size_t b)
{
  const char *s = lx->t->src;
  while (a < b) {
    const char *nl = memchr(s + a, '\n', b - a);
    size_t e = nl ? (size_t)(nl - s) + 1 : b;
    push_tok(lx, TK_TEXT, a, e)->nl = nl != NULL;
    a = e;
  }
}

static void trim(const char *s, size_t *a, size_t *b)
{
  while (*a < *b && is_space(s[*a]))
    (*a)++;
  while (*b > *a && is_space(s[*b - 1]))
    (*b)--;
}

/* The tag K as written, for messages. */
#define TAG_ARGS(lx, k) (int)((k)->end - (k)->off), (lx)->t->src + (k)->off

/* set-delimiter -> "=" OPEN SPACE CLOSE "=" (content from after the first "=") */
static int lex_delim(lexer *lx, const tok *k, size_t a, size_t b)
{
  const char *s = lx->t->src;
  trim(s, &a, &b);
  size_t o0 = a, o1, c0, c1;
  if (b > a && s[b - 1] == '=') {
    b--;
    trim(s, &a, &b);
    o0 = a;
    for (o1 = o0; o1 < b && !is_space(s[o1]) && s[o1] != '='; o1++) {}
    for (c0 = o1; c0 < b && is_space(s[c0]); c0++) {}
    for (c1 = c0; c1 < b && !is_space(s[c1]) && s[c1] != '='; c1++) {}
    if (o1 > o0 && c0 > o1 && c1 > c0 && c1 == b) {
      lx->otag = s + o0;
      lx->olen = o1 - o0;
      lx->ctag = s + c0;
      lx->clen = c1 - c0;
      return 0;
    }
  }
  nb_mus_fail(lx->err, lx->t, k->off, "NB404", "分隔符设置标签 %.*s 的写法不对", TAG_ARGS(lx, k));
  nb_mus_hint(lx->err, "应写成 {{=<%% %%>=}} 的形式：等号之间是新的开始和结束分隔符，"
                       "用空格隔开，分隔符中不能有空格或等号");
  return -1;
}

static int bad_name(lexer *lx, const tok *k)
{
  const char *s = lx->t->src;
  if (k->name_len == 0) {
    nb_mus_fail(lx->err, lx->t, k->off, "NB405", "标签 %.*s 缺少名称", TAG_ARGS(lx, k));
    nb_mus_hint(lx->err, "在标签中写上要引用的名称，例如 {{单位名称}}");
    return -1;
  }
  for (size_t i = 0; i < k->name_len; i++) {
    if (is_space(s[k->name + i])) {
      nb_mus_fail(lx->err, lx->t, k->off, "NB405", "标签名称“%.*s”中不能有空白",
                  (int)k->name_len, s + k->name);
      nb_mus_hint(lx->err, "名称是一个词，多级名称用“.”连接，例如 {{report.year}}");
      return -1;
    }
  }
  return 0;
}

static int same_name(const lexer *lx, const tok *x, const tok *y)
{
  return x->name_len == y->name_len &&
         memcmp(lx->t->src + x->name, lx->t->src + y->name, x->name_len) == 0;
}

static int lex_open(lexer *lx, tok *k)
{
  if (lx->nopen == NB_MUS_MAX_NEST) {
    nb_mus_fail(lx->err, lx->t, k->off, "NB408", "区块嵌套超过 %u 层：%.*s",
                NB_MUS_MAX_NEST, TAG_ARGS(lx, k));
    nb_mus_hint(lx->err, "检查是否漏写了结束标记，或减少区块的嵌套");
    return -1;
  }
  lx->open[lx->nopen++] = (size_t)(k - lx->tk);
  return 0;
}

static int lex_close(lexer *lx, tok *k)
{
  const char *s = lx->t->src;
  if (lx->nopen == 0) {
    nb_mus_fail(lx->err, lx->t, k->off, "NB402", "结束标记 %.*s 前面没有对应的开始标记",
                TAG_ARGS(lx, k));
    nb_mus_hint(lx->err, "删除这个结束标记，或在前面补上开始标记 {{#%.*s}}", (int)k->name_len,
                s + k->name);
    return -1;
  }
  const tok *o = &lx->tk[lx->open[lx->nopen - 1]];
  if (!same_name(lx, o, k)) {
    uint32_t line, col;
    nb_utf8_position(s, lx->t->len, o->off, &line, &col);
    nb_mus_fail(lx->err, lx->t, k->off, "NB402",
                "结束标记 %.*s 与开始标记 %.*s（第 %u 行第 %u 列）不匹配", TAG_ARGS(lx, k),
                TAG_ARGS(lx, o), (unsigned)line, (unsigned)col);
    nb_mus_hint(lx->err, "后打开的区块要先结束：在这里之前加上 {{/%.*s}}，或检查名称的拼写",
                (int)o->name_len, s + o->name);
    return -1;
  }
  k->match = lx->open[--lx->nopen];
  return 0;
}

/* The kind a tag's first character gives (0: a plain variable), and whether it is a sigil. */
static tk_kind sigil_kind(char c, int *is_sigil)
{
  *is_sigil = 1;
  switch (c) {
  case '#': return TK_SECTION;
  case '^': return TK_INVERTED;
  case '/': return TK_CLOSE;
  case '!': return TK_COMMENT;
  case '>': return TK_PARTIAL;
  case '=': return TK_DELIM;
  case '&': return TK_RAW;
  case '<': return TK_PARENT;
  case '$': return TK_BLOCK;
  default: *is_sigil = 0; return TK_VAR;
  }
}

/* Classifies the tag K whose content is [A, B), and checks its name. */
static int lex_content(lexer *lx, tok *k, size_t a, size_t b, int triple)
{
  const char *s = lx->t->src;
  trim(s, &a, &b);
  if (!triple && a < b) {
    int is_sigil;
    k->kind = sigil_kind(s[a], &is_sigil);
    a += (size_t)is_sigil;
  }
  if (k->kind == TK_COMMENT)
    return 0;
  if (k->kind == TK_DELIM)
    return lex_delim(lx, k, a, b);
  trim(s, &a, &b);
  if ((k->kind == TK_PARTIAL || k->kind == TK_PARENT || k->kind == TK_CLOSE) && a < b &&
      s[a] == '*') {
    k->dynamic = 1;
    a++;
    trim(s, &a, &b);
  }
  k->name = a;
  k->name_len = b - a;
  if (bad_name(lx, k) != 0)
    return -1;
  if (k->kind == TK_SECTION || k->kind == TK_INVERTED || k->kind == TK_PARENT ||
      k->kind == TK_BLOCK)
    return lex_open(lx, k);
  if (k->kind == TK_CLOSE)
    return lex_close(lx, k);
  return 0;
}

static void unclosed_tag(lexer *lx, size_t at, int triple)
{
  nb_mus_fail(lx->err, lx->t, at, "NB403", "标签 %.*s 没有闭合：找不到%s%.*s", (int)lx->olen,
              lx->otag, triple ? " }" : " ", (int)lx->clen, lx->ctag);
  nb_mus_hint(lx->err, "在标签名称后面补上 %s%.*s；如果要原样输出 %.*s，可以先用 {{=<%% %%>=}} "
                       "换成别的分隔符", triple ? "}" : "", (int)lx->clen, lx->ctag,
              (int)lx->olen, lx->otag);
}

/* tag -> OPEN content CLOSE | OPEN "{" content "}" CLOSE. Returns the offset after it. */
static size_t lex_tag(lexer *lx, size_t at)
{
  const char *s = lx->t->src;
  size_t p = at + lx->olen, q;
  int triple = p < lx->t->len && s[p] == '{';
  if (triple) {
    size_t from = p + 1;
    for (;;) {
      q = find(lx, from, lx->ctag, lx->clen);
      if (q == NONE || (q > p + 1 && s[q - 1] == '}'))
        break;
      from = q + 1;
    }
  } else {
    q = find(lx, p, lx->ctag, lx->clen);
  }
  if (q == NONE) {
    unclosed_tag(lx, at, triple);
    return NONE;
  }
  tok *k = push_tok(lx, triple ? TK_RAW : TK_VAR, at, q + lx->clen);
  size_t end = k->end; /* before a set-delimiter tag changes lx->clen */
  if (lex_content(lx, k, triple ? p + 1 : p, triple ? q - 1 : q, triple) != 0)
    return NONE;
  return end;
}

static int lex(lexer *lx)
{
  size_t pos = 0, len = lx->t->len;
  while (pos < len) {
    size_t at = find(lx, pos, lx->otag, lx->olen);
    lex_text(lx, pos, at == NONE ? len : at);
    if (at == NONE)
      break;
    pos = lex_tag(lx, at);
    if (pos == NONE)
      return -1;
  }
  if (lx->nopen) {
    const tok *o = &lx->tk[lx->open[lx->nopen - 1]];
    const char *s = lx->t->src;
    nb_mus_fail(lx->err, lx->t, o->off, "NB401", "区块 %.*s 没有结束标记 {{/%s%.*s}}",
                TAG_ARGS(lx, o), o->dynamic ? "*" : "", (int)o->name_len, s + o->name);
    nb_mus_hint(lx->err, "在区块内容之后加上 {{/%s%.*s}}", o->dynamic ? "*" : "",
                (int)o->name_len, s + o->name);
    return -1;
  }
  return 0;
}

/* ---- pass 2: standalone lines ---- */

/* Number of leading spaces and tabs of text token K. */
static size_t lead_ws(const lexer *lx, const tok *k)
{
  size_t i = k->off;
  while (i < k->end && is_hspace(lx->t->src[i]))
    i++;
  return i - k->off;
}

/* Whether text token K is only spaces and tabs, before its newline. */
static int is_blank(const lexer *lx, const tok *k)
{
  const char *s = lx->t->src;
  size_t e = k->end;
  if (k->nl) {
    e--;
    if (e > k->off && s[e - 1] == '\r')
      e--;
  }
  return k->off + lead_ws(lx, k) == e;
}

/* Tags that print nothing and so may stand alone. */
static int is_silent(tk_kind kind)
{
  return kind != TK_TEXT && kind != TK_VAR && kind != TK_RAW;
}

static int is_parent_tag(const lexer *lx, const tok *k)
{
  return k->kind == TK_PARENT || (k->kind == TK_CLOSE && lx->tk[k->match].kind == TK_PARENT);
}

/* The line of tokens [A, B). */
static void mark_line(lexer *lx, size_t a, size_t b)
{
  size_t ws = lx->tk[a].off;
  size_t ws_len = lx->tk[a].kind == TK_TEXT ? lead_ws(lx, &lx->tk[a]) : 0;
  int only_ws = 1, ok = 1;
  unsigned tags = 0, solo = 0;
  for (size_t i = a; i < b; i++) {
    tok *k = &lx->tk[i];
    k->ws = ws;
    k->ws_len = ws_len;
    k->bol = i == a;
    if (k->kind == TK_TEXT) {
      if (!is_blank(lx, k))
        ok = only_ws = 0;
      continue;
    }
    k->lead = (unsigned char)only_ws;
    only_ws = 0;
    tags++;
    if (!is_silent(k->kind))
      ok = 0;
    else if (!is_parent_tag(lx, k))
      solo++;
  }
  if (!ok || tags == 0 || solo > 1)
    return;
  for (size_t i = a; i < b; i++) {
    tok *k = &lx->tk[i];
    if (k->kind == TK_TEXT)
      k->skip = 1;
    k->standalone = 1;
    k->next = b;
  }
}

static void mark_standalone(lexer *lx)
{
  size_t start = 0;
  for (size_t i = 0; i < lx->n; i++) {
    if (lx->tk[i].kind == TK_TEXT && lx->tk[i].nl) {
      mark_line(lx, start, i + 1);
      start = i + 1;
    }
  }
  if (start < lx->n)
    mark_line(lx, start, lx->n);
}

/* ---- pass 3: the tree ---- */

typedef struct {
  nb_mus_node *node;   /* the container; NULL at the top level */
  nb_mus_node **tail;  /* where its next child goes */
  nb_mus_node *last;   /* its last child */
  size_t strip;        /* indentation removed from the lines inside */
} frame;

typedef struct {
  const lexer *lx;
  nb_mus_tpl *t;
  frame st[NB_MUS_MAX_NEST + 1];
  size_t n;
} builder;

static nb_mus_node *new_node(builder *b, nb_mus_kind kind, size_t off)
{
  nb_mus_node *nd = nb_arena_alloc(b->t->arena, sizeof *nd);
  nd->kind = kind;
  nd->off = off;
  return nd;
}

/* Appends ND to the open container. A parent keeps only its blocks: any other content
 * between {{<parent}} and {{/parent}} is ignored. */
static void add(builder *b, nb_mus_node *nd)
{
  frame *f = &b->st[b->n - 1];
  if (f->node && f->node->kind == NB_MUS_PARENT && nd->kind != NB_MUS_BLOCK)
    return;
  *f->tail = nd;
  f->tail = &nd->next;
  f->last = nd;
}

static void open_frame(builder *b, nb_mus_node *nd, size_t strip)
{
  frame *f = &b->st[b->n++];
  f->node = nd;
  f->tail = &nd->child;
  f->last = NULL;
  f->strip = strip;
}

static size_t cur_strip(const builder *b)
{
  return b->st[b->n - 1].strip;
}

/* Copies the name of K and splits it at ".". */
static void set_name(builder *b, nb_mus_node *nd, const tok *k)
{
  char *name = nb_arena_strndup(b->t->arena, b->t->src + k->name, k->name_len);
  nd->text = name;
  nd->len = k->name_len;
  nd->dynamic = k->dynamic;
  if (k->name_len == 1 && name[0] == '.')
    return;
  size_t parts = 1;
  for (size_t i = 0; i < k->name_len; i++)
    parts += name[i] == '.';
  nd->parts = nb_arena_alloc(b->t->arena, parts * sizeof *nd->parts);
  const char *p = name;
  for (size_t i = 0; i < parts; i++) {
    const char *dot = strchr(p, '.');
    nd->parts[i].s = p;
    nd->parts[i].n = dot ? (size_t)(dot - p) : strlen(p);
    p = dot ? dot + 1 : p;
  }
  nd->nparts = parts;
}

/* Sets the indentation of ND to the whitespace [WS, WS + LEN) less what STRIP removes. */
static void set_indent(builder *b, nb_mus_node *nd, size_t ws, size_t len, size_t strip)
{
  if (len > strip) {
    nd->indent = b->t->src + ws + strip;
    nd->indent_len = len - strip;
  }
}

static void build_text(builder *b, const tok *k)
{
  if (k->skip)
    return;
  const char *s = b->t->src + k->off;
  size_t n = k->end - k->off, strip = cur_strip(b);
  if (k->bol && strip) {
    size_t w = lead_ws(b->lx, k);
    size_t cut = w < strip ? w : strip;
    s += cut;
    n -= cut;
  }
  if (n == 0)
    return;
  nb_mus_node *last = b->st[b->n - 1].last;
  if (last && last->kind == NB_MUS_TEXT && last->text + last->len == s) {
    last->len += n;
    return;
  }
  nb_mus_node *nd = new_node(b, NB_MUS_TEXT, k->off);
  nd->text = s;
  nd->len = n;
  add(b, nd);
}

static nb_mus_node *build_named(builder *b, nb_mus_kind kind, const tok *k)
{
  nb_mus_node *nd = new_node(b, kind, k->off);
  set_name(b, nd, k);
  add(b, nd);
  return nd;
}

/* {{>partial}} and {{<parent}}: a standalone tag indents the partial by its line's
 * whitespace. */
static nb_mus_node *build_partial(builder *b, nb_mus_kind kind, const tok *k)
{
  nb_mus_node *nd = build_named(b, kind, k);
  if (k->standalone) {
    nd->standalone = 1;
    set_indent(b, nd, k->ws, k->ws_len, cur_strip(b));
  }
  return nd;
}

/* {{$block}}: see "Block indentation" at the top of the file. */
static void build_block(builder *b, const tok *k)
{
  const lexer *lx = b->lx;
  size_t ws = 0, ws_len = 0;
  if (k->standalone && k->next < lx->n) {
    ws = lx->tk[k->next].ws;
    ws_len = lx->tk[k->next].ws_len;
  } else if (!k->standalone && k->lead) {
    ws = k->ws;
    ws_len = k->ws_len;
  }
  const frame *f = &b->st[b->n - 1];
  size_t strip = f->strip;
  if (f->node && f->node->kind == NB_MUS_PARENT && (k->standalone || k->lead))
    strip = ws_len;
  nb_mus_node *nd = build_named(b, NB_MUS_BLOCK, k);
  nd->standalone = k->standalone;
  set_indent(b, nd, ws, ws_len, f->strip);
  open_frame(b, nd, strip);
}

static void build(builder *b)
{
  const lexer *lx = b->lx;
  b->st[0].tail = &b->t->root;
  b->n = 1;
  for (size_t i = 0; i < lx->n; i++) {
    const tok *k = &lx->tk[i];
    switch (k->kind) {
    case TK_TEXT: build_text(b, k); break;
    case TK_VAR: build_named(b, NB_MUS_VAR, k); break;
    case TK_RAW: build_named(b, NB_MUS_RAW, k); break;
    case TK_SECTION: open_frame(b, build_named(b, NB_MUS_SECTION, k), cur_strip(b)); break;
    case TK_INVERTED: open_frame(b, build_named(b, NB_MUS_INVERTED, k), cur_strip(b)); break;
    case TK_PARTIAL: build_partial(b, NB_MUS_PARTIAL, k); break;
    case TK_PARENT: open_frame(b, build_partial(b, NB_MUS_PARENT, k), cur_strip(b)); break;
    case TK_BLOCK: build_block(b, k); break;
    case TK_CLOSE: b->n--; break;
    case TK_COMMENT:
    case TK_DELIM: break;
    }
  }
}

/* ---- templates ---- */

nb_mus_tpl *nb_mus_parse(const char *name, const char *text, size_t len, nb_mus_error *err)
{
  nb_mus_error local = NB_MUS_ERROR_INIT;
  size_t bom = nb_utf8_starts(text, len, NB_UTF8_BOM); /* as Windows editors save */
  text += bom;
  len -= bom;
  nb_mus_tpl *t = nb_xcalloc(1, sizeof *t);
  t->name = nb_xstrdup(name ? name : "");
  t->src = nb_xmalloc(len + 1);
  if (len)
    memcpy(t->src, text, len);
  t->src[len] = '\0';
  t->len = len;
  t->arena = nb_arena_new();

  lexer lx;
  memset(&lx, 0, sizeof lx);
  lx.t = t;
  lx.err = err ? err : &local;
  lx.otag = "{{";
  lx.ctag = "}}";
  lx.olen = lx.clen = 2;
  if (lex(&lx) != 0) {
    free(lx.tk);
    nb_mus_free(t);
    nb_mus_error_free(&local);
    return NULL;
  }
  mark_standalone(&lx);
  builder *b = nb_xcalloc(1, sizeof *b);
  b->lx = &lx;
  b->t = t;
  build(b);
  free(b);
  free(lx.tk);
  return t;
}

void nb_mus_free(nb_mus_tpl *t)
{
  if (!t)
    return;
  nb_arena_free(t->arena);
  free(t->src);
  free(t->name);
  free(t);
}

const char *nb_mus_name(const nb_mus_tpl *t)
{
  return t->name;
}
