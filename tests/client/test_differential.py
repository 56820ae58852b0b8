"""The linter's claims about Claude Code, checked against the client, file by file.

A corpus of agent files (realistic ones in tests/fixtures/client/, every hostile fixture and
every single-file rule fixture) goes through `agentcat check --profile claude-code` and
through the pinned client. Every error the linter reports in that profile names what the
client does (problems.py: its claim); each claim must be what the client did. And every
file the client skips, refuses or misreads must carry an error: nothing slips through.
Precision and recall are printed (`pytest -s`) and asserted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from agentcat import check, grants, load, problems as P, spec

from conftest import ROOT
from . import probe

FIXTURES = ROOT / "tests" / "fixtures"
REALISTIC = sorted((FIXTURES / "client").glob("*.md"))
CASES: list = []  # filled by the corpus fixture
CORPUS = REALISTIC + sorted((FIXTURES / "hostile").glob("*.md")) + sorted((FIXTURES / "rules").glob("*/*.md"))


@dataclass
class Case:
    key: str  # relative path under the project's agents folder
    raw: bytes
    marker: str
    name: str | None = None  # as the linter reads it
    errors: list[P.Problem] = field(default_factory=list)
    warnings: list[P.Problem] = field(default_factory=list)


def prepared(path: Path, i: int) -> tuple[str, bytes, str]:
    """The file as the corpus uses it: rule fixtures' generic names (`good`, `bad`) made
    unique so that they do not collide, and a marker line at the end of the body so that
    the subagent's request can be told apart (the linter sees the same bytes)."""
    raw = path.read_bytes()
    group = path.parent.name if path.parent.parent.name == "rules" else path.parent.name
    key = f"{group}/{path.name}" if group != path.parent.parent.name else path.name
    raw = re.sub(rb"^name: (good|bad)(\r?)$", lambda m: b"name: " + m.group(1) + b"-" + group.lower().encode() + m.group(2),
                 raw, count=1, flags=re.M)
    marker = f"=probe{i:03d}="
    eol = b"\r\n" if b"\r\n" in raw else b"\n"
    raw += (b"" if raw.endswith(b"\n") else eol) + f"Probe marker {marker}.".encode() + eol
    return key, raw, marker


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    home = tmp_path_factory.mktemp("differential")
    project = home / "project"
    base = project / ".claude" / "agents"
    cases: dict[str, Case] = {}
    CASES.clear()
    for i, path in enumerate(CORPUS):
        key, raw, marker = prepared(path, i)
        cases[key] = Case(key, raw, marker)
    CASES.extend(cases.values())
    probe.write_agents(base, {c.key: c.raw for c in cases.values()})
    report = check.run([base], project, profile=P.CLAUDE_CODE, discover=False)
    by_path = {}
    for p in report.problems:
        by_path.setdefault(p.path.removeprefix(".claude/agents/"), []).append(p)
    for c in cases.values():
        agent, _ = load.load_bytes(c.raw, c.key, Path(c.key).stem)
        name = agent.get("name") if agent is not None and agent.frontmatter_ok else None
        c.name = name if isinstance(name, str) else None
        c.errors = [p for p in by_path.get(c.key, []) if p.is_error]
        c.warnings = [p for p in by_path.get(c.key, []) if not p.is_error]
    documentation = {d.removeprefix(".claude/agents/") for d in report.documentation}
    spawn = {}
    for c in cases.values():
        name = client_name(c)
        if name and name not in spawn:
            spawn[name] = c.marker
    # duplicates share a name: spawned once; the marker in the request tells which file ran
    obs = probe.run(home, project, spawn=spawn)
    return cases, obs, base, documentation, spawn


def client_name(c: Case) -> str | None:
    """The name as the linter reads it, or else the `name:` line as written."""
    if c.name:
        return c.name
    m = re.search(rb"^name:[ \t]*['\"]?([^'\"\r\n]*)", c.raw, re.M)
    return m.group(1).decode("utf-8", "replace").strip() if m else None


def ran(c: Case, obs) -> probe.Spawn | None:
    """The subagent request that carries this file's body (its marker), if any."""
    return next((s for s in obs.subagents if c.marker in s.system), None)


def skipped(c: Case, obs, base: Path) -> bool:
    name = client_name(c)
    return not name or name not in obs.agents or any("failed to parse" in ln for ln in obs.about(base / c.key))


def confirm(p: P.Problem, c: Case, obs, base: Path) -> bool:
    """Did the client do what this error says it does?"""
    claim = P.RULES[p.rule].claim
    about = obs.about(base / c.key)
    got = ran(c, obs)
    name = client_name(c)
    is_loaded = not skipped(c, obs, base)
    entry = p.message.split("`")[1] if "`" in p.message else ""
    if claim == P.SKIPS:
        if p.rule == "AC204":  # of the files with this name, exactly one ran
            twins = [d for d in CASES if client_name(d) == name]
            return sum(ran(d, obs) is not None for d in twins) == 1 and len(twins) > 1
        return not is_loaded
    if claim == P.MISREADS:
        if p.rule == "AC018":
            return is_loaded and "#" not in obs.listing.get(name, "#")
        if p.rule == "AC013":  # the last of the duplicate keys wins
            key = entry
            values = re.findall(rb"^" + re.escape(key.encode()) + rb":[ \t]*(.*?)\r?$", c.raw, re.M)
            last = values[-1].decode().strip().strip('"')
            if key == "description":
                return obs.listing.get(name) == last
            if key == "tools" and got is not None:
                return list(grants.effective([e for e in re.split(r"[,\s]+", last) if e]).tools) == \
                    [t for t in got.tools if t != probe.DEFERRED_MARKER]
            return False
        return not is_loaded or bool(about)
    if claim == P.IGNORES and p.rule == "AC244":  # an unknown memory scope adds no tools
        listed = re.search(rb"^tools:[ \t]*(.*?)\r?$", c.raw, re.M)
        listed_tools = set(re.split(r"[,\s]+", listed.group(1).decode())) if listed else set()
        return got is not None and not (set(spec.MEMORY_ADDS) - listed_tools) & set(got.tools)
    if claim == P.IGNORES:
        return any(f'"{entry}"' in ln and "does not recognize" in ln for ln in about)
    if claim == P.DROPS:
        tool = spec.TOOL_ALIASES.get(entry.split("(")[0], entry.split("(")[0])
        return name in obs.refused or (got is not None and tool not in got.tools)
    if claim == P.REFUSES:
        return name in obs.refused and got is None
    if claim == P.GRANTS_MORE:
        if got is None:
            return False
        if p.rule == "AC237":
            return grants.resolve(entry).tool in got.tools
        return set(spec.MEMORY_ADDS) <= set(got.tools)
    if claim == P.OVERRIDES:
        return got is not None and name in spec.BUILTIN_AGENTS and obs.agents.count(name) == 1
    if claim == P.PASSES_THROUGH:
        raw_model = re.search(rb"^model:[ \t]*['\"]?([^'\"\r\n]*)", c.raw, re.M).group(1).decode().strip()
        return got is not None and got.model == raw_model
    if claim == P.TAG_IGNORED:  # loaded, with the tagged value read as the plain YAML after the tag
        value = re.search(rb"^(\w+):[ \t]*!!\S+[ \t]*(.*?)\r?$", c.raw, re.M)
        key, rest = value.group(1).decode(), value.group(2).decode()
        if key == "description":
            return obs.listing.get(name) == rest.strip('"')
        if key == "tools":
            return got is not None and [t for t in got.tools if t != probe.DEFERRED_MARKER] != \
                list(grants.effective([e for e in re.split(r"[{},\s]+", rest) if e]).tools)
        return is_loaded
    if claim == P.HIDES:  # the hidden character is in what the client sends the model
        chars = {chr(int(h, 16)) for h in re.findall(r"U\+([0-9A-F]{4,6})", p.message)}
        lines = c.raw.decode("utf-8", "replace").split("\n")
        if 0 < p.line <= len(lines) and 0 < p.col <= len(lines[p.line - 1]):
            chars.add(lines[p.line - 1][p.col - 1])  # the character the problem points at
        sent = list(obs.listing.values()) + [s.system for s in obs.subagents]
        return bool(chars) and any(ch in text for ch in chars for text in sent)
    return False


def misbehaviours(c: Case, obs, base: Path, documentation: set[str]) -> list[str]:
    """What the client got wrong about this file, observed without asking the linter."""
    if c.key in documentation:
        return []
    text = c.raw.decode("utf-8", "replace")
    if re.search(r"^(name|description|tools)[ \t]*:", text[:4096], re.M) and skipped(c, obs, base):
        return ["skipped it"]
    out = []
    name = client_name(c)
    if name in obs.refused and ran(c, obs) is None:
        out.append("refused to start it")
    got = ran(c, obs)
    tools_line = re.search(r"^tools:[ \t]*(.+?)\r?$", text, re.M)
    if got is not None and tools_line and not tools_line.group(1).strip().startswith(("[", "-", "|", ">")):
        # YAML anchors (`&t Read`) name the value, they are not entries; denied tools go
        listed = [e for e in re.split(r"[,\s]+", tools_line.group(1).strip().strip("'\"")) if e and not e.startswith("&")]
        denied = re.search(r"^disallowedTools:[ \t]*(.+?)\r?$", text, re.M)
        denied_names = set(re.split(r"[,\s]+", denied.group(1))) if denied else set()
        if "*t" in denied_names or any(d.startswith("*") for d in denied_names):  # an alias of the tools line
            denied_names |= set(listed)
        wanted = {spec.TOOL_ALIASES.get(e.split("(")[0], e.split("(")[0]) for e in listed} - denied_names
        received = set(got.tools) - {probe.DEFERRED_MARKER}
        folded = set(spec.SEARCH_TOOLS_FOLDED_INTO_BASH) if "Bash" in received else set()
        if {w for w in wanted if not w.startswith("mcp__")} - received - folded - {"*"}:
            out.append("dropped a tool")
        if (received - wanted and "*" not in wanted) or any("(" in e and not e.startswith(("Agent(", "Task(")) for e in listed):
            out.append("granted more than listed")
    desc = re.search(r"^description:[ \t]*([^'\"|>\s][^\r\n]*?)[ \t]*\r?$", text, re.M)
    if desc and name in obs.listing and obs.listing[name] != desc.group(1) and " #" in desc.group(1):
        out.append("cut the description at ' #'")
    if got is not None:
        model = re.search(r"^model:[ \t]*['\"]?([^'\"\r\n]*)", text, re.M)
        if model and got.model == model.group(1).strip() and not model.group(1).startswith("claude-"):
            out.append("sent an unknown model to the API")
    return out


def test_every_claude_code_error_names_what_the_client_does():
    unclaimed = [r.id for r in P.RULES.values() if r.claude_code == P.ERROR and r.claim is None
                 and r.group not in ("catalog", "config")]
    assert unclaimed == []


def test_the_linter_and_the_client_agree(corpus, capsys):
    cases, obs, base, documentation, spawn = corpus
    counted, wrong, moot, missed = [], [], [], []
    for c in cases.values():
        file_skipped = skipped(c, obs, base)
        for p in c.errors:
            claim = P.RULES[p.rule].claim
            if P.RULES[p.rule].group in ("catalog", "config"):
                continue
            if file_skipped and claim not in (P.SKIPS, P.MISREADS):
                moot.append(p)  # what the client would do with a field of a file it never loads cannot be seen
                continue
            ok = confirm(p, c, obs, base)
            counted.append((c, p, ok))
            if not ok:
                wrong.append(f"{c.key}: {p.rule} claims the client {claim}: {p.message[:100]}")
        seen = misbehaviours(c, obs, base, documentation)
        if seen and not c.errors:
            missed.append(f"{c.key}: the client {', '.join(seen)}, and the linter reports no error")
    real = [(c, p, ok) for c, p, ok in counted if c.key.startswith("client/")]
    bad_files = [c for c in cases.values() if misbehaviours(c, obs, base, documentation)]
    with capsys.disabled():
        print(f"\ndifferential ({len(cases)} files, {len(documentation)} skipped as documentation): "
              f"{len(counted)} claude-code errors checked, {sum(ok for *_, ok in counted)} confirmed; "
              f"realistic corpus {sum(ok for *_, ok in real)}/{len(real)} confirmed; {len(moot)} moot (file never loads); "
              f"{len(bad_files)} files the client skips, refuses or misreads, {len(bad_files) - len(missed)} with an error")
    assert missed == [], "\n".join(missed)  # recall: 100 %
    assert wrong == [], "\n".join(wrong)  # every claim holds
    assert len(real) >= 20
