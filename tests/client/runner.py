"""Run the pinned Claude Code (node_modules/.bin/claude) offline, isolated in a temporary HOME."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLAUDE = ROOT / "node_modules" / ".bin" / "claude"
INSTALL_HINT = "the pinned Claude Code is not installed: run `npm ci` in the repository (make test does)"


def pinned_version() -> str:
    return json.loads((ROOT / "package.json").read_text())["devDependencies"]["@anthropic-ai/claude-code"]


def available() -> bool:
    return CLAUDE.exists() and shutil.which("node") is not None


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    debug: str  # the --debug-file log

    def init(self) -> dict:
        """The stream-json `init` message (first line with subtype init)."""
        for line in self.stdout.splitlines():
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if msg.get("type") == "system" and msg.get("subtype") == "init":
                return msg
        raise AssertionError(f"no init message; stdout: {self.stdout[-2000:]} stderr: {self.stderr[-2000:]}")

    def agents(self) -> list[str]:
        return list(self.init().get("agents") or [])

    def debug_lines(self, level: str) -> list[str]:
        return [ln for ln in self.debug.splitlines() if f"[{level}]" in ln]


def environment(home: Path, api_url: str) -> dict[str, str]:
    keep = {k: os.environ[k] for k in ("PATH", "LANG", "TERM") if k in os.environ}
    return {**keep, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "CLAUDE_CONFIG_DIR": str(home / ".claude"),
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1", "DISABLE_TELEMETRY": "1",
            "DISABLE_AUTOUPDATER": "1", "DISABLE_ERROR_REPORTING": "1",
            # one batch spawns every agent under test (the default limit is 20 at once)
            "CLAUDE_CODE_MAX_CONCURRENT_SUBAGENTS": "500",
            "ANTHROPIC_API_KEY": "sk-ant-offline-test", "ANTHROPIC_BASE_URL": api_url}


def claude(args: list[str], *, home: Path, cwd: Path, api_url: str, timeout: float = 120) -> Run:
    """One run of the client; `home` is its whole world (config, agents, plugins)."""
    debug = home / f"debug-{len(list(home.glob('debug-*.log')))}.log"
    full = [str(CLAUDE), *args]
    if args and args[0] == "-p":
        full += ["--debug-file", str(debug)]
    proc = subprocess.run(full, cwd=cwd, env=environment(home, api_url), capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    text = debug.read_text(errors="replace") if debug.exists() else ""
    return Run(proc.returncode, proc.stdout, proc.stderr, text)


def prompt(home: Path, cwd: Path, api_url: str, text: str = "hello", extra: list[str] | None = None,
           timeout: float = 180) -> Run:
    return claude(["-p", text, "--output-format", "stream-json", "--verbose", *(extra or [])],
                  home=home, cwd=cwd, api_url=api_url, timeout=timeout)
