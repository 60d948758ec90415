/* The whole report's repeat share, sentence by sentence: a sentence of this year counts as
 * repeated when last year has the same sentence (spaces ignored) or one whose character
 * bigrams agree at Dice ≥ 0.88 (a changed figure or date leaves a sentence "the same"). */
#include "check/repeat.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "check/sentence.h"
#include "check/similar.h"

#define SIMILAR 0.88
#define MIN_CHARS 8            /* shorter sentences ("无。") are neither counted nor matched */
#define MAX_PAIRS 4000000      /* similarity is tried only up to this many sentence pairs */

typedef struct {
  const nb_node *text;
  size_t off, len, chars;
  uint64_t hash;
  int repeated;
} sentence;

typedef struct {
  sentence *v;
  size_t n, cap;
} sentences;

/* Sentences every report has (the format's own, the preamble's): not counted. */
static int stock_sentence(const nb_sentence *st)
{
  static const char *const marks[] = {"本报告", "统计期限", "统计期间", "统计时限", "电子版",
                                      "联系电话", "联系方式", "如对本报告"};
  for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
    size_t n = strlen(marks[k]);
    for (size_t i = 0; i + n <= st->len; i++)
      if (memcmp(st->s + i, marks[k], n) == 0)
        return 1;
  }
  return 0;
}

static uint64_t hash_of(const char *s, size_t len)
{
  uint64_t h = 1469598103934665603u;
  for (size_t i = 0; i < len; i++)
    if (!strchr(" \t\r\n", s[i])) {
      h ^= (unsigned char)s[i];
      h *= 1099511628211u;
    }
  return h;
}

static void add_text(sentences *out, const nb_node *text)
{
  size_t pos = 0;
  nb_sentence st;
  while (nb_sentence_next(text->str, text->len, &pos, &st)) {
    size_t chars = nb_sentence_chars(st.s, st.len);
    if (chars < MIN_CHARS || stock_sentence(&st))
      continue;
    if (out->n == out->cap) {
      out->cap = out->cap ? out->cap * 2 : 64;
      out->v = nb_xrealloc(out->v, out->cap * sizeof *out->v);
    }
    out->v[out->n++] = (sentence){text, st.off, st.len, chars, hash_of(st.s, st.len), 0};
  }
}

static void collect(const nb_node *doc, sentences *out)
{
  static const char *const parts[] = {"overview", "problems", "other"};
  for (int p = 0; p < 3; p++) {
    const nb_node *part = nb_node_get(doc, parts[p]);
    for (size_t i = 0; part && part->kind == NB_MAP && i < part->n; i++) {
      const nb_node *v = part->pairs[i].val;
      if (v && v->kind == NB_STR && v->str)
        add_text(out, v);
    }
  }
}

static int by_hash(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Marks the sentences of CUR found in PREV; returns the repeated characters. */
static size_t mark_repeated(const sentences *prev, sentences *cur)
{
  uint64_t *hashes = nb_xmalloc((prev->n ? prev->n : 1) * sizeof *hashes);
  for (size_t i = 0; i < prev->n; i++)
    hashes[i] = prev->v[i].hash;
  qsort(hashes, prev->n, sizeof *hashes, by_hash);
  int similar = prev->n && cur->n <= MAX_PAIRS / prev->n;
  size_t repeated = 0;
  for (size_t i = 0; i < cur->n; i++) {
    sentence *c = &cur->v[i];
    c->repeated = prev->n && bsearch(&c->hash, hashes, prev->n, sizeof *hashes, by_hash) != NULL;
    for (size_t j = 0; !c->repeated && similar && j < prev->n; j++) {
      const sentence *p = &prev->v[j];
      if (p->chars * 10 < c->chars * 7 || c->chars * 10 < p->chars * 7)
        continue; /* lengths too far apart for Dice ≥ 0.88 */
      c->repeated = nb_similar_dice(p->text->str + p->off, p->len,
                                            c->text->str + c->off, c->len) >= SIMILAR;
    }
    repeated += c->repeated ? c->chars : 0;
  }
  free(hashes);
  return repeated;
}

typedef struct {
  sentences prev, cur;
  size_t total, repeated;
} measure;

static void measure_of(const nb_node *prev, const nb_node *cur, measure *m)
{
  memset(m, 0, sizeof *m);
  collect(prev, &m->prev);
  collect(cur, &m->cur);
  for (size_t i = 0; i < m->cur.n; i++)
    m->total += m->cur.v[i].chars;
  m->repeated = mark_repeated(&m->prev, &m->cur);
}

static void measure_free(measure *m)
{
  free(m->prev.v);
  free(m->cur.v);
}

double nb_repeat_share(const nb_node *prev, const nb_node *cur)
{
  measure m;
  measure_of(prev, cur, &m);
  double share = m.total ? 100.0 * (double)m.repeated / (double)m.total : 0.0;
  measure_free(&m);
  return share;
}

/* The three longest repeated sentences of M->cur, longest first (indices into M->cur.v). */
static size_t longest(const measure *m, size_t top[3])
{
  size_t k = 0;
  for (size_t i = 0; i < m->cur.n; i++) {
    size_t chars = m->cur.v[i].chars, at = k;
    if (!m->cur.v[i].repeated)
      continue;
    if (k < 3)
      k++;
    else if (chars <= m->cur.v[top[2]].chars)
      continue;
    else
      at = 2;
    while (at > 0 && m->cur.v[top[at - 1]].chars < chars) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = i;
  }
  return k;
}

/* Appends up to 24 characters of S, with "…" when cut. */
static void quote(nb_buf *b, const char *s, size_t len)
{
  size_t i = 0;
  for (size_t c = 0; i < len && c < 24; c++) {
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
  }
  nb_buf_printf(b, "“%.*s%s”", (int)i, s, i < len ? "…" : "");
}

static void report_share(const measure *m, const char *prev_name, int limit, nb_diags *diags)
{
  size_t top[3];
  size_t k = longest(m, top);
  size_t src_len;
  const char *src = nb_diags_source(diags, &src_len);
  nb_buf msg = NB_BUF_INIT;
  nb_buf_printf(&msg, "全文 %.0f%% 的文字（%zu 字中的 %zu 字）与上一年度“%s”相同或几乎相同，超过 %d%%；"
                      "最长的重复段落：",
                100.0 * (double)m->repeated / (double)m->total, m->total, m->repeated, prev_name, limit);
  uint32_t line0 = 0, col0 = 0;
  for (size_t i = 0; i < k; i++) {
    const sentence *s = &m->cur.v[top[i]];
    uint32_t line, col;
    nb_sentence_locate(s->text, s->off, src, src_len, &line, &col);
    if (!i) {
      line0 = line;
      col0 = col;
    }
    nb_buf_printf(&msg, "%s第 %u 行", i ? "；" : "", line);
    quote(&msg, s->text->str + s->off, s->len);
  }
  nb_diag *g = nb_diag_add(diags, NB_SEV_WARNING, "NB308", line0, col0, "%s", nb_buf_cstr(&msg));
  nb_diag_where(g, NULL, "全文");
  nb_diag_hint(g, "年度报告应写本年度的工作：改写重复的段落，写明本年的数字、做法和问题；"
                  "考核中重复率超过 50%% 按“雷同”扣分");
  nb_buf_free(&msg);
}

/* NB309: last year's problems, this year's part 五 silent on their 整改. */
static int mentions_last_year(const nb_node *prev, const char *text, int year)
{
  static const char *const words[] = {"整改", "上年", "上一年", "去年", "上年度", "前期"};
  for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
    if (strstr(text, words[k]))
      return 1;
  char y[16];
  snprintf(y, sizeof y, "%d年", year - 1);
  if (strstr(text, y))
    return 1;
  /* a phrase of last year's problems (eight characters) taken up again */
  const nb_node *p = nb_node_path(prev, "problems.main_problems");
  if (!p || p->kind != NB_STR || p->len > 20000)
    return 0;
  char window[8 * 4 + 1];
  for (size_t i = 0; i < p->len; i += nb_utf8_decode(p->str + i, p->len - i, &(uint32_t){0})) {
    size_t j = i;
    for (int c = 0; c < 8 && j < p->len; c++)
      j += nb_utf8_decode(p->str + j, p->len - j, &(uint32_t){0});
    if (nb_sentence_chars(p->str + i, j - i) < 8)
      break;
    memcpy(window, p->str + i, j - i);
    window[j - i] = '\0';
    if (!strpbrk(window, " \n") && !strstr(window, "，") && !strstr(window, "。") &&
        strstr(text, window))
      return 1;
  }
  return 0;
}

static void rule_follow_up(const nb_node *prev, const char *prev_name, const nb_node *cur,
                           nb_diags *diags)
{
  const nb_node *pp = nb_node_path(prev, "problems.main_problems");
  const nb_node *mp = nb_node_path(cur, "problems.main_problems");
  const nb_node *im = nb_node_path(cur, "problems.improvements");
  if (!pp || pp->kind != NB_STR || nb_sentence_chars(pp->str, pp->len) < 30 || !im ||
      im->kind != NB_STR || !mp || mp->kind != NB_STR || nb_sentence_chars(im->str, im->len) < 10)
    return; /* an empty part 五 is NB202's */
  int year = (int)nb_node_int(nb_node_get(cur, "year"), 0);
  if (mentions_last_year(prev, im->str, year) || mentions_last_year(prev, mp->str, year))
    return;
  nb_diag *g = nb_diag_add(diags, NB_SEV_WARNING, "NB309", im->line, im->col,
                           "上一年度“%s”第 %u 行列出了存在的问题，本年度「改进情况」没有说明这些问题的整改情况",
                           prev_name, pp->line);
  nb_diag_where(g, "problems.improvements", "五、存在的主要问题及改进情况 › 改进情况");
  nb_diag_hint(g, "在「改进情况」中逐条说明上一年度问题的整改措施和结果，再写本年度的改进打算");
}

void nb_repeat_check(const nb_node *prev, const char *prev_name, const nb_node *cur,
                     int limit_percent, nb_diags *diags)
{
  if (!prev || !cur || prev->kind != NB_MAP || cur->kind != NB_MAP)
    return;
  int limit = limit_percent > 0 ? limit_percent : NB_REPEAT_LIMIT;
  measure m;
  measure_of(prev, cur, &m);
  if (m.total >= 100 && m.repeated * 100 > (size_t)limit * m.total)
    report_share(&m, prev_name ? prev_name : "上一年度", limit, diags);
  measure_free(&m);
  rule_follow_up(prev, prev_name ? prev_name : "上一年度", cur, diags);
}
