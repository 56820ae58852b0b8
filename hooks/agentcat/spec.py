"""Facts of the Claude Code subagent format (see docs/format.md, generated from here).

Source: Claude Code's public documentation (sub-agents, tools reference, plugins), as
summarised in the project's format notes. Facts marked uncertain there are warnings here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

MAX_FILE_BYTES = 256 * 1024  # checked before reading: nothing larger is parsed
MAX_DESCRIPTION_CHARS = 1024
CATALOG_DESCRIPTION_CHARS = 300
MAX_YAML_DEPTH = 8
MAX_ENTRIES = 1000  # entries of one YAML list or mapping, or of a `tools` line: no agent needs more
MAX_LISTED_PER_RULE = 20  # problems of one rule listed per file; the rest are counted
BODY_MIN_LINES = 25  # non-blank lines; below that a prompt is rarely more than a slogan
BODY_MAX_LINES = 400

# --- What the pinned client does (tests/client/ checks every fact below against it) ---
# Measured with the Claude Code version pinned in package.json, run offline (print mode,
# Linux, no MCP server): `make claude-code-bump` reruns the checks against a newer release.
CLIENT_CHECKED = "2026-12-01"

BUILTIN_AGENTS = ("claude", "Explore", "general-purpose", "Plan", "statusline-setup")

# Tools a spawned subagent receives when its `tools` line lists them.
CURRENT_TOOLS = (
    "Read", "Write", "Edit", "NotebookEdit", "Glob", "Grep", "Bash", "WebFetch", "WebSearch",
    "Skill", "Monitor", "TaskStop", "SendMessage", "EnterWorktree", "ExitWorktree", "Agent",
)
# Tools that exist but reach a subagent only in some set-ups; dropped in the measured one.
CONDITIONAL_TOOLS = {
    "PowerShell": "on Windows",
    "LSP": "with a code-intelligence (LSP) plugin installed",
    "ListMcpResourcesTool": "with an MCP server connected",
    "ReadMcpResourceTool": "with an MCP server connected",
    "ToolSearch": "when deferred tools exist; alone it grants nothing",
}
# Tool names the pinned client knows but never gives a subagent: dropped silently.
NOT_FOR_SUBAGENTS = (
    "AskUserQuestion", "EndConversation", "EnterPlanMode", "ExitPlanMode", "ScheduleWakeup",
    "TaskOutput", "WaitForMcpServers", "Workflow", "TodoWrite", "Artifact", "TaskCreate",
    "TaskGet", "TaskList", "TaskUpdate", "ListAgents", "ReportFindings", "CronCreate",
    "CronDelete", "CronList",
)
MAIN_SESSION_TOOLS = NOT_FOR_SUBAGENTS  # the old name
PLAN_MODE_TOOLS = ("ExitPlanMode",)  # kept for a subagent with `permissionMode: plan`
# Old names the client still resolves, to the tool they now mean.
TOOL_ALIASES = {"Task": "Agent", "KillShell": "TaskStop", "KillBash": "TaskStop"}
# Retired names the client no longer resolves (dropped silently) -> what to use instead.
RETIRED_TOOLS = {
    "LS": "Glob",
    "MultiEdit": "Edit",
    "NotebookRead": "Read",
    "BashOutput": "Read",
    "AgentOutputTool": "Read",
    "SlashCommand": "Skill",
}
# With `Bash` granted, these are dropped: search runs through Bash's embedded grep and find.
SEARCH_TOOLS_FOLDED_INTO_BASH = ("Grep", "Glob")
# `memory:` (any scope) adds these to whatever `tools` lists.
MEMORY_ADDS = ("Write", "Edit")
# What an agent without a `tools` line (or with `*`) receives: these plus deferred tools.
INHERITED_TOOLS = ("Agent", "Bash", "Edit", "Read", "Skill", "ToolSearch", "Write")
# How a `tools` string splits: on commas and on whitespace outside parentheses. Names are
# case-sensitive; `Name(...)` grants the whole tool (a specifier never scopes it).
TOOLS_SEPARATORS = ", \t"
# Model aliases the client resolves (case-insensitively); other values go to the API as ids.
MODEL_ALIASES = ("inherit", "sonnet", "opus", "haiku", "fable", "opusplan", "sonnet[1m]", "opus[1m]")
# Frontmatter keys that load with a warning in the debug log ("does not recognize or apply").
KEYS_WARNED = "any key not in FIELDS"

# Names found in public catalogs' `tools:` lines that are not Claude Code tools.
COPILOT_TOOLS = {
    "search": "Grep or Glob", "codebase": "Grep or Glob", "githubRepo": "WebFetch",
    "editFiles": "Edit", "runCommands": "Bash", "runTests": "Bash", "terminalLastCommand": "Bash",
    "fetch": "WebFetch", "problems": "LSP", "usages": "LSP", "changes": "Bash",
    "findTestFiles": "Glob", "runTasks": "Bash", "new": "Write", "edit": "Edit",
    "read": "Read", "execute": "Bash", "web": "WebFetch", "todo": "TodoWrite",
    "agent": "Agent", "vscodeAPI": None, "extensions": None, "openSimpleBrowser": None,
}
PROGRAMS = frozenset({
    "pytest", "pip", "pip3", "python", "python3", "node", "npm", "npx", "yarn", "pnpm",
    "docker", "kubectl", "helm", "terraform", "git", "gh", "make", "cargo", "go", "java",
    "mvn", "gradle", "jest", "eslint", "prettier", "ruff", "mypy", "black", "curl", "wget",
    "aws", "gcloud", "az", "psql", "mysql", "sqlite3", "redis-cli", "bun", "deno",
})

# What each effective tool lets an agent do (the site's badges come from these).
FILE_READING = frozenset({"Read", "Glob", "Grep", "LSP", "NotebookEdit", "Edit", "Write", "Bash", "PowerShell"})
FILE_EDITING = frozenset({"Write", "Edit", "NotebookEdit"})
RUNS_COMMANDS = frozenset({"Bash", "PowerShell", "Monitor"})
USES_WEB = frozenset({"WebFetch", "WebSearch"})
STARTS_AGENTS = frozenset({"Agent", "SendMessage"})
WORKTREES = frozenset({"EnterWorktree", "ExitWorktree"})

MODEL_ID_RE = re.compile(r"^claude-[a-z0-9]+(-[a-z0-9.]+)*(\[1m\])?$")
COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")
PERMISSION_MODES = ("default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan", "manual")
RISKY_PERMISSION_MODES = ("bypassPermissions", "dontAsk", "auto")
EFFORTS = ("low", "medium", "high", "xhigh", "max")
MEMORY_SCOPES = ("user", "project", "local")
ISOLATIONS = ("worktree",)

# Hidden and deceptive characters (regex classes, by rule id), from the hostile-input notes.
# Listed explicitly: a filter by Unicode category misses U+3164 (a letter) and the variation
# selectors (marks). TAB and LF are handled apart (TAB is allowed in the body only); CR never
# reaches the check in a file (AC004 turns it into LF), only as a YAML escape (`"\r"`).
# charclass.py adds what is found by Unicode property: every format character (Cf), every
# Default_Ignorable_Code_Point, private use and unassigned code points, every space separator.
HIDDEN_CHARACTERS = {
    "AC101": "\x00-\x08\x0b-\x1f\x7f-\x9f",
    "AC102": "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069",
    "AC103": ("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2028\u2029"
              "\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
              "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
              # blanks that are neither format characters nor default-ignorable: BRAILLE PATTERN
              # BLANK (So) and KHITAN SMALL SCRIPT FILLER (Mn) render as nothing
              "\u2800\U00016fe4"),
    "AC104": "\U000e0000-\U000e007f",
    "AC105": "\ufe00-\ufe0e\U000e0100-\U000e01ef",
    "AC110": "\u00a0\u2000-\u200a\u202f\u3000",
}

# `skills` and `mcpServers` entries name a skill or a configured server: never a path or a command
SKILL_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}(:[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$")
SERVER_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
MCP_TOOL_RE = re.compile(r"^mcp__[A-Za-z0-9_-]+?(__([A-Za-z0-9_-]+|\*))?$")
AGENT_FORM_RE = re.compile(r"^(Agent|Task)\((.*)\)$")


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # documentation of the YAML type
    default: str  # effective value when the file leaves the field out
    summary: str
    values: tuple[str, ...] = ()


FIELDS = (
    Field("name", "string", "(required)", "Identity of the agent: lowercase letters, digits and hyphens; no `:`, no leading `-`."),
    Field("description", "string", "(required)", "When Claude should delegate to the agent. One line."),
    Field("tools", "string or list", "all tools", "Allowlist of tools, comma-separated or a YAML list. Left out, the agent inherits every tool."),
    Field("disallowedTools", "string or list", "none", "Denylist, applied before `tools`; `mcp__*` allowed."),
    Field("model", "string", "inherit", "A model alias or a full model id.", MODEL_ALIASES),
    Field("permissionMode", "string", "default", "How the agent asks for permission.", PERMISSION_MODES),
    Field("maxTurns", "positive integer", "no limit", "Upper bound on the agent's turns."),
    Field("skills", "list", "none", "Skills preloaded when the agent starts."),
    Field("mcpServers", "list", "none", "MCP servers: names of configured servers, or inline server definitions (which start a process)."),
    Field("hooks", "mapping", "none", "Hooks, shaped as in settings; they run shell commands."),
    Field("memory", "string", "none", "Persistent memory scope.", MEMORY_SCOPES),
    Field("background", "boolean", "false", "Run the agent in the background."),
    Field("effort", "string", "inherit", "Reasoning effort.", EFFORTS),
    Field("isolation", "string", "none", "Run the agent in its own git worktree.", ISOLATIONS),
    Field("color", "string", "none", "Color of the agent in the interface.", COLORS),
    Field("initialPrompt", "string", "none", "First prompt, used only when the agent runs as the main session."),
)
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
STRING_FIELDS = ("name", "description", "model", "permissionMode", "memory", "effort", "isolation", "color", "initialPrompt")

# Misspellings seen in the wild; each silently gives the wrong behaviour.
KEY_TYPOS = {
    "tool": "tools", "allowed-tools": "tools", "allowedTools": "tools", "allowed_tools": "tools",
    "Tools": "tools", "disallowed-tools": "disallowedTools", "disallowed_tools": "disallowedTools",
    "permission-mode": "permissionMode", "permission_mode": "permissionMode",
    "max-turns": "maxTurns", "max_turns": "maxTurns", "mcp-servers": "mcpServers",
    "mcp_servers": "mcpServers", "initial-prompt": "initialPrompt", "initial_prompt": "initialPrompt",
    "colour": "color", "models": "model", "skill": "skills", "hook": "hooks",
}
