/* nb_chart: the report's charts, computed from the same data as its totals and put into the
 * template context, where the SVG templates (templates/chart-*.svg.mustache), the HTML page,
 * the Markdown writer and the PDF module all take them from.
 *
 * Two charts, numbered in the order they appear in the report (图1, 图2):
 *   published     主动公开 by category (overview.published_items): a donut ("pie") when there
 *                 are at most NB_CHART_PIE_MAX categories, else horizontal bars sorted by count;
 *                 absent when the total is 0 or there is no category.
 *   applications  依申请公开 outcomes (table 三): 予以公开, 部分公开, 不予公开, 无法提供, 不予处理,
 *                 其他处理, 结转下年度 as bars in table order; absent when all are 0.
 * The data file may choose per chart (schema key `charts`):
 *   charts: {published: 自动|饼图|条形图|不画, applications: 自动|条形图|不画}
 * 自动 (or no setting) is the choice above. A template can also move or drop a chart: the
 * Markdown layout places each one in its own block (chart_published, chart_applications).
 *
 * Percentages are whole numbers by the largest-remainder method, so the printed ones add up to
 * exactly 100; angles are exact (360 × count / total). Bidirectional-control characters are
 * dropped from labels; everything else is escaped by the template engine.
 *
 * The context key `charts` (only present when there is at least one chart):
 *   charts {published?, applications?, list [the charts in order], count}
 * and each chart:
 *   number 1, id "nb-fig1", caption "图1 2024年主动公开政府信息分类情况",
 *   heading "2024年主动公开政府信息分类情况", file "〈base〉-图1.svg", file_url (the same,
 *   with characters a Markdown link cannot hold percent-encoded), pie / bars (booleans),
 *   kind "pie" | "bars", unit "条" | "件", total, width, height (the SVG viewBox),
 *   name_size, figure_size (font sizes of labels: names, figures),
 *   alt (the figures as one sentence, for <desc>, screen readers and the PDF's /Alt),
 *   cx, cy, r, r_inner, centre_size (pie geometry; the total is written in the hole),
 *   slices [{label, short (at most 10 characters, "…" when shortened), value, percent (whole
 *            number), share (percent text "27%"), start, end (degrees clockwise from 12
 *            o'clock, two decimals), path (SVG path data of the slice), colour, name_x,
 *            name_y, figure_y (label position), anchor ("start" | "end"), leader (SVG
 *            polyline points from the slice to its label), last}]
 *   rows   [{label, short, value, percent, share, y (top of the row), bar_y, bar_w (length),
 *            text_y, value_x, colour, last}]
 *   label_x, bar_x, bar_h, bar_max (bars geometry)
 *
 * Ownership: everything lives in the caller's arena. Pure computation; nothing is kept. */
#ifndef NB_CHART_H
#define NB_CHART_H
#include <stddef.h>
#include <stdint.h>

#include "core/node.h"
#include "pdf/pdf.h"

#define NB_CHART_PIE_MAX 8      /* more categories than this: bars */
#define NB_CHART_MAX_ITEMS 1000 /* more categories than this: no chart (not readable) */
#define NB_CHART_SHORT 10       /* characters of a label shown before "…" */

/* Adds `charts` to the context CTX (see render/context.h) of the checked data DATA. File names
 * start with BASE ("2024-瓦窑沟乡人民政府"; NULL: taken from the context). */
void nb_chart_build(nb_node *ctx, const nb_node *data, const char *base, nb_arena *a);

/* Charts of pages that are not a report (nianbao summary), with the fields above, numbered
 * NUMBER (id "nb-figN", caption "图N HEADING"), in A:
 * nb_chart_bars   horizontal bars of ITEMS in their order; REST (label NULL and value 0 for
 *                 none) is the part not drawn ("其他 55 个机关"), counted in the total, the
 *                 shares and the text alternative, so that one large rest does not shrink
 *                 every bar; NULL when N is 0, above NB_CHART_MAX_ITEMS, or all are 0;
 * nb_chart_outcomes  the 依申请公开 outcomes of the data file DATA of YEAR, as in a report
 *                 (DATA's charts.applications setting applies); NULL when all are 0. */
typedef struct {
  const char *label;
  int64_t value;
} nb_chart_item;
nb_node *nb_chart_bars(const char *heading, const char *unit, const nb_chart_item *items,
                       size_t n, nb_chart_item rest, int number, nb_arena *a);
nb_node *nb_chart_outcomes(const nb_node *data, int year, int number, nb_arena *a);

/* Renames the chart files of CTX to BASE-图N.svg (the Markdown file's name without .md). */
void nb_chart_set_base(nb_node *ctx, const char *base, nb_arena *a);

/* The charts of CTX for the PDF module, drawn from the same geometry as the SVG (pdf/pdf.h):
 * *OUT points to an array of the returned count, allocated with every string in A. */
size_t nb_chart_pdf(const nb_node *ctx, nb_arena *a, const nb_pdf_chart **out);

/* Largest-remainder percentages: OUT[i] whole percents of V[i] in TOTAL (the sum of V, > 0),
 * adding up to exactly 100; ties go to the earlier item. Values must be ≥ 0 and TOTAL ≤
 * INT64_MAX / 100. */
void nb_chart_percents(const int64_t *v, size_t n, int64_t total, int *out);

#endif
