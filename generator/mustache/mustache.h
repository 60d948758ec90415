/* nb_mustache: the Mustache template engine (https://mustache.github.io/mustache.5.html).
 *
 * A template is parsed once into a tree (nb_mus_parse) and rendered any number of times
 * against a document tree (nb_mus_render). It follows the official specification: variables
 * ({{x}} HTML-escaped, {{{x}}} and {{&x}} raw), dotted names, the implicit iterator {{.}},
 * sections and inverted sections, comments, set-delimiter tags, partials with standalone
 * indentation, and the optional modules inheritance ({{<parent}} with {{$block}}) and dynamic
 * names ({{>*name}}). Lambdas are not supported.
 *
 * The data model is nb_node: falsey values are NB_NULL, false, an empty sequence and a missing
 * name; everything else, including "" and 0, is truthy. Strings interpolate as themselves,
 * integers as written in the data (canonical decimal for nodes made by the program), reals in
 * their shortest round-trip form (1.210 → "1.21", as the specification requires), booleans as
 * "true"/"false"; null, mappings and sequences interpolate as nothing.
 *
 * Partials and parents are looked up through a loader chosen by the caller; nb_mus_dirs is
 * the loader for real use (directories in order, then the built-in templates). Each partial is
 * parsed once per render call.
 *
 * Errors (codes NB401–NB409) carry the template name and the 1-based line and column of the
 * tag; parsing and rendering stop at the first one.
 *   NB401 a section, block or parent without its end tag     NB406 partial not found
 *   NB402 an end tag that does not match the open section     NB407 unsafe partial name
 *   NB403 a tag without its closing delimiter                 NB408 too deep / output too large
 *   NB404 a malformed set-delimiter tag                       NB409 partial could not be read
 *   NB405 an empty or malformed tag name
 *
 * Ownership: nb_mus_parse copies the text; the template owns everything in it and is freed
 * by nb_mus_free. Rendering does not modify the template, the data or the loader. An error's
 * strings belong to it and are released by nb_mus_error_free. Every _free accepts NULL. */
#ifndef NB_MUSTACHE_H
#define NB_MUSTACHE_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/node.h"

#define NB_MUS_MAX_NEST 100u           /* sections, blocks and parents inside one template */
#define NB_MUS_MAX_PARTIAL_DEPTH 64u   /* partials and parents inside each other */
#define NB_MUS_MAX_OUTPUT ((size_t)64 << 20) /* default limit on one render's output */

/* ---- errors ---- */

typedef struct {
  char code[8];        /* "NB401" … "NB409"; "" when there is no error */
  char *file;          /* name of the template the problem is in */
  uint32_t line, col;  /* 1-based, column in characters; 0 when there is no position */
  char *message;       /* Chinese, says what is wrong */
  char *hint;          /* Chinese, says how to fix it; may be NULL */
  char *source;        /* that template's text, to quote the line (may be NULL) */
  size_t source_len;
} nb_mus_error;

#define NB_MUS_ERROR_INIT {"", NULL, 0, 0, NULL, NULL, NULL, 0}

/* Releases the strings of E and resets it to NB_MUS_ERROR_INIT. */
void nb_mus_error_free(nb_mus_error *e);
/* Appends "模板 FILE:LINE:COL: MESSAGE" to OUT. */
void nb_mus_error_format(const nb_mus_error *e, nb_buf *out);
/* E as the diagnostics of its file, to print with nb_diags_print_text like lint does
 * ("FILE:LINE:COL: 错误[NB401] …", the quoted line, the hint). The caller frees the result. */
nb_diags *nb_mus_error_diags(const nb_mus_error *e);

/* ---- templates ---- */

typedef struct nb_mus_tpl nb_mus_tpl;

/* Parses TEXT (LEN bytes of UTF-8; a leading byte order mark is dropped) as the template
 * called NAME (used in messages). Returns the template, or NULL with *ERR filled in (ERR may
 * be NULL). */
nb_mus_tpl *nb_mus_parse(const char *name, const char *text, size_t len, nb_mus_error *err);
void nb_mus_free(nb_mus_tpl *t);
const char *nb_mus_name(const nb_mus_tpl *t);

/* ---- loading partials ---- */

typedef enum {
  NB_MUS_FOUND,       /* OUT is filled in */
  NB_MUS_NOT_FOUND,   /* no template of that name */
  NB_MUS_BAD_NAME,    /* the name would leave the template directories */
  NB_MUS_IO_ERROR     /* found but unreadable; OUT->origin and OUT->why say which and why */
} nb_mus_status;

typedef struct {
  const char *text;   /* the template text; must stay valid until the render call returns */
  size_t len;
  const char *origin; /* file name for messages (NULL: the partial's name) */
  const char *why;    /* NB_MUS_IO_ERROR: Chinese reason, e.g. "文件不存在" */
} nb_mus_source;

/* Finds the template called NAME (as written in {{>NAME}} or {{<NAME}}). */
typedef nb_mus_status (*nb_mus_loader)(void *ud, const char *name, nb_mus_source *out);

/* Writes S (N bytes) to OUT escaped for the output format. */
typedef void (*nb_mus_escape)(void *ud, nb_buf *out, const char *s, size_t n);

typedef struct {
  nb_mus_loader loader;  /* NULL: no partials (every partial is missing) */
  void *loader_ud;
  int missing_is_error;  /* nonzero: a partial or parent the loader cannot find is error NB406;
                          * zero: it renders as nothing, as the specification says */
  nb_mus_escape escape;  /* for {{x}}; NULL: HTML (& < > " ') */
  void *escape_ud;
  size_t max_output;     /* 0: NB_MUS_MAX_OUTPUT */
} nb_mus_opts;

/* Appends T rendered against the data CONTEXT (may be NULL: nothing to look up) to OUT.
 * OPTS may be NULL. Returns 0, or -1 with *ERR filled in when ERR is not NULL (OUT then holds
 * partial output). */
int nb_mus_render(const nb_mus_tpl *t, const nb_node *context, const nb_mus_opts *opts,
                  nb_buf *out, nb_mus_error *err);

/* HTML escaping, the default: & < > " ' become entities. */
void nb_mus_escape_html(void *ud, nb_buf *out, const char *s, size_t n);

/* ---- the directory loader ---- */

/* nb_mus_dirs looks NAME up as the file NAME.mustache (NAME itself when it already ends in
 * ".mustache") in each directory in the order added, then, if BUILTIN was nonzero, among the
 * built-in templates (nb_embed). Names containing "/", "\", ":" or ".." are refused
 * (NB_MUS_BAD_NAME), so a partial cannot leave the directories. Files read are kept until
 * nb_mus_dirs_free; use it as nb_mus_opts.loader with the nb_mus_dirs as loader_ud. */
typedef struct nb_mus_dirs nb_mus_dirs;

nb_mus_dirs *nb_mus_dirs_new(int builtin);
void nb_mus_dirs_add(nb_mus_dirs *d, const char *dir);   /* the string is copied */
void nb_mus_dirs_free(nb_mus_dirs *d);
nb_mus_status nb_mus_dir_loader(void *dirs, const char *name, nb_mus_source *out);

#endif
