/* nianbao render: checks data files as lint does, then writes the report in each format.
 *
 * Two passes over the files (folders expanded, nb_set): every file is checked first, and
 * nothing is written when any has an error or two would write the same output. Then the
 * reports are rendered one by one on every core and each is written (atomically) as soon as
 * it is done, so memory does not grow with the number of reports. The first report is
 * rendered before any file is written: a template error or a missing PDF module shows there,
 * and then nothing is written either. Messages come in file order whatever -j is. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "batch/set.h"
#include "batch/site.h"
#include "cli/figures.h"
#include "cli/graphic.h"
#include "check/check.h"
#include "render/chart.h"
#include "render/context.h"
#include "render/docx.h"
#include "core/io.h"
#include "core/utf8.h"
#include "core/load.h"
#include "render/pdfmod.h"
#include "render/render.h"
#include "core/pool.h"

const char nb_cli_render_help[] =
  "用法：nianbao render [选项] 文件或文件夹…\n"
  "\n"
  "把年报数据文件生成为可以发布的政府信息公开工作年度报告。\n"
  "生成前先做与 nianbao lint 相同的全面检查：任何一个文件有错误，就不生成任何文件，\n"
  "只列出问题（警告照样列出，但不影响生成）。文件名写 - 表示从标准输入读取。\n"
  "给出文件夹时处理其中（含下级文件夹）所有含“format:”的 .yaml/.yml 文件。\n"
  "检查全部通过后逐份生成、生成一份写出一份，内存占用与报告份数无关。\n"
  "\n"
  "选项：\n"
  "  -f, --format 格式      要生成的格式，多个用逗号分隔，默认全部：\n"
  "                           md    Markdown 文本，可粘贴到网站编辑器\n"
  "                           html  单个网页文件，可直接发布或用浏览器打印\n"
  "                           pdf   按党政机关公文格式（GB/T 9704）排版的 PDF，可打印、存档\n"
  "                           json  全部数字（含自动计算的总计），供汇总统计\n"
  "                           docx  Word 文档（公文格式页面、样式和表格），供修改、审签\n"
  "                           graphic（或写“图解”，不在默认之内）  一页图解（一图读懂）：\n"
  "                                 标题、主要数字、统计图、存在的问题和改进情况，\n"
  "                                 生成“年度-机关名称-图解”.svg（网页用）、.pdf 和 .png\n"
  "                                 （宽 1080 像素，可用于微信公众号）\n"
  "  -o, --output 路径      输出目录，默认为当前目录下的 out/（不存在时自动创建）；\n"
  "                         只生成一种格式、一个文件时，也可以直接给出文件名，\n"
  "                         如 -o 年报.html（此时不写 -f 也会按扩展名确定格式）；\n"
  "                         写 -o - 表示输出到标准输出（只能一种格式、一个数据文件，\n"
  "                         与 init、next、import 的 -o - 相同）\n"
  "  --templates 目录       先在该目录中查找模板（如 report.md.mustache、table3.mustache），\n"
  "                         找不到的再用内置模板\n"
  "  --font-song 字体       PDF 正文字体（宋体/仿宋），写字体名称或 .ttf/.ttc 文件路径，\n"
  "                         .ttc 文件可加“:序号”选择其中的字体，如 /path/simfang.ttf\n"
  "                         默认 AR PL SungtiL GB（软件包 fonts-arphic-gbsn00lp）\n"
  "  --font-kai 字体        PDF 二级标题字体（楷体），默认 LXGW WenKai（fonts-lxgw-wenkai）\n"
  "  --font-hei 字体        PDF 一级标题字体（黑体），默认 WenQuanYi Micro Hei（fonts-wqy-microhei）\n"
  "                         以上三项写字体名称时，也用于 Word 文档（默认仿宋_GB2312、楷体_GB2312、黑体）\n"
  "  -j, --jobs 数目         同时生成的报告数，默认为处理器核数；结果与数目无关\n"
  "  --font-title 字体      PDF 大标题字体，如单位电脑上的“方正小标宋简体”（GB/T 9704 用2号小标宋）；\n"
  "                         默认用宋体加粗（描边）；本身已是粗体的字体不再描边；\n"
  "                         写字体名称时也是 Word 文档的标题字体（默认 方正小标宋简体）\n"
  "  --font-latin 字体      Word 文档中数字和西文的字体，默认 Times New Roman\n"
  "  -h, --help             显示本说明\n"
  "\n"
  "输出文件名为“年度-机关名称.扩展名”，如 out/2024-瓦窑沟乡人民政府.html。\n"
  "内容与已有文件完全相同时不重写，文件的修改时间保持不变；屏幕上逐个列出写出的文件，\n"
  "没有变化的文件不逐个列出，最后一行说明有几个。\n"
  "PDF 和 Word 文档的日期取自环境变量 SOURCE_DATE_EPOCH，没有时取报告日期：同样的输入生成完全相同的文件。\n"
  "\n"
  "退出码：\n"
  "  0  全部生成\n"
  "  1  数据文件或模板有错误，未生成任何文件\n"
  "  2  用法错误，文件无法读写，或缺少生成 PDF、Word 文档所需的模块、字体（未生成任何文件）\n";

enum { FMT_MD = 1u, FMT_HTML = 2u, FMT_PDF = 4u, FMT_JSON = 8u, FMT_GRAPHIC = 16u, FMT_DOCX = 32u };
enum { I_MD, I_HTML, I_PDF, I_JSON, I_DOCX, N_FORMATS }; /* index of each format in formats[] */

static const struct {
  const char *ext;
  unsigned bit;
} formats[N_FORMATS] = {{"md", FMT_MD}, {"html", FMT_HTML}, {"pdf", FMT_PDF}, {"json", FMT_JSON},
                        {"docx", FMT_DOCX}};

typedef struct {
  unsigned formats;      /* FMT_* bits; 0: not given */
  const char *output;    /* -o, or NULL */
  const char *templates; /* --templates, or NULL */
  const char *font_song, *font_kai, *font_hei; /* --font-*, or NULL for the defaults */
  unsigned jobs;         /* -j, 0: one per core */
  const char *font_title;                      /* --font-title, or NULL (the 宋 face) */
  const char *font_latin;                      /* Word only */
  nb_pdf_cache *pdf_cache; /* shared by the run's PDFs (faces, repeated subsets); may be NULL */
} render_opts;

typedef struct {
  const char *path;
  nb_checked checked;
  nb_node *ctx;          /* template context, in checked.arena */
  nb_buf out[N_FORMATS]; /* rendered bytes, by index in formats[] */
  char *dest[N_FORMATS]; /* where they go */
  cli_figures figs;      /* the charts beside the Markdown report */
  cli_graphic graphic;   /* the 图解 poster: svg, pdf, png */
} job;

static unsigned format_bit(const char *s, size_t n)
{
  for (int k = 0; k < N_FORMATS; k++)
    if (strlen(formats[k].ext) == n && strncmp(formats[k].ext, s, n) == 0)
      return formats[k].bit;
  return 0;
}

/* "md,html" → bits; 0 on an unknown name (reported). */
static unsigned parse_formats(const char *list)
{
  unsigned bits = 0;
  for (const char *p = list;;) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    unsigned b = format_bit(p, n);
    if ((n == 7 && strncmp(p, "graphic", 7) == 0) || (n == 6 && strncmp(p, "图解", 6) == 0))
      b = FMT_GRAPHIC; /* three files: not in formats[] */
    if (!b) {
      fprintf(stderr, "nianbao render: 不认识的格式“%.*s”，可用的格式：md、html、pdf、json、docx、graphic\n",
              (int)n, p);
      return 0;
    }
    bits |= b;
    if (!comma)
      return bits;
    p = comma + 1;
  }
}

enum { OPT_FORMAT, OPT_OUTPUT, OPT_TEMPLATES, OPT_SONG, OPT_KAI, OPT_HEI, OPT_TITLE, OPT_LATIN,
       OPT_JOBS };

static const cli_opt render_options[] = {
  {"-f|--format", 1, OPT_FORMAT},   {"-o|--output", 1, OPT_OUTPUT},
  {"--templates", 1, OPT_TEMPLATES}, {"--font-song", 1, OPT_SONG},
  {"--font-kai", 1, OPT_KAI},        {"--font-hei", 1, OPT_HEI},
  {"--font-title", 1, OPT_TITLE},    {"--font-latin", 1, OPT_LATIN},
  {"-j|--jobs", 1, OPT_JOBS},        {NULL, 0, 0},
};

static int set_option(void *ctx, int id, const char *value)
{
  render_opts *o = ctx;
  switch (id) {
  case OPT_FORMAT: return (o->formats = parse_formats(value)) ? 0 : -1;
  case OPT_OUTPUT: o->output = value; return 0;
  case OPT_TEMPLATES: o->templates = value; return 0;
  case OPT_SONG: o->font_song = value; return 0;
  case OPT_KAI: o->font_kai = value; return 0;
  case OPT_HEI: o->font_hei = value; return 0;
  case OPT_TITLE: o->font_title = value; return 0;
  case OPT_LATIN: o->font_latin = value; return 0;
  default: return nb_cli_parse_jobs("render", value, &o->jobs);
  }
}

static int parse_args(int argc, char **argv, render_opts *o, int *first_file)
{
  static const cli_spec spec = {"render", nb_cli_render_help, render_options, 0, 0, set_option};
  return cli_parse_leading(&spec, argc, argv, o, "请给出数据文件。", first_file);
}

static int is_dir(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The format named by PATH's extension when -o names a file, else 0 (a directory). */
static unsigned output_file_format(const char *path)
{
  size_t n = strlen(path);
  if (n == 0 || path[n - 1] == '/' || is_dir(path))
    return 0;
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash))
    return 0;
  return format_bit(dot + 1, strlen(dot + 1));
}

static nb_schema *load_schema(void)
{
  nb_diags *d = nb_diags_new("内置模式");
  nb_schema *s = nb_schema_load_builtin(d);
  if (!s)
    nb_diags_print_text(d, stderr);
  nb_diags_free(d);
  return s;
}

static void print_template_error(const nb_mus_error *e, FILE *err)
{
  nb_diags *d = nb_mus_error_diags(e);
  nb_diags_print_text(d, err);
  nb_diags_free(d);
}

/* Days from 1970-01-01 to Y-M-D in the proleptic Gregorian calendar. */
static long long days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The date a PDF or Word document of CTX carries: SOURCE_DATE_EPOCH, else the report date,
 * else 0 (none), so that equal inputs give equal bytes. */
static long long report_epoch(const nb_node *ctx)
{
  int y, m, day;
  const char *iso = nb_node_cstr(nb_node_path(ctx, "date.iso"));
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde)
    return strtoll(sde, NULL, 10);
  if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &day) == 3)
    return days_from_civil(y, m, day) * 86400LL;
  return 0;
}

/* The PDF module reports characters its fonts lack at their line in the generated Markdown;
 * a clerk fixes them in the data file, so such warnings are moved to the first place the
 * character stands in DATA_PATH when it is there (prose, names), and printed with the rest.
 * Diagnostics without a line (a font missing) name DATA_PATH too: it is the input. */
static void print_pdf_diags(nb_diags *pdf, const char *data_path, FILE *err)
{
  nb_buf src = NB_BUF_INIT;
  nb_diags *data = nb_diags_new(data_path);
  nb_diags *rest = nb_diags_new(nb_diags_filename(pdf));
  int have_src = strcmp(data_path, "-") != 0 && nb_io_read(data_path, NB_LOAD_MAX_BYTES, &src) == NB_IO_OK;
  if (have_src)
    nb_diags_set_source(data, src.data, src.len);
  for (size_t i = 0; i < nb_diags_count(pdf); i++) {
    const nb_diag *g = nb_diags_get(pdf, i);
    const char *open = strstr(g->message, "「"), *close = open ? strstr(open + 3, "」") : NULL;
    const char *at = NULL;
    int glyph = strcmp(g->code, "NB503") == 0 || strcmp(g->code, "NB504") == 0 ||
                strcmp(g->code, "NB505") == 0;
    if (glyph && have_src && close && close > open + 3) {
      char ch[8] = {0};
      size_t n = (size_t)(close - open - 3);
      memcpy(ch, open + 3, n < sizeof ch - 1 ? n : sizeof ch - 1);
      at = strstr(src.data, ch);
    }
    uint32_t line = g->line, col = g->col;
    if (at)
      nb_utf8_position(src.data, src.len, (size_t)(at - src.data), &line, &col);
    /* a diagnostic without a line (a font missing) is about rendering this data file, not
     * about a line of the intermediate Markdown */
    nb_diags *to = at || g->line == 0 ? data : rest;
    int seen = 0;
    for (size_t k = 0; at && k < nb_diags_count(to); k++) {
      const nb_diag *h = nb_diags_get(to, k);
      seen |= h->line == line && h->col == col && strcmp(h->code, g->code) == 0;
    }
    if (seen)
      continue;
    nb_diag *c = nb_diag_add(to, g->sev, g->code, line, col, "%s", g->message);
    if (g->hint)
      nb_diag_hint(c, "%s", g->hint);
  }
  nb_diags_print_text(data, err);
  nb_diags_print_text(rest, err);
  nb_diags_free(rest);
  nb_diags_free(data);
  nb_buf_free(&src);
}

/* A --font-* value as a font name for Word, or NULL (the default) when it is a font file's
 * path, which only the PDF can use. */
static const char *word_font(const char *v)
{
  if (!v || strchr(v, '/'))
    return NULL;
  const char *dot = strrchr(v, '.');
  if (dot && (strncmp(dot, ".ttf", 4) == 0 || strncmp(dot, ".ttc", 4) == 0
              || strncmp(dot, ".otf", 4) == 0))
    return NULL;
  return v;
}

/* The Word document of CTX (Markdown MD) into OUT. Returns 0, NB_EXIT_INVALID for a template
 * error, NB_EXIT_USAGE when the office module is missing or the package failed. */
static int render_docx(nb_renderer *r, const render_opts *o, job *j, const nb_buf *md, nb_buf *out,
                       FILE *errf)
{
  nb_docx_opts opts = {word_font(o->font_title), word_font(o->font_hei), word_font(o->font_kai),
                       word_font(o->font_song), o->font_latin, report_epoch(j->ctx)};
  nb_mus_error err = NB_MUS_ERROR_INIT;
  nb_diags *d = nb_diags_new(j->path);
  int rc = nb_render_docx(r, j->ctx, j->checked.arena, nb_buf_cstr(md), md->len, &opts, out, &err, d);
  if (rc == -1)
    print_template_error(&err, errf);
  nb_diags_print_text(d, errf);
  nb_diags_free(d);
  nb_mus_error_free(&err);
  return rc == 0 ? 0 : rc == -1 ? NB_EXIT_INVALID : NB_EXIT_USAGE;
}

/* The PDF of the Markdown MD of CTX into OUT; its diagnostics name the Markdown file, whose
 * lines they refer to. Dated by SOURCE_DATE_EPOCH, else by the report date, so equal inputs
 * give equal bytes. */
static int render_pdf(const render_opts *o, const char *data_path, const nb_node *ctx,
                      nb_arena *arena, const nb_buf *md, nb_buf *out, FILE *err)
{
  char *name = nb_render_filename(ctx, "md");
  nb_diags *d = nb_diags_new(name);
  nb_diags_set_source(d, nb_buf_cstr(md), md->len);
  nb_pdf_opts opts;
  memset(&opts, 0, sizeof opts);
  opts.title = nb_node_cstr(nb_node_get(ctx, "title"));
  opts.author = nb_node_cstr(nb_node_path(ctx, "organ.name"));
  opts.subject = "政府信息公开工作年度报告";
  opts.keywords = "政府信息公开,年度报告,国办公开办函〔2021〕30号";
  opts.font_song = o->font_song;
  opts.font_kai = o->font_kai;
  opts.font_hei = o->font_hei;
  opts.font_title = o->font_title;
  opts.cache = o->pdf_cache;
  opts.ncharts = nb_chart_pdf(ctx, arena, &opts.charts); /* drawn where their images are */
  opts.epoch = report_epoch(ctx);
  const char *plain = getenv("NIANBAO_PDF_PLAIN"); /* tests: the file without tags, PDF/A */
  opts.plain = plain && *plain && strcmp(plain, "0") != 0;
  int rc = nb_pdfmod_render(nb_buf_cstr(md), md->len, &opts, out, d);
  print_pdf_diags(d, data_path, err);
  nb_diags_free(d);
  free(name);
  return rc;
}

/* Builds the context of one checked input and the file names of its outputs. */
static void name_one(job *j, unsigned bits)
{
  j->ctx = nb_context_build(j->checked.root, j->checked.arena);
  for (int k = 0; k < N_FORMATS; k++)
    if (bits & formats[k].bit)
      j->dest[k] = nb_render_filename(j->ctx, formats[k].ext);
}

/* Renders the requested formats of one named input into J->out. Returns an exit code:
 * NB_EXIT_INVALID for a template error, NB_EXIT_USAGE when the PDF could not be made (its
 * module or fonts are missing: the installation, not the input). */
static int render_one(nb_renderer *r, const render_opts *o, job *j, unsigned bits, FILE *errf)
{
  nb_arena *a = j->checked.arena;
  nb_node *ctx = j->ctx;
  nb_mus_error err = NB_MUS_ERROR_INIT;
  nb_buf md = NB_BUF_INIT;
  int rc = 0;
  if (bits & (FMT_MD | FMT_HTML | FMT_PDF | FMT_DOCX))
    rc = nb_render_md(r, ctx, &md, &err);
  if (rc == 0 && j->figs.md_path)
    rc = cli_figures_render(&j->figs, r, ctx, &err);
  if (rc == 0 && (bits & FMT_HTML))
    rc = nb_render_html(r, ctx, a, nb_buf_cstr(&md), md.len, &j->out[I_HTML], &err);
  if (rc != 0) {
    print_template_error(&err, errf);
    rc = NB_EXIT_INVALID;
  }
  nb_mus_error_free(&err);
  if (rc == 0 && (bits & FMT_PDF) && render_pdf(o, j->path, ctx, a, &md, &j->out[I_PDF], errf) != 0)
    rc = NB_EXIT_USAGE;
  if (rc == 0 && (bits & FMT_DOCX))
    rc = render_docx(r, o, j, &md, &j->out[I_DOCX], errf);
  if (rc == 0 && (bits & FMT_JSON))
    nb_render_json(ctx, &j->out[I_JSON]);
  if (rc == 0 && (bits & FMT_MD)) {
    j->out[I_MD] = md;
    md = (nb_buf)NB_BUF_INIT;
  }
  nb_buf_free(&md);
  if (rc == 0 && (bits & FMT_GRAPHIC))
    rc = cli_graphic_render(&j->graphic, r, ctx, j->checked.root, a, report_epoch(ctx), errf);
  return rc;
}

/* What the second pass shares. */
typedef struct {
  render_opts *o;
  const nb_set *set;
  const nb_schema *schema;
  const char *dir, *file; /* outputs go to DIR, or to the single FILE */
  int dry;                /* rendered in memory only (nianbao site's trial of the modules) */
  atomic_int stop;        /* set after a failure: later reports are not rendered */
  int rc;
  size_t same;            /* files left as they were (same bytes): counted, not listed */
} render_run;

/* What rendering one report printed, to be shown in file order. */
typedef struct {
  int rc;
  nb_buf out;     /* "已生成 …", "未变化 …" lines (or the output itself, -o -) */
  char *err;      /* diagnostics (open_memstream) */
  size_t err_len;
} render_result;

/* DIR/NAME, or the single output file. */
static char *dest_path(const render_run *run, const char *name)
{
  if (run->file)
    return nb_xstrdup(run->file);
  nb_buf b = NB_BUF_INIT;
  size_t n = strlen(run->dir);
  nb_buf_printf(&b, "%s%s%s", run->dir, n && run->dir[n - 1] == '/' ? "" : "/", name);
  return nb_buf_detach(&b);
}

/* Writes the rendered outputs of J; one line per file to OUT, problems to ERR. */
static int write_job(const render_run *run, job *j, nb_buf *out, FILE *err)
{
  for (int k = 0; k < N_FORMATS; k++) {
    if (!j->dest[k])
      continue;
    char *dest = dest_path(run, j->dest[k]);
    int rc = 0;
    if (strcmp(dest, "-") == 0) /* -o -: printed in order by render_done */
      nb_buf_put(out, j->out[k].data, j->out[k].len);
    else if (k == I_MD && cli_figures_write(&j->figs, out, err) != 0)
      rc = -1; /* the charts first: the report's images never point at a missing file */
    else
      rc = nb_cli_output("render", dest, j->out[k].data, j->out[k].len, out, err);
    if (k == I_MD && rc == 0)
      cli_figures_clean(&j->figs, out);
    free(dest);
    if (rc)
      return NB_EXIT_USAGE;
  }
  if (j->graphic.name && !run->file) {
    char *dest = dest_path(run, j->graphic.name);
    int rc = cli_graphic_write(&j->graphic, dest, out, err);
    free(dest);
    if (rc)
      return NB_EXIT_USAGE;
  }
  return NB_EXIT_OK;
}

static void free_job(job *j)
{
  nb_checked_free(&j->checked);
  cli_figures_free(&j->figs);
  cli_graphic_free(&j->graphic);
  for (int k = 0; k < N_FORMATS; k++) {
    nb_buf_free(&j->out[k]);
    free(j->dest[k]);
  }
}

/* Checks item I again, renders every format in memory, then writes them. */
static void *render_item(void *ctx, size_t i)
{
  render_run *run = ctx;
  render_result *res = nb_xcalloc(1, sizeof *res);
  if (atomic_load(&run->stop))
    return res;
  FILE *err = open_memstream(&res->err, &res->err_len);
  job j = {.path = nb_set_at(run->set, i)->path};
  nb_diags *d = nb_diags_new(j.path); /* printed by the first pass */
  res->rc = nb_set_recheck(run->set, i, run->schema, d, &j.checked) == NB_CHECK_OK ? 0 : NB_EXIT_USAGE;
  nb_diags_free(d);
  if (res->rc == 0) {
    name_one(&j, run->o->formats);
    if (j.dest[I_MD]) { /* the charts are named after the Markdown file */
      char *md = dest_path(run, j.dest[I_MD]);
      if (strcmp(md, "-") != 0)
        cli_figures_name(&j.figs, j.ctx, j.checked.arena, md);
      free(md);
    }
    nb_renderer *r = nb_renderer_new(run->o->templates);
    res->rc = render_one(r, run->o, &j, run->o->formats, err ? err : stderr);
    nb_renderer_free(r);
  }
  if (res->rc == 0 && !run->dry)
    res->rc = write_job(run, &j, &res->out, err ? err : stderr);
  free_job(&j);
  if (err)
    fclose(err);
  return res;
}

int nb_cli_render_item(const nb_set *set, size_t i, const nb_schema *schema, const char *dir,
                       const char *templates, nb_pdf_cache *pdf_cache, unsigned with, nb_buf *out,
                       nb_buf *err)
{
  render_opts o = {0};
  o.formats = (dir ? FMT_MD | FMT_HTML | FMT_JSON : 0u) | (with & NB_SITE_PDF ? FMT_PDF : 0u) |
              (with & NB_SITE_DOCX ? FMT_DOCX : 0u) | (with & NB_SITE_GRAPHIC ? FMT_GRAPHIC : 0u);
  o.templates = templates;
  o.pdf_cache = pdf_cache;
  render_run run = {.o = &o, .set = set, .schema = schema, .dir = dir, .dry = dir == NULL};
  render_result *res = render_item(&run, i);
  nb_buf_put(out, res->out.data ? res->out.data : "", res->out.len);
  nb_buf_put(err, res->err ? res->err : "", res->err_len);
  int rc = res->rc;
  nb_buf_free(&res->out);
  free(res->err);
  free(res);
  return rc;
}

static void render_done(void *ctx, size_t i, void *p);

/* Pool jobs 0..n-2 are items 1..n-1 (the first was rendered alone). */
static void *render_rest(void *ctx, size_t i)
{
  return render_item(ctx, i + 1);
}

static void render_rest_done(void *ctx, size_t i, void *p)
{
  render_done(ctx, i + 1, p);
}

static void render_done(void *ctx, size_t i, void *p)
{
  (void)i;
  render_run *run = ctx;
  render_result *res = p;
  if (res->err_len)
    fwrite(res->err, 1, res->err_len, stderr);
  if (run->file && strcmp(run->file, "-") == 0) {
    if (res->out.len && fwrite(res->out.data, 1, res->out.len, stdout) != res->out.len)
      res->rc = NB_EXIT_USAGE;
  } else if (nb_site_print_changes(stdout, nb_buf_cstr(&res->out), res->out.len, &run->same) != 0) {
    res->rc = NB_EXIT_USAGE;
  }
  if (res->rc && !run->rc) {
    run->rc = res->rc;
    atomic_store(&run->stop, 1);
  }
  nb_buf_free(&res->out);
  free(res->err);
  free(res);
}

/* First pass, on the calling thread: prints each file's diagnostics to standard error. */
static void print_diags(void *ctx, size_t i, nb_diags *d, void *extra)
{
  (void)i, (void)extra;
  if (nb_diags_print_text(d, stderr) != 0)
    *(int *)ctx = 1;
}

static void print_dup(void *ctx, nb_diags *d)
{
  if (nb_diags_print_text(d, stderr) != 0)
    *(int *)ctx = 1;
}

/* Checks every file. Returns NB_EXIT_OK when all passed. */
static int check_all(nb_set *set, const nb_schema *schema)
{
  int io = 0, invalid = 0;
  nb_set_check(set, schema, NULL, print_diags, &io);
  nb_set_duplicates(set, print_dup, &io);
  for (size_t i = 0; i < nb_set_count(set); i++) {
    io |= nb_set_at(set, i)->io_failed;
    invalid |= nb_set_at(set, i)->errors > 0;
  }
  if (invalid || io)
    fputs("nianbao render: 数据文件有错误，未生成任何文件。\n", stderr);
  return io ? NB_EXIT_USAGE : invalid ? NB_EXIT_INVALID : NB_EXIT_OK;
}

typedef struct {
  char *name; /* output file name without extension */
  size_t i;
} stem;

static int cmp_stem(const void *a, const void *b)
{
  const stem *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Refuses two reports with one output name, and an output that is an input. */
static int check_outputs(const render_run *run)
{
  size_t n = nb_set_count(run->set);
  stem *st = nb_xcalloc(n + 1, sizeof *st);
  for (size_t i = 0; i < n; i++)
    st[i] = (stem){nb_render_stem(nb_set_at(run->set, i)->name, nb_set_at(run->set, i)->year), i};
  qsort(st, n, sizeof *st, cmp_stem);
  int rc = 0;
  for (size_t k = 1; k < n && !rc; k++)
    if (strcmp(st[k - 1].name, st[k].name) == 0) {
      fprintf(stderr, "nianbao render: %s 和 %s 是同一机关同一年度的报告，输出文件 %s.* 会互相覆盖。请分开生成。\n",
              nb_set_at(run->set, st[k - 1].i)->path, nb_set_at(run->set, st[k].i)->path, st[k].name);
      rc = -1;
    }
  for (size_t k = 0; k < n && !rc; k++)
    for (int f = 0; f < N_FORMATS && !rc; f++) {
      if (!(run->o->formats & formats[f].bit))
        continue;
      nb_buf name = NB_BUF_INIT;
      nb_buf_printf(&name, "%s.%s", st[k].name, formats[f].ext);
      char *dest = dest_path(run, name.data);
      const char *in = nb_set_at(run->set, st[k].i)->path;
      if (strcmp(in, "-") != 0 && strcmp(dest, "-") != 0 && nb_io_same_file(dest, in)) {
        fprintf(stderr, "nianbao render: 输出文件 %s 就是输入的数据文件，不能覆盖它。请用 -o 指定其他位置。\n", dest);
        rc = -1;
      }
      free(dest);
      nb_buf_free(&name);
    }
  for (size_t k = 0; k < n; k++)
    free(st[k].name);
  free(st);
  return rc;
}

/* -o -: standard output, as for init, next and import; only one format of one input, and
 * never a PDF onto a terminal. Returns 0, or -1 after saying why. */
static int resolve_stdout(const render_opts *o, size_t inputs)
{
  if (inputs != 1) {
    fputs("nianbao render: -o - 表示输出到标准输出，只能用于一个数据文件；"
          "生成多个文件时请用 -o 给出目录。\n", stderr);
    return -1;
  }
  if (!o->formats || (o->formats & (o->formats - 1)) != 0) {
    fputs("nianbao render: -o - 表示输出到标准输出，只能输出一种格式，"
          "请用 -f 指定，如 nianbao render -f md -o - 文件.yaml\n", stderr);
    return -1;
  }
  if (o->formats == FMT_PDF && isatty(STDOUT_FILENO)) {
    fputs("nianbao render: PDF 不能显示在终端上。请把标准输出重定向到文件"
          "（如 > 年报.pdf），或用 -o 年报.pdf 直接写入文件。\n", stderr);
    return -1;
  }
  return 0;
}

/* Decides where the outputs go: *DIR, or *FILE for a single output named by -o ("-" for
 * standard output). */
static int resolve_output(render_opts *o, size_t inputs, const char **dir, const char **file)
{
  if (o->output && strcmp(o->output, "-") == 0) {
    *dir = NULL;
    *file = "-";
    return resolve_stdout(o, inputs);
  }
  unsigned file_fmt = o->output ? output_file_format(o->output) : 0;
  *dir = o->output ? o->output : "out";
  *file = NULL;
  if (!file_fmt)
    return 0;
  if (!o->formats)
    o->formats = file_fmt;
  if ((o->formats & (o->formats - 1)) != 0 || inputs != 1) {
    fprintf(stderr, "nianbao render: -o %s 是一个文件名，只能用于一种格式、一个数据文件；"
                    "生成多个文件时请给出目录。\n", o->output);
    return -1;
  }
  *file = o->output;
  return 0;
}

/* The 图解 is three files: it needs a directory. */
static int resolve_graphic(const render_opts *o, const char *file)
{
  if (!(o->formats & FMT_GRAPHIC) || !file)
    return 0;
  fputs("nianbao render: 图解（graphic）会生成 .svg、.pdf、.png 三个文件，请用 -o 给出目录。\n", stderr);
  return -1;
}

/* The second pass: the first report alone (nothing is written if it fails), then the rest
 * on every core. */
static int render_all(render_run *run)
{
  if (!run->file && nb_io_make_dirs(run->dir) != 0) {
    nb_cli_mkdir_failed(stderr, "render", run->dir, errno);
    return NB_EXIT_USAGE;
  }
  size_t n = nb_set_count(run->set);
  if (n)
    render_done(run, 0, render_item(run, 0));
  if (!run->rc && n > 1)
    nb_pool_run(n - 1, run->o->jobs, render_rest, render_rest_done, run);
  if (run->same)
    printf("%zu 个文件没有变化，未重写。\n", run->same);
  if (fflush(stdout) != 0 || ferror(stdout))
    run->rc = NB_EXIT_USAGE;
  return run->rc;
}

int nb_cli_render(int argc, char **argv)
{
  render_opts o = {0};
  int first = 0;
  int rc = parse_args(argc, argv, &o, &first);
  if (rc)
    return rc > 0 ? NB_EXIT_OK : NB_EXIT_USAGE;
  nb_schema *schema = load_schema();
  if (!schema)
    return NB_EXIT_USAGE;
  nb_set *set = nb_set_new(argv + first, (size_t)(argc - first), o.jobs);
  render_run run = {.o = &o, .set = set, .schema = schema};
  if (resolve_output(&o, nb_set_count(set), &run.dir, &run.file) != 0 ||
      resolve_graphic(&o, run.file) != 0)
    rc = NB_EXIT_USAGE;
  if (!o.formats)
    o.formats = FMT_MD | FMT_HTML | FMT_PDF | FMT_JSON | FMT_DOCX;
  if (rc == NB_EXIT_OK)
    rc = check_all(set, schema);
  if (rc == NB_EXIT_OK && check_outputs(&run) != 0)
    rc = NB_EXIT_USAGE;
  if (rc == NB_EXIT_OK && (o.formats & FMT_PDF))
    o.pdf_cache = nb_pdfmod_cache_new();
  if (rc == NB_EXIT_OK)
    rc = render_all(&run);
  nb_pdfmod_cache_free(o.pdf_cache);
  nb_set_free(set);
  nb_schema_free(schema);
  return rc;
}
