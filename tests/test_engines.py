"""Both engines: the site builds, strict and identical, with MkDocs 1.6.1 and with ProperDocs.

ProperDocs (the maintained fork of MkDocs 1.x) lives in its own virtual environment,
.venv-properdocs, pinned by requirements-properdocs-lock.txt (`make test` creates it; CI
requires it). The two sites differ in one line of each page, the generator <meta> tag,
which names the engine; everything else is byte for byte the same.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
_GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-[^"]*, mkdocs-material-[^"]*">')


def _needs_properdocs() -> None:
    if not PROPERDOCS.exists():
        if os.environ.get("CI") or os.environ.get("AGENTCAT_REQUIRE_PROPERDOCS"):
            pytest.fail(f"{PROPERDOCS} is missing: run `make test` (it creates .venv-properdocs)")
        pytest.skip(f"{PROPERDOCS} is missing: `make test` creates it")


def _build(command: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(command), "build", "--strict", "--site-dir", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path):
    _needs_properdocs()
    mk = _build(BIN / "mkdocs", tmp_path / "mkdocs")
    pd = _build(PROPERDOCS, tmp_path / "properdocs")
    assert "Documentation built" in mk.stderr and "Documentation built" in pd.stderr
    a, b = _tree(tmp_path / "mkdocs"), _tree(tmp_path / "properdocs")
    assert a.keys() == b.keys() and len(a) > 100
    generator = {name for name in a if a[name] != b[name]}
    assert all(name.endswith(".html") for name in generator)
    differ = [name for name in a if _GENERATOR.sub(b"", a[name]) != _GENERATOR.sub(b"", b[name])]
    assert differ == []
    assert b'content="mkdocs-ProperDocs 1.6.' in b["index.html"] and b'content="mkdocs-1.6.1,' in a["index.html"]


def test_properdocs_is_pinned_like_the_rest():
    pins = [ln for ln in (ROOT / "requirements-properdocs-lock.txt").read_text().splitlines()
            if ln.strip() and not ln.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.]*", ln) for ln in pins), pins
    assert "properdocs==1.6.7" in pins and not any(ln.lower().startswith("mkdocs==") for ln in pins)
    # the main lock is hash-locked: `name==version \` lines followed by their hashes
    main = {ln.split("==")[0].lower(): ln.split()[0] for ln in (ROOT / "requirements-lock.txt").read_text().splitlines()
            if "==" in ln and not ln.lstrip().startswith(("#", "--"))}
    for ln in pins:  # the packages both environments share are at the same versions
        name = ln.split("==")[0].lower()
        if name in main:
            assert main[name].lower() == ln.lower()


def test_the_hook_and_the_macros_import_no_engine_by_name():
    for name in ("catalog.py", "macros.py"):
        tree = ast.parse((ROOT / "hooks" / name).read_text())
        imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)] + \
                   [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in imported if m and m.split(".")[0] in ("mkdocs", "properdocs", "material")], (name, imported)
