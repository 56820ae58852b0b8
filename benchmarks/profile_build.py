"""Profile one in-process MkDocs build and say where the time goes.

Run in its own process by bench.py: `python profile_build.py PROJECT SITE_DIR OUT.json`.
Self time of every function is charged to a component by the file it lives in; time spent
in the standard library and in built-ins (regular expressions, string methods, the HTML
parser, I/O) is charged to whoever called it, in proportion to the calls' own time, so the
shares add up and say who caused the work.

The call graph comes from the profiler's raw entries, keyed by code object: Python-Markdown
loads a private copy of `html.parser`, whose functions have the same file, line and name
as the standard one, and `pstats` would merge the two and lose who called which.
"""

from __future__ import annotations

import cProfile
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

# Components, tried in order: (name, substring of the function's file path).
COMPONENTS = (
    ("agentcat hook and engine", "/hooks/agentcat/"),
    ("agentcat hook and engine", "/hooks/catalog.py"),
    ("macros (plugin and our module)", "/hooks/macros.py"),
    ("macros (plugin and our module)", "/mkdocs_macros/"),
    ("search plugin", "/mkdocs/contrib/search/"),
    ("search plugin", "/material/plugins/search/"),  # Material's replaces MkDocs' own
    ("Material templates and theme", "/material/"),
    ("MkDocs core", "/mkdocs/"),
    ("Markdown and extensions", "/markdown/"),
    ("Markdown and extensions", "/pymdownx/"),
    ("Pygments", "/pygments/"),
    ("Jinja2 runtime", "/jinja2/"),
    ("YAML", "/yaml/"),
)
OTHER = "other third-party"
UNCLAIMED = "interpreter and standard library"


def filename(code) -> str:
    return code.co_filename if hasattr(code, "co_filename") else "~"  # built-ins are strings


def label(code) -> str:
    if not hasattr(code, "co_filename"):
        return str(code)
    where = code.co_filename.split("site-packages/")[-1].split("/hooks/")[-1]
    return f"{where}:{code.co_firstlineno}({code.co_name})"


def component(path: str) -> str | None:
    """None for the standard library and built-ins: charged to the caller instead."""
    for name, part in COMPONENTS:
        if part in path:
            return name
    if path.startswith(("~", "<")) or "site-packages" not in path:
        return None
    return OTHER


def shares(entries) -> dict[str, float]:
    """Seconds of self time per component, the standard library charged to its callers."""
    own: dict = defaultdict(float)
    callers: dict = defaultdict(lambda: defaultdict(float))  # callee -> caller -> callee's own time from it
    for e in entries:
        own[e.code] += e.inlinetime
        for sub in e.calls or ():
            callers[sub.code][e.code] += sub.inlinetime
    memo: dict = {}

    def split(code, depth=0) -> dict[str, float]:
        """Fractions of code's self time per component (through its callers when needed)."""
        if code in memo:
            return memo[code]
        mine = component(filename(code))
        if mine:
            return {mine: 1.0}
        edges = callers.get(code, {})
        total = sum(edges.values())
        if depth > 40 or total <= 0:
            return {UNCLAIMED: 1.0}
        memo[code] = {}  # a cycle back to here contributes nothing
        out: dict[str, float] = defaultdict(float)
        for caller, t in edges.items():
            for name, frac in split(caller, depth + 1).items():
                out[name] += frac * t / total
        memo[code] = dict(out)
        return memo[code]

    totals: dict[str, float] = defaultdict(float)
    for code, t in own.items():
        for name, frac in split(code).items():
            totals[name] += t * frac
    return dict(totals)


def hook_phases(entries) -> dict[str, float]:
    """Cumulative time of each event handler of our hook (what it calls included)."""
    out: dict[str, float] = defaultdict(float)
    for e in entries:
        if filename(e.code).endswith("/hooks/catalog.py") and e.code.co_name.startswith("on_"):
            out[e.code.co_name] += e.totaltime
    return dict(out)


def top_functions(entries, n: int = 12, ours: bool = False) -> list[dict]:
    rows: dict[str, list] = {}
    for e in entries:
        if ours and "/hooks/" not in filename(e.code):
            continue
        row = rows.setdefault(label(e.code), [0, 0.0, 0.0])
        row[0] += e.callcount
        row[1] += e.inlinetime
        row[2] += e.totaltime
    out = [{"function": k, "calls": c, "self_s": round(tt, 3), "cumulative_s": round(ct, 3)} for k, (c, tt, ct) in rows.items()]
    return sorted(out, key=lambda r: r["cumulative_s" if ours else "self_s"], reverse=True)[:n]


def main() -> None:
    project, site_dir, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    os.chdir(project)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # the default clock (wall time): a CPU-time clock costs a system call per event, which
    # multiplies the run time by about 7 and distorts the shares toward small functions
    profiler = cProfile.Profile()
    start, cpu_start = time.perf_counter(), time.process_time()
    profiler.enable()
    config = load_config(str(project / "mkdocs.yml"), site_dir=site_dir, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    profiler.disable()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    profiler.dump_stats(out.with_suffix(".prof"))  # for a closer look: python -m pstats
    entries = profiler.getstats()
    parts = shares(entries)
    total = sum(parts.values())
    out.write_text(json.dumps({
        "wall_s_under_profiler": round(wall, 2),
        "cpu_s_under_profiler": round(cpu, 2),  # well below the wall time when the machine was busy
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "profiled_s": round(total, 2),
        "components": {k: {"seconds": round(v, 2), "share": round(v / total, 3)}
                       for k, v in sorted(parts.items(), key=lambda kv: -kv[1])},
        "hook_phases_s": {k: round(v, 2) for k, v in sorted(hook_phases(entries).items(), key=lambda kv: -kv[1])},
        "top_self": top_functions(entries),
        "top_ours": top_functions(entries, ours=True),
    }, indent=2))


if __name__ == "__main__":
    main()
