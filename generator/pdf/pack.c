/* Object streams and a cross-reference stream for libharu's output (see pdf/pack.h). */
#include "pdf/pack.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  size_t start, end; /* the object's bytes: "N 0 obj" … "endobj" */
  int used;          /* an in-use entry of the table */
  int in_stm;        /* goes into the object stream (index = its position there) */
  size_t offset;     /* new offset, or index in the object stream */
} object;

typedef struct {
  const char *pdf;
  size_t len;
  object *obj;
  size_t nobj;
  const char *trailer; /* the trailer dictionary's entries, between "<<" and ">>" */
  size_t trailer_len;
  nb_pdf_flate *z;
} input;

static const char *find(const char *hay, size_t n, const char *needle)
{
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
      return hay + i;
  return NULL;
}

static const char *rfind(const char *hay, size_t n, const char *needle)
{
  size_t k = strlen(needle);
  for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
    if (memcmp(hay + i, needle, k) == 0)
      return hay + i;
  return NULL;
}

/* Reads the xref table and the trailer; -1 when they are not as libharu writes them. */
static int read_table(input *in)
{
  const char *sx = rfind(in->pdf, in->len, "startxref");
  if (!sx)
    return -1;
  size_t at = strtoull(sx + 9, NULL, 10);
  const char *p = in->pdf + at, *end = in->pdf + in->len;
  if (at >= in->len || strncmp(p, "xref\n0 ", 7) != 0)
    return -1;
  char *next;
  size_t n = strtoull(p + 7, &next, 10);
  p = next;
  while (p < end && (*p == '\r' || *p == '\n'))
    p++;
  if (n == 0 || n > (size_t)(end - p) / 20)
    return -1;
  in->obj = nb_xcalloc(n, sizeof *in->obj);
  in->nobj = n;
  for (size_t i = 0; i < n; i++, p += 20) {
    in->obj[i].used = p[17] == 'n';
    in->obj[i].start = strtoull(p, NULL, 10);
    if (in->obj[i].used && (in->obj[i].start >= at || strtoul(p + 11, NULL, 10) != 0))
      return -1;
  }
  const char *tr = find(p, (size_t)(end - p), "trailer");
  const char *open = tr ? find(tr, (size_t)(end - tr), "<<") : NULL;
  const char *close = open ? rfind(open, (size_t)(sx - open), ">>") : NULL;
  if (!close)
    return -1;
  in->trailer = open + 2;
  in->trailer_len = (size_t)(close - open - 2);
  /* each object ends where the next one (by offset) begins; the last at the table */
  for (size_t i = 0; i < n; i++) {
    if (!in->obj[i].used)
      continue;
    size_t e = at;
    for (size_t j = i + 1; j < n; j++) /* libharu writes them in order */
      if (in->obj[j].used) {
        e = in->obj[j].start;
        break;
      }
    if (e <= in->obj[i].start)
      return -1;
    in->obj[i].end = e;
  }
  return 0;
}

/* The body of object I, without "N 0 obj" and "endobj"; -1 when malformed. */
static int body(const input *in, size_t i, const char **b, size_t *blen)
{
  const object *o = &in->obj[i];
  const char *s = in->pdf + o->start;
  size_t n = o->end - o->start;
  const char *nl = memchr(s, '\n', n);
  const char *e = rfind(s, n, "endobj");
  if (!nl || !e || e < nl)
    return -1;
  *b = nl + 1;
  *blen = (size_t)(e - nl - 1);
  return 0;
}

static int is_stream(const char *b, size_t n)
{
  while (n && (b[n - 1] == '\n' || b[n - 1] == '\r'))
    n--;
  return n >= 9 && memcmp(b + n - 9, "endstream", 9) == 0;
}

/* V in decimal and a space (printf would be most of the cost of the header) */
static void put_size(nb_buf *b, size_t v)
{
  char tmp[24], *p = tmp + sizeof tmp;
  *--p = ' ';
  do
    *--p = (char)('0' + v % 10);
  while (v /= 10);
  nb_buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* Writes the object stream (object number NUM) of the objects marked in_stm. */
static int write_objstm(input *in, size_t num, nb_buf *out)
{
  nb_buf head = NB_BUF_INIT, objs = NB_BUF_INIT, all = NB_BUF_INIT, z = NB_BUF_INIT;
  size_t k = 0;
  for (size_t i = 0; i < in->nobj; i++) {
    const char *b;
    size_t n;
    if (!in->obj[i].in_stm || body(in, i, &b, &n) < 0)
      continue;
    put_size(&head, i);
    put_size(&head, objs.len);
    nb_buf_put(&objs, b, n);
    nb_buf_putc(&objs, '\n');
    in->obj[i].offset = k++;
  }
  nb_buf_put(&all, head.data, head.len);
  nb_buf_put(&all, objs.data, objs.len);
  int rc = nb_pdf_flate_put(in->z, all.data, all.len, &z);
  if (rc == 0) {
    nb_buf_printf(out, "%zu 0 obj\n<< /Type /ObjStm /N %zu /First %zu /Filter /FlateDecode "
                       "/Length %zu >>\nstream\n", num, k, head.len, z.len);
    nb_buf_put(out, z.data, z.len);
    nb_buf_puts(out, "\nendstream\nendobj\n");
  }
  nb_buf_free(&head);
  nb_buf_free(&objs);
  nb_buf_free(&all);
  nb_buf_free(&z);
  return rc;
}

static void put_be(nb_buf *b, size_t v, int bytes)
{
  for (int i = bytes - 1; i >= 0; i--)
    nb_buf_putc(b, (char)((v >> (8 * i)) & 0xFF));
}

/* The trailer's entries without /Size (the cross-reference stream states its own). */
static void trailer_entries(const input *in, nb_buf *out)
{
  const char *p = in->trailer, *end = p + in->trailer_len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    if (!(e - p >= 5 && memcmp(p, "/Size", 5) == 0)) {
      nb_buf_put(out, p, (size_t)(e - p));
      nb_buf_putc(out, ' ');
    }
    p = e + 1;
  }
}

/* The cross-reference stream, object NUM at offset AT; the object stream is NUM - 1 at
 * offset STM. Rows of W [1 4 2]: type, offset or object stream, generation or index. */
static int write_xref(const input *in, size_t num, size_t stm, size_t at, nb_buf *out)
{
  nb_buf rows = NB_BUF_INIT, z = NB_BUF_INIT;
  for (size_t i = 0; i < in->nobj; i++) {
    const object *o = &in->obj[i];
    nb_buf_putc(&rows, (char)(!o->used ? 0 : o->in_stm ? 2 : 1));
    put_be(&rows, !o->used ? 0 : o->in_stm ? num - 1 : o->offset, 4);
    put_be(&rows, !o->used ? (i == 0 ? 0xFFFF : 0) : o->in_stm ? o->offset : 0, 2);
  }
  const size_t own[2] = {stm, at};
  for (int k = 0; k < 2; k++) {
    nb_buf_putc(&rows, 1);
    put_be(&rows, own[k], 4);
    put_be(&rows, 0, 2);
  }
  int rc = nb_pdf_flate_put(in->z, rows.data, rows.len, &z);
  if (rc == 0) {
    nb_buf_printf(out, "%zu 0 obj\n<< /Type /XRef /Size %zu /W [1 4 2] /Filter /FlateDecode "
                       "/Length %zu ", num, num + 1, z.len);
    trailer_entries(in, out);
    nb_buf_puts(out, ">>\nstream\n");
    nb_buf_put(out, z.data, z.len);
    nb_buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", at);
  }
  nb_buf_free(&z);
  nb_buf_free(&rows);
  return rc;
}

/* The packed file into RES: header, streams as they are, the object stream, the
 * cross-reference stream. */
static int repack(input *in, nb_buf *res)
{
  nb_buf_puts(res, "%PDF-1.7\n%\xB7\xBE\xAD\xAA\n");
  for (size_t i = 0; i < in->nobj; i++) {
    object *o = &in->obj[i];
    const char *b;
    size_t n;
    if (!o->used)
      continue;
    if (body(in, i, &b, &n) < 0)
      return -1;
    o->in_stm = !is_stream(b, n);
    if (!o->in_stm) {
      o->offset = res->len;
      nb_buf_put(res, in->pdf + o->start, o->end - o->start);
    }
  }
  size_t stm = res->len;
  if (write_objstm(in, in->nobj, res) < 0)
    return -1;
  return write_xref(in, in->nobj + 1, stm, res->len, res);
}

int nb_pdf_pack(const char *pdf, size_t len, nb_pdf_flate *z, nb_buf *out)
{
  input in = {pdf, len, NULL, 0, NULL, 0, z};
  nb_buf res = NB_BUF_INIT;
  int rc = read_table(&in) < 0 ? -1 : repack(&in, &res);
  if (rc == 0)
    nb_buf_put(out, res.data, res.len);
  nb_buf_free(&res);
  free(in.obj);
  return rc;
}
