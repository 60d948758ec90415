/* nb_figure: chart images of the Markdown → marks → inline figures of the HTML page. */
#include "render/figure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARK_OPEN "<p class=\"nb-figure-slot-"
#define MARK_CLOSE "\"></p>"

/* The chart of LIST whose file the image URL names, or NULL. */
static const nb_node *chart_of(const nb_node *list, const char *url)
{
  for (size_t i = 0; url && list && i < list->n; i++) {
    const char *f = nb_node_cstr(nb_node_get(list->items[i], "file"));
    const char *u = nb_node_cstr(nb_node_get(list->items[i], "file_url"));
    if ((f && strcmp(f, url) == 0) || (u && strcmp(u, url) == 0))
      return list->items[i];
  }
  return NULL;
}

void nb_figure_mark(cmark_node *doc, const nb_node *list)
{
  if (!list)
    return;
  cmark_node *n = cmark_node_first_child(doc);
  while (n) {
    cmark_node *next = cmark_node_next(n);
    cmark_node *img = cmark_node_first_child(n);
    const nb_node *chart = NULL;
    if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH && img && !cmark_node_next(img) &&
        cmark_node_get_type(img) == CMARK_NODE_IMAGE)
      chart = chart_of(list, cmark_node_get_url(img));
    if (chart) {
      char mark[96];
      snprintf(mark, sizeof mark, MARK_OPEN "%lld" MARK_CLOSE "\n",
               (long long)nb_node_int(nb_node_get(chart, "number"), 0));
      cmark_node *block = cmark_node_new(CMARK_NODE_HTML_BLOCK);
      cmark_node_set_literal(block, mark);
      cmark_node_replace(n, block);
      cmark_node_free(n);
    }
    n = next;
  }
}

int nb_figure_fill(const char *html, const nb_node *list, nb_figure_render render, void *ud,
                   nb_buf *out)
{
  const char *p = html;
  for (;;) {
    const char *m = strstr(p, MARK_OPEN);
    if (!m) {
      nb_buf_puts(out, p);
      return 0;
    }
    nb_buf_put(out, p, (size_t)(m - p));
    const char *num = m + strlen(MARK_OPEN);
    size_t digits = strspn(num, "0123456789");
    const nb_node *chart = NULL;
    if (digits && digits < 6 && strncmp(num + digits, MARK_CLOSE, strlen(MARK_CLOSE)) == 0) {
      long k = strtol(num, NULL, 10);
      for (size_t i = 0; list && i < list->n; i++)
        if (nb_node_int(nb_node_get(list->items[i], "number"), 0) == k)
          chart = list->items[i];
    }
    if (!chart) { /* not ours: keep it */
      nb_buf_put(out, m, strlen(MARK_OPEN));
      p = num;
      continue;
    }
    if (render(ud, "chart-figure.html", chart, out) != 0)
      return -1;
    p = num + digits + strlen(MARK_CLOSE);
  }
}
