"""Effective tools: what the client actually gives an agent, from the facts in spec.py.

Everything the site, the exports and the rules say about an agent's powers comes from
here, never from the raw `tools` line: `Bash(git diff:*)` grants all of Bash, `memory:` adds
Write and Edit, `Task` is `Agent`, `LS` is dropped, and with Bash the client drops Grep and Glob.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from . import spec
from .load import Agent, Node

# How one entry of a `tools` line resolves.
TOOL, ALIAS, WIDENED, MCP, CONDITIONAL, DROPPED, STAR = (
    "tool", "alias", "widened", "mcp", "conditional", "dropped", "star")


class Resolved(NamedTuple):  # (a tuple: made per entry, per file, and a dataclass costs more)
    entry: str
    kind: str
    tool: str | None = None  # the tool it grants (None: nothing)


@functools.lru_cache(maxsize=4096)  # (a catalog names the same few tools in every file)
def resolve(entry: str, *, plan_mode: bool = False) -> Resolved:
    if entry == "*":
        return Resolved(entry, STAR)
    if entry.startswith("mcp__"):
        return Resolved(entry, MCP)
    base, paren, _ = entry.partition("(")
    base = base.strip()
    name = spec.TOOL_ALIASES.get(base, base)
    if name in spec.CURRENT_TOOLS or (plan_mode and name in spec.PLAN_MODE_TOOLS):
        # `Agent(a, b)` limits which agents it may start; any other specifier is ignored
        kind = WIDENED if paren and name != "Agent" else ALIAS if name != base else TOOL
        return Resolved(entry, kind, name)
    if name in spec.CONDITIONAL_TOOLS:
        return Resolved(entry, CONDITIONAL)
    return Resolved(entry, DROPPED)


@dataclass(frozen=True)
class Grant:
    tools: tuple[str, ...]  # effective built-in tools, sorted
    everything: bool  # no `tools` line (or `*`): every tool, deferred and MCP ones included
    mcp: tuple[str, ...] = ()  # MCP tool entries and `mcpServers` names (live when connected)
    added: tuple[str, ...] = ()  # tools added by `memory:`
    folded: tuple[str, ...] = ()  # listed tools dropped because Bash does their work
    launches: bool = True  # False: a `tools` line of which nothing resolves

    def has(self, names: frozenset[str] | set[str]) -> bool:
        return self.everything or bool(set(self.tools) & names)

    @property
    def read_only(self) -> bool:
        """Reads and searches only: no edits, no commands, no agents, no MCP, no worktrees."""
        powers = spec.FILE_EDITING | spec.RUNS_COMMANDS | spec.STARTS_AGENTS | spec.WORKTREES
        return not self.everything and not self.mcp and not set(self.tools) & powers

    def capabilities(self) -> dict[str, bool]:
        return {
            "reads files": self.has(spec.FILE_READING),
            "edits files": self.has(spec.FILE_EDITING),
            "runs commands": self.has(spec.RUNS_COMMANDS),
            "uses the web": self.has(spec.USES_WEB),
            "MCP servers": self.everything or bool(self.mcp),
            "starts agents": self.has(spec.STARTS_AGENTS),
        }


def effective(tools: list[str] | None, *, disallowed: list[str] = (), memory: bool = False,
              plan_mode: bool = False, mcp_servers: list[str] = ()) -> Grant:
    """`tools`: the entries of the `tools` line (None when the file has none)."""
    denied = {r.tool for r in (resolve(d, plan_mode=plan_mode) for d in disallowed) if r.tool}
    deny_mcp = any(d == "mcp__*" or d.startswith("mcp__") for d in disallowed)
    servers = tuple(f"server {s}" for s in mcp_servers)
    if tools is None or "*" in tools:
        base = set(spec.INHERITED_TOOLS)
        if memory:
            base |= set(spec.MEMORY_ADDS)
        mcp = () if deny_mcp else servers
        return Grant(tuple(sorted(base - denied)), everything=not denied, mcp=mcp)
    resolved = [resolve(t, plan_mode=plan_mode) for t in tools]
    granted = {r.tool for r in resolved if r.tool}
    mcp = tuple(r.entry for r in resolved if r.kind == MCP) + servers
    launches = bool(granted or mcp or any(r.kind == CONDITIONAL for r in resolved)) or not tools
    added: tuple[str, ...] = ()
    if memory:
        added = tuple(t for t in spec.MEMORY_ADDS if t not in granted)
        granted |= set(spec.MEMORY_ADDS)
    folded: tuple[str, ...] = ()
    if "Bash" in granted:
        folded = tuple(t for t in spec.SEARCH_TOOLS_FOLDED_INTO_BASH if t in granted)
        granted -= set(folded)
    granted -= denied
    if deny_mcp:
        mcp = ()
    return Grant(tuple(sorted(granted)), everything=False, mcp=mcp, added=added, folded=folded,
                 launches=launches)


# --- reading a file's tool lines --------------------------------------------------------

class ToolEntry(NamedTuple):
    text: str
    line: int
    col: int


_ENTRY = re.compile(f"[^{re.escape(spec.TOOLS_SEPARATORS)}\n]+")


def split_tools(node: Node, source: str | None = None) -> list[ToolEntry] | None:
    """Entries of a `tools`-like value with their positions; None when the shape is wrong."""
    if node.kind == "seq":
        if any(n.kind != "scalar" for n in node.value):
            return None
        return [ToolEntry(n.value.strip(), n.line, n.col) for n in node.value if n.value.strip()]
    if node.kind != "scalar" or node.tag not in ("str", "null"):
        return None
    # the client splits on commas and on whitespace outside parentheses (`Read Grep` is two)
    entries, depth, start = [], 0, 0
    text = node.value
    quote = 1 if node.style in ("'", '"') else 0
    single_line = node.end_line <= node.line and "\n" not in text
    if single_line and "(" not in text:  # the common case: no parentheses, every separator splits
        for m in _ENTRY.finditer(text):
            raw = m.group()
            stripped = raw.strip()
            if stripped:
                entries.append(ToolEntry(stripped, node.line, node.col + quote + m.start() + len(raw) - len(raw.lstrip())))
        return entries
    for i, ch in enumerate(text + ","):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in spec.TOOLS_SEPARATORS + "\n" and depth == 0:
            raw = text[start:i]
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                col = node.col + quote + start + lead if single_line else node.col
                entries.append(ToolEntry(stripped, node.line, col))
            start = i + 1
    if not single_line and node.style is None and source is not None:
        return _relocated(entries, node, source)
    return entries


def _relocated(entries: list[ToolEntry], node: Node, source: str) -> list[ToolEntry]:
    """A plain value folded over several lines: find each entry on the line it is written on."""
    lines = source.split("\n")
    out, line, col = [], node.line, node.col - 1
    for e in entries:
        while line <= min(node.end_line, len(lines)):
            at = lines[line - 1].find(e.text, col)
            if at >= 0:
                out.append(ToolEntry(e.text, line, at + 1))
                col = at + len(e.text)
                break
            line, col = line + 1, 0
        else:
            out.append(e)
    return out


def entries(agent: Agent, key: str, split: dict | None = None) -> list[str] | None:
    """The entries of `tools` or `disallowedTools` as written (None: the key is absent).
    `split`: split_tools' result by key, where the caller has it."""
    if key not in agent.fields:
        return None
    found = split[key] if split and key in split else split_tools(agent.fields[key][1])
    return [e.text for e in found or []]


def of_agent(agent: Agent, split: dict | None = None) -> Grant:
    """The agent's grant (computed once: the rules, the site and the exports all ask)."""
    if agent.grant is None:
        agent.grant = _of_agent(agent, split)
    return agent.grant


def _of_agent(agent: Agent, split: dict | None) -> Grant:
    servers = []
    if "mcpServers" in agent.fields and agent.fields["mcpServers"][1].kind == "seq":
        for item in agent.fields["mcpServers"][1].value:
            if item.kind == "scalar":
                servers.append(str(item.value))
            elif item.kind == "map":
                servers += list(item.value)
    return effective(entries(agent, "tools", split), disallowed=entries(agent, "disallowedTools", split) or [],
                     memory=agent.get("memory") in spec.MEMORY_SCOPES, plan_mode=agent.get("permissionMode") == "plan",
                     mcp_servers=servers)


# --- what each effective tool allows, in one plain sentence (shown on every agent page) ---

ALLOWS = {
    "Read": "Reads any file your account can read, including files outside the project.",
    "Write": "Creates files and overwrites existing ones with new content.",
    "Edit": "Changes existing files by replacing text in them.",
    "NotebookEdit": "Changes cells of Jupyter notebooks.",
    "Glob": "Lists files whose names match a pattern.",
    "Grep": "Searches the contents of files.",
    "Bash": "Runs any shell command you allow: builds, tests, git, package managers, and also deleting files or network access.",
    "PowerShell": "Runs any PowerShell command you allow (on Windows).",
    "Monitor": "Watches a running command or log and reacts to its output.",
    "TaskStop": "Stops a background command that it started.",
    "WebFetch": "Downloads a web page and reads it; the page's text may carry instructions of its own.",
    "WebSearch": "Searches the web and reads the results.",
    "Skill": "Uses the skills installed in your Claude Code.",
    "SendMessage": "Sends messages to other running agents.",
    "Agent": "Starts other agents, which get tools of their own.",
    "EnterWorktree": "Creates and enters a separate git worktree.",
    "ExitWorktree": "Leaves a git worktree it entered.",
    "ToolSearch": "Finds and loads tools that are not loaded at first (deferred and MCP tools).",
    "ExitPlanMode": "Leaves plan mode to present its plan.",
    "LSP": "Asks a language server about the code (definitions, references, types).",
}
ALLOWS_MCP = "Uses the tools of this MCP server when it is connected: whatever that server can do."
ALLOWS_EVERYTHING = ("Every tool of your session, including MCP servers and tools added later: it can read, "
                     "edit, run commands and start agents.")

# Capability badges, in the order they are shown: (key, short label, capability name).
BADGES = (
    ("reads", "reads", "reads files"),
    ("edits", "edits files", "edits files"),
    ("runs", "runs commands", "runs commands"),
    ("web", "web", "uses the web"),
    ("mcp", "MCP", "MCP servers"),
    ("agents", "starts agents", "starts agents"),
)


def badges(grant: Grant) -> list[tuple[str, str]]:
    """(key, label) of each capability the grant has; `read-only` first when it is read-only."""
    caps = grant.capabilities()
    out = [("read-only", "read-only")] if grant.read_only else []
    return out + [(key, label) for key, label, cap in BADGES if caps[cap]]


def allows(tool: str) -> str:
    return ALLOWS.get(tool, "A tool of the client.")
