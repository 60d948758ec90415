/* Text reading for import (see author/itext.h): the input made into normalised UTF-8 lines
 * and one stream of cells, numbering marks, the six parts, chart residue dropped; and the
 * messages and comments every import stage writes.
 */
#include "author/itext.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* ---- UTF-8 ---- */

size_t nbi_u8_dec(const char *p, size_t len, uint32_t *cp)
{
  if (len == 0)
    return 0;
  size_t n = nb_utf8_decode(p, len, cp);
  return *cp == 0xFFFD && n == 1 ? 0 : n; /* a real U+FFFD takes three bytes */
}

/* ---- messages ---- */

void nbi_report(nbi *m, int error, const char *code, uint32_t line, const char *fmt, ...)
{
  nb_buf msg = NB_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  nb_buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  nb_diag_add(m->diags, error ? NB_SEV_ERROR : NB_SEV_WARNING, code, line, line ? 1 : 0, "%s",
              nb_buf_cstr(&msg));
  if (error) {
    nb_buf_printf(&m->missing, "#   - %s\n", nb_buf_cstr(&msg));
    m->incomplete = 1;
  }
  nb_buf_free(&msg);
}

void nbi_note(nbi *m, const char *path, const char *text)
{
  NB_GROW(m->notes, m->nnotes, m->capnotes, 32);
  m->notes[m->nnotes].path = nb_arena_strdup(m->arena, path);
  m->notes[m->nnotes].text = nb_arena_strdup(m->arena, text);
  m->nnotes++;
}

/* ---- prepare: encoding and normalisation ---- */

/* Copies TEXT into m->buf: no BOM, "\n" line ends, NBSP and ideographic spaces as spaces,
 * zero-width characters and other control characters dropped, Word bookmarks removed. */
static void normalise(nbi *m, const char *text, size_t len)
{
  nb_buf b = NB_BUF_INIT;
  nb_buf_grow(&b, len);
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = nbi_u8_dec(text + i, len - i, &cp);
    if (n == 0) { /* cannot happen after validation; skip the byte */
      i++;
      continue;
    }
    if (cp == '\r') {
      nb_buf_putc(&b, '\n');
      if (i + 1 < len && text[i + 1] == '\n')
        i++;
    } else if (cp == 0xa0 || cp == 0x3000 || cp == 0x2002 || cp == 0x2003 || cp == 0x2009) {
      nb_buf_putc(&b, ' ');
    } else if (cp == 0xfeff || cp == 0x200b || cp == 0x200c || cp == 0x200d
               || (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f) {
      /* dropped */
    } else if (cp == '[' && len - i > strlen("[bookmark:") && nb_utf8_starts(text + i, len - i, "[bookmark:")
               && memchr(text + i, ']', len - i < 200 ? len - i : 200)) {
      i = (size_t)((const char *)memchr(text + i, ']', len - i) - text) + 1;
      continue;
    } else {
      nb_buf_put(&b, text + i, n);
    }
    i += n;
  }
  m->len = b.len;
  m->buf = nb_buf_detach(&b);
}

/* ---- split: lines and cells ---- */

#define MAX_CELLS 200 /* table 三 has 10 columns; a copy may double them with empty cells */

static void trim(const char **s, size_t *len)
{
  while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
    (*s)++;
    (*len)--;
  }
  while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
    (*len)--;
}

/* The matching form of a cell: no spaces, full-width ASCII as ASCII, no Markdown emphasis or
 * heading marks, no <br>. Allocated in the arena. */
char *nbi_norm(nbi *m, const char *s, size_t len)
{
  char *out = nb_arena_alloc(m->arena, len + 1);
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = nbi_u8_dec(s + i, len - i, &cp);
    if (n == 0) {
      i++;
      continue;
    }
    size_t br = cp == '<' ? nb_utf8_starts(s + i, len - i, "<br>") : 0;
    if (cp == '<' && !br)
      br = nb_utf8_starts(s + i, len - i, "<br/>");
    if (br) {
      i += br;
      continue;
    }
    if (cp >= 0xff01 && cp <= 0xff5e) {
      out[o++] = (char)(cp - 0xfee0);
    } else if (cp == ' ' || cp == '\t' || cp == '*' || cp == '#' || cp == '`') {
      /* dropped */
    } else {
      memcpy(out + o, s + i, n);
      o += n;
    }
    i += n;
  }
  out[o] = '\0';
  return out;
}

static int is_number(const char *norm)
{
  size_t digits = 0, dots = 0;
  for (const char *p = norm; *p; p++) {
    if (*p >= '0' && *p <= '9')
      digits++;
    else if (*p == '.' && digits && !dots)
      dots++;
    else
      return 0;
  }
  return digits > 0 && norm[strlen(norm) - 1] != '.';
}

static int is_placeholder(const char *norm)
{
  static const char *const marks[] = {"-", "--", "—", "——", "/", "\\", "无", "空", "–"};
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (strcmp(norm, marks[i]) == 0)
      return 1;
  return 0;
}

static void add_cell(nbi *m, const char *s, size_t len, uint32_t line)
{
  trim(&s, &len);
  NB_GROW(m->cells, m->ncells, m->capcells, 256);
  nbi_cell *c = &m->cells[m->ncells++];
  memset(c, 0, sizeof *c);
  c->raw = s;
  c->len = len;
  c->line = line;
  c->norm = nbi_norm(m, s, len);
  c->placeholder = is_placeholder(c->norm);
  if (c->norm[0] == '\0' || c->placeholder)
    c->kind = NBI_BLANK;
  else if (is_number(c->norm))
    c->kind = NBI_NUM;
  else
    c->kind = NBI_TEXT;
}

static int is_separator_row(const char *s, size_t len)
{
  int dash = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '-')
      dash = 1;
    else if (!strchr("|: \t", s[i]))
      return 0;
  }
  return dash;
}

static int is_pipe_row(const char *s, size_t len)
{
  size_t pipes = 0;
  for (size_t i = 0; i < len; i++)
    pipes += s[i] == '|';
  return (len && s[0] == '|') || pipes >= 2;
}

/* An HTML table row ("<tr><th …>规章</th><td …>0</td>…</tr>", as in nianbao's Markdown):
 * one cell per <td>/<th>. Returns 0 when the line holds no cell tag. */
static int split_html(nbi *m, nbi_line *ln)
{
  const char *s = ln->s, *end = ln->s + ln->len;
  int any = 0;
  for (;;) {
    const char *td = nb_utf8_find(s, (size_t)(end - s), "<td");
    const char *th = nb_utf8_find(s, (size_t)(end - s), "<th");
    const char *tag = !td ? th : !th ? td : td < th ? td : th;
    if (!tag)
      break;
    const char *open = memchr(tag, '>', (size_t)(end - tag));
    if (!open)
      break;
    const char *close = nb_utf8_find(open, (size_t)(end - open), "</t");
    if (!close)
      close = end;
    add_cell(m, open + 1, (size_t)(close - open - 1), ln->no);
    m->cells[m->ncells - 1].interior = 1; /* an empty <td> is a cell, not layout */
    any = 1;
    s = close;
  }
  return any;
}

/* A blank cell with text on both sides in its line is a real (empty) cell. */
static void mark_interior(nbi *m, const nbi_line *ln)
{
  size_t first_filled = m->ncells, last_filled = m->ncells;
  for (size_t i = ln->first; i < m->ncells; i++)
    if (m->cells[i].kind != NBI_BLANK) {
      if (first_filled == m->ncells)
        first_filled = i;
      last_filled = i;
    }
  for (size_t i = ln->first; i < m->ncells; i++)
    m->cells[i].interior = m->cells[i].kind == NBI_BLANK && first_filled < i && i < last_filled
                           && last_filled != m->ncells;
}

static void split_line(nbi *m, nbi_line *ln)
{
  const char *s = ln->s;
  size_t len = ln->len;
  ln->first = m->ncells;
  if ((nb_utf8_find(s, len, "<td") || nb_utf8_find(s, len, "<th")) && split_html(m, ln)) {
    ln->is_row = 1;
    ln->ncells = m->ncells - ln->first;
    return;
  }
  trim(&s, &len);
  if (len == 0 && !memchr(ln->s, '\t', ln->len)) {
    ln->ncells = 0;
    return;
  }
  char sep = 0;
  size_t seps = 0;
  for (size_t i = 0; i < ln->len; i++)
    seps += ln->s[i] == '\t' || ln->s[i] == '|';
  if (seps > MAX_CELLS) { /* no table is this wide: a line of text */
    add_cell(m, s, len, ln->no);
    ln->ncells = 1;
    return;
  }
  if (memchr(ln->s, '\t', ln->len)) {
    sep = '\t';
    s = ln->s; /* leading tabs are empty cells */
    len = ln->len;
  } else if (is_pipe_row(s, len)) {
    if (is_separator_row(s, len)) {
      ln->ncells = 0;
      ln->dropped = 1;
      return;
    }
    sep = '|';
    if (s[0] == '|') {
      s++;
      len--;
    }
    if (len && s[len - 1] == '|')
      len--;
  }
  if (!sep) {
    add_cell(m, s, len, ln->no);
  } else {
    ln->is_row = 1;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++)
      if (i == len || s[i] == sep) {
        add_cell(m, s + start, i - start, ln->no);
        start = i + 1;
      }
  }
  ln->ncells = m->ncells - ln->first;
  mark_interior(m, ln);
}

static void split(nbi *m)
{
  size_t cap = 0;
  char *p = m->buf, *end = m->buf + m->len;
  uint32_t no = 1;
  while (p < end || (p == end && m->nlines == 0 && m->len)) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    NB_GROW(m->lines, m->nlines, cap, 256);
    nbi_line *ln = &m->lines[m->nlines++];
    memset(ln, 0, sizeof *ln);
    ln->s = p;
    ln->len = n;
    ln->no = no++;
    if (!nl)
      break;
    p = nl + 1;
  }
  /* cells may be reallocated while splitting: record indices, not pointers */
  for (size_t i = 0; i < m->nlines; i++)
    split_line(m, &m->lines[i]);
}

/* The only non-blank cell of line I, or NULL (empty line, or a row of several cells). */
const nbi_cell *nbi_line_cell(const nbi *m, size_t i)
{
  const nbi_line *ln = &m->lines[i];
  const nbi_cell *found = NULL;
  if (ln->dropped)
    return NULL;
  for (size_t j = ln->first; j < ln->first + ln->ncells; j++)
    if (m->cells[j].kind != NBI_BLANK) {
      if (found)
        return NULL;
      found = &m->cells[j];
    }
  return found;
}

/* ---- numbering marks ---- */

static size_t cn_numeral(const char *s, size_t len, int *value)
{
  static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  size_t i = 0;
  int v = 0, any = 0;
  while (i < len && any < 3) {
    int d = -1;
    size_t n = 0;
    for (int k = 0; k < 10 && !n; k++)
      if ((n = nb_utf8_starts(s + i, len - i, digits[k])) != 0)
        d = k + 1;
    if (d < 0)
      break;
    v = d == 10 ? (v ? v * 10 : 10) : (v >= 10 ? v + d : d);
    i += n;
    any++;
  }
  *value = v;
  return any ? i : 0;
}

static size_t skip_blank(const char *s, size_t len, size_t i)
{
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '#' || s[i] == '*'))
    i++;
  return i;
}

static size_t match_any(const char *s, size_t len, size_t i, const char *const *opts)
{
  for (; *opts; opts++) {
    size_t n = strlen(*opts);
    if (len - i >= n && memcmp(s + i, *opts, n) == 0)
      return n;
  }
  return 0;
}

size_t nbi_marker(const char *s, size_t len, nbi_mark *mark)
{
  static const char *const open[] = {"(", "（", NULL};
  static const char *const close[] = {")", "）", NULL};
  static const char *const dun[] = {"、", "．", ".", "，", NULL};
  size_t i = skip_blank(s, len, 0);
  mark->kind = NBI_MARK_NONE;
  mark->value = 0;
  if (i + 1 < len && (s[i] == '-' || s[i] == '+') && s[i + 1] == ' ')
    i = skip_blank(s, len, i + 1); /* a Markdown list item */
  size_t n;
  int v = 0;
  if ((n = match_any(s, len, i, open)) != 0) {
    size_t j = skip_blank(s, len, i + n), k;
    if ((k = cn_numeral(s + j, len - j, &v)) != 0)
      mark->kind = NBI_MARK_PAREN_CN;
    else {
      for (k = 0; j + k < len && k < 2 && s[j + k] >= '0' && s[j + k] <= '9'; k++)
        v = v * 10 + (s[j + k] - '0');
      if (k)
        mark->kind = NBI_MARK_PAREN_NUM;
    }
    if (mark->kind == NBI_MARK_NONE)
      return 0;
    j = skip_blank(s, len, j + k);
    if ((n = match_any(s, len, j, close)) == 0) {
      mark->kind = NBI_MARK_NONE;
      return 0;
    }
    i = j + n;
  } else {
    size_t k = cn_numeral(s + i, len - i, &v);
    int cn = k != 0;
    if (!cn)
      for (; i + k < len && k < 2 && s[i + k] >= '0' && s[i + k] <= '9'; k++)
        v = v * 10 + (s[i + k] - '0');
    if (k == 0)
      return 0;
    size_t j = i + k;
    if ((n = match_any(s, len, j, dun)) == 0)
      return 0;
    if (!cn && n == 1 && j + 1 < len && s[j + 1] >= '0' && s[j + 1] <= '9')
      return 0; /* "2024.1" is a number, not a mark */
    if (!cn && (n == strlen("，") && nb_utf8_starts(s + j, n, "，")))
      return 0;
    mark->kind = cn ? NBI_MARK_DUN_CN : NBI_MARK_DUN_NUM;
    i = j + n;
  }
  mark->value = v;
  while (i < len && s[i] == ' ')
    i++;
  return i;
}

/* ---- parts ---- */

static const char *const part_titles[7] = {
  NULL, "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
  "政府信息公开行政复议", "存在的主要问题", "其他需要报告的事项"};

/* Which part heading line I is (1–6), or 0. A heading is a short line holding the part's
 * title after an optional numbering mark. */
static int part_heading(nbi *m, size_t i)
{
  const nbi_cell *c = nbi_line_cell(m, i);
  if (!c || c->len > 120)
    return 0;
  nbi_mark mk;
  size_t off = nbi_marker(c->raw, c->len, &mk);
  const char *rest = nbi_norm(m, c->raw + off, c->len - off);
  for (int k = 1; k <= 6; k++) {
    const char *t = part_titles[k];
    size_t tl = strlen(t);
    if (strncmp(rest, t, tl) != 0)
      continue;
    size_t extra = strlen(rest) - tl;
    if (k == 4 && !strstr(rest, "诉讼"))
      continue;
    if (k == 5 && !strstr(rest, "改进") && !strstr(rest, "整改"))
      continue;
    if (extra > 30)
      continue;
    if (mk.kind == NBI_MARK_NONE && extra > 6)
      continue;
    return k;
  }
  return 0;
}

/* Whether the text looks like a report at all: a part heading, or a label of table 二/三. */
static int recognised(const nbi *m)
{
  for (int k = 1; k <= 6; k++)
    if (m->part[k] != NBI_NONE)
      return 1;
  for (size_t i = 0; i < m->ncells; i++)
    if (strcmp(m->cells[i].norm, "行政规范性文件") == 0 || strstr(m->cells[i].norm, "本年新收"))
      return 1;
  return 0;
}

static void find_parts(nbi *m)
{
  for (int k = 0; k <= 6; k++)
    m->part[k] = NBI_NONE;
  int last = 0;
  for (size_t i = 0; i < m->nlines; i++) {
    int k = part_heading(m, i);
    if (k > last) {
      m->part[k] = i;
      last = k;
    }
  }
  static const char *const names[7] = {
    NULL, "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项"};
  for (int k = 1; k <= 6; k++)
    if (m->part[k] == NBI_NONE && recognised(m))
      nbi_report(m, 1, "NB603", 0, "原文中没有找到“%s”这一部分的标题", names[k]);
}

/* First line of part K and the line after its end (the next part found, or the end). */
void nbi_part_range(const nbi *m, int k, size_t *from, size_t *to)
{
  *from = m->part[k] == NBI_NONE ? NBI_NONE : m->part[k] + 1;
  *to = m->nlines;
  for (int j = k + 1; j <= 6; j++)
    if (m->part[j] != NBI_NONE) {
      *to = m->part[j];
      break;
    }
}

/* ---- chart residue (a pie chart's labels pasted with the text) ---- */

static int chart_label(const nbi_line *ln)
{
  const char *s = ln->s;
  size_t len = ln->len;
  trim(&s, &len);
  if (len == 0)
    return 0;
  if (nb_utf8_find(s, len, "总和(") || nb_utf8_find(s, len, "\"列"))
    return 1;
  if (s[len - 1] == '%' && len >= 2 && s[len - 2] >= '0' && s[len - 2] <= '9')
    return len < 60;
  return 0;
}

static void drop_line(nbi *m, size_t i)
{
  nbi_line *ln = &m->lines[i];
  ln->dropped = 1;
  for (size_t j = ln->first; j < ln->first + ln->ncells; j++) {
    m->cells[j].kind = NBI_BLANK;
    m->cells[j].placeholder = 0;
    m->cells[j].interior = 0;
    m->cells[j].norm = "";
  }
}

static void drop_chart_residue(nbi *m)
{
  size_t dropped = 0;
  uint32_t first = 0;
  for (size_t i = 0; i < m->nlines; i++) {
    if (!chart_label(&m->lines[i]))
      continue;
    drop_line(m, i);
    if (!first)
      first = m->lines[i].no;
    dropped++;
    /* the chart's title: a short line without punctuation just before its labels */
    if (i > 0 && m->lines[i - 1].dropped)
      continue; /* looked for at the first label of the run */
    size_t j = i;
    while (j > 0 && nbi_line_cell(m, j - 1) == NULL && !m->lines[j - 1].dropped
           && m->lines[j - 1].ncells == 0)
      j--;
    if (j > 0) {
      const nbi_cell *c = nbi_line_cell(m, j - 1);
      if (c && nb_utf8_count(c->raw, c->len) <= 24 && !nb_utf8_find(c->raw, c->len, "。")
          && !nb_utf8_find(c->raw, c->len, "，") && part_heading(m, j - 1) == 0) {
        nbi_mark mk;
        if (nbi_marker(c->raw, c->len, &mk) == 0) {
          drop_line(m, j - 1);
          dropped++;
          if (m->lines[j - 1].no < first)
            first = m->lines[j - 1].no;
        }
      }
    }
  }
  if (dropped)
    nbi_report(m, 0, "NB615", first,
               "有%zu行看来是图表的标签（如“应急管理 4%%”），不属于报告正文，已略去", dropped);
}

/* ---- the whole reading ---- */

int nbi_read(nbi *m, const char *text, size_t len)
{
  normalise(m, text, len);
  split(m);
  drop_chart_residue(m);
  find_parts(m);
  return recognised(m);
}

void nbi_dispose(nbi *m)
{
  free(m->buf);
  free(m->lines);
  free(m->cells);
  free(m->notes);
  nb_buf_free(&m->missing);
  nb_arena_free(m->arena);
}
