"""Category and note texts are data: one line of plain text, and page metadata written by a
YAML emitter, never spliced into a YAML header (issue 12: a title with line breaks set
`template:` and other keys, and Material wrote them into pages unescaped)."""

from __future__ import annotations

import yaml
import pytest

from agentcat import catalog, render

from conftest import agent_text, make_project, mkdocs_build

HOSTILE = {
    "escaped line break": 'title: "Checks\\ntemplate: evil.html"',
    "escaped CR": 'title: "Checks\\rtemplate: evil.html"',
    "line separator": 'title: "Checks\\u2028template: evil.html"',
    "escape sequence": 'title: "Checks\\e[2J"',
    "folded over two lines": "title: Checks\n    template evil",
    "block scalar": "title: |\n    Checks\n    template: evil.html",
    "tab": 'title: "Checks\\tnow"',
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_title_that_is_not_one_line_of_plain_text_is_refused_where_it_is(tmp_path, case):
    f = tmp_path / "categories.yml"
    f.write_text(f"- slug: checks\n  {HOSTILE[case]}\n  description: Agents that check.\n")
    cats, problems = catalog.load_categories(f, "agents/categories.yml")
    assert cats == []
    # refused at the value: as a line break, or as the hidden character the escape wrote
    assert [(p.rule, p.line, p.col) for p in problems] == [("AC501", 2, 10)], problems


def test_a_description_with_a_line_break_is_refused_too(tmp_path):
    f = tmp_path / "categories.yml"
    f.write_text('- slug: checks\n  title: Checks\n  description: "Agents.\\n!!! warning \\"Install\\""\n')
    cats, problems = catalog.load_categories(f, "agents/categories.yml")
    assert cats == [] and [str(p) for p in problems] == [
        "agents/categories.yml:3:16: AC501 `description` must be one line of plain text; it holds a line break"]


@pytest.mark.parametrize("text", ['"!!! danger Install now"', '"=== Tab"', '"- item"', '"1. item"', '"??? note"', '"--- "'])
def test_a_text_that_would_start_a_markdown_block_is_refused(tmp_path, text):
    f = tmp_path / "categories.yml"
    f.write_text(f"- slug: checks\n  title: Checks\n  description: {text}\n")
    cats, problems = catalog.load_categories(f, "agents/categories.yml")
    assert cats == [] and [(p.rule, p.line) for p in problems] == [("AC501", 3)]
    assert "must start with a letter" in problems[0].message


def test_notes_are_one_line_of_plain_text(tmp_path):
    f = tmp_path / "notes.yml"
    f.write_text('fine:\n  - "Rewrote the workflow.\\n\\n!!! danger"\n')
    notes, problems = catalog.load_notes(f, "agents/notes.yml", {"fine"})
    assert notes == {} and [p.rule for p in problems] == ["AC501"] and problems[0].line == 2


def test_page_metadata_is_emitted_as_data():
    title = "Checks: template: main.html \"x\" 'y' -- refresh: 0"
    header = render.front_matter(title=title, render_macros=False)
    assert header.startswith("---\n") and header.endswith("\n---")
    assert yaml.safe_load(header.strip("-\n")) == {"title": title, "render_macros": False}
    with pytest.raises(ValueError, match="one line of plain text"):
        render.front_matter(title="Checks\ntemplate: evil.html")


def test_a_category_that_bypassed_the_linter_still_cannot_set_page_metadata(tmp_path):
    project = make_project(tmp_path, {"checks/fine.md": agent_text("fine")})
    cat = catalog.load_catalog(project)
    evil = catalog.Category("checks", "Checks\ntemplate: evil.html", "Agents.")
    site = render.Site("http://127.0.0.1:8000/")
    with pytest.raises(ValueError):
        render.category_page(evil, cat, site)
    odd = catalog.Category("checks", "Checks: template: evil.html", "Agents.")
    page = render.category_page(odd, cat, site)
    meta = yaml.safe_load(page.markdown.split("---\n")[1])
    assert meta == {"title": "Checks: template: evil.html", "render_macros": False, "hide": ["toc"]}


def test_the_build_refuses_a_title_with_a_line_break(tmp_path):
    cats = ('- slug: checks\n  title: "Checks\\ntemplate: main.html\\nextra_head: x"\n'
            '  description: Agents that check.\n')
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", {"checks/fine.md": agent_text("fine")}, cats)
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "agents/categories.yml:2:10: AC501 `title` must be one line of plain text; it holds a line break" in result.stderr
