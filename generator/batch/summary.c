/* The summary keeps one entry per file added (identity, counts, figures), the diagnostics
 * of every file, and the expected names; nb_summary_finish turns them into the year's rows.
 * Rows are sorted by level (the schema's order) and name, so the outputs do not depend on
 * where the files lie in the tree. */
#include "batch/summary.h"

#include <stdlib.h>
#include <string.h>

#include "author/yamlout.h"
#include "check/config.h"
#include "check/score.h"
#include "core/jsonout.h"
#include "render/chart.h"
#include "render/context.h"

struct nb_summary_report {
  unsigned char *fig; /* packed (nb_figures_pack); NULL: the file had no figures */
  int score;          /* 0–100 (check/score), -1 when not scored */
  char **cats;       /* published categories, in the report's order */
  int64_t *counts;
  size_t n_cats, cap_cats;
};

typedef struct {
  char *name, *level, *region, *path; /* name NULL: unknown (the file is broken) */
  int year, region_wide, io_failed;
  int skipped;       /* not a report at all (a link loop skipped): no row */
  size_t errors, warnings;
  nb_summary_report *r;
} entry;

typedef struct {
  size_t entry;      /* SIZE_MAX: a message of the summary itself */
  char *body;        /* for messages of the summary itself */
  nb_summary_problem p;
} problem;

typedef struct {
  size_t entry;      /* the report, or SIZE_MAX for a missing body */
  char *name, *level, *region; /* a missing body's */
  const char *reason;
} row;

typedef struct {
  const char *body; /* the row's name (owned by an entry or row) */
  char *message;
} anomaly;

struct nb_summary {
  int year_asked, year;
  entry *e;
  size_t n_e, cap_e;
  problem *pr;
  size_t n_pr, cap_pr;
  char **expect;
  size_t n_expect, cap_expect;
  row *rows;
  size_t n_rows, cap_rows;
  int64_t sums[NB_FIG_COUNT];
  char **cats;       /* the region's published categories, first seen first */
  int64_t *counts;
  size_t n_cats, cap_cats;
  const char *region;
  size_t region_file; /* the year's region-wide file, or SIZE_MAX */
  nb_set_key *index; /* named reports sorted by name and year */
  size_t n_index;
  anomaly *anom;
  size_t n_anom, cap_anom;
  const nb_config *config; /* rule levels of the summary's own findings; borrowed */
  size_t own_errors;       /* own findings about no file (NB805) made errors */
};

const char *const nb_summary_short_labels[NB_SUM_N] = {
  "主动公开", "新收申请", "办结", "予以公开占比", "行政许可", "行政处罚", "行政强制",
  "行政复议", "行政诉讼", "信息处理费（元）"};

nb_summary *nb_summary_new(int year)
{
  nb_summary *s = nb_xcalloc(1, sizeof *s);
  s->year_asked = year;
  s->region_file = SIZE_MAX;
  return s;
}

void nb_summary_report_free(nb_summary_report *r)
{
  if (!r)
    return;
  free(r->fig);
  for (size_t i = 0; i < r->n_cats; i++)
    free(r->cats[i]);
  free(r->cats);
  free(r->counts);
  free(r);
}

void nb_summary_free(nb_summary *s)
{
  if (!s)
    return;
  for (size_t i = 0; i < s->n_e; i++) {
    free(s->e[i].name), free(s->e[i].level), free(s->e[i].region), free(s->e[i].path);
    nb_summary_report_free(s->e[i].r);
  }
  for (size_t i = 0; i < s->n_pr; i++) {
    free(s->pr[i].body);
    free((char *)(uintptr_t)s->pr[i].p.message);
  }
  for (size_t i = 0; i < s->n_expect; i++)
    free(s->expect[i]);
  for (size_t i = 0; i < s->n_rows; i++)
    free(s->rows[i].name), free(s->rows[i].level), free(s->rows[i].region);
  for (size_t i = 0; i < s->n_cats; i++)
    free(s->cats[i]);
  free(s->e), free(s->pr), free(s->expect), free(s->rows), free(s->cats), free(s->counts);
  free(s->index);
  for (size_t i = 0; i < s->n_anom; i++)
    free(s->anom[i].message);
  free(s->anom);
  free(s);
}

/* Adds COUNT to CATEGORY in the parallel arrays (first seen first). */
static void add_category(char ***cats, int64_t **counts, size_t *n, size_t *cap,
                         const char *category, int64_t count)
{
  for (size_t i = 0; i < *n; i++)
    if (strcmp((*cats)[i], category) == 0) {
      (*counts)[i] += count;
      return;
    }
  size_t c = *cap;
  NB_GROW(*cats, *n, *cap, 8);
  NB_GROW(*counts, *n, c, 8);
  (*cats)[*n] = nb_xstrdup(category);
  (*counts)[(*n)++] = count;
}

nb_summary_report *nb_summary_report_copy(const nb_summary_report *r)
{
  if (!r)
    return NULL;
  nb_summary_report *c = nb_xcalloc(1, sizeof *c);
  if (r->fig) {
    nb_buf b = NB_BUF_INIT;
    int64_t cells[NB_FIG_COUNT];
    nb_figures_unpack(r->fig, cells);
    nb_figures_pack(cells, &b);
    c->fig = (unsigned char *)nb_buf_detach(&b);
  }
  c->score = r->score;
  for (size_t i = 0; i < r->n_cats; i++)
    add_category(&c->cats, &c->counts, &c->n_cats, &c->cap_cats, r->cats[i], r->counts[i]);
  return c;
}

nb_summary_report *nb_summary_read(const nb_node *root)
{
  if (!root)
    return NULL;
  nb_summary_report *r = nb_xcalloc(1, sizeof *r);
  int64_t cells[NB_FIG_COUNT];
  nb_buf packed = NB_BUF_INIT;
  nb_figures_read(root, cells);
  nb_figures_pack(cells, &packed);
  r->fig = (unsigned char *)nb_buf_detach(&packed);
  r->score = -1;
  const nb_node *items = nb_node_path(root, "overview.published_items");
  for (size_t i = 0; items && items->kind == NB_SEQ && i < items->n; i++) {
    const char *cat = nb_node_cstr(nb_node_get(items->items[i], "category"));
    if (cat)
      add_category(&r->cats, &r->counts, &r->n_cats, &r->cap_cats, cat,
                   nb_node_int(nb_node_get(items->items[i], "count"), 0));
  }
  return r;
}

nb_summary_report *nb_summary_review(const nb_checked *c, nb_diags *d)
{
  nb_summary_report *r = nb_summary_read(c->conforms ? c->root : NULL);
  if (!r)
    r = nb_xcalloc(1, sizeof *r);
  nb_score score;
  nb_score_compute(c->root, d, &score);
  r->score = score.total;
  return r;
}

static char *dup_or_null(const char *s)
{
  return s ? nb_xstrdup(s) : NULL;
}

/* The figures of E (may be NULL) into OUT; 0 when it has none. */
static int entry_figures(const entry *e, int64_t out[NB_FIG_COUNT])
{
  if (!e || !e->r || !e->r->fig)
    return 0;
  nb_figures_unpack(e->r->fig, out);
  return 1;
}

static void add_problem(nb_summary *s, size_t entry_i, const char *body, const nb_diag *g)
{
  NB_GROW(s->pr, s->n_pr, s->cap_pr, 64);
  problem *p = &s->pr[s->n_pr++];
  memset(p, 0, sizeof *p);
  p->entry = entry_i;
  p->body = dup_or_null(body);
  p->p.line = g->line;
  p->p.col = g->col;
  memcpy(p->p.code, g->code, sizeof p->p.code);
  p->p.error = g->sev == NB_SEV_ERROR;
  p->p.message = nb_xstrdup(g->message);
}

void nb_summary_add(nb_summary *s, const nb_set_item *it, nb_summary_report *r, nb_diags *d)
{
  NB_GROW(s->e, s->n_e, s->cap_e, 64);
  entry *e = &s->e[s->n_e];
  memset(e, 0, sizeof *e);
  e->name = dup_or_null(it->name);
  e->level = dup_or_null(it->level);
  e->region = dup_or_null(it->region);
  e->path = nb_xstrdup(it->path);
  e->year = it->year;
  e->region_wide = it->region_wide;
  e->io_failed = it->io_failed;
  e->skipped = it->problem && it->problem_warning;
  e->errors = nb_diags_errors(d);
  e->warnings = nb_diags_warnings(d);
  int wanted = !s->year_asked || !e->year || e->year == s->year_asked || e->year == s->year_asked - 1;
  if (wanted) {
    e->r = r;
    for (size_t i = 0; i < nb_diags_count(d); i++)
      add_problem(s, s->n_e, NULL, nb_diags_get(d, i));
  } else {
    nb_summary_report_free(r);
  }
  s->n_e++;
}

void nb_summary_note(nb_summary *s, size_t i, nb_diags *d)
{
  if (i >= s->n_e)
    return;
  s->e[i].errors += nb_diags_errors(d);
  s->e[i].warnings += nb_diags_warnings(d);
  for (size_t k = 0; k < nb_diags_count(d); k++)
    add_problem(s, i, NULL, nb_diags_get(d, k));
}

void nb_summary_expect(nb_summary *s, const char *name)
{
  NB_GROW(s->expect, s->n_expect, s->cap_expect, 16);
  s->expect[s->n_expect++] = nb_xstrdup(name);
}

int nb_summary_year(const nb_summary *s) { return s->year; }
const char *nb_summary_region(const nb_summary *s) { return s->region ? s->region : "本地区"; }
size_t nb_summary_rows(const nb_summary *s) { return s->n_rows; }
const int64_t *nb_summary_sums(const nb_summary *s) { return s->sums; }
size_t nb_summary_problems(const nb_summary *s) { return s->n_pr; }
const nb_summary_problem *nb_summary_problem_at(const nb_summary *s, size_t i) { return &s->pr[i].p; }

void nb_summary_config(nb_summary *s, const nb_config *c)
{
  s->config = c;
}

size_t nb_summary_errors(const nb_summary *s)
{
  size_t n = s->own_errors;
  for (size_t i = 0; i < s->n_e; i++)
    n += s->e[i].errors > 0;
  return n;
}

/* ---- finishing ---------------------------------------------------------------------- */

static const char *const LEVELS[] = {"县级人民政府", "县级部门", "乡镇", "街道", "市级人民政府",
                                     "市级部门", "省级人民政府", "省级部门", "其他"};

static int level_rank(const char *level)
{
  for (size_t i = 0; level && i < sizeof LEVELS / sizeof LEVELS[0]; i++)
    if (strcmp(level, LEVELS[i]) == 0)
      return (int)i;
  return (int)(sizeof LEVELS / sizeof LEVELS[0]);
}

static int pick_year(const nb_summary *s)
{
  if (s->year_asked)
    return s->year_asked;
  int y = 0, any = 0;
  for (size_t i = 0; i < s->n_e; i++) {
    if (!s->e[i].region_wide && s->e[i].year > y)
      y = s->e[i].year;
    if (s->e[i].year > any)
      any = s->e[i].year;
  }
  return y ? y : any;
}


/* The named reports (not region-wide), sorted by name, year and order: S->index. */
static void build_index(nb_summary *s)
{
  s->index = nb_xcalloc(s->n_e + 1, sizeof *s->index);
  s->n_index = 0;
  for (size_t i = 0; i < s->n_e; i++)
    if (s->e[i].name && !s->e[i].region_wide)
      s->index[s->n_index++] = (nb_set_key){s->e[i].name, s->e[i].year, i};
  qsort(s->index, s->n_index, sizeof *s->index, nb_set_key_cmp);
}

/* The first entry of NAME in YEAR (not region-wide), or SIZE_MAX. */
static size_t find_entry(const nb_summary *s, const char *name, int year)
{
  size_t lo = 0, hi = s->n_index;
  nb_set_key k = {name, year, 0};
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (nb_set_key_cmp(&s->index[mid], &k) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < s->n_index && strcmp(s->index[lo].name, name) == 0 && s->index[lo].year == year)
    return s->index[lo].i;
  return SIZE_MAX;
}

/* A finding of the summary itself (CODE, MESSAGE) on entry ENTRY_I or body BODY, at the level
 * the config gives CODE: added to the problems unless turned off. */
static void own_finding(nb_summary *s, size_t entry_i, const char *body, const char *code,
                        const char *message)
{
  nb_diags *d = nb_diags_new("");
  nb_diag_add(d, NB_SEV_WARNING, code, 0, 0, "%s", message);
  nb_config_apply(s->config, d);
  if (nb_diags_count(d)) {
    const nb_diag *g = nb_diags_get(d, 0);
    add_problem(s, entry_i, body, g);
    if (entry_i == SIZE_MAX) {
      s->own_errors += g->sev == NB_SEV_ERROR;
    } else { /* a finding about a file counts in that file's row */
      s->e[entry_i].errors += g->sev == NB_SEV_ERROR;
      s->e[entry_i].warnings += g->sev == NB_SEV_WARNING;
    }
  }
  nb_diags_free(d);
}

static void add_row(nb_summary *s, size_t entry_i, const char *name, const char *level,
                    const char *region, const char *reason)
{
  NB_GROW(s->rows, s->n_rows, s->cap_rows, 64);
  s->rows[s->n_rows++] = (row){entry_i, dup_or_null(name), dup_or_null(level), dup_or_null(region), reason};
}

typedef struct {
  const char *name, *level, *region, *reason;
  size_t order;
} candidate;

static int cmp_candidate(const void *a, const void *b)
{
  const candidate *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* NB805 for every body without a report of the year: last year's bodies, then the
 * expected ones, each once. */
static void add_missing(nb_summary *s)
{
  candidate *c = nb_xcalloc(s->n_e + s->n_expect + 1, sizeof *c);
  size_t n = 0;
  for (size_t i = 0; i < s->n_e; i++) {
    const entry *e = &s->e[i];
    if (e->name && e->year == s->year - 1 && !e->region_wide && find_entry(s, e->name, s->year) == SIZE_MAX)
      c[n] = (candidate){e->name, e->level, e->region, "上一年度有报告，本年度没有找到", n}, n++;
  }
  for (size_t i = 0; i < s->n_expect; i++)
    if (find_entry(s, s->expect[i], s->year) == SIZE_MAX)
      c[n] = (candidate){s->expect[i], NULL, NULL, "单位名单中有，但没有找到报告", n}, n++;
  qsort(c, n, sizeof *c, cmp_candidate);
  for (size_t i = 0; i < n; i++) {
    if (i && strcmp(c[i].name, c[i - 1].name) == 0)
      continue;
    add_row(s, SIZE_MAX, c[i].name, c[i].level, c[i].region, c[i].reason);
    nb_buf m = NB_BUF_INIT;
    nb_buf_printf(&m, "没有 %d 年度的报告（%s）", s->year, c[i].reason);
    own_finding(s, SIZE_MAX, c[i].name, "NB805", m.data);
    nb_buf_free(&m);
  }
  free(c);
}

static void collect_rows(nb_summary *s)
{
  for (size_t i = 0; i < s->n_e; i++) {
    const entry *e = &s->e[i];
    if (e->region_wide && e->year == s->year && s->region_file == SIZE_MAX)
      s->region_file = i;
    else if ((e->year == s->year && !e->region_wide) || ((!e->name || !e->year) && !e->skipped))
      add_row(s, i, NULL, NULL, NULL, NULL);
  }
  add_missing(s);
}

static const char *row_name(const nb_summary *s, const row *r)
{
  if (r->entry == SIZE_MAX)
    return r->name;
  const entry *e = &s->e[r->entry];
  return e->name ? e->name : e->path;
}

static const char *row_level(const nb_summary *s, const row *r)
{
  return r->entry == SIZE_MAX ? r->level : s->e[r->entry].level;
}

/* Rows by level, then name, then file order (qsort with the summary: a merge by hand). */
static int row_before(const nb_summary *s, const row *a, const row *b)
{
  int la = level_rank(row_level(s, a)), lb = level_rank(row_level(s, b));
  if (la != lb)
    return la < lb;
  int c = strcmp(row_name(s, a), row_name(s, b));
  if (c)
    return c < 0;
  return a->entry < b->entry;
}

static void sort_rows(nb_summary *s)
{
  row *tmp = nb_xcalloc(s->n_rows + 1, sizeof *tmp);
  for (size_t width = 1; width < s->n_rows; width *= 2) {
    for (size_t lo = 0; lo < s->n_rows; lo += 2 * width) {
      size_t mid = lo + width < s->n_rows ? lo + width : s->n_rows;
      size_t hi = lo + 2 * width < s->n_rows ? lo + 2 * width : s->n_rows;
      size_t i = lo, j = mid, k = lo;
      while (i < mid || j < hi)
        tmp[k++] = j >= hi || (i < mid && !row_before(s, &s->rows[j], &s->rows[i])) ? s->rows[i++] : s->rows[j++];
    }
    memcpy(s->rows, tmp, s->n_rows * sizeof *tmp);
  }
  free(tmp);
}

/* The sums over every report of the year without errors, and the region's categories. */
static void sum_rows(nb_summary *s)
{
  for (size_t i = 0; i < s->n_rows; i++) {
    const row *r = &s->rows[i];
    const entry *e = r->entry != SIZE_MAX ? &s->e[r->entry] : NULL;
    int64_t fig[NB_FIG_COUNT];
    if (!entry_figures(e, fig) || e->errors || e->year != s->year)
      continue;
    for (int k = 0; k < NB_FIG_COUNT; k++)
      s->sums[k] += fig[k];
    for (size_t c = 0; c < e->r->n_cats; c++)
      add_category(&s->cats, &s->counts, &s->n_cats, &s->cap_cats, e->r->cats[c], e->r->counts[c]);
  }
}

/* The most frequent organ.region of the year's reports (the first of equals). */
static void pick_region(nb_summary *s)
{
  size_t best = 0;
  for (size_t i = 0; i < s->n_rows; i++) {
    const entry *e = s->rows[i].entry != SIZE_MAX ? &s->e[s->rows[i].entry] : NULL;
    if (!e || !e->region)
      continue;
    size_t n = 0;
    for (size_t j = 0; j < s->n_rows && n <= s->n_rows; j++) {
      const entry *f = s->rows[j].entry != SIZE_MAX ? &s->e[s->rows[j].entry] : NULL;
      n += f && f->region && strcmp(f->region, e->region) == 0;
    }
    if (n > best) {
      best = n;
      s->region = e->region;
    }
    if (best * 2 > s->n_rows)
      break;
  }
}

static void add_anomaly(nb_summary *s, const char *body, char *message)
{
  NB_GROW(s->anom, s->n_anom, s->cap_anom, 32);
  s->anom[s->n_anom++] = (anomaly){body, message};
}

/* The cells compared with last year: counts typed or totals, not every cell of table 三. */
static int compared_cell(int k)
{
  int t = nb_figures_table(k);
  if (t == NB_FIG_T3 || t == NB_FIG_T4)
    return strcmp(nb_figures_col(k), "总计") == 0;
  return !nb_figures_is_amount(k);
}

/* A figure ten times last year's or more (NB306's rule). */
static void jumps(nb_summary *s, const char *body, const int64_t *prev, const int64_t *cur)
{
  for (int k = 0; k < NB_FIG_COUNT; k++) {
    int64_t a = prev[k], b = cur[k];
    if (!compared_cell(k) || a <= 0 || b <= 0 || (a <= 10 && b <= 10))
      continue;
    int64_t hi = a > b ? a : b, lo = a > b ? b : a;
    if (hi / lo < 10)
      continue;
    nb_buf m = NB_BUF_INIT;
    nb_buf_printf(&m, "「%s › %s」从上一年度的 %lld 变为 %lld，相差 %lld 倍以上", nb_figures_row(k),
                  nb_figures_col(k), (long long)a, (long long)b, (long long)(hi / lo));
    add_anomaly(s, body, nb_buf_detach(&m));
  }
}

static void find_anomalies(nb_summary *s)
{
  for (size_t i = 0; i < s->n_rows; i++) {
    const row *r = &s->rows[i];
    const entry *e = r->entry != SIZE_MAX ? &s->e[r->entry] : NULL;
    int64_t cur[NB_FIG_COUNT], prev[NB_FIG_COUNT];
    if (!e || !e->name || e->year != s->year || !entry_figures(e, cur))
      continue;
    size_t p = find_entry(s, e->name, s->year - 1);
    if (p != SIZE_MAX && entry_figures(&s->e[p], prev))
      jumps(s, e->name, prev, cur);
  }
  unsigned char *year_row = nb_xcalloc(s->n_e + 1, 1);
  for (size_t i = 0; i < s->n_rows; i++)
    if (s->rows[i].entry != SIZE_MAX)
      year_row[s->rows[i].entry] = 1;
  for (size_t k = 0; k < s->n_pr; k++) {
    const problem *p = &s->pr[k];
    if (p->entry != SIZE_MAX && year_row[p->entry] && s->e[p->entry].name &&
        (strcmp(p->p.code, "NB208") == 0 || strcmp(p->p.code, "NB209") == 0))
      add_anomaly(s, s->e[p->entry].name, nb_xstrdup(p->p.message));
  }
  free(year_row);
}

/* NB806: every cell where the region-wide file of the year differs from the sums. */
static void compare_region_file(nb_summary *s)
{
  const entry *e = s->region_file != SIZE_MAX ? &s->e[s->region_file] : NULL;
  int64_t fig[NB_FIG_COUNT];
  if (!e || !entry_figures(e, fig))
    return;
  for (int k = 0; k < NB_FIG_COUNT; k++) {
    if (fig[k] == s->sums[k])
      continue;
    nb_buf a = NB_BUF_INIT, b = NB_BUF_INIT, m = NB_BUF_INIT;
    nb_figures_text(k, fig[k], &a);
    nb_figures_text(k, s->sums[k], &b);
    nb_buf_printf(&m, "区域汇总文件 %s 中「%s › %s」为 %s，各机关报告合计为 %s", e->path,
                  nb_figures_row(k), nb_figures_col(k), a.data, b.data);
    own_finding(s, s->region_file, NULL, "NB806", m.data);
    add_anomaly(s, e->name ? e->name : e->path, nb_buf_detach(&m));
    nb_buf_free(&a), nb_buf_free(&b);
  }
}

/* Keeps the problems of the year's files (and the summary's own), and names their body. */
static void keep_year_problems(nb_summary *s)
{
  unsigned char *keep = nb_xcalloc(s->n_e + 1, 1);
  for (size_t i = 0; i < s->n_rows; i++)
    if (s->rows[i].entry != SIZE_MAX)
      keep[s->rows[i].entry] = 1;
  if (s->region_file != SIZE_MAX)
    keep[s->region_file] = 1;
  size_t n = 0;
  for (size_t i = 0; i < s->n_pr; i++) {
    problem p = s->pr[i];
    if (p.entry != SIZE_MAX && !keep[p.entry]) {
      free(p.body);
      free((char *)(uintptr_t)p.p.message);
      continue;
    }
    const entry *e = p.entry != SIZE_MAX ? &s->e[p.entry] : NULL;
    p.p.body = e ? (e->name ? e->name : e->path) : p.body;
    p.p.file = e ? e->path : "";
    s->pr[n++] = p;
  }
  s->n_pr = n;
  free(keep);
}

void nb_summary_finish(nb_summary *s)
{
  s->year = pick_year(s);
  build_index(s);
  collect_rows(s);
  sort_rows(s);
  sum_rows(s);
  pick_region(s);
  find_anomalies(s);
  compare_region_file(s);
  keep_year_problems(s);
}

static const char *status_of(const entry *e)
{
  if (!e)
    return "缺报告";
  if (e->io_failed)
    return "无法读取";
  return e->errors ? "有错误" : e->warnings ? "有警告" : "通过";
}

nb_summary_row nb_summary_row_at(const nb_summary *s, size_t i)
{
  const row *r = &s->rows[i];
  const entry *e = r->entry != SIZE_MAX ? &s->e[r->entry] : NULL;
  nb_summary_row out = {row_name(s, r), row_level(s, r), e ? e->region : r->region,
                        e ? e->path : NULL, status_of(e), e ? e->errors : 0, e ? e->warnings : 0,
                        e && e->r && e->r->fig, e && e->r && e->r->fig && !e->errors,
                        e && e->r ? e->r->score : -1};
  return out;
}

int nb_summary_figures(const nb_summary *s, size_t i, int64_t out[NB_FIG_COUNT])
{
  const row *r = &s->rows[i];
  return entry_figures(r->entry != SIZE_MAX ? &s->e[r->entry] : NULL, out);
}

/* ---- outputs -------------------------------------------------------------------------- */

void nb_summary_short(const int64_t *f, int64_t out[NB_SUM_N])
{
  enum { T3 = NB_FIG_T3_AT, C3 = NB_FIG_T3_COLS, T4 = NB_FIG_T4_AT, C4 = NB_FIG_T4_COLS };
  int64_t done = f[T3 + 23 * C3 + 6], granted = f[T3 + 2 * C3 + 6];
  out[NB_SUM_PUBLISHED] = f[NB_FIG_OTHER_AT];
  out[NB_SUM_NEW] = f[T3 + 6];
  out[NB_SUM_DONE] = done;
  out[NB_SUM_GRANTED_SHARE] = done > 0 ? (granted * 1000 + done / 2) / done : -1;
  out[NB_SUM_LICENSING] = f[6];
  out[NB_SUM_PUNISHMENT] = f[7];
  out[NB_SUM_COERCION] = f[8];
  out[NB_SUM_REVIEW] = f[T4 + C4 - 1];
  out[NB_SUM_LITIGATION] = f[T4 + 2 * C4 - 1] + f[T4 + 3 * C4 - 1];
  out[NB_SUM_FEE] = f[NB_FIG_OTHER_AT + 2];
}

/* A short figure as text: the share as "62.5%", the fee with its decimals. */
static void short_text(int k, int64_t v, nb_buf *out)
{
  if (k == NB_SUM_GRANTED_SHARE) {
    if (v >= 0)
      nb_buf_printf(out, "%lld.%lld%%", (long long)(v / 10), (long long)(v % 10));
  } else if (k == NB_SUM_FEE) {
    nb_figures_text(NB_FIG_COUNT - 1, v, out);
  } else {
    nb_buf_printf(out, "%lld", (long long)v);
  }
}

static void csv_field(nb_buf *out, const char *s)
{
  if (!s)
    s = "";
  if (!strpbrk(s, ",\"\r\n")) {
    nb_buf_puts(out, s);
    return;
  }
  nb_buf_putc(out, '"');
  for (; *s; s++) {
    if (*s == '"')
      nb_buf_putc(out, '"');
    nb_buf_putc(out, *s);
  }
  nb_buf_putc(out, '"');
}

/* Hands OUT to FILE once it holds 64 KiB (FILE NULL: keeps it). */
static void spill(nb_buf *out, nb_io_out *file)
{
  if (file && out->len >= 65536)
    nb_io_out_flush(file, out);
}

void nb_summary_csv(const nb_summary *s, nb_buf *out, nb_io_out *file)
{
  nb_buf_puts(out, "\xEF\xBB\xBF机关名称,机关层级,所在地区,年度,状态,错误,警告,评分,文件");
  for (int k = 0; k < NB_FIG_COUNT; k++) {
    nb_buf label = NB_BUF_INIT;
    nb_buf_printf(&label, "%s › %s", nb_figures_row(k), nb_figures_col(k));
    nb_buf_putc(out, ',');
    csv_field(out, label.data);
    nb_buf_free(&label);
  }
  nb_buf_puts(out, "\r\n");
  for (size_t i = 0; i < s->n_rows; i++) {
    nb_summary_row r = nb_summary_row_at(s, i);
    int64_t fig[NB_FIG_COUNT];
    int has = nb_summary_figures(s, i, fig);
    csv_field(out, r.name), nb_buf_putc(out, ',');
    csv_field(out, r.level), nb_buf_putc(out, ',');
    csv_field(out, r.region);
    nb_buf_printf(out, ",%d,%s,%zu,%zu,", s->year, r.status, r.errors, r.warnings);
    if (r.score >= 0)
      nb_buf_printf(out, "%d", r.score);
    nb_buf_putc(out, ',');
    csv_field(out, r.path);
    for (int k = 0; k < NB_FIG_COUNT; k++) {
      nb_buf_putc(out, ',');
      if (has)
        nb_figures_text(k, fig[k], out);
    }
    nb_buf_puts(out, "\r\n");
    spill(out, file);
  }
  if (file)
    nb_io_out_flush(file, out);
}

static void json_str(nb_buf *out, const char *s)
{
  if (s)
    nb_jsonout_string(out, s, strlen(s));
  else
    nb_buf_puts(out, "null");
}

/* {"key": figure, …} of FIG. */
static void json_figures(nb_buf *out, const int64_t *fig)
{
  nb_buf_putc(out, '{');
  for (int k = 0; k < NB_FIG_COUNT; k++) {
    nb_buf name = NB_BUF_INIT;
    nb_figures_key(k, &name);
    nb_buf_printf(out, "%s\"%s\":", k ? "," : "", name.data);
    nb_figures_text(k, fig[k], out);
    nb_buf_free(&name);
  }
  nb_buf_putc(out, '}');
}

typedef struct {
  size_t present, errors, warnings, missing;
} counts;

static counts count_rows(const nb_summary *s)
{
  counts c = {0, 0, 0, 0};
  for (size_t i = 0; i < s->n_rows; i++) {
    nb_summary_row r = nb_summary_row_at(s, i);
    c.present += r.path != NULL;
    c.missing += r.path == NULL;
    c.errors += r.errors > 0;
    c.warnings += r.errors == 0 && r.warnings > 0;
  }
  return c;
}

static void json_counts(const nb_summary *s, nb_buf *out)
{
  counts c = count_rows(s);
  nb_buf_printf(out, "\"counts\":{\"bodies\":%zu,\"reports\":%zu,\"with_errors\":%zu,"
                     "\"with_warnings\":%zu,\"missing\":%zu},",
                s->n_rows, c.present, c.errors, c.warnings, c.missing);
}

static void json_bodies(const nb_summary *s, nb_buf *out, nb_io_out *file)
{
  nb_buf_puts(out, "\"bodies\":[");
  for (size_t i = 0; i < s->n_rows; i++) {
    nb_summary_row r = nb_summary_row_at(s, i);
    nb_buf_puts(out, i ? ",\n{\"name\":" : "\n{\"name\":");
    json_str(out, r.name);
    nb_buf_puts(out, ",\"level\":");
    json_str(out, r.level);
    nb_buf_puts(out, ",\"file\":");
    json_str(out, r.path);
    nb_buf_puts(out, ",\"status\":");
    json_str(out, r.status);
    nb_buf_printf(out, ",\"errors\":%zu,\"warnings\":%zu,\"score\":", r.errors, r.warnings);
    if (r.score >= 0)
      nb_buf_printf(out, "%d", r.score);
    else
      nb_buf_puts(out, "null");
    nb_buf_printf(out, ",\"summed\":%s,\"figures\":", r.summed ? "true" : "false");
    int64_t fig[NB_FIG_COUNT];
    if (nb_summary_figures(s, i, fig))
      json_figures(out, fig);
    else
      nb_buf_puts(out, "null");
    nb_buf_putc(out, '}');
    spill(out, file);
  }
  nb_buf_puts(out, "],\n");
}

static void json_lists(const nb_summary *s, nb_buf *out, nb_io_out *file)
{
  nb_buf_puts(out, "\"anomalies\":[");
  for (size_t i = 0; i < s->n_anom; i++) {
    nb_buf_puts(out, i ? ",{\"body\":" : "{\"body\":");
    json_str(out, s->anom[i].body);
    nb_buf_puts(out, ",\"message\":");
    json_str(out, s->anom[i].message);
    nb_buf_putc(out, '}');
  }
  nb_buf_puts(out, "],\n\"problems\":[");
  for (size_t i = 0; i < s->n_pr; i++) {
    const nb_summary_problem *p = &s->pr[i].p;
    nb_buf_puts(out, i ? ",\n{\"body\":" : "\n{\"body\":");
    json_str(out, p->body);
    nb_buf_puts(out, ",\"file\":");
    json_str(out, p->file);
    nb_buf_printf(out, ",\"line\":%u,\"column\":%u,\"code\":\"%s\",\"severity\":\"%s\",\"message\":",
                  p->line, p->col, p->code, p->error ? "error" : "warning");
    json_str(out, p->message);
    nb_buf_putc(out, '}');
    spill(out, file);
  }
  nb_buf_puts(out, "]");
}

void nb_summary_json(const nb_summary *s, nb_buf *out, nb_io_out *file)
{
  nb_buf_printf(out, "{\"year\":%d,\"region\":", s->year);
  json_str(out, nb_summary_region(s));
  nb_buf_puts(out, ",");
  json_counts(s, out);
  nb_buf_puts(out, "\n\"sums\":");
  json_figures(out, s->sums);
  nb_buf_puts(out, ",\n");
  json_bodies(s, out, file);
  json_lists(s, out, file);
  nb_buf_puts(out, "}\n");
  if (file)
    nb_io_out_flush(file, out);
}

nb_node *nb_summary_region_data(const nb_summary *s, nb_arena *a)
{
  nb_node *root = nb_node_new(a, NB_MAP), *organ = nb_node_new(a, NB_MAP);
  nb_node_put(a, root, "format", nb_node_new_int(a, 2021));
  nb_buf name = NB_BUF_INIT;
  nb_buf_printf(&name, "%s（汇总）", nb_summary_region(s));
  nb_node_put(a, organ, "name", nb_node_new_str(a, name.data, name.len));
  nb_buf_free(&name);
  nb_node_put(a, organ, "level", nb_node_new_cstr(a, "县级人民政府"));
  nb_node_put(a, organ, "region", nb_node_new_cstr(a, nb_summary_region(s)));
  nb_node_put(a, organ, "scope", nb_node_new_cstr(a, "区域汇总"));
  nb_node_put(a, root, "organ", organ);
  nb_node_put(a, root, "year", nb_node_new_int(a, s->year ? s->year : 2021));
  nb_node *ov = nb_node_new(a, NB_MAP), *items = nb_node_new(a, NB_SEQ);
  static const char *const prose[] = {"active_disclosure", "on_request", "information_management",
                                      "platform", "supervision"};
  for (size_t i = 0; i < sizeof prose / sizeof prose[0]; i++)
    nb_node_put(a, ov, prose[i], nb_node_new_cstr(a, ""));
  for (size_t i = 0; i < s->n_cats; i++) {
    nb_node *it = nb_node_new(a, NB_MAP);
    nb_node_put(a, it, "category", nb_node_new_cstr(a, s->cats[i]));
    nb_node_put(a, it, "count", nb_node_new_int(a, s->counts[i]));
    nb_node_append(a, items, it);
  }
  nb_node_put(a, ov, "published_items", items);
  nb_node_put(a, root, "overview", ov);
  static const char *const tables[] = {"disclosure", "applications", "reviews"};
  for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) /* in the form's order */
    nb_node_put(a, root, tables[i], nb_node_new(a, NB_MAP));
  nb_node *pb = nb_node_new(a, NB_MAP);
  nb_node_put(a, pb, "main_problems", nb_node_new_cstr(a, ""));
  nb_node_put(a, pb, "improvements", nb_node_new_cstr(a, ""));
  nb_node_put(a, root, "problems", pb);
  nb_figures_to_data(s->sums, root, a);
  return root;
}

void nb_summary_region_yaml(const nb_summary *s, nb_buf *out)
{
  nb_arena *a = nb_arena_new();
  nb_buf head = NB_BUF_INIT;
  size_t summed = 0;
  for (size_t i = 0; i < s->n_rows; i++)
    summed += nb_summary_row_at(s, i).summed;
  nb_buf_printf(&head, "%s %d 年度各机关政府信息公开工作年度报告的数字之和（nianbao summary 生成，"
                       "%zu 份没有错误的报告）。\n文字部分留空，写成全县（区）的年度报告时再填写；"
                       "organ.scope: 区域汇总 表示这是汇总数，不是一个机关的报告。",
                nb_summary_region(s), s->year, summed);
  nb_yaml_comment(out, 0, head.data);
  nb_yaml_emit(out, nb_summary_region_data(s, a), NULL);
  nb_buf_free(&head);
  nb_arena_free(a);
}

/* ---- the page's context ------------------------------------------------------------- */

static void put_s(nb_arena *a, nb_node *m, const char *k, const char *v)
{
  nb_node_put(a, m, k, nb_node_new_cstr(a, v ? v : ""));
}

static void put_i(nb_arena *a, nb_node *m, const char *k, int64_t v)
{
  nb_node_put(a, m, k, nb_node_new_int(a, v));
}

static nb_node *counts_node(const nb_summary *s, nb_arena *a)
{
  nb_node *c = nb_node_new(a, NB_MAP);
  counts n = count_rows(s);
  put_i(a, c, "bodies", (int64_t)s->n_rows);
  put_i(a, c, "reports", (int64_t)n.present);
  put_i(a, c, "with_errors", (int64_t)n.errors);
  put_i(a, c, "with_warnings", (int64_t)n.warnings);
  put_i(a, c, "missing", (int64_t)n.missing);
  put_s(a, c, "errors_class", n.errors ? "err" : "");
  put_s(a, c, "warnings_class", n.warnings ? "warn" : "");
  put_s(a, c, "missing_class", n.missing ? "miss" : "");
  return c;
}

/* The short figures of FIG as cells {v, sort} (sort: the number, for the script). */
static nb_node *cells_node(const int64_t *fig, nb_arena *a)
{
  nb_node *cells = nb_node_new(a, NB_SEQ);
  int64_t sh[NB_SUM_N];
  if (fig)
    nb_summary_short(fig, sh);
  for (int k = 0; k < NB_SUM_N; k++) {
    nb_node *c = nb_node_new(a, NB_MAP);
    nb_buf t = NB_BUF_INIT;
    if (fig)
      short_text(k, sh[k], &t);
    put_s(a, c, "v", t.data);
    put_i(a, c, "sort", fig ? sh[k] : -1);
    nb_buf_free(&t);
    nb_node_append(a, cells, c);
  }
  return cells;
}

static const char *status_class(const char *status)
{
  return strcmp(status, "通过") == 0 ? "ok" : strcmp(status, "有警告") == 0 ? "warn"
       : strcmp(status, "缺报告") == 0 ? "miss" : "err";
}

/* Rows FROM to TO of the table of bodies, linked as PG says. */
static nb_node *rows_node(const nb_summary *s, const nb_summary_page *pg, size_t from, size_t to,
                          nb_arena *a)
{
  nb_node *rows = nb_node_new(a, NB_SEQ);
  for (size_t i = from; i < to; i++) {
    nb_summary_row r = nb_summary_row_at(s, i);
    int64_t fig[NB_FIG_COUNT];
    int has = nb_summary_figures(s, i, fig);
    nb_node *m = nb_node_new(a, NB_MAP);
    put_i(a, m, "n", (int64_t)i + 1);
    put_s(a, m, "name", r.name);
    put_s(a, m, "level", r.level ? r.level : "");
    put_s(a, m, "status", r.status);
    put_s(a, m, "status_class", status_class(r.status));
    put_i(a, m, "errors", (int64_t)r.errors);
    put_i(a, m, "warnings", (int64_t)r.warnings);
    put_s(a, m, "score", r.score >= 0 ? nb_arena_printf(a, "%d", r.score) : "");
    put_i(a, m, "score_sort", r.score);
    if (r.errors + r.warnings)
      put_s(a, m, "anchor", nb_arena_printf(a, "f%zu", s->rows[i].entry));
    if (s->rows[i].reason)
      put_s(a, m, "reason", s->rows[i].reason);
    nb_node_put(a, m, "cells", cells_node(has ? fig : NULL, a));
    const char *link = pg && pg->link ? pg->link(pg->ctx, r.name, a) : NULL;
    if (link)
      put_s(a, m, "link", link);
    nb_node_append(a, rows, m);
  }
  return rows;
}

/* The diagnostics grouped by file: [{anchor, body, file, items [{line, code, level,
 * message}]}]. */
static int same_group(const problem *p, const problem *before)
{
  return p->entry == before->entry && p->entry != SIZE_MAX;
}

/* Problems FROM to TO (FROM starts a group). */
static nb_node *problems_node(const nb_summary *s, const nb_summary_page *pg, size_t from,
                              size_t to, nb_arena *a)
{
  (void)pg;
  nb_node *groups = nb_node_new(a, NB_SEQ), *items = NULL;
  for (size_t i = from; i < to; i++) {
    const problem *p = &s->pr[i];
    if (!items || !same_group(p, &s->pr[i - 1])) {
      nb_node *g = nb_node_new(a, NB_MAP);
      if (p->entry != SIZE_MAX)
        put_s(a, g, "anchor", nb_arena_printf(a, "f%zu", p->entry));
      put_s(a, g, "body", p->p.body);
      put_s(a, g, "file", p->p.file);
      items = nb_node_new(a, NB_SEQ);
      nb_node_put(a, g, "items", items);
      nb_node_append(a, groups, g);
    }
    nb_node *m = nb_node_new(a, NB_MAP);
    if (p->p.line)
      put_s(a, m, "where", nb_arena_printf(a, "%u:%u", p->p.line, p->p.col));
    put_s(a, m, "code", p->p.code);
    put_s(a, m, "level", p->p.error ? "错误" : "警告");
    put_s(a, m, "level_class", p->p.error ? "err" : "warn");
    put_s(a, m, "message", p->p.message);
    nb_node_append(a, items, m);
  }
  return groups;
}

static nb_node *anomalies_node(const nb_summary *s, const nb_summary_page *pg, size_t from,
                               size_t to, nb_arena *a)
{
  (void)pg;
  nb_node *list = nb_node_new(a, NB_SEQ);
  for (size_t i = from; i < to; i++) {
    nb_node *m = nb_node_new(a, NB_MAP);
    put_s(a, m, "body", s->anom[i].body);
    put_s(a, m, "message", s->anom[i].message);
    nb_node_append(a, list, m);
  }
  return list;
}

static nb_node *missing_node(const nb_summary *s, nb_arena *a)
{
  nb_node *list = nb_node_new(a, NB_SEQ);
  for (size_t i = 0; i < s->n_rows; i++)
    if (s->rows[i].entry == SIZE_MAX) {
      nb_node *m = nb_node_new(a, NB_MAP);
      put_s(a, m, "name", s->rows[i].name);
      put_s(a, m, "reason", s->rows[i].reason);
      nb_node_append(a, list, m);
    }
  return list;
}

enum { TOP_BODIES = 15 }; /* bars of the chart of applications by body; the rest is 其他 */

static int by_new_applications(const void *x, const void *y)
{
  const nb_chart_item *a = x, *b = y;
  return a->value != b->value ? (a->value < b->value) - (a->value > b->value) : strcmp(a->label, b->label);
}

/* 新收申请 of the summed reports: the TOP_BODIES bodies with most; the others as the rest. */
static nb_node *applications_chart(const nb_summary *s, int number, nb_arena *a)
{
  nb_chart_item *it = nb_xcalloc(s->n_rows + 1, sizeof *it), rest = {NULL, 0};
  size_t n = 0;
  for (size_t i = 0; i < s->n_rows; i++) {
    int64_t fig[NB_FIG_COUNT], sh[NB_SUM_N];
    if (!nb_summary_row_at(s, i).summed || !nb_summary_figures(s, i, fig))
      continue;
    nb_summary_short(fig, sh);
    it[n++] = (nb_chart_item){row_name(s, &s->rows[i]), sh[NB_SUM_NEW]};
  }
  qsort(it, n, sizeof *it, by_new_applications);
  const char *heading = nb_arena_printf(a, "%d年各机关新收政府信息公开申请数量", s->year);
  if (n > TOP_BODIES) {
    for (size_t i = TOP_BODIES; i < n; i++)
      rest.value += it[i].value;
    rest.label = nb_arena_printf(a, "其余%zu个机关", n - TOP_BODIES);
    heading = nb_arena_printf(a, "%s（最多的%d个机关；%s共%lld件）", heading, TOP_BODIES, rest.label,
                              (long long)rest.value);
    n = TOP_BODIES;
  }
  nb_node *c = nb_chart_bars(heading, "件", it, n, rest, number, a);
  free(it);
  return c;
}

/* The page's charts: applications by body, the region's outcomes of applications. */
static nb_node *charts_node(const nb_summary *s, const nb_node *data, nb_arena *a)
{
  nb_node *list = nb_node_new(a, NB_SEQ);
  nb_node *c = applications_chart(s, 1, a);
  if (c)
    nb_node_append(a, list, c);
  c = nb_chart_outcomes(data, s->year, (int)list->n + 1, a);
  if (c)
    nb_node_append(a, list, c);
  return list;
}

/* The long parts of the page: in the page's context each is a list (rows, anomalies,
 * problems) or, rendered apart, a mark (KEY_apart) where summary-part puts it a few hundred
 * items at a time. */
typedef nb_node *(*part_items)(const nb_summary *s, const nb_summary_page *pg, size_t from,
                               size_t to, nb_arena *a);

typedef struct {
  const char *key, *apart, *mark;
  part_items items;
} part;

static const part PARTS[] = {
  {"rows", "rows_apart", "<!--nb:rows-->", rows_node},
  {"anomalies", "anomalies_apart", "<!--nb:anomalies-->", anomalies_node},
  {"problems", "problems_apart", "<!--nb:problems-->", problems_node},
};
enum { N_PARTS = sizeof PARTS / sizeof PARTS[0], AT_ONCE = 256 };

static size_t part_count(const nb_summary *s, size_t k)
{
  return k == 0 ? s->n_rows : k == 1 ? s->n_anom : s->n_pr;
}

/* Where the piece of part K starting at FROM ends: AT_ONCE items on, not inside a group. */
static size_t part_cut(const nb_summary *s, size_t k, size_t from)
{
  size_t n = part_count(s, k), to = n - from > AT_ONCE ? from + AT_ONCE : n;
  while (k == 2 && to < n && same_group(&s->pr[to], &s->pr[to - 1]))
    to++;
  return to;
}

/* Whether any row has a score (the site's summaries have none). */
static int has_scores(const nb_summary *s)
{
  for (size_t i = 0; i < s->n_rows; i++)
    if (nb_summary_row_at(s, i).score >= 0)
      return 1;
  return 0;
}

/* The page's context; APART: the long parts as marks. */
static nb_node *page_context(const nb_summary *s, const nb_summary_page *pg, int apart,
                             nb_arena *a)
{
  nb_node *ctx = nb_node_new(a, NB_MAP);
  int scores = has_scores(s);
  nb_node_put(a, ctx, "has_scores", nb_node_new_bool(a, scores));
  put_s(a, ctx, "title", nb_arena_printf(a, "%s%d年度政府信息公开工作年度报告汇总", nb_summary_region(s), s->year));
  put_s(a, ctx, "region", nb_summary_region(s));
  put_i(a, ctx, "year", s->year);
  nb_node_put(a, ctx, "counts", counts_node(s, a));
  nb_node *cols = nb_node_new(a, NB_SEQ);
  for (int k = 0; k < NB_SUM_N; k++) {
    nb_node *c = nb_node_new(a, NB_MAP);
    put_s(a, c, "label", nb_summary_short_labels[k]);
    put_i(a, c, "i", k + 5 + scores); /* the column: 序号, 机关, 层级, 状态, 问题, 评分 first */
    nb_node_append(a, cols, c);
  }
  nb_node_put(a, ctx, "columns", cols);
  for (size_t k = 0; k < N_PARTS; k++) {
    nb_node_put(a, ctx, PARTS[k].key, PARTS[k].items(s, pg, 0, apart ? 0 : part_count(s, k), a));
    if (apart)
      put_s(a, ctx, PARTS[k].apart, PARTS[k].mark);
  }
  nb_node_put(a, ctx, "sum_cells", cells_node(s->sums, a));
  nb_node *data = nb_summary_region_data(s, a), *charts = charts_node(s, data, a);
  nb_node_put(a, ctx, "sums", nb_context_build(data, a));
  nb_node_put(a, ctx, "charts", charts);
  nb_node_put(a, ctx, "has_charts", nb_node_new_bool(a, charts->n > 0));
  nb_node *missing = missing_node(s, a);
  nb_node_put(a, ctx, "missing", missing);
  nb_node_put(a, ctx, "has_missing", nb_node_new_bool(a, missing->n > 0));
  nb_node_put(a, ctx, "has_anomalies", nb_node_new_bool(a, s->n_anom > 0));
  nb_node_put(a, ctx, "has_problems", nb_node_new_bool(a, s->n_pr > 0));
  return ctx;
}

nb_node *nb_summary_context(const nb_summary *s, nb_arena *a)
{
  return page_context(s, NULL, 0, a);
}

/* Part K into OUT, piece by piece through summary-part. */
static int page_part(const nb_summary *s, const nb_summary_page *pg, size_t k, nb_renderer *r,
                     nb_buf *out, nb_io_out *file, nb_mus_error *err)
{
  int rc = 0;
  for (size_t i = 0, to; rc == 0 && i < part_count(s, k); i = to) {
    nb_arena *a = nb_arena_new();
    nb_node *ctx = nb_node_new(a, NB_MAP);
    nb_node_put(a, ctx, "has_scores", nb_node_new_bool(a, has_scores(s)));
    to = part_cut(s, k, i);
    nb_node_put(a, ctx, PARTS[k].key, PARTS[k].items(s, pg, i, to, a));
    rc = nb_render_page(r, "summary-part", ctx, out, err);
    nb_arena_free(a);
    spill(out, file);
  }
  return rc;
}

int nb_summary_html(const nb_summary *s, const nb_summary_page *pg, nb_renderer *r,
                    nb_buf *out, nb_io_out *file, nb_mus_error *err)
{
  nb_arena *a = nb_arena_new();
  nb_buf page = NB_BUF_INIT;
  const char *name = pg && pg->page ? pg->page : "summary.html";
  int rc = nb_render_page(r, name, page_context(s, pg, 1, a), &page, err);
  nb_arena_free(a);
  const char *at = nb_buf_cstr(&page);
  /* the page's own text and escaped data: the first "<!--nb:" of each kind is its mark */
  for (size_t k = 0; rc == 0 && k < N_PARTS; k++) {
    const char *mark = strstr(at, PARTS[k].mark);
    if (!mark)
      continue; /* a page without this part */
    nb_buf_put(out, at, (size_t)(mark - at));
    rc = page_part(s, pg, k, r, out, file, err);
    at = mark + strlen(PARTS[k].mark);
  }
  if (rc == 0)
    nb_buf_puts(out, at);
  nb_buf_free(&page);
  if (file)
    nb_io_out_flush(file, out);
  return rc;
}
