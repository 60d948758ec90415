/* libFuzzer entry point for the Mustache engine: the input is split at its first NUL byte
 * into a template and YAML data; the template is parsed and rendered against the data.
 * Run: build-fuzz/fuzz_template -max_len=16384 templates/ */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/load.h"
#include "mustache/mustache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *text = (const char *)data;
  const char *nul = memchr(text, '\0', size);
  size_t tlen = nul ? (size_t)(nul - text) : size;
  nb_arena *a = nb_arena_new();
  nb_diags *d = nb_diags_new("data.yaml");
  nb_node *ctx = nul ? nb_load_text(nul + 1, size - tlen - 1, a, d, NULL) : NULL;
  nb_mus_error err = NB_MUS_ERROR_INIT;
  nb_mus_tpl *t = nb_mus_parse("fuzz.mustache", text, tlen, &err);
  if (t) {
    nb_buf out = NB_BUF_INIT;
    nb_mus_render(t, ctx, NULL, &out, &err);
    nb_buf_free(&out);
    nb_mus_free(t);
  }
  nb_mus_error_free(&err);
  nb_diags_free(d);
  nb_arena_free(a);
  return 0;
}
