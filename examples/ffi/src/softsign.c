/* softsign and its derivative on TH tensors of any layout: the element-wise code is written
 * once (SOFTSIGN_DEFINE) and stamped out for Float and Double. */
#include <math.h>

#include <TH/TH.h>

#include "softsign.h"

#define SOFTSIGN_DEFINE(Real, real, suffix)                                                 \
  int softsign_forward_##suffix(TH##Real##Tensor *output, TH##Real##Tensor *input)          \
  {                                                                                         \
    TH##Real##Tensor *in = TH##Real##Tensor_newContiguous(input);                           \
    real *x, *y;                                                                            \
    ptrdiff_t i, n;                                                                         \
    int rc = -1;                                                                            \
    if (in == NULL || TH##Real##Tensor_resizeAs(output, input) != 0)                        \
      goto done;                                                                            \
    n = TH##Real##Tensor_nElement(in);                                                      \
    x = TH##Real##Tensor_data(in);                                                          \
    y = TH##Real##Tensor_data(output);                                                      \
    for (i = 0; i < n; i++)                                                                 \
      y[i] = x[i] / (1 + (real)fabs((double)x[i]));                                         \
    rc = 0;                                                                                 \
  done:                                                                                     \
    if (in != NULL)                                                                         \
      TH##Real##Tensor_free(in);                                                            \
    return rc;                                                                              \
  }                                                                                         \
                                                                                            \
  int softsign_backward_##suffix(TH##Real##Tensor *grad_input, TH##Real##Tensor *input,     \
                                 TH##Real##Tensor *grad_output)                             \
  {                                                                                         \
    TH##Real##Tensor *in = NULL, *go = NULL;                                                \
    real *x, *g, *gi, d;                                                                    \
    ptrdiff_t i, n;                                                                         \
    int rc = -1;                                                                            \
    char s1[64], s2[64];                                                                    \
    if (!TH##Real##Tensor_isSameSizeAs(input, grad_output))                                 \
      return THError_value("softsign_backward: input %s and grad_output %s differ in size", \
                           TH##Real##Tensor_describeSize(input, s1, sizeof(s1)),            \
                           TH##Real##Tensor_describeSize(grad_output, s2, sizeof(s2)));     \
    in = TH##Real##Tensor_newContiguous(input);                                             \
    go = TH##Real##Tensor_newContiguous(grad_output);                                       \
    if (in == NULL || go == NULL || TH##Real##Tensor_resizeAs(grad_input, input) != 0)      \
      goto done;                                                                            \
    n = TH##Real##Tensor_nElement(in);                                                      \
    x = TH##Real##Tensor_data(in);                                                          \
    g = TH##Real##Tensor_data(go);                                                          \
    gi = TH##Real##Tensor_data(grad_input);                                                 \
    for (i = 0; i < n; i++) {                                                               \
      d = 1 + (real)fabs((double)x[i]);                                                     \
      gi[i] = g[i] / (d * d); /* d/dx x/(1+|x|) = 1/(1+|x|)^2 */                           \
    }                                                                                       \
    rc = 0;                                                                                 \
  done:                                                                                     \
    if (in != NULL)                                                                         \
      TH##Real##Tensor_free(in);                                                            \
    if (go != NULL)                                                                         \
      TH##Real##Tensor_free(go);                                                            \
    return rc;                                                                              \
  }

SOFTSIGN_DEFINE(Float, float, float)
SOFTSIGN_DEFINE(Double, double, double)
