/* cli figures: chart .svg files beside the Markdown report (see cli/figures.h). */
#include "cli/figures.h"
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/io.h"
#include "render/chart.h"

/* The directory part of PATH with its slash ("out/"), or "" for a bare name. */
static char *dir_of(const char *path)
{
  const char *slash = strrchr(path, '/');
  size_t n = slash ? (size_t)(slash - path) + 1 : 0;
  char *d = nb_xcalloc(n + 1, 1);
  memcpy(d, path, n);
  return d;
}

/* PATH's file name without its directory and without ".md". */
static char *base_of(const char *path)
{
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  size_t n = strlen(name);
  if (n > 3 && strcmp(name + n - 3, ".md") == 0)
    n -= 3;
  char *b = nb_xcalloc(n + 1, 1);
  memcpy(b, name, n);
  return b;
}

void cli_figures_name(cli_figures *f, nb_node *ctx, nb_arena *arena, const char *md_path)
{
  f->md_path = nb_xstrdup(md_path);
  char *base = base_of(md_path);
  nb_chart_set_base(ctx, base, arena);
  free(base);
}

int cli_figures_render(cli_figures *f, nb_renderer *r, const nb_node *ctx, nb_mus_error *err)
{
  const nb_node *list = nb_node_path(ctx, "charts.list");
  char *dir = dir_of(f->md_path);
  f->n = list ? list->n : 0;
  f->svg = nb_xcalloc(f->n ? f->n : 1, sizeof *f->svg);
  f->path = nb_xcalloc(f->n ? f->n : 1, sizeof *f->path);
  int rc = 0;
  for (size_t i = 0; i < f->n && rc == 0; i++) {
    nb_buf p = NB_BUF_INIT;
    nb_buf_printf(&p, "%s%s", dir, nb_node_cstr(nb_node_get(list->items[i], "file")));
    f->path[i] = nb_buf_detach(&p);
    rc = nb_render_chart_svg(r, list->items[i], &f->svg[i], err);
  }
  free(dir);
  return rc;
}

int cli_figures_write(const cli_figures *f, nb_buf *out, FILE *err)
{
  for (size_t i = 0; i < f->n; i++)
    if (nb_cli_output("render", f->path[i], f->svg[i].data, f->svg[i].len, out, err) != 0)
      return -1;
  return 0;
}

/* Whether NAME is BASE-图〈digits〉.svg. */
static int chart_file(const char *name, const char *base)
{
  size_t b = strlen(base);
  if (strncmp(name, base, b) != 0 || strncmp(name + b, "-图", strlen("-图")) != 0)
    return 0;
  const char *p = name + b + strlen("-图");
  size_t digits = strspn(p, "0123456789");
  return digits > 0 && strcmp(p + digits, ".svg") == 0;
}

void cli_figures_clean(const cli_figures *f, nb_buf *out)
{
  if (!f->md_path)
    return;
  char *dir = dir_of(f->md_path), *base = base_of(f->md_path);
  DIR *d = opendir(*dir ? dir : ".");
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (!chart_file(e->d_name, base))
      continue;
    int current = 0;
    for (size_t i = 0; i < f->n; i++) {
      const char *slash = strrchr(f->path[i], '/');
      current |= strcmp(slash ? slash + 1 : f->path[i], e->d_name) == 0;
    }
    if (current)
      continue;
    nb_buf p = NB_BUF_INIT;
    nb_buf_printf(&p, "%s%s", dir, e->d_name);
    if (unlink(nb_buf_cstr(&p)) == 0)
      nb_buf_printf(out, "已删除 %s\n", nb_buf_cstr(&p));
    nb_buf_free(&p);
  }
  if (d)
    closedir(d);
  free(dir);
  free(base);
}

void cli_figures_free(cli_figures *f)
{
  for (size_t i = 0; i < f->n; i++) {
    nb_buf_free(&f->svg[i]);
    free(f->path[i]);
  }
  free(f->svg);
  free(f->path);
  free(f->md_path);
  memset(f, 0, sizeof *f);
}
