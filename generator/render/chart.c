/* nb_chart: chart data and geometry for the templates (see render/chart.h). */
#include "render/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/totals.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "render/render.h"
#include <stdio.h>

/* Okabe–Ito colours, ordered so that neighbours differ in lightness too (grayscale print). */
static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#F0E442",
                                      "#CC79A7", "#56B4E9", "#D55E00", "#999999"};
#define BAR_COLOUR "#0072B2"
#define DEG (3.14159265358979323846 / 180.0)
#define MAX_VALUE 1000000000000LL /* a count above the schema's maximum is drawn as this */

/* Geometry of the SVG viewBox (user units ≈ CSS px at 720 px wide). */
#define W 720.0
#define PIE_R 100.0
#define PIE_R_INNER 55.0
#define PIE_GAP 44.0    /* vertical distance between two pie labels */
#define PIE_MARGIN 24.0
#define PIE_LABEL 36.0  /* label column: this far outside the circle */
#define NAME_SIZE 17.0   /* font size of a label's name */
#define FIGURE_SIZE 15.0 /* and of its figures */
#define BAR_ROW 34.0
#define BAR_H 20.0
#define BAR_LABEL_X 186.0
#define BAR_X 196.0
#define BAR_MAX 370.0

typedef struct {
  const char *label;
  int64_t value;
  int percent;
  double start, end;
  double y; /* pie label position */
  int right;
} item;

typedef struct {
  nb_arena *a;
  int64_t year;
  const char *base;
  nb_node *charts, *list;
  int64_t first; /* the number of the first chart */
} chart_builder;

static void put_str(nb_arena *a, nb_node *m, const char *k, const char *v)
{
  nb_node_put(a, m, k, nb_node_new_cstr(a, v));
}

static void put_int(nb_arena *a, nb_node *m, const char *k, int64_t v)
{
  nb_node_put(a, m, k, nb_node_new_int(a, v));
}

static void put_bool(nb_arena *a, nb_node *m, const char *k, int v)
{
  nb_node_put(a, m, k, nb_node_new_bool(a, v));
}

static void put_num(nb_arena *a, nb_node *m, const char *k, double v)
{
  char tmp[32];
  snprintf(tmp, sizeof tmp, "%.2f", v);
  size_t n = strlen(tmp);
  while (n > 0 && tmp[n - 1] == '0')
    n--;
  if (n > 0 && tmp[n - 1] == '.')
    n--;
  if (n == 2 && tmp[0] == '-' && tmp[1] == '0') /* "-0" */
    tmp[0] = '0', n = 1;
  nb_node_put(a, m, k, nb_node_new_str(a, tmp, n));
}

typedef struct {
  int64_t rem;
  size_t i;
} rest_of;

static int by_remainder(const void *x, const void *y)
{
  const rest_of *a = x, *b = y;
  if (a->rem != b->rem)
    return a->rem > b->rem ? -1 : 1;
  return a->i < b->i ? -1 : a->i > b->i;
}

void nb_chart_percents(const int64_t *v, size_t n, int64_t total, int *out)
{
  if (n == 0 || total <= 0)
    return;
  rest_of *r = nb_xcalloc(n, sizeof *r);
  int64_t given = 0;
  for (size_t i = 0; i < n; i++) {
    out[i] = (int)(v[i] * 100 / total);
    given += out[i];
    r[i].rem = v[i] * 100 % total;
    r[i].i = i;
  }
  /* the largest remainders get one more each, the earlier item first on ties; fewer than n
   * are short because each floor loses less than 1 */
  qsort(r, n, sizeof *r, by_remainder);
  for (size_t k = 0; given < 100 && k < n; k++, given++)
    out[r[k].i]++;
  free(r);
}

/* LABEL without control and bidirectional-formatting characters (they would reorder or hide
 * the text around them). */
static const char *clean_label(nb_arena *a, const char *s)
{
  nb_buf b = NB_BUF_INIT;
  size_t len = s ? strlen(s) : 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t k = nb_utf8_decode(s + i, len - i, &cp);
    int drop = cp < 0x20 || cp == 0x7F || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
               (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    if (!drop)
      nb_buf_put(&b, s + i, k);
    i += k;
  }
  const char *r = nb_arena_strndup(a, b.data ? b.data : "", b.len);
  nb_buf_free(&b);
  return r;
}

/* The first NB_CHART_SHORT - 1 characters of S and "…" when S is longer than NB_CHART_SHORT. */
static const char *short_label(nb_arena *a, const char *s)
{
  size_t len = strlen(s), chars = 0, cut = 0;
  for (size_t i = 0; i < len; chars++) {
    uint32_t cp;
    if (chars == NB_CHART_SHORT - 1)
      cut = i;
    i += nb_utf8_decode(s + i, len - i, &cp);
  }
  if (chars <= NB_CHART_SHORT)
    return s;
  return nb_arena_printf(a, "%.*s…", (int)cut, s);
}

/* Percent-encodes what a Markdown link destination or a URL cannot hold as it is (ASCII other
 * than letters, digits and - . _ ~); UTF-8 stays as it is. */
static const char *url_of(nb_arena *a, const char *file)
{
  nb_buf b = NB_BUF_INIT;
  for (const unsigned char *p = (const unsigned char *)file; *p; p++) {
    int keep = *p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
               (*p >= 'A' && *p <= 'Z') || strchr("-._~", *p);
    if (keep)
      nb_buf_putc(&b, (char)*p);
    else
      nb_buf_printf(&b, "%%%02X", *p);
  }
  const char *r = nb_arena_strndup(a, b.data ? b.data : "", b.len);
  nb_buf_free(&b);
  return r;
}

static void name_file(nb_arena *a, nb_node *chart, const char *base)
{
  int64_t number = nb_node_int(nb_node_get(chart, "number"), 1);
  const char *file = nb_arena_printf(a, "%s-图%lld.svg", base, (long long)number);
  put_str(a, chart, "file", file);
  put_str(a, chart, "file_url", url_of(a, file));
}

/* A new chart with its number, caption and file name; appended to the list. */
static nb_node *new_chart(chart_builder *b, const char *key, const char *heading, int pie,
                          const char *unit, int64_t total)
{
  nb_arena *a = b->a;
  nb_node *c = nb_node_new(a, NB_MAP);
  int64_t number = (int64_t)b->list->n + b->first;
  put_int(a, c, "number", number);
  put_str(a, c, "id", nb_arena_printf(a, "nb-fig%lld", (long long)number));
  put_str(a, c, "heading", heading);
  put_str(a, c, "caption", nb_arena_printf(a, "图%lld %s", (long long)number, heading));
  name_file(a, c, b->base);
  put_str(a, c, "kind", pie ? "pie" : "bars");
  put_bool(a, c, "pie", pie);
  put_bool(a, c, "bars", !pie);
  put_str(a, c, "unit", unit);
  put_int(a, c, "total", total);
  put_num(a, c, "name_size", NAME_SIZE);
  put_num(a, c, "figure_size", FIGURE_SIZE);
  nb_node_put(a, b->charts, key, c);
  nb_node_append(a, b->list, c);
  return c;
}

/* "图1 …：共49条。乡镇动态13条，占27%；…。" */
static void put_alt(nb_arena *a, nb_node *c, const item *it, size_t n, const char *unit,
                    int64_t total)
{
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%s：共%lld%s。", nb_node_cstr(nb_node_get(c, "caption")),
                (long long)total, unit);
  for (size_t i = 0; i < n; i++)
    nb_buf_printf(&b, "%s%lld%s，占%d%%%s", it[i].label, (long long)it[i].value, unit,
                  it[i].percent, i + 1 < n ? "；" : "。");
  put_str(a, c, "alt", nb_buf_cstr(&b));
  nb_buf_free(&b);
}

/* The fields every slice and bar has. */
static nb_node *item_node(nb_arena *a, const item *it, int last)
{
  nb_node *e = nb_node_new(a, NB_MAP);
  put_str(a, e, "label", it->label);
  put_str(a, e, "short", short_label(a, it->label));
  put_int(a, e, "value", it->value);
  put_int(a, e, "percent", it->percent);
  put_str(a, e, "share", nb_arena_printf(a, "%d%%", it->percent));
  put_bool(a, e, "last", last);
  return e;
}

/* ---- pie ---------------------------------------------------------------------------- */

static double px(double cx, double r, double deg)
{
  return cx + r * sin(deg * DEG);
}

static double py(double cy, double r, double deg)
{
  return cy - r * cos(deg * DEG);
}

/* SVG path data of a donut slice from A0 to A1 degrees; a whole ring is drawn as two half
 * arcs outside and two inside (one arc cannot go round the whole circle). */
static const char *slice_path(nb_arena *a, double cx, double cy, double a0, double a1)
{
  const double r = PIE_R, ri = PIE_R_INNER;
  if (a1 - a0 >= 359.995)
    return nb_arena_printf(a,
                           "M%.2f %.2fA%.0f %.0f 0 1 1 %.2f %.2fA%.0f %.0f 0 1 1 %.2f %.2fZ"
                           "M%.2f %.2fA%.0f %.0f 0 1 0 %.2f %.2fA%.0f %.0f 0 1 0 %.2f %.2fZ",
                           cx, cy - r, r, r, cx, cy + r, r, r, cx, cy - r, cx, cy - ri, ri,
                           ri, cx, cy + ri, ri, ri, cx, cy - ri);
  int large = a1 - a0 > 180.0;
  return nb_arena_printf(a, "M%.2f %.2fA%.0f %.0f 0 %d 1 %.2f %.2fL%.2f %.2fA%.0f %.0f 0 %d 0 "
                            "%.2f %.2fZ",
                         px(cx, r, a0), py(cy, r, a0), r, r, large, px(cx, r, a1),
                         py(cy, r, a1), px(cx, ri, a1), py(cy, ri, a1), ri, ri, large,
                         px(cx, ri, a0), py(cy, ri, a0));
}

/* Where the label of slice IT points: the middle of the slice; a whole ring's to the right. */
static double label_angle(const item *it)
{
  return it->end - it->start >= 359.995 ? 90.0 : (it->start + it->end) / 2;
}

/* Label rows of one side of the pie: each as near the middle of its slice as the rows above
 * and below allow, PIE_GAP apart, inside [TOP, BOTTOM]. IDX lists the side's items from top
 * to bottom. */
static void spread_labels(item *it, const size_t *idx, size_t n, double top, double bottom)
{
  for (size_t k = 0; k < n; k++) {
    double lo = k ? it[idx[k - 1]].y + PIE_GAP : top;
    if (it[idx[k]].y < lo)
      it[idx[k]].y = lo;
  }
  for (size_t k = n; k-- > 0;) {
    double hi = k + 1 < n ? it[idx[k + 1]].y - PIE_GAP : bottom;
    if (it[idx[k]].y > hi)
      it[idx[k]].y = hi;
  }
}

/* Places the labels of the pie centred at CY in a chart HEIGHT high. */
static void place_pie_labels(item *it, size_t n, double cy, double height)
{
  size_t *idx = nb_xcalloc(n ? n : 1, sizeof *idx);
  for (size_t i = 0; i < n; i++) {
    double mid = label_angle(&it[i]);
    it[i].right = mid <= 180.0;
    it[i].y = py(cy, PIE_R + 16, mid);
  }
  for (int side = 0; side < 2; side++) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
      if (it[i].right == (side == 0))
        idx[m++] = i;
    /* right side: clockwise is top to bottom; left side: the other way round */
    if (side == 1)
      for (size_t k = 0; k < m / 2; k++) {
        size_t t = idx[k];
        idx[k] = idx[m - 1 - k];
        idx[m - 1 - k] = t;
      }
    spread_labels(it, idx, m, PIE_MARGIN, height - PIE_MARGIN);
  }
  free(idx);
}

/* The leader line from the middle of slice IT's outer edge to its label. */
static const char *leader(nb_arena *a, const item *it, double cx, double cy)
{
  double mid = label_angle(it);
  double lx = it->right ? cx + PIE_R + PIE_LABEL - 6 : cx - PIE_R - PIE_LABEL + 6;
  return nb_arena_printf(a, "%.2f,%.2f %.2f,%.2f %.2f,%.2f", px(cx, PIE_R, mid),
                         py(cy, PIE_R, mid), px(cx, PIE_R + 12, mid), py(cy, PIE_R + 12, mid),
                         lx, it->y);
}

/* The palette colour of slice I of N: in turn, but never the first one's beside the first. */
static size_t colour_index(size_t i, size_t n)
{
  size_t k = sizeof palette / sizeof *palette, c = i % k;
  if (i == n - 1 && i > 0 && c == 0)
    c = k / 2;
  return c;
}

static void build_pie(nb_arena *a, nb_node *c, item *it, size_t n)
{
  size_t most = 0;
  for (size_t i = 0; i < n; i++)
    most += label_angle(&it[i]) <= 180.0;
  if (n - most > most)
    most = n - most;
  double height = 2 * PIE_R + 2 * PIE_MARGIN + 16;
  if ((double)most * PIE_GAP + 2 * PIE_MARGIN > height)
    height = (double)most * PIE_GAP + 2 * PIE_MARGIN;
  double cx = W / 2, cy = height / 2;
  place_pie_labels(it, n, cy, height);
  put_num(a, c, "width", W);
  put_num(a, c, "height", height);
  put_num(a, c, "cx", cx);
  put_num(a, c, "cy", cy);
  put_num(a, c, "r", PIE_R);
  put_num(a, c, "r_inner", PIE_R_INNER);
  /* the total in the hole: smaller when it has many digits */
  int64_t total = nb_node_int(nb_node_get(c, "total"), 0);
  put_num(a, c, "centre_size", total >= 10000000 ? 12 : total >= 10000 ? 14 : 16);
  nb_node *list = nb_node_new(a, NB_SEQ);
  for (size_t i = 0; i < n; i++) {
    nb_node *e = item_node(a, &it[i], i + 1 == n);
    put_num(a, e, "start", it[i].start);
    put_num(a, e, "end", it[i].end);
    put_str(a, e, "path", slice_path(a, cx, cy, it[i].start, it[i].end));
    put_str(a, e, "colour", palette[colour_index(i, n)]);
    put_num(a, e, "name_x", it[i].right ? cx + PIE_R + PIE_LABEL : cx - PIE_R - PIE_LABEL);
    put_num(a, e, "name_y", it[i].y - 2);
    put_num(a, e, "figure_y", it[i].y + 17);
    put_str(a, e, "anchor", it[i].right ? "start" : "end");
    put_str(a, e, "leader", leader(a, &it[i], cx, cy));
    nb_node_append(a, list, e);
  }
  nb_node_put(a, c, "slices", list);
}

/* ---- bars --------------------------------------------------------------------------- */

static int by_value(const void *x, const void *y)
{
  const item *a = x, *b = y;
  if (a->value != b->value)
    return a->value > b->value ? -1 : 1;
  return a->start < b->start ? -1 : a->start > b->start; /* start: the data order */
}

static void build_bars(nb_arena *a, nb_node *c, item *it, size_t n, int sorted)
{
  if (sorted) {
    for (size_t i = 0; i < n; i++)
      it[i].start = (double)i;
    qsort(it, n, sizeof *it, by_value);
  }
  int64_t most = 0;
  for (size_t i = 0; i < n; i++)
    if (it[i].value > most)
      most = it[i].value;
  put_num(a, c, "width", W);
  put_num(a, c, "height", (double)n * BAR_ROW + 12);
  put_num(a, c, "label_x", BAR_LABEL_X);
  put_num(a, c, "bar_x", BAR_X);
  put_num(a, c, "bar_h", BAR_H);
  put_num(a, c, "bar_max", BAR_MAX);
  nb_node *list = nb_node_new(a, NB_SEQ);
  for (size_t i = 0; i < n; i++) {
    nb_node *e = item_node(a, &it[i], i + 1 == n);
    double y = 6 + (double)i * BAR_ROW;
    double len = most > 0 ? BAR_MAX * (double)it[i].value / (double)most : 0;
    if (it[i].value > 0 && len < 1)
      len = 1;
    put_num(a, e, "y", y);
    put_num(a, e, "bar_y", y + (BAR_ROW - BAR_H) / 2);
    put_num(a, e, "bar_w", len);
    put_num(a, e, "text_y", y + BAR_ROW / 2 + 6);
    put_num(a, e, "value_x", BAR_X + len + 8);
    put_str(a, e, "colour", BAR_COLOUR);
    nb_node_append(a, list, e);
  }
  nb_node_put(a, c, "rows", list);
}

/* ---- the two charts ----------------------------------------------------------------- */

/* Shares and angles of IT[0..N) (values already set, TOTAL > 0). */
static void share_out(item *it, size_t n, int64_t total)
{
  int64_t *v = nb_xcalloc(n, sizeof *v);
  int *pc = nb_xcalloc(n, sizeof *pc);
  for (size_t i = 0; i < n; i++)
    v[i] = it[i].value;
  nb_chart_percents(v, n, total, pc);
  int64_t run = 0;
  for (size_t i = 0; i < n; i++) {
    it[i].percent = pc[i];
    it[i].start = 360.0 * (double)run / (double)total;
    run += it[i].value;
    it[i].end = 360.0 * (double)run / (double)total;
  }
  free(v);
  free(pc);
}

static int64_t clamp(int64_t v)
{
  return v < 0 ? 0 : v > MAX_VALUE ? MAX_VALUE : v;
}

/* The data file's choice for chart KEY: 'a' 自动 (or none), 'p' 饼图, 'b' 条形图, 'n' 不画. */
static char setting(const nb_node *data, const char *key)
{
  const char *s = nb_node_cstr(nb_node_get(nb_node_get(data, "charts"), key));
  if (!s)
    return 'a';
  return strcmp(s, "饼图") == 0 ? 'p' : strcmp(s, "条形图") == 0 ? 'b' : strcmp(s, "不画") == 0 ? 'n' : 'a';
}

static void build_published(chart_builder *b, const nb_node *data)
{
  const nb_node *items = nb_node_path(data, "overview.published_items");
  char choice = setting(data, "published");
  size_t n = items && items->kind == NB_SEQ ? items->n : 0;
  if (choice == 'n' || n == 0 || n > NB_CHART_MAX_ITEMS)
    return;
  item *it = nb_xcalloc(n, sizeof *it);
  size_t nonzero = 0;
  int64_t total = 0;
  for (size_t i = 0; i < n; i++) {
    const char *cat = nb_node_cstr(nb_node_get(items->items[i], "category"));
    it[i].label = clean_label(b->a, cat ? cat : "");
    it[i].value = clamp(nb_node_int(nb_node_get(items->items[i], "count"), 0));
    total += it[i].value;
    nonzero += it[i].value > 0;
  }
  int pie = choice == 'p' || (choice == 'a' && nonzero <= NB_CHART_PIE_MAX);
  size_t m = n;
  if (pie) { /* a pie has no empty slice */
    m = 0;
    for (size_t i = 0; i < n; i++)
      if (it[i].value > 0)
        it[m++] = it[i];
  }
  if (total > 0) {
    const char *heading =
      nb_arena_printf(b->a, "%lld年主动公开政府信息分类情况", (long long)b->year);
    share_out(it, m, total);
    nb_node *c = new_chart(b, "published", heading, pie, "条", total);
    put_alt(b->a, c, it, m, "条", total);
    if (pie)
      build_pie(b->a, c, it, m);
    else
      build_bars(b->a, c, it, m, 1);
  }
  free(it);
}

/* 依申请公开 outcomes: the 总计 column of rows （一）–（六） of 三 and of 四、结转. */
static void build_applications(chart_builder *b, const nb_node *data)
{
  static const char *const keys[] = {"granted", "partially_granted", "denied", "unavailable",
                                     "not_processed", "other", NULL};
  static const char *const labels[] = {"予以公开", "部分公开", "不予公开", "无法提供",
                                       "不予处理", "其他处理", "结转下年度继续办理"};
  if (setting(data, "applications") == 'n')
    return;
  const nb_node *app = nb_node_get(data, "applications");
  const nb_node *res = nb_node_get(app, "results");
  item it[7];
  int64_t total = 0;
  memset(it, 0, sizeof it);
  for (size_t i = 0; i < 7; i++) {
    int64_t row[NB_T3_COLS + 1] = {0};
    const nb_node *src = keys[i] ? nb_node_get(res, keys[i]) : nb_node_get(app, "carry_forward");
    if (src && src->kind == NB_MAP)
      nb_totals_results(src, row); /* a group: every row in it */
    else
      nb_totals_add_row(src, row);
    it[i].label = labels[i];
    it[i].value = clamp(row[NB_T3_COLS]);
    total += it[i].value;
  }
  if (total <= 0)
    return;
  share_out(it, 7, total);
  const char *heading =
    nb_arena_printf(b->a, "%lld年政府信息公开申请办理结果", (long long)b->year);
  nb_node *c = new_chart(b, "applications", heading, 0, "件", total);
  put_alt(b->a, c, it, 7, "件", total);
  build_bars(b->a, c, it, 7, 0);
}

void nb_chart_build(nb_node *ctx, const nb_node *data, const char *base, nb_arena *a)
{
  char *own = NULL;
  if (!base) {
    own = nb_render_filename(ctx, "md");
    own[strlen(own) - 3] = '\0';
    base = own;
  }
  chart_builder b = {a, nb_node_int(nb_node_get(ctx, "year"), 0), base,
                     nb_node_new(a, NB_MAP), nb_node_new(a, NB_SEQ), 1};
  build_published(&b, data);
  build_applications(&b, data);
  free(own);
  if (b.list->n == 0)
    return;
  nb_node_put(a, b.charts, "list", b.list);
  put_int(a, b.charts, "count", (int64_t)b.list->n);
  nb_node_put(a, ctx, "charts", b.charts);
}

/* ---- charts of other pages ----------------------------------------------------------- */

static chart_builder page_builder(int year, int number, nb_arena *a)
{
  return (chart_builder){a, year, "summary", nb_node_new(a, NB_MAP), nb_node_new(a, NB_SEQ), number};
}

nb_node *nb_chart_bars(const char *heading, const char *unit, const nb_chart_item *items,
                       size_t n, nb_chart_item rest, int number, nb_arena *a)
{
  if (n == 0 || n > NB_CHART_MAX_ITEMS)
    return NULL;
  chart_builder b = page_builder(0, number, a);
  item *it = nb_xcalloc(n + 1, sizeof *it);
  int64_t total = 0;
  for (size_t i = 0; i <= n; i++) {
    const nb_chart_item *src = i < n ? &items[i] : &rest;
    it[i].label = clean_label(a, src->label ? src->label : "");
    it[i].value = clamp(src->value);
    total += it[i].value;
  }
  size_t shared = n + (it[n].value > 0); /* the rest counts in the shares, not drawn */
  nb_node *c = NULL;
  if (total > 0) {
    share_out(it, shared, total);
    c = new_chart(&b, "bars", heading, 0, unit, total);
    put_alt(a, c, it, shared, unit, total);
    build_bars(a, c, it, n, 0);
  }
  free(it);
  return c;
}

nb_node *nb_chart_outcomes(const nb_node *data, int year, int number, nb_arena *a)
{
  chart_builder b = page_builder(year, number, a);
  build_applications(&b, data);
  return b.list->n ? b.list->items[0] : NULL;
}

void nb_chart_set_base(nb_node *ctx, const char *base, nb_arena *a)
{
  const nb_node *list = nb_node_path(ctx, "charts.list");
  for (size_t i = 0; list && i < list->n; i++)
    name_file(a, list->items[i], base);
}

/* ---- for the PDF module -------------------------------------------------------------- */

static double num(const nb_node *m, const char *key)
{
  const char *s = nb_node_cstr(nb_node_get(m, key));
  return s ? strtod(s, NULL) : 0;
}

static unsigned rgb_of(const nb_node *m)
{
  const char *s = nb_node_cstr(nb_node_get(m, "colour"));
  return s && s[0] == '#' ? (unsigned)strtoul(s + 1, NULL, 16) : 0x0072B2u;
}

static void pdf_item(nb_arena *a, const nb_node *chart, const nb_node *e, nb_pdf_chart_item *it)
{
  it->label = nb_node_cstr(nb_node_get(e, "short"));
  it->figures = nb_arena_printf(a, "%lld%s %s", (long long)nb_node_int(nb_node_get(e, "value"), 0),
                                nb_node_cstr(nb_node_get(chart, "unit")),
                                nb_node_cstr(nb_node_get(e, "share")));
  it->start = num(e, "start");
  it->end = num(e, "end");
  const char *lead = nb_node_cstr(nb_node_get(e, "leader"));
  if (lead)
    sscanf(lead, "%lf,%lf %lf,%lf %lf,%lf", &it->leader[0], &it->leader[1], &it->leader[2],
           &it->leader[3], &it->leader[4], &it->leader[5]);
  const char *anchor = nb_node_cstr(nb_node_get(e, "anchor"));
  it->anchor_end = anchor && strcmp(anchor, "end") == 0;
  it->text_x = lead ? num(e, "name_x") : num(chart, "label_x");
  it->name_y = lead ? num(e, "name_y") : num(e, "text_y");
  it->figure_y = num(e, "figure_y");
  it->bar_y = num(e, "bar_y");
  it->bar_w = num(e, "bar_w");
  it->value_x = num(e, "value_x");
  it->rgb = rgb_of(e);
}

static void pdf_chart(nb_arena *a, const nb_node *c, nb_pdf_chart *p)
{
  const nb_node *list = nb_node_get(c, "slices");
  if (!list)
    list = nb_node_get(c, "rows");
  p->file = nb_node_cstr(nb_node_get(c, "file_url"));
  p->caption = nb_node_cstr(nb_node_get(c, "caption"));
  p->alt = nb_node_cstr(nb_node_get(c, "alt"));
  p->pie = nb_node_get(c, "slices") != NULL;
  if (p->pie)
    p->centre = nb_arena_printf(a, "共%lld%s", (long long)nb_node_int(nb_node_get(c, "total"), 0),
                                nb_node_cstr(nb_node_get(c, "unit")));
  p->width = num(c, "width");
  p->height = num(c, "height");
  p->cx = num(c, "cx");
  p->cy = num(c, "cy");
  p->r = num(c, "r");
  p->r_inner = num(c, "r_inner");
  p->bar_x = num(c, "bar_x");
  p->bar_h = num(c, "bar_h");
  p->name_size = num(c, "name_size");
  p->figure_size = num(c, "figure_size");
  p->n = list ? list->n : 0;
  nb_pdf_chart_item *items = nb_arena_alloc(a, (p->n ? p->n : 1) * sizeof *items);
  for (size_t i = 0; i < p->n; i++)
    pdf_item(a, c, list->items[i], &items[i]);
  p->items = items;
}

size_t nb_chart_pdf(const nb_node *ctx, nb_arena *a, const nb_pdf_chart **out)
{
  const nb_node *list = nb_node_path(ctx, "charts.list");
  size_t n = list ? list->n : 0;
  nb_pdf_chart *charts = nb_arena_alloc(a, (n ? n : 1) * sizeof *charts);
  for (size_t i = 0; i < n; i++)
    pdf_chart(a, list->items[i], &charts[i]);
  *out = charts;
  return n;
}
