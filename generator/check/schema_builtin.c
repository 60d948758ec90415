/* The built-in schema: the image of schemas/report-2021.schema.json that the build compiles
 * into the program (see check/schema_image.h). Kept apart from check/schema_image.c so that
 * the program writing the image does not need the image itself. */
#include "check/schema.h"
#include "check/schema_image.h"

nb_schema *nb_schema_load_builtin(nb_diags *diags)
{
  return nb_schema_image_read(&nb_schema_builtin_image, diags);
}
