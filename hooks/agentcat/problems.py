"""Problems and the rule catalogue: every rule has a stable id, a severity and a summary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import charclass, spec

ERROR = "error"
WARNING = "warning"
OFF = "off"
LEVELS = (ERROR, WARNING, OFF)

CATALOG = "catalog"  # this repository's policy: the build and `make check`
CLAUDE_CODE = "claude-code"  # anyone's agent folder: errors only where the client goes wrong
PROFILES = (CLAUDE_CODE, CATALOG)

# What the client does with a file, for every rule that is an error in the claude-code
# profile: tests/client/test_differential.py checks each claim against the pinned client.
SKIPS = "skips the file"
MISREADS = "reads a value other than the file says"
IGNORES = "ignores a key the author meant"
DROPS = "drops a tool"
REFUSES = "refuses to start the agent"
GRANTS_MORE = "grants more than the file lists"
OVERRIDES = "replaces a built-in agent"
PASSES_THROUGH = "sends the value to the API unchecked"
TAG_IGNORED = "ignores the YAML tag and reads what follows it as plain YAML"
HIDES = "passes text a reader cannot see to the model, or fails on it"
CLAIMS = (SKIPS, MISREADS, IGNORES, DROPS, REFUSES, GRANTS_MORE, OVERRIDES, PASSES_THROUGH, TAG_IGNORED, HIDES)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # in the catalog profile
    group: str
    summary: str

    @property
    def claude_code(self) -> str:
        return CLAUDE_CODE_PROFILE.get(self.id, (self.severity, None, ""))[0]

    @property
    def claim(self) -> str | None:
        """What the client does, when the rule is an error in the claude-code profile."""
        return CLAUDE_CODE_PROFILE.get(self.id, (None, None, ""))[1]

    @property
    def why(self) -> str:
        return CLAUDE_CODE_PROFILE.get(self.id, (None, None, ""))[2]

    def severity_in(self, profile: str) -> str:
        return self.claude_code if profile == CLAUDE_CODE else self.severity


_R = Rule
RULES = {r.id: r for r in (
    # The file itself: size, encoding, frontmatter, YAML.
    _R("AC001", ERROR, "file", f"The file is larger than {spec.MAX_FILE_BYTES // 1024} KiB (checked before it is read)."),
    _R("AC002", ERROR, "file", "The file cannot be read (missing, unreadable, not a regular file)."),
    _R("AC008", ERROR, "file", "The file is not valid UTF-8 text."),
    _R("AC003", ERROR, "file", "The file starts with a byte-order mark."),
    _R("AC004", ERROR, "file", "The file has CR or CRLF line endings; use LF."),
    _R("AC005", ERROR, "file", "The file does not start with a `---` frontmatter line at byte 0."),
    _R("AC006", ERROR, "file", "The frontmatter is not closed by a `---` line."),
    _R("AC007", ERROR, "file", "The closing `---` line has trailing spaces (Claude Code accepts it; stricter readers see no frontmatter)."),
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
    _R("AC022", ERROR, "yaml", "A plain value that YAML 1.1 readers take for a boolean, date or number (`no`, `on`, `2025-03-18`); the client reads text: quote it."),
    _R("AC020", ERROR, "yaml", "An unquoted `: ` inside a plain value: the client reads the rest of the line as text, stricter YAML readers refuse the file."),
    _R("AC021", ERROR, "yaml", "An unquoted `: ` inside a plain value in a file with CRLF line endings: the client fails to parse it and skips the file."),
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
    _R("AC202", ERROR, "format", "`name` holds `:` or starts with `-`: the client refuses it and skips the file."),
    _R("AC207", ERROR, "format", "`name` is not lowercase letters, digits and hyphens (the client loads it under that name)."),
    _R("AC203", ERROR, "format", "`name` differs from the file's name."),
    _R("AC204", ERROR, "format", "Two agents share a name (compared ignoring case)."),
    _R("AC205", ERROR, "format", f"`name` overrides a built-in agent ({', '.join(f'`{n}`' for n in spec.BUILTIN_AGENTS)})."),
    _R("AC206", WARNING, "format", "`name` differs from a built-in agent's name only in case."),
    _R("AC208", ERROR, "format", "`name` is not text to YAML (a number such as `1.10`): the client skips the file."),
    _R("AC209", ERROR, "format", "Two agents' names differ only in case (the client, case-sensitive, loads both)."),
    _R("AC210", ERROR, "format", "`description` is missing, empty or not text (`description: 1.10`): Claude Code skips the file."),
    _R("AC211", ERROR, "format", "`description` spans several lines."),
    _R("AC212", ERROR, "format", f"`description` is longer than {spec.MAX_DESCRIPTION_CHARS:,} characters."),
    _R("AC220", ERROR, "format", "A misspelt frontmatter key (`tool:`, `allowed-tools:`): the client ignores it, and a misspelt `tools` gives every tool."),
    _R("AC221", ERROR, "format", "A frontmatter key Claude Code does not know (metadata such as `category`): it loads with a warning."),
    _R("AC230", ERROR, "tools", "A `tools` entry that is not a Claude Code tool (a program, a Copilot tool name, a typo): the client drops it."),
    _R("AC231", ERROR, "tools", "A retired tool name (`LS`, `MultiEdit` ...): the client drops it without a word."),
    _R("AC232", ERROR, "tools", "`tools` lists nothing that resolves: the client refuses to start the agent (zero tools)."),
    _R("AC233", ERROR, "tools", "A tool the client never gives a subagent (`TodoWrite`, `AskUserQuestion` ...): dropped."),
    _R("AC234", WARNING, "tools", "A tool listed twice."),
    _R("AC235", WARNING, "tools", "An old tool name the client still resolves (`Task` is `Agent`, `KillShell` is `TaskStop`)."),
    _R("AC236", ERROR, "tools", "A tool that reaches a subagent only in some set-ups (`PowerShell` on Windows, `LSP` with a plugin)."),
    _R("AC237", ERROR, "tools", "A specifier such as `Bash(git diff:*)`: the client grants the whole tool, not what the specifier says."),
    _R("AC238", ERROR, "tools", "`memory:` adds `Write` and `Edit` to tools the file does not list."),
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
    _R("AC406", WARNING, "quality", "Prose in the body is hard-wrapped: the catalog writes one line per paragraph."),
    _R("AC410", WARNING, "quality", "The agent's advice was last checked more than a year ago (`agents/checked.yml`)."),
    _R("AC411", WARNING, "quality", "The agent has no entry in `agents/checked.yml` (when it was checked, and against what)."),
    _R("AC404", ERROR, "quality", "Scaffold placeholder text (`[[fill in: ...]]`) is still in the file."),
    _R("AC405", ERROR, "quality", "The body (the agent's system prompt) is empty."),
    # Configuration and inline suppressions.
    _R("AC601", ERROR, "config", "The configuration (`[tool.agentcat]` in pyproject.toml, or .agentcat.toml) is invalid."),
    _R("AC602", WARNING, "config", "An inline suppression (`# agentcat: ignore[...]`) that suppresses nothing."),
    _R("AC603", ERROR, "config", "An inline suppression without a reason, or one that names an unknown rule or one that may not be suppressed."),
    # The catalog as a whole.
    _R("AC501", ERROR, "catalog", "`agents/categories.yml` is missing or malformed."),
    _R("AC502", ERROR, "catalog", "A folder under `agents/` is not declared in `categories.yml`."),
    _R("AC503", ERROR, "catalog", "A declared category has no folder or no agents."),
    _R("AC504", ERROR, "catalog", "A file that is not an agent inside `agents/` (only `<category>/<name>.md`), or a symbolic link."),
    _R("AC505", ERROR, "catalog", "An agent's name is reserved: `index` (it would replace its category's page) or the slug of a category (two plugins of one name)."),
    _R("AC506", ERROR, "catalog", "A category slug is reserved: `agents` (inside a plugin's folder it is the client's default agents folder)."),
)}

# The claude-code profile: rule -> (severity, claim, why). An error there names what the
# client does instead of what the file says; policy of this catalog is a warning or off.
_H = (ERROR, HIDES, "the model reads what a reviewer cannot see")
CLAUDE_CODE_PROFILE: dict[str, tuple[str, str | None, str]] = {
    "AC001": (WARNING, None, "the linter does not read files this large; the client may"),
    "AC002": (ERROR, SKIPS, "the client cannot read it either"),
    "AC008": (WARNING, None, "the client loads the file; the bytes that are not UTF-8 become replacement characters"),
    "AC003": (WARNING, None, "the client loads a file with a byte-order mark"),
    "AC004": (WARNING, None, "the client loads CRLF files; only CRLF with an unquoted `: ` fails (AC021)"),
    "AC005": (ERROR, SKIPS, "a file meant as an agent that the client takes for documentation"),
    "AC006": (ERROR, SKIPS, "without a closing `---` the client sees no frontmatter"),
    "AC010": (ERROR, SKIPS, "the client cannot parse the frontmatter either, or reads something else"),
    "AC011": (WARNING, None, "the client resolves anchors and aliases; other YAML readers may not"),
    "AC012": (ERROR, TAG_IGNORED, "the client ignores the tag and reads what follows it as plain YAML (`!!set {Read, Grep}` grants no tool); other YAML tools may build objects from it"),
    "AC013": (ERROR, MISREADS, "the client keeps the last value and ignores the first"),
    "AC014": (WARNING, None, "the client reads the first document; other tools may not"),
    "AC015": (WARNING, None, "the client loads it; no field of an agent nests this deep, so the file is probably not meant as written"),
    "AC016": (ERROR, SKIPS, "a frontmatter that is not a mapping has no name"),
    "AC007": (WARNING, None, "the client accepts trailing spaces after the closing `---`"),
    "AC017": (WARNING, None, "the client reads the value in its own way; `name` and `description` have rules of their own"),
    "AC018": (ERROR, MISREADS, "the client cuts the value at ` #`"),
    "AC022": (WARNING, None, "the client reads YAML 1.2, where the value is text"),
    "AC020": (WARNING, None, "the client reads the rest of the line as text"),
    "AC021": (ERROR, SKIPS, "the client fails to parse the frontmatter"),
    "AC019": (WARNING, None, "the linter checks the first 1,000 entries; no agent needs more"),
    "AC107": _H,
    "AC101": _H, "AC102": _H, "AC103": _H, "AC104": _H, "AC105": _H, "AC106": _H,
    "AC201": (ERROR, SKIPS, "a file meant as an agent (it has a description or tools) without a name"),
    "AC202": (ERROR, SKIPS, "the client refuses a name with `:` or a leading `-`"),
    "AC203": (OFF, None, "identity comes from `name`; the file name does not matter to the client"),
    "AC204": (ERROR, SKIPS, "of two files with one name the client loads only one"),
    "AC208": (ERROR, SKIPS, "the client skips an agent whose name is not text"),
    "AC209": (WARNING, None, "names are case-sensitive: both agents load"),
    "AC205": (ERROR, OVERRIDES, "the file replaces the client's own agent of that name"),
    "AC206": (WARNING, None, "names are case-sensitive: both agents load"),
    "AC207": (WARNING, None, "the client loads the agent under that name"),
    "AC210": (ERROR, SKIPS, "the client skips an agent without a description"),
    "AC211": (WARNING, None, "the client loads multi-line descriptions"),
    "AC212": (WARNING, None, "the client loads long descriptions; they cost context in every session"),
    "AC220": (ERROR, IGNORES, "a misspelt field: the client ignores it (and a misspelt `tools` gives every tool)"),
    "AC221": (WARNING, None, "an extra key loads with a warning in the client's debug log"),
    "AC230": (ERROR, DROPS, "the client drops it"),
    "AC231": (ERROR, DROPS, "the client drops it"),
    "AC232": (ERROR, REFUSES, "the client refuses to start an agent with zero tools"),
    "AC233": (ERROR, DROPS, "the client never gives it to a subagent"),
    "AC236": (ERROR, DROPS, "the pinned client drops it (offline, on Linux, without plugins); it works only where the set-up provides it"),
    "AC237": (ERROR, GRANTS_MORE, "the client grants the whole tool"),
    "AC238": (ERROR, GRANTS_MORE, "the client adds Write and Edit"),
    "AC240": (ERROR, PASSES_THROUGH, "the client sends an unknown model name to the API, which refuses it"),
    "AC241": (WARNING, None, "not a documented color; the client shows no error"),
    "AC242": (WARNING, None, "not a documented mode; the client loads the file without a word"),
    "AC243": (WARNING, None, "not a documented level; the client loads the file without a word"),
    "AC244": (ERROR, IGNORES, "the client gives no memory (and no Write or Edit) for an unknown scope"),
    "AC245": (WARNING, None, "not a documented value; the client loads the file without a word"),
    "AC246": (WARNING, None, "not a positive integer; the client loads the file without a word"),
    "AC247": (WARNING, None, "the client loads the file; entries that are not names do nothing"),
    "AC404": (WARNING, None, "a scaffold placeholder: the client loads it as prompt text"),
    "AC301": (WARNING, None, "the client does what the file says; it is risky, not wrong"),
    "AC302": (WARNING, None, "the client runs the hooks; review them"),
    "AC303": (WARNING, None, "the client starts the server; review the command"),
    "AC304": (OFF, None, "without a tools line the agent inherits every tool, as the author may mean"),
    "AC401": (OFF, None, "catalog policy"), "AC402": (OFF, None, "catalog policy"),
    "AC403": (OFF, None, "catalog policy"), "AC406": (OFF, None, "catalog style"),
    "AC405": (WARNING, None, "the client loads an agent with an empty prompt"),
    "AC410": (OFF, None, "catalog data"), "AC411": (OFF, None, "catalog data"),
}

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
    "config": "Configuration and suppressions",
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
    level: str = field(default="", compare=False)  # set by a profile; "" is the catalog's severity

    def __post_init__(self) -> None:
        # agent content quoted in a message (a tool name, a file name) must not reach a
        # terminal as escape sequences, bidi controls or invisible text
        object.__setattr__(self, "path", visible(self.path))
        object.__setattr__(self, "message", visible(self.message))

    @property
    def severity(self) -> str:
        return self.level or RULES[self.rule].severity

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
