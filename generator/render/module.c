/* nb_module: the search for modules (see render/module.h). */
#include "render/module.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "core/paths.h"

/* Tries PATH; on success stores the handle and returns the entry point. */
static nb_module_fn try_open(const char *path, const char *symbol, void **handle, nb_buf *tried)
{
  nb_buf_printf(tried, "%s%s", tried->len ? "、" : "", path);
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!h)
    return NULL;
  nb_module_fn fn;
  void *sym = dlsym(h, symbol);
  memcpy(&fn, &sym, sizeof fn); /* object pointer to function pointer, as POSIX allows */
  if (!fn) {
    dlclose(h);
    return NULL;
  }
  *handle = h;
  return fn;
}

nb_module_fn nb_module_find(const char *file, const char *env, const char *symbol,
                            void **handle, nb_buf *tried)
{
  const char *set = getenv(env);
  if (set && *set)
    return try_open(set, symbol, handle, tried);
  char *dir = nb_paths_exe_dir();
  /* beside the program (a build directory), then where an install tree keeps it */
  static const char *const subdirs[] = {"", "/" NB_PDF_MODULE_RELDIR};
  for (size_t i = 0; dir && i < sizeof subdirs / sizeof subdirs[0]; i++) {
    nb_buf path = NB_BUF_INIT;
    nb_buf_printf(&path, "%s%s/%s", dir, subdirs[i], file);
    nb_module_fn fn = try_open(path.data, symbol, handle, tried);
    nb_buf_free(&path);
    if (fn) {
      free(dir);
      return fn;
    }
  }
  free(dir);
  nb_buf path = NB_BUF_INIT;
  nb_buf_printf(&path, "%s/%s", NB_PDF_MODULE_DIR, file);
  nb_module_fn fn = try_open(path.data, symbol, handle, tried);
  nb_buf_free(&path);
  return fn;
}
