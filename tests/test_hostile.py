"""Hostile and broken agent files: each is refused with its exact rule ids and lines, by the
engine, by `agentcat check` in one run, and by the real MkDocs build."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from agentcat import catalog, load
from agentcat.problems import RULES

from conftest import ROOT, agent_text, make_project, mkdocs_build

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
EXPECTED: dict[str, list[list]] = yaml.safe_load((HOSTILE / "expected.yml").read_text(encoding="utf-8"))
FIXTURES = sorted(p.name for p in HOSTILE.glob("*.md"))
AGENTCAT = str(Path(sys.executable).parent / "agentcat")
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rule>AC\d{3}) (?P<message>.*)$")


def pairs(expected: list[list]) -> Counter:
    return Counter((rule, line) for rule, line, *_ in expected)


def test_every_fixture_has_its_expectations_and_there_are_enough():
    assert sorted(EXPECTED) == FIXTURES
    assert len(FIXTURES) >= 30
    assert all(EXPECTED[name] for name in FIXTURES)  # a hostile file with no problem is no fixture


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_yields_exactly_its_rules_at_its_lines(name, loader, monkeypatch):
    # PyYAML's two parsers disagree on some inputs (style of plain scalars, byte or character
    # offsets, recursion): the loader must report the same with either
    if loader == "pure-python":
        monkeypatch.setattr(load, "_Parser", load.yaml.SafeLoader)
    found = catalog.check_paths([HOSTILE / name], ROOT)
    assert Counter((p.rule, p.line) for p in found) == pairs(EXPECTED[name]), "\n".join(map(str, found))
    assert {p.path for p in found} == {f"tests/fixtures/hostile/{name}"}
    for rule, line, *text in EXPECTED[name]:
        if text:
            assert any(p.rule == rule and p.line == line and text[0] in p.message for p in found), (text[0], found)
    for p in found:  # what a terminal or a page shows: no raw control or invisible character
        assert p.message.isprintable() and not re.search("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]", p.message)


def test_agentcat_check_reports_every_fixture_in_one_run():
    r = subprocess.run([AGENTCAT, "check", "tests/fixtures/hostile"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    got: dict[str, Counter] = {}
    for line in r.stdout.splitlines():
        m = LINE.match(line)
        assert m, f"not a located problem: {line!r}"
        name = m["path"].removeprefix("tests/fixtures/hostile/")
        got.setdefault(name, Counter())[(m["rule"], int(m["line"]))] += 1
    assert got == {name: pairs(EXPECTED[name]) for name in FIXTURES}
    errors = sum(1 for exp in EXPECTED.values() for rule, *_ in exp if RULES[rule].severity == "error")
    warnings = sum(len(exp) for exp in EXPECTED.values()) - errors
    assert f"agentcat: {errors} errors, {warnings} warnings" in r.stderr


def test_json_report_is_strict_json_with_every_problem():
    r = subprocess.run([AGENTCAT, "check", "--format", "json", "tests/fixtures/hostile"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr

    def refuse(constant):  # NaN or Infinity would make the report invalid JSON
        raise AssertionError(f"non-standard JSON constant {constant}")

    data = json.loads(r.stdout, parse_constant=refuse)
    assert len(data["problems"]) == sum(len(v) for v in EXPECTED.values())
    assert data["errors"] + data["warnings"] == len(data["problems"])
    for p in data["problems"]:
        assert set(p) == {"path", "line", "col", "rule", "severity", "message"}
        assert all(isinstance(p[k], int) for k in ("line", "col")) and all(isinstance(p[k], str) for k in ("path", "rule", "message"))


def test_a_catalog_holding_the_hostile_files_is_refused_by_the_build_with_every_problem(tmp_path):
    agents = {f"hostile/{name}": (HOSTILE / name).read_bytes() for name in FIXTURES}
    agents["fine/fine.md"] = agent_text("fine")
    project = make_project(tmp_path, agents)
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    err = result.stderr
    assert "Traceback" not in err
    listed = Counter()
    for line in err.splitlines():
        m = LINE.match(line.strip())
        if m and m["path"].startswith("agents/hostile/"):
            listed[(m["path"].removeprefix("agents/hostile/"), m["rule"], int(m["line"]))] += 1
    expected = Counter({(name, rule, line): n for name in FIXTURES for (rule, line), n in pairs(EXPECTED[name]).items()})
    assert listed == expected
    assert not (tmp_path / "out" / "index.html").exists()


def test_values_yaml_would_convert_stay_json_safe_text():
    raw = (b"---\nname: x\ndescription: Checks. Use when needed.\ntools: Read\n"
           b"a: .nan\nb: 2025-03-18\nc: 0000-00-00\nd: 010\ne: 1:20\nf: -.inf\ng: 0x1F\nh: 12\ni: yes\nj: ~\n---\n\nbody\n")
    agent, problems = load.load_bytes(raw, "x.md", "x")
    assert agent is not None and agent.frontmatter_ok
    values = {k: agent.get(k) for k in "abcdefghij"}
    assert values == {"a": ".nan", "b": "2025-03-18", "c": "0000-00-00", "d": "010", "e": "1:20", "f": "-.inf",
                      "g": "0x1F", "h": 12, "i": True, "j": None}
    json.dumps(values, allow_nan=False)


def run_check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([AGENTCAT, "check", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_check_survives_odd_files_in_any_folder(tmp_path):
    d = tmp_path / "agents"
    d.mkdir()
    (d / "fine.md").write_text(agent_text("fine"))
    os.mkfifo(d / "pipe.md")  # opening it would block: it must be reported, not read
    (d / "broken.md").symlink_to(tmp_path / "nowhere")
    (d / "loop").symlink_to(d)  # a folder link back to itself
    (d / "folder.md").mkdir()
    (d / "folder.md" / "inner.md").write_text(agent_text("inner"))
    (d / os.fsdecode(b"bad\xffname.md")).write_text(agent_text("bad"))
    (d / "esc\x1b[2Jname.md").write_text(agent_text("esc"))
    r = run_check("--profile", "catalog", "agents", cwd=tmp_path)  # catalog: AC203 shows the escaped name
    assert r.returncode == 1 and "Traceback" not in r.stderr
    lines = r.stdout.splitlines()
    assert "agents/pipe.md:1:1: AC002 cannot read the file: it is not a regular file (a pipe, socket or device)" in lines
    assert "agents/broken.md:1:1: AC002 cannot read the file: No such file or directory" in lines
    assert any(line.startswith("agents/bad\\udcffname.md:") for line in lines)
    assert any(line.startswith("agents/esc\\x1b[2Jname.md:2:7: AC203") for line in lines)
    assert "\x1b" not in r.stdout
    assert not [line for line in lines if "fine.md" in line or "inner.md" in line]  # clean files stay quiet, once each
    r = run_check("agents/pipe.md", "agents/folder.md", "agents/missing.md", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stdout.splitlines() == ["agents/missing.md:1:1: AC002 no such file or folder",
                                     "agents/pipe.md:1:1: AC002 cannot read the file: it is not a regular file (a pipe, socket or device)"]


def test_catalog_refuses_links_and_pipes(tmp_path):
    (tmp_path / "outside.md").write_text(agent_text("outside"))
    cat = tmp_path / "agents"
    (cat / "checks").mkdir(parents=True)
    (cat / "categories.yml").write_text("- slug: checks\n  title: Checks\n  description: C.\n")
    (cat / "checks" / "fine.md").write_text(agent_text("fine"))
    (cat / "checks" / "linked.md").symlink_to(tmp_path / "outside.md")  # would publish a file of the machine
    (cat / "linked-folder").symlink_to(cat / "checks")
    os.mkfifo(cat / "checks" / "pipe.md")
    found = catalog.load_catalog(tmp_path)
    assert [str(p) for p in found.problems] == [
        "agents/checks/linked.md:1:1: AC504 a symbolic link is not part of the catalog; commit the file itself",
        "agents/checks/pipe.md:1:1: AC002 cannot read the file: it is not a regular file (a pipe, socket or device)",
        "agents/linked-folder:1:1: AC504 a symbolic link is not part of the catalog; commit the folder itself",
    ]
    assert [e.name for e in found.entries] == ["fine"]


def test_output_floods_are_summarised(tmp_path):
    body = "\n".join(f"Line {i} hides\u200b a character." for i in range(60))
    (tmp_path / "flood.md").write_text(agent_text("flood", body=body))
    r = run_check("flood.md", cwd=tmp_path)
    lines = [line for line in r.stdout.splitlines() if " AC103 " in line]
    assert len(lines) == 21  # 20 listed, then one that counts the rest
    assert lines[-1].endswith("AC103 40 more AC103 problems in this file from here on, not listed one by one")


def test_a_catalog_whose_hostile_files_only_warn_is_refused_by_the_strict_build(tmp_path):
    only_warnings = [n for n in FIXTURES if all(RULES[rule].severity == "warning" for rule, *_ in EXPECTED[n])]
    assert len(only_warnings) >= 10
    project = make_project(tmp_path, {f"hostile/{name}": (HOSTILE / name).read_bytes() for name in only_warnings})
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    listed = Counter()
    for line in result.stderr.splitlines():
        m = LINE.match(line[line.index("agents/hostile/"):]) if "agents/hostile/" in line else None  # after "WARNING -"
        if m:
            listed[(m["path"].removeprefix("agents/hostile/"), m["rule"], int(m["line"]))] += 1
    assert listed == Counter({(n, rule, line): k for n in only_warnings for (rule, line), k in pairs(EXPECTED[n]).items()})


def test_one_line_values_are_read_as_the_parser_reads_them():
    """load.parse_yaml reads a frontmatter of `key: value` lines without the YAML parser.
    On every kind of line, quick or not, it must give exactly the Nodes (and the problems)
    that the parser's events give, or leave the line to the parser."""
    import random

    rnd = random.Random(11)
    pieces = ["a", "Read", ",", " ", ":", "#", "-", "'", '"', "\\", "[", "]", "{", "&", "*", "!", "|", ">", "%", "@", "`", "?",
              "\t", "\u00e9", "\u2014", "\u200b", "\u00a0", "\x85", "\u2028", "\x01", "\ufeff", "yes", "no", "on", "1", "0x1F",
              "1.5", "2024-01-01", "~", "null", "true", ".inf", "<<", "x:y", "https://x.example"]
    keys = ["name", "description", "tools", "on", "y", "a_b", "a-b", "_x", "Name", "name", "1", "-x"]
    sources = []
    for _ in range(6000):
        lines = []
        for _ in range(rnd.randrange(1, 6)):
            value = rnd.choice(["a", "Read", ""]) + "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 5)))
            if rnd.random() < 0.3:
                quote = rnd.choice("\"'")
                value = quote + value + quote
            lines.append(f"{rnd.choice(keys)}:{rnd.choice([' ', ' ', ' ', '  ', ''])}{value}")
        sources.append("\n".join(lines) + rnd.choice(["\n", "\n", "", "\n\n"]))
    for path in sorted((ROOT / "agents").glob("*/*.md")) + sorted(HOSTILE.glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---\n") and "\n---\n" in text[3:]:
            sources.append(text[4:text.index("\n---\n", 3) + 1])
    quick = [s for s in sources if load._one_line_values(s.translate(load._NOT_A_LINE_BREAK), 2) is not None]
    assert len(quick) > 300 and len(sources) - len(quick) > 1500  # both ways are taken, often
    different = [s for s in sources if load.parse_yaml(s, "x.md", 2) != load.parse_yaml(s, "x.md", 2, quick=False)]
    assert not different, different[:3]
