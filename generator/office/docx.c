/* A .docx → the text the importer reads (see office/office.h).
 *
 * The package is opened in memory with libzip; its main part (named by _rels/.rels, else
 * word/document.xml) is read, at most NB_OFFICE_MAX_XML bytes inflated, by libxml2's
 * streaming reader without the network, DTDs or entity substitution; a document type
 * declaration is refused. In the body:
 *
 *   w:p      -> a line: the text of its w:t runs (w:tab a space, w:br a line break);
 *               deleted text (w:del), field instructions and mc:Fallback copies left out
 *   w:tbl    -> rows of the grid (office/grid.h): w:gridBefore skips columns, w:gridSpan
 *               spans them, w:vMerge continues the cell above; one text line per row
 *   a table in a cell -> its rows as lines of that cell */
#define _GNU_SOURCE /* memmem */
#include <libxml/xmlreader.h>
#include <string.h>
#include <zip.h>

#include "office/priv.h"

#define MAX_TABLES 8 /* tables in tables */

typedef struct {
  nb_ogrid grid;
  nb_buf cell;      /* text of the open cell */
  unsigned span;    /* its gridSpan */
  int merge;        /* its vMerge continues the cell above */
  int in_cell;
} table_ctx;

typedef struct {
  xmlTextReaderPtr r;
  nb_buf *out;
  nb_buf para;      /* text of the open paragraph */
  table_ctx tables[MAX_TABLES];
  int ntables;      /* open tables (deeper ones are read as text of their cell) */
  int skipped_tables;
  int in_t;         /* inside w:t */
  int pending;      /* the reader already stands on the next node (after skipping) */
  size_t total;     /* bytes of text seen */
  nb_diags *diags;
  int failed;
} reader;

static int name_is(const xmlChar *name, const char *s)
{
  return name && strcmp((const char *)name, s) == 0;
}

/* Where a finished line goes: the open cell, else the output. */
static void emit_line(reader *d, const char *s, size_t n)
{
  if (d->ntables > 0 && d->tables[d->ntables - 1].in_cell) {
    nb_buf *c = &d->tables[d->ntables - 1].cell;
    if (c->len)
      nb_buf_putc(c, '\n');
    nb_buf_put(c, s, n);
    return;
  }
  nb_buf_put(d->out, s, n);
  nb_buf_putc(d->out, '\n');
}

static void end_para(reader *d)
{
  emit_line(d, d->para.data ? d->para.data : "", d->para.len);
  nb_buf_clear(&d->para);
}

static void start_table(reader *d)
{
  if (d->ntables >= MAX_TABLES) {
    d->skipped_tables++;
    return;
  }
  table_ctx *t = &d->tables[d->ntables++];
  memset(t, 0, sizeof *t);
  nb_ogrid_init(&t->grid);
}

static void end_table(reader *d)
{
  if (d->skipped_tables) {
    d->skipped_tables--;
    return;
  }
  if (d->ntables == 0)
    return;
  table_ctx *t = &d->tables[--d->ntables];
  nb_buf rows = NB_BUF_INIT;
  nb_ogrid_text(&t->grid, &rows);
  for (const char *p = nb_buf_cstr(&rows); *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    emit_line(d, p, n);
    p += n + (nl ? 1 : 0);
  }
  nb_buf_free(&rows);
  nb_buf_free(&t->cell);
  nb_ogrid_free(&t->grid);
}

static table_ctx *cur_table(reader *d)
{
  return d->ntables > 0 && !d->skipped_tables ? &d->tables[d->ntables - 1] : NULL;
}

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"

/* The w:val attribute of the current element (either namespace), or NULL; caller frees. */
static xmlChar *get_val(reader *d)
{
  xmlChar *v = xmlTextReaderGetAttributeNs(d->r, (const xmlChar *)"val", (const xmlChar *)W_NS);
  if (!v)
    v = xmlTextReaderGetAttributeNs(d->r, (const xmlChar *)"val", (const xmlChar *)W_STRICT_NS);
  return v;
}

static unsigned val_attr(reader *d, unsigned def)
{
  xmlChar *v = get_val(d);
  if (!v)
    return def;
  long x = strtol((const char *)v, NULL, 10);
  xmlFree(v);
  return x >= 1 && x <= 1000 ? (unsigned)x : def;
}

static void cell_start(reader *d)
{
  table_ctx *t = cur_table(d);
  if (!t)
    return;
  nb_buf_clear(&t->cell);
  t->span = 1;
  t->merge = 0;
  t->in_cell = 1;
}

static void cell_end(reader *d)
{
  table_ctx *t = cur_table(d);
  if (!t || !t->in_cell)
    return;
  t->in_cell = 0;
  if (t->merge)
    nb_ogrid_merge_down(&t->grid, t->span);
  else
    nb_ogrid_add(&t->grid, t->cell.data, t->cell.len, 1, t->span);
}

static void vmerge(reader *d)
{
  table_ctx *t = cur_table(d);
  xmlChar *v = get_val(d);
  if (t)
    t->merge = !(v && strcmp((const char *)v, "restart") == 0);
  if (v)
    xmlFree(v);
}

/* An element starts (EMPTY: it has no content and no end tag follows). Returns 1 when its
 * subtree is to be skipped. */
static int element_start(reader *d, const xmlChar *name, int empty)
{
  table_ctx *t = cur_table(d);
  if (name_is(name, "p")) {
    nb_buf_clear(&d->para);
    if (empty)
      end_para(d);
  } else if (name_is(name, "t")) {
    d->in_t = !empty;
  } else if (name_is(name, "tab")) {
    nb_buf_putc(&d->para, ' ');
  } else if (name_is(name, "br") || name_is(name, "cr")) {
    nb_buf_putc(&d->para, '\n');
  } else if (name_is(name, "tbl")) {
    start_table(d);
    if (empty)
      end_table(d);
  } else if (name_is(name, "tr") && t) {
    nb_ogrid_row(&t->grid);
  } else if (name_is(name, "gridBefore") && t) {
    nb_ogrid_skip(&t->grid, val_attr(d, 0));
  } else if (name_is(name, "tc")) {
    cell_start(d);
    if (empty)
      cell_end(d);
  } else if (name_is(name, "gridSpan") && t && t->in_cell) {
    t->span = val_attr(d, 1);
  } else if (name_is(name, "vMerge") && t && t->in_cell) {
    vmerge(d);
  } else if (name_is(name, "del") || name_is(name, "moveFrom") || name_is(name, "Fallback")
             || name_is(name, "instrText") || name_is(name, "delText")) {
    return !empty;
  }
  return 0;
}

static void element_end(reader *d, const xmlChar *name)
{
  if (name_is(name, "p"))
    end_para(d);
  else if (name_is(name, "t"))
    d->in_t = 0;
  else if (name_is(name, "tc"))
    cell_end(d);
  else if (name_is(name, "tbl"))
    end_table(d);
}

/* One node of the stream. Returns 1 to go on, 0 at the end, -1 on an error. */
static int step(reader *d)
{
  int rc = d->pending ? 1 : xmlTextReaderRead(d->r);
  d->pending = 0;
  if (rc != 1)
    return rc;
  int type = xmlTextReaderNodeType(d->r);
  if (xmlTextReaderDepth(d->r) > NB_OFFICE_MAX_DEPTH || type == XML_READER_TYPE_DOCUMENT_TYPE
      || type == XML_READER_TYPE_ENTITY_REFERENCE) {
    nb_diag_add(d->diags, NB_SEV_ERROR, "NB626", 0, 0, "%s，不是 Word 生成的文档，拒绝读取",
                type == XML_READER_TYPE_DOCUMENT_TYPE ? "文档中含有 DTD 声明"
                : type == XML_READER_TYPE_ENTITY_REFERENCE ? "文档中含有实体引用"
                                                          : "文档的 XML 嵌套超过 200 层");
    return -1;
  }
  const xmlChar *name = xmlTextReaderConstLocalName(d->r);
  if (type == XML_READER_TYPE_ELEMENT) {
    if (element_start(d, name, xmlTextReaderIsEmptyElement(d->r))) {
      rc = xmlTextReaderNext(d->r); /* to the next sibling, not yet looked at */
      d->pending = rc == 1;
      return rc < 0 ? -1 : 1;
    }
  } else if (type == XML_READER_TYPE_END_ELEMENT) {
    element_end(d, name);
  } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE
              || type == XML_READER_TYPE_CDATA) && d->in_t) {
    const char *v = (const char *)xmlTextReaderConstValue(d->r);
    size_t n = v ? strlen(v) : 0;
    nb_buf_put(&d->para, v ? v : "", n);
    d->total += n;
  }
  if (d->total > NB_OFFICE_MAX_TEXT) {
    nb_diag_add(d->diags, NB_SEV_ERROR, "NB626", 0, 0,
                "文档的文字超过 1 MiB，不像一份年度报告，没有导入");
    return -1;
  }
  return 1;
}

static void silence(void *arg, const char *msg, xmlParserSeverities sev, xmlTextReaderLocatorPtr loc)
{
  int *line = arg;
  (void)msg;
  if (sev == XML_PARSER_SEVERITY_ERROR && *line == 0)
    *line = xmlTextReaderLocatorLineNumber(loc);
}

/* The text of the XML of the main part (LEN bytes) into OUT. */
static int read_body(const char *xml, size_t len, const char *part, nb_buf *out, nb_diags *diags)
{
  if (memmem(xml, len, "<!DOCTYPE", 9) || memmem(xml, len, "<!ENTITY", 8)) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB626", 0, 0,
                "文件中的“%s”含有 DTD 声明，不是 Word 生成的文档，拒绝读取", part);
    return -1;
  }
  reader d;
  memset(&d, 0, sizeof d);
  d.out = out;
  d.diags = diags;
  d.r = xmlReaderForMemory(xml, (int)len, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!d.r) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB625", 0, 0, "文件已损坏：无法读取其中的“%s”", part);
    return -1;
  }
  int err_line = 0;
  xmlTextReaderSetErrorHandler(d.r, silence, &err_line);
  int rc;
  while ((rc = step(&d)) == 1)
    ;
  if (rc < 0 && !nb_diags_errors(diags))
    nb_diag_add(diags, NB_SEV_ERROR, "NB625", 0, 0,
                "文件已损坏：其中的“%s”不是完整的 XML（第 %d 行附近）", part, err_line);
  while (d.ntables > 0 || d.skipped_tables)
    end_table(&d);
  xmlFreeTextReader(d.r);
  nb_buf_free(&d.para);
  return rc < 0 ? -1 : 0;
}

/* The main part named by _rels/.rels (Target of the officeDocument relationship), else the
 * usual word/document.xml. The caller frees the result. */
static char *main_part(zip_t *za, nb_diags *diags)
{
  nb_buf rels = NB_BUF_INIT;
  char *name = NULL;
  if (nbo_zip_read(za, "_rels/.rels", &rels, diags) == 0) {
    const char *type = strstr(nb_buf_cstr(&rels), "/officeDocument\"");
    const char *start = type;
    while (start && start > rels.data && *start != '<')
      start--;
    const char *tgt = start ? strstr(start, "Target=\"") : NULL;
    const char *end = tgt ? strchr(tgt + 8, '"') : NULL;
    if (end && (!strchr(start, '>') || tgt < strchr(start, '>')) && end - tgt - 8 < 200) {
      const char *t = tgt + 8 + (tgt[8] == '/');
      name = nb_xstrndup(t, (size_t)(end - t));
    }
  }
  nb_buf_free(&rels);
  return name ? name : nb_xstrdup("word/document.xml");
}

/* Refuses packages too large to be a report (entry count, declared sizes). */
static int check_package(zip_t *za, nb_diags *diags)
{
  zip_int64_t n = zip_get_num_entries(za, 0);
  if (n < 0 || n > NB_OFFICE_MAX_ENTRIES) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB626", 0, 0,
                "压缩包中有 %lld 个文件，超过 %d 个，不像一份 Word 文档，拒绝读取", (long long)n,
                NB_OFFICE_MAX_ENTRIES);
    return -1;
  }
  zip_uint64_t total = 0;
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t st;
    if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
      total += st.size;
  }
  if (total > NB_OFFICE_MAX_TOTAL) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB626", 0, 0,
                "压缩包解压后超过 %zu MiB（可能是“压缩炸弹”），拒绝读取", NB_OFFICE_MAX_TOTAL >> 20);
    return -1;
  }
  nb_buf mime = NB_BUF_INIT;
  int odf = nbo_zip_read(za, "mimetype", &mime, diags) == 0
            && strstr(nb_buf_cstr(&mime), "opendocument") != NULL;
  nb_buf_free(&mime);
  if (odf) {
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB624", 0, 0,
                             "这是 OpenDocument 文件（.odt 等），不是 Word 文档（.docx）");
    nb_diag_hint(g, "请用 WPS 或 LibreOffice 打开，另存为 .docx（Word 文档）后再导入");
    return -1;
  }
  return 0;
}

int nbo_docx_text(const char *bytes, size_t len, nb_buf *out, nb_diags *diags)
{
  xmlInitParser();
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
  zip_error_fini(&ze);
  if (!za) {
    if (src)
      zip_source_free(src);
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB625", 0, 0,
                             "文件已损坏：不是完整的 .docx（zip）文件");
    nb_diag_hint(g, "请用 Word/WPS 打开并修复后另存为 .docx，再导入");
    return -1;
  }
  int rc = check_package(za, diags);
  char *part = rc == 0 ? main_part(za, diags) : NULL;
  nb_buf xml = NB_BUF_INIT;
  int got = part ? nbo_zip_read(za, part, &xml, diags) : -1;
  if (got == 1) {
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB624", 0, 0,
                             "这个压缩包中没有 Word 文档的正文（%s），不是 .docx 文件", part);
    nb_diag_hint(g, "Excel、PowerPoint 文件不能导入；请给出 Word 文档（.docx）");
  }
  rc = got == 0 ? read_body(xml.data ? xml.data : "", xml.len, part, out, diags) : -1;
  nb_buf_free(&xml);
  free(part);
  zip_discard(za);
  return rc;
}
