/* nb_docx: the report as a Word document (.docx), for the office that edits and signs it off.
 *
 * The package's parts are Mustache templates rendered against the template context
 * (render/context.h) with XML escaping, so an office restyles the .docx as it restyles the
 * other outputs (--templates DIR, or DIR/docx/):
 *
 *   [Content_Types].xml           content-types.xml.mustache
 *   _rels/.rels                   rels.xml.mustache
 *   docProps/core.xml, app.xml    core.xml.mustache, app.xml.mustache (title, author = the
 *                                 organ, subject, keywords, dates)
 *   word/document.xml             document.xml.mustache: {{{docx.body}}} and the page set-up
 *                                 (GB/T 9704: A4, 37 mm top, 28 mm left, type area 156 × 225
 *                                 mm, grid of 22 lines × 28 characters)
 *   word/styles.xml               styles.xml.mustache: title 2号 小标宋, 一、 3号 黑体, （一）
 *                                 3号 楷体, body 3号 仿宋, Latin and figures Times New Roman,
 *                                 first line indented two characters, justified
 *   word/settings.xml             settings.xml.mustache (odd and even footers differ)
 *   word/footer1.xml, footer2.xml footer-odd.xml.mustache, footer-even.xml.mustache: "— N —"
 *                                 with a PAGE field, odd pages right, even pages left
 *   word/_rels/document.xml.rels  document.xml.rels.mustache
 *
 * The body comes from the report's Markdown (the same document the HTML and the PDF are made
 * from) through the office module (office/office.h): headings, paragraphs, lists and emphasis
 * as paragraphs and runs, the official tables as Word tables with the same merged cells.
 * The parts are zipped in that order, every entry dated by OPTS->epoch: equal inputs give
 * equal bytes.
 *
 * The context gains the key "docx": {body, fonts {title, hei, kai, song, latin}, created?}
 * (created: "2025-01-20T00:00:00Z" when OPTS->epoch > 0), allocated in ARENA. */
#ifndef NB_DOCX_H
#define NB_DOCX_H
#include "core/buf.h"
#include "core/diag.h"
#include "core/node.h"
#include "mustache/mustache.h"
#include "render/render.h"

typedef struct {
  /* Font names as offices' PCs have them; NULL = 方正小标宋简体, 黑体, 楷体_GB2312,
   * 仿宋_GB2312, Times New Roman. */
  const char *font_title, *font_hei, *font_kai, *font_song, *font_latin;
  long long epoch; /* seconds since 1970 (UTC) for the dates; 0 or less: none */
} nb_docx_opts;

/* Appends the .docx of the report of CTX, whose Markdown is MD (from nb_render_md), to OUT.
 * Returns 0; -1 for a template error (*ERR filled in); -2 when the office module is missing
 * or the package could not be written (an error in DIAGS). */
int nb_render_docx(nb_renderer *r, nb_node *ctx, nb_arena *arena, const char *md,
                   size_t md_len, const nb_docx_opts *opts, nb_buf *out, nb_mus_error *err,
                   nb_diags *diags);

#endif
