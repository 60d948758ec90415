/* nb_sentence (numbers, sentences, positions) and the short names of nb_prose. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

#include "core/load.h"
#include "check/part5.h"
#include "check/prose.h"
#include "check/prose_priv.h"
#include "check/repeat.h"
#include "check/sentence.h"

static long long number(const char *s, size_t *read)
{
  long long v = -1;
  *read = nb_sentence_number(s, strlen(s), &v);
  return v;
}

static void test_numbers(void **state)
{
  (void)state;
  static const struct {
    const char *text;
    long long value;
    size_t read;
  } cases[] = {
    {"3件", 3, 1}, {"12件", 12, 2}, {"三件", 3, 3}, {"十二件", 12, 6}, {"两件", 2, 3},
    {"二十件", 20, 6}, {"一百零五件", 105, 12}, {"一万三千", 13000, 12}, {"二〇二四年", 2024, 12},
    {"３件", 3, 3}, {"零件", 0, 3}, {"十件", 10, 3},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t read;
    long long v = number(cases[i].text, &read);
    assert_int_equal(read, cases[i].read);
    assert_int_equal(v, cases[i].value);
  }
  size_t read;
  number("件数", &read);
  assert_int_equal(read, 0);
  number("1234567890123件", &read); /* too long to be a count */
  assert_int_equal(read, 0);
  number("一二三四五六七八九一二三四五", &read);
  assert_int_equal(read, 0);
}

static void test_sentences(void **state)
{
  (void)state;
  const char *t = "  第一句。第二句；\n\n第三句 1.5%  ";
  size_t pos = 0, n = 0;
  nb_sentence st;
  const char *want[] = {"第一句。", "第二句；", "第三句 1.5%  "};
  while (nb_sentence_next(t, strlen(t), &pos, &st)) {
    assert_true(n < 3);
    assert_int_equal(st.len, strlen(want[n]));
    assert_memory_equal(st.s, want[n], st.len);
    n++;
  }
  assert_int_equal(n, 3);
}

static void test_locate(void **state)
{
  (void)state;
  const char *src = "a:\n  b: |\n    第一行\n      第二行缩进\n\n    第三行\n  c: \"一行文字\"\n";
  nb_arena *arena = nb_arena_new();
  nb_diags *d = nb_diags_new("t");
  nb_node *root = nb_load_text(src, strlen(src), arena, d, NULL);
  const nb_node *b = nb_node_path(root, "a.b"), *c = nb_node_path(root, "a.c");
  uint32_t line, col;
  const char *at = strstr(b->str, "缩进");
  nb_sentence_locate(b, (size_t)(at - b->str), src, strlen(src), &line, &col);
  assert_int_equal(line, 4);
  assert_int_equal(col, 10); /* 6 spaces + 第二行 */
  at = strstr(b->str, "第三行");
  nb_sentence_locate(b, (size_t)(at - b->str), src, strlen(src), &line, &col);
  assert_int_equal(line, 6);
  assert_int_equal(col, 5);
  at = strstr(c->str, "文字");
  nb_sentence_locate(c, (size_t)(at - c->str), src, strlen(src), &line, &col);
  assert_int_equal(line, 7);
  assert_int_equal(col, 9);
  /* a source that does not hold the text: the node's own position */
  nb_sentence_locate(b, 3, "x", 1, &line, &col);
  assert_int_equal(line, b->line);
  assert_int_equal(col, b->col);
  nb_diags_free(d);
  nb_arena_free(arena);
}

static void test_short_names(void **state)
{
  (void)state;
  char out[64];
  static const char *const cases[][2] = {
    {"军屯乡人民政府", "军屯乡"}, {"东城街道办事处", "东城街道"},
    {"汶上县军屯乡人民政府", "军屯乡"}, {"卢氏县人民政府", "卢氏县"}, {"县政府", "县政府"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    assert_true(nb_prose_short_name(cases[i][0], out, sizeof out) > 0);
    assert_string_equal(out, cases[i][1]);
  }
  assert_int_equal(nb_prose_short_name("", out, sizeof out), 0);
  assert_int_equal(nb_prose_short_name(NULL, out, sizeof out), 0);
  assert_int_equal(nb_prose_short_name("军屯乡人民政府", out, 4), 0);
}

static void test_items(void **state)
{
  (void)state;
  static const struct {
    const char *text;
    size_t items;
  } cases[] = {
    {"一是甲；二是乙；三是丙。", 3}, {"（一）甲。（二）乙。", 2}, {"1. 甲\n2. 乙\n3. 丙\n4. 丁", 4},
    {"- 1、甲\n- 2、乙", 2}, {"占比1.5%，统一是目标。", 0}, {"二是乙；三是丙。", 0},
    {"一是甲，（一）乙（二）丙（三）丁", 3}, {"", 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    assert_int_equal(nb_part5_items(cases[i].text, strlen(cases[i].text)), cases[i].items);
}

static nb_node *report_with(nb_arena *a, const char *supervision, const char *platform)
{
  nb_node *doc = nb_node_new(a, NB_MAP), *ov = nb_node_new(a, NB_MAP);
  nb_node_put(a, ov, "supervision", nb_node_new_cstr(a, supervision));
  nb_node_put(a, ov, "platform", nb_node_new_cstr(a, platform));
  nb_node_put(a, doc, "overview", ov);
  return doc;
}

static void test_repeat_share(void **state)
{
  (void)state;
  nb_arena *a = nb_arena_new();
  const char *same = "我乡把政务公开纳入年度考核，全年开展自查两次。";
  nb_node *prev = report_with(a, same, "依托县政府门户网站的乡镇栏目发布信息。本报告电子版可在网站查阅。");
  /* half the characters repeated (the stock sentence about 本报告 does not count) */
  nb_node *cur = report_with(a, same, "今年新建了微信群，覆盖全乡十二个村。本报告电子版可在网站查阅。");
  double share = nb_repeat_share(prev, cur);
  assert_true(share > 55.0 && share < 65.0);
  assert_true(nb_repeat_share(prev, prev) > 99.9);
  /* a changed figure leaves a sentence "the same" */
  nb_node *figure = report_with(a, "我乡把政务公开纳入年度考核，全年开展自查三次。", "完全不同的另一段话写在这里。");
  assert_true(nb_repeat_share(prev, figure) > 50.0);
  nb_arena_free(a);
}

/* nb_prose_words finds each word wherever a plain substring search finds it. */
static unsigned words_by_search(const char *text)
{
  static const struct {
    const char *word;
    int bit;
  } words[] = {{"申请", NB_W_APPLICATION}, {"报告", NB_W_REPORT}, {"部分", NB_W_PART},
               {"月1日", NB_W_JAN1}, {"人民政府", NB_W_GOVERNMENT}, {"办事处", NB_W_OFFICE},
               {"行政复议", NB_W_REVIEW}, {"行政诉讼", NB_W_SUIT}, {"办", NB_W_DONE},
               {"年", NB_W_YEAR}, {"规范性文件", NB_W_DOCUMENTS}, {"规章", NB_W_REGULATIONS},
               {"占", NB_W_SHARE}, {"同比", NB_W_COMPARE}, {"较上年", NB_W_COMPARE},
               {"比上年", NB_W_COMPARE}, {"较去年", NB_W_COMPARE}, {"比去年", NB_W_COMPARE},
               {"去年", NB_W_COMPARE}, {"上一年", NB_W_COMPARE}, {"增长", NB_W_COMPARE},
               {"下降", NB_W_COMPARE}, {"增加", NB_W_COMPARE}, {"减少", NB_W_COMPARE},
               {"持平", NB_W_COMPARE}};
  static const char *const heads[] = {"总体情况", "主动公开政府信息", "收到和处理政府信息公开申请",
                                      "政府信息公开行政复议", "存在的主要问题", "其他需要报告的事项"};
  unsigned w = 0;
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strstr(text, words[i].word))
      w |= 1u << words[i].bit;
  int n = 0;
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
    n += strstr(text, heads[i]) != NULL;
  return n >= 2 ? w | 1u << NB_W_HEADING : w;
}

static void test_prose_words(void **state)
{
  (void)state;
  static const char *const texts[] = {
    "", "a", "本机关", "申请", "x申请y", "报告", "部分公开", "1月1日", "12月1日前", "县人民政府",
    "街道办事处", "办", "办结", "2024年", "年", "行政复议", "行政诉讼", "规范性文件", "规章",
    "占比", "同比", "较上年", "比上年增长", "较去年", "比去年", "去年", "上一年", "增长", "下降",
    "增加", "减少", "持平", "总体情况", "总体情况；存在的主要问题", "主动公开政府信息",
    "收到和处理政府信息公开申请", "政府信息公开行政复议", "其他需要报告的事项",
    "总体情况、其他需要报告的事项、申请", "规章和规范性文件，行政复议和行政诉讼，办事处、人民政府",
    "比上", "较上", "行政", "规范", "政府信息公开", "主动", "😀年😀", "ab\xE5", "年\xE5\xB9"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    assert_int_equal(nb_prose_words(texts[i]), words_by_search(texts[i]));
  }
  assert_int_not_equal(nb_prose_words("总体情况。存在的主要问题") & 1u << NB_W_HEADING, 0);
  assert_int_equal(nb_prose_words("总体情况。总体情况") & 1u << NB_W_HEADING, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_numbers),
    cmocka_unit_test(test_sentences),
    cmocka_unit_test(test_locate),
    cmocka_unit_test(test_short_names),
    cmocka_unit_test(test_items),
    cmocka_unit_test(test_repeat_share),
    cmocka_unit_test(test_prose_words),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
