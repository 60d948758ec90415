/* cli/opts: one option parser for every command, driven by a table of the command's options.
 *
 * An option is named by one or more spellings ("-o|--output"); it is a flag or takes the next
 * argument as its value, which may also be joined to it ("-j2", "-oout", "--jobs=2"). "-h" and "--help" print the command's help. Operands either follow
 * the options (lint, render, summary: the first argument not starting with '-', or everything
 * after "--") or may stand between them (init, next, import, summary: at most MAX_OPERANDS
 * of them; everything after "--" is an operand).
 * Mistakes are said in one wording for all commands, in Chinese, naming `nianbao help CMD`.
 *
 * Ownership: the tables are static; values point into argv. */
#ifndef NB_CLI_OPTS_H
#define NB_CLI_OPTS_H
#include <stddef.h>

typedef struct {
  const char *names;  /* spellings separated by '|': "-j|--jobs"; NULL ends a table */
  int value;          /* 1: takes the next argument as its value */
  int id;             /* handed to the command's set function */
} cli_opt;

typedef struct {
  const char *cmd;            /* command word, for messages */
  const char *help;           /* printed on standard output for -h/--help */
  const cli_opt *opts;
  int interleaved;            /* operands may stand between options */
  size_t max_operands;        /* with INTERLEAVED: how many operands at most */
  /* Takes option ID with VALUE (NULL for a flag); returns 0, or -1 after saying why. */
  int (*set)(void *ctx, int id, const char *value);
} cli_spec;

/* Parses ARGV[1..ARGC) by SPEC. Options go to SPEC->set; with INTERLEAVED the operands are
 * stored in OPERANDS[0..*NOPERANDS) (room for MAX_OPERANDS). Returns the index of the first
 * operand that follows the options (ARGC when there is none; always ARGC with INTERLEAVED),
 * 0 after printing the help, or -1 after saying what is wrong. */
int cli_parse(const cli_spec *spec, int argc, char **argv, void *ctx, const char **operands,
              size_t *noperands);

/* For commands whose operands follow the options (lint, render, summary): parses, then says
 * MISSING (a sentence, the command's name is put before it) when no operand follows. Returns
 * 0 with *FIRST the index of the first operand, 1 after printing the help, -1 after saying
 * what is wrong. */
int cli_parse_leading(const cli_spec *spec, int argc, char **argv, void *ctx,
                      const char *missing, int *first);

/* For commands that take files and folders among their options (site: "nianbao site 年报/ -o
 * public/"): parses SPEC (INTERLEAVED and MAX_OPERANDS are taken as set: any number), then
 * says MISSING as cli_parse_leading does when there is no operand. Returns 0 with *PATHS the
 * operands (argv's own strings, in order; the caller frees the array) and *N, 1 after
 * printing the help, -1 after saying what is wrong. */
int cli_parse_anywhere(const cli_spec *spec, int argc, char **argv, void *ctx,
                       const char *missing, char ***paths, size_t *n);

/* The options of next and import: one input file, -o FILE, --force. */
typedef struct {
  const char *input, *output;
  int force;
} cli_data_opts;
/* Parses them for command CMD (HELP for -h): 0 (INPUT may still be NULL), 1 after printing
 * the help, -1 after saying what is wrong. */
int cli_parse_data_opts(const char *cmd, const char *help, int argc, char **argv,
                        cli_data_opts *o);

#endif
