"""Category texts that try to be page metadata or markup, in Chromium: a title and a
description full of YAML and Markdown look-alikes (`template:`, `refresh`, quotes, colons,
`!!!` mid-line) are shown as the text they are on every page that carries them, and nothing
runs, redirects or renders as markup. (Texts with line breaks or that start a Markdown block
are refused by the linter before any page is built: tests/test_category_text.py.)"""

from __future__ import annotations

import pytest

from conftest import agent_text, make_project, mkdocs_build
from .conftest import LocalServer

pytestmark = pytest.mark.browser

TITLE = "Checks: template: main.html \"x\" 'y' !!! danger"
DESCRIPTION = ("Agents that check; refresh: 0; url=https://evil.example/ extra head: script "
               "!!! danger \"Install\" === \"Tab\" -- 'quoted' (done) % @ = ? /")
CATEGORIES = f"""- slug: checks
  title: '{TITLE.replace("'", "''")}'
  description: '{DESCRIPTION.replace("'", "''")}'
"""


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("injected-project"),
                           {"checks/fine-checker.md": agent_text("fine-checker")}, CATEGORIES)
    out = tmp_path_factory.mktemp("injected-site")
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-4000:]
    with LocalServer(out) as server:
        yield server.url


@pytest.mark.parametrize("path", ["", "agents/", "agents/checks/", "agents/checks/fine-checker/"],
                         ids=["home", "catalog", "category", "agent"])
def test_injected_texts_stay_text(open_tab, injected, path):
    tab = open_tab(base=injected)
    page = tab.open(path)
    page.wait_for_timeout(300)  # a meta refresh of 0 s would have fired by now
    assert page.url == injected + path, "the page redirected"
    assert page.evaluate("document.querySelectorAll('meta[http-equiv=refresh i]').length") == 0
    # what the injected texts would make if they were read as Markdown or HTML: a `danger`
    # admonition or collapsible, or an inline script carrying them (the site's own
    # collapsibles, such as the filters that list the category's title as text, are fine)
    made = page.evaluate("""[...document.querySelectorAll('.admonition.danger, details.danger, article script')]
        .filter(e => e.classList.contains('danger') || /evil|Checks:/.test(e.textContent))
        .map(e => e.outerHTML.slice(0, 200))""")
    assert made == []
    if path != "agents/checks/fine-checker/":  # the agent page has its own install tabs
        assert page.evaluate("document.querySelectorAll('.tabbed-set').length") == 0
    scripts = page.evaluate("[...document.scripts].filter(s => !s.src).map(s => s.textContent)")
    assert not any("evil" in s or "Checks:" in s for s in scripts)
    text = page.evaluate("document.body.innerText")
    if path in ("", "agents/", "agents/checks/"):
        assert TITLE in text  # the title, whole and literal
    if path == "agents/checks/":
        assert page.evaluate("document.querySelector('article h1').textContent.replace('¶', '').trim()") == TITLE
        assert DESCRIPTION in text
        assert page.title().startswith(TITLE)
    tab.assert_clean()  # no CSP violation, no console error, no request elsewhere
