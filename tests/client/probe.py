"""Put agent files in front of the real client and record what it did with each.

One client start loads every file (the `init` message lists the agents, the main request's
agent listing shows each description as the client read it, the debug log has one line per
problem file), and one batch of `Agent` tool calls spawns the agents asked for: each
subagent's first request shows the tools and the model it was given.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import runner
from .stub_api import StubAPI, system_text

# The client marks where deferred tools would go; it is not a tool an agent file can name.
DEFERRED_MARKER = "DeferredToolPlaceholder"


@dataclass
class Spawn:
    model: str
    tools: list[str]  # sorted names, the deferred-tools marker included
    system: str = ""  # the subagent's system text (its prompt is in it)


@dataclass
class Observation:
    agents: list[str]  # the init message's list, built-ins included
    listing: dict[str, str]  # agent -> description as the client read it (main request)
    spawned: dict[str, Spawn] = field(default_factory=dict)
    subagents: list[Spawn] = field(default_factory=list)  # every subagent request, in order
    refused: dict[str, str] = field(default_factory=dict)  # agent -> the client's error text
    debug: list[str] = field(default_factory=list)  # [ERROR] and [WARN] lines of the loader
    main_tools: list[str] = field(default_factory=list)

    def about(self, path: Path | str) -> list[str]:
        """Debug lines that name this file."""
        return [ln for ln in self.debug if str(path) in ln]


def prepare_home(home: Path) -> Path:
    (home / ".claude").mkdir(parents=True, exist_ok=True)
    # an existing config file: without one the client logs an error about saving it
    for f in (home / ".claude" / ".claude.json", home / ".claude.json"):
        if not f.exists():
            f.write_text(json.dumps({"hasCompletedOnboarding": True}))
    return home


def body_of(raw: bytes | str) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    m = re.match(r"\A\ufeff?---\r?\n.*?\r?\n---[ \t]*(\r?\n|\Z)", text, re.S)
    return (text[m.end():] if m else text).strip()


_NOTIFICATION = re.compile(r"<tool-use-id>(?P<id>[^<]+)</tool-use-id>.*?<status>(?P<status>[^<]+)</status>\s*"
                           r"<summary>(?P<summary>[^<]*)</summary>", re.S)
_LISTING = re.compile(r"^- (?P<name>[^\n:]+?): (?P<desc>.*?) \(Tools: [^\n]*\)$", re.M | re.S)


def agent_listing(text: str) -> dict[str, str]:
    """`- name: description (Tools: ...)` lines of the main request's agent list."""
    return {m.group("name"): m.group("desc") for m in _LISTING.finditer(text)}


def run(home: Path, project: Path, *, spawn: dict[str, str] | None = None,
        extra: list[str] | None = None) -> Observation:
    """Start the client once in `project` with `home`; `spawn` maps agent names to a text
    that only that agent's system prompt holds (its body), to tell the requests apart."""
    prepare_home(home)
    project.mkdir(parents=True, exist_ok=True)
    spawn = spawn or {}
    with StubAPI(spawn=list(spawn)) as api:
        result = runner.prompt(home, project, api.url, extra=extra)
    subs = api.subagent_requests()
    mains = [r for r in api.requests if r not in subs]
    obs = Observation(result.agents(), {},
                      debug=result.debug_lines("ERROR") + result.debug_lines("WARN"))
    if mains:
        obs.main_tools = sorted(t["name"] for t in mains[0].get("tools") or [])
        obs.listing = agent_listing(_all_text(mains[0]))
    obs.subagents = [Spawn(r.get("model", ""), sorted(t["name"] for t in r.get("tools") or []), system_text(r)) for r in subs]
    for name, marker in spawn.items():
        for req in subs:
            if marker and marker in system_text(req):
                obs.spawned[name] = Spawn(req.get("model", ""), sorted(t["name"] for t in req.get("tools") or []), system_text(req))
                break
    # agents start in the background; one that cannot start is reported in a task
    # notification to the main conversation ("would be spawned with zero tools")
    ids = {f"toolu_{i:04d}": name for i, name in enumerate(spawn)}
    for req in mains:
        for m in _NOTIFICATION.finditer(_all_text(req)):
            name = ids.get(m.group("id"))
            if name and m.group("status") == "failed" and name not in obs.spawned:
                obs.refused[name] = m.group("summary")
    return obs


def _all_text(request: dict) -> str:
    """Every text of a request (system blocks and message blocks), joined."""
    parts = [system_text(request)]
    for msg in request.get("messages") or []:
        content = msg.get("content")
        if isinstance(content, str):
            parts.append(content)
        else:
            parts += [b.get("text", "") for b in content or [] if isinstance(b, dict)]
    return "\n".join(parts)


def write_agents(base: Path, files: dict[str, bytes | str]) -> dict[str, Path]:
    out = {}
    for rel, content in files.items():
        p = base / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode())
        out[rel] = p
    return out


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
