/* summary.xlsx, the county's working file, written through the module nianbao-xlsx.so
 * (xlsx/xlsx.h: libxlsxwriter in constant-memory mode, rows written in order and not kept).
 * Numbers are stored as numbers; every sheet has its header row frozen, an autofilter and
 * widths that fit the Chinese labels. The file is written next to PATH under a temporary name
 * and renamed over it when complete. */
#include "batch/summary.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/io.h"
#include "core/module.h"

#define MODULE_NAME "nianbao-xlsx.so"

typedef struct {
  const nb_xlsx_api *x;
  nb_xlsx_book *b;
} book;

const nb_xlsx_api *nb_summary_xlsx_module(nb_diags *diags)
{
  void *sym = nb_module_require(MODULE_NAME, "NIANBAO_XLSX_MODULE", "nb_xlsx_get_api", "NB807",
                                " Excel 模块", diags);
  if (!sym)
    return NULL;
  const nb_xlsx_api *(*get)(void);
  memcpy(&get, &sym, sizeof get); /* object pointer to function pointer, as POSIX allows */
  return get();
}

static double figure_value(int k, int64_t v)
{
  return nb_figures_is_amount(k) ? (double)v / NB_FIG_SCALE : (double)v;
}

static void header(const book *b, unsigned col, const char *text, double width)
{
  b->x->text(b->b, 0, col, text, NB_XLSX_HEAD);
  b->x->width(b->b, col, width);
}

/* The short figures of row I of the 汇总 sheet, from column FIRST on. */
static void overview_figures(const nb_summary *s, const book *b, size_t i, unsigned first)
{
  int64_t sh[NB_SUM_N], fig[NB_FIG_COUNT];
  if (!nb_summary_figures(s, i, fig))
    return;
  nb_summary_short(fig, sh);
  for (int k = 0; k < NB_SUM_N; k++) {
    if (k == NB_SUM_GRANTED_SHARE && sh[k] < 0)
      continue;
    double v = k == NB_SUM_GRANTED_SHARE ? (double)sh[k] / 1000 : k == NB_SUM_FEE ? (double)sh[k] / NB_FIG_SCALE : (double)sh[k];
    b->x->number(b->b, (unsigned)(i + 1), first + (unsigned)k, v,
                 k == NB_SUM_GRANTED_SHARE ? NB_XLSX_PERCENT : k == NB_SUM_FEE ? NB_XLSX_DECIMAL : NB_XLSX_PLAIN);
  }
}

/* Sheet 汇总: a row per body with the short figures. */
static void sheet_overview(const nb_summary *s, const book *b)
{
  b->x->sheet(b->b, "汇总");
  enum { FIRST = 7 }; /* the columns before the short figures */
  static const char *const first[FIRST] = {"机关名称", "机关层级", "所在地区", "状态", "错误", "警告", "评分"};
  static const double widths[FIRST] = {26, 12, 18, 9, 6, 6, 6};
  for (unsigned c = 0; c < FIRST; c++)
    header(b, c, first[c], widths[c]);
  for (int k = 0; k < NB_SUM_N; k++)
    header(b, FIRST + (unsigned)k, nb_summary_short_labels[k], 11);
  header(b, FIRST + NB_SUM_N, "文件", 40);
  b->x->height(b->b, 0, 30);
  for (size_t i = 0; i < nb_summary_rows(s); i++) {
    nb_summary_row r = nb_summary_row_at(s, i);
    unsigned y = (unsigned)(i + 1);
    b->x->text(b->b, y, 0, r.name, NB_XLSX_PLAIN);
    b->x->text(b->b, y, 1, r.level ? r.level : "", NB_XLSX_PLAIN);
    b->x->text(b->b, y, 2, r.region ? r.region : "", NB_XLSX_PLAIN);
    b->x->text(b->b, y, 3, r.status, NB_XLSX_PLAIN);
    b->x->number(b->b, y, 4, (double)r.errors, NB_XLSX_PLAIN);
    b->x->number(b->b, y, 5, (double)r.warnings, NB_XLSX_PLAIN);
    if (r.score >= 0)
      b->x->number(b->b, y, 6, r.score, NB_XLSX_PLAIN);
    overview_figures(s, b, i, FIRST);
    b->x->text(b->b, y, FIRST + NB_SUM_N, r.path ? r.path : "", NB_XLSX_PLAIN);
  }
  b->x->filter(b->b, (unsigned)nb_summary_rows(s), FIRST + 1 + NB_SUM_N);
}

/* Sheets 表二, 表三, 表四: every cell of the table per body, then the sums. */
static void sheet_table(const nb_summary *s, const book *b, const char *name, int table)
{
  b->x->sheet(b->b, name);
  header(b, 0, "机关名称", 26);
  header(b, 1, "机关层级", 12);
  unsigned c = 2;
  for (int k = 0; k < NB_FIG_COUNT; k++) {
    if (nb_figures_table(k) != table)
      continue;
    char label[512];
    snprintf(label, sizeof label, "%s › %s", nb_figures_row(k), nb_figures_col(k));
    header(b, c++, label, 14);
  }
  b->x->height(b->b, 0, table == NB_FIG_T3 ? 90 : 48);
  size_t n = nb_summary_rows(s);
  for (size_t i = 0; i <= n; i++) {
    nb_summary_row r = i < n ? nb_summary_row_at(s, i) : (nb_summary_row){0};
    int64_t row[NB_FIG_COUNT];
    const int64_t *fig = i == n ? nb_summary_sums(s) : nb_summary_figures(s, i, row) ? row : NULL;
    unsigned y = (unsigned)(i < n ? i + 1 : i + 2); /* the sums after an empty row */
    b->x->text(b->b, y, 0, i < n ? r.name : "合计（没有错误的报告）", i < n ? NB_XLSX_PLAIN : NB_XLSX_BOLD);
    b->x->text(b->b, y, 1, i < n ? (r.level ? r.level : "") : "", NB_XLSX_PLAIN);
    c = 2;
    for (int k = 0; k < NB_FIG_COUNT; k++) {
      if (nb_figures_table(k) != table)
        continue;
      if (fig)
        b->x->number(b->b, y, c, figure_value(k, fig[k]), nb_figures_is_amount(k) ? NB_XLSX_DECIMAL : NB_XLSX_PLAIN);
      c++;
    }
  }
  b->x->filter(b->b, (unsigned)n, c);
}

/* Sheet 问题: every diagnostic of the year's reports. */
static void sheet_problems(const nb_summary *s, const book *b)
{
  b->x->sheet(b->b, "问题");
  static const char *const cols[] = {"机关", "文件", "行", "列", "编号", "级别", "说明"};
  static const double widths[] = {26, 40, 6, 6, 8, 6, 90};
  for (unsigned c = 0; c < 7; c++)
    header(b, c, cols[c], widths[c]);
  for (size_t i = 0; i < nb_summary_problems(s); i++) {
    const nb_summary_problem *p = nb_summary_problem_at(s, i);
    unsigned y = (unsigned)(i + 1);
    b->x->text(b->b, y, 0, p->body ? p->body : "", NB_XLSX_PLAIN);
    b->x->text(b->b, y, 1, p->file ? p->file : "", NB_XLSX_PLAIN);
    if (p->line) {
      b->x->number(b->b, y, 2, p->line, NB_XLSX_PLAIN);
      b->x->number(b->b, y, 3, p->col, NB_XLSX_PLAIN);
    }
    b->x->text(b->b, y, 4, p->code, NB_XLSX_PLAIN);
    b->x->text(b->b, y, 5, p->error ? "错误" : "警告", NB_XLSX_PLAIN);
    b->x->text(b->b, y, 6, p->message, NB_XLSX_PLAIN);
  }
  b->x->filter(b->b, (unsigned)nb_summary_problems(s), 7);
}

/* The workbook's date: SOURCE_DATE_EPOCH when set, else 1 January after the year, so equal
 * inputs give equal bytes. */
static long long created_time(int year)
{
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde)
    return strtoll(sde, NULL, 10);
  long long days = 0;
  for (int y = 1970; y <= year && y < 3000; y++)
    days += (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365;
  return days * 86400;
}

int nb_summary_xlsx(const nb_summary *s, const nb_xlsx_api *x, const char *path, const char **why)
{
  char *tmp = malloc(strlen(path) + 32);
  if (!tmp)
    abort();
  sprintf(tmp, "%s.tmp%ld", path, (long)getpid());
  char title[256];
  snprintf(title, sizeof title, "%s%d年度政府信息公开工作年度报告汇总", nb_summary_region(s), nb_summary_year(s));
  book b = {x, x->open(tmp, title, "nianbao", created_time(nb_summary_year(s)))};
  if (!b.b) {
    free(tmp);
    *why = "无法创建文件";
    return -1;
  }
  sheet_overview(s, &b);
  sheet_table(s, &b, "表二", NB_FIG_T2);
  sheet_table(s, &b, "表三", NB_FIG_T3);
  sheet_table(s, &b, "表四", NB_FIG_T4);
  sheet_problems(s, &b);
  int rc = x->close(b.b, why);
  if (rc == 0) {
    rc = nb_io_commit(tmp, path); /* unchanged: date kept */
    if (rc < 0)
      *why = nb_io_errno_text(errno);
  }
  if (rc < 0)
    remove(tmp);
  free(tmp);
  return rc;
}
