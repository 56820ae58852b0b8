"""Exports to OpenCode, GitHub Copilot, Gemini CLI and Codex: every catalog agent, parsed back
from the built site (YAML frontmatter, TOML), with its name, description, tools and prompt."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from agentcat import catalog, formats, load, render
from agentcat.catalog import Category, Entry

from conftest import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

CATALOG = catalog.load_catalog(ROOT)
ENTRIES = CATALOG.entries
SITE_URL = "https://agentcat.github.io/agentcat/"

# The mapping, restated from shared/spec/agent-format.md (not imported from the code under test).
COPILOT = {"Bash": "execute", "Read": "read", "Edit": "edit", "Write": "edit", "Grep": "search", "Glob": "search",
           "WebFetch": "web", "WebSearch": "web", "Agent": "agent", "TodoWrite": "todo"}
GEMINI = {"Read": "read_file", "Grep": "grep_search", "Glob": "glob", "Bash": "run_shell_command",
          "Write": "write_file", "Edit": "replace", "WebFetch": "web_fetch", "WebSearch": "google_web_search"}


def split(text: str) -> tuple[dict, str]:
    """A Markdown export -> (frontmatter as YAML data, body)."""
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    data = yaml.safe_load(front)
    assert isinstance(data, dict)
    return data, body


def mapped(tools: list[str], table: dict[str, str]) -> list[str]:
    out = []
    for t in tools:
        if t in table and table[t] not in out:
            out.append(table[t])
    return out


def opencode_expected(tools: list[str]) -> dict[str, str]:
    perm = dict.fromkeys(("read", "grep", "glob", "list", "lsp", "edit", "bash", "webfetch", "websearch",
                          "task", "todowrite", "skill"), "deny")
    for tool, keys, value in (("Read", ["read"], "allow"), ("Grep", ["grep"], "allow"), ("Glob", ["glob", "list"], "allow"),
                              ("LSP", ["lsp"], "allow"), ("TodoWrite", ["todowrite"], "allow"), ("Skill", ["skill"], "allow"),
                              ("Agent", ["task"], "allow"), ("Bash", ["bash"], "ask"), ("WebFetch", ["webfetch"], "ask"),
                              ("WebSearch", ["websearch"], "ask")):
        if tool in tools:
            for k in keys:
                perm[k] = value
    if {"Edit", "Write", "NotebookEdit"} & set(tools):
        perm["edit"] = "ask"
    return perm


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_every_export_parses_and_maps(site, entry):
    body = entry.agent.body
    assert entry.tools  # the catalog requires a tools line

    data, text = split((site / "exports" / "opencode" / f"{entry.name}.md").read_text(encoding="utf-8"))
    assert data["description"] == entry.description and data["mode"] == "subagent"
    assert data["permission"] == opencode_expected(entry.tools)
    assert "model" not in data and "tools" not in data  # no alias; `tools` as a map is deprecated there
    assert text == body

    data, text = split((site / "exports" / "copilot" / f"{entry.name}.agent.md").read_text(encoding="utf-8"))
    assert data["name"] == entry.name and data["description"] == entry.description
    assert data["tools"] == mapped(entry.tools, COPILOT)
    assert "model" not in data and text == body and len(text) <= 30_000

    data, text = split((site / "exports" / "gemini" / f"{entry.name}.md").read_text(encoding="utf-8"))
    assert data["name"] == entry.name and data["description"] == entry.description
    assert data["tools"] == mapped(entry.tools, GEMINI)
    assert "model" not in data and text == body

    data = tomllib.loads((site / "exports" / "codex" / f"{entry.name}.toml").read_text(encoding="utf-8"))
    assert data["name"] == entry.name and data["description"] == entry.description
    assert data["developer_instructions"] == body
    # read-only by effective tools (tests/client checks them against the real client)
    assert data.get("sandbox_mode") == ("read-only" if entry.read_only else None)
    assert set(data) <= {"name", "description", "developer_instructions", "sandbox_mode"}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_agent_page_lists_each_export_and_what_it_drops(site, entry):
    page = BeautifulSoup((site / "agents" / entry.category.slug / entry.name / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    section = page.select_one(".agentcat-routes > ul")  # Other tools, in the collapsed section of routes
    items = section.find_all("li", recursive=False)
    assert len(items) == len(formats.FORMATS)
    for item, x in zip(items, formats.exports(entry)):
        text = " ".join(item.get_text(" ").split())
        assert text.startswith(x.format.title)
        # relative to the page, so the link works on any host
        assert item.a["href"] == f"../../../{x.url_path}" and item.a.get_text() == x.install_path
        left_out = text.split("Leaves out:", 1)[1]
        for d in x.dropped:
            assert " ".join(d.replace("`", "").split()) in left_out
        # what every agent of the catalog sets and no other tool understands
        if "color" in entry.agent.fields:
            assert "color" in left_out
        if entry.model != "inherit":
            assert "model" in left_out


def synthetic(body: str, tools: str = "Read, Grep, Glob", extra: str = "", name: str = "probe") -> Entry:
    text = f'---\nname: {name}\ndescription: "Checks: things. Use when a \\"quoted\\" change needs it."\ntools: {tools}\n{extra}---\n{body}'
    agent, problems = load.load_bytes(text.encode(), f"{name}.md", name)
    assert agent is not None and not [p for p in problems if p.is_error], problems
    return Entry(agent, Category("checks", "Checks", "Checks."), f"agents/checks/{name}.md")


NASTY = [
    'He said "hi".',
    'ends with a quote"',
    '""" a triple quote, then """"" five',
    "back\\slash and \\n not a newline, \\\" escaped quote",
    "tab\there\nnew line\n\nblank line above\n",
    "control \x01 \x1f \x7f characters, a form feed \x0c",
    '"',
    '""',
    "",
    "unicode: é ü 漢字 🙂",
]


@pytest.mark.parametrize("text", NASTY)
def test_toml_strings_read_back_exactly(text):
    assert tomllib.loads(f"x = {formats.toml_multiline(text)}")["x"] == text
    assert tomllib.loads(f"x = {formats.toml_string(text)}")["x"] == text


@pytest.mark.parametrize("text", NASTY[:5] + ["no", "yes", "on", "null", "~", "- dash", "# hash", "key: value", "'single'",
                                  "{a: b}", "[x]", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick`", "12",
                                  "1.5", "0x1f", "2025-03-18", " padded ", "line\u2028separator", "next\x85line",
                                  "unicode: é ü 漢字 🙂", "plain-name", "read_file"])
def test_yaml_scalars_read_back_exactly(text):
    assert yaml.safe_load(f"x: {formats.yaml_scalar(text)}") == {"x": text}
    assert yaml.safe_load(formats.yaml_mapping({"a": {"b": text}, "c": [text, "d"], "e": []})) == \
        {"a": {"b": text}, "c": [text, "d"], "e": []}


def test_codex_export_round_trips_a_hostile_body():
    body = "\n".join(NASTY[:5] + NASTY[-1:]) + '\nclosing """\n'  # control characters never reach a catalog file
    x = formats.codex(synthetic(body))
    data = tomllib.loads(x.text)
    assert data["developer_instructions"] == body
    assert data["description"] == 'Checks: things. Use when a "quoted" change needs it.'
    assert data["sandbox_mode"] == "read-only"


def test_tool_mapping_and_what_is_dropped():
    e = synthetic("You check.\n", tools="Read, Edit, Write, Bash, Agent(reviewer), LSP, mcp__github__get_issue, TodoWrite",
                  extra="model: opus\ncolor: blue\nmaxTurns: 12\n")
    oc = formats.opencode(e)
    perm = split(oc.text)[0]["permission"]
    assert perm["read"] == "allow" and perm["edit"] == "ask" and perm["bash"] == "ask"
    assert perm["task"] == "deny"  # `Agent(reviewer)` cannot be limited there: never widened to every agent
    assert perm["lsp"] == "allow" and perm["todowrite"] == "allow" and perm["webfetch"] == "deny"
    assert "tool `mcp__github__get_issue`" in oc.dropped and "`model`" in oc.dropped and "`color`" in oc.dropped
    assert any(d.startswith("tool `Agent(reviewer)`") for d in oc.dropped)

    cp = formats.copilot(e)
    assert split(cp.text)[0]["tools"] == ["read", "edit", "execute", "todo"]
    assert {"tool `Agent(reviewer)`", "tool `LSP`", "tool `mcp__github__get_issue`", "`maxTurns`"} <= set(cp.dropped)

    gm = formats.gemini(e)
    data = split(gm.text)[0]
    assert data["tools"] == ["read_file", "replace", "write_file", "run_shell_command"]
    assert data["max_turns"] == 12 and "`maxTurns`" not in gm.dropped
    assert {"tool `TodoWrite`", "tool `LSP`"} <= set(gm.dropped)

    cx = tomllib.loads(formats.codex(e).text)
    assert "sandbox_mode" not in cx  # it edits and runs commands


def test_denylist_and_inherit_model():
    e = synthetic("You check.\n", tools="Read, Bash", extra="disallowedTools: Bash\nmodel: inherit\n")
    oc = formats.opencode(e)
    assert split(oc.text)[0]["permission"]["bash"] == "deny"
    assert split(formats.copilot(e).text)[0]["tools"] == ["read"]  # the denylist applies first: never widened
    assert split(formats.gemini(e).text)[0]["tools"] == ["read_file"]
    assert tomllib.loads(formats.codex(e).text)["sandbox_mode"] == "read-only"
    for x in formats.exports(e):
        assert not any("model" in d or "disallowedTools" in d for d in x.dropped)  # `inherit` loses nothing


def test_no_tools_line_inherits_everything_but_the_denylist():
    text = '---\nname: probe\ndescription: "Checks. Use when needed."\ndisallowedTools: Bash\n---\nYou check.\n'
    agent, _ = load.load_bytes(text.encode(), "probe.md", "probe")
    e = Entry(agent, Category("checks", "Checks", "Checks."), "agents/checks/probe.md")
    assert split(formats.opencode(e).text)[0]["permission"] == {"bash": "deny"}
    for x in (formats.copilot(e), formats.gemini(e)):
        assert "tools" not in split(x.text)[0] and "`disallowedTools`" in x.dropped  # cannot say "all but Bash"
    assert "sandbox_mode" not in tomllib.loads(formats.codex(e).text)


def test_copilot_refuses_a_prompt_over_30000_characters():
    long_body = "\n".join(f"{i}. " + "Check the thing carefully and report it. " * 8 for i in range(120)) + "\n"
    assert len(long_body) > 30_000
    e = synthetic(long_body)
    x = formats.copilot(e)
    assert x.text is None and "30,000" in x.refused
    page = render.agent_page(e, render.Site(SITE_URL), catalog.Catalog(ROOT, [e.category], [e], []))
    assert re.search(r"<strong>GitHub Copilot</strong>: not offered, the prompt has [\d,]+ characters", page.slots["install"])
    others = [y for y in formats.exports(e) if y.format.tool != "copilot"]
    assert all(y.text is not None for y in others)


def test_an_unknown_tool_name_never_reaches_the_page_as_markup():
    e = synthetic("You check.\n", tools="Read, <b>x</b>")
    for x in formats.exports(e):
        assert not any("<" in d for d in x.dropped)
