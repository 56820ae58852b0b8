"""How `agentcat check` prints a report: text, json, GitHub workflow annotations, SARIF 2.1.0."""

from __future__ import annotations

import json

from . import __version__
from .check import Report
from .problems import GROUPS, RULES, Problem

FORMATS = ("text", "json", "github", "sarif")
DOCS_URL = "https://agentcat.github.io/agentcat/format/"  # the Format page, one anchor per rule


def summary(report: Report) -> str:
    errors = sum(p.is_error for p in report.problems)
    warnings = len(report.problems) - errors
    files = f"{report.files} file{'s' * (report.files != 1)} checked"
    docs = len(report.documentation)
    skipped = f", {docs} skipped as not agents (no frontmatter or no name: documentation to Claude Code)" if docs else ""
    return (f"agentcat: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}; "
            f"{files}{skipped}; profile {report.profile}")


def text(report: Report) -> str:
    return "".join(f"{p}\n" for p in report.problems)


def as_json(report: Report) -> str:
    return json.dumps({"problems": [p.as_dict() for p in report.problems],
                       "errors": sum(p.is_error for p in report.problems),
                       "warnings": sum(not p.is_error for p in report.problems),
                       "files": report.files, "skipped": report.documentation, "profile": report.profile},
                      indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github(report: Report) -> str:
    """Workflow commands: `::error file=...,line=...,col=...,title=AC230::message`."""
    out = []
    for p in report.problems:
        kind = "error" if p.is_error else "warning"
        props = f"file={_escape_property(p.path)},line={p.line},col={p.col},title={p.rule}"
        out.append(f"::{kind} {props}::{_escape_data(p.message)}\n")
    return "".join(out)


def rule_url(rule_id: str) -> str:
    return f"{DOCS_URL}#{rule_id.lower()}"


def sarif(report: Report) -> str:
    used = sorted({p.rule for p in report.problems})
    index = {r: i for i, r in enumerate(used)}
    rules = [{
        "id": r, "name": r,
        "shortDescription": {"text": RULES[r].summary},
        "fullDescription": {"text": f"{RULES[r].summary} ({GROUPS[RULES[r].group]})"},
        "helpUri": rule_url(r),
        "defaultConfiguration": {"level": _sarif_level(RULES[r].severity_in(report.profile))},
        "properties": {"group": RULES[r].group, "catalog": RULES[r].severity, "claude-code": RULES[r].claude_code},
    } for r in used]
    results = [_result(p, index) for p in report.problems]
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "agentcat", "version": __version__, "informationUri": DOCS_URL, "rules": rules}},
            "results": results,
            "properties": {"profile": report.profile, "files": report.files, "skipped": report.documentation},
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _sarif_level(level: str) -> str:
    return {"error": "error", "warning": "warning"}.get(level, "none")


def _result(p: Problem, index: dict[str, int]) -> dict:
    return {
        "ruleId": p.rule, "ruleIndex": index[p.rule], "level": _sarif_level(p.severity),
        "message": {"text": p.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": p.path},
            "region": {"startLine": max(p.line, 1), "startColumn": max(p.col, 1)},
        }}],
    }


RENDER = {"text": text, "json": as_json, "github": github, "sarif": sarif}
