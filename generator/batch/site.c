/* nb_site: the 年报专栏 (see batch/site.h). The check fills one summary per year (and
 * problems.html's list); the year pages (streamed), the index and problems.html are written
 * and the summaries freed; the published reports are rendered on every core through the
 * caller's render function, each report's page written beside its files, and only a bit and
 * the manifest lines of each are kept; then the sweep of what an earlier run wrote. */
#include "batch/site.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/manifest.h"
#include "batch/summary.h"
#include "check/config.h"
#include "check/prose.h"
#include "core/io.h"
#include "core/load.h"
#include "core/mem.h"
#include "core/pool.h"
#include "render/render.h"

/* What the whole run shares. Summaries: one per year found, newest first. */
typedef struct {
  const nb_site_opts *o;
  nb_set *set;
  const nb_schema *schema;
  nb_summary **sums;
  int *years;
  size_t n_years;
  unsigned with;    /* NB_SITE_* formats whose module works */
  unsigned char *paged; /* by item: its page was written */
  nb_io_out *list;  /* OUTPUT/.nianbao-site, written as every output is (core/io.h) */
  nb_buf lines;     /* what is to go into it next: every file written, relative to the output
                     * folder, one a line, in the order written, and the reports' entries */
  uint64_t *written; /* the hashes of those lines (open addressing, 0 free), kept only when
                     * the last run's list names files: the sweep looks up nothing else */
  int sweeping;     /* the last run's list names files */
  size_t n_written, cap_written;
  nb_buf problems;  /* problems.html's list (HTML), in file order */
  size_t n_failed;  /* reports not published */
  size_t n_published, first; /* the items to publish (published()), the first of them */
  size_t n_same;    /* of those, not rendered again (unchanged) */
  size_t same_files; /* files of the reports left as they were (same bytes), not printed */
  size_t same_pages; /* the same of the year pages, the index and problems.html */
  nb_prose_opts peers; /* the bodies of the run, for NB227 */
  nb_manifest *old; /* what the last run wrote, from what */
  int again;        /* checking a second time and writing the pages again after a report was
                     * lost: diagnostics not printed, files not listed (the first time did) */
  uint64_t inputs;  /* the hash of what every report's outputs depend on beside its own files */
  int io;
} site_run;

int nb_site_print_changes(FILE *f, const char *text, size_t len, size_t *same)
{
  int rc = 0;
  for (const char *p = text, *end = text + len; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);
    if (n >= strlen(NB_IO_SAID_SAME) && memcmp(p, NB_IO_SAID_SAME, strlen(NB_IO_SAID_SAME)) == 0)
      ++*same;
    else if (fwrite(p, 1, n, f) != n)
      rc = -1;
    p += n;
  }
  return rc;
}

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
  size_t cap = 0;
  for (size_t i = 0; i < nb_set_count(run->set); i++) {
    const nb_set_item *it = nb_set_at(run->set, i);
    int seen = 0;
    for (size_t k = 0; k < run->n_years; k++)
      seen |= run->years[k] == it->year;
    if (it->year && !it->region_wide && !seen) {
      NB_GROW(run->years, run->n_years, cap, 8);
      run->years[run->n_years++] = it->year;
    }
  }
  qsort(run->years, run->n_years, sizeof *run->years, cmp_year_desc);
  run->sums = nb_xcalloc(run->n_years + 1, sizeof *run->sums);
}

/* ---- the check ---------------------------------------------------------------------- */

/* Worker: what lint adds for a run of files (NB227 against the run's bodies, then the
 * config's rule levels again), so that the site publishes what lint passes and its year pages
 * count as nianbao summary does; then what the summaries keep. */
static void *read_one(void *ctx, const nb_set *set, size_t i, nb_checked *c, nb_diags *d)
{
  const site_run *run = ctx;
  (void)set, (void)i;
  nb_set_check_run(run->schema, &run->peers, c, d);
  return nb_summary_review(c, d);
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
  if (!run->again)
    nb_diags_print_text(d, run->o->err);
  nb_summary_report *r = extra;
  /* every summary sees every file (its index is the set's); the figures go only to the
   * summaries of the report's year and of the next (last year's figures: jumps, missing) */
  for (size_t k = 0; k < run->n_years; k++) {
    int y = run->years[k], wanted = !it->year || it->year == y || it->year == y - 1;
    nb_summary_add(run->sums[k], it, wanted ? nb_summary_report_copy(r) : NULL, d);
  }
  nb_summary_report_free(r);
  if (nb_diags_errors(d) && !it->problem_warning && !run->again)
    list_problems(run, it, d);
}

/* Item I is not published because of D (found once every file was checked): in every year's
 * summary and, the first time, on problems.html. */
static void withdraw(site_run *run, size_t i, nb_diags *d)
{
  for (size_t k = 0; k < run->n_years; k++)
    nb_summary_note(run->sums[k], i, d);
  if (!run->again)
    list_problems(run, nb_set_at(run->set, i), d);
}

static void add_dup(void *ctx, nb_diags *d)
{
  site_run *run = ctx;
  if (!run->again)
    nb_diags_print_text(d, run->o->err);
  for (size_t i = 0; i < nb_set_count(run->set); i++) {
    const nb_set_item *it = nb_set_at(run->set, i);
    if (strcmp(it->path, nb_diags_filename(d)) == 0 && it->found) {
      withdraw(run, i, d);
      break;
    }
  }
}

/* Whether item I is published: a body's report without errors. */
static int published(const nb_set_item *it)
{
  return !it->problem && !it->io_failed && !it->errors && it->name && it->year && !it->region_wide;
}

/* ---- what the run writes, and what an earlier run wrote ------------------------------------ */

/* FNV-1a of a manifest line; never 0 (a free slot). */
static uint64_t line_hash(const char *s, size_t n)
{
  uint64_t h = nb_manifest_hash(NB_MANIFEST_SEED, s, n);
  return h ? h : 1;
}

static void hash_put(uint64_t *slot, size_t cap, uint64_t h)
{
  size_t k = (size_t)(h & (cap - 1));
  while (slot[k] && slot[k] != h)
    k = (k + 1) & (cap - 1);
  slot[k] = h;
}

static void remember(site_run *run, uint64_t h)
{
  if (2 * (run->n_written + 1) > run->cap_written) {
    size_t cap = run->cap_written ? 2 * run->cap_written : 1024;
    uint64_t *slot = nb_xcalloc(cap, sizeof *slot);
    for (size_t k = 0; k < run->cap_written; k++)
      if (run->written[k])
        hash_put(slot, cap, run->written[k]);
    free(run->written);
    run->written = slot;
    run->cap_written = cap;
  }
  hash_put(run->written, run->cap_written, h);
  run->n_written++;
}

/* Whether this run wrote the file of line S (N bytes). A collision of two hashes can only
 * keep a stale file, never remove one that was written. */
static int was_written(const site_run *run, const char *s, size_t n)
{
  uint64_t h = line_hash(s, n);
  for (size_t k = run->cap_written ? (size_t)(h & (run->cap_written - 1)) : 0;
       run->cap_written && run->written[k]; k = (k + 1) & (run->cap_written - 1))
    if (run->written[k] == h)
      return 1;
  return 0;
}

/* Hands what is to go into .nianbao-site to its file once there is enough of it. */
static void list_flush(site_run *run, size_t at_least)
{
  if (run->lines.len >= at_least)
    nb_io_out_flush(run->list, &run->lines);
}

/* Records LINES (file names relative to the output folder, one a line) as written. The pages
 * written again after a lost report are not: the first time listed the same names, and
 * listing them twice put each of their lines twice into .nianbao-site. */
static void record(site_run *run, const char *lines)
{
  if (run->again)
    return;
  for (const char *p = lines; *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n) {
      if (run->sweeping)
        remember(run, line_hash(p, n));
      nb_buf_printf(&run->lines, "%.*s\n", (int)n, p);
    }
    p += n + (nl != NULL);
  }
  list_flush(run, (size_t)1 << 16);
}

/* ---- publishing the reports ------------------------------------------------------------ */

typedef struct {
  int rc, paged;   /* paged: the report's page was written */
  int same;        /* not rendered: its inputs and outputs are unchanged */
  nb_buf out, err; /* messages, printed in file order */
  nb_buf files;    /* what was written, relative to the output folder, one a line */
  char *rel;       /* the report's folder, relative to the output folder */
  uint64_t in, outputs; /* the hashes of its inputs and of its files (manifest.h) */
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
      nb_buf_printf(out, "%s%s\n", NB_IO_SAID_SAME, path);
    } else if (nb_io_write_atomic(path, html.data, html.len) != 0) {
      nb_buf_printf(err, "nianbao site: 无法写入 %s：%s\n", path, nb_io_errno_text(errno));
      rc = -1;
    } else {
      nb_buf_printf(out, "%s%s\n", NB_IO_SAID_WRITTEN, path);
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

/* The downloads of a report's page, in order: the report, then the 图解. */
static const struct {
  const char *ext, *format, *use;
  int poster;
} DOWNLOADS[] = {
  {"pdf", "PDF", "打印、存档", 0},
  {"docx", "Word 文档", "修改、转载", 0},
  {"html", "网页", "在线阅读，放到网站上", 0},
  {"md", "Markdown", "粘贴到网站编辑器", 0},
  {"json", "JSON", "全部数字，供汇总统计", 0},
  {"图解.png", "图片（PNG）", "微信公众号、网站", 1},
  {"图解.pdf", "PDF", "打印", 1},
  {"图解.svg", "SVG", "网页中任意缩放", 1},
};

/* Download K of the report STEM in folder REL as {href, format, use, size, open, label}. */
static nb_node *download_node(const site_run *run, size_t k, const char *stem, const char *rel,
                              nb_arena *a)
{
  char *file = nb_arena_printf(a, "%s%s%s", stem, DOWNLOADS[k].poster ? "-" : ".", DOWNLOADS[k].ext);
  char *path = nb_arena_printf(a, "%s/%s/%s", run->o->output, rel, file);
  nb_node *d = nb_node_new(a, NB_MAP);
  char *href = url_of(file);
  put_s(a, d, "href", href);
  put_s(a, d, "format", DOWNLOADS[k].format);
  put_s(a, d, "use", DOWNLOADS[k].use);
  put_s(a, d, "label", nb_arena_printf(a, "%s（%s）", DOWNLOADS[k].format, DOWNLOADS[k].use));
  put_s(a, d, "size", size_text(path, a));
  nb_node_put(a, d, "open", nb_node_new_bool(a, strcmp(DOWNLOADS[k].ext, "html") == 0));
  free(href);
  return d;
}

/* Whether LINE is one of the lines of FILES. */
static int listed(const char *files, const char *line)
{
  size_t n = strlen(line);
  for (const char *p = strstr(files, line); p; p = strstr(p + 1, line))
    if ((p == files || p[-1] == '\n') && p[n] == '\n')
      return 1;
  return 0;
}

/* The context of a report's page: identity and downloads (those of FILES, what this run
 * wrote). */
static nb_node *report_context(const site_run *run, const nb_set_item *it, const char *rel,
                               const char *files, nb_arena *a)
{
  nb_node *ctx = nb_node_new(a, NB_MAP);
  char *stem = nb_render_stem(it->name, it->year);
  put_s(a, ctx, "title", nb_arena_printf(a, "%s%d年政府信息公开工作年度报告", it->name, it->year));
  put_s(a, ctx, "name", it->name);
  put_s(a, ctx, "level", it->level);
  put_s(a, ctx, "region", it->region);
  nb_node_put(a, ctx, "year", nb_node_new_int(a, it->year));
  nb_node *all = nb_node_new(a, NB_SEQ), *lists[2] = {nb_node_new(a, NB_SEQ), nb_node_new(a, NB_SEQ)};
  for (size_t k = 0; k < sizeof DOWNLOADS / sizeof DOWNLOADS[0]; k++) {
    char *line = nb_arena_printf(a, "%s/%s%s%s", rel, stem, DOWNLOADS[k].poster ? "-" : ".", DOWNLOADS[k].ext);
    if (!listed(files, line))
      continue;
    nb_node *d = download_node(run, k, stem, rel, a);
    nb_node_append(a, all, d);
    nb_node_append(a, lists[DOWNLOADS[k].poster], d);
    if (strcmp(DOWNLOADS[k].ext, "html") == 0)
      put_s(a, ctx, "view", nb_node_cstr(nb_node_get(d, "href")));
    if (strcmp(DOWNLOADS[k].ext, "图解.png") == 0)
      put_s(a, ctx, "poster", nb_node_cstr(nb_node_get(d, "href")));
  }
  nb_node_put(a, ctx, "downloads", all);
  nb_node_put(a, ctx, "files", lists[0]);
  nb_node_put(a, ctx, "poster_files", lists[1]);
  nb_node_put(a, ctx, "has_poster_files", nb_node_new_bool(a, lists[1]->n > 0));
  free(stem);
  return ctx;
}

/* Whether the line at P ("已生成 …" or "未变化 …") says that file is there now: not one
 * removed ("已删除 …", a chart that is no more). */
static int says_there(const char *p)
{
  return strncmp(p, NB_IO_SAID_WRITTEN, strlen(NB_IO_SAID_WRITTEN)) == 0 ||
         strncmp(p, NB_IO_SAID_SAME, strlen(NB_IO_SAID_SAME)) == 0;
}

/* Lists the files of REL/ (the outputs render wrote there) into FILES. */
static void list_written(const char *out_text, const char *root, nb_buf *files)
{
  size_t n = strlen(root);
  for (const char *p = out_text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    const char *path = memchr(p, ' ', len);
    if (path && says_there(p) && (size_t)(p + len - path - 1) > n + 1 &&
        strncmp(path + 1, root, n) == 0 && path[1 + n] == '/')
      nb_buf_printf(files, "%.*s\n", (int)(p + len - path - 2 - n), path + 2 + n);
    p += len + (nl != NULL);
  }
}

/* The hash of what item IT's outputs are made from: the run's inputs, its file and the
 * config governing it. 0 when a file cannot be read (then it is rendered). */
static uint64_t report_inputs(const site_run *run, const nb_set_item *it)
{
  if (!run->inputs)
    return 0;
  uint64_t h = nb_manifest_hash(NB_MANIFEST_SEED, &run->inputs, sizeof run->inputs);
  char *config = strcmp(it->path, "-") != 0 ? nb_config_find(it->path) : NULL;
  const char *files[2] = {it->path, config};
  int ok = strcmp(it->path, "-") != 0;
  for (size_t k = 0; ok && k < 2 && files[k]; k++) {
    nb_buf text = NB_BUF_INIT;
    ok = nb_io_read(files[k], (size_t)1 << 30, &text) == NB_IO_OK;
    h = nb_manifest_hash(h, text.data ? text.data : "", text.len + 1);
    nb_buf_free(&text);
  }
  free(config);
  return ok && h ? h : 0;
}

/* Whether the report of RES (its folder and inputs set) is what the last run made from the
 * same inputs, its files all still there unchanged; then RES holds them as if written again. */
static int unchanged(const site_run *run, site_result *res)
{
  if (!res->in || !nb_manifest_unchanged(run->old, run->o->output, res->rel, res->in,
                                         &res->files, &res->outputs))
    return 0;
  res->paged = res->same = 1;
  return 1;
}

/* Renders published item I into folder DIR of RES, then its page. */
static void render_and_page(site_run *run, size_t i, const char *dir, site_result *res)
{
  const nb_set_item *it = nb_set_at(run->set, i);
  if (nb_io_make_dirs(dir) != 0) {
    nb_buf_printf(&res->err, "nianbao site: 无法创建目录 %s：%s\n", dir, nb_io_errno_text(errno));
    res->rc = 2;
    return;
  }
  res->rc = run->o->render(run->o->render_ctx, run->set, i, run->schema, dir, run->with,
                           &res->out, &res->err);
  list_written(nb_buf_cstr(&res->out), run->o->output, &res->files);
  if (res->rc)
    return;
  nb_arena *a = nb_arena_new();
  char *page = join(res->rel, "index.html");
  if (write_page(run, "site-report.html", report_context(run, it, res->rel, nb_buf_cstr(&res->files), a),
                 page, &res->out, &res->err, &res->files) != 0)
    res->rc = 2;
  else
    res->paged = 1;
  free(page);
  nb_arena_free(a);
}

/* Worker: item I, when published, rendered into its folder with its page unless its outputs
 * are unchanged from the same inputs; NULL for the others. */
static void *publish_one(void *ctx, size_t i)
{
  site_run *run = ctx;
  const nb_set_item *it = nb_set_at(run->set, i);
  if (!published(it))
    return NULL;
  site_result *res = nb_xcalloc(1, sizeof *res);
  res->rel = report_dir(it);
  res->in = report_inputs(run, it);
  if (!unchanged(run, res)) {
    char *dir = join(run->o->output, res->rel);
    render_and_page(run, i, dir, res);
    free(dir);
    size_t n;
    res->outputs = nb_manifest_outputs(run->o->output, nb_buf_cstr(&res->files), &n);
  }
  return res;
}

static void publish_done(void *ctx, size_t i, void *p)
{
  site_run *run = ctx;
  site_result *res = p;
  size_t n = 0, same = 0;
  if (!res)
    return;
  fwrite(nb_buf_cstr(&res->err), 1, res->err.len, run->o->err);
  nb_site_print_changes(run->o->out, nb_buf_cstr(&res->out), res->out.len, &same);
  for (const char *at = nb_buf_cstr(&res->files); (at = strchr(at, '\n')) != NULL; at++)
    n++;
  run->same_files += res->same ? n : same;
  /* a report that failed has no entry: the next run renders it again */
  if (!res->rc && res->in && res->outputs)
    nb_manifest_put_report(&run->lines, res->rel, res->in, res->outputs, n);
  record(run, nb_buf_cstr(&res->files));
  run->paged[i] = (unsigned char)res->paged;
  run->n_same += (size_t)res->same;
  run->io |= res->rc != 0;
  nb_buf_free(&res->out), nb_buf_free(&res->err), nb_buf_free(&res->files);
  free(res->rel);
  free(res);
}

/* ---- the pages around the reports -------------------------------------------------------- */

/* write_page on the calling thread: messages printed, the file recorded. */
static int write_here(site_run *run, const char *name, const nb_node *ctx, const char *rel)
{
  nb_buf out = NB_BUF_INIT, err = NB_BUF_INIT, files = NB_BUF_INIT;
  int rc = write_page(run, name, ctx, rel, &out, &err, &files);
  fputs(nb_buf_cstr(&err), run->o->err);
  nb_site_print_changes(run->o->out, nb_buf_cstr(&out), out.len, &run->same_pages);
  record(run, nb_buf_cstr(&files));
  nb_buf_free(&out), nb_buf_free(&err), nb_buf_free(&files);
  return rc;
}

/* The link of body NAME's row on the year page of YEAR: its report's page, when published. */
typedef struct {
  const site_run *run;
  int year;
} year_links;

static const char *row_link(void *ctx, const char *name, nb_arena *a)
{
  const year_links *y = ctx;
  size_t i = name ? nb_set_find(y->run->set, name, y->year, (size_t)-1) : (size_t)-1;
  if (i == (size_t)-1 || !y->run->paged[i])
    return NULL;
  char *stem = nb_render_stem(name, y->year);
  nb_buf b = NB_BUF_INIT;
  url_path(&b, stem);
  nb_buf_puts(&b, "/index.html");
  const char *link = nb_arena_strdup(a, b.data);
  nb_buf_free(&b);
  free(stem);
  return link;
}

/* The page of year K (its summary, rows linked to the reports), written as it is rendered:
 * the summary of ten thousand reports is never held whole. */
static int write_year(site_run *run, size_t k)
{
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%d/index.html", run->years[k]);
  char *rel = nb_buf_detach(&b), *path = join(run->o->output, rel);
  year_links links = {run, run->years[k]};
  nb_summary_page page = {"site-year.html", row_link, &links};
  nb_io_out *file = nb_io_out_open(path);
  int rc = file ? 0 : -1;
  if (file) {
    nb_renderer *r = nb_renderer_new(run->o->templates);
    nb_mus_error e = NB_MUS_ERROR_INIT;
    nb_buf text = NB_BUF_INIT;
    if (nb_summary_html(run->sums[k], &page, r, &text, file, &e) != 0) {
      nb_io_out_discard(file);
      nb_buf err = NB_BUF_INIT;
      nb_mus_error_format(&e, &err);
      fprintf(run->o->err, "%s\n", nb_buf_cstr(&err));
      nb_buf_free(&err);
      rc = -2;
    } else {
      rc = nb_io_out_close(file);
      if (rc == 0)
        fprintf(run->o->out, "%s%s\n", NB_IO_SAID_WRITTEN, path);
      run->same_pages += rc == 1;
    }
    nb_buf_free(&text);
    nb_mus_error_free(&e);
    nb_renderer_free(r);
  }
  if (rc == -1)
    fprintf(run->o->err, "nianbao site: 无法写入 %s：%s\n", path, nb_io_errno_text(errno));
  if (rc != -2)
    record(run, rel);
  free(path);
  free(rel);
  return rc < 0 ? -1 : 0;
}

static int write_years(site_run *run)
{
  int rc = 0;
  for (size_t k = 0; k < run->n_years; k++) {
    nb_buf dir = NB_BUF_INIT;
    nb_buf_printf(&dir, "%s/%d", run->o->output, run->years[k]);
    if (nb_io_make_dirs(dir.data) != 0) {
      fprintf(run->o->err, "nianbao site: 无法创建目录 %s：%s\n", dir.data, nb_io_errno_text(errno));
      rc = -1;
    } else if (write_year(run, k) != 0) {
      rc = -1;
    }
    nb_buf_free(&dir);
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
    if (i != (size_t)-1 && run->paged[i]) {
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

/* A year of the index: {year, href, count, levels [{level, count, bodies}]}. */
static nb_node *year_node(const site_run *run, int year, nb_arena *a)
{
  nb_node *y = nb_node_new(a, NB_MAP), *levels = nb_node_new(a, NB_SEQ);
  size_t count = 0;
  nb_node_put(a, y, "year", nb_node_new_int(a, year));
  put_s(a, y, "href", nb_arena_printf(a, "%d/index.html", year));
  for (size_t l = 0; l < sizeof LEVELS / sizeof LEVELS[0]; l++) {
    nb_node *bodies = bodies_node(run, year, LEVELS[l], a);
    if (!bodies->n)
      continue;
    nb_node *lv = nb_node_new(a, NB_MAP);
    put_s(a, lv, "level", LEVELS[l]);
    nb_node_put(a, lv, "count", nb_node_new_int(a, (int64_t)bodies->n));
    nb_node_put(a, lv, "bodies", bodies);
    nb_node_append(a, levels, lv);
    count += bodies->n;
  }
  nb_node_put(a, y, "count", nb_node_new_int(a, (int64_t)count));
  nb_node_put(a, y, "levels", levels);
  return y;
}

static nb_node *index_context(const site_run *run, nb_arena *a)
{
  nb_node *ctx = nb_node_new(a, NB_MAP), *years = nb_node_new(a, NB_SEQ);
  const char *region = run->n_years ? nb_summary_region(run->sums[0]) : "";
  put_s(a, ctx, "title", nb_arena_printf(a, "%s政府信息公开工作年度报告", region));
  for (size_t k = 0; k < run->n_years; k++)
    nb_node_append(a, years, year_node(run, run->years[k], a));
  nb_node_put(a, ctx, "years", years);
  nb_node_put(a, ctx, "has_years", nb_node_new_bool(a, run->n_years > 0));
  nb_node_put(a, ctx, "failed", nb_node_new_int(a, (int64_t)run->n_failed));
  nb_node_put(a, ctx, "has_failed", nb_node_new_bool(a, run->n_failed > 0));
  return ctx;
}

static int write_top(site_run *run)
{
  nb_arena *a = nb_arena_new();
  int rc = write_here(run, "site-index.html", index_context(run, a), "index.html");
  nb_node *p = nb_node_new(a, NB_MAP);
  put_s(a, p, "title", "有错误、未发布的报告");
  nb_node_put(a, p, "list", nb_node_new_cstr(a, nb_buf_cstr(&run->problems)));
  nb_node_put(a, p, "has_failed", nb_node_new_bool(a, run->n_failed > 0));
  rc |= write_here(run, "site-problems.html", p, "problems.html");
  nb_arena_free(a);
  return rc;
}

/* ---- removing what is not written any more ------------------------------------------------ */

/* Removes REL (under the output folder) and the folders it leaves empty. */
static void remove_old(const site_run *run, const char *rel)
{
  char *path = join(run->o->output, rel);
  size_t root = strlen(run->o->output);
  if (unlink(path) == 0)
    fprintf(run->o->out, "已删除 %s\n", path);
  for (char *slash = strrchr(path, '/'); slash && slash > path + root; slash = strrchr(path, '/')) {
    *slash = '\0';
    if (rmdir(path) != 0)
      break;
  }
  free(path);
}

/* Removes file NAME of the last run's list unless this run wrote it. */
static void sweep_one(void *ctx, const char *name, size_t len)
{
  const site_run *run = ctx;
  if (!was_written(run, name, len) && !strstr(name, ".."))
    remove_old(run, name);
}

/* Notes that the last run's list names a file (what the sweep has to look up). */
static void note_old(void *ctx, const char *name, size_t len)
{
  (void)name, (void)len;
  ((site_run *)ctx)->sweeping = 1;
}

/* Removes the files the last run listed that this run did not write, then puts this run's
 * list in place of LIST (left alone when unchanged). Returns 0 or -1. */
static int sweep(site_run *run, const char *list)
{
  nb_manifest_files(run->old, sweep_one, run);
  list_flush(run, 0);
  int rc = nb_io_out_close(run->list);
  run->list = NULL;
  if (rc < 0)
    fprintf(run->o->err, "nianbao site: 无法写入 %s：%s\n", list, nb_io_errno_text(errno));
  return rc < 0 ? -1 : 0;
}

/* ---- the run -------------------------------------------------------------------------------- */

static const struct {
  unsigned bit;
  const char *what;
} NEEDS_MODULE[] = {{NB_SITE_PDF, " PDF"}, {NB_SITE_DOCX, " Word 文档（.docx）"}, {NB_SITE_GRAPHIC, "图解"}};

/* Renders the first published report in each format that needs a module, in memory; a format
 * whose module, fonts or libraries are missing is said once and left out of the run. */
static void try_modules(site_run *run)
{
  run->with = NB_SITE_PDF | NB_SITE_DOCX | NB_SITE_GRAPHIC;
  for (size_t k = 0; run->n_published && k < sizeof NEEDS_MODULE / sizeof NEEDS_MODULE[0]; k++) {
    nb_buf out = NB_BUF_INIT, err = NB_BUF_INIT;
    if (run->o->render(run->o->render_ctx, run->set, run->first, run->schema, NULL,
                       NEEDS_MODULE[k].bit, &out, &err) == 2) {
      fputs(nb_buf_cstr(&err), run->o->err);
      fprintf(run->o->err, "nianbao site: 本次不生成%s，其他格式照常发布；装好上面所说的模块或字体后"
                           "再次运行即可补上。\n", NEEDS_MODULE[k].what);
      run->with &= ~NEEDS_MODULE[k].bit;
    }
    nb_buf_free(&out), nb_buf_free(&err);
  }
}

typedef struct {
  char *dir; /* report_dir */
  size_t i;
} folder;

static int cmp_folder(const void *a, const void *b)
{
  const folder *x = a, *y = b;
  int c = strcmp(x->dir, y->dir);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* NB808: two bodies whose names differ only in characters a file name cannot hold ("甲/乙",
 * "甲_乙") would be published into one folder, the later overwriting the earlier and each
 * file listed twice in .nianbao-site. The later in file order is not published. */
static void same_folders(site_run *run)
{
  size_t n = nb_set_count(run->set), m = 0;
  folder *f = nb_xcalloc(n + 1, sizeof *f);
  for (size_t i = 0; i < n; i++)
    if (published(nb_set_at(run->set, i)))
      f[m++] = (folder){report_dir(nb_set_at(run->set, i)), i};
  if (m)
    qsort(f, m, sizeof *f, cmp_folder);
  for (size_t k = 1, first = 0; k < m; k++) {
    if (strcmp(f[first].dir, f[k].dir) != 0) {
      first = k;
      continue;
    }
    nb_set_item *it = nb_set_get(run->set, f[k].i);
    const nb_set_item *was = nb_set_at(run->set, f[first].i);
    nb_diags *d = nb_diags_new(it->path);
    nb_diag *g = nb_diag_add(d, NB_SEV_ERROR, "NB808", 0, 0,
                             "机关名称“%s”与 %s 的“%s”只差文件名中不能用的字符，两份报告会写到同一个目录 %s",
                             it->name, was->path, was->name, f[k].dir);
    nb_diag_hint(g, "改正其中一份的机关名称（生成文件名时 / \\ : * ? \" < > | 都换成 _，两个名称因此相同）");
    it->errors++;
    if (!run->again)
      nb_diags_print_text(d, run->o->err);
    withdraw(run, f[k].i, d);
    nb_diags_free(d);
  }
  for (size_t k = 0; k < m; k++)
    free(f[k].dir);
  free(f);
}

/* Checks every file into new year summaries. */
static void fill_summaries(site_run *run)
{
  for (size_t k = 0; k < run->n_years; k++)
    run->sums[k] = nb_summary_new(run->years[k]);
  nb_prose_peer *peers = nb_set_peers(run->set, &run->peers);
  nb_set_check(run->set, run->schema, read_one, add_one, run);
  free(peers);
  nb_set_duplicates(run->set, add_dup, run);
  same_folders(run);
  for (size_t k = 0; k < run->n_years; k++)
    nb_summary_finish(run->sums[k]);
}

static void free_summaries(site_run *run)
{
  for (size_t k = 0; k < run->n_years; k++) {
    nb_summary_free(run->sums[k]);
    run->sums[k] = NULL;
  }
}

static void check_all(site_run *run)
{
  nb_set_identify(run->set);
  find_years(run);
  fill_summaries(run);
  size_t n = nb_set_count(run->set);
  run->paged = nb_xcalloc(n + 1, 1);
  for (size_t i = n; i-- > 0;) {
    const nb_set_item *it = nb_set_at(run->set, i);
    run->io |= it->io_failed;
    if (published(it))
      run->first = i, run->n_published++;
  }
}

/* The year pages, the index and problems.html, linking every report to be published, then
 * the summaries are freed (the memory that grows with the number of reports) before the
 * reports are drawn on every core. Should a report fail, every file is checked again (nothing
 * printed) and the pages are written again without its link. */
static void publish(site_run *run)
{
  size_t n = nb_set_count(run->set);
  for (size_t i = 0; i < n; i++)
    run->paged[i] = (unsigned char)published(nb_set_at(run->set, i));
  if (write_years(run) != 0 || write_top(run) != 0)
    run->io = 1;
  free_summaries(run);
  try_modules(run);
  nb_mem_trim(); /* what the summaries held: the threads drawing the reports allocate apart */
  nb_buf in = NB_BUF_INIT;
  nb_buf_printf(&in, "formats %u\n", run->with);
  if (run->o->inputs) {
    run->o->inputs(run->o->render_ctx, run->with, &in);
    run->inputs = nb_manifest_hash(NB_MANIFEST_SEED, in.data, in.len) | 1;
  }
  nb_buf_free(&in);
  nb_pool_run(n, run->o->jobs, publish_one, publish_done, run);
  int lost = 0;
  for (size_t i = 0; i < n; i++)
    lost |= published(nb_set_at(run->set, i)) && !run->paged[i];
  if (lost) {
    run->again = 1;
    run->same_pages = 0; /* the same pages are counted again */
    fill_summaries(run);
    if (write_years(run) != 0 || write_top(run) != 0)
      run->io = 1;
  }
}

void nb_site_build(nb_set *set, const nb_schema *schema, const nb_site_opts *o,
                   nb_site_stats *stats)
{
  site_run run = {.o = o, .set = set, .schema = schema, .problems = NB_BUF_INIT, .lines = NB_BUF_INIT};
  char *list = join(o->output, ".nianbao-site");
  if (nb_io_make_dirs(o->output) != 0 || !(run.list = nb_io_out_open(list))) {
    fprintf(o->err, "nianbao site: 无法写入输出目录 %s：%s\n", o->output, nb_io_errno_text(errno));
    run.io = 1;
  } else {
    run.old = nb_manifest_read(list);
    nb_manifest_files(run.old, note_old, &run);
    check_all(&run);
    publish(&run);
    if (sweep(&run, list) != 0)
      run.io = 1;
  }
  size_t paged = 0;
  for (size_t i = 0; run.paged && i < nb_set_count(set); i++)
    paged += run.paged[i];
  *stats = (nb_site_stats){paged, run.n_same, run.same_files + run.same_pages, run.n_failed, run.io};
  for (size_t k = 0; k < run.n_years; k++)
    nb_summary_free(run.sums[k]);
  free(run.sums), free(run.years), free(run.paged), free(run.written);
  nb_manifest_free(run.old);
  nb_buf_free(&run.problems), nb_buf_free(&run.lines);
  free(list);
}
