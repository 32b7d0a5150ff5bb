namespace HookGuard.Tests.Packaging;

/// <summary>
/// The Python side of the differential specs: answers PEP 440/508 questions with pip's vendored
/// <c>packaging</c> (21.3 and 24.1 alike), one process per batch of cases.
/// </summary>
internal static class ReferenceScript
{
    public const string Source = """"
"""Answers PEP 440/508 questions with pip's vendored `packaging`, for the differential specs.

Reads a JSON file of cases (argv[1]) and prints one JSON object of answers. Runs unchanged on
packaging 21.3 (pip 23.2) and 24.1 (pip 24.2).
"""
import json
import sys

from pip._vendor import packaging
from pip._vendor.packaging import markers as markers_module
from pip._vendor.packaging.markers import Marker
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from pip._vendor.packaging.version import InvalidVersion, Version


def error(exc):
    cause = exc.__cause__
    answer = {"ok": False, "error": type(exc).__name__}
    # packaging >= 22 raises InvalidRequirement/InvalidMarker from a ParserSyntaxError with a message and span.
    if cause is not None and hasattr(cause, "span"):
        answer["message"] = cause.message
        answer["span"] = cause.span[0]
    return answer


def version_answer(text):
    try:
        v = Version(text)
    except InvalidVersion:
        return {"ok": False}
    return {
        "ok": True,
        "str": str(v),
        "public": v.public,
        "base": v.base_version,
        "pre": v.is_prerelease,
        "post": v.is_postrelease,
        "dev": v.is_devrelease,
        "local": v.local,
        "epoch": str(v.epoch),
        "release": [str(x) for x in v.release],
    }


def compare_answer(pair):
    a, b = Version(pair[0]), Version(pair[1])
    return {"cmp": (a > b) - (a < b), "eq": a == b, "hash_eq": hash(a) == hash(b)}


def specifier_answer(case):
    spec, version = case
    try:
        s = SpecifierSet(spec)
    except InvalidSpecifier:
        return {"ok": False}
    # Only PEP 440 specifiers count; packaging 21.3 would fall back to LegacySpecifier.
    if any(not isinstance(x, Specifier) for x in s):
        return {"ok": False, "legacy_specifier": True}
    answer = {"ok": True, "str": str(s)}
    try:
        answer["contains"] = s.contains(version, prereleases=True)
    except InvalidVersion:
        answer["contains_error"] = "InvalidVersion"
    return answer


def eval_op_pr816(lhs, op, rhs):
    # pypa/packaging#816: fall back to Python's operators when the left side is not a version.
    try:
        spec = Specifier("".join([op.serialize(), rhs]))
    except InvalidSpecifier:
        pass
    else:
        try:
            return spec.contains(lhs, prereleases=True)
        except InvalidVersion:
            pass
    oper = markers_module._operators.get(op.serialize())
    if oper is None:
        raise markers_module.UndefinedComparison(f"Undefined {op!r} on {lhs!r} and {rhs!r}.")
    return oper(lhs, rhs)


def evaluate(marker, environment):
    try:
        return {"value": marker.evaluate(environment)}
    except InvalidVersion:
        original = markers_module._eval_op
        markers_module._eval_op = eval_op_pr816
        try:
            return {"value": marker.evaluate(environment), "patched": True}
        except Exception as exc:  # noqa: BLE001 - any failure is an answer
            return {"eval_error": type(exc).__name__, "patched": True}
        finally:
            markers_module._eval_op = original
    except Exception as exc:  # noqa: BLE001
        return {"eval_error": type(exc).__name__}


def marker_answer(case):
    try:
        m = Marker(case["marker"])
    except Exception as exc:  # noqa: BLE001
        return error(exc)
    answer = {"ok": True, "str": str(m)}
    environment = dict(case["env"])
    environment["extra"] = case["extra"] if case["extra"] is not None else ""
    answer.update(evaluate(m, environment))
    return answer


def requirement_answer(text):
    try:
        r = Requirement(text)
    except Exception as exc:  # noqa: BLE001
        return error(exc)
    return {
        "ok": True,
        "name": r.name,
        "url": r.url,
        "extras": sorted(r.extras),
        "specifier": str(r.specifier),
        "marker": None if r.marker is None else str(r.marker),
    }


def characters_answer():
    import re
    import unicodedata

    bmp = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    return {
        "space": [c for c in bmp if re.match(r"\s", chr(c))],
        "word": [c for c in bmp if re.match(r"\w", chr(c))],
        "unassigned": [c for c in bmp if unicodedata.category(chr(c)) == "Cn"],
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    answers = {
        "packaging": packaging.__version__,
        "versions": [version_answer(v) for v in cases.get("versions", [])],
        "version_pairs": [compare_answer(p) for p in cases.get("version_pairs", [])],
        "specifiers": [specifier_answer(c) for c in cases.get("specifiers", [])],
        "markers": [marker_answer(c) for c in cases.get("markers", [])],
        "requirements": [requirement_answer(r) for r in cases.get("requirements", [])],
    }
    if cases.get("characters"):
        answers["characters"] = characters_answer()
    sys.stdout.write(json.dumps(answers))


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")  # invalid escapes in marker strings only warn
    main()
"""";
}
