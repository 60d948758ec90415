/* The shape of format 2021 (see check/report.h). */
#include "check/report.h"

#include <string.h>

const nb_report_t2_row nb_report_t2_rows[NB_REPORT_T2_ROWS] = {
  {"regulations", "规章", 3, 0},
  {"normative_documents", "行政规范性文件", 3, 0},
  {"licensing", "行政许可", 1, 0},
  {"punishment", "行政处罚", 1, 0},
  {"coercion", "行政强制", 1, 0},
  {"fees", "行政事业性收费", 1, 1},
};

const char *const nb_report_t2_doc_keys[3] = {"issued", "repealed", "in_force"};
const char *const nb_report_t2_doc_labels[3] = {"本年制发件数", "本年废止件数", "现行有效件数"};

const char *const nb_report_t3_col_keys[NB_T3_COLS + 1] = {
  "natural", "business", "research", "nonprofit", "legal", "other", "total"};
const char *const nb_report_t3_col_labels[NB_T3_COLS + 1] = {
  "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};

#define APP "applications."
#define RES APP "results."
#define DENIED "（三）不予公开 › "
#define UNAVAILABLE "（四）无法提供 › "
#define NOT_PROCESSED "（五）不予处理 › "
#define OTHER "（六）其他处理 › "

const nb_report_t3_row nb_report_t3_rows[NB_REPORT_T3_ROWS] = {
  {APP "new", NULL, "new", "一、本年新收政府信息公开申请数量", "本年新收"},
  {APP "carried_over", NULL, "carried_over", "二、上年结转政府信息公开申请数量", "上年结转"},
  {RES "granted", NULL, "granted", "（一）予以公开", "予以公开"},
  {RES "partially_granted", NULL, "partially_granted", "（二）部分公开", "部分公开"},
  {RES "denied.state_secret", "denied", "state_secret", DENIED "1.属于国家秘密", "国家秘密"},
  {RES "denied.prohibited_by_law", "denied", "prohibited_by_law",
   DENIED "2.其他法律行政法规禁止公开", "禁止公开"},
  {RES "denied.security_stability", "denied", "security_stability",
   DENIED "3.危及“三安全一稳定”", "三安全一稳定"},
  {RES "denied.third_party_rights", "denied", "third_party_rights",
   DENIED "4.保护第三方合法权益", "第三方合法权益"},
  {RES "denied.internal_affairs", "denied", "internal_affairs",
   DENIED "5.属于三类内部事务信息", "三类内部事务"},
  {RES "denied.process_information", "denied", "process_information",
   DENIED "6.属于四类过程性信息", "四类过程性"},
  {RES "denied.enforcement_files", "denied", "enforcement_files",
   DENIED "7.属于行政执法案卷", "行政执法案卷"},
  {RES "denied.inquiry_matters", "denied", "inquiry_matters", DENIED "8.属于行政查询事项",
   "行政查询事项"},
  {RES "unavailable.not_held", "unavailable", "not_held",
   UNAVAILABLE "1.本机关不掌握相关政府信息", "不掌握"},
  {RES "unavailable.needs_creation", "unavailable", "needs_creation",
   UNAVAILABLE "2.没有现成信息需要另行制作", "另行制作"},
  {RES "unavailable.unclear", "unavailable", "unclear", UNAVAILABLE "3.补正后申请内容仍不明确",
   "仍不明确"},
  {RES "not_processed.complaints", "not_processed", "complaints",
   NOT_PROCESSED "1.信访举报投诉类申请", "信访举报投诉"},
  {RES "not_processed.repeated", "not_processed", "repeated", NOT_PROCESSED "2.重复申请",
   "重复申请"},
  {RES "not_processed.publications", "not_processed", "publications",
   NOT_PROCESSED "3.要求提供公开出版物", "公开出版物"},
  {RES "not_processed.excessive", "not_processed", "excessive",
   NOT_PROCESSED "4.无正当理由大量反复申请", "大量反复"},
  {RES "not_processed.confirmation", "not_processed", "confirmation",
   NOT_PROCESSED "5.要求行政机关确认或重新出具已获取信息", "重新出具"},
  {RES "other.no_correction", "other", "no_correction", OTHER "1.申请人无正当理由逾期不补正",
   "逾期不补正"},
  {RES "other.unpaid_fee", "other", "unpaid_fee", OTHER "2.申请人逾期未按收费通知要求缴纳费用",
   "缴纳费用"},
  {RES "other.other", "other", "other", OTHER "3.其他", "3.其他"},
  {RES "total", NULL, "total", "（七）总计", "(七)总计"},
  {APP "carry_forward", NULL, "carry_forward", "四、结转下年度继续办理", "结转下年度"},
};

int nb_report_t3_is_total(const nb_report_t3_row *row)
{
  return strcmp(row->path, RES "total") == 0;
}

int nb_report_t3_is_result(const nb_report_t3_row *row)
{
  return strncmp(row->path, RES, sizeof RES - 1) == 0;
}

const char *const nb_report_t4_group_keys[NB_REPORT_T4_GROUPS] = {
  "review", "litigation_direct", "litigation_after_review"};
const char *const nb_report_t4_group_labels[NB_REPORT_T4_GROUPS] = {
  "行政复议", "行政诉讼 › 未经复议直接起诉", "行政诉讼 › 复议后起诉"};
const char *const nb_report_t4_col_keys[NB_REPORT_T4_COLS] = {"upheld", "corrected", "other",
                                                              "pending"};
const char *const nb_report_t4_col_labels[NB_REPORT_T4_COLS + 1] = {"结果维持", "结果纠正",
                                                                    "其他结果", "尚未审结", "总计"};
