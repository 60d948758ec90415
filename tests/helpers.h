/* tests/helpers: what the cmocka programs share (compiled into each of them).
 *
 * - Paths: $NB_SOURCE_DIR, $NB_SHARED_DIR, $NB_BUILD_DIR joined with a relative path.
 * - Skips that CTest sees: a test needing an input that is absent calls NB_TEST_NEED; the
 *   program then ends with NB_TEST_RUN's exit code 77 (CTest's SKIP_RETURN_CODE) instead of
 *   passing, so "100% passed" never hides a test that did not run. .ci/test.sh fails in CI
 *   when anything was skipped.
 * - The fixture most rule and authoring tests start from: the built-in schema and one data
 *   file of fixtures/.
 * Test code only: the skip counter is the one piece of process state. */
#ifndef NB_TEST_HELPERS_H
#define NB_TEST_HELPERS_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "check/schema.h"
#include "core/buf.h"

/* $ENV/REL ("." when ENV is unset); the caller frees. */
char *nb_test_path(const char *env, const char *rel);

/* Whether PATH can be opened for reading; when not, says which file is missing. */
int nb_test_have(const char *path);
/* Says why a test is about to be skipped (a program or font that is not installed). */
void nb_test_skipping(const char *why);
/* Counts a skip at FILE:LINE; NB_TEST_SKIP then leaves the test as cmocka's skip() does. */
void nb_test_skipped_at(const char *file, int line);
#define NB_TEST_SKIP()                          \
  do {                                          \
    nb_test_skipped_at(__FILE__, __LINE__);     \
    skip();                                     \
  } while (0)
/* Skips the current test, visibly, unless PATH can be read. */
#define NB_TEST_NEED(path)      \
  do {                          \
    if (!nb_test_have(path))    \
      NB_TEST_SKIP();           \
  } while (0)

/* The exit code of a program whose group ended with FAILURES failed tests: the failures, else
 * 77 when a test was skipped, else 0. */
int nb_test_exit(int failures);
#define NB_TEST_RUN(tests, setup, teardown) \
  nb_test_exit(cmocka_run_group_tests(tests, setup, teardown))

typedef struct {
  nb_schema *schema; /* the built-in schema */
  nb_buf base;       /* the text of the data file */
} nb_test_fixture;
/* A group set-up: the built-in schema and fixtures/NAME into a new fixture in *STATE. */
int nb_test_fixture_setup(void **state, const char *name);
int nb_test_fixture_teardown(void **state);

#endif
