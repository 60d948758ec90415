/* A strict reader of the table subset described in pdf/table.h.
 *
 * One pass over the bytes: a tag is read whole (name, attributes), text between tags is
 * collected into the open cell. The grid is filled as HTML places cells: an occupancy map of
 * rows × columns grows as rows arrive; each cell takes the first free slot of its row. */
#include "pdf/table.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"

#define MAX_SPAN 200
#define MAX_ROWS 2000
#define MAX_COLS 100

typedef struct {
  const char *s;
  size_t len, pos;
  unsigned line;
  nb_pdf_table *t;
  unsigned char *taken; /* MAX_COLS bytes per row */
  unsigned cur_row;     /* rows started so far */
  int in_head, in_row, in_cell, seen_table, closed_table;
  nb_pdf_cell cell;     /* the open cell */
  nb_buf text;
  char *err;
  unsigned err_line;
} parser;

typedef struct {
  char name[16];
  int end;
  unsigned colspan, rowspan;
  char cls[64];
  int scope;
} tag;

static int fail(parser *p, const char *msg)
{
  if (!p->err) {
    p->err = nb_xstrdup(msg);
    p->err_line = p->line;
  }
  return -1;
}

static void advance(parser *p, size_t n)
{
  for (size_t i = 0; i < n && p->pos < p->len; i++, p->pos++)
    if (p->s[p->pos] == '\n')
      p->line++;
}

static int starts(const parser *p, const char *lit)
{
  size_t n = strlen(lit);
  return p->len - p->pos >= n && memcmp(p->s + p->pos, lit, n) == 0;
}

static void skip_ws(parser *p)
{
  while (p->pos < p->len && isspace((unsigned char)p->s[p->pos]))
    advance(p, 1);
}

/* attr-value: "…" | '…' | bare */
static int read_value(parser *p, char *out, size_t cap)
{
  size_t n = 0;
  char q = p->pos < p->len ? p->s[p->pos] : 0;
  if (q == '"' || q == '\'') {
    advance(p, 1);
    while (p->pos < p->len && p->s[p->pos] != q) {
      if (n + 1 < cap)
        out[n++] = p->s[p->pos];
      advance(p, 1);
    }
    if (p->pos >= p->len)
      return fail(p, "表格中的属性值缺少结束引号");
    advance(p, 1);
  } else {
    while (p->pos < p->len && !isspace((unsigned char)p->s[p->pos]) && p->s[p->pos] != '>') {
      if (n + 1 < cap)
        out[n++] = p->s[p->pos];
      advance(p, 1);
    }
  }
  out[n] = 0;
  return 0;
}

static int span_value(parser *p, const char *v, unsigned *out)
{
  char *end;
  long n = strtol(v, &end, 10);
  if (*v == 0 || *end != 0 || n < 1 || n > MAX_SPAN)
    return fail(p, "表格的 colspan/rowspan 应为 1 到 200 之间的整数");
  *out = (unsigned)n;
  return 0;
}

/* tag -> '<' '/'? name (attr ('=' value)?)* '>' */
static int read_tag(parser *p, tag *t)
{
  memset(t, 0, sizeof *t);
  t->colspan = t->rowspan = 1;
  advance(p, 1);
  if (starts(p, "/")) {
    t->end = 1;
    advance(p, 1);
  }
  size_t n = 0;
  while (p->pos < p->len && isalnum((unsigned char)p->s[p->pos])) {
    if (n + 1 < sizeof t->name)
      t->name[n++] = (char)tolower((unsigned char)p->s[p->pos]);
    advance(p, 1);
  }
  for (;;) {
    skip_ws(p);
    if (p->pos >= p->len)
      return fail(p, "表格中的标签没有结束（缺少“>”）");
    if (p->s[p->pos] == '>') {
      advance(p, 1);
      return 0;
    }
    char key[16], val[64];
    size_t k = 0;
    while (p->pos < p->len && (isalnum((unsigned char)p->s[p->pos]) || p->s[p->pos] == '-')) {
      if (k + 1 < sizeof key)
        key[k++] = (char)tolower((unsigned char)p->s[p->pos]);
      advance(p, 1);
    }
    key[k] = 0;
    if (k == 0)
      return fail(p, "表格中的标签写法不符合约定");
    val[0] = 0;
    skip_ws(p);
    if (starts(p, "=")) {
      advance(p, 1);
      skip_ws(p);
      if (read_value(p, val, sizeof val) < 0)
        return -1;
    }
    if (strcmp(key, "colspan") == 0 && span_value(p, val, &t->colspan) < 0)
      return -1;
    if (strcmp(key, "rowspan") == 0 && span_value(p, val, &t->rowspan) < 0)
      return -1;
    if (strcmp(key, "class") == 0)
      snprintf(t->cls, sizeof t->cls, "%s", val);
    else if (strcmp(key, "scope") == 0)
      t->scope = strncmp(val, "col", 3) == 0 ? 1 : strncmp(val, "row", 3) == 0 ? 2 : 0;
    else if (strcmp(key, "colspan") != 0 && strcmp(key, "rowspan") != 0 && strcmp(key, "scope") != 0)
      return fail(p, "表格中只允许 colspan、rowspan、scope、class 属性");
  }
}

static int has_class(const char *cls, const char *word)
{
  size_t n = strlen(word);
  for (const char *c = cls; (c = strstr(c, word)) != NULL; c += n) {
    int left = c == cls || isspace((unsigned char)c[-1]);
    int right = c[n] == 0 || isspace((unsigned char)c[n]);
    if (left && right)
      return 1;
  }
  return 0;
}

static unsigned char *slot(parser *p, unsigned row, unsigned col)
{
  return &p->taken[(size_t)row * MAX_COLS + col];
}

static int ensure_rows(parser *p, unsigned rows)
{
  if (rows > MAX_ROWS)
    return fail(p, "表格的行数过多");
  if (rows > p->t->nrows) {
    p->taken = nb_xrealloc(p->taken, (size_t)rows * MAX_COLS);
    memset(p->taken + (size_t)p->t->nrows * MAX_COLS, 0,
           (size_t)(rows - p->t->nrows) * MAX_COLS);
    p->t->nrows = rows;
  }
  return 0;
}

static int open_cell(parser *p, const tag *t)
{
  if (!p->in_row || p->in_cell)
    return fail(p, "表格单元格（th/td）应直接位于 <tr> 中");
  unsigned row = p->cur_row - 1, col = 0;
  while (col < MAX_COLS && *slot(p, row, col))
    col++;
  if (col + t->colspan > MAX_COLS)
    return fail(p, "表格的列数过多");
  if (ensure_rows(p, row + t->rowspan) < 0)
    return -1;
  for (unsigned r = row; r < row + t->rowspan; r++)
    for (unsigned c = col; c < col + t->colspan; c++) {
      if (*slot(p, r, c))
        return fail(p, "表格中的合并单元格互相重叠");
      *slot(p, r, c) = 1;
    }
  memset(&p->cell, 0, sizeof p->cell);
  p->cell.row = row;
  p->cell.col = col;
  p->cell.rowspan = t->rowspan;
  p->cell.colspan = t->colspan;
  p->cell.header = strcmp(t->name, "th") == 0;
  p->cell.scope = t->scope;
  p->cell.num = has_class(t->cls, "num");
  p->cell.align = p->cell.header || p->cell.num ? NB_PDF_CENTER : NB_PDF_LEFT;
  if (has_class(t->cls, "l"))
    p->cell.align = NB_PDF_LEFT;
  else if (has_class(t->cls, "c"))
    p->cell.align = NB_PDF_CENTER;
  else if (has_class(t->cls, "r"))
    p->cell.align = NB_PDF_RIGHT;
  p->cell.line = p->line;
  if (col + t->colspan > p->t->ncols)
    p->t->ncols = col + t->colspan;
  nb_buf_clear(&p->text);
  p->in_cell = 1;
  return 0;
}

static void push_cell(nb_pdf_table *t, const nb_pdf_cell *c)
{
  t->cells = nb_xrealloc(t->cells, (t->ncells + 1) * sizeof *t->cells);
  t->cells[t->ncells++] = *c;
}

/* The collected text with its white space collapsed and trimmed. */
static char *cell_text(const nb_buf *b)
{
  nb_buf out = NB_BUF_INIT;
  int space = 0;
  for (size_t i = 0; i < b->len; i++) {
    if (isspace((unsigned char)b->data[i])) {
      space = 1;
      continue;
    }
    if (space && out.len)
      nb_buf_putc(&out, ' ');
    space = 0;
    nb_buf_putc(&out, b->data[i]);
  }
  return nb_buf_detach(&out);
}

static int close_cell(parser *p)
{
  p->cell.text = cell_text(&p->text);
  push_cell(p->t, &p->cell);
  p->in_cell = 0;
  return 0;
}

static int on_tag(parser *p, const tag *t)
{
  const char *n = t->name;
  if (!p->seen_table && !(strcmp(n, "table") == 0 && !t->end))
    return fail(p, "表格应以 <table> 开始");
  if (p->closed_table)
    return fail(p, "</table> 之后不应再有内容");
  if (strcmp(n, "table") == 0) {
    if (t->end)
      p->closed_table = 1;
    else if (p->seen_table)
      return fail(p, "表格不能嵌套");
    p->seen_table = 1;
    return 0;
  }
  if (strcmp(n, "th") == 0 || strcmp(n, "td") == 0)
    return t->end ? (p->in_cell ? close_cell(p) : fail(p, "多余的单元格结束标签"))
                  : open_cell(p, t);
  if (p->in_cell)
    return fail(p, "单元格中只能有文字");
  if (strcmp(n, "thead") == 0 || strcmp(n, "tbody") == 0) {
    p->in_head = !t->end && strcmp(n, "thead") == 0;
    return 0;
  }
  if (strcmp(n, "tr") == 0) {
    if (t->end) {
      p->in_row = 0;
      return 0;
    }
    p->in_row = 1;
    p->cur_row++;
    if (p->in_head)
      p->t->nhead = p->cur_row;
    return ensure_rows(p, p->cur_row);
  }
  return fail(p, "表格中只允许 table、thead、tbody、tr、th、td 标签");
}

static int on_entity(parser *p)
{
  static const struct { const char *name; char ch; } ents[] = {
    {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''},
  };
  for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++)
    if (starts(p, ents[i].name)) {
      nb_buf_putc(&p->text, ents[i].ch);
      advance(p, strlen(ents[i].name));
      return 0;
    }
  return fail(p, "表格中只允许 &amp; &lt; &gt; &quot; &#39; 这几个字符实体");
}

static int on_text(parser *p)
{
  char c = p->s[p->pos];
  if (c == '&')
    return p->in_cell ? on_entity(p) : fail(p, "表格的单元格之外不应有文字");
  if (!p->in_cell && !isspace((unsigned char)c))
    return fail(p, "表格的单元格之外不应有文字");
  if (p->in_cell)
    nb_buf_putc(&p->text, c);
  advance(p, 1);
  return 0;
}

static int run(parser *p)
{
  while (p->pos < p->len) {
    int rc;
    if (starts(p, "<!--")) {
      const char *end = nb_utf8_find(p->s + p->pos + 4, p->len - p->pos - 4, "-->");
      if (end)
        end += strlen("-->");
      if (!end)
        return fail(p, "表格中的注释没有结束（缺少“-->”）");
      advance(p, (size_t)(end - (p->s + p->pos)));
      continue;
    }
    if (p->s[p->pos] == '<') {
      tag t;
      rc = read_tag(p, &t);
      if (rc == 0)
        rc = on_tag(p, &t);
    } else {
      rc = on_text(p);
    }
    if (rc < 0)
      return -1;
  }
  if (!p->closed_table)
    return fail(p, "表格缺少 </table>");
  if (p->t->ncols == 0)
    return fail(p, "表格中没有单元格");
  return 0;
}

/* Empty cells in the slots no cell covers, so that every border can be drawn. */
static void fill_gaps(parser *p)
{
  for (unsigned r = 0; r < p->t->nrows; r++)
    for (unsigned c = 0; c < p->t->ncols; c++)
      if (!*slot(p, r, c)) {
        nb_pdf_cell e = {nb_xstrdup(""), r, c, 1, 1, 0, 0, NB_PDF_LEFT, 0, 0};
        push_cell(p->t, &e);
      }
}

nb_pdf_table *nb_pdf_table_parse(const char *html, size_t len, unsigned first_line, char **err,
                                 unsigned *err_line)
{
  parser p;
  memset(&p, 0, sizeof p);
  p.s = html;
  p.len = len;
  p.line = first_line;
  p.t = nb_xcalloc(1, sizeof *p.t);
  int rc = run(&p);
  if (rc == 0)
    fill_gaps(&p);
  free(p.taken);
  nb_buf_free(&p.text);
  if (rc < 0) {
    nb_pdf_table_free(p.t);
    *err = p.err;
    *err_line = p.err_line;
    return NULL;
  }
  *err = NULL;
  return p.t;
}

void nb_pdf_table_free(nb_pdf_table *t)
{
  if (!t)
    return;
  for (size_t i = 0; i < t->ncells; i++)
    free(t->cells[i].text);
  free(t->cells);
  free(t);
}
