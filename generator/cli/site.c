/* nianbao site: the 年报专栏 of a portal from a tree of reports.
 *
 *   index.html                      years (newest first) → unit types → bodies
 *   <year>/index.html               the year's summary (as nianbao summary), linking each report
 *   <year>/<report>/index.html      a report's page: the report and its downloads
 *   <year>/<report>/<report>.html, .pdf, .json, .md   the report, rendered as render does
 *   problems.html                   reports with errors (not published) and their diagnostics
 *
 * Links are relative (percent-encoded), no page asks for anything outside the folder, so it
 * works from a file:// path and on any web server. A second run rewrites nothing unchanged;
 * files of reports no longer in the tree are removed: the list of what the site wrote is kept
 * in .nianbao-site, and only files on that list are ever removed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/set.h"
#include "batch/summary.h"
#include "cli/cli.h"
#include "core/io.h"
#include "core/load.h"
#include "core/pool.h"
#include "render/render.h"

const char nb_cli_site_help[] =
  "用法：nianbao site [选项] 文件或文件夹… -o 目录\n"
  "\n"
  "生成政府网站的“年报专栏”：检查每一份报告（与 nianbao lint 相同），把没有错误的报告生成为\n"
  "网页、PDF、JSON、Markdown 和图解（PNG、PDF、SVG），并写出：\n"
  "  index.html            按年度（最新的在前）、机关类型、机关列出全部报告\n"
  "  年度/index.html       该年度的汇总（与 nianbao summary 相同），链接到各份报告\n"
  "  年度/报告/index.html  一份报告的页面：查看网页版，下载 PDF、JSON、Markdown\n"
  "  problems.html         有错误、未发布的报告和它们的问题\n"
  "所有链接都是相对链接，不引用任何外部资源：整个目录可以直接用浏览器打开，也可以原样放到\n"
  "任何网站服务器上。再次运行时内容没有变化的文件不重写（修改时间不变），已经删除的报告的文件\n"
  "会被删除（只删除本命令以前写出的文件，记录在目录中的 .nianbao-site）。\n"
  "\n"
  "选项：\n"
  "  -o, --output 目录     输出目录，默认为 public/\n"
  "  --templates 目录      先在该目录中查找模板（报告和专栏页面的模板都可以替换）\n"
  "  -j, --jobs 数目       同时处理的报告数，默认为处理器核数；结果与数目无关\n"
  "  -h, --help            显示本说明\n"
  "\n"
  "退出码：0 全部发布；1 有报告有错误（未发布，列在 problems.html 中）；2 用法错误或文件无法读写。\n";

typedef struct {
  const char *output, *templates;
  unsigned jobs;
} site_opts;

/* What the whole run shares. Summaries: one per year found, newest first. */
typedef struct {
  const site_opts *o;
  nb_set *set;
  const nb_schema *schema;
  nb_summary **sums;
  int *years;
  size_t n_years;
  nb_buf manifest;  /* every file written, relative to the output folder, one a line */
  nb_buf problems;  /* problems.html's list (HTML), in file order */
  size_t n_failed;  /* reports not published */
  size_t *order;    /* the items published */
  int rc;
} site_run;

/* Appends S to OUT percent-encoded for a relative URL (the slashes kept). */
static void url_path(nb_buf *out, const char *s)
{
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                strchr("-._~/", *p) != NULL;
    if (plain)
      nb_buf_putc(out, (char)*p);
    else
      nb_buf_printf(out, "%%%02X", *p);
  }
}

static char *url_of(const char *path)
{
  nb_buf b = NB_BUF_INIT;
  url_path(&b, path);
  return nb_buf_detach(&b);
}

/* ---- the years --------------------------------------------------------------------- */

static int cmp_year_desc(const void *a, const void *b)
{
  int x = *(const int *)a, y = *(const int *)b;
  return (x < y) - (x > y);
}

/* The years of the bodies' reports, newest first, each with its summary. */
static void find_years(site_run *run)
{
  size_t n = nb_set_count(run->set);
  run->years = nb_xcalloc(n + 1, sizeof *run->years);
  for (size_t i = 0; i < n; i++) {
    const nb_set_item *it = nb_set_at(run->set, i);
    int seen = 0;
    for (size_t k = 0; k < run->n_years; k++)
      seen |= run->years[k] == it->year;
    if (it->year && !it->region_wide && !seen)
      run->years[run->n_years++] = it->year;
  }
  qsort(run->years, run->n_years, sizeof *run->years, cmp_year_desc);
  run->sums = nb_xcalloc(run->n_years + 1, sizeof *run->sums);
  for (size_t k = 0; k < run->n_years; k++)
    run->sums[k] = nb_summary_new(run->years[k]);
}

/* ---- the check ---------------------------------------------------------------------- */

static void *read_one(void *ctx, const nb_set *set, size_t i, nb_checked *c, nb_diags *d)
{
  (void)ctx, (void)set, (void)i, (void)d;
  return nb_summary_read(c->conforms ? c->root : NULL);
}

static void html_text(nb_buf *out, const char *s)
{
  nb_mus_escape_html(NULL, out, s ? s : "", s ? strlen(s) : 0);
}

/* A report that is not published, with its diagnostics, for problems.html. */
static void list_problems(site_run *run, const nb_set_item *it, nb_diags *d)
{
  nb_buf *b = &run->problems;
  nb_buf_puts(b, "<dt>");
  html_text(b, it->name ? it->name : it->path);
  nb_buf_puts(b, " <span class=\"nb-file\">");
  html_text(b, it->path);
  nb_buf_puts(b, "</span></dt>\n");
  for (size_t k = 0; k < nb_diags_count(d); k++) {
    const nb_diag *g = nb_diags_get(d, k);
    nb_buf_printf(b, "<dd><span class=\"%s\">%s</span> <code>%s</code>",
                  g->sev == NB_SEV_ERROR ? "err" : "warn", g->sev == NB_SEV_ERROR ? "错误" : "警告",
                  g->code);
    if (g->line)
      nb_buf_printf(b, " 第 %u:%u 处", g->line, g->col);
    nb_buf_puts(b, "：");
    html_text(b, g->message);
    nb_buf_puts(b, "</dd>\n");
  }
  run->n_failed++;
}

static void add_one(void *ctx, size_t i, nb_diags *d, void *extra)
{
  site_run *run = ctx;
  const nb_set_item *it = nb_set_at(run->set, i);
  nb_diags_print_text(d, stderr);
  nb_summary_report *r = extra;
  for (size_t k = 0; k < run->n_years; k++)
    nb_summary_add(run->sums[k], it, k + 1 < run->n_years ? nb_summary_report_copy(r) : r, d);
  if (!run->n_years)
    nb_summary_report_free(r);
  if (nb_diags_errors(d) && !it->problem_warning)
    list_problems(run, it, d);
}

static void add_dup(void *ctx, nb_diags *d)
{
  site_run *run = ctx;
  nb_diags_print_text(d, stderr);
  for (size_t i = 0; i < nb_set_count(run->set); i++) {
    const nb_set_item *it = nb_set_at(run->set, i);
    if (strcmp(it->path, nb_diags_filename(d)) == 0 && it->found) {
      for (size_t k = 0; k < run->n_years; k++)
        nb_summary_note(run->sums[k], i, d);
      list_problems(run, it, d);
      break;
    }
  }
}

/* Whether item I is published: a body's report without errors. */
static int published(const nb_set_item *it)
{
  return !it->problem && !it->io_failed && !it->errors && it->name && it->year && !it->region_wide;
}

/* ---- publishing the reports ------------------------------------------------------------ */

typedef struct {
  int rc;
  nb_buf out, err; /* messages, printed in file order */
  nb_buf files;    /* what was written, relative to the output folder, one a line */
} site_result;

/* "<year>/<stem>" of a published item. */
static char *report_dir(const nb_set_item *it)
{
  char *stem = nb_render_stem(it->name, it->year);
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%d/%s", it->year, stem);
  free(stem);
  return nb_buf_detach(&b);
}

static char *join(const char *a, const char *b)
{
  nb_buf p = NB_BUF_INIT;
  nb_buf_printf(&p, "%s/%s", a, b);
  return nb_buf_detach(&p);
}

/* Writes page REL (relative to the output folder) from template NAME and CTX. */
static int write_page(const site_run *run, const char *name, const nb_node *ctx, const char *rel,
                      nb_buf *out, nb_buf *err, nb_buf *files)
{
  nb_renderer *r = nb_renderer_new(run->o->templates);
  nb_mus_error e = NB_MUS_ERROR_INIT;
  nb_buf html = NB_BUF_INIT;
  int rc = nb_render_page(r, name, ctx, &html, &e);
  if (rc != 0) {
    nb_mus_error_format(&e, err);
    nb_buf_putc(err, '\n');
  } else {
    char *path = join(run->o->output, rel);
    if (nb_io_same_content(path, html.data, html.len)) {
      nb_buf_printf(out, "未变化 %s\n", path);
    } else if (nb_io_write_atomic(path, html.data, html.len) != 0) {
      nb_buf_printf(err, "nianbao site: 无法写入 %s：%s\n", path, nb_io_errno_text(errno));
      rc = -1;
    } else {
      nb_buf_printf(out, "已生成 %s\n", path);
    }
    free(path);
    nb_buf_printf(files, "%s\n", rel);
  }
  nb_buf_free(&html);
  nb_mus_error_free(&e);
  nb_renderer_free(r);
  return rc;
}

static void put_s(nb_arena *a, nb_node *m, const char *k, const char *v)
{
  nb_node_put(a, m, k, nb_node_new_cstr(a, v ? v : ""));
}

/* "145 KB" */
static char *size_text(const char *path, nb_arena *a)
{
  struct stat st;
  if (stat(path, &st) != 0)
    return nb_arena_strdup(a, "");
  long long kb = ((long long)st.st_size + 1023) / 1024;
  return nb_arena_printf(a, "%lld KB", kb);
}

static const struct {
  const char *ext, *label;
} DOWNLOADS[] = {
  {"pdf", "PDF（打印、存档）"}, {"html", "网页"}, {"md", "Markdown（粘贴到网站编辑器）"},
  {"json", "JSON（全部数字）"}, {"图解.png", "图解（图片）"}, {"图解.pdf", "图解（PDF）"},
  {"图解.svg", "图解（SVG）"},
};

/* The context of a report's page: identity and downloads. */
static nb_node *report_context(const site_run *run, const nb_set_item *it, const char *rel,
                               nb_arena *a)
{
  nb_node *ctx = nb_node_new(a, NB_MAP);
  char *stem = nb_render_stem(it->name, it->year);
  put_s(a, ctx, "title", nb_arena_printf(a, "%s%d年政府信息公开工作年度报告", it->name, it->year));
  put_s(a, ctx, "name", it->name);
  put_s(a, ctx, "level", it->level);
  put_s(a, ctx, "region", it->region);
  nb_node_put(a, ctx, "year", nb_node_new_int(a, it->year));
  nb_node *list = nb_node_new(a, NB_SEQ);
  for (size_t k = 0; k < sizeof DOWNLOADS / sizeof DOWNLOADS[0]; k++) {
    int graphic = strncmp(DOWNLOADS[k].ext, "图解", strlen("图解")) == 0;
    char *file = nb_arena_printf(a, "%s%s%s", stem, graphic ? "-" : ".", DOWNLOADS[k].ext);
    char *path = nb_arena_printf(a, "%s/%s/%s", run->o->output, rel, file);
    if (access(path, F_OK) != 0)
      continue;
    nb_node *d = nb_node_new(a, NB_MAP);
    char *href = url_of(file);
    put_s(a, d, "href", href);
    put_s(a, d, "label", DOWNLOADS[k].label);
    put_s(a, d, "size", size_text(path, a));
    nb_node_append(a, list, d);
    if (strcmp(DOWNLOADS[k].ext, "html") == 0)
      put_s(a, ctx, "view", href);
    if (strcmp(DOWNLOADS[k].ext, "图解.png") == 0)
      put_s(a, ctx, "poster", href);
    free(href);
  }
  nb_node_put(a, ctx, "downloads", list);
  free(stem);
  return ctx;
}

/* Lists the files of REL/ (the outputs render wrote there) into FILES. */
static void list_written(const char *out_text, const char *root, nb_buf *files)
{
  size_t n = strlen(root);
  for (const char *p = out_text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    const char *path = memchr(p, ' ', len);
    if (path && (size_t)(p + len - path - 1) > n + 1 && strncmp(path + 1, root, n) == 0 && path[1 + n] == '/')
      nb_buf_printf(files, "%.*s\n", (int)(p + len - path - 2 - n), path + 2 + n);
    p += len + (nl != NULL);
  }
}

/* Worker: renders published item I into its folder, then its page. */
static void *publish_one(void *ctx, size_t k)
{
  site_run *run = ctx;
  size_t i = run->order[k];
  const nb_set_item *it = nb_set_at(run->set, i);
  site_result *res = nb_xcalloc(1, sizeof *res);
  char *rel = report_dir(it), *dir = join(run->o->output, rel);
  if (nb_io_make_dirs(dir) != 0) {
    nb_buf_printf(&res->err, "nianbao site: 无法创建目录 %s：%s\n", dir, nb_io_errno_text(errno));
    res->rc = NB_EXIT_USAGE;
  } else {
    res->rc = nb_cli_render_item(run->set, i, run->schema, dir, run->o->templates, &res->out, &res->err);
    list_written(nb_buf_cstr(&res->out), run->o->output, &res->files);
  }
  if (!res->rc) {
    nb_arena *a = nb_arena_new();
    char *page = join(rel, "index.html");
    if (write_page(run, "site-report.html", report_context(run, it, rel, a), page, &res->out,
                   &res->err, &res->files) != 0)
      res->rc = NB_EXIT_USAGE;
    free(page);
    nb_arena_free(a);
  }
  free(rel);
  free(dir);
  return res;
}

static void publish_done(void *ctx, size_t k, void *p)
{
  (void)k;
  site_run *run = ctx;
  site_result *res = p;
  fwrite(nb_buf_cstr(&res->err), 1, res->err.len, stderr);
  fwrite(nb_buf_cstr(&res->out), 1, res->out.len, stdout);
  nb_buf_puts(&run->manifest, nb_buf_cstr(&res->files));
  if (res->rc && !run->rc)
    run->rc = res->rc;
  nb_buf_free(&res->out), nb_buf_free(&res->err), nb_buf_free(&res->files);
  free(res);
}

/* ---- the pages around the reports -------------------------------------------------------- */

/* The rows of a year's summary link to the pages of the published reports. */
static void link_rows(const site_run *run, nb_node *ctx, int year, nb_arena *a)
{
  nb_node *rows = nb_node_get(ctx, "rows");
  for (size_t r = 0; rows && r < rows->n; r++) {
    const char *name = nb_node_cstr(nb_node_get(rows->items[r], "name"));
    size_t i = name ? nb_set_find(run->set, name, year, (size_t)-1) : (size_t)-1;
    if (i == (size_t)-1 || !published(nb_set_at(run->set, i)))
      continue;
    char *stem = nb_render_stem(name, year);
    nb_buf b = NB_BUF_INIT;
    url_path(&b, stem);
    nb_buf_puts(&b, "/index.html");
    put_s(a, rows->items[r], "link", b.data);
    nb_buf_free(&b);
    free(stem);
  }
}

static int write_years(site_run *run)
{
  int rc = 0;
  for (size_t k = 0; k < run->n_years; k++) {
    nb_arena *a = nb_arena_new();
    nb_node *ctx = nb_summary_context(run->sums[k], a);
    link_rows(run, ctx, run->years[k], a);
    char *rel = nb_arena_printf(a, "%d/index.html", run->years[k]);
    char *dir = nb_arena_printf(a, "%s/%d", run->o->output, run->years[k]);
    nb_buf out = NB_BUF_INIT, err = NB_BUF_INIT;
    if (nb_io_make_dirs(dir) != 0 ||
        write_page(run, "site-year.html", ctx, rel, &out, &err, &run->manifest) != 0)
      rc = -1;
    fputs(nb_buf_cstr(&err), stderr);
    fputs(nb_buf_cstr(&out), stdout);
    nb_buf_free(&out), nb_buf_free(&err);
    nb_arena_free(a);
  }
  return rc;
}

static const char *const LEVELS[] = {"县级人民政府", "县级部门", "乡镇", "街道", "市级人民政府",
                                     "市级部门", "省级人民政府", "省级部门", "其他"};

/* The bodies of YEAR at LEVEL, published or not, by name: [{name, link?, status}]. */
static nb_node *bodies_node(const site_run *run, int year, const char *level, nb_arena *a)
{
  nb_node *list = nb_node_new(a, NB_SEQ);
  const nb_summary *s = run->sums[0];
  for (size_t k = 0; k < run->n_years; k++)
    if (run->years[k] == year)
      s = run->sums[k];
  for (size_t r = 0; r < nb_summary_rows(s); r++) {
    nb_summary_row row = nb_summary_row_at(s, r);
    if (!row.path || !row.level || strcmp(row.level, level) != 0)
      continue;
    nb_node *m = nb_node_new(a, NB_MAP);
    put_s(a, m, "name", row.name);
    size_t i = nb_set_find(run->set, row.name, year, (size_t)-1);
    if (i != (size_t)-1 && published(nb_set_at(run->set, i))) {
      char *stem = nb_render_stem(row.name, year);
      nb_buf b = NB_BUF_INIT;
      nb_buf_printf(&b, "%d/", year);
      url_path(&b, stem);
      nb_buf_puts(&b, "/index.html");
      put_s(a, m, "link", b.data);
      nb_buf_free(&b);
      free(stem);
    } else {
      put_s(a, m, "note", "有错误，未发布");
    }
    nb_node_append(a, list, m);
  }
  return list;
}

static nb_node *index_context(const site_run *run, nb_arena *a)
{
  nb_node *ctx = nb_node_new(a, NB_MAP), *years = nb_node_new(a, NB_SEQ);
  const char *region = run->n_years ? nb_summary_region(run->sums[0]) : "";
  put_s(a, ctx, "title", nb_arena_printf(a, "%s政府信息公开工作年度报告", region));
  for (size_t k = 0; k < run->n_years; k++) {
    nb_node *y = nb_node_new(a, NB_MAP), *levels = nb_node_new(a, NB_SEQ);
    nb_node_put(a, y, "year", nb_node_new_int(a, run->years[k]));
    put_s(a, y, "href", nb_arena_printf(a, "%d/index.html", run->years[k]));
    for (size_t l = 0; l < sizeof LEVELS / sizeof LEVELS[0]; l++) {
      nb_node *bodies = bodies_node(run, run->years[k], LEVELS[l], a);
      if (!bodies->n)
        continue;
      nb_node *lv = nb_node_new(a, NB_MAP);
      put_s(a, lv, "level", LEVELS[l]);
      nb_node_put(a, lv, "bodies", bodies);
      nb_node_append(a, levels, lv);
    }
    nb_node_put(a, y, "levels", levels);
    nb_node_append(a, years, y);
  }
  nb_node_put(a, ctx, "years", years);
  nb_node_put(a, ctx, "failed", nb_node_new_int(a, (int64_t)run->n_failed));
  nb_node_put(a, ctx, "has_failed", nb_node_new_bool(a, run->n_failed > 0));
  return ctx;
}

static int write_top(site_run *run)
{
  nb_arena *a = nb_arena_new();
  nb_buf out = NB_BUF_INIT, err = NB_BUF_INIT;
  int rc = write_page(run, "site-index.html", index_context(run, a), "index.html", &out, &err, &run->manifest);
  nb_node *p = nb_node_new(a, NB_MAP);
  put_s(a, p, "title", "有错误、未发布的报告");
  nb_node_put(a, p, "list", nb_node_new_cstr(a, nb_buf_cstr(&run->problems)));
  nb_node_put(a, p, "has_failed", nb_node_new_bool(a, run->n_failed > 0));
  rc |= write_page(run, "site-problems.html", p, "problems.html", &out, &err, &run->manifest);
  fputs(nb_buf_cstr(&err), stderr);
  fputs(nb_buf_cstr(&out), stdout);
  nb_buf_free(&out), nb_buf_free(&err);
  nb_arena_free(a);
  return rc;
}

/* ---- what an earlier run wrote ---------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of TEXT (modified in place), sorted. */
static char **lines_of(char *text, size_t *n)
{
  size_t cap = 0;
  char **v = NULL;
  *n = 0;
  for (char *p = text, *next; p && *p; p = next) {
    next = strchr(p, '\n');
    if (next)
      *next++ = '\0';
    if (*p) {
      NB_GROW(v, *n, cap, 64);
      v[(*n)++] = p;
    }
  }
  if (*n)
    qsort(v, *n, sizeof *v, cmp_str);
  return v;
}

/* Removes REL (under the output folder) and the folders it leaves empty. */
static void remove_old(const site_run *run, const char *rel)
{
  char *path = join(run->o->output, rel);
  if (unlink(path) == 0)
    printf("已删除 %s\n", path);
  for (char *slash = strrchr(path, '/'); slash && slash > path + strlen(run->o->output); slash = strrchr(path, '/')) {
    *slash = '\0';
    if (rmdir(path) != 0)
      break;
  }
  free(path);
}

/* Removes the files of the last run that this run did not write, then records this run's. */
static int sweep(site_run *run)
{
  char *list = join(run->o->output, ".nianbao-site");
  nb_buf old = NB_BUF_INIT, now = NB_BUF_INIT;
  nb_buf_puts(&now, nb_buf_cstr(&run->manifest));
  size_t n_old = 0, n_now = 0;
  char **o = NULL, **w = NULL;
  if (nb_io_read(list, NB_LOAD_MAX_BYTES * 16, &old) == NB_IO_OK)
    o = lines_of(old.data, &n_old);
  w = lines_of(now.data, &n_now);
  for (size_t i = 0; i < n_old; i++)
    if (!bsearch(&o[i], w, n_now, sizeof *w, cmp_str) && !strstr(o[i], ".."))
      remove_old(run, o[i]);
  nb_buf sorted = NB_BUF_INIT;
  for (size_t i = 0; i < n_now; i++)
    nb_buf_printf(&sorted, "%s\n", w[i]);
  int rc = nb_io_same_content(list, nb_buf_cstr(&sorted), sorted.len) ? 0
         : nb_io_write_atomic(list, nb_buf_cstr(&sorted), sorted.len);
  free(o), free(w), free(list);
  nb_buf_free(&old), nb_buf_free(&now), nb_buf_free(&sorted);
  return rc;
}

/* ---- the command ------------------------------------------------------------------------ */

static int parse_args(int argc, char **argv, site_opts *o, int *first)
{
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    int has_value = i + 1 < argc;
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (a[0] != '-' || strcmp(a, "-") == 0)
      break;
    if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && has_value) {
      o->output = argv[++i];
    } else if (strcmp(a, "--templates") == 0 && has_value) {
      o->templates = argv[++i];
    } else if ((strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) && has_value) {
      if (nb_cli_parse_jobs("site", argv[++i], &o->jobs) != 0)
        return -1;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(nb_cli_site_help, stdout);
      return 1;
    } else {
      fprintf(stderr, "nianbao site: 不认识的选项“%s”，或缺少选项的值。运行 nianbao help site 查看用法。\n", a);
      return -1;
    }
  }
  if (i >= argc) {
    fputs("nianbao site: 请给出报告数据文件或文件夹。运行 nianbao help site 查看用法。\n", stderr);
    return -1;
  }
  *first = i;
  return 0;
}

/* Checks everything (into the year summaries), then publishes the reports without errors. */
static void build(site_run *run)
{
  nb_set_identify(run->set);
  find_years(run);
  nb_set_check(run->set, run->schema, read_one, add_one, run);
  nb_set_duplicates(run->set, add_dup, run);
  for (size_t k = 0; k < run->n_years; k++)
    nb_summary_finish(run->sums[k]);
  size_t n = nb_set_count(run->set), m = 0;
  run->order = nb_xcalloc(n + 1, sizeof *run->order);
  for (size_t i = 0; i < n; i++)
    if (published(nb_set_at(run->set, i)))
      run->order[m++] = i;
  nb_pool_run(m, run->o->jobs, publish_one, publish_done, run);
  if (write_years(run) != 0 || write_top(run) != 0 || sweep(run) != 0)
    run->rc = NB_EXIT_USAGE;
}

int nb_cli_site(int argc, char **argv)
{
  site_opts o = {"public", NULL, 0};
  int first = 0;
  int rc = parse_args(argc, argv, &o, &first);
  if (rc)
    return rc > 0 ? NB_EXIT_OK : NB_EXIT_USAGE;
  char *out = nb_xstrdup(o.output);
  for (size_t n = strlen(out); n > 1 && out[n - 1] == '/'; n--)
    out[n - 1] = '\0';
  o.output = out;
  nb_diags *sd = nb_diags_new("内置模式");
  nb_schema *schema = nb_schema_load_builtin(sd);
  nb_diags_free(sd);
  if (!schema || nb_io_make_dirs(out) != 0) {
    if (schema)
      fprintf(stderr, "nianbao site: 无法创建输出目录 %s：%s\n", out, nb_io_errno_text(errno));
    nb_schema_free(schema);
    free(out);
    return NB_EXIT_USAGE;
  }
  site_run run = {.o = &o, .set = nb_set_new(argv + first, (size_t)(argc - first), o.jobs),
                  .schema = schema, .manifest = NB_BUF_INIT, .problems = NB_BUF_INIT};
  build(&run);
  int io = run.rc;
  for (size_t i = 0; i < nb_set_count(run.set); i++)
    io |= nb_set_at(run.set, i)->io_failed;
  printf("已发布 %zu 份报告%s。\n", nb_set_count(run.set) - run.n_failed,
         run.n_failed ? "，有错误未发布的见 problems.html" : "");
  for (size_t k = 0; k < run.n_years; k++)
    nb_summary_free(run.sums[k]);
  free(run.sums), free(run.years), free(run.order);
  nb_buf_free(&run.manifest), nb_buf_free(&run.problems);
  nb_set_free(run.set);
  nb_schema_free(schema);
  free(out);
  if (fflush(stdout) != 0 || ferror(stdout))
    io = 1;
  return io ? NB_EXIT_USAGE : run.n_failed ? NB_EXIT_INVALID : NB_EXIT_OK;
}
