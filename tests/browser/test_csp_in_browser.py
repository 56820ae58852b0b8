"""The Content-Security-Policy in Chromium: every kind of page, search, instant navigation and
copying run without a single violation, and what the policy forbids is really refused."""

from __future__ import annotations

import pytest

from agentcat import catalog

from conftest import ROOT
from .conftest import catalog_by_instant_navigation, clipboard, set_clipboard

pytestmark = pytest.mark.browser

ENTRIES = catalog.load_catalog(ROOT).entries
AGENT = ENTRIES[0]
PAGES = ["", "agents/", f"agents/{AGENT.category.slug}/", f"agents/{AGENT.category.slug}/{AGENT.name}/",
         "install/", "format/", "security/", "contributing/"]


def policy_in_head(page) -> str:
    """The policy, checked to be the first element of <head>."""
    return page.evaluate("""() => {
        const first = document.head.firstElementChild;
        return first.matches('meta[http-equiv="Content-Security-Policy"]') ? first.content : null;
    }""")


@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_every_kind_of_page_loads_without_a_violation(tab, path):
    page = tab.open(path)
    policy = policy_in_head(page)
    assert policy and "object-src 'none'" in policy
    # Material's inline scripts ran (they are allowed by hash): the palette script set the scheme
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert page.evaluate("typeof __md_get") == "function"
    tab.assert_clean()


def test_the_404_page_loads_without_a_violation(open_tab, instant_url):
    # 404.html addresses its assets from the site's root path: served where it was built for
    tab = open_tab(base=instant_url)
    page = tab.open("404.html")
    assert "object-src 'none'" in policy_in_head(page)
    assert page.evaluate("typeof __md_get") == "function"
    tab.assert_clean()


def test_search_works_under_the_policy(tab):
    page = tab.search("review")
    assert page.locator(".md-search-result__item").count() > 0
    tab.assert_clean()


def test_instant_navigation_palette_and_copy_under_the_policy(open_tab, instant_url):
    tab = open_tab(base=instant_url)
    page = catalog_by_instant_navigation(tab)
    page.locator("#agentcat-table").get_by_role("link", name=AGENT.name, exact=True).click()
    page.wait_for_selector(".agentcat-copy-file")
    assert page.evaluate("window.__sameDocument") is True, "instant navigation did a full page load"
    set_clipboard(page, "nothing copied yet")
    page.click(".agentcat-copy-file")
    page.wait_for_function("t => navigator.clipboard.readText().then(c => c !== t)", arg="nothing copied yet")
    assert clipboard(page).encode("utf-8") == AGENT.raw
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    tab.assert_clean()


def test_the_policy_refuses_inline_code_and_other_origins(tab):
    page = tab.open("agents/")
    ran = page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__injected = true";
        document.body.appendChild(s);
        const img = new Image();
        img.src = "https://example.org/pixel.png";
        document.body.appendChild(img);
        return window.__injected === true;
    }""")
    assert ran is False
    page.wait_for_function("window.__agentcatViolations.length >= 2")
    directives = sorted(v.split(" ")[0] for v in page.evaluate("window.__agentcatViolations"))
    assert directives == ["img-src", "script-src-elem"]
    assert tab.external == []  # refused before any request left the browser


def test_no_page_of_the_site_logs_a_csp_error(tab, site):
    """Every page the site has, the performance page's tables included: loaded without a
    violation or a console error."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) > 50
    for rel in pages:
        tab.open(rel[:-len("index.html")])
        assert tab.problems() == [], rel
