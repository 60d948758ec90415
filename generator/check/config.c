/* The config file: found by walking up from the data file's folder, checked by the schema
 * interpreter against the embedded schema, read through small accessors. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "check/config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/embed.h"
#include "core/load.h"
#include "check/deadline.h"
#include "check/sentence.h"

struct nb_config {
  nb_arena *arena;
  nb_node *root;
  char *path;
};

/* ---- finding and loading ---- */

static int is_file(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The folder of DATA_PATH as the user wrote it ("." when none). The caller frees it. */
static char *folder_of(const char *data_path)
{
  const char *slash = data_path && strcmp(data_path, "-") != 0 ? strrchr(data_path, '/') : NULL;
  if (!slash)
    return nb_xstrdup(".");
  return slash == data_path ? nb_xstrdup("/") : nb_xstrndup(data_path, (size_t)(slash - data_path));
}

char *nb_config_find(const char *data_path)
{
  char *given = folder_of(data_path), *dir = realpath(given, NULL), *found = NULL;
  nb_buf shown = NB_BUF_INIT, b = NB_BUF_INIT;
  nb_buf_puts(&shown, given); /* the name printed: relative when the data file's was */
  for (char *end; dir && !found;) {
    b.len = 0;
    nb_buf_printf(&b, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, NB_CONFIG_NAME);
    if (is_file(b.data)) {
      nb_buf_printf(&shown, "%s%s", strcmp(nb_buf_cstr(&shown), "/") == 0 ? "" : "/", NB_CONFIG_NAME);
      found = nb_buf_detach(&shown);
    }
    if (strcmp(dir, "/") == 0 || !(end = strrchr(dir, '/')))
      break;
    end[end == dir] = '\0'; /* "/a/b" → "/a", "/a" → "/" */
    nb_buf_puts(&shown, "/..");
  }
  nb_buf_free(&shown);
  nb_buf_free(&b);
  free(dir);
  free(given);
  return found;
}

nb_config *nb_config_load(const char *path, nb_diags *diags)
{
  const nb_embedded_file *f = nb_embed_find("nianbao-config.schema.json");
  nb_schema *schema = f ? nb_schema_load_text((const char *)f->data, f->size, diags) : NULL;
  nb_config *c = nb_xcalloc(1, sizeof *c);
  c->arena = nb_arena_new();
  c->path = nb_xstrdup(path);
  c->root = schema ? nb_load_file(path, c->arena, diags, NULL, NULL) : NULL;
  if (c->root && c->root->kind == NB_NULL) /* an empty config changes nothing */
    c->root = NULL;
  else if (c->root)
    nb_schema_check(schema, c->root, diags);
  nb_schema_free(schema);
  if (nb_diags_errors(diags) || !schema) {
    nb_config_free(c);
    return NULL;
  }
  return c;
}

void nb_config_free(nb_config *c)
{
  if (!c)
    return;
  nb_arena_free(c->arena);
  free(c->path);
  free(c);
}

nb_config *nb_config_for(const char *data_path, nb_diags *data_diags)
{
  char *path = nb_config_find(data_path);
  if (!path)
    return NULL;
  nb_diags *d = nb_diags_new(path);
  nb_config *c = nb_config_load(path, d);
  for (size_t i = 0; !c && i < nb_diags_count(d); i++) {
    const nb_diag *g = nb_diags_get(d, i);
    if (g->sev != NB_SEV_ERROR)
      continue;
    nb_diag *e = nb_diag_add(data_diags, NB_SEV_ERROR, "NB901", 0, 0, "配置文件 %s:%u:%u：%s", path,
                             g->line, g->col, g->message);
    nb_diag_hint(e, "%s（配置文件有错误时不使用，改正后再检查）", g->hint ? g->hint : "按 schemas/nianbao-config.schema.json 改正配置文件");
  }
  nb_diags_free(d);
  free(path);
  return c;
}

/* ---- accessors ---- */

int nb_config_deadline(const nb_config *c, const char *level, int *month, int *day)
{
  const nb_node *v = c && level ? nb_node_get(nb_node_get(c->root, "deadlines"), level) : NULL;
  return v && v->kind == NB_STR && sscanf(v->str, "%2d-%2d", month, day) == 2;
}

const char *nb_config_rule_level(const nb_config *c, const char *code)
{
  return c ? nb_node_cstr(nb_node_get(nb_node_get(c->root, "rules"), code)) : NULL;
}

/* The strings of the config's list KEY (N of them), in the config's arena. */
static const char *const *strings_of(const nb_config *c, const char *key, size_t *n)
{
  const nb_node *list = c ? nb_node_get(c->root, key) : NULL;
  *n = 0;
  if (!list || list->kind != NB_SEQ || !list->n)
    return NULL;
  const char **out = nb_arena_alloc(c->arena, list->n * sizeof *out);
  for (size_t i = 0; i < list->n; i++)
    if (list->items[i]->kind == NB_STR)
      out[(*n)++] = list->items[i]->str;
  return out;
}

const char *const *nb_config_stock_phrases(const nb_config *c, size_t *n)
{
  return strings_of(c, "stock_phrases", n);
}

const char *const *nb_config_units(const nb_config *c, size_t *n)
{
  return strings_of(c, "units", n);
}

/* ---- the rules that need the config ---- */

static int late_finding(nb_diag *g, void *ctx)
{
  (void)ctx;
  return !(strcmp(g->code, "NB207") == 0 && strstr(g->message, "发布期限"));
}

/* NB207 by the local deadline of the body's level. */
static void local_deadline(const nb_config *c, const nb_node *doc, nb_diags *diags)
{
  const char *level = nb_node_cstr(nb_node_path(doc, "organ.level"));
  const nb_node *date = nb_node_get(doc, "date");
  int month, day, y, m, d, year = (int)nb_node_int(nb_node_get(doc, "year"), 0);
  if (!nb_config_deadline(c, level, &month, &day) || !date || date->kind != NB_STR ||
      sscanf(date->str, "%4d-%2d-%2d", &y, &m, &d) != 3 || y <= year)
    return;
  nb_diags_filter(diags, late_finding, NULL);
  nb_deadline dl = {month, day, NULL};
  if (!nb_deadline_missed(dl, year, y, m, d))
    return;
  nb_diag *g = nb_diag_add(diags, NB_SEV_WARNING, "NB207", date->line, date->col,
                           "报告日期 %d年%d月%d日 晚于%s的发布期限 %d年%d月%d日", y, m, d, level,
                           year + 1, month, day);
  nb_diag_where(g, "date", "报告日期");
  nb_diag_hint(g, "期限是本地的规定（%s 的 deadlines）；请核对日期，或尽快发布", c->path);
}

/* NB231: 一、总体情况 longer than the local limit. */
static void overview_limit(const nb_config *c, const nb_node *doc, nb_diags *diags)
{
  int64_t limit = nb_node_int(nb_node_path(c->root, "limits.overview_chars"), 0);
  const nb_node *ov = nb_node_get(doc, "overview");
  if (limit <= 0 || !ov || ov->kind != NB_MAP)
    return;
  size_t n = 0;
  for (size_t i = 0; i < ov->n; i++) {
    const nb_node *v = ov->pairs[i].val;
    for (size_t j = 0; v && v->kind == NB_STR && j < v->len; j++)
      n += ((unsigned char)v->str[j] & 0xC0) != 0x80 && !strchr(" \t\r\n", v->str[j]);
  }
  if ((int64_t)n <= limit)
    return;
  const nb_node *key = nb_node_get_pair(doc, "overview")->key;
  nb_diag *g = nb_diag_add(diags, NB_SEV_WARNING, "NB231", key->line, key->col,
                           "「一、总体情况」共 %zu 字，超过本地规定的 %lld 字", n, (long long)limit);
  nb_diag_where(g, "overview", "一、总体情况");
  nb_diag_hint(g, "精简总体情况的文字（上限见 %s 的 limits.overview_chars）", c->path);
}

void nb_config_check(const nb_config *c, const nb_schema *s, const nb_node *doc, nb_diags *diags)
{
  (void)s;
  if (!c || !c->root || !doc || doc->kind != NB_MAP)
    return;
  local_deadline(c, doc, diags);
  overview_limit(c, doc, diags);
}
