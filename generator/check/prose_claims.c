/* Claims the prose makes about itself and the tables: "均已办结", "未发生行政复议", the
 * statistics period, the number of parts, part headings pasted into a field, and the names
 * of other bodies. */
#include "check/prose_priv.h"

#include <stdlib.h>
#include <string.h>

#include "check/totals.h"

/* Offset of LIT in the sentence, or -1. */
static long find(const nb_sentence *st, const char *lit)
{
  size_t n = strlen(lit);
  for (size_t i = 0; i + n <= st->len; i++)
    if (memcmp(st->s + i, lit, n) == 0)
      return (long)i;
  return -1;
}

static int is_part_five(const nb_prose_field *f)
{
  return strncmp(f->path, "problems.", 9) == 0;
}

/* NB222: "均已办结" while applications are carried forward. */
static void all_done(nb_prose_run *r, const nb_prose_field *f, const nb_sentence *st)
{
  static const char *const claims[] = {"均已办结", "全部办结", "均已全部办结", "已全部办结",
                                       "全部办理完毕", "均已办理完毕", "均已按时办结", "全部按时办结"};
  int64_t forward = r->forward;
  if (forward <= 0 || is_part_five(f) || !(f->words >> NB_W_DONE & 1))
    return;
  static const char *const exceptions[] = {"上年", "结转", "转结", "除", "其余", "以外"};
  for (size_t e = 0; e < sizeof exceptions / sizeof exceptions[0]; e++)
    if (nb_prose_has(st, exceptions[e]))
      return;
  for (size_t c = 0; c < sizeof claims / sizeof claims[0]; c++) {
    long at = find(st, claims[c]);
    if (at < 0)
      continue;
    nb_diag *g = nb_prose_warn(r, "NB222", f, st->off + (size_t)at,
                               "正文说申请“%s”，而表三“四、结转下年度继续办理”共 %lld 件",
                               claims[c], (long long)forward);
    nb_diag_hint(g, "结转下年度的申请本年没有办结：写明“除 %lld 件结转下年度继续办理外，其余均已办结”，或核对表三",
                 (long long)forward);
    return;
  }
}

/* NB223: "未发生行政复议" / "没有行政诉讼" while table 四 counts some. */
static void none_claimed(nb_prose_run *r, const nb_prose_field *f, const nb_sentence *st)
{
  static const char *const negations[] = {"未发生", "没有发生", "未出现", "没有出现", "未被申请",
                                          "未被提起", "未有", "无一起", "没有因", "无因", "未因",
                                          "未产生", "不存在", "未涉及", "无涉及"};
  int64_t review = r->review, suits = r->suits;
  if ((review <= 0 && suits <= 0) || is_part_five(f) ||
      !(f->words & (1u << NB_W_REVIEW | 1u << NB_W_SUIT)))
    return;
  for (size_t k = 0; k < sizeof negations / sizeof negations[0]; k++) {
    long at = find(st, negations[k]);
    if (at < 0)
      continue;
    /* the object in the same clause: up to the next comma */
    nb_sentence clause = {st->s + at, st->off + (size_t)at, st->len - (size_t)at};
    long comma = find(&clause, "，");
    if (comma >= 0)
      clause.len = (size_t)comma;
    int says_review = find(&clause, "行政复议") >= 0, says_suit = find(&clause, "行政诉讼") >= 0;
    int about_review = says_review && review > 0;
    if (!about_review && !(says_suit && suits > 0))
      continue;
    nb_diag *g = nb_prose_warn(r, "NB223", f, clause.off, "正文说“%.*s”，而表四的%s共 %lld 件",
                               (int)clause.len, clause.s, about_review ? "行政复议" : "行政诉讼",
                               (long long)(about_review ? review : suits));
    nb_diag_hint(g, "文字和表四要一致：改正文字，或核对表四的数字");
    return;
  }
}

/* Reads "YYYY年M月D日" at S; returns the bytes read or 0. */
static size_t date_at(const char *s, size_t len, int *y, int *m, int *d)
{
  long long v[3];
  static const char *const units[3] = {"年", "月", "日"};
  size_t i = 0;
  for (int k = 0; k < 3; k++) {
    size_t n = 0;
    if (i < len && s[i] >= '0' && s[i] <= '9')
      n = nb_sentence_number(s + i, len - i, &v[k]);
    if (!n || !nb_sentence_starts(s + i + n, len - i - n, units[k]))
      return 0;
    i += n + 3;
  }
  *y = (int)v[0];
  *m = (int)v[1];
  *d = (int)v[2];
  return i;
}

/* The end of a period after its start: "起至", "至", "到", "—", "-" then a date, with or
 * without its year. */
static size_t period_end(const char *s, size_t len, int start_year, int *y, int *m, int *d)
{
  size_t i = nb_sentence_starts(s, len, "起");
  size_t n = nb_sentence_starts(s + i, len - i, "至") + nb_sentence_starts(s + i, len - i, "到") +
             nb_sentence_starts(s + i, len - i, "—") + nb_sentence_starts(s + i, len - i, "-") +
             nb_sentence_starts(s + i, len - i, "～");
  if (!n)
    return 0;
  i += n;
  size_t k = date_at(s + i, len - i, y, m, d);
  if (k)
    return i + k;
  long long mm, dd;
  size_t a = nb_sentence_number(s + i, len - i, &mm);
  if (a && nb_sentence_starts(s + i + a, len - i - a, "月")) {
    size_t b = nb_sentence_number(s + i + a + 3, len - i - a - 3, &dd);
    if (b && nb_sentence_starts(s + i + a + 3 + b, len - i - a - 3 - b, "日")) {
      *y = start_year;
      *m = (int)mm;
      *d = (int)dd;
      return i + a + 3 + b + 3;
    }
  }
  return 0;
}

/* NB224: "自YYYY年1月1日起至YYYY年12月31日止" that ends before it starts or in another year
 * (a start in another year is NB210's). */
static void period(nb_prose_run *r, const nb_prose_field *f, const nb_sentence *st)
{
  if (!(f->words >> NB_W_JAN1 & 1))
    return;
  for (size_t i = 0; i < st->len; i += nb_prose_charlen(st->s + i, st->len - i)) {
    int y1, m1, d1, y2, m2, d2;
    size_t a = (i && st->s[i - 1] >= '0' && st->s[i - 1] <= '9') ? 0
               : date_at(st->s + i, st->len - i, &y1, &m1, &d1);
    if (!a || m1 != 1 || d1 != 1)
      continue;
    size_t b = period_end(st->s + i + a, st->len - i - a, y1, &y2, &m2, &d2);
    if (!b || m2 != 12 || d2 != 31)
      continue;
    if (y2 < y1) {
      nb_diag *g = nb_prose_warn(r, "NB224", f, st->off + i, "统计期间“%.*s”的结束日期早于开始日期",
                                 (int)(a + b), st->s + i);
      nb_diag_hint(g, "统计期间应为 %d年1月1日至%d年12月31日（是否沿用了往年的文字？）", r->year, r->year);
    } else if (y1 == r->year && y2 != r->year) {
      nb_diag *g = nb_prose_warn(r, "NB224", f, st->off + i, "统计期间“%.*s”结束于 %d 年，而报告年度是 %d 年",
                                 (int)(a + b), st->s + i, y2, r->year);
      nb_diag_hint(g, "统计期间应为 %d年1月1日至%d年12月31日", r->year, r->year);
    }
    return;
  }
}

static int numeral_before(const char *s, size_t at)
{
  static const char *const cn[] = {"零", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十"};
  if (at && s[at - 1] >= '0' && s[at - 1] <= '9')
    return 1;
  for (size_t k = 0; k < sizeof cn / sizeof cn[0]; k++)
    if (at >= 3 && memcmp(s + at - 3, cn[k], 3) == 0)
      return 1;
  return 0;
}

/* NB225: "本报告由…7个部分组成" — the format has six parts. */
static void part_count(nb_prose_run *r, const nb_prose_field *f, const nb_sentence *st)
{
  if ((~f->words & (1u << NB_W_REPORT | 1u << NB_W_PART)) || !nb_prose_has(st, "报告"))
    return;
  static const char *const tails[] = {"个部分", "大部分", "部分组成", "部分内容", "部分构成"};
  for (size_t i = 0; i < st->len; i += nb_prose_charlen(st->s + i, st->len - i)) {
    long long n;
    size_t k = numeral_before(f->text->str, st->off + i) ? 0 : nb_sentence_number(st->s + i, st->len - i, &n);
    if (!k || n == 6 || n <= 1)
      continue;
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
      size_t m = nb_sentence_starts(st->s + i + k, st->len - i - k, tails[t]);
      if (!m)
        continue;
      nb_diag *g = nb_prose_warn(r, "NB225", f, st->off + i, "正文说报告有“%.*s”，而国家格式规定的年度报告是六个部分",
                                 (int)(k + m), st->s + i);
      nb_diag_hint(g, "年度报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
                      "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成");
      return;
    }
  }
}

/* NB226: the report's own part headings inside one field (the whole report pasted in). */
static void part_headings(nb_prose_run *r, const nb_prose_field *f)
{
  static const char *const heads[6] = {"总体情况", "主动公开政府信息", "收到和处理政府信息公开申请",
                                       "政府信息公开行政复议", "存在的主要问题", "其他需要报告的事项"};
  static const char *const nums[6][2] = {{"一、", "1、"}, {"二、", "2、"}, {"三、", "3、"},
                                         {"四、", "4、"}, {"五、", "5、"}, {"六、", "6、"}};
  const char *s = f->text->str;
  size_t len = f->text->len, found = 0, first = 0;
  if (!(f->words >> NB_W_HEADING & 1))
    return;
  for (size_t i = 0; i < len; i += nb_prose_charlen(s + i, len - i))
    for (int p = 0; p < 6; p++)
      for (int v = 0; v < 2; v++) {
        size_t n = nb_sentence_starts(s + i, len - i, nums[p][v]);
        while (n && i + n < len && s[i + n] == ' ')
          n++;
        if (!n || !nb_sentence_starts(s + i + n, len - i - n, heads[p]) || (found >> p & 1))
          continue;
        if (!found)
          first = i;
        found |= (size_t)1 << p;
        if (found & (found - 1)) { /* two different parts */
          nb_diag *g = nb_prose_warn(r, "NB226", f, first, "这一项的文字中含有年度报告的部分标题（“%s%s”等），像是把整份报告贴进了一项",
                                     nums[p][v], heads[p]);
          nb_diag_hint(g, "部分标题和编号由 nianbao 按国家格式输出；把各部分的文字分别填入对应的项，删去标题");
          return;
        }
      }
}

void nb_prose_claims(nb_prose_run *r, const nb_prose_field *f)
{
  size_t pos = 0;
  nb_sentence st;
  int period_seen = 0;
  unsigned sentence_words = 1u << NB_W_DONE | 1u << NB_W_REVIEW | 1u << NB_W_SUIT |
                            1u << NB_W_PART | 1u << NB_W_JAN1;
  while ((f->words & sentence_words) && nb_sentence_next(f->text->str, f->text->len, &pos, &st)) {
    all_done(r, f, &st);
    none_claimed(r, f, &st);
    part_count(r, f, &st);
    if (!period_seen) {
      size_t before = nb_diags_count(r->diags);
      period(r, f, &st);
      period_seen = nb_diags_count(r->diags) > before;
    }
  }
  part_headings(r, f);
  nb_prose_organs(r, f);
}
