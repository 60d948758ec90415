/* libFuzzer entry point for the PDF layout: any Markdown (with the table subset) is laid out
 * and written. Needs the default fonts. Seeds: tests/pdf-sample.md and rendered .md files.
 * Run: build-fuzz/fuzz_pdf -max_len=16384 -timeout=20 corpus/ */
#include <stddef.h>
#include <stdint.h>

#include "pdf/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nb_diags *d = nb_diags_new("fuzz.md");
  nb_buf out = NB_BUF_INIT;
  nb_pdf_render((const char *)data, size, NULL, &out, d);
  nb_buf_free(&out);
  nb_diags_free(d);
  return 0;
}
