/* THRandom: MT19937 (Matsumoto & Nishimura, 1998) and the distributions built on it. */
#include "THRandom.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define TH_MT_M 397
#define TH_MT_MATRIX_A 0x9908b0dfu
#define TH_MT_UPPER 0x80000000u
#define TH_MT_LOWER 0x7fffffffu
#define TH_STATE_MAGIC 0x5054524eu /* "PTRN" */

THGenerator *THGenerator_new(void)
{
  THGenerator *gen = THAlloc(sizeof(THGenerator));
  if (!gen)
    return NULL;
  THRandom_manualSeed(gen, 5489);
  return gen;
}

void THGenerator_free(THGenerator *gen) { THFree(gen); }

void THGenerator_copy(THGenerator *dst, const THGenerator *src) { *dst = *src; }

void THRandom_manualSeed(THGenerator *gen, uint64_t seed)
{
  int i;
  /* Fold 64 bits into the 32-bit initialisation, so that seeds differing only in their
   * high word still give different streams. */
  gen->state[0] = (uint32_t)(seed ^ (seed >> 32));
  for (i = 1; i < TH_MT_N; i++)
    gen->state[i] = 1812433253u * (gen->state[i - 1] ^ (gen->state[i - 1] >> 30)) + (uint32_t)i;
  gen->index = TH_MT_N;
  gen->seed = seed;
  gen->normal_has_cached = 0;
  gen->normal_cached = 0.0;
}

uint64_t THRandom_seed(THGenerator *gen)
{
  uint64_t seed = 0;
  FILE *f = fopen("/dev/urandom", "rb");
  if (!f || fread(&seed, sizeof(seed), 1, f) != 1)
    seed = (uint64_t)time(NULL) ^ ((uint64_t)clock() << 32);
  if (f)
    fclose(f);
  THRandom_manualSeed(gen, seed);
  return seed;
}

uint64_t THRandom_initialSeed(const THGenerator *gen) { return gen->seed; }

static void th_mt_regenerate(THGenerator *gen)
{
  int k;
  uint32_t y;
  for (k = 0; k < TH_MT_N; k++) {
    y = (gen->state[k] & TH_MT_UPPER) | (gen->state[(k + 1) % TH_MT_N] & TH_MT_LOWER);
    gen->state[k] = gen->state[(k + TH_MT_M) % TH_MT_N] ^ (y >> 1) ^ ((y & 1u) ? TH_MT_MATRIX_A : 0u);
  }
  gen->index = 0;
}

uint32_t THRandom_random(THGenerator *gen)
{
  uint32_t y;
  if (gen->index >= TH_MT_N)
    th_mt_regenerate(gen);
  y = gen->state[gen->index++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

uint64_t THRandom_random64(THGenerator *gen)
{
  uint64_t hi = THRandom_random(gen);
  return (hi << 32) | THRandom_random(gen);
}

double THRandom_standardUniform(THGenerator *gen)
{
  uint32_t a = THRandom_random(gen) >> 5, b = THRandom_random(gen) >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

double THRandom_uniform(THGenerator *gen, double a, double b)
{
  return a + (b - a) * THRandom_standardUniform(gen);
}

double THRandom_normal(THGenerator *gen, double mean, double stdv)
{
  double u1, u2, r, theta;
  if (gen->normal_has_cached) {
    gen->normal_has_cached = 0;
    return mean + stdv * gen->normal_cached;
  }
  do {
    u1 = THRandom_standardUniform(gen);
  } while (u1 <= 0.0);
  u2 = THRandom_standardUniform(gen);
  r = sqrt(-2.0 * log(u1));
  theta = 6.283185307179586 * u2; /* 2 pi */
  gen->normal_cached = r * sin(theta);
  gen->normal_has_cached = 1;
  return mean + stdv * r * cos(theta);
}

/* Layout: magic, the THGenerator struct as it is. */
size_t THGenerator_stateSize(void) { return sizeof(uint32_t) + sizeof(THGenerator); }

void THGenerator_getState(const THGenerator *gen, unsigned char *buf)
{
  uint32_t magic = TH_STATE_MAGIC;
  memcpy(buf, &magic, sizeof(magic));
  memcpy(buf + sizeof(magic), gen, sizeof(THGenerator));
}

int THGenerator_setState(THGenerator *gen, const unsigned char *buf, size_t size)
{
  uint32_t magic;
  THGenerator tmp;
  TH_CHECK(size == THGenerator_stateSize(), TH_ERR_VALUE,
           "invalid RNG state: expected %zu bytes, got %zu", THGenerator_stateSize(), size);
  memcpy(&magic, buf, sizeof(magic));
  TH_CHECK(magic == TH_STATE_MAGIC, TH_ERR_VALUE,
           "invalid RNG state: not a state returned by get_rng_state()");
  memcpy(&tmp, buf + sizeof(magic), sizeof(THGenerator));
  TH_CHECK(tmp.index >= 0 && tmp.index <= TH_MT_N, TH_ERR_VALUE,
           "invalid RNG state: position %d out of range", tmp.index);
  *gen = tmp;
  return 0;
}
