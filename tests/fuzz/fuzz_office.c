/* libFuzzer entry point for the office module's readers and writer (office/office.h), linked
 * in directly. The first byte chooses what the rest is:
 *   0  a .docx file (the zip reader, then the XML reader)
 *   1  the XML of word/document.xml, zipped here by the module's own writer, then read back
 *      (so mutations reach the XML reader instead of failing the zip's checksums)
 *   2  an HTML page (the HTML reader)
 *   3  the report's Markdown (the WordprocessingML body writer)
 * Run: build-fuzz/fuzz_office -max_len=32768 corpus/ (see .ci/test.sh for the corpus). */
#include <stddef.h>
#include <stdint.h>

#include "office/office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  const nb_office_api *api = nb_office_get_api();
  const char *s = (const char *)data + 1;
  size_t n = size - 1;
  nb_diags *d = nb_diags_new("fuzz.docx");
  nb_buf out = NB_BUF_INIT, zip = NB_BUF_INIT;
  switch (data[0] % 4) {
  case 0:
    api->docx_text(s, n, &out, d);
    break;
  case 1: {
    nb_office_part part = {"word/document.xml", s, n};
    if (api->zip(&part, 1, 0, &zip, d) == 0)
      api->docx_text(zip.data, zip.len, &out, d);
    break;
  }
  case 2:
    api->html_text(s, n, &out, d);
    break;
  default:
    {
    nb_office_chart chart = {"x.svg", 1, 3600000, 3600000};
    api->wml_body(s, n, 8844, &chart, 1, &out);
  }
    break;
  }
  nb_buf_free(&zip);
  nb_buf_free(&out);
  nb_diags_free(d);
  return 0;
}
