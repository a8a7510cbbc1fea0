/* The test extension: reads and writes ptorch tensors through the TH C API. */
#include <TH/TH.h>

#include "ffi_ops.h"

#ifndef FFI_OPS_OFFSET
#define FFI_OPS_OFFSET 0
#endif

int ffi_arange(THFloatTensor *out, long n, float start, float step)
{
  float *data;
  long i;
  if (THFloatTensor_resize1d(out, n) != 0)
    return -1;
  data = THFloatTensor_data(out);
  for (i = 0; i < n; i++)
    data[i] = start + (float)i * step;
  return 0;
}

int ffi_add(THDoubleTensor *out, THDoubleTensor *a, THDoubleTensor *b, double alpha)
{
  THDoubleTensor *ca = NULL, *cb = NULL;
  double *po, *pa, *pb;
  ptrdiff_t i, n;
  int rc = -1;
  char sa[64], sb[64];
  if (!THDoubleTensor_isSameSizeAs(a, b))
    return THError_value("ffi_add: sizes differ: %s and %s",
                         THDoubleTensor_describeSize(a, sa, sizeof(sa)),
                         THDoubleTensor_describeSize(b, sb, sizeof(sb)));
  ca = THDoubleTensor_newContiguous(a);
  cb = THDoubleTensor_newContiguous(b);
  if (ca == NULL || cb == NULL || THDoubleTensor_resizeAs(out, a) != 0)
    goto done;
  n = THDoubleTensor_nElement(ca);
  po = THDoubleTensor_data(out);
  pa = THDoubleTensor_data(ca);
  pb = THDoubleTensor_data(cb);
  for (i = 0; i < n; i++)
    po[i] = pa[i] + alpha * pb[i];
  rc = 0;
done:
  if (ca != NULL)
    THDoubleTensor_free(ca);
  if (cb != NULL)
    THDoubleTensor_free(cb);
  return rc;
}

long ffi_long_sum(THLongTensor *t)
{
  THLongTensor *c = THLongTensor_newContiguous(t);
  long sum = 0, *p;
  ptrdiff_t i, n;
  if (c == NULL)
    return 0;
  n = THLongTensor_nElement(c);
  p = THLongTensor_data(c);
  for (i = 0; i < n; i++)
    sum += p[i];
  THLongTensor_free(c);
  return sum;
}

long ffi_count_nonzero(THByteTensor *mask)
{
  THByteTensor *c;
  unsigned char *p;
  ptrdiff_t i, n;
  long count = 0;
  if (mask == NULL)
    return THError_value("ffi_count_nonzero: mask is NULL");
  c = THByteTensor_newContiguous(mask);
  if (c == NULL)
    return -1;
  n = THByteTensor_nElement(c);
  p = THByteTensor_data(c);
  for (i = 0; i < n; i++)
    count += p[i] != 0;
  THByteTensor_free(c);
  return count;
}

int ffi_scale(THFloatTensor *out, THFloatTensor *src, double factor)
{
  float *p;
  ptrdiff_t i, n;
  if (THFloatTensor_resizeAs(out, src) != 0 || THFloatTensor_copy(out, src) != 0)
    return -1;
  n = THFloatTensor_nElement(out);
  p = THFloatTensor_data(out);
  for (i = 0; i < n; i++)
    p[i] = (float)(p[i] * factor);
  return 0;
}

int ffi_geometry(THLongTensor *out, THFloatTensor *t)
{
  int d, nd = THFloatTensor_nDimension(t);
  long *p;
  if (THLongTensor_resize2d(out, 2, nd) != 0)
    return -1;
  p = THLongTensor_data(out);
  for (d = 0; d < nd; d++) {
    p[d] = THFloatTensor_size(t, d);
    p[nd + d] = THFloatTensor_stride(t, d);
  }
  return 0;
}

double ffi_storage_sum(THDoubleStorage *s)
{
  double sum = 0, *p = THDoubleStorage_data(s);
  ptrdiff_t i, n = THDoubleStorage_size(s);
  for (i = 0; i < n; i++)
    sum += p[i];
  return sum;
}

int ffi_fail(int kind, int value)
{
  switch (kind) {
  case 2:
    return THError_type("ffi_fail: type error %d", value);
  case 3:
    return THError_value("ffi_fail: bad value %d", value);
  case 4:
    return THError_index("ffi_fail: index %d out of range", value);
  default:
    return THError_runtime("ffi_fail: runtime error %d", value);
  }
}

int ffi_resize_rows(THFloatTensor *t, long rows)
{
  return THFloatTensor_resize2d(t, rows, 3);
}

int ffi_fail_quietly(void)
{
  THError_runtime("ffi_fail_quietly: recorded but not returned");
  return 0;
}

long ffi_offset(void)
{
  return FFI_OPS_OFFSET;
}

long ffi_c_standard(void)
{
  return __STDC_VERSION__;
}
