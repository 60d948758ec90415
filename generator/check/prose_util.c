/* Helpers shared by the prose rules: warnings placed inside the text, and which sentences
 * speak of another year. */
#include "check/prose_priv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

size_t nb_prose_charlen(const char *s, size_t len)
{
  uint32_t cp;
  return len ? nb_utf8_decode(s, len, &cp) : 0;
}

int nb_prose_has(const nb_sentence *st, const char *lit)
{
  size_t n = strlen(lit);
  for (size_t i = 0; i + n <= st->len; i++)
    if (memcmp(st->s + i, lit, n) == 0)
      return 1;
  return 0;
}

/* The words nb_prose_words looks for, sorted by KEY, the UTF-8 bytes of their first
 * character read as one number, so that a binary search at each character of a text finds
 * the words that may start there: one pass over the text instead of one per word.
 * BIT is an NB_W_ value; NB_W_COUNT marks a part heading (two or more make NB_W_HEADING). */
static const struct {
  uint32_t key;
  unsigned char bit;
  const char *word;
} needles[] = {
  {0xE4B88A, NB_W_COMPARE, "上一年"},           {0xE4B88B, NB_W_COMPARE, "下降"},
  {0xE4B8BB, NB_W_COUNT, "主动公开政府信息"},   {0xE4BABA, NB_W_GOVERNMENT, "人民政府"},
  {0xE585B6, NB_W_COUNT, "其他需要报告的事项"}, {0xE5878F, NB_W_COMPARE, "减少"},
  {0xE58A9E, NB_W_DONE, "办"},                  {0xE58A9E, NB_W_OFFICE, "办事处"},
  {0xE58DA0, NB_W_SHARE, "占"},                 {0xE58EBB, NB_W_COMPARE, "去年"},
  {0xE5908C, NB_W_COMPARE, "同比"},             {0xE5A29E, NB_W_COMPARE, "增加"},
  {0xE5A29E, NB_W_COMPARE, "增长"},             {0xE5AD98, NB_W_COUNT, "存在的主要问题"},
  {0xE5B9B4, NB_W_YEAR, "年"},                  {0xE680BB, NB_W_COUNT, "总体情况"},
  {0xE68AA5, NB_W_REPORT, "报告"},              {0xE68C81, NB_W_COMPARE, "持平"},
  {0xE694B6, NB_W_COUNT, "收到和处理政府信息公开申请"},
  {0xE694BF, NB_W_COUNT, "政府信息公开行政复议"},
  {0xE69C88, NB_W_JAN1, "月1日"},               {0xE6AF94, NB_W_COMPARE, "比上年"},
  {0xE6AF94, NB_W_COMPARE, "比去年"},           {0xE794B3, NB_W_APPLICATION, "申请"},
  {0xE8A18C, NB_W_REVIEW, "行政复议"},          {0xE8A18C, NB_W_SUIT, "行政诉讼"},
  {0xE8A784, NB_W_REGULATIONS, "规章"},         {0xE8A784, NB_W_DOCUMENTS, "规范性文件"},
  {0xE8BE83, NB_W_COMPARE, "较上年"},           {0xE8BE83, NB_W_COMPARE, "较去年"},
  {0xE983A8, NB_W_PART, "部分"},
};

#define NEEDLES (sizeof needles / sizeof needles[0])
_Static_assert(NEEDLES <= 32, "the headings seen are bits of a uint32_t");

/* The index of the first needle whose key is KEY, or NEEDLES. */
static size_t needle_first(uint32_t key)
{
  size_t lo = 0, hi = NEEDLES;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (needles[mid].key < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < NEEDLES && needles[lo].key == key ? lo : NEEDLES;
}

static int starts_with(const unsigned char *p, const char *word)
{
  for (const unsigned char *w = (const unsigned char *)word; *w; p++, w++)
    if (*p != *w)
      return 0;
  return 1;
}

/* A bit of the filter nb_prose_words builds from the needles' keys. */
static unsigned filter_bit(uint32_t key)
{
  return (key ^ key >> 5 ^ key >> 13) & 255;
}

unsigned nb_prose_words(const char *text)
{
  /* Most characters start no word: a 256-bit filter of the first characters rejects them
   * before the binary search. */
  uint64_t filter[4] = {0};
  for (size_t k = 0; k < NEEDLES; k++) {
    unsigned b = filter_bit(needles[k].key);
    filter[b >> 6] |= (uint64_t)1 << (b & 63);
  }
  unsigned w = 0;
  uint32_t heads = 0; /* bit K: needle K, a heading, was seen */
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    if ((*p & 0xF0) != 0xE0 || !p[1] || !p[2])
      continue;
    uint32_t key = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
    unsigned b = filter_bit(key);
    for (size_t k = filter[b >> 6] >> (b & 63) & 1 ? needle_first(key) : NEEDLES;
         k < NEEDLES && needles[k].key == key; k++)
      if (starts_with(p, needles[k].word)) {
        if (needles[k].bit == NB_W_COUNT)
          heads |= (uint32_t)1 << k;
        else
          w |= 1u << needles[k].bit;
      }
    p += 2;
  }
  int nheads = 0;
  for (; heads; heads &= heads - 1)
    nheads++;
  if (nheads >= 2)
    w |= 1u << NB_W_HEADING;
  return w;
}

int nb_prose_other_year(const nb_prose_run *r, const nb_prose_field *f, const nb_sentence *st)
{
  for (size_t i = 0; f->words >> NB_W_COMPARE & 1 && i < NEEDLES; i++)
    if (needles[i].bit == NB_W_COMPARE && nb_prose_has(st, needles[i].word))
      return 1;
  for (size_t i = 0; f->words >> NB_W_YEAR & 1 && i + 7 <= st->len; i++) {
    const char *p = st->s + i;
    if (p[0] >= '1' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
        p[3] >= '0' && p[3] <= '9' && memcmp(p + 4, "年", 3) == 0 &&
        (i == 0 || p[-1] < '0' || p[-1] > '9') && atoi(p) != r->year)
      return 1;
  }
  return 0;
}

nb_diag *nb_prose_warn(nb_prose_run *r, const char *code, const nb_prose_field *f, size_t off,
                       const char *fmt, ...)
{
  uint32_t line, col;
  nb_sentence_locate(f->text, off, r->src, r->srclen, &line, &col);
  va_list ap;
  va_start(ap, fmt);
  nb_diag *g = nb_diag_vadd(r->diags, NB_SEV_WARNING, code, line, col, fmt, ap);
  va_end(ap);
  nb_diag_where(g, f->path, nb_schema_labels(r->s, f->path, r->arena));
  return g;
}

