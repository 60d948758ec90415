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
