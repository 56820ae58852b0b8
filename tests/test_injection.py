"""Injection-proof rendering: agent content never becomes markup, even when it got past the
linter. The renderer is tested directly with hostile values, then a real site is built from
agents that pass the linter but carry markup-looking text, and its HTML is parsed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from agentcat import load, render, rules
from agentcat.catalog import Catalog, Category, Entry
from agentcat.problems import Problem

from conftest import make_project, mkdocs_build

SITE = render.Site(site_url="https://example.org/cat/", repo_url="https://github.com/o/r")
CATEGORY = Category("checks", "Checks", "Agents that check.")

HOSTILE_DESCRIPTION = ("<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) "
                       "{{ config }} --8<-- \"/etc/passwd\" a | b | c `tick` ```fence```\nsecond line\n| x | y |")
HOSTILE_BODY = "\n".join([
    "You are a checker.",
    "```",
    "<script>alert('body')</script>",
    "```",
    "{{ config.site_name }} {% raw %} {# comment #}",
    '--8<-- "/etc/passwd"',
    "[click](javascript:alert(4)) <a href=\"javascript:alert(5)\">a</a>",
    "{: onclick=\"alert(6)\" }",
    '<div markdown="1">**bold**</div> <!-- comment --> <iframe src="https://evil.example"></iframe>',
    "| a | b |", "|---|---|", "| <b>x</b> | y |",
    '<div data-agentcat-slot="file"></div>',
])


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def entry_from(name: str, description: str, body: str, tools: str = "Read, Grep", extra: str = "",
               notes: tuple[str, ...] = ()) -> Entry:
    """An Entry straight from the loader: the linter is not asked."""
    raw = f"---\nname: {name}\ndescription: {yaml_quote(description)}\ntools: {tools}\n{extra}---\n\n{body}\n".encode()
    agent, problems = load.load_bytes(raw, f"agents/checks/{name}.md", name)
    assert agent is not None and agent.frontmatter_ok, problems
    return Entry(agent, CATEGORY, f"agents/checks/{name}.md",
                 [Problem(f"agents/checks/{name}.md", 9, 1, "AC311", n) for n in notes])


def hostile_entry(name: str = "hostile") -> Entry:
    return entry_from(name, HOSTILE_DESCRIPTION, HOSTILE_BODY,
                      tools='"Read, <img src=x onerror=alert(7)>, mcp__x__y"',
                      extra='model: "<script>alert(8)</script>"\ncolor: "javascript:alert(9)"\n'
                            'skills: ["<b>skill</b>", "{{ config }}"]\ninitialPrompt: "```\\n<script>alert(10)</script>"\n'
                            'mcpServers: [{"<x>": {command: "<script>"}}]\n',
                      notes=("<script>alert(11)</script> {{ config }}",))


def benign_entry(name: str = "benign") -> Entry:
    """The same shape as hostile_entry, with plain words in every value."""
    return entry_from(name, "plain " * 10 + "\nsecond line\nthird", "\n".join(["plain line"] * 13),
                      tools='"Read, some-tool, mcp__x__y"',
                      extra='model: "plain"\ncolor: "plain"\nskills: ["plain", "plain"]\ninitialPrompt: "plain\\nplain"\n'
                            'mcpServers: [{"plain": {command: "plain"}}]\n',
                      notes=("plain note",))


def catalog_of(*entries: Entry) -> Catalog:
    return Catalog(Path("."), [CATEGORY], list(entries), [])


def shape(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every element with its attribute names, in document order: what markup a value could add."""
    return [(t.name, tuple(sorted(t.attrs))) for t in BeautifulSoup(html, "html.parser").find_all(True)]


def assert_inert(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "img", "iframe", "object", "embed", "style", "b"])
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.startswith("on"), (tag.name, attr)
            text = " ".join(value) if isinstance(value, list) else value
            assert "javascript:" not in text.lower() or attr == "data-clipboard-text", (tag.name, attr)


# --- the renderer, called directly ------------------------------------------------------------

def test_linter_would_refuse_the_hostile_entry():
    # the point of these tests: the values below never reach a page in a real build
    problems = rules.check(hostile_entry().agent)
    assert {"AC211", "AC230", "AC240"} <= {p.rule for p in problems}


def test_agent_fragments_add_no_element_or_attribute():
    hostile, benign = hostile_entry(), benign_entry()
    h = render.agent_slots(hostile, SITE, catalog_of(hostile))
    b = render.agent_slots(benign, SITE, catalog_of(benign))
    assert h.keys() == b.keys()
    for name in h:
        if name == "install":
            # the Other tools list names what each export leaves out, in <code>: as many as the
            # file sets fields that a format cannot express, which differs here on purpose
            assert [t for t in shape(h[name]) if t[0] != "code"] == [t for t in shape(b[name]) if t[0] != "code"]
        else:
            assert shape(h[name]) == shape(b[name]), name
        assert_inert(h[name])


def test_agent_fragments_show_the_values_as_text():
    entry = hostile_entry()
    slots = render.agent_slots(entry, SITE, catalog_of(entry))
    text = entry.raw.decode()
    file_block = BeautifulSoup(slots["file"], "html.parser")
    assert file_block.select_one("pre > code").get_text() == text
    assert file_block.select_one("button")["data-clipboard-text"] == text
    assert BeautifulSoup(slots["description"], "html.parser").get_text() == HOSTILE_DESCRIPTION
    fields = BeautifulSoup(slots["fields"], "html.parser")
    cells = {tr.td.get_text(): tr.find_all("td")[1].get_text() for tr in fields.select("tbody tr")}
    assert cells["model"] == "<script>alert(8)</script>"
    assert cells["color"] == "javascript:alert(9)"
    assert cells["tools"] == "Read, <img src=x onerror=alert(7)>, mcp__x__y"
    assert cells["skills"] == "<b>skill</b>, {{ config }}"
    assert cells["initialPrompt"] == "```\n<script>alert(10)</script>"
    notes = BeautifulSoup(slots["notes"], "html.parser").get_text()
    assert "<script>alert(11)</script> {{ config }}" in notes


def test_macros_and_snippets_stay_literal_in_the_file_block():
    entry = hostile_entry()
    code = BeautifulSoup(render.agent_slots(entry, SITE, catalog_of(entry))["file"], "html.parser").code.get_text()
    assert "{{ config.site_name }} {% raw %} {# comment #}" in code
    assert '--8<-- "/etc/passwd"' in code


def test_agent_content_never_enters_the_page_markdown():
    entry = hostile_entry()
    page = render.agent_page(entry, SITE, catalog_of(entry))
    for needle in ("<script", "<img", "javascript:", "{{ config", "--8<--", "```fence", "onclick", "skill</b>"):
        assert needle not in page.markdown, needle
    assert page.markdown.count("{{") == 0  # nothing a macro engine downstream could expand


def test_table_keeps_its_shape():
    hostile, benign = hostile_entry(), benign_entry()
    html = render.agent_table([hostile, benign], "")
    assert shape(render.agent_table([hostile], "")) == shape(render.agent_table([benign], ""))
    assert_inert(html)
    soup = BeautifulSoup(html, "html.parser")
    rows = soup.select("li[data-name]")
    assert len(rows) == 2 and shape(str(rows[0])) == shape(str(rows[1]))
    assert rows[0].select_one(".agentcat-row__desc").get_text() == HOSTILE_DESCRIPTION
    assert rows[0]["data-model"] == "<script>alert(8)</script>"


@pytest.mark.parametrize("name", ["<script>x</script>", "../../escape", "a\nrender_macros: true", "Plan:x", "-x"])
def test_renderer_refuses_a_name_it_cannot_place_safely(name):
    entry = entry_from("placeholder", "Checks. Use when needed.", "body")
    entry.agent.fields["name"] = (entry.agent.fields["name"][0], load.Node("scalar", name, 2, 7))
    with pytest.raises(ValueError, match="refusing to render"):
        render.agent_page(entry, SITE, catalog_of(entry))
    with pytest.raises(ValueError, match="refusing to render"):
        render.agent_table([entry], "")


def test_slots_are_filled_in_one_pass():
    marker = render.slot("file")
    page = f"<p>{render.slot('description')}</p><p>{marker}</p>"
    out = render.fill_slots(page, {"description": f"<span>{marker}</span>", "file": "<pre>FILE</pre>"})
    # the marker that the first fragment brought in is text of that fragment, not a place to fill
    assert out == f"<p><span>{marker}</span></p><p><pre>FILE</pre></p>"


# --- a real site, from agents that pass the linter --------------------------------------------

MARKUP_BODY = [  # one block per line, so that the catalog's style rules see no wrapped prose
    "You check pages that show untrusted text.",
    "",
    "```",
    "<script>alert('from the body')</script>",
    "```",
    "",
    "{{ config.site_name }} and {% include 'main.html' %} must show as written.",
    "",
    '--8<-- "mkdocs.yml"',
    "",
    "[a link](javascript:alert(1)) and <a href=\"javascript:alert(2)\">another</a>.",
    "{: onclick=\"alert(3)\" }",
    "",
    "<div markdown=\"1\">**not bold**</div>",
    "<img src=x onerror=alert(4)> <iframe src=\"https://evil.example/\"></iframe>",
    "| a | b |",
    "|---|---|",
    "| <b>x</b> | y |",
    "<div data-agentcat-slot=\"file\"></div>",
    "",
] + [f"{i}. Step {i} of the check, written out in full." for i in range(1, 24)]
MARKUP_DESCRIPTION = "Use when a page shows <script>alert(5)</script>, <img src=x onerror=alert(6)>, {{ config }}, a | b | c or `ticks`."
PLAIN_DESCRIPTION = "Use when a page shows plain text of about the same length as the other one, and a few more words."


def site_agent(name: str, description: str, body: list[str]) -> str:
    return f"---\nname: {name}\ndescription: {yaml_quote(description)}\ntools: Read, Grep, Glob\n---\n\n" + "\n".join(body) + "\n"


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("injection")
    (tmp / "project").mkdir()
    plain_body = [f"Plain line {i} of the prompt." if line else "" for i, line in enumerate(MARKUP_BODY)]
    project = make_project(tmp / "project", {
        "checks/markup-text.md": site_agent("markup-text", MARKUP_DESCRIPTION, MARKUP_BODY),
        "checks/plain-text.md": site_agent("plain-text", PLAIN_DESCRIPTION, plain_body),
    })
    out = tmp / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]  # the linter passed both, warnings included
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_built_agent_page_adds_no_element_or_attribute(markup_site):
    hostile = soup(markup_site / "agents" / "checks" / "markup-text" / "index.html")
    plain = soup(markup_site / "agents" / "checks" / "plain-text" / "index.html")
    for selector in (".agentcat-description", ".agentcat-fields", ".agentcat-risk", ".agentcat-file"):
        assert shape(str(hostile.select_one(selector))) == shape(str(plain.select_one(selector))), selector
    article = hostile.select_one("article")
    assert_inert(str(article))
    # no script anywhere on the page carries agent text (Material's own scripts are the only ones)
    assert len(hostile.find_all("script")) == len(plain.find_all("script"))
    assert not [s for s in hostile.find_all("script") if "alert" in s.get_text()]


def test_built_agent_page_shows_the_file_literally(markup_site):
    raw = (markup_site / "raw" / "markup-text.md").read_text(encoding="utf-8")
    page = soup(markup_site / "agents" / "checks" / "markup-text" / "index.html")
    assert page.select_one(".agentcat-file pre > code").get_text() == raw
    assert page.select_one(".agentcat-description").get_text() == MARKUP_DESCRIPTION
    code = page.select_one(".agentcat-file pre > code").get_text()
    assert "{{ config.site_name }} and {% include 'main.html' %} must show as written." in code
    assert '--8<-- "mkdocs.yml"' in code
    assert "site_name:" not in code  # the snippet was not pulled in


@pytest.mark.parametrize("page", ["agents/index.html", "agents/checks/index.html"])
def test_built_tables_keep_their_shape(markup_site, page):
    table = soup(markup_site / page).select_one("#agentcat-table")
    rows = table.select("li[data-name]")
    assert [r["data-name"] for r in rows] == ["markup-text", "plain-text"]
    assert shape(str(rows[0])) == shape(str(rows[1]))
    assert rows[0].select_one(".agentcat-row__desc").get_text() == MARKUP_DESCRIPTION
    assert_inert(str(table))


def test_search_index_holds_no_markup_from_agents(markup_site):
    index = json.loads((markup_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [d["text"] + d["title"] for d in index["docs"] if "markup-text" in d["location"]]
    assert texts
    for text in texts:
        for needle in ("<script", "<img", "<iframe", "<b>"):
            assert needle not in text, needle
