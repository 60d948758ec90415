/* nianbao import: the text of a published report → a data file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "author/author.h"
#include "core/paths.h"
#include "author/import.h"
#include "author/import_doc.h"
#include "core/io.h"
#include "core/load.h"

const char nb_cli_import_help[] =
  "用法：nianbao import 已发布的报告（.docx、网页 .html、文本 .txt）[-o 数据文件.yaml] [--force]\n"
  "\n"
  "把已经发布的年度报告转成数据文件：Word 文档（.docx）、从门户网站保存的网页（.html），\n"
  "或报告的文本（从Word、网页复制出来的文字，或 nianbao 生成的 Markdown）。\n"
  "文件类型按内容判断，不看扩展名。旧版 .doc、加密的文档、RTF 请先用 Word/WPS 另存为 .docx；\n"
  "PDF 不能导入（表格数字无法可靠地按行列读出）。\n"
  "表格中的数字按行名读取，不按位置（Word 和网页的表格按单元格读取，合并单元格已还原）；\n"
  "文字按小标题分到各部分。\n"
  "原文中找不到的内容不会编造：数据文件中留空并加注释，并在屏幕上列出；空白的格子不当作0。\n"
  "原文的数字不符合勾稽关系时，按原文导入并给出警告。\n"
  "\n"
  "选项：\n"
  "  -o 文件     输出的数据文件，默认为“年度-机关名称.yaml”（写 - 表示输出到屏幕）\n"
  "  --force     输出文件已存在时覆盖它（默认不覆盖）\n"
  "\n"
  "退出码：\n"
  "  0  导入完整\n"
  "  1  已写出数据文件，但有内容需要补全（见提示）；或输入不是年度报告，或是无法读取的\n"
  "     文件类型（.doc、加密文档、RTF、PDF、损坏的 .docx），未写出任何文件\n"
  "  2  用法错误，或文件无法读写\n";

static int parse_args(int argc, char **argv, cli_data_opts *o)
{
  int rc = cli_parse_data_opts("import", nb_cli_import_help, argc, argv, o);
  if (rc)
    return rc;
  if (!o->input) {
    fputs("nianbao import: 请给出已发布的报告文本文件。运行 nianbao help import 查看用法。\n",
          stderr);
    return -1;
  }
  return 0;
}

/* "<year>-<organ>.yaml" from the imported data, else the input's name with .yaml. */
static char *default_output(const char *input, const nb_buf *yaml)
{
  nb_arena *a = nb_arena_new();
  nb_diags *d = nb_diags_new("-");
  nb_node *root = nb_load_text(yaml->data, yaml->len, a, d, NULL);
  const char *organ = nb_node_cstr(nb_node_path(root, "organ.name"));
  int64_t year = nb_node_int(nb_node_get(root, "year"), 0);
  char *name = NULL;
  if (organ && year > 0 && year < 10000) {
    name = nb_author_default_name((int)year, organ);
  } else {
    const char *base = strrchr(input, '/') ? strrchr(input, '/') + 1 : input;
    const char *dot = strrchr(base, '.');
    nb_buf b = NB_BUF_INIT;
    nb_buf_put(&b, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
    nb_buf_puts(&b, ".yaml");
    name = nb_buf_detach(&b);
  }
  nb_diags_free(d);
  nb_arena_free(a);
  return name;
}


int nb_cli_import(int argc, char **argv)
{
  cli_data_opts o = {NULL, NULL, 0};
  int rc = parse_args(argc, argv, &o);
  if (rc)
    return rc > 0 ? NB_EXIT_OK : NB_EXIT_USAGE;
  nb_buf in = NB_BUF_INIT;
  nb_io_status st = nb_io_read(o.input, NB_IMPORT_DOC_MAX_BYTES, &in);
  if (st != NB_IO_OK) {
    nb_cli_read_failed(stderr, "import", "", o.input, st);
    nb_buf_free(&in);
    return NB_EXIT_USAGE;
  }
  if (in.len > NB_IMPORT_TEXT_MAX_BYTES && nb_import_doc_kind(in.data, in.len) == NB_DOC_TEXT) {
    nb_cli_read_failed(stderr, "import", "", o.input, NB_IO_TOO_LARGE);
    nb_buf_free(&in);
    return NB_EXIT_USAGE;
  }
  nb_diags *d = nb_diags_new(o.input);
  nb_buf out = NB_BUF_INIT;
  nb_import_result res = nb_import_doc(in.data ? in.data : "", in.len, o.input, &out, d);
  nb_diags_print_text(d, stderr);
  int exit_code = NB_EXIT_INVALID;
  if (res == NB_IMPORT_REFUSED) {
    fputs("nianbao import: 没有写出数据文件。\n", stderr);
  } else {
    char *path = o.output ? NULL : default_output(o.input, &out);
    const char *target = o.output ? o.output : path;
    char *modeline = nb_paths_schema_ref(target);
    if (modeline)
      nb_author_set_schema(&out, modeline);
    free(modeline);
    if (nb_cli_write_data("import", target, out.data, out.len, o.force, o.input) != 0) {
      exit_code = NB_EXIT_USAGE;
    } else {
      size_t gaps = nb_diags_errors(d);
      if (strcmp(target, "-") != 0) {
        if (res == NB_IMPORT_COMPLETE)
          fprintf(stderr, "已写入“%s”：导入完整。请与原文核对后运行 nianbao lint %s。\n", target,
                  target);
        else
          fprintf(stderr, "已写入“%s”：有 %zu 处需要补全（见上，文件中也有注释），补全后运行 nianbao lint %s 检查。\n",
                  target, gaps, target);
      }
      exit_code = res == NB_IMPORT_COMPLETE ? NB_EXIT_OK : NB_EXIT_INVALID;
    }
    nb_buf_free(&out);
    free(path);
  }
  nb_buf_free(&out);
  nb_diags_free(d);
  nb_buf_free(&in);
  return exit_code;
}
