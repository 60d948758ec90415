#include "core/node.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* An arena is a list of chunks; allocations are bumped from the newest one. Large requests
 * get a chunk of their own. Texts are packed byte by byte; everything else is aligned for
 * the widest scalar the tree holds (pointers, size_t, int64_t, double), not for
 * max_align_t, which would round every 88-byte node up to 96. */
typedef union {
  void *p;
  size_t z;
  int64_t i;
  double d;
} widest;

#define ALIGN _Alignof(widest)

typedef struct chunk {
  struct chunk *next;
  size_t used, size;
  _Alignas(widest) unsigned char mem[];
} chunk;

struct nb_arena {
  chunk *head;
};

#define CHUNK_SIZE 16384u

nb_arena *nb_arena_new(void)
{
  return nb_xcalloc(1, sizeof(nb_arena));
}

void nb_arena_free(nb_arena *a)
{
  if (!a)
    return;
  for (chunk *c = a->head, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  free(a);
}

/* N bytes at a multiple of ALIGN (or anywhere, when !ALIGNED), not zeroed. */
static unsigned char *bump(nb_arena *a, size_t n, int aligned)
{
  chunk *c = a->head;
  size_t at = c ? c->used : 0;
  if (c && aligned)
    at = (at + ALIGN - 1) / ALIGN * ALIGN;
  if (!c || at > c->size || c->size - at < n) {
    size_t size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;
    if (n > (size_t)-1 / 2)
      size = (size_t)-1; /* makes nb_xmalloc fail loudly */
    chunk *nc = nb_xmalloc(sizeof(chunk) + size);
    nc->used = 0;
    nc->size = size;
    if (size != CHUNK_SIZE && c) {
      /* keep bumping from the current chunk: put the big one behind it */
      nc->next = c->next;
      c->next = nc;
    } else {
      nc->next = c;
      a->head = nc;
    }
    c = nc;
    at = 0;
  }
  c->used = at + n;
  return c->mem + at;
}

void *nb_arena_alloc(nb_arena *a, size_t n)
{
  if (!n)
    n = 1;
  unsigned char *p = bump(a, n, 1);
  memset(p, 0, n);
  return p;
}

char *nb_arena_strndup(nb_arena *a, const char *s, size_t n)
{
  char *p = (char *)bump(a, n + 1, 0);
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *nb_arena_strdup(nb_arena *a, const char *s)
{
  return nb_arena_strndup(a, s, strlen(s));
}

char *nb_arena_printf(nb_arena *a, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  nb_buf b = NB_BUF_INIT;
  nb_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  char *p = nb_arena_strndup(a, nb_buf_cstr(&b), b.len);
  nb_buf_free(&b);
  return p;
}

nb_node *nb_node_new(nb_arena *a, nb_kind kind)
{
  nb_node *n = nb_arena_alloc(a, sizeof *n);
  n->kind = kind;
  return n;
}

nb_node *nb_node_new_str(nb_arena *a, const char *s, size_t len)
{
  nb_node *n = nb_node_new(a, NB_STR);
  n->str = nb_arena_strndup(a, s, len);
  n->len = len;
  return n;
}

nb_node *nb_node_new_cstr(nb_arena *a, const char *s)
{
  return nb_node_new_str(a, s, strlen(s));
}

nb_node *nb_node_new_int(nb_arena *a, int64_t v)
{
  nb_node *n = nb_node_new(a, NB_INT);
  n->num.i = v;
  n->str = nb_arena_printf(a, "%lld", (long long)v);
  n->len = strlen(n->str);
  return n;
}

nb_node *nb_node_new_bool(nb_arena *a, int v)
{
  nb_node *n = nb_node_new(a, NB_BOOL);
  n->num.b = v != 0;
  n->str = v ? "true" : "false";
  n->len = strlen(n->str);
  return n;
}

static void reserve(nb_arena *a, nb_node *n, size_t elem)
{
  if (n->n < n->cap)
    return;
  size_t cap = n->cap ? (size_t)n->cap * 2 : 4;
  if (cap > UINT32_MAX)
    cap = (size_t)-1; /* makes the allocation fail loudly */
  void *mem = nb_arena_alloc(a, cap * elem);
  void *old = n->kind == NB_SEQ ? (void *)n->items : (void *)n->pairs;
  if (n->n)
    memcpy(mem, old, n->n * elem);
  if (n->kind == NB_SEQ)
    n->items = mem;
  else
    n->pairs = mem;
  n->cap = cap;
}

void nb_node_append(nb_arena *a, nb_node *seq, nb_node *item)
{
  reserve(a, seq, sizeof(nb_node *));
  seq->items[seq->n++] = item;
}

void nb_node_add_pair(nb_arena *a, nb_node *map, nb_node *key, nb_node *val)
{
  reserve(a, map, sizeof(nb_pair));
  map->pairs[map->n].key = key;
  map->pairs[map->n].val = val;
  map->n++;
}

void nb_node_set_items(nb_arena *a, nb_node *seq, nb_node *const *items, size_t n)
{
  seq->items = n ? nb_arena_alloc(a, n * sizeof *items) : NULL;
  if (n)
    memcpy(seq->items, items, n * sizeof *items);
  seq->n = seq->cap = (uint32_t)n;
}

void nb_node_set_pairs(nb_arena *a, nb_node *map, nb_node *const *kv, size_t n)
{
  map->pairs = n ? nb_arena_alloc(a, n * sizeof(nb_pair)) : NULL;
  for (size_t i = 0; i < n; i++) {
    map->pairs[i].key = kv[2 * i];
    map->pairs[i].val = kv[2 * i + 1];
  }
  map->n = map->cap = (uint32_t)n;
}

void nb_node_put(nb_arena *a, nb_node *map, const char *key, nb_node *val)
{
  for (size_t i = 0; i < map->n; i++)
    if (map->pairs[i].key->str && strcmp(map->pairs[i].key->str, key) == 0) {
      map->pairs[i].val = val;
      return;
    }
  nb_node_add_pair(a, map, nb_node_new_cstr(a, key), val);
}

const nb_pair *nb_node_get_pair(const nb_node *map, const char *key)
{
  if (!map || map->kind != NB_MAP)
    return NULL;
  size_t klen = strlen(key);
  for (size_t i = 0; i < map->n; i++) {
    const nb_node *k = map->pairs[i].key;
    if (k->len == klen && memcmp(k->str, key, klen) == 0)
      return &map->pairs[i];
  }
  return NULL;
}

nb_node *nb_node_get(const nb_node *map, const char *key)
{
  const nb_pair *p = nb_node_get_pair(map, key);
  return p ? p->val : NULL;
}

nb_node *nb_node_path(const nb_node *root, const char *dotted)
{
  char key[128];
  const nb_node *n = root;
  while (n && *dotted) {
    const char *dot = strchr(dotted, '.');
    size_t len = dot ? (size_t)(dot - dotted) : strlen(dotted);
    if (len >= sizeof key)
      return NULL;
    memcpy(key, dotted, len);
    key[len] = '\0';
    n = nb_node_get(n, key);
    dotted += len + (dot != NULL);
  }
  return (nb_node *)(uintptr_t)n;
}

int64_t nb_node_int(const nb_node *n, int64_t def)
{
  return n && n->kind == NB_INT ? n->num.i : def;
}

const char *nb_node_cstr(const nb_node *n)
{
  return n && n->kind == NB_STR ? n->str : NULL;
}

int nb_node_equal(const nb_node *x, const nb_node *y)
{
  if (x == y)
    return 1;
  if (!x || !y || x->kind != y->kind)
    return 0;
  switch (x->kind) {
  case NB_NULL: return 1;
  case NB_BOOL: return x->num.b == y->num.b;
  case NB_INT: return x->num.i == y->num.i;
  case NB_REAL: return x->num.r == y->num.r;
  case NB_STR: return x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
  case NB_SEQ:
    if (x->n != y->n)
      return 0;
    for (size_t i = 0; i < x->n; i++)
      if (!nb_node_equal(x->items[i], y->items[i]))
        return 0;
    return 1;
  case NB_MAP:
    if (x->n != y->n)
      return 0;
    for (size_t i = 0; i < x->n; i++) {
      const nb_node *v = nb_node_get(y, x->pairs[i].key->str);
      if (!v || !nb_node_equal(x->pairs[i].val, v))
        return 0;
    }
    return 1;
  }
  return 0;
}

const char *nb_kind_label(nb_kind kind)
{
  switch (kind) {
  case NB_NULL: return "空值";
  case NB_BOOL: return "是/否";
  case NB_INT: return "整数";
  case NB_REAL: return "小数";
  case NB_STR: return "文字";
  case NB_SEQ: return "列表";
  case NB_MAP: return "键值表";
  }
  return "未知";
}
