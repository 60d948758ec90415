/* Import of tables 二, 三 and 四. A row is found by its label (a cell whose matching form holds
 * the row's distinctive words), then its figures are read from the cells that follow,
 * across line breaks, until the row's width is reached or another label begins:
 *
 *   row      -> label continuation* slot{1..width}
 *   slot     -> number | placeholder ("-", "无") | blank cell between two filled cells
 *
 * Blank cells at either end of a line are layout (merged cells, trailing tabs) and skipped.
 * Blank cells right after the label are layout when the row has its full width without them
 * (a label spanning two columns), and missing figures when it does not ("规章 | | 0 | 0 |").
 * Table 四 has no row labels: its 15 (or 12, without totals) figures are the slots of part 四
 * in order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "author/import_priv.h"
#include "core/utf8.h"
#include "check/report.h"
#include "check/totals.h"

enum { SLOT_NUM, SLOT_BLANK };

typedef struct {
  int kind;
  const nbi_cell *c;
} slot;

#define MAX_SLOTS 16

/* ---- the tree ---- */

/* The map at dotted PATH under ROOT, created (in order) where missing. */
static nb_node *map_at(nbi *m, const char *path)
{
  nb_node *cur = m->root;
  const char *p = path;
  while (*p) {
    const char *dot = strchr(p, '.');
    size_t n = dot ? (size_t)(dot - p) : strlen(p);
    char *key = nb_arena_strndup(m->arena, p, n);
    nb_node *next = nb_node_get(cur, key);
    if (!next) {
      next = nb_node_new(m->arena, NB_MAP);
      nb_node_put(m->arena, cur, key, next);
    }
    cur = next;
    p = dot ? dot + 1 : p + n;
  }
  return cur;
}

/* Sets the value at dotted PATH (its parent maps created as needed). */
static void set_at(nbi *m, const char *path, nb_node *val)
{
  const char *dot = strrchr(path, '.');
  nb_node *parent = m->root;
  if (dot)
    parent = map_at(m, nb_arena_strndup(m->arena, path, (size_t)(dot - path)));
  nb_node_put(m->arena, parent, dot ? dot + 1 : path, val);
}

static nb_node *null_node(nbi *m)
{
  return nb_node_new(m->arena, NB_NULL);
}

/* The figure in cell C as a node: an integer, or for DECIMAL a number as written. NULL when
 * it is not a figure this field can hold. */
static nb_node *figure(nbi *m, const nbi_cell *c, int decimal)
{
  const char *t = c->norm;
  size_t len = strlen(t);
  if (len > 12)
    return NULL;
  if (strchr(t, '.')) {
    if (!decimal)
      return NULL;
    nb_node *n = nb_node_new(m->arena, NB_REAL);
    n->str = nb_arena_strdup(m->arena, t);
    n->len = len;
    n->num.r = strtod(t, NULL);
    return n;
  }
  nb_node *n = nb_node_new_int(m->arena, strtoll(t, NULL, 10));
  n->str = nb_arena_strdup(m->arena, t);
  n->len = len;
  return n;
}

/* ---- reading a row ---- */

static int is_header_word(const char *norm)
{
  static const char *const words[] = {
    "自然人", "商业", "企业", "科研", "机构", "社会公益组织", "法律服务机构", "其他", "总计",
    "申请人情况", "法人或其他组织", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
    "本年处理决定数量", "结果", "维持", "纠正", "尚未", "审结", "行政复议", "行政诉讼", NULL};
  for (const char *const *w = words; *w; w++)
    if (strstr(norm, *w))
      return 1;
  return strstr(norm, "第二十条") != NULL || strstr(norm, "单位") != NULL;
}

/* Reads the slots after the label at cell AT (cells up to END), at most WIDTH, taking blanks
 * right after the label as missing figures only when fewer than NEED slots follow. */
static size_t read_slots(nbi *m, size_t at, size_t end, size_t need, size_t width, slot *out)
{
  size_t n = 0, lead = 0, cont = 0;
  const nbi_cell *leads[MAX_SLOTS];
  for (size_t j = at + 1; j < end && n < width; j++) {
    const nbi_cell *c = &m->cells[j];
    if (c->kind == NBI_NUM) {
      out[n++] = (slot){SLOT_NUM, c};
    } else if (c->kind == NBI_BLANK) {
      if (!c->interior && !c->placeholder)
        continue;
      if (n == 0 && !c->placeholder) {
        if (lead < MAX_SLOTS)
          leads[lead++] = c;
      } else {
        out[n++] = (slot){SLOT_BLANK, c};
      }
    } else {
      nbi_mark mk;
      /* a label broken over two cells or lines: "…不再处理其政府" / "信息公开申请" */
      if (n == 0 && lead == 0 && cont < 2 && nb_utf8_count(c->raw, c->len) <= 30
          && nbi_marker(c->raw, c->len, &mk) == 0 && !is_header_word(c->norm)) {
        cont++;
        continue;
      }
      break;
    }
  }
  if (n < need && lead) {
    size_t add = need - n < lead ? need - n : lead;
    memmove(out + add, out, n * sizeof *out);
    for (size_t k = 0; k < add; k++)
      out[k] = (slot){SLOT_BLANK, leads[lead - add + k]};
    n += add;
  }
  return n;
}

static void cell_range(const nbi *m, int part, size_t *from, size_t *to)
{
  size_t lf, lt;
  nbi_part_range(m, part, &lf, &lt);
  if (lf == NBI_NONE) { /* no heading: look everywhere (labels are whole cells) */
    lf = 0;
    lt = m->nlines;
  }
  *from = lf < m->nlines ? m->lines[lf].first : m->ncells;
  *to = lt < m->nlines ? m->lines[lt].first : m->ncells;
}

/* ---- table 二 ---- */

static size_t find_label(const nbi *m, size_t from, size_t to, const char *key, size_t slack)
{
  size_t kl = strlen(key);
  for (size_t i = from; i < to; i++) {
    const char *t = m->cells[i].norm;
    if (m->cells[i].kind == NBI_TEXT && strncmp(t, key, kl) == 0 && strlen(t) <= kl + slack)
      return i;
  }
  return NBI_NONE;
}

/* Puts slot S of a row at PATH: a figure, or an empty value reported as blank or wrong. */
static nb_node *slot_value(nbi *m, const slot *s, int decimal, const char *path,
                           const char *label)
{
  if (s->kind == SLOT_NUM) {
    nb_node *v = figure(m, s->c, decimal);
    if (v)
      return v;
    nbi_report(m, 1, "NB606", s->c->line, "“%s”印为“%.*s”，不是%s，已留空", label,
               (int)s->c->len, s->c->raw, decimal ? "金额" : "整数");
    nbi_note(m, path, "原文数字有误，请核对后填写");
    return null_node(m);
  }
  nbi_report(m, 1, "NB605", s->c->line, "“%s”在原文中是空白%s%.*s%s，没有当作0，已留空", label,
             s->c->placeholder ? "（“" : "", s->c->placeholder ? (int)s->c->len : 0,
             s->c->raw, s->c->placeholder ? "”）" : "");
  nbi_note(m, path, "原文此处空白，请核对后填写（没有填0）");
  return null_node(m);
}

static void table2(nbi *m)
{
  size_t from, to;
  cell_range(m, 2, &from, &to);
  for (size_t r = 0; r < NB_REPORT_T2_ROWS; r++) {
    const nb_report_t2_row *row = &nb_report_t2_rows[r];
    char at_path[64];
    snprintf(at_path, sizeof at_path, "disclosure.%s", row->key);
    size_t at = find_label(m, from, to, row->label, 24);
    slot s[MAX_SLOTS];
    size_t n = at == NBI_NONE ? 0 : read_slots(m, at, to, (size_t)row->width,
                                               (size_t)row->width, s);
    if (at == NBI_NONE) {
      nbi_report(m, 1, "NB604", 0, "表二中没有找到“%s”这一行，已留空", row->label);
      nbi_note(m, at_path, "原文未找到此行，请填写");
    } else if (n < (size_t)row->width) {
      nbi_report(m, 1, "NB606", m->cells[at].line, "表二“%s”这一行应有%d个数字，只找到%zu个，已留空",
                 row->label, row->width, n);
    }
    if (row->width == 1) {
      nb_node *v = null_node(m);
      if (n == 1)
        v = slot_value(m, &s[0], row->decimal, at_path, row->label);
      else if (at != NBI_NONE)
        nbi_note(m, at_path, "原文此行数字不全，请填写");
      set_at(m, at_path, v);
      continue;
    }
    nb_node *map = map_at(m, at_path);
    for (int k = 0; k < 3; k++) {
      char path[96], label[96];
      snprintf(path, sizeof path, "%s.%s", at_path, nb_report_t2_doc_keys[k]);
      snprintf(label, sizeof label, "%s › %s", row->label, nb_report_t2_doc_labels[k]);
      nb_node *v = null_node(m);
      if (n == 3)
        v = slot_value(m, &s[k], 0, path, label);
      else if (at != NBI_NONE)
        nbi_note(m, path, "原文此行数字不全，请填写");
      else
        nbi_note(m, path, "原文未找到此行，请填写");
      nb_node_put(m->arena, map, nb_report_t2_doc_keys[k], v);
    }
  }
}

/* ---- table 三 ---- */

static int t3_match(const char *norm, const char *key)
{
  size_t len = strlen(norm);
  if (len > 200)
    return 0;
  if (strcmp(key, "3.其他") == 0) { /* not the 其他 column: only the numbered row */
    static const char *const forms[] = {"3.其他", "3、其他", "3其他"};
    for (size_t i = 0; i < 3; i++) {
      size_t fl = strlen(forms[i]);
      if (len >= fl && strcmp(norm + len - fl, forms[i]) == 0)
        return 1;
    }
    return 0;
  }
  return strstr(norm, key) != NULL;
}

/* Reads one table-三 row into a 6-item sequence; printed[] gets the 总计 column when the row
 * prints one (else -1). Returns NULL when the row was not found. */
static nb_node *t3_read(nbi *m, const nb_report_t3_row *row, size_t from, size_t to, int64_t *printed,
                        uint32_t *line)
{
  *printed = -1;
  size_t at = NBI_NONE;
  for (size_t i = from; i < to && at == NBI_NONE; i++)
    if (m->cells[i].kind == NBI_TEXT && t3_match(m->cells[i].norm, row->words))
      at = i;
  if (at == NBI_NONE)
    return NULL;
  *line = m->cells[at].line;
  slot s[MAX_SLOTS];
  size_t n = read_slots(m, at, to, NB_T3_COLS, NB_T3_COLS + 1, s);
  nb_node *seq = nb_node_new(m->arena, NB_SEQ);
  const char *path = row->path;
  int data = !nb_report_t3_is_total(row);
  if (n < NB_T3_COLS)
    nbi_report(m, data, "NB606", *line,
               "表三“%s”这一行应有6个数字（另有总计栏），只找到%zu个，缺的已留空", row->label, n);
  nb_buf blanks = NB_BUF_INIT;
  for (size_t k = 0; k < NB_T3_COLS; k++) {
    nb_node *v = NULL;
    if (k < n && s[k].kind == SLOT_NUM)
      v = figure(m, s[k].c, 0);
    if (!v) {
      nb_buf_printf(&blanks, "%s%s", blanks.len ? "、" : "", nb_report_t3_col_labels[k]);
      if (k < n && data)
        nbi_report(m, 1, s[k].kind == SLOT_NUM ? "NB606" : "NB605", s[k].c->line,
                   "表三“%s”的“%s”栏在原文中%s，已留空", row->label, nb_report_t3_col_labels[k],
                   s[k].kind == SLOT_NUM ? "不是整数" : "是空白（没有当作0）");
      v = null_node(m);
    }
    nb_node_append(m->arena, seq, v);
  }
  if (blanks.len && data) {
    nb_buf note = NB_BUF_INIT;
    nb_buf_printf(&note, "原文%s栏空白或缺失，请核对后填写", nb_buf_cstr(&blanks));
    nbi_note(m, path, nb_buf_cstr(&note));
    nb_buf_free(&note);
  }
  nb_buf_free(&blanks);
  if (n > NB_T3_COLS && s[NB_T3_COLS].kind == SLOT_NUM)
    *printed = strtoll(s[NB_T3_COLS].c->norm, NULL, 10);
  return seq;
}

static int row_complete(const nb_node *row)
{
  if (!row || row->kind != NB_SEQ)
    return 0;
  for (size_t i = 0; i < row->n; i++)
    if (row->items[i]->kind != NB_INT)
      return 0;
  return 1;
}

static void check_total_column(nbi *m, const nb_report_t3_row *row, const nb_node *seq, int64_t printed,
                               uint32_t line)
{
  if (printed < 0 || !row_complete(seq) || nb_report_t3_is_total(row))
    return;
  int64_t sum = nb_totals_row(seq);
  if (sum != printed)
    nbi_report(m, 0, "NB607", line, "表三“%s”的总计栏印为%lld，而各栏相加为%lld；已按各栏导入",
               row->label, (long long)printed, (long long)sum);
}

/* 勾稽关系 and the printed （七）总计 row, checked on what was imported. */
static void check_table3(nbi *m, const nb_node *total_row, int64_t printed_total,
                         uint32_t total_line)
{
  nb_node *apps = nb_node_get(m->root, "applications");
  nb_node *results = nb_node_get(apps, "results");
  for (size_t i = 0; results && i < results->n; i++) {
    nb_node *v = results->pairs[i].val;
    if (v->kind == NB_MAP) {
      for (size_t j = 0; j < v->n; j++)
        if (!row_complete(v->pairs[j].val))
          return;
    } else if (!row_complete(v)) {
      return;
    }
  }
  int64_t sums[NB_T3_COLS + 1];
  nb_totals_results(results, sums);
  if (row_complete(total_row)) {
    for (size_t k = 0; k < NB_T3_COLS; k++)
      if (total_row->items[k]->num.i != sums[k]) {
        nbi_report(m, 0, "NB607", total_line,
                   "表三“（七）总计”的“%s”栏印为%lld，而（一）至（六）相加为%lld；总计由程序计算，"
                   "不导入",
                   nb_report_t3_col_labels[k], (long long)total_row->items[k]->num.i, (long long)sums[k]);
      }
  } else if (printed_total >= 0 && printed_total != sums[NB_T3_COLS]) {
    nbi_report(m, 0, "NB607", total_line, "表三“（七）总计”印为%lld，而（一）至（六）相加为%lld",
               (long long)printed_total, (long long)sums[NB_T3_COLS]);
  }
  const nb_node *nw = nb_node_get(apps, "new"), *co = nb_node_get(apps, "carried_over"),
                *cf = nb_node_get(apps, "carry_forward");
  if (!row_complete(nw) || !row_complete(co) || !row_complete(cf))
    return;
  for (size_t k = 0; k < NB_T3_COLS; k++) {
    int64_t in = nw->items[k]->num.i + co->items[k]->num.i;
    int64_t outv = sums[k] + cf->items[k]->num.i;
    if (in != outv)
      nbi_report(m, 0, "NB608", m->part[3] == NBI_NONE ? 0 : m->lines[m->part[3]].no,
                 "表三“%s”栏不符合勾稽关系：第一项加第二项为%lld，第三项加第四项为%lld；"
                 "已按原文导入，请核实",
                 nb_report_t3_col_labels[k], (long long)in, (long long)outv);
  }
}

static void table3(nbi *m)
{
  size_t from, to;
  cell_range(m, 3, &from, &to);
  nb_node *total_row = NULL;
  int64_t printed_total = -1;
  uint32_t total_line = 0;
  for (size_t r = 0; r < NB_REPORT_T3_ROWS; r++) {
    const nb_report_t3_row *row = &nb_report_t3_rows[r];
    int64_t printed;
    uint32_t line = 0;
    nb_node *seq = t3_read(m, row, from, to, &printed, &line);
    if (nb_report_t3_is_total(row)) {
      total_row = seq;
      printed_total = printed;
      total_line = line;
      continue;
    }
    if (!seq) {
      nbi_report(m, 1, "NB604", 0, "表三中没有找到“%s”这一行，已留空", row->label);
      nbi_note(m, row->path, "原文未找到此行，请填写6个数");
      seq = null_node(m);
    }
    set_at(m, row->path, seq);
    check_total_column(m, row, seq, printed, line);
  }
  check_table3(m, total_row, printed_total, total_line);
}

/* ---- table 四 ---- */

static void table4_missing(nbi *m, const char *why)
{
  for (int g = 0; g < NB_REPORT_T4_GROUPS; g++) {
    char path[64];
    snprintf(path, sizeof path, "reviews.%s", nb_report_t4_group_keys[g]);
    nb_node *map = map_at(m, path);
    for (int k = 0; k < NB_REPORT_T4_COLS; k++) {
      nb_node_put(m->arena, map, nb_report_t4_col_keys[k], null_node(m));
      char p2[96];
      snprintf(p2, sizeof p2, "%s.%s", path, nb_report_t4_col_keys[k]);
      nbi_note(m, p2, why);
    }
  }
}

static void table4(nbi *m)
{
  size_t lf, lt;
  nbi_part_range(m, 4, &lf, &lt);
  if (lf == NBI_NONE) {
    nbi_report(m, 1, "NB604", 0, "没有找到表四（行政复议、行政诉讼情况），12个数字已留空");
    table4_missing(m, "原文未找到表四，请填写");
    return;
  }
  slot s[MAX_SLOTS + 1];
  size_t n = 0;
  uint32_t line = m->lines[m->part[4]].no;
  for (size_t i = lf; i < lt && n <= MAX_SLOTS; i++) {
    const nbi_line *ln = &m->lines[i];
    int figures = 0; /* blank cells count only in lines of figures, not in the header */
    for (size_t j = ln->first; j < ln->first + ln->ncells; j++)
      figures |= m->cells[j].kind == NBI_NUM || m->cells[j].placeholder;
    for (size_t j = ln->first; figures && j < ln->first + ln->ncells && n <= MAX_SLOTS; j++) {
      const nbi_cell *c = &m->cells[j];
      if (c->kind == NBI_NUM || (c->kind == NBI_BLANK && (c->interior || c->placeholder)))
        s[n++] = (slot){c->kind == NBI_NUM ? SLOT_NUM : SLOT_BLANK, c};
    }
  }
  size_t width = n == 15 ? 5 : n == 12 ? 4 : 0;
  if (!width) {
    nbi_report(m, 1, "NB606", line, "表四应有15个数字（每组结果维持、结果纠正、其他结果、尚未审结、"
                                    "总计），找到%zu个，无法对应，已全部留空",
               n);
    table4_missing(m, "原文表四数字个数不对，请按原文填写");
    return;
  }
  for (int g = 0; g < NB_REPORT_T4_GROUPS; g++) {
    char path[64];
    snprintf(path, sizeof path, "reviews.%s", nb_report_t4_group_keys[g]);
    nb_node *map = map_at(m, path);
    int64_t sum = 0;
    int complete = 1;
    for (int k = 0; k < NB_REPORT_T4_COLS; k++) {
      char p2[96], label[96];
      snprintf(p2, sizeof p2, "%s.%s", path, nb_report_t4_col_keys[k]);
      snprintf(label, sizeof label, "表四 %s › %s", nb_report_t4_group_labels[g], nb_report_t4_col_labels[k]);
      nb_node *v = slot_value(m, &s[(size_t)g * width + (size_t)k], 0, p2, label);
      if (v->kind == NB_INT)
        sum += v->num.i;
      else
        complete = 0;
      nb_node_put(m->arena, map, nb_report_t4_col_keys[k], v);
    }
    const slot *t = width == 5 ? &s[(size_t)g * 5 + 4] : NULL;
    if (t && t->kind == SLOT_NUM && complete && strtoll(t->c->norm, NULL, 10) != sum)
      nbi_report(m, 0, "NB607", t->c->line, "表四“%s”的总计印为%s，而四项相加为%lld",
                 nb_report_t4_group_labels[g], t->c->norm, (long long)sum);
  }
}

void nbi_tables(nbi *m)
{
  table2(m);
  table3(m);
  table4(m);
}
