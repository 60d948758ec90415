/* nb_figures: every figure of a report as one flat row — what a county sums, compares and
 * puts in a spreadsheet, one column per cell of the national form.
 *
 * The cells, in form order: table 二 (10: 规章 and 行政规范性文件 × 制发/废止/现行有效, 行政许可,
 * 行政处罚, 行政强制, 行政事业性收费), table 三 (25 rows × 自然人 … 其他, 总计), table 四 (复议,
 * 未经复议直接起诉, 复议后起诉 × 维持/纠正/其他/尚未审结/总计), then 主动公开总数 and 信息处理费
 * (件数, 金额). Totals are computed (nb_totals). Amounts are fixed-point: 万元 and 元 × 10^4, so
 * sums are exact; nb_figures_text prints them back with the decimals they need.
 *
 * Ownership: the cell table is static; rows are the caller's arrays. */
#ifndef NB_FIGURES_H
#define NB_FIGURES_H
#include <stdint.h>

#include "core/buf.h"
#include "core/node.h"

enum { NB_FIG_T2, NB_FIG_T3, NB_FIG_T4, NB_FIG_OTHER };

#define NB_FIG_COUNT 203
#define NB_FIG_SCALE 10000 /* fixed point of amounts */

/* Where the tables start in a row: table 三 is 25 rows of 7 cells (the row of （七）总计 is
 * the 24th), table 四 3 groups of 5 cells (总计 last), then the three other figures. */
enum { NB_FIG_T3_AT = 10, NB_FIG_T3_COLS = 7, NB_FIG_T4_AT = 185, NB_FIG_T4_COLS = 5,
       NB_FIG_OTHER_AT = 200 };

/* Which table cell K (0 ≤ K < NB_FIG_COUNT) belongs to: NB_FIG_*. */
int nb_figures_table(int k);
/* Whether cell K is a fixed-point amount (× NB_FIG_SCALE), not a count. */
int nb_figures_is_amount(int k);
/* The official label of cell K's row ("一、本年新收政府信息公开申请数量", "行政许可") and column
 * ("自然人", "本年处理决定数量"). Static strings. */
const char *nb_figures_row(int k);
const char *nb_figures_col(int k);
/* Appends cell K's stable key ("applications.new.natural") to OUT. */
void nb_figures_key(int k, nb_buf *out);

/* The figures of ROOT (a data file that passed the schema check; anything else reads as 0)
 * into OUT[NB_FIG_COUNT]. */
void nb_figures_read(const nb_node *root, int64_t out[NB_FIG_COUNT]);

/* ROW packed (appended to OUT): each cell a zigzag LEB128 number, so the zeros and small
 * counts that fill most of a report take one byte each (a summary of ten thousand reports
 * keeps every row: 2 MB packed, 16 MB as it stands). */
void nb_figures_pack(const int64_t row[NB_FIG_COUNT], nb_buf *out);
/* The row that nb_figures_pack wrote at P, into ROW. */
void nb_figures_unpack(const unsigned char *p, int64_t row[NB_FIG_COUNT]);

/* Cell K of a row as text: a count as an integer, an amount with the decimals it needs
 * ("0", "1.5", "12.3456"). Appends to OUT. */
void nb_figures_text(int k, int64_t v, nb_buf *out);

/* Writes the figures of ROW as the figure keys of a data file (disclosure, applications,
 * reviews, other.processing_fees) under MAP, allocated in ARENA: the start of a region-wide
 * data file. */
void nb_figures_to_data(const int64_t row[NB_FIG_COUNT], nb_node *map, nb_arena *arena);

#endif
