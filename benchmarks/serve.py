"""The rebuild under `mkdocs serve` after one agent file is edited.

Starts `mkdocs serve` on a free port, waits until it serves the agent's page, then edits the
agent file (a new sentence in its body) and times how long until the page served over HTTP
contains that sentence. Also reads MkDocs' own "Documentation built in X seconds" lines.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from measure import BIN

_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
_SERVING = re.compile(r"Serving on (http://\S+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _until(ready, proc: subprocess.Popen, timeout: float, what: str):
    """Poll ready() every 20 ms until it returns something; (its value, seconds taken)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with status {proc.returncode} before {what}")
        value = ready()
        if value:
            return value, time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(f"no {what} within {timeout:.0f} s")


def _page_has(url: str, token: str):
    return lambda: token in (_fetch(url) or "")


def measure_rebuilds(project: Path, agent_rel: str, page_path: str, edits: int, timeout: float = 600) -> dict:
    """`edits` successive edits of agents/<agent_rel>; page_path is the page's URL path."""
    port = free_port()
    env = dict(os.environ)
    started = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True)  # list.extend: one line at a time
    reader.start()
    path = project / "agents" / agent_rel
    original = path.read_text(encoding="utf-8")
    try:
        # the address it prints includes the mount path taken from site_url
        base, _ = _until(lambda: next(iter(_SERVING.findall("".join(log))), None), proc, timeout, "Serving on line")
        url = base.rstrip("/") + "/" + page_path
        _until(_page_has(url, "</html>"), proc, timeout, f"page at {url}")
        first = time.perf_counter() - started
        times = []
        for i in range(edits):
            token = f"Benchmark edit number {i + 1} at {time.time_ns()}."
            # the new sentence goes at the end of the body: still a valid, lint-clean agent
            path.write_text(original.rstrip("\n") + f"\n\n{token}\n", encoding="utf-8")
            times.append(_until(_page_has(url, token), proc, timeout, f"edit at {url}")[1])
            time.sleep(0.5)  # let the server settle (it reloads browsers after a build)
    finally:
        # stop the server before restoring the file: a restore first would start one more
        # rebuild, which the interrupt could then cut short (and log as an error)
        os.killpg(proc.pid, signal.SIGINT)  # the group we started: mkdocs and nothing else
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        path.write_text(original, encoding="utf-8")
        reader.join(timeout=5)
    built = [float(x) for x in _BUILT.findall("".join(log))]
    return {"first_page_s": round(first, 2), "edit_to_page_s": [round(t, 2) for t in times],
            "builds_logged_s": built, "errors": [ln.strip() for ln in log if "ERROR" in ln][:5]}
