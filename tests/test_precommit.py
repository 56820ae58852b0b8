"""The pre-commit hook other repositories use: its manifest, and its entry run the way
pre-commit runs it (the files it selects, passed as arguments)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, agent_text

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent


def hook() -> dict:
    [only] = HOOKS
    return only


def test_manifest_declares_the_hook():
    h = hook()
    assert h["id"] == "agentcat-check"
    assert h["entry"] == "agentcat check"
    assert h["language"] == "python"
    assert h["name"] and h["description"]
    # the command exists once the package is installed, as pre-commit installs it
    assert "agentcat = \"agentcat.cli:main\"" in (ROOT / "pyproject.toml").read_text()


def test_files_pattern_selects_agent_folders_only():
    files = re.compile(hook()["files"])  # pre-commit matches with re.search
    for path in (".claude/agents/reviewer.md", ".claude/agents/team/reviewer.md", "agents/core/x.md",
                 "sub/project/.claude/agents/x.md"):
        assert files.search(path), path
    for path in ("docs/index.md", "README.md", "myagents/x.md", ".claude/agents/notes.txt",
                 ".claude/settings.json", "agents/categories.yml"):
        assert not files.search(path), path


def test_entry_run_as_pre_commit_runs_it(tmp_path):
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "good.md").write_text(agent_text("good"))
    (agents / "bad.md").write_text(agent_text("bad", tools="Read, Task"))
    (agents / "hidden.md").write_text(agent_text("hidden", description="Checks. Use when\u200b needed."))
    (tmp_path / "README.md").write_text("# not an agent\n")
    files = re.compile(hook()["files"])
    selected = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
                      if files.search(p.relative_to(tmp_path).as_posix()))
    assert selected == [".claude/agents/bad.md", ".claude/agents/good.md", ".claude/agents/hidden.md"]
    command, *args = hook()["entry"].split()

    def run(*names: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / command), *args, *hook().get("args", []), *names], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)

    r = run(*selected)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert ".claude/agents/hidden.md:3:31: AC103 invisible character U+200B ZERO WIDTH SPACE" in r.stdout.splitlines()
    assert ".claude/agents/bad.md:4:14: AC235 warning:" in r.stdout
    assert run(".claude/agents/good.md", ".claude/agents/bad.md").returncode == 0  # a warning alone passes
