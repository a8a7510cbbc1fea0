"""Reading a user's header: the declarations cffi's cdef can take, and the argument names of
each function (for error messages)."""
import re

_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_INT_DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)\s+(-?(?:0[xX][0-9a-fA-F]+|\d+)[uUlL]*)"
                         r"\s*$")

# Types cffi knows without a declaration; pycparser needs them declared.
_PYCPARSER_TYPEDEFS = "".join(
    f"typedef int {t};\n" for t in (
        "size_t", "ssize_t", "ptrdiff_t", "intptr_t", "uintptr_t", "int8_t", "int16_t",
        "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "bool", "FILE"))


def _join_continuations(text):
    return re.sub(r"\\\n", " ", text)


def cdef_text_from_header(text):
    """The header without its preprocessor lines (include guards, #include, #pragma), which
    cffi's cdef rejects; `#define NAME <integer>` stays (cffi exposes it as a constant)."""
    lines = []
    for line in _join_continuations(text).split("\n"):
        if line.lstrip().startswith("#") and not _INT_DEFINE.match(line):
            lines.append("")  # keep line numbers for cffi's messages
        else:
            lines.append(line)
    return "\n".join(lines)


def arg_names_from_headers(typedefs, texts):
    """{function: [argument name or None, ...]} for the functions the headers declare; {}
    for a header pycparser cannot read (names are a nicety for messages)."""
    try:
        import pycparser
        from pycparser import c_ast
    except ImportError:
        return {}
    names = {}
    for text in texts:
        code = _COMMENTS.sub(" ", _join_continuations(text))
        code = "\n".join("" if line.lstrip().startswith("#") else line
                         for line in code.split("\n"))
        try:
            ast = pycparser.CParser().parse(_PYCPARSER_TYPEDEFS + typedefs + code)
        except Exception:  # noqa: BLE001 - any parse failure: no names for this header
            continue
        for node in ast.ext:
            if isinstance(node, c_ast.Decl) and isinstance(node.type, c_ast.FuncDecl):
                params = node.type.args.params if node.type.args is not None else []
                args = [getattr(p, "name", None) for p in params
                        if not isinstance(p, c_ast.EllipsisParam)]
                if len(args) == 1 and isinstance(params[0], c_ast.Typename) and \
                        getattr(params[0].type, "type", None) is not None and \
                        getattr(params[0].type.type, "names", None) == ["void"]:
                    args = []  # f(void)
                names[node.name] = args
    return names
