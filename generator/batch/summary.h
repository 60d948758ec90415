/* nb_summary: the region's summary of one year — what a county 政务公开办 does by hand in
 * Excel every January: which bodies reported, which have errors, which are missing, the
 * figures of every body side by side, the region's sums of tables 二/三/四 (国办发〔2014〕32号
 * asks each level to sum its bodies' statistics), and the figures that look wrong.
 *
 * Reports are added one by one in file order (nb_summary_add, after nb_summary_review or
 * nb_summary_read on a worker thread); nb_summary_finish picks the year (the latest, unless given), and then:
 *   bodies     one row per body of the year: its report, or a missing report (a body with
 *              last year's report and none this year, or named in the expected list)
 *   sums       the figures of every report of the year without errors; reports with errors
 *              are listed but not summed
 *   anomalies  a figure ten times last year's or more (the rule of NB306), a prose-table
 *              disagreement (NB208, NB209), and, when the tree holds a region-wide data file
 *              of the year (organ.scope 区域汇总), every cell where it differs from the sums
 *   problems   every diagnostic of the year's reports (for the 问题 sheet and the page)
 * Codes of its own: NB805 警告 a missing report; NB806 警告 a region-wide file differs (the
 * config's rule levels apply, nb_summary_config).
 *
 * Outputs: the page (its context, or the page itself rendered piece by piece), CSV (UTF-8
 * with BOM), JSON, the region-wide data file (figures only, prose empty, organ.scope 区域汇总,
 * which lint and render accept), and the workbook (batch/xlsx, through nianbao-xlsx.so).
 * Every output is a function of the inputs in file order only. Memory: per report its
 * identity, packed figures (about 300 bytes), categories and diagnostics; the long outputs
 * are written as they are made.
 *
 * Ownership: nb_summary owns everything added to it; nb_summary_free(NULL) is a no-op. */
#ifndef NB_SUMMARY_H
#define NB_SUMMARY_H
#include <stddef.h>
#include <stdint.h>

#include "batch/figures.h"
#include "batch/set.h"
#include "check/config.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/io.h"
#include "core/node.h"
#include "render/render.h"
#include "xlsx/xlsx.h"

typedef struct nb_summary nb_summary;
typedef struct nb_summary_report nb_summary_report;

/* YEAR 0: the latest year found. */
nb_summary *nb_summary_new(int year);
void nb_summary_free(nb_summary *s);

/* What the summary keeps of a checked data file ROOT (NULL when it could not be loaded):
 * its figures and published categories. Safe on worker threads. */
nb_summary_report *nb_summary_read(const nb_node *root);
/* The same of the checked file C with its final diagnostics D (figures only when it
 * conforms), and its quality score (check/score, as lint --score gives it). */
nb_summary_report *nb_summary_review(const nb_checked *c, nb_diags *d);
nb_summary_report *nb_summary_report_copy(const nb_summary_report *r); /* NULL → NULL */
void nb_summary_report_free(nb_summary_report *r);
/* Adds item IT of a set with what nb_summary_read made of it (may be NULL) and its
 * diagnostics D; takes R. Call in file order. */
void nb_summary_add(nb_summary *s, const nb_set_item *it, nb_summary_report *r, nb_diags *d);
/* More diagnostics D of the I-th file added (NB803 found after the check). */
void nb_summary_note(nb_summary *s, size_t i, nb_diags *d);
/* The config (check/config) whose rule levels apply to the summary's own findings (NB805,
 * NB806: off, warning or error); borrowed until nb_summary_finish. NULL: none. */
void nb_summary_config(nb_summary *s, const nb_config *c);
/* A body expected to report (one line of --expect). */
void nb_summary_expect(nb_summary *s, const char *name);
/* Decides the year and computes rows, sums, missing reports and anomalies. */
void nb_summary_finish(nb_summary *s);

int nb_summary_year(const nb_summary *s);
const char *nb_summary_region(const nb_summary *s);
/* Reports of the year with errors, and own findings the config made errors (the exit code). */
size_t nb_summary_errors(const nb_summary *s);

/* The template context of summary.html, in ARENA (see templates/summary.html.mustache). */
nb_node *nb_summary_context(const nb_summary *s, nb_arena *arena);

/* Which page nb_summary_html makes: summary.html, or another page around the same body (the
 * site's year page) whose rows may link elsewhere. */
typedef struct {
  const char *page; /* the page's template; NULL: "summary.html" */
  /* The link of the row of body NAME (a relative URL allocated in A), or NULL for none.
   * NULL: no row links. */
  const char *(*link)(void *ctx, const char *name, nb_arena *a);
  void *ctx;
} nb_summary_page;

/* The page PAGE (NULL: summary.html) rendered by R into OUT, handed to FILE (may be NULL) as
 * in nb_summary_csv: the page around the table of bodies first, then its rows a few hundred
 * at a time, so neither the context nor the text is held whole. Returns 0, or -1 with *ERR
 * filled in. */
int nb_summary_html(const nb_summary *s, const nb_summary_page *page, nb_renderer *r,
                    nb_buf *out, nb_io_out *file, nb_mus_error *err);
/* The region-wide data file of the sums as a tree (for nb_context_build and the YAML). */
nb_node *nb_summary_region_data(const nb_summary *s, nb_arena *arena);
/* summary.csv and summary.json into OUT; with FILE (may be NULL), OUT is handed to FILE
 * whenever it holds 64 KiB and at the end, so the text is never held whole. */
void nb_summary_csv(const nb_summary *s, nb_buf *out, nb_io_out *file);
void nb_summary_json(const nb_summary *s, nb_buf *out, nb_io_out *file);
/* The region-wide data file as YAML text. */
void nb_summary_region_yaml(const nb_summary *s, nb_buf *out);
/* The workbook writer of the module nianbao-xlsx.so (xlsx/xlsx.h, found as core/module.h
 * says, or through the environment variable NIANBAO_XLSX_MODULE), or NULL with error NB807 in
 * DIAGS when it cannot be loaded. The module stays loaded. */
const nb_xlsx_api *nb_summary_xlsx_module(nb_diags *diags);
/* Writes the workbook to PATH through X (batch/xlsx.c). Returns 0, 1 when PATH already held
 * the same bytes (left alone), or -1 with *WHY set (static). */
int nb_summary_xlsx(const nb_summary *s, const nb_xlsx_api *x, const char *path, const char **why);

/* ---- for the writers (batch/xlsx.c, batch/site.c) ---- */

typedef struct {
  const char *name, *level, *region, *path; /* path NULL: missing */
  const char *status;          /* 通过, 有警告, 有错误, 无法读取, 缺报告 */
  size_t errors, warnings;
  int has_figures;             /* nb_summary_figures has them */
  int summed;                  /* in the sums */
  int score;                   /* 0–100 (check/score), -1 when not scored */
} nb_summary_row;

typedef struct {
  const char *body, *file;
  uint32_t line, col;
  char code[8];
  int error;
  const char *message;
} nb_summary_problem;

size_t nb_summary_rows(const nb_summary *s);
nb_summary_row nb_summary_row_at(const nb_summary *s, size_t i);
/* The figures of row I into OUT; 0 (OUT unspecified) when it has none. */
int nb_summary_figures(const nb_summary *s, size_t i, int64_t out[NB_FIG_COUNT]);
const int64_t *nb_summary_sums(const nb_summary *s);
size_t nb_summary_problems(const nb_summary *s);
const nb_summary_problem *nb_summary_problem_at(const nb_summary *s, size_t i);

/* The short figures of a row: 主动公开, 新收申请, 办结, 予以公开 share (per mille, -1 when
 * nothing was handled), 行政许可, 行政处罚, 行政强制, 复议, 诉讼, 信息处理费 (fixed point). */
enum { NB_SUM_PUBLISHED, NB_SUM_NEW, NB_SUM_DONE, NB_SUM_GRANTED_SHARE, NB_SUM_LICENSING,
       NB_SUM_PUNISHMENT, NB_SUM_COERCION, NB_SUM_REVIEW, NB_SUM_LITIGATION, NB_SUM_FEE,
       NB_SUM_N };
void nb_summary_short(const int64_t *fig, int64_t out[NB_SUM_N]);
extern const char *const nb_summary_short_labels[NB_SUM_N];

#endif
