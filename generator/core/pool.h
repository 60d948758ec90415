/* nb_pool: runs N independent jobs on a few threads and hands their results back in order.
 *
 * lint checks a thousand files in one call (a pre-commit hook passes every changed file);
 * on a machine with several cores the files are checked in parallel while the output stays
 * exactly what a sequential run prints. WORK runs on worker threads and must touch nothing
 * shared but read-only data; DONE runs on the calling thread, once per job, in order 0..N-1,
 * as soon as that job and all before it are finished, so results can be printed and freed
 * without keeping them all. */
#ifndef NB_POOL_H
#define NB_POOL_H
#include <stddef.h>

typedef void *(*nb_pool_work)(void *ctx, size_t i);
typedef void (*nb_pool_done)(void *ctx, size_t i, void *result);

/* THREADS = 0: one per online processor, at most 8. With one thread (or one job) everything
 * runs on the calling thread. */
void nb_pool_run(size_t n, unsigned threads, nb_pool_work work, nb_pool_done done, void *ctx);

#endif
