/* nb_mus_render: rendering a parsed template against an nb_node context.
 *
 * The render state (struct render) holds the context stack (data pushed by sections; names
 * are looked up from the top without copying anything), the parents being expanded (their
 * blocks override blocks of the templates they include, the outermost first), the current
 * indentation with a flag saying whether the output is at the start of a template line, and
 * the partials parsed so far in this call.
 *
 * Indentation is written lazily: when template text or a value is about to be written at the
 * start of a template line, the indentation goes first. Newlines inside interpolated values
 * do not start template lines, so values are never indented (as the specification says);
 * empty lines are not indented, so no trailing whitespace is produced. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache/priv.h"

#define MAX_NESTING 1000u               /* sections and expansions inside each other */
#define MAX_STEPS ((uint64_t)200000000) /* nodes rendered in one call */

typedef struct {
  const nb_mus_node *parent;  /* a {{<parent}} whose blocks are in effect */
  const nb_mus_tpl *tpl;      /* the template it is in */
} override;

typedef struct {
  char *name;                 /* as given to the loader */
  nb_mus_tpl *tpl;            /* NULL: not found */
} cached;

typedef struct {
  const nb_mus_opts *o;
  nb_mus_escape escape;
  nb_buf *out;
  size_t out_start, max_out;
  nb_mus_error *err;
  const nb_node **ctx;        /* the context stack, bottom first */
  size_t nctx, ctx_cap;
  override *over;             /* parents being expanded, outermost first */
  size_t nover, over_cap;
  nb_buf ind;                 /* indentation of template lines */
  int at_bol;                 /* the output is at the start of a template line */
  unsigned depth;             /* partials, parents and overrides being expanded */
  unsigned nesting;           /* the same, and sections */
  uint64_t steps;
  cached *cache;
  size_t ncache, cache_cap;
} render;

static int render_list(render *r, const nb_mus_tpl *t, const nb_mus_node *nd);

/* ---- values ---- */

static const nb_node *map_get(const nb_node *m, const char *k, size_t n)
{
  if (!m || m->kind != NB_MAP)
    return NULL;
  for (size_t i = 0; i < m->n; i++) {
    const nb_node *key = m->pairs[i].key;
    if (key && key->len == n && (n == 0 || memcmp(key->str, k, n) == 0))
      return m->pairs[i].val;
  }
  return NULL;
}

/* name -> "." | part ("." part)*: the first part is looked for from the top of the context
 * stack down, the others only inside what the previous part found. */
static const nb_node *lookup(const render *r, const nb_mus_node *nd)
{
  if (r->nctx == 0)
    return NULL;
  if (nd->nparts == 0)
    return r->ctx[r->nctx - 1];
  const nb_node *v = NULL;
  for (size_t i = r->nctx; i-- > 0 && !v;)
    v = map_get(r->ctx[i], nd->parts[0].s, nd->parts[0].n);
  for (size_t j = 1; v && j < nd->nparts; j++)
    v = map_get(v, nd->parts[j].s, nd->parts[j].n);
  return v;
}

static int truthy(const nb_node *v)
{
  if (!v || v->kind == NB_NULL)
    return 0;
  if (v->kind == NB_BOOL)
    return v->num.b != 0;
  if (v->kind == NB_SEQ)
    return v->n != 0;
  return 1;
}

/* Shortest form that reads back as the same double. */
static const char *real_text(double x, char *tmp, size_t cap, size_t *n)
{
  int len = 0;
  for (int prec = 15; prec <= 17; prec++) {
    len = snprintf(tmp, cap, "%.*g", prec, x);
    if (strtod(tmp, NULL) == x)
      break;
  }
  *n = len > 0 ? (size_t)len : 0;
  return tmp;
}

/* The text a value interpolates as; TMP (CAP bytes) may hold it. */
static const char *value_text(const nb_node *v, char *tmp, size_t cap, size_t *n)
{
  *n = 0;
  if (!v)
    return "";
  switch (v->kind) {
  case NB_STR:
    *n = v->str ? v->len : 0;
    return v->str ? v->str : "";
  case NB_INT:
    if (v->str && v->len) {
      *n = v->len;
      return v->str;
    }
    *n = (size_t)snprintf(tmp, cap, "%" PRId64, v->num.i);
    return tmp;
  case NB_REAL:
    return real_text(v->num.r, tmp, cap, n);
  case NB_BOOL:
    *n = v->num.b ? 4 : 5;
    return v->num.b ? "true" : "false";
  case NB_NULL:
  case NB_SEQ:
  case NB_MAP:
    break;
  }
  return "";
}

void nb_mus_escape_html(void *ud, nb_buf *out, const char *s, size_t n)
{
  (void)ud;
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    const char *e;
    switch (s[i]) {
    case '&': e = "&amp;"; break;
    case '<': e = "&lt;"; break;
    case '>': e = "&gt;"; break;
    case '"': e = "&quot;"; break;
    case '\'': e = "&#39;"; break;
    default: continue;
    }
    nb_buf_put(out, s + run, i - run);
    nb_buf_puts(out, e);
    run = i + 1;
  }
  nb_buf_put(out, s + run, n - run);
}

/* ---- stacks ---- */

static void push_ctx(render *r, const nb_node *v)
{
  NB_GROW(r->ctx, r->nctx, r->ctx_cap, 16);
  r->ctx[r->nctx++] = v;
}

static void push_override(render *r, const nb_mus_node *parent, const nb_mus_tpl *t)
{
  NB_GROW(r->over, r->nover, r->over_cap, 8);
  r->over[r->nover].parent = parent;
  r->over[r->nover].tpl = t;
  r->nover++;
}

/* The outermost block called NAME among the parents being expanded. */
static const nb_mus_node *find_override(const render *r, const char *name,
                                        const nb_mus_tpl **tpl)
{
  for (size_t i = 0; i < r->nover; i++) {
    for (const nb_mus_node *b = r->over[i].parent->child; b; b = b->next) {
      if (strcmp(b->text, name) == 0) {
        *tpl = r->over[i].tpl;
        return b;
      }
    }
  }
  return NULL;
}

/* ---- errors ---- */

static int too_deep(render *r, const nb_mus_tpl *t, const nb_mus_node *nd)
{
  nb_mus_fail(r->err, t, nd->off, "NB408", "模板嵌套过深：展开 %s 时已有 %u 层部分模板或区块",
              nd->text, r->depth);
  nb_mus_hint(r->err, "部分模板或区块可能在引用自己；递归引用要由数据中的区块结束");
  return -1;
}

static int too_much(render *r, const nb_mus_tpl *t, const nb_mus_node *nd, const char *what)
{
  nb_mus_fail(r->err, t, nd->off, "NB408", "模板展开超出限制：%s", what);
  nb_mus_hint(r->err, "检查区块是否嵌套遍历了很大的列表，或部分模板是否在递归引用自己");
  return -1;
}

/* ---- text and values ---- */

static void put_indent(render *r)
{
  if (r->at_bol && r->ind.len)
    nb_buf_put(r->out, r->ind.data, r->ind.len);
}

static int is_empty_line(const char *s, size_t n)
{
  return (n == 1 && s[0] == '\n') || (n == 2 && s[0] == '\r' && s[1] == '\n');
}

static void render_text(render *r, const char *s, size_t n)
{
  while (n) {
    const char *nl = r->ind.len ? memchr(s, '\n', n) : NULL;
    size_t k = nl ? (size_t)(nl - s) + 1 : n;
    if (!is_empty_line(s, k))
      put_indent(r);
    nb_buf_put(r->out, s, k);
    r->at_bol = s[k - 1] == '\n';
    s += k;
    n -= k;
  }
}

static void render_var(render *r, const nb_mus_node *nd)
{
  char tmp[40];
  size_t n;
  const char *s = value_text(lookup(r, nd), tmp, sizeof tmp, &n);
  if (n == 0)
    return;
  put_indent(r);
  r->at_bol = 0;
  if (nd->kind == NB_MUS_VAR)
    r->escape(r->o->escape_ud, r->out, s, n);
  else
    nb_buf_put(r->out, s, n);
}

/* ---- sections ---- */

static int render_body(render *r, const nb_mus_tpl *t, const nb_mus_node *nd, const nb_node *v)
{
  push_ctx(r, v);
  int rc = render_list(r, t, nd->child);
  r->nctx--;
  return rc;
}

/* section -> "{{#" name "}}" body "{{/" name "}}": once per item of a list, once for any
 * other truthy value, which is pushed on the context stack. */
static int render_section(render *r, const nb_mus_tpl *t, const nb_mus_node *nd)
{
  const nb_node *v = lookup(r, nd);
  if (!truthy(v))
    return 0;
  if (v->kind != NB_SEQ)
    return render_body(r, t, nd, v);
  for (size_t i = 0; i < v->n; i++)
    if (render_body(r, t, nd, v->items[i]) != 0)
      return -1;
  return 0;
}

static int render_inverted(render *r, const nb_mus_tpl *t, const nb_mus_node *nd)
{
  return truthy(lookup(r, nd)) ? 0 : render_list(r, t, nd->child);
}

/* ---- partials, parents, blocks ---- */

static void cache_put(render *r, const char *name, nb_mus_tpl *tpl)
{
  NB_GROW(r->cache, r->ncache, r->cache_cap, 8);
  r->cache[r->ncache].name = nb_xstrdup(name);
  r->cache[r->ncache].tpl = tpl;
  r->ncache++;
}

static int load_failed(render *r, const nb_mus_tpl *t, const nb_mus_node *nd, const char *name,
                       nb_mus_status st, const nb_mus_source *src)
{
  if (st == NB_MUS_BAD_NAME) {
    nb_mus_fail(r->err, t, nd->off, "NB407",
                "部分模板名称“%s”不能包含“/”“\\”“:”或“..”", name);
    nb_mus_hint(r->err, "部分模板只能引用模板目录中的文件，只写名称，例如 {{> t3row}}");
  } else if (st == NB_MUS_IO_ERROR) {
    nb_mus_fail(r->err, t, nd->off, "NB409", "无法读取部分模板 %s：%s",
                src->origin ? src->origin : name, src->why ? src->why : "读取失败");
  } else {
    nb_mus_fail(r->err, t, nd->off, "NB406", "找不到部分模板“%s”", name);
    nb_mus_hint(r->err, "检查名称的拼写，以及模板目录中是否有文件 %s.mustache", name);
  }
  return -1;
}

/* The partial called NAME, parsed once per render; *OUT is NULL when it renders as nothing. */
static int get_partial(render *r, const nb_mus_tpl *t, const nb_mus_node *nd, const char *name,
                       const nb_mus_tpl **out)
{
  *out = NULL;
  for (size_t i = 0; i < r->ncache; i++) {
    if (strcmp(r->cache[i].name, name) == 0) {
      *out = r->cache[i].tpl;
      return 0;
    }
  }
  nb_mus_source src;
  memset(&src, 0, sizeof src);
  nb_mus_status st = r->o->loader ? r->o->loader(r->o->loader_ud, name, &src) : NB_MUS_NOT_FOUND;
  if (st == NB_MUS_NOT_FOUND && !r->o->missing_is_error) {
    cache_put(r, name, NULL);
    return 0;
  }
  if (st != NB_MUS_FOUND)
    return load_failed(r, t, nd, name, st, &src);
  nb_mus_tpl *p = nb_mus_parse(src.origin ? src.origin : name, src.text, src.len, r->err);
  if (!p)
    return -1;
  cache_put(r, name, p);
  *out = p;
  return 0;
}

/* A dynamic name {{>*x}}: the text x's value interpolates as; NULL when empty. */
static char *dynamic_name(const render *r, const nb_mus_node *nd)
{
  char tmp[40];
  size_t n;
  const char *s = value_text(lookup(r, nd), tmp, sizeof tmp, &n);
  return n ? nb_xstrndup(s, n) : NULL;
}

/* Renders the nodes from ND in template T, indented further by INDENT when given. */
static int expand(render *r, const nb_mus_tpl *t, const nb_mus_node *nd, const nb_mus_node *at,
                  const nb_mus_tpl *at_tpl)
{
  if (r->depth >= NB_MUS_MAX_PARTIAL_DEPTH)
    return too_deep(r, at_tpl, at);
  size_t saved = r->ind.len;
  nb_buf_put(&r->ind, at->indent, at->indent_len);
  if (at->standalone)
    r->at_bol = 1;
  r->depth++;
  int rc = render_list(r, t, nd);
  r->depth--;
  r->ind.len = saved;
  return rc;
}

/* partial -> "{{>" name "}}"; parent -> "{{<" name "}}" block* "{{/" name "}}". A partial is
 * a parent that overrides no block. */
static int render_partial(render *r, const nb_mus_tpl *t, const nb_mus_node *nd)
{
  char *dyn = NULL;
  const char *name = nd->text;
  if (nd->dynamic && !(name = dyn = dynamic_name(r, nd)))
    return 0;
  const nb_mus_tpl *p;
  int rc = get_partial(r, t, nd, name, &p);
  free(dyn);
  if (rc != 0 || !p)
    return rc;
  if (nd->kind == NB_MUS_PARENT)
    push_override(r, nd, t);
  rc = expand(r, p, p->root, nd, t);
  if (nd->kind == NB_MUS_PARENT)
    r->nover--;
  return rc;
}

/* block -> "{{$" name "}}" default "{{/" name "}}" */
static int render_block(render *r, const nb_mus_tpl *t, const nb_mus_node *nd)
{
  const nb_mus_tpl *ot;
  const nb_mus_node *ov = find_override(r, nd->text, &ot);
  if (!ov)
    return render_list(r, t, nd->child);
  return expand(r, ot, ov->child, nd, t);
}

/* ---- the tree ---- */

static int render_node(render *r, const nb_mus_tpl *t, const nb_mus_node *nd)
{
  switch (nd->kind) {
  case NB_MUS_TEXT:
    render_text(r, nd->text, nd->len);
    return 0;
  case NB_MUS_VAR:
  case NB_MUS_RAW:
    render_var(r, nd);
    return 0;
  case NB_MUS_SECTION: return render_section(r, t, nd);
  case NB_MUS_INVERTED: return render_inverted(r, t, nd);
  case NB_MUS_PARTIAL:
  case NB_MUS_PARENT: return render_partial(r, t, nd);
  case NB_MUS_BLOCK: return render_block(r, t, nd);
  }
  return 0;
}

static int render_list(render *r, const nb_mus_tpl *t, const nb_mus_node *nd)
{
  if (nd && r->nesting >= MAX_NESTING)
    return too_much(r, t, nd, "嵌套层数过多");
  r->nesting++;
  int rc = 0;
  for (; nd && rc == 0; nd = nd->next) {
    rc = render_node(r, t, nd);
    if (rc == 0 && r->out->len - r->out_start > r->max_out)
      rc = too_much(r, t, nd, "输出过大");
    else if (rc == 0 && ++r->steps > MAX_STEPS)
      rc = too_much(r, t, nd, "展开次数过多");
  }
  r->nesting--;
  return rc;
}

int nb_mus_render(const nb_mus_tpl *t, const nb_node *context, const nb_mus_opts *opts,
                  nb_buf *out, nb_mus_error *err)
{
  static const nb_mus_opts defaults = {NULL, NULL, 0, NULL, NULL, 0};
  nb_mus_error local = NB_MUS_ERROR_INIT;
  render r;
  memset(&r, 0, sizeof r);
  r.o = opts ? opts : &defaults;
  r.escape = r.o->escape ? r.o->escape : nb_mus_escape_html;
  r.out = out;
  r.out_start = out->len;
  r.max_out = r.o->max_output ? r.o->max_output : NB_MUS_MAX_OUTPUT;
  r.err = err ? err : &local;
  r.at_bol = 1;
  if (context)
    push_ctx(&r, context);
  int rc = render_list(&r, t, t->root);
  for (size_t i = 0; i < r.ncache; i++) {
    free(r.cache[i].name);
    nb_mus_free(r.cache[i].tpl);
  }
  free(r.cache);
  free(r.ctx);
  free(r.over);
  nb_buf_free(&r.ind);
  nb_mus_error_free(&local);
  return rc;
}
