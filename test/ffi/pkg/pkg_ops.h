/* The package-style test extension. The guards below are what a C header usually carries;
 * create_extension must hand cffi only the declaration. */
#ifndef PKG_OPS_H
#define PKG_OPS_H

#include <TH/TH.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Adds value to every element of t (contiguous), in place. */
int pkg_add_scalar(THFloatTensor *t, float value);

#ifdef __cplusplus
}
#endif

#endif
