#include "core/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/buf.h"

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t ready;   /* signalled when a result is stored */
  size_t n, next;         /* jobs, and the next one to hand out */
  void **results;
  unsigned char *finished;
  nb_pool_work work;
  void *ctx;
} pool;

static void *worker(void *arg)
{
  pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    size_t i = p->next < p->n ? p->next++ : p->n;
    pthread_mutex_unlock(&p->lock);
    if (i == p->n)
      return NULL;
    void *r = p->work(p->ctx, i);
    pthread_mutex_lock(&p->lock);
    p->results[i] = r;
    p->finished[i] = 1;
    pthread_cond_broadcast(&p->ready);
    pthread_mutex_unlock(&p->lock);
  }
}

static unsigned default_threads(void)
{
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  return cpus < 1 ? 1 : cpus > 8 ? 8 : (unsigned)cpus;
}

void nb_pool_run(size_t n, unsigned threads, nb_pool_work work, nb_pool_done done, void *ctx)
{
  if (!threads) /* one piece of work needs no count of processors */
    threads = n > 1 ? default_threads() : 1;
  if (threads > n)
    threads = (unsigned)n;
  if (threads <= 1) {
    for (size_t i = 0; i < n; i++)
      done(ctx, i, work(ctx, i));
    return;
  }
  pool p = {.n = n, .work = work, .ctx = ctx};
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.ready, NULL);
  p.results = nb_xcalloc(n, sizeof *p.results);
  p.finished = nb_xcalloc(n, 1);
  pthread_t *tids = nb_xcalloc(threads, sizeof *tids);
  unsigned started = 0;
  for (; started < threads; started++)
    if (pthread_create(&tids[started], NULL, worker, &p) != 0)
      break;
  if (!started) /* no thread could be made: do the work here */
    worker(&p);
  for (size_t i = 0; i < n; i++) {
    pthread_mutex_lock(&p.lock);
    while (!p.finished[i])
      pthread_cond_wait(&p.ready, &p.lock);
    void *r = p.results[i];
    pthread_mutex_unlock(&p.lock);
    done(ctx, i, r);
  }
  for (unsigned t = 0; t < started; t++)
    pthread_join(tids[t], NULL);
  free(tids);
  free(p.finished);
  free(p.results);
  pthread_cond_destroy(&p.ready);
  pthread_mutex_destroy(&p.lock);
}
