#include "batch/set.h"

#include <stdlib.h>
#include <string.h>

#include "core/io.h"
#include "core/load.h"
#include "core/pool.h"
#include "check/config.h"

/* Levels and regions kept once each (a run has a handful); more distinct ones are copied. */
enum { COMMON_MAX = 32 };

struct nb_set {
  nb_set_item *items;
  size_t n;
  nb_arena *strings; /* the items' paths, names, levels and regions */
  const char *common[COMMON_MAX]; /* in strings: the levels and regions seen first */
  size_t n_common;
  size_t *order; /* indices of named items sorted by name, year, index; NULL until built */
  size_t n_order;
  unsigned jobs;
  nb_buf stdin_text; /* "-", read once */
  int have_stdin, identified;
};

nb_set *nb_set_new(char *const *args, size_t n, unsigned jobs)
{
  nb_set *s = nb_xcalloc(1, sizeof *s);
  s->jobs = jobs;
  s->strings = nb_arena_new();
  nb_tree tree = NB_TREE_INIT;
  nb_tree_expand(&tree, s->strings, args, n);
  s->n = tree.n;
  s->items = nb_xcalloc(s->n ? s->n : 1, sizeof *s->items);
  for (size_t i = 0; i < s->n; i++) {
    const nb_tree_entry *e = &tree.items[i];
    s->items[i] = (nb_set_item){.path = e->path, .problem = e->problem,
                                .problem_warning = (unsigned char)e->warning,
                                .found = (unsigned char)e->found};
    if (strcmp(e->path, "-") == 0 && !s->have_stdin) {
      s->have_stdin = 1;
      if (nb_io_read("-", NB_LOAD_MAX_BYTES, &s->stdin_text) != NB_IO_OK)
        s->have_stdin = -1;
    }
  }
  nb_tree_free(&tree);
  return s;
}

void nb_set_free(nb_set *s)
{
  if (!s)
    return;
  free(s->items);
  free(s->order);
  nb_arena_free(s->strings);
  nb_buf_free(&s->stdin_text);
  free(s);
}

size_t nb_set_count(const nb_set *s) { return s->n; }
nb_set_item *nb_set_get(nb_set *s, size_t i) { return &s->items[i]; }
const nb_set_item *nb_set_at(const nb_set *s, size_t i) { return &s->items[i]; }
unsigned nb_set_jobs(const nb_set *s) { return s->jobs; }

/* The body and year of a file as a worker thread reads them, handed to the calling thread
 * (identify_item): the strings in TEXT, one allocation. */
typedef struct {
  int year, region_wide;
  const char *name, *level, *region; /* in text, or NULL */
  char text[];
} identity;

static identity *identity_of(const nb_node *root)
{
  const char *v[3] = {nb_node_cstr(nb_node_path(root, "organ.name")),
                      nb_node_cstr(nb_node_path(root, "organ.level")),
                      nb_node_cstr(nb_node_path(root, "organ.region"))};
  size_t len[3], total = 0;
  for (size_t k = 0; k < 3; k++)
    total += len[k] = v[k] ? strlen(v[k]) + 1 : 0;
  identity *id = nb_xmalloc(sizeof *id + total);
  const char **out[3] = {&id->name, &id->level, &id->region};
  for (size_t k = 0, at = 0; k < 3; at += len[k], k++)
    *out[k] = v[k] ? memcpy(id->text + at, v[k], len[k]) : NULL;
  const char *scope = nb_node_cstr(nb_node_path(root, "organ.scope"));
  id->region_wide = scope && strcmp(scope, "区域汇总") == 0;
  int64_t y = nb_node_int(nb_node_get(root, "year"), 0);
  id->year = y > 0 && y < 10000 ? (int)y : 0;
  return id;
}

/* V in the set's strings: a level or region seen before is not copied again. */
static const char *common(nb_set *s, const char *v)
{
  if (!v)
    return NULL;
  for (size_t k = 0; k < s->n_common; k++)
    if (strcmp(s->common[k], v) == 0)
      return s->common[k];
  const char *c = nb_arena_strdup(s->strings, v);
  if (s->n_common < COMMON_MAX)
    s->common[s->n_common++] = c;
  return c;
}

/* ID (freed) into item I, on the calling thread: the set's strings are not shared. */
static void identify_item(nb_set *s, size_t i, identity *id)
{
  if (!id)
    return;
  nb_set_item *it = &s->items[i];
  it->name = id->name ? nb_arena_strdup(s->strings, id->name) : NULL;
  it->level = common(s, id->level);
  it->region = common(s, id->region);
  it->region_wide = (unsigned char)id->region_wide;
  it->year = id->year;
  free(id);
}

nb_check_result nb_set_recheck(const nb_set *s, size_t i, const nb_schema *schema, nb_diags *d,
                               nb_checked *out)
{
  const nb_set_item *it = &s->items[i];
  if (strcmp(it->path, "-") == 0 && s->have_stdin > 0)
    return nb_check_text(s->stdin_text.data ? s->stdin_text.data : "", s->stdin_text.len,
                         schema, d, out);
  return nb_check_file(it->path, schema, d, out);
}

typedef struct {
  nb_set *s;
  const nb_schema *schema;
  nb_set_work work;
  nb_set_done done;
  void *ctx;
} run;

typedef struct {
  nb_diags *d;
  void *extra;
  identity *id; /* NULL when already identified */
} result;

static void *check_one(void *arg, size_t i)
{
  run *r = arg;
  nb_set_item *it = &r->s->items[i];
  result *res = nb_xcalloc(1, sizeof *res);
  res->d = nb_diags_new(it->path);
  nb_checked c = {0};
  if (it->problem) {
    nb_diag *g = nb_diag_add(res->d, it->problem_warning ? NB_SEV_WARNING : NB_SEV_ERROR,
                             it->problem_warning ? "NB802" : "NB801", 0, 0, "%s", it->problem);
    nb_diag_hint(g, it->problem_warning ? "不需要处理；如果这个链接是误建的，可以删除它"
                                        : "检查文件的权限和链接，或把它移出要处理的文件夹");
    it->io_failed = !it->problem_warning;
  } else {
    it->io_failed = nb_set_recheck(r->s, i, r->schema, res->d, &c) == NB_CHECK_IO;
    it->conforms = (unsigned char)c.conforms;
    if (c.root && !r->s->identified)
      res->id = identity_of(c.root);
  }
  if (r->work)
    res->extra = r->work(r->ctx, r->s, i, &c, res->d);
  nb_checked_free(&c);
  it->errors = (unsigned)nb_diags_errors(res->d);
  it->warnings = (unsigned)nb_diags_warnings(res->d);
  return res;
}

static void check_done(void *arg, size_t i, void *p)
{
  run *r = arg;
  result *res = p;
  identify_item(r->s, i, res->id);
  r->done(r->ctx, i, res->d, res->extra);
  nb_diags_free(res->d);
  free(res);
}

int nb_set_key_cmp(const void *a, const void *b)
{
  const nb_set_key *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  if (c == 0)
    c = (x->year > y->year) - (x->year < y->year);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The items with a name, sorted by name, year and index. */
static void build_order(nb_set *s)
{
  free(s->order);
  s->order = nb_xcalloc(s->n + 1, sizeof *s->order);
  nb_set_key *keys = nb_xcalloc(s->n + 1, sizeof *keys);
  size_t k = 0;
  for (size_t i = 0; i < s->n; i++)
    if (s->items[i].name && s->items[i].year)
      keys[k++] = (nb_set_key){s->items[i].name, s->items[i].year, i};
  qsort(keys, k, sizeof *keys, nb_set_key_cmp);
  for (size_t j = 0; j < k; j++)
    s->order[j] = keys[j].i;
  s->n_order = k;
  free(keys);
}

nb_prose_peer *nb_set_peers(const nb_set *s, nb_prose_opts *out)
{
  size_t k = 0;
  nb_prose_peer *p = s->n > 1 ? nb_xcalloc(s->n, sizeof *p) : NULL;
  for (size_t i = 0; p && i < s->n; i++) {
    const nb_set_item *it = &s->items[i];
    int seen = !it->name || !it->level;
    for (size_t j = 0; !seen && j < k; j++)
      seen = strcmp(p[j].name, it->name) == 0 && strcmp(p[j].level, it->level) == 0;
    if (!seen)
      p[k++] = (nb_prose_peer){it->name, it->level};
  }
  *out = (nb_prose_opts){p, k};
  return p;
}

void nb_set_check(nb_set *s, const nb_schema *schema, nb_set_work work, nb_set_done done,
                  void *ctx)
{
  run r = {s, schema, work, done, ctx};
  nb_pool_run(s->n, s->jobs, check_one, check_done, &r);
  if (!s->identified)
    build_order(s);
}

static void *load_one(void *arg, size_t i)
{
  nb_set *s = arg;
  const nb_set_item *it = &s->items[i];
  if (it->problem)
    return NULL;
  nb_arena *a = nb_arena_new();
  nb_diags *d = nb_diags_new(it->path);
  nb_node *root = NULL;
  if (strcmp(it->path, "-") == 0 && s->have_stdin > 0)
    root = nb_load_text(s->stdin_text.data ? s->stdin_text.data : "", s->stdin_text.len, a, d, NULL);
  else if (strcmp(it->path, "-") != 0)
    root = nb_load_file(it->path, a, d, NULL, NULL);
  identity *id = root ? identity_of(root) : NULL;
  nb_diags_free(d);
  nb_arena_free(a);
  return id;
}

static void load_done(void *arg, size_t i, void *p)
{
  identify_item(arg, i, p);
}

void nb_set_identify(nb_set *s)
{
  nb_pool_run(s->n, s->jobs, load_one, load_done, s);
  build_order(s);
  s->identified = 1;
}

/* Index in ORDER of the first item of NAME and YEAR (or where it would be). */
static size_t lower_bound(const nb_set *s, const char *name, int year)
{
  size_t lo = 0, hi = s->n_order;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const nb_set_item *it = &s->items[s->order[mid]];
    int c = strcmp(it->name, name);
    if (c == 0)
      c = (it->year > year) - (it->year < year);
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

size_t nb_set_find(const nb_set *s, const char *name, int year, size_t except)
{
  if (!s->order || !name)
    return (size_t)-1;
  for (size_t k = lower_bound(s, name, year); k < s->n_order; k++) {
    const nb_set_item *it = &s->items[s->order[k]];
    if (strcmp(it->name, name) != 0 || it->year != year)
      break;
    if (s->order[k] != except)
      return s->order[k];
  }
  return (size_t)-1;
}

static int cmp_size(const void *a, const void *b)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return (x > y) - (x < y);
}

/* The first file found in a folder for the body and year of IT. */
static size_t first_found(const nb_set *s, const nb_set_item *it)
{
  size_t k = lower_bound(s, it->name, it->year);
  while (!s->items[s->order[k]].found)
    k++;
  return s->order[k];
}

size_t nb_set_duplicates(nb_set *s, void (*emit)(void *ctx, nb_diags *d), void *ctx)
{
  if (!s->order)
    build_order(s);
  size_t *dups = nb_xcalloc(s->n + 1, sizeof *dups);
  size_t nd = 0;
  for (size_t k = 0; k < s->n_order; k++) {
    const nb_set_item *b = &s->items[s->order[k]];
    if (b->found && first_found(s, b) != s->order[k])
      dups[nd++] = s->order[k];
  }
  qsort(dups, nd, sizeof *dups, cmp_size);
  for (size_t j = 0; j < nd; j++) {
    nb_set_item *it = &s->items[dups[j]];
    size_t f = first_found(s, it);
    nb_diags *d = nb_diags_new(it->path);
    nb_diag *g = nb_diag_add(d, NB_SEV_ERROR, "NB803", 0, 0,
                             "与 %s 是同一机关（%s）同一年度（%d年）的报告，两份文件只能留一份",
                             s->items[f].path, it->name, it->year);
    nb_diag_hint(g, "删除或移走多余的一份；如果是两个不同的机关，改正其中一份的机关名称");
    it->errors++;
    emit(ctx, d);
    nb_diags_free(d);
  }
  free(dups);
  return nd;
}

void nb_set_check_run(const nb_schema *schema, const nb_prose_opts *peers, const nb_checked *c,
                      nb_diags *d)
{
  if (!c->conforms)
    return;
  nb_prose_check_peers(schema, c->root, peers, d);
  nb_config_apply(c->config, d);
}
