/* cli graphic: the 图解 poster's three files (see cli/graphic.h). */
#include "cli/graphic.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "render/graphicmod.h"
#include "render/poster.h"

int cli_graphic_render(cli_graphic *g, nb_renderer *r, nb_node *ctx, const nb_node *data,
                       nb_arena *a, long long epoch, FILE *err)
{
  nb_mus_error e = NB_MUS_ERROR_INIT;
  nb_poster_build(ctx, data, a);
  char *name = nb_render_filename(ctx, "");
  name[strlen(name) - 1] = '\0'; /* the trailing "." */
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%s-图解", name);
  free(name);
  g->name = nb_buf_detach(&b);
  if (nb_render_poster_svg(r, ctx, &g->svg, &e) != 0) {
    nb_diags *d = nb_mus_error_diags(&e);
    nb_diags_print_text(d, err);
    nb_diags_free(d);
    nb_mus_error_free(&e);
    return NB_EXIT_INVALID;
  }
  nb_graphic_opts o = {nb_node_cstr(nb_node_get(ctx, "title")),
                       nb_node_cstr(nb_node_path(ctx, "organ.name")), epoch,
                       CLI_GRAPHIC_PNG_WIDTH};
  nb_buf svg_name = NB_BUF_INIT;
  nb_buf_printf(&svg_name, "%s.svg", g->name);
  nb_diags *d = nb_diags_new(nb_buf_cstr(&svg_name));
  int rc = nb_graphicmod_render(g->svg.data, g->svg.len, &o, &g->pdf, &g->png, d);
  nb_diags_print_text(d, err);
  nb_diags_free(d);
  nb_buf_free(&svg_name);
  return rc == 0 ? 0 : NB_EXIT_USAGE;
}

int cli_graphic_write(const cli_graphic *g, const char *path, nb_buf *out, FILE *err)
{
  static const char *const ext[] = {"svg", "pdf", "png"};
  const nb_buf *data[] = {&g->svg, &g->pdf, &g->png};
  for (int k = 0; k < 3; k++) {
    nb_buf p = NB_BUF_INIT;
    nb_buf_printf(&p, "%s.%s", path, ext[k]);
    int rc = nb_cli_output("render", nb_buf_cstr(&p), data[k]->data, data[k]->len, out, err);
    nb_buf_free(&p);
    if (rc)
      return -1;
  }
  return 0;
}

void cli_graphic_free(cli_graphic *g)
{
  free(g->name);
  nb_buf_free(&g->svg);
  nb_buf_free(&g->pdf);
  nb_buf_free(&g->png);
  memset(g, 0, sizeof *g);
}
