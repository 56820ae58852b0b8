"""Every fact about the client in hooks/agentcat/spec.py, checked against the pinned client.

One client start loads a corpus of small agent files (one per behaviour) and spawns them
all in one batch; each test then compares what the client did with what spec.py says.
When a new Claude Code release changes a fact, the test that names it fails
(`make claude-code-bump` runs these against the newest release and lists what changed).
"""

from __future__ import annotations

import pytest

from agentcat import grants, spec

from . import probe

# name -> frontmatter lines after name and description
CASES: dict[str, str] = {}
for _t in spec.CURRENT_TOOLS:
    CASES[f"tool-{_t.lower()}"] = f"tools: {_t}\n"
for _t in spec.CONDITIONAL_TOOLS:
    CASES[f"cond-{_t.lower()}"] = f"tools: Read, {_t}\n"
for _t in spec.NOT_FOR_SUBAGENTS:
    CASES[f"nosub-{_t.lower()}"] = f"tools: {_t}\n"
for _t in spec.RETIRED_TOOLS:
    CASES[f"retired-{_t.lower()}"] = f"tools: {_t}\n"
for _t in spec.TOOL_ALIASES:
    CASES[f"alias-{_t.lower()}"] = f"tools: {_t}\n"
for _i, _m in enumerate(spec.MEMORY_SCOPES):
    CASES[f"memory-{_m}"] = f"tools: Read, Grep\nmemory: {_m}\n"
for _m in spec.MODEL_ALIASES:
    CASES[f"model-{_m.replace('[', '-').replace(']', '')}"] = f"tools: Read\nmodel: {_m}\n"
CASES.update({
    "plan-mode": "tools: Read, ExitPlanMode\npermissionMode: plan\n",
    "fold-search": "tools: Read, Grep, Glob, Bash\n",
    "fold-grep": "tools: Grep, Bash\n",
    "no-tools-line": "",
    "star": 'tools: "*"\n',
    "empty-list": "tools: []\n",
    "yaml-list": "tools:\n  - Read\n  - Grep\n",
    "spaces": "tools: Read Grep\n",
    "no-space-commas": "tools: Read,Grep,Glob\n",
    "semicolon": "tools: Read; Grep\n",
    "lowercase": "tools: read, grep\n",
    "programs": "tools: pip, pytest\n",
    "program-and-tool": "tools: Read, pytest\n",
    "bash-specifier": "tools: Read, Bash(git diff:*)\n",
    "read-specifier": "tools: Read(./src/**), Grep\n",
    "agent-specifier": "tools: Read, Agent(tool-read)\n",
    "task-specifier": "tools: Read, Task(tool-read)\n",
    "deny-only": "disallowedTools: Bash, Write\n",
    "deny-some": "tools: Read, Bash, Edit\ndisallowedTools: Bash\n",
    "model-upper": "tools: Read\nmodel: Sonnet\n",
    "model-id": "tools: Read\nmodel: claude-opus-5\n",
    "model-unknown": "tools: Read\nmodel: gpt-4o\n",
    "unknown-key": "tools: Read\ncategory: testing\n",
    "typo-key": "tool: Read\n",
    "all-known-keys": ("tools: Read\ndisallowedTools: Write\nmodel: inherit\npermissionMode: default\nmaxTurns: 5\n"
                       "skills: []\nmcpServers: []\nmemory: project\nbackground: false\neffort: low\n"
                       "isolation: worktree\ncolor: blue\ninitialPrompt: hello\n"),
})


def agent_file(name: str, extra: str) -> str:
    return f"---\nname: {name}\ndescription: Probe {name}. Use when probing.\n{extra}---\n\nProbe ={name}= end.\n"


# files whose loading is the fact: name -> whole file
LOADING = {
    "no-name": "---\ndescription: A note, not an agent.\n---\n\nJust documentation.\n",
    "no-frontmatter": "# Notes\n\nname: no-frontmatter\n",
    "no-description": "---\nname: no-description\ntools: Read\n---\n\nbody\n",
    "empty-description": '---\nname: empty-description\ndescription: ""\n---\n\nbody\n',
    "number-description": "---\nname: number-description\ndescription: 1.10\n---\n\nbody\n",
    "colon-name": "---\nname: colon:name\ndescription: A colon. Use when x.\n---\n\nbody\n",
    "dash-name": "---\nname: -dash-name\ndescription: A dash. Use when x.\n---\n\nbody\n",
    "title-name": "---\nname: Title-Name\ndescription: Title case. Use when x.\n---\n\nbody\n",
    "crlf-plain": "---\r\nname: crlf-plain\r\ndescription: Plain CRLF. Use when x.\r\n---\r\n\r\nbody\r\n",
    "crlf-colon": "---\r\nname: crlf-colon\r\ndescription: Use when: CRLF\r\n---\r\n\r\nbody\r\n",
    "lf-colon": "---\nname: lf-colon\ndescription: Use when: LF\n---\n\nbody\n",
    "multi-line": "---\nname: multi-line\ndescription: First line\n  second line.\n---\n\nbody\n",
    "comment-cut": "---\nname: comment-cut\ndescription: Use for A # and B\n---\n\nbody\n",
    "duplicate-key": "---\nname: duplicate-key\ndescription: first\ndescription: second\n---\n\nbody\n",
    "bool-name": "---\nname: no\ndescription: A name YAML 1.1 reads as false.\n---\n\nbody\n",
    "builtin-explore": "---\nname: Explore\ndescription: Replaces Explore. Use when x.\ntools: Read\n---\n\nProbe =builtin-explore= end.\n",
    "builtin-lower": "---\nname: explore\ndescription: Lowercase explore. Use when x.\ntools: Read\n---\n\nProbe =builtin-lower= end.\n",
}


@pytest.fixture(scope="module")
def obs(tmp_path_factory) -> probe.Observation:
    home = tmp_path_factory.mktemp("facts")
    project = home / "project"
    files = {f"{n}.md": agent_file(n, x) for n, x in CASES.items()}
    files.update({f"loading/{n}.md": t for n, t in LOADING.items()})
    probe.write_agents(project / ".claude" / "agents", files)
    spawn = {n: f"={n}=" for n in CASES}
    spawn.update({"Explore": "=builtin-explore=", "explore": "=builtin-lower="})
    return probe.run(home, project, spawn=spawn)


def tools(obs, name):
    got = obs.spawned.get(name)
    return None if got is None else [t for t in got.tools if t != probe.DEFERRED_MARKER]


def test_builtin_agents(tmp_path):
    empty = probe.run(tmp_path, tmp_path / "project")
    assert sorted(empty.agents) == sorted(spec.BUILTIN_AGENTS)


@pytest.mark.parametrize("tool", spec.CURRENT_TOOLS)
def test_current_tools_reach_a_subagent(obs, tool):
    assert tools(obs, f"tool-{tool.lower()}") == [tool]


@pytest.mark.parametrize("tool", spec.CONDITIONAL_TOOLS)
def test_conditional_tools_are_dropped_here(obs, tool):
    assert tools(obs, f"cond-{tool.lower()}") == ["Read"]


@pytest.mark.parametrize("tool", spec.NOT_FOR_SUBAGENTS + tuple(spec.RETIRED_TOOLS))
def test_dropped_names_leave_zero_tools_so_the_agent_is_refused(obs, tool):
    kind = "retired" if tool in spec.RETIRED_TOOLS else "nosub"
    name = f"{kind}-{tool.lower()}"
    assert name in obs.agents  # it loads...
    assert name not in obs.spawned and "zero tools" in obs.refused[name]  # ...but never starts


@pytest.mark.parametrize("alias", spec.TOOL_ALIASES)
def test_aliases(obs, alias):
    assert tools(obs, f"alias-{alias.lower()}") == [spec.TOOL_ALIASES[alias]]


def test_plan_mode_keeps_exit_plan_mode(obs):
    assert tools(obs, "plan-mode") == sorted(["Read", *spec.PLAN_MODE_TOOLS])
    assert "ExitPlanMode" in spec.NOT_FOR_SUBAGENTS  # otherwise it is dropped


def test_bash_folds_grep_and_glob(obs):
    assert tools(obs, "fold-search") == ["Bash", "Read"]
    assert tools(obs, "fold-grep") == ["Bash"]
    assert set(spec.SEARCH_TOOLS_FOLDED_INTO_BASH) == {"Grep", "Glob"}


@pytest.mark.parametrize("scope", spec.MEMORY_SCOPES)
def test_memory_adds_write_and_edit(obs, scope):
    assert tools(obs, f"memory-{scope}") == sorted({"Read", "Grep", *spec.MEMORY_ADDS})


@pytest.mark.parametrize("case", ["no-tools-line", "star"])
def test_inherited_tools(obs, case):
    got = obs.spawned[case]
    assert probe.DEFERRED_MARKER in got.tools  # and the deferred tools behind it
    assert tools(obs, case) == sorted(spec.INHERITED_TOOLS)


@pytest.mark.parametrize("case, expected", [
    ("yaml-list", ["Grep", "Read"]), ("spaces", ["Grep", "Read"]), ("no-space-commas", ["Glob", "Grep", "Read"]),
    ("semicolon", ["Grep"]),  # `Read;` is no tool: only commas and whitespace separate
    ("empty-list", []), ("program-and-tool", ["Read"]),
    ("bash-specifier", ["Bash", "Read"]), ("read-specifier", ["Grep", "Read"]),
    ("agent-specifier", ["Agent", "Read"]), ("task-specifier", ["Agent", "Read"]),
    ("deny-some", ["Edit", "Read"]),
])
def test_how_a_tools_line_is_read(obs, case, expected):
    assert tools(obs, case) == expected
    # and the engine's effective tools say the same
    entries = [e for e in CASES[case].split("\n")[0].removeprefix("tools:").replace(",", " ").split()] or []
    if case == "yaml-list":
        entries = ["Read", "Grep"]
    if case == "empty-list":
        entries = []
    deny = ["Bash"] if case == "deny-some" else []
    assert list(grants.effective(entries, disallowed=deny).tools) == expected


def test_a_specifier_grants_the_same_tool_as_the_bare_name(obs):
    assert obs.spawned["bash-specifier"].tools == obs.spawned["fold-grep"].tools + ["Read"]


def test_deny_only_removes_from_the_inherited_tools(obs):
    assert tools(obs, "deny-only") == sorted(set(spec.INHERITED_TOOLS) - {"Bash", "Write"})
    assert list(grants.effective(None, disallowed=["Bash", "Write"]).tools) == tools(obs, "deny-only")


@pytest.mark.parametrize("case", ["lowercase", "programs"])
def test_names_are_case_sensitive_and_programs_are_no_tools(obs, case):
    assert case not in obs.spawned and "zero tools" in obs.refused[case]


@pytest.mark.parametrize("alias", spec.MODEL_ALIASES)
def test_model_aliases_resolve_to_a_model_id(obs, alias):
    model = obs.spawned[f"model-{alias.replace('[', '-').replace(']', '')}"].model
    assert model.startswith("claude-") and model != alias


def test_model_aliases_are_case_insensitive_and_other_values_go_to_the_api_as_written(obs):
    assert obs.spawned["model-upper"].model == obs.spawned["model-sonnet"].model
    assert obs.spawned["model-id"].model == "claude-opus-5"
    assert obs.spawned["model-unknown"].model == "gpt-4o"  # no check: the API would refuse it


def test_unknown_keys_load_with_a_warning_and_known_keys_without(obs):
    warned = [ln for ln in obs.debug if "does not recognize or apply" in ln]
    assert "unknown-key" in obs.agents and any('unknown-key.md' in ln and '"category"' in ln for ln in warned)
    assert any('typo-key.md' in ln and '"tool"' in ln for ln in warned)
    assert "all-known-keys" in obs.agents and not [ln for ln in warned if "all-known-keys.md" in ln]
    keys = set(spec.FIELDS_BY_KEY)
    assert {ln.split('apply: "')[1].split('"')[0] for ln in warned} & keys == set()


def test_a_typo_for_tools_gives_every_tool(obs):
    assert tools(obs, "typo-key") == sorted(spec.INHERITED_TOOLS)


@pytest.mark.parametrize("name", ["no-name", "no-frontmatter", "no-description", "empty-description",
                                  "number-description", "colon-name", "dash-name", "crlf-colon"])
def test_what_makes_a_file_skipped(obs, name):
    loaded = {n.lower() for n in obs.agents}
    assert name not in loaded and name.replace("-name", ":name") not in loaded


def test_how_skips_are_logged(obs):
    assert any("no-description.md" in ln and 'Missing required "description"' in ln for ln in obs.debug)
    assert any("number-description.md" in ln and 'Missing required "description"' in ln for ln in obs.debug)
    assert any("colon-name.md" in ln and 'must not contain ":"' in ln for ln in obs.debug)
    assert any("dash-name.md" in ln and 'must not start with "-"' in ln for ln in obs.debug)
    assert any("crlf-colon.md" in ln and "failed to parse" in ln for ln in obs.debug)
    # documentation is skipped without a word
    assert not obs.about("no-name.md") and not obs.about("no-frontmatter.md")


@pytest.mark.parametrize("name, description", [
    ("Title-Name", "Title case. Use when x."), ("crlf-plain", "Plain CRLF. Use when x."),
    ("lf-colon", "Use when: LF"), ("multi-line", "First line second line."),
    ("comment-cut", "Use for A"),  # YAML cut the rest of the line as a comment
    ("duplicate-key", "second"),  # the last one wins
    ("no", "A name YAML 1.1 reads as false."),  # YAML 1.2: `no` is text
])
def test_what_loads_and_how_it_reads(obs, name, description):
    assert name in obs.agents and obs.listing[name] == description


def test_a_catalog_agent_replaces_a_builtin_of_the_same_name_only(obs):
    assert obs.agents.count("Explore") == 1 and tools(obs, "Explore") == ["Read"]  # the file's, not the built-in's
    assert "explore" in obs.agents and tools(obs, "explore") == ["Read"]  # a different agent: names are case-sensitive
