/* nb_context: builds the template context described in render/context.h, part by part, in the
 * order of the report. Each part reads its branch of the data and adds one key. */
#include "render/context.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "render/chart.h"
#include "render/sanitize.h"
#include "check/report.h"
#include "check/totals.h"

typedef struct {
  nb_arena *a;
  const nb_node *data;
} ctx_builder;

static nb_node *map(ctx_builder *b)
{
  return nb_node_new(b->a, NB_MAP);
}

static void put_int(ctx_builder *b, nb_node *m, const char *key, int64_t v)
{
  nb_node_put(b->a, m, key, nb_node_new_int(b->a, v));
}

static void put_bool(ctx_builder *b, nb_node *m, const char *key, int v)
{
  nb_node_put(b->a, m, key, nb_node_new_bool(b->a, v));
}

static void put_str(ctx_builder *b, nb_node *m, const char *key, const char *s)
{
  nb_node_put(b->a, m, key, nb_node_new_cstr(b->a, s));
}

/* Copies a string field of SRC when present and not empty; returns whether it did. */
static int copy_str(ctx_builder *b, nb_node *m, const nb_node *src, const char *key)
{
  const nb_node *n = nb_node_get(src, key);
  if (!n || n->kind != NB_STR || n->len == 0)
    return 0;
  nb_node_put(b->a, m, key, nb_node_new_str(b->a, n->str, n->len));
  return 1;
}

/* A non-negative count of the data (0 when missing). */
static int64_t count(const nb_node *n)
{
  int64_t v = nb_node_int(n, 0);
  return v > 0 ? v : 0;
}

/* Copies a prose field of SRC, rewritten as safe Markdown, when present and not blank. */
static void copy_prose(ctx_builder *b, nb_node *m, const nb_node *src, const char *key)
{
  const nb_node *n = nb_node_get(src, key);
  if (!n || n->kind != NB_STR)
    return;
  nb_buf out = NB_BUF_INIT;
  nb_sanitize_prose(n->str, n->len, &out);
  if (out.len)
    nb_node_put(b->a, m, key, nb_node_new_str(b->a, out.data, out.len));
  nb_buf_free(&out);
}

/* ---- numbers written the way the user typed them ----------------------------------- */

/* Decimal text of a number node with the decimals as typed: "1.50" stays "1.50", ".5"
 * becomes "0.5", "3." becomes "3", leading zeros and "+" go; exponent forms are printed
 * with up to 4 decimals. */
static const char *decimal_text(ctx_builder *b, const nb_node *n)
{
  if (!n || (n->kind != NB_INT && n->kind != NB_REAL) || !n->str)
    return "0";
  const char *s = n->str;
  size_t len = n->len;
  if (len && s[0] == '+')
    s++, len--;
  size_t dot = len, i;
  for (i = 0; i < len; i++) {
    if (s[i] == '.' && dot == len)
      dot = i;
    else if (s[i] < '0' || s[i] > '9')
      break;
  }
  if (i < len || len == 0) { /* exponent, sign or other form: print the value */
    double v = n->kind == NB_INT ? (double)n->num.i : n->num.r;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.4f", v);
    size_t t = strlen(tmp);
    while (t > 0 && tmp[t - 1] == '0')
      t--;
    if (t > 0 && tmp[t - 1] == '.')
      t--;
    return nb_arena_strndup(b->a, tmp, t);
  }
  size_t lead = 0;
  while (lead + 1 < dot && s[lead] == '0')
    lead++;
  nb_buf out = NB_BUF_INIT;
  if (dot == 0)
    nb_buf_putc(&out, '0');
  nb_buf_put(&out, s + lead, dot - lead);
  if (dot + 1 < len)
    nb_buf_put(&out, s + dot, len - dot);
  const char *r = nb_arena_strndup(b->a, nb_buf_cstr(&out), out.len);
  nb_buf_free(&out);
  return r;
}

static int positive(const nb_node *n)
{
  if (!n)
    return 0;
  if (n->kind == NB_INT)
    return n->num.i > 0;
  return n->kind == NB_REAL && n->num.r > 0;
}

/* ---- identity, dates ---------------------------------------------------------------- */

/* "2025-01-20" → "2025年1月20日"; NULL when ISO is not of that form. */
static const char *zh_date(ctx_builder *b, const char *iso)
{
  int y, m, d;
  char tail;
  if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return NULL;
  return nb_arena_printf(b->a, "%d年%d月%d日", y, m, d);
}

/* organ, year, title, date, period */
static void build_identity(ctx_builder *b, nb_node *ctx)
{
  const nb_node *organ = nb_node_get(b->data, "organ");
  int64_t year = nb_node_int(nb_node_get(b->data, "year"), 0);
  const char *name = nb_node_cstr(nb_node_get(organ, "name"));
  put_int(b, ctx, "format", nb_node_int(nb_node_get(b->data, "format"), 2021));
  put_int(b, ctx, "year", year);
  put_str(b, ctx, "title",
          nb_arena_printf(b->a, "%s%lld年政府信息公开工作年度报告", name ? name : "",
                          (long long)year));

  nb_node *o = map(b);
  copy_str(b, o, organ, "name");
  copy_str(b, o, organ, "level");
  copy_str(b, o, organ, "region");
  nb_node_put(b->a, ctx, "organ", o);

  const char *iso = nb_node_cstr(nb_node_get(b->data, "date"));
  const char *zh = zh_date(b, iso);
  if (zh) {
    nb_node *d = map(b);
    put_str(b, d, "iso", iso);
    put_str(b, d, "zh", zh);
    nb_node_put(b->a, ctx, "date", d);
  }

  nb_node *p = map(b);
  put_str(b, p, "start", nb_arena_printf(b->a, "%lld年1月1日", (long long)year));
  put_str(b, p, "end", nb_arena_printf(b->a, "%lld年12月31日", (long long)year));
  put_str(b, p, "text",
          nb_arena_printf(b->a, "%lld年1月1日至%lld年12月31日", (long long)year,
                          (long long)year));
  put_str(b, p, "start_iso", nb_arena_printf(b->a, "%04lld-01-01", (long long)year));
  put_str(b, p, "end_iso", nb_arena_printf(b->a, "%04lld-12-31", (long long)year));
  nb_node_put(b->a, ctx, "period", p);
}

/* publication, contact */
static void build_channels(ctx_builder *b, nb_node *ctx)
{
  const nb_node *pub = nb_node_get(b->data, "publication");
  nb_node *p = map(b);
  if (copy_str(b, p, pub, "site")) {
    copy_str(b, p, pub, "url");
    nb_node_put(b->a, ctx, "publication", p);
  }

  const nb_node *contact = nb_node_get(b->data, "contact");
  nb_node *c = map(b);
  int office = copy_str(b, c, contact, "office");
  int address = copy_str(b, c, contact, "address");
  int phone = copy_str(b, c, contact, "phone");
  if (office || address || phone) {
    put_bool(b, c, "details", address || phone);
    put_bool(b, c, "both", address && phone);
    nb_node_put(b->a, ctx, "contact", c);
  }
}

/* ---- 一、总体情况 ---------------------------------------------------------------------- */

static void build_overview(ctx_builder *b, nb_node *ctx)
{
  static const char *const fields[] = {"summary", "active_disclosure", "on_request",
                                       "information_management", "platform", "supervision"};
  const nb_node *ov = nb_node_get(b->data, "overview");
  nb_node *o = map(b);
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    copy_prose(b, o, ov, fields[i]);
  nb_node_put(b->a, ctx, "overview", o);

  const nb_node *items = nb_node_get(ov, "published_items");
  int64_t total = nb_totals_published(items);
  nb_node *pub = map(b);
  nb_node *list = nb_node_new(b->a, NB_SEQ);
  size_t n = items && items->kind == NB_SEQ ? items->n : 0;
  for (size_t i = 0; i < n; i++) {
    const nb_node *it = items->items[i];
    int64_t c = count(nb_node_get(it, "count"));
    nb_node *e = map(b);
    const char *cat = nb_node_cstr(nb_node_get(it, "category"));
    put_str(b, e, "category", cat ? cat : "");
    put_int(b, e, "count", c);
    if (total > 0) {
      int64_t tenths = (c * 2000 + total) / (2 * total); /* rounded half up */
      put_str(b, e, "share",
              nb_arena_printf(b->a, "%lld.%lld", (long long)(tenths / 10),
                              (long long)(tenths % 10)));
    }
    put_bool(b, e, "last", i + 1 == n);
    nb_node_append(b->a, list, e);
  }
  put_int(b, pub, "total", total);
  put_bool(b, pub, "by_category", n > 1);
  nb_node_put(b->a, pub, "items", list);
  nb_node_put(b->a, ctx, "published", pub);
}

/* ---- 二、主动公开政府信息情况 -------------------------------------------------------------- */

static void build_disclosure(ctx_builder *b, nb_node *ctx)
{
  const nb_node *dis = nb_node_get(b->data, "disclosure");
  nb_node *d = map(b);
  for (size_t i = 0; i < NB_REPORT_T2_ROWS; i++) {
    const nb_report_t2_row *t2 = &nb_report_t2_rows[i];
    const nb_node *src = nb_node_get(dis, t2->key);
    if (t2->decimal) {
      put_str(b, d, t2->key, decimal_text(b, src));
      put_bool(b, d, "fees_charged", positive(src));
    } else if (t2->width == 1) {
      put_int(b, d, t2->key, count(src));
    } else {
      nb_node *row = map(b);
      for (size_t k = 0; k < 3; k++)
        put_int(b, row, nb_report_t2_doc_keys[k], count(nb_node_get(src, nb_report_t2_doc_keys[k])));
      nb_node_put(b->a, d, t2->key, row);
    }
  }
  nb_node_put(b->a, ctx, "disclosure", d);
}

/* ---- 三、收到和处理政府信息公开申请情况 ------------------------------------------------------- */

/* One table-三 row: the six typed columns by name, and the total. */
static nb_node *t3_row(ctx_builder *b, const int64_t v[NB_T3_COLS + 1])
{
  nb_node *row = map(b);
  for (int i = 0; i <= NB_T3_COLS; i++)
    put_int(b, row, nb_report_t3_col_keys[i], v[i]);
  return row;
}

static nb_node *t3_data_row(ctx_builder *b, const nb_node *src)
{
  int64_t v[NB_T3_COLS + 1] = {0};
  nb_totals_add_row(src, v);
  return t3_row(b, v);
}

/* The map ROW goes into: applications, applications.results or a numbered group of it (made
 * in table order on its first row). */
static nb_node *t3_parent(ctx_builder *b, const nb_report_t3_row *row, nb_node *a, nb_node *r)
{
  if (!nb_report_t3_is_result(row))
    return a;
  if (!nb_node_get(a, "results"))
    nb_node_put(b->a, a, "results", r);
  if (!row->group)
    return r;
  nb_node *g = nb_node_get(r, row->group);
  if (!g) {
    g = map(b);
    nb_node_put(b->a, r, row->group, g);
  }
  return g;
}

static void build_applications(ctx_builder *b, nb_node *ctx)
{
  const nb_node *app = nb_node_get(b->data, "applications");
  nb_node *a = map(b);
  nb_node *r = map(b);
  for (size_t i = 0; i < NB_REPORT_T3_ROWS; i++) {
    const nb_report_t3_row *row = &nb_report_t3_rows[i];
    nb_node *parent = t3_parent(b, row, a, r);
    if (nb_report_t3_is_total(row)) {
      int64_t total[NB_T3_COLS + 1];
      nb_totals_results(nb_node_get(app, "results"), total);
      nb_node_put(b->a, parent, row->key, t3_row(b, total));
    } else {
      nb_node_put(b->a, parent, row->key, t3_data_row(b, nb_node_path(b->data, row->path)));
    }
  }
  put_bool(b, a, "has_applications", nb_totals_row(nb_node_get(app, "new")) > 0);
  put_bool(b, a, "has_carried_over", nb_totals_row(nb_node_get(app, "carried_over")) > 0);
  nb_node_put(b->a, ctx, "applications", a);
}

/* ---- 四、行政复议、行政诉讼 ------------------------------------------------------------- */

static void build_reviews(ctx_builder *b, nb_node *ctx)
{
  const nb_node *rev = nb_node_get(b->data, "reviews");
  nb_node *r = map(b);
  int any = 0;
  for (size_t i = 0; i < NB_REPORT_T4_GROUPS; i++) {
    const nb_node *src = nb_node_get(rev, nb_report_t4_group_keys[i]);
    nb_node *g = map(b);
    for (size_t k = 0; k < NB_REPORT_T4_COLS; k++)
      put_int(b, g, nb_report_t4_col_keys[k], count(nb_node_get(src, nb_report_t4_col_keys[k])));
    int64_t t = nb_totals_group(src);
    put_int(b, g, "total", t);
    any |= t > 0;
    nb_node_put(b->a, r, nb_report_t4_group_keys[i], g);
  }
  put_bool(b, r, "has_reviews", any);
  nb_node_put(b->a, ctx, "reviews", r);
}

/* ---- 五、六 -------------------------------------------------------------------------- */

static void build_problems(ctx_builder *b, nb_node *ctx)
{
  const nb_node *src = nb_node_get(b->data, "problems");
  nb_node *p = map(b);
  copy_prose(b, p, src, "main_problems");
  copy_prose(b, p, src, "improvements");
  nb_node_put(b->a, ctx, "problems", p);
}

static void build_other(ctx_builder *b, nb_node *ctx)
{
  static const char *const fields[] = {"work_points", "proposals", "innovations", "more"};
  const nb_node *src = nb_node_get(b->data, "other");
  const nb_node *pf = nb_node_get(src, "processing_fees");
  const nb_node *amount = nb_node_get(pf, "amount");
  int64_t notices = count(nb_node_get(pf, "notices"));
  const char *amount_text = decimal_text(b, amount);
  int charged = positive(amount);

  nb_node *f = map(b);
  put_int(b, f, "notices", notices);
  put_str(b, f, "amount", amount_text);
  put_bool(b, f, "charged", charged);
  const char *sentence;
  if (charged)
    sentence = nb_arena_printf(b->a, "本年度共发出信息处理费收费通知%lld件，收取信息处理费%s元。",
                               (long long)notices, amount_text);
  else if (notices > 0)
    sentence = nb_arena_printf(b->a, "本年度共发出信息处理费收费通知%lld件，未实际收取信息处理费。",
                               (long long)notices);
  else
    sentence = "本年度未收取信息处理费。";
  put_str(b, f, "sentence", sentence);

  /* 信息处理费 is item （一）; the optional items present are numbered after it */
  static const char *const numerals[] = {"（二）", "（三）", "（四）", "（五）"};
  nb_node *o = map(b);
  nb_node *no = map(b);
  size_t next = 0;
  nb_node_put(b->a, o, "processing_fees", f);
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    copy_prose(b, o, src, fields[i]);
    if (nb_node_get(o, fields[i]))
      put_str(b, no, fields[i], numerals[next++]);
  }
  nb_node_put(b->a, o, "no", no);
  nb_node_put(b->a, ctx, "other", o);
}

nb_node *nb_context_build(const nb_node *data, nb_arena *arena)
{
  ctx_builder b = {arena, data};
  nb_node *ctx = map(&b);
  build_identity(&b, ctx);
  build_channels(&b, ctx);
  build_overview(&b, ctx);
  build_disclosure(&b, ctx);
  build_applications(&b, ctx);
  build_reviews(&b, ctx);
  build_problems(&b, ctx);
  build_other(&b, ctx);
  nb_chart_build(ctx, data, NULL, arena);
  return ctx;
}
