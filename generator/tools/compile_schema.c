/* compile_schema: the build's schema compiler (not installed).
 *
 *   compile_schema SCHEMA.json NAME OUT.c
 *
 * loads SCHEMA.json exactly as `nianbao lint --schema` does and writes OUT.c, a C source
 * defining `const nb_schema_image NAME` (see check/schema_image.h), so that the program
 * gets its built-in schema without reading JSON. A schema with an error stops the build
 * with the same positioned messages as lint. Exit codes: 0 written, 1 the schema has an
 * error, 2 usage or writing failed. */
#include <errno.h>
#include <stdio.h>

#include "check/schema_priv.h"
#include "core/diag.h"
#include "core/io.h"

int main(int argc, char **argv)
{
  if (argc != 4) {
    fputs("usage: compile_schema SCHEMA.json NAME OUT.c\n", stderr);
    return 2;
  }
  nb_diags *d = nb_diags_new(argv[1]);
  nb_schema *s = nb_schema_load_file(argv[1], d);
  if (!s) {
    nb_diags_print_text(d, stderr);
    nb_diags_free(d);
    return 1;
  }
  nb_buf out = NB_BUF_INIT;
  nb_schema_image_write(s->img, argv[2], &out);
  int rc = nb_io_write_atomic(argv[3], out.data, out.len) == 0 ? 0 : 2;
  if (rc)
    fprintf(stderr, "compile_schema: %s: %s\n", argv[3], nb_io_errno_text(errno));
  nb_buf_free(&out);
  nb_schema_free(s);
  nb_diags_free(d);
  return rc;
}
