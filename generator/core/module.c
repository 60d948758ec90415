#define _GNU_SOURCE /* dl_iterate_phdr */
#include "core/module.h"

#include <dlfcn.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/paths.h"

/* Opens PATH and returns SYM from it, or NULL (the handle is then closed). */
static void *try_open(const char *path, const char *sym, nb_buf *tried, const char **why)
{
  nb_buf_printf(tried, "%s%s", tried->len ? "、" : "", path);
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!h) {
    if (why)
      *why = dlerror();
    return NULL;
  }
  void *p = dlsym(h, sym);
  if (!p && why)
    *why = dlerror();
  dlclose(h); /* RTLD_NODELETE: stays mapped when the symbol is used */
  return p;
}

void *nb_module_symbol(const char *name, const char *env, const char *sym, nb_buf *tried,
                       const char **why)
{
  if (why)
    *why = NULL;
  const char *forced = env ? getenv(env) : NULL;
  if (forced && *forced)
    return try_open(forced, sym, tried, why);
  char *dir = nb_paths_exe_dir();
  /* beside the program (a build directory), then where an install tree keeps it */
  static const char *const subdirs[] = {"", "/" NB_PDF_MODULE_RELDIR};
  for (size_t i = 0; dir && i < sizeof subdirs / sizeof subdirs[0]; i++) {
    nb_buf path = NB_BUF_INIT;
    nb_buf_printf(&path, "%s%s/%s", dir, subdirs[i], name);
    void *p = try_open(path.data, sym, tried, why);
    nb_buf_free(&path);
    if (p) {
      free(dir);
      return p;
    }
  }
  free(dir);
  nb_buf path = NB_BUF_INIT;
  nb_buf_printf(&path, NB_PDF_MODULE_DIR "/%s", name);
  void *p = try_open(path.data, sym, tried, why);
  nb_buf_free(&path);
  return p;
}

/* One line of nb_module_files for PATH. */
static int describe_object(struct dl_phdr_info *info, size_t size, void *out)
{
  (void)size;
  const char *path = info->dlpi_name && *info->dlpi_name ? info->dlpi_name : "/proc/self/exe";
  struct stat st;
  if (stat(path, &st) == 0)
    nb_buf_printf(out, "%s %lld.%09ld %lld\n", path, (long long)st.st_mtim.tv_sec,
                  (long)st.st_mtim.tv_nsec, (long long)st.st_size);
  return 0;
}

void nb_module_files(nb_buf *out)
{
  dl_iterate_phdr(describe_object, out);
}

void *nb_module_require(const char *name, const char *env, const char *sym, const char *code,
                        const char *what, nb_diags *diags)
{
  nb_buf tried = NB_BUF_INIT;
  const char *why = NULL;
  void *p = nb_module_symbol(name, env, sym, &tried, &why);
  if (!p) {
    nb_diag *g = nb_diag_add(diags, NB_SEV_ERROR, code, 0, 0, "找不到%s %s（查找了：%s）", what,
                             name, nb_buf_cstr(&tried));
    nb_diag_hint(g, "请重新安装 nianbao，或用环境变量 %s 指明模块位置%s%s", env,
                 why ? "。系统提示：" : "", why ? why : "");
  }
  nb_buf_free(&tried);
  return p;
}
