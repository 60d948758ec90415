/* Rendering: the URL rule, the prose rewrite, the HTML whitelist filter, Markdown escaping,
 * the Markdown of the markup-payload fixture (no raw HTML but the template tables, no
 * dangerous link, no image), JSON and file names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <cmocka.h>

#include "helpers.h"

#include "check/check.h"
#include "render/context.h"
#include "render/sanitize.h"
#include "core/load.h"
#include "render/render.h"

static void test_url_safe(void **state)
{
  (void)state;
  static const char *const safe[] = {
    "https://www.gov.cn/", "http://x", "HTTPS://X", "mailto:a@b.cn", "tel:0537-1", "",
    "#part3", "/relative/path", "relative.html", "?q=1", "a/b:c", "java script/x"};
  static const char *const unsafe[] = {
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\tscript:x",
    "java\nscript:x", "\x01javascript:x", "vbscript:msgbox(1)", "data:text/html,x",
    "data:image/png;base64,AAAA", "file:///etc/passwd", "ftp://x", "x:y", "averylongscheme:x"};
  for (size_t i = 0; i < sizeof safe / sizeof *safe; i++)
    if (!nb_sanitize_url_safe(safe[i], strlen(safe[i])))
      fail_msg("refused safe URL %s", safe[i]);
  for (size_t i = 0; i < sizeof unsafe / sizeof *unsafe; i++)
    if (nb_sanitize_url_safe(unsafe[i], strlen(unsafe[i])))
      fail_msg("accepted unsafe URL %s", unsafe[i]);
}

static void sanitized(const char *in, const char *want)
{
  nb_buf out = NB_BUF_INIT;
  nb_sanitize_html(in, strlen(in), &out);
  if (strcmp(nb_buf_cstr(&out), want) != 0)
    fail_msg("sanitize(%s)\n  got  %s\n  want %s", in, nb_buf_cstr(&out), want);
  nb_buf_free(&out);
}

static void test_sanitize(void **state)
{
  (void)state;
  /* what cmark and the templates produce passes unchanged */
  sanitized("<h1>标题</h1>\n<p>a <em>b</em> <strong>c</strong> <code>d</code></p>\n",
            "<h1>标题</h1>\n<p>a <em>b</em> <strong>c</strong> <code>d</code></p>\n");
  sanitized("<table class=\"nb-table nb-t3\"><tr><th colspan=\"3\" rowspan=\"22\" scope=\"rowgroup\" "
            "class=\"l\">三</th><td class=\"num\">0</td></tr></table>",
            "<table class=\"nb-table nb-t3\"><tr><th colspan=\"3\" rowspan=\"22\" scope=\"rowgroup\" "
            "class=\"l\">三</th><td class=\"num\">0</td></tr></table>");
  sanitized("<a href=\"https://x.cn/?a=1&amp;b=2\" title=\"t\">x</a><br /><hr />",
            "<a href=\"https://x.cn/?a=1&amp;b=2\" title=\"t\">x</a><br /><hr />");
  sanitized("<ol start=\"3\"><li>x</li></ol>", "<ol start=\"3\"><li>x</li></ol>");
  /* anything else is text */
  sanitized("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
  sanitized("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;");
  sanitized("<SCRIPT>x</SCRIPT>", "&lt;SCRIPT&gt;x&lt;/SCRIPT&gt;");
  sanitized("<iframe src=\"x\"></iframe>", "&lt;iframe src=\"x\"&gt;&lt;/iframe&gt;");
  sanitized("<style>p{}</style>", "&lt;style&gt;p{}&lt;/style&gt;");
  sanitized("<![CDATA[x]]>", "&lt;![CDATA[x]]&gt;");
  sanitized("<p", "&lt;p");
  sanitized("<p title=\"unclosed>x", "&lt;p title=\"unclosed&gt;x");
  /* attributes: only listed ones, with checked values */
  sanitized("<p onclick=\"alert(1)\" class=\"x\">a</p>", "<p class=\"x\">a</p>");
  sanitized("<P ONMOUSEOVER=alert(1)>a</P>", "<p>a</p>");
  sanitized("<td style=\"x\" id=\"y\" colspan=\"x2\" rowspan=\"12345\">", "<td>");
  sanitized("<td class=\"a;b\" scope=\"foo\">", "<td>");
  sanitized("<th scope='col' colspan=2>", "<th scope=\"col\" colspan=\"2\">");
  sanitized("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>");
  sanitized("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>");
  sanitized("<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>", "<a>x</a>");
  sanitized("<a href=\"java&#9;script:alert(1)\">x</a>", "<a>x</a>");
  sanitized("<a href=\"jav&#0000097script:x\">x</a>", "<a>x</a>");
  sanitized("<a href=\"data:text/html,x\">x</a>", "<a>x</a>");
  sanitized("<a href=\"vbscript:x\">x</a>", "<a>x</a>");
  sanitized("<a title=\"a&quot;b\" href=x\"y>", "&lt;a title=\"a&quot;b\" href=x\"y&gt;");
  sanitized("<p title='\"onclick=x'>a</p>", "<p title=\"&quot;onclick=x\">a</p>");
  /* comments go; a stray > is escaped */
  sanitized("a<!-- <script>x</script> -->b>c", "ab&gt;c");
  sanitized("a<!-- unterminated", "a&lt;!-- unterminated");
}

static void prose(const char *in, const char *want)
{
  nb_buf out = NB_BUF_INIT;
  nb_sanitize_prose(in, strlen(in), &out);
  if (strcmp(nb_buf_cstr(&out), want) != 0)
    fail_msg("prose(%s)\n  got  %s\n  want %s", in, nb_buf_cstr(&out), want);
  nb_buf_free(&out);
}

static void test_prose(void **state)
{
  (void)state;
  prose("一是**加强**领导，二是*完善*制度。", "一是**加强**领导，二是*完善*制度。");
  prose("第一段。\n\n第二段。\n", "第一段。\n\n第二段。");
  prose("  \n\n", "");
  prose("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>");
  prose("a <b onclick=x>b</b>", "a \\<b onclick=x\\>b\\</b\\>");
  prose("&lt;b&gt; &amp; &amp;lt;", "\\<b\\> & \\&lt;");
  prose("[x](javascript:alert(1)) [y](https://www.gov.cn/)", "x [y](https://www.gov.cn/)");
  prose("<javascript:alert(1)>", "javascript:alert(1)");
  prose("[r]\n\n[r]: vbscript:x", "r");
  prose("![图](http://e.cn/a.png)", "[图](http://e.cn/a.png)");
  prose("![图](data:image/png;base64,AA)", "图");
  prose("# 标题", "#### 标题");
  prose("###### 六级", "###### 六级");
  prose("```js onload=x\ncode <b>\n```", "``` \ncode <b>\n```");
  prose("- 一\n- 二", "  - 一\n  - 二");
  /* a line break between Chinese characters is no space; between words it stays */
  prose("政务公开\n工作。\nThe report\nis here，", "政务公开工作。The report\nis here，");
  prose("年报：\n*重点*工作", "年报：*重点*工作");
  /* nesting past any report's needs comes back as escaped text, quickly */
  nb_buf deep = NB_BUF_INIT, out = NB_BUF_INIT;
  for (int i = 0; i < 20000; i++)
    nb_buf_puts(&deep, "> ");
  nb_buf_puts(&deep, "深");
  nb_sanitize_prose(deep.data, deep.len, &out);
  assert_true(strncmp(nb_buf_cstr(&out), "\\> \\> ", 6) == 0);
  nb_buf_free(&out);
  nb_buf_free(&deep);
}

static void md_text(const char *in, const char *want)
{
  nb_buf out = NB_BUF_INIT;
  nb_sanitize_md_text(in, strlen(in), &out);
  assert_string_equal(nb_buf_cstr(&out), want);
  nb_buf_free(&out);
}

static void test_md_text(void **state)
{
  (void)state;
  md_text("某某县人民政府", "某某县人民政府");
  md_text("<a>&*_[]`!#|~\\", "\\<a\\>\\&\\*\\_\\[\\]\\`\\!\\#\\|\\~\\\\");
  md_text("-1+2=3", "\\-1+2=3");
  md_text("a\nb\tc\x01", "a b c");
}

/* Walks the Markdown of the payload fixture: only the template tables are HTML. */
static void check_markdown(const char *md, size_t len)
{
  cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
  cmark_iter *it = cmark_iter_new(doc);
  cmark_event_type ev;
  int tables = 0;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER)
      continue;
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HTML_BLOCK: {
      const char *lit = cmark_node_get_literal(n);
      static const char region[] = "<!-- 所在地区：";
      if (strncmp(lit, region, sizeof region - 1) == 0) {
        /* the template's region comment: the payload stays inside it, escaped */
        const char *end = strstr(lit, "-->");
        if (!end || strcmp(end, "-->\n") != 0)
          fail_msg("the region comment does not hold the payload: %s", lit);
        break;
      }
      if (strncmp(lit, "<table class=\"nb-table nb-t", 26) != 0)
        fail_msg("raw HTML block in the Markdown: %.60s", lit);
      tables++;
      break;
    }
    case CMARK_NODE_HTML_INLINE:
      fail_msg("raw inline HTML in the Markdown: %s", cmark_node_get_literal(n));
      break;
    case CMARK_NODE_IMAGE: { /* only the report's own charts, files beside it */
      const char *url = cmark_node_get_url(n);
      size_t ulen = strlen(url);
      if (!strstr(url, "-图") || ulen < 4 || strcmp(url + ulen - 4, ".svg") != 0 ||
          strpbrk(url, ":/\\") || !nb_sanitize_url_safe(url, ulen))
        fail_msg("image in the Markdown: %s", url);
      break;
    }
    case CMARK_NODE_LINK: {
      const char *url = cmark_node_get_url(n);
      if (!nb_sanitize_url_safe(url, strlen(url)))
        fail_msg("dangerous link in the Markdown: %s", url);
      break;
    }
    default:
      break;
    }
  }
  cmark_iter_free(it);
  cmark_node_free(doc);
  assert_int_equal(tables, 3);
}

static void test_payload_fixture(void **state)
{
  (void)state;
  const char *src = getenv("NB_SOURCE_DIR");
  nb_buf path = NB_BUF_INIT;
  nb_buf_printf(&path, "%s/fixtures/xss/2024-xss.yaml", src ? src : ".");
  nb_diags *d = nb_diags_new(path.data);
  nb_schema *schema = nb_schema_load_builtin(d);
  assert_non_null(schema);
  nb_checked checked;
  memset(&checked, 0, sizeof checked);
  assert_int_equal(nb_check_file(path.data, schema, d, &checked), NB_CHECK_OK);
  nb_node *ctx = nb_context_build(checked.root, checked.arena);
  nb_renderer *r = nb_renderer_new(NULL);
  nb_mus_error err = NB_MUS_ERROR_INIT;
  nb_buf md = NB_BUF_INIT, html = NB_BUF_INIT, html2 = NB_BUF_INIT;
  assert_int_equal(nb_render_md(r, ctx, &md, &err), 0);
  check_markdown(md.data, md.len);
  assert_int_equal(nb_render_html(r, ctx, checked.arena, md.data, md.len, &html, &err), 0);
  assert_null(strstr(html.data, "<script"));
  assert_null(strstr(html.data, "<img"));
  assert_null(strstr(html.data, "javascript:alert(1)\""));
  assert_non_null(strstr(html.data, "<div class=\"nb-scroll\" tabindex=\"0\" role=\"region\" "
                                    "aria-label=\"三、收到和处理政府信息公开申请情况\"><table "
                                    "class=\"nb-table nb-t3\">"));
  /* a prose heading right under a part is <h3>, under a sub-heading <h4>: no level skipped */
  const char *h2 = strstr(html.data, "<h2>"), *h4 = strstr(html.data, "<h4>");
  assert_true(h2 && h4 && strstr(h2, "<h3>") < h4);
  /* the same bytes twice */
  assert_int_equal(nb_render_html(r, ctx, checked.arena, md.data, md.len, &html2, &err), 0);
  assert_int_equal(html.len, html2.len);
  assert_memory_equal(html.data, html2.data, html.len);
  nb_buf_free(&md);
  nb_buf_free(&html);
  nb_buf_free(&html2);
  nb_renderer_free(r);
  nb_checked_free(&checked);
  nb_schema_free(schema);
  nb_diags_free(d);
  nb_buf_free(&path);
}

static void test_json_and_names(void **state)
{
  (void)state;
  nb_arena *a = nb_arena_new();
  static const char yaml[] = "organ: {name: \"a/b:c*d\\\"e<f>|g?h\\\\i\\tj\"}\n"
                             "year: 2024\n"
                             "disclosure: {fees: 0.50}\n"
                             "applications: {new: [1, 2, 3, 4, 5, 6]}\n";
  nb_diags *d = nb_diags_new("t");
  nb_node *root = nb_load_text(yaml, sizeof yaml - 1, a, d, NULL);
  assert_non_null(root);
  nb_node *ctx = nb_context_build(root, a);
  char *name = nb_render_filename(ctx, "html");
  assert_string_equal(name, "2024-a_b_c_d_e_f__g_h_i_j.html");
  free(name);
  nb_buf json = NB_BUF_INIT;
  nb_render_json(ctx, &json);
  assert_non_null(strstr(json.data, "\"fees\": 0.50\n"));
  assert_non_null(strstr(json.data, "\"date\": null,"));
  assert_non_null(strstr(json.data, "\"region\": null"));
  assert_non_null(strstr(json.data, "\"new\": {\n      \"natural\": 1,"));
  assert_non_null(strstr(json.data, "\"total\": 21\n"));
  assert_null(strstr(json.data, "has_applications"));
  assert_int_equal(json.data[json.len - 1], '\n');
  assert_int_equal(json.data[json.len - 2], '}');
  nb_buf_free(&json);
  nb_diags_free(d);
  nb_arena_free(a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_url_safe),       cmocka_unit_test(test_sanitize),
    cmocka_unit_test(test_prose),          cmocka_unit_test(test_md_text),
    cmocka_unit_test(test_payload_fixture), cmocka_unit_test(test_json_and_names),
  };
  return NB_TEST_RUN(tests, NULL, NULL);
}
