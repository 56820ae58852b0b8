""".claude-plugin/marketplace.json: the catalog as a Claude Code plugin marketplace.

One plugin per agent (`/plugin install backend --marketplace OWNER/REPO`) and one per
category (all its agents at once). Each entry's `source` is its category folder and its
`agents` list names files in it, with `strict: false` so the entry alone defines the plugin.
Measured in the client (tests/client): it copies the `source` folder and always scans that
folder's own `agents/` subfolder too, so a source at the repository root would install
every agent (and anything at the root, such as hooks) with every plugin. A category folder
holds only agent files, and the category slug `agents` is reserved for that reason.
The file is generated (`agentcat sync`) and committed; a test checks that it is up to date.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from .catalog import Catalog, Entry

NAME = "agentcat"
OWNER = "agentcat"
PATH = Path(".claude-plugin") / "marketplace.json"
SCHEMA_URL = "https://json.schemastore.org/claude-code-marketplace.json"

# Names Claude Code refuses for a marketplace (plus anything starting with `anthropic-`).
RESERVED = frozenset({"claude-code-marketplace", "claude-code-plugins", "claude-plugins-official", "agent-skills"})


class MarketplaceError(ValueError):
    """The catalog cannot be expressed as a marketplace (a located message for the user)."""


def is_reserved(name: str) -> bool:
    return name in RESERVED or name.startswith("anthropic-")


def _plugin(name: str, description: str, category: str, files: list[str]) -> dict:
    """`files`: agent file names inside agents/<category>/."""
    return {"name": name, "source": f"./agents/{category}", "strict": False, "description": description,
            "category": category, "license": "MIT", "agents": [f"./{f}" for f in files]}


def build(catalog: Catalog) -> dict:
    """The marketplace as data: plugins sorted by name, each `agents` list sorted."""
    if is_reserved(NAME):
        raise MarketplaceError(f"marketplace name {NAME!r} is reserved by Claude Code")
    agent_names = {e.name for e in catalog.entries}
    plugins = [_plugin(e.name, e.description, e.category.slug, [e.file_name]) for e in catalog.entries]
    for c in catalog.categories:
        entries = catalog.in_category(c.slug)
        if c.slug in agent_names:
            raise MarketplaceError(f"agents/categories.yml:{c.line}: category {c.slug!r} has the name of an agent; "
                                   f"the two plugins would clash in the marketplace: rename one of them")
        n = len(entries)
        plugins.append(_plugin(c.slug, f"All {n} agent{'s' * (n != 1)} of {c.title}: {c.description}", c.slug,
                               sorted(e.file_name for e in entries)))
    plugins.sort(key=lambda p: p["name"])
    return {
        "$schema": SCHEMA_URL,
        "name": NAME,
        "owner": {"name": OWNER},
        "description": "A catalog of Claude Code subagents that people can trust: one plugin per agent, one per category.",
        "plugins": plugins,
    }


def render(catalog: Catalog) -> str:
    """Deterministic text: fixed key order, sorted plugins, two-space indent, final newline."""
    return json.dumps(build(catalog), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def sync(catalog: Catalog, *, check: bool = False) -> tuple[bool, Path]:
    """Write the file under the catalog's root; returns (changed, path). With check=True only compares."""
    path = catalog.root / PATH
    text = render(catalog)
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if current == text:
        return False, path
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return True, path


# --- commands shown on the site ----------------------------------------------------------

_GITHUB = re.compile(r"^https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(\.git)?/?$")


def source(repo_url: str) -> str:
    """What `/plugin marketplace add` takes: OWNER/REPO for GitHub, else the git URL itself."""
    m = _GITHUB.match(repo_url.strip())
    if m:
        return f"{m.group(1)}/{m.group(2)}"
    return repo_url.strip() if urlsplit(repo_url.strip()).scheme in ("https", "http", "ssh") else "OWNER/REPO"


def add_command(repo_url: str) -> str:
    return f"/plugin marketplace add {source(repo_url)}"


def one_step(plugin: str, repo_url: str) -> str:
    """The form Claude Code 2.1.275 and later advise: adds the marketplace if needed."""
    return f"/plugin install {plugin} --marketplace {source(repo_url)}"


def plugin_commands(entry: Entry, repo_url: str) -> dict[str, str]:
    return {"one_step": one_step(entry.name, repo_url),
            "one_step_category": one_step(entry.category.slug, repo_url),
            "add": add_command(repo_url),  # the two-step form, for older clients
            "install": f"/plugin install {entry.name}@{NAME}",
            "install_category": f"/plugin install {entry.category.slug}@{NAME}",
            "uninstall": f"/plugin uninstall {entry.name}@{NAME}"}
