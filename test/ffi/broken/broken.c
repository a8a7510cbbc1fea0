/* Does not compile on purpose: the compiler's message must reach the Python exception. */
#include <TH/TH.h>

#include "broken.h"

int broken_fn(THFloatTensor *t)
{
  return THFloatTensor_nElement(t) + ffi_undeclared_identifier;
}
