"""The real site, built with --strict: every agent has its page, raw file and JSON entry."""

from __future__ import annotations

import hashlib
import html
import json
import re

import pytest
from bs4 import BeautifulSoup

from agentcat import catalog

from conftest import ROOT

CATALOG = catalog.load_catalog(ROOT)
ENTRIES = CATALOG.entries
SITE_URL = "https://agentcat.github.io/agentcat/"


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_agent_page_shows_what_it_must(site, entry):
    page = soup(site / "agents" / entry.category.slug / entry.name / "index.html")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True).startswith(entry.name)
    assert page.select_one(".agentcat-description").get_text() == entry.description
    # frontmatter table: every field the file sets, with its value
    cells = {tr.td.get_text(): tr.find_all("td")[1].get_text() for tr in page.select(".agentcat-fields tbody tr")}
    for key, (_, node) in entry.agent.fields.items():
        value = node.python()
        if key == "tools":
            assert cells[key] == ", ".join(entry.tools)
        else:
            assert cells[key] == str(value)
    if "model" not in entry.agent.fields:
        assert cells["model"] == "inherit (default)"
    # install commands, each in a code block: the one-step plugin install first
    blocks = [c.get_text() for c in article.select("pre code")]
    assert blocks[0] == f"/plugin install {entry.name} --marketplace agentcat/agentcat\n"
    raw_url = f"{SITE_URL}raw/{entry.name}.md"
    assert f"mkdir -p ~/.claude/agents && curl -fsSL {raw_url} -o ~/.claude/agents/{entry.name}.md\n" in blocks
    assert f"mkdir -p .claude/agents && curl -fsSL {raw_url} -o .claude/agents/{entry.name}.md\n" in blocks
    # the whole file: shown as text and carried by the copy button, byte for byte
    text = entry.raw.decode("utf-8")
    block = page.select_one(".agentcat-file")
    assert block.select_one("pre > code").get_text() == text
    assert block.select_one("button[data-clipboard-text]")["data-clipboard-text"] == text
    # risk summary from effective tools: each tool with what it allows, badges from capabilities
    from agentcat import grants
    tools = [tr.td.get_text() for tr in page.select(".agentcat-risk tbody tr")]
    assert tools == list(entry.effective_tools or ["every tool"]) + list(entry.grant.mcp)
    badges = [b.get_text() for b in page.select(".agentcat-risk .agentcat-badge")]
    assert badges == [label for _, label in grants.badges(entry.grant)]
    assert ("read-only" in badges) == entry.read_only
    # the download button delivers the raw file, addressed relative to the page
    download = page.select_one("a.agentcat-download")
    assert download["href"] == f"../../../raw/{entry.name}.md" and download["download"] == f"{entry.name}.md"
    assert page.select_one(".agentcat-copy-whole")["data-clipboard-text"] == text
    assert page.find("a", href=f"https://github.com/agentcat/agentcat/blob/main/{entry.rel_path}")
    assert article.find("a", string=entry.category.title)["href"] == "../"  # its category page


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_raw_file_is_byte_for_byte(site, entry):
    assert (site / "raw" / f"{entry.name}.md").read_bytes() == (ROOT / entry.rel_path).read_bytes()


def test_agents_json_lists_every_agent(site):
    data = json.loads((site / "agents.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    by_name = {a["name"]: a for a in data["agents"]}
    assert set(by_name) == {e.name for e in ENTRIES}
    for e in ENTRIES:
        a = by_name[e.name]
        raw = (ROOT / e.rel_path).read_bytes()
        assert a["sha256"] == hashlib.sha256(raw).hexdigest()
        assert a["size"] == len(raw)
        assert a["description"] == e.description and a["category"] == e.category.slug
        assert a["tools"] == e.tools and a["model"] == e.model
        assert a["page_url"] == f"{SITE_URL}agents/{e.category.slug}/{e.name}/"
        assert a["raw_url"] == f"{SITE_URL}raw/{e.name}.md"


def test_catalog_index_and_category_pages(site):
    index = soup(site / "agents" / "index.html")
    rows = index.select("#agentcat-table li[data-name]")
    assert index.select_one("#agentcat-table ol")  # a real list
    assert [r["data-name"] for r in rows] == [e.name for e in ENTRIES]
    for row, e in zip(rows, ENTRIES):
        assert row.select_one("a.agentcat-row__name")["href"] == f"{e.category.slug}/{e.name}/"
        assert row.select_one(".agentcat-row__desc").get_text() == e.description
        assert row.select_one(".agentcat-row__category").get_text() == e.category.title
        assert row.select_one(".agentcat-row__model").get_text() == e.model
        assert row["data-sha"] == e.sha256
        assert ("read-only" in row["data-caps"].split()) == e.read_only
    for c in CATALOG.categories:
        page = soup(site / "agents" / c.slug / "index.html")
        names = [r["data-name"] for r in page.select("#agentcat-table li[data-name]")]
        assert names == [e.name for e in CATALOG.in_category(c.slug)]
        assert c.description in page.get_text()


def test_navigation_holds_the_sections_but_no_agent_page(site):
    page = soup(site / "index.html")
    nav = page.select_one("nav.md-nav--primary")
    links = {a.get_text(strip=True) for a in nav.select("a")}
    assert {"Home", "Install", "Contributing", "Format", "Security"} <= links
    assert {c.title for c in CATALOG.categories} <= links
    hrefs = [a["href"] for a in nav.select("a[href]")]
    assert not [h for h in hrefs if any(f"/{e.name}/" in h for e in ENTRIES)]


def test_home_page_macros(site):
    page = soup(site / "index.html")
    text = " ".join(page.select_one("article").get_text(" ").split())
    assert f"{len(ENTRIES)} of them in {len(CATALOG.categories)} categories" in text
    for c in CATALOG.categories:
        assert f"{c.title} ({len(CATALOG.in_category(c.slug))} agent" in text
    # a search box that opens the catalog with the query
    form = page.select_one("article form[role=search]")
    assert form["action"] == "agents/" and form.select_one("input")["name"] == "search"
    # no claim that contradicts the badges: the read-only count is computed
    assert f"{sum(e.read_only for e in ENTRIES)} of the agents are read-only" in text
    assert "++" not in text and page.select_one("article kbd")
    assert page.select_one("article a[href='security/']")
    picks = page.select("article .agentcat-pickline a")
    named = re.findall(r'"([a-z0-9-]+)"', " ".join(re.findall(r"agents_for\(([^)]*)\)", (ROOT / "docs" / "index.md").read_text())))
    assert [a.get_text() for a in picks] == named  # every agent the home page picks exists
    assert all(a["href"].startswith("agents/") for a in picks)


def test_format_page_lists_every_field_and_rule(site):
    from agentcat import problems, spec
    text = soup(site / "format" / "index.html").select_one("article").get_text(" ")
    for rule in problems.RULES.values():
        assert rule.id in text
    for f in spec.FIELDS:
        assert f.key in text


def test_backend_page_says_what_changed(site):
    page = soup(site / "agents" / "core-development" / "backend" / "index.html")
    notes = page.select_one(".agentcat-notes").get_text(" ")
    assert "LS" in notes and "MultiEdit" in notes and "WebFetch" in notes
    assert "the user's own" not in notes and "catalog owner's own backend agent" in notes


def test_search_index_holds_agent_pages_but_not_whole_files(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"] for d in docs}
    text = " ".join(d["text"] for d in docs)
    for e in ENTRIES:
        assert f"agents/{e.category.slug}/{e.name}/" in locations
        assert html.escape(e.description, quote=False) in text or e.description in text
    # a line that only the file body carries stays out of the index
    assert "Focus exclusively on backend development tasks" not in text
    # agent pages outrank list pages; list pages do not carry the agents' text
    boosts = {d["location"]: d.get("boost") for d in docs}
    assert all(boosts[f"agents/{e.category.slug}/{e.name}/"] for e in ENTRIES)
    lists = " ".join(d["text"] for d in docs if d["location"] in ("agents/", "agents/infrastructure/"))
    assert "Terraform" not in lists


def test_links_to_site_files_are_relative(site):
    """Raw files, zips, exports and agents.json work on any host; only commands name the site."""
    for path in [site / "install" / "index.html", site / "agents" / "core-development" / "backend" / "index.html"]:
        hrefs = [a["href"] for a in soup(path).select("article a[href]")]
        assert not [h for h in hrefs if h.startswith(SITE_URL)], path


def test_nothing_generated_lands_in_docs():
    assert not (ROOT / "docs" / "agents").exists()
    assert not list((ROOT / "docs").glob("raw*"))


def test_no_external_requests_in_markup(site):
    for path in [site / "index.html", site / "agents" / "index.html",
                 site / "agents" / ENTRIES[0].category.slug / ENTRIES[0].name / "index.html"]:
        page = soup(path)
        for tag in page.find_all(["script", "link", "img"]):
            url = tag.get("src") or tag.get("href") or ""
            assert not url.startswith(("http:", "https:", "//")) or tag.name == "link" and tag.get("rel") == ["canonical"], url


def test_read_only_promises_that_tools_break_are_called_out(site):
    """A prompt that promises read-only work while its tools allow more: the page says the
    promise is in the prompt, not enforced. Read-only agents and mere mentions get no warning."""
    flagged = {e.name for e in ENTRIES
               if soup(site / "agents" / e.category.slug / e.name / "index.html").select_one(".agentcat-promise")}
    assert {"code-reviewer", "project-planner", "incident-responder", "release-manager"} <= flagged
    assert "legacy-migrator" not in flagged  # mentions read-only git commands, promises nothing
    assert not flagged & {e.name for e in ENTRIES if e.read_only}
