#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorRandom.h"
#else
/* Random fills on a THGenerator (THRandom.h). Elements are drawn one at a time in row-major
 * order on the calling thread, so that a seed fixes every value. Parameters are checked
 * before the first draw (ValueError naming the value). All return 0 or -1. */

/* Integers uniform on [0, max] where max is the type's largest value (2^24 for Float, 2^53
 * for Double, whose integers are exact up to there). */
TH_API int THTensor_(random)(THTensor *self, THGenerator *gen);
/* Integers uniform on [min, max); both ends within the type's range. */
TH_API int THTensor_(clampedRandom)(THTensor *self, THGenerator *gen, long min, long max);
/* Integers uniform on [0, max). */
TH_API int THTensor_(cappedRandom)(THTensor *self, THGenerator *gen, long max);
/* The number of trials up to the first success, success probability p in (0, 1]. */
TH_API int THTensor_(geometric)(THTensor *self, THGenerator *gen, double p);
/* 1 with probability p in [0, 1], else 0. */
TH_API int THTensor_(bernoulli)(THTensor *self, THGenerator *gen, double p);
/* One draw per element with the probabilities in p (broadcast to self's shape). */
TH_API int THTensor_(bernoulli_FloatTensor)(THTensor *self, THGenerator *gen, THFloatTensor *p);
TH_API int THTensor_(bernoulli_DoubleTensor)(THTensor *self, THGenerator *gen,
                                             THDoubleTensor *p);
/* self := a random permutation of 0 .. n-1 (resized to [n]). */
TH_API int THTensor_(randperm)(THTensor *self, THGenerator *gen, long n);

#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
/* Uniform on [a, b) (a <= b). */
TH_API int THTensor_(uniform)(THTensor *self, THGenerator *gen, double a, double b);
TH_API int THTensor_(normal)(THTensor *self, THGenerator *gen, double mean, double stdv);
/* self (resized to the shape of the tensor argument) := normal draws with per-element means
 * and/or standard deviations; means and stddevs need the same number of elements. */
TH_API int THTensor_(normal_means)(THTensor *self, THGenerator *gen, THTensor *means,
                                   double stdv);
TH_API int THTensor_(normal_stddevs)(THTensor *self, THGenerator *gen, double mean,
                                     THTensor *stddevs);
TH_API int THTensor_(normal_means_stddevs)(THTensor *self, THGenerator *gen, THTensor *means,
                                           THTensor *stddevs);
TH_API int THTensor_(exponential)(THTensor *self, THGenerator *gen, double lambda);
TH_API int THTensor_(cauchy)(THTensor *self, THGenerator *gen, double median, double sigma);
TH_API int THTensor_(logNormal)(THTensor *self, THGenerator *gen, double mean, double stdv);
/* n_sample category indices per row of prob_dist (1-d: one distribution, 2-d: one per row),
 * into self ([n_sample] or [rows x n_sample]). Weights must be non-negative and finite with
 * a positive sum; without replacement n_sample may not exceed the positive weights. */
TH_API int THTensor_(multinomial)(THLongTensor *self, THGenerator *gen, THTensor *prob_dist,
                                  int n_sample, int with_replacement);
#endif

#endif
