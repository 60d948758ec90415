/* Schemas checking with an image as it is: the built-in one, the image of
 * schemas/report-2021.schema.json that the build compiles into the program (see
 * check/schema_image.h). Kept apart from check/schema_image.c so that the program writing the
 * image does not need the image itself. */
#include "check/schema.h"
#include "check/schema_priv.h"

nb_schema *nb_schema_image_load(const nb_schema_image *img, nb_diags *diags)
{
  nb_schema *s = nb_xcalloc(1, sizeof *s);
  s->img = img;
  atomic_init(&s->made, NULL);
  for (size_t i = 0; i < img->n_patterns; i++) {
    const nb_schema_image_node *t = &img->nodes[img->patterns[i]];
    if (nb_schema_add_pattern(s, img->strings + t->str, t->len, NULL, diags) != i + 1) {
      nb_schema_free(s);
      return NULL;
    }
  }
  return s;
}

nb_schema *nb_schema_load_builtin(nb_diags *diags)
{
  return nb_schema_image_load(&nb_schema_builtin_image, diags);
}
