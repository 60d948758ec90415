/* Robustness: thousands of damaged versions of the seed fixtures (bytes flipped, inserted,
 * deleted, lines cut and swapped) go through the whole check. Every one must finish with
 * diagnostics or none, never a crash (ASan/UBSan builds run this too), and every error must
 * carry a code and a Chinese message. Deterministic: a fixed-seed generator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check/check.h"
#include "core/io.h"

#define ROUNDS 3000

typedef struct {
  uint64_t s;
} rng;

static uint32_t next(rng *r)
{
  r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(r->s >> 33);
}

/* Damages TEXT in place, once, in one of several ways. */
static void mutate(nb_buf *t, rng *r)
{
  static const char *const bits[] = {"：", "\t", "　", "[", "]", "{", "}", "\"", "'", ": ", "- ",
                                     "&a", "*a", "---\n", "\n  ", "#", "|", ">", "!", "%",
                                     "9999999999999999999999", "-1", "1.23456", "三", "\xff",
                                     "\xe4\xb8", "\r", "~", "null", "total: 0\n"};
  size_t pos = t->len ? next(r) % t->len : 0;
  switch (next(r) % 5) {
  case 0: /* flip a byte */
    if (t->len)
      t->data[pos] = (char)(next(r) & 0xFF);
    break;
  case 1: { /* insert a token */
    const char *b = bits[next(r) % (sizeof bits / sizeof bits[0])];
    size_t n = strlen(b);
    nb_buf_grow(t, n);
    memmove(t->data + pos + n, t->data + pos, t->len - pos + 1);
    memcpy(t->data + pos, b, n);
    t->len += n;
    break;
  }
  case 2: { /* delete a run */
    size_t n = next(r) % 40;
    if (n > t->len - pos)
      n = t->len - pos;
    memmove(t->data + pos, t->data + pos + n, t->len - pos - n + 1);
    t->len -= n;
    break;
  }
  case 3: /* truncate */
    t->len = pos;
    t->data[pos] = '\0';
    break;
  default: { /* duplicate a line */
    char *start = t->data + pos;
    while (start > t->data && start[-1] != '\n')
      start--;
    char *end = strchr(t->data + pos, '\n');
    size_t n = end ? (size_t)(end - start) + 1 : 0;
    if (n && n < 400) {
      nb_buf line = NB_BUF_INIT;
      nb_buf_put(&line, start, n);
      size_t at = (size_t)(start - t->data);
      nb_buf_grow(t, n);
      memmove(t->data + at + n, t->data + at, t->len - at + 1);
      memcpy(t->data + at, line.data, n);
      t->len += n;
      nb_buf_free(&line);
    }
  }
  }
}

static void damaged_fixtures_never_crash(void **state)
{
  (void)state;
  static const char *const names[] = {"2024-瓦窑沟乡人民政府.yaml", "2024-军屯乡人民政府.yaml",
                                      "2023-磁钟乡人民政府.yaml", "2024-酒后镇人民政府.yaml"};
  const char *src = getenv("NB_SOURCE_DIR");
  nb_diags *sd = nb_diags_new("schema");
  nb_schema *schema = nb_schema_load_builtin(sd);
  assert_non_null(schema);
  rng r = {20240101};
  size_t with_errors = 0;
  for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
    nb_buf path = NB_BUF_INIT, base = NB_BUF_INIT;
    nb_buf_printf(&path, "%s/fixtures/%s", src ? src : ".", names[f]);
    assert_int_equal(nb_io_read(path.data, 1 << 20, &base), NB_IO_OK);
    for (int round = 0; round < ROUNDS / 4; round++) {
      nb_buf t = NB_BUF_INIT;
      nb_buf_put(&t, base.data, base.len);
      int edits = 1 + (int)(next(&r) % 3);
      for (int e = 0; e < edits; e++)
        mutate(&t, &r);
      nb_diags *d = nb_diags_new("mutated.yaml");
      nb_checked c = {0};
      nb_check_result res = nb_check_text(nb_buf_cstr(&t), t.len, schema, d, &c);
      assert_true(res == NB_CHECK_OK || res == NB_CHECK_INVALID);
      with_errors += res == NB_CHECK_INVALID;
      for (size_t i = 0; i < nb_diags_count(d); i++) {
        const nb_diag *g = nb_diags_get(d, i);
        assert_true(strlen(g->code) == 5 && strncmp(g->code, "NB", 2) == 0);
        assert_true(g->message && (unsigned char)g->message[0] >= 0x20);
      }
      /* printing must cope with whatever the source holds */
      FILE *null = fopen("/dev/null", "w");
      assert_int_equal(nb_diags_print_text(d, null), 0);
      fclose(null);
      nb_checked_free(&c);
      nb_diags_free(d);
      nb_buf_free(&t);
    }
    nb_buf_free(&path);
    nb_buf_free(&base);
  }
  /* most damage must be noticed; a few edits land in prose or comments */
  assert_true(with_errors > ROUNDS / 2);
  nb_schema_free(schema);
  nb_diags_free(sd);
}

int main(void)
{
  const struct CMUnitTest tests[] = {cmocka_unit_test(damaged_fixtures_never_crash)};
  return cmocka_run_group_tests_name("mutate", tests, NULL, NULL);
}
