"""The edit loop: `mkdocs serve --dirty` rebuilds what an edit changes, and only that.

Dirty builds in process, as `make serve` runs them (MkDocs' build with dirty=True into the
same folder), on a small catalog: after each edit, the pages that show the edited agent are
built again and every other generated page is left alone (its file untouched). At the
end, the dirty folder holds exactly what a clean build of the same sources writes.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import agent_text, make_project


def _dirty_build(project: Path, site: Path) -> None:
    cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    cfg.plugins.on_startup(command="serve", dirty=True)
    build(cfg, dirty=True)


def _clean_build(project: Path, site: Path) -> None:
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))


def _stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _rebuilt(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {k for k in after if before.get(k) != after[k]}


HAND_WRITTEN = {"index.html", "install/index.html", "contributing/index.html", "format/index.html",
                "checks/index.html", "security/index.html", "performance/index.html", "404.html"}


def test_an_edit_rebuilds_only_the_pages_that_show_it(tmp_path, monkeypatch):
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {
        "checks/alpha.md": agent_text("alpha"), "checks/beta.md": agent_text("beta"),
        "other/gamma.md": agent_text("gamma")})
    monkeypatch.chdir(project)
    site = tmp_path / "site"
    _dirty_build(project, site)
    assert (project / ".cache" / "agentcat").is_dir() and not list((project / "docs").glob("agents"))
    s0 = _stamps(site)

    # the body of one agent: its page, and the lists that show its token footprint and the
    # SHA-256 the install set checks (its category, the catalog); hand-written pages always
    alpha = project / "agents" / "checks" / "alpha.md"
    alpha.write_text(alpha.read_text().rstrip("\n") + "\n\nA sentence added in the edit loop.\n")
    _dirty_build(project, site)
    s1 = _stamps(site)
    assert _rebuilt(s0, s1) - HAND_WRITTEN == {"agents/checks/alpha/index.html", "agents/checks/index.html",
                                               "agents/index.html"}
    assert "other/index.html" not in str(_rebuilt(s0, s1))  # the other category is left alone
    assert "A sentence added in the edit loop." in (site / "agents/checks/alpha/index.html").read_text()
    assert (site / "raw/alpha.md").read_bytes() == alpha.read_bytes()

    # a description: the agent's page, its category's table and the catalog's table
    beta = project / "agents" / "checks" / "beta.md"
    beta.write_text(beta.read_text().replace("Checks things.", "Checks other things."))
    _dirty_build(project, site)
    s2 = _stamps(site)
    assert _rebuilt(s1, s2) - HAND_WRITTEN == {"agents/checks/beta/index.html", "agents/checks/index.html",
                                               "agents/index.html"}
    assert "Checks other things." in (site / "agents/checks/index.html").read_text()
    assert "Checks other things." in (site / "agents/index.html").read_text()

    # a new agent: its page, its category and the catalog
    (project / "agents" / "other" / "delta.md").write_text(agent_text("delta"))
    _dirty_build(project, site)
    s3 = _stamps(site)
    assert _rebuilt(s2, s3) - HAND_WRITTEN == {"agents/other/delta/index.html", "agents/other/index.html",
                                               "agents/index.html"}

    # a removed agent: its cached page goes, the tables drop it
    (project / "agents" / "checks" / "alpha.md").unlink()
    _dirty_build(project, site)
    assert "alpha" not in (site / "agents/index.html").read_text().split("<article", 1)[1]
    cached = {p.name for p in (project / ".cache").rglob("*.md")}
    assert "alpha.md" not in cached and "delta.md" in cached

    # nothing to do: no generated page is built again
    s4 = _stamps(site)
    _dirty_build(project, site)
    assert _rebuilt(s4, _stamps(site)) - HAND_WRITTEN == set()

    # the dirty folder is what a clean build writes (but the stale files of the removed agent)
    clean = tmp_path / "clean"
    _clean_build(project, clean)
    stale = {"agents/checks/alpha/index.html", "raw/alpha.md"}
    differ = []
    for p in clean.rglob("*"):
        if p.is_file():
            rel = p.relative_to(clean).as_posix()
            if (site / rel).read_bytes() != p.read_bytes():
                differ.append(rel)
    assert differ == [], (differ, site, clean)
    left = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - \
           {p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file()}
    assert {x for x in left if not x.startswith("exports/")} == stale


def test_a_clean_build_renders_every_page_even_with_a_warm_cache(tmp_path, monkeypatch):
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"checks/alpha.md": agent_text("alpha")})
    monkeypatch.chdir(project)
    _clean_build(project, tmp_path / "one")
    _clean_build(project, tmp_path / "two")  # the cache is warm: the pages must still be whole
    for site in ("one", "two"):
        page = (tmp_path / site / "agents/checks/alpha/index.html").read_text()
        assert 'data-agentcat-slot' not in page and "Step number 3 of the work." in page
    assert os.listdir(tmp_path / "one") == os.listdir(tmp_path / "two")
