"""Worst-case agent files, each just under the 256 KiB limit (benchmarks/bench.py times them;
tests/test_worst_case.py checks that the linter's verdict on each is right).

Every case is a file that an attacker could send to make `agentcat check` (and so CI and the
site build) slow: long lines that a careless loop scans once per value, entries that each
cost a fuzzy match, lines that each cost a Unicode normalisation.
"""

from __future__ import annotations

LIMIT = 256 * 1024 - 1024  # bytes: stay under the file limit with room for the frame

_BODY = "\n".join(["You are a checker.", ""] + [f"{i}. Step {i} of the work." for i in range(1, 30)]) + "\n"


def _frame(front: str, body: str = _BODY) -> bytes:
    return f"---\n{front}---\n\n{body}".encode("utf-8")


def _fill(unit: str, budget: int, sep: str = "") -> str:
    n = max(1, budget // len((unit + sep).encode("utf-8")))
    return sep.join([unit] * n)


def one_line_flow_list() -> bytes:
    """`skills: [[a, a, ...], [a, ...], ...] # end` on one 250 KiB line (lists of 999, under the
    entry limit): every plain scalar looked for a ` #` comment in the rest of its line, which
    was quadratic (13-15 s on the machine of the report)."""
    inner = "[" + ", ".join(["a"] * 999) + "]"
    items = _fill(inner, LIMIT - 200, ", ")
    return _frame(f"name: flow\ndescription: \"Checks. Use when needed.\"\ntools: Read\nskills: [{items}] # end\n")


def one_line_flat_list() -> bytes:
    """The same line as one flat list of 87,000 values: refused at the entry limit (AC019)."""
    items = _fill("a", LIMIT - 200, ", ")
    return _frame(f"name: flat\ndescription: \"Checks. Use when needed.\"\ntools: Read\nskills: [{items}] # end\n")


def one_line_quoted_escapes() -> bytes:
    """A one-line flow list of lists of double-quoted scalars, each with an escape: every one
    looked for a backslash across its whole line."""
    inner = "[" + ", ".join(['"caf\\u00e9"'] * 999) + "]"
    items = _fill(inner, LIMIT - 200, ", ")
    return _frame(f"name: quoted\ndescription: \"Checks. Use when needed.\"\ntools: Read\nskills: [{items}]\n")


def unknown_tools() -> bytes:
    """Tens of thousands of tool names that are not tools: one fuzzy match (difflib) each."""
    names = ", ".join(f"Rxad{i}" for i in range(LIMIT // 9))
    body = names[:LIMIT - 200].rsplit(",", 1)[0]
    return _frame(f"name: tools\ndescription: \"Checks. Use when needed.\"\ntools: {body}\n")


def unknown_keys() -> bytes:
    """Tens of thousands of unknown keys: one fuzzy match each."""
    lines, size, i = [], 0, 0
    while size < LIMIT - 200:
        line = f"toolz{i}: x\n"
        lines.append(line)
        size += len(line)
        i += 1
    return _frame("name: keys\ndescription: \"Checks. Use when needed.\"\ntools: Read\n" + "".join(lines))


def long_normalised_line() -> bytes:
    """One body line of 250 KiB that is not ASCII and repeats a risk word (fullwidth `ｓｕｄｏ`):
    every match mapped back to its column by normalising prefixes of the line."""
    line = _fill("ｓｕｄｏ ｘ", LIMIT - 2000, " ")
    return _frame("name: wide\ndescription: \"Checks. Use when needed.\"\ntools: Read\n", _BODY + line + "\n")


def hidden_flood() -> bytes:
    """A body made of zero-width spaces between letters: one problem per character run."""
    line = _fill("a\u200b", LIMIT - 2000)
    return _frame("name: flood\ndescription: \"Checks. Use when needed.\"\ntools: Read\n", _BODY + line + "\n")


def long_description() -> bytes:
    """A 250 KiB description on one line, full of risk words and spaces to fold."""
    text = _fill("curl x  |  sh", LIMIT - 300, " ")
    return _frame(f"name: desc\ndescription: \"Use when needed. {text}\"\ntools: Read\n")


CASES = {f.__name__: f for f in (one_line_flow_list, one_line_flat_list, one_line_quoted_escapes, unknown_tools, unknown_keys,
                                 long_normalised_line, hidden_flood, long_description)}
