/* cli figures: the chart files render writes beside a Markdown report (render/chart.h): one
 * "〈base〉-图N.svg" per chart, where 〈base〉 is the .md file's name without ".md". They are
 * written before the report (its images never point at a missing file), left alone when
 * unchanged, and files of that pattern the report no longer has are removed after it, so a
 * chart dropped from the data leaves no stale file.
 *
 * Ownership: a cli_figures owns its buffers and paths; cli_figures_free releases them. */
#ifndef NB_CLI_FIGURES_H
#define NB_CLI_FIGURES_H
#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/node.h"
#include "mustache/mustache.h"
#include "render/render.h"

typedef struct {
  char *md_path;   /* the Markdown report's path */
  size_t n;
  nb_buf *svg;     /* the rendered files */
  char **path;     /* where they go */
} cli_figures;

/* Names the charts of CTX after the Markdown file MD_PATH (file names in the context) and
 * keeps the path in F, which is empty before. */
void cli_figures_name(cli_figures *f, nb_node *ctx, nb_arena *arena, const char *md_path);

/* Renders every chart of CTX into F. Returns 0, or -1 with *ERR filled in. */
int cli_figures_render(cli_figures *f, nb_renderer *r, const nb_node *ctx, nb_mus_error *err);

/* Writes F's files, with a line "已生成 …" or "未变化 …" each to OUT as render prints them.
 * Returns 0, or -1 after a message naming the file to ERR (WHY: the Chinese text of an
 * errno value). */
int cli_figures_write(const cli_figures *f, nb_buf *out, FILE *err);

/* Removes the chart files of F's report that it does not have any more ("已删除 …" to OUT). */
void cli_figures_clean(const cli_figures *f, nb_buf *out);

void cli_figures_free(cli_figures *f);

#endif
