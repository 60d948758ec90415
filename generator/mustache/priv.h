/* mustache/priv.h: the parsed template, shared by the parser (mustache/parse.c) and the renderer
 * (mustache/render.c). Not part of the public interface. */
#ifndef NB_MUS_PRIV_H
#define NB_MUS_PRIV_H
#include <stddef.h>

#include "mustache/mustache.h"

typedef enum {
  NB_MUS_TEXT,      /* literal text */
  NB_MUS_VAR,       /* {{x}}: escaped */
  NB_MUS_RAW,       /* {{{x}}}, {{&x}} */
  NB_MUS_SECTION,   /* {{#x}}…{{/x}} */
  NB_MUS_INVERTED,  /* {{^x}}…{{/x}} */
  NB_MUS_PARTIAL,   /* {{>x}} */
  NB_MUS_PARENT,    /* {{<x}}…{{/x}}: children are the overriding blocks only */
  NB_MUS_BLOCK      /* {{$x}}…{{/x}}: children are the default content */
} nb_mus_kind;

typedef struct {
  const char *s;
  size_t n;
} nb_mus_part;

typedef struct nb_mus_node nb_mus_node;
struct nb_mus_node {
  nb_mus_kind kind;
  unsigned char dynamic;    /* PARTIAL, PARENT: the name is looked up in the context (>*x) */
  unsigned char standalone; /* PARTIAL, PARENT, BLOCK: the tag stood alone on its line */
  const char *text;         /* TEXT: the text; other kinds: the name, NUL-terminated */
  size_t len;
  nb_mus_part *parts;       /* names looked up: the dotted name split at "."; */
  size_t nparts;            /* nparts 0 is the implicit iterator "." */
  const char *indent;       /* PARTIAL, PARENT: indentation of a standalone tag; BLOCK: the */
  size_t indent_len;        /* indentation given to overriding content (see mustache/parse.c) */
  size_t off;               /* byte offset of the tag in the source, for messages */
  nb_mus_node *child;       /* SECTION, INVERTED, BLOCK, PARENT: first node of the body */
  nb_mus_node *next;
};

struct nb_mus_tpl {
  char *name;
  char *src;                /* copy of the text, NUL-terminated; TEXT nodes point into it */
  size_t len;
  nb_arena *arena;          /* the nodes */
  nb_mus_node *root;        /* first top-level node; NULL for an empty template */
};

/* Fills ERR (freeing what it held) for a problem at byte OFF of T's source, in T's name;
 * OFF == (size_t)-1: no position. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
void nb_mus_fail(nb_mus_error *err, const nb_mus_tpl *t, size_t off, const char *code,
                 const char *fmt, ...);
/* Sets the hint of the error just filled in. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void nb_mus_hint(nb_mus_error *err, const char *fmt, ...);

#endif
