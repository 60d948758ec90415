#include "check/totals.h"

static int64_t add(int64_t a, int64_t b)
{
  return a > INT64_MAX - b ? INT64_MAX : a + b;
}

static int64_t value(const nb_node *n)
{
  int64_t v = nb_node_int(n, 0);
  return v > 0 ? v : 0;
}

int64_t nb_totals_row(const nb_node *row)
{
  int64_t t = 0;
  if (row && row->kind == NB_SEQ)
    for (size_t i = 0; i < row->n && i < NB_T3_COLS; i++)
      t = add(t, value(row->items[i]));
  return t;
}

void nb_totals_add_row(const nb_node *row, int64_t out[NB_T3_COLS + 1])
{
  if (!row || row->kind != NB_SEQ)
    return;
  for (size_t i = 0; i < row->n && i < NB_T3_COLS; i++) {
    out[i] = add(out[i], value(row->items[i]));
    out[NB_T3_COLS] = add(out[NB_T3_COLS], value(row->items[i]));
  }
}

static void results_walk(const nb_node *n, int64_t out[NB_T3_COLS + 1], unsigned depth)
{
  if (!n || depth > 4)
    return;
  if (n->kind == NB_SEQ)
    nb_totals_add_row(n, out);
  else if (n->kind == NB_MAP)
    for (size_t i = 0; i < n->n; i++)
      results_walk(n->pairs[i].val, out, depth + 1);
}

void nb_totals_results(const nb_node *results, int64_t out[NB_T3_COLS + 1])
{
  for (int i = 0; i <= NB_T3_COLS; i++)
    out[i] = 0;
  results_walk(results, out, 0);
}

int64_t nb_totals_group(const nb_node *group)
{
  static const char *const keys[] = {"upheld", "corrected", "other", "pending"};
  int64_t t = 0;
  for (int i = 0; i < 4; i++)
    t = add(t, value(nb_node_get(group, keys[i])));
  return t;
}

int64_t nb_totals_published(const nb_node *items)
{
  int64_t t = 0;
  if (items && items->kind == NB_SEQ)
    for (size_t i = 0; i < items->n; i++)
      t = add(t, value(nb_node_get(items->items[i], "count")));
  return t;
}
