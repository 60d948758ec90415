/* nb_docx: templates → parts → the office module's zip writer. */
#include "render/docx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/module.h"
#include "office/office.h"

#define MODULE_NAME "nianbao-office.so"
#define AREA_TWIPS 8844 /* 156 mm */

static const struct {
  const char *name, *tpl;
} parts[] = {
  {"[Content_Types].xml", "content-types.xml"},
  {"_rels/.rels", "rels.xml"},
  {"docProps/core.xml", "core.xml"},
  {"docProps/app.xml", "app.xml"},
  {"word/document.xml", "document.xml"},
  {"word/styles.xml", "styles.xml"},
  {"word/settings.xml", "settings.xml"},
  {"word/footer1.xml", "footer-odd.xml"},
  {"word/footer2.xml", "footer-even.xml"},
  {"word/_rels/document.xml.rels", "document.xml.rels"},
};
#define N_PARTS (sizeof parts / sizeof parts[0])

/* XML character data for {{x}}: & < > " escaped, characters XML cannot hold dropped. */
static void escape_xml(void *ud, nb_buf *out, const char *s, size_t n)
{
  (void)ud;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '&')
      nb_buf_puts(out, "&amp;");
    else if (c == '<')
      nb_buf_puts(out, "&lt;");
    else if (c == '>')
      nb_buf_puts(out, "&gt;");
    else if (c == '"')
      nb_buf_puts(out, "&quot;");
    else if (c == '\'')
      nb_buf_puts(out, "&apos;");
    else if (c >= 0x20 || c == '\t' || c == '\n')
      nb_buf_putc(out, (char)c);
  }
}

/* The office module's functions, or NULL with error NB512 in DIAGS. */
static const nb_office_api *load_office(nb_diags *diags)
{
  void *sym = nb_module_require(MODULE_NAME, "NIANBAO_OFFICE_MODULE", "nb_office_get_api", "NB512",
                                " Word 模块", diags);
  if (!sym)
    return NULL;
  const nb_office_api *(*get)(void);
  memcpy(&get, &sym, sizeof get); /* object pointer to function pointer, as POSIX allows */
  return get();
}

/* "word/charts/chartN.xml"; the caller frees it. */
static char *chart_part_name(unsigned number)
{
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "word/charts/chart%u.xml", number);
  return nb_buf_detach(&b);
}

static void put_str(nb_arena *a, nb_node *map, const char *key, const char *val)
{
  nb_node_put(a, map, key, nb_node_new_cstr(a, val));
}

/* "2025-01-20T00:00:00Z" for EPOCH (UTC). */
static void iso_time(long long epoch, char out[64])
{
  long long days = epoch / 86400, secs = epoch % 86400;
  long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  long long y = yoe + era * 400 + (m <= 2);
  snprintf(out, 64, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y % 10000, m, d, secs / 3600,
           secs / 60 % 60, secs % 60);
}

#define CHART_CX 5040000L /* EMU: 140 mm, within the 156 mm type area */

/* The charts of CTX (render/chart.h) for the body writer, and the keys their template needs:
 * docx_n, docx_last_row, and docx_i, docx_rgb on each slice and row. *N gets the count; the
 * caller frees the array. */
static nb_office_chart *chart_list(nb_node *ctx, nb_arena *a, size_t *n)
{
  nb_node *list = nb_node_path(ctx, "charts.list");
  *n = list && list->kind == NB_SEQ ? list->n : 0;
  nb_office_chart *out = nb_xcalloc(*n ? *n : 1, sizeof *out);
  for (size_t i = 0; i < *n; i++) {
    nb_node *c = list->items[i];
    const char *ws = nb_node_cstr(nb_node_get(c, "width")), *hs = nb_node_cstr(nb_node_get(c, "height"));
    double wd = ws ? strtod(ws, NULL) : 0, ht = hs ? strtod(hs, NULL) : 0;
    out[i] = (nb_office_chart){nb_node_cstr(nb_node_get(c, "file_url")),
                               (unsigned)nb_node_int(nb_node_get(c, "number"), (int64_t)i + 1),
                               CHART_CX, wd > 0 && ht > 0 && ht < 4 * wd ? (long)(CHART_CX * ht / wd) : CHART_CX / 2};
    nb_node *items = nb_node_get(c, nb_node_get(c, "slices") ? "slices" : "rows");
    size_t k = items && items->kind == NB_SEQ ? items->n : 0;
    nb_node_put(a, c, "docx_n", nb_node_new_int(a, (int64_t)k));
    nb_node_put(a, c, "docx_last_row", nb_node_new_int(a, (int64_t)k + 1));
    for (size_t j = 0; j < k; j++) {
      const char *rgb = nb_node_cstr(nb_node_get(items->items[j], "colour"));
      nb_node_put(a, items->items[j], "docx_i", nb_node_new_int(a, (int64_t)j));
      put_str(a, items->items[j], "docx_rgb", rgb && rgb[0] == '#' ? rgb + 1 : "0072B2");
    }
  }
  return out;
}

static void add_context(nb_node *ctx, nb_arena *a, const nb_docx_opts *o, const nb_buf *body)
{
  nb_node *docx = nb_node_new(a, NB_MAP), *fonts = nb_node_new(a, NB_MAP);
  nb_node_put(a, docx, "body", nb_node_new_str(a, nb_buf_cstr(body), body->len));
  put_str(a, fonts, "title", o->font_title ? o->font_title : "方正小标宋简体");
  put_str(a, fonts, "hei", o->font_hei ? o->font_hei : "黑体");
  put_str(a, fonts, "kai", o->font_kai ? o->font_kai : "楷体_GB2312");
  put_str(a, fonts, "song", o->font_song ? o->font_song : "仿宋_GB2312");
  put_str(a, fonts, "latin", o->font_latin ? o->font_latin : "Times New Roman");
  nb_node_put(a, docx, "fonts", fonts);
  if (o->epoch > 0) {
    char iso[64];
    iso_time(o->epoch, iso);
    put_str(a, docx, "created", iso);
  }
  nb_node_put(a, ctx, "docx", docx);
  nb_node *list = nb_node_path(ctx, "charts.list");
  for (size_t i = 0; list && list->kind == NB_SEQ && i < list->n; i++)
    nb_node_put(a, list->items[i], "docx", docx); /* the chart template's fonts */
}

int nb_render_docx(nb_renderer *r, nb_node *ctx, nb_arena *arena, const char *md,
                   size_t md_len, const nb_docx_opts *opts, nb_buf *out, nb_mus_error *err,
                   nb_diags *diags)
{
  const nb_office_api *api = load_office(diags);
  if (!api)
    return -2;
  size_t ncharts;
  nb_office_chart *charts = chart_list(ctx, arena, &ncharts);
  nb_buf body = NB_BUF_INIT;
  api->wml_body(md, md_len, AREA_TWIPS, charts, ncharts, &body);
  add_context(ctx, arena, opts, &body);
  nb_buf_free(&body);
  size_t total = N_PARTS + ncharts, done = 0;
  nb_buf *text = nb_xcalloc(total, sizeof *text);
  nb_office_part *p = nb_xcalloc(total, sizeof *p);
  char **names = nb_xcalloc(total, sizeof *names);
  const nb_node *list = nb_node_path(ctx, "charts.list");
  int rc = 0;
  for (; done < total && rc == 0; done++) {
    const nb_node *data = done < N_PARTS ? ctx : list->items[done - N_PARTS];
    names[done] = done < N_PARTS ? nb_xstrdup(parts[done].name)
                                 : chart_part_name(charts[done - N_PARTS].number);
    rc = nb_render_template(r, done < N_PARTS ? parts[done].tpl : "chart.xml", data, escape_xml,
                            &text[done], err);
    p[done] = (nb_office_part){names[done], nb_buf_cstr(&text[done]), text[done].len};
  }
  if (rc == 0 && api->zip(p, total, opts->epoch, out, diags) != 0)
    rc = -2;
  for (size_t i = 0; i < done; i++) {
    nb_buf_free(&text[i]);
    free(names[i]);
  }
  free(text);
  free(p);
  free(names);
  free(charts);
  return rc;
}
