/* Checking walks the document and the schema together. At each node the schema's keywords
 * are applied in a fixed order (not → type → value keywords → children); a type error stops
 * the walk below that node, since every message under it would repeat the same mistake.
 * The walk keeps the key path ("applications.new[0]") and the titles of the schemas passed
 * ("三、收到和处理… › 一、本年新收… › 自然人") so that each message names both. */
#include "check/schema.h"
#include "check/schema_priv.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/load.h"
#include "core/io.h"
#include "core/json.h"
#include "core/utf8.h"

typedef nb_schema_keywords keywords;

/* ---- loading ---------------------------------------------------------------------------- */

const nb_schema_keyword nb_schema_keyword_table[NB_SCHEMA_KEYWORDS] = {
    [NB_KW_REF] = {"$ref", NB_SCHEMA_DATA},
    [NB_KW_TITLE] = {"title", NB_SCHEMA_DATA},
    [NB_KW_DESCRIPTION] = {"description", NB_SCHEMA_DATA},
    [NB_KW_TYPE] = {"type", NB_SCHEMA_DATA},
    [NB_KW_COMPUTED] = {"x-nianbao-computed", NB_SCHEMA_DATA},
    [NB_KW_NOT] = {"not", NB_SCHEMA_ONE},
    [NB_KW_ALL_OF] = {"allOf", NB_SCHEMA_LIST},
    [NB_KW_CONST] = {"const", NB_SCHEMA_DATA},
    [NB_KW_ENUM] = {"enum", NB_SCHEMA_DATA},
    [NB_KW_MINIMUM] = {"minimum", NB_SCHEMA_DATA},
    [NB_KW_MAXIMUM] = {"maximum", NB_SCHEMA_DATA},
    [NB_KW_DECIMALS] = {"x-nianbao-decimals", NB_SCHEMA_DATA},
    [NB_KW_MULTIPLE] = {"multipleOf", NB_SCHEMA_DATA},
    [NB_KW_MIN_LENGTH] = {"minLength", NB_SCHEMA_DATA},
    [NB_KW_MAX_LENGTH] = {"maxLength", NB_SCHEMA_DATA},
    [NB_KW_PATTERN] = {"pattern", NB_SCHEMA_DATA},
    [NB_KW_PROPERTIES] = {"properties", NB_SCHEMA_MAP},
    [NB_KW_PATTERN_PROPS] = {"patternProperties", NB_SCHEMA_MAP},
    [NB_KW_ADDL] = {"additionalProperties", NB_SCHEMA_ONE},
    [NB_KW_REQUIRED] = {"required", NB_SCHEMA_DATA},
    [NB_KW_MIN_ITEMS] = {"minItems", NB_SCHEMA_DATA},
    [NB_KW_MAX_ITEMS] = {"maxItems", NB_SCHEMA_DATA},
    [NB_KW_ITEMS] = {"items", NB_SCHEMA_ONE_OR_LIST},
    [NB_KW_ADDL_ITEMS] = {"additionalItems", NB_SCHEMA_ONE},
    [NB_KW_DEFINITIONS] = {"definitions", NB_SCHEMA_MAP}};

#define MAX_REF_HOPS 32 /* a longer chain of $ref to $ref is taken for a cycle */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int bad_schema(nb_diags *diags, const nb_node *at, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  nb_diag *g = nb_diag_vadd(diags, NB_SEV_ERROR, "NB100", at ? at->line : 0, at ? at->col : 0,
                            fmt, ap);
  va_end(ap);
  nb_diag_hint(g, "模式文件须符合 JSON Schema draft-07；nianbao 支持的关键字见 README");
  return -1;
}

/* Patterns are compiled by check/pattern.c. */
size_t nb_schema_add_pattern(nb_schema *s, const char *pattern, size_t len, const nb_node *at,
                             nb_diags *diags)
{
  if (s->n_patterns == s->cap_patterns) {
    s->cap_patterns = s->cap_patterns ? 2 * s->cap_patterns : 8;
    s->patterns = nb_xrealloc(s->patterns, s->cap_patterns * sizeof *s->patterns);
  }
  if (nb_pattern_compile(&s->patterns[s->n_patterns], pattern, len) != 0) {
    bad_schema(diags, at, "模式“%s”不是有效的正则表达式", pattern);
    return 0;
  }
  return ++s->n_patterns;
}

static int compile(nb_schema *s, nb_node *n, nb_schema_val as, nb_diags *diags);

/* Checks the values of a schema object's keywords that compiling does not reach. */
static int validate_keywords(nb_schema *s, keywords *k, nb_diags *diags)
{
  static const char *const types[] = {"integer", "number", "string", "object", "array", "boolean", "null"};
  const nb_node *t = k->field[NB_KW_TYPE];
  for (size_t i = 0; t && i < (t->kind == NB_SEQ ? t->n : 1); i++) {
    const nb_node *name = t->kind == NB_SEQ ? t->items[i] : t;
    int known = 0;
    for (size_t j = 0; name->kind == NB_STR && j < sizeof types / sizeof types[0]; j++)
      known |= strcmp(name->str, types[j]) == 0;
    if (!known)
      return bad_schema(diags, name, "“type”只能是 integer、number、string、object、array、boolean、null");
  }
  const nb_node *m = k->field[NB_KW_MULTIPLE], *ref = k->field[NB_KW_REF];
  if (m && !((m->kind == NB_INT && m->num.i > 0) || (m->kind == NB_REAL && m->num.r > 0)))
    return bad_schema(diags, m, "“multipleOf”应是大于 0 的数");
  if (ref && ref->kind != NB_STR)
    return bad_schema(diags, ref, "“$ref”应是文字");
  const nb_node *pat = k->field[NB_KW_PATTERN], *pp = k->field[NB_KW_PATTERN_PROPS];
  if (pat && pat->kind == NB_STR && !(k->re = nb_schema_add_pattern(s, pat->str, pat->len, pat, diags)))
    return -1;
  if (pp && pp->kind == NB_MAP)
    for (size_t i = 0; i < pp->n; i++) {
      const nb_node *key = pp->pairs[i].key;
      size_t idx = nb_schema_add_pattern(s, key->str, key->len, key, diags);
      if (!idx)
        return -1;
      if (i == 0)
        k->pp_re = idx;
    }
  return 0;
}

/* Compiles the schema object N: its keywords into an arena-allocated struct hung on the node,
 * its patterns into regexes, then the schemas inside it. */
static int compile_object(nb_schema *s, nb_node *n, nb_diags *diags)
{
  keywords *k = nb_arena_alloc(s->arena, sizeof *k);
  for (size_t i = 0; i < n->n; i++) {
    const char *name = n->pairs[i].key->str;
    for (size_t j = 0; j < NB_SCHEMA_KEYWORDS; j++)
      if (name[0] == nb_schema_keyword_table[j].name[0] && strcmp(name, nb_schema_keyword_table[j].name) == 0)
        k->field[j] = n->pairs[i].val;
  }
  if (validate_keywords(s, k, diags) != 0)
    return -1;
  n->aux = k;
  for (size_t i = 0; i < n->n; i++) {
    const char *name = n->pairs[i].key->str;
    for (size_t j = 0; j < NB_SCHEMA_KEYWORDS; j++)
      if (nb_schema_keyword_table[j].val != NB_SCHEMA_DATA && strcmp(name, nb_schema_keyword_table[j].name) == 0 &&
          compile(s, n->pairs[i].val, nb_schema_keyword_table[j].val, diags) != 0)
        return -1;
  }
  return 0;
}

static int compile(nb_schema *s, nb_node *n, nb_schema_val as, nb_diags *diags)
{
  switch (as) {
  case NB_SCHEMA_DATA:
    return 0;
  case NB_SCHEMA_ONE:
    if (n->kind == NB_BOOL)
      return 0;
    if (n->kind != NB_MAP)
      return bad_schema(diags, n, "这里应是一个模式（JSON 对象或 true/false），而不是%s", nb_kind_label(n->kind));
    return n->aux ? 0 : compile_object(s, n, diags);
  case NB_SCHEMA_MAP:
    if (n->kind != NB_MAP)
      return bad_schema(diags, n, "这里应是“名称: 模式”的 JSON 对象");
    for (size_t i = 0; i < n->n; i++)
      if (compile(s, n->pairs[i].val, NB_SCHEMA_ONE, diags) != 0)
        return -1;
    return 0;
  case NB_SCHEMA_LIST:
  case NB_SCHEMA_ONE_OR_LIST:
    if (n->kind != NB_SEQ)
      return as == NB_SCHEMA_LIST ? bad_schema(diags, n, "这里应是模式的列表")
                                   : compile(s, n, NB_SCHEMA_ONE, diags);
    for (size_t i = 0; i < n->n; i++)
      if (compile(s, n->items[i], NB_SCHEMA_ONE, diags) != 0)
        return -1;
    return 0;
  }
  return 0;
}

static int hex_digit(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
    return (c | 0x20) - 'a' + 10;
  return -1;
}

/* The node JSON pointer PTR (after its "#") names in ROOT, or NULL. Tokens are unescaped as
 * RFC 6901 (~1 → /, ~0 → ~) after percent-decoding (RFC 3986, as in a URI fragment). */
static const nb_node *follow_pointer(const nb_node *root, const char *ptr)
{
  const nb_node *n = root;
  nb_buf tok = NB_BUF_INIT;
  while (n && *ptr == '/') {
    nb_buf_clear(&tok);
    for (ptr++; *ptr && *ptr != '/'; ptr++) {
      int hi, lo;
      if (*ptr == '%' && (hi = hex_digit(ptr[1])) >= 0 && (lo = hex_digit(ptr[2])) >= 0) {
        nb_buf_putc(&tok, (char)(hi * 16 + lo));
        ptr += 2;
      } else if (*ptr == '~' && (ptr[1] == '0' || ptr[1] == '1')) {
        nb_buf_putc(&tok, ptr[1] == '0' ? '~' : '/');
        ptr++;
      } else {
        nb_buf_putc(&tok, *ptr);
      }
    }
    const char *t = nb_buf_cstr(&tok);
    if (n->kind == NB_SEQ) {
      char *end;
      unsigned long i = strtoul(t, &end, 10);
      n = *t >= '0' && *t <= '9' && !*end && i < n->n ? n->items[i] : NULL;
    } else {
      n = nb_node_get(n, t);
    }
  }
  nb_buf_free(&tok);
  return *ptr ? NULL : n;
}

/* Resolves every $ref below N once, so that checking follows indices without parsing. */
static int link_refs(const nb_node *root, const nb_node *n, nb_diags *diags)
{
  if (n->kind == NB_SEQ)
    for (size_t i = 0; i < n->n; i++)
      if (link_refs(root, n->items[i], diags) != 0)
        return -1;
  if (n->kind != NB_MAP)
    return 0;
  keywords *k = (keywords *)(uintptr_t)n->aux;
  if (k && k->field[NB_KW_REF]) {
    const char *ref = k->field[NB_KW_REF]->str;
    if (ref[0] != '#' || (ref[1] && ref[1] != '/'))
      return bad_schema(diags, k->field[NB_KW_REF], "无法解析引用“%s”：只支持本文件内以“#/”开头的 JSON 指针", ref);
    k->ref_target = follow_pointer(root, ref + 1);
    if (!k->ref_target)
      return bad_schema(diags, k->field[NB_KW_REF], "引用“%s”指向的内容在模式文件中不存在", ref);
  }
  for (size_t i = 0; i < n->n; i++)
    if (link_refs(root, n->pairs[i].val, diags) != 0)
      return -1;
  return 0;
}

/* A chain of $ref to $ref that never ends in a schema is a cycle. */
static int check_ref_chains(const nb_node *n, nb_diags *diags)
{
  if (n->kind == NB_SEQ)
    for (size_t i = 0; i < n->n; i++)
      if (check_ref_chains(n->items[i], diags) != 0)
        return -1;
  if (n->kind != NB_MAP)
    return 0;
  const keywords *k = n->aux;
  const nb_node *at = n;
  for (int hops = 0; at && at->aux && ((const keywords *)at->aux)->field[NB_KW_REF]; hops++)
    at = hops < MAX_REF_HOPS ? ((const keywords *)at->aux)->ref_target : NULL;
  if (k && k->field[NB_KW_REF] && !at)
    return bad_schema(diags, k->field[NB_KW_REF], "引用“%s”层层相引，超过 %d 层或构成循环",
                      k->field[NB_KW_REF]->str, MAX_REF_HOPS);
  for (size_t i = 0; i < n->n; i++)
    if (check_ref_chains(n->pairs[i].val, diags) != 0)
      return -1;
  return 0;
}

static nb_schema *load(const char *text, size_t len, nb_diags *diags)
{
  nb_schema *s = nb_xcalloc(1, sizeof *s);
  atomic_init(&s->made, NULL);
  s->arena = nb_arena_new();
  nb_node *root = nb_json_parse(text, len, s->arena, diags);
  if (root && root->kind != NB_MAP && root->kind != NB_BOOL) {
    bad_schema(diags, root, "模式文件的顶层应是一个 JSON 对象（或 true/false）");
    nb_schema_free(s);
    return NULL;
  }
  if (!root || compile(s, root, NB_SCHEMA_ONE, diags) != 0 || link_refs(root, root, diags) != 0 ||
      check_ref_chains(root, diags) != 0) {
    nb_schema_free(s);
    return NULL;
  }
  s->json = root;
  s->own_image = nb_schema_image_build(root, s->n_patterns, s->arena);
  s->img = &s->own_image;
  return s;
}

nb_schema *nb_schema_load_text(const char *text, size_t len, nb_diags *diags)
{
  return load(text, len, diags);
}

nb_schema *nb_schema_load_file(const char *path, nb_diags *diags)
{
  nb_buf b = NB_BUF_INIT;
  nb_io_status st = nb_io_read(path, NB_LOAD_MAX_BYTES, &b);
  nb_schema *s = NULL;
  if (st != NB_IO_OK)
    nb_diag_add(diags, NB_SEV_ERROR, "NB001", 0, 0, "无法读取模式文件：%s", nb_io_status_text(st));
  else {
    nb_diags_set_source(diags, b.data ? b.data : "", b.len); /* to quote the schema's lines */
    s = load(nb_buf_cstr(&b), b.len, diags);
  }
  nb_buf_free(&b);
  return s;
}

void nb_schema_free(nb_schema *s)
{
  if (!s)
    return;
  for (size_t i = 0; i < s->n_patterns; i++)
    nb_pattern_free(&s->patterns[i]);
  free(s->patterns);
  nb_schema_tree *t = atomic_load(&s->made);
  if (t) {
    nb_arena_free(t->arena);
    free(t);
  }
  nb_arena_free(s->arena);
  free(s);
}

/* The tree of a schema made from a constant image is made once, by whichever thread asks
 * first; a thread that loses the race frees its own. */
const nb_node *nb_schema_root(const nb_schema *s)
{
  if (s->json)
    return s->json;
  nb_schema *m = (nb_schema *)(uintptr_t)s; /* only its atomic member is written */
  nb_schema_tree *t = atomic_load(&m->made);
  if (t)
    return t->root;
  nb_schema_tree *mine = nb_xmalloc(sizeof *mine);
  mine->arena = nb_arena_new();
  mine->root = nb_schema_image_tree(s->img, mine->arena);
  if (atomic_compare_exchange_strong(&m->made, &t, mine))
    return mine->root;
  nb_arena_free(mine->arena);
  free(mine);
  return t->root;
}

const nb_node *nb_schema_resolve(const nb_schema *s, const nb_node *sub)
{
  for (int hops = 0; hops <= MAX_REF_HOPS && sub; hops++) {
    const char *ref = nb_node_cstr(nb_node_get(sub, "$ref"));
    if (!ref)
      return sub;
    sub = ref[0] == '#' ? follow_pointer(nb_schema_root(s), ref + 1) : NULL;
  }
  return NULL;
}

/* ---- the image, as the walk reads it ------------------------------------------------------ */

typedef nb_schema_node snode; /* a node of the schema's image */
#define NONE NB_SCHEMA_NONE

static const nb_schema_image_keywords no_keywords; /* for nodes that are not schema objects */

static const nb_schema_image_node *node_of(const nb_schema *s, snode n)
{
  return &s->img->nodes[n];
}

static nb_kind kind_of(const nb_schema *s, snode n)
{
  return (nb_kind)node_of(s, n)->kind;
}

static const nb_schema_image_keywords *kws(const nb_schema *s, snode n)
{
  uint32_t k = n == NONE ? 0 : node_of(s, n)->keywords;
  return k ? &s->img->keywords[k - 1] : &no_keywords;
}

/* The value of keyword K of schema object N, or NONE (0 - 1 wraps to it). */
static snode kw(const nb_schema *s, snode n, nb_schema_kw k)
{
  return kws(s, n)->field[k] - 1;
}

/* N's text whatever its kind (a number's as written), or NULL. */
static const char *text_of(const nb_schema *s, snode n)
{
  if (n == NONE || node_of(s, n)->str == NB_SCHEMA_IMAGE_NO_STR)
    return NULL;
  return s->img->strings + node_of(s, n)->str;
}

/* The text of a string node, or NULL (nb_node_cstr). */
static const char *cstr_of(const nb_schema *s, snode n)
{
  return n != NONE && kind_of(s, n) == NB_STR ? text_of(s, n) : NULL;
}

static size_t count_of_children(const nb_schema *s, snode n)
{
  return n == NONE ? 0 : node_of(s, n)->n;
}

static snode item_of(const nb_schema *s, snode seq, size_t i)
{
  return s->img->items[node_of(s, seq)->first + i];
}

static const nb_schema_image_pair *pair_of(const nb_schema *s, snode map, size_t i)
{
  return &s->img->pairs[node_of(s, map)->first + i];
}

/* The value of KEY in MAP; NONE when MAP is not a mapping or has no such key. */
static snode get(const nb_schema *s, snode map, const char *key)
{
  if (map == NONE || kind_of(s, map) != NB_MAP)
    return NONE;
  for (size_t i = 0; i < node_of(s, map)->n; i++)
    if (strcmp(text_of(s, pair_of(s, map, i)->key), key) == 0)
      return pair_of(s, map, i)->val;
  return NONE;
}

/* The value of an NB_INT or NB_BOOL node (NB_BOOL: 0 or 1). */
static int64_t value_of(const nb_schema *s, snode n)
{
  return s->img->values[node_of(s, n)->first];
}

/* A scalar node as an nb_node on the caller's stack, for the comparisons and messages. */
static nb_node scalar(const nb_schema *s, snode n)
{
  const nb_schema_image_node *r = node_of(s, n);
  nb_node out = {.kind = (nb_kind)r->kind, .style = (nb_style)r->style};
  out.str = text_of(s, n);
  out.len = out.str ? r->len : 0;
  if (out.kind == NB_INT)
    out.num.i = value_of(s, n);
  else if (out.kind == NB_BOOL)
    out.num.b = value_of(s, n) != 0;
  else if (out.kind == NB_REAL)
    out.num.r = strtod(out.str, NULL); /* as the JSON reader does */
  return out;
}

static snode resolve(const nb_schema *s, snode sub)
{
  for (int hops = 0; hops <= MAX_REF_HOPS && sub != NONE; hops++) {
    const nb_schema_image_keywords *k = kws(s, sub);
    if (!k->field[NB_KW_REF])
      return sub;
    sub = k->ref_target - 1;
  }
  return NONE;
}

int nb_schema_format(const nb_schema *s)
{
  snode f = get(s, kw(s, s->img->root, NB_KW_PROPERTIES), "format");
  snode c = kw(s, resolve(s, f), NB_KW_CONST);
  return c != NONE && kind_of(s, c) == NB_INT ? (int)value_of(s, c) : 0;
}

/* ---- walking the properties (for the rules) ---------------------------------------------- */

nb_schema_node nb_schema_top(const nb_schema *s)
{
  return s->img->root;
}

size_t nb_schema_props(const nb_schema *s, nb_schema_node sch)
{
  snode props = kw(s, resolve(s, sch), NB_KW_PROPERTIES);
  return props != NONE && kind_of(s, props) == NB_MAP ? count_of_children(s, props) : 0;
}

const char *nb_schema_prop_key(const nb_schema *s, nb_schema_node sch, size_t i)
{
  return text_of(s, pair_of(s, kw(s, resolve(s, sch), NB_KW_PROPERTIES), i)->key);
}

nb_schema_node nb_schema_prop(const nb_schema *s, nb_schema_node sch, size_t i)
{
  return pair_of(s, kw(s, resolve(s, sch), NB_KW_PROPERTIES), i)->val;
}

int nb_schema_requires(const nb_schema *s, nb_schema_node sch, const char *key)
{
  snode req = kw(s, resolve(s, sch), NB_KW_REQUIRED);
  for (size_t i = 0; req != NONE && kind_of(s, req) == NB_SEQ && i < count_of_children(s, req); i++) {
    const char *k = text_of(s, item_of(s, req, i));
    if (k && strcmp(k, key) == 0)
      return 1;
  }
  return 0;
}

const char *nb_schema_ref_text(const nb_schema *s, nb_schema_node sch)
{
  return cstr_of(s, kw(s, sch, NB_KW_REF));
}

const char *nb_schema_title(const nb_schema *s, nb_schema_node sch)
{
  return cstr_of(s, kw(s, sch, NB_KW_TITLE));
}

const char *nb_schema_description(const nb_schema *s, nb_schema_node sch)
{
  return cstr_of(s, kw(s, sch, NB_KW_DESCRIPTION));
}

/* ---- the walk --------------------------------------------------------------------------- */

/* One step of the walk: a key, or an index when KEY is NULL, and the schema's title. */
typedef struct {
  const char *key;
  size_t index;
  const char *label;
} step;

#define MAX_STEPS 64 /* deeper than any document the loader accepts */

#define MAX_LEVEL 512 /* nested checks of one document, $ref and not included */

typedef struct {
  const nb_schema *s;
  nb_diags *diags;   /* NULL: only count (inside "not") */
  nb_schema_faults *faults; /* NULL: not collected */
  size_t errors;
  const nb_node *root;        /* the document's root node */
  step steps[MAX_STEPS];
  const nb_node *insts[MAX_STEPS]; /* the instance node of each step (NULL: missing key) */
  size_t depth;
  unsigned level;
} walk;

/* The title of a property schema: the one beside a $ref first, then the target's. */
static const char *title_of(const nb_schema *s, snode sub)
{
  const char *t = cstr_of(s, kw(s, sub, NB_KW_TITLE));
  if (!t)
    t = cstr_of(s, kw(s, resolve(s, sub), NB_KW_TITLE));
  return t;
}

static const char *hint_of(const nb_schema *s, snode sub)
{
  const char *t = cstr_of(s, kw(s, sub, NB_KW_DESCRIPTION));
  if (!t)
    t = cstr_of(s, kw(s, resolve(s, sub), NB_KW_DESCRIPTION));
  return t;
}

static char *label_path(const walk *w)
{
  nb_buf b = NB_BUF_INIT;
  for (size_t i = 0; i < w->depth && i < MAX_STEPS; i++) {
    if (!w->steps[i].label)
      continue;
    if (b.len)
      nb_buf_puts(&b, " › ");
    nb_buf_puts(&b, w->steps[i].label);
  }
  return nb_buf_detach(&b);
}

/* The key path, e.g. "applications.new[0]"; built only when a message needs it. */
static char *key_path(const walk *w)
{
  nb_buf b = NB_BUF_INIT;
  for (size_t i = 0; i < w->depth && i < MAX_STEPS; i++) {
    if (w->steps[i].key)
      nb_buf_printf(&b, b.len ? ".%s" : "%s", w->steps[i].key);
    else
      nb_buf_printf(&b, "[%zu]", w->steps[i].index);
  }
  return nb_buf_detach(&b);
}

/* The last title on the walk, for short messages: "「自然人」"; in a schema without titles
 * (lint --schema), the last key. */
static const char *last_label(const walk *w)
{
  size_t top = w->depth < MAX_STEPS ? w->depth : MAX_STEPS;
  for (size_t i = top; i-- > 0;)
    if (w->steps[i].label)
      return w->steps[i].label;
  for (size_t i = top; i-- > 0;)
    if (w->steps[i].key)
      return w->steps[i].key;
  return "本文件";
}

static void note_fault(nb_schema_faults *f, const nb_node *n)
{
  if (!n)
    return;
  if (f->n == f->cap) {
    f->cap = f->cap ? 2 * f->cap : 16;
    f->nodes = nb_xrealloc(f->nodes, f->cap * sizeof *f->nodes);
  }
  f->nodes[f->n++] = n;
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static nb_diag *fail(walk *w, const char *code, const nb_node *at, const char *hint,
                     const char *fmt, ...)
{
  w->errors++;
  if (w->faults) {
    note_fault(w->faults, at);
    note_fault(w->faults, w->root);
    for (size_t i = 0; i < w->depth && i < MAX_STEPS; i++)
      note_fault(w->faults, w->insts[i]);
  }
  if (!w->diags)
    return NULL;
  va_list ap;
  va_start(ap, fmt);
  nb_diag *g = nb_diag_vadd(w->diags, NB_SEV_ERROR, code, at ? at->line : 0, at ? at->col : 0,
                            fmt, ap);
  va_end(ap);
  char *labels = label_path(w), *path = key_path(w);
  nb_diag_where(g, path, labels);
  free(labels);
  free(path);
  if (hint)
    nb_diag_hint(g, "%s", hint);
  return g;
}

static void push(walk *w, const char *key, size_t index, const char *label, const nb_node *inst)
{
  if (w->depth < MAX_STEPS) {
    w->steps[w->depth] = (step){key, index, label};
    w->insts[w->depth] = inst;
  }
  w->depth++;
}

static void pop(walk *w)
{
  w->depth--;
}

static void check(walk *w, snode sch, const nb_node *inst);

/* ---- type ---- */

static int type_matches(const char *type, const nb_node *n)
{
  if (strcmp(type, "integer") == 0)
    return n->kind == NB_INT || (n->kind == NB_REAL && isfinite(n->num.r) && n->num.r == floor(n->num.r));
  if (strcmp(type, "number") == 0)
    return n->kind == NB_INT || (n->kind == NB_REAL && isfinite(n->num.r));
  if (strcmp(type, "string") == 0)
    return n->kind == NB_STR;
  if (strcmp(type, "object") == 0)
    return n->kind == NB_MAP;
  if (strcmp(type, "array") == 0)
    return n->kind == NB_SEQ;
  if (strcmp(type, "boolean") == 0)
    return n->kind == NB_BOOL;
  if (strcmp(type, "null") == 0)
    return n->kind == NB_NULL;
  return 0;
}

static const char *type_word(const char *type)
{
  static const struct { const char *t, *w; } words[] = {
    {"integer", "整数"}, {"number", "数字"}, {"string", "文字"}, {"object", "键值表（“键: 值”的集合）"},
    {"array", "列表"}, {"boolean", "true 或 false"}, {"null", "空值"}};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strcmp(words[i].t, type) == 0)
      return words[i].w;
  return type;
}

/* Why a text is not a number, in the words a clerk would recognise. */
static const char *number_text_hint(const nb_node *n)
{
  const char *s = n->str;
  if (!n->len)
    return "这里是空文字“\"\"”。没有的数字请填 0";
  static const char *const cn_digits[] = {"零", "〇", "一", "二", "两", "三", "四", "五", "六", "七",
                                          "八", "九", "十", "百", "千", "万", NULL};
  for (int i = 0; cn_digits[i]; i++)
    if (strncmp(s, cn_digits[i], strlen(cn_digits[i])) == 0)
      return "数字要用阿拉伯数字书写，例如“三”写成 3";
  if (n->len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
      (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
    return "这是全角数字。请切换到半角（英文）输入，例如“３”写成 3";
  if (strstr(s, "，"))
    return "列表中各个数之间要用半角逗号“,”分隔，不要用全角逗号“，”";
  if (s[0] >= '0' && s[0] <= '9')
    return "数字后面不要带单位或其他文字，例如“3件”写成 3，单位已在表格中注明";
  return "这里只能填阿拉伯数字；没有的填 0";
}

static int check_type(walk *w, snode sch, const nb_node *inst)
{
  const nb_schema *s = w->s;
  snode t = kw(s, sch, NB_KW_TYPE);
  if (t == NONE)
    return 1;
  if (kind_of(s, t) == NB_STR) {
    if (type_matches(text_of(s, t), inst))
      return 1;
  } else if (kind_of(s, t) == NB_SEQ) {
    for (size_t i = 0; i < count_of_children(s, t); i++)
      if (cstr_of(s, item_of(s, t, i)) && type_matches(cstr_of(s, item_of(s, t, i)), inst))
        return 1;
  }
  const char *want = kind_of(s, t) == NB_STR ? text_of(s, t) : "string";
  int numeric = strcmp(want, "integer") == 0 || strcmp(want, "number") == 0;
  const char *label = last_label(w);
  if (numeric && inst->kind == NB_NULL)
    fail(w, "NB101", inst, "没有的数字也要填 0，不能空着", "「%s」没有填写数字", label);
  else if (numeric && inst->kind == NB_STR)
    fail(w, "NB101", inst, number_text_hint(inst), "「%s」应填%s，这里是文字“%s”", label,
         type_word(want), inst->str);
  else if (strcmp(want, "integer") == 0 && inst->kind == NB_REAL)
    fail(w, "NB101", inst, "件数、条数只能是整数", "「%s」应填整数，这里是 %s", label, inst->str);
  else if (strcmp(want, "string") == 0 && (inst->kind == NB_INT || inst->kind == NB_REAL ||
                                           inst->kind == NB_BOOL))
    fail(w, "NB101", inst, "给这段文字加上双引号，例如 \"0537-7984101\"",
         "「%s」应填文字，这里被当作了%s %s", label, nb_kind_label(inst->kind), inst->str);
  else if (strcmp(want, "string") == 0 && inst->kind == NB_NULL)
    fail(w, "NB101", inst, "在冒号后面填写内容；多段文字用“|”块写法",
         "「%s」没有填写内容", label);
  else if (strcmp(want, "object") == 0 && inst->kind == NB_SEQ)
    fail(w, "NB101", inst, hint_of(w->s, sch), "「%s」应是“键: 值”的键值表，这里却写成了列表",
         label);
  else if (strcmp(want, "array") == 0 && inst->kind == NB_MAP)
    fail(w, "NB101", inst, hint_of(w->s, sch), "「%s」应是列表，这里却写成了键值表", label);
  else
    fail(w, "NB101", inst, hint_of(w->s, sch), "「%s」应填%s，这里是%s", label, type_word(want),
         nb_kind_label(inst->kind));
  return 0;
}

/* ---- scalars ---- */

static const char *computed_note(const nb_schema *s, snode sch)
{
  return cstr_of(s, kw(s, sch, NB_KW_COMPUTED));
}

static void check_not(walk *w, snode sch, const nb_node *inst)
{
  snode not = kw(w->s, sch, NB_KW_NOT);
  if (not == NONE)
    return;
  walk inner = {.s = w->s, .root = w->root, .level = w->level};
  check(&inner, not, inst);
  if (inner.errors)
    return;
  const char *computed = computed_note(w->s, sch);
  if (computed)
    fail(w, "NB111", inst, computed, "「%s」是自动计算的总计，不要填写", last_label(w));
  else
    fail(w, "NB112", inst, hint_of(w->s, sch), "「%s」这里不允许填写这个值", last_label(w));
}

static int is_number(const nb_node *n)
{
  return n && (n->kind == NB_INT || n->kind == NB_REAL);
}

static double as_double(const nb_node *n)
{
  return n->kind == NB_INT ? (double)n->num.i : n->num.r;
}

/* Equality of the schema's value X and the document's Y as JSON Schema defines it: numbers
 * by value (1.0 equals 1), objects regardless of key order, strings byte for byte. */
static int values_equal(const nb_schema *s, snode x, const nb_node *y)
{
  nb_node a = scalar(s, x);
  if (is_number(&a) && is_number(y))
    return a.kind == NB_INT && y->kind == NB_INT ? a.num.i == y->num.i
                                                 : as_double(&a) == as_double(y);
  if (!y || a.kind != y->kind)
    return 0;
  if (a.kind == NB_SEQ) {
    if (count_of_children(s, x) != y->n)
      return 0;
    for (size_t i = 0; i < y->n; i++)
      if (!values_equal(s, item_of(s, x, i), y->items[i]))
        return 0;
    return 1;
  }
  if (a.kind == NB_MAP) {
    if (count_of_children(s, x) != y->n)
      return 0;
    for (size_t i = 0; i < y->n; i++) {
      const nb_schema_image_pair *p = pair_of(s, x, i);
      if (!values_equal(s, p->val, nb_node_get(y, text_of(s, p->key))))
        return 0;
    }
    return 1;
  }
  return nb_node_equal(&a, y);
}

static void check_enum_const(walk *w, snode sch, const nb_node *inst)
{
  const nb_schema *s = w->s;
  snode c = kw(s, sch, NB_KW_CONST);
  if (c != NONE && !values_equal(s, c, inst))
    fail(w, "NB105", inst, hint_of(s, sch), "「%s」只能是 %s，这里是 %s", last_label(w),
         text_of(s, c) ? text_of(s, c) : "?", inst->str ? inst->str : nb_kind_label(inst->kind));
  snode e = kw(s, sch, NB_KW_ENUM);
  if (e == NONE || kind_of(s, e) != NB_SEQ)
    return;
  size_t n = count_of_children(s, e);
  for (size_t i = 0; i < n; i++)
    if (values_equal(s, item_of(s, e, i), inst))
      return;
  nb_buf choices = NB_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    const char *t = text_of(s, item_of(s, e, i));
    nb_buf_printf(&choices, "%s%s", i ? "、" : "", t ? t : "?");
  }
  nb_buf hint = NB_BUF_INIT;
  nb_buf_printf(&hint, "从以下选项中选一个：%s", nb_buf_cstr(&choices));
  fail(w, "NB104", inst, nb_buf_cstr(&hint), "「%s」不能填“%s”", last_label(w),
       inst->str ? inst->str : nb_kind_label(inst->kind));
  nb_buf_free(&hint);
  nb_buf_free(&choices);
}

/* -1, 0, 1 as number node A compares with B, exactly for two integers. */
static int compare(const nb_node *a, const nb_node *b)
{
  if (a->kind == NB_INT && b->kind == NB_INT)
    return (a->num.i > b->num.i) - (a->num.i < b->num.i);
  double x = as_double(a), y = as_double(b);
  return (x > y) - (x < y);
}

/* Decimal places as written: "0.50" has 2. */
static int decimals_written(const nb_node *n)
{
  const char *dot = n->str ? memchr(n->str, '.', n->len) : NULL;
  if (!dot)
    return 0;
  int k = 0;
  for (const char *p = dot + 1; p < n->str + n->len && *p >= '0' && *p <= '9'; p++)
    k++;
  return k;
}

/* Keyword K of SCH as a scalar node in OUT (a collection's has no children); 0 when SCH has
 * no such keyword (OUT is not written). */
static int kw_scalar(const nb_schema *s, snode sch, nb_schema_kw k, nb_node *out)
{
  snode n = kw(s, sch, k);
  if (n == NONE)
    return 0;
  *out = scalar(s, n);
  return 1;
}

static void check_number(walk *w, snode sch, const nb_node *inst)
{
  if (inst->kind != NB_INT && inst->kind != NB_REAL)
    return;
  nb_node min_node, max_node, *min = &min_node, *max = &max_node;
  int numeric_min = kw_scalar(w->s, sch, NB_KW_MINIMUM, min) && is_number(min);
  int numeric_max = kw_scalar(w->s, sch, NB_KW_MAXIMUM, max) && is_number(max);
  if (numeric_min && compare(inst, min) < 0) {
    if (min->kind == NB_INT && min->num.i == 0)
      fail(w, "NB106", inst, "件数、金额不能是负数；没有的填 0", "「%s」不能是负数 %s",
           last_label(w), inst->str);
    else
      fail(w, "NB106", inst, hint_of(w->s, sch), "「%s」不能小于 %s，这里是 %s", last_label(w),
           min->str, inst->str);
  } else if (numeric_max && compare(inst, max) > 0) {
    fail(w, "NB106", inst, "请核对这个数字是否多打了位数", "「%s」不能大于 %s，这里是 %s",
         last_label(w), max->str, inst->str);
  }
  nb_node dec, mul;
  if (kw_scalar(w->s, sch, NB_KW_DECIMALS, &dec) && dec.kind == NB_INT) {
    if (decimals_written(inst) > dec.num.i)
      fail(w, "NB107", inst, "按规定的单位四舍五入后填写", "「%s」最多保留 %lld 位小数，这里是 %s",
           last_label(w), (long long)dec.num.i, inst->str);
    return;
  }
  if (kw_scalar(w->s, sch, NB_KW_MULTIPLE, &mul) && is_number(&mul)) {
    double q = as_double(inst) / as_double(&mul);
    if (!isfinite(q) || fabs(q - nearbyint(q)) > 1e-9)
      fail(w, "NB107", inst, hint_of(w->s, sch), "「%s」必须是 %s 的整数倍，这里是 %s",
           last_label(w), mul.str, inst->str);
  }
}

static size_t utf8_length(const char *s, size_t len)
{
  size_t k = 0;
  for (size_t i = 0; i < len; k++) {
    uint32_t cp;
    i += nb_utf8_decode(s + i, len - i, &cp);
  }
  return k;
}

static int matches(const nb_schema *s, size_t re, const nb_node *n);

/* The value of count keyword K of SCH (minLength, maxItems…): a non-negative integer, also
 * written 2.0; -1 when absent or not such a number. */
static int64_t count_of(const nb_schema *s, snode sch, nb_schema_kw k)
{
  nb_node n;
  if (!kw_scalar(s, sch, k, &n))
    return -1;
  if (n.kind == NB_INT && n.num.i >= 0)
    return n.num.i;
  if (n.kind == NB_REAL && n.num.r >= 0 && n.num.r < 9e18 && n.num.r == floor(n.num.r))
    return (int64_t)n.num.r;
  return -1;
}

static void check_string(walk *w, snode sch, const nb_node *inst)
{
  if (inst->kind != NB_STR)
    return;
  int64_t min = count_of(w->s, sch, NB_KW_MIN_LENGTH), max = count_of(w->s, sch, NB_KW_MAX_LENGTH);
  int64_t chars = min >= 0 || max >= 0 ? (int64_t)utf8_length(inst->str, inst->len) : 0;
  if (min >= 0 && chars < min) {
    if (inst->len == 0)
      fail(w, "NB109", inst, hint_of(w->s, sch), "「%s」不能为空", last_label(w));
    else
      fail(w, "NB109", inst, hint_of(w->s, sch), "「%s」至少要有 %lld 个字", last_label(w),
           (long long)min);
  }
  if (max >= 0 && chars > max)
    fail(w, "NB109", inst, hint_of(w->s, sch), "「%s」最多 %lld 个字，这里有 %lld 个字",
         last_label(w), (long long)max, (long long)chars);
  size_t re = kws(w->s, sch)->re;
  if (re && !matches(w->s, re, inst))
    fail(w, "NB110", inst, hint_of(w->s, sch), "「%s」的写法不对：“%s”", last_label(w), inst->str);
}

/* Whether the text of N matches the pattern numbered RE (1-based); text with a NUL byte
 * is matched up to it. */
static int matches(const nb_schema *s, size_t re, const nb_node *n)
{
  return nb_pattern_match(&s->patterns[re - 1], n->str);
}

/* ---- mappings ---- */

static size_t edit_distance(const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b);
  if (la > 40 || lb > 40)
    return 99;
  size_t d[41][41];
  for (size_t i = 0; i <= la; i++)
    d[i][0] = i;
  for (size_t j = 0; j <= lb; j++)
    d[0][j] = j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
      if (d[i - 1][j] + 1 < best)
        best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best)
        best = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  return d[la][lb];
}

/* A known key the unknown KEY was probably meant to be: a near spelling, or the key whose
 * Chinese title the user typed instead. */
static const char *suggest_key(const walk *w, snode props, const char *key)
{
  const char *best = NULL;
  size_t best_d = 3;
  for (size_t i = 0; i < count_of_children(w->s, props); i++) {
    const nb_schema_image_pair *p = pair_of(w->s, props, i);
    const char *k = text_of(w->s, p->key);
    const char *t = title_of(w->s, p->val);
    if (computed_note(w->s, p->val))
      continue;
    if (t && (strcmp(t, key) == 0 || (strlen(key) >= 6 && strstr(t, key))))
      return k;
    size_t d = edit_distance(key, k);
    if (d < best_d && d * 3 <= strlen(k)) {
      best_d = d;
      best = k;
    }
  }
  return best;
}

static void check_required(walk *w, snode sch, const nb_node *inst)
{
  const nb_schema *s = w->s;
  snode props = kw(s, sch, NB_KW_PROPERTIES), req = kw(s, sch, NB_KW_REQUIRED);
  if (req == NONE || kind_of(s, req) != NB_SEQ)
    return;
  for (size_t i = 0; i < count_of_children(s, req); i++) {
    const char *k = cstr_of(s, item_of(s, req, i));
    if (!k || nb_node_get(inst, k))
      continue;
    snode ps = get(s, props, k);
    const char *t = ps != NONE ? title_of(s, ps) : NULL;
    push(w, k, 0, t, NULL);
    fail(w, "NB102", inst, ps != NONE ? hint_of(s, ps) : NULL, "缺少「%s」（键 %s）", t ? t : k, k);
    pop(w);
  }
}

/* Whether KEY names a total ("总计", "total", …): every total is computed, never typed. */
static int total_word(const char *key)
{
  static const char *const words[] = {"总计", "合计", "小计", "总数", "共计", "total", "Total",
                                      "sum", NULL};
  for (const char *const *t = words; *t; t++)
    if (strcmp(key, *t) == 0)
      return 1;
  return 0;
}

/* NB111 for a total typed as a key: the computed note of this level's total, if it has one. */
static void typed_total(walk *w, snode props, const nb_node *key, const nb_node *val)
{
  const char *note = NULL;
  int map = props != NONE && kind_of(w->s, props) == NB_MAP;
  for (size_t j = 0; map && j < count_of_children(w->s, props) && !note; j++)
    note = computed_note(w->s, pair_of(w->s, props, j)->val);
  push(w, key->str, 0, NULL, val);
  fail(w, "NB111", key, note ? note : "所有总计都由程序根据各项数字自动计算：删除这一行即可",
       "「%s」中的“%s”由程序计算，不要填写", last_label(w), key->str);
  pop(w);
}

/* NB103: KEY is not allowed here; the hint names the keys that are. */
static void unknown_key(walk *w, snode props, const nb_node *key, const nb_node *val)
{
  if (total_word(key->str)) {
    typed_total(w, props, key, val);
    return;
  }
  const nb_schema *s = w->s;
  int map = props != NONE && kind_of(s, props) == NB_MAP;
  const char *near = map ? suggest_key(w, props, key->str) : NULL;
  nb_buf hint = NB_BUF_INIT;
  if (near)
    nb_buf_printf(&hint, "是不是要写“%s”？", near);
  if (map && count_of_children(s, props)) {
    nb_buf_puts(&hint, near ? "这里可以填写的键有：" : "检查拼写；这里可以填写的键有：");
    size_t shown = 0;
    for (size_t j = 0; j < count_of_children(s, props); j++) {
      const nb_schema_image_pair *p = pair_of(s, props, j);
      if (computed_note(s, p->val))
        continue;
      nb_buf_printf(&hint, "%s%s", shown++ ? "、" : "", text_of(s, p->key));
    }
  }
  push(w, key->str, 0, NULL, val);
  fail(w, "NB103", key, hint.len ? nb_buf_cstr(&hint) : NULL, "「%s」中没有“%s”这一项",
       last_label(w), key->str);
  pop(w);
  nb_buf_free(&hint);
}

/* Checks VAL against every patternProperties schema whose pattern matches KEY; returns
 * whether any did. */
static int check_pattern_props(walk *w, snode sch, const nb_node *key, const nb_node *val)
{
  snode pp = kw(w->s, sch, NB_KW_PATTERN_PROPS);
  size_t first = kws(w->s, sch)->pp_re;
  int matched = 0;
  for (size_t j = 0; first && pp != NONE && j < count_of_children(w->s, pp); j++) {
    if (!matches(w->s, first + j, key))
      continue;
    matched = 1;
    push(w, key->str, 0, NULL, val);
    check(w, pair_of(w->s, pp, j)->val, val);
    pop(w);
  }
  return matched;
}

static void check_object(walk *w, snode sch, const nb_node *inst)
{
  if (inst->kind != NB_MAP)
    return;
  const nb_schema *s = w->s;
  snode props = kw(s, sch, NB_KW_PROPERTIES), addl = kw(s, sch, NB_KW_ADDL);
  check_required(w, sch, inst);
  for (size_t i = 0; i < inst->n; i++) {
    const nb_node *key = inst->pairs[i].key, *val = inst->pairs[i].val;
    snode ps = get(s, props, key->str);
    if (ps != NONE) {
      push(w, key->str, 0, title_of(s, ps), val);
      check(w, ps, val);
      pop(w);
    }
    if (check_pattern_props(w, sch, key, val) || ps != NONE || addl == NONE)
      continue;
    if (kind_of(s, addl) == NB_BOOL && !value_of(s, addl)) {
      unknown_key(w, props, key, val);
    } else if (kind_of(s, addl) == NB_MAP) {
      push(w, key->str, 0, NULL, val);
      check(w, addl, val);
      pop(w);
    }
  }
}

/* ---- sequences ---- */

static void check_array_length(walk *w, snode sch, const nb_node *inst, int *too_many)
{
  int64_t min = count_of(w->s, sch, NB_KW_MIN_ITEMS), max = count_of(w->s, sch, NB_KW_MAX_ITEMS);
  const char *computed = computed_note(w->s, sch);
  if (min >= 0 && (int64_t)inst->n < min) {
    if (max == min)
      fail(w, "NB108", inst, computed ? computed : hint_of(w->s, sch),
           "「%s」应有 %lld 个数，这里只有 %zu 个", last_label(w), (long long)min, (size_t)inst->n);
    else
      fail(w, "NB108", inst, hint_of(w->s, sch), "「%s」至少要有 %lld 项，这里有 %zu 项",
           last_label(w), (long long)min, (size_t)inst->n);
  }
  if (max >= 0 && (int64_t)inst->n > max) {
    *too_many = 1;
    const nb_node *extra = inst->items[max];
    if (computed && inst->n == (size_t)max + 1)
      fail(w, "NB111", extra, computed, "「%s」第 %zu 个数是总计，总计由程序计算，不要填写",
           last_label(w), (size_t)inst->n);
    else
      fail(w, "NB108", extra, computed ? computed : hint_of(w->s, sch),
           "「%s」最多 %lld 项，这里有 %zu 项", last_label(w), (long long)max, (size_t)inst->n);
  }
}

static void check_array(walk *w, snode sch, const nb_node *inst)
{
  if (inst->kind != NB_SEQ)
    return;
  const nb_schema *s = w->s;
  int too_many = 0;
  check_array_length(w, sch, inst, &too_many);
  snode items = kw(s, sch, NB_KW_ITEMS);
  if (items == NONE)
    return;
  if (kind_of(s, items) != NB_SEQ) { /* one schema for every item */
    for (size_t i = 0; i < inst->n; i++) {
      push(w, NULL, i, NULL, inst->items[i]);
      check(w, items, inst->items[i]);
      pop(w);
    }
    return;
  }
  size_t tuple = count_of_children(s, items);
  for (size_t i = 0; i < inst->n && i < tuple; i++) {
    push(w, NULL, i, title_of(s, item_of(s, items, i)), inst->items[i]);
    check(w, item_of(s, items, i), inst->items[i]);
    pop(w);
  }
  snode addl = kw(s, sch, NB_KW_ADDL_ITEMS);
  if (addl == NONE || inst->n <= tuple)
    return;
  if (kind_of(s, addl) == NB_BOOL && !value_of(s, addl)) {
    if (!too_many)
      fail(w, "NB108", inst->items[tuple], hint_of(s, sch), "「%s」只能有 %zu 项，这里有 %zu 项",
           last_label(w), tuple, (size_t)inst->n);
    return;
  }
  for (size_t i = tuple; i < inst->n; i++) {
    push(w, NULL, i, NULL, inst->items[i]);
    check(w, addl, inst->items[i]);
    pop(w);
  }
}

static void check_all_of(walk *w, snode sch, const nb_node *inst)
{
  snode all = kw(w->s, sch, NB_KW_ALL_OF);
  for (size_t i = 0; all != NONE && kind_of(w->s, all) == NB_SEQ && i < count_of_children(w->s, all); i++)
    check(w, item_of(w->s, all, i), inst);
}

static void check(walk *w, snode sch, const nb_node *inst)
{
  if (++w->level > MAX_LEVEL) {
    if (w->level == MAX_LEVEL + 1)
      fail(w, "NB113", inst, "检查模式文件中 $ref、not、allOf 是否互相引用成了循环",
           "模式的引用层层嵌套超过 %d 层，无法检查「%s」", MAX_LEVEL, last_label(w));
    w->level--;
    return;
  }
  snode target = resolve(w->s, sch);
  nb_kind kind = target != NONE ? kind_of(w->s, target) : NB_NULL;
  if (kind == NB_BOOL && !value_of(w->s, target))
    fail(w, "NB112", inst, NULL, "「%s」这里不允许填写", last_label(w));
  if (kind == NB_MAP) {
    /* annotations beside a $ref (x-nianbao-computed) count as the target's */
    if (target != sch && kw(w->s, sch, NB_KW_NOT) != NONE)
      check_not(w, sch, inst);
    check_not(w, target, inst);
    if (check_type(w, target, inst)) {
      check_all_of(w, target, inst);
      check_enum_const(w, target, inst);
      check_number(w, target, inst);
      check_string(w, target, inst);
      check_object(w, target, inst);
      check_array(w, target, inst);
    }
  }
  w->level--;
}

static int by_address(const void *a, const void *b)
{
  uintptr_t x = (uintptr_t) * (const nb_node *const *)a, y = (uintptr_t) * (const nb_node *const *)b;
  return (x > y) - (x < y);
}

size_t nb_schema_check_faults(const nb_schema *s, const nb_node *doc, nb_diags *diags,
                              nb_schema_faults *faults)
{
  walk w = {.s = s, .diags = diags, .faults = faults, .root = doc};
  check(&w, s->img->root, doc);
  if (faults && faults->n)
    qsort(faults->nodes, faults->n, sizeof *faults->nodes, by_address);
  return w.errors;
}

size_t nb_schema_check(const nb_schema *s, const nb_node *doc, nb_diags *diags)
{
  return nb_schema_check_faults(s, doc, diags, NULL);
}

int nb_schema_faulty(const nb_schema_faults *f, const nb_node *n)
{
  return f && n && f->n &&
         bsearch(&n, f->nodes, f->n, sizeof *f->nodes, by_address) != NULL;
}

void nb_schema_faults_free(nb_schema_faults *f)
{
  if (!f)
    return;
  free(f->nodes);
  *f = (nb_schema_faults){0};
}

const char *nb_schema_labels(const nb_schema *s, const char *keypath, nb_arena *arena)
{
  snode sch = s->img->root;
  nb_buf out = NB_BUF_INIT;
  const char *p = keypath;
  while (*p && sch != NONE) {
    snode target = resolve(s, sch), sub = NONE;
    if (*p == '[') {
      char *end;
      unsigned long idx = strtoul(p + 1, &end, 10);
      if (*end != ']')
        break;
      snode items = kw(s, target, NB_KW_ITEMS);
      if (items != NONE && kind_of(s, items) == NB_SEQ)
        sub = idx < count_of_children(s, items) ? item_of(s, items, idx) : NONE;
      else
        sub = items;
      p = end + 1;
    } else {
      if (*p == '.')
        p++;
      size_t len = strcspn(p, ".[");
      char key[128];
      if (len >= sizeof key)
        break;
      memcpy(key, p, len);
      key[len] = '\0';
      sub = get(s, kw(s, target, NB_KW_PROPERTIES), key);
      p += len;
    }
    sch = sub;
    const char *t = sub != NONE ? title_of(s, sub) : NULL;
    if (t)
      nb_buf_printf(&out, "%s%s", out.len ? " › " : "", t);
  }
  const char *res = sch != NONE && out.len ? nb_arena_strdup(arena, nb_buf_cstr(&out)) : NULL;
  nb_buf_free(&out);
  return res;
}
