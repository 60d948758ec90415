/* Writing a compiled schema as C data and reading it back.
 *
 * Writing numbers the nodes in depth-first order (a mapping's keys and values, a list's
 * items); the children of each node are then consecutive in the pairs or items, appended
 * node by node in that order. Pointers (children, keywords, $ref targets) become node
 * indices, found by binary search in the nodes sorted by address. Reading allocates every
 * node, pair, item and keywords struct at once and turns the indices back into pointers:
 * nothing is parsed, looked up or resolved. */
#include "check/schema_image.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading ---------------------------------------------------------------------------- */

static void read_node(const nb_schema_image *img, size_t i, nb_node *nodes, nb_pair *pairs,
                      nb_node **items, nb_schema_keywords *kws)
{
  const nb_schema_image_node *r = &img->nodes[i];
  nb_node *n = &nodes[i];
  n->kind = (nb_kind)r->kind;
  n->style = (nb_style)r->style;
  n->line = r->line;
  n->col = r->col;
  n->end_line = r->end_line;
  n->end_col = r->end_col;
  if (r->str != NB_SCHEMA_IMAGE_NO_STR) {
    n->str = img->strings + r->str;
    n->len = r->len;
  }
  if (n->kind == NB_INT)
    n->num.i = r->value;
  else if (n->kind == NB_BOOL)
    n->num.b = r->value != 0;
  else if (n->kind == NB_REAL)
    n->num.r = strtod(n->str, NULL); /* as the JSON reader does */
  n->n = n->cap = r->count;
  if (n->kind == NB_MAP)
    n->pairs = pairs + r->first;
  else if (n->kind == NB_SEQ)
    n->items = items + r->first;
  if (r->keywords)
    n->aux = &kws[r->keywords - 1];
}

static void read_keywords(const nb_schema_image_keywords *r, nb_schema_keywords *k,
                          const nb_node *nodes)
{
  for (size_t j = 0; j < NB_SCHEMA_KEYWORDS; j++)
    if (r->field[j])
      *(const nb_node **)(void *)((char *)k + nb_schema_keyword_table[j].offset) =
          &nodes[r->field[j] - 1];
  k->ref_target = r->ref_target ? &nodes[r->ref_target - 1] : NULL;
  k->re = r->re;
  k->pp_re = r->pp_re;
}

nb_schema *nb_schema_image_read(const nb_schema_image *img, nb_diags *diags)
{
  nb_schema *s = nb_xcalloc(1, sizeof *s);
  s->arena = nb_arena_new();
  nb_node *nodes = nb_arena_alloc(s->arena, img->n_nodes * sizeof *nodes);
  nb_pair *pairs = nb_arena_alloc(s->arena, img->n_pairs * sizeof *pairs);
  nb_node **items = nb_arena_alloc(s->arena, img->n_items * sizeof *items);
  nb_schema_keywords *kws = nb_arena_alloc(s->arena, img->n_keywords * sizeof *kws);
  for (size_t i = 0; i < img->n_nodes; i++)
    read_node(img, i, nodes, pairs, items, kws);
  for (size_t i = 0; i < img->n_pairs; i++) {
    pairs[i].key = &nodes[img->pairs[i].key];
    pairs[i].val = &nodes[img->pairs[i].val];
  }
  for (size_t i = 0; i < img->n_items; i++)
    items[i] = &nodes[img->items[i]];
  for (size_t i = 0; i < img->n_keywords; i++)
    read_keywords(&img->keywords[i], &kws[i], nodes);
  s->root = &nodes[img->root];
  for (size_t i = 0; i < img->n_patterns; i++)
    if (nb_schema_add_pattern(s, &nodes[img->patterns[i]], diags) != i + 1) {
      nb_schema_free(s);
      return NULL;
    }
  return s;
}

/* ---- writing ---------------------------------------------------------------------------- */

typedef struct {
  const nb_node *node;
  uint32_t index;
} numbered;

typedef struct {
  const nb_node **order; /* the nodes by index */
  size_t n, cap;
  numbered *by_address;
} numbering;

static void number(numbering *nb, const nb_node *n)
{
  NB_GROW(nb->order, nb->n, nb->cap, 256);
  nb->order[nb->n++] = n;
  for (size_t i = 0; n->kind == NB_MAP && i < n->n; i++) {
    number(nb, n->pairs[i].key);
    number(nb, n->pairs[i].val);
  }
  for (size_t i = 0; n->kind == NB_SEQ && i < n->n; i++)
    number(nb, n->items[i]);
}

static int by_address(const void *a, const void *b)
{
  uintptr_t x = (uintptr_t)((const numbered *)a)->node, y = (uintptr_t)((const numbered *)b)->node;
  return (x > y) - (x < y);
}

/* 1 + the index of N, or 0 for NULL. Every node a schema points at is in its tree. */
static uint32_t index_of(const numbering *nb, const nb_node *n)
{
  if (!n)
    return 0;
  numbered key = {n, 0};
  const numbered *hit = bsearch(&key, nb->by_address, nb->n, sizeof key, by_address);
  if (!hit)
    abort(); /* a pointer out of the tree: a bug in the compiler, not in the schema */
  return hit->index + 1;
}

/* A comma-separated list of uint32 values, 16 to a line. */
static void put_u32(nb_buf *out, size_t k, uint32_t v)
{
  nb_buf_printf(out, "%s%" PRIu32 ",", k && k % 16 == 0 ? "\n" : "", v);
}

static void write_nodes(const numbering *nb, nb_buf *out)
{
  size_t strings = 0, pairs = 0, items = 0, kws = 0;
  nb_buf_puts(out, "static const nb_schema_image_node nodes[] = {\n");
  for (size_t i = 0; i < nb->n; i++) {
    const nb_node *n = nb->order[i];
    size_t first = n->kind == NB_MAP ? pairs : n->kind == NB_SEQ ? items : 0;
    int64_t value = n->kind == NB_INT ? n->num.i : n->kind == NB_BOOL ? n->num.b != 0 : 0;
    nb_buf_printf(out, "{%d,%d,%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",", (int)n->kind,
                  (int)n->style, n->line, n->col, n->end_line, n->end_col);
    if (n->str)
      nb_buf_printf(out, "%zu,%zu,", strings, n->len);
    else
      nb_buf_puts(out, "NB_SCHEMA_IMAGE_NO_STR,0,");
    nb_buf_printf(out, "%zu,%zu,%zu,", n->kind == NB_MAP || n->kind == NB_SEQ ? n->n : 0, first,
                  n->aux ? ++kws : 0);
    if (value == INT64_MIN) /* its digits alone would not fit in an int64_t constant */
      nb_buf_puts(out, "INT64_MIN},\n");
    else
      nb_buf_printf(out, "INT64_C(%" PRId64 ")},\n", value);
    strings += n->str ? n->len + 1 : 0;
    pairs += n->kind == NB_MAP ? n->n : 0;
    items += n->kind == NB_SEQ ? n->n : 0;
  }
  nb_buf_puts(out, "};\n");
}

/* C has no empty arrays: an array without entries gets one unused zero. */
static void close_array(nb_buf *out, size_t count)
{
  nb_buf_puts(out, count ? "\n};\n" : "0\n};\n");
}

static size_t write_children(const numbering *nb, nb_kind kind, nb_buf *out)
{
  size_t k = 0;
  nb_buf_puts(out, kind == NB_MAP ? "static const nb_schema_image_pair pairs[] = {\n"
                                  : "static const uint32_t items[] = {\n");
  for (size_t i = 0; i < nb->n; i++) {
    const nb_node *n = nb->order[i];
    for (size_t j = 0; n->kind == kind && j < n->n; j++, k++)
      if (kind == NB_MAP)
        nb_buf_printf(out, "%s{%" PRIu32 ",%" PRIu32 "},", k && k % 8 == 0 ? "\n" : "",
                      index_of(nb, n->pairs[j].key) - 1, index_of(nb, n->pairs[j].val) - 1);
      else
        put_u32(out, k, index_of(nb, n->items[j]) - 1);
  }
  close_array(out, k);
  return k;
}

static size_t write_keywords(const numbering *nb, nb_buf *out)
{
  size_t k = 0;
  nb_buf_puts(out, "static const nb_schema_image_keywords keywords[] = {\n");
  for (size_t i = 0; i < nb->n; i++) {
    const nb_schema_keywords *kw = nb->order[i]->aux;
    if (!kw)
      continue;
    nb_buf_puts(out, "{{");
    for (size_t j = 0; j < NB_SCHEMA_KEYWORDS; j++) {
      size_t off = nb_schema_keyword_table[j].offset;
      const nb_node *v = off == NB_SCHEMA_NO_FIELD ? NULL
                                                   : *(const nb_node *const *)(const void *)((const char *)kw + off);
      nb_buf_printf(out, "%s%" PRIu32, j ? "," : "", index_of(nb, v));
    }
    nb_buf_printf(out, "},%" PRIu32 ",%zu,%zu},\n", index_of(nb, kw->ref_target), kw->re, kw->pp_re);
    k++;
  }
  close_array(out, k);
  return k;
}

/* Each pattern's text, in the order the patterns were compiled: a pattern keyword's value,
 * or the keys of patternProperties from its first pattern on. */
static size_t write_patterns(const nb_schema *s, const numbering *nb, nb_buf *out)
{
  uint32_t *text = nb_xcalloc(s->n_patterns + 1, sizeof *text);
  for (size_t i = 0; i < nb->n; i++) {
    const nb_schema_keywords *kw = nb->order[i]->aux;
    if (kw && kw->re)
      text[kw->re - 1] = index_of(nb, kw->pattern) - 1;
    for (size_t j = 0; kw && kw->pp_re && j < kw->pattern_props->n; j++)
      text[kw->pp_re - 1 + j] = index_of(nb, kw->pattern_props->pairs[j].key) - 1;
  }
  nb_buf_puts(out, "static const uint32_t patterns[] = {\n");
  for (size_t i = 0; i < s->n_patterns; i++)
    put_u32(out, i, text[i]);
  close_array(out, s->n_patterns);
  free(text);
  return s->n_patterns;
}

/* Every node's text with its NUL, in node order, as bytes (any byte may occur). */
static void write_strings(const numbering *nb, nb_buf *out)
{
  size_t k = 0;
  nb_buf_puts(out, "static const unsigned char strings[] = {\n");
  for (size_t i = 0; i < nb->n; i++) {
    const nb_node *n = nb->order[i];
    for (size_t j = 0; n->str && j <= n->len; j++, k++)
      nb_buf_printf(out, "%s%d,", k && k % 24 == 0 ? "\n" : "", j < n->len ? (unsigned char)n->str[j] : 0);
  }
  close_array(out, k);
}

void nb_schema_image_write(const nb_schema *s, const char *name, nb_buf *out)
{
  numbering nb = {0};
  number(&nb, s->root);
  nb.by_address = nb_xmalloc(nb.n * sizeof *nb.by_address);
  for (size_t i = 0; i < nb.n; i++)
    nb.by_address[i] = (numbered){nb.order[i], (uint32_t)i};
  qsort(nb.by_address, nb.n, sizeof *nb.by_address, by_address);
  nb_buf_puts(out, "/* Generated by generator/tools/compile_schema.c. Do not edit. */\n"
                   "#include \"check/schema_image.h\"\n\n");
  write_nodes(&nb, out);
  size_t pairs = write_children(&nb, NB_MAP, out), items = write_children(&nb, NB_SEQ, out);
  size_t kws = write_keywords(&nb, out), patterns = write_patterns(s, &nb, out);
  write_strings(&nb, out);
  nb_buf_printf(out, "\nconst nb_schema_image %s = {\n  nodes, %zu, pairs, %zu, items, %zu,\n"
                     "  keywords, %zu, patterns, %zu, (const char *)strings, %" PRIu32 "};\n",
                name, nb.n, pairs, items, kws, patterns, index_of(&nb, s->root) - 1);
  free(nb.by_address);
  free(nb.order);
}
