"""Lint rules on one loaded agent. Each problem names a rule of problems.RULES."""

from __future__ import annotations

import bisect
import difflib
import functools
import unicodedata
import re
from dataclasses import dataclass

from . import grants, hidden, load, risk, spec
from .load import Agent, Node
from .problems import Problem, capped

_TYPE_NAMES = {"bool": "a boolean", "int": "a number", "float": "a number", "null": "empty (null)",
               "timestamp": "a date", "merge": "a merge key", "value": "a value key"}


def check(agent: Agent) -> list[Problem]:
    """Every rule that looks at one file (catalog-wide rules live in catalog.py)."""
    out: list[Problem] = []
    if agent.frontmatter_ok:  # a broken frontmatter is reported once, by the loader
        out += _keys(agent)
        out += _name(agent)
        out += _description(agent)
        tools = _tools(agent, out)
        out += _values(agent)
        out += _risk_settings(agent, tools)
        out += _body(agent)
    return capped(out)


def _p(agent: Agent, node: Node, rule: str, message: str, offset: int = 0) -> Problem:
    return Problem(agent.path, node.line, node.col + offset, rule, message)


# YAML 1.2's core schema: what the client (a YAML 1.2 reader) takes for something other than
# text. `no`, `on`, `2025-03-18` or `1:20` are text to it, not to YAML 1.1 readers.
_YAML12_NOT_TEXT = re.compile(r"^(null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|"
                              r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")


def is_text(node: Node) -> bool:
    """Text to the client (a YAML 1.2 reader): `no` is text, `1.10` is not."""
    return node.kind == "scalar" and (node.tag == "str" or (node.style is None and not _YAML12_NOT_TEXT.match(node.value)))


def _string(agent: Agent, key: str, out: list[Problem], rule: str = "AC017") -> str | None:
    """The field's text, or None (with a problem) when YAML made it something else."""
    if key not in agent.fields:
        return None
    node = agent.fields[key][1]
    if node.kind == "scalar" and node.tag == "str":
        return node.value
    if node.kind == "scalar" and node.tag == "null":
        return ""
    if node.kind == "scalar" and node.style is None and not _YAML12_NOT_TEXT.match(node.value):
        shown = _TYPE_NAMES.get(node.tag, node.tag)
        out.append(_p(agent, node, "AC022", f"YAML 1.1 readers take `{key}: {node.value}` for {shown}; Claude Code reads the text {node.value!r}; quote it: {key}: \"{node.value}\""))
        return node.value
    shown = _TYPE_NAMES.get(node.tag, f"a {node.kind}") if node.kind == "scalar" else ("a list" if node.kind == "seq" else "a mapping")
    hint = f'; quote it: {key}: "{node.value}"' if node.kind == "scalar" else ""
    out.append(_p(agent, node, rule, f"`{key}` must be text, but YAML reads `{key}: {node.value if node.kind == 'scalar' else '...'}` as {shown}{hint}"))
    return None


def _keys(agent: Agent) -> list[Problem]:
    out = []
    for i, (key, (knode, _)) in enumerate(agent.fields.items()):
        if key in spec.FIELDS_BY_KEY:
            continue
        # a fuzzy match costs; past the problems listed one by one, nobody reads the hint
        fuzzy = len(out) < spec.MAX_LISTED_PER_RULE and len(key) <= 64
        close = difflib.get_close_matches(key, spec.FIELDS_BY_KEY, 1, 0.75) if fuzzy else []
        suggestion = spec.KEY_TYPOS.get(key) or next(iter(close), None)
        if suggestion:
            extra = " (as written, the agent gets every tool)" if suggestion == "tools" and "tools" not in agent.fields else ""
            out.append(_p(agent, knode, "AC220", f"unknown key `{key}`; did you mean `{suggestion}`? the client ignores it{extra}"))
        else:
            out.append(_p(agent, knode, "AC221", f"unknown key `{key}`: Claude Code loads it with a warning and ignores it; known keys: {', '.join(spec.FIELDS_BY_KEY)}"))
    return out


def _name(agent: Agent) -> list[Problem]:
    out: list[Problem] = []
    if "name" not in agent.fields:
        return [Problem(agent.path, 1, 1, "AC201", "`name` is missing: Claude Code treats the file as documentation and skips it")]
    node = agent.fields["name"][1]
    name = _string(agent, "name", out, rule="AC208")
    if name is None:
        return out
    if ":" in name or name.startswith("-"):
        why = "it must not contain `:` (reserved for plugin namespaces)" if ":" in name else "it must not start with `-`"
        out.append(_p(agent, node, "AC202", f"name {name!r} is not valid: {why}; the client skips the file"))
    elif not spec.NAME_RE.match(name) and name not in spec.BUILTIN_AGENTS:
        why = "use lowercase letters" if name.lower() != name and spec.NAME_RE.match(name.lower()) else "use lowercase letters, digits and single hyphens"
        out.append(_p(agent, node, "AC207", f"name {name!r}: {why} (the client loads it under this name as written)"))
    if name in spec.BUILTIN_AGENTS:
        out.append(_p(agent, node, "AC205", f"name {name!r} is a built-in agent's: this file replaces Claude Code's own {name!r}"))
    elif name.lower() in (b.lower() for b in spec.BUILTIN_AGENTS):
        builtin = next(b for b in spec.BUILTIN_AGENTS if b.lower() == name.lower())
        out.append(_p(agent, node, "AC206", f"name {name!r} differs from the built-in agent {builtin!r} only in case; names are case-sensitive, so both load, which confuses readers"))
    if name and name != agent.stem:
        out.append(_p(agent, node, "AC203", f"name {name!r} differs from the file's name {agent.stem + '.md'!r}; rename one of them"))
    return out


def _cut_by_comment(agent: Agent, key: str) -> list[Problem]:
    """`description: Use for A # B` is `Use for A` to YAML: the rest became a comment."""
    node = agent.fields[key][1]
    if node.kind != "scalar" or not node.comment_col:
        return []
    return [Problem(agent.path, node.end_line, node.comment_col, "AC018",
                    f"`{key}` ends here: YAML reads ` #` and the rest of the line as a comment; quote the whole value")]


_TRIGGER = re.compile(r"\b(use|invoke|delegate)\b[^.]{0,30}?\b(when|whenever|proactively|after|before|for|to|if|on)\b|\bmust be used\b", re.I)


def _description(agent: Agent) -> list[Problem]:
    out: list[Problem] = []
    if "description" not in agent.fields:
        return [Problem(agent.path, 1, 1, "AC210", "`description` is missing: Claude Code skips an agent without one")]
    node = agent.fields["description"][1]
    text = _string(agent, "description", out, rule="AC210")
    if text is None:
        return out
    if not text.strip():
        return [_p(agent, node, "AC210", "`description` is empty: Claude Code skips an agent without one")]
    out += _cut_by_comment(agent, "description")
    # a plain value folded over several lines reads as one line to YAML, but not to every
    # loader Claude Code has shipped: any description that spans lines in the file is refused
    if "\n" in text.strip() or node.style in ("|", ">") or node.end_line > node.line:
        out.append(_p(agent, node, "AC211", "`description` spans several lines; write it on one line (multi-line descriptions break loading in some versions)"))
    n = len(text)
    if n > spec.MAX_DESCRIPTION_CHARS:
        out.append(_p(agent, node, "AC212", f"`description` is {n:,} characters; the limit is {spec.MAX_DESCRIPTION_CHARS:,}"))
    elif n > spec.CATALOG_DESCRIPTION_CHARS:
        out.append(_p(agent, node, "AC401", f"`description` is {n} characters; keep it within {spec.CATALOG_DESCRIPTION_CHARS}: it is loaded into every conversation"))
    if not _TRIGGER.search(text):
        out.append(_p(agent, node, "AC402", "`description` does not say when to delegate; add \"Use when ...\" or \"Use proactively after ...\""))
    return out


# --- tools -------------------------------------------------------------------------------

_TOOLS_BY_LOWER = {t.lower(): t for t in spec.CURRENT_TOOLS + tuple(spec.RETIRED_TOOLS) + tuple(spec.TOOL_ALIASES)
                   + tuple(spec.CONDITIONAL_TOOLS)}


@functools.lru_cache(maxsize=4096)  # (a catalog names the same few tools in every file)
def tool_verdict(name: str, *, deny: bool = False, plan_mode: bool = False, suggest: bool = True) -> tuple[str | None, str]:
    """(rule id or None when the entry resolves as written, message), from the client facts.
    `suggest=False` skips the fuzzy match for a close tool name (the costly part, for entries
    nobody will read one by one)."""
    r = grants.resolve(name, plan_mode=plan_mode)
    if r.kind == grants.TOOL:
        if r.tool == "Agent" and "(" in name:
            inner = name.partition("(")[2].rstrip(")")
            bad = [a.strip() for a in inner.split(",") if a.strip() and not spec.NAME_RE.match(a.strip())
                   and a.strip() not in spec.BUILTIN_AGENTS]
            if bad:
                return "AC230", f"`{name}` names {', '.join(map(repr, bad))}, which is not an agent name"
        return None, ""
    if r.kind == grants.ALIAS:
        return "AC235", f"`{name}` is an old name that the client still resolves to `{r.tool}`; write `{name.replace(name.partition('(')[0].strip(), r.tool, 1)}`"
    if r.kind == grants.WIDENED:
        if deny:
            return None, ""  # a denylist entry with a specifier denies at least that
        return "AC237", f"`{name}` grants all of `{r.tool}`: the client ignores the specifier in an agent's tools; write `{r.tool}` and say in the prompt what it may run"
    if r.kind in (grants.MCP, grants.STAR):
        if r.kind == grants.MCP and not spec.MCP_TOOL_RE.match(name) and not (deny and name == "mcp__*"):
            return "AC230", f"`{name}` is not a valid MCP tool name (`mcp__<server>__<tool>`)"
        return None, ""
    if r.kind == grants.CONDITIONAL:
        return "AC236", f"`{name}` reaches a subagent only {spec.CONDITIONAL_TOOLS[name]}; elsewhere the client drops it"
    base = name.partition("(")[0].strip()
    if base in spec.RETIRED_TOOLS:
        return "AC231", f"`{name}` is a retired tool: the client drops it without a word; use `{spec.RETIRED_TOOLS[base]}`"
    if base in spec.NOT_FOR_SUBAGENTS:
        return "AC233", f"`{name}` is never given to a subagent: the client drops it; remove it"
    if name in spec.COPILOT_TOOLS or name.split("/", 1)[0] in spec.COPILOT_TOOLS:
        alt = spec.COPILOT_TOOLS.get(name) or spec.COPILOT_TOOLS.get(name.split("/", 1)[0])
        return "AC230", f"`{name}` is a VS Code Copilot tool name, not a Claude Code tool" + (f"; use `{alt}`" if alt else "")
    if name.lower() in spec.PROGRAMS:
        return "AC230", f"`{name}` is a program, not a tool; allow `Bash` to run it"
    if name.lower() in _TOOLS_BY_LOWER:
        return "AC230", f"`{name}` is not a tool: tool names are case-sensitive; write `{_TOOLS_BY_LOWER[name.lower()]}`"
    close = difflib.get_close_matches(name, spec.CURRENT_TOOLS, 1, 0.7) if suggest and len(name) <= 64 else []
    hint = f"; did you mean `{close[0]}`?" if close else ""
    return "AC230", f"`{name}` is not a Claude Code tool: the client drops it{hint}"


def _tools(agent: Agent, out: list[Problem]) -> set[str] | None:
    """Check `tools` and `disallowedTools`; return the effective tools (None: all tools)."""
    plan_mode = agent.get("permissionMode") == "plan"
    tools_line = False  # a `tools` value of the right shape
    split: dict[str, list[grants.ToolEntry] | None] = {}  # (for the grant: split once)
    for key in ("tools", "disallowedTools"):
        if key not in agent.fields:
            continue
        node = agent.fields[key][1]
        entries = split[key] = grants.split_tools(node, agent.text)
        if entries is None:
            out.append(_p(agent, node, "AC017", f"`{key}` must be a comma-separated string or a list of tool names"))
            continue
        tools_line = tools_line or key == "tools"
        if len(entries) > spec.MAX_ENTRIES:
            extra = entries[spec.MAX_ENTRIES]
            out.append(Problem(agent.path, extra.line, extra.col, "AC019",
                               f"`{key}` lists {len(entries):,} entries; the limit is {spec.MAX_ENTRIES:,} (the rest are not checked)"))
            entries = entries[:spec.MAX_ENTRIES]
        seen: set[str] = set()
        unknown = 0
        for e in entries:
            if e.text in seen:
                out.append(Problem(agent.path, e.line, e.col, "AC234", f"`{e.text}` is listed twice in `{key}`"))
                continue
            seen.add(e.text)
            rule, message = tool_verdict(e.text, deny=key == "disallowedTools", plan_mode=plan_mode,
                                         suggest=unknown < spec.MAX_LISTED_PER_RULE)
            unknown += rule == "AC230"
            if rule:
                out.append(Problem(agent.path, e.line, e.col, rule, message))
    grant = grants.of_agent(agent, split)
    if tools_line:
        node = agent.fields["tools"][1]
        if not grant.launches:
            out.append(_p(agent, node, "AC232", "no entry of `tools` resolves to a tool: the client refuses to start the agent (zero tools)"))
        if grant.added:
            mem = agent.fields["memory"][0]
            out.append(_p(agent, mem, "AC238", f"`memory:` adds {' and '.join(f'`{t}`' for t in grant.added)} to the tools this file lists; list them in `tools` so the file says what the agent may do"))
    return None if grant.everything else set(grant.tools)


# --- values ------------------------------------------------------------------------------

def _choice(agent, key, allowed, rule, out, extra=None):
    value = _string(agent, key, out)
    if value is None:
        return
    if value not in allowed and not (extra and extra(value)):
        node = agent.fields[key][1]
        hint = " (`magenta` is no longer supported)" if key == "color" and value == "magenta" else ""
        out.append(_p(agent, node, rule, f"`{key}: {value}` is not valid{hint}; use one of: {', '.join(allowed)}"))


def _values(agent: Agent) -> list[Problem]:
    out: list[Problem] = []
    _choice(agent, "model", spec.MODEL_ALIASES, "AC240", out, extra=lambda v: bool(spec.MODEL_ID_RE.match(v)))
    _choice(agent, "color", spec.COLORS, "AC241", out)
    _choice(agent, "permissionMode", spec.PERMISSION_MODES, "AC242", out)
    _choice(agent, "effort", spec.EFFORTS, "AC243", out)
    _choice(agent, "memory", spec.MEMORY_SCOPES, "AC244", out)
    _choice(agent, "isolation", spec.ISOLATIONS, "AC245", out)
    if _string(agent, "initialPrompt", out) is not None:
        out += _cut_by_comment(agent, "initialPrompt")
    if "maxTurns" in agent.fields:
        node = agent.fields["maxTurns"][1]
        if not (node.kind == "scalar" and node.tag == "int" and re.fullmatch(r"[1-9][0-9]*", node.value)):
            shown = node.value if node.kind == "scalar" else "..."
            out.append(_p(agent, node, "AC246", f"`maxTurns: {shown}` must be a positive decimal integer such as 20"))
    if "background" in agent.fields:
        node = agent.fields["background"][1]
        if not (node.kind == "scalar" and node.tag == "bool" and node.value in ("true", "false")):
            out.append(_p(agent, node, "AC017", "`background` must be `true` or `false`"))
    for key in ("skills", "mcpServers"):
        if key in agent.fields:
            node = agent.fields[key][1]
            if node.kind != "seq" and not (key == "skills" and node.kind == "scalar" and node.tag == "str"):
                out.append(_p(agent, node, "AC247", f"`{key}` must be a list"))
            elif node.kind == "seq":
                for item in node.value:
                    if item.kind == "scalar" and item.tag != "str":
                        out.append(_p(agent, item, "AC247", f"`{key}` entries must be names (text); quote {item.value!r}"))
                    elif item.kind == "seq" or (item.kind == "map" and key == "skills"):
                        out.append(_p(agent, item, "AC247", f"`{key}` entries must be names"))
                    elif item.kind == "scalar":
                        out += _name_shaped(agent, key, item, item.value)
            else:
                for part in node.value.split(","):
                    out += _name_shaped(agent, key, node, part.strip()) if part.strip() else []
    return out


def _name_shaped(agent: Agent, key: str, node: Node, value: str) -> list[Problem]:
    """A skill or server is named, never given as a path or a command line."""
    rx = spec.SKILL_NAME_RE if key == "skills" else spec.SERVER_NAME_RE
    if rx.match(value):
        return []
    shape = "a path" if "/" in value or "\\" in value or value.startswith(("~", ".")) else \
        "a command line" if " " in value.strip() else "not a name"
    return [_p(agent, node, "AC247", f"`{key}` entry {value!r} is {shape}; write the name of a "
                                      f"{'skill' if key == 'skills' else 'configured MCP server'} (letters, digits, `-`, `_`, `.`)")]


# --- risk --------------------------------------------------------------------------------

def _risk_settings(agent: Agent, tools: set[str] | None) -> list[Problem]:
    out: list[Problem] = []
    mode = agent.get("permissionMode")
    if mode in spec.RISKY_PERMISSION_MODES:
        out.append(_p(agent, agent.fields["permissionMode"][1], "AC301", f"`permissionMode: {mode}` lets the agent act without asking; the catalog refuses it"))
    if "hooks" in agent.fields:
        out.append(_p(agent, agent.fields["hooks"][0], "AC302", "`hooks` run shell commands on the user's machine; the catalog refuses them"))
    if "mcpServers" in agent.fields and agent.fields["mcpServers"][1].kind == "seq":
        for item in agent.fields["mcpServers"][1].value:
            if item.kind == "map":
                out.append(_p(agent, item, "AC303", "an inline MCP server definition starts a process; name a server the user configured instead"))
    if "tools" not in agent.fields:
        out.append(Problem(agent.path, 1, 1, "AC304", "no `tools` line: the agent inherits every tool; list the ones it needs"))
    if tools and "Bash" in tools and tools & spec.USES_WEB:
        node = agent.fields["tools"][1]
        web = " and ".join(sorted(tools & spec.USES_WEB))
        out.append(_p(agent, node, "AC310", f"`Bash` with `{web}`: web content can carry instructions that the shell then runs"))
    return out


# The patterns, their normalisation and their needles live in risk.py.
BODY_PATTERNS = risk.PATTERNS


def normalise(text: str) -> str:
    """What the risk patterns are matched against (see risk.normalise)."""
    return risk.normalise(text).text


def _body(agent: Agent) -> list[Problem]:
    out: list[Problem] = []
    body = agent.body
    if not body.strip():
        return [Problem(agent.path, agent.body_line, 1, "AC405", "the body is empty: it is the agent's system prompt")]
    lines = body.split("\n")
    nonblank = sum(map(bool, map(str.strip, lines)))
    total = len(lines) - (lines[-1] == "")  # a final newline ends the last line, it starts none
    if nonblank < spec.BODY_MIN_LINES or len(lines) > spec.BODY_MAX_LINES:
        out.append(Problem(agent.path, agent.body_line, 1, "AC403",
                           f"the body has {nonblank} non-blank line{'s' * (nonblank != 1)} ({total} line{'s' * (total != 1)} in all); keep it between {spec.BODY_MIN_LINES} non-blank and {spec.BODY_MAX_LINES} lines in all"))
    for m in re.finditer(r"\[\[fill in", agent.text):
        line, col = agent.locate(m.start())
        out.append(Problem(agent.path, line, col, "AC404", "scaffold placeholder `[[fill in: ...]]` left in the file; replace it"))
    out += hard_wrapped(agent, lines)
    out += hidden.comments(body, agent.body_offset, agent.locate, agent.path)
    out += hidden.not_nfc(agent.text, agent.locate, agent.path)
    out += hidden.mixed_scripts(agent.text, agent.locate, agent.path)
    out += risk_patterns(agent)
    return out


# A line that starts a block of its own: a list item, heading, table row, quote, HTML, a
# reference definition, or an indented line (code, or a list item's nested block).
_BLOCK_START = re.compile(r"^(\s*([-*+]|\d+[.)])\s|\s*#|\s*\||\s*>|\s*<|\s{4}|\t|\s*$|\s{0,3}\[[^\]\n]+\]:)")
_FENCE = re.compile(r"^\s*(```|~~~)")


_SENTENCE_END = (".", "!", "?", ":", ";")


def _ends_sentence(line: str) -> bool:
    """The last visible character ends a sentence (invisible and combining ones skipped)."""
    end = line.rstrip()
    if end.endswith(_SENTENCE_END) or not end or end[-1].isascii():
        return end.endswith(_SENTENCE_END)
    while end and unicodedata.category(end[-1]) in ("Mn", "Me", "Cf", "So"):  # marks, emoji
        end = end[:-1].rstrip()
    return end.endswith(_SENTENCE_END)


def hard_wrapped(agent: Agent, lines: list[str]) -> list[Problem]:
    """The catalog's style is one physical line per paragraph and per list item. A prose line
    that continues a line cut mid-sentence is a hard wrap (reported once per paragraph);
    a line per sentence is left alone."""
    return [Problem(agent.path, agent.body_line + i, 1, "AC406", "this line continues the paragraph above: join it, one line per paragraph")
            for i in wrapped_lines(agent.body, lines)]


# A line break after a line that ends in something other than a sentence's end or a space,
# before a line that is not blank: where a hard wrap can be (each is then checked in full).
_OPEN_BREAK = re.compile(r"\n(?<![.!?:;\s]\n)(?=[^\S\n]*\S)")
_TRAILING_SPACE = re.compile(r"\n(?<=[^\S\n]\n)")


def wrapped_lines(body: str, lines: list[str]) -> list[int]:
    """The indexes of the lines that continue a line cut mid-sentence (see hard_wrapped).
    The line breaks where one can be are found by a regex with a literal start, and only
    those lines are looked at: about half the time of reading every line (_wrapped_lines_read,
    which a line with trailing spaces still takes; tests/test_rules.py compares the two)."""
    if _TRAILING_SPACE.search(body):
        return _wrapped_lines_read(lines)
    fences = _fence_lines(body) if "```" in body or "~~~" in body else []
    out: list[int] = []
    line = 0
    pos = 0
    for m in _OPEN_BREAK.finditer(body):
        line += body.count("\n", pos, m.start()) + 1  # the index of the line after the break
        pos = m.end()
        before = bisect.bisect_left(fences, line - 1)  # fences before the line above
        if before < len(fences) and fences[before] in (line - 1, line):
            continue  # a fence line on either side
        if before % 2:
            continue  # inside a fenced block
        above = lines[line - 1].strip()
        if not above or above[0] in "#|<" or (out and out[-1] == line - 1):
            continue  # the line above is no prose (or the body's first, empty), or it was reported (once per paragraph)
        if not _ends_sentence(lines[line - 1]) and not _BLOCK_START.match(lines[line]):
            out.append(line)
    return out


def _fence_lines(body: str) -> list[int]:
    """The indexes of the lines that open or close a fenced block (see _FENCE): where a
    fence mark is the line's first thing, found by str.find, one line at most once."""
    starts = set()
    for mark in ("```", "~~~"):
        at = body.find(mark)
        while at >= 0:
            start = body.rfind("\n", 0, at) + 1
            if start == at or body[start:at].isspace():
                starts.add(start)
            end = body.find("\n", at)
            at = body.find(mark, end) if end >= 0 else -1
    out, line, pos = [], 0, 0
    for start in sorted(starts):
        line += body.count("\n", pos, start)
        pos = start
        out.append(line)
    return out


def _wrapped_lines_read(lines: list[str]) -> list[int]:
    """wrapped_lines, by reading every line in turn."""
    out: list[int] = []
    fenced, prev_prose = False, False
    for i, line in enumerate(lines):
        if ("```" in line or "~~~" in line) and _FENCE.match(line):
            fenced, prev_prose = not fenced, False
            continue
        if fenced:
            continue
        # the cheap tests first: most lines follow a blank line or a finished sentence
        if prev_prose and line.strip() and not _ends_sentence(lines[i - 1]) and not _BLOCK_START.match(line):
            out.append(i)
            prev_prose = False  # once per paragraph
            continue
        stripped = line.strip()
        prev_prose = bool(stripped) and stripped[0] not in "#|<"
    return out


def risk_patterns(agent: Agent) -> list[Problem]:
    """Risk patterns in the body and in every text value of the frontmatter (description,
    initialPrompt, skills and mcpServers entries, any other text), matched after
    normalisation (risk.normalise: `su\\u200bdo` is `sudo`); each problem points at the
    character where the match starts, as written."""
    out: list[Problem] = []
    # every value and the body in one text, so that 80,000 short list entries cost one search,
    # not 80,000, and a file one. No pattern crosses a blank line, and three line breaks leave
    # one even where a line continuation (a backslash) folds one away.
    values = list(_text_values(agent))
    starts, pos = [], 0
    for _, node in values:
        starts.append(pos)
        pos += len(node.value) + len(_APART)
    text = _APART.join([node.value for _, node in values] + [agent.body])
    body_line = agent.locate(agent.body_offset)[0] if agent.body_offset < len(agent.text) else agent.body_line
    for m in risk.find(text, spec.MAX_LISTED_PER_RULE):
        if m.start >= pos:  # the body
            line, col = agent.locate(agent.body_offset + m.start - pos)
            out.append(_risk_problem(agent.path, line if agent.body else body_line, col, m, "the body"))
            continue
        i = bisect.bisect_right(starts, m.start) - 1
        key, node = values[i]
        line, col = _value_position(agent, node, m.start - starts[i]) if m.text else (node.line, node.col)
        out.append(_risk_problem(agent.path, line, col, m, f"`{key}`"))
    return out


_APART = "\n\n\n"
_COUNTED = "one more of the same kind (counted, not listed)"


def _risk_problem(path: str, line: int, col: int, m, where: str) -> Problem:
    if not m.text:
        return Problem(path, line, col, m.rule, _COUNTED)
    note = ""
    if m.written != m.text:
        note = " (after folding spaces and line continuations)" if m.written.isascii() else " (after Unicode normalisation)"
    return Problem(path, line, col, m.rule, f"{where} {m.what}: `{_clip(m.text)}`{note}")


def _text_values(agent: Agent):
    """(key, scalar node) for every text value of the frontmatter, nested ones included."""
    def walk(key: str, node: Node):
        if node.kind == "scalar":
            if node.tag == "str" and node.value and key != "name":
                yield key, node
        elif node.kind == "seq":
            for item in node.value:
                yield from walk(key, item)
        else:
            for k, (_, v) in node.value.items():
                yield from walk(f"{key}.{k}" if key else k, v)
    for key, (_, node) in agent.fields.items():
        yield from walk(key, node)


def _value_position(agent: Agent, node: Node, offset: int) -> tuple[int, int]:
    """Where the value's character at `offset` is in the file: exact for a value on one line
    that is written as it reads (plain, or quoted without escapes), else the value's start."""
    if node.line == node.end_line or node.end_line == 0:
        quote = 1 if node.style in ("'", '"') else 0
        start = agent.line_starts[node.line - 1] + node.col - 1 + quote
        if agent.text.startswith(node.value, start) and "\n" not in node.value:
            return node.line, node.col + quote + offset
    return node.line, node.col


def _clip(s: str) -> str:
    return s if len(s) <= 40 else s[:37] + "..."
