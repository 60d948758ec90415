/* nianbao lint: checks data files; prints diagnostics as text or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "check/check.h"
#include "check/config.h"
#include "check/crossyear.h"
#include "check/score.h"
#include "core/jsonout.h"
#include "check/prose.h"
#include "batch/set.h"

const char nb_cli_lint_help[] =
  "用法：nianbao lint [选项] 文件或文件夹…\n"
  "\n"
  "检查年报数据文件：YAML 写法、国家格式规定的每一项、勾稽关系和常见疏漏。\n"
  "可以一次检查多个文件；文件名写 - 表示从标准输入读取。给出文件夹时检查其中（含下级文件夹）\n"
  "所有含“format:”的 .yaml/.yml 文件，其他文件不理会；同一机关同一年度有两份文件时报错。\n"
  "\n"
  "选项：\n"
  "  --strict              有警告也按不通过处理（退出码 1）\n"
  "  --quiet               只列出错误，不列出警告（批量检查时用；与 --strict 同用时不起作用）\n"
  "  --format text|json    输出格式，默认 text；json 输出一个包含全部问题的 JSON 文档\n"
  "  --previous 文件       同时与上一年度的数据文件比较：上年结转与上年结转下年度是否一致、\n"
  "                        现行有效件数是否接上、文字是否与上年雷同、数字是否有十倍以上的突变\n"
  "  --previous 同机关上年  每份报告都与给出的文件和文件夹中同一机关上一年度的报告比较\n"
  "                        （也可写 --previous auto；找不到上年报告的不比较）\n"
  "  --score              每份报告按考核常用的标准打分（0–100），列出每一项扣分及对应的问题编号\n"
  "  -j, --jobs 数目        同时检查的文件数，默认为处理器核数；结果的顺序与数目无关\n"
  "  --schema 文件         用指定的 JSON Schema 代替内置的 2021 年格式\n"
  "\n"
  "输出：每个问题一行“文件:行:列: 错误[NB201] 说明”，下面是原文和提示。\n"
  "在终端上最后一行是总结，如“共检查 3 个文件：没有错误，1 个警告。”；\n"
  "输出到管道或文件（如 pre-commit）时，没有问题就什么也不输出。\n"
  "\n"
  "退出码：\n"
  "  0  没有错误（可以有警告，除非用了 --strict）\n"
  "  1  至少一个文件有错误（包括 --schema 指定的模式文件本身有错误）\n"
  "  2  用法错误，或文件无法读取\n";

typedef struct {
  int strict;
  int quiet; /* errors only */
  int json;
  const char *schema_path;
  const char *previous;
  int auto_previous; /* --previous 同机关上年 / auto */
  int score;         /* --score */
  unsigned jobs;
} lint_opts;

enum { OPT_STRICT, OPT_QUIET, OPT_FORMAT, OPT_PREVIOUS, OPT_JOBS, OPT_SCHEMA, OPT_SCORE };

static const cli_opt lint_options[] = {
  {"--strict", 0, OPT_STRICT}, {"--quiet", 0, OPT_QUIET},     {"--format", 1, OPT_FORMAT},
  {"--previous", 1, OPT_PREVIOUS},
  {"-j|--jobs", 1, OPT_JOBS},  {"--schema", 1, OPT_SCHEMA}, {"--score", 0, OPT_SCORE},
  {NULL, 0, 0},
};

static int set_option(void *ctx, int id, const char *value)
{
  lint_opts *o = ctx;
  switch (id) {
  case OPT_STRICT: o->strict = 1; return 0;
  case OPT_QUIET: o->quiet = 1; return 0;
  case OPT_FORMAT:
    o->json = strcmp(value, "json") == 0;
    if (!o->json && strcmp(value, "text") != 0) {
      fprintf(stderr, "nianbao lint: --format 只能是 text 或 json，不能是“%s”\n", value);
      return -1;
    }
    return 0;
  case OPT_PREVIOUS:
    o->auto_previous = strcmp(value, "auto") == 0 || strcmp(value, "同机关上年") == 0;
    o->previous = o->auto_previous ? NULL : value;
    return 0;
  case OPT_JOBS: return nb_cli_parse_jobs("lint", value, &o->jobs);
  case OPT_SCORE: o->score = 1; return 0;
  default: o->schema_path = value; return 0;
  }
}

static int parse_args(int argc, char **argv, lint_opts *o, int *first_file)
{
  static const cli_spec spec = {"lint", nb_cli_lint_help, lint_options, 0, 0, set_option};
  return cli_parse_leading(&spec, argc, argv, o, "请给出要检查的数据文件。", first_file);
}

/* The schema to check against; NULL after printing why (*UNREADABLE set when the file could
 * not be read at all, as opposed to a schema with errors). */
static nb_schema *load_schema(const lint_opts *o, int *unreadable)
{
  nb_diags *d = nb_diags_new(o->schema_path ? o->schema_path : "内置模式");
  nb_schema *s = o->schema_path ? nb_schema_load_file(o->schema_path, d) : nb_schema_load_builtin(d);
  *unreadable = nb_diags_has(d, "NB001");
  if (!s)
    nb_diags_print_text(d, stderr);
  else if (!nb_schema_format(s))
    fprintf(stderr, "提示：模式文件 %s 不是年报格式（没有 format: 2021），"
                    "只按它检查数据，不运行年报的勾稽关系等规则。\n", o->schema_path);
  nb_diags_free(d);
  return s;
}

/* What the files of one call share, and what they add up to. */
typedef struct {
  const lint_opts *o;
  const nb_schema *schema;
  const nb_checked *prev; /* conforming previous year (--previous FILE), or NULL */
  nb_prose_opts peers;    /* the bodies of this run, for NB227 */
  size_t errors, warnings, printed;
  int write_failed;
  nb_buf json;
  nb_buf scores, score_line; /* --score: the JSON list, the text line */
} lint_run;

/* The previous year's report of the body of item I in the set (--previous auto), checked;
 * its own problems are reported at its own turn. */
static void auto_previous(lint_run *run, const nb_set *s, size_t i, const nb_checked *cur,
                          nb_diags *d)
{
  const nb_set_item *it = nb_set_at(s, i);
  size_t p = it->name && it->year ? nb_set_find(s, it->name, it->year - 1, i) : (size_t)-1;
  if (p == (size_t)-1 || nb_set_at(s, p)->problem)
    return;
  nb_diags *pd = nb_diags_new(nb_set_at(s, p)->path);
  nb_checked prev = {0};
  nb_set_recheck(s, p, run->schema, pd, &prev);
  if (prev.conforms)
    nb_crossyear_check(prev.root, nb_set_at(s, p)->path, cur->root, d);
  nb_checked_free(&prev);
  nb_diags_free(pd);
}

/* Worker: the names of the other bodies of the run, and the comparison with the previous
 * year when asked for (read-only use of the schema, the set and the previous year). */
static void *compare_one(void *ctx, const nb_set *s, size_t i, nb_checked *cur, nb_diags *d)
{
  lint_run *run = ctx;
  if (cur->conforms) {
    nb_prose_check_peers(run->schema, cur->root, &run->peers, d);
    if (run->prev)
      nb_crossyear_check(run->prev->root, run->o->previous, cur->root, d);
    else if (run->o->auto_previous)
      auto_previous(run, s, i, cur, d);
    nb_config_apply(cur->config, d); /* the cross-year findings too */
  }
  if (!run->o->score)
    return NULL;
  nb_score *score = nb_xmalloc(sizeof *score);
  nb_score_compute(cur->root, d, score);
  return score;
}

/* Counts and prints the diagnostics of one file. */
static void report(void *ctx, nb_diags *d)
{
  lint_run *run = ctx;
  run->errors += nb_diags_errors(d);
  run->warnings += nb_diags_warnings(d);
  if (run->o->quiet && !run->o->strict)
    nb_diags_drop_warnings(d);
  if (run->o->json) {
    if (run->printed)
      nb_buf_putc(&run->json, ',');
    nb_diags_json(d, &run->json);
  } else if (nb_diags_print_text(d, stdout) != 0) {
    run->write_failed = 1;
  }
  run->printed++;
}

/* In file order, on the calling thread. */
static void report_one(void *ctx, size_t i, nb_diags *d, void *extra)
{
  lint_run *run = ctx;
  nb_score *score = extra;
  (void)i;
  if (score && run->o->json) { /* json: the "scores" list; text: a line after the findings */
    nb_buf_printf(&run->scores, "%s{\"file\":", run->scores.len ? "," : "");
    nb_jsonout_string(&run->scores, nb_diags_filename(d), strlen(nb_diags_filename(d)));
    nb_buf_putc(&run->scores, ',');
    nb_score_json(score, &run->scores);
    nb_buf_putc(&run->scores, '}');
  }
  report(ctx, d);
  if (score && !run->o->json) {
    run->score_line.len = 0;
    nb_buf_printf(&run->score_line, "评分：%s ", nb_diags_filename(d));
    nb_score_text(score, &run->score_line);
    nb_buf_putc(&run->score_line, '\n');
    run->write_failed |= fputs(nb_buf_cstr(&run->score_line), stdout) < 0;
  }
  free(score);
}

/* Checks --previous FILE first: its own problems are reported with the rest. Returns
 * nonzero when it could not be read. */
static int check_previous(lint_run *run, nb_checked *prev)
{
  nb_diags *d = nb_diags_new(run->o->previous);
  int io = nb_check_file(run->o->previous, run->schema, d, prev) == NB_CHECK_IO;
  if (!prev->conforms && !io) {
    nb_diag *g = nb_diag_add(d, NB_SEV_ERROR, "NB300", 0, 0, "上一年度的数据文件不符合格式，无法与之比较");
    nb_diag_hint(g, "先改正上一年度文件中的错误，或不用 --previous");
  }
  run->prev = prev->conforms ? prev : NULL;
  if (nb_diags_count(d))
    report(run, d);
  nb_diags_free(d);
  return io;
}

/* The closing line. On a terminal always, counting in words ("没有错误"); into a pipe or file
 * (pre-commit, scripts) only when there is something to count, in the form scripts know. */
static void summary(const lint_run *run, size_t files)
{
  int quiet = run->o->quiet && !run->o->strict;
  if (!isatty(fileno(stdout))) {
    if (quiet && run->errors)
      printf("共检查 %zu 个文件：%zu 个错误。\n", files, run->errors);
    else if (!quiet && (run->errors || run->warnings))
      printf("共检查 %zu 个文件：%zu 个错误，%zu 个警告。\n", files, run->errors, run->warnings);
    return;
  }
  printf("共检查 %zu 个文件：", files);
  if (run->errors)
    printf("%zu 个错误", run->errors);
  else
    fputs("没有错误", stdout);
  if (run->warnings)
    printf(quiet ? "，%zu 个警告（未列出）" : "，%zu 个警告", run->warnings);
  else
    fputs("，没有警告", stdout);
  fputs("。\n", stdout);
}

int nb_cli_lint(int argc, char **argv)
{
  lint_opts o = {0};
  int first = 0;
  int rc = parse_args(argc, argv, &o, &first);
  if (rc)
    return rc > 0 ? NB_EXIT_OK : NB_EXIT_USAGE;
  int unreadable = 0;
  nb_schema *schema = load_schema(&o, &unreadable);
  if (!schema)
    return unreadable ? NB_EXIT_USAGE : NB_EXIT_INVALID;
  lint_run run = {.o = &o, .schema = schema, .json = NB_BUF_INIT, .scores = NB_BUF_INIT,
                  .score_line = NB_BUF_INIT};
  nb_set *set = nb_set_new(argv + first, (size_t)(argc - first), o.jobs);
  if (o.auto_previous || nb_set_count(set) > 1)
    nb_set_identify(set);
  nb_prose_peer *peers = nb_set_peers(set, &run.peers);
  nb_checked prev = {0};
  if (o.json)
    nb_buf_puts(&run.json, "{\"files\":[");
  int io_failed = o.previous ? check_previous(&run, &prev) : 0;
  nb_set_check(set, schema, compare_one, report_one, &run);
  nb_set_duplicates(set, report, &run);
  for (size_t i = 0; i < nb_set_count(set); i++)
    io_failed |= nb_set_at(set, i)->io_failed;
  if (o.json) {
    nb_buf_printf(&run.json, "],\"errors\":%zu,\"warnings\":%zu", run.errors, run.warnings);
    if (o.score)
      nb_buf_printf(&run.json, ",\"scores\":[%s]", nb_buf_cstr(&run.scores));
    nb_buf_puts(&run.json, "}\n");
    run.write_failed |= fwrite(run.json.data, 1, run.json.len, stdout) != run.json.len;
  } else {
    summary(&run, nb_set_count(set));
  }
  nb_buf_free(&run.json);
  nb_buf_free(&run.scores);
  nb_buf_free(&run.score_line);
  nb_set_free(set);
  free(peers);
  nb_checked_free(&prev);
  nb_schema_free(schema);
  if (fflush(stdout) != 0 || ferror(stdout) || run.write_failed) {
    fputs("nianbao lint: 无法写出检查结果\n", stderr);
    return NB_EXIT_USAGE;
  }
  if (io_failed)
    return NB_EXIT_USAGE;
  return run.errors || (o.strict && run.warnings) ? NB_EXIT_INVALID : NB_EXIT_OK;
}
