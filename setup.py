"""Builds ptorch: CMake builds lib/TH (and lib/THNN) into ptorch/lib, then Cython builds
ptorch._C against them. Environment switches: NO_CUDA=1, DEBUG=1, MAX_JOBS=N,
WERROR=1 (C warnings are errors), CMAKE_ARGS (extra CMake arguments)."""
import os
import shlex
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "tools"))


def env_flag(name):
    return os.environ.get(name, "").upper() in ("1", "ON", "YES", "TRUE", "Y")


class CMakeBuildExt(build_ext):
    """Runs CMake for the C libraries before compiling the Cython extension."""

    def run(self):
        import gen_binding

        gen_binding.main()
        target = (os.path.join(HERE, "ptorch") if self.inplace
                  else os.path.join(os.path.abspath(self.build_lib), "ptorch"))
        self.build_c_libraries(target)
        for ext in self.extensions:
            ext.include_dirs.append(os.path.join(target, "lib", "include"))
            ext.library_dirs.append(os.path.join(target, "lib"))
        super().run()

    def build_c_libraries(self, target):
        import scipy_openblas32

        cmake = shutil.which("cmake")
        if cmake is None:
            raise RuntimeError("cmake was not found; it is a build requirement (pip installs it)")
        build_dir = os.path.join(os.path.abspath(self.build_temp), "cmake")
        debug = env_flag("DEBUG")
        args = [
            cmake, "-S", HERE, "-B", build_dir,
            f"-DCMAKE_BUILD_TYPE={'Debug' if debug else 'Release'}",
            f"-DCMAKE_INSTALL_PREFIX={target}",
            f"-DOpenBLAS_DIR={os.path.join(scipy_openblas32.get_lib_dir(), 'cmake', 'openblas')}",
            f"-DNO_CUDA={'ON' if env_flag('NO_CUDA') else 'OFF'}",
            f"-DTH_WERROR={'ON' if env_flag('WERROR') else 'OFF'}",
        ]
        args += shlex.split(os.environ.get("CMAKE_ARGS", ""))
        jobs = os.environ.get("MAX_JOBS") or str(os.cpu_count() or 1)
        subprocess.check_call(args)
        subprocess.check_call([cmake, "--build", build_dir, "-j", jobs])
        subprocess.check_call([cmake, "--install", build_dir])


def extensions():
    import numpy
    from Cython.Build import cythonize

    import gen_binding

    gen_binding.main()  # cythonize needs the generated .pxi now
    debug = env_flag("DEBUG")
    ext = Extension(
        "ptorch._C",
        ["ptorch/_C.pyx"],
        include_dirs=[numpy.get_include()],
        libraries=["TH", "THNN"],
        runtime_library_dirs=["$ORIGIN/lib"],
        define_macros=[("NPY_NO_DEPRECATED_API", "NPY_1_7_API_VERSION")],
        extra_compile_args=["-O0", "-g"] if debug else ["-O2"],
    )
    return cythonize([ext], compiler_directives={"language_level": 3},
                     nthreads=0, quiet=True)


setup(
    ext_modules=extensions(),
    cmdclass={"build_ext": CMakeBuildExt},
    package_data={"ptorch": ["lib/*.so", "lib/include/*/*.h", "lib/include/*/generic/*",
                             "binding/*.pxi.in", "*.pxd"]},
)
