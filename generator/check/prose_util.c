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

static const char *const comparisons[] = {"同比", "较上年", "比上年", "较去年", "比去年", "去年",
                                          "上一年", "增长", "下降", "增加", "减少", "持平"};

unsigned nb_prose_words(const char *text)
{
  static const char *const words[NB_W_COUNT] = {
    "申请", "报告", "部分", "月1日", "人民政府", "办事处", "行政复议", "行政诉讼", "办", "年",
    "规范性文件", "规章", "占", NULL, NULL};
  static const char *const heads[] = {"总体情况", "主动公开政府信息", "收到和处理政府信息公开申请",
                                      "政府信息公开行政复议", "存在的主要问题", "其他需要报告的事项"};
  unsigned w = 0;
  for (int i = 0; i < NB_W_COUNT; i++)
    if (words[i] && strstr(text, words[i]))
      w |= 1u << i;
  for (size_t i = 0; i < sizeof comparisons / sizeof comparisons[0]; i++)
    if (strstr(text, comparisons[i])) {
      w |= 1u << NB_W_COMPARE;
      break;
    }
  int nheads = 0;
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
    nheads += strstr(text, heads[i]) != NULL;
  if (nheads >= 2)
    w |= 1u << NB_W_HEADING;
  return w;
}

int nb_prose_other_year(const nb_prose_run *r, const nb_prose_field *f, const nb_sentence *st)
{
  for (size_t i = 0; f->words >> NB_W_COMPARE & 1 && i < sizeof comparisons / sizeof comparisons[0]; i++)
    if (nb_prose_has(st, comparisons[i]))
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

