"""One click copies exactly what gets installed: the whole file, byte for byte (final newline
included), and each install command. By mouse and by keyboard."""

from __future__ import annotations

import pytest

from agentcat import catalog

from conftest import ROOT
from .conftest import SITE_URL, clipboard, set_clipboard, tab_to

pytestmark = pytest.mark.browser

ENTRIES = catalog.load_catalog(ROOT).entries


def _longest_line(e) -> int:
    return max(len(line) for line in e.raw.split(b"\n"))


# three different files: the one with the longest line, the largest, and the first
PICKS = list({e.name: e for e in (max(ENTRIES, key=_longest_line), max(ENTRIES, key=lambda e: len(e.raw)),
                                  ENTRIES[0])}.values())


def install_commands(name: str) -> list[str]:
    raw = f"{SITE_URL}raw/{name}.md"
    return [f"mkdir -p ~/.claude/agents && curl -fsSL {raw} -o ~/.claude/agents/{name}.md",
            f"mkdir -p .claude/agents && curl -fsSL {raw} -o .claude/agents/{name}.md"]


def test_three_different_catalog_files_are_picked():
    assert len(PICKS) == 3


@pytest.mark.parametrize("entry", PICKS, ids=[e.name for e in PICKS])
def test_file_copy_button_copies_the_exact_file(tab, entry):
    page = tab.open(f"agents/{entry.category.slug}/{entry.name}/")
    set_clipboard(page, "nothing copied yet")
    page.click(".agentcat-copy-file")
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    raw = (ROOT / entry.rel_path).read_bytes()
    assert raw.endswith(b"\n")
    assert clipboard(page).encode("utf-8") == raw
    tab.assert_clean()


def test_non_ascii_file_with_long_lines_copies_exactly(open_tab, unicode_site):
    raw = (unicode_site.project / "agents" / "languages" / "polyglot-writer.md").read_bytes()
    assert not raw.isascii() and max(len(line) for line in raw.split(b"\n")) > 1000
    tab = open_tab(base=unicode_site.base_url)
    page = tab.open("agents/languages/polyglot-writer/")
    set_clipboard(page, "nothing copied yet")
    page.click(".agentcat-copy-file")
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    assert clipboard(page).encode("utf-8") == raw
    tab.assert_clean()


def test_install_commands_copy_as_shown(tab):
    entry = PICKS[0]
    page = tab.open(f"agents/{entry.category.slug}/{entry.name}/")
    user, project = install_commands(entry.name)
    one_step = f"/plugin install {entry.name} --marketplace agentcat/agentcat"
    blocks = page.locator(".agentcat-install .highlight")
    set_clipboard(page, "nothing copied yet")
    blocks.first.locator("button.md-code__button").click()
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    assert clipboard(page) == one_step
    page.click(".agentcat-routes > summary")  # the other routes
    for command in (user, project):
        block = page.locator(".agentcat-routes .highlight", has_text=command)
        set_clipboard(page, "nothing copied yet")
        block.locator("button.md-code__button").click()
        page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
        assert clipboard(page) == command
    tab.assert_clean()


def test_copy_buttons_work_with_the_keyboard_alone(tab):
    entry = PICKS[1]
    page = tab.open(f"agents/{entry.category.slug}/{entry.name}/")
    set_clipboard(page, "nothing copied yet")
    tab_to(page, ".agentcat-install .highlight button.md-code__button")
    page.keyboard.press("Enter")
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    assert clipboard(page) == f"/plugin install {entry.name} --marketplace agentcat/agentcat"

    # the other routes open with the keyboard too
    tab_to(page, ".agentcat-routes > summary")
    page.keyboard.press("Enter")
    set_clipboard(page, "nothing copied yet")
    tab_to(page, ".agentcat-routes .highlight button.md-code__button")
    page.keyboard.press("Enter")
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    assert clipboard(page) == install_commands(entry.name)[0]

    set_clipboard(page, "nothing copied yet")
    tab_to(page, ".agentcat-copy-file")
    page.keyboard.press("Enter")
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    assert clipboard(page).encode("utf-8") == (ROOT / entry.rel_path).read_bytes()
    tab.assert_clean()
