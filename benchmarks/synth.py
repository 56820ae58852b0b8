"""Synthetic catalogs for the benchmarks: lint-clean agent files of 3-6 KB in the project's
categories, laid out twice: as the real project (our hooks and macros) and as a baseline of
the same pages as plain Markdown files, built by MkDocs + Material alone.

Deterministic: the same size always gives the same files (a seeded random generator).
Independent of tests/ on purpose: a benchmark must not break when a test helper changes.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]

# Vocabulary of the generated prompts. Chosen so that no risk pattern of the linter matches
# (no shell pipes, credentials, `eval`, "silently" ...): every file must pass the checks.
TOPICS = ("api", "schema", "query", "cache", "queue", "billing", "search", "auth", "upload", "report",
          "metrics", "invoice", "session", "webhook", "migration", "export", "import", "checkout",
          "inventory", "routing", "pricing", "ledger", "catalog", "profile", "audit", "backup",
          "stream", "payment", "mobile", "desktop")
ROLES = ("reviewer", "engineer", "designer", "planner", "tester", "writer", "tuner", "auditor",
         "mentor", "analyst", "builder", "guide")
VERBS = ("Read", "Check", "Compare", "List", "Measure", "Name", "Trace", "Write down", "Confirm",
         "Sketch", "Group", "Rank", "Verify", "Summarise", "Map")
OBJECTS = ("the public interface", "every caller of the function", "the failing test", "the data model",
           "the error messages", "the configuration defaults", "the slowest request", "the retry policy",
           "the log lines of one request", "the migration plan", "the open questions", "the release notes",
           "the edge cases at the boundaries", "the naming of modules", "the ownership of each table",
           "the budget for latency", "the contract with the client", "the fixtures of the test suite")
QUALIFIERS = ("before changing any code", "in the order a reader meets them", "with one example each",
              "and keep the list short", "against the project's own conventions", "so that a reviewer can follow",
              "with the file and line of each finding", "and stop when the cause is clear",
              "in plain words, without jargon", "and note what stays unknown")
CODE_WORDS = ("pyproject.toml", "package.json", "Makefile", "CHANGELOG.md", "schema.sql", "config.yaml",
              "README.md", "go.mod", "Cargo.toml", "openapi.yaml", "Dockerfile", "tsconfig.json")
TOOL_SETS = ("Read, Grep, Glob", "Read, Write, Edit, Glob, Grep", "Read, Write, Edit, Bash, Glob, Grep",
             "Read, Grep, Glob, WebFetch, WebSearch", "Read, Edit, Bash, Grep, Glob",
             "Read, Glob, Grep, NotebookEdit")  # TodoWrite never reaches a subagent, LSP only with a plugin: the linter refuses or warns
MODELS = ("sonnet", "inherit", "opus", "haiku")
COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")


@dataclass(frozen=True)
class Agent:
    category: str
    name: str
    description: str
    tools: str
    model: str
    text: str  # the whole file

    @property
    def rel(self) -> str:
        return f"{self.category}/{self.name}.md"


def categories() -> list[dict]:
    """The project's own categories (slug, title, description, icon)."""
    return yaml.safe_load((ROOT / "agents" / "categories.yml").read_text(encoding="utf-8"))


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."


def _body(rng: random.Random, name: str, target: int) -> str:
    """A prompt of about `target` characters: workflow, example, checklist, output, boundaries."""
    topic, role = name.split("-")[:2]
    head = [f"You are {'an' if topic[0] in 'aeiou' else 'a'} {topic} {role}. You help with {rng.choice(OBJECTS)} and {rng.choice(OBJECTS)}, "
            f"and you explain each step {rng.choice(QUALIFIERS)}.", "", "## Workflow", ""]
    head += [f"{i}. {_sentence(rng)} Use `{rng.choice(CODE_WORDS)}` when it exists." for i in range(1, 9)]
    head += ["", "## Example", "", "```yaml", f"{topic}:", f"  owner: {role}", f"  review: {rng.randint(1, 9)} days",
             "```", "", "## Checklist", ""]
    tail = ["", "## Output", "", "Return to the main conversation:", "",
            f"- a short summary of the {topic} work and the reasoning behind it;",
            "- each changed or reviewed file with a one-line note;",
            "- what was verified, with the command or the check that showed it;",
            "- the open questions, each with who can answer it.", "",
            "## Boundaries", "",
            "- Asks before any change outside the task.",
            "- Hands back to the main conversation when a decision needs the user."]
    size = len("\n".join(head + tail)) + 1
    sections = iter(("## Pitfalls", "## Questions to ask", "## Review notes", "## Hand-over", "## More checks"))
    while size < target:
        item = [f"- {_sentence(rng)} {_sentence(rng)}"]
        if rng.random() < 0.08:
            item = ["", next(sections, "## Further checks"), ""] + item
        head += item
        size += sum(len(x) + 1 for x in item)
    return "\n".join(head + tail) + "\n"


def make_agent(category: str, index: int, rng: random.Random) -> Agent:
    topic, role = rng.choice(TOPICS), rng.choice(ROLES)
    name = f"{topic}-{role}-{index:05d}"
    description = (f"{topic.capitalize()} {role} for {rng.choice(OBJECTS)} and {rng.choice(OBJECTS)}. "
                   f"Use when {rng.choice(OBJECTS)} or {rng.choice(OBJECTS)} need a second look.")
    tools, model = rng.choice(TOOL_SETS), rng.choice(MODELS)
    color = f"color: {rng.choice(COLORS)}\n" if rng.random() < 0.5 else ""
    front = f'---\nname: {name}\ndescription: "{description}"\ntools: {tools}\nmodel: {model}\n{color}---\n\n'
    text = front + _body(rng, name, rng.randint(3000, 5750) - len(front))
    return Agent(category, name, description, tools, model, text)


def make_agents(n: int, seed: int = 7) -> list[Agent]:
    """n agents spread round-robin over the project's categories."""
    rng = random.Random(seed)
    slugs = [c["slug"] for c in categories()]
    return [make_agent(slugs[i % len(slugs)], i, rng) for i in range(n)]


# Top-level entries of the repository that a site build does not read.
_NOT_SOURCES = {".git", ".cache", ".venv", ".venv-properdocs", "venv", "site", "tests", "benchmarks", "test-artifacts", ".pytest_cache",
                "node_modules", "agents", "__pycache__", ".github", ".ci"}


def _copy_sources(dest: Path, *, hooks: bool) -> None:
    """The repository as a build sees it (mkdocs.yml, docs/, overrides/, top-level files ...),
    without the catalog itself; without hooks/ for the baseline."""
    skip = _NOT_SOURCES | (set() if hooks else {"hooks"})
    shutil.copytree(ROOT, dest, ignore=lambda d, names: [n for n in names if n == "__pycache__"
                                                          or (Path(d) == ROOT and n in skip)])


def write_project(dest: Path, agents: list[Agent]) -> Path:
    """The real project around a synthetic catalog: mkdocs.yml, docs/, hooks/, agents/."""
    _copy_sources(dest, hooks=True)
    return write_catalog(dest, agents)


def write_catalog(dest: Path, agents: list[Agent]) -> Path:
    """dest/agents/: the project's categories.yml and the agent files."""
    (dest / "agents").mkdir()
    # the project's categories without `first` (it names the real catalog's agents)
    cats = [{k: v for k, v in c.items() if k != "first"} for c in categories()]
    (dest / "agents" / "categories.yml").write_text(yaml.safe_dump(cats, sort_keys=False, allow_unicode=True, width=float("inf")),
                                                     encoding="utf-8")
    for a in agents:
        path = dest / "agents" / a.rel
        path.parent.mkdir(exist_ok=True)
        path.write_text(a.text, encoding="utf-8")
    return dest


# --- the baseline: the same pages, as plain Markdown files ----------------------------------

_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _without_macros(text: str) -> str:
    """Hand-written pages without the macros plugin: each expression becomes a plain value."""
    def plain(m: re.Match) -> str:
        expr = m.group()
        if "site_url" in expr or "repo_url" in expr:
            return "https://example.org/"
        return "" if expr.startswith("{%") else "N"
    return _MACRO.sub(plain, text)


def write_baseline(dest: Path, agents: list[Agent]) -> Path:
    """The same pages as plain Markdown files, built by MkDocs + Material without our hooks or
    macros: same theme, same Markdown extensions, agent pages not in the navigation.

    Each page is the Markdown our hook generates, with the HTML it fills in after Markdown
    (escaped descriptions, tables, the file) already in place: what a maintainer would have
    to write and keep by hand to publish the same site without the hook. So the baseline
    costs MkDocs the same Markdown, templates and search index, and the ratio is the price
    of the hook itself: loading and checking the catalog, rendering, exports, CSP.
    """
    if str(ROOT / "hooks") not in sys.path:
        sys.path.insert(0, str(ROOT / "hooks"))  # the engine renders the pages, as the hook would
    from agentcat import catalog as engine, render

    _copy_sources(dest, hooks=False)
    for page in (dest / "docs").rglob("*.md"):
        page.write_text(_without_macros(page.read_text(encoding="utf-8")), encoding="utf-8")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # resolves !ENV
    for key in ("hooks", "watch"):  # agents/ and hooks/ do not exist here
        config.pop(key, None)
    config["plugins"] = [p for p in config.get("plugins", [])
                         if (next(iter(p)) if isinstance(p, dict) else p) != "macros"]
    with tempfile.TemporaryDirectory() as tmp:
        catalog = engine.load_catalog(write_catalog(Path(tmp), agents))
    if catalog.problems:
        raise ValueError(f"the synthetic catalog has problems: {catalog.problems[:3]}")
    config["nav"] = [{"Catalog": render.nav_section(catalog)} if item == {"Catalog": "agents/index.md"} else item
                     for item in config.get("nav", [])]
    (dest / "mkdocs.yml").write_text(yaml.dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    # as the hook does it (hooks/catalog.py): the site's address, and the repository's
    site = render.Site(site_url=(config.get("site_url") or "http://127.0.0.1:8000/").rstrip("/") + "/",
                       repo_url=config.get("repo_url") or "")
    for page in render.pages(catalog, site):
        # backticks and tildes as entities: the fence preprocessor would otherwise find the
        # agent's own code fences inside the raw HTML (the browser shows the same text)
        slots = {k: v.replace("`", "&#96;").replace("~", "&#126;") for k, v in page.slots.items()}
        path = dest / "docs" / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        # the filter script comes from assets/agentcat.js (extra_javascript), as on our site
        path.write_text(render.fill_slots(page.markdown, slots), encoding="utf-8")
    return dest


# --- the hand-written baseline: what a maintainer would write by hand -----------------------

def handwritten_page(a: Agent, category_title: str, site_url: str) -> str:
    """One agent page as a person would write it: an H1, the description, a three-row field
    table, two install tabs (pymdownx.tabbed) with one bash block each, the whole file in a
    markdown fence (longer than any fence inside the file)."""
    raw = f"{site_url}raw/{a.name}.md"
    fence = "`" * max(4, max((len(m) for m in re.findall(r"`{3,}", a.text)), default=0) + 1)
    return "\n".join([
        f"# {a.name}", "", a.description, "",
        "| Field | Value |", "|---|---|",
        f"| Tools | {a.tools} |", f"| Model | `{a.model}` |", f"| Category | {category_title} |", "",
        "## Install", "",
        '=== "User level"', "", "    ```bash",
        f"    mkdir -p ~/.claude/agents && curl -fsSL {raw} -o ~/.claude/agents/{a.name}.md", "    ```", "",
        '=== "Project level"', "", "    ```bash",
        f"    mkdir -p .claude/agents && curl -fsSL {raw} -o .claude/agents/{a.name}.md", "    ```", "",
        "## The file", "", f"{fence}markdown", a.text.rstrip("\n"), fence, ""])


def write_handwritten(dest: Path, agents: list[Agent]) -> Path:
    """MkDocs + Material building hand-written agent pages: the project's theme, overrides,
    Markdown extensions and hand-written pages (macros replaced by plain values), search on,
    no hook and no macros plugin; one page per agent (handwritten_page) out of the nav, and a
    catalog page listing them."""
    _copy_sources(dest, hooks=False)
    for page in (dest / "docs").rglob("*.md"):
        page.write_text(_without_macros(page.read_text(encoding="utf-8")), encoding="utf-8")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # resolves !ENV
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["plugins"] = [p for p in config.get("plugins", [])
                         if (next(iter(p)) if isinstance(p, dict) else p) != "macros"]
    site_url = (config.get("site_url") or "http://127.0.0.1:8000/").rstrip("/") + "/"
    titles = {c["slug"]: c["title"] for c in categories()}
    (dest / "docs" / "agents").mkdir(parents=True, exist_ok=True)
    listing = ["# Catalog", ""]
    for a in sorted(agents, key=lambda a: (a.category, a.name)):
        path = dest / "docs" / "agents" / a.category / f"{a.name}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(handwritten_page(a, titles.get(a.category, a.category), site_url), encoding="utf-8")
        listing.append(f"- [{a.name}]({a.category}/{a.name}.md): {a.description}")
    (dest / "docs" / "agents" / "index.md").write_text("\n".join(listing) + "\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(yaml.dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest
