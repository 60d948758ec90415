/* nb_mus_dirs: the partial loader for real use. A partial name becomes a file name (NAME plus
 * ".mustache" unless it already ends so), looked up in each directory in order, then among
 * the built-in templates. Files read are kept until the loader is freed, so the texts handed
 * out stay valid through any number of renders. */
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/io.h"
#include "mustache/mustache.h"

#define MAX_TEMPLATE_BYTES ((size_t)1 << 20) /* 1 MiB: a report template is a few KB */

typedef struct {
  char *path;   /* also the origin for messages */
  char *text;   /* NULL: the file could not be read */
  size_t len;
} dir_file;

struct nb_mus_dirs {
  char **dirs;
  size_t ndirs;
  int builtin;
  dir_file *files;
  size_t nfiles, cap;
};

nb_mus_dirs *nb_mus_dirs_new(int builtin)
{
  nb_mus_dirs *d = nb_xcalloc(1, sizeof *d);
  d->builtin = builtin;
  return d;
}

void nb_mus_dirs_add(nb_mus_dirs *d, const char *dir)
{
  d->dirs = nb_xrealloc(d->dirs, (d->ndirs + 1) * sizeof *d->dirs);
  d->dirs[d->ndirs++] = nb_xstrdup(dir);
}

void nb_mus_dirs_free(nb_mus_dirs *d)
{
  if (!d)
    return;
  for (size_t i = 0; i < d->ndirs; i++)
    free(d->dirs[i]);
  for (size_t i = 0; i < d->nfiles; i++) {
    free(d->files[i].path);
    free(d->files[i].text);
  }
  free(d->dirs);
  free(d->files);
  free(d);
}

/* A name must not lead out of the directories: no separators, drive letters or "..". */
static int safe_name(const char *name)
{
  return name[0] && !strpbrk(name, "/\\:") && !strstr(name, "..");
}

static int ends_with(const char *s, const char *suffix)
{
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static dir_file *keep(nb_mus_dirs *d, char *path, char *text, size_t len)
{
  NB_GROW(d->files, d->nfiles, d->cap, 8);
  dir_file *f = &d->files[d->nfiles++];
  f->path = path;
  f->text = text;
  f->len = len;
  return f;
}

static nb_mus_status from_dir(nb_mus_dirs *d, const char *dir, const char *file,
                              nb_mus_source *out)
{
  nb_buf path = NB_BUF_INIT;
  size_t n = strlen(dir);
  nb_buf_printf(&path, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", file);
  for (size_t i = 0; i < d->nfiles; i++) {
    if (d->files[i].text && strcmp(d->files[i].path, path.data) == 0) {
      nb_buf_free(&path);
      out->text = d->files[i].text;
      out->len = d->files[i].len;
      out->origin = d->files[i].path;
      return NB_MUS_FOUND;
    }
  }
  nb_buf text = NB_BUF_INIT;
  nb_io_status st = nb_io_read(path.data, MAX_TEMPLATE_BYTES, &text);
  if (st == NB_IO_NOT_FOUND) {
    nb_buf_free(&path);
    nb_buf_free(&text);
    return NB_MUS_NOT_FOUND;
  }
  if (st != NB_IO_OK) {
    nb_buf_free(&text);
    out->origin = keep(d, nb_buf_detach(&path), NULL, 0)->path;
    out->why = nb_io_status_text(st);
    return NB_MUS_IO_ERROR;
  }
  size_t len = text.len;
  dir_file *f = keep(d, nb_buf_detach(&path), nb_buf_detach(&text), len);
  out->text = f->text;
  out->len = f->len;
  out->origin = f->path;
  return NB_MUS_FOUND;
}

nb_mus_status nb_mus_dir_loader(void *dirs, const char *name, nb_mus_source *out)
{
  nb_mus_dirs *d = dirs;
  memset(out, 0, sizeof *out);
  if (!safe_name(name))
    return NB_MUS_BAD_NAME;
  nb_buf file = NB_BUF_INIT;
  nb_buf_printf(&file, "%s%s", name, ends_with(name, ".mustache") ? "" : ".mustache");
  nb_mus_status st = NB_MUS_NOT_FOUND;
  for (size_t i = 0; i < d->ndirs && st == NB_MUS_NOT_FOUND; i++)
    st = from_dir(d, d->dirs[i], file.data, out);
  if (st == NB_MUS_NOT_FOUND && d->builtin) {
    const nb_embedded_file *e = nb_embed_find(file.data);
    if (e) {
      out->text = (const char *)e->data;
      out->len = e->size;
      out->origin = e->name;
      st = NB_MUS_FOUND;
    }
  }
  nb_buf_free(&file);
  return st;
}
