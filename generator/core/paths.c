#define _XOPEN_SOURCE 700 /* realpath */
#include "core/paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"

char *nb_paths_exe_dir(void)
{
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0)
    return NULL;
  self[n] = '\0';
  char *slash = strrchr(self, '/');
  return slash ? nb_xstrndup(self, (size_t)(slash - self)) : NULL;
}

char *nb_paths_installed_schema(void)
{
  char *dir = nb_paths_exe_dir();
  if (!dir)
    return NULL;
  nb_buf path = NB_BUF_INIT;
  nb_buf_printf(&path, "%s/" NB_SCHEMA_RELDIR "/report-2021.schema.json", dir);
  free(dir);
  char *real = realpath(path.data, NULL);
  nb_buf_free(&path);
  return real;
}

/* The path of file TO relative to directory FROM; both absolute and canonical (realpath). */
static char *relative_path(const char *from, const char *to)
{
  size_t i = 0, common = 0;
  for (; from[i] && from[i] == to[i]; i++)
    if (from[i] == '/')
      common = i;
  if (!from[i] && to[i] == '/')
    common = i; /* FROM is a folder above TO */
  nb_buf rel = NB_BUF_INIT;
  for (const char *p = from + common; *p; p++)
    if (*p == '/' && p[1] && p[1] != '/')
      nb_buf_puts(&rel, "../");
  nb_buf_puts(&rel, to + common + 1);
  return nb_buf_detach(&rel);
}

/* The folder of OUTPUT, canonical, or NULL when it does not exist. */
static char *output_dir(const char *output)
{
  const char *slash = strrchr(output, '/');
  char *dir = slash == output ? nb_xstrdup("/")
              : slash         ? nb_xstrndup(output, (size_t)(slash - output))
                              : nb_xstrdup(".");
  char *real = realpath(dir, NULL);
  free(dir);
  return real;
}

char *nb_paths_schema_ref(const char *output)
{
  char *installed = nb_paths_installed_schema();
  if (installed)
    return installed;
  char *schema = realpath(NB_SOURCE_SCHEMA, NULL);
  if (!schema || !output || strcmp(output, "-") == 0)
    return schema;
  char *dir = output_dir(output);
  char *ref = dir ? relative_path(dir, schema) : NULL;
  free(dir);
  if (!ref)
    return schema;
  free(schema);
  return ref;
}

char *nb_paths_rebase(const char *ref, const char *from, const char *to)
{
  if (!*ref || ref[0] == '/' || strstr(ref, "://"))
    return NULL;
  char *from_dir = output_dir(strcmp(from, "-") == 0 ? "./-" : from);
  if (!from_dir)
    return NULL;
  nb_buf joined = NB_BUF_INIT;
  nb_buf_printf(&joined, "%s/%s", from_dir, ref);
  free(from_dir);
  char *target = realpath(joined.data, NULL);
  nb_buf_free(&joined);
  if (!target)
    return NULL;
  char *to_dir = strcmp(to, "-") == 0 ? NULL : output_dir(to);
  char *out = to_dir ? relative_path(to_dir, target) : NULL;
  free(to_dir);
  if (!out)
    return target;
  free(target);
  if (strcmp(out, ref) == 0) {
    free(out);
    return NULL;
  }
  return out;
}
