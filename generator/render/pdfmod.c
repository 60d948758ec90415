#include "render/pdfmod.h"

#include <string.h>

#include "core/module.h"

#define MODULE_NAME "nianbao-pdf.so"
#define MODULE_ENV "NIANBAO_PDF_MODULE"

typedef int (*render_fn)(const char *, size_t, const nb_pdf_opts *, nb_buf *, nb_diags *);
typedef nb_pdf_cache *(*cache_new_fn)(void);
typedef void (*cache_free_fn)(nb_pdf_cache *);
typedef void (*cache_fonts_fn)(nb_pdf_cache *, nb_buf *);

int nb_pdfmod_render(const char *md, size_t len, const nb_pdf_opts *opts, nb_buf *out,
                     nb_diags *diags)
{
  void *sym = nb_module_require(MODULE_NAME, MODULE_ENV, "nb_pdf_render", "NB511",
                                " PDF 模块", diags);
  if (!sym)
    return -1;
  render_fn fn;
  memcpy(&fn, &sym, sizeof fn); /* object pointer to function pointer, as POSIX allows */
  return fn(md, len, opts, out, diags);
}

/* Symbol SYM of the module, or NULL (no message: rendering reports a missing module). */
static void *quiet_symbol(const char *sym)
{
  nb_buf tried = NB_BUF_INIT;
  void *p = nb_module_symbol(MODULE_NAME, MODULE_ENV, sym, &tried, NULL);
  nb_buf_free(&tried);
  return p;
}

nb_pdf_cache *nb_pdfmod_cache_new(void)
{
  void *sym = quiet_symbol("nb_pdf_cache_new");
  if (!sym)
    return NULL;
  cache_new_fn fn;
  memcpy(&fn, &sym, sizeof fn);
  return fn();
}

void nb_pdfmod_cache_fonts(nb_pdf_cache *c, nb_buf *out)
{
  void *sym = c ? quiet_symbol("nb_pdf_cache_fonts") : NULL;
  if (!sym)
    return;
  cache_fonts_fn fn;
  memcpy(&fn, &sym, sizeof fn);
  fn(c, out);
}

void nb_pdfmod_cache_free(nb_pdf_cache *c)
{
  void *sym = c ? quiet_symbol("nb_pdf_cache_free") : NULL;
  if (!sym)
    return;
  cache_free_fn fn;
  memcpy(&fn, &sym, sizeof fn);
  fn(c);
}
