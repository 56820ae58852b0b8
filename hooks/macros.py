"""mkdocs-macros module for the hand-written pages (docs/*.md).

Generated agent pages set `render_macros: false`: agent content never passes through here.
Everything a macro returns that comes from agent files is escaped HTML.
"""

from __future__ import annotations

import json

import sys
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from agentcat import catalog as engine, problems, render, spec  # noqa: E402


def define_env(env) -> None:
    root = Path(env.conf.config_file_path).parent

    @cache  # per build: define_env runs again on every (re)build
    def cat() -> engine.Catalog:
        return engine.load_catalog_shared(root)

    @env.macro
    def agent_count() -> int:
        return len(cat().entries)

    @env.macro
    def category_count() -> int:
        return len(cat().categories)

    @env.macro
    def categories_list(prefix: str = "agents/") -> str:
        """Markdown list: each category linked, with its count and description."""
        lines = []
        for c in cat().categories:
            n = len(cat().in_category(c.slug))
            lines.append(f"- [{c.title}]({prefix}{c.slug}/index.md) ({n} agent{'s' * (n != 1)}): {c.description}")
        return "\n".join(lines)

    def site() -> render.Site:
        return render.Site(site_url=(env.conf.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/",
                           repo_url=env.conf.repo_url or "")

    @env.macro
    def category_table(slug: str, prefix: str = "agents/") -> str:
        """The agents of one category as an escaped HTML list."""
        entries = cat().in_category(slug)
        if not entries:
            raise ValueError(f"category_table: no category {slug!r}")
        return render.agent_list(entries, prefix, cat(), site(), show_category=False)

    @env.macro
    def read_only_count() -> int:
        return sum(e.read_only for e in cat().entries)

    @env.macro
    def agents_for(*names: str, prefix: str = "agents/") -> str:
        """Inline links to named agents, each with its capability badges. A name the catalog does not
        hold is left out (a test checks that the real catalog holds every name the home page picks)."""
        by_name = {e.name: e for e in cat().entries}
        return " ".join(render.agent_link(by_name[n], prefix) for n in names if n in by_name)

    @env.macro
    def fields_table() -> str:
        rows = ["| Field | Type | Default | Values | Meaning |", "|---|---|---|---|---|"]
        for f in spec.FIELDS:
            values = ", ".join(f"`{v}`" for v in f.values) or ""
            rows.append(f"| `{f.key}` | {f.kind} | {f.default} | {values} | {f.summary} |")
        return "\n".join(rows)

    @env.macro
    def rules_table(group: str) -> str:
        """Each rule with its severity in both profiles and, for claude-code, what the client
        does (the claim the client tests check) or why it is only a warning there."""
        rows = ["| Rule | catalog | claude-code | What it catches | In claude-code |", "|---|---|---|---|---|"]
        for r in problems.RULES.values():
            if r.group == group:
                why = (f"**{r.claim}**: {r.why}" if r.claim else r.why) or "as in the catalog"
                cells = [f'<span id="{r.id.lower()}"></span>`{r.id}`', r.severity, r.claude_code, r.summary, why]
                rows.append("| " + " | ".join(c.replace("|", "&#124;") for c in cells) + " |")
        return "\n".join(rows) + "\n"

    @env.macro
    def rule_groups() -> list[tuple[str, str]]:
        return list(problems.GROUPS.items())

    @env.macro
    def tools_lists() -> dict:
        return {"current": spec.CURRENT_TOOLS, "main_only": spec.NOT_FOR_SUBAGENTS, "retired": spec.RETIRED_TOOLS,
                "aliases": spec.TOOL_ALIASES, "conditional": spec.CONDITIONAL_TOOLS, "folded": spec.SEARCH_TOOLS_FOLDED_INTO_BASH,
                "memory": spec.MEMORY_ADDS, "inherited": spec.INHERITED_TOOLS, "builtin": spec.BUILTIN_AGENTS,
                "models": spec.MODEL_ALIASES}

    # the pinned client: package.json is the one place its version is written
    pinned = json.loads((root / "package.json").read_text(encoding="utf-8"))["devDependencies"]["@anthropic-ai/claude-code"]
    env.variables["client"] = {"version": pinned, "checked": spec.CLIENT_CHECKED}

    env.variables["limits"] = {
        "file_bytes": spec.MAX_FILE_BYTES, "description": spec.MAX_DESCRIPTION_CHARS,
        "catalog_description": spec.CATALOG_DESCRIPTION_CHARS, "depth": spec.MAX_YAML_DEPTH,
        "body_min": spec.BODY_MIN_LINES, "body_max": spec.BODY_MAX_LINES,
    }

    @env.macro
    def repo_file(name: str, skip_title: bool = True) -> str:
        """A Markdown file of the repository (CONTRIBUTING.md), without its first heading."""
        text = (root / name).read_text(encoding="utf-8")
        if skip_title and text.startswith("# "):
            text = text.split("\n", 1)[1]
        return text
