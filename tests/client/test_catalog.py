"""The catalog in the real client: every agent loads cleanly and gets exactly the tools the
site says it has (its effective tools, computed by the engine from spec.py's facts)."""

from __future__ import annotations

import pytest

from agentcat import catalog, spec

from conftest import ROOT
from . import probe

CATALOG = catalog.load_catalog(ROOT)
ENTRIES = CATALOG.entries


@pytest.fixture(scope="module")
def observed(tmp_path_factory):
    """Every catalog agent in one project's .claude/agents/, one start, all spawned at once."""
    home = tmp_path_factory.mktemp("home")
    project = home / "project"
    files = {e.rel_path.removeprefix("agents/"): e.raw for e in ENTRIES}
    paths = probe.write_agents(project / ".claude" / "agents", files)
    obs = probe.run(home, project, spawn={e.name: probe.body_of(e.raw) for e in ENTRIES})
    return obs, paths


def test_every_agent_loads_and_the_log_says_nothing_about_it(observed):
    obs, paths = observed
    assert len(ENTRIES) == len(list((ROOT / "agents").glob("*/*.md")))
    missing = [e.name for e in ENTRIES if e.name not in obs.agents]
    assert missing == []
    for rel, path in paths.items():
        assert obs.about(path) == [], rel
    # no catalog agent replaces a built-in one: the built-ins are listed next to them
    assert set(spec.BUILTIN_AGENTS) <= set(obs.agents)
    assert len(obs.agents) == len(ENTRIES) + len(spec.BUILTIN_AGENTS)


def test_the_client_reads_every_description_as_written(observed):
    obs, _ = observed
    for e in ENTRIES:
        assert obs.listing.get(e.name) == e.description, e.name


def test_every_agent_gets_exactly_its_effective_tools(observed):
    obs, _ = observed
    wrong = {}
    for e in ENTRIES:
        got = obs.spawned.get(e.name)
        assert got is not None, f"{e.name} was not spawned: {obs.refused.get(e.name)}"
        expected = sorted(e.grant.tools + ((probe.DEFERRED_MARKER,) if e.grant.everything else ()))
        if got.tools != expected:
            wrong[e.name] = (got.tools, expected)
    assert wrong == {}


def test_each_model_choice_reaches_the_api_as_a_model_of_that_family(observed):
    obs, _ = observed
    for e in ENTRIES:
        got = obs.spawned[e.name].model
        if e.model in ("sonnet", "opus", "haiku"):
            assert got.startswith(f"claude-{e.model}-"), (e.name, got)
