"""Problems and the rule catalogue: every rule has a stable id, a severity and a summary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import charclass, spec

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    group: str
    summary: str


_R = Rule
RULES = {r.id: r for r in (
    # The file itself: size, encoding, frontmatter, YAML.
    _R("AC001", ERROR, "file", f"The file is larger than {spec.MAX_FILE_BYTES // 1024} KiB (checked before it is read)."),
    _R("AC002", ERROR, "file", "The file cannot be read as UTF-8 text (invalid bytes, unreadable, not a regular file)."),
    _R("AC003", ERROR, "file", "The file starts with a byte-order mark."),
    _R("AC004", ERROR, "file", "The file has CR or CRLF line endings; use LF."),
    _R("AC005", ERROR, "file", "The file does not start with a `---` frontmatter line at byte 0."),
    _R("AC006", ERROR, "file", "The frontmatter is not closed by a `---` line."),
    _R("AC010", ERROR, "yaml", "The frontmatter is not valid YAML."),
    _R("AC011", ERROR, "yaml", "The frontmatter uses a YAML anchor or alias."),
    _R("AC012", ERROR, "yaml", "The frontmatter uses an explicit YAML tag (`!!python/...`, `!!binary`, ...)."),
    _R("AC013", ERROR, "yaml", "A key appears twice in the frontmatter (YAML keeps the last one silently)."),
    _R("AC014", ERROR, "yaml", "The frontmatter holds more than one YAML document."),
    _R("AC015", ERROR, "yaml", f"The frontmatter nests deeper than {spec.MAX_YAML_DEPTH} levels."),
    _R("AC016", ERROR, "yaml", "The frontmatter is not a mapping of keys to values."),
    _R("AC017", ERROR, "yaml", "A value has the wrong type (`name: no` is a boolean: quote it)."),
    _R("AC018", ERROR, "yaml", "A text value is cut short at ` #`: YAML reads the rest of the line as a comment."),
    _R("AC019", ERROR, "yaml", f"A list, a mapping or a `tools` line holds more than {spec.MAX_ENTRIES:,} entries."),
    # Hidden and deceptive characters.
    _R("AC101", ERROR, "characters", "A control character (C0 except LF and TAB in the body, DEL, C1)."),
    _R("AC102", ERROR, "characters", "A bidirectional control character (Trojan Source)."),
    _R("AC103", ERROR, "characters", "An invisible character: every format character and default-ignorable code point, fillers, blanks, a BOM inside the text."),
    _R("AC104", ERROR, "characters", "Unicode tag characters: invisible text that spells ASCII (ASCII smuggling)."),
    _R("AC105", ERROR, "characters", "A variation selector used as a carrier of hidden data."),
    _R("AC106", ERROR, "characters", "A private-use, noncharacter or unassigned code point."),
    _R("AC107", ERROR, "characters", "A combining mark laid over an ASCII letter (`s` + U+0336 in `sudo`): it breaks a keyword that still reads as one."),
    _R("AC110", WARNING, "characters", "A non-ASCII space (every space separator but U+0020: no-break, thin, ogham, ideographic ...)."),
    _R("AC111", WARNING, "characters", "Text that is not in Unicode normal form C."),
    _R("AC112", WARNING, "characters", "A word that mixes scripts (a Cyrillic letter inside a Latin word)."),
    _R("AC113", WARNING, "characters", "An HTML comment or a reference definition that points nowhere (`[//]: #`, `[x]: <>`) in the body: invisible when rendered, read by the model."),
    _R("AC114", WARNING, "characters", "U+FE0F (emoji presentation) after a character that is not an emoji."),
    # The format, against the current Claude Code spec.
    _R("AC201", ERROR, "format", "`name` is missing (Claude Code skips the file)."),
    _R("AC202", ERROR, "format", "`name` is not lowercase letters, digits and hyphens (or holds `:` or starts with `-`)."),
    _R("AC203", ERROR, "format", "`name` differs from the file's name."),
    _R("AC204", ERROR, "format", "Two agents share a name (compared ignoring case)."),
    _R("AC205", ERROR, "format", f"`name` shadows a built-in agent ({', '.join(f'`{n}`' for n in spec.BUILTIN_AGENTS)})."),
    _R("AC210", ERROR, "format", "`description` is missing or empty (Claude Code skips the file)."),
    _R("AC211", ERROR, "format", "`description` spans several lines."),
    _R("AC212", ERROR, "format", f"`description` is longer than {spec.MAX_DESCRIPTION_CHARS:,} characters."),
    _R("AC220", ERROR, "format", "An unknown frontmatter key (a typo such as `tool:` gives the agent every tool)."),
    _R("AC230", ERROR, "tools", "A `tools` entry that is not a Claude Code tool (a program, a Copilot tool name, a typo)."),
    _R("AC231", WARNING, "tools", "A retired tool name that Claude Code no longer resolves."),
    _R("AC232", ERROR, "tools", "`tools` lists nothing that resolves: the agent would be spawned with zero tools."),
    _R("AC233", WARNING, "tools", "A tool that Claude Code always removes from subagents."),
    _R("AC234", WARNING, "tools", "A tool listed twice."),
    _R("AC240", ERROR, "values", "`model` is not a known alias or a full model id."),
    _R("AC241", ERROR, "values", "`color` is not one of the supported colors."),
    _R("AC242", ERROR, "values", "`permissionMode` is not a known mode."),
    _R("AC243", ERROR, "values", "`effort` is not a known level."),
    _R("AC244", ERROR, "values", "`memory` is not `user`, `project` or `local`."),
    _R("AC245", ERROR, "values", "`isolation` is not `worktree`."),
    _R("AC246", ERROR, "values", "`maxTurns` is not a positive decimal integer."),
    _R("AC247", ERROR, "values", "`skills` or `mcpServers` is not a list of names (a path or a command line is not a name)."),
    # Risk policy: refused in the catalog, or flagged for a reviewer.
    _R("AC301", ERROR, "risk", "`permissionMode` skips permission prompts (`bypassPermissions`, `dontAsk`, `auto`)."),
    _R("AC302", ERROR, "risk", "`hooks` run shell commands whenever the agent works."),
    _R("AC303", ERROR, "risk", "An inline `mcpServers` definition starts a process."),
    _R("AC304", ERROR, "risk", "No `tools` line: the agent inherits every tool."),
    _R("AC310", WARNING, "risk", "`Bash` together with `WebFetch` or `WebSearch`: untrusted web content next to a shell."),
    _R("AC311", WARNING, "risk", "A text (the body or any field) runs a download or a text in a shell or an interpreter (piped into `sh` or `python3 -`, `source <(curl ...)`)."),
    _R("AC312", WARNING, "risk", "A text decodes hidden bytes (`base64 -d`, `xxd -r`, `openssl ... -d`) or carries a long base64 blob, on one line or split over lines."),
    _R("AC313", WARNING, "risk", "A text uses `eval`."),
    _R("AC314", WARNING, "risk", "A text reaches for credentials (`~/.ssh`, `~/.aws`, `.env`, `.netrc`, `.npmrc`, kube and gcloud config, keychains, token variables, `printenv`)."),
    _R("AC315", WARNING, "risk", "A text tells the agent to act without the user knowing or confirming."),
    _R("AC316", WARNING, "risk", "A text runs a destructive or privileged command (`sudo`, recursive forced deletes, force pushes in any form)."),
    _R("AC317", WARNING, "risk", "A text edits Claude Code's own configuration (`~/.claude/`, `settings.json`)."),
    _R("AC318", WARNING, "risk", "A text sets up persistence: shell startup files, crontab, systemd or launchd units, setuid bits."),
    # Quality bar of the catalog.
    _R("AC401", WARNING, "quality", f"`description` is longer than {spec.CATALOG_DESCRIPTION_CHARS} characters (it is loaded into every conversation)."),
    _R("AC402", WARNING, "quality", "`description` does not say when to use the agent (\"Use when ...\", \"Use proactively ...\")."),
    _R("AC403", WARNING, "quality", f"The body is shorter than {spec.BODY_MIN_LINES} non-blank lines or longer than {spec.BODY_MAX_LINES} lines."),
    _R("AC404", ERROR, "quality", "Scaffold placeholder text (`[[fill in: ...]]`) is still in the file."),
    _R("AC405", ERROR, "quality", "The body (the agent's system prompt) is empty."),
    # The catalog as a whole.
    _R("AC501", ERROR, "catalog", "`agents/categories.yml` is missing or malformed."),
    _R("AC502", ERROR, "catalog", "A folder under `agents/` is not declared in `categories.yml`."),
    _R("AC503", ERROR, "catalog", "A declared category has no folder or no agents."),
    _R("AC504", ERROR, "catalog", "A file that is not an agent inside `agents/` (only `<category>/<name>.md`), or a symbolic link."),
    _R("AC505", ERROR, "catalog", "An agent's name is reserved: `index` (it would replace its category's page) or the slug of a category (two plugins of one name)."),
    _R("AC506", ERROR, "catalog", "A category slug is reserved: `agents` (inside a plugin's folder it is the client's default agents folder)."),
)}

GROUPS = {
    "file": "The file",
    "yaml": "YAML",
    "characters": "Hidden and deceptive characters",
    "format": "Fields",
    "tools": "Tools",
    "values": "Values",
    "risk": "Risk policy",
    "quality": "Quality bar",
    "catalog": "The catalog",
}


# What a message or path may not carry raw: it is printed on terminals, logs and pages.
_UNSAFE = re.compile(f"{charclass.ANY}|\ufe0f")


def visible(text: str) -> str:
    """`text` with control, invisible and unprintable characters (and lone surrogates from
    undecodable file names) written as escapes such as `\\u200b`."""
    if text.isprintable() and (text.isascii() or not _UNSAFE.search(text)):
        return text
    return "".join(_escape(c) if not c.isprintable() or _UNSAFE.match(c) else c for c in text)


def _escape(c: str) -> str:
    o = ord(c)
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    rule: str
    message: str

    def __post_init__(self) -> None:
        # agent content quoted in a message (a tool name, a file name) must not reach a
        # terminal as escape sequences, bidi controls or invisible text
        object.__setattr__(self, "path", visible(self.path))
        object.__setattr__(self, "message", visible(self.message))

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        label = "" if self.is_error else "warning: "
        return f"{self.path}:{self.line}:{self.col}: {self.rule} {label}{self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "col": self.col, "rule": self.rule,
                "severity": self.severity, "message": self.message}


def summary_line(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def capped(problems: list[Problem], limit: int = spec.MAX_LISTED_PER_RULE) -> list[Problem]:
    """At most `limit` problems of each rule per file, then one that counts the rest: a file
    full of hidden characters gives a readable report, not a flood."""
    seen: dict[tuple[str, str], int] = {}
    for p in problems:
        seen[(p.path, p.rule)] = seen.get((p.path, p.rule), 0) + 1
    if all(n <= limit for n in seen.values()):
        return problems
    out, shown = [], {}
    for p in problems:
        key = (p.path, p.rule)
        shown[key] = shown.get(key, 0) + 1
        if shown[key] <= limit:
            out.append(p)
        elif shown[key] == limit + 1:
            rest = seen[key] - limit
            out.append(Problem(p.path, p.line, p.col, p.rule, f"{rest:,} more {p.rule} problem{'s' * (rest != 1)} in this file from here on, not listed one by one"))
    return out
