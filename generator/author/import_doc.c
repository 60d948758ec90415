/* Import of documents: the kind from the bytes, .docx and web pages through the office
 * module, the other kinds refused with what to do. */
#include "author/import_doc.h"

#include <ctype.h>
#include <string.h>

#include "core/module.h"
#include "office/office.h"

#define MODULE_NAME "nianbao-office.so"

static int has(const char *data, size_t len, const char *lit, size_t n)
{
  for (size_t i = 0; i + n <= len; i++)
    if (data[i] == lit[0] && memcmp(data + i, lit, n) == 0)
      return 1;
  return 0;
}

/* Whether the text starts (after a BOM, white space and comments) like an HTML page. */
static int html_start(const char *s, size_t len)
{
  static const char *const opens[] = {"<!doctype html", "<html", "<head", "<meta", "<body",
                                      "<?xml", NULL};
  size_t i = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  for (int comments = 0; comments < 8; comments++) {
    while (i < len && isspace((unsigned char)s[i]))
      i++;
    if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
      const char *end = NULL;
      for (size_t k = i + 4; k + 3 <= len && !end; k++)
        if (memcmp(s + k, "-->", 3) == 0)
          end = s + k + 3;
      if (!end)
        return 0;
      i = (size_t)(end - s);
      continue;
    }
    break;
  }
  for (const char *const *o = opens; *o; o++) {
    size_t n = strlen(*o);
    if (len - i < n)
      continue;
    size_t k = 0;
    while (k < n && tolower((unsigned char)s[i + k]) == (*o)[k])
      k++;
    if (k == n)
      return strcmp(*o, "<?xml") != 0 || has(s, len < 4096 ? len : 4096, "<html", 5);
  }
  return 0;
}

nb_doc_kind nb_import_doc_kind(const char *data, size_t len)
{
  static const char cfb[8] = {'\xd0', '\xcf', '\x11', '\xe0', '\xa1', '\xb1', '\x1a', '\xe1'};
  /* "EncryptedPackage" as a UTF-16LE directory entry name of the container */
  static const char enc[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e";
  if (len >= 4 && (memcmp(data, "PK\x03\x04", 4) == 0 || memcmp(data, "PK\x05\x06", 4) == 0))
    return NB_DOC_DOCX;
  if (len >= 8 && memcmp(data, cfb, 8) == 0)
    return has(data, len, enc, sizeof enc - 1) ? NB_DOC_ENCRYPTED : NB_DOC_WORD97;
  if (len >= 5 && memcmp(data, "{\\rtf", 5) == 0)
    return NB_DOC_RTF;
  if (has(data, len < 1024 ? len : 1024, "%PDF-", 5))
    return NB_DOC_PDF;
  return html_start(data, len) ? NB_DOC_HTML : NB_DOC_TEXT;
}

/* The refusal of a kind that cannot be imported. */
static void refuse(nb_doc_kind kind, nb_diags *diags)
{
  static const struct {
    nb_doc_kind kind;
    const char *code, *what, *fix;
  } msgs[] = {
    {NB_DOC_WORD97, "NB620", "这是旧版 Word 文档（.doc），nianbao 读不了这种格式",
     "请用 Word 或 WPS 打开，“另存为”Word 文档（.docx）后再导入"},
    {NB_DOC_ENCRYPTED, "NB621", "这个 Word 文档设置了打开密码（已加密），无法读取",
     "请在 Word 或 WPS 中取消打开密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码），"
     "再用 Word/WPS 另存为 .docx 后导入"},
    {NB_DOC_RTF, "NB622", "这是 RTF 文件，nianbao 读不了这种格式",
     "请用 Word 或 WPS 打开，“另存为”Word 文档（.docx）后再导入"},
    {NB_DOC_PDF, "NB623",
     "这是 PDF 文件。PDF 中的表格只是排在纸面上的文字，无法可靠地按行、列读出数字，nianbao 不从 PDF 导入",
     "请找发布时的 Word 文档（用 Word/WPS 另存为 .docx）或网页版（在浏览器中“另存为”网页）导入；"
     "只有 PDF 时，在 PDF 阅读器中全选、复制文字，粘贴保存为 .txt 文件后导入，并逐项核对表格数字"},
  };
  for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++)
    if (msgs[i].kind == kind) {
      nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, msgs[i].code, 0, 0, "%s", msgs[i].what);
      nb_diag_hint(g, "%s", msgs[i].fix);
    }
}

static const nb_office_api *load_office(nb_diags *diags)
{
  void *sym = nb_module_require(MODULE_NAME, "NIANBAO_OFFICE_MODULE", "nb_office_get_api", "NB628",
                                "读取 Word 文档和网页的模块", diags);
  if (!sym)
    return NULL;
  const nb_office_api *(*get)(void);
  memcpy(&get, &sym, sizeof get); /* object pointer to function pointer, as POSIX allows */
  return get();
}

/* The length of LIT when the N bytes at S start with it, else 0. */
static size_t prefix(const char *s, size_t n, const char *lit)
{
  size_t k = strlen(lit);
  return k <= n && memcmp(s, lit, k) == 0 ? k : 0;
}

/* Whether the line S (N bytes) is a figure's caption ("图1 2024年主动公开政府信息分类情况",
 * "图2：…"): 图, a number, a separator, a short title without a full stop. */
static int caption_line(const char *s, size_t n)
{
  static const char *const digits[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "一",
                                       "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  size_t i = n <= 160 ? prefix(s, n, "图") : 0, start = i;
  if (i == 0)
    return 0;
  for (int more = 1; more;) {
    more = 0;
    for (size_t k = 0; k < sizeof digits / sizeof digits[0]; k++) {
      size_t dl = prefix(s + i, n - i, digits[k]);
      i += dl;
      more |= dl != 0;
    }
  }
  if (i == start || i >= n)
    return 0;
  int sep = s[i] == ' ' || s[i] == ':' || prefix(s + i, n - i, "：") || prefix(s + i, n - i, "　");
  return sep && !has(s, n, "。", strlen("。"));
}

/* TEXT without the captions of figures: a Word document or a page shows a chart's caption as
 * a line of its own, which is not prose of the report. */
static void drop_captions(nb_buf *text)
{
  size_t w = 0;
  for (size_t r = 0; r < text->len;) {
    const char *nl = memchr(text->data + r, '\n', text->len - r);
    size_t n = nl ? (size_t)(nl - (text->data + r)) : text->len - r;
    if (!caption_line(text->data + r, n)) {
      memmove(text->data + w, text->data + r, n + (nl ? 1 : 0));
      w += n + (nl ? 1 : 0);
    }
    r += n + (nl ? 1 : 0);
  }
  text->len = w;
  if (text->data)
    text->data[w] = '\0';
}

nb_import_result nb_import_doc(const char *data, size_t len, const char *source_name,
                               nb_buf *out, nb_diags *diags)
{
  nb_doc_kind kind = nb_import_doc_kind(data, len);
  if (kind == NB_DOC_TEXT) {
    if (len > NB_IMPORT_TEXT_MAX_BYTES) {
      nb_diag_add(diags, NB_SEV_ERROR, "NB601", 0, 0,
                  "文本超过 1 MiB（一份年度报告的文字通常只有几十 KB），没有导入");
      return NB_IMPORT_REFUSED;
    }
    return nb_import_text(data, len, source_name, out, diags);
  }
  if (kind != NB_DOC_DOCX && kind != NB_DOC_HTML) {
    refuse(kind, diags);
    return NB_IMPORT_REFUSED;
  }
  const nb_office_api *api = load_office(diags);
  if (!api)
    return NB_IMPORT_REFUSED;
  nb_buf text = NB_BUF_INIT;
  int rc = kind == NB_DOC_DOCX ? api->docx_text(data, len, &text, diags)
                               : api->html_text(data, len, &text, diags);
  nb_import_result res = NB_IMPORT_REFUSED;
  if (rc == 0) {
    drop_captions(&text);
    res = nb_import_text(nb_buf_cstr(&text), text.len, source_name, out, diags);
  }
  nb_buf_free(&text);
  return res;
}
