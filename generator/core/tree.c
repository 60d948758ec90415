/* Walking is depth first with the chain of folders being walked (device and inode) kept,
 * to tell a loop from a folder reached twice, and the set of folders already walked. */
#include "core/tree.h"
#include "core/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/io.h"

#define MAX_DEPTH 64u /* folders below this depth are a loop in disguise or a mistake */

typedef struct {
  dev_t dev;
  ino_t ino;
} dir_id;

typedef struct {
  nb_tree *t;
  dir_id *seen; /* every folder walked */
  size_t n_seen, cap_seen;
  dir_id chain[MAX_DEPTH]; /* the folders being walked, outermost first */
  unsigned depth;
} walk;

static void add_entry(nb_tree *t, const char *path, const char *problem, int warning, int found)
{
  NB_GROW(t->items, t->n, t->cap, 64);
  t->items[t->n++] = (nb_tree_entry){nb_arena_strdup(t->paths, path), problem, warning, found};
}

static void add(nb_tree *t, const char *path, const char *problem, int warning)
{
  add_entry(t, path, problem, warning, 1);
}

int nb_tree_is_report(const char *text, size_t len)
{
  const char *p = text, *end = text + len;
  p += nb_utf8_starts(p, len, NB_UTF8_BOM);
  while (p < end) {
    if (nb_utf8_starts(p, (size_t)(end - p), "format:"))
      return 1;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
      break;
    p = nl + 1;
  }
  return 0;
}

static int has_yaml_ext(const char *name)
{
  size_t n = strlen(name);
  return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* A *.yaml entry that is not a folder: a report, skipped, or a problem. */
static void visit_file(walk *w, const char *path, const struct stat *st, int stat_errno)
{
  if (stat_errno) {
    add(w->t, path, stat_errno == ENOENT ? "是指向不存在的文件的链接，无法读取"
                    : stat_errno == ELOOP ? "是循环的链接，无法读取"
                    : stat_errno == EACCES ? "没有读取权限" : "无法读取",
        0);
    return;
  }
  if (!S_ISREG(st->st_mode)) {
    add(w->t, path, "不是普通文件（可能是管道或设备），没有读取", 0);
    return;
  }
  nb_buf b = NB_BUF_INIT;
  nb_io_status s = nb_io_read(path, (size_t)4 << 20, &b);
  if (s == NB_IO_OK && nb_tree_is_report(b.data ? b.data : "", b.len))
    add(w->t, path, NULL, 0);
  else if (s != NB_IO_OK)
    add(w->t, path, nb_io_status_text(s), 0);
  nb_buf_free(&b);
}

static int cmp_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The visible names of folder PATH, sorted; NULL when it cannot be opened. */
static char **list_dir(const char *path, size_t *n)
{
  DIR *d = opendir(path);
  if (!d)
    return NULL;
  char **names = NULL;
  size_t cap = 0;
  *n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.')
      continue;
    NB_GROW(names, *n, cap, 16);
    names[(*n)++] = nb_xstrdup(e->d_name);
  }
  closedir(d);
  if (*n)
    qsort(names, *n, sizeof *names, cmp_names);
  return names ? names : nb_xcalloc(1, sizeof *names);
}

static void walk_dir(walk *w, const char *path, const struct stat *st);

static void visit_entry(walk *w, const char *path, const char *name)
{
  struct stat st;
  int err = stat(path, &st) != 0 ? errno : 0;
  if (!err && S_ISDIR(st.st_mode))
    walk_dir(w, path, &st);
  else if (has_yaml_ext(name))
    visit_file(w, path, &st, err);
}

static int seen_before(walk *w, dir_id id)
{
  for (size_t i = 0; i < w->n_seen; i++)
    if (w->seen[i].dev == id.dev && w->seen[i].ino == id.ino)
      return 1;
  NB_GROW(w->seen, w->n_seen, w->cap_seen, 32);
  w->seen[w->n_seen++] = id;
  return 0;
}

static void walk_dir(walk *w, const char *path, const struct stat *st)
{
  dir_id id = {st->st_dev, st->st_ino};
  for (unsigned k = 0; k < w->depth; k++)
    if (w->chain[k].dev == id.dev && w->chain[k].ino == id.ino) {
      add(w->t, path, "是指向上级文件夹的链接（循环），已跳过", 1);
      return;
    }
  if (seen_before(w, id))
    return;
  if (w->depth == MAX_DEPTH) {
    add(w->t, path, "文件夹层次太深（超过64层），已跳过", 1);
    return;
  }
  size_t n = 0;
  char **names = list_dir(path, &n);
  if (!names) {
    add(w->t, path, errno == EACCES ? "文件夹没有读取权限" : "文件夹无法打开", 0);
    return;
  }
  w->chain[w->depth++] = id;
  size_t plen = strlen(path);
  int slash = plen && path[plen - 1] == '/';
  for (size_t i = 0; i < n; i++) {
    nb_buf p = NB_BUF_INIT;
    nb_buf_printf(&p, "%s%s%s", path, slash ? "" : "/", names[i]);
    visit_entry(w, p.data, names[i]);
    nb_buf_free(&p);
    free(names[i]);
  }
  free(names);
  w->depth--;
}

void nb_tree_expand(nb_tree *t, nb_arena *paths, char *const *args, size_t n)
{
  walk w = {.t = t};
  t->paths = paths;
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    size_t before = t->n;
    if (strcmp(args[i], "-") == 0 || stat(args[i], &st) != 0 || !S_ISDIR(st.st_mode))
      add_entry(t, args[i], NULL, 0, 0);
    else if (walk_dir(&w, args[i], &st), t->n == before)
      add_entry(t, args[i], "文件夹中（含下级文件夹）没有年报数据文件（含“format:”的 .yaml 或 .yml 文件）", 0, 0);
  }
  free(w.seen);
}

void nb_tree_free(nb_tree *t)
{
  free(t->items);
  *t = (nb_tree)NB_TREE_INIT;
}
