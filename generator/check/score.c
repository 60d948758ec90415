/* The score: a table of criteria and a table of rule codes, read once per finding. */
#include "check/score.h"

#include <stdio.h>
#include <string.h>

#include "core/jsonout.h"

enum { ON_TIME, FORMAT, FIGURES, PROSE, REPEAT, PART5, FINDABLE, CRITERIA };

static const struct {
  const char *name;
  int weight;
} criteria[CRITERIA] = {
  {"按时发布", 15}, {"符合格式", 20}, {"数据一致", 20}, {"文字与数据一致", 15},
  {"重复率", 10},   {"第五部分具体", 10}, {"网址和联系方式", 10},
};

static const struct {
  const char *code;
  int criterion, points;
} weights[] = {
  {"NB205", ON_TIME, 15}, {"NB206", ON_TIME, 15}, {"NB207", ON_TIME, 15},
  {"NB202", FORMAT, 5},   {"NB215", FORMAT, 5},   {"NB226", FORMAT, 5},
  {"NB201", FIGURES, 10}, {"NB302", FIGURES, 10}, {"NB203", FIGURES, 5}, {"NB204", FIGURES, 5},
  {"NB212", FIGURES, 5},  {"NB303", FIGURES, 5},  {"NB306", FIGURES, 5},
  {"NB208", PROSE, 5},    {"NB209", PROSE, 5},    {"NB210", PROSE, 5},   {"NB220", PROSE, 5},
  {"NB221", PROSE, 5},    {"NB222", PROSE, 5},    {"NB223", PROSE, 5},   {"NB224", PROSE, 5},
  {"NB225", PROSE, 5},    {"NB227", PROSE, 5},
  {"NB308", REPEAT, 10},  {"NB304", REPEAT, 3},   {"NB305", REPEAT, 3},
  {"NB228", PART5, 5},    {"NB229", PART5, 5},    {"NB230", PART5, 3},   {"NB309", PART5, 3},
  {"NB211", PART5, 2},
};

typedef struct {
  int used[CRITERIA];
  nb_score *s;
} tally;

static void deduct(tally *t, const char *code, int criterion, int points, const char *missing)
{
  int room = criteria[criterion].weight - t->used[criterion];
  if (points > room)
    points = room;
  if (points <= 0)
    return;
  t->used[criterion] += points;
  t->s->total -= points;
  for (size_t i = 0; i < t->s->n; i++) /* one line per code and criterion */
    if (strcmp(t->s->items[i].code, code) == 0 && !missing &&
        t->s->items[i].criterion == criteria[criterion].name) {
      t->s->items[i].points += points;
      return;
    }
  if (t->s->n < NB_SCORE_MAX_ITEMS) {
    nb_score_item *it = &t->s->items[t->s->n++];
    snprintf(it->code, sizeof it->code, "%s", code);
    it->criterion = criteria[criterion].name;
    it->points = points;
    it->missing = missing;
  }
}

static void finding(tally *t, const nb_diag *g)
{
  if (g->sev == NB_SEV_IGNORED)
    return;
  for (size_t k = 0; k < sizeof weights / sizeof weights[0]; k++)
    if (strcmp(weights[k].code, g->code) == 0) {
      deduct(t, g->code, weights[k].criterion, weights[k].points, NULL);
      return;
    }
  /* loading and schema errors: the format is not followed */
  if (g->sev == NB_SEV_ERROR && (strncmp(g->code, "NB0", 3) == 0 || strncmp(g->code, "NB1", 3) == 0))
    deduct(t, g->code, FORMAT, 20, NULL);
}

static int has_text(const nb_node *doc, const char *path)
{
  const nb_node *n = nb_node_path(doc, path);
  return n && n->kind == NB_STR && n->len > 0;
}

void nb_score_compute(const nb_node *doc, nb_diags *diags, nb_score *out)
{
  memset(out, 0, sizeof *out);
  out->total = 100;
  tally t = {{0}, out};
  for (size_t i = 0; i < nb_diags_count(diags); i++)
    finding(&t, nb_diags_get(diags, i));
  if (!doc) { /* nothing could be read: nothing to credit, one line naming the first error */
    const nb_diag *first = nb_diags_count(diags) ? nb_diags_get(diags, 0) : NULL;
    memset(out, 0, sizeof *out);
    out->items[out->n++] = (nb_score_item){"", NULL, criteria[FORMAT].name, 100};
    snprintf(out->items[0].code, sizeof out->items[0].code, "%s", first ? first->code : "NB009");
    return;
  }
  if (!has_text(doc, "publication.url"))
    deduct(&t, "", FINDABLE, 5, "publication.url");
  if (!has_text(doc, "contact.phone"))
    deduct(&t, "", FINDABLE, 5, "contact.phone");
}

void nb_score_text(const nb_score *s, nb_buf *out)
{
  nb_buf_printf(out, "%d/100", s->total);
  for (size_t i = 0; i < s->n; i++)
    nb_buf_printf(out, "%s%s −%d %s%s", i ? "；" : "（", s->items[i].criterion, s->items[i].points,
                  s->items[i].missing ? "未填 " : "",
                  s->items[i].missing ? s->items[i].missing : s->items[i].code);
  if (s->n)
    nb_buf_puts(out, "）");
}

void nb_score_json(const nb_score *s, nb_buf *out)
{
  nb_buf_printf(out, "\"score\":%d,\"deductions\":[", s->total);
  for (size_t i = 0; i < s->n; i++) {
    nb_buf_printf(out, "%s{\"code\":", i ? "," : "");
    if (*s->items[i].code)
      nb_jsonout_string(out, s->items[i].code, strlen(s->items[i].code));
    else
      nb_buf_puts(out, "null");
    nb_buf_puts(out, ",\"missing\":");
    if (s->items[i].missing)
      nb_jsonout_string(out, s->items[i].missing, strlen(s->items[i].missing));
    else
      nb_buf_puts(out, "null");
    nb_buf_puts(out, ",\"criterion\":");
    nb_jsonout_string(out, s->items[i].criterion, strlen(s->items[i].criterion));
    nb_buf_printf(out, ",\"points\":%d}", s->items[i].points);
  }
  nb_buf_putc(out, ']');
}
