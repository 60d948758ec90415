/* nb_node: the document tree. YAML data files, the JSON schema, the Mustache spec files and
 * the template context are all trees of these nodes. Every node loaded from a file keeps its
 * 1-based line and column (in characters); nodes made by the program have line 0.
 *
 * Ownership: nodes, their strings and their child arrays live in an nb_arena and are freed
 * all at once by nb_arena_free. Nothing in a node is freed individually. */
#ifndef NB_NODE_H
#define NB_NODE_H
#include <stddef.h>
#include <stdint.h>

typedef struct nb_arena nb_arena;

nb_arena *nb_arena_new(void);
void nb_arena_free(nb_arena *a);               /* NULL is a no-op */
/* Zeroed memory aligned for pointers, size_t, int64_t and double (not for long double or
 * vector types, which nothing in a tree holds). */
void *nb_arena_alloc(nb_arena *a, size_t n);
char *nb_arena_strndup(nb_arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *nb_arena_strdup(nb_arena *a, const char *s);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
char *nb_arena_printf(nb_arena *a, const char *fmt, ...);

typedef enum { NB_NULL, NB_BOOL, NB_INT, NB_REAL, NB_STR, NB_SEQ, NB_MAP } nb_kind;

/* How a scalar was written in YAML; collections record block or flow. */
typedef enum {
  NB_STYLE_NONE, NB_STYLE_PLAIN, NB_STYLE_SINGLE, NB_STYLE_DOUBLE, NB_STYLE_LITERAL,
  NB_STYLE_FOLDED, NB_STYLE_BLOCK, NB_STYLE_FLOW
} nb_style;

typedef struct nb_node nb_node;
typedef struct {
  nb_node *key;   /* always NB_STR (or a scalar converted to text) */
  nb_node *val;
} nb_pair;

struct nb_node {
  nb_kind kind;
  nb_style style;
  uint32_t line, col;         /* start, 1-based; 0 for nodes made by the program */
  uint32_t end_line, end_col; /* end, 1-based, exclusive column */
  const char *str;            /* scalars: the text (for numbers, as written); else NULL */
  size_t len;                 /* length of str in bytes */
  union {
    int b;                    /* NB_BOOL */
    int64_t i;                /* NB_INT */
    double r;                 /* NB_REAL */
  } num;
  uint32_t n;                 /* NB_SEQ: number of items; NB_MAP: number of pairs */
  uint32_t cap;               /* room in items or pairs (data files are far below 2^32) */
  union {
    nb_node **items;          /* NB_SEQ */
    nb_pair *pairs;           /* NB_MAP, in document order */
  };
  const void *aux;            /* for the module that owns the tree to annotate nodes (the
                                 schema keeps its compiled keywords here); NULL otherwise */
};

nb_node *nb_node_new(nb_arena *a, nb_kind kind);
nb_node *nb_node_new_str(nb_arena *a, const char *s, size_t len);
nb_node *nb_node_new_cstr(nb_arena *a, const char *s);
nb_node *nb_node_new_int(nb_arena *a, int64_t v);
nb_node *nb_node_new_bool(nb_arena *a, int v);

void nb_node_append(nb_arena *a, nb_node *seq, nb_node *item);
/* Adds KEY → VAL at the end of MAP; replaces the value if KEY is present. */
void nb_node_put(nb_arena *a, nb_node *map, const char *key, nb_node *val);
/* Adds a pair without looking for an existing key (the loader checks duplicates itself). */
void nb_node_add_pair(nb_arena *a, nb_node *map, nb_node *key, nb_node *val);
/* Gives SEQ, which has no items yet, the N items at ITEMS: copied into A, with no room to
 * spare (the loader, which knows how many a collection has when it closes; N < 2^32, as
 * a data file has at most a few MB). */
void nb_node_set_items(nb_arena *a, nb_node *seq, nb_node *const *items, size_t n);
/* The same for MAP and N pairs whose keys and values alternate at KV (2N nodes). */
void nb_node_set_pairs(nb_arena *a, nb_node *map, nb_node *const *kv, size_t n);

/* The value of KEY in MAP; NULL when MAP is not a mapping or has no such key. */
nb_node *nb_node_get(const nb_node *map, const char *key);
const nb_pair *nb_node_get_pair(const nb_node *map, const char *key);
/* Follows a dotted path of keys ("applications.results.granted"); NULL when any step is missing. */
nb_node *nb_node_path(const nb_node *root, const char *dotted);
/* The integer value of a NB_INT node, or DEF for any other node (including NULL). */
int64_t nb_node_int(const nb_node *n, int64_t def);
/* The text of a NB_STR node, or NULL. */
const char *nb_node_cstr(const nb_node *n);
/* Whether two trees are equal in kind and value (positions ignored). */
int nb_node_equal(const nb_node *x, const nb_node *y);

/* Chinese name of a kind, for messages: "整数", "文字", "列表", ... */
const char *nb_kind_label(nb_kind kind);

#endif
