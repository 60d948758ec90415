/* nb_render: the template context (nb_context) → the report as Markdown, HTML and JSON,
 * and the names of the output files.
 *
 *   .md    templates/report.md.mustache rendered with Markdown escaping for {{x}}
 *   .html  cmark turns that Markdown into HTML (template tables pass as HTML blocks),
 *          nb_sanitize_html filters it, each chart's image becomes its inline SVG figure
 *          (render/figure.h), and templates/report.html.mustache wraps it into a
 *          self-contained page (the filtered HTML is {{{body}}})
 *   .svg   each chart of the report (render/chart.h) as the file its image names
 *   .json  the figures, below
 *
 * Templates are looked up in the --templates directory first, then among the built-in ones
 * (nb_mus_dirs). Every output ends with exactly one newline and is a function of the data
 * and templates only (no time, no path, no version), so equal inputs give equal bytes.
 *
 * JSON keys (stable; every typed figure and every computed one, marked *):
 *
 *   format                 2021
 *   organ                  {name, level, region}        region null when not given
 *   year                   2024
 *   date                   "2025-01-20" or null         报告日期
 *   period                 {start, end}                 "2024-01-01", "2024-12-31"
 *   overview
 *     published_items      [{category, count, share*}]  share: percent of the total, one
 *                                                       decimal (null when the total is 0)
 *     published_total*                                  主动公开总数
 *   disclosure                                          表二
 *     regulations          {issued, repealed, in_force} 规章
 *     normative_documents  {issued, repealed, in_force} 行政规范性文件
 *     licensing, punishment, coercion                   行政许可 行政处罚 行政强制
 *     fees                                              行政事业性收费（万元）, decimals as typed
 *   applications                                        表三; every row is
 *                          {natural, business, research, nonprofit, legal, other, total*}
 *                          (自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计)
 *     new, carried_over                                 一、二
 *     results                                           三、本年度办理结果
 *       granted, partially_granted                      （一）（二）
 *       denied {state_secret, prohibited_by_law, security_stability, third_party_rights,
 *               internal_affairs, process_information, enforcement_files, inquiry_matters}
 *       unavailable {not_held, needs_creation, unclear}
 *       not_processed {complaints, repeated, publications, excessive, confirmation}
 *       other {no_correction, unpaid_fee, other}
 *       total*                                          （七）总计
 *     carry_forward                                     四、结转下年度继续办理
 *   reviews                                             表四; each group is
 *                          {upheld, corrected, other, pending, total*}
 *     review, litigation_direct, litigation_after_review
 *   other
 *     processing_fees      {notices, amount}            信息处理费（元）, decimals as typed
 *
 * Ownership: an nb_renderer owns its template loader; nb_renderer_free(NULL) is a no-op.
 * Output goes to the caller's buffers. */
#ifndef NB_RENDER_H
#define NB_RENDER_H
#include "core/buf.h"
#include "mustache/mustache.h"
#include "core/node.h"

typedef struct nb_renderer nb_renderer;

/* A renderer whose templates come from TEMPLATES_DIR, then TEMPLATES_DIR/docx (NULL: built-in
 * only). */
nb_renderer *nb_renderer_new(const char *templates_dir);
void nb_renderer_free(nb_renderer *r);

/* Appends the template NAME ("report.md", "styles.xml") rendered against CTX, with ESCAPE for
 * {{x}} (NULL: HTML), to OUT, ending with exactly one newline. Returns 0, or -1 with *ERR
 * filled in (a missing template is NB406, an unreadable one NB409). */
int nb_render_template(nb_renderer *r, const char *name, const nb_node *ctx,
                       nb_mus_escape escape, nb_buf *out, nb_mus_error *err);

/* Appends the Markdown of the report of CTX to OUT. Returns 0, or -1 with *ERR filled in
 * (a template problem). */
int nb_render_md(nb_renderer *r, const nb_node *ctx, nb_buf *out, nb_mus_error *err);

/* Appends the HTML page of the report whose Markdown is MD (from nb_render_md on CTX) to
 * OUT. CTX gains the key "body" (allocated in ARENA) for the page template. Returns 0, or
 * -1 with *ERR filled in. */
int nb_render_html(nb_renderer *r, nb_node *ctx, nb_arena *arena, const char *md,
                   size_t md_len, nb_buf *out, nb_mus_error *err);

/* Appends the SVG file of CHART, one chart of the context's charts.list (render/chart.h),
 * rendered by templates/chart-pie.svg or chart-bars.svg, to OUT. Returns 0, or -1 with *ERR
 * filled in. */
int nb_render_chart_svg(nb_renderer *r, const nb_node *chart, nb_buf *out, nb_mus_error *err);

/* Appends the 图解 poster of CTX (with `poster`, render/poster.h) as SVG, rendered by
 * templates/graphic.svg, to OUT. Returns 0, or -1 with *ERR filled in. */
int nb_render_poster_svg(nb_renderer *r, const nb_node *ctx, nb_buf *out, nb_mus_error *err);

/* Appends the template NAME ("summary.html") rendered against CTX with HTML escaping: the
 * pages around the reports (nianbao summary, nianbao site). Returns 0, or -1 with *ERR. */
int nb_render_page(nb_renderer *r, const char *name, const nb_node *ctx, nb_buf *out,
                   nb_mus_error *err);

/* Appends the JSON figures of CTX (keys above) to OUT. */
void nb_render_json(const nb_node *ctx, nb_buf *out);

/* The output file name of CTX for extension EXT ("html"): "2024-瓦窑沟乡人民政府.html".
 * Characters a file name cannot hold (/ \ : * ? " < > | and control characters) become
 * "_". The caller frees the result. */
char *nb_render_filename(const nb_node *ctx, const char *ext);
/* The same name without extension for body NAME and YEAR: "2024-瓦窑沟乡人民政府". */
char *nb_render_stem(const char *name, int year);

#endif
