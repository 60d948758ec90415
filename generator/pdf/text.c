/* Shaped strings and the display list (see pdf/text.h). */
#include "pdf/text.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "pdf/linebreak.h"

#define SUBSTITUTE 0x3013u /* 〓 */

/* ---- strings ---- */

static void str_push(nb_pdf_str *s, uint32_t cp, int face)
{
  if (s->n == s->cap) {
    NB_GROW(s->cp, s->n, s->cap, 64); /* then the parallel arrays to the same capacity */
    s->face = nb_xrealloc(s->face, s->cap);
    s->w = nb_xrealloc(s->w, s->cap * sizeof *s->w);
  }
  s->cp[s->n] = cp;
  s->face[s->n] = (unsigned char)face;
  s->w[s->n++] = 0;
}

void nb_pdf_str_add(nb_pdf_str *s, const char *text, size_t len, int face)
{
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    i += nb_utf8_decode(text + i, len - i, &cp);
    if (cp == '\t' || cp == '\r')
      cp = ' ';
    if (cp < 0x20 && cp != '\n')
      continue;
    str_push(s, cp, face);
  }
}

void nb_pdf_str_free(nb_pdf_str *s)
{
  free(s->cp);
  free(s->face);
  free(s->w);
  memset(s, 0, sizeof *s);
}

double nb_pdf_str_width(const nb_pdf_str *s, size_t a, size_t b)
{
  double w = 0;
  for (size_t i = a; i < b; i++)
    w += s->w[i];
  return w;
}

static int already_warned(nb_pdf_layout *lay, uint32_t cp, unsigned line)
{
  for (size_t i = 0; i < lay->nwarned; i += 2)
    if (lay->warned[i] == cp && lay->warned[i + 1] == line)
      return 1;
  lay->warned = nb_grow(lay->warned, lay->nwarned, 2, &lay->capwarned, sizeof *lay->warned, 32);
  lay->warned[lay->nwarned++] = cp;
  lay->warned[lay->nwarned++] = line;
  return 0;
}

static const char *const ROLE_NAME[NB_PDF_NROLES] = {"宋体", "楷体", "黑体", "标题"};

/* The order in which faces are tried for a character of role PREF: the role's face, then
 * the faces of the same style, then the others (a rare character in 宋 text stays 宋). */
static void face_order(int pref, int order[NB_PDF_NFACES - 1])
{
  static const int song[] = {NB_PDF_SONG, NB_PDF_SONG_FB, NB_PDF_KAI, NB_PDF_KAI_FB,
                             NB_PDF_HEI, NB_PDF_HEI_FB, NB_PDF_LATIN};
  static const int kai[] = {NB_PDF_KAI, NB_PDF_KAI_FB, NB_PDF_SONG, NB_PDF_SONG_FB,
                            NB_PDF_HEI, NB_PDF_HEI_FB, NB_PDF_LATIN};
  static const int hei[] = {NB_PDF_HEI, NB_PDF_HEI_FB, NB_PDF_SONG, NB_PDF_SONG_FB,
                            NB_PDF_KAI, NB_PDF_KAI_FB, NB_PDF_LATIN};
  const int *o = pref == NB_PDF_KAI ? kai : pref == NB_PDF_HEI ? hei : song;
  for (int i = 0; i < NB_PDF_NFACES - 1; i++)
    order[i] = o[i];
}

/* Letters, figures and ASCII marks of 宋 text (and of the title when it is set in the 宋
 * face) are drawn in the Latin serif. */
static int latin_face(const nb_pdf_layout *lay, uint32_t cp, int pref)
{
  if (cp < 0x20 || cp > 0x7E)
    return 0;
  if (pref != NB_PDF_SONG && !(pref == NB_PDF_TITLE && lay->font[NB_PDF_TITLE] == lay->font[NB_PDF_SONG]))
    return 0;
  return lay->font[NB_PDF_LATIN] != lay->font[NB_PDF_SONG] && nb_font_has(lay->font[NB_PDF_LATIN], cp);
}

/* The face to draw CP in, preferring role PREF; may replace *CP by 〓. */
static int resolve_face(nb_pdf_layout *lay, uint32_t *cp, int pref, unsigned line)
{
  char u[5] = {0};
  if (*cp > 0xFFFF) {
    nb_utf8_encode(*cp, u);
    if (!already_warned(lay, *cp, line)) {
      nb_diag *g = nb_diag_add(lay->diags, NB_SEV_WARNING, "NB505", line, 0,
                               "字符 U+%04X「%s」超出基本多文种平面，PDF 中无法编码，已用「〓」代替",
                               (unsigned)*cp, u);
      nb_diag_hint(g, "请改用常用字，或在 .md/.html 输出中核对该字");
    }
    *cp = SUBSTITUTE;
  }
  if (latin_face(lay, *cp, pref))
    return NB_PDF_LATIN;
  if (nb_font_has(lay->font[pref], *cp) || *cp == ' ' || *cp == NB_PDF_HARD_BREAK)
    return pref;
  int order[NB_PDF_NFACES - 1];
  face_order(pref, order);
  nb_utf8_encode(*cp, u);
  for (int i = 0; i < NB_PDF_NFACES - 1; i++) {
    int f = order[i];
    if (nb_font_has(lay->font[f], *cp)) {
      if (*cp != SUBSTITUTE && !already_warned(lay, *cp, line))
        nb_diag_add(lay->diags, NB_SEV_WARNING, "NB503", line, 0,
                    "字符 U+%04X「%s」在%s字体“%s”中没有字形，已改用“%s”显示", (unsigned)*cp, u,
                    ROLE_NAME[pref], nb_font_family(lay->font[pref]),
                    nb_font_family(lay->font[f]));
      return f;
    }
  }
  if (!already_warned(lay, *cp, line)) {
    nb_diag *g = nb_diag_add(lay->diags, NB_SEV_WARNING, "NB504", line, 0,
                             "字符 U+%04X「%s」在所有字体中都没有字形，已用「〓」代替",
                             (unsigned)*cp, u);
    nb_diag_hint(g, "可用 --font-song 等选项指定包含该字的 TrueType 字体");
  }
  *cp = SUBSTITUTE;
  if (nb_font_has(lay->font[pref], *cp))
    return pref;
  for (int i = 0; i < NB_PDF_NFACES - 1; i++)
    if (nb_font_has(lay->font[order[i]], *cp))
      return order[i];
  *cp = '?';
  return pref;
}

static int latin_side(uint32_t cp)
{
  return nb_lb_is_latin(cp) || nb_lb_is_space(cp);
}

void nb_pdf_str_shape(nb_pdf_layout *lay, nb_pdf_str *s, double size, double track,
                      unsigned line)
{
  size_t j = 0;
  for (size_t i = 0; i < s->n; i++) {
    uint32_t cp = s->cp[i];
    if (cp == '\n') {
      /* soft break: a space only between two Latin words */
      int prev = j > 0 && latin_side(s->cp[j - 1]);
      int next = i + 1 < s->n && latin_side(s->cp[i + 1]);
      if (!(prev && next))
        continue;
      cp = ' ';
    }
    int face = resolve_face(lay, &cp, s->face[i], line);
    s->cp[j] = cp;
    s->face[j] = (unsigned char)face;
    s->w[j] = cp == NB_PDF_HARD_BREAK ? 0 : nb_font_advance(lay->font[face], cp) * size + track;
    j++;
  }
  s->n = j;
  s->size = size;
  s->track = track;
}

/* ---- display list ---- */

void nb_pdf_emit(nb_pdf_layout *lay, const nb_pdf_str *s, size_t a, size_t b, unsigned page,
                 double x, double y, double extra)
{
  while (a < b) {
    size_t e = a;
    nb_buf text = NB_BUF_INIT;
    double adv = 0;
    for (; e < b && s->face[e] == s->face[a]; e++) {
      char u[4];
      if (s->cp[e] != NB_PDF_HARD_BREAK)
        nb_buf_put(&text, u, nb_utf8_encode(s->cp[e], u));
      adv += s->w[e] + extra;
    }
    if (text.len) {
      NB_GROW(lay->runs, lay->nruns, lay->capruns, 64);
      nb_pdf_run *r = &lay->runs[lay->nruns++];
      r->page = page;
      r->face = s->face[a];
      r->size = s->size;
      r->x = x;
      r->y = y;
      r->cs = s->track + extra;
      r->bold = s->bold && !nb_font_heavy(lay->font[r->face]);
      r->elem = lay->cur;
      r->text = nb_buf_detach(&text);
    }
    x += adv;
    a = e;
  }
}

void nb_pdf_add_rule(nb_pdf_layout *lay, unsigned page, double x0, double y0, double x1,
                     double y1, double width)
{
  NB_GROW(lay->rules, lay->nrules, lay->caprules, 64);
  nb_pdf_rule r = {page, x0, y0, x1, y1, width};
  lay->rules[lay->nrules++] = r;
}

void nb_pdf_new_page(nb_pdf_layout *lay)
{
  lay->page++;
  lay->y = 0;
}
