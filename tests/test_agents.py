"""Every agent of the catalog parses and passes every rule, warnings included."""

from __future__ import annotations

import pytest

from agentcat import catalog, load, rules, suppress

from conftest import AGENT_FILES, ROOT


@pytest.mark.parametrize("path", AGENT_FILES, ids=[p.relative_to(ROOT / "agents").as_posix() for p in AGENT_FILES])
def test_agent_passes_every_rule(path):
    agent, problems = load.read_file(path, path.relative_to(ROOT).as_posix())
    assert agent is not None
    problems += rules.check(agent)
    display = path.relative_to(ROOT).as_posix()
    # a warning may be explained in the file itself (`# agentcat: ignore[...] reason`)
    problems = suppress.apply(problems, {display: agent.text}, "catalog")
    assert [str(p) for p in problems] == []
    assert agent.get("name") == path.stem
    assert agent.raw.endswith(b"\n")


def test_catalog_as_a_whole_is_clean():
    cat = catalog.load_catalog(ROOT)
    assert [str(p) for p in cat.problems] == []
    assert len(cat.entries) == len(AGENT_FILES)
    assert len(cat.entries) >= 8
    assert len({e.category.slug for e in cat.entries}) >= 3


def test_seed_backend_keeps_its_prompt_and_flags_exactly_the_retired_tools():
    seed = (ROOT / "tests" / "fixtures" / "seed-backend.md").read_bytes()
    ours = (ROOT / "agents" / "core-development" / "backend.md").read_bytes()
    # the prompt (body) is the user's, unchanged
    assert ours.split(b"\n---\n", 1)[1].rstrip(b"\n") == seed.split(b"\n---\n", 1)[1]
    agent, problems = load.load_bytes(seed, "seed-backend.md", "backend")
    problems += rules.check(agent)
    retired = [(p.line, p.col, p.message.split("`")[1]) for p in problems if p.rule == "AC231"]
    assert retired == [(4, 27, "MultiEdit"), (4, 77, "LS")]
    # the client drops both (tests/client checks it), so they are errors, and the only ones
    assert [p for p in problems if p.is_error and p.rule != "AC231"] == []
    assert b"MultiEdit" not in ours and b" LS" not in ours


def test_every_agent_records_when_and_against_what_it_was_checked():
    cat = catalog.load_catalog(ROOT)
    assert set(cat.checked) == {e.name for e in cat.entries}
    assert all(c.against and c.date for c in cat.checked.values())
    assert not [p for p in cat.problems if p.rule in ("AC410", "AC411")]
