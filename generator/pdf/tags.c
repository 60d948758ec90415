/* The tagged PDF's structure: collected by the layout, written through libharu's object model
 * (see pdf/tags.h). */
#include "pdf/tags.h"

#include <stdlib.h>
#include <string.h>

static const char *const TYPE_NAME[NB_PDF_S_COUNT] = {
    "Document", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "LBody", "BlockQuote",
    "Table", "TR", "TH", "TD", "Figure"};

/* ---- layout side ---- */

int nb_pdf_tag_add(nb_pdf_layout *lay, int type)
{
  if (lay->nelems == lay->capelems) {
    lay->capelems = lay->capelems ? lay->capelems * 2 : 64;
    lay->elems = nb_xrealloc(lay->elems, lay->capelems * sizeof *lay->elems);
  }
  /* the Document is the only root; content outside any element goes into it */
  int parent = lay->nelems ? (lay->cur >= 0 ? lay->cur : 0) : -1;
  nb_pdf_elem e = {type, parent, 1, 1, 0, NULL, NULL};
  lay->elems[lay->nelems] = e;
  return (int)lay->nelems++;
}

int nb_pdf_tag_open(nb_pdf_layout *lay, int type)
{
  lay->cur = nb_pdf_tag_add(lay, type);
  return lay->cur;
}

int nb_pdf_tag_heading(nb_pdf_layout *lay, int level)
{
  if (level > lay->heading + 1)
    level = lay->heading + 1;
  if (level < 1)
    level = 1;
  if (level > 6)
    level = 6;
  lay->heading = level;
  return nb_pdf_tag_open(lay, NB_PDF_S_H1 + level - 1);
}

void nb_pdf_tag_close(nb_pdf_layout *lay)
{
  if (lay->cur >= 0)
    lay->cur = lay->elems[lay->cur].parent;
}

/* ---- writer side ---- */

typedef struct {
  int elem;
  unsigned page, mcid;
} content_item;

struct nb_pdf_tagger {
  const nb_pdf_layout *lay;
  unsigned npages;
  content_item *items; /* marked-content sequences in the order written */
  size_t nitems, capitems;
  unsigned page;       /* page being written */
  unsigned next_mcid;  /* on that page */
  int open;            /* the open sequence: -2 none, -1 artifact, else element */
};

nb_pdf_tagger *nb_pdf_tagger_new(const nb_pdf_layout *lay, unsigned npages)
{
  nb_pdf_tagger *t = nb_xcalloc(1, sizeof *t);
  t->lay = lay;
  t->npages = npages;
  t->open = -2;
  return t;
}

void nb_pdf_tagger_free(nb_pdf_tagger *t)
{
  if (!t)
    return;
  free(t->items);
  free(t);
}

void nb_pdf_tagger_end(nb_pdf_tagger *t, nb_buf *b)
{
  if (!t || t->open == -2)
    return;
  nb_buf_puts(b, "EMC\n");
  t->open = -2;
}

void nb_pdf_tagger_mark(nb_pdf_tagger *t, unsigned page, int elem, nb_buf *b)
{
  if (!t)
    return;
  if (page != t->page) {
    t->page = page;
    t->next_mcid = 0;
  }
  if (elem < -1 || elem >= (int)t->lay->nelems)
    elem = -1;
  if (elem == t->open)
    return;
  nb_pdf_tagger_end(t, b);
  t->open = elem;
  if (elem < 0) {
    nb_buf_puts(b, "/Artifact BMC\n");
    return;
  }
  if (t->nitems == t->capitems) {
    t->capitems = t->capitems ? t->capitems * 2 : 256;
    t->items = nb_xrealloc(t->items, t->capitems * sizeof *t->items);
  }
  content_item it = {elem, page, t->next_mcid++};
  t->items[t->nitems++] = it;
  char num[16], *p = num + sizeof num;
  unsigned v = it.mcid;
  do
    *--p = (char)('0' + v % 10);
  while (v /= 10);
  nb_buf_putc(b, '/');
  nb_buf_puts(b, TYPE_NAME[t->lay->elems[elem].type]);
  nb_buf_puts(b, " <</MCID ");
  nb_buf_put(b, p, (size_t)(num + sizeof num - p));
  nb_buf_puts(b, ">> BDC\n");
}

void nb_pdf_tagger_artifact(const nb_pdf_tagger *t, int begin, nb_buf *b)
{
  if (t)
    nb_buf_puts(b, begin ? "/Artifact BMC\n" : "EMC\n");
}

/* ---- the structure tree ---- */

typedef struct {
  nb_pdf_tagger *t;
  HPDF_Doc pdf;
  HPDF_Page *pages;
  HPDF_Dict *dict;     /* one indirect dictionary per element */
  size_t *kid_start;   /* children of element e: kids[kid_start[e] .. kid_start[e + 1]) */
  int *kids;
  size_t *item_start;  /* content of element e: item_order[item_start[e] .. +1) */
  size_t *item_order;
} tree;

/* Groups N things by their owner (OWNER_OF(i), in [0, M)) keeping their order: a counting
 * sort into ORDER with START[M + 1]. */
static void group(size_t n, size_t m, const int *owner_of, size_t *start, size_t *order)
{
  memset(start, 0, (m + 1) * sizeof *start);
  for (size_t i = 0; i < n; i++)
    if (owner_of[i] >= 0)
      start[owner_of[i] + 1]++;
  for (size_t e = 0; e < m; e++)
    start[e + 1] += start[e];
  size_t *fill = nb_xcalloc(m + 1, sizeof *fill);
  for (size_t i = 0; i < n; i++)
    if (owner_of[i] >= 0)
      order[start[owner_of[i]] + fill[owner_of[i]]++] = i;
  free(fill);
}

static void index_tree(tree *tr)
{
  const nb_pdf_layout *lay = tr->t->lay;
  size_t n = lay->nelems, ni = tr->t->nitems;
  int *owner = nb_xmalloc(((n > ni ? n : ni) + 1) * sizeof *owner);
  tr->kid_start = nb_xcalloc(n + 1, sizeof *tr->kid_start);
  tr->item_start = nb_xcalloc(n + 1, sizeof *tr->item_start);
  size_t *korder = nb_xcalloc(n + 1, sizeof *korder);
  tr->item_order = nb_xcalloc(ni + 1, sizeof *tr->item_order);
  for (size_t e = 0; e < n; e++)
    owner[e] = lay->elems[e].parent;
  group(n, n, owner, tr->kid_start, korder);
  tr->kids = nb_xcalloc(n + 1, sizeof *tr->kids);
  for (size_t k = 0; k < tr->kid_start[n]; k++)
    tr->kids[k] = (int)korder[k];
  for (size_t i = 0; i < ni; i++)
    owner[i] = tr->t->items[i].elem;
  group(ni, n, owner, tr->item_start, tr->item_order);
  free(korder);
  free(owner);
}

/* The table attributes of cell E (/O /Table with /Scope, /RowSpan, /ColSpan), or NULL when
 * it has none. */
static HPDF_Dict table_attributes(tree *tr, const nb_pdf_elem *e)
{
  static const char *const scope[] = {NULL, "Column", "Row"};
  int sc = e->type == NB_PDF_S_TH && e->scope > 0 && e->scope < 3 ? e->scope : 0;
  if (!sc && e->rowspan <= 1 && e->colspan <= 1)
    return NULL;
  HPDF_Dict a = HPDF_Dict_New(tr->pdf->mmgr);
  if (!a)
    return NULL;
  HPDF_Dict_AddName(a, "O", "Table");
  if (sc)
    HPDF_Dict_AddName(a, "Scope", scope[sc]);
  if (e->rowspan > 1)
    HPDF_Dict_AddNumber(a, "RowSpan", (HPDF_INT32)e->rowspan);
  if (e->colspan > 1)
    HPDF_Dict_AddNumber(a, "ColSpan", (HPDF_INT32)e->colspan);
  return a;
}

/* A marked-content reference to item IT: the bare MCID on the element's own page PG, else an
 * MCR dictionary naming its page. */
static HPDF_STATUS add_mcid(tree *tr, HPDF_Array k, const content_item *it, unsigned pg)
{
  if (it->page == pg)
    return HPDF_Array_AddNumber(k, (HPDF_INT32)it->mcid);
  HPDF_Dict mcr = HPDF_Dict_New(tr->pdf->mmgr);
  if (!mcr)
    return HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_STATUS rc = HPDF_Dict_AddName(mcr, "Type", "MCR");
  rc |= HPDF_Dict_Add(mcr, "Pg", tr->pages[it->page]);
  rc |= HPDF_Dict_AddNumber(mcr, "MCID", (HPDF_INT32)it->mcid);
  return rc | HPDF_Array_Add(k, mcr);
}

/* A Figure's /Alt: "caption：figures" (UTF-16 through libharu's UTF-8 encoder). */
static HPDF_STATUS add_alt(tree *tr, HPDF_Dict d, const nb_pdf_elem *el)
{
  nb_buf alt = NB_BUF_INIT;
  if (el->caption && *el->caption)
    nb_buf_puts(&alt, el->caption);
  if (el->caption && *el->caption && el->alt && *el->alt)
    nb_buf_puts(&alt, "：");
  if (el->alt)
    nb_buf_puts(&alt, el->alt);
  if (!alt.len)
    nb_buf_puts(&alt, "图");
  HPDF_String s = HPDF_String_New(tr->pdf->mmgr, nb_buf_cstr(&alt),
                                  HPDF_GetEncoder(tr->pdf, "UTF-8"));
  nb_buf_free(&alt);
  return s ? HPDF_Dict_Add(d, "Alt", s) : HPDF_FAILD_TO_ALLOC_MEM;
}

/* Fills the dictionary of element E: /S, /P, /Pg, /A, /K (children, then content). */
static int fill_element(tree *tr, size_t e, HPDF_Dict parent)
{
  const nb_pdf_elem *el = &tr->t->lay->elems[e];
  HPDF_Dict d = tr->dict[e];
  HPDF_STATUS rc = HPDF_Dict_AddName(d, "S", TYPE_NAME[el->type]);
  rc |= HPDF_Dict_Add(d, "P", parent);
  HPDF_Dict attr = table_attributes(tr, el);
  if (attr)
    rc |= HPDF_Dict_Add(d, "A", attr);
  if (el->type == NB_PDF_S_FIGURE)
    rc |= add_alt(tr, d, el);
  size_t a = tr->item_start[e], b = tr->item_start[e + 1];
  unsigned pg = a < b ? tr->t->items[tr->item_order[a]].page : 0;
  if (a < b)
    rc |= HPDF_Dict_Add(d, "Pg", tr->pages[pg]);
  HPDF_Array k = HPDF_Array_New(tr->pdf->mmgr);
  if (!k)
    return -1;
  rc |= HPDF_Dict_Add(d, "K", k);
  for (size_t c = tr->kid_start[e]; c < tr->kid_start[e + 1]; c++)
    rc |= HPDF_Array_Add(k, tr->dict[tr->kids[c]]);
  for (size_t i = a; i < b; i++)
    rc |= add_mcid(tr, k, &tr->t->items[tr->item_order[i]], pg);
  return rc == HPDF_OK ? 0 : -1;
}

/* The ParentTree: page i → the elements of its MCIDs 0, 1, … */
static HPDF_Dict parent_tree(tree *tr)
{
  HPDF_Dict pt = HPDF_Dict_New(tr->pdf->mmgr);
  HPDF_Array nums = HPDF_Array_New(tr->pdf->mmgr);
  if (!pt || !nums || HPDF_Dict_Add(pt, "Nums", nums) != HPDF_OK)
    return NULL;
  HPDF_STATUS rc = HPDF_OK;
  size_t i = 0;
  for (unsigned p = 0; p < tr->t->npages; p++) {
    HPDF_Array refs = HPDF_Array_New(tr->pdf->mmgr);
    if (!refs)
      return NULL;
    rc |= HPDF_Array_AddNumber(nums, (HPDF_INT32)p);
    rc |= HPDF_Array_Add(nums, refs);
    for (; i < tr->t->nitems && tr->t->items[i].page == p; i++)
      rc |= HPDF_Array_Add(refs, tr->dict[tr->t->items[i].elem]);
    rc |= HPDF_Dict_AddNumber(tr->pages[p], "StructParents", (HPDF_INT32)p);
  }
  return rc == HPDF_OK ? pt : NULL;
}

static HPDF_Dict new_indirect(HPDF_Doc pdf)
{
  HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
  if (d && HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
    return NULL;
  return d;
}

/* The catalog's /MarkInfo, /Lang, /ViewerPreferences /DisplayDocTitle and /StructTreeRoot. */
static int catalog_entries(HPDF_Doc pdf, HPDF_Dict root)
{
  HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr), view = HPDF_Dict_New(pdf->mmgr);
  if (!mark || !view)
    return -1;
  HPDF_STATUS rc = HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
  rc |= HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark);
  rc |= HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, "zh-CN", NULL));
  rc |= HPDF_Dict_AddBoolean(view, "DisplayDocTitle", HPDF_TRUE); /* libharu 2.3 has no flag */
  rc |= HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", view);
  rc |= HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
  return rc == HPDF_OK ? 0 : -1;
}

int nb_pdf_tagger_finish(nb_pdf_tagger *t, HPDF_Doc pdf, HPDF_Page *pages)
{
  if (!t)
    return 0;
  size_t n = t->lay->nelems;
  tree tr = {t, pdf, pages, nb_xcalloc(n + 1, sizeof(HPDF_Dict)), NULL, NULL, NULL, NULL};
  index_tree(&tr);
  HPDF_Dict root = new_indirect(pdf);
  int rc = root ? 0 : -1;
  for (size_t e = 0; e < n && rc == 0; e++)
    if (!(tr.dict[e] = new_indirect(pdf)))
      rc = -1;
  for (size_t e = 0; e < n && rc == 0; e++) {
    int p = t->lay->elems[e].parent;
    rc = fill_element(&tr, e, p < 0 ? root : tr.dict[p]);
  }
  HPDF_Dict pt = rc == 0 ? parent_tree(&tr) : NULL;
  if (pt) {
    HPDF_STATUS st = HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    if (n)
      st |= HPDF_Dict_Add(root, "K", tr.dict[0]);
    st |= HPDF_Dict_Add(root, "ParentTree", pt);
    st |= HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)t->npages);
    rc = st == HPDF_OK ? catalog_entries(pdf, root) : -1;
  } else {
    rc = -1;
  }
  free(tr.dict);
  free(tr.kid_start);
  free(tr.kids);
  free(tr.item_start);
  free(tr.item_order);
  return rc;
}
