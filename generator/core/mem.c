/* nb_mem (see core/mem.h): the mappings listed in /proc/self/maps, dropped with madvise. */
#define _DEFAULT_SOURCE /* madvise */
#include "core/mem.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Whether PATH names a font file in a fonts folder. */
static int font_file(const char *path)
{
  static const char *const ext[] = {".ttf\n", ".ttc\n", ".otf\n", ".TTF\n", ".TTC\n", ".OTF\n"};
  if (!strstr(path, "/fonts/"))
    return 0;
  size_t n = strlen(path);
  for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
    if (n >= 5 && strcmp(path + n - 5, ext[i]) == 0)
      return 1;
  return 0;
}

void nb_mem_release_fonts(void)
{
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f)
    return;
  char line[4096];
  int whole = 1; /* LINE starts a line of the file */
  while (fgets(line, sizeof line, f)) {
    int starts = whole;
    whole = strchr(line, '\n') != NULL;
    if (!starts)
      continue;
    unsigned long start, end;
    char perms[8];
    int path = 0;
    /* start-end perms offset device inode path: private and read-only, so never written */
    if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &start, &end, perms, &path) == 3 && path &&
        strcmp(perms, "r--p") == 0 && font_file(line + path))
      madvise((void *)start, end - start, MADV_DONTNEED);
  }
  fclose(f);
}

void nb_mem_trim(void)
{
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}
