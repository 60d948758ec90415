#include "core/embed.h"
#include <string.h>

const nb_embedded_file *nb_embed_find(const char *name)
{
  for (const nb_embedded_file *f = nb_embedded_files; f->name; f++)
    if (strcmp(f->name, name) == 0)
      return f;
  return NULL;
}
