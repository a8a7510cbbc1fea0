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


_CPLUSPLUS_IF = re.compile(r"^\s*#\s*(ifdef\s+__cplusplus|if\s+defined\s*\(?\s*__cplusplus)\b")
_IF = re.compile(r"^\s*#\s*if")
_ELSE = re.compile(r"^\s*#\s*(else|elif)\b")
_ENDIF = re.compile(r"^\s*#\s*endif\b")


def _c_lines(text):
    """The lines of a header with `#ifdef __cplusplus` parts (extern "C" { ... }) blanked;
    other conditionals are kept whole (cffi sees both branches)."""
    lines = _join_continuations(text).split("\n")
    stack = []  # per open #if: True when it is a __cplusplus test
    out = []
    for line in lines:
        skipping = any(stack)
        if _CPLUSPLUS_IF.match(line):
            stack.append(True)
        elif _IF.match(line):
            stack.append(False)
        elif _ELSE.match(line) and stack:
            stack[-1] = False  # the C branch of an #ifdef __cplusplus
        elif _ENDIF.match(line) and stack:
            stack.pop()
        out.append("" if skipping or any(stack) else line)
    return out


def cdef_text_from_header(text):
    """The header without its preprocessor lines (include guards, #include, #pragma, the
    extern "C" of C++), which cffi's cdef rejects; `#define NAME <integer>` stays (cffi
    exposes it as a constant). Blank lines keep cffi's line numbers right."""
    return "\n".join("" if line.lstrip().startswith("#") and not _INT_DEFINE.match(line)
                     else line for line in _c_lines(text))


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
        code = "\n".join("" if line.lstrip().startswith("#") else line
                         for line in _c_lines(_COMMENTS.sub(" ", text)))
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
