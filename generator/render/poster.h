/* nb_poster: the 图解 edition of a report (render -f graphic): one page, 1080 units wide, laid
 * out here and drawn by templates/graphic.svg.mustache. From top to bottom: the title; the
 * headline figures as cards (主动公开, 新收申请, 行政许可, 行政处罚, 行政强制, 行政复议, 行政诉讼,
 * 信息处理费), each set large; the report's charts (render/chart.h); the main problems and the
 * improvements as short numbered items (the first sentence of each); the source.
 *
 * The context key `poster` (added to the report context CTX):
 *   width, height, footer {text, y}
 *   head {lines [{text, y, size}], band (height of the title band), badge_y}
 *   cards [{label, value, unit, x, y, w, h, cx, value_y, label_y, value_size}], cards_y,
 *   cards_heading_y
 *   charts [{heading, heading_y, y, w, h, chart (one chart of charts.list)}]
 *   lists [{heading, heading_y, items [{number, number_y, lines [{text, y, size}]}]}]
 * Text is wrapped here (a Chinese character is one unit of the font size, other characters
 * about half); every string keeps its characters, the template escapes them.
 *
 * Ownership: everything lives in the caller's arena. */
#ifndef NB_POSTER_H
#define NB_POSTER_H
#include "core/node.h"

#define NB_POSTER_WIDTH 1080
#define NB_POSTER_ITEMS 6 /* problems or improvements shown at most */

/* Adds `poster` to CTX (built by nb_context_build from the checked data DATA). */
void nb_poster_build(nb_node *ctx, const nb_node *data, nb_arena *a);

#endif
