/* Shared by the cmocka programs (see tests/helpers.h). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/diag.h"
#include "core/io.h"

static unsigned skipped; /* tests skipped in this process */

char *nb_test_path(const char *env, const char *rel)
{
  const char *dir = getenv(env);
  nb_buf b = NB_BUF_INIT;
  nb_buf_printf(&b, "%s/%s", dir ? dir : ".", rel);
  return nb_buf_detach(&b);
}

void nb_test_skipping(const char *why)
{
  printf("SKIPPING: %s\n", why);
}

void nb_test_skipped_at(const char *file, int line)
{
  printf("SKIPPED at %s:%d\n", file, line);
  skipped++;
}

int nb_test_have(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (f) {
    fclose(f);
    return 1;
  }
  printf("SKIPPING: %s is missing\n", path);
  return 0;
}

int nb_test_exit(int failures)
{
  if (failures)
    return failures;
  if (skipped)
    printf("%u test(s) skipped: reported to CTest as skipped (exit 77)\n", skipped);
  return skipped ? 77 : 0;
}

int nb_test_fixture_setup(void **state, const char *name)
{
  nb_test_fixture *f = test_calloc(1, sizeof *f);
  nb_diags *d = nb_diags_new("schema");
  f->schema = nb_schema_load_builtin(d);
  nb_diags_free(d);
  nb_buf rel = NB_BUF_INIT;
  nb_buf_printf(&rel, "fixtures/%s", name);
  char *path = nb_test_path("NB_SOURCE_DIR", rel.data);
  int ok = f->schema && nb_io_read(path, 1 << 20, &f->base) == NB_IO_OK;
  free(path);
  nb_buf_free(&rel);
  *state = f;
  return ok ? 0 : -1;
}

int nb_test_fixture_teardown(void **state)
{
  nb_test_fixture *f = *state;
  nb_schema_free(f->schema);
  nb_buf_free(&f->base);
  test_free(f);
  return 0;
}
