/* OpenBLAS's parallel work runs on TH's OpenMP threads.
 *
 * The PyPI OpenBLAS is a pthreads build with its own pool. Next to libgomp's pool that is
 * two sets of busy threads on the same cores: after every GEMM OpenBLAS's workers spin for a
 * while and take the cores from the OpenMP loops that follow (im2col, bias, regrouping in a
 * convolution), and the OpenMP workers do the same to the next GEMM. OpenBLAS >= 0.3.28 lets
 * the caller run its jobs (openblas_set_threads_callback_function); TH hands them to one
 * OpenMP team, so a single pool serves both.
 *
 * OpenBLAS's jobs synchronise with each other (a level-3 job waits for the panels its
 * neighbours pack), so all of them must run at the same time: never one after another.
 * When an OpenMP team of exactly that size cannot be had (inside a parallel region, in a
 * forked child whose OpenMP pool is gone, under a thread limit), the jobs run on threads
 * started for the call. The jobs index OpenBLAS's per-thread buffers by their thread
 * number, so one set of jobs runs at a time (a mutex).
 *
 * Serial sections (THBlasSerialBegin/End) set BLAS to one thread while a parallel loop calls
 * BLAS from each of its threads. Should another thread's call still ask for several jobs
 * meanwhile, they land here inside a parallel region and run on threads of their own:
 * slower, never wrong. */
#define _GNU_SOURCE /* pthread_rwlockattr_setkind_np */
#include "THGeneral.h"

#include <pthread.h>
#include <stddef.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#ifndef BLAS_SYMBOL_PREFIX
#define BLAS_SYMBOL_PREFIX
#endif
#define TH_BLAS_NAME(name) TH_CONCAT_2(BLAS_SYMBOL_PREFIX, name)

typedef void (*THBlasJob)(int thread_num, void *job, int job_arg);
typedef void (*THBlasRunner)(int sync, THBlasJob run, int njobs, size_t job_size, void *jobs,
                             int job_arg);

extern void TH_BLAS_NAME(openblas_set_num_threads)(int n);
extern int TH_BLAS_NAME(openblas_get_num_threads)(void);
/* Weak: an OpenBLAS older than 0.3.28 lacks it and keeps its own threads. */
extern void TH_BLAS_NAME(openblas_set_threads_callback_function)(THBlasRunner runner)
    __attribute__((weak));

typedef struct THBlasThreadArg {
  THBlasJob run;
  void *job;
  int thread_num;
  int job_arg;
} THBlasThreadArg;

static pthread_mutex_t th_blas_jobs_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int th_in_blas_job = 0;
static int th_blas_runner_installed = 0;
static long th_blas_team_runs = 0;   /* job sets run by an OpenMP team */
static long th_blas_thread_runs = 0; /* job sets run on threads started for them */

static void th_blas_run_one(THBlasJob run, int thread_num, void *job, int job_arg)
{
  th_in_blas_job = 1;
  run(thread_num, job, job_arg);
  th_in_blas_job = 0;
}

static void *th_blas_thread_main(void *p)
{
  THBlasThreadArg *a = p;
  th_blas_run_one(a->run, a->thread_num, a->job, a->job_arg);
  return NULL;
}

/* Jobs 1.. on new threads, job 0 here. A thread that cannot be started runs its job here
 * after job 0: that only completes for jobs that do not wait on each other, but it is the
 * last resort when the system refuses threads. */
static void th_blas_run_on_pthreads(THBlasJob run, int njobs, size_t job_size, char *jobs,
                                    int job_arg)
{
  enum { MAX_JOBS = 256 };
  pthread_t threads[MAX_JOBS];
  THBlasThreadArg args[MAX_JOBS];
  int started[MAX_JOBS] = {0};
  int i;
  __atomic_add_fetch(&th_blas_thread_runs, 1, __ATOMIC_RELAXED);
  for (i = 1; i < njobs && i < MAX_JOBS; i++) {
    args[i].run = run;
    args[i].job = jobs + (size_t)i * job_size;
    args[i].thread_num = i;
    args[i].job_arg = job_arg;
    started[i] = pthread_create(&threads[i], NULL, th_blas_thread_main, &args[i]) == 0;
  }
  th_blas_run_one(run, 0, jobs, job_arg);
  for (i = 1; i < njobs; i++) {
    if (i < MAX_JOBS && started[i])
      pthread_join(threads[i], NULL);
    else
      th_blas_run_one(run, i, jobs + (size_t)i * job_size, job_arg);
  }
}

static void th_blas_run_jobs(int sync, THBlasJob run, int njobs, size_t job_size, void *jobs,
                             int job_arg)
{
  char *base = jobs;
  int done = 0;
  (void)sync; /* OpenBLAS always waits for its jobs: every call here is synchronous */
  if (njobs <= 0)
    return;
  if (th_in_blas_job) {
    /* a job that calls threaded BLAS again (OpenBLAS's own jobs do not): the lock is held
     * by the outer call, so its inner jobs get their own threads */
    th_blas_run_on_pthreads(run, njobs, job_size, base, job_arg);
    return;
  }
  pthread_mutex_lock(&th_blas_jobs_lock);
#ifdef _OPENMP
  if (!THInForkedChild() && !omp_in_parallel() && njobs <= omp_get_max_threads()) {
#pragma omp parallel num_threads(njobs)
    {
      /* every member sees the same team size: all run their job, or none does */
      if (omp_get_num_threads() == njobs) {
        int t = omp_get_thread_num();
        th_blas_run_one(run, t, base + (size_t)t * job_size, job_arg);
        if (t == 0)
          done = 1;
      }
    }
  }
#endif
  if (done)
    __atomic_add_fetch(&th_blas_team_runs, 1, __ATOMIC_RELAXED);
  else
    th_blas_run_on_pthreads(run, njobs, job_size, base, job_arg);
  pthread_mutex_unlock(&th_blas_jobs_lock);
}

/* ---- serial sections ---- */

static pthread_mutex_t th_blas_serial_lock = PTHREAD_MUTEX_INITIALIZER;
static int th_blas_serial_sections = 0; /* open sections, all threads together */
static int th_blas_threads = 0;         /* BLAS's thread count outside the sections */

void THBlasSetNumThreads(int n)
{
  pthread_mutex_lock(&th_blas_serial_lock);
  th_blas_threads = n;
  if (th_blas_serial_sections == 0)
    TH_BLAS_NAME(openblas_set_num_threads)(n);
  pthread_mutex_unlock(&th_blas_serial_lock);
}

void THBlasSerialBegin(void)
{
  pthread_mutex_lock(&th_blas_serial_lock);
  if (th_blas_serial_sections++ == 0) {
    th_blas_threads = TH_BLAS_NAME(openblas_get_num_threads)();
    TH_BLAS_NAME(openblas_set_num_threads)(1);
  }
  pthread_mutex_unlock(&th_blas_serial_lock);
}

void THBlasSerialEnd(void)
{
  pthread_mutex_lock(&th_blas_serial_lock);
  if (th_blas_serial_sections > 0 && --th_blas_serial_sections == 0)
    TH_BLAS_NAME(openblas_set_num_threads)(th_blas_threads);
  pthread_mutex_unlock(&th_blas_serial_lock);
}

/* ---- fork ---- */

/* Readers: the BLAS calls under way; the writer: fork, which waits for them and keeps new
 * ones out (writers first, so that a thread calling BLAS in a loop cannot hold fork off). */
static pthread_rwlock_t th_blas_calls_lock;

void THBlasCallBegin(void)
{
  pthread_rwlock_rdlock(&th_blas_calls_lock);
}

void THBlasCallEnd(void)
{
  pthread_rwlock_unlock(&th_blas_calls_lock);
}

/* Fork waits for the BLAS calls under way: a child must not inherit a lock that OpenBLAS
 * holds during a call (its level-3 driver and its buffer allocator have some; the child's
 * next call would wait forever), and OpenBLAS's own prepare handler shuts its idle workers
 * down through the status slots that running jobs set busy and free again (which would
 * overwrite the request and leave fork waiting). Fork handlers run in reverse order of
 * registration, so this one, registered after OpenBLAS's, runs first. */
static void th_blas_before_fork(void)
{
  pthread_rwlock_wrlock(&th_blas_calls_lock);
  pthread_mutex_lock(&th_blas_jobs_lock);
  pthread_mutex_lock(&th_blas_serial_lock);
}

static void th_blas_after_fork_parent(void)
{
  pthread_mutex_unlock(&th_blas_serial_lock);
  pthread_mutex_unlock(&th_blas_jobs_lock);
  pthread_rwlock_unlock(&th_blas_calls_lock);
}

static void th_blas_init_calls_lock(void)
{
  pthread_rwlockattr_t attr;
  pthread_rwlockattr_init(&attr);
#ifdef __GLIBC__
  pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
#endif
  pthread_rwlock_init(&th_blas_calls_lock, &attr);
  pthread_rwlockattr_destroy(&attr);
}

/* The child has one thread: the locks start afresh (their state may still count the
 * parent's waiting threads). A serial section that another thread had open is gone with
 * that thread; BLAS keeps the count it had at the fork until the child sets one. */
static void th_blas_after_fork_child(void)
{
  th_blas_serial_sections = 0;
  pthread_mutex_init(&th_blas_serial_lock, NULL);
  pthread_mutex_init(&th_blas_jobs_lock, NULL);
  th_blas_init_calls_lock();
}

__attribute__((constructor)) static void th_blas_threads_init(void)
{
  th_blas_init_calls_lock();
  pthread_atfork(th_blas_before_fork, th_blas_after_fork_parent, th_blas_after_fork_child);
  if (TH_BLAS_NAME(openblas_set_threads_callback_function)) {
    TH_BLAS_NAME(openblas_set_threads_callback_function)(th_blas_run_jobs);
    th_blas_runner_installed = 1;
  }
}

void THBlasThreadStats(int *runner_installed, long *team_runs, long *thread_runs)
{
  *runner_installed = th_blas_runner_installed;
  *team_runs = __atomic_load_n(&th_blas_team_runs, __ATOMIC_RELAXED);
  *thread_runs = __atomic_load_n(&th_blas_thread_runs, __ATOMIC_RELAXED);
}
