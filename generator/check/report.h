/* nb_report: the shape of the report of format 2021 (国办公开办函〔2021〕30号) in one place: the
 * data keys and official labels of tables 二, 三 and 四, in the order the format prints them.
 * Import finds rows by these labels, the checks name figures with them, the template context
 * and the JSON output are built in this order. A new national format (a new `format:` value)
 * gets its own schema, its own templates and a table like this one (see generator/README.md).
 *
 * Labels are the format's own words; a label path joins levels with " › ".
 * Ownership: everything here is static, read-only data. */
#ifndef NB_REPORT_H
#define NB_REPORT_H
#include <stddef.h>

/* ---- the six parts ---- */

#define NB_REPORT_PART2 "二、主动公开政府信息情况"
#define NB_REPORT_PART3 "三、收到和处理政府信息公开申请情况"

/* ---- table 二: 主动公开政府信息情况 ---- */

typedef struct {
  const char *key;    /* under disclosure: "regulations" */
  const char *label;  /* "规章" */
  int width;          /* 3: the documents columns below; 1: one figure */
  int decimal;        /* the figure is an amount (万元), not a count */
} nb_report_t2_row;

#define NB_REPORT_T2_ROWS 6
#define NB_REPORT_T2_DOCS 2 /* the first rows, 规章 and 行政规范性文件, have three columns */
extern const nb_report_t2_row nb_report_t2_rows[NB_REPORT_T2_ROWS];
/* The columns of a documents row: issued, repealed, in_force. */
extern const char *const nb_report_t2_doc_keys[3];
extern const char *const nb_report_t2_doc_labels[3];
/* The column of the one-figure rows 行政许可, 行政处罚, 行政强制. */
#define NB_REPORT_T2_DECISIONS "本年处理决定数量"

/* ---- table 三: 收到和处理政府信息公开申请情况 ---- */

/* The six applicant columns, then 总计 (computed). */
#define NB_T3_COLS 6
/* Context and JSON keys: natural … other, total. */
extern const char *const nb_report_t3_col_keys[NB_T3_COLS + 1];
/* 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计. */
extern const char *const nb_report_t3_col_labels[NB_T3_COLS + 1];

typedef struct {
  const char *path;   /* data key path; "applications.results.total" is computed, not data */
  const char *group;  /* the numbered group under applications.results ("denied"), or NULL */
  const char *key;    /* the last key of PATH */
  const char *label;  /* label path inside table 三: "（三）不予公开 › 1.属于国家秘密" */
  const char *words;  /* distinctive words of the printed label, to find the row */
} nb_report_t3_row;

#define NB_REPORT_T3_ROWS 25
/* Rows the rules name. */
enum { NB_REPORT_T3_NEW = 0, NB_REPORT_T3_CARRIED_OVER = 1, NB_REPORT_T3_CARRY_FORWARD = 24 };
extern const nb_report_t3_row nb_report_t3_rows[NB_REPORT_T3_ROWS];
/* Whether ROW is （七）总计, the sum of the rows of applications.results. */
int nb_report_t3_is_total(const nb_report_t3_row *row);
/* Whether ROW lies under applications.results (（一）–（七）). */
int nb_report_t3_is_result(const nb_report_t3_row *row);

/* ---- table 四: 政府信息公开行政复议、行政诉讼情况 ---- */

#define NB_REPORT_T4_GROUPS 3
#define NB_REPORT_T4_COLS 4 /* then 总计 (computed) */
/* review, litigation_direct, litigation_after_review (under reviews). */
extern const char *const nb_report_t4_group_keys[NB_REPORT_T4_GROUPS];
/* 行政复议, 行政诉讼 › 未经复议直接起诉, 行政诉讼 › 复议后起诉. */
extern const char *const nb_report_t4_group_labels[NB_REPORT_T4_GROUPS];
/* upheld, corrected, other, pending. */
extern const char *const nb_report_t4_col_keys[NB_REPORT_T4_COLS];
/* 结果维持, 结果纠正, 其他结果, 尚未审结, 总计. */
extern const char *const nb_report_t4_col_labels[NB_REPORT_T4_COLS + 1];

#endif
