/* Zip packages: written reproducibly with libdeflate, read with limits through libzip. */
#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "office/priv.h"

/* EPOCH (UTC) as an MS-DOS date and time, clamped to what they can hold (1980–2107). */
static void dos_time(long long epoch, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
  const long long lo = 315532800LL, hi = 4354819199LL; /* 1980-01-01, 2107-12-31 23:59:59 */
  long long t = epoch < lo ? lo : epoch > hi ? hi : epoch;
  long long days = t / 86400, secs = t % 86400;
  /* civil date from days since 1970 (Howard Hinnant's algorithm) */
  long long z = days + 719468, era = z / 146097, doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  long long y = yoe + era * 400 + (m <= 2);
  *ddate = (zip_uint16_t)(((y - 1980) << 9) | (m << 5) | d);
  *dtime = (zip_uint16_t)(((secs / 3600) << 11) | (((secs / 60) % 60) << 5) | ((secs % 60) / 2));
}

/* Writing: the zip format (PKWARE APPNOTE 4.3) is written here rather than by libzip, whose
 * zlib at level 9 took over half of a document's instructions (11 of 19 M a report): libdeflate
 * at level 6 compresses a report's parts a little smaller in a fifth of the time. Each part is
 * a local header and its deflated bytes; the central directory and its end follow. No extra
 * fields, no data descriptors, so equal parts and dates give equal bytes. */

typedef struct {
  uint32_t crc, csize, usize, offset;
} entry;

static void put16(nb_buf *b, unsigned v)
{
  unsigned char le[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
  nb_buf_put(b, le, 2);
}

static void put32(nb_buf *b, uint32_t v)
{
  unsigned char le[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                         (unsigned char)(v >> 24)};
  nb_buf_put(b, le, 4);
}

/* The fields a local header and a central directory record share, from "version needed". */
static void put_common(nb_buf *b, const char *name, const entry *e, zip_uint16_t dtime,
                       zip_uint16_t ddate)
{
  int utf8 = 0;
  for (const char *c = name; *c; c++)
    utf8 |= (unsigned char)*c >= 0x80;
  put16(b, 20);               /* version needed: deflate */
  put16(b, utf8 ? 0x800 : 0); /* flags: the name in UTF-8 */
  put16(b, 8);                /* deflated */
  put16(b, dtime);
  put16(b, ddate);
  put32(b, e->crc);
  put32(b, e->csize);
  put32(b, e->usize);
  put16(b, (unsigned)strlen(name));
  put16(b, 0); /* no extra field */
}

/* Part P's local header and deflated bytes appended to OUT (from START, the zip's first byte),
 * its directory fields into E; HEAD is work space. Returns 0, or -1 when the part is too large
 * for a zip without its 64-bit extension. */
static int put_part(struct libdeflate_compressor *c, const nb_office_part *p, size_t start,
                    zip_uint16_t dtime, zip_uint16_t ddate, entry *e, nb_buf *head, nb_buf *out)
{
  size_t bound = libdeflate_deflate_compress_bound(c, p->len), nlen = strlen(p->name);
  size_t at = out->len, data = at + 30 + nlen;
  if (p->len > UINT32_MAX || bound > UINT32_MAX || at - start > UINT32_MAX)
    return -1;
  nb_buf_grow(out, 30 + nlen + bound);
  size_t n = libdeflate_deflate_compress(c, p->data, p->len, out->data + data, bound);
  if (n == 0)
    return -1;
  *e = (entry){(uint32_t)libdeflate_crc32(0, p->data, p->len), (uint32_t)n, (uint32_t)p->len,
               (uint32_t)(at - start)};
  nb_buf_clear(head);
  put32(head, 0x04034b50);
  put_common(head, p->name, e, dtime, ddate);
  nb_buf_put(head, p->name, nlen);
  memcpy(out->data + at, head->data, head->len); /* before the bytes deflated into place */
  out->len = data + n;
  out->data[out->len] = '\0';
  return 0;
}

/* The central directory of the N parts P (entries E) and its end record, after the parts. */
static void put_directory(const nb_office_part *p, const entry *e, size_t n, size_t start,
                          zip_uint16_t dtime, zip_uint16_t ddate, nb_buf *out)
{
  size_t dir = out->len;
  for (size_t i = 0; i < n; i++) {
    put32(out, 0x02014b50);
    put16(out, 20); /* made by: MS-DOS, 2.0 */
    put_common(out, p[i].name, &e[i], dtime, ddate);
    put16(out, 0); /* no comment */
    put16(out, 0); /* disk 0 */
    put16(out, 0); /* internal attributes */
    put32(out, 0); /* external attributes */
    put32(out, e[i].offset);
    nb_buf_puts(out, p[i].name);
  }
  size_t size = out->len - dir;
  put32(out, 0x06054b50);
  put16(out, 0); /* this disk */
  put16(out, 0); /* the directory's disk */
  put16(out, (unsigned)n);
  put16(out, (unsigned)n);
  put32(out, (uint32_t)size);
  put32(out, (uint32_t)(dir - start));
  put16(out, 0); /* no comment */
}

int nbo_zip(const nb_office_part *parts, size_t n, long long epoch, nb_buf *out,
            nb_diags *diags)
{
  zip_uint16_t dtime, ddate;
  dos_time(epoch, &dtime, &ddate);
  struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
  entry *e = nb_xcalloc(n ? n : 1, sizeof *e);
  nb_buf head = NB_BUF_INIT;
  size_t start = out->len;
  int rc = c && n <= 0xffff ? 0 : -1;
  for (size_t i = 0; i < n && rc == 0; i++)
    rc = put_part(c, &parts[i], start, dtime, ddate, &e[i], &head, out);
  if (rc == 0)
    put_directory(parts, e, n, start, dtime, ddate, out);
  libdeflate_free_compressor(c);
  nb_buf_free(&head);
  free(e);
  if (rc == 0 && out->len - start <= UINT32_MAX)
    return 0;
  out->len = start;
  if (out->data)
    out->data[start] = '\0';
  nb_diag_add(diags, NB_SEV_ERROR, "NB510", 0, 0, "无法生成 .docx 文件（%s）",
              c ? "文件过大" : "内存不足");
  return -1;
}

int nbo_zip_read(void *handle, const char *name, nb_buf *out, nb_diags *diags)
{
  zip_t *za = handle;
  zip_int64_t idx = zip_name_locate(za, name, 0);
  if (idx < 0)
    idx = zip_name_locate(za, name, ZIP_FL_NOCASE);
  if (idx < 0)
    return 1;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_ENCRYPTION_METHOD)
      && st.encryption_method != ZIP_EM_NONE) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB621", 0, 0, "文件中的“%s”是加密的，无法读取", name);
    return -1;
  }
  zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB625", 0, 0, "文件已损坏：无法解压其中的“%s”", name);
    return -1;
  }
  char chunk[16384];
  zip_int64_t got;
  size_t total = 0;
  int rc = 0;
  while ((got = zip_fread(zf, chunk, sizeof chunk)) > 0) {
    total += (size_t)got;
    if (total > NB_OFFICE_MAX_XML) {
      nb_diag_add(diags, NB_SEV_ERROR, "NB626", 0, 0,
                  "文件中的“%s”解压后超过 %zu MiB（可能是“压缩炸弹”），拒绝读取", name,
                  NB_OFFICE_MAX_XML >> 20);
      rc = -1;
      break;
    }
    nb_buf_put(out, chunk, (size_t)got);
  }
  if (rc == 0 && got < 0) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB625", 0, 0, "文件已损坏：解压“%s”时出错（%s）", name,
                zip_file_strerror(zf));
    rc = -1;
  }
  zip_fclose(zf);
  return rc;
}
