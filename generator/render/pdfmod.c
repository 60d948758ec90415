#include "render/pdfmod.h"

#include <string.h>

#include "core/module.h"

#define MODULE_NAME "nianbao-pdf.so"

typedef int (*render_fn)(const char *, size_t, const nb_pdf_opts *, nb_buf *, nb_diags *);

int nb_pdfmod_render(const char *md, size_t len, const nb_pdf_opts *opts, nb_buf *out,
                     nb_diags *diags)
{
  void *sym = nb_module_require(MODULE_NAME, "NIANBAO_PDF_MODULE", "nb_pdf_render", "NB511",
                                " PDF 模块", diags);
  if (!sym)
    return -1;
  render_fn fn;
  memcpy(&fn, &sym, sizeof fn); /* object pointer to function pointer, as POSIX allows */
  return fn(md, len, opts, out, diags);
}
