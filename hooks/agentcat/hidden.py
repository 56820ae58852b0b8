"""Hidden and deceptive characters, found by Unicode property (charclass.py): every format
and default-ignorable character, private use and unassigned code points, non-ASCII spaces,
and the ranges named in the hostile-input notes (a filter by category alone misses U+3164,
a letter, and the variation selectors, marks). Combining marks laid over ASCII letters
(`s\u0336udo`) are reported too: they break a keyword while it still reads as one."""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from . import charclass, spec
from .problems import Problem

_ANY = re.compile(f"(?:{charclass.ANY})+")
# Everything printable ASCII, LF, TAB: the common case is skipped in one regex call.
_PLAIN = re.compile(r"[\t\n\x20-\x7e]*\Z")
INVISIBLE = re.compile(charclass.INVISIBLE)
# an ASCII letter and the combining marks laid over it
_MARKED = re.compile(f"[A-Za-z]({charclass.COMBINING}+)")

_NAMES = {"AC101": "control character", "AC102": "bidirectional control",
          "AC103": "invisible character", "AC105": "variation selector",
          "AC110": "non-ASCII space"}
_ZWJ = "\u200d"
_COUNTED = "one more of the same kind (counted, not listed)"


def is_plain(text: str) -> bool:
    """Printable ASCII, LF and TAB only: nothing hidden can be in it."""
    return bool(_PLAIN.match(text))


def _rule_for(ch: str) -> str:
    rule = charclass.rule_for(ch)
    assert rule is not None, ch
    return rule


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '<control>' if unicodedata.category(ch) == 'Cc' else '<unnamed>')}"


def _is_emoji(ch: str) -> bool:
    o = ord(ch)
    return unicodedata.category(ch) == "So" or 0x1F3FB <= o <= 0x1F3FF or o == 0xFE0F


def _allowed(text: str, i: int) -> bool:
    """ZWJ joining two emoji (a family, a profession, a flag variant) is not hidden text."""
    return (text[i] == _ZWJ and 0 < i < len(text) - 1 and _is_emoji(text[i - 1])
            and unicodedata.category(text[i + 1]) == "So")


def scan(text: str, body_offset: int, locate: Callable[[int], tuple[int, int]], path: str) -> list[Problem]:
    """Report every hidden or deceptive character in `text` (the whole decoded file).

    `body_offset` is where the body starts: a TAB before it (in the frontmatter) is an error.
    A run of identical-rule characters is reported once, at its first character; private-use
    and unassigned code points one by one.
    """
    problems: list[Problem] = []
    tab = text.find("\t", 0, body_offset)
    if tab >= 0:
        line, col = locate(tab)
        problems.append(Problem(path, line, col, "AC101", "TAB in the frontmatter; indent YAML with spaces and write no TAB in values"))
    if is_plain(text):
        return problems
    listed: dict[str, int] = {}  # past the problems a report lists one by one, only a count
    for m in _ANY.finditer(text):
        run = m.group()
        start = m.start()
        # split the run into stretches of the same rule
        i = 0
        while i < len(run):
            if _allowed(text, start + i):
                i += 1
                continue
            rule = _rule_for(run[i])
            j = i + 1
            if rule != "AC106":
                while j < len(run) and _rule_for(run[j]) == rule and not _allowed(text, start + j):
                    j += 1
            line, col = locate(start + i)
            n = listed[rule] = listed.get(rule, 0) + 1
            message = _message(rule, run[i:j]) if n <= spec.MAX_LISTED_PER_RULE else _COUNTED
            problems.append(Problem(path, line, col, rule, message))
            i = j
    problems += _marked_letters(text, locate, path)
    problems += _fe0f(text, locate, path)
    return problems


def _message(rule: str, run: str) -> str:
    if rule == "AC104":
        decoded = "".join(chr(ord(c) - 0xE0000) if 0xE0020 <= ord(c) <= 0xE007E else "" for c in run)
        return f"{len(run)} hidden tag character(s) U+{ord(run[0]):04X}..., decoded: {decoded!r}"
    if rule == "AC105" and len(run) > 1:  # selectors carrying bytes: U+FE00-FE0F are 0-15, U+E0100... 16-255
        data = bytes(ord(c) - 0xFE00 if ord(c) < 0x10000 else ord(c) - 0xE0100 + 16 for c in run)
        return f"{len(run)} variation selectors in a row carry hidden bytes, decoded: {data.decode('utf-8', 'replace')!r}"
    if rule == "AC106":
        kind = "private-use" if unicodedata.category(run) == "Co" else "noncharacter or unassigned"
        return f"{kind} code point U+{ord(run):04X}"
    kinds = ", ".join(dict.fromkeys(_describe(c) for c in run))
    noun = _NAMES[rule]
    count = f"{len(run)} x " if len(run) > 1 else ""
    return f"{count}{noun} {kinds}"


def _marked_letters(text: str, locate, path: str) -> list[Problem]:
    """Combining marks over an ASCII letter that no precomposed letter absorbs (`é` written as
    `e` + U+0301 is only not NFC, AC111). Marks reported by another rule are left to it."""
    if text.isascii():
        return []
    out = []
    for m in _MARKED.finditer(text):
        if charclass.rule_for(m.group(1)[0]) is not None:
            continue  # a variation selector, CGJ ...: reported as such
        composed = unicodedata.normalize("NFC", m.group())
        left = [c for c in composed if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me")]
        if not left:
            continue
        line, col = locate(m.start(1) + m.group(1).index(left[0]) if left[0] in m.group(1) else m.start(1))
        marks = ", ".join(dict.fromkeys(_describe(c) for c in left))
        out.append(Problem(path, line, col, "AC107", f"combining mark laid over the letter {m.group()[0]!r}: {marks}"))
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


# An HTML comment, or a Markdown reference definition whose target is `<>` or `#`: nothing
# links to it, nothing renders it (`[//]: # (...)`, `[x]: <> (...)`, `[comment]: # "..."`).
_COMMENT = re.compile(r"<!--|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<>|#)(?=[ \t]|$)", re.M)


def comments(body: str, body_offset: int, locate, path: str) -> list[Problem]:
    out: list[Problem] = []
    if "<!--" not in body and "]:" not in body:  # the common case, without a regex scan
        return out
    for m in _COMMENT.finditer(body):
        line, col = locate(body_offset + m.start() + len(m.group()) - len(m.group().lstrip()))
        what = "an HTML comment" if m.group() == "<!--" else f"a reference definition used as a comment (`{m.group().strip()}`)"
        out.append(Problem(path, line, col, "AC113", f"{what} is invisible on a rendered page but reaches the model"))
    return out
