/* nb_sanitize: what user text may become in a published report.
 *
 * Prose fields of a data file are Markdown typed by users and end up on government web
 * sites. Two independent layers keep any markup they contain from coming alive:
 *
 *  1. nb_sanitize_prose rewrites one prose field before templating: it parses it with cmark,
 *     turns raw HTML (blocks and inline) into plain text, unwraps links whose URL is not
 *     http/https/mailto/tel/relative, turns images into links (the page makes no external
 *     request) or into their alt text, demotes headings below the report's own (level 4
 *     at least), drops code-fence info strings, and renders the tree back to CommonMark.
 *     The result is Markdown that, wherever a template puts it as a block, contains no raw
 *     HTML and no dangerous link: `<`, `&` and Markdown punctuation in text come out
 *     backslash-escaped, while emphasis, lists, links and the like keep working.
 *     nb_sanitize_md_text escapes a short plain string (a name, an address) so that it is
 *     literal text in a Markdown paragraph.
 *
 *  2. nb_sanitize_html filters the HTML that cmark makes of the whole rendered Markdown
 *     (template tables included) through a whitelist before the page template wraps it:
 *     only the tags cmark produces plus the table subset of the templates survive, with
 *     only the attributes listed below; anything else is shown as text (its `<` becomes
 *     `&lt;`); comments are dropped.
 *
 *     Tags: a blockquote br code div em h1-h6 hr li ol p pre span strong table caption
 *           colgroup col thead tbody tfoot tr th td
 *     Attributes: href (safe URL, see nb_sanitize_url_safe) title class (letters, digits,
 *           space, - and _) scope (row col rowgroup colgroup) colspan rowspan start
 *           (1 to 4 digits)
 *
 * All functions append to the caller's OUT and keep nothing; they never fail (out of memory
 * aborts, see core/buf.h). */
#ifndef NB_SANITIZE_H
#define NB_SANITIZE_H
#include <stddef.h>

#include "core/buf.h"

/* Rewrites user Markdown MD (LEN bytes of UTF-8) as safe CommonMark, without trailing
 * newlines; empty or blank input appends nothing. */
void nb_sanitize_prose(const char *md, size_t len, nb_buf *out);

/* Appends S as literal inline text of a Markdown paragraph or heading: the ASCII characters
 * that Markdown or HTML could read as markup (\ ` * _ [ ] < > & ! # | ~, and - + = first)
 * are backslash-escaped; line breaks and tabs become spaces, other control characters go.
 * Not for the inside of an HTML block, where backslashes stay visible. */
void nb_sanitize_md_text(const char *s, size_t len, nb_buf *out);

/* Whether URL (already decoded: no entities, no backslash escapes) may be a link target:
 * http:, https:, mailto:, tel:, or no scheme at all (relative, #fragment). Control
 * characters and spaces, which browsers ignore inside a scheme, are ignored here too. */
int nb_sanitize_url_safe(const char *url, size_t len);

/* Appends HTML (as produced by cmark from the report's Markdown) filtered as described
 * above. */
void nb_sanitize_html(const char *html, size_t len, nb_buf *out);

#endif
