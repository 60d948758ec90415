/* nianbao summary: the region's summary of one year from a tree of reports (batch/summary). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch/set.h"
#include "batch/summary.h"
#include "check/config.h"
#include "check/prose.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "core/io.h"
#include "core/load.h"
#include "render/render.h"

const char nb_cli_summary_help[] =
  "用法：nianbao summary [选项] 文件或文件夹… -o 目录\n"
  "\n"
  "汇总一个地区（县、区）各机关的年度报告：检查每一份（与 nianbao lint 相同，\n"
  "含 .nianbao.yaml 的规则级别），列出各机关的状态、评分（同 lint --score）和主要数字、\n"
  "缺少的报告、需要核实的数字，算出全地区表二、表三、表四的合计。\n"
  "给出文件夹时处理其中（含下级文件夹）所有含“format:”的 .yaml/.yml 文件。\n"
  "选项可以写在文件或文件夹的前面或后面；“--”之后的都是文件或文件夹。\n"
  "\n"
  "在输出目录中写出：\n"
  "  summary.html     一个网页文件，可以直接用浏览器打开（U 盘、本机），点表头排序；\n"
  "                   附新收申请最多的机关和全地区申请办理结果两张图\n"
  "  summary.xlsx     Excel 工作簿：汇总、表二、表三、表四（每个机关每一格）、问题\n"
  "  summary.csv      汇总表（UTF-8，带 BOM，Excel 可直接打开）\n"
  "  summary.json     全部数字和问题，供其他系统使用\n"
  "  年度-地区（汇总）.yaml  全地区数字之和的数据文件（organ.scope: 区域汇总，文字待写），\n"
  "                   可以用 lint、render 处理，是写全县（区）年度报告的起点\n"
  "文件夹中已有同一年度的区域汇总文件时，逐格与各机关报告的合计比较，不一致的列出（NB806）。\n"
  "\n"
  "选项：\n"
  "  --year 年度           汇总哪一年度，默认为文件中最新的年度\n"
  "  --expect 单位名单     一个文本文件，每行一个应交报告的机关全称（# 开头的行不算）；\n"
  "                        名单中有而没有找到报告的，列为缺报告（NB805）。\n"
  "                        .nianbao.yaml 中 units: 列出的单位也算在内（从第一个文件或\n"
  "                        文件夹开始向上找配置文件，与 lint 相同）\n"
  "  -o, --output 目录     输出目录，默认为 out/（不存在时自动创建）\n"
  "  -j, --jobs 数目       同时检查的文件数，默认为处理器核数；结果与数目无关\n"
  "  -h, --help            显示本说明\n"
  "\n"
  "上一年度有报告而本年度没有的机关也列为缺报告。有错误的报告列出但不计入合计。\n"
  "\n"
  ".nianbao.yaml 的 rules: 也适用于 NB805、NB806（如 NB805: error 时缺报告算错误）。\n"
  "\n"
  "退出码：0 没有错误；1 至少一份报告有错误（或 .nianbao.yaml 设为错误的 NB805、NB806）；\n"
  "        2 用法错误，文件无法读取、输出无法写入，或找不到 Excel 模块 nianbao-xlsx.so\n"
  "          （NB807：不生成 summary.xlsx，其他文件照常生成）。\n";

typedef struct {
  int year;
  const char *expect, *output;
  unsigned jobs;
} summary_opts;

static int parse_year(const char *v, int *year)
{
  char *end = NULL;
  long y = strtol(v, &end, 10);
  if (!end || *end || y < 2008 || y > 9999) {
    fprintf(stderr, "nianbao summary: --year 后面应是四位数的年度，如 2024，不能是“%s”\n", v);
    return -1;
  }
  *year = (int)y;
  return 0;
}

enum { OPT_YEAR, OPT_EXPECT, OPT_OUTPUT, OPT_JOBS };

static const cli_opt summary_options[] = {
  {"--year", 1, OPT_YEAR},          {"--expect", 1, OPT_EXPECT},
  {"-o|--output", 1, OPT_OUTPUT},   {"-j|--jobs", 1, OPT_JOBS},
  {NULL, 0, 0},
};

static int set_option(void *ctx, int id, const char *value)
{
  summary_opts *o = ctx;
  switch (id) {
  case OPT_YEAR: return parse_year(value, &o->year);
  case OPT_EXPECT: o->expect = value; return 0;
  case OPT_OUTPUT: o->output = value; return 0;
  default: return nb_cli_parse_jobs("summary", value, &o->jobs);
  }
}

/* Options and the files and folders, in any order ("--": only files and folders follow):
 * 0 with *PATHS (argv's strings; the caller frees the array) and *N, 1 after the help, -1
 * after saying what is wrong. */
static int parse_args(int argc, char **argv, summary_opts *o, char ***paths, size_t *n)
{
  const cli_spec spec = {"summary", nb_cli_summary_help, summary_options, 0, 0, set_option};
  return cli_parse_anywhere(&spec, argc, argv, o, "请给出报告数据文件或文件夹。", paths, n);
}

/* The names of --expect, one a line (UTF-8, BOM and CR accepted, # comments skipped). */
static int read_expect(const char *path, nb_summary *s)
{
  nb_buf b = NB_BUF_INIT;
  nb_io_status st = nb_io_read(path, NB_LOAD_MAX_BYTES, &b);
  if (st != NB_IO_OK) {
    nb_cli_read_failed(stderr, "summary", "单位名单", path, st);
    nb_buf_free(&b);
    return -1;
  }
  char *p = b.data;
  if (p && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  for (char *line = p, *next; line; line = next) {
    next = strchr(line, '\n');
    if (next)
      *next++ = '\0';
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
      line[--n] = '\0';
    while (*line == ' ' || *line == '\t')
      line++;
    if (*line && *line != '#')
      nb_summary_expect(s, line);
  }
  nb_buf_free(&b);
  return 0;
}

/* What the files of one call share. */
typedef struct {
  nb_summary *s;
  nb_set *set;
  const nb_schema *schema;
  nb_prose_opts peers; /* the bodies of the run, for NB227 as lint finds it */
} summary_run;

/* Worker: the checks lint adds for a run of files (NB227, then the config's rule levels),
 * so that both count the same, and what the summary keeps. */
static void *read_one(void *ctx, const nb_set *set, size_t i, nb_checked *c, nb_diags *d)
{
  const summary_run *run = ctx;
  (void)set, (void)i;
  nb_set_check_run(run->schema, &run->peers, c, d);
  return nb_summary_review(c, d);
}

static void add_one(void *ctx, size_t i, nb_diags *d, void *extra)
{
  summary_run *run = ctx;
  nb_diags_print_text(d, stderr);
  nb_summary_add(run->s, nb_set_at(run->set, i), extra, d);
}

static void add_dup(void *ctx, nb_diags *d)
{
  summary_run *x = ctx;
  nb_diags_print_text(d, stderr);
  for (size_t i = 0; i < nb_set_count(x->set); i++)
    if (strcmp(nb_set_at(x->set, i)->path, nb_diags_filename(d)) == 0 && nb_set_at(x->set, i)->found) {
      nb_summary_note(x->s, i, d);
      break;
    }
}

/* Checks every file of SET into S (diagnostics to standard error, as lint prints them). */
static void collect(nb_set *set, const nb_schema *schema, nb_summary *s)
{
  summary_run run = {s, set, schema, {NULL, 0}};
  if (nb_set_count(set) > 1)
    nb_set_identify(set);
  nb_prose_peer *peers = nb_set_peers(set, &run.peers);
  nb_set_check(set, schema, read_one, add_one, &run);
  nb_set_duplicates(set, add_dup, &run);
  nb_summary_finish(s);
  free(peers);
}

/* The .nianbao.yaml governing PATH (the first file or folder given), or NULL: its units are
 * expected bodies, its rule levels apply to NB805 and NB806. A config with errors is not used
 * (each of its files says NB901). */
static nb_config *tree_config(const char *path, nb_summary *s)
{
  nb_buf probe = NB_BUF_INIT;
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    nb_buf_printf(&probe, "%s/%s", path, NB_CONFIG_NAME); /* found from inside the folder */
  else
    nb_buf_puts(&probe, path);
  char *found = nb_config_find(probe.data);
  nb_diags *d = nb_diags_new(found ? found : "");
  nb_config *c = found ? nb_config_load(found, d) : NULL;
  size_t n = 0;
  const char *const *units = nb_config_units(c, &n);
  for (size_t i = 0; i < n; i++)
    nb_summary_expect(s, units[i]);
  nb_summary_config(s, c);
  nb_diags_free(d);
  free(found);
  nb_buf_free(&probe);
  return c;
}

static int write_in(const char *dir, const char *name, const nb_buf *b)
{
  nb_buf path = NB_BUF_INIT;
  nb_buf_printf(&path, "%s/%s", dir, name);
  int rc = nb_cli_write_output("summary", path.data, b->data ? b->data : "", b->len);
  nb_buf_free(&path);
  return rc;
}

/* summary.html through templates/summary.html.mustache. */
static int html_file(const nb_summary *s, nb_buf *out, nb_io_out *file)
{
  nb_renderer *r = nb_renderer_new(NULL);
  nb_mus_error err = NB_MUS_ERROR_INIT;
  int rc = nb_summary_html(s, NULL, r, out, file, &err);
  if (rc != 0) {
    nb_diags *d = nb_mus_error_diags(&err);
    nb_diags_print_text(d, stderr);
    nb_diags_free(d);
  }
  nb_mus_error_free(&err);
  nb_renderer_free(r);
  return rc;
}

/* Without the Excel module (NB807): says so, and removes an earlier summary.xlsx at PATH,
 * which no longer matches the other files. */
static void no_xlsx(const char *path, nb_diags *d)
{
  nb_diags_print_text(d, stderr);
  fputs("nianbao summary: 本次不生成 summary.xlsx，其他文件照常生成；装好上面所说的模块后"
        "再次运行即可补上。\n", stderr);
  if (remove(path) == 0)
    printf("已删除 %s\n", path);
}

static int write_xlsx(const nb_summary *s, const char *dir)
{
  nb_buf path = NB_BUF_INIT;
  nb_buf_printf(&path, "%s/summary.xlsx", dir);
  nb_diags *d = nb_diags_new(path.data);
  const nb_xlsx_api *x = nb_summary_xlsx_module(d);
  const char *why = NULL;
  int rc = x ? nb_summary_xlsx(s, x, path.data, &why) : -2;
  if (rc == -2)
    no_xlsx(path.data, d);
  else if (rc < 0)
    nb_cli_write_failed(stderr, "summary", path.data, why);
  else
    printf("%s%s\n", rc == 1 ? NB_IO_SAID_SAME : NB_IO_SAID_WRITTEN, path.data);
  nb_diags_free(d);
  nb_buf_free(&path);
  return rc < 0 ? -1 : 0;
}

typedef int (*stream_fn)(const nb_summary *s, nb_buf *out, nb_io_out *file);

static int csv_file(const nb_summary *s, nb_buf *out, nb_io_out *file)
{
  nb_summary_csv(s, out, file);
  return 0;
}

static int json_file(const nb_summary *s, nb_buf *out, nb_io_out *file)
{
  nb_summary_json(s, out, file);
  return 0;
}

/* DIR/NAME written piece by piece by FN (summary.json is tens of megabytes for ten
 * thousand reports). */
static int write_stream(const nb_summary *s, const char *dir, const char *name, stream_fn fn)
{
  nb_buf path = NB_BUF_INIT, b = NB_BUF_INIT;
  nb_buf_printf(&path, "%s/%s", dir, name);
  nb_io_out *file = nb_io_out_open(path.data);
  int rc = file ? 0 : -1;
  if (file && fn(s, &b, file) != 0) {
    nb_io_out_discard(file);
    rc = -2; /* said why */
  } else if (file) {
    rc = nb_io_out_close(file);
  }
  if (rc == -1)
    nb_cli_write_failed(stderr, "summary", path.data, nb_io_errno_text(errno));
  else if (rc >= 0)
    printf("%s%s\n", rc == 1 ? NB_IO_SAID_SAME : NB_IO_SAID_WRITTEN, path.data);
  nb_buf_free(&b);
  nb_buf_free(&path);
  return rc < 0 ? -1 : 0;
}

static int write_all(const nb_summary *s, const char *output)
{
  char *dir = nb_xstrdup(output);
  for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/';) /* "汇总/" names "汇总/summary.html" */
    dir[--n] = '\0';
  if (nb_io_make_dirs(dir) != 0) {
    nb_cli_mkdir_failed(stderr, "summary", dir, errno);
    free(dir);
    return -1;
  }
  int rc = write_stream(s, dir, "summary.html", html_file);
  rc |= write_stream(s, dir, "summary.csv", csv_file);
  rc |= write_stream(s, dir, "summary.json", json_file);
  nb_buf b = NB_BUF_INIT;
  nb_summary_region_yaml(s, &b);
  nb_buf name = NB_BUF_INIT;
  nb_buf_printf(&name, "%d-%s（汇总）.yaml", nb_summary_year(s), nb_summary_region(s));
  for (char *p = name.data; *p; p++)
    if (*p == '/' || *p == '\\')
      *p = '_';
  rc |= write_in(dir, name.data, &b);
  nb_buf_free(&name);
  nb_buf_free(&b);
  rc |= write_xlsx(s, dir);
  free(dir);
  return rc;
}

int nb_cli_summary(int argc, char **argv)
{
  summary_opts o = {0};
  char **paths = NULL;
  size_t n_paths = 0;
  int rc = parse_args(argc, argv, &o, &paths, &n_paths);
  if (rc) {
    free(paths);
    return rc > 0 ? NB_EXIT_OK : NB_EXIT_USAGE;
  }
  nb_diags *sd = nb_diags_new("内置模式");
  nb_schema *schema = nb_schema_load_builtin(sd);
  nb_diags_free(sd);
  nb_summary *s = schema ? nb_summary_new(o.year) : NULL;
  nb_set *set = schema ? nb_set_new(paths, n_paths, o.jobs) : NULL;
  nb_config *config = schema ? tree_config(paths[0], s) : NULL;
  free(paths);
  if (!schema)
    return NB_EXIT_USAGE;
  int io = o.expect && read_expect(o.expect, s) != 0;
  if (!io) {
    collect(set, schema, s);
    io = write_all(s, o.output ? o.output : "out") != 0;
  }
  for (size_t i = 0; i < nb_set_count(set); i++)
    io |= nb_set_at(set, i)->io_failed;
  size_t errors = io ? 0 : nb_summary_errors(s);
  if (!io)
    printf("%s%d年度：%zu 个机关，%zu 份报告有错误。\n", nb_summary_region(s), nb_summary_year(s),
           nb_summary_rows(s), errors);
  nb_set_free(set);
  nb_summary_free(s);
  nb_config_free(config);
  nb_schema_free(schema);
  if (fflush(stdout) != 0 || ferror(stdout))
    io = 1;
  return io ? NB_EXIT_USAGE : errors ? NB_EXIT_INVALID : NB_EXIT_OK;
}
