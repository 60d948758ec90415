/* NB227: a township's or street office's report that names another one — the mark of a
 * report copied from a neighbour. Without a gazetteer two sources of names are used: full
 * names in the prose (XX乡人民政府, XX镇人民政府, XX街道办事处), and the short names of the
 * bodies of the same level in the same lint run. Only townships and street offices are
 * checked: departments and governments name other bodies (superiors, partners) as a matter
 * of course, and a township's superiors (县委、县政府) never match these patterns. */
#include "check/prose_priv.h"

#include <string.h>

#include "core/utf8.h"

static const char *const suffixes[] = {"人民政府", "办事处"};
static const char *const kinds[] = {"乡", "镇", "街道"};

/* Characters that end a place name when read backwards: region words and pronouns. */
static int name_stop(uint32_t cp)
{
  static const uint32_t stops[] = {0x7701 /*省*/, 0x5E02 /*市*/, 0x53BF /*县*/, 0x533A /*区*/,
                                   0x5DDE /*州*/, 0x65D7 /*旗*/, 0x6211 /*我*/, 0x672C /*本*/,
                                   0x5168 /*全*/, 0x8BE5 /*该*/, 0x5404 /*各*/, 0x6B64 /*此*/,
                                   0x548C /*和*/, 0x53CA /*及*/, 0x4E0E /*与*/, 0x5728 /*在*/,
                                   0x7531 /*由*/, 0x5BF9 /*对*/, 0x5411 /*向*/, 0x7684 /*的*/};
  if (cp < 0x4E00 || cp > 0x9FFF)
    return 1;
  for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
    if (cp == stops[i])
      return 1;
  return 0;
}

/* Start of the place name that ends at END: two to four characters back to a stop (a
 * region word, a pronoun, punctuation or the start of the text). Returns END when there is
 * no such name: a longer run of characters, or one that starts like a verb ("通过镇人民政府"). */
static size_t name_start(const char *s, size_t end)
{
  static const char verbs[] = "通依利经将为是按指督协配联召把被给从以据到加请报";
  size_t i = end;
  for (int k = 0;; k++) {
    uint32_t cp;
    if (i < 3 || nb_utf8_decode(s + i - 3, 3, &cp) != 3 || name_stop(cp))
      break;
    if (k == 4)
      return end;
    i -= 3;
  }
  if (end - i < 6 || end - i > 12)
    return end;
  for (size_t v = 0; v + 3 <= sizeof verbs - 1; v += 3)
    if (memcmp(s + i, verbs + v, 3) == 0)
      return end;
  return i;
}

size_t nb_prose_short_name(const char *name, char *out, size_t cap)
{
  size_t len = name ? strlen(name) : 0;
  for (size_t k = 0; k < 2; k++) {
    size_t n = strlen(suffixes[k]);
    if (len > n && memcmp(name + len - n, suffixes[k], n) == 0) {
      len -= n;
      break;
    }
  }
  /* drop a region in front ("汶上县军屯乡" → "军屯乡") when a name of 3+ characters stays */
  size_t start = 0;
  for (size_t i = 0; i + 3 <= len; i += 3) {
    uint32_t cp;
    if (nb_utf8_decode(name + i, 3, &cp) == 3 && (cp == 0x53BF || cp == 0x533A || cp == 0x5E02) &&
        nb_sentence_chars(name + i + 3, len - i - 3) >= 3)
      start = i + 3;
  }
  len -= start;
  if (!len || len + 1 > cap)
    return 0;
  memcpy(out, name + start, len);
  out[len] = '\0';
  return len;
}

static int ends_with(const char *s, size_t n, const char *t, size_t m)
{
  return m <= n && memcmp(s + n - m, t, m) == 0;
}

typedef struct {
  char own[96];
  size_t ownlen;
  const char *seen[8]; /* names already reported in this field */
  size_t nseen;
} organ_scan;

static void named(nb_prose_run *r, const nb_prose_field *f, organ_scan *o, size_t at,
                  const char *name, size_t len)
{
  if (!len || (o->ownlen && (ends_with(o->own, o->ownlen, name, len) ||
                             ends_with(name, len, o->own, o->ownlen))))
    return;
  for (size_t i = 0; i < o->nseen; i++)
    if (strncmp(o->seen[i], name, len) == 0 && o->seen[i][len] == '\0')
      return;
  if (o->nseen < 8)
    o->seen[o->nseen++] = nb_arena_strndup(r->arena, name, len);
  const char *me = nb_node_cstr(nb_node_path(r->doc, "organ.name"));
  nb_diag *g = nb_prose_warn(r, "NB227", f, at, "正文提到“%.*s”，而本报告的机关是“%s”", (int)len,
                             name, me ? me : "");
  nb_diag_hint(g, "是否照抄了其他乡镇、街道的报告？改为本机关的名称；确实是说其他机关的，可以不改");
}

/* Full names: XX乡人民政府, XX镇人民政府, XX街道办事处. */
static void full_names(nb_prose_run *r, const nb_prose_field *f, organ_scan *o)
{
  const char *s = f->text->str;
  size_t len = f->text->len;
  for (size_t i = 0; i < len; i += nb_prose_charlen(s + i, len - i))
    for (size_t k = 0; k < 3; k++) {
      size_t n = nb_sentence_starts(s + i, len - i, kinds[k]);
      if (!n || !nb_sentence_starts(s + i + n, len - i - n, suffixes[k == 2]))
        continue;
      size_t start = name_start(s, i);
      uint32_t before;
      if (start < i && !(i >= 3 && nb_utf8_decode(s + i - 3, 3, &before) == 3 && before == 0x4E61))
        named(r, f, o, start, s + start, i + n - start); /* not 乡镇人民政府 */
    }
}

/* Whether NB227 was already reported at byte AT of the field (by its full name). */
static int reported(nb_prose_run *r, const nb_prose_field *f, size_t at)
{
  uint32_t line, col;
  nb_sentence_locate(f->text, at, r->src, r->srclen, &line, &col);
  for (size_t i = 0; i < nb_diags_count(r->diags); i++) {
    const nb_diag *g = nb_diags_get(r->diags, i);
    if (g->line == line && g->col == col && strcmp(g->code, "NB227") == 0)
      return 1;
  }
  return 0;
}

static const char *township_level(const nb_prose_run *r)
{
  const char *level = nb_node_cstr(nb_node_path(r->doc, "organ.level"));
  if (!level || (strcmp(level, "乡镇") != 0 && strcmp(level, "街道") != 0))
    return NULL;
  return level;
}

static void own_name(const nb_prose_run *r, organ_scan *o)
{
  memset(o, 0, sizeof *o);
  o->ownlen = nb_prose_short_name(nb_node_cstr(nb_node_path(r->doc, "organ.name")), o->own, sizeof o->own);
}

void nb_prose_organs(nb_prose_run *r, const nb_prose_field *f)
{
  organ_scan o;
  if (!township_level(r) || !(f->words & (1u << NB_W_GOVERNMENT | 1u << NB_W_OFFICE)))
    return;
  own_name(r, &o);
  full_names(r, f, &o);
}

/* Short names of bodies of the same level seen in the same run. */
void nb_prose_organ_peers(nb_prose_run *r, const nb_prose_field *f)
{
  const char *level = township_level(r);
  const nb_prose_opts *opts = r->opts;
  organ_scan o;
  if (!level || !opts)
    return;
  own_name(r, &o);
  for (size_t p = 0; p < opts->npeers; p++) {
    const nb_prose_peer *peer = &opts->peers[p];
    char name[96];
    size_t n = peer->level && strcmp(peer->level, level) == 0
                 ? nb_prose_short_name(peer->name, name, sizeof name) : 0;
    if (nb_sentence_chars(name, n) < 3)
      continue;
    const char *hit = strstr(f->text->str, name);
    if (hit && !reported(r, f, (size_t)(hit - f->text->str)))
      named(r, f, &o, (size_t)(hit - f->text->str), name, n);
  }
}
