#include "render/pdfmod.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "core/paths.h"

#define MODULE_NAME "nianbao-pdf.so"

typedef int (*render_fn)(const char *, size_t, const nb_pdf_opts *, nb_buf *, nb_diags *);

/* Tries PATH; on success stores the handle and returns the entry point. */
static render_fn try_open(const char *path, void **handle, nb_buf *tried)
{
  nb_buf_printf(tried, "%s%s", tried->len ? "、" : "", path);
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!h)
    return NULL;
  render_fn fn;
  void *sym = dlsym(h, "nb_pdf_render");
  memcpy(&fn, &sym, sizeof fn); /* object pointer to function pointer, as POSIX allows */
  if (!fn) {
    dlclose(h);
    return NULL;
  }
  *handle = h;
  return fn;
}

static render_fn find(void **handle, nb_buf *tried)
{
  const char *env = getenv("NIANBAO_PDF_MODULE");
  if (env && *env)
    return try_open(env, handle, tried);
  char *dir = nb_paths_exe_dir();
  /* beside the program (a build directory), then where an install tree keeps it */
  static const char *const subdirs[] = {"", "/" NB_PDF_MODULE_RELDIR};
  for (size_t i = 0; dir && i < sizeof subdirs / sizeof subdirs[0]; i++) {
    nb_buf path = NB_BUF_INIT;
    nb_buf_printf(&path, "%s%s/" MODULE_NAME, dir, subdirs[i]);
    render_fn fn = try_open(path.data, handle, tried);
    nb_buf_free(&path);
    if (fn) {
      free(dir);
      return fn;
    }
  }
  free(dir);
  return try_open(NB_PDF_MODULE_DIR "/" MODULE_NAME, handle, tried);
}

int nb_pdfmod_render(const char *md, size_t len, const nb_pdf_opts *opts, nb_buf *out,
                     nb_diags *diags)
{
  void *handle = NULL;
  nb_buf tried = NB_BUF_INIT;
  render_fn fn = find(&handle, &tried);
  if (!fn) {
    const char *why = dlerror();
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, "NB511", 0, 0,
                             "找不到 PDF 模块 " MODULE_NAME "（查找了：%s）", nb_buf_cstr(&tried));
    nb_diag_hint(g, "请重新安装 nianbao，或用环境变量 NIANBAO_PDF_MODULE 指明模块位置%s%s",
                 why ? "。系统提示：" : "", why ? why : "");
    nb_buf_free(&tried);
    return -1;
  }
  nb_buf_free(&tried);
  int rc = fn(md, len, opts, out, diags);
  dlclose(handle);
  return rc;
}
