"""Load agent files into a fresh HOME and watch the real client: what loads, what each gets."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import runner
from .stub_api import StubAPI, system_text


@dataclass
class Observed:
    loaded: list[str]  # the init message's agents list (built-ins included)
    tools: dict[str, list[str] | None] = field(default_factory=dict)  # spawned agent -> tools it got (None: not spawned)
    errors: list[str] = field(default_factory=list)  # debug log [ERROR] lines
    warnings: list[str] = field(default_factory=list)  # debug log [WARN] lines
    main_tools: list[str] = field(default_factory=list)


def prepare_home(home: Path) -> Path:
    (home / ".claude").mkdir(parents=True, exist_ok=True)
    # an existing config file: without one the client logs an error about saving it
    for f in (home / ".claude" / ".claude.json", home / ".claude.json"):
        if not f.exists():
            f.write_text(json.dumps({"hasCompletedOnboarding": True}))
    return home


def body_of(text: str) -> str:
    m = re.match(r"\A---\r?\n.*?\r?\n---\r?\n", text, re.S)
    return text[m.end():].strip() if m else text.strip()


def observe(home: Path, project: Path, files: dict[str, str | bytes], *, spawn: list[str] = (),
            where: str = "project") -> Observed:
    """Write `files` ({relative path: content}) into the project's (or user's) agents folder,
    start the client once, and spawn `spawn` (agent names) in one batch."""
    prepare_home(home)
    project.mkdir(parents=True, exist_ok=True)
    base = (project / ".claude" / "agents") if where == "project" else (home / ".claude" / "agents")
    bodies = {}
    for rel, content in files.items():
        p = base / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        raw = content if isinstance(content, bytes) else content.encode()
        p.write_bytes(raw)
        bodies[rel] = body_of(raw.decode("utf-8", "replace"))
    with StubAPI(spawn=list(spawn)) as api:
        run = runner.prompt(home, project, api.url)
        subs = api.subagent_requests()
        mains = [r for r in api.requests if r not in subs]
    obs = Observed(run.agents(), errors=run.debug_lines("ERROR"), warnings=run.debug_lines("WARN"))
    if mains:
        obs.main_tools = sorted(t["name"] for t in mains[0].get("tools") or [])
    return obs, run, subs


def tools_by_body(subs: list[dict], bodies: dict[str, str]) -> dict[str, list[str]]:
    """Which request belongs to which agent: its system text holds the agent's body."""
    out: dict[str, list[str]] = {}
    for req in subs:
        text = system_text(req)
        for key, body in bodies.items():
            if body and body in text and key not in out:
                out[key] = sorted(t["name"] for t in req.get("tools") or [])
    return out
