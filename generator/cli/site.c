/* nianbao site: the 年报专栏 of a portal from a tree of reports (batch/site.h does the work;
 * this file reads the options and renders each report through render's own path). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/set.h"
#include "batch/site.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "core/diag.h"
#include "core/embed.h"
#include "core/io.h"
#include "core/mem.h"
#include "core/module.h"
#include "render/pdfmod.h"

const char nb_cli_site_help[] =
  "用法：nianbao site [选项] 文件或文件夹… -o 目录\n"
  "\n"
  "生成政府网站的“年报专栏”：检查每一份报告（与 nianbao lint 相同），把没有错误的报告生成为\n"
  "网页、PDF、Word 文档（.docx）、JSON、Markdown 和图解（PNG、PDF、SVG），并写出：\n"
  "  index.html            按年度（最新的在前）、机关类型、机关列出全部报告\n"
  "  年度/index.html       该年度的汇总（与 nianbao summary 相同），链接到各份报告\n"
  "  年度/报告/index.html  一份报告的页面：查看网页版，下载 PDF、Word、JSON、Markdown 和图解\n"
  "  problems.html         有错误、未发布的报告和它们的问题\n"
  "所有链接都是相对链接，不引用任何外部资源：整个目录可以直接用浏览器打开，也可以原样放到\n"
  "任何网站服务器上。再次运行时内容没有变化的文件不重写（修改时间不变），已经删除的报告的文件\n"
  "会被删除（只删除本命令以前写出的文件，记录在目录中的 .nianbao-site）。屏幕上逐个列出写出和\n"
  "删除的文件，没有变化的文件不逐个列出，最后一行说明有几个。\n"
  "缺少生成 PDF、Word 文档或图解所需的模块或字体时，说明一次，跳过该格式，其他格式照常发布。\n"
  "\n"
  "选项（可以写在文件或文件夹的前面或后面；“--”之后的都是文件或文件夹）：\n"
  "  -o, --output 目录     输出目录，默认为 public/\n"
  "  --templates 目录      先在该目录中查找模板（报告和专栏页面的模板都可以替换）\n"
  "  -j, --jobs 数目       同时处理的报告数，默认为处理器核数；结果与数目无关\n"
  "  -h, --help            显示本说明\n"
  "\n"
  "退出码：0 全部发布；1 有报告有错误（未发布，列在 problems.html 中）；2 用法错误或文件无法读写。\n";

typedef struct {
  const char *output, *templates;
  unsigned jobs;
  nb_pdf_cache *pdf_cache; /* the run's PDFs share their faces and subsets */
} site_opts;

enum { OPT_OUTPUT, OPT_TEMPLATES, OPT_JOBS };

static const cli_opt site_options[] = {
  {"-o|--output", 1, OPT_OUTPUT}, {"--templates", 1, OPT_TEMPLATES}, {"-j|--jobs", 1, OPT_JOBS},
  {NULL, 0, 0},
};

static int set_option(void *ctx, int id, const char *value)
{
  site_opts *o = ctx;
  switch (id) {
  case OPT_OUTPUT: o->output = value; return 0;
  case OPT_TEMPLATES: o->templates = value; return 0;
  default: return nb_cli_parse_jobs("site", value, &o->jobs);
  }
}

/* Every this many reports, the pages of the fonts read so far are dropped (core/mem.h): the
 * memory of a run then holds the pages that the last reports read, not whole fonts over every
 * mapping (about 6 MB less from 200 reports on); each drop costs the page faults of reading
 * them again (about 50 a report), which is why it is not done after every report. */
enum { RELEASE_FONTS = 2 };

/* One report through render's path (nb_site_render); CTX is the options. */
static int render_report(void *ctx, const nb_set *set, size_t i, const nb_schema *schema,
                         const char *dir, unsigned with, nb_buf *out, nb_buf *err)
{
  const site_opts *o = ctx;
  int rc = nb_cli_render_item(set, i, schema, dir, o->templates, o->pdf_cache, with, out, err);
  if (i % RELEASE_FONTS == RELEASE_FONTS - 1)
    nb_mem_release_fonts();
  return rc;
}

static int cmp_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The name and bytes of every file of folder DIR (none when it is missing), by name. */
static void folder_files(const char *dir, nb_buf *out)
{
  DIR *d = opendir(dir);
  char **names = NULL;
  size_t n = 0, cap = 0;
  for (struct dirent *e; d && (e = readdir(d)) != NULL;)
    if (e->d_name[0] != '.') {
      NB_GROW(names, n, cap, 32);
      names[n++] = nb_xstrdup(e->d_name);
    }
  if (d)
    closedir(d);
  if (n)
    qsort(names, n, sizeof *names, cmp_name);
  for (size_t k = 0; k < n; k++) {
    nb_buf path = NB_BUF_INIT, text = NB_BUF_INIT;
    nb_buf_printf(&path, "%s/%s", dir, names[k]);
    if (nb_io_read(path.data, (size_t)1 << 26, &text) == NB_IO_OK) {
      nb_buf_printf(out, "template %s %zu\n", path.data, text.len);
      nb_buf_put(out, text.data ? text.data : "", text.len);
    }
    nb_buf_free(&path), nb_buf_free(&text);
    free(names[k]);
  }
  free(names);
}

/* What every report's outputs depend on beside its own file and config (nb_site_inputs): the
 * program and the libraries mapped into it (the modules tried by then), the built-in and the
 * given templates, the fonts of the PDFs and the folders of the installed fonts, and the
 * environment render reads. */
static void site_inputs(void *ctx, unsigned with, nb_buf *out)
{
  const site_opts *o = ctx;
  static const char *const env[] = {"SOURCE_DATE_EPOCH", "NIANBAO_PDF_PLAIN"};
  nb_buf_printf(out, "nianbao %s formats %u\n", NB_VERSION, with);
  nb_module_files(out);
  for (const nb_embedded_file *f = nb_embedded_files; f->name; f++) {
    nb_buf_printf(out, "embedded %s %zu\n", f->name, f->size);
    nb_buf_put(out, (const char *)f->data, f->size);
  }
  if (o->templates) {
    nb_buf docx = NB_BUF_INIT;
    nb_buf_printf(&docx, "%s/docx", o->templates);
    folder_files(o->templates, out);
    folder_files(docx.data, out);
    nb_buf_free(&docx);
  }
  nb_pdfmod_cache_fonts(o->pdf_cache, out); /* the 图解's fonts are among the folders */
  for (size_t k = 0; k < sizeof env / sizeof env[0]; k++)
    nb_buf_printf(out, "%s=%s\n", env[k], getenv(env[k]) ? getenv(env[k]) : "");
}

int nb_cli_site(int argc, char **argv)
{
  static const cli_spec spec = {"site", nb_cli_site_help, site_options, 0, 0, set_option};
  site_opts o = {"public", NULL, 0, NULL};
  char **paths = NULL;
  size_t n_paths = 0;
  int rc = cli_parse_anywhere(&spec, argc, argv, &o, "请给出报告数据文件或文件夹。", &paths, &n_paths);
  if (rc) {
    free(paths);
    return rc > 0 ? NB_EXIT_OK : NB_EXIT_USAGE;
  }
  char *out = nb_xstrdup(o.output);
  for (size_t n = strlen(out); n > 1 && out[n - 1] == '/'; n--)
    out[n - 1] = '\0';
  nb_diags *sd = nb_diags_new("内置模式");
  nb_schema *schema = nb_schema_load_builtin(sd);
  if (!schema)
    nb_diags_print_text(sd, stderr);
  nb_diags_free(sd);
  nb_site_stats st = {.io = 1};
  if (schema) {
    nb_set *set = nb_set_new(paths, n_paths, o.jobs);
    nb_site_opts so = {out, o.templates, o.jobs, render_report, site_inputs, &o, stdout, stderr};
    o.pdf_cache = nb_pdfmod_cache_new();
    nb_site_build(set, schema, &so, &st);
    nb_pdfmod_cache_free(o.pdf_cache);
    printf("已发布 %zu 份报告", st.published);
    if (st.unchanged)
      printf("（其中 %zu 份的数据、模板和程序都没有变化，文件仍在，未重新生成）", st.unchanged);
    printf("%s", st.failed ? "，有错误未发布的见 problems.html" : "");
    if (st.same_files)
      printf("；%zu 个文件没有变化，未重写", st.same_files);
    printf("。\n");
    nb_set_free(set);
  }
  nb_schema_free(schema);
  free(out);
  free(paths);
  if (fflush(stdout) != 0 || ferror(stdout))
    st.io = 1;
  return st.io ? NB_EXIT_USAGE : st.failed ? NB_EXIT_INVALID : NB_EXIT_OK;
}
