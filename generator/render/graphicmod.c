#include "render/graphicmod.h"

#include <string.h>

#include "core/module.h"

#define MODULE_NAME "nianbao-graphic.so"

typedef int (*render_fn)(const char *, size_t, const nb_graphic_opts *, nb_buf *, nb_buf *,
                         nb_diags *);

int nb_graphicmod_render(const char *svg, size_t len, const nb_graphic_opts *opts, nb_buf *pdf,
                         nb_buf *png, nb_diags *diags)
{
  nb_buf tried = NB_BUF_INIT;
  const char *why = NULL;
  void *found = nb_module_symbol(MODULE_NAME, "NIANBAO_GRAPHIC_MODULE", "nb_graphic_render",
                                 &tried, &why);
  if (!found) {
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB522", 0, 0,
                             "找不到图解模块 " MODULE_NAME "（查找了：%s）", nb_buf_cstr(&tried));
    nb_diag_hint(g, "生成图解需要 librsvg（Debian 软件包 librsvg2-2）。请重新安装 nianbao，"
                    "或用环境变量 NIANBAO_GRAPHIC_MODULE 指明模块位置%s%s",
                 why ? "。系统提示：" : "", why ? why : "");
    nb_buf_free(&tried);
    return -1;
  }
  nb_buf_free(&tried);
  render_fn fn;
  memcpy(&fn, &found, sizeof fn); /* object pointer to function pointer, as POSIX allows */
  return fn(svg, len, opts, pdf, png, diags); /* the module stays mapped (RTLD_NODELETE) */
}
