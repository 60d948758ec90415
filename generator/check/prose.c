/* The prose against the tables. A stated count is "keyword [filler…] number unit", e.g.
 * 新收政府信息公开申请3件, 上年结转两件, 行政复议案件0起, 制发行政规范性文件2件; the
 * figures it is compared with are computed once per report (figures_of). */
#include "check/prose_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "check/totals.h"

/* ---- the figures of the tables ---- */

typedef enum {
  Q_NEW, Q_RECEIVED, Q_CARRIED, Q_DONE, Q_FORWARD, Q_GRANTED, Q_PARTIAL, Q_DENIED, Q_REVIEW,
  Q_LITIG, Q_LIC, Q_PUN, Q_COE, Q_DOC_ISSUED, Q_DOC_REPEALED, Q_DOC_IN_FORCE, Q_REG_ISSUED,
  Q_REG_REPEALED, Q_REG_IN_FORCE, Q_COUNT
} quantity;

typedef struct {
  int n;          /* accepted values (0: unknown, never compared) */
  int64_t v[3];
} figure;

static const char *const quantity_label[Q_COUNT] = {
  "表三“一、本年新收政府信息公开申请数量”的总计",
  "表三“一、本年新收政府信息公开申请数量”的总计",
  "表三“二、上年结转政府信息公开申请数量”的总计",
  "表三“（七）总计”",
  "表三“四、结转下年度继续办理”的总计",
  "表三“（一）予以公开”的总计",
  "表三“（二）部分公开”的总计",
  "表三“（三）不予公开”各项的总计",
  "表四“行政复议”的总计",
  "表四“行政诉讼”（未经复议直接起诉、复议后起诉）的总计",
  "表二“行政许可”的本年处理决定数量",
  "表二“行政处罚”的本年处理决定数量",
  "表二“行政强制”的本年处理决定数量",
  "表二“行政规范性文件”的本年制发件数",
  "表二“行政规范性文件”的本年废止件数",
  "表二“行政规范性文件”的现行有效件数",
  "表二“规章”的本年制发件数",
  "表二“规章”的本年废止件数",
  "表二“规章”的现行有效件数",
};

static void set1(figure *f, int64_t a)
{
  f->n = 1;
  f->v[0] = a;
}

/* A table-三 row's total, or unknown when the row is missing. */
static void row_figure(figure *f, const nb_node *row)
{
  if (row && row->kind == NB_SEQ)
    set1(f, nb_totals_row(row));
}

static void int_figure(figure *f, const nb_node *n)
{
  if (n && n->kind == NB_INT)
    set1(f, n->num.i);
}

static void application_figures(const nb_node *app, figure q[Q_COUNT])
{
  const nb_node *results = nb_node_get(app, "results");
  row_figure(&q[Q_NEW], nb_node_get(app, "new"));
  row_figure(&q[Q_CARRIED], nb_node_get(app, "carried_over"));
  row_figure(&q[Q_FORWARD], nb_node_get(app, "carry_forward"));
  row_figure(&q[Q_GRANTED], nb_node_get(results, "granted"));
  row_figure(&q[Q_PARTIAL], nb_node_get(results, "partially_granted"));
  if (q[Q_NEW].n) {
    q[Q_RECEIVED] = q[Q_NEW];
    if (q[Q_CARRIED].n)
      q[Q_RECEIVED].v[q[Q_RECEIVED].n++] = q[Q_NEW].v[0] + q[Q_CARRIED].v[0];
  }
  if (results && results->kind == NB_MAP) {
    int64_t t[NB_T3_COLS + 1];
    nb_totals_results(results, t);
    set1(&q[Q_DONE], t[NB_T3_COLS]);
    const nb_node *denied = nb_node_get(results, "denied");
    if (denied && denied->kind == NB_MAP) {
      int64_t d[NB_T3_COLS + 1] = {0};
      for (size_t i = 0; i < denied->n; i++)
        nb_totals_add_row(denied->pairs[i].val, d);
      set1(&q[Q_DENIED], d[NB_T3_COLS]);
    }
  }
}

static void review_figures(const nb_node *rev, figure q[Q_COUNT])
{
  const nb_node *r = nb_node_get(rev, "review"), *d = nb_node_get(rev, "litigation_direct");
  const nb_node *a = nb_node_get(rev, "litigation_after_review");
  if (r && r->kind == NB_MAP)
    set1(&q[Q_REVIEW], nb_totals_group(r));
  if (d && a && d->kind == NB_MAP && a->kind == NB_MAP) {
    q[Q_LITIG] = (figure){3, {nb_totals_group(d) + nb_totals_group(a), nb_totals_group(d),
                              nb_totals_group(a)}};
  }
}

static void figures_of(const nb_node *doc, figure q[Q_COUNT])
{
  memset(q, 0, Q_COUNT * sizeof *q);
  application_figures(nb_node_get(doc, "applications"), q);
  review_figures(nb_node_get(doc, "reviews"), q);
  const nb_node *dis = nb_node_get(doc, "disclosure");
  int_figure(&q[Q_LIC], nb_node_get(dis, "licensing"));
  int_figure(&q[Q_PUN], nb_node_get(dis, "punishment"));
  int_figure(&q[Q_COE], nb_node_get(dis, "coercion"));
  static const char *const keys[3] = {"issued", "repealed", "in_force"};
  for (int k = 0; k < 3; k++) {
    int_figure(&q[Q_DOC_ISSUED + k], nb_node_get(nb_node_get(dis, "normative_documents"), keys[k]));
    int_figure(&q[Q_REG_ISSUED + k], nb_node_get(nb_node_get(dis, "regulations"), keys[k]));
  }
}

/* ---- NB220: counts ---- */

typedef struct {
  const char *word;
  quantity q;
  int needs_application; /* 收到 counts only "收到…申请" */
} keyword;

static const keyword keywords[] = {
  {"本年新收", Q_NEW, 0}, {"新收", Q_NEW, 0}, {"受理", Q_RECEIVED, 0}, {"收到", Q_RECEIVED, 1},
  {"上一年度结转", Q_CARRIED, 0}, {"上年度结转", Q_CARRIED, 0}, {"上年结转", Q_CARRIED, 0},
  {"上年度转结", Q_CARRIED, 0}, {"办结", Q_DONE, 0},
  {"结转下年度继续办理", Q_FORWARD, 0}, {"结转至下一年度", Q_FORWARD, 0},
  {"结转下一年度", Q_FORWARD, 0}, {"结转至下年度", Q_FORWARD, 0}, {"结转下年度", Q_FORWARD, 0},
  {"转结下年度", Q_FORWARD, 0}, {"予以公开", Q_GRANTED, 0}, {"部分公开", Q_PARTIAL, 0},
  {"不予公开", Q_DENIED, 0}, {"行政复议", Q_REVIEW, 0}, {"行政诉讼", Q_LITIG, 0},
  {"行政许可", Q_LIC, 0}, {"行政处罚", Q_PUN, 0}, {"行政强制", Q_COE, 0},
};

/* Words that may stand between a keyword and its number. */
static const char *const fillers[] = {
  "政府信息公开申请", "政府信息公开", "依申请公开", "信息公开申请", "信息公开", "公开申请", "申请",
  "政府信息", "共计", "合计", "总计", "共", "计", "的", "了", "数量", "件数", "数", "为", "案件",
  "处理决定", "决定", "总数", "达", "：", ":", " "};

/* Skips filler words from S; *APPLICATION is set when one names 申请. */
static size_t skip_fillers(const char *s, size_t len, int *application)
{
  size_t i = 0;
  for (int moved = 1; moved && i < len;) {
    moved = 0;
    for (size_t k = 0; k < sizeof fillers / sizeof fillers[0]; k++) {
      size_t n = nb_sentence_starts(s + i, len - i, fillers[k]);
      if (n) {
        *application |= strstr(fillers[k], "申请") != NULL;
        i += n;
        moved = 1;
        break;
      }
    }
  }
  return i;
}

/* The number and unit at S: "3件", "两 件", "0起" (起 and 宗 for cases only, 条 for
 * documents too). Returns the bytes read, 0 when there is none. */
static size_t number_unit(const char *s, size_t len, quantity q, long long *v)
{
  size_t i = nb_sentence_number(s, len, v);
  if (!i)
    return 0;
  while (i < len && s[i] == ' ')
    i++;
  size_t n = nb_sentence_starts(s + i, len - i, "件");
  if (!n && (q == Q_REVIEW || q == Q_LITIG))
    n = nb_sentence_starts(s + i, len - i, "起") + nb_sentence_starts(s + i, len - i, "宗");
  if (!n && q >= Q_DOC_ISSUED)
    n = nb_sentence_starts(s + i, len - i, "条");
  return n ? i + n : 0;
}

/* Whether the word before a keyword makes it part of a compound ("予以公开和部分公开",
 * "不予受理", "行政复议、行政诉讼"). */
static int joined_before(const char *text, size_t at)
{
  static const char *const joins[] = {"和", "及", "与", "、", "或", "不", "未", "非", "予"};
  for (size_t k = 0; k < sizeof joins / sizeof joins[0]; k++) {
    size_t n = strlen(joins[k]);
    if (at >= n && memcmp(text + at - n, joins[k], n) == 0)
      return 1;
  }
  return 0;
}

static int figure_has(const figure *f, long long v)
{
  for (int i = 0; i < f->n; i++)
    if (f->v[i] == v)
      return 1;
  return 0;
}

static void count_mismatch(nb_prose_run *r, const nb_prose_field *f, size_t at, size_t end,
                           quantity q, long long v, const figure *fig)
{
  nb_diag *g = nb_prose_warn(r, "NB220", f, at, "正文写“%.*s”，而%s是 %lld 件", (int)(end - at),
                             f->text->str + at, quantity_label[q], (long long)fig->v[0]);
  nb_diag_hint(g, "文字和表格要一致：核对表格中的数字，或把文字改为 %lld 件（正文写的是 %lld）",
               (long long)fig->v[0], v);
}

/* A keyword at S: the subject verbs of table 二（一） (制发, 废止, 现行有效) need 规范性文件 or
 * 规章 right after them or earlier in the sentence (*SUBJECT). Returns the keyword's length. */
static size_t document_keyword(const char *s, size_t len, int *subject, quantity *q)
{
  static const struct {
    const char *w;
    int k;
  } verbs[] = {{"制发", 0}, {"印发", 0}, {"出台", 0}, {"废止", 1}, {"现行有效", 2}};
  for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++) {
    size_t n = nb_sentence_starts(s, len, verbs[v].w);
    if (!n)
      continue;
    n += nb_sentence_starts(s + n, len - n, "的");
    size_t m;
    if ((m = nb_sentence_starts(s + n, len - n, "行政规范性文件")) ||
        (m = nb_sentence_starts(s + n, len - n, "规范性文件")))
      *subject = 1;
    else if ((m = nb_sentence_starts(s + n, len - n, "规章")) &&
             !nb_sentence_starts(s + n + m, len - n - m, "制度"))
      *subject = 2;
    if (!*subject)
      return 0;
    *q = (*subject == 1 ? Q_DOC_ISSUED : Q_REG_ISSUED) + verbs[v].k;
    return n + m;
  }
  return 0;
}

/* The subject a sentence is about so far: 规范性文件 (1) or 规章 (2). */
static void track_subject(const char *s, size_t len, int *subject)
{
  if (nb_sentence_starts(s, len, "规范性文件"))
    *subject = 1;
  else if (nb_sentence_starts(s, len, "规章") && !nb_sentence_starts(s + 6, len >= 6 ? len - 6 : 0, "制度"))
    *subject = 2;
}

#define NKEYWORDS (sizeof keywords / sizeof keywords[0])

/* The keywords a field contains (bit k for keywords[k]); bit NKEYWORDS for table 二（一）'s
 * subjects. */
static uint64_t keywords_of(const nb_prose_field *f)
{
  uint64_t present = 0;
  for (size_t k = 0; k < NKEYWORDS; k++)
    if (strstr(f->text->str, keywords[k].word))
      present |= (uint64_t)1 << k;
  if (f->words & (1u << NB_W_DOCUMENTS | 1u << NB_W_REGULATIONS))
    present |= (uint64_t)1 << NKEYWORDS;
  return present;
}

/* Keyword at byte I of the sentence (only those in PRESENT are tried); returns its length
 * and quantity. */
static size_t keyword_at(const nb_sentence *st, size_t i, uint64_t present, int *subject,
                         quantity *q, int *needs)
{
  const char *s = st->s + i;
  size_t len = st->len - i, n = 0;
  *needs = 0;
  if (present >> NKEYWORDS & 1) {
    track_subject(s, len, subject);
    if ((n = document_keyword(s, len, subject, q)))
      return n;
  }
  for (size_t k = 0; k < NKEYWORDS; k++)
    if ((present >> k & 1) && (n = nb_sentence_starts(s, len, keywords[k].word))) {
      *q = keywords[k].q;
      *needs = keywords[k].needs_application;
      return n;
    }
  return 0;
}

static void counts_in_sentence(nb_prose_run *r, const nb_prose_field *f, const nb_sentence *st,
                               const figure fig[Q_COUNT], uint64_t present)
{
  int subject = 0;
  for (size_t i = 0; i < st->len; i += nb_prose_charlen(st->s + i, st->len - i)) {
    quantity q;
    int needs;
    size_t n = keyword_at(st, i, present, &subject, &q, &needs);
    if (!n || joined_before(f->text->str, st->off + i))
      continue;
    int application = 0;
    size_t j = i + n;
    j += skip_fillers(st->s + j, st->len - j, &application);
    long long v;
    size_t u = number_unit(st->s + j, st->len - j, q, &v);
    if (!u || (needs && !application) || !fig[q].n)
      continue;
    if (!figure_has(&fig[q], v))
      count_mismatch(r, f, st->off + i, st->off + j + u, q, v, &fig[q]);
    i = j + u - 1; /* the number is used; go on after it */
  }
}

/* ---- NB221: percentages ---- */

/* "P%" or "P％" at S, with P's decimals; returns the bytes read. */
static size_t percent_at(const char *s, size_t len, double *p, int *decimals)
{
  size_t i = 0;
  double v = 0, scale = 1;
  int dec = -1;
  for (; i < len && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && dec < 0)); i++) {
    if (s[i] == '.') {
      dec = 0;
      continue;
    }
    v = v * 10 + (s[i] - '0');
    if (dec >= 0) {
      dec++;
      scale *= 10;
    }
  }
  if (!i || s[i - 1] == '.' || i > 12)
    return 0;
  size_t n = nb_sentence_starts(s + i, len - i, "%") + nb_sentence_starts(s + i, len - i, "％");
  if (!n)
    return 0;
  *p = v / scale;
  *decimals = dec < 0 ? 0 : dec;
  return i + n;
}

/* After "N件": "，占", "占比", "占总数的" … then the percentage. */
static size_t share_after(const char *s, size_t len, double *p, int *decimals)
{
  size_t i = nb_sentence_starts(s, len, "，") + nb_sentence_starts(s, len, ",");
  size_t n = nb_sentence_starts(s + i, len - i, "占");
  if (!n)
    return 0;
  i += n;
  for (int k = 0; k < 8 && i < len; k++) { /* 比, 总数的, 全部申请的 … */
    size_t m = percent_at(s + i, len - i, p, decimals);
    if (m)
      return i + m;
    if ((s[i] >= '0' && s[i] <= '9') || s[i] == '\n')
      return 0;
    i += nb_prose_charlen(s + i, len - i);
  }
  return 0;
}

static int share_matches(double p, int decimals, long long n, const figure *base, size_t nbase)
{
  double tol = 1.0;
  for (int d = 0; d < decimals; d++)
    tol /= 10;
  int any = 0;
  for (size_t b = 0; b < nbase; b++)
    for (int k = 0; k < base[b].n; k++) {
      if (base[b].v[k] <= 0)
        continue;
      any = 1;
      double want = 100.0 * (double)n / (double)base[b].v[k];
      if (want - p <= tol + 1e-9 && p - want <= tol + 1e-9)
        return 1;
    }
  return !any;
}

static void shares_in_sentence(nb_prose_run *r, const nb_prose_field *f, const nb_sentence *st,
                               const figure fig[Q_COUNT])
{
  if ((~f->words & (1u << NB_W_APPLICATION | 1u << NB_W_SHARE)) || !nb_prose_has(st, "申请"))
    return;
  const figure base[3] = {fig[Q_DONE], fig[Q_NEW], fig[Q_RECEIVED]};
  for (size_t i = 0; i < st->len; i += nb_prose_charlen(st->s + i, st->len - i)) {
    long long n;
    if (i && st->s[i - 1] >= '0' && st->s[i - 1] <= '9')
      continue;
    size_t k = number_unit(st->s + i, st->len - i, Q_NEW, &n);
    double p;
    int dec;
    size_t m = k ? share_after(st->s + i + k, st->len - i - k, &p, &dec) : 0;
    if (!m || share_matches(p, dec, n, base, 3))
      continue;
    nb_diag *g = nb_prose_warn(r, "NB221", f, st->off + i, "正文写“%.*s”，但 %lld 件占办理结果总数 %lld 件的 %.2f%%",
                               (int)(k + m), st->s + i, n, (long long)fig[Q_DONE].v[0],
                               fig[Q_DONE].v[0] > 0 ? 100.0 * (double)n / (double)fig[Q_DONE].v[0] : 0.0);
    nb_diag_hint(g, "百分比应由件数除以总数算出（四舍五入）；核对件数、总数（表三“（七）总计”或本年新收）和百分比");
    i += k + m - 1;
  }
}

/* ---- the walk ---- */

static void check_field(nb_prose_run *r, const nb_prose_field *f, const figure fig[Q_COUNT],
                        int numbers)
{
  size_t pos = 0;
  nb_sentence st;
  uint64_t present = numbers ? keywords_of(f) : 0;
  int shares = (f->words & (1u << NB_W_APPLICATION | 1u << NB_W_SHARE)) ==
               (1u << NB_W_APPLICATION | 1u << NB_W_SHARE);
  while ((present || (numbers && shares)) && nb_sentence_next(f->text->str, f->text->len, &pos, &st)) {
    if (nb_prose_other_year(r, f, &st))
      continue;
    if (present)
      counts_in_sentence(r, f, &st, fig, present);
    if (shares)
      shares_in_sentence(r, f, &st, fig);
  }
  nb_prose_claims(r, f);
}

/* Runs CHECK on every prose field of DOC (parts 一, 六 and 五, in that order). */
static void each_field(nb_prose_run *r, void (*check)(nb_prose_run *, const nb_prose_field *, int))
{
  static const char *const parts[] = {"overview", "other", "problems"};
  for (int p = 0; p < 3; p++) {
    const nb_node *part = nb_node_get(r->doc, parts[p]);
    for (size_t i = 0; part && part->kind == NB_MAP && i < part->n; i++) {
      const nb_node *v = part->pairs[i].val;
      if (!v || v->kind != NB_STR || !v->str)
        continue;
      char *path = nb_arena_printf(r->arena, "%s.%s", parts[p], part->pairs[i].key->str);
      nb_prose_field f = {v, path, nb_prose_words(v->str)};
      check(r, &f, p < 2); /* part 五 speaks of plans: its figures are not counted */
    }
  }
}

static void run_checks(const nb_schema *s, const nb_node *doc, const nb_prose_opts *opts,
                       nb_diags *diags, void (*check)(nb_prose_run *, const nb_prose_field *, int))
{
  if (!doc || doc->kind != NB_MAP)
    return;
  nb_prose_run r = {s, doc, opts, diags, nb_arena_new(), NULL, 0, 0, NULL, 0, 0, 0};
  r.src = nb_diags_source(diags, &r.srclen);
  r.year = (int)nb_node_int(nb_node_get(doc, "year"), 0);
  figure fig[Q_COUNT];
  figures_of(doc, fig);
  r.figures = fig;
  r.forward = fig[Q_FORWARD].n ? fig[Q_FORWARD].v[0] : 0;
  r.review = fig[Q_REVIEW].n ? fig[Q_REVIEW].v[0] : 0;
  r.suits = fig[Q_LITIG].n ? fig[Q_LITIG].v[0] : 0;
  each_field(&r, check);
  nb_arena_free(r.arena);
}

static void field_all(nb_prose_run *r, const nb_prose_field *f, int numbers)
{
  check_field(r, f, r->figures, numbers);
}

static void field_peers(nb_prose_run *r, const nb_prose_field *f, int numbers)
{
  (void)numbers;
  nb_prose_organ_peers(r, f);
}

void nb_prose_check(const nb_schema *s, const nb_node *doc, nb_diags *diags)
{
  run_checks(s, doc, NULL, diags, field_all);
}

void nb_prose_check_peers(const nb_schema *s, const nb_node *doc, const nb_prose_opts *opts,
                          nb_diags *diags)
{
  if (opts && opts->npeers)
    run_checks(s, doc, opts, diags, field_peers);
}
