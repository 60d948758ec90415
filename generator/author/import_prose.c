/* Import of the identity (title and opening paragraph) and of the prose of parts 一, 五, 六.
 *
 * Prose is read as paragraphs (one per line; a line cut in the middle of a sentence is joined
 * to the next). A sub-heading is a paragraph opening with a numbering mark in any style
 * ("（一）", "(5)", "一、", "1、", "1.") whose head — the words up to the first "：", "。" or
 * "，" — is short and names one of the sub-areas; the text after "：" is the sub-area's
 * first paragraph. Paragraphs under no recognised sub-heading stay with the one before (or
 * go to the summary), so nothing is dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "author/import_priv.h"
#include "core/utf8.h"

/* ---- paragraphs ---- */

typedef struct {
  char *text;     /* arena */
  size_t len;
  uint32_t line;
} para;

typedef struct {
  para *p;
  size_t n, cap;
} paras;

static int ends_sentence(const char *s, size_t len)
{
  static const char *const ends[] = {"。", "！", "？", "；", "：", "…", "”", "」", "』", "）",
                                     ")", ".", "!", "?", ";", ":", "\"", NULL};
  for (const char *const *e = ends; *e; e++) {
    size_t n = strlen(*e);
    if (len >= n && memcmp(s + len - n, *e, n) == 0)
      return 1;
  }
  return 0;
}

static int is_bullet(const char *s, size_t len)
{
  return len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ';
}

/* The text of line I: its cells' text joined by a space (a prose line has one cell). */
static char *line_text(nbi *m, size_t i, size_t *len)
{
  const nbi_line *ln = &m->lines[i];
  nb_buf b = NB_BUF_INIT;
  if (!ln->dropped)
    for (size_t j = ln->first; j < ln->first + ln->ncells; j++) {
      const nbi_cell *c = &m->cells[j];
      if (c->len == 0)
        continue;
      if (b.len)
        nb_buf_putc(&b, ' ');
      nb_buf_put(&b, c->raw, c->len);
    }
  char *s = nb_arena_strndup(m->arena, b.data ? b.data : "", b.len);
  *len = b.len;
  nb_buf_free(&b);
  return s;
}

/* Whether the line S is the image of a chart render wrote ("![图1 …](…-图1.svg)"): the
 * chart is drawn from the data again, it is not prose. */
static int chart_image(const char *s, size_t len)
{
  static const char open[] = "![图", close[] = ".svg)";
  size_t lo = sizeof open - 1, lc = sizeof close - 1;
  return len > lo + lc && memcmp(s, open, lo) == 0 && memcmp(s + len - lc, close, lc) == 0 &&
         memchr(s, '\n', len) == NULL;
}

static void collect(nbi *m, size_t from, size_t to, paras *out)
{
  for (size_t i = from; i < to && i < m->nlines; i++) {
    size_t len;
    char *s = line_text(m, i, &len);
    if (len == 0 || chart_image(s, len))
      continue;
    nbi_mark mk;
    if (out->n) {
      para *prev = &out->p[out->n - 1];
      if (!ends_sentence(prev->text, prev->len) && prev->len < 2000
          && nb_utf8_count(prev->text, prev->len) >= 30
          && nbi_marker(s, len, &mk) == 0 && !is_bullet(s, len)) {
        /* a sentence cut by a line break in the copy: "…确保政务公开工" / "作任务落到实处。" */
        char *j = nb_arena_alloc(m->arena, prev->len + len + 1);
        memcpy(j, prev->text, prev->len);
        memcpy(j + prev->len, s, len);
        prev->text = j;
        prev->len += len;
        continue;
      }
    }
    NB_GROW(out->p, out->n, out->cap, 32);
    out->p[out->n++] = (para){s, len, m->lines[i].no};
  }
}

/* Prose of one field, paragraphs separated by a blank line, list items by a line break. */
typedef struct {
  nb_buf b;
  int last_bullet;
  uint32_t line;  /* where its text starts, 0 if empty */
} prose;

static void prose_add(prose *pr, const char *s, size_t len, uint32_t line)
{
  while (len && (s[0] == ' ' || s[0] == '\t')) {
    s++;
    len--;
  }
  if (len == 0)
    return;
  int bullet = is_bullet(s, len);
  if (pr->b.len)
    nb_buf_puts(&pr->b, bullet && pr->last_bullet ? "\n" : "\n\n");
  nb_buf_put(&pr->b, s, len);
  pr->last_bullet = bullet;
  if (!pr->line)
    pr->line = line;
}

/* The field's value: the text with a final newline, or "". Frees the buffer. */
static nb_node *prose_node(nbi *m, prose *pr)
{
  if (pr->b.len)
    nb_buf_putc(&pr->b, '\n');
  nb_node *n = nb_node_new_str(m->arena, pr->b.data ? pr->b.data : "", pr->b.len);
  nb_buf_free(&pr->b);
  return n;
}

/* ---- sub-headings ---- */

typedef int (*classifier)(const char *head_norm);

/* Whether paragraph P is a sub-heading that CLS recognises. *AREA gets the class; *BODY the
 * offset of the text that follows the heading on the same line (P->len: none; 0: the heading
 * is part of a sentence, keep the whole paragraph). */
static int heading(nbi *m, const para *p, classifier cls, int *area, size_t *body)
{
  static const char *const delims[] = {"：", ":", "。", "，", ",", "；", ";", NULL};
  nbi_mark mk;
  size_t mo = nbi_marker(p->text, p->len, &mk);
  const char *rest = p->text + mo;
  size_t rl = p->len - mo, hl = rl;
  const char *delim = NULL;
  for (const char *const *d = delims; *d; d++) {
    const char *f = nb_utf8_find(rest, rl, *d);
    if (f && (size_t)(f - rest) < hl) {
      hl = (size_t)(f - rest);
      delim = *d;
    }
  }
  size_t chars = nb_utf8_count(rest, hl);
  if (chars == 0 || chars > 20)
    return 0;
  if (mk.kind == NBI_MARK_NONE && (hl < rl || chars > 12))
    return 0;
  int a = cls(nbi_norm(m, rest, hl));
  if (a < 0)
    return 0;
  *area = a;
  if (hl == rl)
    *body = p->len;
  else if (strcmp(delim, "：") == 0 || strcmp(delim, ":") == 0 || (strcmp(delim, "。") == 0
                                                                   && chars <= 12))
    *body = mo + hl + strlen(delim);
  else
    *body = 0;
  return 1;
}

static size_t strip_marker(const para *p)
{
  nbi_mark mk;
  return nbi_marker(p->text, p->len, &mk);
}

/* ---- identity ---- */

static const char *const body_words[] = {"政府", "办事处", "局", "委员会", "委", "办公室", "办",
                                         "厅", "院", "中心", "所", "站", "署", "会", NULL};

static int ends_with(const char *s, const char *suffix)
{
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The title: the first short line mentioning 报告 before part 一. */
static size_t find_title(nbi *m)
{
  size_t end = m->part[1] != NBI_NONE ? m->part[1] : m->nlines < 12 ? m->nlines : 12;
  for (size_t i = 0; i < end; i++) {
    const nbi_cell *c = nbi_line_cell(m, i);
    if (c && strstr(c->norm, "报告") && nb_utf8_count(c->raw, c->len) <= 80)
      return i;
  }
  return NBI_NONE;
}

/* Finds "20dd年" in NORM; returns its offset or -1, the year in *YEAR. */
static long find_year(const char *norm, int *year)
{
  for (const char *p = norm; p[0]; p++)
    if (p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9'
        && nb_utf8_starts_cstr(p + 4, "年") && (p == norm || p[-1] < '0' || p[-1] > '9')) {
      *year = (p[2] - '0') * 10 + (p[3] - '0') + 2000;
      return p - norm;
    }
  return -1;
}

static const char *guess_level(const char *name, int *sure)
{
  static const struct {
    const char *suffix, *level;
    int sure;
  } rules[] = {
    {"乡人民政府", "乡镇", 1}, {"镇人民政府", "乡镇", 1}, {"乡政府", "乡镇", 1},
    {"镇政府", "乡镇", 1}, {"苏木人民政府", "乡镇", 1}, {"街道办事处", "街道", 1},
    {"街道", "街道", 1}, {"乡", "乡镇", 0}, {"镇", "乡镇", 0},
    {"县人民政府", "县级人民政府", 1}, {"旗人民政府", "县级人民政府", 1},
    {"区人民政府", "县级人民政府", 0}, {"自治区人民政府", "省级人民政府", 1},
    {"省人民政府", "省级人民政府", 1}, {"市人民政府", "市级人民政府", 0},
  };
  *sure = 0;
  const char *best = NULL;
  size_t best_len = 0;
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
    if (ends_with(name, rules[i].suffix) && strlen(rules[i].suffix) > best_len) {
      best = rules[i].level;
      best_len = strlen(rules[i].suffix);
      *sure = rules[i].sure;
    }
  if (best)
    return best;
  /* a department: named after the government above it */
  static const char *const dept[] = {"局", "委员会", "委", "办公室", "厅", "中心", "署", NULL};
  for (const char *const *d = dept; *d; d++)
    if (ends_with(name, *d)) {
      if (strstr(name, "省") && !strstr(name, "市") && !strstr(name, "县"))
        return *sure = 1, "省级部门";
      if (strstr(name, "县") || strstr(name, "旗"))
        return *sure = 1, "县级部门";
      if (strstr(name, "区"))
        return "县级部门";
      if (strstr(name, "市"))
        return "市级部门";
      return "其他";
    }
  return "其他";
}

/* "三门峡市湖滨区磁钟乡人民政府" → region "三门峡市湖滨区", name "磁钟乡人民政府": the
 * township's own name follows the last 省/市/区/县/旗 that leaves it at least two characters
 * before its 乡/镇/街道 ("某县新市镇" keeps "新市镇"). */
static char *split_region(nbi *m, char *name, const char **region)
{
  static const char *const units[] = {"省", "市", "区", "县", "旗", NULL};
  static const char *const kinds[] = {"乡", "镇", "街道", "苏木", NULL};
  for (size_t i = strlen(name); i-- > 0;) {
    size_t unit = 0;
    for (const char *const *u = units; *u && !unit; u++)
      unit = nb_utf8_starts_cstr(name + i, *u);
    if (!unit)
      continue;
    char *rest = name + i + unit;
    const char *k = NULL;
    for (const char *const *kk = kinds; *kk && !k; kk++)
      k = strstr(rest, *kk);
    if (k && nb_utf8_count(rest, (size_t)(k - rest)) >= 2) {
      *region = nb_arena_strndup(m->arena, name, i + 3);
      return rest;
    }
  }
  return name;
}

/* The organ's name in the title cell C ("某某局2024年…", "2024年度某某局…"), or NULL; the
 * year into *YEAR when the title has one. */
static char *title_name(nbi *m, const nbi_cell *c, int *year)
{
  nbi_mark mk;
  size_t mo = nbi_marker(c->raw, c->len, &mk);
  const char *t = nbi_norm(m, c->raw + mo, c->len - mo);
  char *name = NULL;
  long at = find_year(t, year);
  if (at > 0) {
    name = nb_arena_strndup(m->arena, t, (size_t)at);
  } else if (at == 0) { /* "2024年度某某局政府信息公开工作年度报告" */
    const char *s = t + 4 + strlen("年");
    s += nb_utf8_starts_cstr(s, "度");
    const char *e = strstr(s, "政府信息公开");
    if (e && e > s)
      name = nb_arena_strndup(m->arena, s, (size_t)(e - s));
  }
  return name ? name + nb_utf8_starts_cstr(name, "关于") : NULL;
}

static void organ_and_year(nbi *m, size_t title, nb_node *organ)
{
  const nbi_cell *c = title == NBI_NONE ? NULL : nbi_line_cell(m, title);
  uint32_t line = c ? c->line : 0;
  int year = 0;
  char *name = c ? title_name(m, c, &year) : NULL;
  if (!year) /* the year may be only in the text: "2024年，…" */
    for (size_t i = 0; i < m->nlines && i < 40 && !year; i++) {
      const nbi_cell *d = nbi_line_cell(m, i);
      if (d && strstr(d->norm, "政府信息公开") && find_year(d->norm, &year) >= 0)
        line = d->line;
    }
  if (name && *name) {
    int body = 0;
    for (const char *const *w = body_words; *w; w++)
      body |= ends_with(name, *w);
    char *full = nb_arena_printf(m->arena, "%s人民政府", name);
    if (!body && nb_utf8_find(m->buf, m->len, full)) {
      nbi_report(m, 0, "NB613", line, "标题中的机关名称“%s”不是全称，正文中有“%s”，已采用后者",
                 name, full);
      name = full;
    }
    int sure;
    const char *level = guess_level(name, &sure);
    const char *region = NULL;
    if (strcmp(level, "乡镇") == 0 || strcmp(level, "街道") == 0)
      name = split_region(m, name, &region);
    nb_node_put(m->arena, organ, "name", nb_node_new_cstr(m->arena, name));
    nb_node_put(m->arena, organ, "level", nb_node_new_cstr(m->arena, level));
    if (region)
      nb_node_put(m->arena, organ, "region", nb_node_new_cstr(m->arena, region));
    if (!sure) {
      nbi_report(m, 0, "NB614", line, "机关层级是按名称“%s”推测的（%s），请确认", name, level);
      nbi_note(m, "organ.level", "按机关名称推测，请确认");
    }
  } else {
    nbi_report(m, 1, "NB611", line, "没有从标题中读出机关名称，organ.name 和 organ.level 已留空");
    nb_node_put(m->arena, organ, "name", nb_node_new(m->arena, NB_NULL));
    nb_node_put(m->arena, organ, "level", nb_node_new(m->arena, NB_NULL));
    nbi_note(m, "organ.name", "请填写机关全称");
    nbi_note(m, "organ.level", "请填写：乡镇、街道、县级人民政府、县级部门等");
  }
  nb_node_put(m->arena, m->root, "year",
              year ? nb_node_new_int(m->arena, year) : nb_node_new(m->arena, NB_NULL));
  if (!year) {
    nbi_report(m, 1, "NB611", line, "没有从标题中读出报告年度，year 已留空");
    nbi_note(m, "year", "请填写报告年度，如2024");
  }
}

/* Text from AFTER (in S) up to the first of STOPS, trimmed; NULL when AFTER is absent. */
static char *between(nbi *m, const char *s, size_t len, const char *after,
                     const char *const *stops)
{
  const char *a = nb_utf8_find(s, len, after);
  if (!a)
    return NULL;
  a += strlen(after);
  size_t rest = len - (size_t)(a - s), end = rest;
  for (const char *const *st = stops; *st; st++) {
    const char *f = nb_utf8_find(a, rest, *st);
    if (f && (size_t)(f - a) < end)
      end = (size_t)(f - a);
  }
  while (end && a[0] == ' ') {
    a++;
    end--;
  }
  while (end && a[end - 1] == ' ')
    end--;
  return end ? nb_arena_strndup(m->arena, a, end) : NULL;
}

static int looks_like_url(const char *s)
{
  return strchr(s, '.') && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789.-_/:?=&%#~") == strlen(s);
}

/* publication and contact from the opening paragraph ("本报告电子版可在…查阅…"). */
static void opening(nbi *m, size_t title)
{
  size_t end = m->part[1] != NBI_NONE ? m->part[1] : 0;
  nb_buf text = NB_BUF_INIT;
  for (size_t i = title == NBI_NONE ? 0 : title + 1; i < end; i++) {
    size_t len;
    const char *s = line_text(m, i, &len);
    nb_buf_put(&text, s, len);
  }
  const char *s = nb_buf_cstr(&text);
  size_t len = text.len;
  static const char *const site_stop[] = {"查阅", "下载", "浏览", NULL};
  static const char *const close[] = {"）", ")", NULL};
  static const char *const office_stop[] = {"联系", NULL};
  static const char *const field_stop[] = {"，", ",", "；", ";", "）", ")", "。", NULL};
  static const char *const open[] = {"（", "(", NULL};
  char *where = between(m, s, len, "可在", site_stop);
  if (where) {
    char *site = where, *url = NULL;
    for (const char *const *o = open; *o; o++) {
      char *b = strstr(where, *o);
      if (b) {
        url = between(m, b, strlen(b), *o, close);
        *b = '\0';
        break;
      }
    }
    if (url && !looks_like_url(url))
      url = NULL;
    nb_node *pub = nb_node_new(m->arena, NB_MAP);
    nb_node_put(m->arena, pub, "site", nb_node_new_cstr(m->arena, site));
    if (url)
      nb_node_put(m->arena, pub, "url",
                  nb_node_new_cstr(m->arena, nb_utf8_starts_cstr(url, "http")
                                                 ? url
                                                 : nb_arena_printf(m->arena, "http://%s", url)));
    if (*site)
      nb_node_put(m->arena, m->root, "publication", pub);
  }
  nb_node *contact = nb_node_new(m->arena, NB_MAP);
  char *office = between(m, s, len, "请与", office_stop);
  if (office && *office && nb_utf8_count(office, strlen(office)) <= 30)
    nb_node_put(m->arena, contact, "office", nb_node_new_cstr(m->arena, office));
  char *addr = between(m, s, len, "地址：", field_stop);
  if (!addr)
    addr = between(m, s, len, "地址:", field_stop);
  if (addr)
    nb_node_put(m->arena, contact, "address", nb_node_new_cstr(m->arena, addr));
  char *phone = between(m, s, len, "电话：", field_stop);
  if (!phone)
    phone = between(m, s, len, "电话:", field_stop);
  if (phone)
    nb_node_put(m->arena, contact, "phone", nb_node_new_cstr(m->arena, phone));
  if (contact->n)
    nb_node_put(m->arena, m->root, "contact", contact);
  nb_buf_free(&text);
}

/* The report date, if the text ends with one ("2025年1月20日"). */
static void report_date(nbi *m)
{
  size_t seen = 0;
  for (size_t i = m->nlines; i-- > 0 && seen < 6;) {
    const nbi_cell *c = nbi_line_cell(m, i);
    if (!c)
      continue;
    seen++;
    int y, mo, d;
    char rest;
    if (sscanf(c->norm, "%4d年%2d月%2d日%c", &y, &mo, &d, &rest) == 3 && y >= 2000
        && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
      nb_node_put(m->arena, m->root, "date",
                  nb_node_new_cstr(m->arena, nb_arena_printf(m->arena, "%04d-%02d-%02d", y, mo,
                                                             d)));
      return;
    }
  }
}

/* nianbao's own Markdown names the region, which the report does not print, in a comment
 * before the title: "<!-- 所在地区：山东省济宁市汶上县 -->" (Markdown escapes undone). */
static void region_comment(nbi *m, size_t title, nb_node *organ)
{
  static const char open[] = "<!-- 所在地区：", close[] = " -->";
  size_t end = title == NBI_NONE ? (m->nlines < 4 ? m->nlines : 4) : title;
  for (size_t i = 0; i < end; i++) {
    size_t len;
    const char *s = line_text(m, i, &len);
    size_t o = sizeof open - 1, c = sizeof close - 1;
    if (len <= o + c || memcmp(s, open, o) != 0 || memcmp(s + len - c, close, c) != 0)
      continue;
    nb_buf b = NB_BUF_INIT;
    for (size_t k = o; k < len - c; k++) {
      if (s[k] == '\\' && k + 1 < len - c)
        k++;
      nb_buf_putc(&b, s[k]);
    }
    nb_node_put(m->arena, organ, "region", nb_node_new_cstr(m->arena, nb_buf_cstr(&b)));
    nb_buf_free(&b);
    return;
  }
}

void nbi_identity(nbi *m)
{
  nb_node_put(m->arena, m->root, "format", nb_node_new_int(m->arena, 2021));
  nb_node *organ = nb_node_new(m->arena, NB_MAP);
  nb_node_put(m->arena, m->root, "organ", organ);
  size_t title = find_title(m);
  organ_and_year(m, title, organ);
  region_comment(m, title, organ);
  report_date(m);
  opening(m, title);
}

/* ---- part 一 ---- */

enum { AREAS = 5 };
static const char *const area_keys[AREAS] = {"active_disclosure", "on_request",
                                            "information_management", "platform",
                                            "supervision"};
static const char *const area_titles[AREAS] = {"（一）主动公开", "（二）依申请公开",
                                              "（三）政府信息管理", "（四）政府信息公开平台建设",
                                              "（五）监督保障"};

static int area_of(const char *head)
{
  if (strstr(head, "依申请"))
    return 1;
  if (strstr(head, "平台"))
    return 3;
  if (strstr(head, "监督") || strstr(head, "保障"))
    return 4;
  if (strstr(head, "信息管理"))
    return 2;
  if (strstr(head, "主动公开"))
    return 0;
  return -1;
}

/* One piece of a list, "乡镇动态13条" or "通知公告类内容共 5 条" → {category, count}; NULL when
 * the piece is not one. */
static nb_node *list_item(nbi *m, const char *q, size_t pl)
{
  char *piece = nbi_norm(m, q, pl);
  size_t n = strlen(piece);
  if (n <= 3 || !ends_with(piece, "条"))
    return NULL;
  piece[n - 3] = '\0';
  size_t d = strlen(piece);
  while (d && piece[d - 1] >= '0' && piece[d - 1] <= '9')
    d--;
  long long cnt = strtoll(piece + d, NULL, 10);
  if (d >= strlen(piece) || strlen(piece) - d > 9)
    return NULL;
  piece[d] = '\0';
  if (ends_with(piece, "共"))
    piece[strlen(piece) - 3] = '\0';
  if (ends_with(piece, "类内容")) /* "通知公告类内容共 5 条" */
    piece[strlen(piece) - 6] = '\0';
  if (!*piece || nb_utf8_count(piece, strlen(piece)) > 20)
    return NULL;
  nb_node *item = nb_node_new(m->arena, NB_MAP);
  nb_node_put(m->arena, item, "category", nb_node_new_cstr(m->arena, piece));
  nb_node_put(m->arena, item, "count", nb_node_new_int(m->arena, cnt));
  return item;
}

/* The stated total before the list at AT in S: the last "N条" within WINDOW bytes and the same
 * sentence, or -1. */
static int64_t stated_before(const char *s, const char *at, size_t window)
{
  const char *t = at;
  size_t lo = (size_t)(at - s) > window ? (size_t)(at - s) - window : 0;
  for (size_t o = (size_t)(at - s); o-- > lo;) {
    if (nb_utf8_starts_cstr(s + o, "。"))
      break;
    if (nb_utf8_starts_cstr(s + o, "条")) {
      t = s + o;
      break;
    }
  }
  if (t >= at)
    return -1;
  const char *d = t;
  while (d > s && (d[-1] == ' ' || (d[-1] >= '0' && d[-1] <= '9')))
    d--;
  if (d < t && *d == ' ')
    d++;
  return d < t && *d >= '0' && *d <= '9' ? strtoll(d, NULL, 10) : -1;
}

/* "…共49条，其中乡镇动态13条；会议公开1条；…" → categories. */
static nb_node *items_listed(nbi *m, const char *s, size_t len, int64_t *stated, size_t *off)
{
  static const char *const keys[] = {"其中", "包含", "包括", NULL};
  enum { WINDOW = 2000, TRIES = 20 }; /* a sentence, and a few of them: linear time */
  for (const char *const *k = keys; *k; k++) {
    int tries = 0;
    for (const char *at = nb_utf8_find(s, len, *k); at && tries < TRIES;
         at = nb_utf8_find(at + 1, len - (size_t)(at + 1 - s), *k), tries++) {
      const char *p = at + strlen(*k);
      size_t rest = len - (size_t)(p - s);
      const char *stop = nb_utf8_find(p, rest < WINDOW ? rest : WINDOW, "。");
      size_t seg = stop ? (size_t)(stop - p) : rest < WINDOW ? rest : WINDOW;
      nb_node *seq = nb_node_new(m->arena, NB_SEQ);
      const char *q = p;
      while (q < p + seg) {
        static const char *const seps[] = {"；", ";", "，", ",", "、", NULL};
        size_t pl = (size_t)(p + seg - q);
        for (const char *const *sp = seps; *sp; sp++) {
          const char *f = nb_utf8_find(q, pl, *sp);
          if (f && (size_t)(f - q) < pl)
            pl = (size_t)(f - q);
        }
        nb_node *item = list_item(m, q, pl);
        if (!item)
          break;
        nb_node_append(m->arena, seq, item);
        q += pl;
        for (const char *const *sp = seps; *sp; sp++)
          if (strncmp(q, *sp, strlen(*sp)) == 0) {
            q += strlen(*sp);
            break;
          }
      }
      if (seq->n >= 1) {
        *stated = stated_before(s, at, WINDOW);
        *off = (size_t)(at - s);
        /* one category is a list only when it is the whole: "共998条，其中主动公开信息998条" */
        if (seq->n == 1 && *stated != nb_node_get(seq->items[0], "count")->num.i)
          continue;
        return seq;
      }
    }
  }
  return NULL;
}

/* "全年累计主动公开政府信息 263 条" → the total alone. */
static int64_t items_total(const char *s, size_t len, size_t *off)
{
  for (size_t i = 0; i < len; i++) {
    if (!nb_utf8_starts(s + i, len - i, "条"))
      continue;
    size_t d = i;
    while (d > 0 && s[d - 1] == ' ')
      d--;
    size_t e = d;
    while (d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9')
      d--;
    if (d == e)
      continue;
    size_t from = d > 60 ? d - 60 : 0;
    if (nb_utf8_find(s + from, d - from, "公开") || nb_utf8_find(s + from, d - from, "发布")) {
      *off = d;
      return strtoll(s + d, NULL, 10);
    }
  }
  return -1;
}

/* The source line of byte OFF in S, prose that starts at line BASE: the first line from BASE
 * on that holds the text at OFF (a few characters of it: paragraphs join lines cut in the
 * middle of a sentence, so counting line breaks in S would drift). */
static uint32_t line_of(nbi *m, const char *s, size_t off, uint32_t base)
{
  for (size_t want = 6; want >= 2; want--) {
    size_t n = 0, chars = 0;
    while (s[off + n] && s[off + n] != '\n' && chars < want) {
      n++;
      while ((s[off + n] & 0xC0) == 0x80)
        n++;
      chars++;
    }
    if (chars < want)
      continue;
    for (size_t i = 0; i < m->nlines; i++) {
      if (m->lines[i].no < base)
        continue;
      size_t len;
      const char *t = line_text(m, i, &len);
      if (nb_utf8_find(t, len, nb_arena_strndup(m->arena, s + off, n)))
        return m->lines[i].no;
    }
  }
  uint32_t line = base;
  for (size_t i = 0; i < off; i++)
    line += s[i] == '\n';
  return line;
}

/* GENERATED holds the sentence nianbao's own Markdown adds after 主动公开 (see
 * generated_sentence): its list, when it has one, is the data itself. */
static nb_node *published_items(nbi *m, prose *areas, prose *summary, prose *generated)
{
  const prose *order[AREAS + 2] = {generated, &areas[0], summary, &areas[1], &areas[2],
                                   &areas[3], &areas[4]};
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < AREAS + 2; i++) {
      const prose *pr = order[i];
      const char *s = nb_buf_cstr(&pr->b);
      size_t off = 0;
      int64_t stated = -1;
      nb_node *seq = pass == 0 ? items_listed(m, s, pr->b.len, &stated, &off) : NULL;
      if (seq) {
        int64_t sum = 0;
        for (size_t k = 0; k < seq->n; k++)
          sum += nb_node_get(seq->items[k], "count")->num.i;
        if (stated >= 0 && stated != sum)
          nbi_report(m, 0, "NB612", line_of(m, s, off, pr->line),
                     "原文说主动公开%lld条，而各类条数相加为%lld；已按各类导入，总数由程序计算",
                     (long long)stated, (long long)sum);
        return seq;
      }
      int64_t total = pass == 1 ? items_total(s, pr->b.len, &off) : -1;
      if (total >= 0) {
        nb_node *item = nb_node_new(m->arena, NB_MAP);
        nb_node_put(m->arena, item, "category", nb_node_new_cstr(m->arena, "各类信息"));
        nb_node_put(m->arena, item, "count", nb_node_new_int(m->arena, total));
        nb_node *one = nb_node_new(m->arena, NB_SEQ);
        nb_node_append(m->arena, one, item);
        nbi_report(m, 0, "NB612", line_of(m, s, off, pr->line),
                   "原文只给出主动公开总数%lld条，没有分类，已记为一类“各类信息”",
                   (long long)total);
        return one;
      }
    }
  nbi_report(m, 1, "NB612", 0, "没有在第一部分找到主动公开信息的条数，published_items 已留空");
  nbi_note(m, "overview.published_items", "请按类别填写主动公开条数");
  return nb_node_new(m->arena, NB_NULL);
}

/* Whether P is the sentence layout.md.mustache writes after 主动公开 from published_items
 * ("本年度共主动公开政府信息49条，其中乡镇动态13条、会议公开1条。", or only the total for one
 * category), exactly as written: it is not prose, and importing it as prose would print it
 * twice on the next render. */
static int generated_sentence(nbi *m, const para *p)
{
  static const char lead[] = "本年度共主动公开政府信息";
  size_t ll = sizeof lead - 1;
  if (p->len <= ll || memcmp(p->text, lead, ll) != 0)
    return 0;
  long long total;
  int used = 0;
  if (sscanf(p->text + ll, "%lld条%n", &total, &used) == 1 && used > 0
      && strcmp(p->text + ll + used, "。") == 0)
    return 1;
  int64_t stated = -1;
  size_t off = 0;
  nb_node *seq = items_listed(m, p->text, p->len, &stated, &off);
  if (!seq || seq->n < 2)
    return 0;
  nb_buf b = NB_BUF_INIT;
  int64_t sum = 0;
  for (size_t k = 0; k < seq->n; k++)
    sum += nb_node_get(seq->items[k], "count")->num.i;
  nb_buf_printf(&b, "%s%lld条，其中", lead, (long long)sum);
  for (size_t k = 0; k < seq->n; k++)
    nb_buf_printf(&b, "%s%s%lld条", k ? "、" : "",
                  nb_node_cstr(nb_node_get(seq->items[k], "category")),
                  (long long)nb_node_get(seq->items[k], "count")->num.i);
  nb_buf_puts(&b, "。");
  int same = b.len == p->len && memcmp(b.data, p->text, p->len) == 0;
  nb_buf_free(&b);
  return same;
}

static int boilerplate(const para *p)
{
  return strncmp(p->text, "本报告", strlen("本报告")) == 0;
}

/* The five areas of part 一 into OV, each missing one reported and noted. */
static void overview_areas(nbi *m, nb_node *ov, prose *areas)
{
  for (int a = 0; a < AREAS; a++) {
    if (!areas[a].b.len) {
      nbi_report(m, 1, "NB609", 0, "第一部分没有找到“%s”的内容，已留空，请补写", area_titles[a]);
      char path[64];
      snprintf(path, sizeof path, "overview.%s", area_keys[a]);
      nbi_note(m, path, "原文没有这一方面的内容，请补写");
    }
    nb_node_put(m->arena, ov, area_keys[a], prose_node(m, &areas[a]));
  }
}

void nbi_overview(nbi *m)
{
  paras ps = {NULL, 0, 0};
  size_t title = find_title(m);
  size_t pre_from = title == NBI_NONE ? 0 : title + 1;
  size_t pre_to = m->part[1] != NBI_NONE ? m->part[1] : 0;
  collect(m, pre_from, pre_to, &ps);
  size_t npre = ps.n;
  size_t from, to;
  nbi_part_range(m, 1, &from, &to);
  if (from != NBI_NONE)
    collect(m, from, to, &ps);
  prose summary = {NB_BUF_INIT, 0, 0}, generated = {NB_BUF_INIT, 0, 0};
  prose areas[AREAS];
  memset(areas, 0, sizeof areas);
  uint32_t found[AREAS] = {0};
  int cur = -1, any = 0;
  for (size_t i = 0; i < ps.n; i++) {
    const para *p = &ps.p[i];
    if (i < npre) {
      if (!boilerplate(p))
        prose_add(&summary, p->text, p->len, p->line);
      continue;
    }
    int a;
    size_t body;
    if (heading(m, p, area_of, &a, &body) && a != cur) {
      cur = a;
      any = 1;
      if (!found[a])
        found[a] = p->line;
      if (body == 0)
        prose_add(&areas[a], p->text, p->len, p->line);
      else if (body < p->len)
        prose_add(&areas[a], p->text + body, p->len - body, p->line);
      continue;
    }
    if (cur == 0 && generated_sentence(m, p)) {
      prose_add(&generated, p->text, p->len, p->line);
      continue;
    }
    prose_add(cur < 0 ? &summary : &areas[cur], p->text, p->len, p->line);
  }
  free(ps.p);
  nb_node *ov = nb_node_new(m->arena, NB_MAP);
  nb_node_put(m->arena, m->root, "overview", ov);
  if (!any && summary.b.len && from != NBI_NONE)
    nbi_report(m, 0, "NB609", m->lines[m->part[1]].no,
               "第一部分的小标题对不上格式的五个方面（主动公开、依申请公开、政府信息管理、平台建设、"
               "监督保障），全文已放入概述（overview.summary），请按五个方面分开");
  nb_node *items = published_items(m, areas, &summary, &generated);
  nb_buf_free(&generated.b);
  if (summary.b.len)
    nb_node_put(m->arena, ov, "summary", prose_node(m, &summary));
  nb_buf_free(&summary.b);
  overview_areas(m, ov, areas);
  nb_node_put(m->arena, ov, "published_items", items);
}

/* ---- part 五 ---- */

static int problem_head(const char *head)
{
  if (strstr(head, "改进") || strstr(head, "整改") || strstr(head, "措施"))
    return 1;
  if (strstr(head, "问题"))
    return 0;
  return -1;
}

static int starts_improvement(const para *p)
{
  static const char *const words[] = {"针对", "下一步", "改进措施", "整改措施", "今后", NULL};
  size_t mo = strip_marker(p);
  for (const char *const *w = words; *w; w++)
    if (strncmp(p->text + mo, *w, strlen(*w)) == 0)
      return 1;
  return 0;
}

static int states_problem(const para *p)
{
  return nb_utf8_find(p->text, p->len, "存在") && nb_utf8_find(p->text, p->len, "问题");
}

/* Without headings: the paragraph where the improvements begin, or PS->n with *WHOLE set when
 * the part does not separate problems from improvements. */
static size_t improvements_start(const paras *ps, int *whole)
{
  size_t split = ps->n;
  for (size_t i = 1; i < ps->n && split == ps->n; i++)
    if (starts_improvement(&ps->p[i]))
      split = i;
  for (size_t i = split + 1; i < ps->n; i++)
    if (states_problem(&ps->p[i]) && !starts_improvement(&ps->p[i]))
      *whole = 1;
  if (split == ps->n && ps->n)
    *whole = 1;
  return *whole ? ps->n : split;
}

void nbi_problems(nbi *m)
{
  size_t from, to;
  nbi_part_range(m, 5, &from, &to);
  paras ps = {NULL, 0, 0};
  if (from != NBI_NONE)
    collect(m, from, to, &ps);
  prose pr[2];
  memset(pr, 0, sizeof pr);
  int explicit_headings = 0;
  for (size_t i = 0; i < ps.n; i++) {
    int a;
    size_t body;
    if (heading(m, &ps.p[i], problem_head, &a, &body) && body != 0)
      explicit_headings = 1;
  }
  int whole = 0;
  size_t split = explicit_headings ? ps.n : improvements_start(&ps, &whole);
  int cur = 0;
  for (size_t i = 0; i < ps.n; i++) {
    const para *p = &ps.p[i];
    int a;
    size_t body;
    if (explicit_headings) {
      if (heading(m, p, problem_head, &a, &body) && body != 0) {
        cur = a;
        if (body < p->len)
          prose_add(&pr[a], p->text + body, p->len - body, p->line);
        continue;
      }
    } else {
      cur = i >= split;
    }
    prose_add(&pr[cur], p->text, p->len, p->line);
  }
  free(ps.p);
  if (whole)
    nbi_report(m, 1, "NB610", m->lines[m->part[5]].no,
               "第五部分没有分开“存在的主要问题”和“改进情况”，全文已放入 problems.main_problems，"
               "请把改进情况移到 problems.improvements");
  nb_node *pm = nb_node_new(m->arena, NB_MAP);
  nb_node_put(m->arena, m->root, "problems", pm);
  static const char *const keys[2] = {"main_problems", "improvements"};
  static const char *const names[2] = {"存在的主要问题", "改进情况"};
  for (int k = 0; k < 2; k++) {
    if (!pr[k].b.len) {
      if (!whole)
        nbi_report(m, 1, "NB610", 0, "第五部分没有找到“%s”的内容，已留空，请补写", names[k]);
      char path[64];
      snprintf(path, sizeof path, "problems.%s", keys[k]);
      nbi_note(m, path, whole ? "请从 main_problems 中移入改进情况" : "原文没有这部分内容，请补写");
    }
    nb_node_put(m->arena, pm, keys[k], prose_node(m, &pr[k]));
  }
}

/* ---- part 六 ---- */

enum { O_WORK, O_PROPOSALS, O_INNOVATIONS, O_MORE, O_KINDS };
static const char *const other_keys[O_KINDS] = {"work_points", "proposals", "innovations",
                                                "more"};

static int other_head(const char *head)
{
  if (strstr(head, "工作要点"))
    return O_WORK;
  if (strstr(head, "人大") || strstr(head, "政协") || strstr(head, "提案"))
    return O_PROPOSALS;
  if (strstr(head, "创新"))
    return O_INNOVATIONS;
  return -1;
}

/* A heading of part 六: the kinds above, "其他事项" (more), or the fee heading (O_KINDS: its
 * sentence follows and is read by fees). */
static int other_heading(const char *head)
{
  int k = other_head(head);
  if (k >= 0)
    return k;
  if (strstr(head, "处理费"))
    return O_KINDS;
  if (strcmp(head, "其他") == 0 || strcmp(head, "其他事项") == 0)
    return O_MORE;
  return -1;
}

/* The signature after part 六: the organ's name (with or without its region) or the date,
 * in the last two paragraphs. */
static int signature(nbi *m, const paras *ps, size_t i)
{
  if (i + 2 < ps->n)
    return 0;
  const para *p = &ps->p[i];
  int y, mo, d;
  char rest;
  if (sscanf(p->text, "%4d年%2d月%2d日%c", &y, &mo, &d, &rest) == 3)
    return 1;
  const nb_node *organ = nb_node_get(m->root, "organ");
  const char *name = nb_node_cstr(nb_node_get(organ, "name"));
  const char *region = nb_node_cstr(nb_node_get(organ, "region"));
  size_t nl = name ? strlen(name) : 0, rl = region ? strlen(region) : 0;
  if (!name || p->len < nl || memcmp(p->text + p->len - nl, name, nl) != 0)
    return 0;
  return p->len == nl || (region && p->len == rl + nl && memcmp(p->text, region, rl) == 0);
}

/* 信息处理费 from a sentence: none charged, or "N件" and "N元". 1 when read. */
static int fees(nbi *m, const para *p, nb_node *pf)
{
  static const char *const none[] = {"未收取", "没有产生", "未产生", "无收取", "没有收取",
                                     "不存在收取", "未发生", "未收费", "无信息处理费",
                                     "不收取", NULL};
  for (const char *const *w = none; *w; w++)
    if (nb_utf8_find(p->text, p->len, *w)) {
      nb_node_put(m->arena, pf, "notices", nb_node_new_int(m->arena, 0));
      nb_node_put(m->arena, pf, "amount", nb_node_new_int(m->arena, 0));
      return 1;
    }
  const char *norm = nbi_norm(m, p->text, p->len);
  const char *yuan = strstr(norm, "元");
  const char *jian = strstr(norm, "件");
  if (!yuan || (yuan >= norm + strlen("万") && nb_utf8_starts_cstr(yuan - strlen("万"), "万")))
    return 0;
  const char *d = yuan;
  while (d > norm && ((d[-1] >= '0' && d[-1] <= '9') || d[-1] == '.'))
    d--;
  if (d == yuan)
    return 0;
  nb_node *amount = nb_node_new(m->arena, NB_REAL);
  amount->str = nb_arena_strndup(m->arena, d, (size_t)(yuan - d));
  amount->len = (size_t)(yuan - d);
  amount->num.r = strtod(amount->str, NULL);
  if (!strchr(amount->str, '.')) {
    amount->kind = NB_INT;
    amount->num.i = strtoll(amount->str, NULL, 10);
  }
  nb_node *notices = nb_node_new(m->arena, NB_NULL);
  if (jian) {
    const char *e = jian;
    while (e > norm && e[-1] >= '0' && e[-1] <= '9')
      e--;
    if (e < jian)
      notices = nb_node_new_int(m->arena, strtoll(e, NULL, 10));
  }
  nb_node_put(m->arena, pf, "notices", notices);
  nb_node_put(m->arena, pf, "amount", amount);
  if (notices->kind == NB_NULL) {
    nbi_report(m, 1, "NB616", p->line, "第六部分写了信息处理费金额，但没有写收费通知件数，已留空");
    nbi_note(m, "other.processing_fees.notices", "请填写发出收费通知的件数");
  }
  return 1;
}

static int says_nothing(const para *p)
{
  size_t mo = strip_marker(p);
  const char *s = p->text + mo;
  return strcmp(s, "无") == 0 || strcmp(s, "无。") == 0 || strcmp(s, "无.") == 0;
}

void nbi_other(nbi *m)
{
  size_t from, to;
  nbi_part_range(m, 6, &from, &to);
  paras ps = {NULL, 0, 0};
  if (from != NBI_NONE)
    collect(m, from, to, &ps);
  prose pr[O_KINDS];
  memset(pr, 0, sizeof pr);
  nb_node *pf = nb_node_new(m->arena, NB_MAP);
  int fee_read = 0, fee_seen = 0;
  uint32_t fee_line = 0;
  int cur = O_MORE;
  for (size_t i = 0; i < ps.n; i++) {
    const para *p = &ps.p[i];
    if (says_nothing(p) || signature(m, &ps, i))
      continue;
    size_t mo = strip_marker(p);
    if (nb_utf8_find(p->text, p->len, "处理费")) {
      fee_seen = 1;
      fee_line = p->line;
      if (!fee_read && fees(m, p, pf)) {
        fee_read = 1;
        cur = O_MORE;
        continue;
      }
    }
    int a;
    size_t body;
    if (heading(m, p, other_heading, &a, &body) && body == p->len) {
      if (a != O_KINDS)
        cur = a; /* heading alone: its text follows */
      continue;
    }
    int k = other_head(nbi_norm(m, p->text, p->len));
    if (k >= 0)
      cur = k;
    else if (mo)
      cur = O_MORE;
    prose_add(&pr[cur], p->text + mo, p->len - mo, p->line);
  }
  free(ps.p);
  nb_node *om = nb_node_new(m->arena, NB_MAP);
  nb_node_put(m->arena, m->root, "other", om);
  if (fee_read) {
    nb_node_put(m->arena, om, "processing_fees", pf);
  } else {
    nbi_report(m, 1, "NB616", fee_seen ? fee_line : 0,
               fee_seen ? "第六部分提到了信息处理费，但读不出收费通知件数和金额，已留空"
                        : "原文没有明说是否收取信息处理费，other.processing_fees 已留空（未收取的，"
                          "填 notices: 0 和 amount: 0）");
    nb_node_put(m->arena, om, "processing_fees", nb_node_new(m->arena, NB_NULL));
    nbi_note(m, "other.processing_fees", "请填写 {notices: 件数, amount: 金额}，未收取填0");
  }
  for (int k = 0; k < O_KINDS; k++)
    if (pr[k].b.len)
      nb_node_put(m->arena, om, other_keys[k], prose_node(m, &pr[k]));
    else
      nb_buf_free(&pr[k].b);
}
