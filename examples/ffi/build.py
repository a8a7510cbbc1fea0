"""Builds the softsign C extension against the TH library installed with ptorch.

    python build.py        # writes _ext/softsign/ next to this file

create_extension() only describes the extension: nothing is compiled until .build().
"""
from ptorch.utils.ffi import create_extension

ffi = create_extension(
    "_ext.softsign",                 # importable as `from _ext import softsign`
    headers=["src/softsign.h"],      # the declarations cffi exposes to Python
    sources=["src/softsign.c"],      # compiled as C99 against ptorch's TH headers
    relative_to=__file__,            # paths above are relative to this script
    verbose=False,
)

if __name__ == "__main__":
    ffi.build()
    print("built _ext/softsign; now run: python main.py")
