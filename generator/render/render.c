/* nb_render: Markdown by template, HTML through cmark and the whitelist filter, JSON by a
 * small writer that walks the context. */
#include "render/render.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "check/report.h"
#include "render/context.h"
#include "render/figure.h"
#include "core/diag.h"
#include "core/jsonout.h"
#include "core/utf8.h"
#include "render/sanitize.h"

struct nb_renderer {
  nb_mus_dirs *dirs;
};

/* "DIR/SUB". The caller frees it. */
static char *dir_join(const char *dir, const char *sub)
{
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%s/%s", dir, sub);
  return nb_buf_detach(&b);
}

nb_renderer *nb_renderer_new(const char *templates_dir)
{
  nb_renderer *r = nb_xcalloc(1, sizeof *r);
  r->dirs = nb_mus_dirs_new(1);
  if (templates_dir) {
    nb_mus_dirs_add(r->dirs, templates_dir);
    char *docx = dir_join(templates_dir, "docx");
    nb_mus_dirs_add(r->dirs, docx); /* the .docx parts may sit in a docx/ folder, as built in */
    free(docx);
  }
  return r;
}

void nb_renderer_free(nb_renderer *r)
{
  if (!r)
    return;
  nb_mus_dirs_free(r->dirs);
  free(r);
}

static void escape_md(void *ud, nb_buf *out, const char *s, size_t n)
{
  (void)ud;
  nb_sanitize_md_text(s, n, out);
}

/* Makes OUT, from byte START on, end with exactly one newline. */
static void end_with_newline(nb_buf *out, size_t start)
{
  while (out->len > start && (out->data[out->len - 1] == '\n' || out->data[out->len - 1] == ' '))
    out->len--;
  nb_buf_putc(out, '\n');
}

int nb_render_template(nb_renderer *r, const char *name, const nb_node *ctx,
                       nb_mus_escape escape, nb_buf *out, nb_mus_error *err)
{
  nb_mus_source src = {NULL, 0, NULL, NULL};
  nb_mus_status st = nb_mus_dir_loader(r->dirs, name, &src);
  if (st != NB_MUS_FOUND) {
    nb_mus_error_free(err);
    snprintf(err->code, sizeof err->code, "%s", st == NB_MUS_IO_ERROR ? "NB409" : "NB406");
    err->file = nb_xstrdup(src.origin ? src.origin : name);
    err->message = st == NB_MUS_IO_ERROR
                     ? nb_xstrdup(src.why ? src.why : "模板无法读取")
                     : nb_xstrdup("找不到模板");
    return -1;
  }
  nb_mus_tpl *t = nb_mus_parse(src.origin ? src.origin : name, src.text, src.len, err);
  if (!t)
    return -1;
  nb_mus_opts opts = {nb_mus_dir_loader, r->dirs, 1, escape, NULL, 0};
  size_t start = out->len;
  int rc = nb_mus_render(t, ctx, &opts, out, err);
  nb_mus_free(t);
  if (rc == 0)
    end_with_newline(out, start);
  return rc;
}

int nb_render_page(nb_renderer *r, const char *name, const nb_node *ctx, nb_buf *out,
                   nb_mus_error *err)
{
  return nb_render_template(r, name, ctx, NULL, out, err);
}

int nb_render_md(nb_renderer *r, const nb_node *ctx, nb_buf *out, nb_mus_error *err)
{
  return nb_render_template(r, "report.md", ctx, escape_md, out, err);
}

/* The text of the last heading <hN>…</hN> in HTML[0..END), tags dropped, as the value of a
 * double-quoted attribute (the text is already escaped, a quote is escaped here); "表格" when
 * there is none. */
static void last_heading(const char *html, const char *end, nb_buf *out)
{
  const char *h = NULL;
  for (const char *p = html; (p = strstr(p, "<h")) && p < end; p++)
    if (p[2] >= '1' && p[2] <= '6' && p[3] == '>')
      h = p + 4;
  const char *stop = h ? strstr(h, "</h") : NULL;
  if (!h || !stop || stop > end) {
    nb_buf_puts(out, "表格");
    return;
  }
  for (int in_tag = 0; h < stop; h++) {
    if (*h == '<' || *h == '>')
      in_tag = *h == '<';
    else if (!in_tag && *h == '"')
      nb_buf_puts(out, "&quot;");
    else if (!in_tag)
      nb_buf_putc(out, *h);
  }
}

/* Puts every table of HTML (filtered: tags are canonical, text has no raw '<') into a
 * <div class="nb-scroll">, which scrolls sideways on a narrow screen. The keyboard reaches it
 * (tabindex, WCAG 2.1.1) and a screen reader names it after the heading above the table. */
static void wrap_tables(const char *html, nb_buf *out)
{
  const char *p = html;
  for (;;) {
    const char *open = strstr(p, "<table");
    const char *close = strstr(p, "</table>");
    if (open && (!close || open < close)) {
      nb_buf_put(out, p, (size_t)(open - p));
      nb_buf_puts(out, "<div class=\"nb-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
      last_heading(html, open, out);
      nb_buf_puts(out, "\">");
      p = open;
      nb_buf_put(out, p, 6);
      p += 6;
    } else if (close) {
      nb_buf_put(out, p, (size_t)(close - p) + 8);
      nb_buf_puts(out, "</div>");
      p = close + 8;
    } else {
      nb_buf_puts(out, p);
      return;
    }
  }
}

/* Headings of DOC in document order never go down more than one level at a time (a prose
 * heading, made #### by nb_sanitize_prose, right under a ## part becomes ###): assistive
 * technology navigates by level, and a skipped level reads as a missing section. */
static void close_heading_gaps(cmark_node *doc)
{
  int prev = 0;
  cmark_iter *it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node *n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
      continue;
    int level = cmark_node_get_heading_level(n);
    if (level > prev + 1)
      cmark_node_set_heading_level(n, level = prev + 1);
    prev = level;
  }
  cmark_iter_free(it);
}

/* The text an item starts with, or "". */
static const char *item_start(cmark_node *item)
{
  cmark_node *para = cmark_node_first_child(item);
  cmark_node *t = para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH
                      ? cmark_node_first_child(para) : NULL;
  const char *lit = t && cmark_node_get_type(t) == CMARK_NODE_TEXT ? cmark_node_get_literal(t) : NULL;
  return lit ? lit : "";
}

/* A bullet list whose every item carries its own number ("- （一）…", "- 1、…", as reports
 * write them) becomes the paragraphs it holds, as the PDF sets them: "• （一）" reads badly. */
static void unlist_numbered_items(cmark_node *doc)
{
  cmark_node **lists = NULL;
  size_t n = 0, cap = 0;
  cmark_iter *it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node *l = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(l) != CMARK_NODE_LIST
        || cmark_node_get_list_type(l) != CMARK_BULLET_LIST)
      continue;
    int all = cmark_node_first_child(l) != NULL;
    for (cmark_node *item = cmark_node_first_child(l); item && all; item = cmark_node_next(item))
      all = nb_utf8_self_numbered(item_start(item));
    if (all) {
      NB_GROW(lists, n, cap, 8);
      lists[n++] = l;
    }
  }
  cmark_iter_free(it);
  for (size_t i = n; i-- > 0;) { /* inner lists first: an outer one moves them whole */
    cmark_node *c, *item;
    while ((item = cmark_node_first_child(lists[i])) != NULL) {
      while ((c = cmark_node_first_child(item)) != NULL)
        cmark_node_insert_before(lists[i], c);
      cmark_node_free(item);
    }
    cmark_node_free(lists[i]);
  }
  free(lists);
}

typedef struct {
  nb_renderer *r;
  nb_mus_error *err;
} figure_job;

static int render_figure(void *ud, const char *name, const nb_node *chart, nb_buf *out)
{
  figure_job *j = ud;
  size_t start = out->len;
  int rc = nb_render_template(j->r, name, chart, NULL, out, j->err);
  if (rc == 0 && out->len > start) /* the figure is a block of its own */
    out->len--;
  return rc;
}

int nb_render_chart_svg(nb_renderer *r, const nb_node *chart, nb_buf *out, nb_mus_error *err)
{
  const char *kind = nb_node_cstr(nb_node_get(chart, "kind"));
  return nb_render_template(r, kind && strcmp(kind, "pie") == 0 ? "chart-pie.svg" : "chart-bars.svg",
                         chart, NULL, out, err);
}

int nb_render_poster_svg(nb_renderer *r, const nb_node *ctx, nb_buf *out, nb_mus_error *err)
{
  return nb_render_template(r, "graphic.svg", ctx, NULL, out, err);
}

int nb_render_html(nb_renderer *r, nb_node *ctx, nb_arena *arena, const char *md,
                   size_t md_len, nb_buf *out, nb_mus_error *err)
{
  /* UNSAFE keeps the templates' table blocks; user prose reaches here without raw HTML
   * (nb_sanitize_prose) and the filter removes whatever else is not on its list. */
  int copts = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8;
  const nb_node *charts = nb_node_path(ctx, "charts.list");
  cmark_node *doc = cmark_parse_document(md, md_len, copts);
  close_heading_gaps(doc);
  unlist_numbered_items(doc);
  nb_figure_mark(doc, charts); /* each chart's image becomes its inline figure below */
  char *html = cmark_render_html(doc, copts);
  cmark_node_free(doc);
  nb_buf clean = NB_BUF_INIT, wrapped = NB_BUF_INIT, body = NB_BUF_INIT;
  nb_sanitize_html(html, strlen(html), &clean);
  free(html);
  wrap_tables(nb_buf_cstr(&clean), &wrapped);
  figure_job fj = {r, err};
  int rc = nb_figure_fill(nb_buf_cstr(&wrapped), charts, render_figure, &fj, &body);
  nb_node_put(arena, ctx, "body", nb_node_new_str(arena, nb_buf_cstr(&body), body.len));
  nb_buf_free(&clean);
  nb_buf_free(&wrapped);
  nb_buf_free(&body);
  return rc ? rc : nb_render_template(r, "report.html", ctx, NULL, out, err);
}

/* ---- JSON -------------------------------------------------------------------------- */

typedef struct {
  nb_buf *out;
  int depth;
  int first; /* no member written yet at the current depth */
} json_writer;

static void jw_newline(json_writer *w)
{
  nb_buf_putc(w->out, '\n');
  for (int i = 0; i < w->depth; i++)
    nb_buf_puts(w->out, "  ");
}

static void jw_key(json_writer *w, const char *key)
{
  if (!w->first)
    nb_buf_putc(w->out, ',');
  w->first = 0;
  jw_newline(w);
  if (key) {
    nb_jsonout_string(w->out, key, strlen(key));
    nb_buf_puts(w->out, ": ");
  }
}

static void jw_open(json_writer *w, const char *key, char bracket)
{
  jw_key(w, key);
  nb_buf_putc(w->out, bracket);
  w->depth++;
  w->first = 1;
}

static void jw_close(json_writer *w, char bracket)
{
  w->depth--;
  if (!w->first)
    jw_newline(w);
  nb_buf_putc(w->out, bracket);
  w->first = 0;
}

/* KEY: the scalar N as JSON: integers and numeric text as numbers, other text as a string,
 * nothing as null. */
static void jw_value(json_writer *w, const char *key, const nb_node *n, int numeric)
{
  jw_key(w, key);
  if (!n || !n->str)
    nb_buf_puts(w->out, "null");
  else if (n->kind == NB_INT || numeric)
    nb_buf_put(w->out, n->str, n->len);
  else
    nb_jsonout_string(w->out, n->str, n->len);
}

/* KEY: a map of figures (a table-三 row, a table-四 group, a table-二 row), its integer
 * members in context order; maps inside are written the same way. */
static void jw_figures(json_writer *w, const char *key, const nb_node *m)
{
  jw_open(w, key, '{');
  for (size_t i = 0; m && m->kind == NB_MAP && i < m->n; i++) {
    const nb_pair *p = &m->pairs[i];
    if (p->val->kind == NB_INT)
      jw_value(w, p->key->str, p->val, 1);
    else if (p->val->kind == NB_MAP)
      jw_figures(w, p->key->str, p->val);
  }
  jw_close(w, '}');
}

static void json_identity(json_writer *w, const nb_node *ctx)
{
  const nb_node *organ = nb_node_get(ctx, "organ");
  jw_value(w, "format", nb_node_get(ctx, "format"), 1);
  jw_open(w, "organ", '{');
  jw_value(w, "name", nb_node_get(organ, "name"), 0);
  jw_value(w, "level", nb_node_get(organ, "level"), 0);
  jw_value(w, "region", nb_node_get(organ, "region"), 0);
  jw_close(w, '}');
  jw_value(w, "year", nb_node_get(ctx, "year"), 1);
  jw_value(w, "date", nb_node_path(ctx, "date.iso"), 0);
  jw_open(w, "period", '{');
  jw_value(w, "start", nb_node_path(ctx, "period.start_iso"), 0);
  jw_value(w, "end", nb_node_path(ctx, "period.end_iso"), 0);
  jw_close(w, '}');
}

static void json_overview(json_writer *w, const nb_node *ctx)
{
  const nb_node *items = nb_node_path(ctx, "published.items");
  jw_open(w, "overview", '{');
  jw_open(w, "published_items", '[');
  for (size_t i = 0; items && i < items->n; i++) {
    jw_open(w, NULL, '{');
    jw_value(w, "category", nb_node_get(items->items[i], "category"), 0);
    jw_value(w, "count", nb_node_get(items->items[i], "count"), 1);
    jw_value(w, "share", nb_node_get(items->items[i], "share"), 1);
    jw_close(w, '}');
  }
  jw_close(w, ']');
  jw_value(w, "published_total", nb_node_path(ctx, "published.total"), 1);
  jw_close(w, '}');
}

static void json_disclosure(json_writer *w, const nb_node *ctx)
{
  const nb_node *d = nb_node_get(ctx, "disclosure");
  jw_open(w, "disclosure", '{');
  for (size_t i = 0; i < NB_REPORT_T2_ROWS; i++) {
    const char *key = nb_report_t2_rows[i].key;
    if (nb_report_t2_rows[i].width > 1)
      jw_figures(w, key, nb_node_get(d, key));
    else
      jw_value(w, key, nb_node_get(d, key), 1);
  }
  jw_close(w, '}');
}

void nb_render_json(const nb_node *ctx, nb_buf *out)
{
  json_writer w = {out, 0, 1};
  const nb_node *pf = nb_node_path(ctx, "other.processing_fees");
  nb_buf_putc(out, '{');
  w.depth = 1;
  json_identity(&w, ctx);
  json_overview(&w, ctx);
  json_disclosure(&w, ctx);
  jw_figures(&w, "applications", nb_node_get(ctx, "applications"));
  jw_figures(&w, "reviews", nb_node_get(ctx, "reviews"));
  jw_open(&w, "other", '{');
  jw_open(&w, "processing_fees", '{');
  jw_value(&w, "notices", nb_node_get(pf, "notices"), 1);
  jw_value(&w, "amount", nb_node_get(pf, "amount"), 1);
  jw_close(&w, '}');
  jw_close(&w, '}');
  w.depth = 0;
  nb_buf_puts(out, "\n}\n");
}

/* ---- file names -------------------------------------------------------------------- */

char *nb_render_filename(const nb_node *ctx, const char *ext)
{
  const char *name = nb_node_cstr(nb_node_path(ctx, "organ.name"));
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%lld-", (long long)nb_node_int(nb_node_get(ctx, "year"), 0));
  for (const char *p = name ? name : ""; *p; p++) {
    unsigned char c = (unsigned char)*p;
    int bad = c < 0x20 || c == 0x7f || strchr("/\\:*?\"<>|", c) != NULL;
    nb_buf_putc(&b, bad ? '_' : (char)c);
  }
  nb_buf_printf(&b, ".%s", ext);
  return nb_buf_detach(&b);
}

char *nb_render_stem(const char *name, int year)
{
  nb_arena *a = nb_arena_new();
  nb_node *ctx = nb_node_new(a, NB_MAP), *organ = nb_node_new(a, NB_MAP);
  nb_node_put(a, organ, "name", nb_node_new_cstr(a, name ? name : ""));
  nb_node_put(a, ctx, "organ", organ);
  nb_node_put(a, ctx, "year", nb_node_new_int(a, year));
  char *stem = nb_render_filename(ctx, "");
  stem[strlen(stem) - 1] = '\0'; /* the dot before the empty extension */
  nb_arena_free(a);
  return stem;
}
