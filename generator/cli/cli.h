/* cli: the nianbao subcommands. cli/main.c parses the command word and calls one of these with
 * the remaining arguments (argv[0] is the command word). Each returns the process exit code:
 * 0 success, 1 the input has errors, 2 usage or I/O error (see README, 退出码). */
#ifndef NB_CLI_H
#define NB_CLI_H
#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/io.h"

#include "core/buf.h"

enum { NB_EXIT_OK = 0, NB_EXIT_INVALID = 1, NB_EXIT_USAGE = 2 };

typedef struct {
  const char *name;                  /* command word */
  int (*run)(int argc, char **argv); /* argv[0] is the command word */
  const char *summary;               /* one line, Chinese, for nianbao --help */
  const char *help;                  /* full usage, Chinese, for nianbao help CMD */
} nb_cli_command;

int nb_cli_lint(int argc, char **argv);
extern const char nb_cli_lint_help[];
int nb_cli_schema(int argc, char **argv);
extern const char nb_cli_schema_help[];
int nb_cli_render(int argc, char **argv);
extern const char nb_cli_render_help[];
int nb_cli_template(int argc, char **argv);
extern const char nb_cli_template_help[];

int nb_cli_import(int argc, char **argv);
extern const char nb_cli_import_help[];
int nb_cli_init(int argc, char **argv);
extern const char nb_cli_init_help[];
int nb_cli_next(int argc, char **argv);
extern const char nb_cli_next_help[];

/* Writes the data file DATA (LEN bytes) that command CMD made to TARGET ("-": standard
 * output) through nb_author_write, never over INPUT (may be NULL) nor, without FORCE, over
 * an existing file. Says why in Chinese when it does not write. Returns 0 when written,
 * else NB_EXIT_USAGE. */
int nb_cli_write_data(const char *cmd, const char *target, const char *data, size_t len,
                      int force, const char *input);

int nb_cli_summary(int argc, char **argv);
extern const char nb_cli_summary_help[];
int nb_cli_site(int argc, char **argv);
extern const char nb_cli_site_help[];

/* Renders item I of SET (checked again with SCHEMA) as render does for one file: md, html, json
 * and the formats WITH (NB_SITE_PDF, NB_SITE_DOCX, NB_SITE_GRAPHIC of batch/site.h) into DIR;
 * DIR NULL: only the formats WITH, in memory, nothing written. PDF_CACHE (may be NULL) is the
 * run's (nb_pdfmod_cache_new). "已生成/未变化" lines to OUT, diagnostics to ERR. Returns an
 * exit code (0 when every file was made). For nianbao site. */
struct nb_set;
struct nb_schema;
struct nb_pdf_cache;
int nb_cli_render_item(const struct nb_set *set, size_t i, const struct nb_schema *schema,
                       const char *dir, const char *templates, struct nb_pdf_cache *pdf_cache,
                       unsigned with, nb_buf *out, nb_buf *err);

/* Writes LEN bytes of DATA to PATH atomically unless it already holds them, and says so on
 * standard output ("已生成 PATH" / "未变化 PATH"); on failure says why on standard error,
 * as command CMD. Returns 0 or -1. */
int nb_cli_write_output(const char *cmd, const char *path, const char *data, size_t len);

/* The one wording of I/O failures, for every command CMD, on ERR. WHAT names the file's
 * role ("模板文件", or "" for the command's input); WHY says why writing failed. */
void nb_cli_read_failed(FILE *err, const char *cmd, const char *what, const char *path,
                        nb_io_status st);
void nb_cli_write_failed(FILE *err, const char *cmd, const char *path, const char *why);
void nb_cli_mkdir_failed(FILE *err, const char *cmd, const char *dir, int errnum);
/* The one write path of outputs: LEN bytes of DATA to PATH atomically unless it already holds
 * them; "已生成 PATH" or "未变化 PATH" appended to OUT, a failure said on ERR. 0 or -1. */
int nb_cli_output(const char *cmd, const char *path, const char *data, size_t len, nb_buf *out,
                  FILE *err);

/* -j/--jobs VALUE of command CMD: a whole number from 1 to 256 into *JOBS, else a Chinese
 * message and -1. */
int nb_cli_parse_jobs(const char *cmd, const char *value, unsigned *jobs);

#endif
