/* The cache of one run's PDFs (see pdf/cache.h): faces by spec, subsets by face and
 * characters, byte strings by name; small arrays searched in order under one mutex. */
#include "pdf/cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *spec;
  nb_font *face; /* NULL: not found */
} face_entry;

typedef struct {
  const nb_font *face; /* NULL: a free slot */
  uint32_t *cps;
  size_t n;
  uint64_t hash;
  nb_pdf_subset s;
  size_t bytes; /* its program, map, code points and glyph ids */
  unsigned long hits, born;
} subset_entry;

typedef struct {
  char *key;
  nb_buf data;
} bytes_entry;

struct nb_pdf_cache {
  pthread_mutex_t lock;
  nb_font_finder *finder;
  face_entry *specs;
  size_t nspecs, capspecs;
  nb_font **faces; /* every face loaded, once per file and index */
  size_t nfaces, capfaces;
  subset_entry subsets[NB_PDF_CACHE_SUBSETS];
  size_t subset_bytes; /* of all the subsets kept */
  unsigned long clock;
  bytes_entry *bytes;
  size_t nbytes, capbytes;
};

nb_pdf_cache *nb_pdf_cache_new(void)
{
  nb_pdf_cache *c = nb_xcalloc(1, sizeof *c);
  pthread_mutex_init(&c->lock, NULL);
  c->finder = nb_font_finder_new();
  return c;
}

void nb_pdf_subset_free(nb_pdf_subset *s)
{
  nb_buf_free(&s->program);
  nb_buf_free(&s->cmap);
  free(s->gids);
  s->gids = NULL;
}

static void drop_subset(subset_entry *e)
{
  free(e->cps);
  nb_pdf_subset_free(&e->s);
  memset(e, 0, sizeof *e);
}

void nb_pdf_cache_free(nb_pdf_cache *c)
{
  if (!c)
    return;
  for (size_t i = 0; i < NB_PDF_CACHE_SUBSETS; i++)
    drop_subset(&c->subsets[i]);
  for (size_t i = 0; i < c->nbytes; i++) {
    free(c->bytes[i].key);
    nb_buf_free(&c->bytes[i].data);
  }
  for (size_t i = 0; i < c->nspecs; i++)
    free(c->specs[i].spec);
  for (size_t i = 0; i < c->nfaces; i++)
    nb_font_free(c->faces[i]);
  free(c->bytes);
  free(c->specs);
  free(c->faces);
  nb_font_finder_free(c->finder);
  pthread_mutex_destroy(&c->lock);
  free(c);
}

void nb_pdf_cache_fonts(nb_pdf_cache *c, nb_buf *out)
{
  pthread_mutex_lock(&c->lock);
  for (size_t i = 0; i < c->nfaces; i++)
    nb_font_describe(c->faces[i], out);
  nb_font_finder_folders(c->finder, out);
  pthread_mutex_unlock(&c->lock);
}

/* The face at PATH and INDEX, loaded unless it already is; under the lock. */
static nb_font *load_face(nb_pdf_cache *c, const char *path, unsigned index)
{
  for (size_t i = 0; i < c->nfaces; i++)
    if (nb_font_index(c->faces[i]) == index && strcmp(nb_font_path(c->faces[i]), path) == 0)
      return c->faces[i];
  nb_font *f = nb_font_load(path, index);
  if (f) {
    NB_GROW(c->faces, c->nfaces, c->capfaces, 8);
    c->faces[c->nfaces++] = f;
  }
  return f;
}

nb_font *nb_pdf_cache_face(nb_pdf_cache *c, const char *spec)
{
  pthread_mutex_lock(&c->lock);
  nb_font *f = NULL;
  size_t i = 0;
  while (i < c->nspecs && strcmp(c->specs[i].spec, spec) != 0)
    i++;
  if (i < c->nspecs) {
    f = c->specs[i].face;
  } else {
    char *path = NULL;
    unsigned index = 0;
    if (nb_font_find(c->finder, spec, &path, &index) == 0)
      f = load_face(c, path, index);
    free(path);
    NB_GROW(c->specs, c->nspecs, c->capspecs, 8);
    c->specs[c->nspecs++] = (face_entry){nb_xstrdup(spec), f};
  }
  pthread_mutex_unlock(&c->lock);
  return f;
}

static uint64_t hash_cps(const uint32_t *cps, size_t n)
{
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ cps[i]) * 1099511628211ull;
  return h;
}

static void copy_subset(nb_pdf_subset *to, const nb_pdf_subset *from, size_t n)
{
  nb_buf_put(&to->program, from->program.data, from->program.len);
  to->program_len = from->program_len;
  nb_buf_put(&to->cmap, from->cmap.data, from->cmap.len);
  to->gids = nb_xmalloc((n ? n : 1) * sizeof *to->gids);
  memcpy(to->gids, from->gids, n * sizeof *to->gids);
}

/* The slot holding FACE's subset for CPS, or NULL; under the lock. */
static subset_entry *find_subset(nb_pdf_cache *c, const nb_font *face, const uint32_t *cps,
                                 size_t n, uint64_t h)
{
  for (size_t i = 0; i < NB_PDF_CACHE_SUBSETS; i++) {
    subset_entry *e = &c->subsets[i];
    if (e->face == face && e->hash == h && e->n == n && memcmp(e->cps, cps, n * sizeof *cps) == 0)
      return e;
  }
  return NULL;
}

int nb_pdf_cache_subset(nb_pdf_cache *c, const nb_font *face, const uint32_t *cps, size_t n,
                        nb_pdf_subset *out)
{
  uint64_t h = hash_cps(cps, n);
  pthread_mutex_lock(&c->lock);
  subset_entry *e = find_subset(c, face, cps, n, h);
  if (e) {
    e->hits++;
    copy_subset(out, &e->s, n);
  }
  pthread_mutex_unlock(&c->lock);
  return e != NULL;
}

/* Empties the subset used least (the oldest of those); under the lock. */
static void drop_least(nb_pdf_cache *c)
{
  subset_entry *least = NULL;
  for (size_t i = 0; i < NB_PDF_CACHE_SUBSETS; i++) {
    subset_entry *e = &c->subsets[i];
    if (e->face && (!least || e->hits < least->hits ||
                    (e->hits == least->hits && e->born < least->born)))
      least = e;
  }
  if (least) {
    c->subset_bytes -= least->bytes;
    drop_subset(least);
  }
}

/* A free slot with room for BYTES (at most NB_PDF_CACHE_BYTES) more, made by emptying the
 * subsets used least; under the lock. */
static subset_entry *room_for(nb_pdf_cache *c, size_t bytes)
{
  for (;;) {
    subset_entry *e = NULL;
    for (size_t i = 0; !e && i < NB_PDF_CACHE_SUBSETS; i++)
      if (!c->subsets[i].face)
        e = &c->subsets[i];
    if (e && c->subset_bytes + bytes <= NB_PDF_CACHE_BYTES)
      return e;
    drop_least(c);
  }
}

void nb_pdf_cache_keep_subset(nb_pdf_cache *c, const nb_font *face, const uint32_t *cps,
                              size_t n, const nb_pdf_subset *s)
{
  uint64_t h = hash_cps(cps, n);
  size_t bytes = s->program.len + s->cmap.len + n * (sizeof *cps + sizeof *s->gids);
  if (bytes > NB_PDF_CACHE_BYTES)
    return;
  pthread_mutex_lock(&c->lock);
  if (!find_subset(c, face, cps, n, h)) { /* another thread may have kept it meanwhile */
    subset_entry *e = room_for(c, bytes);
    e->face = face;
    e->bytes = bytes;
    c->subset_bytes += bytes;
    e->cps = nb_xmalloc((n ? n : 1) * sizeof *cps);
    memcpy(e->cps, cps, n * sizeof *cps);
    e->n = n;
    e->hash = h;
    e->born = c->clock++;
    copy_subset(&e->s, s, n);
  }
  pthread_mutex_unlock(&c->lock);
}

int nb_pdf_cache_bytes(nb_pdf_cache *c, const char *key, nb_buf *out)
{
  pthread_mutex_lock(&c->lock);
  size_t i = 0;
  while (i < c->nbytes && strcmp(c->bytes[i].key, key) != 0)
    i++;
  int found = i < c->nbytes;
  if (found)
    nb_buf_put(out, c->bytes[i].data.data, c->bytes[i].data.len);
  pthread_mutex_unlock(&c->lock);
  return found;
}

void nb_pdf_cache_keep_bytes(nb_pdf_cache *c, const char *key, const void *data, size_t len)
{
  pthread_mutex_lock(&c->lock);
  size_t i = 0;
  while (i < c->nbytes && strcmp(c->bytes[i].key, key) != 0)
    i++;
  if (i == c->nbytes) {
    NB_GROW(c->bytes, c->nbytes, c->capbytes, 4);
    bytes_entry *e = &c->bytes[c->nbytes++];
    e->key = nb_xstrdup(key);
    e->data = (nb_buf)NB_BUF_INIT;
    nb_buf_put(&e->data, data, len);
  }
  pthread_mutex_unlock(&c->lock);
}
