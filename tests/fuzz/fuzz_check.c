/* libFuzzer entry point for the whole check (load → schema → rules → message printing), with
 * the schema fuzzed too. An input holding a NUL byte is a (schema, data) pair: the schema's
 * JSON text before the first NUL, the data after it; other inputs are data checked against
 * the built-in schema. A hostile schema ($ref cycles, deep nesting, huge enum, bad pattern,
 * multipleOf 0, a schema that is not an object) must be refused with a positioned error or
 * used, never crash or hang.
 * Build: CC=clang cmake -S . -B build-fuzz -DNB_FUZZ=ON && cmake --build build-fuzz
 * Run:   build-fuzz/fuzz_check -max_len=65536 fixtures/ fixtures/invalid/
 * The seed corpus is the fixtures (and .ci/test.sh adds schema/data pairs from the JSON
 * Schema Test Suite); any crash, leak or sanitizer report is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void print_all(nb_diags *d)
{
  FILE *null = fopen("/dev/null", "w");
  if (null) {
    nb_diags_print_text(d, null);
    fclose(null);
  }
  nb_buf json = NB_BUF_INIT;
  nb_diags_json(d, &json);
  nb_buf_free(&json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const uint8_t *nul = memchr(data, '\0', size);
  nb_diags *sd = nb_diags_new("schema");
  nb_schema *schema = nul ? nb_schema_load_text((const char *)data, (size_t)(nul - data), sd)
                          : nb_schema_load_builtin(sd);
  print_all(sd);
  if (schema) {
    const char *text = nul ? (const char *)nul + 1 : (const char *)data;
    size_t len = nul ? size - (size_t)(nul - data) - 1 : size;
    nb_diags *d = nb_diags_new("fuzz.yaml");
    nb_checked c = {0};
    nb_check_text(text, len, schema, d, &c);
    print_all(d);
    nb_checked_free(&c);
    nb_diags_free(d);
  }
  nb_schema_free(schema);
  nb_diags_free(sd);
  return 0;
}
