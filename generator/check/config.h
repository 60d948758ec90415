/* nb_config: the .nianbao.yaml that governs a data file, looked up from the data file's folder
 * upward (as .yamllint and ruff.toml are), and the exceptions written in the data file.
 *
 * The config is checked against schemas/nianbao-config.schema.json (embedded; editors
 * complete it through the same file). It sets local deadlines by level (NB207), turns rules
 * off or makes them warnings or errors by code, sets local limits (总体情况 characters: NB231),
 * adds stock phrases (NB229) and lists the units expected to report
 * (for the summary). A config with errors is reported as NB901 on every data file it governs
 * (naming the config's file, line and column) and is not used.
 *
 * Inline exceptions: a comment "# nianbao: 忽略 NB303 因为：本年开展规范性文件清理" on a line
 * turns the findings of that code on that line (or in the block scalar the line opens) into
 * "已忽略" with the reason, shown but not counted. An exception without a reason is NB902.
 *
 * Ownership: nb_config_free(NULL) is a no-op; strings returned by accessors live as long as
 * the config. A loaded config is read-only and may be shared. */
#ifndef NB_CONFIG_H
#define NB_CONFIG_H
#include <stddef.h>

#include "core/diag.h"
#include "core/node.h"
#include "check/schema.h"

#define NB_CONFIG_NAME ".nianbao.yaml"

typedef struct nb_config nb_config;

/* The path of the config governing DATA_PATH ("-": the current folder), or NULL when there
 * is none. The caller frees it. */
char *nb_config_find(const char *data_path);

/* Loads and checks PATH; its problems go to DIAGS (made for PATH). NULL when it has errors. */
nb_config *nb_config_load(const char *path, nb_diags *diags);
void nb_config_free(nb_config *c);

/* The config of DATA_PATH, loaded; a bad config's errors go to DATA_DIAGS as NB901. NULL
 * when there is none or it is bad. */
nb_config *nb_config_for(const char *data_path, nb_diags *data_diags);

/* The local deadline of LEVEL: returns 1 and stores month and day when the config sets one. */
int nb_config_deadline(const nb_config *c, const char *level, int *month, int *day);
/* The level the config gives rule CODE ("off", "warning" or "error"), or NULL. */
const char *nb_config_rule_level(const nb_config *c, const char *code);
/* The extra stock phrases (N of them). */
const char *const *nb_config_stock_phrases(const nb_config *c, size_t *n);
/* The units expected to report (N of them), for the summary's missing reports. */
const char *const *nb_config_units(const nb_config *c, size_t *n);

/* The rules that need the config: a local deadline (replaces NB207's late-date finding for
 * the level) and the 总体情况 limit (NB231). C may be NULL. */
void nb_config_check(const nb_config *c, const nb_schema *s, const nb_node *doc, nb_diags *diags);

/* The config's rule levels (off / warning / error; C may be NULL) and the data file's
 * inline exceptions, applied to DIAGS (whose source text holds the comments). Run it after
 * every rule has added its findings; running it again changes nothing. */
void nb_config_apply(const nb_config *c, nb_diags *diags);

#endif
