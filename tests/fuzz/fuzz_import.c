/* libFuzzer entry point for nianbao import (published text → data file), see fuzz_check.c.
 * Run: build-fuzz/fuzz_import -max_len=65536 /path/to/seeds/ fixtures/import/ */
#include <stddef.h>
#include <stdint.h>

#include "author/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nb_diags *d = nb_diags_new("fuzz.txt");
  nb_buf out = NB_BUF_INIT;
  nb_import_text((const char *)data, size, "fuzz.txt", &out, d);
  nb_buf_free(&out);
  nb_diags_free(d);
  return 0;
}
