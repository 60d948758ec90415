/* The config's rule levels and the data file's inline exceptions, applied to the findings
 * of a file once every rule has run. An exception is read from the source text kept by the
 * diagnostics: "# nianbao: 忽略 NB303 NB304 因为：理由" — on a key's line it covers that line
 * and, when the key opens a block scalar ("|", ">"), the block's lines too. */
#include <stdlib.h>
#include <string.h>

#include "check/config.h"
#include "check/sentence.h"
#include "core/utf8.h"

#define MAX_CODES 8

typedef struct {
  uint32_t from, to;         /* lines covered */
  char codes[MAX_CODES][8];
  size_t ncodes;
  char *reason;              /* NULL: none given (NB902) */
} exception;

typedef struct {
  const nb_config *c;
  exception *v;
  size_t n;
} applying;

static size_t indent_of(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len && s[i] == ' ')
    i++;
  return i;
}

/* Whether LINE (before its comment, LEN bytes) ends with a block scalar indicator. */
static int opens_block(const char *line, size_t len)
{
  while (len && strchr(" \t", line[len - 1]))
    len--;
  while (len && strchr("-+0123456789", line[len - 1]))
    len--;
  return len >= 2 && strchr("|>", line[len - 1]) && strchr(" :", line[len - 2]);
}

/* Parses "忽略 NB303 NB304 因为：理由" after "# nianbao:". */
static void parse_exception(const char *s, size_t len, exception *e)
{
  size_t i = 0, n;
  while (i < len && s[i] == ' ')
    i++;
  if (!(n = nb_sentence_starts(s + i, len - i, "忽略")))
    return;
  for (i += n; i < len;) {
    if (strchr(" ,、，", s[i]) || nb_sentence_starts(s + i, len - i, "、") || nb_sentence_starts(s + i, len - i, "，")) {
      i += s[i] == ' ' || s[i] == ',' ? 1 : 3;
    } else if (len - i >= 5 && memcmp(s + i, "NB", 2) == 0 && e->ncodes < MAX_CODES) {
      memcpy(e->codes[e->ncodes], s + i, 5);
      e->codes[e->ncodes++][5] = '\0';
      i += 5;
    } else {
      break;
    }
  }
  if ((n = nb_sentence_starts(s + i, len - i, "因为")) == 0)
    return;
  i += n;
  i += nb_sentence_starts(s + i, len - i, "：") + nb_sentence_starts(s + i, len - i, ":");
  while (i < len && s[i] == ' ')
    i++;
  size_t end = len;
  while (end > i && strchr(" \r", s[end - 1]))
    end--;
  if (end > i)
    e->reason = nb_xstrndup(s + i, end - i);
}

/* The exceptions written in SRC. */
static void read_exceptions(const char *src, size_t len, applying *a)
{
  static const char mark[] = "# nianbao:";
  uint32_t line = 1;
  for (const char *p = src, *end = src + len; p < end; line++) {
    /* Lines without the mark are skipped in one search, counting their ends. */
    const char *next = nb_utf8_find(p, (size_t)(end - p), mark);
    if (!next)
      break;
    for (const char *q; (q = memchr(p, '\n', (size_t)(next - p))) != NULL; p = q + 1)
      line++;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
    const char *hash = nb_utf8_find(p, ll, mark);
    if (hash) {
      exception e = {line, line, {{0}}, 0, NULL};
      parse_exception(hash + sizeof mark - 1, ll - (size_t)(hash - p) - (sizeof mark - 1), &e);
      size_t indent = indent_of(p, ll);
      if (opens_block(p, (size_t)(hash - p)))
        for (const char *q = nl ? nl + 1 : end; q < end;) {
          const char *qn = memchr(q, '\n', (size_t)(end - q));
          size_t ql = qn ? (size_t)(qn - q) : (size_t)(end - q);
          size_t qi = indent_of(q, ql);
          if (qi < ql && q[qi] != '\r' && qi <= indent)
            break;
          e.to++;
          q = qn ? qn + 1 : end;
        }
      if (e.ncodes) {
        a->v = nb_xrealloc(a->v, (a->n + 1) * sizeof *a->v);
        a->v[a->n++] = e;
      } else {
        free(e.reason);
      }
    }
    p = nl ? nl + 1 : end;
  }
}

static int keep(nb_diag *g, void *ctx)
{
  applying *a = ctx;
  const char *level = nb_config_rule_level(a->c, g->code);
  if (level && strcmp(level, "off") == 0)
    return 0;
  if (level && g->sev != NB_SEV_IGNORED)
    g->sev = strcmp(level, "error") == 0 ? NB_SEV_ERROR : NB_SEV_WARNING;
  for (size_t i = 0; i < a->n; i++) {
    const exception *e = &a->v[i];
    if (!e->reason || g->line < e->from || g->line > e->to)
      continue;
    for (size_t k = 0; k < e->ncodes; k++)
      if (strcmp(e->codes[k], g->code) == 0 && g->sev != NB_SEV_IGNORED) {
        g->sev = NB_SEV_IGNORED;
        nb_diag_hint(g, "忽略原因：%s（第 %u 行的注释）", e->reason, e->from);
      }
  }
  return 1;
}

/* NB902 for an exception without a reason (once). */
static void missing_reasons(const applying *a, nb_diags *diags)
{
  for (size_t i = 0; i < a->n; i++) {
    if (a->v[i].reason)
      continue;
    int seen = 0;
    for (size_t j = 0; j < nb_diags_count(diags); j++) {
      const nb_diag *g = nb_diags_get(diags, j);
      seen |= g->line == a->v[i].from && strcmp(g->code, "NB902") == 0;
    }
    if (seen)
      continue;
    nb_diag *g = nb_diag_add(diags, NB_SEV_WARNING, "NB902", a->v[i].from, 1,
                             "“# nianbao: 忽略 %s”没有写原因，不予忽略", a->v[i].codes[0]);
    nb_diag_hint(g, "写成“# nianbao: 忽略 %s 因为：……”，让审核的人知道为什么", a->v[i].codes[0]);
  }
}

void nb_config_apply(const nb_config *c, nb_diags *diags)
{
  applying a = {c, NULL, 0};
  size_t len;
  const char *src = nb_diags_source(diags, &len);
  if (src)
    read_exceptions(src, len, &a);
  if (!c && !a.n)
    return;
  nb_diags_filter(diags, keep, &a);
  missing_reasons(&a, diags);
  for (size_t i = 0; i < a.n; i++)
    free(a.v[i].reason);
  free(a.v);
}
