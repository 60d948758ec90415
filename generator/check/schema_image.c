/* Building a schema's image from its JSON tree, writing it as C data, and making a tree of
 * it.
 *
 * Building numbers the nodes in depth-first order (a mapping's keys and values, a list's
 * items); the children of each node are then consecutive in the pairs or items, appended
 * node by node in that order, and the texts in the strings in node order. Pointers
 * (children, keywords, $ref targets) become node indices, found by binary search in the
 * nodes sorted by address. Writing prints the arrays; a schema made from an image uses
 * them as they are (check/schema_builtin.c). */
#include "check/schema_image.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "check/schema_priv.h"

/* ---- building --------------------------------------------------------------------------- */

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
    abort(); /* a pointer out of the tree: a bug in the loader, not in the schema */
  return hit->index + 1;
}

/* The arrays being filled, with the number of entries of each so far. */
typedef struct {
  nb_schema_image_node *nodes;
  nb_schema_image_place *places;
  int64_t *values;
  nb_schema_image_pair *pairs;
  uint32_t *items;
  nb_schema_image_keywords *keywords;
  char *strings;
  size_t n_values, n_pairs, n_items, n_keywords, n_strings;
} arrays;

static void build_keywords(const numbering *nb, const nb_schema_keywords *kw,
                           nb_schema_image_keywords *out)
{
  for (size_t j = 0; j < NB_SCHEMA_KEYWORDS; j++)
    out->field[j] = index_of(nb, kw->field[j]);
  out->ref_target = index_of(nb, kw->ref_target);
  out->re = (uint32_t)kw->re;
  out->pp_re = (uint32_t)kw->pp_re;
}

static void build_node(const numbering *nb, size_t i, arrays *a)
{
  const nb_node *n = nb->order[i];
  nb_schema_image_node *r = &a->nodes[i];
  *r = (nb_schema_image_node){(uint8_t)n->kind, (uint8_t)n->style, 0, NB_SCHEMA_IMAGE_NO_STR,
                              0, 0, 0};
  a->places[i] = (nb_schema_image_place){n->line, n->col, n->end_line, n->end_col};
  if (n->str) {
    r->str = (uint32_t)a->n_strings;
    r->len = (uint32_t)n->len;
    memcpy(a->strings + a->n_strings, n->str, n->len);
    a->n_strings += n->len + 1; /* the arena's memory is zeroed: the NUL is there */
  }
  if (n->kind == NB_INT || n->kind == NB_BOOL) {
    r->first = (uint32_t)a->n_values;
    a->values[a->n_values++] = n->kind == NB_INT ? n->num.i : n->num.b != 0;
  } else if (n->kind == NB_MAP) {
    r->n = (uint32_t)n->n;
    r->first = (uint32_t)a->n_pairs;
    for (size_t j = 0; j < n->n; j++)
      a->pairs[a->n_pairs++] = (nb_schema_image_pair){index_of(nb, n->pairs[j].key) - 1,
                                                       index_of(nb, n->pairs[j].val) - 1};
  } else if (n->kind == NB_SEQ) {
    r->n = (uint32_t)n->n;
    r->first = (uint32_t)a->n_items;
    for (size_t j = 0; j < n->n; j++)
      a->items[a->n_items++] = index_of(nb, n->items[j]) - 1;
  }
  if (n->aux) {
    r->keywords = (uint32_t)++a->n_keywords;
    build_keywords(nb, n->aux, &a->keywords[a->n_keywords - 1]);
  }
}

/* Each pattern's text, in the order the patterns were compiled: a pattern keyword's value,
 * or the keys of patternProperties from its first pattern on. */
static uint32_t *build_patterns(const numbering *nb, size_t n_patterns, nb_arena *arena)
{
  uint32_t *text = nb_arena_alloc(arena, (n_patterns + 1) * sizeof *text);
  for (size_t i = 0; i < nb->n; i++) {
    const nb_schema_keywords *kw = nb->order[i]->aux;
    if (kw && kw->re)
      text[kw->re - 1] = index_of(nb, kw->field[NB_KW_PATTERN]) - 1;
    for (size_t j = 0; kw && kw->pp_re && j < kw->field[NB_KW_PATTERN_PROPS]->n; j++)
      text[kw->pp_re - 1 + j] = index_of(nb, kw->field[NB_KW_PATTERN_PROPS]->pairs[j].key) - 1;
  }
  return text;
}

/* Allocates A's arrays for the nodes of NB, counted first. */
static void allocate(const numbering *nb, arrays *a, nb_arena *arena)
{
  size_t values = 0, pairs = 0, items = 0, keywords = 0, strings = 0;
  for (size_t i = 0; i < nb->n; i++) {
    const nb_node *n = nb->order[i];
    values += n->kind == NB_INT || n->kind == NB_BOOL;
    pairs += n->kind == NB_MAP ? n->n : 0;
    items += n->kind == NB_SEQ ? n->n : 0;
    keywords += n->aux != NULL;
    strings += n->str ? n->len + 1 : 0;
  }
  /* one more entry each: C has no empty arrays, and the writer prints every array */
  a->nodes = nb_arena_alloc(arena, (nb->n + 1) * sizeof *a->nodes);
  a->places = nb_arena_alloc(arena, (nb->n + 1) * sizeof *a->places);
  a->values = nb_arena_alloc(arena, (values + 1) * sizeof *a->values);
  a->pairs = nb_arena_alloc(arena, (pairs + 1) * sizeof *a->pairs);
  a->items = nb_arena_alloc(arena, (items + 1) * sizeof *a->items);
  a->keywords = nb_arena_alloc(arena, (keywords + 1) * sizeof *a->keywords);
  a->strings = nb_arena_alloc(arena, strings + 1);
}

nb_schema_image nb_schema_image_build(const nb_node *root, size_t n_patterns, nb_arena *arena)
{
  numbering nb = {0};
  number(&nb, root);
  nb.by_address = nb_xmalloc(nb.n * sizeof *nb.by_address);
  for (size_t i = 0; i < nb.n; i++)
    nb.by_address[i] = (numbered){nb.order[i], (uint32_t)i};
  qsort(nb.by_address, nb.n, sizeof *nb.by_address, by_address);
  arrays a = {0};
  allocate(&nb, &a, arena);
  for (size_t i = 0; i < nb.n; i++)
    build_node(&nb, i, &a);
  nb_schema_image img = {a.nodes, a.places, nb.n, a.values, a.n_values, a.pairs, a.n_pairs,
                         a.items, a.n_items, a.keywords, a.n_keywords,
                         build_patterns(&nb, n_patterns, arena), n_patterns, a.strings,
                         a.n_strings, index_of(&nb, root) - 1};
  free(nb.by_address);
  free(nb.order);
  return img;
}

/* ---- making a tree ---------------------------------------------------------------------- */

static void tree_node(const nb_schema_image *img, size_t i, nb_node *nodes, nb_pair *pairs,
                      nb_node **items)
{
  const nb_schema_image_node *r = &img->nodes[i];
  const nb_schema_image_place *p = &img->places[i];
  nb_node *n = &nodes[i];
  *n = (nb_node){.kind = (nb_kind)r->kind, .style = (nb_style)r->style, .line = p->line,
                 .col = p->col, .end_line = p->end_line, .end_col = p->end_col};
  if (r->str != NB_SCHEMA_IMAGE_NO_STR) {
    n->str = img->strings + r->str;
    n->len = r->len;
  }
  if (n->kind == NB_INT)
    n->num.i = img->values[r->first];
  else if (n->kind == NB_BOOL)
    n->num.b = img->values[r->first] != 0;
  else if (n->kind == NB_REAL)
    n->num.r = strtod(n->str, NULL); /* as the JSON reader does */
  else if (n->kind == NB_MAP)
    n->pairs = pairs + r->first;
  else if (n->kind == NB_SEQ)
    n->items = items + r->first;
  if (n->kind == NB_MAP || n->kind == NB_SEQ)
    n->n = n->cap = r->n;
}

nb_node *nb_schema_image_tree(const nb_schema_image *img, nb_arena *arena)
{
  nb_node *nodes = nb_arena_alloc(arena, img->n_nodes * sizeof *nodes);
  nb_pair *pairs = nb_arena_alloc(arena, (img->n_pairs + 1) * sizeof *pairs);
  nb_node **items = nb_arena_alloc(arena, (img->n_items + 1) * sizeof *items);
  for (size_t i = 0; i < img->n_nodes; i++)
    tree_node(img, i, nodes, pairs, items);
  for (size_t i = 0; i < img->n_pairs; i++) {
    pairs[i].key = &nodes[img->pairs[i].key];
    pairs[i].val = &nodes[img->pairs[i].val];
  }
  for (size_t i = 0; i < img->n_items; i++)
    items[i] = &nodes[img->items[i]];
  return &nodes[img->root];
}

/* ---- writing ---------------------------------------------------------------------------- */

/* An array is "static const TYPE NAME[] = {", its entries (a line break every few, see sep),
 * and the closing brace; an array without entries gets one unused zero (C has no empty
 * arrays). */
static void open_array(nb_buf *out, const char *type, const char *name)
{
  nb_buf_printf(out, "static const %s %s[] = {\n", type, name);
}

static void close_array(nb_buf *out, size_t count)
{
  nb_buf_puts(out, count ? "\n};\n" : "0\n};\n");
}

static const char *sep(size_t k, size_t per)
{
  return k && k % per == 0 ? "\n" : "";
}

static void write_nodes(const nb_schema_image *img, nb_buf *out)
{
  open_array(out, "nb_schema_image_node", "nodes");
  for (size_t i = 0; i < img->n_nodes; i++) {
    const nb_schema_image_node *r = &img->nodes[i];
    nb_buf_printf(out, "%s{%d,%d,%" PRIu32 ",", sep(i, 4), r->kind, r->style, r->keywords);
    if (r->str == NB_SCHEMA_IMAGE_NO_STR)
      nb_buf_puts(out, "NB_SCHEMA_IMAGE_NO_STR,");
    else
      nb_buf_printf(out, "%" PRIu32 ",", r->str);
    nb_buf_printf(out, "%" PRIu32 ",%" PRIu32 ",%" PRIu32 "},", r->len, r->n, r->first);
  }
  close_array(out, img->n_nodes);
  open_array(out, "nb_schema_image_place", "places");
  for (size_t i = 0; i < img->n_nodes; i++) {
    const nb_schema_image_place *p = &img->places[i];
    nb_buf_printf(out, "%s{%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",%" PRIu32 "},", sep(i, 6),
                  p->line, p->col, p->end_line, p->end_col);
  }
  close_array(out, img->n_nodes);
}

static void write_values(const nb_schema_image *img, nb_buf *out)
{
  open_array(out, "int64_t", "values");
  for (size_t i = 0; i < img->n_values; i++)
    if (img->values[i] == INT64_MIN) /* its digits alone would not fit in an int64_t constant */
      nb_buf_printf(out, "%sINT64_MIN,", sep(i, 8));
    else
      nb_buf_printf(out, "%sINT64_C(%" PRId64 "),", sep(i, 8), img->values[i]);
  close_array(out, img->n_values);
}

static void write_u32s(const char *name, const uint32_t *v, size_t n, nb_buf *out)
{
  open_array(out, "uint32_t", name);
  for (size_t i = 0; i < n; i++)
    nb_buf_printf(out, "%s%" PRIu32 ",", sep(i, 16), v[i]);
  close_array(out, n);
}

static void write_children(const nb_schema_image *img, nb_buf *out)
{
  open_array(out, "nb_schema_image_pair", "pairs");
  for (size_t i = 0; i < img->n_pairs; i++)
    nb_buf_printf(out, "%s{%" PRIu32 ",%" PRIu32 "},", sep(i, 8), img->pairs[i].key,
                  img->pairs[i].val);
  close_array(out, img->n_pairs);
  write_u32s("items", img->items, img->n_items, out);
}

static void write_keywords(const nb_schema_image *img, nb_buf *out)
{
  open_array(out, "nb_schema_image_keywords", "keywords");
  for (size_t i = 0; i < img->n_keywords; i++) {
    const nb_schema_image_keywords *k = &img->keywords[i];
    nb_buf_puts(out, "{{");
    for (size_t j = 0; j < NB_SCHEMA_KEYWORDS; j++)
      nb_buf_printf(out, "%s%" PRIu32, j ? "," : "", k->field[j]);
    nb_buf_printf(out, "},%" PRIu32 ",%" PRIu32 ",%" PRIu32 "},\n", k->ref_target, k->re,
                  k->pp_re);
  }
  close_array(out, img->n_keywords);
}

/* Every text with its NUL, as bytes (any byte may occur). */
static void write_strings(const nb_schema_image *img, nb_buf *out)
{
  open_array(out, "unsigned char", "strings");
  for (size_t i = 0; i < img->n_strings; i++)
    nb_buf_printf(out, "%s%d,", sep(i, 24), (unsigned char)img->strings[i]);
  close_array(out, img->n_strings);
}

void nb_schema_image_write(const nb_schema_image *img, const char *name, nb_buf *out)
{
  nb_buf_puts(out, "/* Generated by generator/tools/compile_schema.c. Do not edit. */\n"
                   "#include \"check/schema_image.h\"\n\n");
  write_nodes(img, out);
  write_values(img, out);
  write_children(img, out);
  write_keywords(img, out);
  write_u32s("patterns", img->patterns, img->n_patterns, out);
  write_strings(img, out);
  nb_buf_printf(out,
                "\nconst nb_schema_image %s = {\n  nodes, places, %zu, values, %zu, pairs, %zu,"
                " items, %zu,\n  keywords, %zu, patterns, %zu, (const char *)strings, %zu, %" PRIu32
                "};\n",
                name, img->n_nodes, img->n_values, img->n_pairs, img->n_items, img->n_keywords,
                img->n_patterns, img->n_strings, img->root);
}
