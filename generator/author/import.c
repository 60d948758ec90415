/* Import of a published report's text. The stages, in order:
 *
 *   prepare   bytes → UTF-8 (GB18030 converted, here), then in author/itext.c: line ends,
 *             odd spaces, Word bookmarks
 *   split     lines → cells: a tab-separated or pipe-separated line is a row of cells, any
 *             other line is one cell; all cells form one stream, so a table flattened to one
 *             cell per line reads the same as a table with one row per line
 *   parts     the six part headings, whatever their numbering ("一、", "1、", "## 一、")
 *   identity  organ, year, level, site, contact from the title and the opening paragraph
 *   tables    (author/import_table.c) figures found by row label in the cell stream
 *   prose     paragraphs of parts 一, 五, 六 sorted by their sub-headings
 *   output    a data-model tree written by nb_yaml_emit, with a comment on each gap
 */
#include "author/import.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "author/import_priv.h"
#include "core/utf8.h"
#include "author/yamlout.h"

/* ---- output ---- */

static const char *note_after(void *ctx, const char *path)
{
  nbi *m = ctx;
  for (size_t i = 0; i < m->nnotes; i++)
    if (strcmp(m->notes[i].path, path) == 0)
      return m->notes[i].text;
  return NULL;
}

static void write_output(nbi *m, const char *source_name, nb_buf *out)
{
  nb_buf_puts(out, "# yaml-language-server: $schema=../schemas/report-2021.schema.json\n");
  nb_buf_printf(out, "# 由 nianbao import 从已发布的报告文本%s%s%s导入。数字按原文照录，"
                     "请与原文核对；总计由程序计算，不在本文件中。\n",
                source_name ? "“" : "", source_name ? source_name : "", source_name ? "”" : "");
  int64_t year = nb_node_int(nb_node_get(m->root, "year"), 0);
  if (year)
    nb_buf_printf(out, "# 统计期限：%lld年1月1日至%lld年12月31日。\n", (long long)year,
                  (long long)year);
  if (m->missing.len) {
    nb_buf_puts(out, "# 以下内容原文中没有找到或不完整，已留空，请补全后运行 nianbao lint 检查：\n");
    nb_buf_put(out, m->missing.data, m->missing.len);
  }
  nb_buf_putc(out, '\n');
  nb_yaml_comments cm = {NULL, note_after, m};
  nb_yaml_emit(out, m->root, &cm);
}

nb_import_result nb_import_text(const char *text, size_t len, const char *source_name,
                                nb_buf *out, nb_diags *diags)
{
  nbi m;
  memset(&m, 0, sizeof m);
  m.diags = diags;
  m.arena = nb_arena_new();
  nb_import_result res = NB_IMPORT_REFUSED;
  nb_buf conv = NB_BUF_INIT;

  if (len == 0) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB601", 0, 0, "文件是空的，没有可以导入的内容");
    goto done;
  }
  nb_text_encoding enc = nb_utf8_text(text, len, &conv, NULL);
  if (enc == NB_TEXT_UTF16 || enc == NB_TEXT_BINARY) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB601", 0, 0,
                "这不是文本文件（含有二进制数据；如果是UTF-16编码，请另存为UTF-8）");
    goto done;
  }
  if (enc == NB_TEXT_UNKNOWN) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB601", 0, 0,
                "无法识别文件的文字编码（既不是UTF-8，也不是GBK/GB18030）");
    goto done;
  }
  if (enc == NB_TEXT_GB18030)
    nb_diag_add(diags, NB_SEV_WARNING, "NB602", 0, 0, "文件是GBK/GB18030编码，已按该编码读取");
  if (!nbi_read(&m, conv.data ? conv.data : "", conv.len)) {
    nb_diag_add(diags, NB_SEV_ERROR, "NB600", 0, 0,
                "没有找到年度报告的任何部分标题或表格，看来不是政府信息公开工作年度报告的文本");
    goto done;
  }
  m.root = nb_node_new(m.arena, NB_MAP);
  nbi_identity(&m);
  nbi_overview(&m);
  nbi_tables(&m);
  nbi_problems(&m);
  nbi_other(&m);
  nb_diags_set_source(diags, m.buf, m.len);
  write_output(&m, source_name, out);
  res = m.incomplete ? NB_IMPORT_INCOMPLETE : NB_IMPORT_COMPLETE;
done:
  nb_buf_free(&conv);
  nbi_dispose(&m);
  return res;
}
