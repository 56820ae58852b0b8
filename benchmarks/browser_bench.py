"""Browser benchmark (not a test): the catalog filter on 3,000 agents in headless Chromium.

Builds the real project around a synthetic catalog (benchmarks/synth.py: lint-clean agent
files of 3-6 KB), serves it on 127.0.0.1 and measures in the page:

- keystroke -> table updated: from the keydown event's timestamp to the end of the style
  and layout work that the filter's changes cause (forced right after the input handlers
  ran, so it is the work of the next frame, without the wait for it);
- the input handler alone (the filter's JavaScript);
- keystroke -> next frame: the same start, to a task queued from the next animation frame
  (includes waiting for the frame, so up to one frame more than the work itself);

over a few hundred keystrokes that type, extend and delete searches (each one narrows or
widens the table); then the catalog page's transfer size, raw and gzip-compressed (GitHub
Pages compresses), for the HTML alone and with everything the page loads.

    make bench-browser                      # or: .venv/bin/python benchmarks/browser_bench.py
    .venv/bin/python benchmarks/browser_bench.py --agents 3000 --keep /tmp/bench   # keeps project and site
    .venv/bin/python benchmarks/browser_bench.py --site /tmp/bench/site          # measures it again

Results go to stdout and to benchmarks/out/browser.json.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import synth

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
OUT = ROOT / "benchmarks" / "out"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
TARGET_MS = 16.0

# What a person types: searches that narrow step by step, then are deleted key by key.
SEARCHES = ["review", "api", "schema engineer", "cache", "billing tester", "queue", "read",
            "migration", "checkout auditor", "bash", "webfetch", "report writer", "session"]

INSTRUMENT = """
(() => {
  const input = document.getElementById("agentcat-filter-search");
  const table = document.getElementById("agentcat-table");
  window.__bench = [];
  let keyAt = 0, inputAt = 0;
  document.addEventListener("keydown", e => { if (e.target === input) keyAt = e.timeStamp; }, true);
  document.addEventListener("input", e => { if (e.target === input) inputAt = performance.now(); }, true);
  // bubbling listener on the document: runs after the filter's own listener on the input
  document.addEventListener("input", e => {
    if (e.target !== input) return;
    const handled = performance.now();
    void table.offsetHeight;  // style and layout of what the filter changed
    const laidOut = performance.now();
    const start = keyAt, handler = handled - inputAt;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__bench.push({
        handler: handler, updated: laidOut - start, frame: performance.now() - start,
        shown: table.querySelectorAll("#agentcat-results li[data-name]").length,
      });
      ch.port2.postMessage(0);
    });
  });
})();
"""


def build(project: Path, site: Path) -> float:
    env = dict(os.environ)
    start = time.perf_counter()
    r = subprocess.run([str(BIN / "mkdocs"), "build", "--site-dir", str(site)], cwd=project, env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"the synthetic site did not build:\n{r.stderr[-3000:]}")
    return time.perf_counter() - start


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def measure(url: str, site: Path, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else shutil.which("chromium")
    if not chromium:
        sys.exit("Chromium not found: install it with `apt-get install chromium`")
    loaded: dict[str, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.on("requestfinished", lambda r: loaded.setdefault(r.url, 0))
        start = time.perf_counter()
        page.goto(url + "agents/", wait_until="load")
        page.wait_for_selector("#agentcat-filter-search")
        load_s = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
        rows = page.locator("#agentcat-table ol.agentcat-rows:not(.agentcat-results) li[data-name]").count()
        page.evaluate(INSTRUMENT)
        page.click("#agentcat-filter-search")
        keys = 0
        for _ in range(rounds):
            for text in SEARCHES:
                for ch in text:
                    page.keyboard.press(ch if ch != " " else "Space")
                    page.wait_for_timeout(30)  # a fast typist; lets each frame finish
                    keys += 1
                for _ch in text:
                    page.keyboard.press("Backspace")
                    page.wait_for_timeout(30)
                    keys += 1
        page.wait_for_function(f"window.__bench.length >= {keys}")
        samples = page.evaluate("window.__bench")
        browser.close()

    # transfer sizes: what the page loaded, read from the built files (the server sends them as they are)
    def size(u: str) -> tuple[int, int]:
        rel = u.split("://", 1)[1].split("/", 1)[1].split("?", 1)[0]
        path = site / rel
        if path.is_dir() or rel.endswith("/") or rel == "":
            path = path / "index.html"
        data = path.read_bytes()
        return len(data), len(gzip.compress(data, compresslevel=6))

    resources = {u: size(u) for u in loaded}
    html_raw, html_gz = size(url + "agents/")
    index_raw, index_gz = next((v for u, v in resources.items() if u.endswith("search_index.json")), (0, 0))
    updated = [s["updated"] for s in samples]
    # split by how many rows the keystroke left on screen (before -> after); the page shows
    # at most a page of results (catalog-filter.js RESULTS_SHOWN), so "many" stays empty
    before = [min(rows, 50)] + [s["shown"] for s in samples[:-1]]
    few = [s["updated"] for b, s in zip(before, samples) if max(b, s["shown"]) <= 300]
    many = [s["updated"] for b, s in zip(before, samples) if s["shown"] - b >= 1000]
    return {
        "agents": rows,
        "keystrokes": len(samples),
        "updated_ms": {"median": statistics.median(updated), "p95": percentile(updated, 95), "max": max(updated)},
        "few_rows_ms": {"keystrokes": len(few), "median": statistics.median(few) if few else None},
        "many_rows_ms": {"keystrokes": len(many), "median": statistics.median(many) if many else None},
        "handler_ms": {"median": statistics.median(s["handler"] for s in samples),
                       "p95": percentile([s["handler"] for s in samples], 95)},
        "frame_ms": {"median": statistics.median(s["frame"] for s in samples),
                     "p95": percentile([s["frame"] for s in samples], 95)},
        "load_s": load_s,
        "html_bytes": html_raw, "html_gzip_bytes": html_gz,
        "all_bytes": sum(r for r, _ in resources.values()), "all_gzip_bytes": sum(g for _, g in resources.values()),
        "requests": len(resources),
        "search_index_bytes": index_raw, "search_index_gzip_bytes": index_gz,
        "target_ms": TARGET_MS,
        "samples": samples,
        "chromium": subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip(),
        "cpus": os.cpu_count(),
    }


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} ms"


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def report(r: dict) -> str:
    u, h, f = r["updated_ms"], r["handler_ms"], r["frame_ms"]
    verdict = "within" if u["p95"] <= TARGET_MS else "over"
    return "\n".join([
        f"{r['agents']:,} agents, {r['keystrokes']} keystrokes, {r['chromium']} (headless), {r['cpus']} CPUs",
        "",
        "| Measure | Median | 95th percentile |",
        "|---|---|---|",
        f"| Keystroke to updated table (handler, style, layout) | {u['median']:.1f} ms | {u['p95']:.1f} ms |",
        f"| The filter's input handler alone | {h['median']:.2f} ms | {h['p95']:.2f} ms |",
        f"| Keystroke to the next frame (includes waiting for it) | {f['median']:.1f} ms | {f['p95']:.1f} ms |",
        "",
        f"95th percentile {u['p95']:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target (one frame at 60 Hz); "
        f"worst keystroke {u['max']:.1f} ms.",
        f"Keystrokes with at most 300 rows shown before and after: {r['few_rows_ms']['keystrokes']}, "
        f"median {_ms(r['few_rows_ms']['median'])}; keystrokes that bring back 1,000 rows or more: "
        f"{r['many_rows_ms']['keystrokes']}, median {_ms(r['many_rows_ms']['median'])}.",
        "",
        "| Catalog page (`/agents/`) | Raw | gzip |",
        "|---|---|---|",
        f"| HTML document | {kib(r['html_bytes'])} | {kib(r['html_gzip_bytes'])} |",
        f"| Everything it loads ({r['requests']} requests) | {kib(r['all_bytes'])} | {kib(r['all_gzip_bytes'])} |",
        f"| of which the search index (loaded by Material's search worker) | {kib(r['search_index_bytes'])} | "
        f"{kib(r['search_index_gzip_bytes'])} |",
    ])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--agents", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=2, help="times the list of searches is typed")
    ap.add_argument("--keep", type=Path, help="build the project here and keep it (default: a temporary folder)")
    ap.add_argument("--site", type=Path, help="measure this built site (from an earlier --keep) instead of building")
    args = ap.parse_args()

    if args.site:
        work, site = None, args.site
    else:
        work = args.keep or Path(tempfile.mkdtemp(prefix="agentcat-browser-bench-"))
        if work.exists():
            shutil.rmtree(work)
        project = synth.write_project(work / "project", synth.make_agents(args.agents))
        if not (project / "overrides").exists():  # the theme overrides, if synth does not copy them
            shutil.copytree(ROOT / "overrides", project / "overrides")
        site = work / "site"
        print(f"building {args.agents:,} agents ...", file=sys.stderr)
        build_s = build(project, site)
        print(f"built in {build_s:.0f} s; measuring in Chromium ...", file=sys.stderr)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = measure(f"http://127.0.0.1:{server.server_port}/", site, args.rounds)
    finally:
        server.shutdown()
        server.server_close()
        if work and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "browser.json").write_text(json.dumps(result, indent=2) + "\n")
    print(report(result))


if __name__ == "__main__":
    main()
