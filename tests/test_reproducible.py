"""Reproducible to the byte: two builds of one commit under different clocks give the same site.

The second build runs under another clock: `faketime` (Debian's package) moves the clock
the build process sees by 400 days when it is installed; in any case it runs in another
time zone, after every source file got a new modification time. SOURCE_DATE_EPOCH is not
set by the caller: the hook takes it from the last commit.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from conftest import BIN, agent_text, make_project

COMMIT_DATE = "2026-01-02T03:04:05+00:00"
COMMIT_EPOCH = 1767323045  # the same instant


def _git(project: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=project,
                   env=env, check=True, capture_output=True, timeout=60)


def _build(project: Path, out: Path, env: dict, prefix: list[str] = ()) -> None:
    e = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env
    done = subprocess.run([*prefix, str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(out)],
                          cwd=project, capture_output=True, text=True, env=e, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("repro"), {
        "checks/alpha.md": agent_text("alpha"), "checks/gamma.md": agent_text("gamma", tools="Read, Edit"),
        "other/beta.md": agent_text("beta")})
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "catalog")
    return project


def test_two_builds_under_different_clocks_are_identical(project, tmp_path):
    _build(project, tmp_path / "one", {"TZ": "UTC"})
    later = time.time() + 3 * 86400
    for p in project.rglob("*"):
        if ".git" not in p.parts:
            os.utime(p, (later, later))
    shutil.rmtree(project / ".cache", ignore_errors=True)  # and from a cold cache
    faketime = shutil.which("faketime")
    if faketime is None and os.environ.get("CI"):  # CI installs it (.github/workflows/ci.yml)
        pytest.fail("faketime is missing: apt-get install faketime")
    _build(project, tmp_path / "two", {"TZ": "Pacific/Kiritimati"}, [faketime, "-f", "+400d"] if faketime else [])
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert len(one) > 50


def test_everything_dated_carries_the_last_commits_time(project, tmp_path):
    _build(project, tmp_path / "site", {"TZ": "America/Los_Angeles"})
    site = tmp_path / "site"
    sitemap = (site / "sitemap.xml").read_text()
    assert sitemap.count("<lastmod>2026-01-02</lastmod>") == sitemap.count("<lastmod>") > 0
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") == 1767312000  # the day, 00:00 UTC
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == sitemap
    for z in (site / "downloads").glob("*.zip"):
        with zipfile.ZipFile(io.BytesIO(z.read_bytes())) as zf:
            assert {i.date_time for i in zf.infolist()} == {(2026, 1, 2, 3, 4, 4)}  # even seconds: the format's


def test_a_callers_source_date_epoch_wins(project, tmp_path):
    _build(project, tmp_path / "site", {"SOURCE_DATE_EPOCH": str(COMMIT_EPOCH + 86400 * 31)})
    assert "<lastmod>2026-02-02</lastmod>" in (tmp_path / "site" / "sitemap.xml").read_text()
