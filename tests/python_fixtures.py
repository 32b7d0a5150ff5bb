#!/usr/bin/env python3
"""Small fixtures for the script tests (tests/action/run_action.py, tests/pwsh-smoke.sh): wheels built here, so venvs
are filled by the real pip, offline.

  python3 tests/python_fixtures.py wheel DIR NAME VERSION    writes DIR/NAME-VERSION-py3-none-any.whl
"""
import base64
import hashlib
import os
import sys
import zipfile


def build_wheel(directory, name, version):
    """A minimal pure-Python wheel (PEP 427): one module and its dist-info, RECORD with hashes."""
    tag = f"{name}-{version}"
    files = {
        f"{name}.py": f"VERSION = {version!r}\n",
        f"{tag}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{tag}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: python_fixtures.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    record.append(f"{tag}.dist-info/RECORD,,")
    files[f"{tag}.dist-info/RECORD"] = "\n".join(record) + "\n"
    path = os.path.join(directory, f"{tag}-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as wheel:
        for name_in_zip, text in files.items():
            wheel.writestr(name_in_zip, text)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] != "wheel":
        sys.exit(__doc__)
    print(build_wheel(*sys.argv[2:]))
