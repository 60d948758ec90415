/* Checks across two years. Each rule is a function named after it; figures are compared
 * only where both files hold an integer, so a file with gaps gives fewer warnings, not
 * wrong ones. */
#include "check/crossyear.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/report.h"
#include "check/repeat.h"
#include "check/similar.h"
#include "check/totals.h"
#include "core/buf.h"

typedef struct {
  const nb_node *prev, *cur;
  const char *prev_name;
  nb_diags *diags;
  size_t errors;
} xy;

static const char *const *const cols = nb_report_t3_col_labels;

static nb_diag *add(xy *x, nb_severity sev, const char *code, const nb_node *at, const char *path,
                    const char *label, const char *msg)
{
  nb_diag *g = nb_diag_add(x->diags, sev, code, at ? at->line : 0, at ? at->col : 0, "%s", msg);
  nb_diag_where(g, path, label);
  if (sev == NB_SEV_ERROR)
    x->errors++;
  return g;
}

static int is_int(const nb_node *n)
{
  return n && n->kind == NB_INT;
}

/* NB301: the year after the previous one. Returns whether the years follow each other. */
static int rule_year(xy *x)
{
  const nb_node *py = nb_node_get(x->prev, "year"), *cy = nb_node_get(x->cur, "year");
  if (!is_int(py) || !is_int(cy))
    return 0;
  if (cy->num.i == py->num.i + 1)
    return 1;
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "报告年度是%lld年，而上一年度文件“%s”（第%u行）是%lld年：两份报告应是相邻的两年",
                (long long)cy->num.i, x->prev_name, py->line, (long long)py->num.i);
  nb_diag *g = add(x, NB_SEV_ERROR, "NB301", cy, "year", "报告年度", nb_buf_cstr(&b));
  nb_diag_hint(g, "用 --previous 指定上一年度（%lld年）的数据文件", (long long)cy->num.i - 1);
  nb_buf_free(&b);
  return 0;
}

/* NB302: 二、上年结转 = last year's 四、结转下年度继续办理, column by column. */
static void rule_carry(xy *x)
{
  const nb_report_t3_row *co_row = &nb_report_t3_rows[NB_REPORT_T3_CARRIED_OVER];
  const nb_node *pf = nb_node_path(x->prev, nb_report_t3_rows[NB_REPORT_T3_CARRY_FORWARD].path);
  const nb_node *co = nb_node_path(x->cur, co_row->path);
  if (!pf || !co || pf->kind != NB_SEQ || co->kind != NB_SEQ)
    return;
  for (size_t k = 0; k < NB_T3_COLS && k < pf->n && k < co->n; k++) {
    const nb_node *a = pf->items[k], *b = co->items[k];
    if (!is_int(a) || !is_int(b) || a->num.i == b->num.i)
      continue;
    nb_buf msg = NB_BUF_INIT, path = NB_BUF_INIT, label = NB_BUF_INIT;
    nb_buf_printf(&msg, "表三「二、上年结转」的「%s」栏为%lld，而上一年度“%s”第%u行「四、结转下年度继续办理」"
                        "的这一栏为%lld，两者应相等",
                  cols[k], (long long)b->num.i, x->prev_name, a->line, (long long)a->num.i);
    nb_buf_printf(&path, "%s[%zu]", co_row->path, k);
    nb_buf_printf(&label, "%s › %s › %s", NB_REPORT_PART3, co_row->label, cols[k]);
    nb_diag *g = add(x, NB_SEV_ERROR, "NB302", b, nb_buf_cstr(&path), nb_buf_cstr(&label),
                     nb_buf_cstr(&msg));
    nb_diag_hint(g, "上年结转的申请就是上一年度报告中结转下年度继续办理的申请；核对两份报告，改正有误的一份");
    nb_buf_free(&msg);
    nb_buf_free(&path);
    nb_buf_free(&label);
  }
}

/* NB303: 现行有效件数 = last year's + 本年制发件数 − 本年废止件数. */
static void rule_in_force(xy *x)
{
  for (int r = 0; r < NB_REPORT_T2_DOCS; r++) {
    const char *row = nb_report_t2_rows[r].key, *name = nb_report_t2_rows[r].label;
    const nb_node *p = nb_node_get(nb_node_get(x->prev, "disclosure"), row);
    const nb_node *c = nb_node_get(nb_node_get(x->cur, "disclosure"), row);
    const nb_node *pin = nb_node_get(p, "in_force"), *cin = nb_node_get(c, "in_force");
    const nb_node *iss = nb_node_get(c, "issued"), *rep = nb_node_get(c, "repealed");
    if (!is_int(pin) || !is_int(cin) || !is_int(iss) || !is_int(rep))
      continue;
    int64_t want = pin->num.i + iss->num.i - rep->num.i;
    if (cin->num.i == want)
      continue;
    nb_buf msg = NB_BUF_INIT, path = NB_BUF_INIT, label = NB_BUF_INIT;
    nb_buf_printf(&msg, "「%s」现行有效件数为%lld，而上一年度“%s”第%u行的%lld件加本年制发%lld件、"
                        "减本年废止%lld件应为%lld件",
                  name, (long long)cin->num.i, x->prev_name, pin->line, (long long)pin->num.i,
                  (long long)iss->num.i, (long long)rep->num.i, (long long)want);
    nb_buf_printf(&path, "disclosure.%s.in_force", row);
    nb_buf_printf(&label, "%s › %s › %s", NB_REPORT_PART2, name, nb_report_t2_doc_labels[2]);
    nb_diag *g = add(x, NB_SEV_WARNING, "NB303", cin, nb_buf_cstr(&path), nb_buf_cstr(&label),
                     nb_buf_cstr(&msg));
    nb_diag_hint(g, "如果本年重新清理统计过现行有效文件，可以不改；否则核对制发、废止和现行有效件数");
    nb_buf_free(&msg);
    nb_buf_free(&path);
    nb_buf_free(&label);
  }
}

double nb_crossyear_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
  return nb_similar_dice(a, alen, b, blen);
}

static size_t chars(const char *s, size_t len)
{
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += ((unsigned char)s[i] & 0xc0) != 0x80 && !strchr(" \n\t\r", s[i]);
  return n;
}

/* NB304/NB305: prose the same as, or nearly the same as, last year's. */
static void rule_prose(xy *x)
{
  static const struct {
    const char *path, *label;
  } fields[] = {
    {"overview.summary", "一、总体情况 › 概述"},
    {"overview.active_disclosure", "一、总体情况 › （一）主动公开"},
    {"overview.on_request", "一、总体情况 › （二）依申请公开"},
    {"overview.information_management", "一、总体情况 › （三）政府信息管理"},
    {"overview.platform", "一、总体情况 › （四）政府信息公开平台建设"},
    {"overview.supervision", "一、总体情况 › （五）监督保障"},
    {"problems.main_problems", "五、存在的主要问题及改进情况 › 存在的主要问题"},
    {"problems.improvements", "五、存在的主要问题及改进情况 › 改进情况"},
    {"other.work_points", "六、其他需要报告的事项 › 落实上级年度政务公开工作要点情况"},
    {"other.proposals", "六、其他需要报告的事项 › 人大代表建议和政协提案办理结果公开情况"},
    {"other.innovations", "六、其他需要报告的事项 › 年度工作创新"},
    {"other.more", "六、其他需要报告的事项 › 其他需要报告的事项"},
  };
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    const nb_node *p = nb_node_path(x->prev, fields[i].path);
    const nb_node *c = nb_node_path(x->cur, fields[i].path);
    if (!p || !c || p->kind != NB_STR || c->kind != NB_STR)
      continue;
    size_t pc = chars(p->str, p->len), cc = chars(c->str, c->len);
    if (pc < 20 || cc < 20) /* "无。" twice is not a copied report */
      continue;
    double sim = nb_crossyear_similarity(p->str, p->len, c->str, c->len);
    int same = sim >= 0.9999 && pc == cc;
    if (!same && sim < 0.9)
      continue;
    nb_buf msg = NB_BUF_INIT;
    if (same)
      nb_buf_printf(&msg, "「%s」与上一年度“%s”第%u行的文字完全相同", fields[i].label,
                    x->prev_name, p->line);
    else
      nb_buf_printf(&msg, "「%s」与上一年度“%s”第%u行的文字几乎相同（相似度%d%%）",
                    fields[i].label, x->prev_name, p->line, (int)(sim * 100.0));
    nb_diag *g = add(x, NB_SEV_WARNING, same ? "NB304" : "NB305", c, fields[i].path,
                     fields[i].label, nb_buf_cstr(&msg));
    nb_diag_hint(g, "年度报告应写本年度的情况；照搬往年文字（“雷同”）是《条例》第四十七条规定的问责情形");
    nb_buf_free(&msg);
  }
}

/* NB306: a figure that changed tenfold or more. */
static void jump(xy *x, int64_t a, int64_t b, const nb_node *at, const char *path,
                 const char *label, uint32_t prev_line)
{
  if (a <= 0 || b <= 0 || (a <= 10 && b <= 10))
    return;
  int64_t hi = a > b ? a : b, lo = a > b ? b : a;
  if (hi / lo < 10)
    return;
  nb_buf msg = NB_BUF_INIT;
  nb_buf_printf(&msg, "「%s」从上一年度的%lld（“%s”第%u行）变为%lld，相差%lld倍以上，请确认没有多写或漏写一位数",
                label, (long long)a, x->prev_name, prev_line, (long long)b, (long long)(hi / lo));
  add(x, NB_SEV_WARNING, "NB306", at, path, label, nb_buf_cstr(&msg));
  nb_buf_free(&msg);
}

/* NB306 for one figure of table 二 (COL: a documents column, or -1 for the one figure). */
static void jump_t2(xy *x, const nb_report_t2_row *row, int col)
{
  char path[96], label[96];
  if (col < 0) {
    snprintf(path, sizeof path, "disclosure.%s", row->key);
    snprintf(label, sizeof label, "%s › %s", row->label, NB_REPORT_T2_DECISIONS);
  } else {
    snprintf(path, sizeof path, "disclosure.%s.%s", row->key, nb_report_t2_doc_keys[col]);
    snprintf(label, sizeof label, "%s › %s", row->label, nb_report_t2_doc_labels[col]);
  }
  const nb_node *p = nb_node_path(x->prev, path), *c = nb_node_path(x->cur, path);
  if (is_int(p) && is_int(c))
    jump(x, p->num.i, c->num.i, c, path, label, p->line);
}

/* NB306 over the counts of table 二 (not the amount of fees), 新收 and 主动公开. */
static void rule_jumps(xy *x)
{
  for (size_t r = 0; r < NB_REPORT_T2_ROWS; r++) {
    const nb_report_t2_row *row = &nb_report_t2_rows[r];
    for (int k = 0; k < row->width && row->width > 1; k++)
      jump_t2(x, row, k);
    if (row->width == 1 && !row->decimal)
      jump_t2(x, row, -1);
  }
  const nb_node *pfn = nb_node_path(x->prev, "other.processing_fees.notices");
  const nb_node *cfn = nb_node_path(x->cur, "other.processing_fees.notices");
  if (is_int(pfn) && is_int(cfn))
    jump(x, pfn->num.i, cfn->num.i, cfn, "other.processing_fees.notices",
         "信息处理费 › 发出收费通知件数", pfn->line);
  const nb_report_t3_row *nr = &nb_report_t3_rows[NB_REPORT_T3_NEW];
  const nb_node *pn = nb_node_path(x->prev, nr->path);
  const nb_node *cn = nb_node_path(x->cur, nr->path);
  if (pn && cn) {
    char label[128];
    snprintf(label, sizeof label, "%s › %s", nr->label, nb_report_t3_col_labels[NB_T3_COLS]);
    jump(x, nb_totals_row(pn), nb_totals_row(cn), cn, nr->path, label, pn->line);
  }
  const nb_node *pi = nb_node_path(x->prev, "overview.published_items");
  const nb_node *ci = nb_node_path(x->cur, "overview.published_items");
  if (pi && ci)
    jump(x, nb_totals_published(pi), nb_totals_published(ci), ci, "overview.published_items",
         "主动公开信息总数", pi->line);
}

/* NB307: the same organ both years. */
static void rule_organ(xy *x)
{
  const nb_node *p = nb_node_path(x->prev, "organ.name"), *c = nb_node_path(x->cur, "organ.name");
  if (!p || !c || p->kind != NB_STR || c->kind != NB_STR || nb_node_equal(p, c))
    return;
  nb_buf msg = NB_BUF_INIT;
  nb_buf_printf(&msg, "机关名称“%s”与上一年度“%s”第%u行的“%s”不同", c->str, x->prev_name, p->line,
                p->str);
  nb_diag *g = add(x, NB_SEV_WARNING, "NB307", c, "organ.name", "机关 › 机关名称", nb_buf_cstr(&msg));
  nb_diag_hint(g, "确认 --previous 指定的是本机关上一年度的数据文件；机关更名的可以不改");
  nb_buf_free(&msg);
}

size_t nb_crossyear_check(const nb_node *prev, const char *prev_name, const nb_node *cur,
                          nb_diags *diags)
{
  xy x = {prev, cur, prev_name ? prev_name : "上一年度", diags, 0};
  if (!prev || !cur || prev->kind != NB_MAP || cur->kind != NB_MAP)
    return 0;
  rule_organ(&x);
  if (!rule_year(&x))
    return x.errors;
  rule_carry(&x);
  rule_in_force(&x);
  rule_prose(&x);
  rule_jumps(&x);
  nb_repeat_check(prev, x.prev_name, cur, 0, diags); /* NB308, NB309 */
  return x.errors;
}
