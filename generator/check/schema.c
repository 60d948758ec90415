/* Checking walks the document and the schema together. At each node the schema's keywords
 * are applied in a fixed order (not → type → value keywords → children); a type error stops
 * the walk below that node, since every message under it would repeat the same mistake.
 * The walk keeps the key path ("applications.new[0]") and the titles of the schemas passed
 * ("三、收到和处理… › 一、本年新收… › 自然人") so that each message names both. */
#include "check/schema.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/load.h"
#include "core/io.h"
#include "core/json.h"
#include "core/utf8.h"

typedef struct {
  struct keywords_s *owner; /* the schema object whose pattern this is */
  regex_t re;
} pattern;

/* The keywords of one schema object, looked up once when the schema is loaded. */
typedef struct keywords_s {
  const nb_node *ref;
  const nb_node *title;
  const nb_node *description;
  const nb_node *type;
  const nb_node *computed;
  const nb_node *not;
  const nb_node *const_;
  const nb_node *enum_;
  const nb_node *minimum;
  const nb_node *maximum;
  const nb_node *decimals;
  const nb_node *multiple;
  const nb_node *min_length;
  const nb_node *pattern;
  const nb_node *properties;
  const nb_node *addl;
  const nb_node *required;
  const nb_node *min_items;
  const nb_node *max_items;
  const nb_node *items;
  const nb_node *addl_items;
  const regex_t *re; /* compiled pattern */
} keywords;

static const keywords no_keywords; /* for nodes that are not schema objects */

static const keywords *kw_of(const nb_node *n)
{
  return n && n->aux ? n->aux : &no_keywords;
}

struct nb_schema {
  nb_arena *arena;
  nb_node *root;
  pattern *patterns;
  size_t n_patterns;
};

/* ---- loading ---------------------------------------------------------------------------- */

static const struct {
  const char *name;
  size_t offset;
} keyword_table[] = {
    {"$ref", offsetof(keywords, ref)},
    {"title", offsetof(keywords, title)},
    {"description", offsetof(keywords, description)},
    {"type", offsetof(keywords, type)},
    {"x-nianbao-computed", offsetof(keywords, computed)},
    {"not", offsetof(keywords, not)},
    {"const", offsetof(keywords, const_)},
    {"enum", offsetof(keywords, enum_)},
    {"minimum", offsetof(keywords, minimum)},
    {"maximum", offsetof(keywords, maximum)},
    {"x-nianbao-decimals", offsetof(keywords, decimals)},
    {"multipleOf", offsetof(keywords, multiple)},
    {"minLength", offsetof(keywords, min_length)},
    {"pattern", offsetof(keywords, pattern)},
    {"properties", offsetof(keywords, properties)},
    {"additionalProperties", offsetof(keywords, addl)},
    {"required", offsetof(keywords, required)},
    {"minItems", offsetof(keywords, min_items)},
    {"maxItems", offsetof(keywords, max_items)},
    {"items", offsetof(keywords, items)},
    {"additionalItems", offsetof(keywords, addl_items)}};

/* Compiles every schema object below N: its keywords into an arena-allocated struct hung on
 * the node, its pattern into a regex. */
static int compile(nb_schema *s, nb_node *n, nb_diags *diags)
{
  if (!n)
    return 0;
  if (n->kind == NB_SEQ) {
    for (size_t i = 0; i < n->n; i++)
      if (compile(s, n->items[i], diags) != 0)
        return -1;
    return 0;
  }
  if (n->kind != NB_MAP)
    return 0;
  keywords *k = nb_arena_alloc(s->arena, sizeof *k);
  for (size_t i = 0; i < n->n; i++) {
    const char *name = n->pairs[i].key->str;
    for (size_t j = 0; j < sizeof keyword_table / sizeof keyword_table[0]; j++)
      if (name[0] == keyword_table[j].name[0] && strcmp(name, keyword_table[j].name) == 0)
        *(const nb_node **)(void *)((char *)k + keyword_table[j].offset) = n->pairs[i].val;
    if (compile(s, n->pairs[i].val, diags) != 0)
      return -1;
  }
  if (k->pattern && k->pattern->kind == NB_STR) {
    s->patterns = nb_xrealloc(s->patterns, (s->n_patterns + 1) * sizeof *s->patterns);
    pattern *p = &s->patterns[s->n_patterns];
    if (regcomp(&p->re, k->pattern->str, REG_EXTENDED | REG_NOSUB) != 0) {
      nb_diag_add(diags, NB_SEV_ERROR, "NB100", k->pattern->line, k->pattern->col,
                  "模式“%s”不是有效的正则表达式", k->pattern->str);
      return -1;
    }
    p->owner = k;
    s->n_patterns++;
  }
  n->aux = k;
  return 0;
}

/* Regexes live in a growing array: point each keywords struct at its own once all are made. */
static void link_patterns(nb_schema *s)
{
  for (size_t i = 0; i < s->n_patterns; i++)
    s->patterns[i].owner->re = &s->patterns[i].re;
}

static nb_schema *load(const char *text, size_t len, nb_diags *diags)
{
  nb_schema *s = nb_xcalloc(1, sizeof *s);
  s->arena = nb_arena_new();
  s->root = nb_json_parse(text, len, s->arena, diags);
  if (!s->root || s->root->kind != NB_MAP) {
    if (s->root)
      nb_diag_add(diags, NB_SEV_ERROR, "NB100", 1, 1, "模式文件的顶层应是一个 JSON 对象");
    nb_schema_free(s);
    return NULL;
  }
  if (compile(s, s->root, diags) != 0) {
    nb_schema_free(s);
    return NULL;
  }
  link_patterns(s);
  return s;
}

nb_schema *nb_schema_load_text(const char *text, size_t len, nb_diags *diags)
{
  return load(text, len, diags);
}

nb_schema *nb_schema_load_builtin(nb_diags *diags)
{
  const nb_embedded_file *f = nb_embed_find("report-2021.schema.json");
  if (!f) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB100", 0, 0, "程序中缺少内置的模式文件");
    return NULL;
  }
  return load((const char *)f->data, f->size, diags);
}

nb_schema *nb_schema_load_file(const char *path, nb_diags *diags)
{
  nb_buf b = NB_BUF_INIT;
  nb_io_status st = nb_io_read(path, NB_LOAD_MAX_BYTES, &b);
  nb_schema *s = NULL;
  if (st != NB_IO_OK)
    nb_diag_add(diags, NB_SEV_ERROR, "NB001", 0, 0, "无法读取模式文件：%s", nb_io_status_text(st));
  else
    s = load(nb_buf_cstr(&b), b.len, diags);
  nb_buf_free(&b);
  return s;
}

void nb_schema_free(nb_schema *s)
{
  if (!s)
    return;
  for (size_t i = 0; i < s->n_patterns; i++)
    regfree(&s->patterns[i].re);
  free(s->patterns);
  nb_arena_free(s->arena);
  free(s);
}

const nb_node *nb_schema_root(const nb_schema *s)
{
  return s->root;
}

const nb_node *nb_schema_resolve(const nb_schema *s, const nb_node *sub)
{
  for (int hops = 0; hops < 16 && sub; hops++) {
    const char *ref = nb_node_cstr(kw_of(sub)->ref);
    if (!ref)
      return sub;
    if (strncmp(ref, "#/definitions/", 14) != 0)
      return NULL;
    sub = nb_node_get(nb_node_get(s->root, "definitions"), ref + 14);
  }
  return sub;
}

/* ---- the walk --------------------------------------------------------------------------- */

/* One step of the walk: a key, or an index when KEY is NULL, and the schema's title. */
typedef struct {
  const char *key;
  size_t index;
  const char *label;
} step;

#define MAX_STEPS 64 /* deeper than any document the loader accepts */

typedef struct {
  const nb_schema *s;
  nb_diags *diags;   /* NULL: only count (inside "not") */
  size_t errors;
  step steps[MAX_STEPS];
  size_t depth;
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

/* The last title on the walk, for short messages: "「自然人」". */
static const char *last_label(const walk *w)
{
  for (size_t i = w->depth < MAX_STEPS ? w->depth : MAX_STEPS; i-- > 0;)
    if (w->steps[i].label)
      return w->steps[i].label;
  return "本文件";
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static nb_diag *fail(walk *w, const char *code, const nb_node *at, const char *hint,
                     const char *fmt, ...)
{
  w->errors++;
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

static void push(walk *w, const char *key, size_t index, const char *label)
{
  if (w->depth < MAX_STEPS)
    w->steps[w->depth] = (step){key, index, label};
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
  walk inner = {.s = w->s};
  check(&inner, not, inst);
  if (inner.errors)
    return;
  const char *computed = computed_note(sch);
  if (computed)
    fail(w, "NB111", inst, computed, "「%s」是自动计算的总计，不要填写", last_label(w));
  else
    fail(w, "NB112", inst, hint_of(w->s, sch), "「%s」这里不允许填写这个值", last_label(w));
}

static void check_enum_const(walk *w, const nb_node *sch, const nb_node *inst)
{
  const nb_node *c = kw_of(sch)->const_;
  if (c && !nb_node_equal(c, inst))
    fail(w, "NB105", inst, hint_of(w->s, sch), "「%s」只能是 %s，这里是 %s", last_label(w),
         c->str ? c->str : "?", inst->str ? inst->str : nb_kind_label(inst->kind));
  const nb_node *e = kw_of(sch)->enum_;
  if (!e || e->kind != NB_SEQ)
    return;
  for (size_t i = 0; i < e->n; i++)
    if (nb_node_equal(e->items[i], inst))
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

static double as_double(const nb_node *n)
{
  return n->kind == NB_INT ? (double)n->num.i : n->num.r;
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
    if (fabs(q - nearbyint(q)) > 1e-9)
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

static void check_string(walk *w, const nb_node *sch, const nb_node *inst)
{
  if (inst->kind != NB_STR)
    return;
  const nb_node *ml = kw_of(sch)->min_length;
  if (ml && ml->kind == NB_INT && (int64_t)utf8_length(inst->str, inst->len) < ml->num.i) {
    if (inst->len == 0)
      fail(w, "NB109", inst, hint_of(w->s, sch), "「%s」不能为空", last_label(w));
    else
      fail(w, "NB109", inst, hint_of(w->s, sch), "「%s」至少要有 %lld 个字", last_label(w),
           (long long)ml->num.i);
  }
  const regex_t *re = kw_of(sch)->re;
  if (re && regexec(re, inst->str, 0, NULL, 0) != 0)
    fail(w, "NB110", inst, hint_of(w->s, sch), "「%s」的写法不对：“%s”", last_label(w), inst->str);
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

static void check_object(walk *w, const nb_node *sch, const nb_node *inst)
{
  if (inst->kind != NB_MAP)
    return;
  const nb_node *props = kw_of(sch)->properties;
  const nb_node *addl = kw_of(sch)->addl;
  const nb_node *req = kw_of(sch)->required;
  if (req && req->kind == NB_SEQ)
    for (size_t i = 0; i < req->n; i++) {
      const char *k = nb_node_cstr(req->items[i]);
      if (!k || nb_node_get(inst, k))
        continue;
      const nb_node *ps = nb_node_get(props, k);
      const char *t = ps ? title_of(w->s, ps) : NULL;
      push(w, k, 0, t);
      fail(w, "NB102", inst, ps ? hint_of(w->s, ps) : NULL, "缺少「%s」（键 %s）", t ? t : k, k);
      pop(w);
    }
  for (size_t i = 0; i < inst->n; i++) {
    const nb_node *key = inst->pairs[i].key;
    const nb_node *ps = nb_node_get(props, key->str);
    if (ps) {
      push(w, key->str, 0, title_of(w->s, ps));
      check(w, ps, inst->pairs[i].val);
      pop(w);
      continue;
    }
    if (addl && addl->kind == NB_BOOL && !addl->num.b) {
      const char *near = props ? suggest_key(w, props, key->str) : NULL;
      nb_buf hint = NB_BUF_INIT;
      if (near)
        nb_buf_printf(&hint, "是不是要写“%s”？", near);
      if (props && props->n) {
        nb_buf_puts(&hint, near ? "这里可以填写的键有：" : "检查拼写；这里可以填写的键有：");
        size_t shown = 0;
        for (size_t j = 0; j < props->n; j++) {
          if (computed_note(props->pairs[j].val))
            continue;
          nb_buf_printf(&hint, "%s%s", shown++ ? "、" : "", props->pairs[j].key->str);
        }
      }
      push(w, key->str, 0, NULL);
      fail(w, "NB103", key, hint.len ? nb_buf_cstr(&hint) : NULL, "「%s」中没有“%s”这一项",
           last_label(w), key->str);
      pop(w);
      nb_buf_free(&hint);
    } else if (addl && addl->kind == NB_MAP) {
      push(w, key->str, 0, NULL);
      check(w, addl, inst->pairs[i].val);
      pop(w);
    }
  }
}

/* ---- sequences ---- */

static void check_array(walk *w, const nb_node *sch, const nb_node *inst)
{
  if (inst->kind != NB_SEQ)
    return;
  const nb_node *min = kw_of(sch)->min_items, *max = kw_of(sch)->max_items;
  const char *computed = computed_note(sch);
  int too_many = 0;
  if (min && min->kind == NB_INT && (int64_t)inst->n < min->num.i) {
    if (max && max->kind == NB_INT && max->num.i == min->num.i)
      fail(w, "NB108", inst, computed ? computed : hint_of(w->s, sch),
           "「%s」应有 %lld 个数，这里只有 %zu 个", last_label(w), (long long)min->num.i, inst->n);
    else
      fail(w, "NB108", inst, hint_of(w->s, sch), "「%s」至少要有 %lld 项，这里有 %zu 项",
           last_label(w), (long long)min->num.i, inst->n);
  }
  if (max && max->kind == NB_INT && (int64_t)inst->n > max->num.i) {
    too_many = 1;
    const nb_node *extra = inst->items[max->num.i];
    if (computed && inst->n == (size_t)max->num.i + 1)
      fail(w, "NB111", extra, computed, "「%s」第 %zu 个数是总计，总计由程序计算，不要填写",
           last_label(w), inst->n);
    else
      fail(w, "NB108", extra, computed ? computed : hint_of(w->s, sch),
           "「%s」最多 %lld 项，这里有 %zu 项", last_label(w), (long long)max->num.i, inst->n);
  }
  const nb_node *items = kw_of(sch)->items;
  if (!items)
    return;
  if (items->kind == NB_MAP) {
    for (size_t i = 0; i < inst->n; i++) {
      push(w, NULL, i, NULL);
      check(w, items, inst->items[i]);
      pop(w);
    }
    return;
  }
  if (items->kind != NB_SEQ)
    return;
  for (size_t i = 0; i < inst->n && i < items->n; i++) {
    push(w, NULL, i, title_of(w->s, items->items[i]));
    check(w, items->items[i], inst->items[i]);
    pop(w);
  }
  const nb_node *addl = kw_of(sch)->addl_items;
  if (!too_many && addl && addl->kind == NB_BOOL && !addl->num.b && inst->n > items->n)
    fail(w, "NB108", inst->items[items->n], hint_of(w->s, sch), "「%s」只能有 %zu 项，这里有 %zu 项",
         last_label(w), items->n, inst->n);
}

static void check(walk *w, const nb_node *sch, const nb_node *inst)
{
  if (sch && sch->kind == NB_BOOL) {
    if (!sch->num.b)
      fail(w, "NB112", inst, NULL, "「%s」这里不允许填写", last_label(w));
    return;
  }
  const nb_node *target = nb_schema_resolve(w->s, sch);
  if (!target || target->kind != NB_MAP)
    return;
  /* annotations beside a $ref (x-nianbao-computed) count as the target's */
  if (target != sch && kw_of(sch)->not)
    check_not(w, sch, inst);
  check_not(w, target, inst);
  if (!check_type(w, target, inst))
    return;
  check_enum_const(w, target, inst);
  check_number(w, target, inst);
  check_string(w, target, inst);
  check_object(w, target, inst);
  check_array(w, target, inst);
}

size_t nb_schema_check(const nb_schema *s, const nb_node *doc, nb_diags *diags)
{
  walk w = {.s = s, .diags = diags};
  check(&w, s->root, doc);
  return w.errors;
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
