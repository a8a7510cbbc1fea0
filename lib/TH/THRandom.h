/* THRandom: a Mersenne-Twister (MT19937) generator object with seeds and a state that can
 * be saved and restored. Not thread-safe: callers serialise use of one generator. */
#ifndef TH_RANDOM_INC
#define TH_RANDOM_INC

#include "THGeneral.h"

#define TH_MT_N 624

typedef struct THGenerator {
  uint32_t state[TH_MT_N];
  int index;               /* next word of state to use; TH_MT_N means "regenerate" */
  uint64_t seed;           /* the seed given to manualSeed (or picked by seed) */
  double normal_cached;    /* the second value of the last Box-Muller pair */
  int normal_has_cached;
} THGenerator;

TH_API THGenerator *THGenerator_new(void);        /* seeded with 5489, MT's default */
TH_API void THGenerator_free(THGenerator *gen);
TH_API void THGenerator_copy(THGenerator *dst, const THGenerator *src);

TH_API void THRandom_manualSeed(THGenerator *gen, uint64_t seed);
/* Seeds from the OS's entropy (falls back to time); returns the seed. */
TH_API uint64_t THRandom_seed(THGenerator *gen);
TH_API uint64_t THRandom_initialSeed(const THGenerator *gen);

TH_API uint32_t THRandom_random(THGenerator *gen);     /* uniform on [0, 2^32) */
TH_API uint64_t THRandom_random64(THGenerator *gen);   /* uniform on [0, 2^64) */
TH_API double THRandom_uniform(THGenerator *gen, double a, double b); /* [a, b) */
TH_API double THRandom_standardUniform(THGenerator *gen);             /* [0, 1), 53 bits */
TH_API double THRandom_normal(THGenerator *gen, double mean, double stdv);

/* The state as bytes, for get/set_rng_state. */
TH_API size_t THGenerator_stateSize(void);
TH_API void THGenerator_getState(const THGenerator *gen, unsigned char *buf);
/* Fails (ValueError) when the buffer is the wrong size or not a valid state. */
TH_API int THGenerator_setState(THGenerator *gen, const unsigned char *buf, size_t size);

#endif
