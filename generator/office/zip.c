/* Zip packages through libzip: written reproducibly, read with limits. */
#include <stdio.h>
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

static int add_part(zip_t *za, const nb_office_part *p, zip_uint16_t dtime, zip_uint16_t ddate)
{
  zip_source_t *s = zip_source_buffer(za, p->data, p->len, 0);
  if (!s)
    return -1;
  zip_int64_t idx = zip_file_add(za, p->name, s, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free(s);
    return -1;
  }
  zip_uint64_t i = (zip_uint64_t)idx;
  if (zip_set_file_compression(za, i, ZIP_CM_DEFLATE, 9) != 0
      || zip_file_set_dostime(za, i, dtime, ddate, 0) != 0
      || zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_DOS, 0) != 0)
    return -1;
  return 0;
}

/* The bytes of the in-memory source SRC appended to OUT. */
static int drain(zip_source_t *src, nb_buf *out)
{
  if (zip_source_open(src) != 0)
    return -1;
  int rc = -1;
  if (zip_source_seek(src, 0, SEEK_END) == 0) {
    zip_int64_t size = zip_source_tell(src);
    if (size >= 0 && zip_source_seek(src, 0, SEEK_SET) == 0) {
      nb_buf_grow(out, (size_t)size);
      zip_int64_t got = zip_source_read(src, out->data + out->len, (zip_uint64_t)size);
      if (got == size) {
        out->len += (size_t)size;
        out->data[out->len] = '\0';
        rc = 0;
      }
    }
  }
  zip_source_close(src);
  return rc;
}

int nbo_zip(const nb_office_part *parts, size_t n, long long epoch, nb_buf *out,
            nb_diags *diags)
{
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  int rc = za ? 0 : -1;
  if (za) {
    zip_source_keep(src);
    zip_uint16_t dtime, ddate;
    dos_time(epoch, &dtime, &ddate);
    for (size_t i = 0; i < n && rc == 0; i++)
      rc = add_part(za, &parts[i], dtime, ddate);
    if (rc != 0)
      zip_discard(za);
    else if (zip_close(za) != 0) {
      zip_discard(za);
      rc = -1;
    }
  }
  if (rc == 0)
    rc = drain(src, out);
  if (rc != 0)
    nb_diag_add(diags, NB_SEV_ERROR, "NB510", 0, 0, "无法生成 .docx 文件（压缩出错：%s）",
                zip_error_strerror(&ze));
  zip_error_fini(&ze);
  if (src)
    zip_source_free(src);
  return rc;
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
