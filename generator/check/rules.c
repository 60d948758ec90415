/* Each rule is a function named after what it checks, run in the order of the report's
 * parts. Positions point at the figure or text that a clerk would change. */
#include "check/rules.h"

#include <cmark.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/report.h"
#include "check/deadline.h"
#include "check/totals.h"
#include "core/utf8.h"

typedef struct {
  const nb_schema *s;
  const nb_node *doc;
  const nb_schema_faults *faults; /* what failed the schema check: left alone */
  nb_diags *diags;
  nb_arena *arena; /* for label strings */
  int year;
  int today_year;
  size_t errors;
} rules;

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static nb_diag *report(rules *r, nb_severity sev, const char *code, const nb_node *at,
                       const char *path, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  nb_diag *g = nb_diag_vadd(r->diags, sev, code, at ? at->line : 0, at ? at->col : 0, fmt, ap);
  va_end(ap);
  if (path)
    nb_diag_where(g, path, nb_schema_labels(r->s, path, r->arena));
  if (sev == NB_SEV_ERROR)
    r->errors++;
  return g;
}

/* Rules read the data only through these: a node that is missing, of another kind than the
 * rule needs, or that failed the schema check comes back NULL, and the rule skips it. So no
 * rule depends on the file conforming as a whole, nor on the schema being the built-in one. */
static const nb_node *usable(const rules *r, const nb_node *n, nb_kind kind)
{
  if (!n || nb_schema_faulty(r->faults, n))
    return NULL;
  if (n->kind == kind || (kind == NB_REAL && n->kind == NB_INT))
    return n;
  return NULL;
}

/* The node at dotted PATH below the root, if usable as KIND. */
static const nb_node *at(const rules *r, const char *path, nb_kind kind)
{
  return usable(r, nb_node_path(r->doc, path), kind);
}

/* Item I of a table row (a list of NB_T3_COLS figures), if usable as an integer. */
static const nb_node *cell(const rules *r, const nb_node *row, int i)
{
  return row && row->kind == NB_SEQ && row->n == NB_T3_COLS ? usable(r, row->items[i], NB_INT) : NULL;
}

static const char *const *const columns = nb_report_t3_col_labels;


/* Whether column C of every row below table 三's results can be added up. */
static int results_usable(const rules *r, const nb_node *n, int c, unsigned depth)
{
  if (!n || depth > 4 || !nb_schema_faulty(r->faults, n))
    return 1;
  if (n->kind == NB_SEQ)
    return cell(r, n, c) != NULL;
  for (size_t i = 0; n->kind == NB_MAP && i < n->n; i++)
    if (!results_usable(r, n->pairs[i].val, c, depth + 1))
      return 0;
  return 1;
}

/* NB201: in every column, 一 + 二 = （七）总计 + 四. A column with a figure that failed the
 * schema check is left out; the others are still checked. */
static void rule_balance(rules *r)
{
  const nb_node *app = nb_node_get(r->doc, "applications");
  const nb_node *new_ = nb_node_get(app, "new"), *carried = nb_node_get(app, "carried_over");
  const nb_node *forward = nb_node_get(app, "carry_forward"), *results = nb_node_get(app, "results");
  if (!results || results->kind != NB_MAP)
    return;
  int64_t total[NB_T3_COLS + 1];
  nb_totals_results(results, total);
  for (int c = 0; c < NB_T3_COLS; c++) {
    const nb_node *n = cell(r, new_, c), *k = cell(r, carried, c), *f = cell(r, forward, c);
    if (!n || !k || !f || !results_usable(r, results, c, 0))
      continue;
    int64_t in = n->num.i + k->num.i, out = total[c] + f->num.i;
    if (in == out)
      continue;
    char path[64];
    snprintf(path, sizeof path, "applications.carry_forward[%d]", c);
    nb_diag *g = report(r, NB_SEV_ERROR, "NB201", f, path,
                        "表三「%s」栏勾稽关系不成立：一、本年新收 %lld + 二、上年结转 %lld = %lld，"
                        "而（七）总计 %lld + 四、结转下年度 %lld = %lld",
                        columns[c], (long long)n->num.i, (long long)k->num.i, (long long)in,
                        (long long)total[c], (long long)f->num.i, (long long)out);
    nb_diag_hint(g, "第一项加第二项之和应等于第三项加第四项之和：%s",
                 in > out ? "有申请没有计入办理结果或结转下年度，请补上"
                          : "办理结果和结转下年度多于收到的申请，请核对是否重复计数");
  }
}

/* Whether a text node holds only spaces (half- or full-width) and line ends. */
static int is_blank(const nb_node *n)
{
  for (size_t j = 0; j < n->len; j++) {
    size_t w = nb_utf8_starts(n->str + j, n->len - j, NB_UTF8_IDEO_SPACE);
    if (w)
      j += w - 1;
    else if (!strchr(" \t\r\n", n->str[j]))
      return 0;
  }
  return 1;
}

/* NB215: prose whose Markdown nests deeper than any report needs (lists in lists in
 * quotes…). Such text is either a mistake or an attack on the renderers, whose work grows
 * with the depth; it is refused here, before anything is rendered. cmark's parser is linear
 * and its iterator is not recursive, so measuring is safe whatever the text. */
#define MAX_MARKDOWN_DEPTH 16

/* The marks that can open a level of Markdown's nesting in TEXT: each >, *, _, -, + and [,
 * and each run of digits followed by "." or ")" (an ordered list's marker). A level of the
 * tree below the document and its paragraph (or heading) takes at least one of them — a
 * quote, an emphasis, a link, or a list with its item (two levels for one mark) — except one
 * autolink (<…>, innermost, its text literal). So the depth is at most 3 + 2 × marks. */
static size_t nesting_marks(const char *text)
{
  size_t marks = 0;
  for (const char *p = text; (p = strpbrk(p, ">*_-+[0123456789")); p++) {
    if (*p < '0' || *p > '9') {
      marks++;
      continue;
    }
    while (p[1] >= '0' && p[1] <= '9')
      p++;
    marks += p[1] == '.' || p[1] == ')';
  }
  return marks;
}

static void rule_markdown_depth(rules *r, const nb_node *text, const char *path, const char *title)
{
  if (3 + 2 * nesting_marks(text->str) <= MAX_MARKDOWN_DEPTH)
    return; /* too few marks to nest too deep: no need to parse */
  cmark_node *doc = cmark_parse_document(text->str, text->len, CMARK_OPT_DEFAULT);
  cmark_iter *it = cmark_iter_new(doc);
  int depth = 0, deepest = 0;
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node *n = cmark_iter_get_node(it);
    int leaf = cmark_node_first_child(n) == NULL;
    if (ev == CMARK_EVENT_ENTER && !leaf)
      deepest = ++depth > deepest ? depth : deepest;
    else if (ev == CMARK_EVENT_EXIT)
      depth--;
  }
  cmark_iter_free(it);
  cmark_node_free(doc);
  if (deepest > MAX_MARKDOWN_DEPTH) {
    nb_diag *g = report(r, NB_SEV_ERROR, "NB215", text, path,
                        "「%s」中的 Markdown 嵌套了 %d 层（引用、列表、强调套在一起），超过 %d 层的上限",
                        title ? title : path, deepest, MAX_MARKDOWN_DEPTH);
    nb_diag_hint(g, "检查是否误输入了成串的“>”“-”“*”或方括号；正文一般只需要段落和一两层列表");
  }
}

/* A region-wide data file (organ.scope 区域汇总, made by nianbao summary) holds the sums of
 * a region's reports; its prose is written later, so NB202 does not apply to it yet. */
static int is_region_wide(const rules *r)
{
  const char *scope = nb_node_cstr(nb_node_path(r->doc, "organ.scope"));
  return scope && strcmp(scope, "区域汇总") == 0;
}

/* NB202: required prose must say something. The fields are the required properties whose
 * schema is the "prose" definition. */
static void prose_walk(rules *r, nb_schema_node sch, const nb_node *inst, nb_buf *path)
{
  size_t n = nb_schema_props(r->s, sch);
  if (!n || !inst || inst->kind != NB_MAP)
    return;
  for (size_t i = 0; i < n; i++) {
    const char *key = nb_schema_prop_key(r->s, sch, i);
    nb_schema_node ps = nb_schema_prop(r->s, sch, i);
    const nb_node *val = nb_node_get(inst, key);
    const nb_node *text = usable(r, val, NB_STR);
    size_t mark = path->len;
    if (path->len)
      nb_buf_putc(path, '.');
    nb_buf_puts(path, key);
    const char *ref = nb_schema_ref_text(r->s, ps);
    if (ref && strcmp(ref, "#/definitions/prose") == 0) {
      if (text && is_blank(text) && !is_region_wide(r) && nb_schema_requires(r->s, sch, key)) {
        nb_diag *g = report(r, NB_SEV_ERROR, "NB202", val, nb_buf_cstr(path),
                            "「%s」还没有填写", nb_schema_title(r->s, ps));
        const char *d = nb_schema_description(r->s, ps);
        nb_diag_hint(g, "%s", d ? d : "按国家格式要求填写这一部分");
      }
      if (text)
        rule_markdown_depth(r, text, nb_buf_cstr(path), nb_schema_title(r->s, ps));
    } else {
      prose_walk(r, ps, val, path);
    }
    path->len = mark;
    path->data[mark] = '\0';
  }
}

static int is_grassroots(const rules *r)
{
  const char *level = nb_node_cstr(at(r, "organ.level", NB_STR));
  return level && (strcmp(level, "乡镇") == 0 || strcmp(level, "街道") == 0);
}

/* NB203: townships and street offices cannot make 规章; NB204: in force < issued. */
static void rule_documents(rules *r)
{
  const nb_node *reg = nb_node_path(r->doc, "disclosure.regulations");
  const char *const *keys = nb_report_t2_doc_keys;
  if (is_grassroots(r))
    for (int i = 0; i < 3; i++) {
      const nb_node *v = usable(r, nb_node_get(reg, keys[i]), NB_INT);
      if (v && v->num.i > 0) {
        char path[64];
        snprintf(path, sizeof path, "disclosure.regulations.%s", keys[i]);
        nb_diag *g = report(r, NB_SEV_WARNING, "NB203", v, path,
                            "乡镇、街道没有规章制定权，这里却填了 %s 件", v->str);
        nb_diag_hint(g, "“规章”只指依《立法法》制定的政府规章；机关内部的规章制度不计入，应填 0");
        break;
      }
    }
  for (int k = 0; k < NB_REPORT_T2_DOCS; k++) {
    const char *kind = nb_report_t2_rows[k].key;
    const nb_node *row = nb_node_get(nb_node_get(r->doc, "disclosure"), kind);
    const nb_node *issued = usable(r, nb_node_get(row, "issued"), NB_INT);
    const nb_node *in_force = usable(r, nb_node_get(row, "in_force"), NB_INT);
    const nb_node *repealed = usable(r, nb_node_get(row, "repealed"), NB_INT);
    if (!issued || !in_force || !repealed)
      continue;
    if (in_force->num.i < issued->num.i - repealed->num.i) {
      char path[64];
      snprintf(path, sizeof path, "disclosure.%s.in_force", kind);
      nb_diag *g = report(r, NB_SEV_WARNING, "NB204", in_force, path,
                          "现行有效件数 %s 少于本年制发件数 %s 减去本年废止件数", in_force->str,
                          issued->str);
      nb_diag_hint(g, "现行有效件数应包括本年新制发且未废止的文件，请核对");
    }
  }
}

/* Parses "YYYY-MM-DD"; returns 0 when it is a real calendar date. */
static int parse_date(const char *s, int *y, int *m, int *d)
{
  if (sscanf(s, "%4d-%2d-%2d", y, m, d) != 3 || *m < 1 || *m > 12 || *d < 1)
    return -1;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  return *d <= days[*m - 1] + (*m == 2 && leap) ? 0 : -1;
}

/* NB205–NB207: the year and the report date. */
static void rule_dates(rules *r)
{
  const nb_node *year = at(r, "year", NB_INT);
  if (!year)
    return;
  if (r->year > r->today_year) {
    nb_diag *g = report(r, NB_SEV_ERROR, "NB205", year, "year", "报告年度 %d 年还没有结束", r->year);
    nb_diag_hint(g, "年度报告在次年年初编写，年度应是已经过去的年份，例如 %d", r->today_year - 1);
  }
  const nb_node *date = at(r, "date", NB_STR);
  if (!date)
    return;
  int y, m, d;
  if (parse_date(date->str, &y, &m, &d) != 0) {
    nb_diag *g = report(r, NB_SEV_ERROR, "NB206", date, "date", "报告日期“%s”不是有效的日期", date->str);
    nb_diag_hint(g, "按“年-月-日”填写真实存在的日期，例如 \"%d-01-20\"", r->year + 1);
    return;
  }
  if (y <= r->year) {
    nb_diag *g = report(r, NB_SEV_WARNING, "NB207", date, "date",
                        "报告日期 %d年%d月%d日 早于 %d 年度结束", y, m, d, r->year);
    nb_diag_hint(g, "%d 年度的报告应在 %d 年 1 月 1 日以后编写，请核对年度和日期", r->year,
                 r->year + 1);
  } else {
    const nb_node *level = at(r, "organ.level", NB_STR);
    nb_deadline dl = nb_deadline_of(level ? level->str : NULL);
    if (!nb_deadline_missed(dl, r->year, y, m, d))
      return;
    nb_diag *g = report(r, NB_SEV_WARNING, "NB207", date, "date",
                        "报告日期 %d年%d月%d日 晚于%s%s的发布期限 %d年%d月%d日", y, m, d,
                        level ? level->str : "", level ? "" : "年度报告", r->year + 1, dl.month, dl.day);
    nb_diag_hint(g, "%s；请核对日期，或尽快发布", dl.basis);
  }
}

/* Numbers written before "条" in TEXT (e.g. "公开政府信息49条", "19 条"). */
static size_t numbers_before_tiao(const char *text, long out[], size_t max)
{
  size_t k = 0;
  for (const char *p = text; (p = strstr(p, "条")) && k < max; p += 3) {
    const char *q = p;
    while (q > text && q[-1] == ' ')
      q--;
    const char *e = q;
    while (q > text && q[-1] >= '0' && q[-1] <= '9')
      q--;
    if (q < e && e - q < 10)
      out[k++] = strtol(q, NULL, 10);
  }
  return k;
}

/* NB208: a total stated in the prose differs from the sum of the categories. */
static void rule_published_total(rules *r)
{
  const nb_node *ov = nb_node_get(r->doc, "overview");
  const nb_node *items = usable(r, nb_node_get(ov, "published_items"), NB_SEQ);
  if (!items)
    return;
  int64_t total = nb_totals_published(items), biggest = 0;
  for (size_t i = 0; i < items->n; i++) {
    int64_t c = nb_node_int(nb_node_get(items->items[i], "count"), 0);
    biggest = c > biggest ? c : biggest;
  }
  static const char *const fields[] = {"summary", "active_disclosure"};
  for (int f = 0; f < 2; f++) {
    const nb_node *text = usable(r, nb_node_get(ov, fields[f]), NB_STR);
    if (!text)
      continue;
    long nums[64];
    size_t n = numbers_before_tiao(text->str, nums, 64);
    int agrees = 0;
    long candidate = -1;
    for (size_t i = 0; i < n; i++) {
      agrees |= nums[i] == total;
      if (nums[i] > biggest && candidate < 0)
        candidate = nums[i];
    }
    if (!agrees && candidate >= 0 && items->n > 1) {
      char path[64];
      snprintf(path, sizeof path, "overview.%s", fields[f]);
      nb_diag *g = report(r, NB_SEV_WARNING, "NB208", text, path,
                          "正文写的主动公开总数 %ld 条，与各类别条数之和 %lld 条不一致", candidate,
                          (long long)total);
      nb_diag_hint(g, "总数由 published_items 各类条数相加自动得出；请核对各类条数或正文中的数字");
    }
  }
}

/* NB213: the same category twice in published_items (its counts would be added twice in
 * the reader's eyes, and the chart would show it twice). */
/* An item of published_items and its index, sorted by category name. */
typedef struct {
  const nb_node *category;
  size_t index;
} named_item;

static int by_category(const void *a, const void *b)
{
  const named_item *x = a, *y = b;
  int c = strcmp(x->category->str, y->category->str);
  return c ? c : (x->index > y->index) - (x->index < y->index);
}

static void rule_categories(rules *r)
{
  const nb_node *items = at(r, "overview.published_items", NB_SEQ);
  if (!items || items->n < 2)
    return;
  /* sorted copy: equal names end up side by side, the first written first */
  named_item *sorted = nb_xmalloc(items->n * sizeof *sorted);
  size_t n = 0;
  for (size_t i = 0; i < items->n; i++) {
    const nb_node *c = usable(r, nb_node_get(items->items[i], "category"), NB_STR);
    if (c)
      sorted[n++] = (named_item){c, i};
  }
  qsort(sorted, n, sizeof *sorted, by_category);
  for (size_t i = 1, first = 0; i < n; i++) {
    const nb_node *c = sorted[i].category, *prev = sorted[first].category;
    if (strcmp(c->str, prev->str) != 0) {
      first = i;
      continue;
    }
    char path[64];
    snprintf(path, sizeof path, "overview.published_items[%zu].category", sorted[i].index);
    nb_diag *g = report(r, NB_SEV_WARNING, "NB213", c, path,
                        "主动公开类别“%s”出现了两次（第一次在第 %u 行）", c->str, prev->line);
    nb_diag_hint(g, "同一类别只写一行，把条数合并");
  }
  free(sorted);
}

/* NB214: a telephone number with characters no number has (a name or an address typed in). */
static void rule_phone(rules *r)
{
  const nb_node *phone = at(r, "contact.phone", NB_STR);
  if (!phone)
    return;
  size_t digits = 0;
  for (const char *p = phone->str; *p; p++) {
    if (*p >= '0' && *p <= '9') {
      digits++;
    } else if (!strchr(" -+()、,，转", *p) && !((unsigned char)*p >= 0x80)) {
      digits = 0;
      break;
    }
  }
  if (digits < 7) {
    nb_diag *g = report(r, NB_SEV_WARNING, "NB214", phone, "contact.phone",
                        "联系电话“%s”不像一个电话号码", phone->str);
    nb_diag_hint(g, "写区号和号码，如 \"0537-7984101\"；多个号码用顿号分开");
  }
}

/* NB209: the text says no application was received, but table 三 counts some. */
static void rule_applications_prose(rules *r)
{
  const nb_node *row = at(r, "applications.new", NB_SEQ);
  const nb_node *text = at(r, "overview.on_request", NB_STR);
  int64_t received = nb_totals_row(row);
  if (received <= 0 || !text)
    return;
  if (strstr(text->str, "未收到") || strstr(text->str, "没有收到") || strstr(text->str, "未受理")) {
    nb_diag *g = report(r, NB_SEV_WARNING, "NB209", text, "overview.on_request",
                        "正文说没有收到申请，但表三“一、本年新收”共 %lld 件", (long long)received);
    nb_diag_hint(g, "文字和表格要一致：修改文字，或核对表三的数字");
  }
}

/* NB210: the statistics period written in the prose names another year. */
static void period_walk(rules *r, const nb_node *n, nb_buf *path)
{
  if (!n)
    return;
  if (n->kind == NB_MAP) {
    for (size_t i = 0; i < n->n; i++) {
      size_t mark = path->len;
      if (path->len)
        nb_buf_putc(path, '.');
      nb_buf_puts(path, n->pairs[i].key->str);
      period_walk(r, n->pairs[i].val, path);
      path->len = mark;
      path->data[mark] = '\0';
    }
    return;
  }
  if (n->kind != NB_STR || n->style == NB_STYLE_NONE || nb_schema_faulty(r->faults, n))
    return;
  for (const char *p = n->str; (p = strstr(p, "年1月1日")); p += 3) {
    if (p - n->str < 4)
      continue;
    const char *y = p - 4;
    if (y[0] < '0' || y[0] > '9' || y[3] < '0' || y[3] > '9')
      continue;
    int stated = atoi(y);
    if (stated != r->year && stated >= 2000) {
      nb_diag *g = report(r, NB_SEV_WARNING, "NB210", n, nb_buf_cstr(path),
                          "文字中的统计期间从 %d年1月1日 起，而报告年度是 %d 年", stated, r->year);
      nb_diag_hint(g, "是否沿用了往年的文字？统计期间应为 %d年1月1日至%d年12月31日", r->year, r->year);
      return;
    }
  }
}

/* NB211: 存在的主要问题 opens with last year's problems (last year's text pasted, or the
 * order of the format turned round). */
static void rule_problems_year(rules *r)
{
  const nb_node *text = at(r, "problems.main_problems", NB_STR);
  if (!text)
    return;
  const char *end = strstr(text->str, "\n\n");
  size_t first = end ? (size_t)(end - text->str) : text->len;
  char last[16], this_[16];
  snprintf(last, sizeof last, "%d年", r->year - 1);
  snprintf(this_, sizeof this_, "%d年", r->year);
  char *para = nb_xstrndup(text->str, first);
  if (strstr(para, last) && !strstr(para, this_)) {
    nb_diag *g = report(r, NB_SEV_WARNING, "NB211", text, "problems.main_problems",
                        "「存在的主要问题」开头写的是 %s的问题，而报告年度是 %d 年", last, r->year);
    nb_diag_hint(g, "先写本年度（%d 年）存在的问题；上一年度问题的整改情况写在「改进情况」中", r->year);
  }
  free(para);
}

/* NB212: 信息处理费 amounts without notices, or notices without an amount. */
static void rule_fees(rules *r)
{
  const nb_node *fees = nb_node_path(r->doc, "other.processing_fees");
  const nb_node *notices = usable(r, nb_node_get(fees, "notices"), NB_INT);
  const nb_node *amount = usable(r, nb_node_get(fees, "amount"), NB_REAL);
  if (!notices || !amount)
    return;
  double a = amount->kind == NB_INT ? (double)amount->num.i : amount->num.r;
  if (notices->num.i == 0 && a > 0) {
    nb_diag *g = report(r, NB_SEV_ERROR, "NB212", amount, "other.processing_fees.amount",
                        "收取了信息处理费 %s 元，但发出收费通知件数是 0", amount->str);
    nb_diag_hint(g, "收费必须先发出收费通知（国办函〔2020〕109号），请填写收费通知件数");
  }
}

size_t nb_rules_check(const nb_schema *s, const nb_node *doc, const nb_schema_faults *faults,
                      int today_year, nb_diags *diags)
{
  if (!doc || doc->kind != NB_MAP || nb_schema_format(s) != NB_RULES_FORMAT)
    return 0;
  rules r = {s, doc, faults, diags, nb_arena_new(), 0, today_year, 0};
  r.year = (int)nb_node_int(at(&r, "year", NB_INT), 0);
  nb_buf path = NB_BUF_INIT;
  rule_dates(&r);
  prose_walk(&r, nb_schema_top(s), doc, &path);
  rule_published_total(&r);
  rule_categories(&r);
  rule_phone(&r);
  rule_applications_prose(&r);
  rule_documents(&r);
  rule_balance(&r);
  rule_fees(&r);
  if (r.year) { /* the rules that compare text with the report's year */
    rule_problems_year(&r);
    nb_buf_clear(&path);
    period_walk(&r, doc, &path);
  }
  nb_buf_free(&path);
  nb_arena_free(r.arena);
  return r.errors;
}
