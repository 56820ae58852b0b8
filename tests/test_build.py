"""Builds of throwaway catalogs: broken agents fail the build located; builds are repeatable."""

from __future__ import annotations

import filecmp
import os

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import agent_text, make_project, mkdocs_build


def test_broken_agents_fail_the_build_with_every_problem_located(tmp_path):
    project = make_project(tmp_path, {
        "checks/good.md": agent_text("good"),
        "checks/colon.md": agent_text("colon", description="Triggers on: anything", extra="") .replace('"Triggers on: anything"', "Triggers on: anything"),
        "checks/retired.md": agent_text("retired", tools="Read, Task"),
        "other/wrong-name.md": agent_text("not-the-stem"),
    })
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    err = result.stderr
    assert "agents/checks/colon.md:3:14: AC020 unquoted `: ` inside a plain value" in err
    assert "agents/other/wrong-name.md:2:7: AC203" in err
    assert "agents/checks/retired.md:4:14: AC235 warning: `Task` is an old name" in err
    assert "2 errors, 2 warnings" in err  # the colon file now parses as the client reads it: AC402 too
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "index.html").exists()  # no half-built site


def test_a_warning_alone_fails_the_strict_build(tmp_path):
    project = make_project(tmp_path, {"checks/retired.md": agent_text("retired", tools="Read, Task")})
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "AC235" in result.stderr and "Traceback" not in result.stderr


def test_undeclared_folder_and_empty_category_are_errors(tmp_path):
    project = make_project(tmp_path, {"checks/a.md": agent_text("a"), "stray/b.md": agent_text("b")},
                           categories="- slug: checks\n  title: Checks\n  description: C.\n"
                                      "- slug: empty\n  title: Empty\n  description: E.\n")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "agents/stray:1:1: AC502" in result.stderr
    assert "agents/categories.yml:4:1: AC503" in result.stderr


def test_two_builds_in_one_process_give_identical_output(tmp_path, monkeypatch):
    project = make_project(tmp_path, {"checks/alpha.md": agent_text("alpha"), "other/beta.md": agent_text("beta")})
    monkeypatch.chdir(project)
    outputs = []
    for run in ("one", "two"):
        cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / run), strict=True)
        build(cfg)
        outputs.append(tmp_path / run)
    cmp = filecmp.dircmp(*outputs)
    def diffs(c):
        return c.diff_files + c.left_only + c.right_only + [d for sub in c.subdirs.values() for d in diffs(sub)]
    assert diffs(cmp) == []
    # sitemap.xml.gz carries a timestamp but same content; the pages and data match exactly
    assert (outputs[0] / "agents.json").read_bytes() == (outputs[1] / "agents.json").read_bytes()
    assert sorted(os.listdir(outputs[0] / "raw")) == ["alpha.md", "beta.md"]
