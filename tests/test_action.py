"""The GitHub Action (action.yml): its step run as a workflow runs it, on a repository of agents."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import yaml

from conftest import ROOT, agent_text

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def run_action(repo, with_: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    """Each step as the runner would: `${{ inputs.* }}` and `${{ github.action_path }}` filled in
    the step's env (the only place they appear), the script given to bash."""
    inputs = {k: with_.get(k, v.get("default", "")) for k, v in ACTION["inputs"].items()}
    out = None
    for step in ACTION["runs"]["steps"]:
        env = {}
        for key, value in step.get("env", {}).items():
            value = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], value)
            env[key] = value.replace("${{ github.action_path }}", str(ROOT))
        # the runner's Python: here, the test environment's, which has PyYAML
        path = os.pathsep.join([str(tmp_path / "bin"), os.environ["PATH"]])
        (tmp_path / "bin").mkdir(exist_ok=True)
        if not (tmp_path / "bin" / "python3").exists():
            (tmp_path / "bin" / "python3").symlink_to(sys.executable)
        out = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, capture_output=True, text=True, timeout=120,
                             env={"PATH": path, "HOME": str(tmp_path), "RUNNER_TEMP": str(tmp_path / "runner"), **env})
        if out.returncode:
            break
    return out


def test_inputs_never_reach_the_script_text():
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step["run"]
    assert ACTION["runs"]["using"] == "composite"


def test_the_action_annotates_problems_and_fails(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".claude" / "agents").mkdir(parents=True)
    (repo / ".claude" / "agents" / "a.md").write_text(agent_text("a", tools="Read, LS"))
    (repo / ".claude" / "agents" / "b.md").write_text(agent_text("b"))
    r = run_action(repo, {}, tmp_path)
    assert r.returncode == 1, r.stderr
    assert r.stdout.splitlines() == [
        "::error file=.claude/agents/a.md,line=4,col=14,title=AC231::`LS` is a retired tool: the client drops it without a word; use `Glob`"]
    assert "profile claude-code" in r.stderr


def test_the_action_passes_a_clean_folder_and_takes_its_inputs(tmp_path):
    repo = tmp_path / "repo"
    (repo / "agents2").mkdir(parents=True)
    (repo / "agents2" / "b.md").write_text(agent_text("b", tools="Read, Task"))
    r = run_action(repo, {"paths": "agents2"}, tmp_path)
    assert r.returncode == 0 and "::warning file=agents2/b.md,line=4,col=14,title=AC235::" in r.stdout
    r = run_action(repo, {"paths": "agents2", "warnings-as-errors": "true", "format": "text"}, tmp_path)
    assert r.returncode == 1 and r.stdout.startswith("agents2/b.md:4:14: AC235 warning:")
