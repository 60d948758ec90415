/* An HTML page → the text the importer reads (see office/office.h).
 *
 *   page     -> the report's element: the smallest element holding most part headings
 *               ("一、总体情况" … "六、其他需要报告的事项"), plus the title line before it
 *   element  -> block elements (p, div, h1–h6, li, tr, …) start new lines; <br> breaks a line;
 *               <table> becomes text rows (rowspan/colspan placed, office/grid.h); script,
 *               style, navigation, header, footer, forms, frames and SVG are left out
 *
 * Encoding: UTF-8 when the bytes are valid UTF-8, else GB18030 (GBK, GB2312 pages), whatever
 * the page declares. libxml2's HTML parser reads the page without the network, DTDs or entity
 * expansion beyond HTML's own character references. */
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "office/priv.h"

#define MAX_DEPTH 200

static int is(const xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static int is_any(const xmlNode *n, const char *const *names)
{
  for (; *names; names++)
    if (is(n, *names))
      return 1;
  return 0;
}

static const char *const skipped[] = {"script", "style", "noscript", "nav", "header", "footer",
                                      "form", "button", "select", "iframe", "svg", "object",
                                      "template", "head", "input", "textarea", NULL};
static const char *const block_names[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
  "table", "section", "article", "blockquote", "pre", "center", "hr", "main", "aside", "figure",
  "figcaption", "caption", "address", "title", "body", "html", NULL};

/* Whether N is a page's header, footer or navigation by its attributes: LibreOffice marks
 * page headers and footers (with their page numbers) title="header"/"footer"; portals name
 * such blocks by class or id. */
static int page_furniture(xmlNode *n)
{
  static const char *const attrs[] = {"title", "class", "id", NULL};
  static const char *const names[] = {"header", "footer", "nav", "navbar", "breadcrumb", NULL};
  int hit = 0;
  for (const char *const *a = attrs; *a && !hit; a++) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)*a);
    for (const char *const *w = names; v && *w && !hit; w++)
      hit = xmlStrcasecmp(v, (const xmlChar *)*w) == 0;
    if (v)
      xmlFree(v);
  }
  return hit;
}

/* ---- plain text of an element ---- */

typedef struct {
  nb_buf *out;
  int space;  /* white space seen and not yet written */
  int failed; /* the text limit was reached */
} text_sink;

static void newline(text_sink *t)
{
  if (t->out->len && t->out->data[t->out->len - 1] != '\n')
    nb_buf_putc(t->out, '\n');
  t->space = 0;
}

/* Character data with runs of white space made one space (none at a line's start). */
static void chars(text_sink *t, const char *s)
{
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      t->space = 1;
      continue;
    }
    if (t->space && t->out->len && t->out->data[t->out->len - 1] != '\n')
      nb_buf_putc(t->out, ' ');
    t->space = 0;
    nb_buf_putc(t->out, (char)c);
  }
  if (t->out->len > NB_OFFICE_MAX_TEXT)
    t->failed = 1;
}

static void element_text(text_sink *t, xmlNode *n, int depth);

static void children_text(text_sink *t, xmlNode *n, int depth)
{
  for (xmlNode *c = n->children; c && !t->failed; c = c->next)
    element_text(t, c, depth + 1);
}

static void table_text(text_sink *t, xmlNode *n)
{
  nb_ogrid g;
  nb_ogrid_init(&g);
  nbo_html_table(n, &g);
  newline(t);
  nb_ogrid_text(&g, t->out);
  nb_ogrid_free(&g);
  if (t->out->len > NB_OFFICE_MAX_TEXT)
    t->failed = 1;
}

static void element_text(text_sink *t, xmlNode *n, int depth)
{
  if (depth > MAX_DEPTH || t->failed)
    return;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    chars(t, (const char *)n->content);
    return;
  }
  if (n->type != XML_ELEMENT_NODE || is_any(n, skipped) || page_furniture(n))
    return;
  if (is(n, "br")) {
    nb_buf_putc(t->out, '\n');
    t->space = 0;
    return;
  }
  if (is(n, "table")) {
    table_text(t, n);
    return;
  }
  int blk = is_any(n, block_names);
  if (blk)
    newline(t);
  children_text(t, n, depth);
  if (blk)
    newline(t);
}

/* ---- tables ---- */

static unsigned span_attr(xmlNode *n, const char *name)
{
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  unsigned span = 1;
  if (v) {
    long x = strtol((const char *)v, NULL, 10);
    span = x >= 1 && x <= 1000 ? (unsigned)x : 1;
    xmlFree(v);
  }
  return span;
}

/* A cell's text: its lines (paragraphs, <br>) joined by line feeds, trimmed. */
static char *cell_text(xmlNode *n)
{
  nb_buf b = NB_BUF_INIT;
  text_sink t = {&b, 0, 0};
  children_text(&t, n, 0);
  while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' '))
    b.len--;
  char *s = nb_buf_detach(&b);
  size_t skip = strspn(s, "\n ");
  memmove(s, s + skip, strlen(s + skip) + 1);
  return s;
}

static void add_cell(nb_ogrid *g, xmlNode *td)
{
  char *s = cell_text(td);
  nb_ogrid_cell *c = nb_ogrid_add(g, s, strlen(s), span_attr(td, "rowspan"),
                                  span_attr(td, "colspan"));
  free(s);
  if (!c)
    return;
  c->header = is(td, "th");
  c->align = c->header ? NB_OGRID_CENTER : NB_OGRID_LEFT;
  xmlChar *cls = xmlGetProp(td, (const xmlChar *)"class");
  for (const char *p = cls ? (const char *)cls : ""; *p;) {
    size_t n = strcspn(p, " ");
    if (n == 3 && strncmp(p, "num", 3) == 0)
      c->num = 1;
    else if (n == 1)
      c->align = *p == 'l' ? NB_OGRID_LEFT : *p == 'c' ? NB_OGRID_CENTER
                 : *p == 'r' ? NB_OGRID_RIGHT : c->align;
    p += n + (p[n] == ' ');
  }
  if (cls)
    xmlFree(cls);
}

static void rows(nb_ogrid *g, xmlNode *parent, int head, int depth)
{
  for (xmlNode *n = parent->children; n && depth < 4; n = n->next) {
    if (is(n, "thead") || is(n, "tbody") || is(n, "tfoot")) {
      rows(g, n, is(n, "thead"), depth + 1);
    } else if (is(n, "tr")) {
      if (nb_ogrid_row(g) != 0)
        return;
      if (head && g->nhead + 1 == g->nrows)
        g->nhead = g->nrows;
      for (xmlNode *c = n->children; c; c = c->next)
        if (is(c, "td") || is(c, "th"))
          add_cell(g, c);
    }
  }
}

void nbo_html_table(xmlNode *table, nb_ogrid *g)
{
  rows(g, table, 0, 0);
}

/* ---- finding the report in the page ---- */

#define SHORT_TEXT 240 /* bytes: a heading or a title is a short element */

typedef struct {
  xmlNode *part[7]; /* the first heading element of parts 1–6 */
  xmlNode *title;   /* the first short element naming the report */
} finds;

/* Which part heading the short text S is (1–6), or 0; 7 for the report's title. */
static int classify(const char *s)
{
  static const char *const keys[7] = {NULL, "总体情况", "主动公开政府信息情况",
                                      "收到和处理政府信息公开申请情况", "行政诉讼",
                                      "存在的主要问题", "其他需要报告的事项"};
  char norm[SHORT_TEXT + 1];
  size_t n = 0;
  for (; *s && n < SHORT_TEXT; s++)
    if (*s != ' ' && *s != '\n')
      norm[n++] = *s;
  norm[n] = '\0';
  if (strstr(norm, "政府信息公开工作年度报告") && n <= 120)
    return 7;
  if (n > 90) /* "四、政府信息公开行政复议、行政诉讼情况" is 57 bytes */
    return 0;
  for (int k = 1; k <= 6; k++)
    if (strstr(norm, keys[k]) && (k != 4 || strstr(norm, "行政复议")))
      return k;
  return 0;
}

/* Text length of N's subtree; records N when its text is short and names a part or the
 * title. One pass: each element's text is only built when it is short. */
static size_t scan(xmlNode *n, int depth, finds *f)
{
  if (depth > MAX_DEPTH || n->type != XML_ELEMENT_NODE || is_any(n, skipped))
    return 0;
  size_t len = 0;
  for (xmlNode *c = n->children; c; c = c->next)
    len += c->type == XML_TEXT_NODE ? strlen((const char *)c->content) : scan(c, depth + 1, f);
  if (len > 0 && len <= SHORT_TEXT && !is(n, "title") && !is(n, "table")) {
    char *s = cell_text(n);
    int k = classify(s);
    free(s);
    if (k == 7 && !f->title)
      f->title = n;
    else if (k >= 1 && k <= 6 && !f->part[k])
      f->part[k] = n;
  }
  return len;
}

static int ancestor_of(const xmlNode *a, const xmlNode *n)
{
  for (; n; n = n->parent)
    if (n == a)
      return 1;
  return 0;
}

/* The smallest element holding every part heading found (at least two), or NULL. */
static xmlNode *report_root(const finds *f)
{
  xmlNode *root = NULL;
  int found = 0;
  for (int k = 1; k <= 6; k++) {
    if (!f->part[k])
      continue;
    found++;
    if (!root)
      root = f->part[k];
    while (root && !ancestor_of(root, f->part[k]))
      root = root->parent;
  }
  return found >= 2 ? root : NULL;
}

static htmlDocPtr parse_page(const char *bytes, size_t len)
{
  xmlInitParser();
  nb_buf conv = NB_BUF_INIT;
  if (!nb_utf8_valid(bytes, len) && nb_utf8_from_gb18030(bytes, len, &conv) == 0) {
    bytes = conv.data;
    len = conv.len;
  }
  int opts = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOBLANKS
             | HTML_PARSE_IGNORE_ENC;
  htmlDocPtr doc = len > (size_t)0x7fffffff ? NULL
                   : htmlReadMemory(bytes, (int)len, NULL, "UTF-8", opts);
  nb_buf_free(&conv);
  return doc;
}

int nbo_html_text(const char *bytes, size_t len, nb_buf *out, nb_diags *diags)
{
  htmlDocPtr doc = parse_page(bytes, len);
  xmlNode *top = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!top) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB625", 0, 0, "网页文件无法读取（不是 HTML，或已损坏）");
    if (doc)
      xmlFreeDoc(doc);
    return -1;
  }
  finds f;
  memset(&f, 0, sizeof f);
  scan(top, 0, &f);
  xmlNode *root = report_root(&f);
  text_sink t = {out, 0, 0};
  if (!root)
    root = top;
  else if (f.title && !ancestor_of(root, f.title))
    element_text(&t, f.title, 0);
  newline(&t);
  element_text(&t, root, 0);
  xmlFreeDoc(doc);
  if (t.failed) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB626", 0, 0,
                "网页的文字超过 1 MiB，不像一份年度报告，没有导入");
    return -1;
  }
  return 0;
}
