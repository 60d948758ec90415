/* Part 五: items are found by their numbering; an item's specificity by what a stock phrase
 * never has (a figure, a title, a quoted name, a list of named things). */
#include "check/part5.h"

#include <string.h>

#include "core/utf8.h"
#include "check/sentence.h"

/* Phrases that say nothing about this body or this year: they fit every report. Found in
 * published reports year after year (seed 004's 2023 problems are the first three). */
static const char *const stock[] = {
  "思想认识有待提高", "公开内容有待丰富", "队伍专业性建设有待加强", "认识有待提高", "认识不到位",
  "重视程度不够", "内容有待丰富", "内容不够丰富", "内容较为单一", "形式较为单一", "形式单一",
  "专业水平有待提高", "专业水平还需进一步提升", "业务水平有待提高", "业务能力有待提高",
  "有待进一步加强", "有待进一步提高", "有待进一步提升", "有待进一步完善", "有待加强", "有待提高",
  "有待提升", "有待完善", "有待丰富", "还需进一步加强", "还需进一步提升", "还需加强", "需进一步加强",
  "力度不够", "力度还不够", "还不够规范", "不够规范", "不够及时", "更新不及时", "不够深入",
  "不够全面", "意识不强", "质量不高", "发布量有待提高",
};

/* ---- numbering ---- */

enum { STYLE_SHI, STYLE_PAREN, STYLE_DOT, STYLE_DUNHAO, STYLES, MAX_ORDINAL = 20 };

/* Whether a marker may start at S[AT] after what precedes it: the text's start, a line end,
 * a space, or a punctuation mark. Asked at every character, so the common case (a Chinese
 * character after another) is decided by two byte tests. */
static int boundary_before(const char *s, size_t at)
{
  if (at == 0)
    return 1;
  unsigned char prev = (unsigned char)s[at - 1];
  if (prev < 0x80)
    return strchr("\n ,;:-*", prev) != NULL;
  if (at < 3 || (s[at - 3] != '\xEF' && s[at - 3] != '\xE3'))
    return 0;
  static const char *const marks[] = {"，", "。", "；", "：", NB_UTF8_IDEO_SPACE};
  for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
    if (memcmp(s + at - 3, marks[k], 3) == 0)
      return 1;
  return 0;
}

/* The length of an opening parenthesis at P (REST bytes), ( or （, else 0. */
static size_t open_paren(const char *p, size_t rest)
{
  if (p[0] == '(')
    return 1;
  return rest >= 3 && memcmp(p, "（", 3) == 0 ? 3 : 0;
}

/* A numbering marker at S[AT]: returns its length and stores its style and ordinal. */
static size_t marker_at(const char *s, size_t len, size_t at, int *style, long long *ord)
{
  const char *p = s + at;
  size_t rest = len - at, open = open_paren(p, rest);
  if (!open && !boundary_before(s, at))
    return 0;
  int digit = rest > open && p[open] >= '0' && p[open] <= '9';
  size_t n = nb_sentence_number(p + open, rest - open, ord);
  if (!n || *ord < 1 || *ord > MAX_ORDINAL)
    return 0;
  size_t k = open + n, m;
  if (open) {
    m = nb_sentence_starts(p + k, rest - k, "）") + nb_sentence_starts(p + k, rest - k, ")");
    *style = STYLE_PAREN;
    return m && !digit ? k + m : 0;
  }
  if (!digit && (m = nb_sentence_starts(p + k, rest - k, "是"))) {
    *style = STYLE_SHI;
    return k + m;
  }
  if ((m = nb_sentence_starts(p + k, rest - k, "、"))) {
    *style = STYLE_DUNHAO;
    return k + m;
  }
  m = nb_sentence_starts(p + k, rest - k, ".") + nb_sentence_starts(p + k, rest - k, "．");
  if (digit && m && !(k + m < rest && p[k + m] >= '0' && p[k + m] <= '9')) {
    *style = STYLE_DOT;
    return k + m;
  }
  return 0;
}

size_t nb_part5_items(const char *text, size_t len)
{
  unsigned char seen[STYLES][MAX_ORDINAL + 1] = {{0}};
  for (size_t i = 0; i < len; i += nb_utf8_step(text + i, len - i)) {
    int style;
    long long ord;
    if (marker_at(text, len, i, &style, &ord))
      seen[style][ord] = 1;
  }
  size_t best = 0;
  for (int st = 0; st < STYLES; st++) {
    size_t k = 0;
    while (k < MAX_ORDINAL && seen[st][k + 1])
      k++;
    best = k > best ? k : best;
  }
  return best;
}

/* ---- the rules ---- */

typedef struct {
  const nb_schema *s;
  const nb_node *doc;
  nb_diags *diags;
  nb_arena *arena;
  const char *src;
  size_t srclen;
  const char *const *extra;
  size_t n_extra;
  uint64_t heads; /* stock_heads() of the phrases */
} part5;

static nb_diag *warn(part5 *p, const char *code, const nb_node *text, size_t off, const char *path,
                     const char *msg)
{
  uint32_t line, col;
  nb_sentence_locate(text, off, p->src, p->srclen, &line, &col);
  nb_diag *g = nb_diag_add(p->diags, NB_SEV_WARNING, code, line, col, "%s", msg);
  nb_diag_where(g, path, nb_schema_labels(p->s, path, p->arena));
  return g;
}

/* Characters other than spaces and line ends, counted up to LIMIT. */
static size_t visible_chars(const char *s, size_t len, size_t limit)
{
  size_t n = 0;
  for (size_t i = 0; i < len && n < limit; i += nb_utf8_step(s + i, len - i))
    n += !strchr(" \t\r\n", s[i]) && !nb_sentence_starts(s + i, len - i, NB_UTF8_IDEO_SPACE);
  return n;
}

/* NB228: "无", "暂无", or a line too short to state a problem or a measure. */
static void rule_empty(part5 *p, const nb_node *text, const char *path, const char *title)
{
  size_t n = visible_chars(text->str, text->len, 30);
  if (n == 0 || n >= 30) /* blank is NB202's */
    return;
  nb_buf msg = NB_BUF_INIT;
  nb_buf_printf(&msg, "「%s」只写了 %zu 个字，没有说出具体内容", title, n);
  nb_diag *g = warn(p, "NB228", text, 0, path, nb_buf_cstr(&msg));
  nb_diag_hint(g, "写明本年度工作中实际存在的问题（哪个栏目、哪类信息、什么情况），以及针对每个问题的改进措施；"
                  "写“无”“暂无”会被评议机关视为敷衍");
  nb_buf_free(&msg);
}

/* A bit for the first character of S (N bytes) in part5.heads. */
static uint64_t head_bit(const char *s, size_t n)
{
  unsigned h = 0;
  for (size_t i = 0; i < n; i++)
    h = h * 31 + (unsigned char)s[i];
  return (uint64_t)1 << (h & 63);
}

/* The filter of the first characters of the stock phrases, the built-in ones and EXTRA. */
static uint64_t stock_heads(const char *const *extra, size_t n_extra)
{
  uint64_t heads = 0;
  for (size_t k = 0; k < sizeof stock / sizeof stock[0]; k++)
    heads |= head_bit(stock[k], nb_utf8_step(stock[k], strlen(stock[k])));
  for (size_t k = 0; k < n_extra; k++)
    if (extra[k] && *extra[k])
      heads |= head_bit(extra[k], nb_utf8_step(extra[k], strlen(extra[k])));
  return heads;
}

/* The first stock phrase in S[0..LEN), or NULL; *AT receives its offset. */
static const char *stock_in(const part5 *p, const char *s, size_t len, size_t *at)
{
  for (size_t i = 0, n; i < len; i += n) {
    n = nb_utf8_step(s + i, len - i);
    if (!(p->heads & head_bit(s + i, n)))
      continue;
    for (size_t k = 0; k < sizeof stock / sizeof stock[0]; k++)
      if (nb_sentence_starts(s + i, len - i, stock[k])) {
        *at = i;
        return stock[k];
      }
    for (size_t k = 0; k < p->n_extra; k++)
      if (p->extra[k] && *p->extra[k] && nb_sentence_starts(s + i, len - i, p->extra[k])) {
        *at = i;
        return p->extra[k];
      }
  }
  return NULL;
}

/* Whether an item names something: a figure that is not a year, 《…》, “…”, or a list (、). */
static int specific(const char *s, size_t len)
{
  for (size_t i = 0; i < len; i += nb_utf8_step(s + i, len - i)) {
    if (s[i] >= '0' && s[i] <= '9') {
      size_t k = i;
      while (k < len && s[k] >= '0' && s[k] <= '9')
        k++;
      if (!(k - i == 4 && nb_sentence_starts(s + k, len - k, "年")))
        return 1;
      i = k - 1;
      continue;
    }
    if (nb_sentence_starts(s + i, len - i, "《") || nb_sentence_starts(s + i, len - i, "“") ||
        nb_sentence_starts(s + i, len - i, "、"))
      return 1;
  }
  return 0;
}

typedef struct {
  size_t count, first_at;
  const char *phrases[3];
  size_t nphrases;
} stock_items;

/* One item (S, LEN at byte OFF of the text, its marker of MARK bytes already skipped). */
static void item(const part5 *p, const char *s, size_t len, size_t off, stock_items *out)
{
  size_t at;
  const char *phrase = stock_in(p, s, len, &at);
  if (!phrase || specific(s, len))
    return;
  if (!out->count++)
    out->first_at = off + at;
  for (size_t i = 0; i < out->nphrases; i++)
    if (strcmp(out->phrases[i], phrase) == 0)
      return;
  if (out->nphrases < 3)
    out->phrases[out->nphrases++] = phrase;
}

/* Where an item ends without a marker: a paragraph break always; a sentence end when the
 * item is not numbered. Returns the length of the end, 0 for none. */
static size_t item_end(const char *s, size_t len, int numbered)
{
  if (s[0] == '\n' && (nb_sentence_starts(s, len, "\n\n") || nb_sentence_starts(s, len, "\n\r\n")))
    return 1;
  if (numbered || (s[0] != '\n' && s[0] != ';' && s[0] != '\xE3' && s[0] != '\xEF'))
    return 0;
  static const char *const ends[] = {"。", "；", "！", "？", ";", "\n"};
  for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
    size_t n = nb_sentence_starts(s, len, ends[k]);
    if (n)
      return n;
  }
  return 0;
}

/* The items of TEXT: from one numbering marker to the next (or to the paragraph's end);
 * text that is not numbered, sentence by sentence. */
static void text_items(const part5 *p, const nb_node *text, stock_items *out)
{
  const char *s = text->str;
  size_t len = text->len, start = 0, skip = 0;
  int numbered = 0;
  for (size_t i = 0; i < len; i += nb_utf8_step(s + i, len - i)) {
    int style;
    long long ord;
    size_t m = marker_at(s, len, i, &style, &ord), e = m ? 0 : item_end(s + i, len - i, numbered);
    if (!m && !e)
      continue;
    size_t stop = m ? i : i + e;
    if (stop > start + skip)
      item(p, s + start + skip, stop - start - skip, start + skip, out);
    start = stop;
    skip = m;
    numbered = m ? 1 : numbered && e == 0;
    if (m)
      i += m - 1;
  }
  if (len > start + skip)
    item(p, s + start + skip, len - start - skip, start + skip, out);
}

/* NB229: two or more items made of stock phrases only. */
static void rule_stock(part5 *p, const nb_node *text, const char *path)
{
  stock_items found = {0};
  text_items(p, text, &found);
  if (found.count < 2)
    return;
  nb_buf msg = NB_BUF_INIT;
  nb_buf_printf(&msg, "「存在的主要问题」有 %zu 条只是套话（", found.count);
  for (size_t i = 0; i < found.nphrases; i++)
    nb_buf_printf(&msg, "%s“%s”", i ? "、" : "", found.phrases[i]);
  nb_buf_puts(&msg, "），没有说出本机关本年度的具体问题");
  nb_diag *g = warn(p, "NB229", text, found.first_at, path, nb_buf_cstr(&msg));
  nb_diag_hint(g, "写出问题的具体表现：哪个栏目、哪类信息、多少条、什么时间，例如“‘通知公告’栏目全年有 3 个月没有更新”；"
                  "这样的套话每年照抄，评议时按敷衍处理");
  nb_buf_free(&msg);
}

/* NB230: numbered problems, improvements with fewer numbered items. */
static void rule_answers(part5 *p, const nb_node *problems, const nb_node *improvements)
{
  size_t np = nb_part5_items(problems->str, problems->len);
  size_t ni = nb_part5_items(improvements->str, improvements->len);
  if (np < 2 || ni >= np)
    return;
  nb_buf msg = NB_BUF_INIT;
  if (ni)
    nb_buf_printf(&msg, "「存在的主要问题」分 %zu 条，「改进情况」只有 %zu 条，没有逐条回应", np, ni);
  else
    nb_buf_printf(&msg, "「存在的主要问题」分 %zu 条，「改进情况」没有分条，看不出每个问题怎么改", np);
  nb_diag *g = warn(p, "NB230", improvements, 0, "problems.improvements", nb_buf_cstr(&msg));
  nb_diag_hint(g, "按问题的顺序逐条写改进措施（一是……二是……），每条对应一个问题");
  nb_buf_free(&msg);
}

static const nb_node *text_of(const nb_node *part, const char *key)
{
  const nb_node *t = nb_node_get(part, key);
  return t && t->kind == NB_STR && t->str ? t : NULL;
}

void nb_part5_check(const nb_schema *s, const nb_node *doc, const char *const *extra,
                    size_t n_extra, nb_diags *diags)
{
  const nb_node *part = nb_node_get(doc, "problems");
  const nb_node *prob = text_of(part, "main_problems"), *impr = text_of(part, "improvements");
  part5 p = {s, doc, diags, nb_arena_new(), NULL, 0, extra, n_extra, stock_heads(extra, n_extra)};
  p.src = nb_diags_source(diags, &p.srclen);
  if (prob) {
    rule_empty(&p, prob, "problems.main_problems", "存在的主要问题");
    rule_stock(&p, prob, "problems.main_problems");
  }
  if (impr)
    rule_empty(&p, impr, "problems.improvements", "改进情况");
  if (prob && impr)
    rule_answers(&p, prob, impr);
  nb_arena_free(p.arena);
}
