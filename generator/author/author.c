/* init and next, and the no-clobber atomic write shared by init, next and import.
 *
 * next rewrites last year's text in place: the loader gives every scalar's position, so each
 * change is an edit (byte range → replacement) on the original text, applied back to front.
 * Whatever the edits do not touch — comments, blank lines, key order, quoting — stays. */
#include "author/author.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/io.h"
#include "core/load.h"
#include "core/utf8.h"
#include "check/check.h"
#include "author/yamlout.h"

char *nb_author_default_name(int year, const char *organ)
{
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%d-", year);
  for (const char *p = organ; *p; p++) /* a name is a file name: no directories */
    nb_buf_putc(&b, *p == '/' || *p == '\\' ? '-' : *p);
  nb_buf_puts(&b, ".yaml");
  return nb_buf_detach(&b);
}

static const char modeline[] = "# yaml-language-server: $schema=";

char *nb_author_schema_of(const nb_buf *text)
{
  size_t m = sizeof modeline - 1;
  if (text->len < m || memcmp(text->data, modeline, m) != 0)
    return NULL;
  const char *nl = memchr(text->data + m, '\n', text->len - m);
  size_t end = nl ? (size_t)(nl - text->data) : text->len;
  while (end > m && (text->data[end - 1] == ' ' || text->data[end - 1] == '\r'))
    end--;
  return nb_xstrndup(text->data + m, end - m);
}

void nb_author_set_schema(nb_buf *text, const char *schema_path)
{
  size_t m = sizeof modeline - 1;
  if (text->len < m || memcmp(text->data, modeline, m) != 0)
    return;
  const char *nl = memchr(text->data, '\n', text->len);
  size_t end = nl ? (size_t)(nl - text->data) : text->len;
  nb_buf out = NB_BUF_INIT;
  nb_buf_put(&out, text->data, m);
  nb_buf_puts(&out, schema_path);
  nb_buf_put(&out, text->data + end, text->len - end);
  nb_buf_free(text);
  *text = out;
}

nb_write_result nb_author_write(const char *path, const char *data, size_t len, int force,
                                const char *input)
{
  if (strcmp(path, "-") == 0) {
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
      return NB_WRITE_FAILED;
    return NB_WRITE_OK;
  }
  if (input && strcmp(input, "-") != 0 && nb_io_same_file(path, input))
    return NB_WRITE_IS_INPUT;
  struct stat st;
  if (!force && lstat(path, &st) == 0)
    return NB_WRITE_EXISTS;
  if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    return NB_WRITE_FAILED;
  }
  return nb_io_write_atomic(path, data, len) == 0 ? NB_WRITE_OK : NB_WRITE_FAILED;
}

/* ---- init ---- */

/* What the format expects in each prose part, beyond the schema's description
 * (国办公开办函〔2021〕30号 and common practice). */
static const struct {
  const char *path, *text;
} expectations[] = {
  {"overview.summary", "可概括本年度政府信息公开工作的总体情况，也可不写。"},
  {"overview.active_disclosure",
   "写明本年度主动公开信息的总条数和分类情况；各类条数在下面的 published_items 中填写，总数由程序相加。"},
  {"overview.on_request",
   "写明收到、办理政府信息公开申请的情况，与表三的数字一致；没有收到申请的，如实写明。"},
  {"overview.information_management", "如信息发布审查、政府信息公开目录编制、规范性文件清理等。"},
  {"overview.platform", "如政府网站、政务新媒体、政务公开专栏、公开查阅点等平台的建设和运行。"},
  {"overview.supervision", "如工作考核、社会评议、责任追究、培训等。"},
  {"problems.main_problems", "写本年度存在的问题，内容不能遗漏，也不宜泛化；不要照搬往年的文字。"},
  {"problems.improvements", "写针对问题的改进措施，并说明上一年度报告所列问题的整改情况。"},
  {"other.processing_fees",
   "按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取的情况；未收取的两项都填0。"},
};

typedef struct {
  const nb_schema *schema;
  nb_buf *out;
  const char *organ, *level;
  int year;
  nb_buf path;
} initw;

static const char *str_of(const nb_node *n, const char *key)
{
  return nb_node_cstr(nb_node_get(n, key));
}

static int in_list(const nb_node *seq, const char *s)
{
  for (size_t i = 0; seq && seq->kind == NB_SEQ && i < seq->n; i++)
    if (nb_node_cstr(seq->items[i]) && strcmp(nb_node_cstr(seq->items[i]), s) == 0)
      return 1;
  return 0;
}

static void indent_to(nb_buf *b, unsigned indent)
{
  nb_buf_printf(b, "%*s", (int)indent, "");
}

static void init_object(initw *w, const nb_node *sch, unsigned indent);

/* A figure's (or row's) default text, or NULL when SCH is not a figure. */
static const char *init_figure(const nb_node *sch)
{
  const char *type = str_of(sch, "type");
  if (!type)
    return NULL;
  if (strcmp(type, "integer") == 0 || strcmp(type, "number") == 0)
    return "0";
  if (strcmp(type, "array") == 0 && nb_node_get(sch, "items")
      && nb_node_get(sch, "items")->kind == NB_SEQ)
    return "[0, 0, 0, 0, 0, 0]";
  return NULL;
}

static void init_comment(initw *w, const char *title, const char *desc, const char *path,
                         unsigned indent)
{
  nb_buf c = NB_BUF_INIT;
  nb_buf_printf(&c, "%s%s%s", title ? title : "", title && desc ? "：" : "", desc ? desc : "");
  for (size_t i = 0; i < sizeof expectations / sizeof expectations[0]; i++)
    if (strcmp(expectations[i].path, path) == 0)
      nb_buf_printf(&c, "\n%s", expectations[i].text);
  if (c.len)
    nb_yaml_comment(w->out, indent, nb_buf_cstr(&c));
  nb_buf_free(&c);
}

/* An object property KEY of schema SCH: its members, or when it is optional (and cannot be
 * left empty) its members commented out. */
static void init_nested(initw *w, const char *key, const nb_node *sch, int required,
                        unsigned indent)
{
  indent_to(w->out, indent);
  if (required) {
    nb_buf_printf(w->out, "%s:\n", key);
    init_object(w, sch, indent + 2);
    return;
  }
  nb_buf_printf(w->out, "# %s:\n", key);
  const nb_node *props = nb_node_get(sch, "properties");
  for (size_t i = 0; props && i < props->n; i++) {
    indent_to(w->out, indent);
    nb_buf_printf(w->out, "#   %s:  # %s\n", props->pairs[i].key->str,
                  str_of(props->pairs[i].val, "title") ? str_of(props->pairs[i].val, "title")
                                                       : "");
  }
}

/* One property KEY of an object: comment, key, default value. */
static void init_property(initw *w, const char *key, const nb_node *raw, int required,
                          unsigned indent)
{
  const nb_node *sch = nb_schema_resolve(w->schema, raw);
  if (nb_node_get(raw, "not") || nb_node_get(sch, "not"))
    return; /* a computed total: never in the file */
  if (strcmp(key, "scope") == 0 && w->path.len == strlen("organ"))
    return; /* organ.scope marks the region-wide files nianbao summary writes, not a body's */
  size_t base = w->path.len;
  nb_buf_printf(&w->path, "%s%s", base ? "." : "", key);
  const char *path = nb_buf_cstr(&w->path);
  const char *title = str_of(raw, "title") ? str_of(raw, "title") : str_of(sch, "title");
  const char *desc = str_of(raw, "description") ? str_of(raw, "description")
                                                 : str_of(sch, "description");
  const char *ref = str_of(raw, "$ref");
  const char *type = str_of(sch, "type");
  int prose = ref && strcmp(ref, "#/definitions/prose") == 0;
  const char *fig = init_figure(sch);
  if (strcmp(path, "format") == 0) {
    indent_to(w->out, indent);
    nb_buf_printf(w->out, "format: 2021  # %s\n", title ? title : "");
  } else if (strcmp(path, "organ.name") == 0 || strcmp(path, "organ.level") == 0) {
    indent_to(w->out, indent);
    nb_buf_printf(w->out, "%s: ", key);
    const char *v = strcmp(key, "name") == 0 ? w->organ : w->level;
    nb_yaml_scalar(w->out, v, strlen(v));
    nb_buf_printf(w->out, "  # %s\n", title ? title : "");
  } else if (strcmp(path, "year") == 0) {
    indent_to(w->out, indent);
    nb_buf_printf(w->out, "year: %d  # %s（统计期限：%d年1月1日至%d年12月31日）\n", w->year,
                  title ? title : "", w->year, w->year);
  } else if (prose) {
    init_comment(w, title, desc, path, indent);
    indent_to(w->out, indent);
    nb_buf_printf(w->out, "%s: \"\"\n", key);
  } else if (fig) {
    indent_to(w->out, indent);
    nb_buf_printf(w->out, "%s: %s  # %s\n", key, fig, title ? title : "");
  } else if (type && strcmp(type, "object") == 0) {
    init_comment(w, title, desc, path, indent);
    init_nested(w, key, sch, required, indent);
  } else if (type && strcmp(type, "array") == 0) {
    init_comment(w, title, desc, path, indent);
    indent_to(w->out, indent);
    nb_buf_printf(w->out, "%s:\n", key);
    indent_to(w->out, indent + 2);
    nb_buf_puts(w->out, "- {category: 各类信息, count: 0}\n");
  } else { /* an optional identity string: shown commented out */
    init_comment(w, title, desc, path, indent);
    indent_to(w->out, indent);
    nb_buf_printf(w->out, "# %s:\n", key);
  }
  w->path.len = base;
  w->path.data[base] = '\0';
}

static void init_object(initw *w, const nb_node *sch, unsigned indent)
{
  const nb_node *props = nb_node_get(sch, "properties");
  const nb_node *req = nb_node_get(sch, "required");
  for (size_t i = 0; props && props->kind == NB_MAP && i < props->n; i++) {
    const char *key = props->pairs[i].key->str;
    if (indent == 0 && i > 0)
      nb_buf_putc(w->out, '\n');
    init_property(w, key, props->pairs[i].val, in_list(req, key), indent);
  }
}

static const char *deadline(const char *level)
{
  if (strstr(level, "部门"))
    return "县级以上人民政府部门应在次年1月31日前公布本年度报告（《条例》第四十九条）。";
  if (strstr(level, "人民政府"))
    return "本级人民政府应在次年3月31日前公布本年度报告（《条例》第四十九条）。";
  return NULL;
}

int nb_author_init(const nb_schema *schema, const char *organ, const char *level, int year,
                   nb_buf *out, nb_diags *diags)
{
  const nb_node *root = nb_schema_root(schema);
  const nb_node *lv = nb_node_path(root, "properties.organ.properties.level");
  const nb_node *levels = nb_node_get(lv, "enum");
  if (!in_list(levels, level)) {
    nb_buf opts = NB_BUF_INIT;
    for (size_t i = 0; levels && i < levels->n; i++)
      nb_buf_printf(&opts, "%s%s", i ? "、" : "", nb_node_cstr(levels->items[i]));
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB701", 0, 0, "机关层级“%s”不在可选范围内",
                             level);
    nb_diag_hint(g, "--level 可以是：%s", nb_buf_cstr(&opts));
    nb_buf_free(&opts);
    return -1;
  }
  if (nb_utf8_count(organ, strlen(organ)) < 2 || strchr(organ, '\n')) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB701", 0, 0, "机关名称“%s”不像一个机关的全称", organ);
    return -1;
  }
  if (year < 2021 || year > 2100) {
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB701", 0, 0, "报告年度%d不在2021至2100之间",
                             year);
    nb_diag_hint(g, "2021年格式（国办公开办函〔2021〕30号）从2021年度报告起使用");
    return -1;
  }
  initw w = {schema, out, organ, level, year, NB_BUF_INIT};
  nb_buf_puts(&w.path, "");
  nb_buf_puts(out, "# yaml-language-server: $schema=../schemas/report-2021.schema.json\n");
  nb_buf_printf(out, "# %s%d年政府信息公开工作年度报告的数据文件。\n", organ, year);
  nb_buf_printf(out, "# 统计期限：%d年1月1日至%d年12月31日。\n", year, year);
  if (deadline(level))
    nb_buf_printf(out, "# %s\n", deadline(level));
  nb_buf_puts(out,
              "# 填写方法：所有数字都要填写，没有的填0；各项总计由程序计算，不要填写。\n"
              "# 文字部分把 \"\" 换成 |，从下一行起比键名多缩进两格写正文，段与段之间空一行。\n"
              "# 以 # 开头的行是说明，不会出现在报告中；可不填的项目去掉行首的 # 再填写。\n"
              "# 写好后运行 nianbao lint 检查。\n\n");
  init_object(&w, root, 0);
  nb_buf_free(&w.path);
  return 0;
}

/* ---- next ---- */

typedef struct {
  size_t from, to;  /* byte range of the old text replaced */
  char *with;       /* malloc'd replacement */
} edit;

typedef struct {
  const char *text;
  size_t len;
  size_t *line_start; /* byte offset of each line (1-based index; [0] unused) */
  size_t nlines;
  edit *edits;
  size_t nedits, cap;
  nb_buf path;
} rewriter;

static void index_lines(rewriter *r)
{
  size_t n = 2;
  for (size_t i = 0; i < r->len; i++)
    n += r->text[i] == '\n';
  r->line_start = nb_xmalloc((n + 1) * sizeof *r->line_start);
  r->nlines = 1;
  r->line_start[1] = 0;
  for (size_t i = 0; i < r->len; i++)
    if (r->text[i] == '\n')
      r->line_start[++r->nlines] = i + 1;
}

/* Byte offset of 1-based LINE and COL (characters). */
static size_t offset(const rewriter *r, uint32_t line, uint32_t col)
{
  if (line < 1 || line > r->nlines)
    return r->len;
  size_t i = r->line_start[line];
  for (uint32_t c = 1; c < col && i < r->len && r->text[i] != '\n';) {
    i++;
    if (i >= r->len || ((unsigned char)r->text[i] & 0xc0) != 0x80)
      c++;
  }
  return i;
}

static size_t line_end(const rewriter *r, size_t at)
{
  while (at < r->len && r->text[at] != '\n')
    at++;
  return at;
}

static void add_edit(rewriter *r, size_t from, size_t to, const char *with)
{
  NB_GROW(r->edits, r->nedits, r->cap, 64);
  r->edits[r->nedits++] = (edit){from, to, nb_xstrdup(with)};
}

/* Replaces the scalar N's text by WITH (kept when equal, for a quiet diff). */
static void replace_scalar(rewriter *r, const nb_node *n, const char *with)
{
  if (!n || !n->line || (n->str && strlen(with) == n->len && memcmp(n->str, with, n->len) == 0))
    return;
  size_t from = offset(r, n->line, n->col), to = offset(r, n->end_line, n->end_col);
  if (to < from)
    to = from;
  add_edit(r, from, to, with);
}

static void zero_figures(rewriter *r, const nb_node *n)
{
  if (!n)
    return;
  if (n->kind == NB_INT || n->kind == NB_REAL)
    replace_scalar(r, n, "0");
  else if (n->kind == NB_SEQ)
    for (size_t i = 0; i < n->n; i++)
      zero_figures(r, n->items[i]);
  else if (n->kind == NB_MAP)
    for (size_t i = 0; i < n->n; i++)
      zero_figures(r, n->pairs[i].val);
}

/* End of a block scalar whose key starts at KEY_COL: its last line indented deeper than the
 * key (blank lines inside count, blank lines after it do not). */
static size_t block_end(const rewriter *r, uint32_t header_line, uint32_t key_col)
{
  size_t end = line_end(r, r->line_start[header_line]);
  for (uint32_t l = header_line + 1; l <= r->nlines; l++) {
    size_t s = r->line_start[l], e = line_end(r, s);
    size_t i = s;
    while (i < e && r->text[i] == ' ')
      i++;
    if (i == e)
      continue; /* blank: decided by what follows */
    if (i - s < key_col)
      break;
    end = e;
  }
  return end;
}

/* Empties the prose value of PAIR, keeping last year's text above the key as comments. */
static void clear_prose(rewriter *r, const nb_pair *p)
{
  const nb_node *v = p->val;
  if (v->kind != NB_STR || v->len == 0 || !p->key->line)
    return;
  uint32_t key_col = p->key->col;
  size_t from = offset(r, v->line, v->col), to;
  if (v->style == NB_STYLE_LITERAL || v->style == NB_STYLE_FOLDED)
    to = block_end(r, v->line, key_col - 1 + 1);
  else
    to = offset(r, v->end_line, v->end_col);
  add_edit(r, from, to, "\"\"");
  nb_buf c = NB_BUF_INIT;
  nb_buf_puts(&c, "上一年度内容，仅供参考：\n");
  const char *s = v->str;
  size_t len = v->len;
  while (len && s[len - 1] == '\n')
    len--;
  for (size_t i = 0; i < len;) {
    const char *nl = memchr(s + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - s) : len;
    if (e > i)
      nb_buf_printf(&c, "  %.*s", (int)(e - i), s + i);
    nb_buf_putc(&c, '\n');
    i = e + 1;
  }
  nb_buf cm = NB_BUF_INIT;
  nb_yaml_comment(&cm, key_col - 1, nb_buf_cstr(&c));
  size_t at = r->line_start[p->key->line];
  add_edit(r, at, at, nb_buf_cstr(&cm));
  nb_buf_free(&c);
  nb_buf_free(&cm);
}

static void clear_prose_in(rewriter *r, const nb_node *map, const char *skip)
{
  for (size_t i = 0; map && map->kind == NB_MAP && i < map->n; i++)
    if (strcmp(map->pairs[i].key->str, skip) != 0)
      clear_prose(r, &map->pairs[i]);
}

/* Removes the whole "date: …" entry (the new report's date is not known yet). */
static void drop_date(rewriter *r, const nb_node *root)
{
  const nb_pair *p = nb_node_get_pair(root, "date");
  if (!p || !p->key->line)
    return;
  size_t from = r->line_start[p->key->line];
  size_t to = line_end(r, offset(r, p->val->end_line ? p->val->end_line : p->key->line, 1));
  if (p->val->end_line && p->val->end_col == 1 && p->val->end_line > p->key->line)
    to = r->line_start[p->val->end_line] - 1; /* ends at the start of the next line */
  if (to < r->len)
    to++;
  add_edit(r, from, to, "");
}

/* "统计期限：2024年1月1日至2024年12月31日" in comments → the new year. */
static void period_comments(rewriter *r, int64_t year)
{
  char old[128], repl[128];
  snprintf(old, sizeof old, "统计期限：%lld年1月1日至%lld年12月31日", (long long)year,
           (long long)year);
  snprintf(repl, sizeof repl, "统计期限：%lld年1月1日至%lld年12月31日", (long long)year + 1,
           (long long)year + 1);
  for (size_t l = 1; l <= r->nlines; l++) {
    size_t s = r->line_start[l], e = line_end(r, s);
    const char *hash = memchr(r->text + s, '#', e - s);
    if (!hash)
      continue;
    size_t ol = strlen(old);
    for (size_t i = (size_t)(hash - r->text); i + ol <= e; i++)
      if (memcmp(r->text + i, old, ol) == 0) {
        add_edit(r, i, i + ol, repl);
        break;
      }
  }
}

static int cmp_edit(const void *a, const void *b)
{
  const edit *x = a, *y = b;
  return x->from < y->from ? -1 : x->from > y->from ? 1 : x->to < y->to ? -1 : x->to > y->to;
}

static void apply_edits(rewriter *r, nb_buf *out)
{
  qsort(r->edits, r->nedits, sizeof *r->edits, cmp_edit);
  size_t at = 0;
  for (size_t i = 0; i < r->nedits; i++) {
    edit *e = &r->edits[i];
    if (e->from < at) /* overlapping edits cannot happen; keep the first */
      continue;
    nb_buf_put(out, r->text + at, e->from - at);
    nb_buf_puts(out, e->with);
    at = e->to;
  }
  nb_buf_put(out, r->text + at, r->len - at);
}

static void rewriter_free(rewriter *r)
{
  for (size_t i = 0; i < r->nedits; i++)
    free(r->edits[i].with);
  free(r->edits);
  free(r->line_start);
}

static void plan_next(rewriter *r, const nb_node *root, int64_t year)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", (long long)year + 1);
  replace_scalar(r, nb_node_get(root, "year"), buf);
  drop_date(r, root);
  period_comments(r, year);
  const nb_node *disc = nb_node_get(root, "disclosure");
  for (size_t i = 0; disc && disc->kind == NB_MAP && i < disc->n; i++) {
    const nb_node *v = disc->pairs[i].val;
    if (v->kind == NB_MAP) {
      for (size_t j = 0; j < v->n; j++)
        if (strcmp(v->pairs[j].key->str, "in_force") != 0)
          zero_figures(r, v->pairs[j].val);
    } else {
      zero_figures(r, v);
    }
  }
  const nb_node *apps = nb_node_get(root, "applications");
  const nb_node *cf = nb_node_get(apps, "carry_forward"), *co = nb_node_get(apps, "carried_over");
  for (size_t i = 0; apps && i < apps->n; i++)
    if (strcmp(apps->pairs[i].key->str, "carried_over") != 0)
      zero_figures(r, apps->pairs[i].val);
  for (size_t k = 0; co && cf && k < co->n && k < cf->n; k++) {
    snprintf(buf, sizeof buf, "%lld", (long long)nb_node_int(cf->items[k], 0));
    replace_scalar(r, co->items[k], buf);
  }
  zero_figures(r, nb_node_get(root, "reviews"));
  const nb_node *items = nb_node_path(root, "overview.published_items");
  for (size_t i = 0; items && items->kind == NB_SEQ && i < items->n; i++)
    zero_figures(r, nb_node_get(items->items[i], "count"));
  zero_figures(r, nb_node_path(root, "other.processing_fees"));
  clear_prose_in(r, nb_node_get(root, "overview"), "published_items");
  clear_prose_in(r, nb_node_get(root, "problems"), "");
  clear_prose_in(r, nb_node_get(root, "other"), "processing_fees");
}

/* TEXT as UTF-8 (GB18030 converted) without BOM, with "\n" line ends; NULL when it is not
 * text. Caller frees. */
static char *clean_text(const char *text, size_t len, size_t *out_len)
{
  nb_buf utf8 = NB_BUF_INIT, b = NB_BUF_INIT;
  nb_text_encoding enc = nb_utf8_text(text, len, &utf8, NULL);
  if (enc != NB_TEXT_UTF8 && enc != NB_TEXT_GB18030) {
    nb_buf_free(&utf8);
    return NULL;
  }
  text = utf8.data ? utf8.data : "";
  len = utf8.len;
  nb_buf_put(&b, "", 0);
  for (size_t i = 0; i < len; i++)
    if (text[i] != '\r')
      nb_buf_putc(&b, text[i]);
    else if (i + 1 >= len || text[i + 1] != '\n')
      nb_buf_putc(&b, '\n');
  nb_buf_free(&utf8);
  *out_len = b.len;
  return nb_buf_detach(&b);
}

int nb_author_next(const char *text, size_t len, const nb_schema *schema, nb_buf *out,
                   nb_diags *diags, int *next_year)
{
  size_t clen = 0;
  char *clean = clean_text(text, len, &clen);
  if (!clean) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB003", 0, 0,
                "无法读取：不是文本文件，或文字编码既不是UTF-8也不是GBK/GB18030");
    return -1;
  }
  int rc = -1;
  rewriter r;
  memset(&r, 0, sizeof r);
  /* the whole check, rules included: a figure that does not balance must not be carried
   * into the next year */
  nb_checked c = {0};
  nb_check_result cr = nb_check_text(clean, clen, schema, diags, &c);
  nb_arena *a = c.arena;
  nb_node *root = c.root;
  if (cr != NB_CHECK_OK || !root)
    goto done;
  int64_t year = nb_node_int(nb_node_get(root, "year"), 0);
  r.text = clean;
  r.len = clen;
  index_lines(&r);
  plan_next(&r, root, year);
  nb_buf res = NB_BUF_INIT;
  apply_edits(&r, &res);
  /* the result must load and pass the schema: a failed rewrite is never written */
  nb_diags *self = nb_diags_new("next");
  nb_arena *b = nb_arena_new();
  nb_node *again = nb_load_text(res.data, res.len, b, self, NULL);
  if (!again || nb_diags_errors(self) || nb_schema_check(schema, again, self) > 0) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB702", 0, 0,
                "无法在保留原有写法的前提下生成下一年度文件（改写后的文件不合格式），请用 nianbao init 新建");
  } else {
    nb_buf_put(out, res.data ? res.data : "", res.len);
    if (next_year)
      *next_year = (int)year + 1;
    rc = 0;
  }
  nb_diags_free(self);
  nb_arena_free(b);
  nb_buf_free(&res);
done:
  rewriter_free(&r);
  nb_arena_free(a);
  free(clean);
  return rc;
}
