"""`agentcat check` for anyone's agents: profiles, configuration, suppressions, CI formats."""

from __future__ import annotations

import json
import subprocess

import jsonschema
import pytest

from conftest import BIN, ROOT, agent_text

AGENTCAT = str(BIN / "agentcat")

# What Claude Code loads and runs as the author meant, but this catalog's policy refuses:
# no tools line, a metadata key, a title-case name, a file name other than the name.
POLICY_ONLY = ("---\nname: Reviewer\ndescription: Reviews code. Use when a change needs review.\n"
               "category: review\n---\n\nYou review code.\n")


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([AGENTCAT, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_policy_is_not_an_error_for_claude_code_but_is_for_the_catalog(tmp_path):
    (tmp_path / "my-reviewer.md").write_text(POLICY_ONLY)
    r = run("check", ".", cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    assert "profile claude-code" in r.stderr and "0 errors" in r.stderr
    assert "AC207 warning:" in r.stdout and "AC221 warning:" in r.stdout  # shown, not failing
    assert "AC203" not in r.stdout and "AC304" not in r.stdout  # off in claude-code
    r = run("check", "--profile", "catalog", ".", cwd=tmp_path)
    assert r.returncode == 1 and "AC203 " in r.stdout and "AC304 " in r.stdout and "AC221 " in r.stdout


def test_the_catalog_profile_is_chosen_inside_a_catalog():
    r = run("check", cwd=ROOT)
    assert r.returncode == 0 and "profile catalog" in r.stderr


def test_errors_in_claude_code_are_what_the_client_gets_wrong(tmp_path):
    (tmp_path / "a.md").write_text(agent_text("a", tools="Read, Bash(git diff:*), LS"))
    r = run("check", "a.md", cwd=tmp_path)
    assert r.returncode == 1
    assert "a.md:4:14: AC237 `Bash(git diff:*)` grants all of `Bash`" in r.stdout
    assert "a.md:4:32: AC231 `LS` is a retired tool" in r.stdout


def test_documentation_is_counted_as_skipped_not_reported(tmp_path):
    (tmp_path / "README.md").write_text("# My agents\n\nNotes about them.\n")
    (tmp_path / "notes.md").write_text("---\ntitle: notes\n---\n\nA page.\n")
    (tmp_path / "a.md").write_text(agent_text("a"))
    (tmp_path / "meant.md").write_text("---\ndescription: An agent without a name. Use when x.\ntools: Read\n---\n\nbody\n")
    r = run("check", ".", cwd=tmp_path)
    assert "2 files checked, 2 skipped as not agents" in r.stderr
    assert "README.md" not in r.stdout and "notes.md" not in r.stdout
    assert "meant.md:1:1: AC201" in r.stdout and r.returncode == 1  # meant as an agent: an error


def test_no_agent_file_exits_2_with_a_message(tmp_path):
    (tmp_path / "README.md").write_text("# nothing here\n")
    r = run("check", ".", cwd=tmp_path)
    assert r.returncode == 2 and "no agent file found" in r.stderr and "0 errors" in r.stderr


def test_configuration_selects_ignores_and_overrides(tmp_path):
    (tmp_path / "agents-a").mkdir()
    (tmp_path / "agents-a" / "a.md").write_text(agent_text("a", tools="Read, Bash, WebFetch"))
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.md").write_text(agent_text("old", tools="Read, LS"))
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.md").write_text(agent_text("x", tools="pytest"))
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.agentcat]\nextend-exclude = ["drafts/**"]\n\n'
        '[tool.agentcat.per-file-ignores]\n"legacy/*.md" = ["AC231"]\n\n[tool.agentcat.severity]\nAC310 = "error"\n')
    r = run("check", ".", cwd=tmp_path)
    assert r.returncode == 1
    assert "agents-a/a.md:4:8: AC310 `Bash` with `WebFetch`" in r.stdout  # now an error
    assert "legacy/old.md" not in r.stdout and "drafts/x.md" not in r.stdout
    assert "2 files checked" in r.stderr
    # .agentcat.toml, top-level keys, is found first and replaces [tool.agentcat] (as in ruff)
    (tmp_path / ".agentcat.toml").write_text('ignore = ["AC2", "AC3"]\n')
    r = run("check", ".", cwd=tmp_path)
    assert r.returncode == 0 and "3 files checked" in r.stderr


@pytest.mark.parametrize("toml, line, col, words", [
    ('[tool.agentcat]\nprofile = "strict"\n', 2, 1, ["`profile`", "claude-code, catalog"]),
    ('[tool.agentcat]\nselct = ["AC2"]\n', 2, 1, ["`selct`", "unknown key", "select"]),
    ('[tool.agentcat]\nselect = ["XY1"]\n', 2, 1, ["`select`", "rule ids or prefixes"]),
    ('[tool.agentcat]\n\n[tool.agentcat.severity]\nAC310 = "fatal"\n', 3, 1, ["`severity`", "error, warning, off"]),
    ('[tool.agentcat]\nprofile = \n', 2, 11, ["not valid TOML"]),
])
def test_bad_configuration_is_a_located_error(tmp_path, toml, line, col, words):
    (tmp_path / "a.md").write_text(agent_text("a"))
    (tmp_path / "pyproject.toml").write_text(toml)
    r = run("check", "a.md", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith(f"pyproject.toml:{line}:{col}: AC601 "), first
    assert all(w in first for w in words), first


def test_inline_suppressions_need_a_reason_and_a_use(tmp_path):
    web = agent_text("web", tools="Read, Bash, WebFetch", extra="# agentcat: ignore[AC310] fetches docs only\n")
    (tmp_path / "web.md").write_text(web)
    (tmp_path / "idle.md").write_text(agent_text("idle", extra="# agentcat: ignore[AC230] nothing to silence\n"))
    (tmp_path / "bare.md").write_text(agent_text("bare", tools="Read, Bash, WebFetch", extra="# agentcat: ignore[AC310]\n"))
    r = run("check", ".", cwd=tmp_path)
    out = r.stdout
    assert "web.md" not in out  # silenced, with its reason
    assert "idle.md:5:1: AC602 warning:" in out
    assert "bare.md:5:1: AC603 " in out and "no reason" in out
    assert "bare.md:4:8: AC310" in out  # a suppression without a reason silences nothing


def test_github_annotations(tmp_path):
    (tmp_path / ".claude" / "agents").mkdir(parents=True)
    (tmp_path / ".claude" / "agents" / "a.md").write_text(agent_text("a", tools="Read, pytest"))
    r = run("check", "--format", "github", ".claude/agents", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        "::error file=.claude/agents/a.md,line=4,col=14,title=AC230::`pytest` is a program, not a tool; allow `Bash` to run it"]


# The parts of SARIF 2.1.0 (OASIS, sarif-schema-2.1.0.json) that a consumer relies on: the
# required properties of sarifLog, run, tool, toolComponent, reportingDescriptor, result,
# message, location, physicalLocation, artifactLocation and region, written out here.
SARIF_REQUIRED = {
    "type": "object", "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {
            "type": "object", "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"],
                    "properties": {"name": {"type": "string"}, "rules": {"type": "array", "items": {
                        "type": "object", "required": ["id"],
                        "properties": {"id": {"type": "string"}, "helpUri": {"type": "string", "format": "uri"},
                                       "shortDescription": {"type": "object", "required": ["text"]}}}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {
                        "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": 0},
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": {"type": "object", "required": ["text"]},
                        "locations": {"type": "array", "items": {"type": "object", "properties": {"physicalLocation": {
                            "type": "object", "required": ["artifactLocation"],
                            "properties": {"artifactLocation": {"type": "object", "required": ["uri"]},
                                           "region": {"type": "object", "properties": {
                                               "startLine": {"type": "integer", "minimum": 1},
                                               "startColumn": {"type": "integer", "minimum": 1}}}}}}}}}}},
            }}},
    },
}


def test_sarif_has_every_required_field_and_rule_metadata(tmp_path):
    (tmp_path / "a.md").write_text(agent_text("a", tools="Read, pytest, Task"))
    r = run("check", "--format", "sarif", "a.md", cwd=tmp_path)
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, SARIF_REQUIRED)
    run0 = doc["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    assert [x["id"] for x in rules] == ["AC230", "AC235"]
    assert all(x["helpUri"].endswith("/format/#" + x["id"].lower()) for x in rules)
    res = {x["ruleId"]: x for x in run0["results"]}
    assert res["AC230"]["level"] == "error" and res["AC235"]["level"] == "warning"
    assert rules[res["AC230"]["ruleIndex"]]["id"] == "AC230"
    loc = res["AC230"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a.md" and loc["region"] == {"startLine": 4, "startColumn": 14}


def test_version_help_and_usage(tmp_path):
    r = run("--version", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("agentcat ")
    h = run("check", "--help", cwd=tmp_path).stdout
    for option in ("--profile", "--format", "--config", "--warnings-as-errors", "paths"):
        line = next(ln for ln in h.splitlines() if ln.strip().startswith(option))
        assert len(line.strip()) > len(option) + 10 or option in ("--profile", "--format"), line  # each says what it does
    r = run("check", "--no-such-option", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.startswith("usage: agentcat check")


def test_a_wrapped_tools_value_is_located_on_the_line_that_holds_the_entry(tmp_path):
    (tmp_path / "w.md").write_text("---\nname: w\ndescription: \"Wraps. Use when x.\"\ntools: Read, Grep,\n  Glob, Bsh\n---\n\nbody\n")
    r = run("check", "w.md", cwd=tmp_path)
    assert "w.md:5:9: AC230 `Bsh`" in r.stdout


def test_the_body_length_message_reads_well(tmp_path):
    (tmp_path / "w.md").write_text(agent_text("w", body="One line."))
    r = run("check", "--profile", "catalog", "w.md", cwd=tmp_path)
    assert "the body has 1 non-blank line (2 lines in all)" in r.stdout


def test_new_outside_a_catalog_says_what_it_needs(tmp_path):
    r = run("new", "x", "--category", "y", cwd=tmp_path)
    assert r.returncode == 2 and "agents/categories.yml" in r.stderr and "--root" in r.stderr
