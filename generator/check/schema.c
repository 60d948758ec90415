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
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "core/load.h"
#include "core/io.h"
#include "core/json.h"
#include "core/utf8.h"

typedef nb_schema_keywords keywords;

static const keywords no_keywords; /* for nodes that are not schema objects */

static const keywords *kw_of(const nb_node *n)
{
  return n && n->aux ? n->aux : &no_keywords;
}

/* ---- loading ---------------------------------------------------------------------------- */

const nb_schema_keyword nb_schema_keyword_table[NB_SCHEMA_KEYWORDS] = {
    {"$ref", offsetof(keywords, ref), NB_SCHEMA_DATA},
    {"title", offsetof(keywords, title), NB_SCHEMA_DATA},
    {"description", offsetof(keywords, description), NB_SCHEMA_DATA},
    {"type", offsetof(keywords, type), NB_SCHEMA_DATA},
    {"x-nianbao-computed", offsetof(keywords, computed), NB_SCHEMA_DATA},
    {"not", offsetof(keywords, not), NB_SCHEMA_ONE},
    {"allOf", offsetof(keywords, all_of), NB_SCHEMA_LIST},
    {"const", offsetof(keywords, const_), NB_SCHEMA_DATA},
    {"enum", offsetof(keywords, enum_), NB_SCHEMA_DATA},
    {"minimum", offsetof(keywords, minimum), NB_SCHEMA_DATA},
    {"maximum", offsetof(keywords, maximum), NB_SCHEMA_DATA},
    {"x-nianbao-decimals", offsetof(keywords, decimals), NB_SCHEMA_DATA},
    {"multipleOf", offsetof(keywords, multiple), NB_SCHEMA_DATA},
    {"minLength", offsetof(keywords, min_length), NB_SCHEMA_DATA},
    {"maxLength", offsetof(keywords, max_length), NB_SCHEMA_DATA},
    {"pattern", offsetof(keywords, pattern), NB_SCHEMA_DATA},
    {"properties", offsetof(keywords, properties), NB_SCHEMA_MAP},
    {"patternProperties", offsetof(keywords, pattern_props), NB_SCHEMA_MAP},
    {"additionalProperties", offsetof(keywords, addl), NB_SCHEMA_ONE},
    {"required", offsetof(keywords, required), NB_SCHEMA_DATA},
    {"minItems", offsetof(keywords, min_items), NB_SCHEMA_DATA},
    {"maxItems", offsetof(keywords, max_items), NB_SCHEMA_DATA},
    {"items", offsetof(keywords, items), NB_SCHEMA_ONE_OR_LIST},
    {"additionalItems", offsetof(keywords, addl_items), NB_SCHEMA_ONE},
    {"definitions", NB_SCHEMA_NO_FIELD, NB_SCHEMA_MAP}};

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

/* The pattern is run as a POSIX extended regex, with \d, \w and \s spelled as classes. */
size_t nb_schema_add_pattern(nb_schema *s, const nb_node *pattern, nb_diags *diags)
{
  nb_buf b = NB_BUF_INIT;
  for (size_t i = 0; i < pattern->len; i++) {
    char c = pattern->str[i], next = i + 1 < pattern->len ? pattern->str[i + 1] : '\0';
    const char *cls = NULL;
    if (c == '\\' && next == 'd')
      cls = "[0-9]";
    else if (c == '\\' && next == 'w')
      cls = "[A-Za-z0-9_]";
    else if (c == '\\' && next == 's')
      cls = "[[:space:]]";
    if (cls) {
      nb_buf_puts(&b, cls);
      i++;
    } else {
      nb_buf_putc(&b, c);
    }
  }
  if (s->n_patterns == s->cap_patterns) {
    s->cap_patterns = s->cap_patterns ? 2 * s->cap_patterns : 8;
    s->patterns = nb_xrealloc(s->patterns, s->cap_patterns * sizeof *s->patterns);
  }
  int rc = regcomp(&s->patterns[s->n_patterns], nb_buf_cstr(&b), REG_EXTENDED | REG_NOSUB);
  nb_buf_free(&b);
  if (rc != 0) {
    bad_schema(diags, pattern, "模式“%s”不是有效的正则表达式", pattern->str);
    return 0;
  }
  return ++s->n_patterns;
}

static int compile(nb_schema *s, nb_node *n, nb_schema_val as, nb_diags *diags);

/* Checks the values of a schema object's keywords that compiling does not reach. */
static int validate_keywords(nb_schema *s, keywords *k, nb_diags *diags)
{
  static const char *const types[] = {"integer", "number", "string", "object", "array", "boolean", "null"};
  const nb_node *t = k->type;
  for (size_t i = 0; t && i < (t->kind == NB_SEQ ? t->n : 1); i++) {
    const nb_node *name = t->kind == NB_SEQ ? t->items[i] : t;
    int known = 0;
    for (size_t j = 0; name->kind == NB_STR && j < sizeof types / sizeof types[0]; j++)
      known |= strcmp(name->str, types[j]) == 0;
    if (!known)
      return bad_schema(diags, name, "“type”只能是 integer、number、string、object、array、boolean、null");
  }
  const nb_node *m = k->multiple;
  if (m && !((m->kind == NB_INT && m->num.i > 0) || (m->kind == NB_REAL && m->num.r > 0)))
    return bad_schema(diags, m, "“multipleOf”应是大于 0 的数");
  if (k->ref && k->ref->kind != NB_STR)
    return bad_schema(diags, k->ref, "“$ref”应是文字");
  if (k->pattern && k->pattern->kind == NB_STR && !(k->re = nb_schema_add_pattern(s, k->pattern, diags)))
    return -1;
  if (k->pattern_props && k->pattern_props->kind == NB_MAP)
    for (size_t i = 0; i < k->pattern_props->n; i++) {
      size_t idx = nb_schema_add_pattern(s, k->pattern_props->pairs[i].key, diags);
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
      if (name[0] == nb_schema_keyword_table[j].name[0] && strcmp(name, nb_schema_keyword_table[j].name) == 0 &&
          nb_schema_keyword_table[j].offset != NB_SCHEMA_NO_FIELD)
        *(const nb_node **)(void *)((char *)k + nb_schema_keyword_table[j].offset) = n->pairs[i].val;
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

/* Resolves every $ref below N once, so that checking follows pointers without parsing. */
static int link_refs(nb_schema *s, const nb_node *n, nb_diags *diags)
{
  if (n->kind == NB_SEQ)
    for (size_t i = 0; i < n->n; i++)
      if (link_refs(s, n->items[i], diags) != 0)
        return -1;
  if (n->kind != NB_MAP)
    return 0;
  keywords *k = (keywords *)(uintptr_t)n->aux;
  if (k && k->ref) {
    const char *ref = k->ref->str;
    if (ref[0] != '#' || (ref[1] && ref[1] != '/'))
      return bad_schema(diags, k->ref, "无法解析引用“%s”：只支持本文件内以“#/”开头的 JSON 指针", ref);
    k->ref_target = follow_pointer(s->root, ref + 1);
    if (!k->ref_target)
      return bad_schema(diags, k->ref, "引用“%s”指向的内容在模式文件中不存在", ref);
  }
  for (size_t i = 0; i < n->n; i++)
    if (link_refs(s, n->pairs[i].val, diags) != 0)
      return -1;
  return 0;
}

/* A chain of $ref to $ref that never ends in a schema is a cycle. */
static int check_ref_chains(const nb_schema *s, const nb_node *n, nb_diags *diags)
{
  if (n->kind == NB_SEQ)
    for (size_t i = 0; i < n->n; i++)
      if (check_ref_chains(s, n->items[i], diags) != 0)
        return -1;
  if (n->kind != NB_MAP)
    return 0;
  if (kw_of(n)->ref && !nb_schema_resolve(s, n))
    return bad_schema(diags, kw_of(n)->ref, "引用“%s”层层相引，超过 %d 层或构成循环",
                      kw_of(n)->ref->str, MAX_REF_HOPS);
  for (size_t i = 0; i < n->n; i++)
    if (check_ref_chains(s, n->pairs[i].val, diags) != 0)
      return -1;
  return 0;
}

static nb_schema *load(const char *text, size_t len, nb_diags *diags)
{
  nb_schema *s = nb_xcalloc(1, sizeof *s);
  s->arena = nb_arena_new();
  s->root = nb_json_parse(text, len, s->arena, diags);
  if (s->root && s->root->kind != NB_MAP && s->root->kind != NB_BOOL) {
    bad_schema(diags, s->root, "模式文件的顶层应是一个 JSON 对象（或 true/false）");
    nb_schema_free(s);
    return NULL;
  }
  if (!s->root || compile(s, s->root, NB_SCHEMA_ONE, diags) != 0 ||
      link_refs(s, s->root, diags) != 0 || check_ref_chains(s, s->root, diags) != 0) {
    nb_schema_free(s);
    return NULL;
  }
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
    regfree(&s->patterns[i]);
  free(s->patterns);
  nb_arena_free(s->arena);
  free(s);
}

const nb_node *nb_schema_root(const nb_schema *s)
{
  return s->root;
}

int nb_schema_format(const nb_schema *s)
{
  const nb_node *f = nb_node_get(kw_of(s->root)->properties, "format");
  return (int)nb_node_int(kw_of(nb_schema_resolve(s, f))->const_, 0);
}

const nb_node *nb_schema_resolve(const nb_schema *s, const nb_node *sub)
{
  (void)s;
  for (int hops = 0; hops <= MAX_REF_HOPS && sub; hops++) {
    const keywords *k = kw_of(sub);
    if (!k->ref)
      return sub;
    sub = k->ref_target;
  }
  return NULL;
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
static const char *title_of(const nb_schema *s, const nb_node *sub)
{
  const char *t = nb_node_cstr(kw_of(sub)->title);
  if (!t)
    t = nb_node_cstr(kw_of(nb_schema_resolve(s, sub))->title);
  return t;
}

static const char *hint_of(const nb_schema *s, const nb_node *sub)
{
  const char *t = nb_node_cstr(kw_of(sub)->description);
  if (!t)
    t = nb_node_cstr(kw_of(nb_schema_resolve(s, sub))->description);
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

static void check(walk *w, const nb_node *sch, const nb_node *inst);

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

static int check_type(walk *w, const nb_node *sch, const nb_node *inst)
{
  const nb_node *t = kw_of(sch)->type;
  if (!t)
    return 1;
  if (t->kind == NB_STR) {
    if (type_matches(t->str, inst))
      return 1;
  } else if (t->kind == NB_SEQ) {
    for (size_t i = 0; i < t->n; i++)
      if (t->items[i]->kind == NB_STR && type_matches(t->items[i]->str, inst))
        return 1;
  }
  const char *want = t->kind == NB_STR ? t->str : "string";
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

static const char *computed_note(const nb_node *sch)
{
  return nb_node_cstr(kw_of(sch)->computed);
}

static void check_not(walk *w, const nb_node *sch, const nb_node *inst)
{
  const nb_node *not = kw_of(sch)->not;
  if (!not)
    return;
  walk inner = {.s = w->s, .root = w->root, .level = w->level};
  check(&inner, not, inst);
  if (inner.errors)
    return;
  const char *computed = computed_note(sch);
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

/* Equality of two JSON values as JSON Schema defines it: numbers by value (1.0 equals 1),
 * objects regardless of key order, strings byte for byte. */
static int values_equal(const nb_node *x, const nb_node *y)
{
  if (is_number(x) && is_number(y))
    return x->kind == NB_INT && y->kind == NB_INT ? x->num.i == y->num.i
                                                  : as_double(x) == as_double(y);
  if (!x || !y || x->kind != y->kind)
    return 0;
  if (x->kind == NB_SEQ) {
    if (x->n != y->n)
      return 0;
    for (size_t i = 0; i < x->n; i++)
      if (!values_equal(x->items[i], y->items[i]))
        return 0;
    return 1;
  }
  if (x->kind == NB_MAP) {
    if (x->n != y->n)
      return 0;
    for (size_t i = 0; i < x->n; i++)
      if (!values_equal(x->pairs[i].val, nb_node_get(y, x->pairs[i].key->str)))
        return 0;
    return 1;
  }
  return nb_node_equal(x, y);
}

static void check_enum_const(walk *w, const nb_node *sch, const nb_node *inst)
{
  const nb_node *c = kw_of(sch)->const_;
  if (c && !values_equal(c, inst))
    fail(w, "NB105", inst, hint_of(w->s, sch), "「%s」只能是 %s，这里是 %s", last_label(w),
         c->str ? c->str : "?", inst->str ? inst->str : nb_kind_label(inst->kind));
  const nb_node *e = kw_of(sch)->enum_;
  if (!e || e->kind != NB_SEQ)
    return;
  for (size_t i = 0; i < e->n; i++)
    if (values_equal(e->items[i], inst))
      return;
  nb_buf choices = NB_BUF_INIT;
  for (size_t i = 0; i < e->n; i++)
    nb_buf_printf(&choices, "%s%s", i ? "、" : "", e->items[i]->str ? e->items[i]->str : "?");
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

static void check_number(walk *w, const nb_node *sch, const nb_node *inst)
{
  if (inst->kind != NB_INT && inst->kind != NB_REAL)
    return;
  const nb_node *min = kw_of(sch)->minimum, *max = kw_of(sch)->maximum;
  int numeric_min = min && (min->kind == NB_INT || min->kind == NB_REAL);
  int numeric_max = max && (max->kind == NB_INT || max->kind == NB_REAL);
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
  const nb_node *dec = kw_of(sch)->decimals;
  if (dec && dec->kind == NB_INT) {
    if (decimals_written(inst) > dec->num.i)
      fail(w, "NB107", inst, "按规定的单位四舍五入后填写", "「%s」最多保留 %lld 位小数，这里是 %s",
           last_label(w), (long long)dec->num.i, inst->str);
    return;
  }
  const nb_node *mul = kw_of(sch)->multiple;
  if (mul && (mul->kind == NB_INT || mul->kind == NB_REAL)) {
    double q = as_double(inst) / as_double(mul);
    if (!isfinite(q) || fabs(q - nearbyint(q)) > 1e-9)
      fail(w, "NB107", inst, hint_of(w->s, sch), "「%s」必须是 %s 的整数倍，这里是 %s",
           last_label(w), mul->str, inst->str);
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

/* A count keyword's value (minLength, maxItems…): a non-negative integer, also written 2.0;
 * -1 when absent or not such a number. */
static int64_t count_of(const nb_node *n)
{
  if (n && n->kind == NB_INT && n->num.i >= 0)
    return n->num.i;
  if (n && n->kind == NB_REAL && n->num.r >= 0 && n->num.r < 9e18 && n->num.r == floor(n->num.r))
    return (int64_t)n->num.r;
  return -1;
}

static void check_string(walk *w, const nb_node *sch, const nb_node *inst)
{
  if (inst->kind != NB_STR)
    return;
  int64_t min = count_of(kw_of(sch)->min_length), max = count_of(kw_of(sch)->max_length);
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
  size_t re = kw_of(sch)->re;
  if (re && !matches(w->s, re, inst))
    fail(w, "NB110", inst, hint_of(w->s, sch), "「%s」的写法不对：“%s”", last_label(w), inst->str);
}

/* Whether the text of N matches the pattern numbered RE (1-based); text with a NUL byte
 * is matched up to it. */
static int matches(const nb_schema *s, size_t re, const nb_node *n)
{
  return regexec(&s->patterns[re - 1], n->str, 0, NULL, 0) == 0;
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
static const char *suggest_key(const walk *w, const nb_node *props, const char *key)
{
  const char *best = NULL;
  size_t best_d = 3;
  for (size_t i = 0; i < props->n; i++) {
    const char *k = props->pairs[i].key->str;
    const char *t = title_of(w->s, props->pairs[i].val);
    if (computed_note(props->pairs[i].val))
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

static void check_required(walk *w, const nb_node *sch, const nb_node *inst)
{
  const nb_node *props = kw_of(sch)->properties, *req = kw_of(sch)->required;
  if (!req || req->kind != NB_SEQ)
    return;
  for (size_t i = 0; i < req->n; i++) {
    const char *k = nb_node_cstr(req->items[i]);
    if (!k || nb_node_get(inst, k))
      continue;
    const nb_node *ps = nb_node_get(props, k);
    const char *t = ps ? title_of(w->s, ps) : NULL;
    push(w, k, 0, t, NULL);
    fail(w, "NB102", inst, ps ? hint_of(w->s, ps) : NULL, "缺少「%s」（键 %s）", t ? t : k, k);
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
static void typed_total(walk *w, const nb_node *props, const nb_node *key, const nb_node *val)
{
  const char *note = NULL;
  for (size_t j = 0; props && props->kind == NB_MAP && j < props->n && !note; j++)
    note = computed_note(props->pairs[j].val);
  push(w, key->str, 0, NULL, val);
  fail(w, "NB111", key, note ? note : "所有总计都由程序根据各项数字自动计算：删除这一行即可",
       "「%s」中的“%s”由程序计算，不要填写", last_label(w), key->str);
  pop(w);
}

/* NB103: KEY is not allowed here; the hint names the keys that are. */
static void unknown_key(walk *w, const nb_node *props, const nb_node *key, const nb_node *val)
{
  if (total_word(key->str)) {
    typed_total(w, props, key, val);
    return;
  }
  const char *near = props && props->kind == NB_MAP ? suggest_key(w, props, key->str) : NULL;
  nb_buf hint = NB_BUF_INIT;
  if (near)
    nb_buf_printf(&hint, "是不是要写“%s”？", near);
  if (props && props->kind == NB_MAP && props->n) {
    nb_buf_puts(&hint, near ? "这里可以填写的键有：" : "检查拼写；这里可以填写的键有：");
    size_t shown = 0;
    for (size_t j = 0; j < props->n; j++) {
      if (computed_note(props->pairs[j].val))
        continue;
      nb_buf_printf(&hint, "%s%s", shown++ ? "、" : "", props->pairs[j].key->str);
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
static int check_pattern_props(walk *w, const nb_node *sch, const nb_node *key, const nb_node *val)
{
  const nb_node *pp = kw_of(sch)->pattern_props;
  size_t first = kw_of(sch)->pp_re;
  int matched = 0;
  for (size_t j = 0; first && pp && j < pp->n; j++) {
    if (!matches(w->s, first + j, key))
      continue;
    matched = 1;
    push(w, key->str, 0, NULL, val);
    check(w, pp->pairs[j].val, val);
    pop(w);
  }
  return matched;
}

static void check_object(walk *w, const nb_node *sch, const nb_node *inst)
{
  if (inst->kind != NB_MAP)
    return;
  const nb_node *props = kw_of(sch)->properties;
  const nb_node *addl = kw_of(sch)->addl;
  check_required(w, sch, inst);
  for (size_t i = 0; i < inst->n; i++) {
    const nb_node *key = inst->pairs[i].key, *val = inst->pairs[i].val;
    const nb_node *ps = nb_node_get(props, key->str);
    if (ps) {
      push(w, key->str, 0, title_of(w->s, ps), val);
      check(w, ps, val);
      pop(w);
    }
    if (check_pattern_props(w, sch, key, val) || ps || !addl)
      continue;
    if (addl->kind == NB_BOOL && !addl->num.b) {
      unknown_key(w, props, key, val);
    } else if (addl->kind == NB_MAP) {
      push(w, key->str, 0, NULL, val);
      check(w, addl, val);
      pop(w);
    }
  }
}

/* ---- sequences ---- */

static void check_array_length(walk *w, const nb_node *sch, const nb_node *inst, int *too_many)
{
  int64_t min = count_of(kw_of(sch)->min_items), max = count_of(kw_of(sch)->max_items);
  const char *computed = computed_note(sch);
  if (min >= 0 && (int64_t)inst->n < min) {
    if (max == min)
      fail(w, "NB108", inst, computed ? computed : hint_of(w->s, sch),
           "「%s」应有 %lld 个数，这里只有 %zu 个", last_label(w), (long long)min, inst->n);
    else
      fail(w, "NB108", inst, hint_of(w->s, sch), "「%s」至少要有 %lld 项，这里有 %zu 项",
           last_label(w), (long long)min, inst->n);
  }
  if (max >= 0 && (int64_t)inst->n > max) {
    *too_many = 1;
    const nb_node *extra = inst->items[max];
    if (computed && inst->n == (size_t)max + 1)
      fail(w, "NB111", extra, computed, "「%s」第 %zu 个数是总计，总计由程序计算，不要填写",
           last_label(w), inst->n);
    else
      fail(w, "NB108", extra, computed ? computed : hint_of(w->s, sch),
           "「%s」最多 %lld 项，这里有 %zu 项", last_label(w), (long long)max, inst->n);
  }
}

static void check_array(walk *w, const nb_node *sch, const nb_node *inst)
{
  if (inst->kind != NB_SEQ)
    return;
  int too_many = 0;
  check_array_length(w, sch, inst, &too_many);
  const nb_node *items = kw_of(sch)->items;
  if (!items)
    return;
  if (items->kind != NB_SEQ) { /* one schema for every item */
    for (size_t i = 0; i < inst->n; i++) {
      push(w, NULL, i, NULL, inst->items[i]);
      check(w, items, inst->items[i]);
      pop(w);
    }
    return;
  }
  for (size_t i = 0; i < inst->n && i < items->n; i++) {
    push(w, NULL, i, title_of(w->s, items->items[i]), inst->items[i]);
    check(w, items->items[i], inst->items[i]);
    pop(w);
  }
  const nb_node *addl = kw_of(sch)->addl_items;
  if (!addl || inst->n <= items->n)
    return;
  if (addl->kind == NB_BOOL && !addl->num.b) {
    if (!too_many)
      fail(w, "NB108", inst->items[items->n], hint_of(w->s, sch), "「%s」只能有 %zu 项，这里有 %zu 项",
           last_label(w), items->n, inst->n);
    return;
  }
  for (size_t i = items->n; i < inst->n; i++) {
    push(w, NULL, i, NULL, inst->items[i]);
    check(w, addl, inst->items[i]);
    pop(w);
  }
}

static void check_all_of(walk *w, const nb_node *sch, const nb_node *inst)
{
  const nb_node *all = kw_of(sch)->all_of;
  for (size_t i = 0; all && all->kind == NB_SEQ && i < all->n; i++)
    check(w, all->items[i], inst);
}

static void check(walk *w, const nb_node *sch, const nb_node *inst)
{
  if (++w->level > MAX_LEVEL) {
    if (w->level == MAX_LEVEL + 1)
      fail(w, "NB113", inst, "检查模式文件中 $ref、not、allOf 是否互相引用成了循环",
           "模式的引用层层嵌套超过 %d 层，无法检查「%s」", MAX_LEVEL, last_label(w));
    w->level--;
    return;
  }
  const nb_node *target = nb_schema_resolve(w->s, sch);
  if (target && target->kind == NB_BOOL && !target->num.b)
    fail(w, "NB112", inst, NULL, "「%s」这里不允许填写", last_label(w));
  if (target && target->kind == NB_MAP) {
    /* annotations beside a $ref (x-nianbao-computed) count as the target's */
    if (target != sch && kw_of(sch)->not)
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
  check(&w, s->root, doc);
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
  const nb_node *sch = s->root;
  nb_buf out = NB_BUF_INIT;
  const char *p = keypath;
  while (*p && sch) {
    const nb_node *target = nb_schema_resolve(s, sch);
    const nb_node *sub = NULL;
    if (*p == '[') {
      char *end;
      unsigned long idx = strtoul(p + 1, &end, 10);
      if (*end != ']')
        break;
      const nb_node *items = kw_of(target)->items;
      sub = items && items->kind == NB_SEQ ? (idx < items->n ? items->items[idx] : NULL) : items;
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
      sub = nb_node_get(kw_of(target)->properties, key);
      p += len;
    }
    sch = sub;
    const char *t = sub ? title_of(s, sub) : NULL;
    if (t)
      nb_buf_printf(&out, "%s%s", out.len ? " › " : "", t);
  }
  const char *res = sch && out.len ? nb_arena_strdup(arena, nb_buf_cstr(&out)) : NULL;
  nb_buf_free(&out);
  return res;
}
