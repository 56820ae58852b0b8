"""The benchmark script runs end to end and its synthetic catalogs are what they claim.

Smoke tests only: tiny sizes, no figure is compared with a target here (speed is for
`make bench`, never an assertion).
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "hooks"))

import synth  # noqa: E402
import worst  # noqa: E402
from agentcat import catalog  # noqa: E402


def test_synthetic_agents_are_lint_clean_and_realistic(tmp_path):
    agents = synth.make_agents(240)
    project = synth.write_project(tmp_path / "p", agents)
    loaded = catalog.load_catalog(project)
    assert loaded.problems == []  # every rule on, not one warning
    assert len(loaded.entries) == 240
    sizes = [len(a.text.encode()) for a in agents]
    assert 3000 <= min(sizes) and max(sizes) <= 6000
    assert len({a.category for a in agents}) == 8 == len(loaded.categories)
    assert synth.make_agents(240) == agents  # deterministic: the same size gives the same files


def _article(site: Path, page: str) -> list[str]:
    """The page's content as text lines (entities decoded, blank lines dropped)."""
    text = (site / page / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", text, re.S).group()
    return [ln for ln in html.unescape(article).splitlines() if ln.strip()]


def test_baseline_builds_the_same_pages_without_our_hooks(tmp_path):
    agents = synth.make_agents(12)
    ours = synth.write_project(tmp_path / "ours", agents)
    base = synth.write_baseline(tmp_path / "base", agents)
    config = yaml_load((base / "mkdocs.yml").read_text())
    assert "hooks" not in config and "watch" not in config
    assert [p for p in config["plugins"] if "macros" in (p if isinstance(p, str) else next(iter(p)))] == []
    assert config["theme"]["name"] == "material" and config["markdown_extensions"]  # same theme, same extensions
    assert not (base / "hooks").exists() and not (base / "agents").exists()
    for project in (ours, base):
        done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "out"], cwd=project,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
    pages = ["agents"] + [f"agents/{a.category}/{a.name}" for a in agents]
    for page in pages:
        assert _article(ours / "out", page) == _article(base / "out", page), page
    assert not (base / "out" / "agents.json").exists()  # the exports are the hook's work, not the baseline's


def test_handwritten_baseline_is_what_a_person_would_write(tmp_path):
    agents = synth.make_agents(12)
    base = synth.write_handwritten(tmp_path / "hand", agents)
    config = yaml_load((base / "mkdocs.yml").read_text())
    assert "hooks" not in config and "content.code.copy" in config["theme"]["features"]
    assert [p for p in config["plugins"] if "macros" in (p if isinstance(p, str) else next(iter(p)))] == []
    assert "search" in config["plugins"] and config["markdown_extensions"] == yaml_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]
    a = agents[0]
    page = (base / "docs" / "agents" / a.category / f"{a.name}.md").read_text()
    assert page.startswith(f"# {a.name}\n\n{a.description}\n")
    assert page.count("\n| ") == 1 + 1 + 3 - 1 and page.count('=== "') == 2 and page.count("```bash") == 2
    assert f"````markdown\n{a.text.rstrip()}\n````" in page
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "out"], cwd=base,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    html_page = (base / "out" / "agents" / a.category / a.name / "index.html").read_text()
    assert html_page.count('class="tabbed-set') == 1 and html_page.count('<div class="highlight">') == 3  # two bash blocks, the file
    assert html.unescape(re.sub(r"<[^>]+>", "", html_page)).count("```yaml") >= 1  # the file's own fence, as text


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "report.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--sizes", "20", "--runs", "1", "--check-files", "20",
         "--serve-size", "20", "--profile-size", "20", "--json", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(done.stdout)
    assert json.loads(out.read_text()) == data
    return data


def test_builds_are_measured_for_ours_and_the_baseline(report):
    [size] = report["sizes"]
    assert size["agents"] == 20
    for kind in ("ours", "baseline", "handwritten"):
        r = size[kind]
        assert len(r["runs_s"]) == 1 and r["median_s"] == r["runs_s"][0] > 0 and r["median_cpu_s"] > 0
        assert r["peak_rss_mb"] > 20  # a whole MkDocs process, not the bench's own RSS of zero
        assert r["site_mb"] > 0 and 0 < r["search_index_mb"] < r["site_mb"]
        assert r["html_pages"] >= 20 + 1 + 8  # agents, the catalog, its categories
        w = r["agent_page_weight"]
        assert w["page"].startswith("agents/") and w["requests"] >= 4 and 0 < w["gzip_kb"] < w["raw_kb"]
        assert w["files"][0]["path"] == "document" and w["search_gzip_kb"] > 0
    assert size["ratio"] == round(size["ours"]["median_s"] / size["baseline"]["median_s"], 2)
    assert size["hand_ratio"] == round(size["ours"]["median_s"] / size["handwritten"]["median_s"], 2)
    # the catalog filter loads only where it is used: not on an agent page
    assert not any("catalog-filter" in f["path"] for f in size["ours"]["agent_page_weight"]["files"])


def test_check_serve_and_profile_are_reported(report):
    check = report["check"]
    assert check["files"] == 20 and check["problems"] == 0 and check["files_per_s"] > 0 and check["cli_s"] > 0
    assert set(report["worst"]) == set(worst.CASES) and all(w["median_s"] > 0 for w in report["worst"].values())
    serve = report["serve"]
    assert serve["errors"] == [] and len(serve["edit_to_page_s"]) == 1 and serve["edit_to_page_s"][0] > 0
    assert len(serve["builds_logged_s"]) >= 2  # the first build and the rebuild after the edit
    profile = report["profile"]
    assert abs(sum(c["share"] for c in profile["components"].values()) - 1) < 0.02
    assert profile["components"]["agentcat hook and engine"]["seconds"] > 0
    assert "on_files" in profile["hook_phases_s"]


def test_targets_are_not_claimed_at_sizes_that_were_not_run(report):
    assert [t["target"] for t in report["targets"]] == ["hand_ratio_1000", "hand_ratio_3000", "ratio_3000", "scaling", "rss_3000",
                                                        "check_files_per_s", "search_3000", "edit_loop", "page_weight"]
    measured_anyway = {"page_weight"}  # an agent page weighs about the same at any size
    assert all(t["holds"] is None and t["value"] is None for t in report["targets"] if t["target"] not in measured_anyway)
    assert report["machine"]["cpus"] >= 1 and report["machine"]["mkdocs"]


def test_the_check_comparison_runs_against_a_revision_and_cleans_up():
    """benchmarks/check_ab.py: both engines check the same catalog in turns, the ratio is
    printed, and the temporary worktree of the earlier revision is gone afterwards."""
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "check_ab.py"), "--against", "HEAD", "--files", "16", "--rounds", "2"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert re.search(r"^earlier +[\d,]+ files/s", r.stdout, re.M) and re.search(r"^this +[\d,]+ files/s", r.stdout, re.M), r.stdout
    assert re.search(r"this / earlier: \d+\.\d\d x", r.stdout), r.stdout
    listed = subprocess.run(["git", "worktree", "list"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "agentcat-ab-" not in listed
    bad = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "check_ab.py"), "--against", "no-such-revision"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "cannot check out 'no-such-revision'" in bad.stderr and "Traceback" not in bad.stderr
