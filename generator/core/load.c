/* The loader runs in three steps:
 *   1. bytes → UTF-8 text: BOM stripped, NUL and UTF-16 refused, GB18030 decoded (warning);
 *   2. a line scan for what Chinese input methods produce where YAML needs ASCII (full-width
 *      colon and space) and for tab indentation, outside block scalars;
 *   3. libyaml events → nb_node tree, with limits on depth, no aliases (unless allowed) and a
 *      duplicate-key check per mapping.
 * libyaml's own errors are translated into Chinese by a table of its problem strings. */
#include "core/load.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/io.h"
#include "core/utf8.h"

typedef struct {
  nb_arena *arena;
  nb_diags *diags;
  size_t max_bytes;
  unsigned max_depth;
  int allow_aliases;
} loader;

/* ---- step 1: encoding ---------------------------------------------------------------- */

/* Produces valid UTF-8 in OUT from the raw bytes (the policy of nb_utf8_text), or reports
 * why it cannot. */
static int to_utf8(loader *L, const char *raw, size_t len, nb_buf *out)
{
  size_t bad = 0;
  nb_diag *g;
  switch (nb_utf8_text(raw, len, out, &bad)) {
  case NB_TEXT_UTF8:
    return 0;
  case NB_TEXT_GB18030:
    g = nb_diag_add(L->diags, NB_SEV_WARNING, "NB003", 0, 0,
                    "文件是 GBK/GB18030 编码，已按 GB18030 转换后读取");
    nb_diag_hint(g, "建议另存为 UTF-8 编码（记事本“另存为”→编码选“UTF-8”），便于与其他系统交换");
    return 0;
  case NB_TEXT_UTF16:
    g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB003", 1, 1, "文件是 UTF-16 编码，nianbao 只读 UTF-8");
    nb_diag_hint(g, "用记事本或 WPS 打开，选择“另存为”，编码选“UTF-8”后保存");
    return -1;
  case NB_TEXT_BINARY:
    g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB003", 0, 0, "文件含有空字节（NUL），不是文本文件");
    nb_diag_hint(g, "请确认选择的是 YAML 数据文件，而不是 Word、Excel 或压缩文件");
    return -1;
  case NB_TEXT_UNKNOWN:
    break;
  }
  size_t bom = nb_utf8_starts(raw, len, NB_UTF8_BOM); /* columns as an editor shows them */
  uint32_t line, col;
  nb_utf8_position(raw + bom, len - bom, bad - bom, &line, &col);
  g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB003", line, col,
                  "这里的字节既不是 UTF-8 也不是 GB18030 编码的文字");
  nb_diag_hint(g, "请把文件另存为 UTF-8 编码；如果是从网页或 Word 复制的，检查此处是否有乱码");
  return -1;
}

/* ---- step 2: line scan ---------------------------------------------------------------- */

static int is_key_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Indentation (in bytes of spaces) of the key whose value starts a block scalar on this
 * line, or -1 when the line does not start one. */
static int block_scalar_start(const char *s, size_t len, size_t indent)
{
  size_t e = len;
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\r'))
    e--;
  /* strip a trailing comment */
  for (size_t i = 0; i + 1 < e; i++)
    if (s[i] == ' ' && s[i + 1] == '#') {
      e = i;
      while (e > 0 && s[e - 1] == ' ')
        e--;
      break;
    }
  size_t i = e;
  while (i > 0 && (s[i - 1] == '-' || s[i - 1] == '+' || (s[i - 1] >= '1' && s[i - 1] <= '9')))
    i--;
  if (i == 0 || (s[i - 1] != '|' && s[i - 1] != '>'))
    return -1;
  i--;
  if (i == 0 || (s[i - 1] != ' ' && s[i - 1] != ':' && s[i - 1] != '-'))
    return i == indent ? (int)indent : -1;
  return (int)indent;
}

/* Whether S (LEN bytes, after a key's colon) is half-width spaces then a full-width one. */
static int wide_after_space(const char *s, size_t len)
{
  size_t sp = 0;
  while (sp < len && s[sp] == ' ')
    sp++;
  return sp > 0 && len - sp >= 3 && memcmp(s + sp, "\xE3\x80\x80", 3) == 0;
}

static void scan_line(loader *L, const char *s, size_t len, uint32_t line)
{
  size_t i = 0;
  while (i < len && s[i] == ' ')
    i++;
  if (i < len && s[i] == '\t') {
    nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB010", line, (uint32_t)i + 1,
                             "行首缩进用了制表符（Tab），YAML 只允许用空格缩进");
    nb_diag_hint(g, "把这一行开头的 Tab 换成空格（同一层级的项目左侧对齐）；"
                    "可在编辑器中打开“用空格代替 Tab”");
    return;
  }
  if (nb_utf8_starts(s + i, len - i, NB_UTF8_IDEO_SPACE)) {
    nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB005", line, (uint32_t)i + 1,
                             "行首用了全角空格「　」缩进，YAML 只认半角空格");
    nb_diag_hint(g, "切换到英文输入法（半角），每个全角空格换成两个半角空格"
                    "（一个全角空格占两个半角空格的宽度，这样缩进层级不变）");
    return;
  }
  if (i + 1 < len && s[i] == '-' && s[i + 1] == ' ') {
    i += 2;
    while (i < len && s[i] == ' ')
      i++;
  }
  size_t k = i;
  while (k < len && is_key_char(s[k]))
    k++;
  if (k == i || (s[i] >= '0' && s[i] <= '9'))
    return;
  size_t c = k;
  while (c < len && s[c] == ' ')
    c++;
  uint32_t col = (uint32_t)c + 1; /* the prefix is ASCII: bytes are characters */
  if (nb_utf8_starts(s + c, len - c, NB_UTF8_FW_COLON)) {
    nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB005", line, col,
                             "键“%.*s”后面用了全角冒号「：」，YAML 要求半角冒号加空格「: 」",
                             (int)(k - i), s + i);
    nb_diag_hint(g, "切换到英文输入法，把「：」改成「: 」（冒号后面留一个空格）");
  } else if (c < len && s[c] == ':' && nb_utf8_starts(s + c + 1, len - c - 1, NB_UTF8_IDEO_SPACE)) {
    nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB005", line, col + 1,
                             "键“%.*s”的冒号后面是全角空格「　」，YAML 要求半角空格",
                             (int)(k - i), s + i);
    nb_diag_hint(g, "把冒号后面的全角空格换成普通空格");
  } else if (c < len && s[c] == ':' && wide_after_space(s + c + 1, len - c - 1)) {
    size_t sp = strspn(s + c + 1, " ");
    nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB005", line, col + 1 + (uint32_t)sp,
                             "键“%.*s”的冒号后面，半角空格之后还有一个看不见的全角空格"
                             "（U+3000「　」），YAML 会把它当作值的一部分",
                             (int)(k - i), s + i);
    nb_diag_hint(g, "删除冒号和值之间的全角空格，只留一个半角空格（全角空格看起来像空白，"
                    "通常是中文输入法带来的）");
  } else if (c == k && c + 1 < len && s[c] == ':' && s[c + 1] != ' ' && s[c + 1] != '\r' &&
             s[c + 1] != '/' && s[c + 1] != ':') {
    nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB005", line, col,
                             "键“%.*s”的冒号后面缺少空格，YAML 会把整行当作一段文字",
                             (int)(k - i), s + i);
    nb_diag_hint(g, "在冒号后面加一个空格，例如 “%.*s: …”", (int)(k - i), s + i);
  }
}

/* Whether the line S (after its indentation) reads as YAML structure: "key:" followed by a
 * space or the line end, "- ", a comment, or a flow collection. */
static int structural(const char *s, size_t n)
{
  if (n == 0 || s[0] == '#' || s[0] == '[' || s[0] == '{' || s[0] == '%'
      || (s[0] == '-' && (n == 1 || s[1] == ' ' || s[1] == '-')) || (n >= 3 && !memcmp(s, "...", 3)))
    return 1;
  for (size_t i = 0; i < n; i++)
    if (s[i] == ':' && (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\r'))
      return 1;
  return 0;
}

/* NB004 for text pasted under "key: |" without indentation: it ends the block, and the
 * parser would complain lines later about a missing colon. */
static void unindented_prose(loader *L, uint32_t line, uint32_t col, uint32_t key_line)
{
  nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB004", line, col,
                           "这一行是第 %u 行「|」下面的多行文字，但没有缩进，YAML 会把它当作新的键",
                           (unsigned)key_line);
  nb_diag_hint(g, "「|」下面的每一行文字都要比第 %u 行的键多缩进（通常是 4 个空格）；"
                  "在这一行和同一段其余各行的开头加空格，空行不用", (unsigned)key_line);
}

/* Scans every line outside block scalars; returns the number of errors found. */
static size_t scan_text(loader *L, const char *text, size_t len)
{
  size_t before = nb_diags_errors(L->diags);
  int block = -1;          /* indentation of the key owning the open block scalar */
  uint32_t block_line = 0; /* the line of that key; stays set until a line of structure */
  int owner = -1;          /* indentation of that key, kept after the block ended */
  uint32_t line = 1;
  for (size_t p = 0; p < len; line++) {
    const char *nl = memchr(text + p, '\n', len - p);
    size_t e = nl ? (size_t)(nl - text) : len;
    const char *s = text + p;
    size_t n = e - p;
    size_t indent = 0;
    while (indent < n && s[indent] == ' ')
      indent++;
    int blank = indent == n || (n - indent == 1 && s[indent] == '\r');
    if (block >= 0 && (blank || (int)indent > block)) {
      /* inside a block scalar: prose, never scanned */
    } else if (!blank && block_line && (int)indent <= owner && !structural(s + indent, n - indent)
               && !(n - indent >= 3 && memcmp(s + indent, "\xE3\x80\x80", 3) == 0)) {
      unindented_prose(L, line, (uint32_t)indent + 1, block_line);
      block = -1;
      block_line = 0; /* once per block: the rest of the paragraph is the same mistake */
    } else {
      block = -1;
      if (!blank && s[indent] != '#') {
        scan_line(L, s, n, line);
        block = block_scalar_start(s, n, indent);
        owner = block;
        block_line = block >= 0 ? line : 0;
      }
    }
    p = e + 1;
  }
  return nb_diags_errors(L->diags) - before;
}

/* ---- step 3: events → tree ------------------------------------------------------------ */

static const struct {
  const char *problem; /* libyaml's words */
  const char *message;
  const char *hint;
} problems[] = {
  {"found character that cannot start any token", "这里有 YAML 不认识的字符",
   "检查是否用了 Tab 缩进，或文字以 @、` 等符号开头（这种文字要加引号）"},
  {"mapping values are not allowed in this context", "这里不应出现“键: 值”",
   "检查缩进是否对齐；如果冒号是文字的一部分，请给整段文字加引号，或改用全角冒号「：」"},
  {"did not find expected key", "缩进不对，或上一行没有结束",
   "同一层级的键必须左侧对齐；检查上一行的引号或括号是否配对"},
  {"did not find expected '-' indicator", "列表项的缩进不对",
   "列表中每一项都以“- ”开头并左侧对齐"},
  {"found unexpected end of stream", "文件在引号或括号结束之前就结束了",
   "检查引号“\"”或“'”是否成对，方括号 [ ] 和花括号 { } 是否配对"},
  {"did not find expected ',' or ']'", "方括号 [ ] 中的列表没有正确结束",
   "检查是否缺少“]”，各项之间用半角逗号“,”分隔（不要用全角“，”）"},
  {"did not find expected ',' or '}'", "花括号 { } 没有正确结束",
   "检查是否缺少“}”，各项之间用半角逗号“,”分隔（不要用全角“，”）"},
  {"could not find expected ':'", "缺少键后面的冒号",
   "键和值之间要写半角冒号加空格「: 」；多行文字请用“|”块写法"},
  {"did not find expected node content", "这里缺少内容", "检查这一行的写法是否完整"},
  {"found unknown escape character", "双引号文字中有无效的转义符“\\”",
   "在双引号里，反斜杠要写成“\\\\”；或改用单引号、“|”块写法"},
  {"block sequence entries are not allowed in this context", "这里不能开始一个列表",
   "“- ”开头的列表项要写在键的下一行并缩进"},
  {"control characters are not allowed", "文件中有不可见的控制字符",
   "删除这一处的不可见字符（通常是从网页或 Word 复制带来的）"},
  {"found a tab character", "这里用了制表符（Tab）", "YAML 只允许用空格缩进，把 Tab 换成空格"},
  {"found undefined tag handle", "不认识的标签（以“!”开头）", "如果“!”是文字的一部分，请给整段文字加引号"},
  {"did not find URI escaped octet", "标签写法不对", "如果“!”或“%”是文字的一部分，请加引号"},
  {"found unexpected ':'", "这里出现了多余的冒号", "给含有冒号的文字加引号"},
  {"while scanning an alias", "“*”后面缺少名称", "如果“*”是文字的一部分，请给整段文字加引号"},
  {"while scanning an anchor", "“&”后面缺少名称", "如果“&”是文字的一部分，请给整段文字加引号"},
  {"did not find expected alphabetic or numeric character", "“&”或“*”后面的名称不对",
   "如果“&”或“*”是文字的一部分，请给整段文字加引号"},
  {"found incompatible YAML document", "不支持的 YAML 版本", "删除文件开头的 %YAML 行"},
};

static void report_parser_error(loader *L, const yaml_parser_t *p)
{
  const char *problem = p->problem ? p->problem : "";
  const char *message = NULL, *hint = NULL;
  for (size_t i = 0; i < sizeof problems / sizeof problems[0]; i++)
    if (strstr(problem, problems[i].problem) ||
        (p->context && strstr(p->context, problems[i].problem))) {
      message = problems[i].message;
      hint = problems[i].hint;
      break;
    }
  /* At the end of the file, the place to fix is where the unclosed thing opened. */
  int at_open = p->context && strstr(problem, "end of stream");
  const yaml_mark_t *m = at_open ? &p->context_mark : &p->problem_mark;
  nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB004", (uint32_t)m->line + 1,
                           (uint32_t)m->column + 1, "YAML 格式错误：%s（%s）",
                           message ? message : "无法解析", problem);
  if (at_open)
    nb_diag_hint(g, "%s。从这里开始的引号或括号一直到文件末尾都没有结束", hint);
  else if (p->context && (p->context_mark.line != p->problem_mark.line ||
                     p->context_mark.column != p->problem_mark.column))
    nb_diag_hint(g, "%s。出错的结构从第 %zu 行第 %zu 列开始", hint ? hint : "检查这一处的写法",
                 p->context_mark.line + 1, p->context_mark.column + 1);
  else if (hint)
    nb_diag_hint(g, "%s", hint);
}

typedef struct frame {
  nb_node *node;
  nb_node *key; /* mappings: the key waiting for its value */
  size_t base;  /* where the collection's children start in builder.kids */
} frame;

typedef struct {
  char *name;
  nb_node *node;
} anchor;

/* The children of the open collections are gathered in KIDS (a mapping's keys and values
 * alternate) and copied into the arena, exactly as many as there are, when it closes. */
typedef struct {
  frame *stack;
  size_t depth, cap;
  nb_node **kids;
  size_t nkids, kidcap;
  anchor *anchors;
  size_t n_anchors;
  nb_node *root;
  int documents;
} builder;

/* Whether S (LEN bytes) is one of WORDS; asked of every plain scalar, so a word is given up
 * at its first differing byte. */
static int match(const char *s, size_t len, const char *const *words)
{
  for (; *words; words++) {
    const char *w = *words;
    size_t i = 0;
    while (i < len && w[i] && w[i] == s[i])
      i++;
    if (i == len && !w[i])
      return 1;
  }
  return 0;
}

static int all_digits(const char *s, size_t len)
{
  if (!len)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

static int is_float(const char *s, size_t len)
{
  size_t i = 0, digits = 0;
  if (i < len && (s[i] == '-' || s[i] == '+'))
    i++;
  while (i < len && s[i] >= '0' && s[i] <= '9')
    i++, digits++;
  if (i < len && s[i] == '.') {
    i++;
    while (i < len && s[i] >= '0' && s[i] <= '9')
      i++, digits++;
  }
  if (!digits)
    return 0;
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < len && (s[i] == '-' || s[i] == '+'))
      i++;
    if (!all_digits(s + i, len - i))
      return 0;
    i = len;
  }
  return i == len;
}

/* A number in base 16 or 8 written 0x… or 0o… (S, LEN > 2 bytes), into N. */
static void resolve_based(nb_node *n, const char *s, size_t len)
{
  const char *digits = s + 2;
  size_t i = 0;
  int base = s[1] == 'x' ? 16 : 8;
  for (; i < len - 2; i++) {
    char c = digits[i];
    int ok = base == 8 ? (c >= '0' && c <= '7')
                       : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    if (!ok)
      break;
  }
  if (i == len - 2) {
    errno = 0;
    unsigned long long v = strtoull(digits, NULL, base);
    if (errno != ERANGE && v <= INT64_MAX) {
      n->kind = NB_INT;
      n->num.i = (int64_t)v;
    }
  }
}

/* Sets N's kind and value from a plain scalar, by the YAML 1.2 core schema. */
static void resolve_plain(nb_node *n)
{
  static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
  static const char *const trues[] = {"true", "True", "TRUE", NULL};
  static const char *const falses[] = {"false", "False", "FALSE", NULL};
  static const char *const infs[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL};
  static const char *const ninfs[] = {"-.inf", "-.Inf", "-.INF", NULL};
  static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
  const char *s = n->str;
  size_t len = n->len;
  /* Most plain scalars are keys and words, which start like no null, boolean or number:
   * the tests below are asked of every plain scalar. */
  if (!len || strchr("~nNtTfF", s[0])) {
    if (match(s, len, nulls)) {
      n->kind = NB_NULL;
    } else if (match(s, len, trues) || match(s, len, falses)) {
      n->kind = NB_BOOL;
      n->num.b = s[0] == 't' || s[0] == 'T';
    }
    return;
  }
  if (!strchr("+-.0123456789", s[0]))
    return;
  if (all_digits(s + (s[0] == '-' || s[0] == '+'), len - (s[0] == '-' || s[0] == '+'))) {
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno == ERANGE) {
      n->kind = NB_REAL;
      n->num.r = strtod(s, NULL);
    } else {
      n->kind = NB_INT;
      n->num.i = v;
    }
  } else if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    resolve_based(n, s, len);
  } else if (is_float(s, len)) {
    n->kind = NB_REAL;
    n->num.r = strtod(s, NULL);
  } else if (match(s, len, infs) || match(s, len, ninfs)) {
    n->kind = NB_REAL;
    n->num.r = match(s, len, ninfs) ? -HUGE_VAL : HUGE_VAL;
  } else if (match(s, len, nans)) {
    n->kind = NB_REAL;
    n->num.r = (double)NAN;
  }
}

static void set_span(nb_node *n, const yaml_event_t *e)
{
  n->line = (uint32_t)e->start_mark.line + 1;
  n->col = (uint32_t)e->start_mark.column + 1;
  n->end_line = (uint32_t)e->end_mark.line + 1;
  n->end_col = (uint32_t)e->end_mark.column + 1;
}

static nb_node *make_scalar(loader *L, const yaml_event_t *e)
{
  nb_node *n = nb_node_new_str(L->arena, (const char *)e->data.scalar.value,
                               e->data.scalar.length);
  set_span(n, e);
  switch (e->data.scalar.style) {
  case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = NB_STYLE_SINGLE; break;
  case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = NB_STYLE_DOUBLE; break;
  case YAML_LITERAL_SCALAR_STYLE: n->style = NB_STYLE_LITERAL; break;
  case YAML_FOLDED_SCALAR_STYLE: n->style = NB_STYLE_FOLDED; break;
  default: n->style = NB_STYLE_PLAIN; break;
  }
  const char *tag = (const char *)e->data.scalar.tag;
  int str_tag = tag && (strcmp(tag, "tag:yaml.org,2002:str") == 0 || strcmp(tag, "!") == 0);
  if (n->style == NB_STYLE_PLAIN && !str_tag)
    resolve_plain(n);
  return n;
}

static int by_key(const void *a, const void *b)
{
  const nb_pair *x = *(const nb_pair *const *)a, *y = *(const nb_pair *const *)b;
  size_t n = x->key->len < y->key->len ? x->key->len : y->key->len;
  int c = memcmp(x->key->str, y->key->str, n);
  if (c)
    return c;
  if (x->key->len != y->key->len)
    return x->key->len < y->key->len ? -1 : 1;
  return x < y ? -1 : x > y; /* document order among equal keys */
}

static void report_duplicate(loader *L, const nb_pair *first, const nb_pair *again)
{
  nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB006", again->key->line, again->key->col,
                           "键“%s”重复出现（第一次在第 %u 行）", again->key->str,
                           first->key->line);
  nb_diag_hint(g, "同一层级中每个键只能写一次：删除多余的一处，或把两处的内容合并");
}

/* Reports every key that appears twice in MAP. */
static void check_duplicates(loader *L, const nb_node *map)
{
  if (map->n < 2)
    return;
  if (map->n <= 32) {
    for (size_t i = 1; i < map->n; i++)
      for (size_t j = 0; j < i; j++)
        if (map->pairs[i].key->len == map->pairs[j].key->len &&
            memcmp(map->pairs[i].key->str, map->pairs[j].key->str, map->pairs[i].key->len) == 0) {
          report_duplicate(L, &map->pairs[j], &map->pairs[i]);
          break;
        }
    return;
  }
  const nb_pair **sorted = nb_xmalloc(map->n * sizeof *sorted);
  for (size_t i = 0; i < map->n; i++)
    sorted[i] = &map->pairs[i];
  qsort(sorted, map->n, sizeof *sorted, by_key);
  for (size_t i = 1, first = 0; i < map->n; i++) {
    if (sorted[i]->key->len == sorted[first]->key->len &&
        memcmp(sorted[i]->key->str, sorted[first]->key->str, sorted[i]->key->len) == 0)
      report_duplicate(L, sorted[first], sorted[i]);
    else
      first = i;
  }
  free(sorted);
}

/* Places a finished node into its parent (or as the root). Returns -1 on a bad key. */
static int attach(loader *L, builder *b, nb_node *n)
{
  if (b->depth == 0) {
    b->root = n;
    return 0;
  }
  frame *f = &b->stack[b->depth - 1];
  if (f->node->kind == NB_MAP && !f->key) {
    if (n->kind == NB_SEQ || n->kind == NB_MAP) {
      nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB012", n->line, n->col,
                               "键必须是一个名称，这里却是%s", nb_kind_label(n->kind));
      nb_diag_hint(g, "检查缩进和“?”的用法；键的写法是“名称: 值”");
      return -1;
    }
    n->kind = NB_STR; /* keys are names, whatever they look like */
    f->key = n;
  } else {
    f->key = NULL;
  }
  NB_GROW(b->kids, b->nkids, b->kidcap, 64);
  b->kids[b->nkids++] = n;
  return 0;
}

static nb_node *find_anchor(builder *b, const char *name)
{
  for (size_t i = b->n_anchors; i-- > 0;)
    if (strcmp(b->anchors[i].name, name) == 0)
      return b->anchors[i].node;
  return NULL;
}

static void add_anchor(loader *L, builder *b, const yaml_char_t *name, nb_node *n)
{
  if (!name || !L->allow_aliases)
    return;
  b->anchors = nb_xrealloc(b->anchors, (b->n_anchors + 1) * sizeof *b->anchors);
  b->anchors[b->n_anchors].name = nb_xstrdup((const char *)name);
  b->anchors[b->n_anchors].node = n;
  b->n_anchors++;
}

static int open_collection(loader *L, builder *b, const yaml_event_t *e, nb_kind kind)
{
  if (b->depth >= L->max_depth) {
    nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB008", (uint32_t)e->start_mark.line + 1,
                             (uint32_t)e->start_mark.column + 1,
                             "嵌套层数超过 %u 层，不像是年报数据文件", L->max_depth);
    nb_diag_hint(g, "年报数据文件最多只有几层缩进；请检查文件是否正确");
    return -1;
  }
  nb_node *n = nb_node_new(L->arena, kind);
  set_span(n, e);
  int flow = kind == NB_SEQ ? e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                            : e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
  n->style = flow ? NB_STYLE_FLOW : NB_STYLE_BLOCK;
  add_anchor(L, b, kind == NB_SEQ ? e->data.sequence_start.anchor : e->data.mapping_start.anchor, n);
  NB_GROW(b->stack, b->depth, b->cap, 16);
  b->stack[b->depth].node = n;
  b->stack[b->depth].key = NULL;
  b->stack[b->depth].base = b->nkids;
  b->depth++;
  return 0;
}

static int close_collection(loader *L, builder *b, const yaml_event_t *e)
{
  if (b->depth == 0) /* libyaml pairs every end with a start; never trust it blindly */
    return -1;
  const frame *f = &b->stack[--b->depth];
  nb_node *n = f->node;
  n->end_line = (uint32_t)e->end_mark.line + 1;
  n->end_col = (uint32_t)e->end_mark.column + 1;
  size_t count = b->nkids - f->base;
  nb_node *const *kids = count ? b->kids + f->base : NULL;
  if (n->kind == NB_MAP) {
    nb_node_set_pairs(L->arena, n, kids, count / 2); /* a key has its value */
    check_duplicates(L, n);
  } else {
    nb_node_set_items(L->arena, n, kids, count);
  }
  b->nkids = f->base;
  return attach(L, b, n);
}

/* Handles one event; returns 1 to go on, 0 at the end of the stream, -1 on an error. */
static int on_event(loader *L, builder *b, const yaml_event_t *e)
{
  switch (e->type) {
  case YAML_STREAM_END_EVENT:
    return 0;
  case YAML_DOCUMENT_START_EVENT:
    if (++b->documents > 1) {
      nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB011", (uint32_t)e->start_mark.line + 1,
                               (uint32_t)e->start_mark.column + 1,
                               "一个文件只能有一份数据，这里又开始了第二份（“---”）");
      nb_diag_hint(g, "每个年报单独存一个文件；删除第二个“---”及其后的内容");
      return -1;
    }
    return 1;
  case YAML_SCALAR_EVENT: {
    nb_node *n = make_scalar(L, e);
    add_anchor(L, b, e->data.scalar.anchor, n);
    return attach(L, b, n) == 0 ? 1 : -1;
  }
  case YAML_SEQUENCE_START_EVENT:
    return open_collection(L, b, e, NB_SEQ) == 0 ? 1 : -1;
  case YAML_MAPPING_START_EVENT:
    return open_collection(L, b, e, NB_MAP) == 0 ? 1 : -1;
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT:
    return close_collection(L, b, e) == 0 ? 1 : -1;
  case YAML_ALIAS_EVENT: {
    nb_node *target = L->allow_aliases ? find_anchor(b, (const char *)e->data.alias.anchor) : NULL;
    if (!target) {
      nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB007", (uint32_t)e->start_mark.line + 1,
                               (uint32_t)e->start_mark.column + 1,
                               L->allow_aliases ? "引用“*%s”找不到对应的“&%s”"
                                                : "数据文件中不能使用引用“*%s”（锚点和别名）",
                               e->data.alias.anchor, e->data.alias.anchor);
      nb_diag_hint(g, "把要重复的内容直接写出来；如果“*”是文字的一部分，请给文字加引号");
      return -1;
    }
    return attach(L, b, target) == 0 ? 1 : -1;
  }
  default:
    return 1;
  }
}

static nb_node *parse(loader *L, const char *text, size_t len)
{
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    nb_diag_add(L->diags, NB_SEV_ERROR, "NB004", 0, 0, "YAML 解析器无法启动（内存不足）");
    return NULL;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  builder b = {0};
  int state = 1;
  while (state > 0) {
    yaml_event_t e;
    if (!yaml_parser_parse(&parser, &e)) {
      report_parser_error(L, &parser);
      state = -1;
      break;
    }
    state = on_event(L, &b, &e);
    yaml_event_delete(&e);
  }
  yaml_parser_delete(&parser);
  for (size_t i = 0; i < b.n_anchors; i++)
    free(b.anchors[i].name);
  free(b.anchors);
  free(b.stack);
  free(b.kids);
  if (state < 0)
    return NULL;
  return b.root ? b.root : nb_node_new(L->arena, NB_NULL);
}

/* Whether RAW is UTF-8 already, with no BOM and no NUL: the bytes are the text. */
static int plain_utf8(const char *raw, size_t len)
{
  return nb_utf8_starts(raw, len, NB_UTF8_BOM) == 0 && !memchr(raw, '\0', len) &&
         nb_utf8_valid_prefix(raw, len) == len;
}

/* Loads RAW; when OWNED holds RAW (from a file) and it needs no conversion, its buffer
 * becomes the source text the diagnostics keep, instead of a copy. */
static nb_node *load(loader *L, const char *raw, size_t len, nb_buf *owned)
{
  if (len > L->max_bytes) {
    nb_diag *g = nb_diag_add(L->diags, NB_SEV_ERROR, "NB002", 0, 0,
                             "文件有 %zu 字节，超过了 %zu 字节的上限", len, L->max_bytes);
    nb_diag_hint(g, "一份年报数据文件通常只有几十 KB；请确认选择的文件是否正确");
    return NULL;
  }
  nb_buf text = NB_BUF_INIT;
  if (owned && plain_utf8(raw, len)) {
    text = *owned;
    *owned = (nb_buf)NB_BUF_INIT;
  } else if (to_utf8(L, raw, len, &text) != 0) {
    nb_buf_free(&text);
    return NULL;
  }
  size_t n = text.len;
  char *utf8 = nb_buf_detach(&text);
  nb_diags_take_source(L->diags, utf8, n); /* kept to quote lines; read here until the end */
  /* A line the scan explains would only make the parser add a vaguer complaint. */
  return scan_text(L, utf8, n) == 0 ? parse(L, utf8, n) : NULL;
}

static loader loader_for(nb_arena *arena, nb_diags *diags, const nb_load_opts *opts)
{
  loader L = {arena, diags, NB_LOAD_MAX_BYTES, NB_LOAD_MAX_DEPTH, 0};
  if (opts) {
    if (opts->max_bytes)
      L.max_bytes = opts->max_bytes;
    if (opts->max_depth)
      L.max_depth = opts->max_depth;
    L.allow_aliases = opts->allow_aliases;
  }
  return L;
}

nb_node *nb_load_text(const char *raw, size_t len, nb_arena *arena, nb_diags *diags,
                      const nb_load_opts *opts)
{
  loader L = loader_for(arena, diags, opts);
  return load(&L, raw, len, NULL);
}

nb_node *nb_load_file(const char *path, nb_arena *arena, nb_diags *diags,
                      const nb_load_opts *opts, int *io_error)
{
  size_t max = opts && opts->max_bytes ? opts->max_bytes : NB_LOAD_MAX_BYTES;
  nb_buf raw = NB_BUF_INIT;
  nb_io_status st = nb_io_read(path, max, &raw);
  if (io_error)
    *io_error = st != NB_IO_OK;
  if (st != NB_IO_OK) {
    nb_diag *g;
    if (st == NB_IO_TOO_LARGE) {
      g = nb_diag_add(diags, NB_SEV_ERROR, "NB002", 0, 0, "文件超过了 %zu 字节的上限", max);
      nb_diag_hint(g, "一份年报数据文件通常只有几十 KB；请确认选择的文件是否正确");
    } else {
      g = nb_diag_add(diags, NB_SEV_ERROR, "NB001", 0, 0, "无法读取：%s", nb_io_status_text(st));
      nb_diag_hint(g, st == NB_IO_NOT_FOUND ? "检查文件名和所在目录是否写对"
                      : st == NB_IO_IS_DIR  ? "请给出目录中的 .yaml 文件，而不是目录本身"
                      : st == NB_IO_DENIED  ? "检查文件权限，或换一个有权限的账号"
                                            : "检查磁盘和文件是否完好");
    }
    nb_buf_free(&raw);
    return NULL;
  }
  loader L = loader_for(arena, diags, opts);
  nb_node *root = load(&L, nb_buf_cstr(&raw), raw.len, &raw);
  nb_buf_free(&raw);
  return root;
}
