/* author/import_priv.h: the stages of import (author/import_prose.c, author/import_table.c),
 * called in order by author/import.c over the text read by author/itext. Not part of the
 * library's interface. */
#ifndef NB_IMPORT_INT_H
#define NB_IMPORT_INT_H
#include "author/itext.h"

/* author/import_prose.c */
void nbi_identity(nbi *m);  /* format, organ, year, date, publication, contact */
void nbi_overview(nbi *m);  /* overview */
void nbi_problems(nbi *m);  /* problems */
void nbi_other(nbi *m);     /* other */

/* author/import_table.c */
void nbi_tables(nbi *m);    /* disclosure, applications, reviews */

#endif
