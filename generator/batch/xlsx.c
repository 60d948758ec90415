/* summary.xlsx, the county's working file, through libxlsxwriter in constant-memory mode
 * (rows are written in order and not kept). Numbers are stored as numbers; every sheet has
 * its header row frozen, an autofilter and widths that fit the Chinese labels. The file is
 * written next to PATH under a temporary name and renamed over it when complete. */
#include "batch/summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/io.h"

typedef struct {
  lxw_workbook *wb;
  lxw_format *head, *share, *amount, *bold;
} book;

static double figure_value(int k, int64_t v)
{
  return nb_figures_is_amount(k) ? (double)v / NB_FIG_SCALE : (double)v;
}

static void header(lxw_worksheet *ws, const book *b, lxw_col_t col, const char *text, double width)
{
  worksheet_write_string(ws, 0, col, text, b->head);
  worksheet_set_column(ws, col, col, width, NULL);
}

static void finish_sheet(lxw_worksheet *ws, lxw_row_t rows, lxw_col_t cols)
{
  worksheet_freeze_panes(ws, 1, 1);
  worksheet_autofilter(ws, 0, 0, rows, (lxw_col_t)(cols - 1));
}

/* Sheet 汇总: a row per body with the short figures. */
static void sheet_overview(const nb_summary *s, book *b)
{
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, "汇总");
  enum { FIRST = 7 }; /* the columns before the short figures */
  static const char *const first[FIRST] = {"机关名称", "机关层级", "所在地区", "状态", "错误", "警告", "评分"};
  static const double widths[FIRST] = {26, 12, 18, 9, 6, 6, 6};
  lxw_col_t c = 0;
  for (; c < FIRST; c++)
    header(ws, b, c, first[c], widths[c]);
  for (int k = 0; k < NB_SUM_N; k++)
    header(ws, b, (lxw_col_t)(c + k), nb_summary_short_labels[k], 11);
  header(ws, b, (lxw_col_t)(c + NB_SUM_N), "文件", 40);
  worksheet_set_row(ws, 0, 30, NULL);
  for (size_t i = 0; i < nb_summary_rows(s); i++) {
    nb_summary_row r = nb_summary_row_at(s, i);
    lxw_row_t y = (lxw_row_t)(i + 1);
    worksheet_write_string(ws, y, 0, r.name, NULL);
    worksheet_write_string(ws, y, 1, r.level ? r.level : "", NULL);
    worksheet_write_string(ws, y, 2, r.region ? r.region : "", NULL);
    worksheet_write_string(ws, y, 3, r.status, NULL);
    worksheet_write_number(ws, y, 4, (double)r.errors, NULL);
    worksheet_write_number(ws, y, 5, (double)r.warnings, NULL);
    if (r.score >= 0)
      worksheet_write_number(ws, y, 6, r.score, NULL);
    int64_t sh[NB_SUM_N], fig[NB_FIG_COUNT];
    int has = nb_summary_figures(s, i, fig);
    if (has)
      nb_summary_short(fig, sh);
    for (int k = 0; has && k < NB_SUM_N; k++) {
      if (k == NB_SUM_GRANTED_SHARE && sh[k] < 0)
        continue;
      double v = k == NB_SUM_GRANTED_SHARE ? (double)sh[k] / 1000 : k == NB_SUM_FEE ? (double)sh[k] / NB_FIG_SCALE : (double)sh[k];
      worksheet_write_number(ws, y, (lxw_col_t)(FIRST + k), v,
                             k == NB_SUM_GRANTED_SHARE ? b->share : k == NB_SUM_FEE ? b->amount : NULL);
    }
    worksheet_write_string(ws, y, (lxw_col_t)(FIRST + NB_SUM_N), r.path ? r.path : "", NULL);
  }
  finish_sheet(ws, (lxw_row_t)nb_summary_rows(s), (lxw_col_t)(FIRST + 1 + NB_SUM_N));
}

/* Sheets 表二, 表三, 表四: every cell of the table per body, then the sums. */
static void sheet_table(const nb_summary *s, book *b, const char *name, int table)
{
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
  header(ws, b, 0, "机关名称", 26);
  header(ws, b, 1, "机关层级", 12);
  lxw_col_t c = 2;
  for (int k = 0; k < NB_FIG_COUNT; k++) {
    if (nb_figures_table(k) != table)
      continue;
    char label[512];
    snprintf(label, sizeof label, "%s › %s", nb_figures_row(k), nb_figures_col(k));
    header(ws, b, c++, label, 14);
  }
  worksheet_set_row(ws, 0, table == NB_FIG_T3 ? 90 : 48, NULL);
  size_t n = nb_summary_rows(s);
  for (size_t i = 0; i <= n; i++) {
    nb_summary_row r = i < n ? nb_summary_row_at(s, i) : (nb_summary_row){0};
    int64_t row[NB_FIG_COUNT];
    const int64_t *fig = i == n ? nb_summary_sums(s) : nb_summary_figures(s, i, row) ? row : NULL;
    lxw_row_t y = (lxw_row_t)(i < n ? i + 1 : i + 2); /* the sums after an empty row */
    worksheet_write_string(ws, y, 0, i < n ? r.name : "合计（没有错误的报告）", i < n ? NULL : b->bold);
    worksheet_write_string(ws, y, 1, i < n ? (r.level ? r.level : "") : "", NULL);
    c = 2;
    for (int k = 0; k < NB_FIG_COUNT; k++) {
      if (nb_figures_table(k) != table)
        continue;
      if (fig)
        worksheet_write_number(ws, y, c, figure_value(k, fig[k]), nb_figures_is_amount(k) ? b->amount : NULL);
      c++;
    }
  }
  finish_sheet(ws, (lxw_row_t)n, c);
}

/* Sheet 问题: every diagnostic of the year's reports. */
static void sheet_problems(const nb_summary *s, book *b)
{
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, "问题");
  static const char *const cols[] = {"机关", "文件", "行", "列", "编号", "级别", "说明"};
  static const double widths[] = {26, 40, 6, 6, 8, 6, 90};
  for (lxw_col_t c = 0; c < 7; c++)
    header(ws, b, c, cols[c], widths[c]);
  for (size_t i = 0; i < nb_summary_problems(s); i++) {
    const nb_summary_problem *p = nb_summary_problem_at(s, i);
    lxw_row_t y = (lxw_row_t)(i + 1);
    worksheet_write_string(ws, y, 0, p->body ? p->body : "", NULL);
    worksheet_write_string(ws, y, 1, p->file ? p->file : "", NULL);
    if (p->line) {
      worksheet_write_number(ws, y, 2, p->line, NULL);
      worksheet_write_number(ws, y, 3, p->col, NULL);
    }
    worksheet_write_string(ws, y, 4, p->code, NULL);
    worksheet_write_string(ws, y, 5, p->error ? "错误" : "警告", NULL);
    worksheet_write_string(ws, y, 6, p->message, NULL);
  }
  finish_sheet(ws, (lxw_row_t)nb_summary_problems(s), 7);
}

static void formats(book *b)
{
  b->head = workbook_add_format(b->wb);
  format_set_bold(b->head);
  format_set_text_wrap(b->head);
  format_set_align(b->head, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(b->head, 0xF2F2F2);
  b->bold = workbook_add_format(b->wb);
  format_set_bold(b->bold);
  b->share = workbook_add_format(b->wb);
  format_set_num_format(b->share, "0.0%");
  b->amount = workbook_add_format(b->wb);
  format_set_num_format(b->amount, "0.####");
}

/* The workbook's date: SOURCE_DATE_EPOCH when set, else 1 January after the year, so equal
 * inputs give equal bytes. */
static time_t created_time(int year)
{
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde)
    return (time_t)strtoll(sde, NULL, 10);
  long long days = 0;
  for (int y = 1970; y <= year && y < 3000; y++)
    days += (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365;
  return (time_t)(days * 86400);
}

int nb_summary_xlsx(const nb_summary *s, const char *path, const char **why)
{
  char *tmp = malloc(strlen(path) + 32);
  if (!tmp)
    abort();
  sprintf(tmp, "%s.tmp%ld", path, (long)getpid());
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
  book b = {workbook_new_opt(tmp, &opt), NULL, NULL, NULL, NULL};
  if (!b.wb) {
    free(tmp);
    *why = "无法创建文件";
    return -1;
  }
  char title[256];
  snprintf(title, sizeof title, "%s%d年度政府信息公开工作年度报告汇总", nb_summary_region(s), nb_summary_year(s));
  char author[] = "nianbao";
  lxw_doc_properties props = {.title = title, .author = author, .created = created_time(nb_summary_year(s))};
  workbook_set_properties(b.wb, &props);
  formats(&b);
  sheet_overview(s, &b);
  sheet_table(s, &b, "表二", NB_FIG_T2);
  sheet_table(s, &b, "表三", NB_FIG_T3);
  sheet_table(s, &b, "表四", NB_FIG_T4);
  sheet_problems(s, &b);
  lxw_error e = workbook_close(b.wb);
  int rc = e == LXW_NO_ERROR ? nb_io_commit(tmp, path) : -1; /* unchanged: date kept */
  if (rc < 0) {
    *why = e != LXW_NO_ERROR ? lxw_strerror(e) : nb_io_errno_text(errno);
    remove(tmp);
  }
  free(tmp);
  return rc;
}
