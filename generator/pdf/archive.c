/* PDF/A-2b identification: XMP metadata, sRGB output intent, file identifier (see
 * pdf/archive.h). */
#include "pdf/archive.h"

#include <hpdf_encrypt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/io.h"
#include "pdf/cache.h"

static const char *const PROFILES[] = {
    "/usr/share/color/icc/sRGB.icc",        /* icc-profiles-free */
    "/usr/share/color/icc/colord/sRGB.icc", /* colord-data */
};

/* Appends TEXT to B escaped for XML character data. */
static void xml_text(nb_buf *b, const char *text)
{
  for (const char *p = text ? text : ""; *p; p++) {
    if (*p == '&')
      nb_buf_puts(b, "&amp;");
    else if (*p == '<')
      nb_buf_puts(b, "&lt;");
    else if (*p == '>')
      nb_buf_puts(b, "&gt;");
    else
      nb_buf_putc(b, *p);
  }
}

static void xml_element(nb_buf *b, const char *name, const char *pre, const char *text,
                        const char *post)
{
  nb_buf_printf(b, "<%s>%s", name, pre);
  xml_text(b, text);
  nb_buf_printf(b, "%s</%s>\n", post, name);
}

/* The XMP packet, its values equal to the information dictionary's. */
static void xmp(HPDF_Doc pdf, const nb_pdf_opts *o, nb_buf *b)
{
  static const char alt[] = "<rdf:Alt><rdf:li xml:lang=\"x-default\">";
  nb_buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                 "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                 "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                 "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" "
                 "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                 "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
                 "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                 "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
                 "<dc:format>application/pdf</dc:format>\n");
  if (o && o->title)
    xml_element(b, "dc:title", alt, o->title, "</rdf:li></rdf:Alt>");
  if (o && o->author)
    xml_element(b, "dc:creator", "<rdf:Seq><rdf:li>", o->author, "</rdf:li></rdf:Seq>");
  if (o && o->subject)
    xml_element(b, "dc:description", alt, o->subject, "</rdf:li></rdf:Alt>");
  if (o && o->keywords)
    xml_element(b, "pdf:Keywords", "", o->keywords, "");
  xml_element(b, "pdf:Producer", "", HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER), "");
  xml_element(b, "xmp:CreatorTool", "", HPDF_GetInfoAttr(pdf, HPDF_INFO_CREATOR), "");
  time_t t = o ? (time_t)o->epoch : 0;
  struct tm tm;
  if (o && o->epoch > 0 && gmtime_r(&t, &tm)) {
    char d[80];
    snprintf(d, sizeof d, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec > 59 ? 59 : tm.tm_sec);
    xml_element(b, "xmp:CreateDate", "", d, "");
    xml_element(b, "xmp:ModifyDate", "", d, "");
  }
  nb_buf_puts(b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

/* The catalog's /Metadata: the XMP packet, uncompressed as PDF/A asks. */
static HPDF_STATUS metadata(HPDF_Doc pdf, const nb_pdf_opts *o)
{
  nb_buf x = NB_BUF_INIT;
  xmp(pdf, o, &x);
  HPDF_Dict m = nb_pdf_flate_stream(pdf, NULL, x.data, x.len);
  nb_buf_free(&x);
  if (!m)
    return HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_STATUS rc = HPDF_Dict_AddName(m, "Type", "Metadata");
  rc |= HPDF_Dict_AddName(m, "Subtype", "XML");
  return rc | HPDF_Dict_Add(pdf->catalog, "Metadata", m);
}

/* The catalog's /OutputIntents: sRGB with the ICC profile PROFILE (compressed). */
static HPDF_STATUS output_intent(HPDF_Doc pdf, const nb_buf *profile)
{
  static const char name[] = "sRGB IEC61966-2.1";
  HPDF_Dict icc = nb_pdf_flate_packed(pdf, profile);
  HPDF_Dict oi = HPDF_Dict_New(pdf->mmgr);
  HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
  if (!icc || !oi || !arr)
    return HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_STATUS rc = HPDF_Dict_AddNumber(icc, "N", 3);
  rc |= HPDF_Dict_AddName(oi, "Type", "OutputIntent");
  rc |= HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
  rc |= HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(pdf->mmgr, name, NULL));
  rc |= HPDF_Dict_Add(oi, "Info", HPDF_String_New(pdf->mmgr, name, NULL));
  rc |= HPDF_Dict_Add(oi, "DestOutputProfile", icc);
  rc |= HPDF_Array_Add(arr, oi);
  return rc | HPDF_Dict_Add(pdf->catalog, "OutputIntents", arr);
}

static void md5_text(HPDF_MD5_CTX *ctx, const char *s)
{
  if (s)
    HPDF_MD5Update(ctx, (const HPDF_BYTE *)s, (HPDF_UINT32)strlen(s) + 1);
}

/* The trailer's /ID: two copies of an MD5 digest of the information and of every run drawn
 * (page and text). */
static HPDF_STATUS file_id(HPDF_Doc pdf, const nb_pdf_opts *o, const nb_pdf_layout *lay)
{
  HPDF_MD5_CTX ctx;
  HPDF_MD5Init(&ctx);
  if (o) {
    md5_text(&ctx, o->title);
    md5_text(&ctx, o->author);
    char e[32];
    snprintf(e, sizeof e, "%lld", o->epoch);
    md5_text(&ctx, e);
  }
  for (size_t i = 0; i < lay->nruns; i++) {
    HPDF_BYTE page[4] = {(HPDF_BYTE)(lay->runs[i].page >> 24), (HPDF_BYTE)(lay->runs[i].page >> 16),
                         (HPDF_BYTE)(lay->runs[i].page >> 8), (HPDF_BYTE)lay->runs[i].page};
    HPDF_MD5Update(&ctx, page, 4);
    md5_text(&ctx, lay->runs[i].text);
  }
  HPDF_BYTE digest[16];
  HPDF_MD5Final(digest, &ctx);
  HPDF_Array id = HPDF_Array_New(pdf->mmgr);
  if (!id)
    return HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_STATUS rc = HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
  rc |= HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, 16));
  return rc | HPDF_Dict_Add(pdf->trailer, "ID", id);
}

/* The sRGB profile compressed into OUT: the run's copy (CACHE may be NULL), else the first
 * of PROFILES installed. -1 when none is. */
static int compressed_profile(nb_pdf_cache *cache, nb_pdf_flate *z, nb_buf *out)
{
  static const char key[] = "sRGB profile";
  if (cache && nb_pdf_cache_bytes(cache, key, out))
    return 0;
  nb_buf profile = NB_BUF_INIT;
  size_t k = 0;
  for (; k < sizeof PROFILES / sizeof PROFILES[0]; k++) {
    nb_buf_clear(&profile);
    if (nb_io_read(PROFILES[k], 1 << 20, &profile) == NB_IO_OK && profile.len > 128)
      break;
  }
  int rc = k < sizeof PROFILES / sizeof PROFILES[0]
             ? nb_pdf_flate_put(z, profile.data, profile.len, out) : -1;
  nb_buf_free(&profile);
  if (rc == 0 && cache)
    nb_pdf_cache_keep_bytes(cache, key, out->data, out->len);
  return rc;
}

int nb_pdf_archive(HPDF_Doc pdf, const nb_pdf_opts *opts, const nb_pdf_layout *lay,
                   nb_pdf_flate *z, nb_diags *diags)
{
  nb_buf profile = NB_BUF_INIT;
  if (compressed_profile(opts ? opts->cache : NULL, z, &profile) < 0) {
    nb_buf_free(&profile);
    nb_diag *g = nb_diag_add(diags, NB_SEV_WARNING, "NB512", 0, 0,
                             "找不到 sRGB 色彩配置文件（%s），PDF 未标注 PDF/A-2b 归档格式",
                             PROFILES[0]);
    nb_diag_hint(g, "请安装软件包 icc-profiles-free（sudo apt-get install icc-profiles-free）");
    return 1;
  }
  HPDF_STATUS rc = metadata(pdf, opts);
  rc |= output_intent(pdf, &profile);
  rc |= file_id(pdf, opts, lay);
  nb_buf_free(&profile);
  return rc == HPDF_OK ? 0 : -1;
}
