"""Hidden and deceptive characters: the ranges are listed explicitly, because a filter by
Unicode category alone misses U+3164 (a letter) and the variation selectors (marks)."""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from . import spec
from .problems import Problem

_CLASSES = spec.HIDDEN_CHARACTERS  # rule id -> character class
_ANY = re.compile("[" + "".join(_CLASSES.values()) + "]+")
_RULE_OF = [(rule, re.compile("[" + cls + "]")) for rule, cls in _CLASSES.items()]
# Everything printable ASCII, LF, TAB: the common case is skipped in one regex call.
_PLAIN = re.compile(r"[\t\n\x20-\x7e]*\Z")
INVISIBLE = re.compile("[" + "".join(_CLASSES[r] for r in ("AC102", "AC103", "AC104", "AC105")) + "\ufe0f]")

_NAMES = {"AC101": "control character", "AC102": "bidirectional control",
          "AC103": "invisible character", "AC105": "variation selector",
          "AC110": "non-ASCII space"}


def is_plain(text: str) -> bool:
    """Printable ASCII, LF and TAB only: nothing hidden can be in it."""
    return bool(_PLAIN.match(text))


def _rule_for(ch: str) -> str:
    for rule, cls in _RULE_OF:
        if cls.match(ch):
            return rule
    raise AssertionError(ch)


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '<control>' if unicodedata.category(ch) == 'Cc' else '<unnamed>')}"


def scan(text: str, body_offset: int, locate: Callable[[int], tuple[int, int]], path: str) -> list[Problem]:
    """Report every hidden or deceptive character in `text` (the whole decoded file).

    `body_offset` is where the body starts: a TAB before it (in the frontmatter) is an error.
    A run of identical-rule characters is reported once, at its first character.
    """
    problems: list[Problem] = []
    tab = text.find("\t", 0, body_offset)
    if tab >= 0:
        line, col = locate(tab)
        problems.append(Problem(path, line, col, "AC101", "TAB in the frontmatter; indent YAML with spaces and write no TAB in values"))
    if is_plain(text):
        return problems
    for m in _ANY.finditer(text):
        run = m.group()
        start = m.start()
        # split the run into stretches of the same rule
        i = 0
        while i < len(run):
            rule = _rule_for(run[i])
            j = i
            while j < len(run) and _rule_for(run[j]) == rule:
                j += 1
            line, col = locate(start + i)
            problems.append(Problem(path, line, col, rule, _message(rule, run[i:j])))
            i = j
    problems += _odd_code_points(text, locate, path)
    problems += _fe0f(text, locate, path)
    return problems


def _message(rule: str, run: str) -> str:
    if rule == "AC104":
        decoded = "".join(chr(ord(c) - 0xE0000) if 0xE0020 <= ord(c) <= 0xE007E else "" for c in run)
        return f"{len(run)} hidden tag character(s) U+{ord(run[0]):04X}..., decoded: {decoded!r}"
    if rule == "AC105" and len(run) > 1:  # selectors carrying bytes: U+FE00-FE0F are 0-15, U+E0100... 16-255
        data = bytes(ord(c) - 0xFE00 if ord(c) < 0x10000 else ord(c) - 0xE0100 + 16 for c in run)
        return f"{len(run)} variation selectors in a row carry hidden bytes, decoded: {data.decode('utf-8', 'replace')!r}"
    kinds = ", ".join(dict.fromkeys(_describe(c) for c in run))
    noun = _NAMES[rule]
    count = f"{len(run)} x " if len(run) > 1 else ""
    return f"{count}{noun} {kinds}"


_HIGH = re.compile("[^\x00-\u036f]")
_ODD = re.compile("[\ue000-\uf8ff\ufdd0-\ufdef\U000f0000-\U0010ffff]")


def _odd_code_points(text: str, locate, path: str) -> list[Problem]:
    """Private-use, noncharacters and unassigned code points (as of this Python's Unicode)."""
    out = []
    for m in _HIGH.finditer(text):
        i, ch = m.start(), m.group()
        o = ord(ch)
        if _ODD.match(ch) or (o & 0xFFFE) == 0xFFFE or unicodedata.category(ch) in ("Cn", "Co"):
            if _ANY.match(ch):
                continue  # reported above (tags, variation selectors, BOM ...)
            line, col = locate(i)
            kind = "private-use" if unicodedata.category(ch) == "Co" else "noncharacter or unassigned"
            out.append(Problem(path, line, col, "AC106", f"{kind} code point U+{o:04X}"))
    return out


def _fe0f(text: str, locate, path: str) -> list[Problem]:
    out = []
    for m in re.finditer("\ufe0f", text):
        prev = text[m.start() - 1] if m.start() else ""
        if not prev or unicodedata.category(prev) not in ("So", "Sk") and not ("0" <= prev <= "9" or prev in "#*"):
            line, col = locate(m.start())
            out.append(Problem(path, line, col, "AC114", "U+FE0F VARIATION SELECTOR-16 after a character that is not an emoji"))
    return out


# --- warnings on the body: normal form, mixed scripts, comments --------------------------

_WORD = re.compile(r"[^\W\d_]+")


def _script(ch: str) -> str | None:
    if ch.isascii():
        return "Latin"
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"):
        if name.startswith(script):
            return script.capitalize()
    return None


def mixed_scripts(text: str, locate, path: str) -> list[Problem]:
    if text.isascii():
        return []
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        scripts = {s for s in map(_script, word) if s}
        if len(scripts) > 1:
            line, col = locate(m.start())
            detail = ", ".join(f"{c!r} {_describe(c)}" for c in word if _script(c) not in (None, "Latin"))[:160]
            out.append(Problem(path, line, col, "AC112", f"the word {word!r} mixes {' and '.join(sorted(scripts))} letters: {detail}"))
    return out


def not_nfc(text: str, locate, path: str) -> list[Problem]:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return []
    offset = 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            ln, _ = locate(offset)
            return [Problem(path, ln, 1, "AC111", "this line is not in Unicode normal form C (NFC); normalise the file")]
        offset += len(line) + 1
    return []


_COMMENT = re.compile(r"<!--|^[ \t]*\[//\]:[ \t]*#", re.M)


def comments(body: str, body_offset: int, locate, path: str) -> list[Problem]:
    out: list[Problem] = []
    if "<!--" not in body and "[//]" not in body:  # the common case, without a regex scan
        return out
    for m in _COMMENT.finditer(body):
        line, col = locate(body_offset + m.start() + len(m.group()) - len(m.group().lstrip()))
        what = "an HTML comment" if m.group() == "<!--" else "a `[//]: #` comment line"
        out.append(Problem(path, line, col, "AC113", f"{what} is invisible on a rendered page but reaches the model"))
    return out
