# Compiler flags shared by the C libraries: C99, warnings, optimisation, OpenMP.
set(CMAKE_C_STANDARD 99)
set(CMAKE_C_STANDARD_REQUIRED ON)
set(CMAKE_C_EXTENSIONS ON)  # gnu99: __thread, _Pragma with OpenMP, POSIX declarations
set(CMAKE_C_VISIBILITY_PRESET hidden)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE Release)
endif()
set(TH_C_WARNINGS -Wall -Wextra -Werror=implicit-function-declaration)
if(TH_WERROR)
  list(APPEND TH_C_WARNINGS -Werror)
endif()
# TH never enables floating-point traps nor reads errno after math calls, so the compiler may
# assume neither: selects on float comparisons (clamps, thresholds, TH_expf) then vectorise.
# Values are unchanged (no reassociation, no fast-math).
set(TH_FP_FLAGS "-fno-trapping-math -fno-math-errno")
set(CMAKE_C_FLAGS_RELEASE "-O3 -DNDEBUG ${TH_FP_FLAGS}")
set(CMAKE_C_FLAGS_DEBUG "-O0 -g ${TH_FP_FLAGS}")

set(TH_OPENMP_TARGET "")
if(WITH_OPENMP)
  find_package(OpenMP COMPONENTS C)
  if(OpenMP_C_FOUND)
    set(TH_OPENMP_TARGET OpenMP::OpenMP_C)
  endif()
endif()

# Where installed libraries find each other and OpenBLAS's wheel (site-packages layout).
set(TH_INSTALL_RPATH "$ORIGIN;$ORIGIN/../../scipy_openblas32/lib")
