"""Reference for PythonImportReader: the same rules over CPython's own ast.

Usage: reference_imports.py FILE...   (or a single '-' then file names on stdin, one a line)
Prints, per file it can parse: "F<TAB>path", then one "line<TAB>level<TAB>module<TAB>need" per import in source order.
A file this Python cannot parse (or read) prints "S<TAB>path" and is counted as skipped.
Runs on Python 3.8+ with no third-party modules.
"""
import ast
import re
import sys

CATCHERS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
REQUIRED, OPTIONAL, TYPING = 0, 1, 2
NEED_NAMES = ["Required", "Optional", "TypingOnly"]
PY_VERSION_NAME = re.compile(r"PY\d+\Z")


def names_in(node):
    """Every Name id and Attribute attr in an expression."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            yield sub.id
        elif isinstance(sub, ast.Attribute):
            yield sub.attr


def catches_import(handler):
    return handler.type is None or any(n in CATCHERS for n in names_in(handler.type))


def tests_platform(test):
    for sub in ast.walk(test):
        if isinstance(sub, ast.Name) and PY_VERSION_NAME.match(sub.id):
            return True
        if isinstance(sub, ast.Attribute):
            if PY_VERSION_NAME.match(sub.attr):
                return True
            if isinstance(sub.value, ast.Name):
                base = sub.value.id
                if base == "sys" and sub.attr in ("version_info", "platform"):
                    return True
                if base == "platform":
                    return True
                if base == "os" and sub.attr == "name":
                    return True
    return False


def is_type_checking(test):
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and isinstance(test.value, ast.Name) and test.attr == "TYPE_CHECKING"


# Context managers that swallow or expect an exception: contextlib.suppress, pytest.raises, unittest's assertRaises.
EXPECTERS = {"suppress", "raises", "assertRaises", "assertRaisesRegex"}


def suppresses_import(items):
    for item in items:
        call = item.context_expr
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        named = (isinstance(func, ast.Name) and func.id in EXPECTERS) or (
            isinstance(func, ast.Attribute) and func.attr in EXPECTERS)
        if named and any(n in CATCHERS for arg in call.args for n in names_in(arg)):
            return True
    return False


def is_identifier_path(name):
    return all(part.isidentifier() for part in name.split("."))


class Reader:
    def __init__(self, source_lines):
        self.lines = source_lines
        self.found = []

    def calls(self, node, need):
        """importlib.import_module / import_module / __import__ with a plain str literal first argument."""
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Call) or not sub.args:
                continue
            func = sub.func
            if isinstance(func, ast.Name) and func.id in ("__import__", "import_module"):
                pass
            elif (isinstance(func, ast.Attribute) and func.attr == "import_module"
                  and isinstance(func.value, ast.Name) and func.value.id == "importlib"):
                pass
            else:
                continue
            arg = sub.args[0]
            if not (isinstance(arg, ast.Constant) and type(arg.value) is str):
                continue
            name = arg.value
            level = len(name) - len(name.lstrip("."))
            module = name[level:]
            if (module and is_identifier_path(module)) or (not module and level > 0):
                self.found.append((sub.lineno, level, module, need))

    def expressions(self, node, need):
        """Calls in a statement's own expressions, not in the bodies of nested statements."""
        for field, value in ast.iter_fields(node):
            if field in ("body", "orelse", "finalbody", "handlers", "cases"):
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, ast.AST):
                    self.calls(item, need)

    def is_elif(self, outer, inner):
        """ast cannot tell 'elif' from 'else: if'; the source line can."""
        line = self.lines[inner.lineno - 1] if inner.lineno - 1 < len(self.lines) else ""
        return line[inner.col_offset:].lstrip().startswith("elif") or (
            line.lstrip().startswith("elif") and inner.col_offset > outer.col_offset)

    def body(self, statements, need):
        for statement in statements:
            self.statement(statement, need)

    def if_chain(self, node, need, platform):
        self.expressions(node, need)
        platform = platform or tests_platform(node.test)
        own = TYPING if is_type_checking(node.test) else OPTIONAL if platform else REQUIRED
        self.body(node.body, max(need, own))
        orelse = node.orelse
        if len(orelse) == 1 and isinstance(orelse[0], ast.If) and self.is_elif(node, orelse[0]):
            self.if_chain(orelse[0], need, platform)
        else:
            self.body(orelse, max(need, OPTIONAL if platform else REQUIRED))

    def statement(self, node, need):
        if isinstance(node, ast.Import):
            for alias in node.names:
                self.found.append((node.lineno, 0, alias.name, need))
            return
        if isinstance(node, ast.ImportFrom):
            self.found.append((node.lineno, node.level or 0, node.module or "", need))
            return
        if isinstance(node, ast.If):
            self.if_chain(node, need, False)
            return
        self.expressions(node, need)
        try_star = getattr(ast, "TryStar", ())
        if isinstance(node, ast.Try) or (try_star and isinstance(node, try_star)):
            optional = any(catches_import(h) for h in node.handlers)
            self.body(node.body, max(need, OPTIONAL if optional else REQUIRED))
            for handler in node.handlers:
                if handler.type is not None:
                    self.calls(handler.type, need)
                # A handler of ImportError holds the fallback: it runs only when the guarded import failed.
                self.body(handler.body, max(need, OPTIONAL if catches_import(handler) else REQUIRED))
            # The else of such a try runs only when the guarded (optional) import succeeded.
            self.body(node.orelse, max(need, OPTIONAL if optional else REQUIRED))
            self.body(node.finalbody, need)
            return
        if isinstance(node, (ast.With, ast.AsyncWith)):
            self.body(node.body, max(need, OPTIONAL if suppresses_import(node.items) else REQUIRED))
            return
        match = getattr(ast, "Match", None)
        if match is not None and isinstance(node, match):
            for case in node.cases:
                self.calls(case.pattern, need)
                if case.guard is not None:
                    self.calls(case.guard, need)
                self.body(case.body, need)
            return
        for field in ("body", "orelse", "finalbody"):
            self.body(getattr(node, field, None) or [], need)


def main(paths):
    out = sys.stdout
    for path in paths:
        try:
            with open(path, "rb") as f:
                data = f.read()
            tree = ast.parse(data, path)
            text = data.decode("utf-8", "replace")
        except (SyntaxError, ValueError, OSError, UnicodeError, RecursionError, MemoryError):
            out.write("S\t%s\n" % path)
            continue
        lines = text.splitlines()
        reader = Reader(lines)
        reader.body(tree.body, REQUIRED)
        out.write("F\t%s\n" % path)
        for line, level, module, need in reader.found:
            out.write("%d\t%d\t%s\t%s\n" % (line, level, module, NEED_NAMES[need]))


if __name__ == "__main__":
    args = sys.argv[1:]
    if args == ["-"]:
        args = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    main(args)
