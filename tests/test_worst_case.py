"""Worst-case files just under the 256 KiB limit (benchmarks/worst.py): the verdict on each is
right. How long they take is measured by `make bench`, never asserted here."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from agentcat import load, rules, spec

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import worst  # noqa: E402

# rule -> how many problems of it (capped lists: 20 listed, then one that counts the rest)
EXPECTED = {
    "one_line_flow_list": {"AC247": 21},  # lists inside `skills`, each found; the ` # end` is a comment
    "one_line_flat_list": {"AC019": 1},
    "one_line_quoted_escapes": {"AC247": 20},  # 20 lists of 999
    "unknown_tools": {"AC230": 21, "AC019": 1, "AC232": 1},
    "unknown_keys": {"AC019": 1},
    "long_normalised_line": {"AC316": 21},
    "hidden_flood": {"AC103": 21, "AC312": 1},
    "long_description": {"AC311": 21, "AC212": 1},  # risk patterns read the description too
}


def check(raw: bytes, name: str):
    agent, problems = load.load_bytes(raw, f"{name}.md", name)
    if agent is not None:
        problems += rules.check(agent)
    return agent, problems


@pytest.mark.parametrize("name", sorted(worst.CASES))
def test_worst_case_gets_its_verdict(name):
    raw = worst.CASES[name]()
    assert spec.MAX_FILE_BYTES - 4096 < len(raw) <= spec.MAX_FILE_BYTES
    agent, problems = check(raw, raw.split(b"name: ", 1)[1].split(b"\n", 1)[0].decode())
    assert dict(Counter(p.rule for p in problems)) == EXPECTED[name], "\n".join(map(str, problems[:40]))


def test_comment_after_a_long_flow_list_is_found_once_per_line():
    inner = "[" + ", ".join(["a"] * 10) + "]"
    raw = f"---\nname: x\ndescription: \"Checks. Use when needed.\"\ntools: Read\nmodel: sonnet # c\nskills: [{inner}, b#c, d] # end\n---\n\nbody\n"
    node, problems = load.parse_yaml(raw.split("---\n")[1], "x.md", 2)
    assert problems == []
    model = node.value["model"][1]
    assert model.value == "sonnet" and model.comment_col == 15
    skills = node.value["skills"][1]
    assert [n.value for n in skills.value[1:]] == ["b#c", "d"] and all(n.comment_col == 0 for n in skills.value[1:])


def test_unknown_entries_past_the_listed_ones_skip_the_fuzzy_match():
    assert rules.tool_verdict("Raed")[1].endswith("did you mean `Read`?")
    assert rules.tool_verdict("Raed", suggest=False) == ("AC230", "`Raed` is not a Claude Code tool: the client drops it")
