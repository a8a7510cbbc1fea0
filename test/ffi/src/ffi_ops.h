/* Functions of the test extension built by test/test_ffi.py (read by cffi: plain
 * declarations; TH<Type>Tensor and TH<Type>Storage are known to it). */
#ifndef FFI_OPS_H
#define FFI_OPS_H

#define FFI_OPS_VERSION 3

/* out = [start, start + step, ...] (n values): resizes out. */
int ffi_arange(THFloatTensor *out, long n, float start, float step);
/* out = a + alpha * b (same sizes, any layouts): resizes out. */
int ffi_add(THDoubleTensor *out, THDoubleTensor *a, THDoubleTensor *b, double alpha);
/* The sum of the elements of t (any layout). */
long ffi_long_sum(THLongTensor *t);
/* The number of nonzero bytes of mask; -1 with a ValueError when mask is NULL. */
long ffi_count_nonzero(THByteTensor *mask);
/* out = copy of src scaled by factor: resizes out, uses THFloatTensor_copy. */
int ffi_scale(THFloatTensor *out, THFloatTensor *src, double factor);
/* out (2 x ndim): the sizes of t in row 0, its strides in row 1. */
int ffi_geometry(THLongTensor *out, THFloatTensor *t);
/* The sum of a storage's elements. */
double ffi_storage_sum(THDoubleStorage *s);
/* Records an error of the given kind (1 runtime, 2 type, 3 value, 4 index) and returns -1. */
int ffi_fail(int kind, int value);
/* Asks TH to resize t to rows x 3; a negative rows makes TH itself record the error. */
int ffi_resize_rows(THFloatTensor *t, long rows);
/* Records an error but returns 0: the record alone must make the call raise. */
int ffi_fail_quietly(void);
/* FFI_OPS_OFFSET, a macro the build may define (create_extension passes define_macros on). */
long ffi_offset(void);
/* __STDC_VERSION__ as the extension was compiled (create_extension asks for C99). */
long ffi_c_standard(void);

#endif
