/* The PDF writer: faces → layout (display list) → subset faces → libharu → bytes.
 *
 * libharu 2.3 notes, each handled here:
 *   - it has no loader from memory: a subset is written to a private temporary file (mkstemp),
 *     loaded, and unlinked at once (libharu keeps the open file until the document is freed);
 *   - with the UTF-8 encoding it writes codes that are UTF-16 code units, a 128 KB
 *     CIDToGIDMap stream without compression, and, as ToUnicode, the encoding CMap itself
 *     (which maps codes to CIDs, not to Unicode). Before saving, the map gets the Flate filter
 *     and the ToUnicode stream is rewritten as a real one for the characters used;
 *   - the trailer ID is computed from the document content, so the output is deterministic
 *     once the dates come from the caller. */
#include "nb_pdf.h"

#include <cmark.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nb_pdf_font.h"
#include "nb_pdf_layout.h"
#include "nb_utf8.h"

#define MM (72.0 / 25.4)

typedef struct {
  HPDF_STATUS status, detail; /* first libharu error, 0 = none */
} hpdf_error;

static void on_hpdf_error(HPDF_STATUS status, HPDF_STATUS detail, void *user)
{
  hpdf_error *e = user;
  if (!e->status) {
    e->status = status;
    e->detail = detail;
  }
}

typedef struct {
  HPDF_Doc pdf;
  hpdf_error err;
  const nb_pdf_layout *lay;
  nb_font *const *fonts;
  HPDF_Font hfont[NB_PDF_NFACES]; /* per role; roles sharing a face share the font */
  uint32_t *used[NB_PDF_NFACES];  /* sorted distinct code points per distinct face */
  size_t nused[NB_PDF_NFACES];
  nb_diags *diags;
} writer;

static double mm_or(double v, double dflt)
{
  return (v > 0 ? v : dflt) * MM;
}

static void geometry(const nb_pdf_opts *o, nb_pdf_geom *g)
{
  static const nb_pdf_opts none;
  if (!o)
    o = &none;
  g->page_w = mm_or(o->page_width, 210);
  g->page_h = mm_or(o->page_height, 297);
  g->top = mm_or(o->margin_top, 37);
  g->left = mm_or(o->margin_left, 28);
  g->width = mm_or(o->area_width, 156);
  g->height = mm_or(o->area_height, 225);
  g->pitch = g->height / 22;
  g->grid_char = g->width / 28;
}

/* The first role drawn with the same face as ROLE (the face's owner in hfont/used). */
static int owner(const writer *w, int role)
{
  for (int r = 0; r < role; r++)
    if (w->fonts[r] == w->fonts[role])
      return r;
  return role;
}

static int cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* The distinct code points drawn with each face. */
static void collect_used(writer *w)
{
  size_t cap[NB_PDF_NFACES] = {0};
  for (size_t i = 0; i < w->lay->nruns; i++) {
    const nb_pdf_run *r = &w->lay->runs[i];
    int f = owner(w, r->face);
    size_t len = strlen(r->text);
    for (size_t k = 0; k < len;) {
      uint32_t cp;
      k += nb_utf8_decode(r->text + k, len - k, &cp);
      if (w->nused[f] == cap[f]) {
        cap[f] = cap[f] ? cap[f] * 2 : 256;
        w->used[f] = nb_xrealloc(w->used[f], cap[f] * sizeof *w->used[f]);
      }
      w->used[f][w->nused[f]++] = cp;
    }
  }
  for (int f = 0; f < NB_PDF_NFACES; f++) {
    if (!w->nused[f])
      continue;
    qsort(w->used[f], w->nused[f], sizeof *w->used[f], cmp_u32);
    size_t n = 1;
    for (size_t k = 1; k < w->nused[f]; k++)
      if (w->used[f][k] != w->used[f][n - 1])
        w->used[f][n++] = w->used[f][k];
    w->nused[f] = n;
  }
}

static int fail(writer *w, const char *what)
{
  nb_diag *g = nb_diag_add(w->diags, NB_SEV_ERROR, "NB510", 0, 0, "无法生成 PDF：%s", what);
  if (w->err.status)
    nb_diag_hint(g, "PDF 库错误代码 0x%04X（%u）", (unsigned)w->err.status,
                 (unsigned)w->err.detail);
  return -1;
}

/* Subsets face F to its used characters and loads it into the document. */
static int embed_face(writer *w, int f)
{
  nb_buf sub = NB_BUF_INIT;
  if (nb_font_subset(w->fonts[f], w->used[f], w->nused[f], &sub) < 0) {
    nb_buf_free(&sub);
    return fail(w, "字体子集化失败");
  }
  const char *dir = getenv("TMPDIR");
  char path[4096];
  snprintf(path, sizeof path, "%s/nianbao-font-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0) {
    nb_buf_free(&sub);
    return fail(w, "无法创建临时文件");
  }
  FILE *fp = fdopen(fd, "wb");
  int ok = fp && fwrite(sub.data, 1, sub.len, fp) == sub.len;
  if (fp)
    ok = fclose(fp) == 0 && ok;
  else
    close(fd);
  nb_buf_free(&sub);
  const char *name = ok ? HPDF_LoadTTFontFromFile(w->pdf, path, HPDF_TRUE) : NULL;
  unlink(path);
  if (!ok)
    return fail(w, "无法写入临时文件");
  if (name)
    w->hfont[f] = HPDF_GetFont(w->pdf, name, "UTF-8");
  if (!name || !w->hfont[f])
    return fail(w, "无法嵌入字体");
  return 0;
}

/* Replaces libharu's ToUnicode stream of FONT by a bfchar map of CPS and compresses its
 * CIDToGIDMap (see the notes at the top). */
static void fix_font(HPDF_Font font, const uint32_t *cps, size_t n)
{
  HPDF_Array desc = HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY);
  HPDF_Dict cid = desc ? HPDF_Array_GetItem(desc, 0, HPDF_OCLASS_DICT) : NULL;
  HPDF_Dict map = cid ? HPDF_Dict_GetItem(cid, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
  if (map)
    map->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
  if (!tu || !tu->stream)
    return;
  /* the keys of an encoding CMap, wrong in a ToUnicode stream (a type mismatch would set
   * libharu's error state, so each is asked for with its class) */
  static const struct { const char *key; HPDF_UINT16 cls; } drop[] = {
    {"Type", HPDF_OCLASS_NAME}, {"CMapName", HPDF_OCLASS_NAME},
    {"CIDSystemInfo", HPDF_OCLASS_DICT}, {"WMode", HPDF_OCLASS_NUMBER}};
  for (size_t k = 0; k < sizeof drop / sizeof drop[0]; k++)
    if (HPDF_Dict_GetItem(tu, drop[k].key, drop[k].cls))
      HPDF_Dict_RemoveElement(tu, drop[k].key);
  nb_buf b = NB_BUF_INIT;
  nb_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  size_t bmp = 0;
  for (size_t k = 0; k < n; k++)
    bmp += cps[k] <= 0xFFFF;
  for (size_t k = 0, done = 0; k < n; k++) {
    if (cps[k] > 0xFFFF)
      continue;
    if (done % 100 == 0)
      nb_buf_printf(&b, "%zu beginbfchar\n", bmp - done < 100 ? bmp - done : 100);
    nb_buf_printf(&b, "<%04X> <%04X>\n", (unsigned)cps[k], (unsigned)cps[k]);
    if (++done % 100 == 0 || done == bmp)
      nb_buf_puts(&b, "endbfchar\n");
  }
  nb_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  HPDF_MemStream_FreeData(tu->stream);
  HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
  tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  nb_buf_free(&b);
}

static int embed_fonts(writer *w)
{
  collect_used(w);
  for (int f = 0; f < NB_PDF_NFACES; f++)
    if (owner(w, f) == f && w->nused[f] && embed_face(w, f) < 0)
      return -1;
  for (int f = 0; f < NB_PDF_NFACES; f++)
    w->hfont[f] = w->hfont[owner(w, f)];
  return 0;
}

static int cmp_rule(const void *a, const void *b)
{
  const nb_pdf_rule *x = a, *y = b;
  const double kx[6] = {x->page, x->width, x->x0, x->y0, x->x1, x->y1};
  const double ky[6] = {y->page, y->width, y->x0, y->y0, y->x1, y->y1};
  for (int i = 0; i < 6; i++)
    if (kx[i] != ky[i])
      return kx[i] < ky[i] ? -1 : 1;
  return 0;
}

/* Table borders: adjacent cells share edges, so the rules are sorted, drawn once each, and
 * stroked as one path per page and width. */
static void draw_rules(const nb_pdf_layout *lay, HPDF_Page *pages)
{
  if (!lay->nrules)
    return;
  nb_pdf_rule *r = nb_xmalloc(lay->nrules * sizeof *r);
  memcpy(r, lay->rules, lay->nrules * sizeof *r);
  qsort(r, lay->nrules, sizeof *r, cmp_rule);
  for (size_t i = 0; i < lay->nrules; i++) {
    HPDF_Page page = pages[r[i].page];
    int first = i == 0 || r[i].page != r[i - 1].page || r[i].width != r[i - 1].width;
    if (!first && cmp_rule(&r[i], &r[i - 1]) == 0)
      continue;
    if (first)
      HPDF_Page_SetLineWidth(page, (HPDF_REAL)r[i].width);
    HPDF_Page_MoveTo(page, (HPDF_REAL)r[i].x0, (HPDF_REAL)r[i].y0);
    HPDF_Page_LineTo(page, (HPDF_REAL)r[i].x1, (HPDF_REAL)r[i].y1);
    int last = i + 1 == lay->nrules || r[i + 1].page != r[i].page || r[i + 1].width != r[i].width;
    if (last)
      HPDF_Page_Stroke(page);
  }
  free(r);
}

static void draw_run(writer *w, HPDF_Page page, const nb_pdf_run *r)
{
  if (r->bold)
    HPDF_Page_SetLineWidth(page, (HPDF_REAL)(r->size * 0.025));
  HPDF_Page_BeginText(page);
  HPDF_Page_SetFontAndSize(page, w->hfont[r->face], (HPDF_REAL)r->size);
  HPDF_Page_SetCharSpace(page, (HPDF_REAL)r->cs);
  HPDF_Page_SetTextRenderingMode(page, r->bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
  HPDF_Page_TextOut(page, (HPDF_REAL)r->x, (HPDF_REAL)r->y, r->text);
  HPDF_Page_EndText(page);
}

static int draw_pages(writer *w, HPDF_Page *pages, unsigned npages)
{
  const nb_pdf_layout *lay = w->lay;
  for (unsigned p = 0; p < npages; p++) {
    pages[p] = HPDF_AddPage(w->pdf);
    if (!pages[p])
      return fail(w, "无法新建页面");
    HPDF_Page_SetWidth(pages[p], (HPDF_REAL)lay->g.page_w);
    HPDF_Page_SetHeight(pages[p], (HPDF_REAL)lay->g.page_h);
  }
  draw_rules(lay, pages);
  for (size_t i = 0; i < lay->nruns; i++)
    draw_run(w, pages[lay->runs[i].page], &lay->runs[i]);
  return w->err.status ? fail(w, "绘制页面时出错") : 0;
}

static void outline(writer *w, HPDF_Page *pages)
{
  HPDF_Encoder enc = HPDF_GetEncoder(w->pdf, "UTF-8");
  for (size_t i = 0; i < w->lay->nmarks; i++) {
    const nb_pdf_mark *m = &w->lay->marks[i];
    HPDF_Outline o = HPDF_CreateOutline(w->pdf, NULL, m->title, enc);
    HPDF_Destination d = HPDF_Page_CreateDestination(pages[m->page]);
    if (!o || !d)
      return;
    HPDF_Destination_SetFitH(d, (HPDF_REAL)m->y);
    HPDF_Outline_SetDestination(o, d);
  }
  if (w->lay->nmarks)
    HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

static void info(writer *w, const nb_pdf_opts *o)
{
  HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, "nianbao " NB_VERSION);
  if (!o)
    return;
  if (o->title)
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_TITLE, o->title);
  if (o->author)
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_AUTHOR, o->author);
  if (o->subject)
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_SUBJECT, o->subject);
  if (o->keywords)
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_KEYWORDS, o->keywords);
  if (o->epoch > 0) {
    time_t t = (time_t)o->epoch;
    struct tm tm;
    if (gmtime_r(&t, &tm)) {
      HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                     tm.tm_sec > 59 ? 59 : tm.tm_sec, 'Z', 0, 0};
      HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, d);
      HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, d);
    }
  }
}

static int save(writer *w, nb_buf *out)
{
  for (int f = 0; f < NB_PDF_NFACES; f++)
    if (owner(w, f) == f && w->hfont[f])
      fix_font(w->hfont[f], w->used[f], w->nused[f]);
  if (w->err.status || HPDF_SaveToStream(w->pdf) != HPDF_OK)
    return fail(w, "无法保存文档");
  HPDF_UINT32 size = HPDF_GetStreamSize(w->pdf);
  size_t start = out->len;
  nb_buf_grow(out, size);
  HPDF_UINT32 got = size;
  if (HPDF_ReadFromStream(w->pdf, (HPDF_BYTE *)out->data + start, &got) != HPDF_OK ||
      got != size)
    return fail(w, "无法读取生成的文档");
  out->len = start + got;
  out->data[out->len] = 0;
  return 0;
}

static int write_pdf(writer *w, const nb_pdf_opts *opts, nb_buf *out)
{
  w->pdf = HPDF_New(on_hpdf_error, &w->err);
  if (!w->pdf)
    return fail(w, "PDF 库初始化失败");
  HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(w->pdf);
  HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
  unsigned npages = nb_pdf_layout_pages(w->lay);
  HPDF_Page *pages = nb_xcalloc(npages, sizeof *pages);
  int rc = embed_fonts(w);
  if (rc == 0)
    rc = draw_pages(w, pages, npages);
  if (rc == 0) {
    outline(w, pages);
    HPDF_AddPageLabel(w->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
    info(w, opts);
    rc = save(w, out);
  }
  free(pages);
  HPDF_Free(w->pdf);
  return rc;
}

int nb_pdf_render(const char *md, size_t len, const nb_pdf_opts *opts, nb_buf *out,
                  nb_diags *diags)
{
  nb_font *fonts[NB_PDF_NFACES];
  if (nb_pdf_fonts_resolve(opts, fonts, diags) < 0)
    return -1;
  cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
  nb_pdf_geom g;
  geometry(opts, &g);
  nb_pdf_layout *lay = nb_pdf_layout_document(doc, (const nb_font *const *)fonts, &g, diags);
  writer w;
  memset(&w, 0, sizeof w);
  w.lay = lay;
  w.fonts = fonts;
  w.diags = diags;
  int rc = write_pdf(&w, opts, out);
  for (int f = 0; f < NB_PDF_NFACES; f++)
    free(w.used[f]);
  nb_pdf_layout_free(lay);
  cmark_node_free(doc);
  nb_pdf_fonts_free(fonts);
  return rc;
}
