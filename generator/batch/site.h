/* nb_site: the 年报专栏 of a portal from a set of reports (nianbao site).
 *
 *   index.html                      years (newest first) → unit types → bodies
 *   <year>/index.html               the year's summary (batch/summary), linking each report
 *   <year>/<report>/index.html      a report's page: the report and its downloads with sizes
 *   <year>/<report>/<report>.html, .pdf, .docx, .json, .md, -图解.png/.pdf/.svg
 *                                   the report, rendered as nianbao render does
 *   problems.html                   reports with errors (not published) and their diagnostics
 *
 * Links are relative (percent-encoded) and no page asks for anything outside the folder, so
 * the folder works from a file:// path and on any web server.
 *
 * Every file is checked first (into one summary per year); the year pages (written piece by
 * piece as they are rendered, nb_summary_html), the index and problems.html are written,
 * linking every report to be published, and the summaries are freed; then the reports without
 * errors are rendered and written one by one on every core (messages in file order whatever
 * the number of threads), and only a bit and the list of files of each is kept. Should a
 * report fail to be written, the files are checked again and those pages written again
 * without its link. The formats that need a module (PDF, Word, 图解) are first tried on one report
 * in memory: one whose module, fonts or libraries are missing is said once and left out, and
 * the rest of the site is published.
 *
 * Incremental: a file whose bytes are unchanged is not rewritten (its mtime is kept); the list
 * of what the site wrote is kept in OUTPUT/.nianbao-site, and the files of that list that a
 * run does not write any more (a report removed from the tree) are removed, with the folders
 * they leave empty. No other file is ever removed. The list also holds, per report, a hash of
 * its inputs (its file, the config governing it, and what the caller's inputs function gives:
 * program, modules, templates, fonts, formats) and of its files' names and bytes
 * (batch/manifest.h): a report whose inputs and files are unchanged is not rendered again.
 * The check, the year pages and the index are made on every run.
 *
 * Ownership: the caller keeps the set, the schema and the options; nothing is retained after
 * nb_site_build returns. */
#ifndef NB_SITE_H
#define NB_SITE_H
#include <stddef.h>
#include <stdio.h>

#include "batch/set.h"
#include "core/buf.h"

/* The formats that need a module; md, html and json are always made. */
enum { NB_SITE_PDF = 1u, NB_SITE_DOCX = 2u, NB_SITE_GRAPHIC = 4u };

/* Renders item I of SET (checked again with SCHEMA) as nianbao render does: md, html, json and
 * the formats WITH (NB_SITE_*) into folder DIR, "已生成 …"/"未变化 …" lines to OUT, diagnostics
 * to ERR. DIR NULL: only the formats WITH, in memory, nothing written (the trial of the
 * modules). Returns an exit code as render's: 0; 1 a template error; 2 a module, font or
 * library missing, or a file not written. Called on worker threads. */
typedef int (*nb_site_render)(void *ctx, const nb_set *set, size_t i, const nb_schema *schema,
                              const char *dir, unsigned with, nb_buf *out, nb_buf *err);

/* Appends to OUT everything beside a report's own file and config that the render function's
 * outputs in the formats WITH depend on (program, modules, templates, fonts, environment):
 * equal bytes, equal outputs. Called once per run, after the trial of the modules. */
typedef void (*nb_site_inputs)(void *ctx, unsigned with, nb_buf *out);

typedef struct {
  const char *output;    /* the site's folder, made when missing */
  const char *templates; /* looked in first for the templates, or NULL */
  unsigned jobs;         /* threads, 0 for one per core */
  nb_site_render render;
  nb_site_inputs inputs; /* NULL: every report is rendered on every run */
  void *render_ctx;      /* for both */
  FILE *out, *err;       /* what was written / diagnostics and failures */
} nb_site_opts;

typedef struct {
  size_t published;      /* reports with a page */
  size_t unchanged;      /* of those, not rendered again: inputs and files unchanged */
  size_t same_files;     /* files left as they were (their bytes unchanged), not printed */
  size_t failed;         /* reports with errors, on problems.html */
  int io;                /* a file could not be read, rendered or written */
} nb_site_stats;

/* Builds the site of SET (made by nb_set_new, not yet checked) into O->output. Prints to
 * O->out a line for every file written ("已生成 …") or removed ("已删除 …"), none for the
 * files left as they were: a run again over ten thousand reports lists what changed, and
 * STATS counts the rest. */
void nb_site_build(nb_set *set, const nb_schema *schema, const nb_site_opts *o,
                   nb_site_stats *stats);

/* Copies the lines of TEXT (LEN bytes, as the render function's OUT) to F but for the
 * "未变化 …" ones, which are counted into *SAME. Returns 0, or -1 when F cannot be written. */
int nb_site_print_changes(FILE *f, const char *text, size_t len, size_t *same);

#endif
