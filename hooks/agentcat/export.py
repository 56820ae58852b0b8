"""Files written next to the pages: raw agent files, agents.json, the frontmatter schema,
llms.txt, zip bundles with their checksums, and exports to other tools' formats.

`write_site_files` is what the MkDocs hook calls after a build and what `agentcat export`
runs on its own; both produce the same bytes for the same catalog and site address.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable

from . import bundles, dates, formats, marketplace, schema
from .catalog import Catalog, Entry
from .render import Site

AGENTS_JSON_VERSION = 1  # raised only for incompatible changes; new fields may appear in any version

# What the site can fail on when writing these files: located messages, not tracebacks.
ERRORS = (bundles.BundleError, marketplace.MarketplaceError)


def agents_json(catalog: Catalog, site: Site, exported: dict[str, dict[str, str]]) -> str:
    """`exported`: each agent's export URL paths by tool (what site_files wrote)."""
    data = {
        "version": AGENTS_JSON_VERSION,
        "count": len(catalog.entries),
        "marketplace": {"name": marketplace.NAME, "add": marketplace.add_command(site.repo_url)},
        "schema_url": f"{site.site_url}{schema.PATH}",
        "bundles": {slug: f"{site.site_url}downloads/{slug}.zip" for slug in [c.slug for c in catalog.categories] + ["all"]},
        "agents": [
            {
                "name": e.name,
                "description": e.description,
                "category": e.category.slug,
                "tools": e.tools,
                "model": e.model,
                "capabilities": [k for k, on in e.capabilities().items() if on],
                "page_url": site.page_url(e),
                "raw_url": site.raw_url(e),
                "source_path": e.rel_path,
                "sha256": e.sha256,
                "size": len(e.raw),
                "plugin": f"{e.name}@{marketplace.NAME}",
                "exports": {tool: f"{site.site_url}{path}" for tool, path in exported[e.name].items()},
                "review_notes": [p.as_dict() for p in e.notes],
            }
            for e in catalog.entries
        ],
    }
    # allow_nan=False: YAML's .nan would otherwise become invalid JSON
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def llms_txt(catalog: Catalog, site: Site) -> str:
    """The llmstxt.org shape: a title, a summary, then one section of links per category."""
    n, m = len(catalog.entries), len(catalog.categories)
    lines = [
        "# agentcat",
        "",
        f"> A catalog of Claude Code subagents that people can trust: {n} agents in {m} categories. "
        "Every agent is one Markdown file (YAML frontmatter, then the system prompt) that passes a strict "
        "check of the agent format and of hidden or hostile content. Each link is the raw file, byte for "
        "byte what gets installed.",
        "",
        "Install an agent by saving its file into `~/.claude/agents/` (every project) or `.claude/agents/` "
        f"(one project). Every agent with its SHA-256: {site.site_url}agents.json. JSON Schema of the "
        f"frontmatter: {site.site_url}{schema.PATH}.",
    ]
    for c in catalog.categories:
        lines += ["", f"## {c.title}", ""]
        lines += [f"- [{e.name}]({site.raw_url(e)}): {e.description}" for e in catalog.in_category(c.slug)]
    return "\n".join(lines) + "\n"


def site_files(catalog: Catalog, site: Site, epoch: int | None = None,
               reuse: Callable[[Entry], dict[str, str] | None] = lambda e: None,
               exported: dict[str, dict[str, str]] | None = None):
    """Every file as (path under the site's root, bytes), produced one at a time so that a
    large catalog's exports never sit in memory all at once. `epoch` (SOURCE_DATE_EPOCH)
    dates the zip entries; None: 1980-01-01. `reuse(entry)` may answer that an agent's raw
    file and exports are in place from the last build (their URL paths by tool): they are
    then neither produced again nor yielded. `exported` (filled in): each agent's export URL
    paths by tool."""
    exported = {} if exported is None else exported
    for e in catalog.entries:
        kept = reuse(e)
        if kept is not None:
            exported[e.name] = kept
            continue
        yield f"raw/{e.name}.md", e.raw
        exported[e.name] = {}
        for x in formats.exports(e):
            if x.text is not None:
                exported[e.name][x.format.tool] = x.url_path
                yield x.url_path, x.text.encode()
    yield "agents.json", agents_json(catalog, site, exported).encode()
    yield schema.PATH, schema.render(site.site_url).encode()
    yield "llms.txt", llms_txt(catalog, site).encode()
    zips = bundles.bundles(catalog, bundles.EPOCH if epoch is None else dates.zip_date_time(epoch))
    for name, data in zips.items():
        yield f"downloads/{name}", data
    # checksums under the names a user downloads: the bundles and the raw files
    yield "downloads/SHA256SUMS", bundles.sha256sums({**zips, **{f"{e.name}.md": e.raw for e in catalog.entries}}).encode()


def _entry_key(e: Entry) -> str:
    """Everything an agent's raw file and exports are made from."""
    return hashlib.sha256(json.dumps([e.rel_path, e.name, e.sha256, e.category.slug]).encode()).hexdigest()


def write_site_files(catalog: Catalog, site: Site, site_dir: Path, epoch: int | None = None,
                     state: Path | None = None) -> None:
    """Write every file of site_files into site_dir. With `state` (a JSON file outside the
    site, kept by the caller between builds into the same folder, as `mkdocs serve` does),
    an agent whose raw file and exports are unchanged and still in place is skipped."""
    old: dict = {}
    where = str(site_dir.resolve())
    if state is not None:
        try:
            data = json.loads(state.read_text(encoding="utf-8"))
            if data.get("site_dir") == where and isinstance(data.get("entries"), dict):
                old = data["entries"]
        except (OSError, ValueError, AttributeError):
            old = {}
    new: dict[str, dict] = {}

    def reuse(e: Entry) -> dict[str, str] | None:
        key = _entry_key(e)
        prev = old.get(e.name)
        if (isinstance(prev, dict) and prev.get("key") == key and isinstance(prev.get("exports"), list)
                and all((site_dir / rel).is_file() for rel in [f"raw/{e.name}.md", *(p for _, p in prev["exports"])])):
            new[e.name] = prev
            return dict(prev["exports"])  # in the order written: agents.json keeps it
        return None

    made: set[Path] = set()
    exported: dict[str, dict[str, str]] = {}
    for rel, data in site_files(catalog, site, epoch, reuse if state is not None else (lambda e: None), exported):
        path = site_dir / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
    if state is not None:
        for e in catalog.entries:  # what this build wrote
            if e.name not in new:
                new[e.name] = {"key": _entry_key(e), "exports": list(exported[e.name].items())}
        state.parent.mkdir(parents=True, exist_ok=True)
        tmp = state.with_name(state.name + ".tmp")
        tmp.write_text(json.dumps({"site_dir": where, "entries": new}, sort_keys=True), encoding="utf-8")
        os.replace(tmp, state)
