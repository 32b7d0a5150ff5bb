#!/usr/bin/env python3
"""A venv for timing the import lookup (VenvModules): bench/fixtures.py's distributions, with top_level.txt removed
from every other one so that half are read through RECORD.

    python3 bench/modules_venv.py OUT_DIR [COUNT]     (default 500; needs python3 with venv and ensurepip)
    dotnet run -c Release --project bench/HookGuard.Benchmarks -- modules OUT_DIR/venv 30
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fixtures  # noqa: E402

out = Path(sys.argv[1]).resolve()
count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
out.mkdir(parents=True, exist_ok=True)
template = fixtures.make_template(sys.executable, out / "template")
venv = out / "venv"
fixtures.make_venv(template, venv, fixtures.distributions(count), seed=1)
for i, top_level in enumerate(sorted(fixtures.site_packages(venv).glob("*.dist-info/top_level.txt"))):
    if i % 2 == 0 and "pip-" not in str(top_level):
        top_level.unlink()
print(venv)
