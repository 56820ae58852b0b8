"""The engine stays plain Python: usable by the CLI and pre-commit hooks without MkDocs."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_engine_imports_nothing_from_mkdocs():
    code = ("import sys; import agentcat.cli, agentcat.catalog, agentcat.render, agentcat.export, agentcat.pagecache, agentcat.dates; "
            "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.') or m.startswith('material')); "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "hooks", capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
