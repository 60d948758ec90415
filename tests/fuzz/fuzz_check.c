/* libFuzzer entry point for the whole check (load → schema → rules → message printing).
 * Build: CC=clang cmake -S . -B build-fuzz -DNB_FUZZ=ON && cmake --build build-fuzz
 * Run:   build-fuzz/fuzz_check -max_len=65536 fixtures/ fixtures/invalid/
 * The seed corpus is the fixtures; any crash, leak or sanitizer report is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nb_diags *sd = nb_diags_new("schema");
  nb_schema *schema = nb_schema_load_builtin(sd);
  nb_diags *d = nb_diags_new("fuzz.yaml");
  nb_checked c = {0};
  nb_check_text((const char *)data, size, schema, d, &c);
  FILE *null = fopen("/dev/null", "w");
  if (null) {
    nb_diags_print_text(d, null);
    fclose(null);
  }
  nb_buf json = NB_BUF_INIT;
  nb_diags_json(d, &json);
  nb_buf_free(&json);
  nb_checked_free(&c);
  nb_diags_free(d);
  nb_schema_free(schema);
  nb_diags_free(sd);
  return 0;
}
