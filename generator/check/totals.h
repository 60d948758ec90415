/* nb_totals: every computed figure of the report, computed in one place.
 *
 * The functions take nodes of a data file that has passed the schema check (rows are
 * sequences of 6 NB_INT nodes, groups are mappings of 4 NB_INT nodes); on anything else they
 * count what they can and ignore the rest, so they never fail. Sums saturate at INT64_MAX.
 * Pure functions: nothing is allocated or kept. */
#ifndef NB_TOTALS_H
#define NB_TOTALS_H
#include <stdint.h>

#include "check/report.h"
#include "core/node.h"


/* 总计 column of one table-三 row. */
int64_t nb_totals_row(const nb_node *row);
/* （七）总计: column sums over every row under applications.results (at any depth), in
 * OUT[0..5], and the grand total in OUT[6]. */
void nb_totals_results(const nb_node *results, int64_t out[NB_T3_COLS + 1]);
/* Adds the 6 values of ROW to OUT[0..5] and their sum to OUT[6]. */
void nb_totals_add_row(const nb_node *row, int64_t out[NB_T3_COLS + 1]);
/* 总计 of one table-四 group: upheld + corrected + other + pending. */
int64_t nb_totals_group(const nb_node *group);
/* 主动公开 total: the sum of count over overview.published_items. */
int64_t nb_totals_published(const nb_node *items);

#endif
