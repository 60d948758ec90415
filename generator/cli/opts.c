/* The option parser of every command (see cli/opts.h). */
#include "cli/opts.h"

#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether ARG is one of the '|'-separated spellings in NAMES. */
static int spelled(const char *names, const char *arg)
{
  size_t n = strlen(arg);
  for (const char *p = names; *p;) {
    const char *bar = strchr(p, '|');
    size_t len = bar ? (size_t)(bar - p) : strlen(p);
    if (len == n && memcmp(p, arg, n) == 0)
      return 1;
    p += len + (bar != NULL);
  }
  return 0;
}

/* The value attached to ARG when ARG is one of NAMES' spellings with its value joined to it,
 * as getopt takes them: "-j2" (a one-letter spelling) or "--jobs=2"; NULL otherwise. */
static const char *attached(const char *names, const char *arg)
{
  for (const char *p = names; *p;) {
    const char *bar = strchr(p, '|');
    size_t len = bar ? (size_t)(bar - p) : strlen(p);
    if (strncmp(p, arg, len) == 0 && arg[len] != '\0') {
      if (len == 2 && p[1] != '-')
        return arg + len;
      if (len > 2 && arg[len] == '=')
        return arg + len + 1;
    }
    p += len + (bar != NULL);
  }
  return NULL;
}

/* The option ARG names; for an option with its value attached, *VALUE is set to it. */
static const cli_opt *find(const cli_spec *spec, const char *arg, const char **value)
{
  *value = NULL;
  for (const cli_opt *o = spec->opts; o && o->names; o++)
    if (spelled(o->names, arg))
      return o;
  for (const cli_opt *o = spec->opts; o && o->names; o++)
    if (o->value && (*value = attached(o->names, arg)) != NULL)
      return o;
  return NULL;
}

static int said(const cli_spec *spec, const char *what, const char *arg)
{
  fprintf(stderr, "nianbao %s: %s“%s”。运行 nianbao help %s 查看用法。\n", spec->cmd, what, arg,
          spec->cmd);
  return -1;
}

static int is_operand(const char *arg)
{
  return arg[0] != '-' || strcmp(arg, "-") == 0;
}

static int add_operand(const cli_spec *spec, const char *a, const char **operands,
                       size_t *noperands)
{
  if (*noperands >= spec->max_operands)
    return said(spec, "多余的参数", a);
  operands[(*noperands)++] = a;
  return 0;
}

int cli_parse(const cli_spec *spec, int argc, char **argv, void *ctx, const char **operands,
              size_t *noperands)
{
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0 && !spec->interleaved)
      return i + 1;
    if (strcmp(a, "--") == 0) { /* the rest are operands, whatever they look like */
      for (i++; i < argc; i++)
        if (add_operand(spec, argv[i], operands, noperands) != 0)
          return -1;
      return i;
    }
    if (is_operand(a)) {
      if (!spec->interleaved)
        return i;
      if (add_operand(spec, a, operands, noperands) != 0)
        return -1;
      continue;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(spec->help, stdout);
      return 0;
    }
    const char *value;
    const cli_opt *o = find(spec, a, &value);
    if (!o)
      return said(spec, "不认识的选项", a);
    if (o->value && !value && i + 1 >= argc)
      return said(spec, "选项后面缺少内容：", a);
    if (o->value && !value)
      value = argv[++i];
    if (spec->set(ctx, o->id, value) != 0)
      return -1;
  }
  return i;
}

int cli_parse_leading(const cli_spec *spec, int argc, char **argv, void *ctx,
                      const char *missing, int *first)
{
  int i = cli_parse(spec, argc, argv, ctx, NULL, NULL);
  if (i <= 0)
    return i == 0 ? 1 : -1;
  if (i >= argc) {
    fprintf(stderr, "nianbao %s: %s运行 nianbao help %s 查看用法。\n", spec->cmd, missing,
            spec->cmd);
    return -1;
  }
  *first = i;
  return 0;
}

int cli_parse_anywhere(const cli_spec *spec, int argc, char **argv, void *ctx,
                       const char *missing, char ***paths, size_t *n)
{
  cli_spec any = *spec;
  any.interleaved = 1;
  any.max_operands = (size_t)argc;
  const char **operands = nb_xcalloc((size_t)argc + 1, sizeof *operands);
  *n = 0;
  int rc = cli_parse(&any, argc, argv, ctx, operands, n);
  if (rc > 0 && *n == 0) {
    fprintf(stderr, "nianbao %s: %s运行 nianbao help %s 查看用法。\n", spec->cmd, missing,
            spec->cmd);
    rc = -1;
  }
  *paths = nb_xcalloc((size_t)argc + 1, sizeof **paths);
  for (size_t k = 0, j = 1; rc > 0 && k < *n && j < (size_t)argc; j++)
    if (argv[j] == operands[k]) /* the same strings, without const */
      (*paths)[k++] = argv[j];
  free(operands);
  return rc < 0 ? -1 : rc == 0 ? 1 : 0;
}

enum { DATA_OUTPUT, DATA_FORCE };

static int set_data_option(void *ctx, int id, const char *value)
{
  cli_data_opts *o = ctx;
  if (id == DATA_OUTPUT)
    o->output = value;
  else
    o->force = 1;
  return 0;
}

int cli_parse_data_opts(const char *cmd, const char *help, int argc, char **argv,
                        cli_data_opts *o)
{
  static const cli_opt options[] = {{"-o", 1, DATA_OUTPUT}, {"--force", 0, DATA_FORCE}, {NULL, 0, 0}};
  cli_spec spec = {cmd, help, options, 1, 1, set_data_option};
  size_t n = 0;
  int rc = cli_parse(&spec, argc, argv, o, &o->input, &n);
  return rc < 0 ? -1 : rc == 0 ? 1 : 0;
}
