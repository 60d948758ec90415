/* office/priv.h: what the files of the office module share. Not an interface of the module
 * (that is office/office.h). */
#ifndef NB_OFFICE_PRIV_H
#define NB_OFFICE_PRIV_H
#include <stddef.h>

#include <libxml/tree.h>

#include "core/buf.h"
#include "core/diag.h"
#include "office/grid.h"
#include "office/office.h"

/* office/wml.c */
int nbo_wml_body(const char *md, size_t len, unsigned area_twips, const nb_office_chart *charts,
                 size_t ncharts, nb_buf *out);
/* Appends S (N bytes) as XML character data: & < > escaped, characters XML 1.0 cannot hold
 * (C0 controls other than tab and line feed, U+FFFE, U+FFFF, invalid UTF-8) left out. */
void nbo_xml_text(nb_buf *out, const char *s, size_t n);

/* office/zip.c */
int nbo_zip(const nb_office_part *parts, size_t n, long long epoch, nb_buf *out,
            nb_diags *diags);
/* Reads entry NAME of the zip in memory ZA (a zip_t *) into OUT, at most NB_OFFICE_MAX_XML
 * bytes. Returns 0, 1 when there is no such entry, or -1 with an error in DIAGS. */
int nbo_zip_read(void *za, const char *name, nb_buf *out, nb_diags *diags);

/* office/docx.c */
int nbo_docx_text(const char *bytes, size_t len, nb_buf *out, nb_diags *diags);

/* office/html.c */
int nbo_html_text(const char *bytes, size_t len, nb_buf *out, nb_diags *diags);
/* The cells of the HTML <table> element TABLE (rows of its own, not of nested tables) placed
 * into G, with th/td, colspan, rowspan and class ("num", "l", "c", "r"). */
void nbo_html_table(xmlNode *table, nb_ogrid *g);

#endif
