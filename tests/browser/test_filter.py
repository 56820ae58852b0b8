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
CAPABILITY = {  # the filter's capabilities, from effective tools as the agent pages show them
    "read-only": lambda e: e.read_only,
    "edits": lambda e: e.capabilities()["edits files"],
    "runs": lambda e: e.capabilities()["runs commands"],
    "web": lambda e: e.capabilities()["uses the web"],
}


def expected(category=(), capability=(), model=()) -> list[str]:
    """The rows the filters alone should show, in catalog order (any of a filter's values matches)."""
    return [e.name for e in ENTRIES
            if (not category or e.category.slug in category)
            and (not capability or any(CAPABILITY[c](e) for c in capability))
            and (not model or e.model in model)]


def controls(page) -> dict:
    out = {"search": page.input_value("#agentcat-filter-search")}
    for name in ("category", "capability", "model"):
        out[name] = page.eval_on_selector_all(f"#agentcat-filter-{name} input:checked", "bs => bs.map(b => b.value)")
    return out


NONE = {"search": "", "category": [], "capability": [], "model": []}


def pick(page, name: str, value: str, on: bool = True) -> None:
    page.click(f"#agentcat-filter-{name} summary")
    (page.check if on else page.uncheck)(f"#agentcat-filter-{name}-{value}")
    page.keyboard.press("Escape")


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
    categories = page.eval_on_selector_all("#agentcat-filter-category li", "ls => ls.map(l => [l.querySelector('input').value, l.textContent])")
    assert categories == list(map(list, dict.fromkeys((e.category.slug, e.category.title) for e in ENTRIES)))
    models = page.eval_on_selector_all("#agentcat-filter-model input", "os => os.map(o => o.value)")
    assert models == sorted({e.model for e in ENTRIES})

    for cap in CAPABILITY:
        pick(page, "capability", cap)
        want = expected(capability=[cap])
        assert 0 < len(want) < len(ALL), cap
        assert shown_rows(page) == want, cap
        assert page.text_content("#agentcat-filter-count") == count_text(len(want))
        pick(page, "capability", cap, on=False)
    for model in sorted({e.model for e in ENTRIES}):
        pick(page, "model", model)
        assert shown_rows(page) == expected(model=[model]), model
        pick(page, "model", model, on=False)

    slug = ENTRIES[-1].category.slug
    pick(page, "category", slug)
    pick(page, "capability", "read-only")
    want = expected(category=[slug], capability=["read-only"])
    assert shown_rows(page) == want and 0 < len(want)

    # a search narrows within the filters; its words match in any order
    page.fill("#agentcat-filter-search", "zzzq xxyv qqqj")
    assert shown_rows(page) == []
    assert page.text_content("#agentcat-filter-count") == count_text(0)

    page.click("text=Clear filters")
    assert shown_rows(page) == ALL
    assert controls(page) == NONE
    tab.assert_clean()


def test_url_state_round_trips(tab):
    slug = ENTRIES[0].category.slug
    page = tab.open(f"agents/?search=review&category={slug}&capability=edits-files")  # an old link still works
    first = page.url
    assert controls(page) == {"search": "review", "category": [slug], "capability": ["edits"], "model": []}
    first_rows = shown_rows(page)
    assert first_rows and set(first_rows) <= set(expected([slug], ["edits"]))

    # a changed filter is a new history entry; the URL carries the whole state
    pick(page, "category", slug, on=False)
    page.wait_for_url(lambda url: "category=" not in url)
    assert "search=review" in page.url and "capability=edits" in page.url
    second = page.url
    second_rows = shown_rows(page)
    assert set(first_rows) < set(second_rows)

    # typing: the URL follows once typing pauses, as one entry for the whole word
    page.fill("#agentcat-filter-search", "")
    page.locator("#agentcat-filter-search").press_sequentially("test")
    page.wait_for_url(lambda url: "search=test" in url)
    third_rows = shown_rows(page)
    assert third_rows[0] == "test-engineer"
    third = page.url

    page.go_back()
    page.wait_for_url(second)
    assert controls(page)["search"] == "review" and controls(page)["category"] == []
    assert shown_rows(page) == second_rows
    page.go_back()
    page.wait_for_url(first)
    assert controls(page)["category"] == [slug]
    assert shown_rows(page) == first_rows
    page.go_forward()
    page.go_forward()
    page.wait_for_url(third)
    assert controls(page)["search"] == "test"
    assert shown_rows(page) == third_rows

    # the same URL, opened fresh (a shared link), gives the same state
    page.goto(third, wait_until="networkidle")
    assert controls(page)["search"] == "test"
    assert shown_rows(page) == third_rows

    # values the lists do not offer are left out
    page.goto(tab.base_url + "agents/?category=nope&model=nope&capability=nope", wait_until="networkidle")
    assert controls(page) == NONE
    assert shown_rows(page) == ALL
    tab.assert_clean()


def test_filter_survives_instant_navigation(open_tab, instant_url):
    tab = open_tab(base=instant_url)
    page = catalog_by_instant_navigation(tab)
    assert page.evaluate("window.__sameDocument") is True, "instant navigation did a full page load"
    page.fill("#agentcat-filter-search", "sql")
    page.wait_for_url(lambda url: "search=sql" in url)
    want = shown_rows(page)
    assert want and want[0] == "sql-expert"

    page.locator(f"#agentcat-results li[data-name='{want[0]}'] a").click()
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
    reviewed = shown_rows(page)
    assert reviewed and reviewed != ALL
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('#agentcat-filter-category > summary')")
    page.keyboard.press("Enter")  # opens the list of categories
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first category
    slug = ENTRIES[0].category.slug
    assert controls(page)["category"] == [slug]
    assert set(shown_rows(page)) == set(reviewed) & set(expected([slug]))
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.matches('#agentcat-filter-category > summary')")
    tab_to(page, ".agentcat-filter__clear", limit=4)
    page.keyboard.press("Enter")
    assert shown_rows(page) == ALL
    assert page.evaluate("document.activeElement.id") == "agentcat-filter-search"
    # every control has a visible label tied to it
    labels = page.eval_on_selector_all(".agentcat-filter__form label", "ls => ls.map(l => l.htmlFor)")
    assert labels[0] == "agentcat-filter-search" and all(page.locator(f"#{f}").count() == 1 for f in labels)
    tab.assert_clean()


def test_without_javascript_the_whole_list_shows(open_tab):
    tab = open_tab(javascript=False)
    page = tab.open("agents/?search=zzzq+xxyv")
    assert shown_rows(page) == ALL
    assert page.locator("#agentcat-filter *").count() == 0
    assert page.locator("input.agentcat-pick:visible").count() == 0  # the install set needs JavaScript
    tab.assert_clean()
