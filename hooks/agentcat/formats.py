"""Exports of a catalog agent to other tools' agent formats, with what each one drops.

The mapping follows the project's format notes (shared/spec/agent-format.md, "Other tools'
agent formats"). Every export keeps the agent's prompt (its body) as it is; what a format
cannot express is left out and listed in `Export.dropped`, which the agent page shows.
Model names are never carried over: Claude's aliases (`sonnet`, `opus`...) mean nothing
to another tool, which then uses its own default model.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from . import rules, spec
from .catalog import Entry

COPILOT_MAX_PROMPT = 30_000  # characters; GitHub Copilot refuses longer agent prompts

# Claude Code tool -> OpenCode permission key, and the value an allowed tool gets: tools that
# Claude Code runs without asking stay "allow"; edits, commands and the web "ask", as Claude
# Code's default permission mode does. Every key the agent does not allow is "deny".
OPENCODE_PERMISSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "Read": (("read", "allow"),),
    "Grep": (("grep", "allow"),),
    "Glob": (("glob", "allow"), ("list", "allow")),
    "LSP": (("lsp", "allow"),),
    "TodoWrite": (("todowrite", "allow"),),
    "Skill": (("skill", "allow"),),
    "Agent": (("task", "allow"),),
    "Edit": (("edit", "ask"),),
    "Write": (("edit", "ask"),),
    "NotebookEdit": (("edit", "ask"),),
    "Bash": (("bash", "ask"),),
    "WebFetch": (("webfetch", "ask"),),
    "WebSearch": (("websearch", "ask"),),
}
OPENCODE_KEYS = ("read", "grep", "glob", "list", "lsp", "edit", "bash", "webfetch", "websearch",
                 "task", "todowrite", "skill")

# Claude Code tool names that GitHub Copilot accepts, as Copilot's own aliases.
COPILOT_TOOLS = {
    "Bash": "execute", "Read": "read", "Edit": "edit", "Write": "edit", "Grep": "search",
    "Glob": "search", "WebFetch": "web", "WebSearch": "web", "Agent": "agent", "TodoWrite": "todo",
}

GEMINI_TOOLS = {
    "Read": "read_file", "Grep": "grep_search", "Glob": "glob", "Bash": "run_shell_command",
    "Write": "write_file", "Edit": "replace", "WebFetch": "web_fetch", "WebSearch": "google_web_search",
}


@dataclass(frozen=True)
class Format:
    tool: str  # the folder under /exports/
    title: str
    folder: str  # where the tool looks for agents in a project
    suffix: str
    carries: tuple[str, ...]  # frontmatter keys the export expresses in its own terms (the body always)
    how: str  # one line for the agent page: how the tools are expressed

    def filename(self, name: str) -> str:
        return f"{name}{self.suffix}"


FORMATS = (
    Format("opencode", "OpenCode", ".opencode/agents/", ".md", ("name", "description", "tools", "disallowedTools"),
           "`mode: subagent`; tools become a `permission` map (read-only tools allow, edits, commands and the web ask, the rest deny)"),
    Format("copilot", "GitHub Copilot", ".github/agents/", ".agent.md", ("name", "description", "tools"),
           "tools become Copilot's aliases (`Bash` is `execute`, `Grep` and `Glob` are `search`...)"),
    Format("gemini", "Gemini CLI", ".gemini/agents/", ".md", ("name", "description", "tools", "maxTurns"),
           "tools become Gemini CLI's names (`read_file`, `grep_search`, `run_shell_command`...)"),
    Format("codex", "Codex", ".codex/agents/", ".toml", ("name", "description", "tools"),
           "TOML with the prompt as `developer_instructions`; no tool list: an agent that neither edits nor runs commands gets `sandbox_mode = \"read-only\"`"),
)
FORMATS_BY_TOOL = {f.tool: f for f in FORMATS}


@dataclass
class Export:
    format: Format
    name: str
    text: str | None  # None: refused (see `refused`)
    dropped: list[str] = field(default_factory=list)  # what the export leaves out, as Markdown
    refused: str = ""

    @property
    def url_path(self) -> str:
        """Where the site serves it, relative to the site's root."""
        return f"exports/{self.format.tool}/{self.format.filename(self.name)}"

    @property
    def install_path(self) -> str:
        return f"{self.format.folder}{self.format.filename(self.name)}"


def exports(entry: Entry) -> list[Export]:
    return [_BUILDERS[f.tool](entry, f) for f in FORMATS]


# --- the formats -------------------------------------------------------------------------

def opencode(entry: Entry, fmt: Format = FORMATS_BY_TOOL["opencode"]) -> Export:
    tools, dropped = _effective_tools(entry), []
    meta: dict = {"description": entry.description, "mode": "subagent"}
    # no tools line: the Claude file inherits every tool, and so does the export (but the denylist)
    permission = dict.fromkeys(OPENCODE_KEYS, "deny") if tools is not None else {}
    for t in tools or ():
        base = _base(t)
        if base == "Agent" and t != "Agent":
            dropped.append(f"{_tool(t)} (OpenCode cannot limit which agents it starts, so `task` stays denied)")
        elif base not in OPENCODE_PERMISSIONS:
            dropped.append(_tool(t))
        else:  # tools that share a key (Edit, Write, NotebookEdit) share its value too
            permission.update(OPENCODE_PERMISSIONS[base])
    for t in _entries(entry, "disallowedTools"):
        permission.update((key, "deny") for key, _ in OPENCODE_PERMISSIONS.get(_base(t), ()))
    if permission:
        meta["permission"] = permission
    return Export(fmt, entry.name, _markdown(meta, entry), _dropped_fields(entry, fmt) + dropped)


def copilot(entry: Entry, fmt: Format = FORMATS_BY_TOOL["copilot"]) -> Export:
    if len(entry.agent.body) > COPILOT_MAX_PROMPT:
        return Export(fmt, entry.name, None, refused=f"the prompt has {len(entry.agent.body):,} characters; "
                                                    f"GitHub Copilot accepts at most {COPILOT_MAX_PROMPT:,}")
    tools, dropped = _effective_tools(entry), []
    meta: dict = {"name": entry.name, "description": entry.description}
    if tools is not None:
        meta["tools"] = _mapped(tools, COPILOT_TOOLS, dropped)
    return Export(fmt, entry.name, _markdown(meta, entry), _dropped_fields(entry, fmt) + dropped)


def gemini(entry: Entry, fmt: Format = FORMATS_BY_TOOL["gemini"]) -> Export:
    tools, dropped = _effective_tools(entry), []
    meta: dict = {"name": entry.name, "description": entry.description}
    if tools is not None:
        meta["tools"] = _mapped(tools, GEMINI_TOOLS, dropped)
    if "maxTurns" in entry.agent.fields:
        meta["max_turns"] = entry.agent.get("maxTurns")
    return Export(fmt, entry.name, _markdown(meta, entry), _dropped_fields(entry, fmt) + dropped)


def codex(entry: Entry, fmt: Format = FORMATS_BY_TOOL["codex"]) -> Export:
    lines = [f"name = {toml_string(entry.name)}", f"description = {toml_string(entry.description)}"]
    if read_only(entry):
        lines.append('sandbox_mode = "read-only"')
    lines.append(f"developer_instructions = {toml_multiline(entry.agent.body)}")
    dropped = _dropped_fields(entry, fmt)
    if entry.tools is not None:
        dropped.append("the tool list (Codex has no allowlist" + ("; the sandbox is read-only)" if read_only(entry) else ")"))
    return Export(fmt, entry.name, "\n".join(lines) + "\n", dropped)


_BUILDERS = {"opencode": opencode, "copilot": copilot, "gemini": gemini, "codex": codex}


def read_only(entry: Entry) -> bool:
    """Neither edits files nor runs commands (an agent that inherits every tool does both)."""
    tools = _effective_tools(entry)
    return tools is not None and not {_base(t) for t in tools} & (spec.FILE_EDITING | spec.RUNS_COMMANDS)


# --- helpers -----------------------------------------------------------------------------

def _base(tool: str) -> str:
    """`Agent(a, b)` -> `Agent`; other entries as they are."""
    return tool.split("(", 1)[0].strip()


def _effective_tools(entry: Entry) -> list[str] | None:
    """The allowlist less the denylist, which Claude Code applies first; None: every tool."""
    if entry.tools is None:
        return None
    denied = {_base(t) for t in _entries(entry, "disallowedTools")}
    return [t for t in entry.tools if _base(t) not in denied]


def _entries(entry: Entry, key: str) -> list[str]:
    if key not in entry.agent.fields:
        return []
    return [e.text for e in rules.split_tools(entry.agent.fields[key][1]) or []]


def _mapped(tools: list[str], table: dict[str, str], dropped: list[str]) -> list[str]:
    """Tool names in another tool's vocabulary, in order, without repeats."""
    out: list[str] = []
    for t in tools:
        name = table.get(t)  # `Agent(a, b)` is not a key: its limit cannot be expressed, so it is dropped
        if name is None:
            dropped.append(_tool(t))
        elif name not in out:
            out.append(name)
    return out


# Dropped items go into the agent page's Markdown: only spec keys and tool names of a safe
# shape appear there, never a value written in the agent file.
_SAFE_TOOL = re.compile(r"[A-Za-z0-9_*-]+(\([a-z0-9, -]*\))?")


def _tool(name: str) -> str:
    return f"tool `{name}`" if _SAFE_TOOL.fullmatch(name) else "a tool that is not a known name"


def _dropped_fields(entry: Entry, fmt: Format) -> list[str]:
    out = []
    for key, (_, node) in entry.agent.fields.items():
        if key in fmt.carries or (key == "disallowedTools" and entry.tools is not None):
            continue  # with an allowlist, every export applies the denylist to it
        if key == "model" and node.python() == "inherit":
            continue  # the other tool uses its session's model too: nothing is lost
        out.append(f"`{key}`" if key in spec.FIELDS_BY_KEY else "an unknown key")
    return out


def _markdown(meta: dict, entry: Entry) -> str:
    return f"---\n{yaml_mapping(meta)}---\n{entry.agent.body}"


# --- YAML and TOML writers -----------------------------------------------------------------
# Written here rather than by PyYAML's emitter, which is about a hundred times slower: the
# values are few and simple (text, integers, lists of names, one mapping of names).

_PLAIN = re.compile(r"[a-z][a-z0-9_]*(-[a-z0-9_]+)*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})  # YAML 1.1 reads these


def yaml_scalar(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and value not in _YAML_WORDS:
        return value
    # a JSON string is a YAML double-quoted scalar; YAML 1.1 also breaks lines at these three
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\u0085", "\\x85").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def yaml_mapping(meta: dict, indent: str = "") -> str:
    out = []
    for key, value in meta.items():
        if isinstance(value, dict):
            out.append(f"{indent}{key}:\n" + yaml_mapping(value, indent + "  "))
        elif isinstance(value, list):
            out.append(f"{indent}{key}:" + ("".join(f"\n{indent}- {yaml_scalar(v)}" for v in value) if value else " []") + "\n")
        else:
            out.append(f"{indent}{key}: {yaml_scalar(value)}\n")
    return "".join(out)


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_TOML_BASIC = re.compile(r'["\\\x00-\x1f\x7f]')
# in a multi-line string: backslashes, controls except newline and tab, and every quote that
# is followed by another quote or ends the text (so no run of three, and no early close)
_TOML_MULTILINE = re.compile(r'[\\\x00-\x08\x0b-\x1f\x7f]|"(?="|\Z)')


def _toml_escape(m: re.Match) -> str:
    c = m.group()
    return _TOML_ESCAPES.get(c) or f"\\u{ord(c):04X}"


def toml_string(text: str) -> str:
    """A TOML basic string: one line, every special character escaped."""
    return '"' + _TOML_BASIC.sub(_toml_escape, text) + '"'


def toml_multiline(text: str) -> str:
    """A TOML multi-line basic string that reads back as exactly `text` (newlines and tabs stay)."""
    # the newline right after the opening quotes is trimmed by TOML
    return '"""\n' + _TOML_MULTILINE.sub(_toml_escape, text) + '"""'
