/* The workbook of xlsx/xlsx.h over libxlsxwriter in constant-memory mode. */
#include "xlsx/xlsx.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct nb_xlsx_book {
  lxw_workbook *wb;
  lxw_worksheet *ws; /* the current sheet */
  lxw_format *style[NB_XLSX_STYLES];
};

/* A copy of S the caller frees; aborts when out of memory, as the program does. */
static char *copy(const char *s)
{
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (!p)
    abort();
  return memcpy(p, s, n);
}

static void make_styles(nb_xlsx_book *b)
{
  lxw_format *f = workbook_add_format(b->wb);
  format_set_bold(f);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(f, 0xF2F2F2);
  b->style[NB_XLSX_HEAD] = f;
  b->style[NB_XLSX_BOLD] = f = workbook_add_format(b->wb);
  format_set_bold(f);
  b->style[NB_XLSX_PERCENT] = f = workbook_add_format(b->wb);
  format_set_num_format(f, "0.0%");
  b->style[NB_XLSX_DECIMAL] = f = workbook_add_format(b->wb);
  format_set_num_format(f, "0.####");
}

static nb_xlsx_book *book_open(const char *path, const char *title, const char *author,
                               long long created)
{
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
  lxw_workbook *wb = workbook_new_opt(path, &opt);
  if (!wb)
    return NULL;
  nb_xlsx_book *b = calloc(1, sizeof *b);
  if (!b)
    abort();
  b->wb = wb;
  char *t = copy(title), *a = copy(author); /* the properties are not const; the library copies them */
  lxw_doc_properties props = {.title = t, .author = a, .created = (time_t)created};
  workbook_set_properties(wb, &props);
  free(t);
  free(a);
  make_styles(b);
  return b;
}

static void book_sheet(nb_xlsx_book *b, const char *name)
{
  b->ws = workbook_add_worksheet(b->wb, name);
}

static void book_width(nb_xlsx_book *b, unsigned col, double width)
{
  worksheet_set_column(b->ws, (lxw_col_t)col, (lxw_col_t)col, width, NULL);
}

static void book_height(nb_xlsx_book *b, unsigned row, double height)
{
  worksheet_set_row(b->ws, (lxw_row_t)row, height, NULL);
}

static void book_text(nb_xlsx_book *b, unsigned row, unsigned col, const char *s, int style)
{
  worksheet_write_string(b->ws, (lxw_row_t)row, (lxw_col_t)col, s, b->style[style]);
}

static void book_number(nb_xlsx_book *b, unsigned row, unsigned col, double v, int style)
{
  worksheet_write_number(b->ws, (lxw_row_t)row, (lxw_col_t)col, v, b->style[style]);
}

static void book_filter(nb_xlsx_book *b, unsigned last_row, unsigned cols)
{
  worksheet_freeze_panes(b->ws, 1, 1);
  worksheet_autofilter(b->ws, 0, 0, (lxw_row_t)last_row, (lxw_col_t)(cols - 1));
}

static int book_close(nb_xlsx_book *b, const char **why)
{
  lxw_error e = workbook_close(b->wb);
  free(b);
  if (e == LXW_NO_ERROR)
    return 0;
  *why = lxw_strerror(e);
  return -1;
}

static const nb_xlsx_api api = {book_open,  book_sheet, book_width,  book_height,
                                book_text,  book_number, book_filter, book_close};

const nb_xlsx_api *nb_xlsx_get_api(void)
{
  return &api;
}
