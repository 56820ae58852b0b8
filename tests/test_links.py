"""No symbolic link in what gets published: the repository has none, the build refuses one
anywhere under docs/, overrides/ or agents/, and a catalog data file that is a link is refused
before it is opened (its target is never read, nor echoed)."""

from __future__ import annotations

import os

from agentcat import catalog

from conftest import ROOT, agent_text, make_project, mkdocs_build


def test_the_repository_publishes_no_link():
    found = []
    for folder in catalog.PUBLISHED:
        for dirpath, dirnames, filenames in os.walk(ROOT / folder):
            found += [os.path.join(dirpath, n) for n in dirnames + filenames if os.path.islink(os.path.join(dirpath, n))]
    assert found == []
    assert catalog.published_links(ROOT) == []


def test_published_links_finds_links_to_files_and_folders(tmp_path):
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("root:x:0:0\n")
    (tmp_path / "docs" / "assets" / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "overrides").symlink_to(tmp_path / "docs")
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "etc").symlink_to("/etc")
    assert catalog.published_links(tmp_path) == ["agents/etc", "docs/assets/passwd.txt", "overrides"]


def test_the_build_fails_on_a_link_under_docs(tmp_path):
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"checks/fine.md": agent_text("fine")})
    outside = tmp_path / "build-machine-secret.txt"
    outside.write_text("TOKEN=do-not-publish\n")
    (project / "docs" / "leak.txt").symlink_to(outside)
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "symbolic links in what the site publishes" in result.stderr and "docs/leak.txt" in result.stderr
    assert "do-not-publish" not in result.stderr
    assert not (tmp_path / "out" / "leak.txt").exists()


def test_the_build_fails_on_a_link_under_overrides(tmp_path):
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"checks/fine.md": agent_text("fine")})
    (project / "overrides" / "env.html").symlink_to("/proc/self/environ")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "overrides/env.html" in result.stderr


def test_data_files_that_are_links_are_refused_unread(tmp_path):
    target = tmp_path / "elsewhere.yml"
    target.write_text("- slug: secret-key-of-the-machine\n  title: T\n  description: D.\n")
    notes_target = tmp_path / "notes-target.yml"
    notes_target.write_text("aws_secret_access_key: [x]\n")
    agents = tmp_path / "p" / "agents"
    (agents / "checks").mkdir(parents=True)
    (agents / "checks" / "fine.md").write_text(agent_text("fine"))
    (agents / "categories.yml").symlink_to(target)
    (agents / "notes.yml").symlink_to(notes_target)
    found = catalog.load_catalog(tmp_path / "p")
    text = "\n".join(map(str, found.problems))
    assert "agents/categories.yml:1:1: AC501 the category list is a symbolic link; commit the file itself" in text
    assert "agents/notes.yml:1:1: AC501 the notes is a symbolic link; commit the file itself" in text
    assert "secret" not in text and "elsewhere" not in text and "notes-target" not in text
    os.chmod(target, 0)  # opening it now would fail with another message: it is never opened
    os.chmod(notes_target, 0)
    assert "\n".join(map(str, catalog.load_catalog(tmp_path / "p").problems)) == text
