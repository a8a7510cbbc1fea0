#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorCompare.h"
#else
/* Elementwise comparisons for every type: lt le gt ge eq ne, each against a scalar (Value)
 * or a tensor (Tensor, broadcast), into a ByteTensor of 0/1 or, with the T suffix, into a
 * tensor of the operands' type (r may then be the first operand: in place). r is resized
 * like the results of THTensorPointwise.h. All return 0, or -1 with the error record set. */

#define TH_CMP_DECLARE(NAME)                                                           \
  TH_API int THTensor_(NAME##Value)(THByteTensor *r, THTensor *t, real value);         \
  TH_API int THTensor_(NAME##ValueT)(THTensor *r, THTensor *t, real value);            \
  TH_API int THTensor_(NAME##Tensor)(THByteTensor *r, THTensor *a, THTensor *b);       \
  TH_API int THTensor_(NAME##TensorT)(THTensor *r, THTensor *a, THTensor *b);

TH_CMP_DECLARE(lt)
TH_CMP_DECLARE(le)
TH_CMP_DECLARE(gt)
TH_CMP_DECLARE(ge)
TH_CMP_DECLARE(eq)
TH_CMP_DECLARE(ne)

#undef TH_CMP_DECLARE

/* 1 when a and b have the same size and equal elements (a NaN equals nothing), else 0. */
TH_API int THTensor_(equal)(THTensor *a, THTensor *b);

#endif
