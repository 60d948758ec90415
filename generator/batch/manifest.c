/* The site's list of what it wrote (see batch/manifest.h). Reading keeps, per report entry,
 * the hash of its folder's name, its two hashes and where its file names start in the list,
 * sorted by the first hash; the names are read again from the file when a report is looked
 * up, so the index stays small whatever the number of reports. */
#include "batch/manifest.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint64_t key;  /* hash of the report's folder */
  uint64_t in, out;
  long at;       /* offset of its first file name */
  size_t n;
} entry;

struct nb_manifest {
  char *path;
  entry *e;
  size_t n, cap;
};

uint64_t nb_manifest_hash(uint64_t h, const void *data, size_t n)
{
  const unsigned char *p = data;
  for (size_t k = 0; k < n; k++)
    h = (h ^ p[k]) * 1099511628211ull;
  return h;
}

static uint64_t key_of(const char *rel)
{
  return nb_manifest_hash(NB_MANIFEST_SEED, rel, strlen(rel));
}

static int cmp_entry(const void *a, const void *b)
{
  const entry *x = a, *y = b;
  return (x->key > y->key) - (x->key < y->key);
}

/* Whether line LINE of the list names a file (entries do not). */
static int names_file(const char *line)
{
  return line[0] != '#' && line[0] != '\0';
}

/* "#report IN OUT N REL" into E (its offset set by the caller). Returns 1 when it is one. */
static int parse_entry(const char *line, entry *e)
{
  uint64_t in, out;
  size_t n;
  int at = 0;
  if (sscanf(line, "#report %16" SCNx64 " %16" SCNx64 " %zu %n", &in, &out, &n, &at) != 3 ||
      !at || !line[at])
    return 0;
  *e = (entry){key_of(line + at), in, out, 0, n};
  return 1;
}

/* The next line of F into *LINE without its newline: its length, or -1 at the end. */
static ssize_t next_line(FILE *f, char **line, size_t *cap)
{
  ssize_t len = f ? getline(line, cap, f) : -1;
  if (len > 0 && (*line)[len - 1] == '\n')
    (*line)[--len] = '\0';
  return len;
}

nb_manifest *nb_manifest_read(const char *path)
{
  nb_manifest *m = nb_xcalloc(1, sizeof *m);
  m->path = nb_xstrdup(path);
  FILE *f = fopen(path, "r");
  char *line = NULL;
  size_t cap = 0;
  while (next_line(f, &line, &cap) >= 0) {
    entry e;
    if (parse_entry(line, &e)) {
      e.at = ftell(f);
      NB_GROW(m->e, m->n, m->cap, 64);
      m->e[m->n++] = e;
    }
  }
  free(line);
  if (f)
    fclose(f);
  if (m->n)
    qsort(m->e, m->n, sizeof *m->e, cmp_entry);
  return m;
}

void nb_manifest_files(const nb_manifest *m, void (*fn)(void *ctx, const char *name, size_t len),
                       void *ctx)
{
  FILE *f = fopen(m->path, "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = next_line(f, &line, &cap)) >= 0)
    if (names_file(line))
      fn(ctx, line, (size_t)len);
  free(line);
  if (f)
    fclose(f);
}

void nb_manifest_free(nb_manifest *m)
{
  if (!m)
    return;
  free(m->path);
  free(m->e);
  free(m);
}

/* H continued over the bytes of the open file F, eight at a time (FNV-1a over 64-bit words:
 * the outputs of a thousand reports are half a gigabyte, read again on every run). */
static uint64_t hash_stream(uint64_t h, FILE *f)
{
  uint64_t block[8192];
  size_t n;
  while ((n = fread(block, 1, sizeof block, f)) > 0) {
    size_t words = n / 8;
    for (size_t k = 0; k < words; k++)
      h = (h ^ block[k]) * 1099511628211ull;
    h = nb_manifest_hash(h, (const char *)block + 8 * words, n % 8);
    h = nb_manifest_hash(h, &n, sizeof n);
  }
  return ferror(f) ? 0 : h;
}

/* What a file's name and bytes add to H; 0 when it cannot be read. */
static uint64_t hash_file(uint64_t h, const char *root, const char *name, size_t len)
{
  nb_buf path = NB_BUF_INIT;
  nb_buf_printf(&path, "%s/%.*s", root, (int)len, name);
  FILE *f = fopen(path.data, "rb");
  nb_buf_free(&path);
  if (!f)
    return 0;
  h = nb_manifest_hash(h, name, len);
  h = hash_stream(nb_manifest_hash(h, "", 1), f); /* a NUL: names and bytes not run together */
  fclose(f);
  return h;
}

uint64_t nb_manifest_outputs(const char *root, const char *files, size_t *n)
{
  uint64_t h = NB_MANIFEST_SEED;
  *n = 0;
  for (const char *p = files; *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (len) {
      h = h ? hash_file(h, root, p, len) : 0;
      ++*n;
    }
    p += len + (nl != NULL);
  }
  return h;
}

/* The N file names of entry E into FILES; 0 when the list changed under us or a name lies
 * outside REL's folder. */
static int read_names(const nb_manifest *m, const entry *e, const char *rel, nb_buf *files)
{
  FILE *f = fopen(m->path, "r");
  char *line = NULL;
  size_t cap = 0, k = 0, n = strlen(rel);
  if (f && fseek(f, e->at, SEEK_SET) == 0)
    for (; k < e->n && next_line(f, &line, &cap) >= 0; k++) {
      if (strncmp(line, rel, n) != 0 || line[n] != '/' || strstr(line, ".."))
        break;
      nb_buf_printf(files, "%s\n", line);
    }
  free(line);
  if (f)
    fclose(f);
  return k == e->n;
}

int nb_manifest_unchanged(const nb_manifest *m, const char *root, const char *rel, uint64_t in,
                          nb_buf *files, uint64_t *out)
{
  entry key = {.key = key_of(rel)};
  const entry *e = m->n ? bsearch(&key, m->e, m->n, sizeof *m->e, cmp_entry) : NULL;
  if (!e || e->in != in || !e->n || !e->out)
    return 0;
  nb_buf names = NB_BUF_INIT;
  size_t n = 0;
  int same = read_names(m, e, rel, &names) &&
             nb_manifest_outputs(root, nb_buf_cstr(&names), &n) == e->out && n == e->n;
  if (same) {
    nb_buf_put(files, names.data, names.len);
    *out = e->out;
  }
  nb_buf_free(&names);
  return same;
}

void nb_manifest_put_report(nb_buf *list, const char *rel, uint64_t in, uint64_t out, size_t n)
{
  nb_buf_printf(list, "#report %016" PRIx64 " %016" PRIx64 " %zu %s\n", in, out, n, rel);
}
