"""The character classes of the hidden-character rules: spec.HIDDEN_CHARACTERS (the ranges
named in the hostile-input notes) completed by Unicode property from unicode_tables (Unicode
17.0.0): every format character (Cf) and Default_Ignorable_Code_Point is invisible (AC103),
private use and unassigned code points are AC106, every space separator but U+0020 is a
non-ASCII space (AC110). Classes overlap (the tags are default-ignorable too): a character
belongs to the first rule of ORDER whose class holds it.

U+FE0F is apart (AC114: allowed after an emoji), and so is ZWJ inside an emoji sequence.
"""

from __future__ import annotations

import re

from . import spec, unicode_tables as ucd


def _cls(ranges) -> str:
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


_EXPLICIT = spec.HIDDEN_CHARACTERS
CLASSES = {
    "AC101": _EXPLICIT["AC101"],
    "AC102": _EXPLICIT["AC102"],
    "AC104": _EXPLICIT["AC104"],
    "AC105": _EXPLICIT["AC105"],
    "AC106": _cls(ucd.PRIVATE_USE) + _cls(ucd.UNASSIGNED),
    "AC110": _EXPLICIT["AC110"] + _cls((a, b) for a, b in ucd.SPACE_SEPARATOR if a > 0x7F),
    "AC103": _EXPLICIT["AC103"] + _cls(ucd.FORMAT) + _cls(ucd.DEFAULT_IGNORABLE),
}
ORDER = tuple(CLASSES)  # the first rule that holds a character reports it
RULE_OF = tuple((rule, re.compile("[" + cls + "]")) for rule, cls in CLASSES.items())
# Every character some rule reports, except U+FE0F (AC114 judges it in context).
ANY = "(?!\ufe0f)[" + "".join(CLASSES.values()) + "]"
# What the risk patterns drop before matching: everything invisible (U+FE0F included).
INVISIBLE = "[" + "".join(CLASSES[r] for r in ("AC102", "AC103", "AC104", "AC105")) + "]"
COMBINING = "[" + _cls(ucd.COMBINING_MARK) + "]"


def rule_for(ch: str) -> str | None:
    for rule, rx in RULE_OF:
        if rx.match(ch):
            return rule
    return None
