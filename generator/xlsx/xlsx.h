/* nb_xlsx: the module nianbao-xlsx.so — an Excel workbook (.xlsx) written through libxlsxwriter.
 *
 * libxlsxwriter brings minizip, zlib and libcrypto with it: linked into the program they were
 * mapped and relocated at every start (libcrypto alone about half of the page faults of
 * `nianbao --version`), though only `summary` writes a workbook. So, like the PDF and Word
 * writers, they live in a module that only `summary` loads (core/module.h). The program
 * resolves the one symbol nb_xlsx_get_api and calls through the table it returns; this header
 * gives the types only. What goes into the workbook is decided by the caller
 * (batch/xlsx.c); the module only writes cells.
 *
 * Rows are written in order and not kept (libxlsxwriter's constant-memory mode): within a
 * sheet, write a row's cells before any cell of a later row.
 *
 * Ownership: a book belongs to the caller from open to close (close frees it, whatever it
 * returns); strings passed in are copied. No global mutable state. */
#ifndef NB_XLSX_H
#define NB_XLSX_H

typedef struct nb_xlsx_book nb_xlsx_book;

/* The cell styles of a book. */
enum {
  NB_XLSX_PLAIN,
  NB_XLSX_HEAD,    /* header row: bold, wrapped, top-aligned, light grey */
  NB_XLSX_BOLD,    /* a sums row's label */
  NB_XLSX_PERCENT, /* a share stored as a fraction, shown as "12.3%" */
  NB_XLSX_DECIMAL, /* an amount with up to four decimals (万元) */
  NB_XLSX_STYLES
};

typedef struct {
  /* A new workbook to be written to PATH on close, its document properties TITLE and AUTHOR,
   * created CREATED (seconds since 1970, UTC: equal inputs give equal bytes). NULL when the
   * file cannot be created. */
  nb_xlsx_book *(*open)(const char *path, const char *title, const char *author,
                        long long created);
  /* Adds the worksheet NAME; the calls below write to it until the next sheet. */
  void (*sheet)(nb_xlsx_book *b, const char *name);
  void (*width)(nb_xlsx_book *b, unsigned col, double width);    /* in characters */
  void (*height)(nb_xlsx_book *b, unsigned row, double height);  /* in points */
  void (*text)(nb_xlsx_book *b, unsigned row, unsigned col, const char *s, int style);
  void (*number)(nb_xlsx_book *b, unsigned row, unsigned col, double v, int style);
  /* Freezes the header row and the first column, and puts an autofilter on rows 0..LAST_ROW
   * of columns 0..COLS-1. */
  void (*filter)(nb_xlsx_book *b, unsigned last_row, unsigned cols);
  /* Writes the file and frees B. Returns 0, or -1 with *WHY (static storage) saying why. */
  int (*close)(nb_xlsx_book *b, const char **why);
} nb_xlsx_api;

/* The module's one entry point. */
const nb_xlsx_api *nb_xlsx_get_api(void);

#endif
