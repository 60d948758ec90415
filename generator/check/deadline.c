/* Deadlines by level: a table, read in order. */
#include "check/deadline.h"

#include <string.h>

nb_deadline nb_deadline_of(const char *level)
{
  static const struct {
    const char *level;
    nb_deadline dl;
  } table[] = {
    {"县级部门", {1, 31, "《条例》第四十九条：县级以上人民政府部门在每年 1 月 31 日前公布"}},
    {"市级部门", {1, 31, "《条例》第四十九条：县级以上人民政府部门在每年 1 月 31 日前公布"}},
    {"省级部门", {1, 31, "《条例》第四十九条：县级以上人民政府部门在每年 1 月 31 日前公布"}},
    {"县级人民政府", {3, 31, "《条例》第四十九条：县级以上地方人民政府在每年 3 月 31 日前公布"}},
    {"市级人民政府", {3, 31, "《条例》第四十九条：县级以上地方人民政府在每年 3 月 31 日前公布"}},
    {"省级人民政府", {3, 31, "《条例》第四十九条：县级以上地方人民政府在每年 3 月 31 日前公布"}},
    {"乡镇", {1, 31, "乡镇、街道的期限由县级规定，通常为 1 月 31 日前"}},
    {"街道", {1, 31, "乡镇、街道的期限由县级规定，通常为 1 月 31 日前"}},
  };
  for (size_t i = 0; level && i < sizeof table / sizeof table[0]; i++)
    if (strcmp(level, table[i].level) == 0)
      return table[i].dl;
  return (nb_deadline){3, 31, "《条例》第四十九条：本级政府在每年 3 月 31 日前、部门在 1 月 31 日前公布"};
}

int nb_deadline_missed(nb_deadline dl, int year, int y, int m, int d)
{
  if (y != year + 1)
    return y > year + 1;
  return m > dl.month || (m == dl.month && d > dl.day);
}
