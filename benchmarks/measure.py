"""Measuring one child process (wall time, peak memory) and the size of what it wrote."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent


@dataclass
class Run:
    seconds: float  # wall time, interpreter start-up included
    cpu_seconds: float  # user + system time of the child: less sensitive to other load
    max_rss_mb: float  # peak resident memory of the child (ru_maxrss of that one process)
    returncode: int
    stderr: str


def run(args: list[str], cwd: Path, timeout: float = 1800) -> Run:
    """Run a fresh child process and wait for it with wait4(), which gives that child's own
    resource usage (RUSAGE_CHILDREN would be the maximum over every child so far)."""
    env = dict(os.environ)
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS)
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(seconds, usage.ru_utime + usage.ru_stime, rss, proc.returncode, text)


def mkdocs_build(project: Path, site_dir: Path) -> Run:
    """`mkdocs build --strict`, as `make build` runs it."""
    return run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir)], cwd=project)


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(n: float) -> float:
    return round(n / 1_000_000, 2)


_TAG = re.compile(r"<(link|script)\b([^>]*)>", re.I)
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
_WORKER = re.compile(r'"search":\s*"([^"]+)"')


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))  # what GitHub Pages serves, about


def page_weight(site: Path, page: str) -> dict:
    """What a first visit to one page loads, each file gzipped: the document, its stylesheets,
    scripts and icon. Material's search worker then fetches its script and the search index
    in the background; those are reported apart (`search_*`)."""
    html_path = site / page / "index.html"
    text = html_path.read_text(encoding="utf-8")
    refs = []
    for tag, attrs in _TAG.findall(text):
        a = dict(_ATTR.findall(attrs))
        if tag.lower() == "link" and a.get("rel") in ("stylesheet", "icon") and a.get("href"):
            refs.append(a["href"])
        elif tag.lower() == "script" and a.get("src"):
            refs.append(a["src"])
    files = [("document", html_path.read_bytes())]
    for ref in refs:
        if "://" in ref or ref.startswith("//"):
            continue  # the site makes no external requests; nothing to count
        path = (html_path.parent / ref.split("?")[0].split("#")[0]).resolve()
        files.append((path.relative_to(site.resolve()).as_posix(), path.read_bytes()))
    search = []
    worker = _WORKER.search(text)
    if worker:
        search.append((html_path.parent / worker.group(1)).resolve().read_bytes())
    index = site / "search" / "search_index.json"
    if index.is_file():
        search.append(index.read_bytes())
    return {"page": page, "requests": len(files),
            "raw_kb": round(sum(len(d) for _, d in files) / 1000, 1),
            "gzip_kb": round(sum(_gz(d) for _, d in files) / 1000, 1),
            "files": [{"path": p, "raw_kb": round(len(d) / 1000, 1), "gzip_kb": round(_gz(d) / 1000, 1)} for p, d in files],
            "search_gzip_kb": round(sum(_gz(d) for d in search) / 1000, 1)}
