"""A JSON Schema (draft 2020-12) of an agent's frontmatter, generated from spec.py.

Editors use it through yaml-language-server; it describes the format Claude Code reads (what
`agentcat check` reports as format errors), not the catalog's stricter policy: `hooks` or a
missing `tools` line are valid here, and refused by the catalog's own rules.
"""

from __future__ import annotations

import json
import re

from . import spec

DIALECT = "https://json-schema.org/draft/2020-12/schema"
PATH = "schema/agent.schema.json"


def _tool_pattern(*, deny: bool) -> str:
    """One tools entry: a current tool, `Agent(...)`, an MCP tool (`mcp__*` too in a denylist)."""
    names = "|".join(re.escape(t) for t in spec.CURRENT_TOOLS)
    mcp = spec.MCP_TOOL_RE.pattern.strip("^$")
    agent = r"Agent\([^()]*\)"
    wildcard = r"|mcp__\*" if deny else ""
    return f"(?:{names}|{agent}|{mcp}{wildcard})"


def _tools_schema(*, deny: bool) -> dict:
    one = _tool_pattern(deny=deny)
    return {
        "anyOf": [
            {"type": "string", "pattern": rf"^\s*{one}(?:\s*,\s*{one})*\s*,?\s*$"},
            {"type": "array", "items": {"type": "string", "pattern": rf"^\s*{one}\s*$"}, "minItems": 1},
        ],
    }


# JSON types for the kinds that spec.FIELDS documents; fields with more to say are below.
_KINDS = {"string": {"type": "string"}, "boolean": {"type": "boolean"}, "list": {"type": "array"},
          "mapping": {"type": "object"}, "positive integer": {"type": "integer", "minimum": 1}}


def agent_schema(site_url: str = "") -> dict:
    special: dict[str, dict] = {
        "name": {"type": "string", "pattern": spec.NAME_RE.pattern,
                 "not": {"enum": sorted({n for b in spec.BUILTIN_AGENTS for n in (b, b.lower())})}},
        "description": {"type": "string", "minLength": 1, "maxLength": spec.MAX_DESCRIPTION_CHARS,
                        "pattern": r"^[^\n]*\S[^\n]*$"},
        "tools": _tools_schema(deny=False),
        "disallowedTools": _tools_schema(deny=True),
        "model": {"anyOf": [{"enum": list(spec.MODEL_ALIASES)},
                            {"type": "string", "pattern": spec.MODEL_ID_RE.pattern}]},
        "skills": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
        "mcpServers": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
    }
    props = {}
    for field in spec.FIELDS:
        if field.key in special:
            prop = dict(special[field.key])
        elif field.values:  # a closed set of values
            prop = {"enum": list(field.values)}
        else:
            prop = dict(_KINDS.get(field.kind, {}))
        default = "" if field.default.startswith("(") else f" Default: {field.default}."
        props[field.key] = {"description": field.summary + default, **prop}
    return {
        "$schema": DIALECT,
        **({"$id": f"{site_url}{PATH}"} if site_url else {}),
        "title": "Claude Code subagent frontmatter",
        "description": "The YAML frontmatter of a Claude Code subagent file (.claude/agents/<name>.md), "
                       "generated from agentcat's format notes.",
        "type": "object",
        "required": [fl.key for fl in spec.FIELDS if fl.default == "(required)"],
        "properties": props,
        "additionalProperties": False,  # a typo such as `tool:` silently gives an agent every tool
    }


def render(site_url: str = "") -> str:
    return json.dumps(agent_schema(site_url), indent=2, ensure_ascii=False) + "\n"
