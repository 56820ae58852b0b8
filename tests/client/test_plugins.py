"""The marketplace in the real client: it validates, and every plugin installs exactly the
agents it promises, copying only agent files (judged by the `init` list and the debug log,
not by `claude plugin details`, which shows `Agents (0)` for agents listed by path)."""

from __future__ import annotations

import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from agentcat import catalog, marketplace

from conftest import ROOT
from . import probe, runner

CATALOG = catalog.load_catalog(ROOT)
DATA = json.loads((ROOT / marketplace.PATH).read_text(encoding="utf-8"))
PLUGINS = {p["name"]: p for p in DATA["plugins"]}
NO_API = "http://127.0.0.1:9"  # plugin commands make no API call; nothing listens there


def export_checkout(dest: Path) -> Path:
    """A clean export: the files git knows (tracked, or new and not ignored), nothing else."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for rel in filter(None, (p.decode() for p in listed)):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    r = runner.claude(list(args), home=probe.prepare_home(home), cwd=home, api_url=NO_API)
    return subprocess.CompletedProcess(args, r.returncode, r.stdout, r.stderr)


@pytest.fixture(scope="module")
def market(tmp_path_factory) -> Path:
    return export_checkout(tmp_path_factory.mktemp("checkout"))


def expected_agents(plugin: dict) -> set[str]:
    return {f"{plugin['name']}:{path.removeprefix('./').removesuffix('.md')}" for path in plugin["agents"]}


def test_the_client_validates_the_marketplace(market):
    r = cli(market.parent / "validate-home", "plugin", "validate", str(market))
    assert r.returncode == 0 and "Validation passed" in r.stdout, r.stdout + r.stderr


@pytest.fixture(scope="module")
def installed(market, tmp_path_factory):
    """Every plugin installed, split over three homes, then one client start per home."""
    names = sorted(PLUGINS)
    halves = [names[i::3] for i in range(3)]  # three homes: installs overlap their waits

    def install(part: list[str]) -> tuple[Path, probe.Observation, dict[str, subprocess.CompletedProcess]]:
        home = tmp_path_factory.mktemp("plugin-home")
        added = cli(home, "plugin", "marketplace", "add", str(market))
        assert added.returncode == 0, added.stdout + added.stderr
        results = {n: cli(home, "plugin", "install", f"{n}@{marketplace.NAME}") for n in part}
        return home, probe.run(home, home / "project"), results

    with ThreadPoolExecutor(3) as pool:
        return list(pool.map(install, halves))


def test_every_plugin_installs_and_loads_exactly_its_agents(installed):
    seen = set()
    for home, obs, results in installed:
        for name, r in results.items():
            assert r.returncode == 0, f"{name}: {r.stdout}{r.stderr}"
            loaded = {a for a in obs.agents if a.startswith(f"{name}:")}
            assert loaded == expected_agents(PLUGINS[name]), name
            seen.add(name)
        # the client scans a plugin's default agents/ folder too: none of ours may have one
        assert not [ln for ln in obs.debug if "default directory" in ln]
        assert obs.about("agents/") == [] or all("[WARN]" not in ln and "[ERROR]" not in ln for ln in obs.about("agents/"))
    assert seen == set(PLUGINS)
    # each agent plugin is one agent; each category plugin is exactly its category
    for e in CATALOG.entries:
        assert expected_agents(PLUGINS[e.name]) == {f"{e.name}:{e.name}"}
    for c in CATALOG.categories:
        assert expected_agents(PLUGINS[c.slug]) == {f"{c.slug}:{e.name}" for e in CATALOG.in_category(c.slug)}


def test_each_install_copies_only_agent_files(installed):
    for home, _, results in installed:
        cache = home / ".claude" / "plugins" / "cache" / marketplace.NAME
        for name in results:
            files = [p for p in (cache / name).rglob("*") if p.is_file()]
            assert files and all(p.suffix == ".md" for p in files), name
            assert {p.name for p in files} == {f"{e.name}.md" for e in CATALOG.in_category(PLUGINS[name]["category"])}
            size = sum(p.stat().st_size for p in files)
            assert size < 256 * 1024, f"{name}: {size:,} bytes copied"


def test_the_one_step_form_installs_without_adding_the_marketplace_first(market, tmp_path):
    entry = CATALOG.entries[0]
    command = marketplace.one_step(entry.name, "https://github.com/agentcat/agentcat")
    assert command == f"/plugin install {entry.name} --marketplace agentcat/agentcat"
    # the same form with a local path for the marketplace, as the client accepts one offline
    r = cli(tmp_path, "plugin", "install", entry.name, "--marketplace", str(market))
    assert r.returncode == 0, r.stdout + r.stderr
    obs = probe.run(tmp_path, tmp_path / "project")
    assert f"{entry.name}:{entry.name}" in obs.agents
    assert [a for a in obs.agents if ":" in a] == [f"{entry.name}:{entry.name}"]
