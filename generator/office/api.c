/* The module's one entry point: the table of its functions (office/office.h). */
#include "office/priv.h"

static const nb_office_api api = {nbo_wml_body, nbo_zip, nbo_docx_text, nbo_html_text};

const nb_office_api *nb_office_get_api(void)
{
  return &api;
}
