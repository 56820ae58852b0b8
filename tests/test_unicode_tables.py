"""The generated Unicode tables (hooks/agentcat/unicode_tables.py) and the hidden-character
check built on them: the property is what Unicode defines, and the characters the issue
named are caught."""

from __future__ import annotations

import unicodedata

import pytest

from agentcat import charclass, hidden, unicode_tables as ucd

# Default_Ignorable_Code_Point as DerivedCoreProperties.txt defines it, unchanged from
# Unicode 14.0 (which added U+180F) through 16.0 and 17.0.
DICP_17 = [(0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
           (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
           (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
           (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF)]


def chars(ranges):
    for a, b in ranges:
        yield from map(chr, range(a, b + 1))


def test_the_table_records_its_source_and_matches_the_definition():
    assert ucd.UNICODE_VERSION == "17.0.0" and ucd.SOURCE.startswith("regex ")
    assert list(ucd.DEFAULT_IGNORABLE) == DICP_17


def test_every_default_ignorable_character_has_the_category_unicode_gives_it():
    expected = {"Cf", "Mn", "Lo", "Cn"}  # format, variation selectors and CGJ, fillers, reserved
    fillers = {0x115F, 0x1160, 0x3164, 0xFFA0}
    for ch in chars(ucd.DEFAULT_IGNORABLE):
        cat = unicodedata.category(ch)
        assert cat in expected, (hex(ord(ch)), cat)
        assert cat != "Lo" or ord(ch) in fillers


@pytest.mark.parametrize("table, categories", [
    (ucd.FORMAT, {"Cf"}), (ucd.SPACE_SEPARATOR, {"Zs"}), (ucd.COMBINING_MARK, {"Mn", "Me"}),
    (ucd.PRIVATE_USE, {"Co"}),
])
def test_category_tables_agree_with_this_pythons_unicodedata(table, categories):
    # characters assigned after this Python's Unicode version are Cn to it
    for ch in chars(table):
        assert unicodedata.category(ch) in categories | {"Cn"}, hex(ord(ch))
    assert all(unicodedata.category(ch) != "Cn" or ord(ch) < 0x110000 for ch in chars(table))


def test_noncharacters_are_unassigned():
    nonchars = set(chars(ucd.NONCHARACTER))
    assert len(nonchars) == 66 and all(ord(c) & 0xFFFE == 0xFFFE or 0xFDD0 <= ord(c) <= 0xFDEF for c in nonchars)
    assert charclass.rule_for("\ufdd0") == charclass.rule_for("\U0010fffe") == "AC106"


@pytest.mark.parametrize("cp, rule", [
    *[(cp, "AC103") for cp in range(0x13430, 0x13440)],  # Egyptian hieroglyph format controls
    (0x16FE4, "AC103"),  # Khitan small script filler
    (0x2800, "AC103"),  # braille pattern blank
    (0x205F, "AC110"), (0x1680, "AC110"), (0x00A0, "AC110"),  # space separators
    (0x200B, "AC103"), (0x00AD, "AC103"), (0x0600, "AC103"), (0xFFF0, "AC106"),
    (0x202E, "AC102"), (0xE0041, "AC104"), (0xFE00, "AC105"), (0xE0100, "AC105"),
    (0xE000, "AC106"), (0x0378, "AC106"), (0x000D, "AC101"), (0x0085, "AC101"),
])
def test_the_issues_examples_and_every_kind_are_caught(cp, rule):
    text = f"word{chr(cp)}word"
    found = hidden.scan(text, len(text), lambda i: (1, i + 1), "x.md")
    assert [(p.rule, p.col) for p in found] == [(rule, 5)]


def test_zwj_inside_an_emoji_sequence_is_allowed_and_elsewhere_is_not():
    ok = "a woman coding \U0001F469\u200D\U0001F4BB, a family \U0001F468\U0001F3FD\u200D\U0001F467"
    assert hidden.scan(ok, len(ok), lambda i: (1, i + 1), "x.md") == []
    bad = "su\u200Ddo \U0001F469\u200Dx"
    assert [(p.rule, p.col) for p in hidden.scan(bad, len(bad), lambda i: (1, i + 1), "x.md")] == [("AC103", 3), ("AC103", 8)]


def test_combining_marks_over_ascii_letters_unless_they_compose():
    text = "s\u0336udo, cafe\u0301, x\u0302, na\u00efve, \u0430\u0301"
    found = hidden.scan(text, len(text), lambda i: (1, i + 1), "x.md")
    assert [(p.rule, p.col) for p in found] == [("AC107", 2), ("AC107", 16)]  # é composes; а is not ASCII
