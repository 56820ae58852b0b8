"""Shared fixtures: the real site built once per session, and throwaway catalogs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AGENT_FILES = sorted((ROOT / "agents").glob("*/*.md"))
BIN = Path(sys.executable).parent


def mkdocs_build(project: Path, site_dir: Path, *, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict`, as the Makefile and the Pages workflow run it."""
    e = {**os.environ, **(env or {})}
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, capture_output=True, text=True, env=e, timeout=600)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real catalog, built with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


def make_project(dest: Path, agents: dict[str, str | bytes], categories: str | None = None) -> Path:
    """A copy of the site's sources around a catalog of our own: {"cat/name.md": content}."""
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "package.json"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    cats = sorted({k.split("/")[0] for k in agents})
    (dest / "agents").mkdir()
    (dest / "agents" / "categories.yml").write_text(categories or "".join(
        f"- slug: {c}\n  title: {c.replace('-', ' ').capitalize()}\n  description: Agents of {c}.\n" for c in cats))
    for rel, content in agents.items():
        p = dest / "agents" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode())
    # the home page shows one category's table: point it at one that exists here
    home = dest / "docs" / "index.md"
    home.write_text(home.read_text().replace('category_table("core-development")', f'category_table("{cats[0]}")'))
    return dest


def agent_text(name: str, description: str = "Checks things. Use when a change needs checking.",
               tools: str = "Read, Grep, Glob", body: str | None = None, extra: str = "") -> str:
    body = body if body is not None else "\n".join(
        ["You are a careful checker.", "", "## Workflow", ""] + [f"{i}. Step number {i} of the work." for i in range(1, 30)])
    return f"---\nname: {name}\ndescription: \"{description}\"\ntools: {tools}\n{extra}---\n\n{body}\n"
