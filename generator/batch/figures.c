/* The cells are described by small tables (rows × columns for tables 三 and 四), so the
 * index of a cell, its key and its labels are computed, never stored. */
#include "batch/figures.h"

#include <stdio.h>
#include <string.h>

#include "check/report.h"
#include "check/totals.h"

enum { N_T2 = 10, T3_ROWS = NB_REPORT_T3_ROWS, T3_COLS = NB_T3_COLS + 1,
       T4_ROWS = NB_REPORT_T4_GROUPS, T4_COLS = NB_REPORT_T4_COLS + 1, N_OTHER = 3 };
enum { B_T3 = N_T2, B_T4 = B_T3 + T3_ROWS * T3_COLS, B_OTHER = B_T4 + T4_ROWS * T4_COLS };
_Static_assert((int)B_OTHER + N_OTHER == NB_FIG_COUNT && (int)B_T3 == (int)NB_FIG_T3_AT &&
               (int)B_T4 == (int)NB_FIG_T4_AT && (int)B_OTHER == (int)NB_FIG_OTHER_AT, "cell layout");

/* Table 二 (check/report.h): the two documents rows × 3 columns, then one cell per row. */
static int t2_row(int k)
{
  return k < 3 * NB_REPORT_T2_DOCS ? k / 3 : k - 2 * NB_REPORT_T2_DOCS;
}

static const struct {
  const char *path, *row, *col;
} OTHER[N_OTHER] = {
  {"overview.published_total", "主动公开政府信息", "总条数"},
  {"other.processing_fees.notices", "信息处理费", "发出收费通知件数"},
  {"other.processing_fees.amount", "信息处理费", "收取金额（元）"},
};

int nb_figures_table(int k)
{
  return k < B_T3 ? NB_FIG_T2 : k < B_T4 ? NB_FIG_T3 : k < B_OTHER ? NB_FIG_T4 : NB_FIG_OTHER;
}

int nb_figures_is_amount(int k)
{
  return (k < N_T2 && nb_report_t2_rows[t2_row(k)].decimal) || k == NB_FIG_COUNT - 1;
}

const char *nb_figures_row(int k)
{
  switch (nb_figures_table(k)) {
  case NB_FIG_T2: return nb_report_t2_rows[t2_row(k)].label;
  case NB_FIG_T3: return nb_report_t3_rows[(k - B_T3) / T3_COLS].label;
  case NB_FIG_T4: return nb_report_t4_group_labels[(k - B_T4) / T4_COLS];
  default: return OTHER[k - B_OTHER].row;
  }
}

const char *nb_figures_col(int k)
{
  switch (nb_figures_table(k)) {
  case NB_FIG_T2:
    return k < 3 * NB_REPORT_T2_DOCS ? nb_report_t2_doc_labels[k % 3]
         : nb_report_t2_rows[t2_row(k)].decimal ? "本年收费金额（单位：万元）" : NB_REPORT_T2_DECISIONS;
  case NB_FIG_T3: return nb_report_t3_col_labels[(k - B_T3) % T3_COLS];
  case NB_FIG_T4: return nb_report_t4_col_labels[(k - B_T4) % T4_COLS];
  default: return OTHER[k - B_OTHER].col;
  }
}

void nb_figures_key(int k, nb_buf *out)
{
  switch (nb_figures_table(k)) {
  case NB_FIG_T2:
    nb_buf_printf(out, "disclosure.%s", nb_report_t2_rows[t2_row(k)].key);
    if (k < 3 * NB_REPORT_T2_DOCS)
      nb_buf_printf(out, ".%s", nb_report_t2_doc_keys[k % 3]);
    break;
  case NB_FIG_T3:
    nb_buf_printf(out, "%s.%s", nb_report_t3_rows[(k - B_T3) / T3_COLS].path,
                  nb_report_t3_col_keys[(k - B_T3) % T3_COLS]);
    break;
  case NB_FIG_T4:
    nb_buf_printf(out, "reviews.%s.%s", nb_report_t4_group_keys[(k - B_T4) / T4_COLS],
                  (k - B_T4) % T4_COLS < T4_COLS - 1 ? nb_report_t4_col_keys[(k - B_T4) % T4_COLS] : "total");
    break;
  default: nb_buf_puts(out, OTHER[k - B_OTHER].path);
  }
}

/* An amount node (as typed, "12.3456") in units of 1/NB_FIG_SCALE; 0 for anything else. */
static int64_t amount_of(const nb_node *n)
{
  if (!n || (n->kind != NB_INT && n->kind != NB_REAL) || !n->str)
    return 0;
  int64_t whole = 0, frac = 0, scale = NB_FIG_SCALE;
  const char *p = n->str;
  for (; *p >= '0' && *p <= '9'; p++)
    whole = whole < INT64_MAX / 100 ? whole * 10 + (*p - '0') : whole;
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9' && scale > 1; p++) {
      scale /= 10;
      frac += (*p - '0') * scale;
    }
  return whole * NB_FIG_SCALE + frac;
}

static void read_t3(const nb_node *root, int64_t *out)
{
  for (int r = 0; r < T3_ROWS; r++) {
    int64_t *row = out + B_T3 + r * T3_COLS;
    if (nb_report_t3_is_total(&nb_report_t3_rows[r])) {
      nb_totals_results(nb_node_path(root, "applications.results"), row);
      continue;
    }
    const nb_node *n = nb_node_path(root, nb_report_t3_rows[r].path);
    for (int c = 0; c < T3_COLS - 1; c++)
      row[c] = n && n->kind == NB_SEQ && (size_t)c < n->n ? nb_node_int(n->items[c], 0) : 0;
    row[T3_COLS - 1] = nb_totals_row(n);
  }
}

void nb_figures_read(const nb_node *root, int64_t out[NB_FIG_COUNT])
{
  memset(out, 0, NB_FIG_COUNT * sizeof *out);
  for (int k = 0; k < N_T2; k++) {
    nb_buf key = NB_BUF_INIT;
    nb_figures_key(k, &key);
    const nb_node *n = nb_node_path(root, key.data);
    out[k] = nb_figures_is_amount(k) ? amount_of(n) : nb_node_int(n, 0);
    nb_buf_free(&key);
  }
  read_t3(root, out);
  for (int g = 0; g < T4_ROWS; g++) {
    const nb_node *n = nb_node_get(nb_node_get(root, "reviews"), nb_report_t4_group_keys[g]);
    for (int c = 0; c < T4_COLS - 1; c++)
      out[B_T4 + g * T4_COLS + c] = nb_node_int(nb_node_get(n, nb_report_t4_col_keys[c]), 0);
    out[B_T4 + g * T4_COLS + T4_COLS - 1] = nb_totals_group(n);
  }
  out[B_OTHER] = nb_totals_published(nb_node_path(root, "overview.published_items"));
  out[B_OTHER + 1] = nb_node_int(nb_node_path(root, OTHER[1].path), 0);
  out[B_OTHER + 2] = amount_of(nb_node_path(root, OTHER[2].path));
}

void nb_figures_pack(const int64_t row[NB_FIG_COUNT], nb_buf *out)
{
  for (int k = 0; k < NB_FIG_COUNT; k++) {
    uint64_t z = ((uint64_t)row[k] << 1) ^ (uint64_t)(row[k] < 0 ? -1 : 0);
    do {
      nb_buf_putc(out, (char)((z & 0x7F) | (z > 0x7F ? 0x80 : 0)));
      z >>= 7;
    } while (z);
  }
}

void nb_figures_unpack(const unsigned char *p, int64_t row[NB_FIG_COUNT])
{
  for (int k = 0; k < NB_FIG_COUNT; k++) {
    uint64_t z = 0;
    unsigned shift = 0;
    do
      z |= (uint64_t)(*p & 0x7F) << shift, shift += 7;
    while (*p++ & 0x80);
    row[k] = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
  }
}

void nb_figures_text(int k, int64_t v, nb_buf *out)
{
  if (!nb_figures_is_amount(k)) {
    nb_buf_printf(out, "%lld", (long long)v);
    return;
  }
  int64_t whole = v / NB_FIG_SCALE, frac = v % NB_FIG_SCALE;
  nb_buf_printf(out, "%lld", (long long)whole);
  if (frac) {
    char digits[8];
    snprintf(digits, sizeof digits, "%04lld", (long long)frac);
    size_t n = strlen(digits);
    while (n && digits[n - 1] == '0')
      n--;
    nb_buf_printf(out, ".%.*s", (int)n, digits);
  }
}

/* MAP.PATH (dotted, the parents made as needed) = V. */
static nb_node *put_path(nb_node *map, const char *path, nb_node *v, nb_arena *a)
{
  const char *dot = strchr(path, '.');
  if (!dot) {
    nb_node_put(a, map, path, v);
    return v;
  }
  char key[64];
  snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
  nb_node *child = nb_node_get(map, key);
  if (!child) {
    child = nb_node_new(a, NB_MAP);
    nb_node_put(a, map, key, child);
  }
  return put_path(child, dot + 1, v, a);
}

static nb_node *amount_node(int k, int64_t v, nb_arena *a)
{
  nb_buf b = NB_BUF_INIT;
  nb_figures_text(k, v, &b);
  nb_node *n = nb_node_new_str(a, b.data, b.len);
  n->kind = v % NB_FIG_SCALE ? NB_REAL : NB_INT;
  n->num.i = v / NB_FIG_SCALE;
  if (n->kind == NB_REAL)
    n->num.r = (double)v / NB_FIG_SCALE;
  nb_buf_free(&b);
  return n;
}

void nb_figures_to_data(const int64_t row[NB_FIG_COUNT], nb_node *map, nb_arena *a)
{
  for (int k = 0; k < N_T2; k++) {
    nb_buf key = NB_BUF_INIT;
    nb_figures_key(k, &key);
    put_path(map, key.data, nb_figures_is_amount(k) ? amount_node(k, row[k], a)
                                                    : nb_node_new_int(a, row[k]), a);
    nb_buf_free(&key);
  }
  for (int r = 0; r < T3_ROWS; r++) {
    if (nb_report_t3_is_total(&nb_report_t3_rows[r]))
      continue;
    nb_node *seq = put_path(map, nb_report_t3_rows[r].path, nb_node_new(a, NB_SEQ), a);
    for (int c = 0; c < T3_COLS - 1; c++)
      nb_node_append(a, seq, nb_node_new_int(a, row[B_T3 + r * T3_COLS + c]));
  }
  for (int g = 0; g < T4_ROWS; g++) {
    nb_node *grp = nb_node_new(a, NB_MAP);
    nb_node_put(a, nb_node_get(map, "reviews") ? nb_node_get(map, "reviews")
                                               : put_path(map, "reviews", nb_node_new(a, NB_MAP), a),
                nb_report_t4_group_keys[g], grp);
    for (int c = 0; c < T4_COLS - 1; c++)
      nb_node_put(a, grp, nb_report_t4_col_keys[c], nb_node_new_int(a, row[B_T4 + g * T4_COLS + c]));
  }
  put_path(map, OTHER[1].path, nb_node_new_int(a, row[B_OTHER + 1]), a);
  put_path(map, OTHER[2].path, amount_node(NB_FIG_COUNT - 1, row[B_OTHER + 2], a), a);
}
