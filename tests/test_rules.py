"""The rule catalogue: every rule has a bad fixture that triggers it and a good one that is
clean, in tests/fixtures/rules/<RULE-ID>/ (good.md and bad.md, or good/ and bad/ folders
for the rules that need several files: a catalog, or two agents of the same name)."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest

from agentcat import catalog, check as check_command
from agentcat.problems import GROUPS, RULES, Problem

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rules"


def check(path: Path, tmp: Path | None = None) -> list[Problem]:
    """What `agentcat check --profile catalog` reports for a fixture file or folder (a catalog
    gets the catalog rules; a fixture folder's own .agentcat.toml is its configuration)."""
    dated = path / "agents" / "checked.yml"
    if tmp and dated.is_file() and "{" in dated.read_text():
        # dates relative to today, so that the fixtures never go stale themselves
        today = datetime.date.today()
        copy = tmp / path.relative_to(FIXTURES)
        shutil.copytree(path, copy)
        (copy / "agents" / "checked.yml").write_text(dated.read_text().format(
            recent=(today - datetime.timedelta(days=30)).isoformat(),
            stale=(today - datetime.timedelta(days=400)).isoformat()))
        return [dataclasses.replace(p, path=p.path.replace(str(tmp) + "/", "")) for p in catalog.check_paths([copy], tmp)]
    own = path / ".agentcat.toml"
    return check_command.run([path], FIXTURES, profile="catalog", config_path=own if own.is_file() else None,
                             discover=False).problems


def fixture(rule: str, kind: str) -> Path:
    single, folder = FIXTURES / rule / f"{kind}.md", FIXTURES / rule / kind
    assert single.is_file() != folder.is_dir(), f"{rule} needs exactly one of {kind}.md or {kind}/"
    return single if single.is_file() else folder


def test_every_rule_has_a_good_and_a_bad_fixture():
    missing = [f"{r}/{kind}" for r in RULES for kind in ("good", "bad")
               if not (FIXTURES / r / f"{kind}.md").is_file() and not (FIXTURES / r / kind).is_dir()]
    assert missing == [], "rules without fixtures: " + ", ".join(missing)
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(RULES), "fixture folders for rules that do not exist"


def test_every_rule_has_an_id_a_severity_a_group_and_one_line():
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id and len(rule_id) == 5 and rule_id.startswith("AC")
        assert rule.severity in ("error", "warning")
        assert rule.group in GROUPS
        assert rule.summary and "\n" not in rule.summary and rule.summary.endswith(".")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_bad_fixture_triggers_the_rule(rule, tmp_path):
    found = check(fixture(rule, "bad"), tmp_path)
    assert rule in {p.rule for p in found}, "\n".join(map(str, found))


@pytest.mark.parametrize("rule", sorted(RULES))
def test_good_fixture_is_clean(rule, tmp_path):
    # not only free of this rule: the near miss must pass every rule, or it proves nothing
    found = check(fixture(rule, "good"), tmp_path)
    assert [str(p) for p in found] == []


# AC406 finds the line breaks where a hard wrap can be, then looks at those lines only; the
# plain reading of every line in turn is what it must agree with, on every kind of line.
_MARKDOWN_LINES = [
    "Prose that stops", "Prose that ends.", "- item", "- item.", "1. step", "2) step", "## Heading", "| a | b |", "> quote",
    "<div>", "    code", "\tcode", "[x]: https://x.example", "", "   ", "```", "  ```py", "~~~", "    ```", "\u00a0```", " ~~~ x",
    "x ```", "``` ```", "word", "end!", "a:", "ends. \U0001F600", "e\u0301", "\u00a0lead", "trailing  ", "trail\u00a0", "x\u200b",
    "#tag", "|pipe", "<", ".",
]


def test_hard_wraps_are_found_as_a_reading_of_every_line_finds_them():
    import random

    from agentcat import rules

    rnd = random.Random(7)
    bodies = ["\n".join(rnd.choice(_MARKDOWN_LINES) for _ in range(rnd.randrange(12))) + rnd.choice(["", "\n"])
              for _ in range(5000)]
    bodies += [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in sorted((ROOT / "agents").glob("*/*.md"))]
    different = [b for b in bodies if rules.wrapped_lines(b, b.split("\n")) != rules._wrapped_lines_read(b.split("\n"))]
    assert not different, different[:3]
    assert sum(bool(rules._wrapped_lines_read(b.split("\n"))) for b in bodies) > 1000  # the cases do hold hard wraps
