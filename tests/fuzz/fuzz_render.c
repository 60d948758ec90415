/* libFuzzer entry point for render without the PDF: a data file that passes the check goes
 * on to the template context, Markdown, sanitised HTML and JSON. Seeds: the fixtures and
 * fixtures/xss. Run: build-fuzz/fuzz_render -max_len=65536 fixtures/ */
#include <stddef.h>
#include <stdint.h>

#include "check/check.h"
#include "render/context.h"
#include "render/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nb_diags *sd = nb_diags_new("schema");
  nb_schema *schema = nb_schema_load_builtin(sd);
  nb_diags *d = nb_diags_new("fuzz.yaml");
  nb_checked c = {0};
  if (nb_check_text((const char *)data, size, schema, d, &c) == NB_CHECK_OK) {
    nb_node *ctx = nb_context_build(c.root, c.arena);
    nb_renderer *r = nb_renderer_new(NULL);
    nb_buf md = NB_BUF_INIT, html = NB_BUF_INIT, json = NB_BUF_INIT;
    nb_mus_error err = NB_MUS_ERROR_INIT;
    if (nb_render_md(r, ctx, &md, &err) == 0)
      nb_render_html(r, ctx, c.arena, md.data ? md.data : "", md.len, &html, &err);
    nb_render_json(ctx, &json);
    nb_mus_error_free(&err);
    nb_buf_free(&md);
    nb_buf_free(&html);
    nb_buf_free(&json);
    nb_renderer_free(r);
  }
  nb_checked_free(&c);
  nb_diags_free(d);
  nb_schema_free(schema);
  nb_diags_free(sd);
  return 0;
}
