#include "render/pdfmod.h"

#include <dlfcn.h>
#include <string.h>

#include "render/module.h"

#define MODULE_NAME "nianbao-pdf.so"

typedef int (*render_fn)(const char *, size_t, const nb_pdf_opts *, nb_buf *, nb_diags *);

int nb_pdfmod_render(const char *md, size_t len, const nb_pdf_opts *opts, nb_buf *out,
                     nb_diags *diags)
{
  void *handle = NULL;
  nb_buf tried = NB_BUF_INIT;
  nb_module_fn found = nb_module_find(MODULE_NAME, "NIANBAO_PDF_MODULE", "nb_pdf_render",
                                      &handle, &tried);
  if (!found) {
    const char *why = dlerror();
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB511", 0, 0,
                             "找不到 PDF 模块 " MODULE_NAME "（查找了：%s）", nb_buf_cstr(&tried));
    nb_diag_hint(g, "请重新安装 nianbao，或用环境变量 NIANBAO_PDF_MODULE 指明模块位置%s%s",
                 why ? "。系统提示：" : "", why ? why : "");
    nb_buf_free(&tried);
    return -1;
  }
  nb_buf_free(&tried);
  render_fn fn;
  memcpy(&fn, &found, sizeof fn);
  int rc = fn(md, len, opts, out, diags);
  dlclose(handle);
  return rc;
}
