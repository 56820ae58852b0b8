"""Build and linter benchmarks (not tests): `make bench`, or

    .venv/bin/python benchmarks/bench.py [--sizes 100,1000,3000] [--runs 3] [--json]

For each size, a synthetic catalog (benchmarks/synth.py) is built three times per run, in
turns: the real project (our hooks and macros); a baseline of the same pages written as
plain Markdown, built by MkDocs + Material alone (the price of the hook); and a hand-written
baseline, agent pages as a person would write them (H1, description, a three-row field
table, two install tabs with one bash block each, the whole file in a markdown fence), built
by MkDocs + Material alone (what a user comparing alternatives compares with). Each build is a fresh `mkdocs build --strict`
process: wall time (median over the runs), peak memory of that process, output size and
search index size. Then `agentcat check` on --check-files files (in-process and end to end),
the worst-case files of benchmarks/worst.py, the rebuild under `mkdocs serve` after editing
one agent, and a profile of one build.

The report goes to stdout (Markdown tables, or JSON with --json) and benchmarks/out/build.json.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import measure
import serve
import synth
import worst

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "build.json"

# The targets; a figure of the benchmark, never a test assertion.
TARGETS = {
    "hand_ratio_1000": ("build time at 1,000 agents / hand-written baseline", "<=", 1.25),
    "hand_ratio_3000": ("build time at 3,000 agents / hand-written baseline", "<=", 1.25),
    "ratio_3000": ("build time at 3,000 agents / baseline of the same pages", "<=", 1.10),
    "scaling": ("t(3,000) / t(1,000), our build", "<=", 3.3),
    "rss_3000": ("peak memory at 3,000 agents (MB)", "<=", 300),
    "check_files_per_s": ("agentcat check, files per second", ">=", 10_000),
    "search_3000": ("search index at 3,000 agents (MB)", "<", 10),
    "edit_loop": ("mkdocs serve: edit one agent at 1,000 agents to page shown, median (s)", "<=", 3),
    "page_weight": ("first load of an agent page, gzipped (KB)", "<=", 100),
}
KINDS = ("ours", "baseline", "handwritten")


def say(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


def machine() -> dict:
    mem = ""
    try:
        kb = int(next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    import yaml
    versions = {p: importlib.metadata.version(p) for p in
                ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "mkdocs-macros-plugin", "PyYAML")}
    return {"cpus": os.cpu_count(), "memory": mem, "python": platform.python_version(),
            "platform": platform.platform(terse=True), "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()], **versions}


def build_size(n: int, runs: int, work: Path, projects: dict) -> dict:
    agents = synth.make_agents(n)
    project = projects[n] = synth.write_project(work / f"project-{n}", agents)
    baseline = synth.write_baseline(work / f"baseline-{n}", agents)
    handwritten = synth.write_handwritten(work / f"handwritten-{n}", agents)
    result: dict = {"agents": n, "agent_bytes_mean": round(statistics.mean(len(a.text.encode()) for a in agents))}
    builds: dict[str, list[measure.Run]] = {k: [] for k in KINDS}
    sample = agents[len(agents) // 2]
    sample_page = f"agents/{sample.category}/{sample.name}"
    for i in range(runs):
        for kind, where in zip(KINDS, (project, baseline, handwritten)):  # in turns: all see the same noise
            site = work / f"site-{kind}-{n}"
            shutil.rmtree(site, ignore_errors=True)
            run = measure.mkdocs_build(where, site)
            if run.returncode != 0:
                raise SystemExit(f"bench: the {kind} build of {n} agents failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
            builds[kind].append(run)
            say(f"  {n} agents, run {i + 1}/{runs}, {kind}: {run.seconds:.2f} s ({run.cpu_seconds:.2f} s CPU), {run.max_rss_mb:.0f} MB")
    for kind, rs in builds.items():
        site = work / f"site-{kind}-{n}"
        result[kind] = {
            "median_s": round(statistics.median(r.seconds for r in rs), 2),
            "runs_s": [round(r.seconds, 2) for r in rs],
            "median_cpu_s": round(statistics.median(r.cpu_seconds for r in rs), 2),
            "peak_rss_mb": round(max(r.max_rss_mb for r in rs), 1),
            "site_mb": measure.mb(measure.tree_bytes(site)),
            "search_index_mb": measure.mb((site / "search" / "search_index.json").stat().st_size),
            "html_pages": sum(1 for _ in site.rglob("*.html")),
            "agent_page_weight": measure.page_weight(site, sample_page),
        }
        shutil.rmtree(site)
    result["ratio"] = round(result["ours"]["median_s"] / result["baseline"]["median_s"], 2)
    result["cpu_ratio"] = round(result["ours"]["median_cpu_s"] / result["baseline"]["median_cpu_s"], 2)
    result["hand_ratio"] = round(result["ours"]["median_s"] / result["handwritten"]["median_s"], 2)
    result["hand_cpu_ratio"] = round(result["ours"]["median_cpu_s"] / result["handwritten"]["median_cpu_s"], 2)
    result["hand_ratios_per_run"] = [round(o.seconds / h.seconds, 2) for o, h in zip(builds["ours"], builds["handwritten"])]
    shutil.rmtree(baseline)
    shutil.rmtree(handwritten)
    return result


def project_of(n: int, work: Path, projects: dict) -> Path:
    if n not in projects:
        projects[n] = synth.write_project(work / f"project-{n}", synth.make_agents(n))
    return projects[n]


def check_throughput(project: Path, runs: int) -> dict:
    """`agentcat check` on a catalog: in-process (loading + every rule, no start-up), then the CLI."""
    if str(ROOT / "hooks") not in sys.path:
        sys.path.insert(0, str(ROOT / "hooks"))
    from agentcat import catalog
    from agentcat.problems import RULES

    files = sum(1 for _ in (project / "agents").glob("*/*.md"))
    problems = catalog.check_paths([project], project)  # warm-up: imports, regex caches, page cache
    times = []
    for _ in range(max(runs, 3)):
        start = time.perf_counter()
        catalog.check_paths([project], project)
        times.append(time.perf_counter() - start)
    in_process = statistics.median(times)
    cli = [measure.run([str(measure.BIN / "agentcat"), "check", str(project)], cwd=project) for _ in range(runs)]
    if any(r.returncode != 0 for r in cli):
        raise SystemExit(f"bench: `agentcat check` failed on the synthetic catalog:\n{cli[0].stderr[-3000:]}")
    return {"files": files, "rules": len(RULES), "problems": len(problems),
            "in_process_s": round(in_process, 3), "runs_s": [round(t, 3) for t in times],
            "files_per_s": round(files / in_process), "cli_s": round(statistics.median(r.seconds for r in cli), 2),
            "cli_peak_rss_mb": round(max(r.max_rss_mb for r in cli), 1)}


def worst_cases(runs: int) -> dict:
    """Each worst-case file (benchmarks/worst.py) loaded and checked in process: seconds, median."""
    if str(ROOT / "hooks") not in sys.path:
        sys.path.insert(0, str(ROOT / "hooks"))
    from agentcat import load, rules

    out = {}
    for name, make in worst.CASES.items():
        raw = make()
        times = []
        for _ in range(max(runs, 3)):
            start = time.perf_counter()
            agent, problems = load.load_bytes(raw, f"{name}.md", name)
            if agent is not None:
                problems += rules.check(agent)
            times.append(time.perf_counter() - start)
        out[name] = {"bytes": len(raw), "median_s": round(statistics.median(times), 3), "problems": len(problems)}
    return out


def serve_rebuild(project: Path, runs: int) -> dict:
    files = sorted((project / "agents").glob("*/*.md"))
    rel = files[len(files) // 2].relative_to(project / "agents").as_posix()  # one from the middle
    result = serve.measure_rebuilds(project, rel, f"agents/{rel[:-3]}/", edits=runs)
    result["agent"] = rel
    result["median_edit_to_page_s"] = round(statistics.median(result["edit_to_page_s"]), 2)
    return result


def profile(project: Path, work: Path) -> dict:
    out = work / "profile.json"
    args = [sys.executable, str(HERE / "profile_build.py"), str(project), str(work / "site-profile"), str(out)]
    done = subprocess.run(args, cwd=project, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench: the profiled build failed:\n{done.stderr[-3000:]}")
    shutil.rmtree(work / "site-profile", ignore_errors=True)
    return json.loads(out.read_text())


def targets(report: dict) -> list[dict]:
    sizes = {s["agents"]: s for s in report["sizes"]}
    weights = [s["ours"]["agent_page_weight"]["gzip_kb"] for s in report["sizes"]]
    values = {
        "hand_ratio_1000": sizes.get(1000, {}).get("hand_ratio"),
        "hand_ratio_3000": sizes.get(3000, {}).get("hand_ratio"),
        "ratio_3000": sizes.get(3000, {}).get("ratio"),
        "scaling": (round(sizes[3000]["ours"]["median_s"] / sizes[1000]["ours"]["median_s"], 2)
                    if 3000 in sizes and 1000 in sizes else None),
        "rss_3000": sizes.get(3000, {}).get("ours", {}).get("peak_rss_mb"),
        "check_files_per_s": report.get("check", {}).get("files_per_s") if report.get("check", {}).get("files") == 3000 else None,
        "search_3000": sizes.get(3000, {}).get("ours", {}).get("search_index_mb"),
        "edit_loop": report["serve"]["median_edit_to_page_s"] if report.get("serve_size") == 1000 else None,
        "page_weight": max(weights) if weights else None,
    }
    out = []
    for key, (what, op, limit) in TARGETS.items():
        v = values[key]
        holds = None if v is None else (v <= limit if op == "<=" else v >= limit if op == ">=" else v < limit)
        out.append({"target": key, "what": what, "limit": f"{op} {limit:,}", "value": v, "holds": holds})
    return out


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [f"Machine: {m['cpus']} CPUs, {m['memory']}, Python {m['python']}, MkDocs {m['mkdocs']}, "
             f"Material {m['mkdocs-material']}, libyaml {'yes' if m['libyaml'] else 'no'}; "
             f"{report['runs']} run(s) per build, median.", "",
             "| agents | our build | hand-written | ratio | same pages | ratio | CPU ratio (hand-written / same pages) | peak memory (ours / hand-written / same pages) | site size (ours / hand-written) | search index (ours / hand-written) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in report["sizes"]:
        o, b, h = s["ours"], s["baseline"], s["handwritten"]
        lines.append(f"| {s['agents']:,} | {o['median_s']:.2f} s | {h['median_s']:.2f} s | **{s['hand_ratio']:.2f}** | "
                     f"{b['median_s']:.2f} s | {s['ratio']:.2f} | {s['hand_cpu_ratio']:.2f} / {s['cpu_ratio']:.2f} | "
                     f"{o['peak_rss_mb']:.0f} / {h['peak_rss_mb']:.0f} / {b['peak_rss_mb']:.0f} MB | "
                     f"{o['site_mb']:.1f} / {h['site_mb']:.1f} MB | {o['search_index_mb']:.2f} / {h['search_index_mb']:.2f} MB |")
    for s in report["sizes"]:
        w, hw = s["ours"]["agent_page_weight"], s["handwritten"]["agent_page_weight"]
        lines += ["", f"Agent page at {s['agents']:,} agents (`{w['page']}/`), first load: {w['requests']} requests, "
                      f"{w['raw_kb']:.1f} KB raw, **{w['gzip_kb']:.1f} KB gzipped** (hand-written: {hw['gzip_kb']:.1f} KB); "
                      f"then Material's search worker fetches its script and the index: {w['search_gzip_kb']:.1f} KB gzipped. "
                      + ", ".join(f"{f['path']} {f['gzip_kb']:.1f}" for f in w["files"]) + " KB."]
    if "check" in report:
        c = report["check"]
        lines += ["", f"`agentcat check` on {c['files']:,} files ({c['rules']} rules, {c['problems']} problems): "
                      f"{c['in_process_s']:.3f} s in process = **{c['files_per_s']:,} files/s**; "
                      f"the command end to end: {c['cli_s']:.2f} s."]
    if "worst" in report:
        lines += ["", "Worst-case files (benchmarks/worst.py), each just under 256 KiB, loaded and checked in process:",
                  "", "| file | bytes | seconds | problems |", "|---|---:|---:|---:|"]
        lines += [f"| {k} | {v['bytes']:,} | {v['median_s']:.3f} | {v['problems']} |" for k, v in report["worst"].items()]
    if "serve" in report:
        s = report["serve"]
        lines += ["", f"`mkdocs serve` at {report['serve_size']:,} agents: first page after {s['first_page_s']:.1f} s; "
                      f"edit one agent -> page served with the change: {', '.join(f'{t:.1f}' for t in s['edit_to_page_s'])} s "
                      f"(median {s['median_edit_to_page_s']:.1f} s; MkDocs' own build times: "
                      f"{', '.join(f'{t:.1f}' for t in s['builds_logged_s'])} s)."]
    if "profile" in report:
        p = report["profile"]
        lines += ["", f"Profile of one build at {report['profile_size']:,} agents "
                      f"({p['profiled_s']:.1f} s under cProfile; self time per component, the standard library "
                      f"charged to its callers):", "", "| component | seconds | share |", "|---|---:|---:|"]
        lines += [f"| {k} | {v['seconds']:.2f} | {v['share'] * 100:.0f} % |" for k, v in p["components"].items()]
        lines += ["", "Our hook's events (cumulative): " +
                  ", ".join(f"{k} {v:.2f} s" for k, v in sorted(p["hook_phases_s"].items(), key=lambda kv: -kv[1]))]
    lines += ["", "| target | value | limit | holds |", "|---|---:|---:|---|"]
    for t in report["targets"]:
        holds = "not measured" if t["holds"] is None else ("yes" if t["holds"] else "**no**")
        value = "" if t["value"] is None else f"{t['value']:,}"
        lines.append(f"| {t['what']} | {value} | {t['limit']} | {holds} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,3000", help="catalog sizes to build, comma-separated (default: 100,1000,3000)")
    ap.add_argument("--runs", type=int, default=3, help="builds per size and kind; the median is reported (default: 3)")
    ap.add_argument("--json", action="store_true", help="print the report as JSON instead of Markdown")
    ap.add_argument("--check-files", type=int, default=3000, help="files for the `agentcat check` throughput (0: skip)")
    ap.add_argument("--worst", action=argparse.BooleanOptionalAction, default=True, help="time the worst-case files (default: on)")
    ap.add_argument("--serve-size", type=int, default=1000, help="agents for the `mkdocs serve` rebuild (0: skip)")
    ap.add_argument("--profile-size", type=int, default=1000, help="agents for the profiled build (0: skip)")
    ap.add_argument("--quick", action="store_true",
                    help="about a quarter of the time: sizes 1000, one run, 1,000 files checked, 1 serve edit, no profile")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"also write the JSON report here (default: {OUT.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.check_files, args.serve_size, args.profile_size = "1000", 1, 1000, 1000, 0
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes must be whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 1 or args.runs < 1:
        ap.error("--sizes needs at least one size >= 1 and --runs must be >= 1")

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        work = args.keep.resolve()
    else:
        tmp = tempfile.TemporaryDirectory(prefix="agentcat-bench-")
        work = Path(tmp.name)
    report: dict = {"machine": machine(), "runs": args.runs, "command": "python benchmarks/bench.py " + " ".join(argv or sys.argv[1:]),
                    "started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "sizes": []}
    projects: dict[int, Path] = {}
    for n in sizes:
        say(f"bench: building {n:,} agents ({args.runs} run(s), ours and both baselines in turns)")
        report["sizes"].append(build_size(n, args.runs, work, projects))
    if args.check_files:
        say(f"bench: agentcat check on {args.check_files:,} files")
        report["check"] = check_throughput(project_of(args.check_files, work, projects), args.runs)
    if args.worst:
        say("bench: worst-case files")
        report["worst"] = worst_cases(args.runs)
    if args.serve_size:
        say(f"bench: mkdocs serve at {args.serve_size:,} agents, {args.runs} edit(s)")
        report["serve_size"] = args.serve_size
        report["serve"] = serve_rebuild(project_of(args.serve_size, work, projects), args.runs)
    if args.profile_size:
        say(f"bench: profiling one build at {args.profile_size:,} agents")
        report["profile_size"] = args.profile_size
        report["profile"] = profile(project_of(args.profile_size, work, projects), work)
    report["targets"] = targets(report)

    text = json.dumps(report, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text if args.json else markdown(report))
    if not args.keep:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
