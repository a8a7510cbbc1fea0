/* The package-style test extension: adds a number to every element, in place. */
#include <TH/TH.h>

#include "pkg_ops.h"

int pkg_add_scalar(THFloatTensor *t, float value)
{
  float *p;
  ptrdiff_t i, n;
  if (!THFloatTensor_isContiguous(t))
    return THError_value("pkg_add_scalar: the tensor must be contiguous");
  n = THFloatTensor_nElement(t);
  p = THFloatTensor_data(t);
  for (i = 0; i < n; i++)
    p[i] += value;
  return 0;
}
