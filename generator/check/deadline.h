/* nb_deadline: by when a report must be published, by the level of the body.
 *
 * 《政府信息公开条例》第四十九条: 县级以上人民政府部门 publish the previous year's report by
 * 31 January; 县级以上地方人民政府 (through their 政府信息公开工作主管部门) by 31 March.
 * Townships and street offices are not named there; counties set their dates (they must
 * gather them before their own 3/31 report), most often 31 January (怀化 2022, 宿迁), which is
 * the default here. "其他" gets the later, 31 March, so that an unknown level is never
 * warned too early. A local rule can set any level's date (the config file's deadlines).
 *
 * Pure functions; nothing is kept. */
#ifndef NB_DEADLINE_H
#define NB_DEADLINE_H

typedef struct {
  int month, day;    /* in the year after the report's */
  const char *basis; /* Chinese, for messages: where the date comes from */
} nb_deadline;

/* The deadline of LEVEL (organ.level; NULL or unknown: as 其他). */
nb_deadline nb_deadline_of(const char *level);

/* Whether Y-M-D is after the deadline DL of the report of YEAR. */
int nb_deadline_missed(nb_deadline dl, int year, int y, int m, int d);

#endif
