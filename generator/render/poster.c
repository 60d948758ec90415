/* nb_poster: layout of the 图解 poster (see render/poster.h). */
#include "render/poster.h"

#include <stdlib.h>
#include <string.h>

#include "check/totals.h"
#include "core/buf.h"
#include "core/utf8.h"

#define W ((double)NB_POSTER_WIDTH)
#define MARGIN 40.0
#define INNER (W - 2 * MARGIN)
#define CARD_COLS 4
#define CARD_GAP 20.0
#define CARD_H 150.0
#define HEADING 30.0     /* section heading size */
#define ITEM_SIZE 26.0   /* problem items */
#define ITEM_LINE 40.0
#define ITEM_CHARS 80    /* an item longer than this is cut with "…" */

typedef struct {
  nb_arena *a;
  double y; /* next free place, from the top */
} poster;

static void put_str(nb_arena *a, nb_node *m, const char *k, const char *v)
{
  nb_node_put(a, m, k, nb_node_new_cstr(a, v));
}

static void put_int(nb_arena *a, nb_node *m, const char *k, int64_t v)
{
  nb_node_put(a, m, k, nb_node_new_int(a, v));
}

/* Width of UTF-8 S in units of the font size: 1 for wide characters, 0.55 for others. */
static double text_width(const char *s, size_t len)
{
  double w = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    i += nb_utf8_decode(s + i, len - i, &cp);
    w += nb_utf8_cp_width(cp) == 2 ? 1.0 : 0.55;
  }
  return w;
}

/* A font size at most MAX that fits S into WIDTH. */
static int64_t fit_size(const char *s, double width, double max)
{
  double w = text_width(s, strlen(s));
  double size = w > 0 && width / w < max ? width / w : max;
  return (int64_t)size;
}

static nb_node *line_node(poster *p, const char *text, size_t len, double y, int64_t size)
{
  nb_node *l = nb_node_new(p->a, NB_MAP);
  nb_node_put(p->a, l, "text", nb_node_new_str(p->a, text, len));
  put_int(p->a, l, "y", (int64_t)y);
  put_int(p->a, l, "size", size);
  return l;
}

static void build_title(poster *p, const nb_node *ctx, nb_node *out)
{
  const char *organ = nb_node_cstr(nb_node_path(ctx, "organ.name"));
  const char *line2 = nb_arena_printf(p->a, "%lld年政府信息公开工作年度报告",
                                      (long long)nb_node_int(nb_node_get(ctx, "year"), 0));
  organ = organ ? organ : "";
  nb_node *t = nb_node_new(p->a, NB_MAP), *lines = nb_node_new(p->a, NB_SEQ);
  nb_node_append(p->a, lines, line_node(p, organ, strlen(organ), 84, fit_size(organ, INNER, 46)));
  nb_node_append(p->a, lines, line_node(p, line2, strlen(line2), 142, fit_size(line2, INNER, 36)));
  nb_node_put(p->a, t, "lines", lines);
  put_int(p->a, t, "band", 240);
  put_int(p->a, t, "badge_y", 200);
  nb_node_put(p->a, out, "head", t);
  p->y = 240;
}

static int64_t at(const nb_node *ctx, const char *path)
{
  return nb_node_int(nb_node_path(ctx, path), 0);
}

static void add_card(poster *p, nb_node *cards, const char *label, const char *value,
                     const char *unit)
{
  size_t i = cards->n;
  double w = (INNER - (CARD_COLS - 1) * CARD_GAP) / CARD_COLS;
  double x = MARGIN + (double)(i % CARD_COLS) * (w + CARD_GAP);
  double y = p->y + (double)(i / CARD_COLS) * (CARD_H + CARD_GAP);
  nb_node *c = nb_node_new(p->a, NB_MAP);
  put_str(p->a, c, "label", label);
  put_str(p->a, c, "value", value);
  put_str(p->a, c, "unit", unit);
  put_int(p->a, c, "x", (int64_t)x);
  put_int(p->a, c, "y", (int64_t)y);
  put_int(p->a, c, "w", (int64_t)w);
  put_int(p->a, c, "h", (int64_t)CARD_H);
  put_int(p->a, c, "cx", (int64_t)(x + w / 2));
  put_int(p->a, c, "value_y", (int64_t)(y + 82));
  put_int(p->a, c, "label_y", (int64_t)(y + 128));
  /* the number and its unit (at half size) fit the card */
  double units = text_width(value, strlen(value)) + 0.5 * text_width(unit, strlen(unit)) + 0.15;
  double size = (w - 24) / units;
  put_int(p->a, c, "value_size", (int64_t)(size < 56 ? size : 56));
  nb_node_append(p->a, cards, c);
}

static void build_cards(poster *p, const nb_node *ctx, nb_node *out)
{
  nb_arena *a = p->a;
  nb_node *cards = nb_node_new(a, NB_SEQ);
  p->y += 40;
  put_int(a, out, "cards_heading_y", (int64_t)(p->y + HEADING));
  p->y += HEADING + 24;
  put_int(a, out, "cards_y", (int64_t)p->y);
  add_card(p, cards, "主动公开政府信息", nb_arena_printf(a, "%lld", (long long)at(ctx, "published.total")), "条");
  add_card(p, cards, "新收政府信息公开申请",
           nb_arena_printf(a, "%lld", (long long)at(ctx, "applications.new.total")), "件");
  add_card(p, cards, "行政许可决定", nb_arena_printf(a, "%lld", (long long)at(ctx, "disclosure.licensing")), "件");
  add_card(p, cards, "行政处罚决定", nb_arena_printf(a, "%lld", (long long)at(ctx, "disclosure.punishment")), "件");
  add_card(p, cards, "行政强制决定", nb_arena_printf(a, "%lld", (long long)at(ctx, "disclosure.coercion")), "件");
  add_card(p, cards, "行政复议", nb_arena_printf(a, "%lld", (long long)at(ctx, "reviews.review.total")), "件");
  add_card(p, cards, "行政诉讼",
           nb_arena_printf(a, "%lld", (long long)(at(ctx, "reviews.litigation_direct.total") +
                                                   at(ctx, "reviews.litigation_after_review.total"))),
           "件");
  const char *fee = nb_node_cstr(nb_node_path(ctx, "other.processing_fees.amount"));
  add_card(p, cards, "信息处理费", fee ? fee : "0", "元");
  nb_node_put(a, out, "cards", cards);
  size_t rows = (cards->n + CARD_COLS - 1) / CARD_COLS;
  p->y += (double)rows * (CARD_H + CARD_GAP);
}

static void build_charts(poster *p, const nb_node *ctx, nb_node *out)
{
  const nb_node *list = nb_node_path(ctx, "charts.list");
  nb_node *charts = nb_node_new(p->a, NB_SEQ);
  for (size_t i = 0; list && i < list->n; i++) {
    nb_node *c = list->items[i];
    const char *hs = nb_node_cstr(nb_node_get(c, "height"));
    const char *ws = nb_node_cstr(nb_node_get(c, "width"));
    double cw = ws ? strtod(ws, NULL) : 720, ch = hs ? strtod(hs, NULL) : 0;
    double h = cw > 0 ? ch * INNER / cw : 0;
    nb_node *e = nb_node_new(p->a, NB_MAP);
    p->y += 30;
    put_str(p->a, e, "heading", nb_node_cstr(nb_node_get(c, "heading")));
    put_int(p->a, e, "heading_y", (int64_t)(p->y + HEADING));
    p->y += HEADING + 20;
    put_int(p->a, e, "y", (int64_t)p->y);
    put_int(p->a, e, "w", (int64_t)INNER);
    put_int(p->a, e, "h", (int64_t)(h + 0.5));
    nb_node_put(p->a, e, "chart", c);
    nb_node_append(p->a, charts, e);
    p->y += h;
  }
  nb_node_put(p->a, out, "charts", charts);
}

/* ---- problems and improvements ------------------------------------------------------- */

/* Length of a leading item marker at S ("- ", "* ", "1. ", "1、", "（一）", "一是"), or 0. */
static size_t marker_len(const char *s, size_t len)
{
  static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  size_t i = 0;
  if (len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
    return 2;
  while (i < len && s[i] >= '0' && s[i] <= '9')
    i++;
  if (i > 0 && i < len && (s[i] == '.' || s[i] == ')'))
    return i + 1 + (i + 1 < len && s[i + 1] == ' ');
  if (i > 0 && len - i >= 3 && memcmp(s + i, "、", 3) == 0)
    return i + 3;
  size_t k = strncmp(s, "（", 3) == 0 ? 3 : 0;
  size_t start = k;
  for (int more = 1; more;) {
    more = 0;
    for (size_t n = 0; n < sizeof nums / sizeof *nums; n++)
      if (len - k >= 3 && memcmp(s + k, nums[n], 3) == 0)
        k += 3, more = 1;
  }
  if (k == start)
    return 0;
  if (start && len - k >= 3 && memcmp(s + k, "）", 3) == 0)
    return k + 3;
  if (!start && len - k >= 3 && (memcmp(s + k, "是", 3) == 0 || memcmp(s + k, "、", 3) == 0))
    return k + 3;
  return 0;
}

/* The first sentence of the paragraph S (markers and Markdown punctuation gone), at most
 * ITEM_CHARS characters; empty for a lead-in that ends with a colon. */
static void first_sentence(const char *s, size_t len, nb_buf *out)
{
  size_t m;
  while ((m = marker_len(s, len)) > 0)
    s += m, len -= m;
  size_t chars = 0;
  for (size_t i = 0; i < len && chars < ITEM_CHARS;) {
    uint32_t cp;
    size_t k = nb_utf8_decode(s + i, len - i, &cp);
    if (cp >= 0x80 || !strchr("*_`\\", (int)cp)) /* Markdown emphasis and escapes */
      nb_buf_put(out, s + i, k), chars++;
    i += k;
    if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) /* 。！？ */
      return;
  }
  if (chars >= ITEM_CHARS)
    nb_buf_puts(out, "…");
  if (out->len >= 3 && memcmp(out->data + out->len - 3, "：", 3) == 0)
    out->len = 0; /* "存在的主要问题具体表现为：" introduces the items */
}

/* Whether CP never starts a line (GB/T 15834): it hangs at the end of the line before. */
static int no_line_start(uint32_t cp)
{
  static const uint32_t marks[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
                                   0xFF09, 0x300D, 0x300F, 0x201D, 0x2019, 0x300B, 0x2026};
  for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
    if (cp == marks[i])
      return 1;
  return 0;
}

/* Lines of TEXT wrapped to the inner width at ITEM_SIZE, each a node at P->y onwards. */
static nb_node *wrap(poster *p, const char *text, double width)
{
  nb_node *lines = nb_node_new(p->a, NB_SEQ);
  size_t len = strlen(text), start = 0;
  double w = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t k = nb_utf8_decode(text + i, len - i, &cp);
    double cw = (nb_utf8_cp_width(cp) == 2 ? 1.0 : 0.55) * ITEM_SIZE;
    if (w + cw > width && i > start && !no_line_start(cp)) {
      p->y += ITEM_LINE;
      nb_node_append(p->a, lines, line_node(p, text + start, i - start, p->y, (int64_t)ITEM_SIZE));
      start = i;
      w = 0;
    }
    w += cw;
    i += k;
  }
  if (start < len) {
    p->y += ITEM_LINE;
    nb_node_append(p->a, lines, line_node(p, text + start, len - start, p->y, (int64_t)ITEM_SIZE));
  }
  return lines;
}

/* One list: the first sentence of each paragraph or list item of the prose field SRC. */
static void build_list(poster *p, const char *heading, const char *src, nb_node *lists)
{
  nb_node *items = nb_node_new(p->a, NB_SEQ), *l = nb_node_new(p->a, NB_MAP);
  double top = p->y + 30;
  p->y = top + HEADING + 10;
  for (const char *s = src ? src : ""; *s && items->n < NB_POSTER_ITEMS;) {
    const char *nl = strchr(s, '\n');
    size_t len = nl ? (size_t)(nl - s) : strlen(s);
    while (len && (*s == ' ' || *s == '>'))
      s++, len--;
    nb_buf b = NB_BUF_INIT;
    first_sentence(s, len, &b);
    if (b.len) {
      nb_node *it = nb_node_new(p->a, NB_MAP);
      put_int(p->a, it, "number", (int64_t)items->n + 1);
      nb_node_put(p->a, it, "lines", wrap(p, nb_buf_cstr(&b), INNER - 44));
      put_int(p->a, it, "number_y", nb_node_int(nb_node_get(nb_node_get(it, "lines")->items[0], "y"), 0));
      nb_node_append(p->a, items, it);
      p->y += 8;
    }
    nb_buf_free(&b);
    s += len + (nl ? 1 : 0);
  }
  if (!items->n) {
    p->y = top - 30;
    return;
  }
  put_str(p->a, l, "heading", heading);
  put_int(p->a, l, "heading_y", (int64_t)(top + HEADING));
  nb_node_put(p->a, l, "items", items);
  nb_node_append(p->a, lists, l);
}

void nb_poster_build(nb_node *ctx, const nb_node *data, nb_arena *a)
{
  poster p = {a, 0};
  nb_node *out = nb_node_new(a, NB_MAP);
  put_int(a, out, "width", NB_POSTER_WIDTH);
  build_title(&p, ctx, out);
  build_cards(&p, ctx, out);
  build_charts(&p, ctx, out);
  nb_node *lists = nb_node_new(a, NB_SEQ);
  const nb_node *pr = nb_node_get(data, "problems");
  build_list(&p, "存在的主要问题", nb_node_cstr(nb_node_get(pr, "main_problems")), lists);
  build_list(&p, "改进情况", nb_node_cstr(nb_node_get(pr, "improvements")), lists);
  nb_node_put(a, out, "lists", lists);
  nb_node *f = nb_node_new(a, NB_MAP);
  put_str(a, f, "text", nb_arena_printf(a, "数据来源：%s", nb_node_cstr(nb_node_get(ctx, "title"))));
  put_int(a, f, "y", (int64_t)(p.y + 70));
  nb_node_put(a, out, "footer", f);
  put_int(a, out, "height", (int64_t)(p.y + 110));
  nb_node_put(a, ctx, "poster", out);
}
