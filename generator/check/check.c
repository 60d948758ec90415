#include "check/check.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/io.h"
#include "core/load.h"
#include "check/config.h"
#include "check/part5.h"
#include "check/prose.h"
#include "check/rules.h"

/* The current year (UTC), or the year of SOURCE_DATE_EPOCH when set (reproducible builds and
 * tests). Computed from the day count rather than with gmtime_r, which reads the time zone
 * files on its first call although a UTC year needs none. */
static int today_year(void)
{
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  long long now = sde && *sde ? strtoll(sde, NULL, 10) : (long long)time(NULL);
  long long days = now / 86400 - (now % 86400 < 0);
  /* days since 1970-01-01 → civil year, in 400-year eras starting on 0000-03-01 */
  long long z = days + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153; /* month from March = 0 */
  long long year = yoe + era * 400 + (mp >= 10);
  return year < 1 || year > 9999 ? 2100 : (int)year;
}

/* The rules after the schema's, then the config's levels and the file's exceptions. */
static void review(nb_node *root, const nb_schema *schema, int conforms, const nb_config *cfg,
                   nb_diags *diags)
{
  /* the prose read against the figures only when every figure is where it belongs */
  if (conforms && nb_schema_format(schema) == NB_RULES_FORMAT) {
    size_t nstock;
    const char *const *stock = nb_config_stock_phrases(cfg, &nstock);
    nb_prose_check(schema, root, diags);
    nb_part5_check(schema, root, stock, nstock, diags);
    nb_config_check(cfg, schema, root, diags);
  }
  nb_config_apply(cfg, diags);
}

static nb_check_result finish(nb_node *root, const nb_schema *schema, const char *path,
                              nb_diags *diags, nb_checked *out, nb_arena *arena)
{
  if (root && root->kind == NB_NULL && nb_schema_format(schema)) {
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB009", 0, 0, "文件是空的，没有任何数据");
    nb_diag_hint(g, "可以用 nianbao init 生成一份完整的空白数据文件，再逐项填写");
    root = NULL;
  }
  nb_schema_faults faults = {0};
  int conforms = root && nb_schema_check_faults(schema, root, diags, &faults) == 0;
  if (root)
    nb_rules_check(schema, root, &faults, today_year(), diags);
  nb_schema_faults_free(&faults);
  nb_config *cfg = path && nb_schema_format(schema) == NB_RULES_FORMAT ? nb_config_for(path, diags) : NULL;
  review(root, schema, conforms, cfg, diags);
  if (out) {
    out->arena = arena;
    out->root = root;
    out->conforms = conforms;
    out->config = cfg;
  } else {
    nb_arena_free(arena);
    nb_config_free(cfg);
  }
  return nb_diags_errors(diags) ? NB_CHECK_INVALID : NB_CHECK_OK;
}

nb_check_result nb_check_file(const char *path, const nb_schema *schema, nb_diags *diags,
                              nb_checked *out)
{
  nb_arena *arena = nb_arena_new();
  int io_error = 0;
  nb_node *root = nb_load_file(path, arena, diags, NULL, &io_error);
  if (io_error) {
    if (out) {
      out->arena = arena;
      out->root = NULL;
      out->conforms = 0;
      out->config = NULL;
    } else {
      nb_arena_free(arena);
    }
    return NB_CHECK_IO;
  }
  return finish(root, schema, path, diags, out, arena);
}

nb_check_result nb_check_text(const char *text, size_t len, const nb_schema *schema,
                              nb_diags *diags, nb_checked *out)
{
  nb_arena *arena = nb_arena_new();
  nb_node *root = nb_load_text(text, len, arena, diags, NULL);
  return finish(root, schema, NULL, diags, out, arena);
}

void nb_checked_free(nb_checked *c)
{
  if (!c)
    return;
  nb_arena_free(c->arena);
  nb_config_free(c->config);
  c->arena = NULL;
  c->config = NULL;
  c->root = NULL;
}
