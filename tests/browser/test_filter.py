"""The catalog filter in a real browser: it narrows and restores rows, keeps its state in the
URL (links and the back button), survives Material's instant navigation, works with the
keyboard alone, and leaves the whole table in place without JavaScript."""

from __future__ import annotations

import pytest

from agentcat import catalog

from conftest import ROOT
from .conftest import catalog_by_instant_navigation, shown_rows, tab_to

pytestmark = pytest.mark.browser

ENTRIES = catalog.load_catalog(ROOT).entries
ALL = [e.name for e in ENTRIES]
CAPABILITY = {  # the filter's capabilities, as the agent pages define them
    "read-only": lambda c: not c["edits files"] and not c["runs commands"],
    "edits-files": lambda c: c["edits files"],
    "runs-commands": lambda c: c["runs commands"],
    "uses-the-web": lambda c: c["uses the web"],
}


def expected(search: str = "", category: str = "", capability: str = "", model: str = "") -> list[str]:
    """The rows that should show: every word of the search in the name, description or tools."""
    out = []
    for e in ENTRIES:
        text = " ".join([e.name, e.description, ", ".join(e.tools or [])]).lower()
        if (all(w in text for w in search.lower().split())
                and (not category or e.category.slug == category)
                and (not capability or CAPABILITY[capability](e.capabilities()))
                and (not model or e.model == model)):
            out.append(e.name)
    return out


def controls(page) -> dict[str, str]:
    return {name: page.input_value(f"#agentcat-filter-{name}") for name in ("search", "category", "capability", "model")}


def count_text(shown: int) -> str:
    if shown == len(ALL):
        return f"Showing all {len(ALL)} agents"
    if shown == 0:
        return f"No agent matches these filters (of {len(ALL)})"
    return f"Showing {shown} of {len(ALL)} agents"


def test_filter_narrows_and_restores_rows(tab):
    page = tab.open("agents/")
    assert shown_rows(page) == ALL
    assert page.text_content("#agentcat-filter-count") == count_text(len(ALL))

    # the lists offer what the catalog holds
    categories = page.eval_on_selector_all("#agentcat-filter-category option", "os => os.map(o => [o.value, o.text])")
    assert categories[1:] == list(map(list, dict.fromkeys((e.category.slug, e.category.title) for e in ENTRIES)))
    models = page.eval_on_selector_all("#agentcat-filter-model option", "os => os.map(o => o.value)")
    assert models[1:] == sorted({e.model for e in ENTRIES})

    page.fill("#agentcat-filter-search", "review")
    want = expected("review")
    assert 0 < len(want) < len(ALL)
    assert shown_rows(page) == want
    assert page.text_content("#agentcat-filter-count") == count_text(len(want))

    # two words: both must appear, in any order
    page.fill("#agentcat-filter-search", "Bash review")
    assert shown_rows(page) == expected("bash review") != want

    page.fill("#agentcat-filter-search", "")
    for cap in CAPABILITY:
        page.select_option("#agentcat-filter-capability", cap)
        want = expected(capability=cap)
        assert 0 < len(want) < len(ALL), cap
        assert shown_rows(page) == want, cap
    page.select_option("#agentcat-filter-capability", "")
    for model in sorted({e.model for e in ENTRIES}):
        page.select_option("#agentcat-filter-model", model)
        assert shown_rows(page) == expected(model=model), model
    page.select_option("#agentcat-filter-model", "")

    slug = ENTRIES[-1].category.slug
    page.select_option("#agentcat-filter-category", slug)
    page.select_option("#agentcat-filter-capability", "read-only")
    want = expected(category=slug, capability="read-only")
    assert shown_rows(page) == want and 0 < len(want)

    page.fill("#agentcat-filter-search", "no agent has this text")
    assert shown_rows(page) == []
    assert page.text_content("#agentcat-filter-count") == count_text(0)

    page.click("text=Clear filters")
    assert shown_rows(page) == ALL
    assert controls(page) == {"search": "", "category": "", "capability": "", "model": ""}
    tab.assert_clean()


def test_url_state_round_trips(tab):
    slug = ENTRIES[0].category.slug
    page = tab.open(f"agents/?search=review&category={slug}&capability=edits-files")
    first = page.url
    assert controls(page) == {"search": "review", "category": slug, "capability": "edits-files", "model": ""}
    assert shown_rows(page) == expected("review", slug, "edits-files")

    # a changed filter is a new history entry; the URL carries the whole state
    page.select_option("#agentcat-filter-category", "")
    page.wait_for_url(lambda url: "category=" not in url)
    assert "search=review" in page.url and "capability=edits-files" in page.url
    second = page.url

    # typing: the URL follows once typing pauses, as one entry for the whole word
    page.fill("#agentcat-filter-search", "")
    page.locator("#agentcat-filter-search").press_sequentially("test")
    page.wait_for_url(lambda url: "search=test" in url)
    assert shown_rows(page) == expected("test", capability="edits-files")
    third = page.url

    page.go_back()
    page.wait_for_url(second)
    assert controls(page)["search"] == "review" and controls(page)["category"] == ""
    assert shown_rows(page) == expected("review", capability="edits-files")
    page.go_back()
    page.wait_for_url(first)
    assert controls(page)["category"] == slug
    assert shown_rows(page) == expected("review", slug, "edits-files")
    page.go_forward()
    page.go_forward()
    page.wait_for_url(third)
    assert controls(page)["search"] == "test"
    assert shown_rows(page) == expected("test", capability="edits-files")

    # the same URL, opened fresh (a shared link), gives the same state
    page.goto(third, wait_until="networkidle")
    assert controls(page)["search"] == "test"
    assert shown_rows(page) == expected("test", capability="edits-files")

    # values the lists do not offer fall back to "all"
    page.goto(tab.base_url + "agents/?category=nope&model=nope&capability=nope", wait_until="networkidle")
    assert controls(page) == {"search": "", "category": "", "capability": "", "model": ""}
    assert shown_rows(page) == ALL
    tab.assert_clean()


def test_filter_survives_instant_navigation(open_tab, instant_url):
    tab = open_tab(base=instant_url)
    page = catalog_by_instant_navigation(tab)
    assert page.evaluate("window.__sameDocument") is True, "instant navigation did a full page load"
    page.fill("#agentcat-filter-search", "sql")
    page.wait_for_url(lambda url: "search=sql" in url)
    want = expected("sql")
    assert shown_rows(page) == want and want

    page.locator(f"#agentcat-table tr[data-name='{want[0]}'] a").click()
    page.wait_for_selector(".agentcat-copy-file")
    page.go_back()
    page.wait_for_selector("#agentcat-filter-search")
    page.wait_for_function("document.querySelector('#agentcat-filter-search').value === 'sql'")
    assert shown_rows(page) == want
    assert page.evaluate("window.__sameDocument") is True
    tab.assert_clean()


def test_filter_with_the_keyboard_alone(tab):
    page = tab.open("agents/")
    tab_to(page, "#agentcat-filter-search")
    # letters that are Material's shortcuts elsewhere (s, f, / search; n, p next and previous page)
    page.keyboard.type("s/fnp")
    assert page.input_value("#agentcat-filter-search") == "s/fnp"
    assert page.evaluate("document.getElementById('__search').checked") is False
    assert page.url.split("?")[0] == tab.base_url + "agents/"
    for _ in range(5):
        page.keyboard.press("Backspace")
    page.keyboard.type("review")
    assert shown_rows(page) == expected("review")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "agentcat-filter-category"
    page.keyboard.press("ArrowDown")  # the first category
    slug = ENTRIES[0].category.slug
    assert page.input_value("#agentcat-filter-category") == slug
    assert shown_rows(page) == expected("review", slug)
    tab_to(page, ".agentcat-filter__clear", limit=4)
    page.keyboard.press("Enter")
    assert shown_rows(page) == ALL
    assert page.evaluate("document.activeElement.id") == "agentcat-filter-search"
    # every control has a visible label tied to it
    labels = page.eval_on_selector_all(".agentcat-filter__form label", "ls => ls.map(l => [l.htmlFor, l.textContent])")
    assert [f for f, _ in labels] == [f"agentcat-filter-{n}" for n in ("search", "category", "capability", "model")]
    tab.assert_clean()


def test_without_javascript_the_whole_table_shows(open_tab):
    tab = open_tab(javascript=False)
    page = tab.open("agents/?search=no+agent+has+this")
    assert shown_rows(page) == ALL
    assert page.locator("#agentcat-filter *").count() == 0
    tab.assert_clean()
