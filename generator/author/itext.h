/* author/itext: the text-reading layer of import, shared by the prose and table stages
 * (author/import_prose.c, author/import_table.c) and driven by author/import.c. Not part of
 * the library's interface.
 *
 * nbi_read turns the input into normalised UTF-8 lines and one stream of cells (a tab- or
 * pipe-separated line is a row of cells, any other line one cell), drops Markdown table rules
 * and chart residue and finds the six part headings. The helpers below read that stream.
 *
 * Ownership: an nbi owns its normalised text, line and cell arrays and notes (malloc) and an
 * arena holding the output tree and every normalised cell text; nbi_dispose frees all. */
#ifndef NB_ITEXT_H
#define NB_ITEXT_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/diag.h"
#include "core/node.h"

#define NBI_NONE ((size_t)-1)

typedef enum { NBI_TEXT, NBI_NUM, NBI_BLANK } nbi_cell_kind;

typedef struct {
  const char *raw;    /* trimmed text inside nbi.buf (not NUL-terminated) */
  size_t len;
  const char *norm;   /* matching form (nbi_norm), NUL-terminated */
  uint32_t line;      /* 1-based input line */
  nbi_cell_kind kind; /* a placeholder such as "-" or "无" counts as blank */
  int placeholder;    /* blank written as "-", "/", "无": always a cell of its own */
  int interior;       /* blank with non-blank cells on both sides in its own line */
} nbi_cell;

typedef struct {
  const char *s;      /* the line inside nbi.buf, without its newline */
  size_t len;
  uint32_t no;        /* 1-based */
  int is_row;         /* split at tabs or pipes */
  int dropped;        /* Markdown table rule or chart residue: ignored */
  size_t first, ncells; /* its cells in nbi.cells */
} nbi_line;

typedef struct {
  char *path;
  char *text;
} nbi_comment;

typedef struct {
  nb_diags *diags;
  nb_arena *arena;
  char *buf;          /* normalised UTF-8 text */
  size_t len;
  nbi_line *lines;
  size_t nlines;
  nbi_cell *cells;
  size_t ncells, capcells;
  size_t part[7];     /* line index of the heading of part 1–6, or NBI_NONE */
  nb_node *root;      /* the data file being built, keys in data-model order */
  nbi_comment *notes;    /* comments written after values, by key path */
  size_t nnotes, capnotes;
  nb_buf missing;     /* "#   - …" lines for the file's opening comment */
  int incomplete;
} nbi;

typedef enum {
  NBI_MARK_NONE, NBI_MARK_PAREN_CN, NBI_MARK_PAREN_NUM, NBI_MARK_DUN_CN, NBI_MARK_DUN_NUM
} nbi_mark_kind;

typedef struct {
  nbi_mark_kind kind; /* （一） (5) 一、 1、/1. */
  int value;
} nbi_mark;

size_t nbi_u8_dec(const char *s, size_t len, uint32_t *cp); /* 0: invalid */
char *nbi_norm(nbi *m, const char *s, size_t len);
/* Length of the numbering mark (and spaces, '#', a "- " list mark) at the start of S. */
size_t nbi_marker(const char *s, size_t len, nbi_mark *mark);
const nbi_cell *nbi_line_cell(const nbi *m, size_t i);
void nbi_part_range(const nbi *m, int k, size_t *from, size_t *to);
/* A diagnostic; an error also goes into the file's list of gaps and makes it incomplete. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
void nbi_report(nbi *m, int error, const char *code, uint32_t line, const char *fmt, ...);
/* A comment written after the value at PATH. */
void nbi_note(nbi *m, const char *path, const char *text);

/* Reads TEXT (LEN bytes of valid UTF-8) into M, whose diags and arena are set and the rest
 * zeroed. Returns 0 when neither a part heading nor a table was found. */
int nbi_read(nbi *m, const char *text, size_t len);
/* Frees what M owns (not M itself, nor its diags). */
void nbi_dispose(nbi *m);

#endif
