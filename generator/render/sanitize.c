/* nb_sanitize: prose rewriting on cmark's tree, and a whitelist filter over cmark's HTML.
 *
 * The prose rewrite walks the tree children-first, so a node's children are clean before
 * the node itself is replaced or unwrapped; replacement nodes are inserted before the node
 * and the walk continues with the node's saved successor. The filter is a single left-to-
 * right scan: text is copied, every `<` starts a tag that is either re-emitted in canonical
 * form (whitelisted name, whitelisted attributes with checked values) or shown as text. */
#include "render/sanitize.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* ---- shared helpers ---------------------------------------------------------------- */

static int lower(int c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int nb_sanitize_url_safe(const char *url, size_t len)
{
  static const char *const schemes[] = {"http", "https", "mailto", "tel"};
  char scheme[8];
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)url[i];
    if (c <= 0x20 || c == 0x7f)
      continue; /* browsers drop these inside a scheme ("java\tscript:") */
    if (c == '/' || c == '?' || c == '#')
      return 1; /* no scheme: relative */
    if (c == ':') {
      for (size_t k = 0; k < sizeof schemes / sizeof *schemes; k++)
        if (strlen(schemes[k]) == n && memcmp(schemes[k], scheme, n) == 0)
          return 1;
      return 0;
    }
    if (n < sizeof scheme)
      scheme[n] = (char)lower(c);
    n++; /* past sizeof scheme it matches no allowed scheme any more */
  }
  return 1; /* no colon at all: relative */
}

void nb_sanitize_md_text(const char *s, size_t len, nb_buf *out)
{
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
    case '&': case '!': case '#': case '|': case '~':
      nb_buf_putc(out, '\\');
      nb_buf_putc(out, (char)c);
      break;
    case '-': case '+': case '=':
      if (i == 0)
        nb_buf_putc(out, '\\'); /* could start a list item or underline a heading */
      nb_buf_putc(out, (char)c);
      break;
    case '\n': case '\r': case '\t':
      nb_buf_putc(out, ' ');
      break;
    default:
      if (c >= 0x20 && c != 0x7f)
        nb_buf_putc(out, (char)c);
    }
  }
}

/* ---- prose rewrite ----------------------------------------------------------------- */

/* Inserts LITERAL before NODE as text, one TEXT node per line joined by soft breaks.
 * TRIM drops each line's surrounding blanks and blank lines (an HTML block's layout). */
static void insert_text(cmark_node *node, const char *literal, int trim)
{
  int first = 1;
  const char *p = literal ? literal : "";
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    const char *b = p, *e = p + n;
    if (trim || !first)
      while (b < e && (*b == ' ' || *b == '\t'))
        b++;
    if (trim)
      while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    if (e > b || !trim) {
      if (!first)
        cmark_node_insert_before(node, cmark_node_new(CMARK_NODE_SOFTBREAK));
      char *line = nb_xstrndup(b, (size_t)(e - b));
      cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(t, line);
      free(line);
      cmark_node_insert_before(node, t);
      first = 0;
    }
    p = nl ? nl + 1 : p + n;
  }
}

/* Moves NODE's children before it and frees NODE. */
static void unwrap(cmark_node *node)
{
  cmark_node *c;
  while ((c = cmark_node_first_child(node)) != NULL)
    cmark_node_insert_before(node, c);
  cmark_node_free(node);
}

static int url_ok(cmark_node *node)
{
  const char *url = cmark_node_get_url(node);
  return nb_sanitize_url_safe(url ? url : "", url ? strlen(url) : 0);
}

static int inside_link(cmark_node *node)
{
  for (cmark_node *p = cmark_node_parent(node); p; p = cmark_node_parent(p))
    if (cmark_node_get_type(p) == CMARK_NODE_LINK)
      return 1;
  return 0;
}

/* html_block -> paragraph of its text */
static void clean_html_block(cmark_node *node)
{
  cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
  cmark_node *mark = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_append_child(para, mark);
  insert_text(mark, cmark_node_get_literal(node), 1);
  cmark_node_free(mark);
  if (cmark_node_first_child(para))
    cmark_node_insert_before(node, para);
  else
    cmark_node_free(para);
  cmark_node_free(node);
}

/* image -> link to it (no fetch), or its alt text */
static void clean_image(cmark_node *node)
{
  if (!url_ok(node) || inside_link(node)) {
    unwrap(node);
    return;
  }
  cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
  cmark_node_set_url(link, cmark_node_get_url(node));
  cmark_node_set_title(link, cmark_node_get_title(node));
  cmark_node *c;
  while ((c = cmark_node_first_child(node)) != NULL)
    cmark_node_append_child(link, c);
  cmark_node_insert_before(node, link);
  cmark_node_free(node);
}

/* The first (LAST = 0) or last code point of a text node; 0 for anything else. */
static uint32_t edge_char(cmark_node *n, int last)
{
  if (!n || cmark_node_get_type(n) != CMARK_NODE_TEXT)
    return 0;
  const char *t = cmark_node_get_literal(n);
  size_t len = t ? strlen(t) : 0;
  if (!len)
    return 0;
  size_t i = 0;
  if (last) {
    i = len - 1;
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
      i--;
  }
  uint32_t cp;
  nb_utf8_decode(t + i, len - i, &cp);
  return cp;
}

/* A line break inside a paragraph is a space between words, but between Chinese characters
 * it is nothing: 管理\n工作 must read 管理工作, not 管理 工作. */
static void join_cjk_lines(cmark_node *softbreak)
{
  uint32_t before = edge_char(cmark_node_previous(softbreak), 1);
  uint32_t after = edge_char(cmark_node_next(softbreak), 0);
  if ((before && nb_utf8_cp_width(before) == 2) || (after && nb_utf8_cp_width(after) == 2))
    cmark_node_free(softbreak);
}

static void clean_children(cmark_node *parent)
{
  cmark_node *next;
  for (cmark_node *n = cmark_node_first_child(parent); n; n = next) {
    next = cmark_node_next(n);
    clean_children(n);
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HTML_BLOCK:
      clean_html_block(n);
      break;
    case CMARK_NODE_HTML_INLINE:
      insert_text(n, cmark_node_get_literal(n), 0);
      cmark_node_free(n);
      break;
    case CMARK_NODE_LINK:
      if (!url_ok(n))
        unwrap(n);
      break;
    case CMARK_NODE_IMAGE:
      clean_image(n);
      break;
    case CMARK_NODE_HEADING:
      if (cmark_node_get_heading_level(n) < 4)
        cmark_node_set_heading_level(n, 4); /* below the report's ### sub-headings */
      break;
    case CMARK_NODE_CODE_BLOCK:
      cmark_node_set_fence_info(n, "");
      break;
    case CMARK_NODE_SOFTBREAK:
      join_cjk_lines(n);
      break;
    default:
      break;
    }
  }
}

/* The deepest nesting of DOC's tree, measured without recursion. */
static int tree_depth(cmark_node *doc)
{
  int depth = 0, deepest = 0;
  cmark_iter *it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node *n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_first_child(n))
      deepest = ++depth > deepest ? depth : deepest;
    else if (ev == CMARK_EVENT_EXIT)
      depth--;
  }
  cmark_iter_free(it);
  return deepest;
}

#define MAX_PROSE_DEPTH 64

void nb_sanitize_prose(const char *md, size_t len, nb_buf *out)
{
  cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_VALIDATE_UTF8);
  if (tree_depth(doc) > MAX_PROSE_DEPTH) {
    /* lint refuses such text (NB215); any other caller gets it as plain, escaped text */
    cmark_node_free(doc);
    nb_sanitize_md_text(md, len, out);
    return;
  }
  clean_children(doc);
  char *text = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
  size_t n = strlen(text);
  while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
    n--;
  nb_buf_put(out, text, n);
  free(text);
  cmark_node_free(doc);
}

/* ---- HTML whitelist filter --------------------------------------------------------- */

#define LIT(s) {(s), sizeof(s) - 1}
static const struct {
  const char *s;
  size_t n;
} allowed_tags[] = {
  LIT("a"), LIT("blockquote"), LIT("br"), LIT("caption"), LIT("code"), LIT("col"),
  LIT("colgroup"), LIT("div"), LIT("em"), LIT("h1"), LIT("h2"), LIT("h3"), LIT("h4"),
  LIT("h5"), LIT("h6"), LIT("hr"), LIT("li"), LIT("ol"), LIT("p"), LIT("pre"), LIT("span"),
  LIT("strong"), LIT("table"), LIT("tbody"), LIT("td"), LIT("tfoot"), LIT("th"),
  LIT("thead"), LIT("tr"), LIT("ul")};
#undef LIT

typedef struct {
  const char *s;
  size_t n;
} span;

/* Whether X is LIT (N bytes, lower case), ignoring the case of X. */
static int span_eq(span x, const char *lit, size_t n)
{
  if (x.n != n)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (lower((unsigned char)x.s[i]) != lit[i])
      return 0;
  return 1;
}

#define span_is(x, lit) span_eq((x), (lit), sizeof(lit) - 1)

static int is_name_char(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == ':';
}

static int is_space(int c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int tag_allowed(span name)
{
  for (size_t i = 0; i < sizeof allowed_tags / sizeof *allowed_tags; i++)
    if (span_eq(name, allowed_tags[i].s, allowed_tags[i].n))
      return 1;
  return 0;
}

static int all_chars(span v, int (*ok)(int))
{
  for (size_t i = 0; i < v.n; i++)
    if (!ok((unsigned char)v.s[i]))
      return 0;
  return 1;
}

static int class_char(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == ' ';
}

static int digit_char(int c)
{
  return c >= '0' && c <= '9';
}

/* Decodes the character references of an attribute value (what a browser does before it
 * looks at a URL); unknown named references are kept as written. */
static void decode_refs(span v, nb_buf *out)
{
  static const struct { const char *name; char c; } named[] = {
    {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''},
    {"colon;", ':'}, {"tab;", '\t'}, {"newline;", '\n'}};
  for (size_t i = 0; i < v.n; i++) {
    if (v.s[i] != '&') {
      nb_buf_putc(out, v.s[i]);
      continue;
    }
    size_t j = i + 1;
    if (j < v.n && v.s[j] == '#') {
      int hex = j + 1 < v.n && (v.s[j + 1] == 'x' || v.s[j + 1] == 'X');
      unsigned long cp = 0;
      size_t k = j + 1 + (size_t)hex, digits = 0;
      for (; k < v.n && digits < 8; k++, digits++) {
        int c = lower((unsigned char)v.s[k]);
        if (c >= '0' && c <= '9')
          cp = cp * (hex ? 16u : 10u) + (unsigned long)(c - '0');
        else if (hex && c >= 'a' && c <= 'f')
          cp = cp * 16u + (unsigned long)(c - 'a' + 10);
        else
          break;
      }
      if (digits) {
        /* only ASCII matters for a scheme; anything else stands in as a non-scheme byte */
        nb_buf_putc(out, cp < 0x80 ? (char)cp : '%');
        i = k < v.n && v.s[k] == ';' ? k : k - 1;
        continue;
      }
    } else {
      size_t k;
      for (k = 0; k < sizeof named / sizeof *named; k++) {
        size_t n = strlen(named[k].name);
        if (v.n - j >= n && memcmp(v.s + j, named[k].name, n) == 0) {
          nb_buf_putc(out, named[k].c);
          i = j + n - 1;
          break;
        }
      }
      if (k < sizeof named / sizeof *named)
        continue;
    }
    nb_buf_putc(out, '&');
  }
}

static int href_ok(span v)
{
  nb_buf b = NB_BUF_INIT;
  decode_refs(v, &b);
  int ok = nb_sanitize_url_safe(nb_buf_cstr(&b), b.len);
  nb_buf_free(&b);
  return ok;
}

static int attr_ok(span name, span v)
{
  if (span_is(name, "class"))
    return all_chars(v, class_char);
  if (span_is(name, "scope"))
    return span_is(v, "row") || span_is(v, "col") || span_is(v, "rowgroup") ||
           span_is(v, "colgroup");
  if (span_is(name, "colspan") || span_is(name, "rowspan") || span_is(name, "start"))
    return v.n >= 1 && v.n <= 4 && all_chars(v, digit_char);
  if (span_is(name, "href"))
    return href_ok(v);
  return span_is(name, "title");
}

/* Emits one attribute value, re-escaped so that it cannot leave its quotes. References
 * already in the value are kept (they are how cmark writes & and quotes). */
static void put_value(span v, nb_buf *out)
{
  size_t start = 0;
  for (size_t i = 0; i < v.n; i++) {
    const char *rep;
    switch (v.s[i]) {
    case '"': rep = "&quot;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    default: continue;
    }
    nb_buf_put(out, v.s + start, i - start);
    nb_buf_puts(out, rep);
    start = i + 1;
  }
  nb_buf_put(out, v.s + start, v.n - start);
}

/* ' name="value"', the name in lower case, the value escaped. */
static void put_attr(span an, span av, nb_buf *out)
{
  nb_buf_putc(out, ' ');
  for (size_t k = 0; k < an.n; k++)
    nb_buf_putc(out, (char)lower((unsigned char)an.s[k]));
  nb_buf_puts(out, "=\"");
  put_value(av, out);
  nb_buf_putc(out, '"');
}

/* The value after the '=' at S[*I]: quoted or bare, into AV, *I past it; -1 when malformed. */
static int read_value(const char *s, size_t len, size_t *at, span *av)
{
  size_t i = *at + 1;
  while (i < len && is_space((unsigned char)s[i]))
    i++;
  if (i < len && (s[i] == '"' || s[i] == '\'')) {
    char q = s[i++];
    av->s = s + i;
    while (i < len && s[i] != q)
      i++;
    if (i >= len)
      return -1;
    av->n = (size_t)(s + i - av->s);
    *at = i + 1;
    return 0;
  }
  av->s = s + i;
  while (i < len && !is_space((unsigned char)s[i]) && s[i] != '>' && s[i] != '"' &&
         s[i] != '\'' && s[i] != '<' && s[i] != '=' && s[i] != '`')
    i++;
  av->n = (size_t)(s + i - av->s);
  *at = i;
  return av->n ? 0 : -1;
}

/* Parses the tag at S[0] == '<'. On success emits it (filtered) to OUT and returns its
 * length; returns 0, with OUT as it was, when S does not start a well-formed allowed tag. */
static size_t filter_tag(const char *s, size_t len, nb_buf *out)
{
  size_t i = 1;
  int closing = 0;
  if (i < len && s[i] == '/') {
    closing = 1;
    i++;
  }
  span name = {s + i, 0};
  while (i < len && is_name_char((unsigned char)s[i]))
    i++, name.n++;
  if (!name.n || !((name.s[0] | 0x20) >= 'a' && (name.s[0] | 0x20) <= 'z') ||
      !tag_allowed(name))
    return 0;
  size_t mark = out->len;
  nb_buf_putc(out, '<');
  if (closing)
    nb_buf_putc(out, '/');
  for (size_t k = 0; k < name.n; k++)
    nb_buf_putc(out, (char)lower((unsigned char)name.s[k]));
  int self_close = 0;
  for (;;) {
    while (i < len && is_space((unsigned char)s[i]))
      i++;
    if (i >= len)
      goto bad;
    if (s[i] == '>') {
      i++;
      break;
    }
    if (s[i] == '/' && i + 1 < len && s[i + 1] == '>') {
      self_close = 1;
      i += 2;
      break;
    }
    span an = {s + i, 0};
    while (i < len && is_name_char((unsigned char)s[i]))
      i++, an.n++;
    if (!an.n)
      goto bad;
    while (i < len && is_space((unsigned char)s[i]))
      i++;
    span av = {s + i, 0};
    int has_value = i < len && s[i] == '=';
    if (has_value && read_value(s, len, &i, &av) != 0)
      goto bad;
    if (!closing && has_value && attr_ok(an, av))
      put_attr(an, av, out);
  }
  nb_buf_puts(out, self_close ? " />" : ">");
  return i;
bad:
  out->len = mark;
  if (out->data)
    out->data[mark] = '\0';
  return 0;
}

void nb_sanitize_html(const char *html, size_t len, nb_buf *out)
{
  size_t i = 0;
  while (i < len) {
    char c = html[i];
    if (c == '<') {
      if (nb_utf8_starts(html + i, len - i, "<!--")) {
        const char *end = nb_utf8_find(html + i + 4, len - i - 4, "-->");
        if (end) {
          end += strlen("-->");
          int own_line = i == 0 || html[i - 1] == '\n';
          i = (size_t)(end - html);
          if (own_line && i < len && html[i] == '\n')
            i++; /* a comment on a line of its own leaves no empty line */
          continue;
        }
      }
      size_t n = filter_tag(html + i, len - i, out);
      if (n) {
        i += n;
        continue;
      }
      nb_buf_puts(out, "&lt;");
    } else if (c == '>') {
      nb_buf_puts(out, "&gt;");
    } else {
      size_t run = i; /* text up to the next character that needs a look */
      while (run < len && html[run] != '<' && html[run] != '>' && html[run] != '\0')
        run++;
      nb_buf_put(out, html + i, run - i);
      i = run > i ? run : i + 1; /* a NUL is dropped */
      continue;
    }
    i++;
  }
}
