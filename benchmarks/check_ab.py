"""`agentcat check` throughput, this checkout's engine against an earlier revision's, in turns.

A speed target measured on a shared machine means little alone: the same engine varies by a
third from one minute to the next. This loads both engines into one process (the earlier one
from a temporary git worktree), checks one synthetic catalog with each in turn, and reports
CPU time per run and the ratio of each pair, so that the machine's mood cancels out.

    python benchmarks/check_ab.py --against 3c2082e [--files 3000] [--rounds 15]

Not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402


def engine(name: str, root: Path):
    """root/hooks/agentcat imported as package `name` (two engines side by side)."""
    init = root / "hooks" / "agentcat" / "__init__.py"
    spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(init.parent)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return importlib.import_module(f"{name}.catalog")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", required=True, help="the git revision to compare with (a commit, tag or branch)")
    ap.add_argument("--files", type=int, default=3000, help="agents in the synthetic catalog (default: 3000)")
    ap.add_argument("--rounds", type=int, default=15, help="runs of each engine, in turns (default: 15)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="agentcat-ab-") as tmp:
        earlier = Path(tmp) / "earlier"
        add = subprocess.run(["git", "worktree", "add", "--detach", str(earlier), args.against], cwd=ROOT,
                             capture_output=True, text=True)
        if add.returncode != 0:
            raise SystemExit(f"check_ab: cannot check out {args.against!r}: {add.stderr.strip()}")
        try:
            project = synth.write_project(Path(tmp) / "project", synth.make_agents(args.files))
            engines = {"earlier": engine("agentcat_earlier", earlier), "this": engine("agentcat_this", ROOT)}
            for e in engines.values():
                e.check_paths([project], project)  # warm-up: imports, compiled patterns, caches
            times: dict[str, list[float]] = {k: [] for k in engines}
            ratios = []
            for i in range(args.rounds):
                order = list(engines) if i % 2 == 0 else list(reversed(engines))
                pair = {}
                for k in order:
                    start = time.process_time()
                    engines[k].check_paths([project], project)
                    pair[k] = time.process_time() - start
                    times[k].append(pair[k])
                ratios.append(pair["earlier"] / pair["this"])
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(earlier)], cwd=ROOT, capture_output=True)
    for k, ts in times.items():
        print(f"{k:8} {args.files / min(ts):7,.0f} files/s at best, {args.files / statistics.median(ts):7,.0f} median "
              f"({args.rounds} runs, CPU time)")
    print(f"this / earlier: {statistics.median(ratios):.2f} x (median of {args.rounds} pairs; above 1 is faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
