"""`agentcat check` as a user runs it: located lines, exit codes, JSON, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, agent_text

AGENTCAT = [str(Path(sys.executable).parent / "agentcat")]


def run(*args, cwd=ROOT):
    return subprocess.run(AGENTCAT + list(args), cwd=cwd, capture_output=True, text=True, timeout=120)


def test_catalog_is_clean_with_warnings_as_errors():
    r = run("check", "--warnings-as-errors")
    assert r.returncode == 0, r.stdout
    assert r.stdout == ""
    assert "0 errors, 0 warnings" in r.stderr


def test_any_folder_with_located_problems(tmp_path):
    (tmp_path / "a.md").write_text(agent_text("a", tools="Read, pytest, editFiles"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(agent_text("A"))
    r = run("check", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert "a.md:4:14: AC230 `pytest` is a program, not a tool; allow `Bash` to run it" in lines
    assert "a.md:4:22: AC230 `editFiles` is a VS Code Copilot tool name, not a Claude Code tool; use `Edit`" in lines
    assert any(line.startswith("sub/b.md:2:7: AC207") for line in lines)
    assert "Traceback" not in r.stderr


def test_warnings_exit_zero_unless_asked(tmp_path):
    (tmp_path / "a.md").write_text(agent_text("a", tools="Read, Task"))
    assert run("check", "a.md", cwd=tmp_path).returncode == 0
    assert run("check", "--warnings-as-errors", "a.md", cwd=tmp_path).returncode == 1


def test_json_format(tmp_path):
    (tmp_path / "a.md").write_text(agent_text("a", tools="Read, Task"))
    r = run("check", "--format", "json", "a.md", cwd=tmp_path)
    data = json.loads(r.stdout)
    assert data["errors"] == 0 and data["warnings"] == 1
    assert data["problems"][0] == {"path": "a.md", "line": 4, "col": 14, "rule": "AC235", "severity": "warning",
                                   "message": "`Task` is an old name that the client still resolves to `Agent`; write `Agent`"}


def test_new_scaffold_fails_until_filled(tmp_path):
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "categories.yml").write_text("- slug: checks\n  title: Checks\n  description: C.\n")
    r = run("new", "my-agent", "--category", "checks", "--root", str(tmp_path))
    assert r.returncode == 0, r.stderr
    path = tmp_path / "agents" / "checks" / "my-agent.md"
    r = run("check", str(path), cwd=tmp_path)
    assert r.returncode == 1
    assert "AC404" in r.stdout
    assert run("new", "my-agent", "--category", "checks", "--root", str(tmp_path)).returncode == 2
    assert run("new", "x", "--category", "nope", "--root", str(tmp_path)).returncode == 2
