"""axe-core (the copy that axe-playwright-python ships, injected from its local file) finds no
serious or critical violation on the main kinds of page, in the light and the dark palette."""

from __future__ import annotations

import pytest

from agentcat import catalog

from conftest import ROOT

pytestmark = pytest.mark.browser

ENTRIES = catalog.load_catalog(ROOT).entries
AGENT = next((e for e in ENTRIES if e.name == "code-reviewer"), ENTRIES[0])
PAGES = {
    "home": "",
    "catalog": "agents/",
    "category": f"agents/{AGENT.category.slug}/",
    "agent": f"agents/{AGENT.category.slug}/{AGENT.name}/",
    "install": "install/",
    "search": "agents/?search=reviewing+SQL+migrations&pick=sql-expert,code-reviewer",  # results and the install set
    "no-match": "agents/?search=zzzq+xxyv",
}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']}: {v['help']}")
        lines += [f"    {', '.join(n['target'])}: {n['failureSummary'].splitlines()[-1].strip()}" for n in v["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_violation(open_tab, name, scheme):
    from axe_playwright_python.sync_playwright import Axe

    tab = open_tab(color_scheme=scheme)
    page = tab.open(PAGES[name])
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], "\n" + report(bad)
    tab.assert_clean()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_404_page_has_no_serious_or_critical_violation(open_tab, instant_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    tab = open_tab(base=instant_url, color_scheme=scheme)
    page = tab.open("404.html")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], "\n" + report(bad)
    tab.assert_clean()
