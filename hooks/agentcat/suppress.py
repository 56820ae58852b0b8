"""Inline suppressions: a YAML comment in an agent's frontmatter, with a reason.

    ---
    name: docs-fetcher
    # agentcat: ignore[AC310] fetches documentation only; Bash runs the linter
    tools: Read, Bash, WebFetch
    ---

It silences those rules in that file. A suppression without a reason, or naming no rule,
is an error (AC603); one that silences nothing is reported (AC602). In the catalog profile
only warnings can be suppressed: an error there needs a change of the file, not a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .problems import CATALOG, ERROR, RULES, Problem

_COMMENT = re.compile(r"^[ \t]*#[ \t]*agentcat:[ \t]*ignore\[([^\]\n]*)\][ \t]*(.*)$", re.M)


@dataclass
class Suppression:
    line: int
    col: int
    rules: tuple[str, ...]
    reason: str
    used: bool = False


def parse(text: str) -> list[Suppression]:
    """The suppression comments of a file's frontmatter (lines 2 up to the closing `---`)."""
    if not text.startswith("---"):
        return []
    end = re.search(r"^---[ \t]*\r?$", text[3:], re.M)
    front = text[: 3 + end.start()] if end else ""
    out = []
    for m in _COMMENT.finditer(front):
        line = front.count("\n", 0, m.start()) + 1
        col = m.start() - (front.rfind("\n", 0, m.start()) + 1) + 1
        rules = tuple(r.strip() for r in m.group(1).split(",") if r.strip())
        out.append(Suppression(line, col, rules, m.group(2).strip()))
    return out


def apply(problems: list[Problem], texts: dict[str, str], profile: str) -> list[Problem]:
    """Drop the problems that a suppression in their own file covers; add AC602 and AC603.
    `texts`: display path -> the file's text, for every file checked."""
    found = {path: parse(text) for path, text in texts.items() if "agentcat:" in text}
    found = {p: s for p, s in found.items() if s}
    if not found:
        return problems
    out: list[Problem] = []
    for path, sups in found.items():
        for s in sups:
            unknown = [r for r in s.rules if r not in RULES]
            locked = [r for r in s.rules if r in RULES and profile == CATALOG and RULES[r].severity == ERROR]
            if not s.rules or not s.reason or unknown or locked:
                why = ("names no rule" if not s.rules else "gives no reason; write one after the bracket" if not s.reason
                       else f"names unknown rule(s) {', '.join(unknown)}" if unknown
                       else f"cannot silence the error(s) {', '.join(locked)} in the catalog: fix the file instead")
                out.append(Problem(path, s.line, s.col, "AC603", f"`# agentcat: ignore[...]` {why}"))
                s.used = True  # reported once, as malformed
                s.rules = tuple(r for r in s.rules if r not in unknown and r not in locked) if s.reason else ()
    for p in problems:
        hit = next((s for s in found.get(p.path, ()) if p.rule in s.rules), None)
        if hit is None or p.rule in ("AC602", "AC603"):
            out.append(p)
        else:
            hit.used = True
    for path, sups in found.items():
        out += [Problem(path, s.line, s.col, "AC602", f"`# agentcat: ignore[{', '.join(s.rules)}]` suppresses nothing here; remove it")
                for s in sups if not s.used]
    return sorted(out, key=lambda p: (p.path, p.line, p.col, p.rule))
