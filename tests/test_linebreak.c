/* Unit tests of the GB/T 15834 line breaker: each rule of pdf/linebreak.h on its own. Every
 * character is one unit wide, so WIDTH counts characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

#include "core/buf.h"
#include "pdf/linebreak.h"
#include "core/utf8.h"

/* Breaks TEXT into lines of WIDTH units and returns them joined by '|'. Caller frees. */
static char *break_lines(const char *text, double width)
{
  uint32_t cp[256];
  double w[256];
  size_t n = 0, len = strlen(text);
  for (size_t i = 0; i < len && n < 256;) {
    i += nb_utf8_decode(text + i, len - i, &cp[n]);
    w[n++] = 1.0;
  }
  nb_buf out = NB_BUF_INIT;
  size_t start = 0;
  while (start < n) {
    size_t next;
    size_t end = nb_lb_fit(cp, w, start, n, width, &next);
    if (out.len)
      nb_buf_putc(&out, '|');
    for (size_t i = start; i < end; i++) {
      char u[4];
      nb_buf_put(&out, u, nb_utf8_encode(cp[i], u));
    }
    assert_true(next > start);
    start = next;
  }
  return nb_buf_detach(&out);
}

static void check(const char *text, double width, const char *want)
{
  char *got = break_lines(text, width);
  assert_string_equal(got, want);
  free(got);
}

static void test_plain_cjk(void **state)
{
  (void)state;
  check("一二三四五六七", 3, "一二三|四五六|七");
  check("一二三", 3, "一二三");
  check("", 3, "");
}

static void test_no_line_start(void **state)
{
  (void)state;
  /* the comma would start line 2: the character before it moves down with it */
  check("一二三，四五", 3, "一二|三，四|五");
  check("一二三。", 3, "一二|三。");
  check("一二三、四", 3, "一二|三、四");
  check("一二三；", 3, "一二|三；");
  check("一二三：", 3, "一二|三：");
  check("一二三？", 3, "一二|三？");
  check("一二三！", 3, "一二|三！");
  check("一二三）", 3, "一二|三）");
  check("一二三》", 3, "一二|三》");
  check("一二三」", 3, "一二|三」");
  check("一二三”", 3, "一二|三”");
  check("一二三～", 3, "一二|三～");
  check("一二三·", 3, "一二|三·");
  check("一二三/", 3, "一二|三/");
  /* several in a row stay together */
  check("一二三。”", 4, "一二|三。”");
}

static void test_no_line_end(void **state)
{
  (void)state;
  check("一二（三）", 3, "一二|（三）");
  check("一二《三》", 3, "一二|《三》");
  check("一二“三”", 3, "一二|“三”");
  check("一二「三」", 3, "一二|「三」");
  check("一二【三】", 3, "一二|【三】");
}

static void test_dash_and_ellipsis(void **state)
{
  (void)state;
  check("一二——三", 3, "一二|——三");
  check("一二……三", 3, "一二|……三");
  check("一——二", 3, "一——|二");
}

static void test_latin_runs(void **state)
{
  (void)state;
  check("一二三2024年", 5, "一二三|2024年");
  check("电话0537-7984101", 13, "电话|0537-7984101");
  check("见https://a.gov.cn/x", 20, "见https://a.gov.cn/x");
  /* a web address breaks after / . - when it does not fit; figures and phones do not */
  check("见https://a.gov.cn/x", 18, "见https://a.gov.cn/|x");
  check("网站（http://www.wenshang.gov.cn）查阅", 13, "网站（http://|www.wenshang.|gov.cn）查阅");
  check("金额12.5万元", 5, "金额|12.5万|元");
  check("电话0537-7984101", 9, "电话|0537-7984|101");
  /* a run longer than the line is broken where the line is full */
  check("1234567", 3, "123|456|7");
}

static void test_spaces(void **state)
{
  (void)state;
  check("ab cd ef", 5, "ab cd|ef");
  check("ab   cd", 2, "ab|cd");
}

static void test_emergency(void **state)
{
  (void)state;
  /* one-character-wide cell: the prohibitions cannot be met, layout still progresses */
  check("一，", 1, "一|，");
}

static void test_predicates(void **state)
{
  (void)state;
  assert_true(nb_lb_no_start(0xFF0C));
  assert_false(nb_lb_no_start(0x4E00));
  assert_true(nb_lb_no_end(0xFF08));
  assert_false(nb_lb_no_end(0xFF09));
  assert_true(nb_lb_is_latin('a'));
  assert_false(nb_lb_is_latin(0x4E00));
  assert_false(nb_lb_can_break(0x2014, 0x2014));
  assert_true(nb_lb_can_break(0x4E00, 0x4E8C));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_plain_cjk),    cmocka_unit_test(test_no_line_start),
    cmocka_unit_test(test_no_line_end),  cmocka_unit_test(test_dash_and_ellipsis),
    cmocka_unit_test(test_latin_runs),   cmocka_unit_test(test_spaces),
    cmocka_unit_test(test_emergency),    cmocka_unit_test(test_predicates),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
