"""`agentcat new`: a file with the required sections whose placeholders fail the linter."""

from __future__ import annotations

import sys
from pathlib import Path

from . import catalog, spec

TEMPLATE = """---
name: {name}
description: "[[fill in: what the agent does, then when to delegate to it: Use when ... / Use proactively after ...]]"
tools: Read, Grep, Glob
model: inherit
---

You are [[fill in: who the agent is, in one sentence]].

## Workflow

1. [[fill in: what to read first]]
2. [[fill in: what to check or change]]
3. [[fill in: how to verify the result]]

## Checklist

- [[fill in: checks specific to the domain]]

## Output

[[fill in: what the agent returns to the main conversation, e.g. findings with file:line, severity and a suggested patch]]

## Boundaries

- [[fill in: what the agent does not do, and when it hands back to the main conversation]]
"""


def new(root: Path, name: str, category: str) -> int:
    if not spec.NAME_RE.match(name):
        print(f"agentcat: name {name!r} must be lowercase letters, digits and hyphens", file=sys.stderr)
        return 2
    cats, problems = catalog.load_categories(root / "agents" / "categories.yml", "agents/categories.yml")
    slugs = [c.slug for c in cats]
    if category not in slugs:
        print(f"agentcat: unknown category {category!r}; declared: {', '.join(slugs) or '(none)'}", file=sys.stderr)
        return 2
    existing = sorted(p for p in (root / "agents").glob(f"*/{name}.md"))
    if existing:
        print(f"agentcat: {existing[0]} already exists", file=sys.stderr)
        return 2
    path = root / "agents" / category / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(name=name), encoding="utf-8")
    print(f"created {path}: replace every [[fill in: ...]], then run `agentcat check {path}`")
    return 0
