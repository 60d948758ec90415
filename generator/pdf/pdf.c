/* The PDF writer: faces → layout (display list) → subset faces → libharu → bytes.
 *
 * libharu draws the rules and writes the document structure (pages, outline, page labels,
 * information, cross-reference table). The fonts and the text are written here, through
 * libharu's object and stream functions, because its own TrueType path is slow and large: it
 * builds a CIDToGIDMap over all 65,536 codes one cmap lookup at a time, copies the font program
 * through small reads, and writes an encoding CMap where a ToUnicode map belongs. Instead each
 * face is a Type0 font with Identity-H encoding over a CIDFontType2 whose CIDs are the subset's
 * glyph ids (CIDToGIDMap /Identity), a W array holding only the widths that differ from the
 * usual one, and a ToUnicode map of the characters drawn. The text of a page is one text
 * object that sets font, spacing and rendering mode only when they change and moves by
 * relative offsets in hundredths of a point, so equal inputs give equal bytes (the trailer ID
 * is computed from the content, the dates come from the caller). */
#include "pdf/pdf.h"

#include <cmark.h>
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf/archive.h"
#include "pdf/cache.h"
#include "pdf/faces.h"
#include "pdf/flate.h"
#include "pdf/layout.h"
#include "pdf/pack.h"
#include "pdf/tags.h"
#include "core/utf8.h"

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
  HPDF_Dict hfont[NB_PDF_NFACES]; /* Type0 font per role; roles sharing a face share it */
  uint32_t *used[NB_PDF_NFACES];  /* sorted distinct code points per distinct face */
  uint16_t *gids[NB_PDF_NFACES];  /* the subset glyph id of each */
  size_t nused[NB_PDF_NFACES];
  nb_pdf_tagger *tags;            /* NULL = an untagged file */
  nb_pdf_flate *z;                /* compresses every stream */
  nb_pdf_cache *cache;            /* the run's, or NULL */
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

static int cmp_int(const void *a, const void *b)
{
  int x = *(const int *)a, y = *(const int *)b;
  return x < y ? -1 : x > y;
}

/* The distinct code points drawn with each face, in order: marked in a bit set per face
 * (cheaper than sorting every character drawn), then read out. */
static void collect_used(writer *w)
{
  enum { WORDS = 0x110000 / 64 };
  uint64_t *seen[NB_PDF_NFACES] = {NULL};
  for (size_t i = 0; i < w->lay->nruns; i++) {
    const nb_pdf_run *r = &w->lay->runs[i];
    int f = owner(w, r->face);
    if (!seen[f])
      seen[f] = nb_xcalloc(WORDS, sizeof *seen[f]);
    size_t len = strlen(r->text);
    for (size_t k = 0; k < len;) {
      uint32_t cp;
      k += nb_utf8_decode(r->text + k, len - k, &cp);
      if (cp < 0x110000 && !(seen[f][cp / 64] >> (cp % 64) & 1)) {
        seen[f][cp / 64] |= (uint64_t)1 << (cp % 64);
        w->nused[f]++;
      }
    }
  }
  for (int f = 0; f < NB_PDF_NFACES; f++) {
    if (!seen[f])
      continue;
    w->used[f] = nb_xmalloc(w->nused[f] * sizeof *w->used[f]);
    size_t n = 0;
    for (uint32_t i = 0; i < WORDS; i++)
      for (uint64_t bits = seen[f][i]; bits; bits &= bits - 1)
        w->used[f][n++] = i * 64 + (uint32_t)__builtin_ctzll(bits);
    free(seen[f]);
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

/* The six capital letters naming the subset (PDF 32000-1 9.6.4), from the face's role and the
 * characters it holds: equal subsets get equal tags, different ones almost surely not. */
static void subset_tag(const writer *w, int f, char tag[7])
{
  uint32_t h = 2166136261u ^ (uint32_t)f;
  for (size_t k = 0; k < w->nused[f]; k++)
    for (int sh = 0; sh < 32; sh += 8)
      h = (h ^ ((w->used[f][k] >> sh) & 0xFF)) * 16777619u;
  for (int i = 0; i < 6; i++, h /= 26)
    tag[i] = (char)('A' + h % 26);
  tag[6] = 0;
}

/* A new indirect dictionary, or NULL (libharu's error handler has the reason). */
static HPDF_Dict new_dict(writer *w)
{
  HPDF_Dict d = HPDF_Dict_New(w->pdf->mmgr);
  if (d && HPDF_Xref_Add(w->pdf->xref, d) != HPDF_OK)
    return NULL;
  return d;
}

/* Appends the N ranges RUNS as one bfrange block and empties RUNS. */
static void flush_ranges(nb_buf *b, nb_buf *runs, size_t *n)
{
  if (!*n)
    return;
  nb_buf_printf(b, "%zu beginbfrange\n", *n);
  nb_buf_put(b, runs->data, runs->len);
  nb_buf_puts(b, "endbfrange\n");
  nb_buf_clear(runs);
  *n = 0;
}

/* The ToUnicode CMap of a face: each glyph id drawn (GIDS) → its character (USED, N of them;
 * UTF-16BE). Glyph ids are consecutive more often than not, so runs of them share one bfrange
 * with an array. */
static void to_unicode(const uint32_t *used, const uint16_t *gids, size_t n, nb_buf *b)
{
  nb_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  uint32_t *by_gid = nb_xcalloc(65536, sizeof *by_gid);
  for (size_t k = n; k-- > 0;) /* the smallest code point wins a shared glyph */
    by_gid[gids[k]] = used[k];
  by_gid[0] = 0;
  /* runs of consecutive glyph ids, at most 100 glyphs each (and 100 runs a block) */
  nb_buf runs = NB_BUF_INIT;
  size_t nruns = 0;
  for (unsigned g = 1; g < 65536; g++) {
    if (!by_gid[g])
      continue;
    unsigned e = g;
    while (e + 1 < 65536 && by_gid[e + 1] && e + 1 - g < 100)
      e++;
    nb_buf_printf(&runs, "<%04X> <%04X> [", g, e);
    for (unsigned k = g; k <= e; k++) {
      uint32_t cp = by_gid[k];
      if (cp > 0xFFFF)
        nb_buf_printf(&runs, "<%04X%04X>", 0xD800 + ((cp - 0x10000) >> 10),
                      0xDC00 + ((cp - 0x10000) & 0x3FF));
      else
        nb_buf_printf(&runs, "<%04X>", (unsigned)cp);
    }
    nb_buf_puts(&runs, "]\n");
    g = e;
    if (++nruns == 100)
      flush_ranges(b, &runs, &nruns);
  }
  flush_ranges(b, &runs, &nruns);
  nb_buf_free(&runs);
  free(by_gid);
  nb_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* The CIDFont's DW (the most frequent width) and W (the other widths, by glyph id). */
static int widths(writer *w, int f, HPDF_Dict cid)
{
  size_t n = w->nused[f];
  unsigned ng = 1;
  for (size_t k = 0; k < n; k++)
    if (w->gids[f][k] >= ng)
      ng = w->gids[f][k] + 1u;
  int *wid = nb_xmalloc(ng * sizeof *wid);
  for (unsigned g = 0; g < ng; g++)
    wid[g] = -1;
  for (size_t k = 0; k < n; k++) {
    double a = nb_font_advance(w->fonts[f], w->used[f][k]) * 1000;
    wid[w->gids[f][k]] = (int)(a + 0.5);
  }
  /* DW: the most frequent width (ties: the smallest) */
  int *sorted = nb_xmalloc(ng * sizeof *sorted);
  memcpy(sorted, wid, ng * sizeof *sorted);
  qsort(sorted, ng, sizeof *sorted, cmp_int);
  int dw = 1000;
  for (unsigned g = 0, best = 0; g < ng;) {
    unsigned e = g;
    while (e < ng && sorted[e] == sorted[g])
      e++;
    if (sorted[g] >= 0 && e - g > best) {
      best = e - g;
      dw = sorted[g];
    }
    g = e;
  }
  free(sorted);
  HPDF_STATUS rc = HPDF_Dict_AddNumber(cid, "DW", dw);
  HPDF_Array arr = HPDF_Array_New(w->pdf->mmgr), run = NULL;
  if (!arr || HPDF_Dict_Add(cid, "W", arr) != HPDF_OK)
    rc = HPDF_FAILD_TO_ALLOC_MEM;
  for (unsigned g = 0; rc == HPDF_OK && g < ng; g++) {
    if (wid[g] < 0 || wid[g] == dw) {
      run = NULL;
      continue;
    }
    if (!run) {
      run = HPDF_Array_New(w->pdf->mmgr);
      if (!run || HPDF_Array_AddNumber(arr, (HPDF_INT32)g) != HPDF_OK ||
          HPDF_Array_Add(arr, run) != HPDF_OK) {
        rc = HPDF_FAILD_TO_ALLOC_MEM;
        break;
      }
    }
    rc = HPDF_Array_AddNumber(run, wid[g]);
  }
  free(wid);
  return rc == HPDF_OK ? 0 : -1;
}

static HPDF_Array int_array(writer *w, const int *v, int n)
{
  HPDF_Array a = HPDF_Array_New(w->pdf->mmgr);
  for (int i = 0; a && i < n; i++)
    if (HPDF_Array_AddNumber(a, v[i]) != HPDF_OK)
      return NULL;
  return a;
}

/* The font descriptor of face F with the program of its subset S. */
static HPDF_Dict descriptor(writer *w, int f, const char *base, const nb_pdf_subset *s)
{
  nb_font_metrics m;
  nb_font_get_metrics(w->fonts[f], &m);
  HPDF_Dict file = nb_pdf_flate_packed(w->pdf, &s->program), d = new_dict(w);
  HPDF_Array bbox = int_array(w, m.bbox, 4);
  if (!file || !d || !bbox)
    return NULL;
  HPDF_STATUS rc = HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)s->program_len);
  rc |= HPDF_Dict_AddName(d, "Type", "FontDescriptor");
  rc |= HPDF_Dict_AddName(d, "FontName", base);
  rc |= HPDF_Dict_AddNumber(d, "Flags", 4 | m.fixed_pitch); /* symbolic (not Latin) */
  rc |= HPDF_Dict_Add(d, "FontBBox", bbox);
  rc |= HPDF_Dict_AddNumber(d, "ItalicAngle", m.italic_angle);
  rc |= HPDF_Dict_AddNumber(d, "Ascent", m.ascent);
  rc |= HPDF_Dict_AddNumber(d, "Descent", m.descent);
  rc |= HPDF_Dict_AddNumber(d, "CapHeight", m.cap_height);
  rc |= HPDF_Dict_AddNumber(d, "StemV", m.stem_v);
  rc |= HPDF_Dict_Add(d, "FontFile2", file);
  return rc == HPDF_OK ? d : NULL;
}

/* The Type0 font of face F: descendant CIDFontType2, descriptor, program, ToUnicode. */
static HPDF_Dict type0(writer *w, int f, const nb_pdf_subset *s)
{
  char tag[7], base[96];
  subset_tag(w, f, tag);
  snprintf(base, sizeof base, "%s+%s", tag, nb_font_psname(w->fonts[f]));
  HPDF_Dict desc = descriptor(w, f, base, s);
  HPDF_Dict cmap = nb_pdf_flate_packed(w->pdf, &s->cmap);
  HPDF_Dict cid = new_dict(w), font = new_dict(w), info = HPDF_Dict_New(w->pdf->mmgr);
  HPDF_Array kids = HPDF_Array_New(w->pdf->mmgr);
  if (!desc || !cmap || !cid || !font || !info || !kids)
    return NULL;
  HPDF_STATUS rc = HPDF_Dict_Add(info, "Registry", HPDF_String_New(w->pdf->mmgr, "Adobe", NULL));
  rc |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(w->pdf->mmgr, "Identity", NULL));
  rc |= HPDF_Dict_AddNumber(info, "Supplement", 0);
  rc |= HPDF_Dict_AddName(cid, "Type", "Font");
  rc |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
  rc |= HPDF_Dict_AddName(cid, "BaseFont", base);
  rc |= HPDF_Dict_Add(cid, "CIDSystemInfo", info);
  rc |= HPDF_Dict_Add(cid, "FontDescriptor", desc);
  rc |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
  rc |= HPDF_Dict_AddName(font, "Type", "Font");
  rc |= HPDF_Dict_AddName(font, "Subtype", "Type0");
  rc |= HPDF_Dict_AddName(font, "BaseFont", base);
  rc |= HPDF_Dict_AddName(font, "Encoding", "Identity-H");
  rc |= HPDF_Dict_Add(font, "DescendantFonts", kids);
  rc |= HPDF_Array_Add(kids, cid);
  rc |= HPDF_Dict_Add(font, "ToUnicode", cmap);
  if (rc != HPDF_OK || widths(w, f, cid) < 0)
    return NULL;
  return font;
}

/* Subsets face F to its used characters into S: the program and the Unicode map
 * compressed. -1 when harfbuzz or the compressor failed. */
static int make_subset(writer *w, int f, nb_pdf_subset *s)
{
  nb_buf prog = NB_BUF_INIT, tu = NB_BUF_INIT;
  s->gids = nb_xcalloc(w->nused[f], sizeof *s->gids);
  int rc = nb_font_subset(w->fonts[f], w->used[f], w->nused[f], &prog, s->gids);
  if (rc == 0) {
    s->program_len = prog.len;
    to_unicode(w->used[f], s->gids, w->nused[f], &tu);
    rc = nb_pdf_flate_put(w->z, prog.data, prog.len, &s->program) |
         nb_pdf_flate_put(w->z, tu.data, tu.len, &s->cmap);
  }
  nb_buf_free(&prog);
  nb_buf_free(&tu);
  return rc;
}

/* Adds face F, subset to its used characters, to the document: the run's copy of that subset
 * when another report drew the same characters with it, else made here (and kept). */
static int embed_face(writer *w, int f)
{
  nb_pdf_subset s = {NB_BUF_INIT, 0, NB_BUF_INIT, NULL};
  nb_pdf_cache *c = w->cache;
  if (!c || !nb_pdf_cache_subset(c, w->fonts[f], w->used[f], w->nused[f], &s)) {
    if (make_subset(w, f, &s) < 0) {
      nb_pdf_subset_free(&s);
      return fail(w, "字体子集化失败");
    }
    if (c)
      nb_pdf_cache_keep_subset(c, w->fonts[f], w->used[f], w->nused[f], &s);
  }
  w->gids[f] = s.gids;
  s.gids = NULL;
  w->hfont[f] = type0(w, f, &s);
  nb_pdf_subset_free(&s);
  return w->hfont[f] ? 0 : fail(w, "无法嵌入字体");
}

static int embed_fonts(writer *w)
{
  collect_used(w);
  for (int f = 0; f < NB_PDF_NFACES; f++)
    if (owner(w, f) == f && w->nused[f] && embed_face(w, f) < 0)
      return -1;
  return 0;
}

/* V / 10^DIGITS as a PDF number without trailing zeros: "12.5", "-3", "0.07". Written by
 * hand: a page has thousands of numbers and printf would be most of their cost. */
static void put_scaled(nb_buf *b, long long v, int digits)
{
  char tmp[32], *e = tmp + sizeof tmp, *p = e;
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  int frac = 0;
  for (int i = 0; i < digits; i++, u /= 10)
    if (u % 10 || frac)
      *--p = (char)('0' + u % 10), frac = 1;
  if (frac)
    *--p = '.';
  do
    *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0)
    *--p = '-';
  nb_buf_put(b, p, (size_t)(e - p));
}

static void put_hundredths(nb_buf *b, long long v)
{
  put_scaled(b, v, 2);
}

static long long hundredths(double v)
{
  return llround(v * 100);
}

/* A rule in hundredths of a point: horizontal (kind 0: FIXED = y, A..B = x), vertical
 * (kind 1: FIXED = x, A..B = y) or slanted (kind 2: from (A, FIXED) to (B, END)). */
typedef struct {
  long long width, fixed, a, b, end;
  int kind;
} seg;

static int cmp_seg(const void *p, const void *q)
{
  const seg *x = p, *y = q;
  const long long kx[6] = {x->width, x->kind, x->fixed, x->a, x->b, x->end};
  const long long ky[6] = {y->width, y->kind, y->fixed, y->a, y->b, y->end};
  for (int i = 0; i < 6; i++)
    if (kx[i] != ky[i])
      return kx[i] < ky[i] ? -1 : 1;
  return 0;
}

static seg to_seg(const nb_pdf_rule *r)
{
  long long x0 = hundredths(r->x0), y0 = hundredths(r->y0);
  long long x1 = hundredths(r->x1), y1 = hundredths(r->y1);
  seg s = {hundredths(r->width), 0, 0, 0, 0, 2};
  if (y0 == y1)
    s = (seg){s.width, y0, x0 < x1 ? x0 : x1, x0 < x1 ? x1 : x0, 0, 0};
  else if (x0 == x1)
    s = (seg){s.width, x0, y0 < y1 ? y0 : y1, y0 < y1 ? y1 : y0, 0, 1};
  else
    s = (seg){s.width, y0, x0, x1, y1, 2};
  return s;
}

static void put_point(nb_buf *b, long long x, long long y, const char *op)
{
  put_hundredths(b, x);
  nb_buf_putc(b, ' ');
  put_hundredths(b, y);
  nb_buf_printf(b, " %s\n", op);
}

/* Items (runs or rules) grouped by page by a counting sort: ORDER[START[p] .. START[p + 1])
 * are page p's indices in their original order. Writing page by page then costs one pass
 * over the items, not one pass per page. */
typedef struct {
  size_t *order;
  size_t *start; /* npages + 1 entries */
} page_index;

static unsigned run_page(const nb_pdf_layout *lay, size_t i)
{
  return lay->runs[i].page;
}

static unsigned rule_page(const nb_pdf_layout *lay, size_t i)
{
  return lay->rules[i].page;
}

static page_index index_pages(const nb_pdf_layout *lay, size_t n,
                              unsigned (*page_of)(const nb_pdf_layout *, size_t), unsigned npages)
{
  page_index ix = {nb_xcalloc(n, sizeof(size_t)), nb_xcalloc((size_t)npages + 1, sizeof(size_t))};
  for (size_t i = 0; i < n; i++)
    if (page_of(lay, i) < npages)
      ix.start[page_of(lay, i) + 1]++;
  for (unsigned p = 0; p < npages; p++)
    ix.start[p + 1] += ix.start[p];
  size_t *fill = nb_xcalloc((size_t)npages + 1, sizeof(size_t));
  for (size_t i = 0; i < n; i++) {
    unsigned p = page_of(lay, i);
    if (p < npages)
      ix.order[ix.start[p] + fill[p]++] = i;
  }
  free(fill);
  return ix;
}

static void page_index_free(page_index *ix)
{
  free(ix->order);
  free(ix->start);
}

/* Page P's rules (table borders, separators) appended to B. Adjacent cells share edges and
 * a row's border is drawn cell by cell, so the rules are sorted, lines along one another are
 * joined, and each width is stroked as one path. */
static void draw_rules(const nb_pdf_layout *lay, const page_index *rules, unsigned p, nb_buf *b)
{
  size_t n = rules->start[p + 1] - rules->start[p];
  if (!n)
    return;
  seg *v = nb_xmalloc(n * sizeof *v);
  for (size_t k = 0; k < n; k++)
    v[k] = to_seg(&lay->rules[rules->order[rules->start[p] + k]]);
  qsort(v, n, sizeof *v, cmp_seg);
  long long width = -1;
  for (size_t i = 0; i < n;) {
    seg cur = v[i++];
    while (cur.kind < 2 && i < n && v[i].width == cur.width && v[i].kind == cur.kind &&
           v[i].fixed == cur.fixed && v[i].a <= cur.b) {
      if (v[i].b > cur.b)
        cur.b = v[i].b;
      i++;
    }
    if (cur.width != width) { /* sorted by width first: one path per width */
      if (width >= 0)
        nb_buf_puts(b, "S\n");
      put_hundredths(b, cur.width);
      nb_buf_puts(b, " w\n");
      width = cur.width;
    }
    if (cur.kind == 0) {
      put_point(b, cur.a, cur.fixed, "m");
      put_point(b, cur.b, cur.fixed, "l");
    } else if (cur.kind == 1) {
      put_point(b, cur.fixed, cur.a, "m");
      put_point(b, cur.fixed, cur.b, "l");
    } else {
      put_point(b, cur.a, cur.fixed, "m");
      put_point(b, cur.b, cur.end, "l");
    }
  }
  nb_buf_puts(b, "S\n");
  free(v);
}

/* The text state of a page's text object, to write only what changes. */
typedef struct {
  HPDF_Dict font;
  double size, lw;
  long long cs;      /* ten-thousandths of a point */
  int mode;          /* text rendering mode, -1 = not set */
  long long x, y;    /* start of the current line, hundredths of a point */
} text_state;

/* Appends run R to the text object B: state changes, then the move and the glyph ids. */
static void text_run(writer *w, HPDF_Page page, const nb_pdf_run *r, text_state *t, nb_buf *b)
{
  int f = owner(w, r->face);
  if (w->hfont[f] != t->font || r->size != t->size) {
    const char *name = HPDF_Page_GetLocalFontName(page, w->hfont[f]);
    nb_buf_printf(b, "/%s ", name ? name : "F0");
    put_hundredths(b, hundredths(r->size));
    nb_buf_puts(b, " Tf\n");
    t->font = w->hfont[f];
    t->size = r->size;
  }
  long long cs = llround(r->cs * 10000); /* under 0.003 pt off over a line of 28 */
  if (cs != t->cs) {
    put_scaled(b, cs, 4);
    nb_buf_puts(b, " Tc\n");
    t->cs = cs;
  }
  int mode = r->bold ? 2 : 0; /* fill, then stroke: the title's heavier weight */
  if (mode != t->mode) {
    nb_buf_printf(b, "%d Tr\n", mode);
    t->mode = mode;
  }
  if (r->bold && r->size * 0.025 != t->lw) {
    t->lw = r->size * 0.025;
    put_hundredths(b, hundredths(t->lw));
    nb_buf_puts(b, " w\n");
  }
  long long x = hundredths(r->x), y = hundredths(r->y);
  put_hundredths(b, x - t->x);
  nb_buf_putc(b, ' ');
  put_hundredths(b, y - t->y);
  nb_buf_puts(b, " Td <");
  t->x = x;
  t->y = y;
  size_t len = strlen(r->text);
  for (size_t k = 0; k < len;) {
    uint32_t cp;
    k += nb_utf8_decode(r->text + k, len - k, &cp);
    const uint32_t *hit = bsearch(&cp, w->used[f], w->nused[f], sizeof cp, cmp_u32);
    unsigned g = hit ? w->gids[f][hit - w->used[f]] : 0u;
    char hex[4];
    for (int i = 3; i >= 0; i--, g >>= 4)
      hex[i] = "0123456789ABCDEF"[g & 15];
    nb_buf_put(b, hex, 4);
  }
  nb_buf_puts(b, "> Tj\n");
}

/* Page P's filled and stroked paths (charts), each in its own graphics state, marked as
 * their figure's content. */
static void draw_shapes(const nb_pdf_layout *lay, nb_pdf_tagger *tags, unsigned p, nb_buf *b)
{
  for (size_t i = 0; i < lay->nshapes; i++) {
    const nb_pdf_shape *sh = &lay->shapes[i];
    if (sh->page != p)
      continue;
    nb_pdf_tagger_mark(tags, p, sh->elem, b);
    double r = (sh->rgb >> 16 & 255) / 255.0, g = (sh->rgb >> 8 & 255) / 255.0,
           bl = (sh->rgb & 255) / 255.0;
    if (sh->stroke)
      nb_buf_printf(b, "q %.3f %.3f %.3f RG %.2f w\n%sS Q\n", r, g, bl, sh->width, sh->path);
    else if (sh->width > 0) /* outlined in white: slices stay apart */
      nb_buf_printf(b, "q %.3f %.3f %.3f rg 1 1 1 RG %.2f w 1 j\n%sb* Q\n", r, g, bl, sh->width,
                    sh->path);
    else
      nb_buf_printf(b, "q %.3f %.3f %.3f rg\n%sf Q\n", r, g, bl, sh->path);
  }
}

/* Page P's content: its rules, then its text as one text object. */
static int draw_content(writer *w, HPDF_Page page, const page_index *runs,
                        const page_index *rules, unsigned p)
{
  text_state t = {NULL, 0, 0, -1, 0, 0, 0}; /* a page starts with Tc 0, Tr 0 */
  nb_buf b = NB_BUF_INIT;
  draw_shapes(w->lay, w->tags, p, &b);
  nb_pdf_tagger_end(w->tags, &b);
  int decoration = rules->start[p + 1] > rules->start[p];
  if (decoration)
    nb_pdf_tagger_artifact(w->tags, 1, &b);
  draw_rules(w->lay, rules, p, &b);
  if (decoration)
    nb_pdf_tagger_artifact(w->tags, 0, &b);
  nb_buf_puts(&b, "BT\n");
  for (size_t k = runs->start[p]; k < runs->start[p + 1]; k++) {
    const nb_pdf_run *r = &w->lay->runs[runs->order[k]];
    nb_pdf_tagger_mark(w->tags, p, r->elem, &b);
    text_run(w, page, r, &t, &b);
  }
  nb_pdf_tagger_end(w->tags, &b);
  nb_buf_puts(&b, "ET\n");
  nb_buf z = NB_BUF_INIT;
  HPDF_STATUS rc = nb_pdf_flate_put(w->z, b.data, b.len, &z) < 0
                     ? HPDF_FAILD_TO_ALLOC_MEM
                     : nb_pdf_flate_attach(((HPDF_PageAttr)page->attr)->contents, &z);
  nb_buf_free(&z);
  nb_buf_free(&b);
  return rc == HPDF_OK ? 0 : -1;
}

static int draw_pages(writer *w, HPDF_Page *pages, unsigned npages)
{
  const nb_pdf_layout *lay = w->lay;
  page_index runs = index_pages(lay, lay->nruns, run_page, npages);
  page_index rules = index_pages(lay, lay->nrules, rule_page, npages);
  int rc = 0;
  for (unsigned p = 0; p < npages && rc == 0; p++) {
    pages[p] = HPDF_AddPage(w->pdf);
    if (!pages[p]) {
      rc = fail(w, "无法新建页面");
      break;
    }
    HPDF_Page_SetWidth(pages[p], (HPDF_REAL)lay->g.page_w);
    HPDF_Page_SetHeight(pages[p], (HPDF_REAL)lay->g.page_h);
    if (draw_content(w, pages[p], &runs, &rules, p) < 0)
      break;
  }
  page_index_free(&runs);
  page_index_free(&rules);
  if (rc)
    return rc;
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

/* The file into OUT; packed (pdf/pack.h) unless plain. */
static int save(writer *w, int plain, nb_buf *out)
{
  if (w->err.status || HPDF_SaveToStream(w->pdf) != HPDF_OK)
    return fail(w, "无法保存文档");
  HPDF_UINT32 size = HPDF_GetStreamSize(w->pdf);
  nb_buf raw = NB_BUF_INIT;
  nb_buf_grow(&raw, size);
  HPDF_UINT32 got = size;
  if (HPDF_ReadFromStream(w->pdf, (HPDF_BYTE *)raw.data, &got) != HPDF_OK || got != size) {
    nb_buf_free(&raw);
    return fail(w, "无法读取生成的文档");
  }
  raw.len = got;
  int rc = 0;
  if (plain)
    nb_buf_put(out, raw.data, raw.len);
  else if (nb_pdf_pack(raw.data, raw.len, w->z, out) < 0)
    rc = fail(w, "无法压缩文档对象");
  nb_buf_free(&raw);
  return rc;
}

static int write_pdf(writer *w, const nb_pdf_opts *opts, nb_buf *out)
{
  w->pdf = HPDF_New(on_hpdf_error, &w->err);
  if (!w->pdf)
    return fail(w, "PDF 库初始化失败");
  HPDF_UseUTFEncodings(w->pdf);
  HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
  unsigned npages = nb_pdf_layout_pages(w->lay);
  HPDF_Page *pages = nb_xcalloc(npages, sizeof *pages);
  int rc = embed_fonts(w);
  if (!opts || !opts->plain)
    w->tags = nb_pdf_tagger_new(w->lay, npages);
  if (rc == 0)
    rc = draw_pages(w, pages, npages);
  if (rc == 0 && nb_pdf_tagger_finish(w->tags, w->pdf, pages) < 0)
    rc = fail(w, "无法写入文档结构");
  if (rc == 0) {
    outline(w, pages);
    HPDF_AddPageLabel(w->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
    info(w, opts);
    if ((!opts || !opts->plain) && nb_pdf_archive(w->pdf, opts, w->lay, w->z, w->diags) < 0)
      rc = fail(w, "无法写入 PDF/A 归档信息");
    if (rc == 0)
      rc = save(w, opts && opts->plain, out);
  }
  free(pages);
  nb_pdf_tagger_free(w->tags);
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
  nb_pdf_layout *lay = nb_pdf_layout_charts(doc, (const nb_font *const *)fonts, &g,
                                            opts ? opts->charts : NULL,
                                            opts ? opts->ncharts : 0, diags);
  writer w;
  memset(&w, 0, sizeof w);
  w.lay = lay;
  w.fonts = fonts;
  w.diags = diags;
  w.cache = opts ? opts->cache : NULL;
  w.z = nb_pdf_flate_new();
  int rc = w.z ? write_pdf(&w, opts, out) : fail(&w, "内存不足");
  nb_pdf_flate_free(w.z);
  for (int f = 0; f < NB_PDF_NFACES; f++) {
    free(w.used[f]);
    free(w.gids[f]);
  }
  nb_pdf_layout_free(lay);
  cmark_node_free(doc);
  nb_pdf_fonts_free(opts, fonts);
  return rc;
}
