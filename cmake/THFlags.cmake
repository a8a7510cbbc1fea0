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
set(CMAKE_C_FLAGS_RELEASE "-O3 -DNDEBUG")
set(CMAKE_C_FLAGS_DEBUG "-O0 -g")

set(TH_OPENMP_TARGET "")
if(WITH_OPENMP)
  find_package(OpenMP COMPONENTS C)
  if(OpenMP_C_FOUND)
    set(TH_OPENMP_TARGET OpenMP::OpenMP_C)
  endif()
endif()

# Where installed libraries find each other and OpenBLAS's wheel (site-packages layout).
set(TH_INSTALL_RPATH "$ORIGIN;$ORIGIN/../../scipy_openblas32/lib")
